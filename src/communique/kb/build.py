"""The knowledge base across documents: entities, events, stories, quotes and claims, with evidence.

``build(store)`` derives everything from the stored per-document annotations and saves it in the store, so
that export, the API and the web UI read it without recomputing. Building is a write: it runs at the end of
``ingest`` (``ensure_built``) and in ``communique rebuild``, never on a read. Readers ask :func:`kb_status` and say
when the knowledge base is older than the documents.

Cascade:
1. entities: mentions resolved across documents (``kb.resolve``);
2. stories: documents reporting the same event clustered (``kb.stories``), ``story`` set on documents;
3. events: per-document events of one story merged on (type, status, compatible date) unless their people
   conflict (one page reporting several meetings of a day keeps one event per meeting); participants mapped
   to entities; every source sentence kept as evidence;
4. quotes and claims: speakers mapped to entities, each linked to the merged event it was said at;
5. the browse index (``kb.browse``): the rows the index pages, the timeline and the facets read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..store.base import Store
from .events import EventBuilder, record_id
from .resolve import resolve

__all__ = ["RECORD_TYPES", "KBStatus", "build", "ensure_built", "kb_status"]

RECORD_TYPES = ("entities", "events", "quotes", "claims", "stories")


def build(store: Store) -> dict[str, int]:
    """Derive and save the knowledge base; returns the count of each record type."""
    from .stories import cluster_stories

    watermark = store.watermark()
    # documents in id order: the same documents give the same entities, stories and events in any ingest order
    res = resolve(store.iter_documents(include_text=False, by_id=True))
    stories = cluster_stories(store.iter_documents(by_id=True))
    story_of = {doc_id: story for story in stories for doc_id in story.docs}
    builder = EventBuilder(res)
    quotes: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    story_events: dict[str, list[str]] = defaultdict(list)
    for doc in store.iter_documents(include_text=False, by_id=True):
        story = story_of.get(doc.id)
        if story is not None and doc.story != story.id:
            store.set_fields(doc.id, story=story.id)
        story_id = story.id if story else record_id("story", doc.id)
        for index, ev in enumerate(doc.events):
            builder.add(doc, index, ev, story_id, story.date if story else None)
        quote_event = {q: builder.link[(doc.id, i)] for i, ev in enumerate(doc.events) for q in ev.quotes}
        claim_event = {c: builder.link[(doc.id, i)] for i, ev in enumerate(doc.events) for c in ev.claims}
        for i, q in enumerate(doc.quotes):
            quotes.append({
                "id": record_id("q", doc.id, q.start, q.end), "doc": doc.id, "start": q.start, "end": q.end, "text": q.text,
                "speaker": res.entity_for(doc.id, q.speaker_start, q.speaker_end, q.speaker_name),
                "speaker_name": q.speaker_name, "direct": q.direct, "interpreted": q.interpreted,
                "event": quote_event.get(i),
            })
        for i, c in enumerate(doc.claims):
            claims.append({
                "id": record_id("c", doc.id, c.start, c.end), "doc": doc.id, "start": c.start, "end": c.end, "text": c.text,
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
    from .browse import refresh_index

    refresh_index(store)  # the index pages' read model, from what was just built
    return {k: len(v) for k, v in records.items()}


def ensure_built(store: Store) -> None:
    """Rebuild the knowledge base when documents changed since the last build."""
    if store.kb_state().get("watermark") != store.watermark():
        build(store)


@dataclass(frozen=True, slots=True)
class KBStatus:
    """Whether the built knowledge base reflects the stored documents (read only: asking never builds)."""

    built: bool  # a build has completed at least once
    stale: bool  # documents were added, changed or removed since the last build

    @property
    def message(self) -> str | None:
        """One line for a reader when the knowledge base lags behind the documents, else None."""
        if not self.stale:
            return None
        what = "has not been built yet" if not self.built else "is older than the stored documents"
        return f"the knowledge base {what}: run 'communique rebuild --db DB' (or ingest again) to bring it up to date"

    def as_dict(self) -> dict[str, Any]:
        return {"built": self.built, "stale": self.stale, "message": self.message}


def kb_status(store: Store) -> KBStatus:
    """The knowledge base's state against the documents: two cheap queries, nothing written."""
    mark = store.kb_state().get("watermark")
    return KBStatus(built=mark is not None, stale=mark != store.watermark())
