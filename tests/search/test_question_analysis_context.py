"""Question analysis splits off a context clause ("..., according to X's call with Y", "... when X met Y"): its
names need only be on the page, its words are no focus; the month and the meeting kind still count."""

from __future__ import annotations

import pytest

from communique.search.question_analysis import analyze


@pytest.mark.parametrize(
    ("question", "names", "context_names", "focus_absent"),
    [
        ("How many inspectors will Norland send, according to Velt's call with Rask?", ("Norland",),
         ("Velt", "Rask"), "call"),
        ("How many ferries were idle when Mara Velt met Odo Rask in May 2025?", (), ("Mara Velt", "Odo Rask"), "met"),
        ("Which port did Norland reopen, as Velt noted when meeting Rask?", ("Norland",), ("Velt", "Rask"), "noted"),
    ],
)
def test_question_analysis_context_clause(question, names, context_names, focus_absent):
    a = analyze(question)
    assert a.names == names
    assert a.context_names == context_names
    assert focus_absent not in a.focus
    assert a.question == question


def test_question_analysis_context_keeps_month_and_kind():
    a = analyze("How many ferries were idle when Velt called Rask in May 2025?")
    assert (a.month, a.year, a.meeting_kind, a.meeting) == (5, 2025, "call", False)


@pytest.mark.parametrize("question", ["When did Velt meet Rask?", "When Velt met Rask, what did they sign?"])
def test_question_analysis_no_context_at_the_start(question):
    assert analyze(question).context_names == ()


@pytest.mark.parametrize(
    ("question", "countries"),
    [
        ("Which Wendmark leader met Velt?", ("Wendmark",)),
        ("Who represented Kessland at the summit?", ("Kessland",)),
        ("Who co-chaired the Wendmark donor meeting for Kessland?", ()),  # the event's countries, not the person's
        ("Who did Velt say would lead the Kessland talks?", ()),  # after an auxiliary: the clause's subject
        ("Who will Anna Marsh send to the Wendmark forum?", ()),
    ],
)
def test_question_analysis_countries_describe_the_person(question, countries):
    assert analyze(question).countries == countries


@pytest.mark.parametrize("question", ["For which date was the summit planned?", "On what day did Velt arrive?",
                                      "By which date must Norland reply?"])
def test_question_analysis_date_asked_after_a_preposition(question):
    assert analyze(question).answer_type == "date"


@pytest.mark.parametrize(
    ("question", "answer_type", "head"),
    [
        ("Which two countries' ministers did Velt bring together?", "place", "countries"),
        ("Which country's president did Velt meet?", "place", "country"),
        ("Which official's deputy did Velt meet?", "person", "official"),
    ],
)
def test_question_analysis_possessive_noun_is_asked(question, answer_type, head):
    a = analyze(question)
    assert (a.answer_type, a.head) == (answer_type, head)


def test_question_analysis_context_before_a_meeting():
    a = analyze("Which ministers had Velt brought together the day before he met Rask?")
    assert a.context_names == ("Rask",)


@pytest.mark.parametrize(
    ("question", "kind", "focus_word"),
    [
        ("What did Velt call the ferry accord?", "", "ferry"),  # a naming verb: no phone call asked
        ("How did Rask describe the harbour talks?", "", "harbour"),
        ("What did Velt call the accord during her call with Rask?", "call", "accord"),  # the call of the clause
        ("What did Velt note her support for in her call with Rask?", "call", "support"),  # a call, no naming verb
    ],
)
def test_question_analysis_naming_verb_is_no_focus(question, kind, focus_word):
    a = analyze(question)
    assert a.question == question
    assert a.meeting_kind == kind
    assert focus_word in a.focus
    assert "describe" not in a.focus
    assert ("call" in a.focus) is (kind == "call")
