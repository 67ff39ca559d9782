"""Timeline: date order, sources with evidence offsets, actor and topic filters."""

from __future__ import annotations

import pytest

from communique.kb.match import actor_matches, build_timeline, topic_matches
from communique.kb.stories import Story
from communique.model import Event

MEETING_MARCH = "Foreign Secretary Lucía Báez met Secretary of State Daniel Ortega Reyes in Mexico City on March 3."
MEETING_MARCH_2 = (
    "Readout. Secretary Ortega Reyes met today with Foreign Secretary Báez in Mexico City to discuss fentanyl."
)
CALL_APRIL = "President Claudia Sheinbaum spoke by phone with Prime Minister Mark Carney on April 10 about steel tariffs."
MEETING_MAY = "Báez and Ortega Reyes met again at the State Department in Washington on May 15 to review border security."
UNDATED = "Officials said Báez would travel to Ottawa at some point to discuss migration."


def event(text: str, sentence: str, typ: str, date: str | None, names: tuple[str, ...], **kw) -> Event:
    start = text.index(sentence)
    parts = tuple((n, text.index(n), text.index(n) + len(n)) for n in names)
    return Event(type=typ, start=start, end=start + len(sentence), participants=parts, date_value=date, **kw)


@pytest.fixture
def docs(doc_factory):
    def make(doc_id, text, published, typ, date, names, **kw):
        return doc_factory(
            text, id=doc_id, published=published, events=[event(text, text, typ, date, names, **kw)]
        )

    return [
        make("d-may", MEETING_MAY, "2025-05-15", "CONSULT", "2025-05-15", ("Báez", "Ortega Reyes"),
             label="Báez meets Ortega Reyes in Washington", topics=("border_security",), place="Washington"),
        make("d-march-b", MEETING_MARCH_2, "2025-03-04", "CONSULT", "2025-03-03", ("Ortega Reyes", "Báez"),
             label="Ortega Reyes meets Báez", topics=("illegal_drugs",), place="Mexico City"),
        make("d-april", CALL_APRIL, "2025-04-10", "CONSULT", "2025-04-10", ("Claudia Sheinbaum", "Mark Carney"),
             mode="phone", label="Sheinbaum calls Carney", topics=("trade",)),
        make("d-undated", UNDATED, "2025-05-20", "CONSULT", None, ("Báez",), status="planned",
             label="Báez to visit Ottawa", topics=("migration",)),
        make("d-march-a", MEETING_MARCH, "2025-03-03", "CONSULT", "2025-03-03", ("Lucía Báez", "Daniel Ortega Reyes"),
             label="Báez meets Ortega Reyes in Mexico City", topics=("illegal_drugs", "border_security"),
             place="Mexico City"),
    ]


@pytest.fixture
def stories():
    return [
        Story(id="s-march", title="Báez meets Ortega Reyes in Mexico City", docs=["d-march-a", "d-march-b"],
              date="2025-03-03", events=[("d-march-a", 0), ("d-march-b", 0)], place="Mexico City"),
        Story(id="s-april", title="Sheinbaum calls Carney", docs=["d-april"], date="2025-04-10",
              events=[("d-april", 0)]),
        Story(id="s-may", title="Báez meets Ortega Reyes in Washington", docs=["d-may"], date="2025-05-15",
              events=[("d-may", 0)], place="Washington"),
        Story(id="s-undated", title="Báez to visit Ottawa", docs=["d-undated"], events=[("d-undated", 0)]),
    ]


def test_entries_in_date_order_with_undated_last(docs, stories):
    timeline = build_timeline(docs, stories)
    assert [e.story for e in timeline] == ["s-march", "s-april", "s-may", "s-undated"]
    assert [e.date for e in timeline] == ["2025-03-03", "2025-04-10", "2025-05-15", None]


def test_story_entry_merges_sources_with_evidence_offsets(docs, stories):
    march = build_timeline(docs, stories)[0]
    by_id = {d.id: d for d in docs}
    assert sorted(s.doc for s in march.sources) == ["d-march-a", "d-march-b"]
    for source in march.sources:
        evidence = by_id[source.doc].text[source.start : source.end]
        assert "met" in evidence and "Mexico City" in evidence
    assert march.published == "2025-03-03"
    assert march.participants == ["Lucía Báez", "Daniel Ortega Reyes"]  # "Báez", "Ortega Reyes" merged
    assert march.topics == ["border_security", "illegal_drugs"]


def test_clusters_stories_itself_when_none_are_given(docs):
    timeline = build_timeline(docs)
    dates = [e.date for e in timeline]
    assert dates == sorted(dates, key=lambda d: d or "9999")
    march = [e for e in timeline if e.date == "2025-03-03"]
    assert len(march) == 1 and len(march[0].sources) == 2


def test_same_date_orders_by_publication(doc_factory):
    early = doc_factory("Ministers met.", id="z", published="2025-01-02",
                        events=[Event(type="CONSULT", start=0, end=14, label="b", date_value="2025-01-01")])
    late = doc_factory("Leaders talked.", id="a", published="2025-01-05",
                       events=[Event(type="CONSULT", start=0, end=15, label="a", date_value="2025-01-01")])
    timeline = build_timeline([late, early], stories=[])
    assert [e.sources[0].doc for e in timeline] == ["z", "a"]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("Báez", ["s-march", "s-may", "s-undated"]),
        ("lucia baez", ["s-march", "s-may", "s-undated"]),
        ("ORTEGA REYES", ["s-march", "s-may"]),
        ("Sheinbaum", ["s-april"]),
        ("Claudia Sheinbaum Pardo", ["s-april"]),
        ("Lucía", []),  # a first name alone is not an actor match
        ("Marcelo Ebrard", []),
    ],
)
def test_actor_filter(docs, stories, actor, expected):
    assert [e.story for e in build_timeline(docs, stories, actor=actor)] == expected


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("illegal drugs", ["s-march"]),
        ("border_security", ["s-march", "s-may"]),
        ("Trade", ["s-april"]),
        ("Ottawa", ["s-undated"]),  # a word of the label
        ("space", []),
    ],
)
def test_topic_filter(docs, stories, topic, expected):
    assert [e.story for e in build_timeline(docs, stories, topic=topic)] == expected


def test_actor_and_topic_combine(docs, stories):
    assert [e.story for e in build_timeline(docs, stories, actor="Báez", topic="border security")] == [
        "s-march",
        "s-may",
    ]


@pytest.mark.parametrize(
    ("actor", "participant", "expected"),
    [
        ("Lopez Obrador", "Andrés Manuel López Obrador", True),
        ("President López Obrador", "López Obrador", True),
        ("Andrés", "Andrés Manuel López Obrador", False),
        ("Carney", "Mark Carney", True),
        ("Mark", "Mark Carney", False),
        ("Carney", "Carneyville Council", False),
    ],
)
def test_actor_matches(actor, participant, expected):
    assert actor_matches(actor, participant) is expected


def test_topic_matches_normalises_underscores_and_case():
    assert topic_matches("Illegal Drugs", ["illegal_drugs"])
    assert not topic_matches("drugs", ["illegal_drugs"], label="meeting on tariffs")


def test_entries_are_json_ready(docs, stories):
    import json

    payload = json.dumps([e.as_dict() for e in build_timeline(docs, stories)])
    assert '"s-march"' in payload
