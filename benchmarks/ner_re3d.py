"""Entity mentions on re3d (defence / diplomacy: US State Department, UK Government, CENTCOM, BBC, ...): ours vs
the bare spaCy model, on the same parse of each document.

Gold: ``shared/datasets/re3d/*/{documents,entities}.json`` (98 documents). Annotations with confidence < 0.5 are
dropped (the filter the re3d CoNLL conversion uses).

Label mapping:
* gold Person -> PER, Organisation -> ORG, Location -> LOC, Nationality -> NAT; every other type (Temporal,
  Weapon, Quantity, ...) is ignored.
* ours: person -> PER, organization -> ORG, country / place -> LOC, other (nationality words) -> NAT.
* bare spaCy: PERSON -> PER, ORG -> ORG, GPE / LOC / FAC -> LOC, NORP -> NAT.

Scoring. re3d annotates nested alternatives ("Iraqi President Fuad Masum" and "Fuad Masum"; Person spans often
include titles and descriptions: "the Prime Minister-designate, Haider al-Abadi"). Same-type gold spans that
overlap form one *group*; a group is found when a prediction matches one of its spans exactly (strict) or
overlaps it (``overlap``). A prediction that finds no group, or a group already found, is a false positive.
Micro F1 per type and over PER/ORG/LOC (``all``; NAT is reported alone: only 52 of the 242 Nationality
annotations pass the confidence filter, so it is mostly noise). Metrics: ``{ours,bare}_{per,org,loc,nat,all}_f1``,
``{ours,bare}_all_overlap_f1``, ``delta_per_f1``, ``delta_all_f1`` (ours - bare).

    python -m benchmarks.ner_re3d
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from communique.model import Document
from communique.nlp.entities import annotate
from communique.nlp.model_loader import load_model

TYPES = ("PER", "ORG", "LOC", "NAT")
# "all" leaves NAT out: after the confidence filter only 52 of 242 Nationality annotations remain, so most
# correct nationality words would count as false positives; NAT is still reported on its own.
ALL_TYPES = ("PER", "ORG", "LOC")
GOLD_MAP = {"Person": "PER", "Organisation": "ORG", "Location": "LOC", "Nationality": "NAT"}
OURS_MAP = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC", "other": "NAT"}
BARE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NAT"}
MIN_CONFIDENCE = 0.5  # re3d's own CoNLL conversion drops crowd annotations below this
BATCH = 8  # documents per nlp.pipe call

Span = tuple[int, int, str]


def _json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def read_re3d(root: Path) -> list[tuple[str, str, list[list[Span]]]]:
    """(document id, text, gold groups) for every document, sorted by id (deterministic)."""
    docs: dict[str, str] = {}
    spans: dict[str, set[Span]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for row in _json_lines(folder / "documents.json"):
            docs[row["_id"]] = row["text"]
        for row in _json_lines(folder / "entities.json"):
            kind = GOLD_MAP.get(row["type"])
            if kind and float(row.get("confidence", 1.0)) >= MIN_CONFIDENCE:
                spans.setdefault(row["documentId"], set()).add((int(row["begin"]), int(row["end"]), kind))
    out = []
    for doc_id in sorted(docs):
        out.append((doc_id, docs[doc_id], _groups(spans.get(doc_id, set()))))
    return out


def _groups(spans: set[Span]) -> list[list[Span]]:
    """Same-type overlapping spans -> one group."""
    groups: list[list[Span]] = []
    for kind in TYPES:
        current: list[Span] = []
        current_end = -1
        for span in sorted(s for s in spans if s[2] == kind):
            if current and span[0] < current_end:
                current.append(span)
                current_end = max(current_end, span[1])
                continue
            if current:
                groups.append(current)
            current, current_end = [span], span[1]
        if current:
            groups.append(current)
    return groups


def _count(groups: list[list[Span]], pred: set[Span], overlap: bool) -> dict[str, list[int]]:
    counts = {k: [0, 0, 0] for k in TYPES}  # tp, fp, fn
    found: set[int] = set()
    for span in sorted(pred):
        hit = None
        for index, group in enumerate(groups):
            if group[0][2] != span[2] or index in found:
                continue
            if any((g[0] == span[0] and g[1] == span[1]) or (overlap and g[0] < span[1] and span[0] < g[1]) for g in group):
                hit = index
                break
        if hit is None:
            counts[span[2]][1] += 1
        else:
            found.add(hit)
            counts[span[2]][0] += 1
    for index, group in enumerate(groups):
        if index not in found:
            counts[group[0][2]][2] += 1
    return counts


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(pairs: list[tuple[list[list[Span]], set[Span]]], prefix: str) -> dict[str, float]:
    totals = {k: [0, 0, 0] for k in TYPES}
    loose = {k: [0, 0, 0] for k in TYPES}
    for groups, pred in pairs:
        for kind, values in _count(groups, pred, overlap=False).items():
            for i in range(3):
                totals[kind][i] += values[i]
        for kind, values in _count(groups, pred, overlap=True).items():
            for i in range(3):
                loose[kind][i] += values[i]
    out = {f"{prefix}_{kind.lower()}_f1": _f1(*values) for kind, values in totals.items()}
    out[f"{prefix}_all_f1"] = _f1(*(sum(totals[k][i] for k in ALL_TYPES) for i in range(3)))
    out[f"{prefix}_all_overlap_f1"] = _f1(*(sum(loose[k][i] for k in ALL_TYPES) for i in range(3)))
    return out


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    docs = read_re3d(shared / "datasets" / "re3d")
    if limit is not None:
        docs = docs[:limit]
    nlp = load_model()
    ours_pairs, bare_pairs = [], []
    for (doc_id, text, groups), sdoc in zip(docs, nlp.pipe([d[1] for d in docs], batch_size=BATCH), strict=True):
        bare = {(e.start_char, e.end_char, BARE_MAP[e.label_]) for e in sdoc.ents if e.label_ in BARE_MAP}
        doc = annotate(Document(id=doc_id, source="re3d", text=text, kind="statement"), sdoc)
        ours = {(m.start, m.end, OURS_MAP[m.type]) for m in doc.mentions if m.type in OURS_MAP}
        ours_pairs.append((groups, ours))
        bare_pairs.append((groups, bare))
    metrics: dict[str, float] = {"docs": float(len(docs)), "gold_groups": float(sum(len(d[2]) for d in docs))}
    metrics.update(score(ours_pairs, "ours"))
    metrics.update(score(bare_pairs, "bare"))
    metrics["delta_per_f1"] = metrics["ours_per_f1"] - metrics["bare_per_f1"]
    metrics["delta_all_f1"] = metrics["ours_all_f1"] - metrics["bare_all_f1"]
    return metrics


if __name__ == "__main__":
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    print(json.dumps({k: round(v, 4) for k, v in run(shared, limit).items()}, indent=1))
