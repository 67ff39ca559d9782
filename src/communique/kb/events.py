"""Knowledge-base events: the per-document events of one story merged into one record per meeting.

Step 3 of the build (see :mod:`communique.kb.build`): events of one story merge on (type, status, compatible date)
unless their people conflict (one page reporting several meetings of a day keeps one event per meeting);
participants are mapped to entities; every source sentence is kept as evidence.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..model import Document, Event
from .resolve import Resolution

__all__ = ["EventBuilder", "record_id", "SHORT_NAME_WORDS"]

SHORT_NAME_WORDS = 2  # a name this short is shown whole in a meeting label


def record_id(prefix: str, *parts: object) -> str:
    """A stable record id: ``prefix-`` and 12 hex digits of the sha256 of the parts."""
    return prefix + "-" + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:12]


def _event_date(ev: Event, story_date: str | None) -> tuple[str | None, str | None]:
    """(value, partial) of an event's date: a month-day without a year takes the story's year when the story date
    is the same day (else the value stays None and the month-day is kept as ``partial``); an event with no date of
    its own takes the story's."""
    from .dates import is_partial, with_year

    value = ev.date_value
    if is_partial(value):
        filled = with_year(value, [story_date] if story_date else [])
        return filled, None if filled else value
    if value is None and ev.date_basis is None:
        return story_date, None
    return value, None


def _event_key(story_id: str, ev: Event, story_date: str | None) -> tuple[str, ...]:
    value, partial = _event_date(ev, story_date)
    return (story_id, ev.type, ev.status, value or partial or story_date or "")


class EventBuilder:
    """Merges the per-document events of one story into knowledge-base events.

    A meeting's participants are people: once a meeting has a person among its participants, countries,
    organisations and nationality words named beside them are left out (they are the people's sides, not
    participants), and so are "people" named by an office alone ("Councilor"). Its place is a city or venue when any report names one, else a country.
    """

    def __init__(self, res: Resolution) -> None:
        self.res = res
        self.events: dict[tuple[str, ...], dict[str, Any]] = {}
        self.link: dict[tuple[str, int], str] = {}  # (doc id, event index) -> merged event id

    def _type(self, eid: str) -> str | None:
        entity = self.res.entities.get(eid)
        return entity.type if entity is not None else None

    def _title_only(self, eid: str) -> bool:
        """A "person" named by an office alone ("Councilor", "Prime Minister"): a half name, no one in particular."""
        from .stories import _TITLE_WORDS

        entity = self.res.entities.get(eid)
        words = [w.casefold().strip(".") for w in entity.name.split()] if entity is not None else []
        return bool(words) and all(w in _TITLE_WORDS for w in words)

    def _people(self, eids: list[str]) -> set[str]:
        return {e for e in eids if self._type(e) == "person"}

    def _record_for(self, key: tuple[str, ...], people: set[str]) -> tuple[tuple[str, ...], dict[str, Any] | None]:
        """The record of the same meeting: same story, type, status and date, and no conflict of people (sharing one
        person while each has another the other lacks is another meeting of that day: "X met A, then B"; with no
        person shared the names are more likely unresolved spellings of the same people)."""
        n = 0
        while (record := self.events.get(key + (str(n),) if n else key)) is not None:
            theirs = self._people(record["participants"])
            if not (people & theirs and people - theirs and theirs - people):
                return (key + (str(n),) if n else key), record
            n += 1
        return (key + (str(n),) if n else key), None

    def meeting_label(self, record: dict[str, Any]) -> str | None:
        """"<Surname> meets <Surname> in <Place>" from the people of a meeting record ("speaks with" for a call,
        "hosts" for a host); None for other events or fewer than two people."""
        from ..events.assemble import _short

        full = [self.res.entities[e].name for e in record["participants"] if self._type(e) == "person"]
        # a two-word name is shown whole ("Ma Lin": which word is the family name is not for us to guess)
        names = list(dict.fromkeys(n if len(n.split()) <= SHORT_NAME_WORDS else _short(n) for n in full))
        if record["type"] != "CONSULT" or len(names) < 2:
            return None
        verb = {"phone": "speaks with", "host": "hosts"}.get(record["mode"] or "", "meets")
        others = ", ".join(names[1:-1] + [names[-1]]) if len(names) > 2 else names[1]
        place = record["place"]["name"] if record["place"] else None
        return f"{names[0]} {verb} {others}" + (f" in {place}" if place else "")

    def add(self, doc: Document, index: int, ev: Event, story_id: str, story_date: str | None) -> None:
        eids = [eid for name, start, end in ev.participants if (eid := self.res.entity_for(doc.id, start, end, name))]
        key, record = self._record_for(_event_key(story_id, ev, story_date), self._people(eids))
        if record is None:
            date_value, partial = _event_date(ev, story_date)
            basis = ev.date_basis if ev.date_value else ("story" if date_value else None)
            record = self.events[key] = {
                "id": record_id("ev", *key), "type": ev.type, "mode": ev.mode, "label": ev.label or ev.type.title(),
                "date": {"value": date_value, "text": ev.date_text, "basis": basis, "partial": partial},
                "place": None, "participants": [], "topics": [], "story": story_id, "status": ev.status,
                "evidence": [],
            }
        if record["mode"] is None and ev.mode:
            record["mode"] = ev.mode
        if ev.place:
            place = {"name": ev.place, "entity": self.res.entity_for(doc.id, None, None, ev.place)}
            current = record["place"]
            if current is None or (self._type(current["entity"] or "") == "country"
                                   and self._type(place["entity"] or "") != "country"):
                record["place"] = place
        for eid in eids:
            if eid not in record["participants"]:
                record["participants"].append(eid)
        if ev.type == "CONSULT" and any(self._type(e) == "person" for e in record["participants"]):
            people = [e for e in record["participants"] if self._type(e) == "person" and not self._title_only(e)]
            if len(people) < len(record["participants"]):
                record["participants"] = people
                record["relabel"] = True  # its label named a country or an office: say who met instead
        for topic in ev.topics:
            if topic not in record["topics"]:
                record["topics"].append(topic)
        evidence = {"doc": doc.id, "start": ev.start, "end": ev.end}
        if evidence not in record["evidence"]:
            record["evidence"].append(evidence)
        self.link[(doc.id, index)] = record["id"]
