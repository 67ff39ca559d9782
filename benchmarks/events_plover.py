"""PLOVER event coding on the PLOVER gold standard records (../shared/datasets/plover_gsr).

Each gold sentence goes through the product path: a Document with the sentence as its clean text, then the
registered extraction stage ``communique.nlp.v1`` (entities, time, quotes, claims, events).

Split: per gold event type, records sorted by id, even positions are DEV (rules were written looking at these
only), odd positions are TEST. The metrics reported (and gated) are on TEST; ``dev_*`` are shown beside them.

Metrics:
* ``type_accuracy``: the first (primary) predicted event's type == gold type; no prediction counts as wrong.
  The GSR uses the PLOVER 0.5 names: our ACCUSE is scored as DISAPPROVE and REQUEST as DEMAND.
* ``majority_type_accuracy``: always predicting the most frequent DEV type.
* ``actor_f1``: gold source/target actor texts vs the primary event's participants, a pair matching when they
  share a content word; precision over participants, recall over gold actors, micro-averaged.
* ``mentions_actor_f1``: the baseline of taking every entity mention in the sentence as a participant.
* ``actor_span_f1`` (stricter, the one to read): a participant matches a gold actor only when its mention span
  overlaps the gold actor's occurrence in the sentence (the actor text located in the sentence, first occurrence),
  one-to-one; ``mentions_actor_span_f1`` is the every-entity baseline under the same rule. The word-sharing
  ``actor_f1`` above is kept for continuity: it credits any participant sharing a word with any actor.

Second check (reported, not tuned on, not gated): CASE 2021 task 2 snippets (../shared/datasets/case2021_task2),
gold DIPLO or AGREEMENT vs the other 28 classes; we predict "diplomatic" when a snippet's events include one of
CONSULT / AGREE / SUPPORT / COOPERATE: ``case_diplo_precision`` / ``_recall`` / ``_f1``, and the baseline of
calling every snippet diplomatic (``case_all_diplo_f1``).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from communique.model import Document, document_id
from communique.registry import get_stage

GSR_FILE = Path("datasets/plover_gsr/PLOVER_GSR_CAMEO.json")
CASE_FILE = Path("datasets/case2021_task2/test_set_final_release_with_labels.tsv")
CASE_GOLD = frozenset({"DIPLO", "AGREEMENT"})
DIPLOMATIC_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})
OLD_NAMES = {"ACCUSE": "DISAPPROVE", "REQUEST": "DEMAND"}  # PLOVER 2021 names -> the GSR's 0.5b1 names
_STOP = frozenset("the a an of and in on at to for from by with s his her its their new".split())
_WORD = re.compile(r"\w+")


def _records(shared: Path) -> list[dict[str, Any]]:
    data = json.loads((shared / GSR_FILE).read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") not in (None, "DOCUMENT") and (r.get("text") or "").strip()]


def split(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(dev, test): alternate within each gold type, by id."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_type[r["event"]].append(r)
    dev, test = [], []
    for typ in sorted(by_type):
        for i, r in enumerate(sorted(by_type[typ], key=lambda r: r["id"])):
            (dev if i % 2 == 0 else test).append(r)
    return dev, test


def _actors(record: dict[str, Any]) -> list[str]:
    out = []
    for key in ("source", "target"):
        value = record.get(key)
        if isinstance(value, list):
            out.extend(a["actorText"] for a in value if a.get("actorText"))
    return out


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _match_counts(gold: list[str], pred: list[str]) -> tuple[int, int, int, int]:
    """(correct predictions, predictions, matched gold, gold)."""
    gw = [_words(g) for g in gold]
    pw = [_words(p) for p in pred]
    correct = sum(1 for p in pw if any(p & g for g in gw))
    matched = sum(1 for g in gw if any(p & g for p in pw))
    return correct, len(pw), matched, len(gw)


def _gold_spans(text: str, gold: list[str]) -> list[tuple[int, int]]:
    """Where each gold actor text occurs in the sentence (first occurrence not already taken; case-insensitive)."""
    low = text.lower()
    spans: list[tuple[int, int]] = []
    for actor in gold:
        at = low.find(actor.lower())
        while at >= 0 and any(a == at for a, _ in spans):
            at = low.find(actor.lower(), at + 1)
        if at >= 0:
            spans.append((at, at + len(actor)))
    return spans


def _span_counts(gold: list[tuple[int, int]], n_gold: int, pred: list[tuple[int, int]]) -> tuple[int, int, int, int]:
    """(correct predictions, predictions, matched gold, gold): one-to-one by span overlap."""
    used: set[int] = set()
    correct = 0
    for a, b in pred:
        hit = next((i for i, (x, y) in enumerate(gold) if i not in used and a < y and x < b), None)
        if hit is not None:
            used.add(hit)
            correct += 1
    return correct, len(pred), correct, n_gold


def _f1(c: int, p: int, m: int, g: int) -> float:
    prec = c / p if p else 0.0
    rec = m / g if g else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _evaluate(records: list[dict[str, Any]], majority: str, extract: Any) -> dict[str, float]:
    right = majority_right = 0
    ours = [0, 0, 0, 0]
    base = [0, 0, 0, 0]
    ours_span = [0, 0, 0, 0]
    base_span = [0, 0, 0, 0]
    for r in records:
        text = r["text"].strip()
        doc = Document(id=document_id(text.encode()), source="plover_gsr", raw=text, text=text, kind="news")
        doc = extract(doc)
        event = doc.events[0] if doc.events else None
        predicted = OLD_NAMES.get(event.type, event.type) if event else None
        right += predicted == r["event"]
        majority_right += majority == r["event"]
        gold = _actors(r)
        parts = [p[0] for p in event.participants] if event else []
        every_mentions = [m for m in doc.mentions if m.type != "other"]
        if not doc.mentions:  # entity stage not wired yet: the parse's own entities, as the extractor uses them
            from communique.events.extract import _mentions_from_ents
            from communique.nlp.model_loader import parse

            every_mentions = list(_mentions_from_ents(parse(text)))
        every = [m.text for m in every_mentions]
        for acc, pred in ((ours, parts), (base, every)):
            for i, v in enumerate(_match_counts(gold, pred)):
                acc[i] += v
        spans = _gold_spans(text, gold)
        part_spans = [(p[1], p[2]) for p in event.participants] if event else []
        every_spans = [(m.start, m.end) for m in every_mentions]
        for acc, pred_spans in ((ours_span, part_spans), (base_span, every_spans)):
            for i, v in enumerate(_span_counts(spans, len(gold), pred_spans)):
                acc[i] += v
    n = len(records) or 1
    return {
        "type_accuracy": right / n,
        "majority_type_accuracy": majority_right / n,
        "actor_f1": _f1(*ours),
        "mentions_actor_f1": _f1(*base),
        "actor_precision": ours[0] / ours[1] if ours[1] else 0.0,
        "actor_recall": ours[2] / ours[3] if ours[3] else 0.0,
        "actor_span_f1": _f1(*ours_span),
        "mentions_actor_span_f1": _f1(*base_span),
        "n": float(len(records)),
    }


def _case(shared: Path, extract: Any, limit: int | None) -> dict[str, float]:
    path = shared / CASE_FILE
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.count("\t") >= 2]
    rows = rows[:limit] if limit is not None else rows
    tp = fp = fn = 0
    for _id, snippet, label in rows:
        text = snippet.strip()
        doc = extract(Document(id=document_id(text.encode()), source="case2021", raw=text, text=text, kind="news"))
        predicted = any(e.type in DIPLOMATIC_TYPES for e in doc.events)
        gold = label.strip() in CASE_GOLD
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    positives = tp + fn
    return {
        "case_diplo_precision": tp / (tp + fp) if tp + fp else 0.0,
        "case_diplo_recall": tp / positives if positives else 0.0,
        "case_diplo_f1": _f1(tp, tp + fp, tp, positives),
        "case_all_diplo_f1": _f1(positives, len(rows), positives, positives),
    }


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    dev, test = split(_records(shared))
    if limit is not None:
        dev, test = dev[:limit], test[:limit]
    majority = Counter(r["event"] for r in dev).most_common(1)[0][0]
    extract = get_stage("communique.nlp.v1")
    metrics = _evaluate(test, majority, extract)
    metrics.update({f"dev_{k}": v for k, v in _evaluate(dev, majority, extract).items()})
    metrics.update(_case(shared, extract, limit))
    return metrics


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    print(json.dumps({k: round(v, 4) for k, v in run(shared_dir(), limit).items()}, indent=1))
