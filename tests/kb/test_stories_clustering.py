"""Same-event clustering: one meeting reported by three outlets is one story; two meetings of the same ministers are two."""

from __future__ import annotations

import pytest

from communique.kb.stories import Story, assign_stories, cluster_stories, dates_compatible, story_id
from communique.model import Event

MARCH_WIRE = (
    "MEXICO CITY (Wire) - U.S. Secretary of State Daniel Ortega Reyes met Mexican Foreign Secretary Lucía Báez "
    "on Monday in Mexico City to discuss fentanyl trafficking, border security and tariffs on steel.\n"
    "The two ministers agreed to set up a joint working group on arms trafficking, Báez told reporters after the "
    "talks at the foreign ministry."
)
MARCH_READOUT = (
    "Readout of Secretary Ortega Reyes's Meeting with Foreign Secretary Báez\n"
    "Secretary Ortega Reyes met today with Mexican Foreign Secretary Lucía Báez in Mexico City. The Secretary and the "
    "Foreign Secretary discussed fentanyl trafficking, border security and a joint working group on arms trafficking."
)
MARCH_PAPER = (
    "Báez and Ortega Reyes agree on arms trafficking working group\n"
    "Foreign Secretary Lucía Báez received Secretary of State Daniel Ortega Reyes in Mexico City on March 3. "
    "The meeting at the foreign ministry focused on fentanyl trafficking and border security, and on steel tariffs."
)
MAY_WIRE = (
    "WASHINGTON (Wire) - Mexican Foreign Secretary Lucía Báez met U.S. Secretary of State Daniel Ortega Reyes at the "
    "State Department on Thursday to discuss fentanyl trafficking and border security.\n"
    "The ministers reviewed the joint working group on arms trafficking they set up in Mexico City in March."
)
MAY_READOUT = (
    "Readout of Secretary Ortega Reyes's Meeting with Foreign Secretary Báez\n"
    "Secretary Ortega Reyes met today with Mexican Foreign Secretary Lucía Báez in Washington. The Secretary and the "
    "Foreign Secretary discussed fentanyl trafficking, border security and the working group on arms trafficking."
)
OTHER = (
    "BRASÍLIA (Wire) - Brazil's central bank raised its benchmark interest rate by half a point on Wednesday, citing "
    "persistent inflation in services and a weaker real."
)

PARTICIPANTS = (("Daniel Ortega Reyes", 0, 0), ("Lucía Báez", 0, 0))


def meeting(date: str, place: str, label: str, status: str = "occurred") -> Event:
    return Event(
        type="CONSULT",
        start=0,
        end=40,
        mode="visit",
        label=label,
        participants=PARTICIPANTS,
        date_value=date,
        date_basis="explicit",
        place=place,
        topics=("illegal_drugs", "border_security"),
        status=status,
    )


MARCH = meeting("2025-03-03", "Mexico City", "Ortega Reyes meets Báez in Mexico City")
MAY = meeting("2025-05-15", "Washington", "Ortega Reyes meets Báez in Washington")


@pytest.fixture
def corpus(doc_factory):
    return {
        "march_wire": doc_factory(MARCH_WIRE, id="m-wire", published="2025-03-03", publisher="Wire", events=[MARCH]),
        "march_readout": doc_factory(
            MARCH_READOUT, id="m-readout", published="2025-03-03", kind="readout", events=[MARCH]
        ),
        "march_paper": doc_factory(
            MARCH_PAPER, id="m-paper", published="2025-03-04", title=MARCH_PAPER.splitlines()[0], events=[MARCH]
        ),
        "may_wire": doc_factory(
            MAY_WIRE,
            id="y-wire",
            published="2025-05-15",
            # the May report also mentions the March meeting: its lead event is still May
            events=[MAY, meeting("2025-03", "Mexico City", "working group set up", status="reported")],
        ),
        "may_readout": doc_factory(MAY_READOUT, id="y-readout", published="2025-05-15", kind="readout", events=[MAY]),
        "other": doc_factory(OTHER, id="z-other", published="2025-03-05"),
    }


def groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.docs) for s in stories}


def test_three_outlets_one_meeting_is_one_story(corpus):
    docs = [corpus[k] for k in ("march_wire", "march_readout", "march_paper")]
    stories = cluster_stories(docs)
    assert groups(stories) == {frozenset({"m-wire", "m-readout", "m-paper"})}
    story = stories[0]
    assert story.date == "2025-03-03"
    assert story.id == story_id("m-readout")  # earliest publication, ties by id
    assert story.title == "Ortega Reyes meets Báez in Mexico City"
    assert sorted(story.events) == [("m-paper", 0), ("m-readout", 0), ("m-wire", 0)]


def test_two_meetings_of_the_same_ministers_are_two_stories(corpus):
    stories = cluster_stories(corpus.values())
    assert groups(stories) == {
        frozenset({"m-wire", "m-readout", "m-paper"}),
        frozenset({"y-wire", "y-readout"}),
        frozenset({"z-other"}),
    }
    may = next(s for s in stories if "y-wire" in s.docs)
    assert may.date == "2025-05-15"
    assert may.place == "Washington"
    assert ("y-wire", 1) not in may.events  # the March meeting mentioned in passing is not the May story's event
    assert [s.date for s in stories] == sorted(s.date or "9999" for s in stories)


def test_without_events_publication_dates_separate_the_meetings(corpus):
    stripped = [d.replace(events=[]) for k, d in corpus.items() if k != "other"]
    assert groups(cluster_stories(stripped)) == {
        frozenset({"m-wire", "m-readout", "m-paper"}),
        frozenset({"y-wire", "y-readout"}),
    }


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4, 5), (5, 4, 3, 2, 1, 0), (2, 5, 0, 4, 1, 3)])
def test_story_ids_do_not_depend_on_input_order(corpus, order):
    docs = list(corpus.values())
    baseline = {s.id: sorted(s.docs) for s in cluster_stories(docs)}
    shuffled = {s.id: sorted(s.docs) for s in cluster_stories([docs[i] for i in order])}
    assert shuffled == baseline


def test_recorded_duplicate_joins_its_original(doc_factory):
    original = doc_factory(MARCH_WIRE, id="a-orig", published="2025-03-03")
    copy = doc_factory("Syndicated.\n" + OTHER, id="b-copy", published="2025-03-03", duplicate_of="a-orig")
    unrelated = doc_factory(MAY_READOUT, id="c-other", published="2025-05-15")
    assert frozenset({"a-orig", "b-copy"}) in groups(cluster_stories([original, copy, unrelated]))


def test_assign_stories_sets_the_story_field_without_mutating(corpus):
    docs = list(corpus.values())
    assigned = assign_stories(docs)
    assert all(d.story is None for d in docs)
    by_id = {d.id: d.story for d in assigned}
    assert by_id["m-wire"] == by_id["m-paper"] != by_id["y-wire"]


def test_empty_input_gives_no_story():
    assert cluster_stories([]) == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2025-03-03", "2025-03-03", True),
        ("2025-03-03", "2025-03-04", True),  # overnight reporting
        ("2025-03-03", "2025-03-06", False),
        ("2025-03", "2025-03-03", True),
        ("2025-03", "2025-05-15", False),
        (None, "2025-05-15", True),
    ],
)
def test_dates_compatible(a, b, expected):
    assert dates_compatible(a, b) is expected


def test_event_dates_alone_separate_the_meetings(corpus):
    """No publication dates (scraped pages often lack them): the lead-event dates must keep the meetings apart."""
    undated = [d.replace(published=None) for k, d in corpus.items() if k != "other"]
    assert groups(cluster_stories(undated)) == {
        frozenset({"m-wire", "m-readout", "m-paper"}),
        frozenset({"y-wire", "y-readout"}),
    }


CALL_A = (
    "Readout of President Sheinbaum's Call with Prime Minister Carney\n"
    "President Claudia Sheinbaum spoke today with Prime Minister Mark Carney of Canada. The leaders discussed the "
    "review of the trade agreement, steel and aluminum tariffs, and cooperation against fentanyl trafficking."
)
CALL_B = (
    "Readout of President Sheinbaum's Call with Prime Minister Carney\n"
    "President Claudia Sheinbaum spoke today with Prime Minister Mark Carney of Canada. The leaders discussed the "
    "review of the trade agreement, steel tariffs, and cooperation against fentanyl trafficking and arms smuggling."
)


@pytest.mark.parametrize(
    ("kind", "stories_expected"),
    [("readout", 2), ("news", 1)],
)
def test_readouts_are_dated_by_publication(doc_factory, kind, stories_expected):
    """Two readouts of two calls a week apart are two events, even with no extracted events; news may be a follow-up."""
    a = doc_factory(CALL_A, id="call-1", published="2025-04-10", kind=kind)
    b = doc_factory(CALL_B, id="call-2", published="2025-04-17", kind=kind)
    assert len(cluster_stories([a, b])) == stories_expected


CALL_SHEINBAUM = (
    "Readout of President Biden's Call with President-elect Claudia Sheinbaum of Mexico\n"
    "President Joe Biden spoke today with President-elect Claudia Sheinbaum of Mexico to congratulate her on her "
    "election. The leaders discussed migration, security cooperation and economic ties between the two countries."
)
CALL_LOPEZ_OBRADOR = (
    "Readout of President Biden's Call with President Andrés Manuel López Obrador of Mexico\n"
    "President Joe Biden spoke today with President Andrés Manuel López Obrador of Mexico. The leaders discussed "
    "migration, security cooperation and economic ties between the two countries."
)
WIRE_SHEINBAUM = (
    "WASHINGTON (Wire) - U.S. President Joseph R. Biden, Jr. called Mexico's president-elect Claudia Sheinbaum on "
    "Monday to congratulate her on her election, and the leaders discussed migration and security cooperation."
)


def call_doc(doc_factory, text, doc_id, published, names, kind="readout"):
    from communique.model import Mention

    spans = [(n, text.index(n), text.index(n) + len(n)) for n in names]
    mentions = [Mention(s, e, n, "person") for n, s, e in spans]
    event = Event(type="CONSULT", start=0, end=len(text), mode="phone", participants=tuple(spans),
                  label=f"{names[0]} speaks with {names[1]}")
    return doc_factory(text, id=doc_id, published=published, kind=kind, mentions=mentions, events=[event])


def test_calls_with_different_counterparts_a_day_apart_are_two_stories(doc_factory):
    """Same caller, consecutive days, near-identical readouts: the other participant decides."""
    docs = [
        call_doc(doc_factory, CALL_SHEINBAUM, "call-sheinbaum", "2024-06-03", ("Joe Biden", "Claudia Sheinbaum")),
        call_doc(doc_factory, CALL_LOPEZ_OBRADOR, "call-amlo", "2024-06-04", ("Joe Biden", "Andrés Manuel López Obrador")),
        call_doc(doc_factory, WIRE_SHEINBAUM, "wire-sheinbaum", "2024-06-03",
                 ("Joseph R. Biden, Jr.", "Claudia Sheinbaum"), kind="news"),
    ]
    assert groups(cluster_stories(docs)) == {
        frozenset({"call-sheinbaum", "wire-sheinbaum"}),  # "Joe Biden" = "Joseph R. Biden, Jr.": no conflict
        frozenset({"call-amlo"}),
    }


def test_title_prefers_the_meeting_that_took_place_over_its_announcement(corpus):
    announced = corpus["march_wire"].replace(
        id="a-announce", published="2025-03-01",
        events=[meeting("2025-03-03", "Mexico City", "Báez to host Ortega Reyes", status="planned")],
    )
    stories = cluster_stories([announced, corpus["march_readout"]])
    assert len(stories) == 1
    assert stories[0].title == "Ortega Reyes meets Báez in Mexico City"
    assert stories[0].id == story_id("a-announce")  # the id still follows the earliest document
