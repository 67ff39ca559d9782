"""``ask`` on "Which / What <kind> did ...": a sentence that writes the kind's words ranks first; one that gives an
instance of the kind without its words still answers."""

from __future__ import annotations

import pytest

from communique.search import ask

TRIP = ("Minister Ana Ortiz visited Varn on a two-day trip. "
        "During the trip to Varn, Ortiz met with Harbour Guild Chairwoman Ivo Stern and Mayor Pia Lund. "
        "Ortiz praised Varn for its handling of the recent Kessel flood.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([doc_factory(TRIP, id="trip", source="gov/trip.txt", kind="readout")])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which harbour guild chairwoman did Ortiz meet during her trip to Varn?", "Ivo Stern"),
        ("What natural disaster did Ortiz praise Varn for handling?", "Kessel flood"),
    ],
)
def test_ask_kind_words_rank_and_instances(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.sentences[0].text
