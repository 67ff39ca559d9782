"""Question analysis: question word, answer type, names, places, month / year / day, counted words, focus."""

from __future__ import annotations

import pytest

from communique.search.question_analysis import analyze


@pytest.mark.parametrize(
    ("question", "answer_type", "names", "places", "when"),
    [
        ("When did Ana Ortiz meet Pedro Lind in Lisbon in March 2025?", "date", ("Ana Ortiz", "Pedro Lind"),
         ("Lisbon",), (2025, 3, None)),
        ("Where did Ortiz and Lind meet in 2024?", "place", ("Ortiz", "Lind"), (), (2024, None, None)),
        ("Which ambassador greeted Ana Ortiz in Oslo?", "person", ("Ana Ortiz",), ("Oslo",), (None, None, None)),
        ("Who is the Norlandian Deputy Minister who spoke on June 4?", "person", ("Norlandian",), (),
         (None, 6, 4)),
        ("How long did the Ortiz-Lind talks last?", "duration", ("Ortiz", "Lind"), (), (None, None, None)),
        ("On what date did Prime Minister Ana Ortiz call Pedro Lind?", "date", ("Ana Ortiz", "Pedro Lind"), (),
         (None, None, None)),
        ("In which city was Ortiz to host the summit?", "place", ("Ortiz",), (), (None, None, None)),
        ("What did Ortiz and Lind agree about fisheries?", "sentence", ("Ortiz", "Lind"), (), (None, None, None)),
        ("May Ortiz travel to Oslo?", "sentence", ("Ortiz", "Oslo"), (), (None, None, None)),
    ],
)
def test_analyze_types_names_and_constraints(question, answer_type, names, places, when):
    a = analyze(question)
    assert (a.answer_type, a.names, a.places, (a.year, a.month, a.day)) == (answer_type, names, places, when)


@pytest.mark.parametrize(
    ("question", "counted", "focus"),
    [
        ("How many fishing boats did Norland register in 2023?", ("fishing", "boats"), ("fishing", "boats",
                                                                                        "register")),
        ("How much did Norland pledge for the port?", (), ("pledge", "port")),
        ("How many years of relations did Ortiz mark?", ("years",), ("years", "relations", "mark")),
    ],
)
def test_analyze_counted_words_and_focus(question, counted, focus):
    a = analyze(question)
    assert a.answer_type == "number" and a.counted == counted and a.focus == focus


@pytest.mark.parametrize(
    ("question", "meeting"),
    [("When did Ortiz meet Lind?", True), ("When did Ortiz host Lind?", True), ("When did Ortiz speak with Lind?", True),
     ("When was the port treaty signed?", False)],
)
def test_analyze_meeting_questions(question, meeting):
    assert analyze(question).meeting is meeting


@pytest.mark.parametrize(
    ("question", "answer_type", "head", "descriptors"),
    [
        ("Which treaty did Ortiz and Lind sign?", "sentence", "treaty", ()),
        ("Which two harbours did Ortiz visit?", "sentence", "harbours", ()),
        ("Which Norlandian minister did Ortiz meet?", "person", "minister", ("minister",)),
        ("Which NRA Administrator joined the delegation?", "person", "", ("administrator",)),
        ("In what city did Ortiz sit down with Lind?", "place", "city", ("city",)),
        ("What did Ortiz say about fisheries?", "sentence", "", ()),
        ("On which day did Ortiz host Lind?", "date", "day", ()),
        ("What was the date of Ortiz's call with Lind?", "date", "", ()),
    ],
)
def test_analyze_head_noun_and_descriptors(question, answer_type, head, descriptors):
    a = analyze(question)
    assert (a.answer_type, a.head, a.descriptors) == (answer_type, head, descriptors)
    assert a.head not in a.descriptors or a.head not in a.focus  # the asked kind is not a word to find


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Where did Ortiz meet the Chancellor in May 2025?", ("Ortiz", "Chancellor")),  # an office alone
        ("Where did Ortiz meet Chancellor Lind?", ("Ortiz", "Lind")),  # an office before a name: the name
    ],
)
def test_analyze_keeps_an_office_named_alone(question, names):
    assert analyze(question).names == names
