"""Line classifier (the scraped-text path of ``communique.clean.v1``) on naively rendered benchmark pages.

Data: scrapinghub/article-extraction-benchmark (181 pages). Each page is rendered to naive text lines
(:func:`communique.clean.html.render_text_lines`: every non-blank text node is a line; script, style, noscript and
template skipped); OUR line classifier (:func:`communique.clean.lines.classify_lines`, not trafilatura: the rule
cascade plus the trained line model of step 4, trained on the dev half only by ``scripts/train_line_model.py``)
judges the lines; kept lines are scored against labels derived from the gold ``articleBody``.

Kept by design and counted as errors here: the gold body leaves out the headline, the dateline and wire
datelines such as "NEW DELHI: ..."; the classifier keeps the headline (first copy), the first date line and
upper-case speaker turns, which bounds the reachable precision (test half: 161 of 3,753 kept scored lines, 4 points).

Labelling rule (lines are lower-cased and tokenised with ``re.findall(r'\\w+')``, as the upstream metric):
* a line with fewer than ``MIN_TOKENS`` tokens is NOT scored (inline fragments such as "said", "Trump", "|"
  cannot be told apart from menu items by text alone; their share is reported as ``unscored_share``);
* a scored line is BODY when at least ``BODY_SHARE`` of its tokens lie inside a token trigram of the line that
  also occurs in the gold body (so its words are found, in order, in the gold text), else BOILERPLATE.

Metrics: ``precision`` = body lines among kept scored lines, ``recall`` = kept lines among body lines, and the
same weighted by characters (``char_precision``, ``char_recall``). Over ALL lines, short ones included
(``all_precision``, ``all_recall``, ``all_char_precision``, ``all_char_recall``; reported, not gated): a line of
fewer than ``MIN_TOKENS`` tokens is body when its tokens occur, in order and adjacent, in the gold body (so a
one-word menu item that the article also uses counts as body: these metrics bound the short-line error from
both sides only roughly), a line without any token is boilerplate. Split: pages are split by a hash of their id
into a dev half (used to tune the classifier) and a test half (reported and gated); ``dev_*`` metrics are
printed for information only.

White House check (``wh_sentence_recall``, gated): the clean stage (:func:`communique.clean.stage.clean`) runs
over the White House markdown files of ``datasets/wh_briefings_readouts`` (clean article bodies with YAML front
matter: readouts, statements, press-briefing transcripts); every sentence of the body (front matter removed,
markdown decoration removed, paragraphs split at sentence punctuation, at least ``WH_MIN_TOKENS`` tokens) must
survive in the clean text (its tokens found, in order, in the clean text's tokens). The files are split by the
same hash into halves (the trained line model may learn from the dev half); ``wh_sentence_recall`` is the test
half, ``dev_wh_sentence_recall`` the dev half.

    python -m benchmarks.cleaning_lines [limit]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from benchmarks.extraction_html import load_pages

__all__ = ["split_of", "label_lines", "label_all_lines", "wh_files", "wh_sentences", "wh_recall", "run"]

MIN_TOKENS = 4  # shorter lines are inline fragments or menu items: not scored (see module docstring)
BODY_SHARE = 0.8  # share of a line's tokens found (in order, as trigrams) in the gold body to call it body
NGRAM = 3  # tokens must match in runs of three: single common words do not make a line body
_TOKEN = re.compile(r"\w+")
WH_DATASET = "datasets/wh_briefings_readouts"
WH_MIN_TOKENS = 4  # shorter pieces ("Oval Office", "11:26 A.M. EDT") are headers, not sentences
WH_WRAP_MIN_CHARS = 50  # the files are hard-wrapped at ~72 columns: a shorter line ends its paragraph / list item
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“(])")


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


def label_all_lines(lines: list[str], gold: str) -> list[bool]:
    """Every line labelled: :func:`label_lines`, and a short line is body when its tokens occur, in order and
    adjacent, in the gold body (a line without tokens is boilerplate)."""
    gold_tokens = _tokens(gold)
    short = {
        tuple(gold_tokens[i : i + n]) for n in range(1, MIN_TOKENS) for i in range(len(gold_tokens) - n + 1)
    }
    out: list[bool] = []
    for line, label in zip(lines, label_lines(lines, gold), strict=True):
        toks = tuple(_tokens(line))
        out.append(label if label is not None else bool(toks) and toks in short)
    return out


def wh_files(shared: Path, limit: int | None = None) -> list[Path]:
    """The White House markdown files (README excluded), sorted."""
    root = shared / WH_DATASET
    files = sorted(p for p in root.rglob("*.md") if p.parent != root)
    return files[:limit] if limit is not None else files


def wh_sentences(raw: str) -> list[str]:
    """The body's sentences: front matter dropped, markdown decoration removed, paragraphs split at . ! ?"""
    from communique.clean.markdown import strip_markdown_line

    lines = raw.replace("\r\n", "\n").split("\n")
    if lines and lines[0].strip() == "---" and "---" in lines[1:]:  # skip the front matter, closing --- included
        lines = lines[lines.index("---", 1) + 1 :]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        md = strip_markdown_line(line)
        text = md.text.strip()
        if md.bullet and paragraphs[-1]:  # a list item starts its own paragraph
            paragraphs.append([])
        if text:
            paragraphs[-1].append(text)
        if (not text or len(line.rstrip()) < WH_WRAP_MIN_CHARS) and paragraphs[-1]:
            paragraphs.append([])  # a blank line, or a line that ends before the wrap width, ends a paragraph
    sentences = []
    for para in paragraphs:
        for sent in _SENTENCE_END.split(" ".join(para)):
            if len(_tokens(sent)) >= WH_MIN_TOKENS:
                sentences.append(sent)
    return sentences


def wh_recall(shared: Path, limit: int | None = None) -> dict[str, float]:
    """Share of White House body sentences kept by the clean stage, per split half."""
    from communique.clean.stage import clean
    from communique.model import Document

    kept = {"dev": 0, "test": 0}
    total = {"dev": 0, "test": 0}
    root = shared / WH_DATASET
    for path in wh_files(shared, limit):
        rel = path.relative_to(root).as_posix()
        raw = path.read_text(encoding="utf-8")
        doc = clean(Document(id=rel, source="wh", raw=raw, content_type="markdown"))
        clean_tokens = " " + " ".join(_tokens(doc.text)) + " "
        half = split_of(rel)
        for sent in wh_sentences(raw):
            total[half] += 1
            kept[half] += (" " + " ".join(_tokens(sent)) + " ") in clean_tokens
    return {
        "wh_sentence_recall": kept["test"] / total["test"] if total["test"] else 1.0,
        "dev_wh_sentence_recall": kept["dev"] / total["dev"] if total["dev"] else 1.0,
        "wh_sentences": float(total["test"]),
    }


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
    every = dict.fromkeys(keys, 0.0)  # test half, all lines (short ones included)
    for item_id, _url, html, gold in load_pages(shared, limit):
        c = counts[split_of(item_id)]
        lines = render_text_lines(html)
        verdicts = classify_lines(lines, markdown=True)
        if split_of(item_id) == "test":
            every["pages"] += 1
            every["lines"] += len(lines)
            for line, body, verdict in zip(lines, label_all_lines(lines, gold), verdicts, strict=True):
                n = len(line)
                if verdict.keep and body:
                    every["tp"], every["ctp"] = every["tp"] + 1, every["ctp"] + n
                elif verdict.keep:
                    every["fp"], every["cfp"] = every["fp"] + 1, every["cfp"] + n
                elif body:
                    every["fn"], every["cfn"] = every["fn"] + 1, every["cfn"] + n
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
    everything = {k: v for k, v in _score(every, "all_").items() if k.endswith(("precision", "recall"))}
    return {**_score(counts["test"], ""), **_score(counts["dev"], "dev_"), **everything, **wh_recall(shared, limit)}


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    print(json.dumps(run(shared_dir(), int(sys.argv[1]) if len(sys.argv) > 1 else None), indent=2))
