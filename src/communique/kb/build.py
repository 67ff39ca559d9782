"""The knowledge base across documents: entities, events, stories, quotes and claims, with evidence.

``build(store)`` derives everything from the stored per-document annotations and saves it in the store, so
that export, the API and the web UI read it without recomputing. Building is a write, never a read: ``communique
rebuild`` runs it; ``ingest`` runs it when no incremental state is stored yet (else
:func:`communique.kb.update.update`). Readers ask :func:`kb_status` and say when the knowledge base is older than
the documents.

Cascade:
1. entities: mentions resolved across documents (``kb.resolve``);
2. stories: documents reporting the same event clustered (``kb.stories``), ``story`` set on documents;
3. events: per-document events of one story merged on (type, status, compatible date) unless their people
   conflict (one page reporting several meetings of a day keeps one event per meeting); participants mapped
   to entities; every source sentence kept as evidence;
4. quotes and claims: speakers mapped to entities, each linked to the merged event it was said at;
5. the state an incremental update starts from (:func:`doc_state`, :func:`doc_keys`, the person index), saved with
   the records in one transaction;
6. the browse index (``kb.browse``): the rows the index pages, the timeline and the facets read.
"""

from __future__ import annotations

import datetime as dt
import gc
from array import array
from collections import defaultdict
from collections.abc import ItemsView, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..model import Document
from ..store.base import DocState, KBChanges, Store
from .events import EventBuilder, record_id
from .resolve import Entity, MentionLog, Resolution, Resolver, ShortForm, _People, role_spans
from .spill import DocSpill
from .stories import (
    PairFeatures,
    Story,
    _Weights,
    cluster_documents,
    document_frequencies,
    lead_event,
    lead_sentence,
    pair_features,
    person_keys,
    published_day,
    raw_norm,
    term_counts,
    term_keys,
    tfidf,
)
from .story_records import make_story

__all__ = ["RECORD_TYPES", "STATE_VERSION", "Assembly", "KBStatus", "assemble", "build", "doc_keys", "doc_state",
           "ensure_built", "kb_status", "names_by_doc", "people_changes", "story_record"]

RECORD_TYPES = ("entities", "events", "quotes", "claims", "stories")
STATE_KEY = "incremental"  # kb_state key: the version of the persisted update state (absent: build first)
STATE_VERSION = "1"  # bump when the persisted state changes meaning: the next ingest then rebuilds
SHORT_KEY = "short:"  # block-index prefix of a short name form's tokens (the documents an update resolves again)
RARE_KEY_DF = 1  # a term only one document has is indexed too: the next document sharing it makes it a block key
WRITE_DOCS = 100  # documents (whole stories) assembled and written per part of a full build: bounds what one holds
WRITE_ENTITIES = 2000  # entity records made and written per part of a full build
# entity mentions made and written per part of a full build (a dict each in its entity's record: the mentions of a
# store's worth of entities at once were the build's peak); an entity with more is a part alone
WRITE_MENTIONS = 20_000


@dataclass
class Assembly:
    """Step 3-4 records of some stories' documents."""

    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (sort key, record)
    claims: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    story_events: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    doc_records: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # doc -> quote and claim ids


def assemble(docs: Iterable[Document], story_of: Mapping[str, Story], res: Resolution) -> Assembly:
    """Steps 3-4 over ``docs`` (whole stories, in id order): merged events, quotes and claims."""
    builder = EventBuilder(res)
    out = Assembly()
    for doc in docs:
        story = story_of.get(doc.id)
        story_id = story.id if story else record_id("story", doc.id)
        for index, ev in enumerate(doc.events):
            builder.add(doc, index, ev, story_id, story.date if story else None)
        quote_event = {q: builder.link[(doc.id, i)] for i, ev in enumerate(doc.events) for q in ev.quotes}
        claim_event = {c: builder.link[(doc.id, i)] for i, ev in enumerate(doc.events) for c in ev.claims}
        ids: dict[str, list[str]] = {"quotes": [], "claims": []}
        for i, q in enumerate(doc.quotes):
            ids["quotes"].append(record_id("q", doc.id, q.start, q.end))
            out.quotes.append((f"{doc.id}|{i:06d}", {
                "id": ids["quotes"][-1], "doc": doc.id, "start": q.start, "end": q.end, "text": q.text,
                "speaker": res.entity_for(doc.id, q.speaker_start, q.speaker_end, q.speaker_name),
                "speaker_name": q.speaker_name, "direct": q.direct, "interpreted": q.interpreted,
                "event": quote_event.get(i),
            }))
        for i, c in enumerate(doc.claims):
            ids["claims"].append(record_id("c", doc.id, c.start, c.end))
            out.claims.append((f"{doc.id}|{i:06d}", {
                "id": ids["claims"][-1], "doc": doc.id, "start": c.start, "end": c.end, "text": c.text,
                "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "about": c.about, "as_of": c.as_of,
                "speaker": res.entity_for(doc.id, None, None, c.speaker_name) if c.speaker_name else None,
                "event": claim_event.get(i),
            }))
        out.doc_records[doc.id] = ids
    events = list(builder.events.values())
    for record in events:
        if record.pop("relabel", False):
            record["label"] = builder.meeting_label(record) or record["label"]
    out.events = sorted(events, key=event_sort_key)
    for ev in out.events:
        out.story_events[ev["story"]].append(ev["id"])
    return out


def event_sort_key(record: dict[str, Any]) -> str:
    """Events list by date (undated last), then id."""
    return f"{record['date']['value'] or '9999'}|{record['id']}"


def story_sort_key(record: dict[str, Any]) -> str:
    return f"{record['date'] or '9999'}|{record['id']}"


def story_record(story: Story, events: list[str]) -> dict[str, Any]:
    return {"id": story.id, "title": story.title, "docs": list(story.docs), "events": events,
            "date": story.date, "date_partial": story.date_partial, "place": story.place,
            "doc_events": [list(pair) for pair in story.events]}


def names_by_doc(res: Resolution) -> dict[str, list[list[str]]]:
    """The name forms resolved in each document: doc id -> [[name, entity id]]."""
    return {doc_id: [[name, eid] for name, eid in names.items()] for doc_id, names in res.by_doc_name.items() if names}


def doc_state(doc: Document, ingested_at: float, story: str | None, counts: Mapping[str, float], norm: float,
              features: PairFeatures, res: Resolution, names: list[list[str]], short_forms: Iterable[ShortForm],
              records: Mapping[str, list[str]]) -> DocState:
    """What an update needs of a document without reading it again: its term counts (document frequencies) and
    vector length, its pair features (which stored documents a new one may join), the entity of each mention and
    name form (retraction; events of its story), its short forms (step 3 again) and its quote and claim ids."""
    doc_spans = res.by_span.get(doc.id, {})
    spans = [[m.start, m.end, eid, m.text] for m in doc.mentions if (eid := doc_spans.get((m.start, m.end)))]
    return DocState(ingested_at, doc.published, story, {
        "terms": counts if isinstance(counts, dict) else dict(counts), "norm": norm, "features": features.as_dict(), "spans": spans, "names": names,
        "short": [f.as_dict() for f in short_forms], "quotes": records.get("quotes", []),
        "claims": records.get("claims", []),
    })


def doc_keys(doc: Document, counts: Mapping[str, float], df: Mapping[str, int], n_docs: int,
             features: PairFeatures, short_forms: Iterable[ShortForm]) -> list[str]:
    """The block-index keys of a document: its story block keys (:func:`kb.stories.term_keys`), its people keys,
    its terms no other document has yet (:data:`RARE_KEY_DF`) and the tokens of its short name forms."""
    keys = term_keys(tfidf(counts, df, n_docs), df, published_day(doc)) + person_keys(doc, features.key_persons)
    keys += sorted(t for t in counts if df.get(t, 0) <= RARE_KEY_DF)
    keys += sorted({SHORT_KEY + tok for form in short_forms for tok in form.tokens})
    return keys


def people_changes(people: _People, title_of: Mapping[str, set[str]],
                   eids: Iterable[str]) -> dict[str, tuple[list[str], list[str]] | None]:
    """Rows of the persisted person index for ``eids``: (longest forms in order, titles), None for one forgotten."""
    return {eid: ([" ".join(t) for t in people.history[eid]], sorted(title_of.get(eid, set())))
            if eid in people.history else None for eid in eids}


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """The build allocates many long-lived records and makes next to no reference cycles: the cyclic collector
    would scan the growing heap again and again for nothing (about a fifth of the CPU of a small build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(store: Store) -> dict[str, int]:
    """Derive and save the knowledge base; returns the count of each record type."""
    with _cycle_collector_paused():
        counts = _derive(store)  # what the derivation held is freed before the browse index is written
    from .browse import refresh_index

    refresh_index(store)  # the index pages' read model, from what was just built
    return counts


def _derive(store: Store) -> dict[str, int]:
    """Steps 1-5 of :func:`build`, written in one transaction (:meth:`Store.apply_kb_parts`).

    Documents are read once, in id order (the same documents give the same entities, stories and events in any
    ingest order): a document's text gives its term counts, pair features and lead sentence (kept only when it has
    no title: a story title's last resort), and story clustering reads only those, its publication date and its
    recorded duplicate (:func:`_clusters`). Steps 3-5 then run cluster by cluster, :data:`WRITE_DOCS` documents at
    a time, each group's documents read again without their text, their story records made (step 6 of
    ``kb.stories``) and the group's records written and released before the next (:func:`_parts`)."""
    with DocSpill() as spill:
        return _derive_spilling(store, spill)


def _derive_spilling(store: Store, spill: DocSpill) -> dict[str, int]:
    """:func:`_derive`, each document's resolved spans and names set aside in ``spill`` until its write group."""
    watermark = store.watermark()
    resolver = Resolver(mention_log=MentionLog(), role_log=spill)
    ids: list[str] = []
    dates: list[dt.date | None] = []
    duplicate_of: dict[str, str] = {}
    untitled: dict[str, str] = {}  # doc id -> lead sentence, for the documents without a title (step 6)
    counts: dict[str, TermCounts] = {}
    features: dict[str, PairFeatures] = {}
    shared = _Shared()
    for doc in store.iter_documents(by_id=True):
        ids.append(doc.id)
        dates.append(shared(published_day(doc)))
        if doc.duplicate_of:
            duplicate_of[doc.id] = doc.duplicate_of
        if not doc.title:
            untitled[doc.id] = lead_sentence(doc.text)
        counts[doc.id] = TermCounts(term_counts(doc), shared)
        features[doc.id] = _shared_features(pair_features(doc), shared)
        resolver.add(doc.replace(text=""))
        # the document's resolved spans and names wait on disk for its write group (short forms resolved at the
        # end add to them: :func:`_restore_resolution`)
        spill.put(doc.id, (resolver.res.by_span.pop(doc.id, {}), resolver.res.by_doc_name.pop(doc.id, {})))
    res = resolver.finish()
    df = document_frequencies(counts.values())
    n_docs = len(ids)
    clusters = _clusters(ids, dates, duplicate_of, counts, features, df, n_docs)
    del dates, duplicate_of
    written = dict.fromkeys(RECORD_TYPES, 0)
    store.apply_kb_parts(_parts(store, watermark, resolver, res, spill, clusters, untitled, counts, features, df,
                                n_docs, written))
    return written


def _clusters(ids: list[str], dates: list[dt.date | None], duplicate_of: Mapping[str, str],
              counts: Mapping[str, TermCounts], features: Mapping[str, PairFeatures], df: Mapping[str, int],
              n_docs: int) -> list[list[str]]:
    """Story clusters (steps 3-5 of ``kb.stories``) of the documents ``ids`` (id order), as lists of document ids,
    from their term counts, pair features, publication dates and recorded duplicates alone: the same clusters
    :func:`kb.stories.cluster_stories` gives for the documents themselves (their records are made per write group,
    :func:`_parts`)."""
    position = {doc_id: i for i, doc_id in enumerate(ids)}
    duplicates = [(position[doc_id], dup) for doc_id, other in duplicate_of.items()
                  if (dup := position.get(other)) is not None and dup != position[doc_id]]
    weights = _Weights([counts[doc_id] for doc_id in ids], df, n_docs)
    clusters = cluster_documents(weights, [features[doc_id] for doc_id in ids], dates, duplicates)
    return [[ids[i] for i in cluster] for cluster in clusters]


def _shared_features(features: PairFeatures, shared: _Shared) -> PairFeatures:
    """Pair features with their strings and name-word sets shared across documents (:class:`_Shared`)."""
    return PairFeatures(shared(features.lead_date), shared(features.place),
                        [shared(p) for p in features.persons], [shared(p) for p in features.key_persons],
                        shared(features.country), shared(features.mode))


class TermCounts(Mapping[str, float]):
    """A document's term counts (``kb.stories.term_counts``) held compactly for a full build: its terms (shared
    strings) and their counts side by side, in the order counted (a dict per document was the build's largest
    per-document holding). Iterating and :meth:`items` are cheap; a lookup by term is not (:meth:`as_dict`)."""

    __slots__ = ("terms", "counts")

    def __init__(self, counts: Mapping[str, float], shared: _Shared) -> None:
        self.terms = tuple(shared(term) for term in counts)
        values = list(counts.values())
        self.counts = array("f", values)  # half the size of doubles; weighted counts are small whole numbers
        if self.counts.tolist() != values:  # a count single precision does not hold exactly: kept as it is
            self.counts = array("d", values)

    def __getitem__(self, term: str) -> float:
        try:
            return self.counts[self.terms.index(term)]
        except ValueError:
            raise KeyError(term) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def items(self) -> ItemsView[str, float]:
        return _TermItems(self)

    def as_dict(self) -> dict[str, float]:
        return dict(zip(self.terms, self.counts, strict=True))


class _TermItems(ItemsView[str, float]):
    _mapping: TermCounts

    def __iter__(self) -> Iterator[tuple[str, float]]:
        return zip(self._mapping.terms, self._mapping.counts, strict=True)


class _Shared(dict[Any, Any]):
    """One object per distinct value (term, name form, count): what the whole store's documents repeat is held once
    (each document read from JSON brings its own copy of every string)."""

    def __call__(self, value: Any) -> Any:
        return self.setdefault(value, value)


def _story_groups(clusters: list[list[str]]) -> Iterator[list[list[str]]]:
    """Whole clusters, in order, about :data:`WRITE_DOCS` documents at a time (a larger cluster alone)."""
    group: list[list[str]] = []
    size = 0
    for cluster in clusters:
        group.append(cluster)
        size += len(cluster)
        if size >= WRITE_DOCS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _group_stories(docs: list[Document], clusters: list[list[str]], untitled: dict[str, str]) -> list[Story]:
    """The story records of ``clusters`` (step 6, ``kb.story_records.make_story``) from their documents as read
    without text (a document without a title gets its lead sentence back: a title's last resort), by date then id."""
    by_id = {doc.id: doc.replace(text=untitled.pop(doc.id)) if doc.id in untitled else doc for doc in docs}
    leads = {doc_id: lead_event(doc) for doc_id, doc in by_id.items()}
    stories = [make_story([by_id[doc_id] for doc_id in cluster], leads) for cluster in clusters]
    return sorted(stories, key=lambda s: (s.date or "9999", s.id))


def _restore_resolution(res: Resolution, spilled: Mapping[str, tuple[dict[tuple[int, int], str], dict[str, str]]]) -> None:
    """Put the spilled spans and names of documents back into ``res``: as they were when the document was added,
    then what resolving the short forms added (a span set again, a name only when new: as :meth:`Resolver.attach`
    sets them), so each document's dicts equal, in order too, those of a build that kept them."""
    for doc_id, (spans, names) in spilled.items():
        spans.update(res.by_span.get(doc_id, {}))
        for name, eid in res.by_doc_name.get(doc_id, {}).items():
            names.setdefault(name, eid)
        res.by_span[doc_id], res.by_doc_name[doc_id] = spans, names


def _parts(store: Store, watermark: str, resolver: Resolver, res: Resolution, spill: DocSpill,
           clusters: list[list[str]],
           untitled: dict[str, str], counts: dict[str, TermCounts], features: dict[str, PairFeatures], df: Mapping[str, int],
           n_docs: int, written: dict[str, int]) -> Iterator[KBChanges]:
    """The writes of a full build, made one after the other: the emptied tables, the state, the document
    frequencies and the person index; the entities in parts (:func:`_entity_parts`); then steps 3-5 per group of
    stories (events, quotes, claims, stories, document states and block keys). Per-document inputs are dropped as
    their group is written; ``written`` counts the records."""
    yield KBChanges(replace=True, state={"watermark": watermark, STATE_KEY: STATE_VERSION}, df=dict(df),
                    people=people_changes(resolver.people, resolver.title_of, resolver.people.history),
                    person_keys={" ".join(k): eid for k, eid in resolver.people.by_key.items()})
    for part in _entity_parts(list(res.entities.values()), resolver.mention_log):
        written["entities"] += len(part)
        yield KBChanges(upsert={"entities": [(f"{i:09d}", _entity_record(ent, resolver.mention_log, spill))
                                             for i, ent in part]})
    ingested = store.ingested_times()
    for clustered in _story_groups(clusters):
        docs = store.get_many([doc_id for cluster in clustered for doc_id in cluster], include_text=False)
        _restore_resolution(res, spill.pop_many([doc.id for doc in docs]))
        group = _group_stories(docs, clustered, untitled)
        story_of = {doc_id: story for story in group for doc_id in story.docs}
        out = assemble(docs, story_of, res)
        changes = KBChanges(upsert={
            "events": [(event_sort_key(e), e) for e in out.events],
            "quotes": out.quotes,
            "claims": out.claims,
            "stories": [(story_sort_key(r), r) for r in (story_record(s, out.story_events.get(s.id, []))
                                                          for s in group)],
        })
        for doc in docs:
            story = story_of[doc.id]
            if doc.story != story.id:
                changes.stories[doc.id] = story.id
            shorts = resolver.short_forms.pop(doc.id, [])
            doc_counts, doc_features = counts.pop(doc.id).as_dict(), features.pop(doc.id)
            changes.doc_states[doc.id] = doc_state(
                doc, ingested.get(doc.id, 0.0), story.id, doc_counts, raw_norm(doc_counts, df, n_docs),
                doc_features, res, [[n, e] for n, e in res.by_doc_name.pop(doc.id, {}).items()], shorts,
                out.doc_records[doc.id])
            changes.blocks[doc.id] = doc_keys(doc, doc_counts, df, n_docs, doc_features, shorts)
            res.by_span.pop(doc.id, None)  # no later group reads this document's resolution
        for type_, items in changes.upsert.items():
            written[type_] += len(items)
        yield changes


def _entity_parts(entities: list[Entity], log: MentionLog | None) -> Iterator[list[tuple[int, Entity]]]:
    """The entities in record order with their positions, in parts of at most :data:`WRITE_ENTITIES` entities and
    :data:`WRITE_MENTIONS` logged mentions (an entity with more mentions is a part alone)."""
    part: list[tuple[int, Entity]] = []
    mentions = 0
    for i, ent in enumerate(entities):
        size = log.count(ent.id) if log is not None else len(ent.mentions)
        if part and (len(part) >= WRITE_ENTITIES or mentions + size > WRITE_MENTIONS):
            yield part
            part, mentions = [], 0
        part.append((i, ent))
        mentions += size
    if part:
        yield part


def _entity_record(ent: Entity, log: MentionLog | None, roles: DocSpill | None = None) -> dict[str, Any]:
    """The record of an entity whose mentions a full build logged (:class:`MentionLog`) and whose roles it spilled
    (``roles``: the same keys in the same order as :meth:`Entity.as_dict` gives with them held); both are dropped."""
    record = ent.as_dict()
    if log is not None:
        record["mentions"] = log.pop(ent.id)
    if roles is not None and (spilled := roles.pop_list(ent.id)):
        record["roles"] = spilled
        record["role_spans"] = role_spans(spilled)
    return record


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
