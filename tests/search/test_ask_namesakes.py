"""``ask`` tells namesakes apart: a person of the asked surname with another given name is an answer, not the
asked person (the asked surname alone is the person of that surname the page names first)."""

from __future__ import annotations

import pytest

from communique.model import Mention
from communique.search import ask

READOUT = ("President Tomas Ortiz spoke today with King Haakon of Norland. "
           "President Ortiz said that Senator Lena Ortiz would attend the harbour festival on behalf of the republic.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    mentions = [Mention(READOUT.index(n), READOUT.index(n) + len(n), n, "person")
                for n in ("Tomas Ortiz", "Haakon", "Lena Ortiz")]
    return indexed_store([doc_factory(READOUT, id="readout", source="readouts/ortiz.md", kind="readout",
                                      published="2025-06-01", mentions=mentions)])


@pytest.mark.parametrize(
    "question",
    [
        "Who did Ortiz say would attend the harbour festival on behalf of the republic?",
        "Who did Tomas Ortiz say would attend the harbour festival?",
    ],
)
def test_ask_namesakes_other_given_name_answers(store, question):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.text.startswith("Lena Ortiz")


def test_ask_namesakes_asked_person_is_no_answer(store):
    answer = ask(store, "Who did Lena Ortiz say would attend the harbour festival?")
    assert "Lena Ortiz" not in answer.text
