"""PLOVER coding rules: primary trigger, intent, demands, negation, group actors (needs the spaCy parse)."""

from __future__ import annotations

import pytest

from communique.events.extract import _mentions_from_ents, annotate
from communique.nlp.model_loader import parse

pytestmark = pytest.mark.model


def _events(doc_factory, text: str, **fields: object):
    sdoc = parse(text)
    doc = doc_factory(text, mentions=_mentions_from_ents(sdoc), **fields)
    return annotate(doc, sdoc).events


@pytest.mark.parametrize(
    ("text", "type_", "status", "names"),
    [
        # the verb highest in the parse decides: agreeing to meet is AGREE, and it is a plan
        ("Japan and South Korea agreed to hold talks in Seoul next month.", "AGREE", "planned", ["Japan", "South Korea"]),
        # intent to do something cooperative is AGREE (planned) ...
        ("Germany will send 50 ambulances to Ukraine this winter.", "AGREE", "planned", ["Germany", "Ukraine"]),
        # ... intent to do something hostile is a threat
        ("Iran vowed to attack Israel if the strikes continued.", "THREATEN", "occurred", ["Iran", "Israel"]),
        # "X said Y must ..." is a demand by X
        ("France said Russia must withdraw its troops from Moldova.", "DEMAND", "occurred", ["France"]),
        # refusing is REJECT, not the refused action
        ("Hungary refused to approve the new European Union sanctions.", "REJECT", "occurred", ["Hungary"]),
        # a negated agreement is a rejection
        ("Serbia did not agree to the proposal from Kosovo.", "REJECT", "occurred", ["Serbia"]),
        # unnamed group actors are participants
        ("Thousands of farmers blocked roads in Brussels to protest against the trade deal.", "PROTEST", "occurred",
         ["farmers"]),
    ],
)
def test_primary_type(doc_factory, text, type_, status, names):
    events = _events(doc_factory, text, kind="news", published="2025-01-10")
    assert events, text
    ev = events[0]
    assert (ev.type, ev.status) == (type_, status)
    got = [p[0] for p in ev.participants]
    for name in names:
        assert any(name in g for g in got), (name, got)


def test_no_actor_no_event(doc_factory):
    assert _events(doc_factory, "The visit was described as overdue by observers of the region.", kind="news") == []


WRAPPED = (
    "President Joe Biden spoke today with Prime Minister Giorgia Meloni of Italy\n"
    "to discuss energy security and support for Ukraine. The two leaders\n"
    "agreed to meet again at the G7 Summit in June."
)


def test_hard_wrapped_call_readout(doc_factory):
    events = _events(
        doc_factory,
        WRAPPED,
        kind="readout",
        published="2024-03-01",
        url="https://www.whitehouse.gov/briefing-room/2024/03/01/readout-of-president-bidens-call-with-prime-minister-meloni/",
    )
    call = next(e for e in events if e.type == "CONSULT")
    assert call.mode == "phone"
    assert [p[0] for p in call.participants] == ["Joe Biden", "Giorgia Meloni"]
    assert {"energy", "security"} <= set(call.topics)
    planned = next(e for e in events if e.status == "planned")
    assert {p[0] for p in planned.participants} == {"Joe Biden", "Giorgia Meloni"}
    assert planned.date_value is None  # no timex given: a plan gets no publication date
