"""TempEval-3 time expression benchmark (communique.nlp.timex against TIMEX3 gold).

Each document's TimeML tags are stripped (gold TIMEX3 offsets are kept), its DCT becomes ``published``, and
:func:`communique.nlp.timex.find_timexes` runs on the text with the shared spaCy parse.

Metrics (span match = overlap, the relaxed TempEval-3 criterion):
- ``precision`` / ``recall`` / ``f1``: spans.
- ``value_accuracy``: of the gold TIMEX3 we found, the share whose value equals the gold value.
- ``strict_value_accuracy``: correct values / all gold TIMEX3.
- ``value_f1``: TempEval-3's relaxed value F1 (correct values over predictions and over gold), comparable to
  HeidelTime's published 0.776 (``heideltime_value_f1``, printed beside ours).

    python -m benchmarks.time_tempeval            # te3-platinum test (report this)
    python -m benchmarks.time_tempeval --train    # TBAQ-cleaned training docs (tune on these only)
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from communique.nlp.model_loader import parse
from communique.nlp.timex import find_timexes

HEIDELTIME_VALUE_F1 = 0.776  # HeidelTime, TempEval-3 task A, relaxed value F1 (UzZaman et al. 2013)


def read_tml(path: Path) -> tuple[str, str | None, list[dict[str, Any]]]:
    """(text, DCT value, gold TIMEX3 list with start/end/value/type) from one TimeML file."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value") if dct_el is not None else None
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[dict[str, Any]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            gold.append({"start": start, "end": pos, "value": el.get("value"), "type": el.get("type")})

    if text_el is not None:
        walk(text_el)
    return "".join(parts), dct, gold


def _files(shared: Path, train: bool) -> list[Path]:
    base = shared / "datasets" / "tempeval3"
    if train:
        return sorted((base / "TBAQ-cleaned").glob("*/*.tml"))
    return sorted((base / "te3-platinum").glob("*.tml"))


def evaluate(files: list[Path], errors: list[str] | None = None) -> dict[str, float]:
    n_gold = n_pred = gold_found = pred_matched = correct = 0
    for path in files:
        text, dct, gold = read_tml(path)
        preds = [t for t, _ in find_timexes(text, dct[:10] if dct else None, parse(text))]
        n_gold += len(gold)
        n_pred += len(preds)
        for p in preds:
            if any(p.start < g["end"] and g["start"] < p.end for g in gold):
                pred_matched += 1
        for g in gold:
            overlapping = [p for p in preds if p.start < g["end"] and g["start"] < p.end]
            if not overlapping:
                if errors is not None:
                    errors.append(
                        f"MISS {path.name} {text[g['start'] : g['end']]!r} {g['type']} {g['value']}"
                    )
                continue
            gold_found += 1
            best = max(overlapping, key=lambda p: min(p.end, g["end"]) - max(p.start, g["start"]))
            if best.value == g["value"]:
                correct += 1
            elif errors is not None:
                errors.append(
                    f"VALUE {path.name} gold {text[g['start'] : g['end']]!r}={g['value']} "
                    f"pred {best.text!r}={best.value} dct={dct}"
                )
        if errors is not None:
            for p in preds:
                if not any(p.start < g["end"] and g["start"] < p.end for g in gold):
                    errors.append(f"FP {path.name} {p.text!r} {p.type} {p.value}")
    precision = pred_matched / n_pred if n_pred else 0.0
    recall = gold_found / n_gold if n_gold else 0.0
    value_p = correct / n_pred if n_pred else 0.0
    value_r = correct / n_gold if n_gold else 0.0
    return {
        "docs": float(len(files)),
        "gold": float(n_gold),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "value_accuracy": correct / gold_found if gold_found else 0.0,
        "strict_value_accuracy": value_r,
        "value_f1": 2 * value_p * value_r / (value_p + value_r) if value_p + value_r else 0.0,
        "heideltime_value_f1": HEIDELTIME_VALUE_F1,
    }


def run(shared: Path, limit: int | None = None, train: bool = False) -> dict[str, float]:
    files = _files(shared, train)
    if not files:
        raise SystemExit(f"time_tempeval: no .tml files under {shared / 'datasets' / 'tempeval3'}")
    return evaluate(files[:limit] if limit else files)


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    args = sys.argv[1:]
    train = "--train" in args
    if "--errors" in args:
        errs: list[str] = []
        files = _files(shared_dir(), train)
        metrics = evaluate(files, errs)
        kinds = Counter(e.split()[0] for e in errs)
        print("\n".join(errs))
        print(dict(kinds))
    else:
        metrics = run(shared_dir(), train=train)
    print(json.dumps({k: round(v, 4) for k, v in metrics.items()}, indent=1))
