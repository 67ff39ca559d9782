"""``ask``: each question type answered from the records or the text, cited sentences, "not in the sources"."""

from __future__ import annotations

import pytest

from communique.search import ask
from communique.search.ask import classify
from communique.search.segment import sentences


@pytest.mark.parametrize(
    ("question", "intent", "expected", "source"),
    [
        ("What is Tomas Varga's role?", "role", "Foreign Minister", "readouts/ellison-varga.md"),
        ("What is Maria Ellison's title?", "role", "Secretary of State", "readouts/ellison-varga.md"),
        ("When did Maria Ellison and Tomas Varga meet?", "when_met", "2024-05-14", "readouts/ellison-varga.md"),
        ("When did Lena Holm and Dieter Kraus speak?", "when_met", "2023-11-20", "wire/holm-kraus.txt"),
        ("Who said “Energy independence is national security”?", "who_said", "Ellison", "readouts/ellison-varga.md"),
        ('Who said "We will expand trade corridors across West Africa"?', "who_said", "Minister Okafor",
         "transcripts/okafor-ellison.txt"),
        ("What figures were given for energy assistance for Central Europe?", "general", "$40 million",
         "readouts/ellison-varga.md"),
        ("What figures were given for scholarships?", "general", "200", "transcripts/okafor-ellison.txt"),
        ("What did Lena Holm say about the talks?", "what_said", "constructive", "wire/holm-kraus.txt"),
        ("What did Maria Ellison say about energy independence?", "what_said", "national security",
         "readouts/ellison-varga.md"),
        ("Who took part in the meeting in Budapest?", "attendees", "Tomas Varga", "readouts/ellison-varga.md"),
    ],
)
def test_answers_with_citations(kb, question, intent, expected, source):
    answer = ask(kb, question)
    assert answer.intent == intent
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text
    for sentence in answer.sentences:
        assert sentence.citations, "every answer sentence is cited"
        for c in sentence.citations:
            doc = kb.get(c["doc"])
            assert doc.source == source
            assert c["title"] == doc.title
            cited = doc.text[c["start"]:c["end"]]
            assert cited in {s.text for s in sentences(doc.text)}, "a citation is one whole sentence"


def test_citation_round_trip(kb):
    answer = ask(kb, "Who said “Energy independence is national security”?")
    c = answer.sentences[0].citations[0]
    doc = kb.get(c["doc"])
    assert doc.text[c["start"]:c["end"]] == "Ms. Ellison said, “Energy independence is national security.”"
    data = answer.as_dict()
    assert data["sentences"][0]["citations"][0] == c and data["not_in_sources"] is False


@pytest.mark.parametrize(
    "question",
    [
        "When did Maria Ellison and Lena Holm meet?",
        "What is Angela Brandt's role?",
        "Who said “we will never abandon the fisheries”?",
        "What figures were given for wheat exports from Hungary?",
        "What did Dieter Kraus say about nuclear energy?",
        "Who attended the signing of the Treaty of Lisbon?",
        "Why is the sky blue?",
    ],
)
def test_not_in_the_sources(kb, question):
    answer = ask(kb, question)
    assert answer.not_in_sources, answer.as_dict()
    assert answer.sentences == [] and answer.text == "Not in the sources."


@pytest.mark.parametrize(
    ("question", "intent", "groups"),
    [
        ("When did Joe Biden and Leo Varadkar meet?", "when_met", {"a": "Joe Biden", "b": "Leo Varadkar"}),
        ("when did Harris speak with President Ali?", "when_met", {"a": "Harris", "b": "President Ali"}),
        ("Who said 'slow speed kills'?", "who_said", {"words": "slow speed kills"}),
        ("What did Jon Finer say about the mpox response?", "what_said", {"who": "Jon Finer", "topic": "the mpox response"}),
        ("What figures were given for the Peace Project?", "figures", {"subject": "the Peace Project"}),
        ("Who attended the AUKUS meetings?", "attendees", {"event": "the AUKUS meetings"}),
        ("What is Lloyd J. Austin III's role?", "role", {"who": "Lloyd J. Austin III"}),
        ("Tell me about NATO", "keywords", {}),
    ],
)
def test_question_patterns(question, intent, groups):
    assert classify(question) == (intent, groups)


def test_ask_reads_the_index_as_last_refreshed(kb, doc_factory):
    from communique.search import refresh_index

    kb.put(doc_factory("Ambassador Rui Costa said the embassy would reopen in March.", source="late.txt",
                       kind="news", published="2024-02-01"), "test")
    question = "What did Rui Costa say about the embassy?"
    assert ask(kb, question).not_in_sources  # reads never write: a document stored after the refresh is not seen
    refresh_index(kb)  # what ingest does at its end
    answer = ask(kb, question)
    assert not answer.not_in_sources and "reopen" in answer.text


def test_ask_when_met_ignores_a_planned_meeting(tmp_path, doc_factory):
    from communique.model import Timex
    from communique.search.index import index_for
    from communique.store.sqlite import SQLiteStore

    text = ("Secretary Ana Ortiz met Minister Pedro Lind in Lisbon yesterday to discuss fisheries. "
            "Ortiz and Lind agreed to meet again in Oslo in late April.")
    y, april = text.index("yesterday"), text.index("late April")
    doc = doc_factory(text, kind="readout", published="2025-03-04",
                      timexes=[Timex(y, y + 9, "yesterday", "DATE", "2025-03-03", "relative"),
                               Timex(april, april + 10, "late April", "DATE", "2025-04", "relative")])
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.put(doc, "test")
        index_for(store).refresh(vectors=False)
        answer = ask(store, "When did Ortiz and Lind meet?")
    assert "2025-03-03" in answer.text and "April" not in answer.text
