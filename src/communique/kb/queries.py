"""Read-side queries over the built knowledge base: the timeline and the comparison of one story's sources."""

from __future__ import annotations

from typing import Any

from ..store.base import Store
from .build import ensure_built

__all__ = ["timeline", "compare"]


def timeline(store: Store, *, actor: str | None = None, topic: str | None = None) -> list[dict[str, Any]]:
    """Events in date order (undated last) with their participants' names and sources, optionally filtered.

    ``actor`` matches any name or alias of a participant (accent/case-insensitive, surname alone allowed);
    ``topic`` matches an event topic or a word of its label.
    """
    from .match import actor_matches, topic_matches

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
    from ..errors import CommuniqueError
    from .agreement import compare_story
    from .stories import Story

    ensure_built(store)
    record = store.get_record("stories", story_id)
    if record is None:
        raise CommuniqueError(f"{story_id}: no such story; list stories with 'communique export --format jsonl --type stories'")
    story = Story(id=record["id"], title=record["title"], docs=list(record["docs"]), date=record["date"],
                  events=[(d, i) for d, i in record.get("doc_events", [])], place=record.get("place"))
    docs = [doc for doc_id in story.docs if (doc := store.get(doc_id)) is not None]
    return compare_story(story, docs).as_dict()
