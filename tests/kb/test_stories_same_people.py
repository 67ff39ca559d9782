"""Stories are real-world meetings: reports of the same people agree across wording and language; the same people
meeting again (a call, then a visit; another city) is another story; dates without a year never lead."""

from __future__ import annotations

import pytest

from communique.kb.dates import with_year
from communique.kb.stories import (
    _key_persons,
    _lead_persons,
    _places_conflict,
    cluster_stories,
    dates_compatible,
    lead_event,
)
from communique.kb.story_records import _short_name
from communique.model import Event, Mention

ENGLISH = (
    "Foreign Minister Tomas Varga received Secretary Ilse Brandt in Valletta on Tuesday. Varga and Brandt "
    "reviewed the fisheries accord and port investment, Varga told reporters."
)
OTHER_LANGUAGE = (
    "El canciller Tomas Varga se reunió con la secretaria Ilse Brandt en Valletta este martes. Varga y Brandt "
    "revisaron el acuerdo pesquero y las inversiones portuarias."
)
CALL = (
    "Foreign Minister Tomas Varga held a telephone call with Secretary Ilse Brandt. Varga and Brandt reviewed "
    "the fisheries accord and port investment, Varga told reporters."
)
OTHER_CITY = (
    "Foreign Minister Tomas Varga met Secretary Ilse Brandt in Lisbon. Varga and Brandt reviewed the fisheries "
    "accord and port investment, Varga told reporters."
)


def _mentions(text: str, persons: tuple[str, ...] = ("Tomas Varga", "Ilse Brandt", "Varga", "Brandt"),
              places: tuple[str, ...] = ("Valletta", "Lisbon")) -> list[Mention]:
    """Person mentions of every occurrence of ``persons`` (longer names first: a surname inside a full name is no
    mention of its own), and a place mention of the first occurrence of each of ``places``."""
    out = []
    for name in persons:
        start = 0
        while (i := text.find(name, start)) >= 0:
            if not any(m.start <= i < m.end for m in out):
                out.append(Mention(i, i + len(name), name, "person"))
            start = i + len(name)
    for place in places:
        if (i := text.find(place)) >= 0:
            out.append(Mention(i, i + len(place), place, "place"))
    return sorted(out, key=lambda m: m.start)


def _meeting(text: str, date: str | None, place: str | None, mode: str | None) -> Event:
    a, b = text.find("Tomas Varga"), text.find("Ilse Brandt")
    return Event(
        type="CONSULT", start=0, end=len(text), mode=mode, label="Varga meets Brandt",
        participants=(("Tomas Varga", a, a + 11), ("Ilse Brandt", b, b + 11)),
        date_value=date, date_basis="explicit" if date else None, place=place, status="occurred",
    )


def _doc(doc_factory, doc_id: str, text: str, *, date: str | None, place: str | None, mode: str | None = None,
         events: bool = True):
    return doc_factory(text, id=doc_id, mentions=_mentions(text),
                       events=[_meeting(text, date, place, mode)] if events else [])


def _groups(docs) -> set[frozenset[str]]:
    return {frozenset(s.docs) for s in cluster_stories(docs)}


def test_same_people_in_another_language_are_one_story(doc_factory):
    docs = [
        _doc(doc_factory, "a-en", ENGLISH, date="2025-03-04", place="Valletta"),
        _doc(doc_factory, "b-es", OTHER_LANGUAGE, date=None, place=None, events=False),
    ]
    assert _groups(docs) == {frozenset({"a-en", "b-es"})}


@pytest.mark.parametrize(
    ("text", "place", "mode"),
    [(CALL, None, "phone"), (OTHER_CITY, "Lisbon", "visit")],
)
def test_the_same_people_meeting_otherwise_is_another_story(doc_factory, text, place, mode):
    docs = [
        _doc(doc_factory, "a-visit", ENGLISH, date=None, place="Valletta", mode="host"),
        _doc(doc_factory, "b-other", text, date=None, place=place, mode=mode),
    ]
    assert _groups(docs) == {frozenset({"a-visit"}), frozenset({"b-other"})}


def test_a_date_without_a_year_takes_the_story_year_and_never_leads(doc_factory):
    dated = _doc(doc_factory, "a-dated", ENGLISH, date="2025-03-04", place="Valletta")
    partial = _doc(doc_factory, "b-partial", OTHER_LANGUAGE, date="XXXX-03-04", place="Valletta")
    (story,) = cluster_stories([dated, partial])
    assert story.date == "2025-03-04"
    alone = cluster_stories([partial])[0]
    assert alone.date is None  # no report gives the year: no date to sort on
    assert alone.date_partial == "XXXX-03-04"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("XXXX-09-18", "2023-09-18", True),
        ("XXXX-09-18", "2023-09-14", False),  # a call on the 14th, the meeting on the 18th
        ("--12-31", "2024-01-01", True),  # across the new year
        ("XXXX-09-18", "2023-09", True),
        ("XXXX-09-18", "2023-10", False),
    ],
)
def test_partial_dates_compatible(a, b, expected):
    assert dates_compatible(a, b) is expected


@pytest.mark.parametrize(
    ("value", "dated", "expected"),
    [
        ("XXXX-03-04", ["2025-03-05"], "2025-03-04"),
        ("XXXX-03-04", ["2025-05-05"], None),
        ("XXXX-03-04", [], None),
        ("2024-03-04", [], "2024-03-04"),
    ],
)
def test_with_year(value, dated, expected):
    assert with_year(value, dated) == expected


def test_lead_event_is_the_meeting_dated_to_the_day(doc_factory):
    recalled = _meeting(ENGLISH, "2019-10", None, None)  # an earlier meeting recalled, dated to a month
    today = _meeting(ENGLISH, "2025-03-04", "Valletta", "host")
    doc = doc_factory(ENGLISH, mentions=_mentions(ENGLISH), events=[recalled, today])
    lead = lead_event(doc)
    assert lead is not None and lead[0] == 1


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Valletta", "Lisbon", True),
        ("Port Esper, D.C.", "Port Esper DC", False),
        # outlets name one venue differently, and a venue lies in some city: no conflict
        ("the Chancellor's Office", "the Chancellor's Residence", False),
        ("the Foreign Ministry", "Valletta", False),
    ],
)
def test_places_conflict_only_between_cities(a, b, expected):
    assert _places_conflict(a, b) is expected


def test_key_persons_complete_a_lead_meeting_with_one_named_side(doc_factory):
    """A headline meeting whose other side the parse missed: its one named person comes first, completed by the
    person the page names most often (not the two most named, which may be a spokesman quoted twice)."""
    text = ("Ilse Brandt met her counterpart. Tomas Varga said talks went well, Varga told Pia Holm. "
            "Varga and Holm spoke later.")
    mentions = _mentions(text, ("Ilse Brandt", "Tomas Varga", "Pia Holm", "Varga", "Holm"), places=())
    one_sided = Event(type="CONSULT", start=0, end=32, participants=(("Ilse Brandt", 0, 11),), status="occurred")
    doc = doc_factory(text, id="a-one", mentions=mentions, events=[one_sided])
    persons = _key_persons(doc, _lead_persons(doc, lead_event(doc)))
    assert persons == [frozenset({"ilse", "brandt"}), frozenset({"tomas", "varga"})]


def test_lead_event_prefers_a_meeting_over_earlier_residue(doc_factory):
    text = ENGLISH
    a = text.find("Tomas Varga")
    residue = Event(type="AGREE", start=0, end=10, participants=(("Tomas Varga", a, a + 11),), status="occurred")
    visit = Event(type="CONSULT", start=20, end=len(text), participants=(("Tomas Varga", a, a + 11),),
                  status="occurred", mode="visit")
    doc = doc_factory(text, mentions=_mentions(text), events=[residue, visit])
    lead = lead_event(doc)
    assert lead is not None and lead[0] == 1


@pytest.mark.parametrize(
    ("name", "forms", "expected"),
    [
        ("KANG Min Seo", [], "Kang"),  # a family name in capitals
        ("Kang Min Seo", ["Kang"], "Kang"),  # the one-word form the page uses, first word
        ("Tomas J. Varga", ["Varga"], "Varga"),
        ("Ma Lin", [], "Ma Lin"),  # two words, no form alone: whole
        ("Ana Sofía de los Ríos", [], "de los Ríos"),
        ("Ana Ruiz Peña", ["Ruiz"], "Ruiz"),  # the first of two surnames, as the page writes it alone
        ("Karim bin Nasser Al Amin", [], "Karim bin Nasser"),  # given name and father's name
    ],
)
def test_short_name_is_how_a_reader_names_the_person(doc_factory, name, forms, expected):
    text = " ".join([name, *forms]) + " spoke."
    mentions = [Mention(0, len(name), name, "person")]
    pos = len(name) + 1
    for f in forms:
        mentions.append(Mention(pos, pos + len(f), f, "person"))
        pos += len(f) + 1
    assert _short_name(doc_factory(text, mentions=mentions), name) == expected


def test_same_people_in_a_city_and_another_country_are_two_stories(doc_factory):
    """A meeting in one capital and a visit to another country: the country is no place to compare as words, but
    its country differs from the city's."""
    text = OTHER_LANGUAGE + " Visita a Japan."
    j = text.index("Japan")
    visit = _doc(doc_factory, "b-japan", text, date=None, place="Japan")
    visit = visit.replace(mentions=[*visit.mentions, Mention(j, j + 5, "Japan", "country")])
    docs = [_doc(doc_factory, "a-lisbon", ENGLISH, date=None, place="Lisbon"), visit]
    assert _groups(docs) == {frozenset({"a-lisbon"}), frozenset({"b-japan"})}


def test_a_venue_meeting_takes_the_country_of_another_meeting_of_the_same_people(doc_factory):
    """The lead meeting is at a venue ("the Chancellor's Office"); the page also reports the guest's visit to
    a country: that country is compared with the other report's city."""
    text = ENGLISH + " Brandt's trip to Japan mattered."
    j = text.index("Japan")
    venue = _meeting(text, None, "the Chancellor's Office", None)
    b = text.index("Brandt's")
    visit = Event(type="CONSULT", start=b, end=len(text), mode="visit", participants=(("Brandt", b, b + 6),),
                  place="Japan", status="occurred")
    doc = doc_factory(text, id="b-venue", events=[venue, visit],
                      mentions=[*_mentions(text), Mention(j, j + 5, "Japan", "country")])
    docs = [_doc(doc_factory, "a-lisbon", ENGLISH, date=None, place="Lisbon"), doc]
    assert _groups(docs) == {frozenset({"a-lisbon"}), frozenset({"b-venue"})}


def test_guessed_key_persons_do_not_keep_a_report_from_its_meeting(doc_factory):
    """A briefing that never names the meeting's people (a spokesman and a poet named twice each) joins the report
    of the meeting it describes: people guessed from mention counts are no evidence of another meeting."""
    briefing = ("Spokesman Pia Holm said the Foreign Minister received the Secretary in Valletta on Tuesday and "
                "reviewed the fisheries accord and port investment. Holm quoted the poet Ola Berg; Berg wrote of "
                "the port.")
    mentions = _mentions(briefing, ("Pia Holm", "Ola Berg", "Holm", "Berg"), places=())
    docs = [
        _doc(doc_factory, "a-report", ENGLISH, date="2025-03-04", place="Valletta"),
        doc_factory(briefing, id="b-briefing", mentions=mentions, events=[]),
    ]
    assert _groups(docs) == {frozenset({"a-report", "b-briefing"})}
