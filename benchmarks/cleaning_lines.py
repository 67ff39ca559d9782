"""Line classifier (the scraped-text path of ``communique.clean.v1``) on naively rendered benchmark pages.

Data: scrapinghub/article-extraction-benchmark (181 pages). Each page is rendered to naive text lines
(:func:`communique.clean.html.render_text_lines`: every non-blank text node is a line; script, style, noscript and
template skipped); OUR line classifier (:func:`communique.clean.lines.classify_lines`, not trafilatura) judges
the lines; kept lines are scored against labels derived from the gold ``articleBody``.

Labelling rule (lines are lower-cased and tokenised with ``re.findall(r'\\w+')``, as the upstream metric):
* a line with fewer than ``MIN_TOKENS`` tokens is NOT scored (inline fragments such as "said", "Trump", "|"
  cannot be told apart from menu items by text alone; their share is reported as ``unscored_share``);
* a scored line is BODY when at least ``BODY_SHARE`` of its tokens lie inside a token trigram of the line that
  also occurs in the gold body (so its words are found, in order, in the gold text), else BOILERPLATE.

Metrics: ``precision`` = body lines among kept scored lines, ``recall`` = kept lines among body lines, and the
same weighted by characters (``char_precision``, ``char_recall``). Split: pages are split by a hash of their id
into a dev half (used to tune the classifier) and a test half (reported and gated); ``dev_*`` metrics are
printed for information only.

    python -m benchmarks.cleaning_lines [limit]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from benchmarks.extraction_html import load_pages

__all__ = ["split_of", "label_lines", "run"]

MIN_TOKENS = 4  # shorter lines are inline fragments or menu items: not scored (see module docstring)
BODY_SHARE = 0.8  # share of a line's tokens found (in order, as trigrams) in the gold body to call it body
NGRAM = 3  # tokens must match in runs of three: single common words do not make a line body
_TOKEN = re.compile(r"\w+")


def split_of(item_id: str) -> str:
    """``dev`` or ``test``: a stable half split by hash of the page id."""
    return "dev" if hashlib.sha256(f"cleaning-split:{item_id}".encode()).digest()[0] % 2 == 0 else "test"


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def label_lines(lines: list[str], gold: str) -> list[bool | None]:
    """True (body), False (boilerplate) or None (too short to score) for each line."""
    gold_tokens = _tokens(gold)
    grams = {tuple(gold_tokens[i : i + NGRAM]) for i in range(len(gold_tokens) - NGRAM + 1)}
    labels: list[bool | None] = []
    for line in lines:
        toks = _tokens(line)
        if len(toks) < MIN_TOKENS:
            labels.append(None)
            continue
        covered = [False] * len(toks)
        for i in range(len(toks) - NGRAM + 1):
            if tuple(toks[i : i + NGRAM]) in grams:
                covered[i : i + NGRAM] = [True] * NGRAM
        labels.append(sum(covered) / len(toks) >= BODY_SHARE)
    return labels


def _score(counts: dict[str, float], prefix: str) -> dict[str, float]:
    def ratio(a: float, b: float) -> float:
        return a / b if b else 1.0

    return {
        f"{prefix}precision": ratio(counts["tp"], counts["tp"] + counts["fp"]),
        f"{prefix}recall": ratio(counts["tp"], counts["tp"] + counts["fn"]),
        f"{prefix}char_precision": ratio(counts["ctp"], counts["ctp"] + counts["cfp"]),
        f"{prefix}char_recall": ratio(counts["ctp"], counts["ctp"] + counts["cfn"]),
        f"{prefix}unscored_share": ratio(counts["unscored"], counts["lines"]),
        f"{prefix}pages": counts["pages"],
    }


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from communique.clean.html import render_text_lines
    from communique.clean.lines import classify_lines

    keys = ("tp", "fp", "fn", "ctp", "cfp", "cfn", "unscored", "lines", "pages")
    counts = {half: dict.fromkeys(keys, 0.0) for half in ("dev", "test")}
    for item_id, _url, html, gold in load_pages(shared, limit):
        c = counts[split_of(item_id)]
        lines = render_text_lines(html)
        verdicts = classify_lines(lines, markdown=True)
        c["pages"] += 1
        c["lines"] += len(lines)
        for line, label, verdict in zip(lines, label_lines(lines, gold), verdicts, strict=True):
            if label is None:
                c["unscored"] += 1
                continue
            n = len(line)
            if verdict.keep and label:
                c["tp"], c["ctp"] = c["tp"] + 1, c["ctp"] + n
            elif verdict.keep:
                c["fp"], c["cfp"] = c["fp"] + 1, c["cfp"] + n
            elif label:
                c["fn"], c["cfn"] = c["fn"] + 1, c["cfn"] + n
    return {**_score(counts["test"], ""), **_score(counts["dev"], "dev_")}


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    print(json.dumps(run(shared_dir(), int(sys.argv[1]) if len(sys.argv) > 1 else None), indent=2))
