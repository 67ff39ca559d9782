"""Step 7 of event extraction (see :mod:`.extract`): when and where an event happened, how (mode), and about what.

1. Date: the first calendar timex in the event's sentence ("XXXX-09-18" when no year is known); else, for an event
   that occurred, the publication date (basis ``publication``).
2. Place, in order: a place mention the sentence attaches to the trigger or to a meeting noun ("met in X", "talks in
   X", the place visited), a city before a venue before a country; else a venue stated outright
   ("held at the X Palace"); else the dateline city only when the wire says "here". Never the dateline by default,
   and no place for a call (where one side sat is no meeting place).
3. Mode: phone (call words, a readout headlined as a call), multilateral, host or visit (the place's country against
   the first participant's).
4. Topics: keyword lists over the event sentence and its neighbours.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Document, Mention
from ..text import strip_accents
from . import plover_patterns as P
from .assemble import _Draft, _same_party, _Unit

TOPIC_WINDOW = 1  # topics are read from the event sentence and one sentence either side (readouts list topics next)
VISITED_PLACE_CHARS = 80  # "visited X": the place named this close after the verb is the one visited
_PLACE_TYPES = frozenset({"place", "country"})
_PHONE_RE = re.compile(
    r"\b(?:by (?:tele)?phone|(?:tele)?phone (?:call|meeting|conversation|talks?)|video ?(?:call|conference)|"
    r"videoconference|virtual(?:ly)?|"
    r"(?:a|the|their) call\b|call with)",
    re.IGNORECASE,
)
_CALL_HEADLINE_RE = re.compile(r"\b(?:call|calls|phone|telephone|video ?conference|virtual meeting)\b", re.IGNORECASE)
_DATE_VALUE_RE = re.compile(r"^(?:\d{4}|XXXX-\d{2}-\d{2})")  # a calendar value (2025-03-03, 2025-W11, 2025-03, a
# month-day without a year "XXXX-09-18"); not PRESENT_REF
_PLACE_PREP_RE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)  # "to X" is a destination, not a venue
_AT_RE = re.compile(r"\bat\s+(?:the\s+)?$", re.IGNORECASE)
# "during his visit to X", "on an official trip to X", "completing a four-day tour to X": the meeting took place
# where the visitor was (not "ahead of a trip to X")
_DURING_VISIT_RE = re.compile(
    r"\b(?:during|on|in the course of|(?:wrap(?:ped|s)?|wrapping) up|conclud(?:ed|es|ing)|complet(?:ed|es|ing)|"
    r"end(?:ed|s|ing))\s+(?:a|an|his|her|their|the|this|its)\s+(?:[\w-]+\s+){0,2}"
    r"(?:visit|trip|tour)\s+to\s+(?:the\s+)?$",
    re.IGNORECASE,
)
DURING_VISIT_CHARS = 60  # "during their first official visit to ": the phrase fits in this many chars before the place
# a meeting's venue stated outright, named or not by the tagger: "held at the X Palace", "took place at the Y"
_VENUE_RE = re.compile(
    r"\b(?:held|took place|hosted|convened|met)\s+(?:at|in)\s+(?:the\s+)?"
    r"(?P<venue>[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*){0,5})"
)
_VISIT_LEMMAS = frozenset({"visit", "travel", "tour", "fly", "trip", "journey"})  # "a trip to X": X is the place visited
HERE_PLACE_CHARS = 1500  # a transcript's opening turns (welcome, greetings) name where the speakers are
_HERE_AT_RE = re.compile(
    r"\bhere\s+(?:now\s+|today\s+|with\s+us\s+)?(?:at|in)\s+(?:the\s+)?"
    r"(?P<venue>[A-Z][\w'’-]*(?:\.(?!\s))?(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'’-]*(?:\.(?!\s))?){0,5})"
)
_VISIT_TO_RE = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_RANK = {"place": 0, "organization": 1, "country": 2}  # city, then venue, then country
_HERE_RE = re.compile(r"\bhere\b", re.IGNORECASE)  # the wire's "here" is the dateline city
_TOPIC_RES = {topic: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for topic, words in P.TOPIC_KEYWORDS.items()}


def _date(doc: Document, d: _Draft) -> None:
    inside = [
        t for t in doc.timexes
        if d.start <= t.start and t.end <= d.end and t.type in ("DATE", "TIME") and _DATE_VALUE_RE.match(t.value or "")
    ]
    inside.sort(key=lambda t: (t.value is None, t.start))
    if inside:
        t = inside[0]
        d.date_value, d.date_text = t.value, t.text
        d.date_basis = t.basis or ("explicit" if t.value else None)
    elif d.status == "occurred" and doc.published:
        published = "XXXX" + doc.published[1:] if doc.published.startswith("--") else doc.published
        d.date_value, d.date_text, d.date_basis = published, None, "publication"


def _place(doc: Document, d: _Draft, unit: _Unit, mentions: list[Mention], tok: Any) -> None:
    names = {p[0] for p in d.participants}
    text = doc.text
    found: list[Mention] = []
    for m in mentions:
        if not (unit.start <= m.start and m.end <= unit.end):
            continue
        before = text[max(unit.start, m.start - 12) : m.start]
        if m.type not in _PLACE_TYPES and not (m.type == "organization" and _AT_RE.search(before)):
            continue  # "at the Foreign Ministry", "at the Chancellery": a seat named like an organisation
        visited = m.start > tok.idx and tok.lemma_.lower() in _VISIT_LEMMAS
        if m.text in names and not (visited and _VISIT_TO_RE.search(before)):
            continue  # a participant is no place, except the country a visit goes to ("X's visit to Japan")
        if (_PLACE_PREP_RE.search(before) and _attached_place(tok, m)) or (
            visited and m.start - tok.idx < VISITED_PLACE_CHARS
        ) or (m.type in _PLACE_TYPES and _DURING_VISIT_RE.search(text, max(unit.start, m.start - DURING_VISIT_CHARS), m.start)):
            found.append(m)
    if d.mode == "phone" or (d.mode is None and _PHONE_RE.search(text[unit.start : unit.end])):
        return  # a call has no place: "in X" there is where one side sat
    # a city beats a venue ("at the X Ministers' Meeting in Valletta"), a venue beats a country ("in Valletta, Malta")
    ranked = sorted(found, key=lambda m: (_PLACE_RANK.get(m.type, len(_PLACE_RANK)), m.start))
    best = ranked[0] if ranked else None
    venue = _VENUE_RE.search(text, unit.start, unit.end)
    if best is not None:
        d.place = _clean_place(best.text)
        if best.type == "country" and doc.dateline and (city := _dateline_city_in(doc.dateline, d.place)):
            d.place = city  # "VALLETTA, Malta - ... a trip to Malta": the dateline names the city
    elif venue is not None:
        d.place = _clean_place(venue["venue"])  # "took place at the Chancellery": a venue no tagger named
    elif d.status == "occurred" and doc.dateline and _HERE_RE.search(text[unit.start : unit.end]):
        d.place = doc.dateline  # "met here on Friday": the dateline city, named by the wire's "here"


def transcript_place(doc: Document, d: _Draft) -> None:
    """A transcript's meeting with no place takes the one its speakers name as "here": "glad to welcome you here
    at the Foreign Ministry", "welcome here in Oran" (in the opening :data:`HERE_PLACE_CHARS` only)."""
    if d.place or d.mode == "phone" or doc.kind != "transcript" or d.start >= HERE_PLACE_CHARS:
        return
    if match := _HERE_AT_RE.search(doc.text, 0, HERE_PLACE_CHARS):
        d.place = _clean_place(match["venue"])


def _dateline_city_in(dateline: str, country: str) -> str | None:
    """The city of a "City, Country" dateline when its country is ``country`` (the place visited), else None."""
    city, _, rest = dateline.rpartition(",")
    if city.strip() and strip_accents(rest).strip().casefold() == strip_accents(country).casefold():
        return city.strip()
    return None


def _clean_place(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)


def _attached_place(trigger: Any, m: Mention) -> bool:
    """"in X" says where the event was unless it hangs on a common noun ("protests in Brazil")."""
    span = trigger.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    tok = span[0]
    while tok.dep_ in ("compound", "amod", "det", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if prep.dep_ != "prep":
        return True
    owner = prep.head
    if owner.i in (trigger.i, trigger.head.i) or owner.head.i == trigger.i:
        return True  # "met ... in X", "held talks in X", "met with Y here in X"
    if P.NOUN_TRIGGERS.get(owner.lemma_.lower(), ("",))[0] == "CONSULT":
        return True  # "at a summit in X", "talks in X": the meeting's own place
    return owner.pos_ in ("PROPN", "ADV") and owner.dep_ != "conj" and trigger.i in {a.i for a in owner.ancestors}


def _consult_mode(doc: Document, d: _Draft, unit: _Unit, mentions: list[Mention]) -> str | None:
    sentence = doc.text[unit.start : unit.end]
    if d.mode in ("host", "phone", "third-party"):
        return d.mode
    if _PHONE_RE.search(sentence) or (doc.kind == "readout" and _CALL_HEADLINE_RE.search(_headline(doc))):
        return "phone"
    if P.MULTILATERAL_RE.search(sentence) or len({c for c in d.countries if c}) >= 3:
        return "multilateral"
    if d.mode:
        return d.mode
    place = next((m for m in mentions if _clean_place(m.text) == d.place and m.country), None)
    actor = d.countries[0] if d.countries else None
    if actor is None and d.participants:  # a person's country from their role ("President of Mexico")
        first = d.participants[0][0]
        actor = next((r.country for r in doc.roles if r.country and _same_party(r.person, first)), None)
    if place is not None and actor:
        return "host" if place.country == actor else "visit"
    return None


def _headline(doc: Document) -> str:
    """Title and address words ("readout-of-...-call-with-..." says a readout is of a call)."""
    front = doc.meta.get("front_matter") if isinstance(doc.meta, dict) else None
    extra = [str(front.get(k) or "") for k in ("title", "source_url")] if isinstance(front, dict) else []
    return " ".join([doc.title or "", (doc.url or "").replace("-", " ").replace("/", " "), *extra])


def _topics(text: str, units: list[_Unit], ui: int) -> set[str]:
    lo, hi = max(0, ui - TOPIC_WINDOW), min(len(units), ui + TOPIC_WINDOW + 1)
    window = " ".join(text[u.start : u.end] for u in units[lo:hi])
    return {topic for topic, rx in _TOPIC_RES.items() if rx.search(window)}
