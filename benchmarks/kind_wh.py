"""Document kind detection on White House briefing-room pages (``datasets/wh_briefings_readouts``).

Gold comes from each file's front matter (title, folder), never from its body:
readout ("Readout of ..."), statement ("Statement from/by ...", "Joint Statement ..."), transcript (press-briefings
folder, "Press Briefing/Gaggle/Call", "Remarks by A and B" with several speakers), speech ("Remarks by <one person>",
"Remarks as Prepared for Delivery"). Other pages (fact sheets, proclamations, ...) are left out.

The stage sees only the body text (no title): that is the main metric ``accuracy`` (on the test half).
``accuracy_with_title`` gives it the title too, as an HTML page's metadata would (near 1.0 by construction: the
gold comes from the same title). Two more genres guard against over-firing: UN General Debate speeches
(``recall_speech_ungd``) and PolNeAR political news (``recall_news_polnear``). Files are split in two halves by a
hash of their path: ``dev`` to tune on, ``test`` to report; ``--split dev`` prints the dev numbers.

    python -m benchmarks.kind_wh [--split dev|test] [--limit N] [--errors]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

from communique.ingest.metadata import classify_kind, find_dateline, speaker_turns
from communique.model import KINDS

DATASET = "datasets/wh_briefings_readouts"
_FRONT_RE = re.compile(r"\A---\n(?P<head>.*?)\n---\n", re.S)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_RE.match(text)
    if not m:
        return {}, text
    head: dict[str, str] = {}
    key = None
    for line in m["head"].splitlines():  # flat YAML: "key: value" with folded continuation lines
        if (km := re.match(r"^(\w+):\s*(.*)$", line)) and not line.startswith(" "):
            key = km[1]
            head[key] = km[2]
        elif key:
            head[key] += " " + line.strip()
    for k, v in head.items():
        v = v.strip()
        if v[:1] in "\"'":
            v = v[1:-1] if v[-1:] == v[:1] else v[1:]
            v = v.replace("\\_", " ").replace("\\ ", " ").replace("\\\n", "")
            v = re.sub(r"\\u([0-9a-fA-F]{4})", lambda mm: chr(int(mm[1], 16)), v)
            v = re.sub(r"\\x([0-9a-fA-F]{2})", lambda mm: chr(int(mm[1], 16)), v)
            v = v.replace("\\ ", " ")
        head[k] = re.sub(r"\s+", " ", v)
    return head, text[m.end() :]


def _body(markdown: str) -> str:
    """Light markdown cleanup: emphasis markers, non-breaking spaces, trailing spaces (what cleaning does)."""
    text = markdown.replace("\u00a0", " ")
    text = re.sub(r"(?<!\w)[*_]{1,2}|[*_]{1,2}(?!\w)", "", text)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"


def gold_kind(path: Path, head: dict[str, str], body: str) -> str | None:
    """The kind named by the page's title and folder; None for genres outside the taxonomy."""
    title = head.get("title", "")
    if re.match(r"\s*read-?out\b", title, re.I):
        return "readout"
    if path.parent.parent.name == "press-briefings" or re.search(r"press (?:briefing|gaggle|call)|background call", title, re.I):
        return "transcript"
    if re.match(r"\s*(?:joint\s+)?statements?\b", title, re.I):
        return "statement"
    if re.match(r"\s*remarks\b", title, re.I):
        if re.search(r"as prepared for delivery", title, re.I):
            return "speech"
        # "Remarks by A and B ...": a dialogue when the body has two or more speakers
        return "transcript" if len(speaker_turns(body)) >= 2 else "speech"
    return None


def _split(path: Path) -> str:
    return "dev" if hashlib.sha1(path.name.encode()).digest()[0] % 2 == 0 else "test"


def evaluate(shared: Path, split: str = "test", limit: int | None = None, errors: bool = False) -> dict[str, float]:
    root = shared / DATASET
    files = sorted(p for p in root.rglob("*.md") if p.name != "README.md" and _split(p) == split)
    total = correct = correct_title = 0
    per_gold: Counter[str] = Counter()
    per_hit: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for path in files:
        head, md = _front_matter(path.read_text(encoding="utf-8"))
        body = _body(md)
        gold = gold_kind(path, head, body)
        if gold is None:
            continue
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        dateline = find_dateline(lines, turns=sum(speaker_turns(body).values()))
        got = classify_kind(body, None, dateline=dateline)
        got_title = classify_kind(body, head.get("title"), dateline=dateline)
        total += 1
        per_gold[gold] += 1
        correct += got == gold
        correct_title += got_title == gold
        per_hit[gold] += got == gold
        if got != gold:
            confusion[(gold, got)] += 1
            if errors:
                print(f"{gold:>10} -> {got:<12} {path.relative_to(root)}", file=sys.stderr)
        if limit and total >= limit:
            break
    metrics = {
        "accuracy": correct / total if total else 0.0,
        "accuracy_with_title": correct_title / total if total else 0.0,
        "documents": float(total),
    }
    for kind in KINDS:
        if per_gold[kind]:
            metrics[f"recall_{kind}"] = per_hit[kind] / per_gold[kind]
    metrics["macro_recall"] = sum(metrics[f"recall_{k}"] for k in per_gold) / len(per_gold) if per_gold else 0.0
    if errors:
        print(json.dumps({f"{g}->{p}": n for (g, p), n in confusion.most_common()}), file=sys.stderr)
    return metrics


def _kind(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return classify_kind(text, None, dateline=find_dateline(lines, turns=sum(speaker_turns(text).values())))


def evaluate_other_genres(shared: Path, split: str = "test", limit: int | None = None) -> dict[str, float]:
    """Two checks outside the White House set, on the same dev/test halves:
    ``recall_speech_ungd``: UN General Debate speeches (USA, Mexico; 1946-2024) must come out as ``speech``;
    ``recall_news_polnear``: PolNeAR political news articles (dev + test folders) must come out as ``news``."""
    metrics: dict[str, float] = {}
    for metric, folder, pattern, want in (
        ("recall_speech_ungd", "datasets/ungdc_usa_mex", "*.txt", "speech"),
        ("recall_news_polnear", "datasets/polnear", "*/text/*.txt", "news"),
    ):
        files = [p for p in sorted((shared / folder).glob(pattern)) if _split(p) == split]
        if "polnear" in folder:
            files = [p for p in files if p.parent.parent.name in ("dev", "test")]
        files = files[:limit] if limit else files
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
        texts = [t for t in texts if len(t.split()) >= MIN_WORDS_OTHER]
        if texts:
            metrics[metric] = sum(_kind(t) == want for t in texts) / len(texts)
    return metrics


MIN_WORDS_OTHER = 50  # a few UNGD files are near-empty placeholders


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    return evaluate(shared, "test", limit) | evaluate_other_genres(shared, "test", limit)


if __name__ == "__main__":
    args = sys.argv[1:]
    split = args[args.index("--split") + 1] if "--split" in args else "test"
    limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    from benchmarks.gate import shared_dir

    found = evaluate(shared_dir(), split, limit, "--errors" in args) | evaluate_other_genres(shared_dir(), split, limit)
    print(json.dumps(found, indent=1))
