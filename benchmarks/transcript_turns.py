"""Transcript turns on White House briefing-room transcripts (``shared/datasets/wh_briefings_readouts``).

Documents: every Markdown file of the set whose source has at least MIN_GOLD_TURNS speaker labels, one of them used
twice (press briefings, remarks with several speakers, background calls; not fact sheets with one-off capitalised
headings); sorted by path, ``limit`` takes the first ones.

Gold (silver, from the source Markdown, before any cleaning): a turn starts at a line whose first non-blank text is
an upper-case label followed by a colon (``MS. PSAKI:``, ``PRESIDENT LÓPEZ OBRADOR:``, optionally in ``**bold**``)
or a bare ``Q`` followed by spaces, and runs to the next such line (or an ``END  1:45 P.M.`` line). Its key is (label, the first KEY_WORDS words of
its speech) where interpreter notes and stage directions in parentheses are dropped; turns with no words are not
turns. A turn is interpreted when its text has an "(As interpreted)" / "(Via interpreter)" style note.

Prediction: the product path: ``communique.clean.v1`` (when registered, else the raw text), the metadata stage
(when registered, for ``doc.kind``), then the quotes extractor; a predicted turn = the quotes sharing one label
(``cue`` ends with ":"), keyed the same way. Turn detection needs no parse, so the spaCy parse is skipped (speed).

Metrics: ``turn_f1`` (micro over documents, multiset match of keys), ``turn_precision``, ``turn_recall``,
``interpreted_precision`` (of predicted interpreted turns that match a gold turn, the share that is interpreted in the
gold; 1.0 when none is predicted) and ``interpreted_recall``.

    python -m benchmarks.transcript_turns
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

MIN_GOLD_TURNS = 3  # fewer labels is a statement with a list, not a transcript
KEY_WORDS = 6  # six words identify a turn's start; fewer collide on "Thank you." openings
_GOLD_LABEL = re.compile(
    r"^[^\S\n]*(?:\*\*)?(?:(?P<label>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ \-]{0,58}[A-ZÀ-ÖØ-Þ.])[ \t]*(?:\*\*)?:(?:\*\*)?|(?P<q>Q)(?:\*\*)?(?=[^\S\n]))",
    re.MULTILINE,
)
_PARENS = re.compile(r"\([^)]*\)")
_INTERPRETED = re.compile(r"\([^)]*interpret[^)]*\)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_END = re.compile(r"^[^\S\n]*END[^\S\n]+\d", re.MULTILINE)  # "END  1:45 P.M. EDT" closes the transcript
_EXCLUDED = {"NOTE", "UPDATE", "END"}


def _body(raw: str) -> str:
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        if end > 0:
            return raw[raw.find("\n", end + 1) + 1 :]
    return raw


def _key(label: str, speech: str) -> tuple[str, tuple[str, ...]]:
    words = tuple(w.lower() for w in _WORD.findall(_PARENS.sub(" ", speech))[:KEY_WORDS])
    return " ".join(label.upper().split()), words


def gold_turns(raw: str) -> list[tuple[tuple[str, tuple[str, ...]], bool]]:
    body = _body(raw)
    marks = [
        (m.start(), m.end(), m["q"] or m["label"])
        for m in _GOLD_LABEL.finditer(body)
        if (m["q"] or m["label"].strip(" .")) not in _EXCLUDED
    ]
    out = []
    for i, (_, end, label) in enumerate(marks):
        speech = body[end : marks[i + 1][0] if i + 1 < len(marks) else len(body)]
        speech = _END.split(speech)[0]
        key = _key(label, speech)
        if key[1]:
            out.append((key, bool(_INTERPRETED.search(speech[:200]))))
    return out


def turn_groups(doc: Any) -> list[tuple[str, list[Any]]]:
    """The product path on one document (clean, metadata, quotes without a parse): its speaker turns, each as
    (label cue ending with ":", the quotes that share it), in text order."""
    from communique.errors import ConfigError
    from communique.nlp import quotes
    from communique.registry import get_stage

    for name in ("communique.clean.v1", "communique.metadata.v1"):
        try:
            doc = get_stage(name)(doc)
        except ConfigError:
            continue
    doc = quotes.annotate(doc, None)
    turns: dict[tuple[int | None, str], list[Any]] = {}
    for q in doc.quotes:
        if q.cue and q.cue.endswith(":"):
            turns.setdefault((q.speaker_start, q.cue), []).append(q)
    return [(cue, pieces) for (_, cue), pieces in sorted(turns.items(), key=lambda kv: kv[1][0].start)]


def predicted_turns(raw: str, source: str) -> list[tuple[tuple[str, tuple[str, ...]], bool]]:
    from communique.model import Document, document_id

    doc = Document(id=document_id(raw.encode()), source=source, raw=raw, content_type="markdown", text=raw)
    return [(_key(cue[:-1], " ".join(q.text for q in pieces)), pieces[0].interpreted)
            for cue, pieces in turn_groups(doc)]


def documents(shared: Path, limit: int | None = None) -> list[Path]:
    root = shared / "datasets" / "wh_briefings_readouts"
    paths = [p for p in sorted(root.rglob("*.md")) if p.name != "README.md"]
    chosen = []
    for p in paths:
        labels = Counter(key[0] for key, _ in gold_turns(p.read_text(encoding="utf-8")))
        if sum(labels.values()) >= MIN_GOLD_TURNS and max(labels.values()) >= 2:  # someone speaks twice
            chosen.append(p)
    return chosen[:limit]


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    n_gold = n_pred = n_match = 0
    interp_pred = interp_ok = interp_gold = interp_found = 0
    paths = documents(shared, limit)
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        gold = gold_turns(raw)
        pred = predicted_turns(raw, str(path.relative_to(shared)))
        g_keys = Counter(k for k, _ in gold)
        p_keys = Counter(k for k, _ in pred)
        n_gold += sum(g_keys.values())
        n_pred += sum(p_keys.values())
        n_match += sum((g_keys & p_keys).values())
        gold_interp = {k: i for k, i in gold}
        for k, interpreted in pred:
            if interpreted and k in gold_interp:
                interp_pred += 1
                interp_ok += gold_interp[k]
        pred_interp = {k: i for k, i in pred}
        for k, interpreted in gold:
            if interpreted:
                interp_gold += 1
                interp_found += pred_interp.get(k, False)
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    return {
        "turn_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "turn_precision": precision,
        "turn_recall": recall,
        "interpreted_precision": interp_ok / interp_pred if interp_pred else 1.0,
        "interpreted_recall": interp_found / interp_gold if interp_gold else 1.0,
        "gold_turns": float(n_gold),
        "documents": float(len(paths)),
    }


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    print(json.dumps({k: round(v, 4) for k, v in run(shared_dir(), limit).items()}, indent=1))
