"""TempEval-3 task A (TIMEX3 extraction and normalisation), scored by the official definitions.

Split: ``te3-platinum`` (20 documents) is the TempEval-3 test set and the number to report; ``TBAQ-cleaned``
(TimeBank + AQUAINT, 256 documents; ``testpipeline/`` repeats one of them and is skipped) is train/dev, the only
place to tune :mod:`communique.nlp.timex` (``--train``; the error listing is offered on that split only). The
history of the timex rules does not record which split their errors were read on (the earlier version of this
benchmark listed test-set errors too).

System output: each gold file keeps its header (DOCID, DCT, TITLE); the ``<TEXT>`` is the gold text with every gold
tag removed and our TIMEX3 tags inserted (:func:`communique.nlp.timex.find_timexes` on the text, the DCT as
publication date, the shared spaCy parse). Overlapping predictions keep the first (TimeML cannot nest TIMEX3).

Scoring: :mod:`benchmarks.te3_scorer`, a Python 3 port of the TempEval-3 toolkit (TimeML-Normalizer id alignment +
evaluate_entities.py), micro-averaged over the files:
- ``strict_precision`` / ``strict_recall`` / ``strict_f1``: exact extent; ``relaxed_*``: overlapping extent
  (one-to-one, as the normalizer pairs them).
- ``value_accuracy`` / ``type_accuracy``: correct attribute over relaxed matches.
- ``value_f1`` / ``type_f1``: accuracy x relaxed F1, the "value F1" / "type F1" of the TempEval-3 results table.
- ``heideltime_*``: QUOTED, not run here: HeidelTime (best run, HeidelTime-t) in UzZaman et al. (2013), SemEval-2013
  Task 1, TempEval-3 task A results table, on this same test set.

    python -m benchmarks.time_tempeval            # te3-platinum test (report this)
    python -m benchmarks.time_tempeval --train    # TBAQ-cleaned train/dev (tune on these only)
    python -m benchmarks.time_tempeval --train --errors   # the train/dev mismatches, then the metrics
    python -m benchmarks.time_tempeval --write DIR  # also write the system TimeML files (to run the original)
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from benchmarks.te3_scorer import Te3Counts, load_abbreviations, score_pair
from communique.nlp.model_loader import parse
from communique.nlp.timex import find_timexes

# QUOTED from UzZaman et al. (2013), TempEval-3 task A results (HeidelTime-t, te3-platinum), percent / 100.
HEIDELTIME_QUOTED = {
    "heideltime_strict_f1": 0.8134,
    "heideltime_relaxed_f1": 0.9030,
    "heideltime_value_f1": 0.7761,
}


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


def _escape(text: str) -> str:
    """XML-escape ``&`` and ``<`` only, so the text matches the gold file's characters (``>`` stays literal)."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def system_tml(gold_tml: str, text: str, timexes: list[tuple[int, int, str, str | None]]) -> str:
    """The gold file's header and ``<TEXT>`` with our (start, end, type, value) TIMEX3 tags instead of the gold
    annotation; relations and instances after ``</TEXT>`` are dropped."""
    out: list[str] = []
    pos, n = 0, 0
    for start, end, typ, value in sorted(timexes):
        if start < pos or end <= start:
            continue  # overlaps the previous tag, or empty
        n += 1
        value_attr = _escape(value or "").replace('"', "&quot;")  # required by the TimeML schema the toolkit checks
        attrs = f'tid="t{n}" type="{typ}" value="{value_attr}"'
        out += [_escape(text[pos:start]), f"<TIMEX3 {attrs}>", _escape(text[start:end]), "</TIMEX3>"]
        pos = end
    out.append(_escape(text[pos:]))
    head = re.split(r"<TEXT>", gold_tml, maxsplit=1)[0]
    return head + "<TEXT>" + "".join(out) + "</TEXT>\n\n</TimeML>\n"


def _files(shared: Path, train: bool) -> list[Path]:
    base = shared / "datasets" / "tempeval3"
    if train:
        return sorted(p for part in ("AQUAINT", "TimeBank") for p in (base / "TBAQ-cleaned" / part).glob("*.tml"))
    return sorted((base / "te3-platinum").glob("*.tml"))


def evaluate(files: list[Path], abbreviations: frozenset[str], write: Path | None = None) -> Te3Counts:
    counts = Te3Counts()
    for path in files:
        gold_tml = path.read_text(encoding="utf-8")
        text, dct, _ = read_tml(path)
        preds = [(t.start, t.end, t.type, t.value) for t, _ in find_timexes(text, dct[:10] if dct else None, parse(text))]
        sys_tml = system_tml(gold_tml, text, preds)
        if write is not None:
            (write / path.parent.name).mkdir(parents=True, exist_ok=True)
            (write / path.parent.name / path.name).write_text(sys_tml, encoding="utf-8")
        score_pair(path.name, gold_tml, sys_tml, abbreviations, counts)
    return counts


def _metrics(counts: Te3Counts, files: int) -> dict[str, float]:
    return {"docs": float(files), "gold": float(counts.gold), "system": float(counts.system), **counts.metrics(),
            **HEIDELTIME_QUOTED}


def run(shared: Path, limit: int | None = None, train: bool = False) -> dict[str, float]:
    files = _files(shared, train)
    if not files:
        raise SystemExit(f"time_tempeval: no .tml files under {shared / 'datasets' / 'tempeval3'}")
    files = files[:limit] if limit else files
    return _metrics(evaluate(files, load_abbreviations(shared)), len(files))


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    args = sys.argv[1:]
    shared = shared_dir()
    chosen = _files(shared, "--train" in args)
    out_dir = Path(args[args.index("--write") + 1]) if "--write" in args else None
    result = evaluate(chosen, load_abbreviations(shared), out_dir)
    if "--errors" in args and "--train" not in args:
        raise SystemExit("time_tempeval: --errors lists train/dev mismatches only (add --train); the test set is scored")
    if "--errors" in args:
        for name, g, s in result.mismatches:
            got = f"{s.text!r}={s.value}" if s else "MISS"
            print(f"{name} gold {g.text!r}={g.value} ({g.type}) system {got}")
    print(json.dumps({k: round(v, 4) for k, v in _metrics(result, len(chosen)).items()}, indent=1))
