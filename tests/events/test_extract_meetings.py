"""Meetings, calls, hosted visits and planned meetings in readouts (needs the spaCy parse)."""

from __future__ import annotations

import pytest

from communique.events.extract import annotate
from communique.model import Mention, Role, Timex
from communique.nlp.model_loader import parse

pytestmark = pytest.mark.model


def mention(text: str, name: str, type_: str, country: str | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, type_, country)


def timex(text: str, words: str, value: str | None, basis: str) -> Timex:
    start = text.index(words)
    return Timex(start, start + len(words), words, "DATE", value, basis)


READOUT = (
    "Secretary of State Marco Rubio met with Mexican Foreign Secretary Juan Ramón de la Fuente today in Mexico City. "
    "The two discussed joint efforts to stop the flow of fentanyl and illegal firearms across the border. "
    "They agreed to meet again in Washington next month."
)


@pytest.fixture
def readout(doc_factory):
    t = READOUT
    doc = doc_factory(
        t,
        kind="readout",
        published="2025-03-03",
        mentions=[
            mention(t, "Marco Rubio", "person", "US"),
            mention(t, "Mexican", "country", "MX"),
            mention(t, "Juan Ramón de la Fuente", "person", "MX"),
            mention(t, "Mexico City", "place", "MX"),
            mention(t, "Washington", "place", "US"),
        ],
        timexes=[timex(t, "today", "2025-03-03", "relative"), timex(t, "next month", "2025-04", "relative")],
    )
    return annotate(doc, parse(t))


def test_readout_meeting(readout):
    meetings = [e for e in readout.events if e.type == "CONSULT"]
    assert len(meetings) == 1, readout.events  # "met" and "the two discussed" are one meeting
    ev = meetings[0]
    assert [p[0] for p in ev.participants] == ["Marco Rubio", "Juan Ramón de la Fuente"]
    assert ev.place == "Mexico City"
    assert (ev.date_value, ev.date_text, ev.date_basis) == ("2025-03-03", "today", "relative")
    assert ev.mode == "visit"  # a US official meeting in Mexico
    assert ev.status == "occurred"
    assert {"illegal_drugs", "arms_trafficking", "border"} <= set(ev.topics)
    assert ev.label == "Rubio meets de la Fuente in Mexico City"
    assert readout.text[ev.start : ev.end].startswith("Secretary of State Marco Rubio met")


def test_readout_planned_meeting(readout):
    planned = [e for e in readout.events if e.status == "planned"]
    assert len(planned) == 1
    ev = planned[0]
    assert ev.type == "AGREE"
    assert {p[0] for p in ev.participants} == {"Marco Rubio", "Juan Ramón de la Fuente"}  # "They"
    assert ev.place == "Washington"
    assert (ev.date_value, ev.date_basis) == ("2025-04", "relative")


def test_participant_offsets_round_trip(readout):
    assert readout.events
    for ev in readout.events:
        for name, start, end in ev.participants:
            assert readout.text[start:end] == name
        assert 0 <= ev.start < ev.end <= len(readout.text)


CALL = (
    "President Joseph R. Biden, Jr. spoke by phone today with President Claudia Sheinbaum of Mexico. "
    "The President congratulated President Sheinbaum on her historic election."
)


def test_phone_call_readout(doc_factory):
    t = CALL
    doc = doc_factory(
        t,
        kind="readout",
        published="2024-06-03",
        title="Readout of President Joe Biden's Call with President-elect Claudia Sheinbaum of Mexico",
        mentions=[
            mention(t, "Joseph R. Biden, Jr.", "person", "US"),
            mention(t, "Claudia Sheinbaum", "person", "MX"),
            mention(t, "Mexico", "country", "MX"),
            mention(t, "Sheinbaum", "person", "MX", nth=1),
        ],
        roles=[Role("Joseph R. Biden, Jr.", 10, 30, "President", None, "US", 0, 30)],
    )
    out = annotate(doc, parse(t))
    call = next(e for e in out.events if e.type == "CONSULT")
    assert call.mode == "phone"
    assert [p[0] for p in call.participants] == ["Joseph R. Biden, Jr.", "Claudia Sheinbaum"]
    assert call.date_value == "2024-06-03" and call.date_basis == "publication"
    praise = next(e for e in out.events if e.type == "SUPPORT")
    # "The President" is the readout's principal, resolved through his role
    assert [p[0] for p in praise.participants] == ["Joseph R. Biden, Jr.", "Sheinbaum"]


@pytest.mark.parametrize(
    ("text", "host", "guest", "mode"),
    [
        (
            "Prime Minister Mark Carney hosted President Emmanuel Macron of France in Ottawa on Tuesday.",
            "Mark Carney",
            "Emmanuel Macron",
            "host",
        ),
        (
            "President Lula received Chinese Foreign Minister Wang Yi at the Planalto Palace on Friday.",
            "Lula",
            "Wang Yi",
            "host",
        ),
        (
            "Foreign Minister Anita Anand visited Mexico City on Monday, where she met Foreign Secretary Alicia Bárcena.",
            "Anita Anand",
            None,
            "visit",
        ),
    ],
)
def test_hosted_and_visits(doc_factory, text, host, guest, mode):
    from communique.events.extract import _mentions_from_ents

    sdoc = parse(text)
    doc = doc_factory(text, kind="news", published="2025-05-06", mentions=_mentions_from_ents(sdoc))
    ev = annotate(doc, sdoc).events[0]
    assert ev.type == "CONSULT"
    assert ev.mode == mode
    names = [p[0] for p in ev.participants]
    assert names[0] == host
    if guest:
        assert guest in names
