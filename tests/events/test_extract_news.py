"""News stories: bylines and photo credits never give participants; criticism and accusations."""

from __future__ import annotations

import pytest

from communique.events.extract import _mentions_from_ents, annotate
from communique.model import Mention
from communique.nlp.model_loader import parse

pytestmark = pytest.mark.model

NEWS = (
    "By Laura Mendez\n\n"
    "Sheinbaum and Trudeau vow closer ties at Mexico City summit\n\n"
    "Photo: Daniel Ortiz / Reuters\n\n"
    "MEXICO CITY (Wire) - Mexican President Claudia Sheinbaum held talks with Canadian Prime Minister Justin Trudeau "
    "on Tuesday at the National Palace, focusing on trade and energy investment.\n\n"
    "Analyst Roberto Salas of the Colegio de México said the visit was overdue."
)


def _mentions(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    out = []
    for name, kind in names:
        start = 0
        while (i := text.find(name, start)) >= 0:
            out.append(Mention(i, i + len(name), name, kind))
            start = i + 1
    return sorted(out, key=lambda m: m.start)


@pytest.fixture
def news(doc_factory):
    t = NEWS
    mentions = _mentions(
        t,
        [
            ("Laura Mendez", "person"),
            ("Daniel Ortiz", "person"),
            ("Reuters", "organization"),
            ("Claudia Sheinbaum", "person"),
            ("Justin Trudeau", "person"),
            ("Roberto Salas", "person"),
            ("Colegio de México", "organization"),
            ("National Palace", "place"),
        ],
    )
    doc = doc_factory(t, kind="news", published="2025-02-11", dateline="Mexico City", mentions=mentions)
    return annotate(doc, parse(t))


def test_byline_and_photo_credit_are_not_participants(news):
    names = {p[0] for e in news.events for p in e.participants}
    assert not names & {"Laura Mendez", "Daniel Ortiz", "Reuters", "Roberto Salas"}


def test_news_meeting(news):
    talks = [e for e in news.events if e.type == "CONSULT" and e.participants]
    assert len(talks) == 1
    ev = talks[0]
    assert [p[0] for p in ev.participants] == ["Claudia Sheinbaum", "Justin Trudeau"]
    assert ev.place == "National Palace"
    assert {"trade", "energy", "economy"} <= set(ev.topics)
    assert news.text[ev.start : ev.end].startswith("MEXICO CITY (Wire) - Mexican President")


@pytest.mark.parametrize(
    ("text", "type_", "actor", "target"),
    [
        (
            "Foreign Minister Lavrov sharply criticized the European Union on Monday over its new sanctions package.",
            "DISAPPROVE",
            "Lavrov",
            "the European Union",
        ),
        (
            "Venezuela accused Guyana of provoking a border crisis, the foreign ministry in Caracas said.",
            "ACCUSE",
            "Venezuela",
            "Guyana",
        ),
        (
            "President Lula praised Chancellor Olaf Scholz for his support of the Amazon Fund.",
            "SUPPORT",
            "Lula",
            "Olaf Scholz",
        ),
    ],
)
def test_criticism_and_praise(doc_factory, text, type_, actor, target):
    sdoc = parse(text)
    doc = doc_factory(text, kind="news", mentions=_mentions_from_ents(sdoc))
    ev = annotate(doc, sdoc).events[0]
    assert ev.type == type_
    names = [p[0] for p in ev.participants]
    assert names[0] == actor
    assert target in names
    assert "Caracas" not in names


def test_no_trigger_no_event(doc_factory):
    text = "The weather in Ottawa was mild on Tuesday, and the city council published its budget figures."
    sdoc = parse(text)
    doc = doc_factory(text, kind="news", mentions=_mentions_from_ents(sdoc))
    assert annotate(doc, sdoc).events == []
