"""``ask`` tells a call from a meeting in person: a call does not answer a question about a meeting, nor a meeting
one about a call; "speak" / "talk" accept either."""

from __future__ import annotations

import pytest
from tests.search.hand_annotations import timex_at as _timex

from communique.search import ask
from communique.search.question_analysis import analyze

CALL = ("Chancellor Mara Velt spoke this morning with Premier Odo Rask of Norland. "
        "The leaders discussed grain exports and the river treaty. "
        "The two leaders reviewed the Ferry Task Force the Chancellor announced during her June 2024 visit to "
        "Tarnholm.")
MEETING = ("Chancellor Mara Velt met Premier Odo Rask in Tarnholm on May 20, 2025. "
           "They agreed to open two new border crossings. "
           "The two leaders committed to meet again at the Harbour Summit in Ostria.")



@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    docs = [
        doc_factory(CALL, id="call-may", source="readouts/call.md", kind="readout", published="2025-05-06",
                    title="Readout of Chancellor Velt's Call with Premier Rask",
                    timexes=[_timex(CALL, "this morning", "2025-05-06", "publication"),
                             _timex(CALL, "June 2024", "2024-06", "explicit")]),
        doc_factory(MEETING, id="meeting-may", source="readouts/meeting.md", kind="readout", published="2025-05-20",
                    title="Readout of Chancellor Velt's Meeting with Premier Rask",
                    timexes=[_timex(MEETING, "May 20, 2025", "2025-05-20")]),
    ]
    return indexed_store(docs)


@pytest.mark.parametrize(
    ("question", "expected", "doc"),
    [
        ("When did Velt and Rask meet in May 2025?", "May 20, 2025", "meeting-may"),  # not the call of May 6
        ("On what date did Velt hold a phone call with Rask?", "May 6, 2025", "call-may"),  # not the meeting
        # the name alone, not "<Name> of <Country> about <topic>"
        ("When did Velt speak with Premier Odo Rask of Norland about grain exports?", "May 6, 2025", "call-may"),
        ("When did Velt talk to Rask by phone?", "May 6, 2025", "call-may"),
        ("Where did Velt meet Rask in May 2025?", "Tarnholm", "meeting-may"),  # not the call naming a June visit
        ("Where did Velt and Rask commit to meet again after their talks in late May 2025?", "Harbour Summit",
         "meeting-may"),
    ],
)
def test_ask_meeting_kind_answers_the_asked_kind(store, question, expected, doc):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text
    assert {c["doc"] for s in answer.sentences for c in s.citations} == {doc}


@pytest.mark.parametrize("question", ["When did Velt meet Rask in person in early May 2025, on May 6?",
                                      "Did Velt meet Rask in person on May 6, 2025?"])
def test_ask_meeting_kind_declines_a_call_asked_as_a_meeting(store, question):
    assert ask(store, question).not_in_sources


def test_ask_meeting_kind_what_was_said_may_name_another_visit(store):
    # the sentence names an earlier visit, and the two leaders only as "The two leaders": the call's page answers
    answer = ask(store, "Which task force did Velt and Rask review in their May 2025 call?")
    assert not answer.not_in_sources, answer.as_dict()
    assert "Ferry Task Force" in answer.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did Velt meet Rask?", "in_person"),
        ("Where did Velt host Rask?", "in_person"),
        ("When did Velt call Rask?", "call"),
        ("When did Velt and Rask speak by phone?", "call"),
        ("When did Velt speak with Rask?", ""),  # either
        ("What did Velt call for at the summit?", ""),  # "call for" asks for no call
    ],
)
def test_question_analysis_meeting_kind(question, kind):
    assert analyze(question).meeting_kind == kind


def test_classify_when_met_talk_to():
    from communique.search.ask import classify

    assert classify("When did Velt talk to Rask?") == ("when_met", {"a": "Velt", "b": "Rask"})
