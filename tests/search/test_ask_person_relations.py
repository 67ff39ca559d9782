"""``ask`` answers "Who was <Name>'s predecessor / counterpart" with the person written by the relation word, finds a
family-name-first name by its first word, and keeps a short last given name the mention cut off."""

from __future__ import annotations

import pytest

from communique.model import Mention
from communique.search import ask
from communique.search.question_analysis import analyze
from communique.search.typed_answers import name_in

PAGE = ("President Kim Dae Sung met Chancellor Mara Velt in Tarnholm on Monday. "
        "Ties between the two countries cooled under Kim's predecessor, Park Min Ho, over fishing rights. "
        "Velt praised Kim for reopening the northern ferry line.")
LIST = ("On the margins of the harbour summit, Chancellor Mara Velt met President Ivo Sand of Ostria, "
        "Prime Minister Lena Holt of Wendmark, and Defense Minister Tor Vik of Kessland.")


def _person(text: str, part: str, kind: str = "person") -> Mention:
    start = text.index(part)
    return Mention(start, start + len(part), part, kind)


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    doc = doc_factory(PAGE, id="visit", source="wire/visit.txt", kind="news", published="2025-03-03",
                      mentions=[_person(PAGE, "Kim Dae Sung"), _person(PAGE, "Mara Velt"), _person(PAGE, "Kim's"),
                                _person(PAGE, "Park Min")])  # the mention cut before "Ho"
    summit = doc_factory(LIST, id="summit", source="wire/summit.txt", kind="news", published="2025-06-03",
                         mentions=[*(_person(LIST, n) for n in ("Mara Velt", "Ivo Sand", "Lena Holt", "Tor Vik")),
                                   *(_person(LIST, c, "country") for c in ("Ostria", "Wendmark", "Kessland"))])
    return indexed_store([doc, summit])


@pytest.mark.parametrize("question", ["Who was Kim Dae Sung's predecessor?", "Who is Kim's predecessor?"])
def test_ask_person_relations_answers_the_related_person(store, question):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert "Park Min Ho" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which two countries' ministers did Velt meet at the harbour summit?", "Ostria and Wendmark and Kessland"),
        ("Which Wendmark leader met Velt on the margins of the harbour summit?", "Lena Holt"),
        ("Who represented Kessland when Velt met the leaders at the harbour summit?", "Tor Vik"),
    ],
)
def test_ask_person_relations_the_person_of_the_asked_country(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.text.startswith(expected)


@pytest.mark.parametrize(
    ("question", "head", "descriptor"),
    [
        ("Who was Kim Dae Sung's predecessor?", "predecessor", "predecessor"),
        ("Who is Velt's counterpart in Norland?", "counterpart", "counterpart"),
        ("Who was the president before Kim?", "", "president"),  # an office describes, it is no relation
    ],
)
def test_question_analysis_relation_noun_of_a_who_question(question, head, descriptor):
    a = analyze(question)
    assert a.head == head
    assert descriptor in a.descriptors


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Kim Dae Sung", "kim's predecessor", True),  # three words: the family name written first, alone
        ("Mara Velt", "mara spoke", False),  # two words: a given name alone is not the person
        ("Joseph R. Biden", "joseph spoke", False),  # an initial does not make three words
    ],
)
def test_name_in_family_name_first(name, text, found):
    assert name_in(name, text) is found


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("What post did Mara Velt hold when she met Kim in Tarnholm?", "Mara Velt"),
        ("What is Park Min Ho's title in the Northern government?", "Park Min Ho"),
        ("What office does Kim Dae Sung hold?", "Kim Dae Sung"),
        ("What role did Velt have during the ferry talks of 2025?", "Velt"),
    ],
)
def test_classify_role_question_with_a_trailing_constraint(question, who):
    from communique.search.ask import classify

    intent, groups = classify(question)
    assert (intent, groups.get("who")) == ("role", who)
