"""Read-side queries over the built knowledge base: the timeline and the comparison of one story's sources.

Reads never write: they read the last built state (``kb_status`` says whether it lags behind the documents).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from ..store.base import Store
from .build import kb_status

__all__ = ["timeline", "compare", "note_status", "seen_status", "watch_status"]

# What the reads of one request found about the knowledge base: the server sets a fresh dict per request
# (``watch_status``), each read fills it once (``note_status``), the page or the response header reports it.
_seen: ContextVar[dict[str, Any] | None] = ContextVar("communique_kb_seen", default=None)


def watch_status() -> tuple[dict[str, Any], Any]:
    """Start recording the knowledge-base status for this request: (the record, the token to ``_seen.reset``)."""
    seen: dict[str, Any] = {}
    return seen, _seen.set(seen)


def note_status(store: Store) -> None:
    """Record the status of ``store``'s knowledge base for the current request, once (cheap: two queries)."""
    seen = _seen.get()
    if seen is not None and not seen:
        seen.update(kb_status(store).as_dict())


def seen_status() -> dict[str, Any]:
    """What the reads of the current request found (empty outside a request or before any read)."""
    return _seen.get() or {}


def reset_status(token: Any) -> None:
    _seen.reset(token)


def timeline(store: Store, *, actor: str | None = None, topic: str | None = None) -> list[dict[str, Any]]:
    """Events in date order (undated last) with their participants' names and sources, optionally filtered.

    ``actor`` matches any name or alias of a participant (accent/case-insensitive, surname alone allowed);
    ``topic`` matches an event topic or a word of its label.
    """
    from .match import actor_matches, topic_matches

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
    from ..errors import CommuniqueError
    from .agreement import compare_story
    from .stories import Story

    record = store.get_record("stories", story_id)
    if record is None:
        raise CommuniqueError(f"{story_id}: no such story; list stories with 'communique export --format jsonl --type stories'")
    story = Story(id=record["id"], title=record["title"], docs=list(record["docs"]), date=record["date"],
                  events=[(d, i) for d, i in record.get("doc_events", [])], place=record.get("place"))
    docs = [doc for doc_id in story.docs if (doc := store.get(doc_id)) is not None]
    return compare_story(story, docs).as_dict()
