"""``ask`` on yes / no questions: "Yes" before the sentence that bears the fact out; "No" when the question takes a
contact for granted and asks whether it was of a kind the page shows it was not; a meeting asked about in a month
of a call only is still declined."""

from __future__ import annotations

import pytest

from communique.model import Timex
from communique.search import ask
from communique.search.question_analysis import analyze
from communique.search.yes_no import kind_asked

CALL = ("Minister Ana Ortiz spoke today with Minister Pedro Lind of Norland. "
        "The ministers discussed the new ferry line and port fees.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    start = CALL.index("today")
    return indexed_store([doc_factory(CALL, id="call-feb", source="gov/call.txt", kind="readout",
                                      title="Readout of Minister Ortiz's Call with Minister Lind",
                                      published="2025-02-10",
                                      timexes=[Timex(start, start + 5, "today", "DATE", "2025-02-10", "publication")])])


@pytest.mark.parametrize(
    ("question", "wh", "kind"),
    [
        ("When Ortiz spoke with Lind in February 2025, did they discuss fees?", "yes_no", ""),
        ("Was Ortiz's February 10, 2025 exchange with Lind held in person?", "yes_no", "in_person"),
        ("Was the exchange between Ortiz and Lind a face-to-face meeting?", "yes_no", "in_person"),
        ("Was Ortiz's conversation with Lind a phone call?", "yes_no", "call"),
        ("Did Ortiz meet Lind in person in February 2025?", "yes_no", ""),  # asks whether a meeting took place
        ("When did Ortiz speak with Lind?", "when", ""),
    ],
)
def test_yes_no_question_forms(question, wh, kind):
    a = analyze(question)
    assert (a.wh, kind_asked(a)) == (wh, kind)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("When Ortiz spoke with Lind in February 2025, did they discuss the ferry line?", "Yes."),
        ("Was Ortiz's February 10, 2025 exchange with Lind held in person?", "No, it was a call."),
    ],
)
def test_yes_no_answers_open_with_yes_or_no(store, question, opening):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.text.startswith(opening)
    assert {c["doc"] for s in answer.sentences for c in s.citations} == {"call-feb"}


@pytest.mark.parametrize("question", ["Did Ortiz and Lind meet in person in February 2025?"])
def test_yes_no_meeting_asked_of_a_call_is_declined(store, question):
    assert ask(store, question).not_in_sources
