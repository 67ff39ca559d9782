"""What each page and API route shows, computed from a store: plain JSON-ready dicts.

The web pages render these dicts with templates, their JSON twins return them as they are, and the REST API
serves them: one function per view, so the three never disagree. Unknown ids raise :class:`NotFound`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import islice
from typing import Any

from ..errors import CommuniqueError
from ..export import document_record
from ..kb import kb_status
from ..kb.roles import role_spans
from ..store.base import Store
from ..store.browse import index_of
from ..store.sql import SQLStore
from .highlight import Annotation, segments
from .network import network_view

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "NotFound",
    "ask_view",
    "document_view",
    "documents_page",
    "network_view",
    "person_view",
    "records_page",
    "search_view",
    "stats_view",
    "story_view",
]

DEFAULT_LIMIT = 50  # records per page when the client does not say
MAX_LIMIT = 500  # larger pages would hold a whole KB in one response; clients page with ``next``
SEARCH_LIMIT = 20  # hits on the search page
SPEAKER_COLOURS = 8  # distinct turn colours in a transcript (more speakers reuse them, in order)
_ISO_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")  # search date filters: a year, a month or a day
PAGED_TYPES = ("entities", "events", "quotes", "claims", "stories")
RECORD_NOUNS = {"entities": "entity", "events": "event", "quotes": "quote", "claims": "claim", "stories": "story"}


class NotFound(CommuniqueError):
    """An id that names nothing in the knowledge base (the API answers 404)."""


def _page(items: list[dict[str, Any]], total: int, offset: int, limit: int, path: str) -> dict[str, Any]:
    more = offset + len(items) < total
    return {
        "items": items, "total": total, "offset": offset, "limit": limit,
        "next": f"{path}?offset={offset + limit}&limit={limit}" if more else None,
    }


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("text", "removed")}


def documents_page(store: Store, offset: int = 0, limit: int = DEFAULT_LIMIT, path: str = "/api/documents") -> dict[str, Any]:
    """Documents in ingest order without their text (``document_view`` has it)."""
    total = store.stats()["documents"]
    docs = islice(store.iter_documents(include_text=False), offset, offset + limit)
    return _page([_summary(document_record(d)) for d in docs], total, offset, limit, path)


def records_page(store: Store, type_: str, offset: int = 0, limit: int = DEFAULT_LIMIT, path: str = "") -> dict[str, Any]:
    """One page of knowledge-base records of ``type_`` (entities, events, quotes, claims, stories)."""
    if type_ not in PAGED_TYPES:
        raise CommuniqueError(f"unknown record type {type_!r}; use one of {', '.join(PAGED_TYPES)}")
    items = list(store.iter_records(type_, offset=offset, limit=limit))
    return _page(items, store.count_records(type_), offset, limit, path or f"/api/{type_}")


def _record(store: Store, type_: str, record_id: str) -> dict[str, Any]:
    record = store.get_record(type_, record_id)
    if record is None:
        raise NotFound(f"{RECORD_NOUNS.get(type_, type_)} {record_id!r} not found")
    return record


def _names(store: Store, ids: list[str]) -> dict[str, str]:
    out = {}
    for eid in ids:
        if eid and eid not in out:
            ent = store.get_record("entities", eid)
            out[eid] = ent["name"] if ent else eid
    return out


def stats_view(store: Store) -> dict[str, Any]:
    return {**store.stats(), "records": {t: store.count_records(t) for t in PAGED_TYPES},
            "knowledge_base": kb_status(store).as_dict()}


# --- document --------------------------------------------------------------------------------------------------


def _mention_entities(store: Store, doc_id: str) -> dict[tuple[int, int], dict[str, str]]:
    """(start, end) -> entity (id, name, type) of the document's mentions the knowledge base resolved.

    1. the document's resolved spans as the knowledge base persisted them (its state, :mod:`communique.kb.update`),
       each entity's name and type from the browse index (listed types) or read in SQL from its record (other
       entities; a record holds every mention of its entity): reads that grow with the document, not the store;
    2. a store without that state (a knowledge base built by older code): every entity's mentions, scanned.
    """
    state = store.doc_states([doc_id]).get(doc_id)
    spans = state.data.get("spans") if state is not None else None
    if spans is not None:
        eids = list(dict.fromkeys(str(span[2]) for span in spans))
        labels = index_of(store).entity_labels(eids)
        others = [eid for eid in eids if eid not in labels]
        if others and isinstance(store, SQLStore):
            labels.update(store.record_fields("entities", others, ("name", "type")))  # type: ignore[arg-type]
        for eid in eids:
            if eid not in labels and (ent := store.get_record("entities", eid)) is not None:
                labels[eid] = (ent["name"], ent["type"])
        return {(int(start), int(end)): {"id": eid, "name": labels[eid][0], "type": labels[eid][1]}
                for start, end, eid, *_ in spans if eid in labels}
    found: dict[tuple[int, int], dict[str, str]] = {}
    for ent in store.iter_records("entities"):
        for m in ent.get("mentions", []):
            if m["doc"] == doc_id:
                found[(m["start"], m["end"])] = {"id": ent["id"], "name": ent["name"], "type": ent["type"]}
    return found


def _is_turn(q: Any) -> bool:
    """A transcript turn: its speaker is the label before it ("NAME:"; a heading naming the speaker)."""
    return bool(q.cue) and q.cue.endswith((":", "(heading)")) and q.speaker_start is not None \
        and q.speaker_start < q.start


def document_view(store: Store, doc_id: str) -> dict[str, Any]:
    """The document record, its text cut into segments with the evidence marked, and what was removed."""
    doc = store.get(doc_id)
    if doc is None:
        raise NotFound(f"document {doc_id!r} not found")
    linked = _mention_entities(store, doc.id)
    notes: list[Annotation] = []
    for m in doc.mentions:
        ent = linked.get((m.start, m.end))
        notes.append(Annotation(m.start, m.end, "mention", f"{m.type}: {ent['name'] if ent else m.text}",
                                f"/people/{ent['id']}" if ent else None))
    speakers: dict[str, dict[str, Any]] = {}
    for q in doc.quotes:
        who = q.speaker_name or "unknown speaker"
        if _is_turn(q):  # a transcript turn: marked per speaker, apart from speech quoted inside it
            spk = speakers.setdefault(who, {"name": who, "turns": 0, "first": q.start, "interpreted": 0,
                                            "class": f"spk-{len(speakers) % SPEAKER_COLOURS}"})
            spk["turns"] += 1
            spk["interpreted"] += int(q.interpreted)
            notes.append(Annotation(q.start, q.end, f"turn {spk['class']}",
                                    f"turn: {who}" + (" (interpreted)" if q.interpreted else "")))
            continue
        notes.append(Annotation(q.start, q.end, "quote", f"quote ({'direct' if q.direct else 'reported'}): {who}"))
    for c in doc.claims:
        notes.append(Annotation(c.start, c.end, "claim", f"claim: {c.value:g} {c.unit}" + (f" ({c.about})" if c.about else "")))
    for ev in doc.events:
        notes.append(Annotation(ev.start, ev.end, "event", f"event: {ev.type} {ev.label}".strip()))
    return {
        "document": document_record(doc),
        "segments": segments(doc.text, notes),
        "mentions": [{"start": m.start, "end": m.end, "text": m.text, "type": m.type,
                      "entity": linked.get((m.start, m.end))} for m in doc.mentions],
        "quotes": [{"start": q.start, "end": q.end, "text": q.text, "speaker_name": q.speaker_name,
                    "direct": q.direct, "interpreted": q.interpreted, "turn": _is_turn(q)} for q in doc.quotes],
        "speakers": sorted(speakers.values(), key=lambda spk: spk["first"]),
        "claims": [{"start": c.start, "end": c.end, "text": c.text, "value": c.value, "unit": c.unit,
                    "about": c.about} for c in doc.claims],
        "events": [{"start": ev.start, "end": ev.end, "type": ev.type, "label": ev.label} for ev in doc.events],
    }


# --- person ----------------------------------------------------------------------------------------------------


def person_view(store: Store, entity_id: str) -> dict[str, Any]:
    """An entity with its roles over time (merged into date spans), the events it took part in, and its quotes
    (found through the browse index: the records of this entity only, never a scan of every event or quote)."""
    entity = _record(store, "entities", entity_id)
    index = index_of(store)
    roles = role_spans(entity.get("roles", []))
    events = [ev for eid in index.ids_with("event", "actor", entity_id) if (ev := store.get_record("events", eid))]
    events.sort(key=lambda e: (e["date"]["value"] or "9999", e["id"]))  # the knowledge base's event order
    names = index.names([p for ev in events for p in ev["participants"]])
    names.update(_names(store, [p for ev in events for p in ev["participants"] if p not in names]))
    co: Counter[str] = Counter(p for ev in events for p in ev["participants"] if p != entity_id)
    meetings = [{**ev, "participant_names": {p: names[p] for p in ev["participants"]}} for ev in events]
    quotes = [q for qid in index.ids_with("quote", "speaker", entity_id) if (q := store.get_record("quotes", qid))]
    quotes.sort(key=lambda q: (q["doc"], q["start"]))
    titles = _doc_titles(store, [q["doc"] for q in quotes])
    return {
        "entity": entity, "roles": roles, "meetings": meetings,
        "quotes": [{**q, "title": titles.get(q["doc"])} for q in quotes],
        "met_with": [{"id": eid, "name": names[eid], "events": n} for eid, n in co.most_common()],
    }


def _doc_titles(store: Store, ids: list[str]) -> dict[str, str | None]:
    """Titles (or sources) of documents, read without their text."""
    found = index_of(store).names(ids)
    return {doc_id: found.get(doc_id) for doc_id in ids}


# --- stories ---------------------------------------------------------------------------------------------------


def _compare(story: dict[str, Any], docs: list[Any], events: list[dict[str, Any]]) -> dict[str, Any] | None:
    try:
        from ..kb.agreement import compare_story
        from ..kb.stories import Story
    except ImportError:  # comparison not available in this build
        return None
    spans = {(e["doc"], e["start"], e["end"]) for ev in events for e in ev["evidence"]}
    pairs = [(d.id, i) for d in docs for i, ev in enumerate(d.events) if (d.id, ev.start, ev.end) in spans]
    story_obj = Story(id=story["id"], title=story["title"], docs=list(story["docs"]), date=story.get("date"),
                      events=pairs)
    return compare_story(story_obj, docs).as_dict()


def story_view(store: Store, story_id: str) -> dict[str, Any]:
    """A story: its sources side by side (what each reports) and where they agree and differ."""
    story = _record(store, "stories", story_id)
    docs = [d for d in (store.get(doc_id) for doc_id in story["docs"]) if d is not None]
    docs.sort(key=lambda d: (d.published or "9999", d.id))
    events = [e for e in (store.get_record("events", eid) for eid in story.get("events", [])) if e]
    names = _names(store, [p for ev in events for p in ev["participants"]])
    quotes_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        for q in doc.quotes:
            quotes_by_doc[doc.id].append({"start": q.start, "end": q.end, "text": q.text,
                                          "speaker_name": q.speaker_name, "direct": q.direct})
    comparison = _compare(story, docs, events)
    facts = {s["doc"]: s for s in comparison["sources"]} if comparison else {}
    sources = [{
        **_summary(document_record(d)),
        "facts": facts.get(d.id),
        "quotes": quotes_by_doc[d.id],
        "claims": [{"start": c.start, "end": c.end, "text": c.text, "value": c.value, "unit": c.unit,
                    "about": c.about} for c in d.claims],
    } for d in docs]
    return {
        "story": story,
        "events": [{**ev, "participant_names": [names[p] for p in ev["participants"]]} for ev in events],
        "sources": sources,
        "comparison": comparison,
    }


# --- search, network ---------------------------------------------------------------------------------


def search_view(store: Store, q: str, limit: int = SEARCH_LIMIT, *, kind: str | None = None, actor: str | None = None,
                topic: str | None = None, since: str | None = None, until: str | None = None,
                source: str | None = None) -> dict[str, Any]:
    """Search hits for ``q`` (an empty query shows no hits) with the filters applied, each hit's query terms as
    ``highlights`` (offsets into its snippet), and facet counts of the hits by item type and by date year."""
    filters = {"kind": kind or None, "actor": actor or None, "topic": topic or None, "since": since or None,
               "until": until or None, "source": source or None}
    for name in ("since", "until"):
        if filters[name] and not _ISO_PREFIX.fullmatch(filters[name] or ""):
            raise CommuniqueError(f"{name}={filters[name]!r}: use a date like 2024, 2024-03 or 2024-03-09")
    if not q.strip():
        return {"q": q, "filters": filters, "hits": [], "facets": {"type": {}, "year": {}}}
    from ..search import search
    from .highlight_terms import term_spans

    hits = [h.as_dict() for h in search(store, q, limit=limit, **filters)]
    for h in hits:
        h["highlights"] = term_spans(q, h["snippet"])
    types = Counter(h["type"] for h in hits)
    years = Counter((h["published"] or "")[:4] for h in hits if (h["published"] or "")[:4].isdigit())
    return {"q": q, "filters": filters, "hits": hits,
            "facets": {"type": dict(types.most_common()), "year": dict(sorted(years.items(), reverse=True))}}


def ask_view(store: Store, q: str) -> dict[str, Any]:
    from ..search import ask

    return ask(store, q).as_dict()
