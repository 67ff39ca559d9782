"""Incremental knowledge-base update: new, re-processed and removed documents folded into the built knowledge base.

``update(store, added_ids, removed_ids)`` costs work proportional to the documents given and to the stories and
entities they touch, not to the size of the store: it reads the state a build or an earlier update persisted
(:mod:`communique.kb.build` step 5: per-document term counts and resolved mentions, the story blocking index, the
document frequencies, the person index) and rewrites only the records that change. Documents stored or
re-processed since the state was derived, and derived documents no longer stored, are included whatever the
caller names (a run killed before its update is completed by the next one).

Cascade:
0. retract: a removed or re-processed document leaves its entities (mentions, aliases, roles, titles), the
   document frequencies, the block index, its quotes and claims, and its story (whose other documents are
   clustered again in step 2); an entity left with no mention goes (a person also from the person index, unless
   the gazetteer seeds it);
1. resolve the new documents' mentions against the persisted person index, with the same matching as
   :func:`communique.kb.resolve.resolve` (full names, then short forms); short forms of stored documents that
   share a token with a name the update indexed or forgot are resolved again, and a document whose mentions
   moved to another entity is re-assembled in step 3;
2. the affected documents: the new ones, the stored documents they share a block key with (term, ``term@window``
   or key-person keys, within the publication window), the documents of step 1 and 0, and every document of the
   stories those belong to; they are clustered again with the corpus-wide document frequencies, and their new
   stories replace every story that held one of them;
3. events, quotes and claims re-assembled for the affected stories (:func:`communique.kb.build.assemble`, shared
   with the full build);
4. one transaction: records upserted and deleted, the persisted state of the affected documents, the block
   index, document frequencies and person index changes, the documents' story ids, the watermark.

Differences from a full rebuild (``communique rebuild``) are bounded to what lies outside the affected set: the
stories of untouched documents keep the inverse document frequencies of their last clustering, and resolution
takes the new documents after the stored ones (a full build takes all in id order). ``tests/kb/test_update_equality``
and ``benchmarks/update_latency.py`` measure the difference.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from ..model import Document
from ..store.base import DocState, KBChanges, Store
from .browse import Touched, update_index
from .browse import refresh_index as refresh_browse
from .build import (
    SHORT_KEY,
    STATE_KEY,
    STATE_VERSION,
    assemble,
    build,
    doc_keys,
    doc_state,
    event_sort_key,
    names_by_doc,
    people_changes,
    story_record,
    story_sort_key,
)
from .resolve import Entity, Resolver, ShortForm, _People, fold
from .stories import (
    ATTACH_THRESHOLD,
    MAX_BLOCK_SIZE,
    PUBLICATION_WINDOW_DAYS,
    PairFeatures,
    cluster_stories,
    pair_features,
    pair_score,
    published_day,
    raw_norm,
    term_counts,
    tfidf,
)

# A stored document whose approximate pair score with every new document stays below this cannot join their
# stories (an average-link merge needs an average of at least ATTACH_THRESHOLD), nor change its own story; the
# margin covers the approximation: the stored document's vector length is that of its last derivation, when the
# document frequencies were a little different
JOIN_MARGIN = 0.05
# Documents whose short name forms are resolved again when a name they may stand for is indexed: every one that a
# full build would resolve differently; the cap only guards against a pathological index
MAX_SHORT_FORM_DOCS = 100_000

__all__ = ["update", "needs_build"]


class _StoredEntities(dict[str, Entity]):
    """Entities loaded from the store on first use; remembers each one's record as loaded (to write only changes)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.loaded: dict[str, Any] = {}  # entity id -> its fingerprint as loaded
        self.absent: set[str] = set()

    def _load(self, eids: Collection[str]) -> None:
        todo = [e for e in eids if not dict.__contains__(self, e) and e not in self.absent]
        if not todo:
            return
        found = self.store.get_records("entities", todo)
        for eid in todo:
            if eid in found:
                entity = Entity.from_dict(found[eid])
                self.loaded[eid] = _fingerprint(entity)
                dict.__setitem__(self, eid, entity)
            else:
                self.absent.add(eid)

    def __contains__(self, eid: object) -> bool:
        if isinstance(eid, str):
            self._load([eid])
        return dict.__contains__(self, eid)

    def __getitem__(self, eid: str) -> Entity:
        self._load([eid])
        return dict.__getitem__(self, eid)

    def get(self, eid: str, default: Any = None) -> Any:  # type: ignore[override]
        self._load([eid])
        return dict.get(self, eid, default)

    def __setitem__(self, eid: str, entity: Entity) -> None:
        self.absent.discard(eid)
        dict.__setitem__(self, eid, entity)

    def changed(self, lost: Collection[str]) -> Iterator[tuple[Entity, Any]]:
        """(entity, its record) of every entity added or changed since loading; ``lost``: those that lost mentions
        or roles (the others only gained some)."""
        for eid, ent in dict.items(self):
            if eid not in self.loaded or eid in lost or _fingerprint(ent) != self.loaded[eid]:
                yield ent, ent.as_dict()


def _fingerprint(ent: Entity) -> tuple[Any, ...]:
    """What an update may change of an entity (without reading its possibly long lists: an update only appends to
    them, but for the entities it retracts mentions from, which it names: see :meth:`_StoredEntities.changed`)."""
    return ent.name, ent.country, frozenset(ent.aliases), len(ent.mentions), len(ent.roles)


def _may_join(state: DocState, new_docs: list[Document], vectors: dict[str, dict[str, float]],
              features: dict[str, PairFeatures], df: dict[str, int], n_docs: int) -> bool:
    """A stored document some new document may share a story with (step 2; see :data:`JOIN_MARGIN`)."""
    terms, norm = state.data["terms"], state.data["norm"]
    theirs = PairFeatures.from_dict(state.data["features"])
    for doc in new_docs:
        vec = vectors[doc.id]
        cosine = sum(w * (1.0 + math.log(terms[t])) * (math.log((n_docs + 1) / (df.get(t, 0) + 1)) + 1.0)
                     for t, w in vec.items() if t in terms and terms[t] > 0) / norm
        score = pair_score(features[doc.id], theirs, cosine)
        if score is not None and score >= ATTACH_THRESHOLD - JOIN_MARGIN:
            return True
    return False


def needs_build(store: Store) -> bool:
    """True when no incremental state is stored (never built, or built by an older version): build first."""
    return store.kb_state().get(STATE_KEY) != STATE_VERSION


def _retract(doc_id: str, state: DocState, ents: _StoredEntities, lost: set[str]) -> None:
    """Step 0 for one document's entities: its mentions and roles leave them."""
    for eid in {span[2] for span in state.data["spans"]}:
        ent = ents.get(eid)
        if ent is None:
            continue
        ent.mentions = [m for m in ent.mentions if m[0] != doc_id]
        ent.roles = [r for r in ent.roles if r.get("doc") != doc_id]
        lost.add(eid)


def _aliases_and_titles(store: Store, ents: _StoredEntities, eids: Collection[str], resolver: Resolver,
                        pending: dict[str, DocState]) -> None:
    """Aliases (the texts of the remaining mentions) and titles of entities that lost mentions, read from the
    persisted state of the documents that still mention them."""
    docs = {m[0] for eid in eids if (ent := ents.get(eid)) is not None for m in ent.mentions}
    states = {**store.doc_states(docs - set(pending)), **{d: s for d, s in pending.items() if d in docs}}
    texts: dict[tuple[str, int, int], str] = {
        (d, span[0], span[1]): span[3] for d, st in states.items() for span in st.data["spans"]}
    for eid in eids:
        ent = ents.get(eid)
        if ent is None:
            continue
        ent.aliases = {texts[m] for m in ent.mentions if m in texts}
        resolver.title_of[eid] = {fold(str(r["title"])) for r in (*ent.known_roles, *ent.roles)}


def update(store: Store, added_ids: Collection[str] = (), removed_ids: Collection[str] = ()) -> dict[str, int]:
    """Fold documents stored (or re-processed) and removed since the last build or update into the knowledge base
    (steps in the module docstring); a full :func:`build` when no incremental state is stored. Returns the count of
    each record type after the update, and ``updated_docs``: the documents whose records were derived again."""
    kb_state = store.kb_state()
    if kb_state.get(STATE_KEY) != STATE_VERSION:  # needs_build
        built = build(store)
        return {**built, "updated_docs": int(store.stats()["documents"])}
    watermark = store.watermark()
    changed, gone = store.kb_lagging()
    new_docs = store.get_many(set(added_ids) | set(changed))
    new_ids = {d.id for d in new_docs}
    removed = (set(removed_ids) | set(gone)) - new_ids
    old_states = store.doc_states(new_ids | removed)
    changes = KBChanges(state={"watermark": watermark})
    if not new_docs and not old_states:
        store.apply_kb_changes(changes)
        refresh_browse(store)
        return {**{t: store.count_records(t) for t in ("entities", "events", "quotes", "claims", "stories")},
                "updated_docs": 0}

    # 0. retract
    people_rows, keys = store.person_index()
    people = _People.load([(eid, [t.split() for t in history]) for eid, history, _ in people_rows], keys)
    ents = _StoredEntities(store)
    resolver = Resolver(people=people, entities=ents, title_of={eid: set(t) for eid, _, t in people_rows})
    lost: set[str] = set()
    stale_stories: set[str] = set()
    df_delta: dict[str, int] = defaultdict(int)
    dropped_records: dict[str, set[str]] = defaultdict(set)
    for doc_id, state in old_states.items():
        _retract(doc_id, state, ents, lost)
        for term in state.data["terms"]:
            df_delta[term] -= 1
        for type_ in ("quotes", "claims"):
            dropped_records[type_].update(state.data[type_])
        if state.story:
            stale_stories.add(state.story)
        changes.doc_states[doc_id] = None
        changes.blocks[doc_id] = None

    # 1. resolve
    for doc in new_docs:
        resolver.add(doc)
    resolver.finish()
    forgotten = {eid for eid in lost if (ent := ents.get(eid)) is not None and not ent.mentions} - set(resolver.known)
    touched_tokens = people.new_tokens | {t for eid in forgotten for t in people.tokens.get(eid, ())}
    for eid in forgotten:
        people.forget(eid)
    short_docs = {d for key, members in store.block_members(
        [SHORT_KEY + t for t in touched_tokens], MAX_SHORT_FORM_DOCS).items() for d in members}
    short_docs -= new_ids | removed
    short_states = store.doc_states(short_docs)
    moved_docs: set[str] = set()
    for doc_id, state in short_states.items():
        forms = [ShortForm.from_dict(f) for f in state.data["short"]]
        names = {name: eid for name, eid in state.data["names"]}
        moved_eid: dict[tuple[int, int], str] = {}
        for form in forms:
            if not set(form.tokens) & touched_tokens:
                continue
            eid = resolver.resolve_short(form)
            if eid == form.entity:
                continue
            spans = {(m.start, m.end) for m in form.mentions}
            if form.entity and (old := ents.get(form.entity)) is not None:
                old.mentions = [m for m in old.mentions if not (m[0] == doc_id and (m[1], m[2]) in spans)]
                lost.add(form.entity)
            resolver.attach(eid, doc_id, form.mentions, form.forms)
            for name in {n for f in form.forms for n in (" ".join(f), f[-1])}:
                if names.get(name) == form.entity:
                    names[name] = eid
            moved_eid.update(dict.fromkeys(spans, eid))
            form.entity = eid
        if moved_eid:
            moved_docs.add(doc_id)
            state.data["short"] = [f.as_dict() for f in forms]
            state.data["spans"] = [[s, e, moved_eid.get((s, e), eid), text] for s, e, eid, text in state.data["spans"]]
            state.data["names"] = [[n, e] for n, e in names.items()]
    forgotten = {eid for eid in lost if (ent := ents.get(eid)) is not None and not ent.mentions}
    for eid in forgotten - set(resolver.known):
        people.forget(eid)

    # 2. affected documents, clustered again
    counts = {d.id: term_counts(d) for d in new_docs}
    for doc_counts in counts.values():
        for term in doc_counts:
            df_delta[term] += 1
    df, n_docs = store.doc_frequencies(df_delta)  # every term of the new and the retracted documents
    n_docs += len(new_docs) - len(old_states)
    for term, delta in df_delta.items():
        df[term] = df.get(term, 0) + delta
    features = {d.id: pair_features(d) for d in new_docs}
    new_keys = {d.id: doc_keys(d, counts[d.id], df, n_docs, features[d.id], resolver.short_forms.get(d.id, []))
                for d in new_docs}
    members = store.block_members({k for ks in new_keys.values() for k in ks if not k.startswith(SHORT_KEY)},
                                  MAX_BLOCK_SIZE)
    neighbours = {m for ms in members.values() for m in ms} - new_ids - removed
    duplicates = {d.duplicate_of for d in new_docs if d.duplicate_of} - removed  # recorded duplicates pair too
    placed = store.doc_places(neighbours | duplicates)
    days = [published_day(d) for d in new_docs]
    near = set()  # a pair dated more than the publication window apart is never compared (kb.stories step 3)
    for doc_id, (published, _) in placed.items():
        day = published_day(Document(id=doc_id, source="", published=published))
        if day is None or any(d is None or abs((d - day).days) <= PUBLICATION_WINDOW_DAYS for d in days):
            near.add(doc_id)
    neighbour_states = store.doc_states(near | duplicates)
    vectors = {d.id: tfidf(counts[d.id], df, n_docs) for d in new_docs}
    near = {doc_id for doc_id, state in neighbour_states.items()
            if doc_id in duplicates or _may_join(state, new_docs, vectors, features, df, n_docs)}
    neighbour_states = {d: neighbour_states[d] for d in near}
    states = {**neighbour_states, **short_states}
    stale_stories |= {states[d].story for d in near | moved_docs if states[d].story}
    old_stories = store.get_records("stories", stale_stories)
    story_docs = {d for record in old_stories.values() for d in record["docs"]} - new_ids - removed
    old_ids = (near | moved_docs | story_docs) - new_ids
    states.update(store.doc_states(old_ids - set(states)))
    old_docs = store.get_many(old_ids)
    for doc in old_docs:
        counts[doc.id] = states[doc.id].data["terms"]
    extra_terms = {t for doc in old_docs for t in counts[doc.id]} - set(df)
    if extra_terms:
        more, _ = store.doc_frequencies(extra_terms)
        df.update({t: more.get(t, 0) for t in extra_terms})  # terms of no new or retracted document: unchanged
    affected = sorted([*new_docs, *old_docs], key=lambda d: d.id)
    for doc in old_docs:
        features[doc.id] = PairFeatures.from_dict(states[doc.id].data["features"])
    stories = cluster_stories(affected, df=df, n_docs=n_docs, terms=counts, features=features)
    story_of = {doc_id: story for story in stories for doc_id in story.docs}

    # 3. events, quotes, claims of the affected stories
    for doc in old_docs:  # the entity of each mention and name form of the stored documents
        for s, e, eid, _ in states[doc.id].data["spans"]:
            resolver.res.by_span.setdefault(doc.id, {})[(s, e)] = eid
        for name, eid in states[doc.id].data["names"]:
            resolver.res.by_doc_name.setdefault(doc.id, {})[name] = eid
    out = assemble(affected, story_of, resolver.res)

    # 4. write
    names = names_by_doc(resolver.res)
    for doc in affected:
        story = story_of[doc.id]
        if doc.story != story.id:
            changes.stories[doc.id] = story.id
        if doc.id in new_ids:
            changes.doc_states[doc.id] = doc_state(
                doc, time.time(), story.id, counts[doc.id], raw_norm(counts[doc.id], df, n_docs), features[doc.id],
                resolver.res, names.get(doc.id, []), resolver.short_forms.get(doc.id, []), out.doc_records[doc.id])
            changes.blocks[doc.id] = new_keys[doc.id]
        else:  # its block keys stay those of its last derivation (like every document the update does not touch)
            state = states[doc.id]
            state.story = story.id
            state.data.update(out.doc_records[doc.id])
            changes.doc_states[doc.id] = state
    for doc_id in moved_docs - {d.id for d in affected}:
        changes.doc_states[doc_id] = short_states[doc_id]
    ingested = store.ingested_times(new_ids)
    for doc_id in new_ids:
        state = changes.doc_states[doc_id]
        if state is not None:
            state.ingested_at = ingested.get(doc_id, state.ingested_at)
    changes.df = {t: d for t, d in df_delta.items() if d}
    for record_type in ("quotes", "claims"):
        kept = {r["id"] for _, r in getattr(out, record_type)}
        changes.delete[record_type] = sorted(dropped_records[record_type] - kept)
    old_events = {e for record in old_stories.values() for e in record["events"]}
    changes.delete["events"] = sorted(old_events - {e["id"] for e in out.events})
    new_story_ids = {s.id for s in stories}
    changes.delete["stories"] = sorted(set(old_stories) - new_story_ids)
    _aliases_and_titles(store, ents, lost, resolver, {d: s for d, s in changes.doc_states.items() if s is not None})
    gone_entities = sorted(eid for eid in lost if (ent := ents.get(eid)) is not None and not ent.mentions)
    changes.delete["entities"] = gone_entities
    changes.upsert = {
        "entities": [(_entity_sort_key(store, ents, ent.id), record) for ent, record in ents.changed(lost)
                     if ent.mentions],
        "events": [(event_sort_key(e), e) for e in out.events],
        "quotes": out.quotes,
        "claims": out.claims,
        "stories": [(story_sort_key(r), r) for r in (story_record(s, out.story_events.get(s.id, [])) for s in stories)],
    }
    person_eids = people.changed | {eid for eid in dict.keys(ents) if eid in people.history}
    changes.people = people_changes(people, resolver.title_of, person_eids)
    changes.person_keys = {" ".join(k): eid or None for k, eid in people.new_keys.items()}
    store.apply_kb_changes(changes)
    update_index(store, _touched(kb_state.get("watermark"), changes, ents, removed | (set(old_states) & new_ids),
                                 moved_docs, lost))
    return {**{t: store.count_records(t) for t in ("entities", "events", "quotes", "claims", "stories")},
            "updated_docs": len(affected) + len(moved_docs)}


def _touched(before: str | None, changes: KBChanges, ents: _StoredEntities, rederived: set[str],
             moved_docs: Collection[str], lost: Collection[str]) -> Touched:
    """What the update wrote, for the browse index's piecewise rewrite (:func:`kb.browse.update_index`);
    ``rederived``: the documents removed or re-processed; ``lost``: entities that lost mentions (the other stored
    ones only gained mentions and roles, appended to their lists)."""
    docs: dict[str, list[str] | None] = {d: None for d in rederived}
    for doc_id, state in changes.doc_states.items():
        docs[doc_id] = None if state is None else [span[2] for span in state.data["spans"]]
    for doc_id in moved_docs:
        docs.setdefault(doc_id, None)
    entities = changes.upsert["entities"]
    renamed = {rec["id"] for _, rec in entities if rec["id"] in ents.loaded and ents.loaded[rec["id"]][0] != rec["name"]}
    grown: dict[str, set[str]] = {}  # stored entities that only gained mentions: the documents of those
    roles_changed: set[str] = set()
    for _, rec in entities:
        if (loaded := ents.loaded.get(rec["id"])) is not None:
            if rec["id"] in lost or len(rec["roles"]) != loaded[4]:
                roles_changed.add(rec["id"])
            if rec["id"] not in lost:
                grown[rec["id"]] = {m["doc"] for m in rec["mentions"][loaded[3]:]}
    return Touched(
        before=before, docs=docs, entities=entities, deleted_entities=set(changes.delete["entities"]), renamed=renamed, grown=grown,
        roles_changed=roles_changed,
        events=[r for _, r in changes.upsert["events"]], deleted_events=set(changes.delete["events"]),
        stories=[r for _, r in changes.upsert["stories"]], deleted_stories=set(changes.delete["stories"]),
        quotes=[r for _, r in changes.upsert["quotes"]], deleted_quotes=set(changes.delete["quotes"]))


_NEW_ENTITY_PREFIX = "u"  # sorts after the zero-padded build order: entities an update adds list after the built ones


def _entity_sort_key(store: Store, ents: _StoredEntities, eid: str) -> str:
    """A stored entity keeps its place (empty key); a new one goes after the others, in the order updates add them."""
    return "" if eid in ents.loaded else f"{_NEW_ENTITY_PREFIX}{time.time_ns():020d}|{eid}"

