"""``ask`` picks the typed answer the question's analysis asks for: the person beside the asked title, a month when
only a month is written, the sentence naming the asked kind of thing; it declines loosely matching sentences."""

from __future__ import annotations

import pytest

from communique.model import Mention, Timex
from communique.search import ask

READOUT = ("Foreign Minister Ana Ortiz met Trade Minister Pedro Lind in Bergen on April 2, 2025. "
           "The two ministers discussed the Northern Ferry Accord and new port fees. "
           "The delegation included Deputy Minister Jon Berg and Harbour Administrator Eva Strand. "
           "Norland allocated $3 million to port repairs.")
PROFILE = "Ana Ortiz paid a state visit to Norland in October 2019, her first abroad as minister."


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _person(text: str, part: str) -> Mention:
    return Mention(*_span(text, part), part, "person")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    docs = [
        doc_factory(READOUT, id="readout", source="readouts/ortiz-lind.md", kind="readout", published="2025-04-02",
                    timexes=[Timex(*_span(READOUT, "April 2, 2025"), "April 2, 2025", "DATE", "2025-04-02",
                                   "explicit")],
                    mentions=[_person(READOUT, n) for n in ("Ana Ortiz", "Pedro Lind", "Jon Berg", "Eva Strand")]),
        doc_factory(PROFILE, id="profile", source="wire/profile.txt", kind="news", published="2024-01-05",
                    timexes=[Timex(*_span(PROFILE, "October 2019"), "October 2019", "DATE", "2019-10", "explicit")],
                    mentions=[_person(PROFILE, "Ana Ortiz")]),
    ]
    return indexed_store(docs)


@pytest.mark.parametrize(
    ("question", "expected", "doc"),
    [
        ("Which Harbour Administrator joined the delegation?", "Eva Strand", "readout"),  # the person beside the title
        ("Which deputy minister was in the delegation?", "Jon Berg", "readout"),
        ("When did Ortiz make a state visit to Norland?", "October 2019", "profile"),  # only the month is written
        ("On which day did Ortiz host Lind in Bergen?", "April 2, 2025", "readout"),
        ("Which accord did Ortiz and Lind discuss?", "Northern Ferry Accord", "readout"),
        ("How much did Norland allocate to port repairs?", "$3 million", "readout"),
    ],
)
def test_ask_typed_answer(store, question, expected, doc):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text
    assert {c["doc"] for s in answer.sentences for c in s.citations} == {doc}


@pytest.mark.parametrize(
    "question",
    [
        "How much did Norland pledge to Lind?",  # a number of the page, but nothing is pledged
        "What did Lind say about port fees?",  # the fees are named, never by Lind
        "What did Ortiz and Lind agree about wind farms at their meeting?",  # only the meeting words match
        "Where did Ortiz meet Lind in October 2019?",  # the month of another visit, without Lind
    ],
)
def test_ask_typed_declines_loose_matches(store, question):
    answer = ask(store, question)
    assert answer.not_in_sources, answer.as_dict()


SPEECH = ("Minister Pedro Lind arrived in Bergen on Monday. "
          "He said, “Our ferries will sail again before winter.” "
          "The Minister added, “The harbour stays open to every flag.”")


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("Who said “Our ferries will sail again before winter”?", "Pedro Lind"),  # "He" before the quote
        ("Who said “The harbour stays open to every flag”?", "Pedro Lind"),  # an office alone before the quote
    ],
)
def test_ask_who_said_names_the_speaker(tmp_path, doc_factory, monkeypatch, question, speaker):
    from communique.search.index import index_for
    from communique.search.semantic import NO_SEMANTIC_ENV
    from communique.store.sqlite import SQLiteStore

    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")
    doc = doc_factory(SPEECH, id="speech", source="wire/lind.txt", kind="news", published="2025-04-07",
                      mentions=[_person(SPEECH, "Pedro Lind")])
    with SQLiteStore(tmp_path / "kb.db") as s:
        s.put(doc, "test")
        index_for(s).refresh(vectors=False)
        answer = ask(s, question)
    assert answer.text.startswith(f"{speaker} said:"), answer.as_dict()


@pytest.mark.parametrize(("a", "b"), [("agree", "agreed"), ("host", "hosted"), ("travel", "travels"),
                                      ("serve", "served")])
def test_stem_joins_word_forms(a, b):
    from communique.search.typed_answers import stem

    assert stem(a) == stem(b)
