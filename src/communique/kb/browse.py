"""The browse index's rows, derived from the knowledge-base records and the documents' metadata (no text).

Written whole by :func:`refresh_index` at the end of every full knowledge-base build, and piecewise by
:func:`update_index` after an incremental update (:mod:`communique.kb.update`: only the rows of the documents,
entities, stories, events and quotes the update touched); the pages only read it (``store.browse.index_of``), so
they show the last built state. Item types and what each row holds:

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

A country code is shown by the name of its most mentioned country entity (the first in record order among ties);
the country entities (id, mentions, name per code, in record order) are kept in ``kb_state`` (:data:`COUNTRIES_KEY`,
a few hundred entries) so that an incremental update renders a country without reading every entity.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..store.base import Store
from ..store.browse import STATE_KEY, BrowseIndex, Facet, Item, index_of
from .match import normalize_name
from .roles import latest_role

__all__ = ["COUNTRIES_KEY", "ENTITY_TYPES", "Touched", "fold_words", "iso_date", "refresh_index", "rows",
           "update_index"]

# knowledge-base entity type -> browse item type ("other" entities are not listed)
ENTITY_TYPES = {"person": "person", "organization": "organization", "place": "place", "country": "place"}
ROWS_VERSION = "rows-3"  # changes whenever ``rows`` does, so a store indexed by older code is indexed again
COUNTRIES_KEY = "browse_countries"  # kb_state key: {code: [[entity id, mentions, name], ...]} in record order
ALIASES_SHOWN = 3  # other spellings listed beside a name; the person page lists them all
IDS_PER_QUERY = 500  # ids per IN (...) list (SQLite allows 999 parameters per statement)
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")

Countries = dict[str, list[list[Any]]]  # code ("" for none) -> [[entity id, mentions, name], ...] in record order


def fold_words(text: str) -> str:
    """A name's words folded and padded: "Lucía Báez-Ortiz" -> " lucia baez ortiz " (sorting and word search)."""
    words = normalize_name(text.replace("_", " "))
    return f" {' '.join(words)} " if words else " "


def iso_date(value: object) -> str | None:
    """The ISO date (or year-month, or year) a value starts with; None for none or a date without its year."""
    match = _ISO.match(str(value or ""))
    return match.group(0) if match else None


def _built_from(watermark: str | None) -> str:
    return f"{ROWS_VERSION}:{watermark}"


def refresh_index(store: Store) -> BrowseIndex:
    """Write the browse index from the knowledge base as built (called by the build; a no-op when it is current)."""
    index = index_of(store)
    state = store.kb_state()
    built_from = _built_from(state.get("watermark"))
    if state.get(STATE_KEY) != built_from:
        countries, parts = _row_parts(store)
        index.replace_parts(parts, built_from, {COUNTRIES_KEY: json.dumps(countries, ensure_ascii=False)})
    return index


def rows(store: Store) -> tuple[list[Item], list[Facet]]:
    """Every item and facet row of the index (numbered steps as in the module docstring)."""
    items: list[Item] = []
    facets: list[Facet] = []
    for part_items, part_facets in _row_parts(store)[1]:
        items += part_items
        facets += part_facets
    return items, facets


# -- rendering, shared by the whole index and its incremental update ---------------------------------------------
def _country_names(countries: Countries) -> dict[str, str]:
    """Code -> the name of its most mentioned country entity (the first in record order among ties)."""
    out: dict[str, str] = {}
    for code, members in countries.items():
        best = 0
        for _, mentions, name in members:
            if code and mentions > best:
                best, out[code] = mentions, name
    return out


def _doc_fields(doc: Any) -> dict[str, Any]:
    return {"title": doc.title or doc.source, "source": doc.source, "publisher": doc.publisher,
            "date": iso_date(doc.published), "published": doc.published, "kind": doc.kind,
            "story": doc.story, "duplicate_of": doc.duplicate_of, "url": doc.url,
            "events": len(doc.events), "quotes": len(doc.quotes), "mentions": len(doc.mentions)}


def _entity_rows(ent: Mapping[str, Any], dates: list[str], seen: int, outlets: Iterable[str], topics: Iterable[str],
                 country_name: Mapping[str, str], role: Any = False) -> tuple[list[Item], list[Facet]]:
    """Step 1 and 5 for one entity: ``dates`` (sorted) and ``outlets`` of the ``seen`` documents mentioning it,
    ``topics`` of the events it takes part in; ``role``: its latest role when known (False: from its roles)."""
    facets = [Facet("entity", "name", fold_words(name), ent["id"]) for name in {ent["name"], *ent.get("aliases", [])}]
    type_ = ENTITY_TYPES.get(ent["type"])
    if type_ is None:
        return [], facets
    country = country_name.get(ent.get("country") or "", ent.get("country"))
    summary = {"kind": ent["type"], "country": country,
               "aliases": [a for a in ent.get("aliases", []) if a != ent["name"]][:ALIASES_SHOWN],
               "role": (latest_role(ent.get("roles", [])) if role is False else role) if type_ == "person" else None}
    item = Item(type_, ent["id"], ent["name"], fold_words(ent["name"]), dates[0] if dates else None,
                dates[-1] if dates else None, seen, summary)
    facets.append(Facet(type_, "kind", ent["type"], ent["id"]))
    if country:
        facets.append(Facet(type_, "country", country, ent["id"]))
    facets += [Facet(type_, "topic", t, ent["id"]) for t in topics]
    facets += [Facet(type_, "outlet", p, ent["id"]) for p in outlets]
    return [item], facets


def _document_rows(doc_id: str, d: Mapping[str, Any], countries: Iterable[str], topics: Iterable[str],
                   entities: Iterable[str]) -> tuple[list[Item], list[Facet]]:
    """Step 2 for one document."""
    summary = {k: d[k] for k in ("source", "publisher", "published", "kind", "story", "duplicate_of", "url",
                                 "events", "quotes", "mentions")}
    facets = [Facet("document", "kind", d["kind"], doc_id)]
    if d["publisher"]:
        facets.append(Facet("document", "outlet", d["publisher"], doc_id))
    facets += [Facet("document", "country", c, doc_id) for c in countries]
    facets += [Facet("document", "topic", t, doc_id) for t in topics]
    facets += [Facet("document", "entity", e, doc_id) for e in entities]
    return [Item("document", doc_id, d["title"], fold_words(d["title"]), d["date"], d["date"], 1, summary)], facets


def _story_rows(story: Mapping[str, Any], members: list[dict[str, Any]], doc_countries: Mapping[str, Iterable[str]],
                doc_topics: Mapping[str, Iterable[str]]) -> tuple[list[Item], list[Facet]]:
    """Step 3 for one story; ``members``: its stored documents' fields (with ``id``)."""
    dates = sorted(d for m in members if (d := m["date"]))
    date = iso_date(story.get("date"))
    summary = {"place": story.get("place"), "events": len(story.get("events", [])),
               "date_partial": story.get("date_partial"),
               "outlets": sorted({m["publisher"] for m in members if m["publisher"]})}
    item = Item("story", story["id"], story["title"], fold_words(story["title"]),
                date or (dates[0] if dates else None), date or (dates[-1] if dates else None),
                len(story["docs"]), summary)
    facets: list[Facet] = []
    for m in members:
        facets.append(Facet("story", "kind", m["kind"], story["id"]))
        if m["publisher"]:
            facets.append(Facet("story", "outlet", m["publisher"], story["id"]))
        facets += [Facet("story", "country", c, story["id"]) for c in doc_countries.get(m["id"], ())]
        facets += [Facet("story", "topic", t, story["id"]) for t in doc_topics.get(m["id"], ())]
    return [item], facets


def _event_rows(ev: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]],
                names: Mapping[str, str]) -> tuple[list[Item], list[Facet]]:
    """Step 4 for one event; ``docs``: title and publication of its evidence documents; ``names``: entity names."""
    sources = []
    for evidence in ev["evidence"]:
        d = docs.get(evidence["doc"], {})
        sources.append({**evidence, "title": d.get("title"), "published": d.get("published")})
    summary = {"label": ev["label"], "type": ev["type"], "mode": ev.get("mode"), "status": ev.get("status"),
               "when": ev["date"], "place": ev.get("place"), "participants": ev["participants"],
               "participant_names": [names.get(p, p) for p in ev["participants"]], "topics": ev["topics"],
               "story": ev["story"], "sources": sources}
    date = iso_date(ev["date"].get("value"))
    item = Item("event", ev["id"], ev["label"], fold_words(ev["label"]), date, date,
                len({s["doc"] for s in sources}), summary)
    facets = [Facet("event", "kind", ev["type"], ev["id"])]
    facets += [Facet("event", "actor", p, ev["id"]) for p in ev["participants"]]
    facets += [Facet("event", "topic", t, ev["id"]) for t in ev["topics"]]
    return [item], facets


def _quote_rows(quote: Mapping[str, Any]) -> list[Facet]:
    """Step 6 for one quote."""
    return [Facet("quote", "speaker", quote["speaker"], quote["id"])] if quote.get("speaker") else []


def _row_parts(store: Store) -> tuple[Countries, Iterator[tuple[list[Item], list[Facet]]]]:
    """The country entities, and every item and facet row of the index one record's rows at a time (each item's
    rows in one part), made as they are written. Entity and event records are read from the store again for each
    pass over them rather than held (with every mention, they grew with the store); what the rows need across
    records is gathered first: each document's fields, topics, countries and entities, entity names and topics."""
    docs: dict[str, dict[str, Any]] = {}
    doc_topics: dict[str, set[str]] = defaultdict(set)
    for doc in store.iter_documents(include_text=False):
        docs[doc.id] = _doc_fields(doc)
        for ev in doc.events:
            doc_topics[doc.id].update(ev.topics)
    countries: Countries = defaultdict(list)
    names: dict[str, str] = {}
    for ent in store.iter_records("entities"):
        names[ent["id"]] = ent["name"]
        if ent["type"] == "country":
            countries[ent.get("country") or ""].append([ent["id"], len(ent["mentions"]), ent["name"]])
    country_name = _country_names(countries)
    doc_countries: dict[str, set[str]] = defaultdict(set)
    doc_entities: dict[str, set[str]] = defaultdict(set)
    for ent in store.iter_records("entities"):
        for m in ent["mentions"]:
            doc_entities[m["doc"]].add(ent["id"])
            if ent["type"] == "country":
                doc_countries[m["doc"]].add(country_name.get(ent.get("country") or "", ent["name"]))
    entity_topics: dict[str, set[str]] = defaultdict(set)
    for ev in store.iter_records("events"):
        for eid in ev["participants"]:
            entity_topics[eid].update(ev["topics"])

    def parts() -> Iterator[tuple[list[Item], list[Facet]]]:
        # 1. entities
        for ent in store.iter_records("entities"):
            seen = sorted({m["doc"] for m in ent["mentions"]})
            dates = sorted(d for doc_id in seen if doc_id in docs and (d := docs[doc_id]["date"]))
            outlets = [p for doc_id in seen if (p := docs.get(doc_id, {}).get("publisher"))]
            yield _entity_rows(ent, dates, len(seen), outlets, entity_topics.get(ent["id"], ()), country_name)
        # 2. documents
        for doc_id, d in docs.items():
            yield _document_rows(doc_id, d, doc_countries.get(doc_id, ()), doc_topics.get(doc_id, ()),
                                 doc_entities.pop(doc_id, ()))
        # 3. stories
        for story in store.iter_records("stories"):
            members = [docs[doc_id] | {"id": doc_id} for doc_id in story["docs"] if doc_id in docs]
            yield _story_rows(story, members, doc_countries, doc_topics)
        # 4. events
        for ev in store.iter_records("events"):
            yield _event_rows(ev, docs, names)
        # 6. quotes by speaker (a person page lists them)
        for q in store.iter_records("quotes"):
            yield [], _quote_rows(q)

    return dict(countries), parts()


# -- incremental update ------------------------------------------------------------------------------------------
_ENTITY_ITEMS = ("person", "organization", "place", "entity")  # the item (and facet) types an entity's rows use


@dataclass
class Touched:
    """What an incremental knowledge-base update wrote, for :func:`update_index`."""

    before: str | None  # the knowledge-base watermark before the update (the index must have been current with it)
    docs: dict[str, list[str] | None] = field(default_factory=dict)  # document -> its mentions' entities; None: gone
    entities: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # upserted (sort key, record), in order
    deleted_entities: set[str] = field(default_factory=set)
    renamed: set[str] = field(default_factory=set)  # entities whose name changed (their events name them)
    grown: dict[str, set[str]] = field(default_factory=dict)  # entity -> documents it gained (it lost none)
    roles_changed: set[str] = field(default_factory=set)  # stored entities whose roles changed
    events: list[dict[str, Any]] = field(default_factory=list)
    deleted_events: set[str] = field(default_factory=set)
    stories: list[dict[str, Any]] = field(default_factory=list)
    deleted_stories: set[str] = field(default_factory=set)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    deleted_quotes: set[str] = field(default_factory=set)


def _update_countries(countries: Countries, t: Touched) -> bool:
    """Fold the touched entities into the country entities; False when the record order cannot be kept (a stored
    entity that becomes a country or changes its code): then the index is written whole."""
    where = {m[0]: code for code, members in countries.items() for m in members}
    for eid in t.deleted_entities:
        if (code := where.pop(eid, None)) is not None:
            countries[code] = [m for m in countries[code] if m[0] != eid]
    for key, rec in t.entities:
        old = where.get(rec["id"])
        if rec["type"] != "country":
            if old is not None:
                return False
            continue
        code, entry = rec.get("country") or "", [rec["id"], len(rec["mentions"]), rec["name"]]
        if old is None:
            if not key:  # a stored entity keeps its place in record order: unknown here
                return False
            countries.setdefault(code, []).append(entry)
            where[rec["id"]] = code
        elif old != code:
            return False
        else:
            countries[code] = [entry if m[0] == rec["id"] else m for m in countries[code]]
    for code in [c for c, members in countries.items() if not members]:
        del countries[code]
    return True


def update_index(store: Store, t: Touched) -> BrowseIndex:
    """Rewrite the rows an incremental update touched (the index equals what :func:`refresh_index` writes); the
    whole index when it was not current before the update or a country's shown name changes. Order: documents,
    then entities' old rows out, events (they name entities), entities (their dates, outlets and topics are read
    from the rewritten document and event rows), stories, quotes."""
    index = index_of(store)
    state = store.kb_state()
    if state.get(STATE_KEY) != _built_from(t.before) or COUNTRIES_KEY not in state:
        return refresh_index(store)
    countries: Countries = json.loads(state[COUNTRIES_KEY])
    shown_before = _country_names(countries)
    if not _update_countries(countries, t):
        return refresh_index(store)
    country_name = _country_names(countries)
    named = set(country_name) - set(shown_before)  # codes named for the first time: their entities are shown anew
    if any(country_name.get(c) != shown_before.get(c) for c in set(country_name) | set(shown_before) if c not in named):
        return refresh_index(store)  # another country entity now names a code: every row that shows it changes
    shown: dict[str, str] = {eid: country_name.get(code, str(name)) for code, members in countries.items()
                             for eid, _, name in members}
    index.begin()
    try:
        _update_rows(store, index, t, shown, country_name, named)
        index.commit({STATE_KEY: _built_from(state.get("watermark")),
                      COUNTRIES_KEY: json.dumps(countries, ensure_ascii=False)})
    except BaseException:
        index.rollback()
        raise
    return index


def _update_rows(store: Store, index: BrowseIndex, t: Touched, shown: Mapping[str, str],
                 country_name: Mapping[str, str], named: Collection[str]) -> None:
    """The writes of :func:`update_index`, inside its transaction (``shown``: country entity -> the name its
    documents list it by; ``country_name``: code -> name)."""
    # 2. documents
    docs = {d.id: d for d in store.get_many(t.docs, include_text=False)}
    index.remove(("document",), t.docs)
    items: list[Item] = []
    facets: list[Facet] = []
    for doc_id, spans in t.docs.items():
        if (doc := docs.get(doc_id)) is None:
            continue
        eids = set(spans or ())
        topics = {topic for ev in doc.events for topic in ev.topics}
        part = _document_rows(doc_id, _doc_fields(doc), {shown[e] for e in eids if e in shown}, topics, eids)
        items += part[0]
        facets += part[1]
    index.insert(items, facets)

    # 1 (out). entities: the rewritten ones (their old rows read first: an entity that only gained documents keeps
    # its dates and outlets but for the new documents', its role unless its roles changed) and, for the topic
    # facets, every one that takes part in a rewritten or deleted event
    events = {ev["id"]: ev for ev in t.events}
    renamed = t.renamed | t.deleted_entities
    named_in = set().union(*index.with_values("event", "actor", renamed).values()) if renamed else set()
    events.update(store.get_records("events", named_in - set(events) - t.deleted_events))
    old_actors = index.facets_of("event", "actor", set(events) | t.deleted_events)
    old_event_topics = index.facets_of("event", "topic", set(events) | t.deleted_events)
    records = {rec["id"]: rec for _, rec in t.entities}
    if named:  # the entities of a code named for the first time showed the code itself
        with_code = set().union(*(set().union(*index.with_values(type_, "country", named).values())
                                  for type_ in _ENTITY_ITEMS[:3]))
        records.update(store.get_records("entities", with_code - set(records) - t.deleted_entities))
    in_events = set().union(*old_actors.values(), *(ev["participants"] for ev in events.values()))
    listed = index.item_types(_ENTITY_ITEMS[:3], (set(records) | in_events) - t.deleted_entities)
    old_rows = index.items(_ENTITY_ITEMS[:3], {eid for eid in records if eid in listed})
    old_outlets: dict[str, set[str]] = {}
    old_topics: dict[str, set[str]] = {}
    for type_ in set(listed.values()):
        of_type = {eid for eid, ty in listed.items() if ty == type_}
        old_outlets.update(index.facets_of(type_, "outlet", of_type & set(old_rows)))
        old_topics.update(index.facets_of(type_, "topic", of_type))
    index.remove(_ENTITY_ITEMS, set(records) | t.deleted_entities)

    # 4. events
    index.remove(("event",), set(events) | t.deleted_events)
    evidence = index.items(("document",), {e["doc"] for ev in events.values() for e in ev["evidence"]})
    sources = {doc_id: {"title": row["name"], "published": row.get("published")} for doc_id, row in evidence.items()}
    participants = {p for ev in events.values() for p in ev["participants"]}
    names = {eid: rec["name"] for eid, rec in records.items()}
    names.update({eid: row["name"] for eid, row in index.items(_ENTITY_ITEMS[:3], participants - set(names)).items()})
    names.update({eid: rec["name"] for eid, rec in store.get_records("entities", participants - set(names)).items()})
    items, facets = [], []
    for ev in events.values():
        part = _event_rows(ev, sources, names)
        items += part[0]
        facets += part[1]
    index.insert(items, facets)

    # 1. entities: topics of the listed ones from their old topics (a topic only a rewritten or deleted event gave
    # is kept if another event still gives it), of new ones from all their events
    gained: dict[str, set[str]] = defaultdict(set)
    for ev in events.values():
        for eid in ev["participants"]:
            gained[eid].update(ev["topics"])
    doubtful: dict[str, set[str]] = defaultdict(set)
    for ev_id, actors in old_actors.items():
        for eid in actors:
            doubtful[eid].update(old_event_topics.get(ev_id, set()))
    entity_topics: dict[str, set[str]] = {}
    for eid in listed:
        keep = {tp for tp in old_topics.get(eid, set()) if tp not in doubtful.get(eid, set()) or tp in gained[eid]
                or index.has_actor_topic(eid, tp)}
        entity_topics[eid] = keep | gained[eid]
    unlisted = [eid for eid, rec in records.items() if eid not in listed and rec["type"] in ENTITY_TYPES]
    acts = index.with_values("event", "actor", unlisted)
    topics_of = index.facets_of("event", "topic", set().union(*acts.values()) if acts else set())
    for eid in unlisted:
        entity_topics[eid] = set().union(*(topics_of.get(e, set()) for e in acts.get(eid, ())))
    items, facets = [], []
    # the documents whose dates and outlets each entity row needs (only the new ones where the old row stays)
    needed: dict[str, set[str]] = {}
    for eid, rec in records.items():
        if rec["type"] in ENTITY_TYPES:
            grown = eid in old_rows and eid in t.grown
            needed[eid] = t.grown[eid] if grown else {m["doc"] for m in rec["mentions"]}
    all_needed = set().union(*needed.values()) if needed else set()
    doc_dates = {doc_id: row["date"] for doc_id, row in index.items(("document",), all_needed).items() if row["date"]}
    doc_outlets = index.facets_of("document", "outlet", all_needed)
    for eid, rec in records.items():
        seen = {m["doc"] for m in rec["mentions"]}
        role: Any = False
        span = sorted(d for doc_id in needed.get(eid, ()) if (d := doc_dates.get(doc_id)))
        outlets = set().union(*(doc_outlets.get(doc_id, set()) for doc_id in needed.get(eid, ())))
        if (old := old_rows.get(eid)) is not None and eid in t.grown:  # the old span and outlets and the new ones
            span = sorted({*span, *(d for d in (old["first_date"], old["date"]) if d)})
            outlets |= old_outlets.get(eid, set())
            role = False if eid in t.roles_changed else old.get("role")
        part = _entity_rows(rec, [span[0], span[-1]] if span else [], len(seen), outlets, entity_topics.get(eid, set()),
                            country_name, role)
        items += part[0]
        facets += part[1]
    index.insert(items, facets)
    # the topic facets of listed entities the update did not rewrite
    topic_only = {eid: ty for eid, ty in listed.items() if eid not in records}
    index.remove_facets("topic", topic_only)
    index.insert([], [Facet(ty, "topic", tp, eid) for eid, ty in topic_only.items() for tp in entity_topics[eid]])

    # 3. stories: the rewritten ones and those of the touched documents (their countries or entities changed)
    stories = {s["id"]: s for s in t.stories}
    others = {d.story for d in docs.values() if d.story} - set(stories) - t.deleted_stories
    stories.update(store.get_records("stories", others))
    index.remove(("story",), set(stories) | t.deleted_stories)
    members = {doc_id for s in stories.values() for doc_id in s["docs"]}
    fields = {doc_id: _fields_of_row(row) for doc_id, row in index.items(("document",), members).items()}
    doc_countries = index.facets_of("document", "country", members)
    doc_topics = index.facets_of("document", "topic", members)
    items, facets = [], []
    for story in stories.values():
        part = _story_rows(story, [fields[d] | {"id": d} for d in story["docs"] if d in fields], doc_countries,
                           doc_topics)
        items += part[0]
        facets += part[1]
    index.insert(items, facets)

    # 6. quotes
    index.remove(("quote",), {q["id"] for q in t.quotes} | t.deleted_quotes)
    index.insert([], [f for q in t.quotes for f in _quote_rows(q)])


def _fields_of_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A document's fields (:func:`_doc_fields`) from its index row."""
    return {"title": row["name"], "date": row["date"], **{k: row.get(k) for k in (
        "source", "publisher", "published", "kind", "story", "duplicate_of", "url", "events", "quotes", "mentions")}}
