"""The retrieval benchmark's tuning set (``--sets practice``): the practice questions over the corpus ``ask_heldout``
asks them on, where every source of theirs is a distractor (never a held-out question's source)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT.parent / "shared" / "datasets"


def _load():  # type: ignore[no-untyped-def]
    name = "communique_bench_ask_heldout"  # the same module name as the other ask_heldout tests: loaded once
    if name not in sys.modules:  # --import-mode=importlib puts no benchmarks folder on sys.path
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "ask_heldout.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


bench = _load()


@pytest.mark.skipif(not DATASETS.is_dir(), reason="the shared datasets are not here")
@pytest.mark.parametrize("path", bench.PRACTICE, ids=lambda p: p.name)
def test_retrieval_practice_sources_are_distractors_of_the_corpus(path):
    every = bench.load_questions()
    _, distractors = bench.corpus(DATASETS, {s for q in every for s in q["sources"]})
    asked = [q for q in bench.load_questions(path) if not q["unanswerable"] and q["sources"]]
    assert asked
    outside = [q["id"] for q in asked if not set(q["sources"]) <= set(distractors)]
    assert not outside  # ids only: a failure shows no question

