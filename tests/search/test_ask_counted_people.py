"""``ask`` counts people in every written form: a number word with its scale ("four million"), any noun for people
when the asked things are people, the number whose own noun phrase names the asked things first, and a number that is
the subject of a participle ("20,000 crossing")."""

from __future__ import annotations

import pytest

from communique.search import ask

REPORT = ("The minister said that nearly four million people in Mali now need clean water. "
          "The agency expects to resettle as many as 30,000 individuals from the coast this year. "
          "The storm killed 900 residents – including 12 Norwegians – across the islands. "
          "The ports stay busy, with some 20,000 crossing the strait by ferry each month.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([doc_factory(REPORT, id="report", source="wire/report.txt", kind="news",
                                      published="2025-05-06")])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many Malians need clean water?", "four million"),  # a nationality: people are counted
        ("How many people does the agency expect to resettle from the coast?", "30,000"),  # "individuals"
        ("How many Norwegians did the storm kill?", "12"),  # the asked noun right after the number wins
        ("How many residents did the storm kill across the islands?", "900"),
        ("How many travellers cross the strait by ferry each month?", "20,000"),  # the number is who crosses
    ],
)
def test_ask_counted_people_numbers(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.text.startswith(expected)
