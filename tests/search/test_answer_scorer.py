"""The learned answer scorer: its model file loads and scores deterministically, it prefers the candidate that keeps
the asked month, ``ask(scorer="learned")`` answers and declines, and the wide candidate pool marks what the rules
would drop."""

from __future__ import annotations

import pytest
from tests.search.hand_annotations import place_at as _place
from tests.search.hand_annotations import timex_at as _timex

from communique.search import ask
from communique.search.answer_context import AnswerSentence, Candidate, Context
from communique.search.answer_scorer import FEATURES, choose, features, load_model, probabilities
from communique.search.ask import candidates_for
from communique.search.question_analysis import analyze

# One invented pair, two meetings: April in a port city, October in a mountain town.
APRIL = ("Finance Minister Ilse Marrow met Energy Minister Tobias Quell in Porthaven on April 14, 2024. "
         "The two ministers discussed grid links and a shared gas reserve.")
OCTOBER = ("Ilse Marrow met Tobias Quell in Highmoor on October 2, 2024. "
           "They discussed grid links and winter prices.")




@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([
        doc_factory(APRIL, id="apr", source="news/apr.txt", kind="news", published="2024-04-14",
                    timexes=[_timex(APRIL, "April 14, 2024", "2024-04-14")], mentions=[_place(APRIL, "Porthaven")]),
        doc_factory(OCTOBER, id="oct", source="news/oct.txt", kind="news", published="2024-10-02",
                    timexes=[_timex(OCTOBER, "October 2, 2024", "2024-10-02")],
                    mentions=[_place(OCTOBER, "Highmoor")]),
    ])


def _candidate(ctx: Context, doc_id: str, answer: str) -> Candidate:
    doc = ctx.doc(doc_id)
    assert doc is not None
    span = ctx.sentences(doc)[0]
    return Candidate(0.8, [AnswerSentence(answer, [ctx.cite(doc, span)])])


def test_answer_scorer_model_loads_with_its_features():
    model = load_model()
    assert tuple(model["features"]) == FEATURES
    assert len(model["weights"]) == len(model["mean"]) == len(model["scale"]) == len(FEATURES)
    assert 0.0 <= model["threshold"] < 1.0


@pytest.mark.parametrize("question", ["When did Marrow meet Quell in April 2024?", "Where did Marrow meet Quell?"])
def test_answer_scorer_scores_deterministically(store, question):
    runs = []
    for _ in range(2):
        a = analyze(question)
        ctx, _intent, found = candidates_for(store, a, wide=True)
        rows = features(ctx, a, found)
        runs.append(probabilities(rows, load_model()))
        assert all(len(row) == len(FEATURES) for row in rows)
    assert runs[0] == runs[1]
    assert all(0.0 <= p <= 1.0 for p in runs[0])


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("When did Marrow meet Quell in April 2024?", "apr"),
        ("When did Marrow meet Quell in October 2024?", "oct"),
    ],
)
def test_answer_scorer_ranks_the_asked_month_first(store, question, wanted):
    ctx = Context(store)
    # the same rule score and answer form: only the evidence's dates tell them apart
    pair = [_candidate(ctx, "apr", "Marrow and Quell met on April 14, 2024 (2024-04-14)."),
            _candidate(ctx, "oct", "Marrow and Quell met on October 2, 2024 (2024-10-02).")]
    for order in (pair, pair[::-1]):
        best, _p = choose(ctx, analyze(question), order, {**load_model(), "threshold": 0.0})
        assert best is not None and best.sentences[0].citations[0]["doc"] == wanted


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did Marrow meet Quell in April 2024?", "2024-04-14"),
        ("Where did Marrow and Quell meet in October 2024?", "Highmoor"),
    ],
)
def test_ask_learned_scorer_answers(store, question, expected):
    answer = ask(store, question, scorer="learned")
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text


def test_ask_learned_scorer_declines_without_candidates(store):
    assert ask(store, "When did Marrow meet Quell in Lisbon?", scorer="learned").not_in_sources


@pytest.mark.parametrize("question", ["When did Marrow meet Quell in June 2024?", "Where did Marrow meet Quell in 2019?"])
def test_candidates_for_wide_marks_relaxed(store, question):
    assert candidates_for(store, analyze(question))[2] == []  # the rules find nothing in the asked month or year
    wide = candidates_for(store, analyze(question), wide=True)[2]
    assert wide and all(c.relaxed for c in wide)


def test_ask_default_scorer_is_the_rules(store):
    question = "Where did Marrow meet Quell in April 2024?"
    assert ask(store, question).as_dict() == ask(store, question, scorer="rules").as_dict()
