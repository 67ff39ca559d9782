"""``ask`` answers "How many <things>" from a sentence that writes a number of those things, even when the question's
verb is not the sentence's ("decide to buy" / "purchase"); "US" asked is "U.S." written."""

from __future__ import annotations

import pytest

from communique.search import ask
from communique.search.typed_answers import name_in

PAGE = ("Chancellor Mara Velt welcomed Premier Odo Rask to Tarnholm today. "
        "Velt welcomed the Norland decision to purchase 36 U.S. patrol-boats, a deal worth $2 billion. "
        "U.S. investments in Norland include support for over 140 river ferries.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([
        doc_factory(PAGE, id="visit", source="readouts/visit.md", kind="readout", published="2025-05-06"),
    ])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many patrol-boats did Norland decide to buy, as Velt noted when she welcomed Rask?", "36 U.S. patrol-boats"),
        ("How many river ferries do US investments in Norland support?", "140 river"),
    ],
)
def test_ask_counted_number_of_the_asked_things(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text


def test_ask_counted_declines_other_things(store):
    assert ask(store, "How many submarines did Norland decide to buy?").not_in_sources


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("US", "u.s. investments", True),
        ("US", "use of", False),
        ("Norlanders", "the norlander people", True),  # a plural asked, the singular written
        ("Davis", "davi spoke", False),  # a short name ending in "s" is no plural
        ("De Vrin", "in washington, d.v. today", False),  # a family name with a particle is never initials
    ],
)
def test_name_in_dotted_acronym(name, text, found):
    assert name_in(name, text) is found
