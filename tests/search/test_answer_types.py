"""A whole-sentence answer holds a span of the type the question's wh-phrase asks for (a person for "Which official
convened ...", a number for "Roughly how many ...", a length of time for "For how long ..."), one the question does
not already give; a page without such a sentence is "not in the sources"."""

from __future__ import annotations

import pytest

from communique.model import Mention
from communique.search import ask
from communique.search.answer_types import answer_spans, asked, focus_near
from communique.search.question_analysis import analyze, expected_type
from communique.search.segment import sentences
from communique.search.typed_answers import stem
from communique.search.word_families import family

from .hand_annotations import span_at


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which Tarnholm official convened the harbour forum?", "person"),
        ("Which Army Corps of Harbours commander met the Premier?", "person"),  # the noun after a five-word name
        ("Which Norland office hosted the second ferry summit?", "organisation"),
        ("Members of which council spoke at the harbour roundtable?", "organisation"),
        ("Roughly how many mayors attended the ferry forum?", "number"),
        ("Leaders from how many provinces met the Premier?", "number"),
        ("To what level did the Premier raise ferry funding?", "number"),
        ("What share of workers in Norland are ferry pilots?", "number"),
        ("For how long would the harbour truce last?", "duration"),
        ("Between which dates did the envoy's team visit Tarnholm?", "date"),
        ("In which room of the Norland Palace did the forum take place?", "place"),  # the noun before "of"
        ("Through which port did Norland ship the grain?", "place"),
        ("What was the name of the ferry summit hosted by the Premier?", "name"),
        ("Which refugee initiative did the envoys welcome?", "name"),
        ("Ahead of the release of whose letters did the Premier brief mayors?", "agent"),
        ("Which tanks provided by Norland did the envoy welcome?", ""),  # a noun of no listed type
        ("What did the Premier say about ferries?", ""),
        ("What kind of commission did the Premier want to set up?", ""),  # a description answers
        ("What office did Ilse Marrow hold in 2024?", ""),  # a title answers, not an organisation
        ("Which Norland office held the ferry summit?", "organisation"),  # "held" is the verb here
        ("Which economic reform of Premier Rask did the envoy support?", ""),  # the noun before "of" is the head
    ],
)
def test_answer_types_expected_type_of_the_wh_phrase(question, expected):
    assert expected_type(question) == expected


@pytest.mark.parametrize(
    ("question", "answer_type", "expects"),
    [
        ("Which Tarnholm official convened the harbour forum?", "sentence", "person"),
        ("Who convened the harbour forum?", "person", ""),  # a typed answer already: no sentence type
        ("Roughly how many mayors attended the ferry forum?", "sentence", "number"),
        ("When Rask met Velt in May, did they discuss ferries?", "sentence", ""),  # a yes / no question
    ],
)
def test_answer_types_analysis_expects_sentence_answers_only(question, answer_type, expects):
    a = analyze(question)
    assert (a.answer_type, a.expects) == (answer_type, expects)


def test_answer_types_hedge_word_is_no_name():
    assert "Roughly" not in analyze("Roughly how many mayors attended the ferry forum?").names


TEXT = ("The Tarnholm harbour forum convened 40 mayors in 2024. Ilse Marrow of the Ferry Office convened the "
        "harbour forum. The truce would last at least six weeks. The forum was called “Open Waters, Safe Ports”.")


def _doc(doc_factory):  # type: ignore[no-untyped-def]
    mentions = [Mention(*span_at(TEXT, "Ilse Marrow"), "Ilse Marrow", "person"),
                Mention(*span_at(TEXT, "Ferry Office"), "Ferry Office", "organization"),
                Mention(*span_at(TEXT, "Tarnholm"), "Tarnholm", "place")]
    return doc_factory(TEXT, mentions=mentions)


@pytest.mark.parametrize(
    ("question", "sentence", "spans"),
    [
        ("Which official convened the Tarnholm harbour forum?", 1, ["Ilse Marrow"]),
        ("Which official convened the Tarnholm harbour forum?", 0, []),  # Tarnholm is asked; no person
        ("Which office convened the harbour forum?", 1, ["Ilse Marrow of the Ferry Office", "Ferry Office"]),
        ("Roughly how many mayors did the Tarnholm forum convene in 2024?", 0, ["40"]),  # not the asked year
        ("Roughly how many mayors did the forum convene?", 2, []),  # "six weeks" is a length of time, no count ...
        ("For how long would the truce last?", 2, ["six weeks"]),  # ... that a "how long" question asks for
        ("What was the name of the forum?", 3, ["Open Waters, Safe Ports"]),
    ],
)
def test_answer_types_spans_not_in_the_question(doc_factory, question, sentence, spans):
    doc = _doc(doc_factory)
    span = sentences(doc.text)[sentence]
    found = [doc.text[span.start + s:span.start + e] for s, e in answer_spans(analyze(question), doc, span)]
    assert found == spans


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Deputy Minister of Trade Ola Brenn opened the forum.", ["Ola Brenn"]),  # the tagger missed her
        ("Ola L. Brenn of the Harbour Office spoke.", ["Ola L. Brenn"]),
        ("The Office of Science and Harbour Policy hosted it.", []),  # the tail of an organisation's name
        ("The Grand Harbour Council met in May.", []),  # an organisation's head word
        ("Kell Ambor, Mira Tosk, Anton Vel, Ruud Sala and Pia Moll spoke.", ["Kell Ambor", "Mira Tosk", "Anton Vel",
                                                                          "Ruud Sala", "Pia Moll"]),
    ],
)
def test_answer_types_person_names_written(doc_factory, text, names):
    doc = doc_factory(text)
    span = sentences(doc.text)[0]
    found = answer_spans(analyze("Which official opened the forum?"), doc, span)
    assert [doc.text[s:e] for s, e in found] == names


@pytest.mark.parametrize(
    ("text", "is_asked"),
    [("Tarnholm", True), ("harbour forum", True), ("Ilse Marrow", False), ("the Ferry Office", False)],
)
def test_answer_types_asked_words(text, is_asked):
    assert asked(analyze("Which official convened the Tarnholm harbour forum?"), text) is is_asked


@pytest.mark.parametrize(
    ("spans", "share"),
    [([(0, 4)], 1.0), ([(200, 204)], 0.0), ([], 0.0)],
)
def test_answer_types_focus_near_the_span(spans, share):
    text = "Marrow convened the forum." + " " * 150 + "and then Kell"
    focus = [family(stem(w)) for w in ("convened", "forum")]  # as the general answerer compares them
    assert focus_near(focus, text, spans) == share


PAGE = ("Readout of the Tarnholm Harbour Forum. "
        "Officials of Norland and Tarnholm convened the harbour forum on ferry safety and river trade yesterday. "
        "Ilse Marrow, Norland Ferry Commissioner, convened the forum with mayors from the river towns. "
        "Participants discussed how ferry safety and river trade shape the harbour economy.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    mentions = [Mention(*span_at(PAGE, "Ilse Marrow"), "Ilse Marrow", "person"),
                Mention(*span_at(PAGE, "Norland"), "Norland", "country")]
    return indexed_store([doc_factory(PAGE, id="forum", source="readouts/forum.md", kind="readout",
                                      published="2025-05-06", mentions=mentions)])


def test_answer_types_sentence_with_the_person_wins(store):
    answer = ask(store, "Which Norland official convened the harbour forum on ferry safety and river trade?")
    assert "Ilse Marrow" in answer.text, answer.as_dict()


def test_answer_types_no_sentence_of_the_type_declines(store):
    answer = ask(store, "Roughly how many officials convened the harbour forum on ferry safety and river trade?")
    assert answer.not_in_sources, answer.as_dict()


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Officials noted [steps taken](https://example.org/2023/05/04/fact-sheet) to date.", []),
        ("Officials noted steps at https://example.org/2023/05/04 today.", []),
        ("Officials of 16 groups noted [steps taken](https://example.org/2023/05/04).", ["16"]),
    ],
)
def test_answer_types_link_numbers_are_no_answer(doc_factory, text, spans):
    doc = doc_factory(text)
    span = sentences(doc.text)[0]
    found = answer_spans(analyze("Roughly how many groups noted steps?"), doc, span)
    assert [doc.text[s:e] for s, e in found] == spans


def test_answer_types_head_noun_is_a_kind_word_not_focus():
    a = analyze("Which Norland office hosted the ferry summit?")
    assert a.expects == "organisation" and "office" not in a.focus and "office" in a.kinds
