"""``ask`` answers "Who did X meet ... to <purpose>?" from the sentence that reports the meeting when the purpose is
written in the next one (a readout's lead names the people, its next sentence what they met about)."""

from __future__ import annotations

import pytest

from communique.model import Mention
from communique.search import ask

READOUT = ("Premier Ana Ortiz met today with Governor Jon Berg in Bergen. "
           "The two leaders reaffirmed their support for the northern ferry compact. "
           "Premier Ortiz later toured the harbour.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    mentions = [Mention(READOUT.index(n), READOUT.index(n) + len(n), n, "person") for n in ("Ana Ortiz", "Jon Berg")]
    return indexed_store([doc_factory(READOUT, id="readout", source="readouts/ortiz-berg.md", kind="readout",
                                      published="2025-06-01", mentions=mentions)])


@pytest.mark.parametrize("question", ["Who did Ortiz meet in Bergen to reaffirm support for the ferry compact?",
                                      "Whom did Premier Ortiz host to reaffirm support for the northern ferry compact?"])
def test_ask_met_whom_purpose_in_next_sentence(store, question):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.text.startswith("Jon Berg")


@pytest.mark.parametrize("question", ["Who did Ortiz meet in Bergen to discuss offshore wind farms?",
                                      "Who did Ortiz say would lead the ferry compact talks?"])
def test_ask_met_whom_declines_other_purposes(store, question):
    assert ask(store, question).not_in_sources
