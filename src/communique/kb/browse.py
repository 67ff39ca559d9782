"""The browse index's rows, derived from the knowledge-base records and the documents' metadata (no text).

Written by :func:`refresh_index` at the end of every knowledge-base build (a write); the pages only read it
(``store.browse.index_of``), so they show the last built state. Item types and what each row holds:

1. ``person`` / ``organization`` / ``place`` (places and countries): entities, with the documents that mention
   them (``docs``), the span of publication dates they are seen in (``first_date`` .. ``date``); facets country,
   topic and outlet (of the events and documents they appear in); a person's summary names the latest role;
2. ``document``: title, outlet, kind, publication date; facets kind, outlet, country (countries mentioned),
   topic (topics of its events), entity (every entity mentioned: the "documents mentioning X" filter);
3. ``story``: title, date, number of sources; facets outlet, kind, country and topic of its documents;
4. ``event``: label, date (``None``: undated), participants' names and sources (titles, dates), so a timeline
   page reads one table; facets actor (participant ids), topic, kind (event type);
5. ``entity`` facet ``name``: every name and alias of every entity, folded, for the timeline's actor filter;
6. ``quote`` facet ``speaker``: the quotes of each speaker, for the person page.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ..store.base import Store
from ..store.browse import STATE_KEY, BrowseIndex, Facet, Item, index_of
from .match import normalize_name
from .roles import latest_role

__all__ = ["ENTITY_TYPES", "fold_words", "iso_date", "refresh_index", "rows"]

# knowledge-base entity type -> browse item type ("other" entities are not listed)
ENTITY_TYPES = {"person": "person", "organization": "organization", "place": "place", "country": "place"}
ROWS_VERSION = "rows-2"  # changes whenever ``rows`` does, so a store indexed by older code is indexed again
ALIASES_SHOWN = 3  # other spellings listed beside a name; the person page lists them all
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def fold_words(text: str) -> str:
    """A name's words folded and padded: "Lucía Báez-Ortiz" -> " lucia baez ortiz " (sorting and word search)."""
    words = normalize_name(text.replace("_", " "))
    return f" {' '.join(words)} " if words else " "


def iso_date(value: object) -> str | None:
    """The ISO date (or year-month, or year) a value starts with; None for none or a date without its year."""
    match = _ISO.match(str(value or ""))
    return match.group(0) if match else None


def refresh_index(store: Store) -> BrowseIndex:
    """Write the browse index from the knowledge base as built (called by the build; a no-op when it is current)."""
    index = index_of(store)
    state = store.kb_state()
    built_from = f"{ROWS_VERSION}:{state.get('watermark')}"
    if state.get(STATE_KEY) != built_from:
        items, facets = rows(store)
        index.replace(items, facets, built_from)
    return index


def rows(store: Store) -> tuple[list[Item], list[Facet]]:
    """Every item and facet row of the index (numbered steps as in the module docstring)."""
    docs: dict[str, dict[str, Any]] = {}
    doc_topics: dict[str, set[str]] = defaultdict(set)
    for doc in store.iter_documents(include_text=False):
        docs[doc.id] = {"title": doc.title or doc.source, "source": doc.source, "publisher": doc.publisher,
                        "date": iso_date(doc.published), "published": doc.published, "kind": doc.kind,
                        "story": doc.story, "duplicate_of": doc.duplicate_of, "url": doc.url,
                        "events": len(doc.events), "quotes": len(doc.quotes), "mentions": len(doc.mentions)}
        for ev in doc.events:
            doc_topics[doc.id].update(ev.topics)
    entities = list(store.iter_records("entities"))
    country_name: dict[str, str] = {}
    best: Counter[str] = Counter()
    for ent in entities:  # a country code is shown by the name of its most mentioned country entity
        code = ent.get("country")
        if ent["type"] == "country" and code and len(ent["mentions"]) > best[code]:
            best[code], country_name[code] = len(ent["mentions"]), ent["name"]
    doc_countries: dict[str, set[str]] = defaultdict(set)
    doc_entities: dict[str, set[str]] = defaultdict(set)
    for ent in entities:
        for m in ent["mentions"]:
            doc_entities[m["doc"]].add(ent["id"])
            if ent["type"] == "country":
                doc_countries[m["doc"]].add(country_name.get(ent.get("country") or "", ent["name"]))
    events = list(store.iter_records("events"))
    entity_topics: dict[str, set[str]] = defaultdict(set)
    for ev in events:
        for eid in ev["participants"]:
            entity_topics[eid].update(ev["topics"])
    items: list[Item] = []
    facets: list[Facet] = []
    names = {ent["id"]: ent["name"] for ent in entities}

    # 1. entities
    for ent in entities:
        for name in {ent["name"], *ent.get("aliases", [])}:
            facets.append(Facet("entity", "name", fold_words(name), ent["id"]))
        type_ = ENTITY_TYPES.get(ent["type"])
        if type_ is None:
            continue
        seen = sorted({m["doc"] for m in ent["mentions"]})
        dates = sorted(d for doc_id in seen if doc_id in docs and (d := docs[doc_id]["date"]))
        country = country_name.get(ent.get("country") or "", ent.get("country"))
        summary = {"kind": ent["type"], "country": country, "aliases": [a for a in ent.get("aliases", []) if a != ent["name"]][:ALIASES_SHOWN],
                   "role": latest_role(ent.get("roles", [])) if type_ == "person" else None}
        items.append(Item(type_, ent["id"], ent["name"], fold_words(ent["name"]), dates[0] if dates else None,
                          dates[-1] if dates else None, len(seen), summary))
        facets.append(Facet(type_, "kind", ent["type"], ent["id"]))
        if country:
            facets.append(Facet(type_, "country", country, ent["id"]))
        facets += [Facet(type_, "topic", t, ent["id"]) for t in entity_topics.get(ent["id"], ())]
        facets += [Facet(type_, "outlet", p, ent["id"]) for doc_id in seen if (p := docs.get(doc_id, {}).get("publisher"))]

    # 2. documents
    for doc_id, d in docs.items():
        summary = {k: d[k] for k in ("source", "publisher", "published", "kind", "story", "duplicate_of", "url",
                                     "events", "quotes", "mentions")}
        items.append(Item("document", doc_id, d["title"], fold_words(d["title"]), d["date"], d["date"], 1, summary))
        facets.append(Facet("document", "kind", d["kind"], doc_id))
        if d["publisher"]:
            facets.append(Facet("document", "outlet", d["publisher"], doc_id))
        facets += [Facet("document", "country", c, doc_id) for c in doc_countries.get(doc_id, ())]
        facets += [Facet("document", "topic", t, doc_id) for t in doc_topics.get(doc_id, ())]
        facets += [Facet("document", "entity", e, doc_id) for e in doc_entities.get(doc_id, ())]

    # 3. stories
    for story in store.iter_records("stories"):
        members = [docs[doc_id] | {"id": doc_id} for doc_id in story["docs"] if doc_id in docs]
        dates = sorted(d for m in members if (d := m["date"]))
        date = iso_date(story.get("date"))
        summary = {"place": story.get("place"), "events": len(story.get("events", [])),
                   "date_partial": story.get("date_partial"),
                   "outlets": sorted({m["publisher"] for m in members if m["publisher"]})}
        items.append(Item("story", story["id"], story["title"], fold_words(story["title"]),
                          date or (dates[0] if dates else None), date or (dates[-1] if dates else None),
                          len(story["docs"]), summary))
        for m in members:
            facets.append(Facet("story", "kind", m["kind"], story["id"]))
            if m["publisher"]:
                facets.append(Facet("story", "outlet", m["publisher"], story["id"]))
            facets += [Facet("story", "country", c, story["id"]) for c in doc_countries.get(m["id"], ())]
            facets += [Facet("story", "topic", t, story["id"]) for t in doc_topics.get(m["id"], ())]

    # 4. events
    for ev in events:
        sources = []
        for evidence in ev["evidence"]:
            d = docs.get(evidence["doc"], {})
            sources.append({**evidence, "title": d.get("title"), "published": d.get("published")})
        summary = {"label": ev["label"], "type": ev["type"], "mode": ev.get("mode"), "status": ev.get("status"), "when": ev["date"],
                   "place": ev.get("place"), "participants": ev["participants"],
                   "participant_names": [names.get(p, p) for p in ev["participants"]], "topics": ev["topics"],
                   "story": ev["story"], "sources": sources}
        date = iso_date(ev["date"].get("value"))
        items.append(Item("event", ev["id"], ev["label"], fold_words(ev["label"]), date, date,
                          len({s["doc"] for s in sources}), summary))
        facets.append(Facet("event", "kind", ev["type"], ev["id"]))
        facets += [Facet("event", "actor", p, ev["id"]) for p in ev["participants"]]
        facets += [Facet("event", "topic", t, ev["id"]) for t in ev["topics"]]

    # 6. quotes by speaker (a person page lists them)
    facets += [Facet("quote", "speaker", q["speaker"], q["id"]) for q in store.iter_records("quotes") if q.get("speaker")]
    return items, facets
