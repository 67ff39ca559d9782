"""``ask`` reads the page's address (URL or file name) like its title: a place written only there still meets the
question's place constraint; a place written nowhere does not."""

from __future__ import annotations

import pytest

from communique.search import ask

TEXT = ("After three hours of talks between Foreign Minister Ana Ortiz and her counterpart Pedro Lind, "
        "the two sides agreed on a ferry timetable.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    doc = doc_factory(TEXT, id="talks", source="wire/ortiz-lind-talks-bergen.txt", kind="news",
                      url="https://news.example/2025/04/ortiz-lind-talks-bergen", published="2025-04-02")
    return indexed_store([doc])


def test_ask_page_address_place_written_in_the_address(store):
    answer = ask(store, "How long did the Ortiz-Lind talks in Bergen last?")
    assert not answer.not_in_sources, answer.as_dict()
    assert "three hours" in answer.text


@pytest.mark.parametrize("question", ["How long did the Ortiz-Lind talks in Oslo last?"])
def test_ask_page_address_place_written_nowhere(store, question):
    assert ask(store, question).not_in_sources


CALL = "Premier Odo Rask, calling from the Harbour Ferry, spoke with Chancellor Mara Velt in Tarnholm."


def test_ask_from_where_is_the_place_after_from(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    from communique.model import Mention

    start = CALL.index("Tarnholm")
    store = indexed_store([doc_factory(CALL, id="call", source="wire/call.txt", kind="news",
                                       mentions=[Mention(start, start + len("Tarnholm"), "Tarnholm", "place")])])
    answer = ask(store, "From where was Rask calling when he spoke with Velt?")
    assert answer.text.startswith("Harbour Ferry"), answer.as_dict()
