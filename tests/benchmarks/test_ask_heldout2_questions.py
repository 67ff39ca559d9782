"""The second held-out ``ask`` set (benchmarks/data/ask_heldout2.jsonl): its file format, its corpus, its metric names.

The checks never print a question: a failure names the question id only, so that running the tests does not show the
set to whoever works on the answerer.
"""

from __future__ import annotations

from pathlib import Path

import benchmarks.ask_heldout as bench
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT.parent / "shared" / "datasets"
FIELDS = {"id", "split", "question", "expected", "sources", "unanswerable", "type", "origin"}
TYPES = {"when", "where", "who", "what_said", "how_many", "role", "yes_no", "other"}
WH_SLICE_FOLDERS = ("statements-releases/2021-", "press-briefings/2021-", "speeches-remarks/2021-")

HELDOUT2 = bench.SETS["heldout2"]


def _questions() -> list[dict]:
    return bench.load_questions(HELDOUT2.questions)


def _needs_datasets() -> None:
    if not (DATASETS / "wild_dev").is_dir():
        pytest.skip("the shared datasets are not next to the project")


def test_ask_heldout2_file_has_the_loader_fields_and_is_all_test() -> None:
    questions = _questions()
    assert len(questions) >= 150
    assert len({q["id"] for q in questions}) == len(questions)
    assert len({q["question"] for q in questions}) == len(questions)
    for q in questions:
        assert set(q) == FIELDS, q["id"]
        assert q["split"] == "test", q["id"]  # no dev split: nobody improving the answerer reads this set
        assert q["type"] in TYPES, q["id"]
        assert bool(q["expected"]) is bool(q["sources"]) is (not q["unanswerable"]), q["id"]
        assert all(0 < len(e) <= 60 for e in q["expected"]), q["id"]  # short facts, never passages
        assert len(set(q["sources"])) == len(q["sources"]), q["id"]


@pytest.mark.parametrize(("share", "low", "high"), [
    ("unanswerable", 0.15, 0.30),  # about a fifth
    ("white_house", 0.55, 0.75),  # about two thirds from the White House 2021 slice, the rest from wild_dev
])
def test_ask_heldout2_mix(share: str, low: float, high: float) -> None:
    questions = _questions()
    if share == "unanswerable":
        count = sum(q["unanswerable"] for q in questions)
    else:
        count = sum(q["id"].startswith("wh2-") for q in questions)
    assert low <= count / len(questions) <= high


def test_ask_heldout2_every_kind_is_asked() -> None:
    assert {q["type"] for q in _questions()} == TYPES


@pytest.mark.parametrize(("prefix", "homes"), [
    ("wh2-", tuple(f"wh_briefings_readouts/{folder}" for folder in WH_SLICE_FOLDERS)),
    ("wd2-", ("wild_dev/docs/",)),
])
def test_ask_heldout2_questions_cite_their_slice(prefix: str, homes: tuple[str, ...]) -> None:
    # a question may also cite a page of another year or family that supports it, but never only such pages
    asked = [q for q in _questions() if q["id"].startswith(prefix)]
    assert asked
    for q in asked:
        assert not q["sources"] or any(s.startswith(homes) for s in q["sources"]), q["id"]


def test_ask_heldout2_sources_exist_and_the_corpus_keeps_them() -> None:
    _needs_datasets()
    sources = {s for q in _questions() for s in q["sources"]}
    files, distractors = bench.corpus(DATASETS, sources, HELDOUT2)
    assert all((DATASETS / s).is_file() for s in sources)
    assert sources <= set(files)
    assert len(distractors) >= 500 and not sources & set(distractors)
    assert len(set(files)) == len(files)


@pytest.mark.parametrize("name", ["heldout", "heldout2"])
def test_ask_heldout_corpus_is_fixed_and_starts_with_the_slice_year(name: str) -> None:
    _needs_datasets()
    qset = bench.SETS[name]
    sources = {s for q in bench.load_questions(qset.questions) for s in q["sources"]}
    files, distractors = bench.corpus(DATASETS, sources, qset)
    assert (files, distractors) == bench.corpus(DATASETS, sources, qset)
    assert f"/{qset.slice_year}-" in distractors[0]
    assert sum(f.startswith("wild_dev/") for f in files) == 57


def test_ask_heldout_default_corpus_is_the_first_set() -> None:
    _needs_datasets()
    sources = {s for q in bench.load_questions() for s in q["sources"]}
    assert bench.corpus(DATASETS, sources) == bench.corpus(DATASETS, sources, bench.SETS["heldout"])


def _q(qid: str, split: str) -> dict:
    return {"id": qid, "split": split, "question": "?", "expected": ["Lima"], "sources": ["a.md"],
            "unanswerable": False, "type": "where"}


@pytest.mark.parametrize(("name", "keys", "absent"), [
    ("heldout", {"answer_accuracy", "dev_answer_accuracy", "questions"}, {"heldout2_answer_accuracy"}),
    ("heldout2", {"heldout2_answer_accuracy", "heldout2_citation_precision", "heldout2_unanswerable_accuracy",
                  "heldout2_questions"}, {"answer_accuracy", "dev_answer_accuracy", "heldout2_dev_answer_accuracy"}),
])
def test_ask_heldout_set_metrics_names(name: str, keys: set[str], absent: set[str]) -> None:
    questions = [_q("1", "test"), _q("2", "test")]
    replies = [bench.Reply("in Lima", False, ["a.md"]), bench.Reply("in Quito", False, [])]
    got = bench.set_metrics(bench.SETS[name], questions, replies, {"questions": 2.0})
    assert keys <= set(got) and not absent & set(got)
    prefix = bench.SETS[name].prefix
    assert got[f"{prefix}answer_accuracy"] == 0.5
