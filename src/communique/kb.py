"""The knowledge base across documents: entities, events, stories, quotes and claims, with evidence.

``build(store)`` derives everything from the stored per-document annotations and saves it in the store, so
that export, the API and the web UI read it without recomputing. It runs at the end of ``ingest`` and again
whenever the documents changed since the last build (``ensure_built``).

Cascade:
1. entities: mentions resolved across documents (``resolve.entities``);
2. stories: documents reporting the same event clustered (``events.stories``), ``story`` set on documents;
3. events: per-document events of one story merged on (type, status, compatible date) unless their people
   conflict (one page reporting several meetings of a day keeps one event per meeting); participants mapped
   to entities; every source sentence kept as evidence;
4. quotes and claims: speakers mapped to entities, each linked to the merged event it was said at.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from .model import Document, Event
from .resolve.entities import Resolution, resolve
from .store.base import Store

__all__ = ["RECORD_TYPES", "build", "compare", "ensure_built", "timeline"]

RECORD_TYPES = ("entities", "events", "quotes", "claims", "stories")
SHORT_NAME_WORDS = 2  # a name this short is shown whole in a meeting label


def _id(prefix: str, *parts: object) -> str:
    return prefix + "-" + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:12]


def _event_date(ev: Event, story_date: str | None) -> tuple[str | None, str | None]:
    """(value, partial) of an event's date: a month-day without a year takes the story's year when the story date
    is the same day (else the value stays None and the month-day is kept as ``partial``); an event with no date of
    its own takes the story's."""
    from .events.stories import is_partial, with_year

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


class _EventBuilder:
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
        from .events.stories import _TITLE_WORDS

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
        from .events.assemble import _short

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
                "id": _id("ev", *key), "type": ev.type, "mode": ev.mode, "label": ev.label or ev.type.title(),
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


def build(store: Store) -> dict[str, int]:
    """Derive and save the knowledge base; returns the count of each record type."""
    from .events.stories import cluster_stories

    watermark = store.watermark()
    # documents in id order: the same documents give the same entities, stories and events in any ingest order
    res = resolve(store.iter_documents(include_text=False, by_id=True))
    stories = cluster_stories(store.iter_documents(by_id=True))
    story_of = {doc_id: story for story in stories for doc_id in story.docs}
    builder = _EventBuilder(res)
    quotes: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    story_events: dict[str, list[str]] = defaultdict(list)
    for doc in store.iter_documents(include_text=False, by_id=True):
        story = story_of.get(doc.id)
        if story is not None and doc.story != story.id:
            store.set_fields(doc.id, story=story.id)
        story_id = story.id if story else _id("story", doc.id)
        for index, ev in enumerate(doc.events):
            builder.add(doc, index, ev, story_id, story.date if story else None)
        quote_event = {q: builder.link[(doc.id, i)] for i, ev in enumerate(doc.events) for q in ev.quotes}
        claim_event = {c: builder.link[(doc.id, i)] for i, ev in enumerate(doc.events) for c in ev.claims}
        for i, q in enumerate(doc.quotes):
            quotes.append({
                "id": _id("q", doc.id, q.start, q.end), "doc": doc.id, "start": q.start, "end": q.end, "text": q.text,
                "speaker": res.entity_for(doc.id, q.speaker_start, q.speaker_end, q.speaker_name),
                "speaker_name": q.speaker_name, "direct": q.direct, "interpreted": q.interpreted,
                "event": quote_event.get(i),
            })
        for i, c in enumerate(doc.claims):
            claims.append({
                "id": _id("c", doc.id, c.start, c.end), "doc": doc.id, "start": c.start, "end": c.end, "text": c.text,
                "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "about": c.about, "as_of": c.as_of,
                "speaker": res.entity_for(doc.id, None, None, c.speaker_name) if c.speaker_name else None,
                "event": claim_event.get(i),
            })
    events = list(builder.events.values())
    for record in events:
        if record.pop("relabel", False):
            record["label"] = builder.meeting_label(record) or record["label"]
    for ev in events:
        story_events[ev["story"]].append(ev["id"])
    records: dict[str, list[dict[str, Any]]] = {
        "entities": [ent.as_dict() for ent in res.entities.values()],
        "events": sorted(events, key=lambda e: (e["date"]["value"] or "9999", e["id"])),
        "quotes": quotes,
        "claims": claims,
        "stories": [{"id": s.id, "title": s.title, "docs": list(s.docs), "events": story_events.get(s.id, []),
                     "date": s.date, "date_partial": s.date_partial, "place": s.place,
                     "doc_events": [list(pair) for pair in s.events]}
                    for s in stories],
    }
    store.replace_records(records, {"watermark": watermark})
    return {k: len(v) for k, v in records.items()}


def ensure_built(store: Store) -> None:
    """Rebuild the knowledge base when documents changed since the last build."""
    if store.kb_state().get("watermark") != store.watermark():
        build(store)


def timeline(store: Store, *, actor: str | None = None, topic: str | None = None) -> list[dict[str, Any]]:
    """Events in date order (undated last) with their participants' names and sources, optionally filtered.

    ``actor`` matches any name or alias of a participant (accent/case-insensitive, surname alone allowed);
    ``topic`` matches an event topic or a word of its label.
    """
    from .events.timeline import actor_matches, topic_matches

    ensure_built(store)
    entities: dict[str, dict[str, Any]] = {}
    entries = []
    for event in store.iter_records("events"):
        names = []
        for eid in event["participants"]:
            if eid not in entities:
                entities[eid] = store.get_record("entities", eid) or {"name": eid, "aliases": []}
            names.append(entities[eid])
        if actor and not any(actor_matches(actor, n) for ent in names for n in (ent["name"], *ent["aliases"])):
            continue
        if topic and not topic_matches(topic, event["topics"], event["label"]):
            continue
        titles = {}
        for ev in event["evidence"]:
            if ev["doc"] not in titles:
                doc = store.get(ev["doc"])
                titles[ev["doc"]] = {"title": doc.title if doc else None, "published": doc.published if doc else None}
        entries.append({
            **event, "participant_names": [ent["name"] for ent in names],
            "sources": [{**ev, **titles[ev["doc"]]} for ev in event["evidence"]],
        })
    entries.sort(key=lambda e: (e["date"]["value"] or "9999", min((s["published"] or "9999") for s in e["sources"]),
                                e["label"]))
    return entries


def compare(store: Store, story_id: str) -> dict[str, Any]:
    """For one story: which facts each source reports, quote wording variants, conflicting figures."""
    from .errors import CommuniqueError
    from .events.compare import compare_story
    from .events.stories import Story

    ensure_built(store)
    record = store.get_record("stories", story_id)
    if record is None:
        raise CommuniqueError(f"{story_id}: no such story; list stories with 'communique export --format jsonl --type stories'")
    story = Story(id=record["id"], title=record["title"], docs=list(record["docs"]), date=record["date"],
                  events=[(d, i) for d, i in record.get("doc_events", [])], place=record.get("place"))
    docs = [doc for doc_id in story.docs if (doc := store.get(doc_id)) is not None]
    return compare_story(story, docs).as_dict()
