"""The retrieval benchmark's tuning set (``--sets practice``): the practice questions over the corpus ``ask_heldout``
asks them on, where every source of theirs is a distractor (never a held-out question's source)."""

from __future__ import annotations

from pathlib import Path

import benchmarks.ask_heldout as bench
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT.parent / "shared" / "datasets"


@pytest.mark.skipif(not DATASETS.is_dir(), reason="the shared datasets are not here")
@pytest.mark.parametrize("path", bench.PRACTICE, ids=lambda p: p.name)
def test_retrieval_practice_sources_are_distractors_of_the_corpus(path):
    every = bench.load_questions()
    _, distractors = bench.corpus(DATASETS, {s for q in every for s in q["sources"]})
    asked = [q for q in bench.load_questions(path) if not q["unanswerable"] and q["sources"]]
    assert asked
    outside = [q["id"] for q in asked if not set(q["sources"]) <= set(distractors)]
    assert not outside  # ids only: a failure shows no question
