"""``ask`` reads a country asked by its adjective where the page writes the country's name, and the reverse, for
irregular pairs too (the whole table of :mod:`nationalities`, not suffix rules)."""

from __future__ import annotations

import pytest

from communique.model import Mention
from communique.search import ask
from communique.search.nationalities import COUNTRY_FORMS, forms_of, main_forms
from communique.search.typed_answers import fold, name_in

CALL = ("President Arno Veld of the Netherlands, Chancellor Lina Hof of Austria and Prime Minister Tor Lid of Norway "
        "joined the video call on the harbour levy.")


@pytest.mark.parametrize(
    ("asked", "written", "found"),
    [
        ("Dutch", "the government of the netherlands", True),
        ("Netherlands", "a dutch delegation", True),
        ("Swiss", "talks in switzerland", True),
        ("Switzerland", "the swiss mediators", True),
        ("Norwegian", "oslo, norway", True),
        ("Danes", "the kingdom of denmark", True),
        ("Dutch", "the danish delegation", False),  # another country
        ("Swiss", "us and them", False),  # an acronym form is not read into a pronoun
    ],
)
def test_nationalities_name_in_country_forms(asked, written, found):
    assert name_in(asked, fold(written)) is found


@pytest.mark.parametrize(("word", "expected"), [("Dutch", "Netherlands"), ("Netherlands", "Dutch"),
                                                ("Swiss", "Switzerland"), ("Türkiye", "Turkish")])
def test_nationalities_forms_both_ways(word, expected):
    assert expected in forms_of(word)
    assert expected in main_forms(word)


def test_nationalities_table_is_complete():
    assert len(COUNTRY_FORMS) >= 193  # every UN member state, each with a nationality word
    assert all(len(forms) >= 2 for forms in COUNTRY_FORMS)


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    mentions = [Mention(CALL.index(n), CALL.index(n) + len(n), n, "person") for n in ("Arno Veld", "Lina Hof", "Tor Lid")]
    mentions += [Mention(CALL.index(n), CALL.index(n) + len(n), n, "country") for n in ("Netherlands", "Austria", "Norway")]
    doc = doc_factory(CALL, id="call", source="readouts/call.md", kind="readout", published="2025-03-04",
                      mentions=mentions)
    return indexed_store([doc])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which Dutch president joined the video call on the harbour levy?", "Arno Veld"),
        ("Which Norwegian prime minister joined the video call on the harbour levy?", "Tor Lid"),
        ("Which Austrian chancellor joined the video call?", "Lina Hof"),
    ],
)
def test_ask_nationalities_person_by_adjective(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.text.startswith(expected)
