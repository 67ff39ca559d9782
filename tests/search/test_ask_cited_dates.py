"""``ask``: a sentence of a page dated the asked month may name an earlier date it refers to; the asked time then
dates the page, not the sentence (but still the answer of a when / where question)."""

from __future__ import annotations

import pytest
from tests.search.hand_annotations import timex_at as _timex

from communique.search import ask

CALL = ("Minister Ana Ortiz spoke today with Minister Pedro Lind of Norland. "
        "The ministers welcomed the first three ferries of relief supplies since the storm of January 4, "
        "which reached the island of Varn.")



@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([doc_factory(CALL, id="call-feb", source="gov/call.txt", kind="readout",
                                      published="2025-02-10",
                                      timexes=[_timex(CALL, "today", "2025-02-10", "publication"),
                                               _timex(CALL, "January 4", "2025-01-04")])])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many ferries of relief supplies did Ortiz and Lind welcome in their February 2025 call?", "three"),
    ],
)
def test_ask_cited_dates_answer_from_page_of_asked_month(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text


@pytest.mark.parametrize("question", ["When did Ortiz and Lind welcome ferries in February 2025?"])
def test_ask_cited_dates_when_questions_keep_the_sentence_date(store, question):
    answer = ask(store, question)
    assert "2025-01-04" not in answer.text
