"""The te3_scorer port against numbers computed by the original TempEval-3 toolkit (Python 2 + Java normalizer).

Reference: ``python2 TE3-evaluation.py <gold> <system> 0.5`` in ``shared/datasets/tempeval3/official_toolkit``, run
once by hand (Python 2.7.18 and Java 17); its TIMEX counts and percentages are pinned here. The test reads the
toolkit's sample files from ../shared (skipped locally without it, an error in CI); it never needs Python 2.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchmarks.te3_scorer import TOOLKIT, load_abbreviations, score_folders

ROOT = Path(__file__).resolve().parents[2]


def _shared() -> Path:
    for candidate in (ROOT.parent / "shared", ROOT / "shared"):
        if (candidate / TOOLKIT).is_dir():
            return candidate
    if os.environ.get("CI"):
        raise AssertionError("CI provides ../shared/datasets")
    pytest.skip("the TempEval-3 toolkit is not in ../shared")


# (folder pair, counts: gold, system, strict recall, relaxed recall, strict precision, relaxed precision, type, value,
#  percentages printed by the original: strict P/R/F1, relaxed P/R/F1, value F1, type F1)
ORIGINAL = [
    (
        ("data/gold", "data/system"),
        (31, 33, 28, 30, 28, 30, 30, 16),
        {"strict_precision": 84.85, "strict_recall": 90.32, "strict_f1": 87.5, "relaxed_precision": 90.91,
         "relaxed_recall": 96.77, "relaxed_f1": 93.75, "value_f1": 50.0, "type_f1": 93.75},
    ),
    (
        ("easy_checking/gold", "easy_checking/system"),
        (1, 1, 1, 1, 1, 1, 1, 1),
        {"strict_precision": 100.0, "strict_recall": 100.0, "strict_f1": 100.0, "relaxed_precision": 100.0,
         "relaxed_recall": 100.0, "relaxed_f1": 100.0, "value_f1": 100.0, "type_f1": 100.0},
    ),
]


@pytest.mark.parametrize(("folders", "counts", "printed"), ORIGINAL)
def test_port_gives_the_original_numbers(folders, counts, printed) -> None:
    shared = _shared()
    toolkit = shared / TOOLKIT
    result = score_folders(toolkit / folders[0], toolkit / folders[1], load_abbreviations(shared))
    got = (result.gold, result.system, result.strict_recall, result.relaxed_recall, result.strict_precision,
           result.relaxed_precision, result.type_match, result.value_match)
    assert got == counts
    metrics = result.metrics()
    assert {k: round(100 * metrics[k], 2) for k in printed} == printed
