"""Yes/no questions get a verdict before the evidence: "No, it was ..." for a contact taken for granted and asked
about as a meeting in person (a call, a meeting held online) or in a place (a call); "Yes." when the evidence keeps
every constraint and reports the asked kind; not in the sources when nothing answers, and no "Yes." from a meeting still to come. A
meeting held online is a meeting, but not one in person."""

from __future__ import annotations

import pytest
from tests.search.hand_annotations import place_at as _place
from tests.search.hand_annotations import timex_at as _timex

from communique.search import ask
from communique.search.question_analysis import analyze

# Invented people and places: a call in April, a meeting in person in May, a virtual meeting in June
CALL = ("Foreign Minister Ana Ortiz spoke by phone today with Trade Minister Pedro Lind. "
        "The two ministers discussed fisheries and a new ferry line. "
        "They agreed to hold another in-person meeting soon.")
VISIT = ("Foreign Minister Ana Ortiz met Trade Minister Pedro Lind in Lisbon today. "
         "The ministers discussed port fees and signed a fisheries accord.")
ONLINE = ("Trade Minister Pedro Lind met virtually today with the finance ministers of Norland and Estmark. "
          "Mr. Lind discussed grain corridors with his counterparts.")




@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([
        doc_factory(CALL, id="call-april", source="readouts/call-april.txt", kind="readout", published="2025-04-14",
                    title="Readout of Foreign Minister Ortiz's Call with Trade Minister Lind",
                    timexes=[_timex(CALL, "today", "2025-04-14", "publication")]),
        doc_factory(VISIT, id="visit-may", source="readouts/visit-may.txt", kind="readout", published="2025-05-20",
                    title="Readout of Foreign Minister Ortiz's Meeting with Trade Minister Lind",
                    timexes=[_timex(VISIT, "today", "2025-05-20", "publication")], mentions=[_place(VISIT, "Lisbon")]),
        doc_factory(ONLINE, id="online-june", source="readouts/online-june.txt", kind="readout",
                    published="2025-06-02", title="Readout of Trade Minister Lind's Meeting with Finance Ministers",
                    timexes=[_timex(ONLINE, "today", "2025-06-02", "publication")]),
    ])


@pytest.mark.parametrize(
    ("question", "verdict", "doc"),
    [
        # a contact taken for granted, asked how or where it was held: the sources answer "No"
        ("Was the April 2025 exchange between Ortiz and Lind a face-to-face meeting?", "No, it was a call.",
         "call-april"),
        ("Was Ortiz's April 2025 conversation with Lind held in person?", "No, it was a call.", "call-april"),
        ("Was the April 2025 call between Ortiz and Lind held in Lisbon?", "No, it was a call.", "call-april"),
        ("Was Lind's June 2025 conference with the finance ministers held in person?",
         "No, it was a meeting held online.", "online-june"),
        ("Was Ortiz's May 2025 engagement with Lind held in person?", "Yes.", "visit-may"),
        ("Did Ortiz and Lind meet in person in May 2025?", "Yes.", "visit-may"),
        ("Did Ortiz meet Lind in Lisbon in May 2025?", "Yes.", "visit-may"),
        ("When Ortiz spoke with Lind in April 2025, did they discuss fisheries?", "Yes.", "call-april"),
    ],
)
def test_yes_no_verdict_and_evidence(store, question, verdict, doc):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.sentences[0].text == verdict
    assert {c["doc"] for s in answer.sentences for c in s.citations} == {doc}


@pytest.mark.parametrize(
    "question",
    [
        "Did Ortiz and Lind discuss wind farms in April 2025?",  # a detail no source gives: no "No" either
        "Did Ortiz and Lind meet in person in March 2025?",  # no meeting nor call that month
        # whether a meeting took place: a call that month, or one online, does not answer it (nor says "No")
        "Did Ortiz and Lind meet in person in April 2025?",
        "Did Lind meet the finance ministers in person in June 2025?",
        "Did Ortiz and Lind meet in Oslo in May 2025?",  # a meeting elsewhere: the place asked is not in the sources
        "Where did Ortiz and Lind meet in person in April 2025?",  # a call only: the evidence must say in person
    ],
)
def test_yes_no_declines_without_evidence(store, question):
    assert ask(store, question).not_in_sources


def test_meeting_held_online_is_still_a_meeting_when_manner_is_not_asked(store):
    answer = ask(store, "When did Lind's meeting with the finance ministers take place?")
    assert "2025-06-02" in answer.text and answer.sentences[0].citations[0]["doc"] == "online-june"


@pytest.mark.parametrize(
    ("question", "wh", "kind", "focus_free_of"),
    [
        ("When Ortiz spoke with Lind in April, did they discuss fisheries?", "yes_no", "", "person"),
        ("Did Ortiz and Lind meet in person?", "yes_no", "in_person", "person"),
        ("Did Ortiz see Lind face to face?", "yes_no", "in_person", "face"),
        ("Did Ortiz reach Lind by phone?", "yes_no", "call", "phone"),
    ],
)
def test_question_analysis_yes_no_and_meeting_kind(question, wh, kind, focus_free_of):
    a = analyze(question)
    assert (a.wh, a.meeting_kind) == (wh, kind)
    assert focus_free_of not in a.focus  # how the meeting was held is no topic word


def test_question_analysis_keeps_in_person_as_a_word_outside_yes_no():
    a = analyze("Where did Ortiz and Lind meet in person?")
    assert (a.wh, a.meeting_kind, a.manner) == ("where", "in_person", True)
    assert "person" in a.focus  # the answer sentence must say so itself


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Did Ortiz and Lind meet in person in May 2025?", True),
        ("Did Foreign Minister Ortiz call Lind in April?", True),
        ("Was Ortiz's April conversation with Lind held in person?", True),
        ("Was the accord already signed by the time Ortiz phoned Lind in April?", False),  # the call only dates it
    ],
)
def test_yes_no_asks_meeting(question, asks):
    from communique.search.yes_no import asks_meeting

    assert asks_meeting(analyze(question)) is asks
