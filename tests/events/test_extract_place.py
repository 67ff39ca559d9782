"""Where a meeting happened: the sentence's venue or city, never the dateline by default; a call has no place
(needs the spaCy parse)."""

from __future__ import annotations

import pytest

from communique.events.extract import annotate
from communique.model import Mention
from communique.nlp.model_loader import parse

pytestmark = pytest.mark.model


def _mentions(text: str, spans: dict[str, str]) -> list[Mention]:
    out = []
    for name, type_ in spans.items():
        start = text.index(name)
        out.append(Mention(start, start + len(name), name, type_))
    return sorted(out, key=lambda m: m.start)


PEOPLE = {"Tomas Varga": "person", "Ilse Brandt": "person"}


@pytest.mark.parametrize(
    ("text", "places", "dateline", "expected", "mode"),
    [
        # the wire's dateline city is where the story was filed, not where the ministers met
        ("Foreign Minister Tomas Varga met Secretary Ilse Brandt on Tuesday to discuss fisheries.", {}, "Valletta",
         None, None),
        # a city in the sentence is the place, and beats the country named with it
        ("Foreign Minister Tomas Varga met Secretary Ilse Brandt in Lisbon, Portugal on Tuesday.",
         {"Lisbon": "place", "Portugal": "country"}, "Valletta", "Lisbon", None),
        # "here" in wire copy names the dateline city
        ("Foreign Minister Tomas Varga met Secretary Ilse Brandt here on Tuesday.", {}, "Valletta", "Valletta", None),
        # "during his visit to X": the place visited
        ("Foreign Minister Tomas Varga held a summit session with Secretary Ilse Brandt during his stay on a visit to Lisbon.",
         {"Lisbon": "place"}, "Valletta", "Lisbon", None),
        # a trip to a country with a "City, Country" dateline: the dateline names the city
        ("Foreign Minister Tomas Varga completed a four-day trip to Portugal after meeting Secretary Ilse Brandt.",
         {"Portugal": "country"}, "Lisbon, Portugal", "Lisbon", None),
        # a call has no place: the city named is where one side sat
        ("Foreign Minister Tomas Varga held a phone call with Secretary Ilse Brandt in Lisbon on Tuesday.",
         {"Lisbon": "place"}, "Valletta", None, "phone"),
    ],
)
def test_meeting_place(doc_factory, text, places, dateline, expected, mode):
    doc = doc_factory(text, kind="news", published="2025-03-06", dateline=dateline,
                      mentions=_mentions(text, {**PEOPLE, **places}))
    meeting = next(e for e in annotate(doc, parse(text)).events if e.type == "CONSULT")
    assert {p[0] for p in meeting.participants} == set(PEOPLE)
    assert meeting.place == expected
    if mode:
        assert meeting.mode == mode


def test_the_name_after_a_title_and_its_country_takes_part(doc_factory):
    text = "President Tomas Varga met in Valletta with the Premier of the Republic of Freedonia Ilse Brandt."
    doc = doc_factory(text, kind="readout", published="2025-03-06",
                      mentions=_mentions(text, {**PEOPLE, "Valletta": "place", "Freedonia": "country"}))
    meeting = next(e for e in annotate(doc, parse(text)).events if e.type == "CONSULT")
    assert [p[0] for p in meeting.participants] == ["Tomas Varga", "Ilse Brandt"]
    assert meeting.place == "Valletta"


def test_first_person_in_a_labelled_turn_is_the_speaker(doc_factory):
    text = "Ms. Nora Lind, Minister of Trade:This morning I had a telephone meeting with Minister Piet Holm."
    doc = doc_factory(text, kind="transcript", published="2025-03-06",
                      mentions=_mentions(text, {"Nora Lind": "person", "Piet Holm": "person"}))
    call = next(e for e in annotate(doc, parse(text)).events if e.type == "CONSULT")
    assert [p[0] for p in call.participants] == ["Nora Lind", "Piet Holm"]
    assert call.mode == "phone" and call.place is None


def test_the_owner_of_the_framing_noun_takes_part(doc_factory):
    text = ("Trade Minister Nora Lind's statement to the press after her talks with Trade Minister Piet Holm "
            "in Valletta.")
    doc = doc_factory(text, kind="transcript", published="2025-03-06",
                      mentions=_mentions(text, {"Nora Lind": "person", "Piet Holm": "person", "Valletta": "place"}))
    talks = next(e for e in annotate(doc, parse(text)).events if e.type == "CONSULT")
    assert {p[0] for p in talks.participants} == {"Nora Lind", "Piet Holm"}


def test_the_country_a_visit_goes_to_is_its_place(doc_factory):
    text = "Foreign Minister Tomas Varga said that Secretary Ilse Brandt's visit to Portugal was a major step."
    doc = doc_factory(text, kind="news", mentions=_mentions(text, {**PEOPLE, "Portugal": "country"}))
    visit = next(e for e in annotate(doc, parse(text)).events if e.type == "CONSULT")
    assert visit.place == "Portugal"
