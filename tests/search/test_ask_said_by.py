"""``ask`` answers "What did X say ..." with X's own words only: not the other side's, not a joint discussion; a
sentence whose subject is "The Chancellor" or "He" gives the words of the person the readout is about."""

from __future__ import annotations

import pytest

from communique.model import Mention
from communique.search import ask
from communique.search.said_by import asked_speaker, said_by
from communique.search.segment import Span

READOUT = ("Chancellor Mara Velt spoke today with Premier Odo Rask. "
           "The blockade by Kessland was on the agenda. "
           "The Chancellor stressed the need to reopen the northern ferry line. "
           "The leaders discussed grain exports and river tolls. "
           "Rask thanked Velt for her support on fisheries quotas.")


def _person(text: str, part: str) -> Mention:
    start = text.index(part)
    return Mention(start, start + len(part), part, "person")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    doc = doc_factory(READOUT, id="call", source="readouts/call.md", kind="readout", published="2025-05-06",
                      title="Readout of Chancellor Velt's Call with Premier Rask",
                      mentions=[_person(READOUT, "Mara Velt"), _person(READOUT, "Odo Rask")])
    return indexed_store([doc])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did Velt say about the northern ferry line?", "reopen the northern ferry line"),  # "The Chancellor"
        ("What did Rask say about fisheries quotas?", "support on fisheries quotas"),
    ],
)
def test_ask_said_by_answers_the_speakers_words(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "What did Rask say about the northern ferry line?",  # the other side's words
        "What did Rask tell Velt about grain exports?",  # a joint discussion gives neither side's words
        "What did Velt say about river tolls during her call with Rask?",  # the constraint is no topic
        "What did Velt say about the northern ferry line during her call with Holt?",  # Holt is on no page
        "What did Velt say about Kessland?",  # the topic's name in the sentence before her words, not in them
    ],
)
def test_ask_said_by_declines_words_of_others(store, question):
    assert ask(store, question).not_in_sources


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Premier Rask say about tolls?", "Premier Rask"),
        ("How did Velt describe the talks?", "Velt"),
        ("What did the leaders discuss?", None),  # no one side's words asked
        ("Which line did Velt want to reopen?", None),
    ],
)
def test_said_by_asked_speaker(question, speaker):
    assert asked_speaker(question) == speaker


@pytest.mark.parametrize(
    ("sentence", "who", "expected"),
    [
        # a relative clause names its own speaker after a joint subject
        ("Velt and Rask discussed the ferry accord, which Velt stressed was the only way forward.", "Velt", True),
        ("Velt and Rask discussed the ferry accord, which Velt stressed was the only way forward.", "Rask", False),
        ("Velt and Rask discussed the ferry accord, which both stressed was vital.", "Velt", False),
        ("Velt and Rask discussed the ferry accord.", "Velt", False),
    ],
)
def test_said_by_relative_clause_subject(doc_factory, sentence, who, expected):
    doc = doc_factory(sentence, mentions=[_person(sentence, "Velt")] if "Velt" in sentence else [])
    assert said_by(doc, Span(0, len(sentence), sentence), who) is expected
