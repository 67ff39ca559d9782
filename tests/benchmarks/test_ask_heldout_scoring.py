"""The scoring of the held-out ``ask`` benchmark (benchmarks/ask_heldout.py) and the shape of its question file."""

from __future__ import annotations

from pathlib import Path

import benchmarks.ask_heldout as bench
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("answer", "expected", "found"), [
    ("They met in São Paulo on Friday.", "Sao Paulo", True),  # accents folded
    ("The envoy called it “sunny”.", '"sunny"', True),  # curly quotes folded
    ("the Harbour Master’s office", "Harbour Master's Office", True),  # apostrophe and case
    ("a three-stop tour", "three stop", True),  # dashes read as spaces
    ("a record 23 Allies", "23", True),
    ("It was signed in 2023.", "23", False),  # whole words only
    ("Ambassador Morganthal spoke", "Morgan", False),
    ("", "anything", False),
    ("anything", "", False),
])
def test_contains_folds_and_needs_whole_words(answer: str, expected: str, found: bool) -> None:
    assert bench.contains(answer, expected) is found


@pytest.mark.parametrize(("text", "dates"), [
    ("They met on March 1, 2024 in Rome.", {"2024-03-01"}),
    ("They met on 1 March 2024.", {"2024-03-01"}),
    ("On the 21st of September, 2022 the two spoke.", {"2022-09-21"}),
    ("Talks held Sept. 16, 2021 and Oct 3 2020.", {"2021-09-16", "2020-10-03"}),
    ("Published 2023-10-27 13:25", {"2023-10-27"}),
    ("They met on Tuesday.", set()),
    ("They may 5 times have met in 2024.", set()),
])
def test_answer_dates_reads_written_dates(text: str, dates: set[str]) -> None:
    assert bench.answer_dates(text) == dates


@pytest.mark.parametrize(("expected", "text", "not_in_sources", "right"), [
    (["2024-03-01", "March 1"], "The leaders met on 1 March 2024 at the town hall.", False, True),  # ISO date equality
    (["2024-03-01"], "The leaders met on 2 March 2024.", False, False),
    (["Lima"], "The envoys met in Lima, Peru.", False, True),
    (["Lima"], "The envoys met in Lima, Peru.", True, False),  # a "not in the sources" answer is never right
    (["Lima"], "They met in Rio de Janeiro.", False, False),
    (["nine", "9"], "the planned transfer of 9 helicopters", False, True),
])
def test_is_correct(expected: list[str], text: str, not_in_sources: bool, right: bool) -> None:
    assert bench.is_correct(expected, text, not_in_sources) is right


def _q(qid: str, split: str, unanswerable: bool = False) -> dict:
    return {"id": qid, "split": split, "question": "?", "expected": [] if unanswerable else ["Lima"],
            "sources": [] if unanswerable else ["a.md", "b.md"], "unanswerable": unanswerable, "type": "where"}


def test_score_counts_each_metric_over_its_own_questions() -> None:
    questions = [_q("1", "test"), _q("2", "test"), _q("3", "test", True), _q("4", "test", True)]
    replies = [
        bench.Reply("They met in Lima.", False, ["a.md", "c.md"]),  # right, supported, 1 of 2 citations good
        bench.Reply("They met in Quito.", False, ["c.md", None]),  # wrong, unsupported
        bench.Reply("not in the sources", True, []),  # unanswerable, declined
        bench.Reply("They met in Lima.", False, ["a.md"]),  # unanswerable, answered anyway
    ]
    got = bench.score(questions, replies)
    assert got["answer_accuracy"] == 0.5
    assert got["citation_support"] == 0.5
    assert got["citation_precision"] == 0.25  # citations of answerable questions only: 1 good of 4
    assert got["unanswerable_accuracy"] == 0.5
    assert (got["answerable"], got["unanswerable"]) == (2.0, 2.0)


def test_score_splits_prefixes_dev() -> None:
    questions = [_q("1", "test"), _q("2", "dev")]
    replies = [bench.Reply("Lima", False, ["a.md"]), bench.Reply("Quito", False, [])]
    got = bench.score_splits(questions, replies)
    assert (got["answer_accuracy"], got["dev_answer_accuracy"]) == (1.0, 0.0)
    assert (got["unanswerable_accuracy"], got["dev_unanswerable_accuracy"]) == (1.0, 1.0)  # none to decline


def test_split_is_a_hash_of_the_id() -> None:
    ids = [f"q-{i:03d}" for i in range(400)]
    splits = [bench.split_of(i) for i in ids]
    assert splits == [bench.split_of(i) for i in ids]
    assert 0.18 < splits.count("dev") / len(ids) < 0.32


QUESTION_FIELDS = {"id", "split", "question", "expected", "sources", "unanswerable", "type", "origin"}
TYPES = {"when", "where", "who", "what_said", "how_many", "role", "yes_no", "other"}


def test_question_file_shape() -> None:
    questions = bench.load_questions()
    assert len(questions) >= 200
    assert len({q["id"] for q in questions}) == len(questions)
    assert sum(q["unanswerable"] for q in questions) >= 30
    for q in questions:
        assert set(q) == QUESTION_FIELDS, q["id"]
        assert q["split"] == bench.split_of(q["id"]), q["id"]
        assert q["type"] in TYPES, q["id"]
        assert bool(q["expected"]) is bool(q["sources"]) is (not q["unanswerable"]), q["id"]
        assert all(len(e) <= 60 for e in q["expected"]), q["id"]  # short facts, never passages
    origins = {q["sources"][0].split("/")[0] for q in questions if q["sources"]}
    assert origins == {"wild_dev", "wh_briefings_readouts"}


def test_sources_exist_and_are_in_the_corpus() -> None:
    datasets = ROOT.parent / "shared" / "datasets"
    if not (datasets / "wild_dev").is_dir():
        pytest.skip("the shared datasets are not next to the project")
    questions = bench.load_questions()
    sources = {s for q in questions for s in q["sources"]}
    files, distractors = bench.corpus(datasets, sources)
    assert all((datasets / s).is_file() for s in sources)
    assert sources <= set(files)
    assert len(distractors) >= 500 and not sources & set(distractors)


@pytest.mark.parametrize(("split", "limit", "ids"), [
    ("dev", None, ["2", "4"]),
    ("test", None, ["1", "3"]),
    ("dev", 1, ["2"]),
    (None, 3, ["1", "2", "3"]),
])
def test_select_filters_the_split_before_the_limit(split: str | None, limit: int | None, ids: list[str]) -> None:
    questions = [_q("1", "test"), _q("2", "dev"), _q("3", "test"), _q("4", "dev")]
    assert [q["id"] for q in bench.select(questions, split, limit)] == ids


def test_select_refuses_an_unknown_split() -> None:
    with pytest.raises(ValueError, match="unknown split"):
        bench.select([_q("1", "test")], "train")


def test_score_splits_scores_only_the_splits_named() -> None:
    got = bench.score_splits([_q("2", "dev")], [bench.Reply("Lima", False, ["a.md"])], ("dev",))
    assert got["dev_answer_accuracy"] == 1.0
    assert not any(k.startswith(("answer", "citation", "unanswerable")) for k in got)


@pytest.mark.parametrize("name", ["ask_practice.jsonl", "ask_practice2.jsonl"])
def test_ask_heldout_practice_files_are_all_asked_and_well_formed(name: str) -> None:
    assert name in {p.name for p in bench.PRACTICE}
    practice = bench.load_questions(next(p for p in bench.PRACTICE if p.name == name))
    assert {q["split"] for q in practice} == {"practice"}
    assert sum(q["unanswerable"] for q in practice) >= 5
    assert len({q["id"] for q in practice}) == len(practice)
    for q in practice:
        assert set(q) == QUESTION_FIELDS and q["type"] in TYPES, q["id"]
        assert bool(q["expected"]) is bool(q["sources"]) is (not q["unanswerable"]), q["id"]


def test_practice_questions_come_from_distractors_of_the_corpus() -> None:
    practice = [q for path in bench.PRACTICE for q in bench.load_questions(path)]
    assert len({q["id"] for q in practice}) == len(practice)  # ids unique across the practice files
    datasets = ROOT.parent / "shared" / "datasets"
    if not (datasets / "wild_dev").is_dir():
        pytest.skip("the shared datasets are not next to the project")
    files, distractors = bench.corpus(datasets, {s for q in bench.load_questions() for s in q["sources"]})
    assert {s for q in practice for s in q["sources"]} <= set(distractors)
