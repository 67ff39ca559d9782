"""The search index: one interface (:class:`SearchIndex`), an SQLite and a PostgreSQL implementation.

``index_for(store)`` picks the implementation from the store. Both keep the same tables beside the documents
(``search_*``, created by the index itself, dropped and rebuilt when :data:`SCHEMA_VERSION` changes: the index is
derived data):

- ``search_items``: one row per item (passages, quotes, events: :func:`hits.document_items`), with its document,
  offsets, filter columns and ``passage``: the item id of the passage that holds it (a passage's own id);
- full text: SQLite FTS5 (``search_fts``), PostgreSQL a weighted ``tsvector`` column with a GIN index;
- ``search_vectors``: one vector (float16) per item of :data:`VECTOR_TYPES`, passages and events (``who: text``),
  from the embedder named in ``search_meta`` (``vector_model``: embedder name and types); a quote is scored with
  its passage's vector. Measured (``benchmarks/retrieval.py``, heldout dev split): passages alone lose 0.075
  recall@10 against a vector per item; passages + events lose nothing; quotes add nothing (24% of the items);
- ``search_pending``: vectors computed in the ingest workers (:mod:`.embed_stage`) until their document is indexed;
- ``search_docs`` / ``search_meta``: which documents are indexed (and from which stored version), the last
  document ``seq`` indexed, the vector model and a generation that changes whenever vectors are removed.

Vector queries read an in-memory matrix (:class:`VectorMatrix`), loaded once per process and store, extended
with the vectors added since, reloaded when the generation changes: no full scan of the table per query. From
:data:`SHORTLIST_MIN_VECTORS` vectors on, a query reads a quarter of it: every vector's first principal components,
then the :data:`SHORTLIST` best in full.

A hybrid query (``query``, the default mode):

1. full text, every word of the query but function words (its syntax: :func:`hits.parse_query`), best first
   among the newest :data:`RANKED_MATCHES` items that match, or the limit if more (a common word matches a share
   of the whole store: scoring every match would grow with it);
2. when that finds fewer than the candidates wanted and the query is plain words (no operator, phrase or prefix: a
   question), the items matching any of its words but stop words follow, best BM25 first (:meth:`_relaxed`);
3. semantic: the items by cosine with the query's vector (at least :data:`MIN_COSINE`), the shortlist of a
   large matrix rescored (:class:`VectorMatrix`), then every vector when it holds fewer items than wanted (filters);
4. reciprocal-rank fusion of 1-2 and 3: ``sum over rankings of 1 / (RRF_K + rank)``;
5. when the index's vectors are candidates only (the static embedding) and MiniLM is installed, the first
   ``rerank_k`` items are re-ranked with MiniLM at query time (:mod:`.rerank`).

Semantic mode is 3 (then 5); fts mode is 1 alone.

``refresh`` commits one document at a time (and vectors per chunk), so a killed refresh leaves a consistent
index and a rerun completes it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..model import Document
from ..store.base import Store
from .hits import (
    Filters,
    Hit,
    SearchQueryError,
    Term,
    doc_title,
    document_items,
    filter_clause,
    parse_query,
    snippet,
)
from .question_patterns import STOP_WORDS
from .rerank import RERANK_K, rerank

__all__ = ["SearchIndex", "SQLIndex", "VectorMatrix", "index_for", "model_key", "embed_text", "VECTOR_TYPES", "MODES", "RRF_K", "CANDIDATES_PER_RESULT",
           "MIN_COSINE", "SCHEMA_VERSION", "ITEMS_PER_DOC", "RANKED_MATCHES", "SHORTLIST_MIN_VECTORS", "SHORTLIST", "SHORTLIST_DIM_SHARE"]

MODES = ("hybrid", "fts", "semantic")
RRF_K = 60  # the usual reciprocal-rank-fusion constant (Cormack et al. 2009): damps the weight of top ranks
CANDIDATES_PER_RESULT = 3  # each ranking contributes limit * this many candidates to the fusion
MIN_COSINE = 0.15  # semantic matches below this are unrelated text for MiniLM (unrelated pairs score ~0.1)
SCHEMA_VERSION = "2"  # 2: vectors for passages and events, items point to their passage, pending vectors (1: all)
VECTOR_TYPES = ("document", "event")  # items with their own vector (see the module docstring for the measure)
EMBED_CHUNK = 256  # items embedded and committed together: a killed refresh keeps what it finished
VECTORS_PER_LOOKUP = 500  # vector ids per IN (...) list when turning ranked vectors into items
PARTIAL_SORT_SHARE = 4  # rank by a partition when the ids wanted are under a quarter of the candidates (else sort)
ITEMS_PER_DOC = 20  # items read per wanted document in `candidates` (one document has many matching items)
SHORTLIST_MIN_VECTORS = 50_000  # below this an exact product over every vector takes a few ms: no shortlist
SHORTLIST_DIM_SHARE = 4  # principal components scored over every vector: a quarter of its dimensions, of the reads
SHORTLIST = 1000  # vectors rescored in full per query: twice the ids one item lookup takes (VECTORS_PER_LOOKUP)
PCA_SAMPLE = 20_000  # rows whose SVD gives the components (a second or so, once per matrix)
PCA_SEED = 13  # the sample: the same components for the same vectors
RANKED_MATCHES = 300  # all-words matches scored, the newest (or the limit if more): 5x a search page's 60 candidates
_ITEM_COLUMNS = 'i.id, i.doc_id, i.type, i.start, i."end", i.body, i.title, i.date'
_TYPE_ORDER = {"document": 0, "quote": 1, "event": 2}  # items of one passage: the passage itself first


class SearchIndex(Protocol):
    """What search and ask need from an index, whatever the backend."""

    def refresh(self, *, vectors: bool = True) -> int:
        """Index the documents stored since the last refresh (and re-stored ones); embed new passages unless
        ``vectors`` is False. Returns the number of documents (re)indexed. Idempotent."""

    def query(self, text: str, filters: Filters = Filters(), limit: int = 20, mode: str = "hybrid") -> list[Hit]:
        """Hits for ``text`` best first; ``mode``: hybrid, fts or semantic (full text when no embedder)."""

    def candidates(self, text: str, filters: Filters = Filters(), limit: int = 12) -> list[str]:
        """Ids of the documents whose items match any word of ``text``, in the order of their best item."""


@dataclass
class VectorMatrix:
    """The vectors of one store in memory: item ids and an L2-normalised float32 matrix; from
    :data:`SHORTLIST_MIN_VECTORS` rows on, also their first principal components (1 / :data:`SHORTLIST_DIM_SHARE`
    of the dimensions).

    Components: the SVD of a seeded sample of :data:`PCA_SAMPLE` rows (uncentred: they keep dot products), made
    once when the matrix reaches the size; rows added later are projected as they come. A query then scores every
    row on the components, and only the :data:`SHORTLIST` best with every dimension
    (:meth:`scores`)."""

    generation: str = ""
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    basis: np.ndarray | None = None  # dimensions x components; None: exact scores only
    reduced: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))  # rows @ basis

    @property
    def last_id(self) -> int:
        return int(self.ids[-1]) if len(self.ids) else 0

    def extend(self, rows: Sequence[tuple[int, bytes]]) -> None:
        if not rows:
            return
        new = np.stack([np.frombuffer(bytes(blob), dtype=np.float16) for _, blob in rows]).astype(np.float32)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        self.vectors = new if not len(self.ids) else np.concatenate([self.vectors, new])
        self.ids = np.concatenate([self.ids, ids])
        if self.basis is not None:
            self.reduced = np.concatenate([self.reduced, new @ self.basis])
        elif len(self.ids) >= SHORTLIST_MIN_VECTORS:
            self.make_shortlist()

    def make_shortlist(self) -> None:
        """Compute the principal components and every row's projection (a benchmark may call it on any size)."""
        dims = self.vectors.shape[1] // SHORTLIST_DIM_SHARE
        if dims < 1:  # nothing to save
            return
        rng = np.random.default_rng(PCA_SEED)
        sample = self.vectors[np.sort(rng.choice(len(self.ids), size=min(len(self.ids), PCA_SAMPLE), replace=False))]
        components = np.linalg.svd(sample, full_matrices=False)[2]
        self.basis = np.ascontiguousarray(components[:dims].T)
        self.reduced = self.vectors @ self.basis

    def scores(self, query: np.ndarray, *, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(ids, cosine of each row with ``query``): every row when ``exact`` or without components; else the
        :data:`SHORTLIST` rows best on the components, the others at -2 (below any cosine)."""
        ids, vectors, basis, reduced = self.ids, self.vectors, self.basis, self.reduced
        if exact or basis is None or len(reduced) != len(ids):
            return ids, vectors @ query
        out = np.full(len(ids), -2.0, dtype=np.float32)
        shortlist = np.argpartition(-(reduced @ (query @ basis)), min(SHORTLIST, len(ids)) - 1)[:SHORTLIST]
        out[shortlist] = vectors[shortlist] @ query
        return ids, out


_matrices: dict[str, VectorMatrix] = {}
_matrices_lock = threading.Lock()


def model_key(name: str, types: Sequence[str] = VECTOR_TYPES) -> str:
    """What ``vector_model`` records: the embedder and the embedded item types (either changed: re-embed)."""
    return f"{name}/{','.join(types)}"


def embed_text(who: str, body: str) -> str:
    """The text embedded for an item: ``who: text`` when the item names who speaks or takes part."""
    return f"{who}: {body}" if who else body


def index_for(store: Store, embedder: Any = None, vector_types: tuple[str, ...] = VECTOR_TYPES,
              reranker: Any = None) -> SQLIndex:
    """The search index of ``store`` (SQLite: FTS5 + vectors; PostgreSQL: tsvector + vectors); ``embedder``: the
    default one (:func:`semantic.get_embedder`) unless given; ``vector_types``: the item types with their own
    vector (others are scored with their passage's); ``reranker``: the query-time re-ranker (:mod:`.rerank`), the
    default one unless given, False for none."""
    from ..store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        from .fts import SQLiteIndex

        return SQLiteIndex(store, embedder, vector_types, reranker)
    from ..store.postgres import PostgresStore

    if isinstance(store, PostgresStore):
        from .pg import PostgresIndex

        return PostgresIndex(store, embedder, vector_types, reranker)
    raise SearchQueryError(f"search needs an SQLite or PostgreSQL store, not {type(store).__name__}")


def _best_first(scores: np.ndarray, keep: np.ndarray, n: int) -> np.ndarray:
    """The first ``n`` or more of ``keep`` (ascending indices) by descending score, ties in index order: exactly
    the start of the stable sort of all of them, found by a partition (linear) when ``n`` is a small part."""
    if n * PARTIAL_SORT_SHARE >= len(keep):
        return keep[np.argsort(-scores[keep], kind="stable")]
    kept = scores[keep]
    bound = np.partition(kept, len(kept) - n)[len(kept) - n]  # the n-th best score
    head = keep[kept >= bound]  # every item scoring as well (ties included): none outside is ranked before them
    return head[np.argsort(-scores[head], kind="stable")]


class SQLIndex:
    """What both SQL implementations share; a dialect supplies the schema, the full-text ranking and a few
    statements (queries here use ``?`` placeholders, translated by the store)."""

    instr = "instr"  # substring position function of the dialect
    schema: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()

    def __init__(self, store: Any, embedder: Any = None, vector_types: tuple[str, ...] = VECTOR_TYPES,
                 reranker: Any = None) -> None:
        if "document" not in vector_types:
            raise SearchQueryError("vector_types must hold 'document': quotes and events fall back to passages")
        self.store = store
        self.vector_types = tuple(vector_types)
        self.embedder = embedder  # None: the default one (semantic.get_embedder), looked up when needed
        self.reranker = reranker  # None: the default one (rerank.get_reranker); False: no re-ranking
        self.rerank_k = RERANK_K  # head items the re-ranker orders (a benchmark may try others)
        self.ranked_matches = RANKED_MATCHES  # all-words matches scored, the newest (a test may lower it)
        self._ready = False

    def model_key(self, name: str) -> str:
        return model_key(name, self.vector_types)

    def _embedder(self) -> Any:
        from .semantic import get_embedder

        return self.embedder or get_embedder()

    def _reranker(self, embedder: Any) -> Any:
        """The query-time re-ranker (:mod:`.rerank`): the one given, else the default one for an embedder whose
        vectors are meant as candidates (``embedder.rerank``, the static one); None when disabled, not installed,
        or the same model as the index's vectors."""
        if self.reranker is False:
            return None
        if self.reranker is None and not getattr(embedder, "rerank", False):
            return None
        from .rerank import get_reranker

        reranker = self.reranker or get_reranker()
        return reranker if reranker is not None and reranker.name != embedder.name else None

    # -- dialect hooks ------------------------------------------------------------------------------------------
    @property
    def location(self) -> str:
        """Names the database, so that every index object of the same store in a process shares one matrix."""
        raise NotImplementedError

    def _fts(self, text: str, filters: Filters, limit: int, *, any_term: bool = False) -> list[tuple[Any, ...]]:
        """(item id, doc id, type, start, end, body, title, date, score) best first."""
        raise NotImplementedError

    def _insert_text(self, item_id: int, body: str, who: str, tags: str) -> None:
        """Add an item to the full-text index (nothing where the full text is a generated column)."""

    def _delete_text(self, doc_id: str) -> None:
        """Remove a document's items from the full-text index (before its items are deleted)."""

    def _end_read(self) -> None:
        """Close the read transaction a query opened (PostgreSQL), so that it holds no snapshot."""

    # -- plumbing -----------------------------------------------------------------------------------------------
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.store._execute(self.store._sql(sql), params).fetchall())

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.store._execute(self.store._sql(sql), params)

    def _meta(self, key: str) -> str | None:
        rows = self._all("SELECT value FROM search_meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        self._exec("INSERT INTO search_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   (key, value))

    def _write(self, fn: Any, *args: Any) -> Any:
        self.store._begin_write()
        try:
            result = fn(*args)
            self.store._commit()
            return result
        except BaseException:
            self.store._rollback()
            raise

    def ensure(self) -> None:
        """Create the tables (or rebuild them when written by another schema version)."""
        if self._ready:
            return
        self._write(self._create)
        self._ready = True

    def _create(self) -> None:
        self._exec("CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        if self._meta("schema") != SCHEMA_VERSION:
            for statement in self.drop:
                self._exec(statement)
            self._exec("DELETE FROM search_meta")
            for statement in self.schema:
                self._exec(statement)
            self._set_meta("schema", SCHEMA_VERSION)
            self._set_meta("generation", "0")

    def _bump_generation(self) -> None:
        self._set_meta("generation", str(int(self._meta("generation") or 0) + 1))

    # -- refresh ------------------------------------------------------------------------------------------------
    def refresh(self, *, vectors: bool = True) -> int:
        self.ensure()
        todo = self._todo(int(self._meta("last_seq") or 0))
        self._end_read()
        done = 0
        for seq, doc_id, ingested_at in todo:
            doc = self.store.get(doc_id)
            if doc is None:
                continue
            self._write(self._index_document, doc, seq, ingested_at)
            done += 1
        if vectors:
            self.refresh_vectors()
        return done

    def _todo(self, last: int) -> list[tuple[int, str, float]]:
        """(seq, id, ingested_at) of the documents stored after ``last`` or re-stored since indexed, by seq."""
        return self._all(
            "SELECT d.seq, d.id, d.ingested_at FROM documents d LEFT JOIN search_docs s ON s.doc_id = d.id "
            "WHERE d.seq > ? OR s.doc_id IS NULL OR d.ingested_at > s.ingested_at ORDER BY d.seq", (last,))

    def _index_document(self, doc: Document, seq: int, ingested_at: float) -> None:
        had_vectors = self._all("SELECT 1 FROM search_vectors WHERE item_id IN "
                                "(SELECT id FROM search_items WHERE doc_id = ?) LIMIT 1", (doc.id,))
        self._delete_text(doc.id)
        self._exec("DELETE FROM search_vectors WHERE item_id IN (SELECT id FROM search_items WHERE doc_id = ?)",
                   (doc.id,))
        self._exec("DELETE FROM search_items WHERE doc_id = ?", (doc.id,))
        if had_vectors:
            self._bump_generation()  # the in-memory matrices hold vectors of removed passages: reload them
        if doc.duplicate_of is None:  # a duplicate's text is already indexed under the canonical document
            title = doc_title(doc.title, doc.source)
            passage_ids: list[int] = []
            for item in document_items(doc):
                row = self._exec(
                    'INSERT INTO search_items (doc_id, type, start, "end", passage, body, who, tags, actors, topics, '
                    "date, kind, source, title) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                    (doc.id, item.type, item.start, item.end,
                     passage_ids[item.passage] if item.type != "document" else None, item.body, item.who,
                     item.tags, "|".join(a.lower() for a in item.actors), "|".join(t.lower() for t in item.topics),
                     item.date, doc.kind, doc.source, title),
                ).fetchone()
                item_id = int(row[0])
                if item.type == "document":
                    passage_ids.append(item_id)
                    self._exec("UPDATE search_items SET passage = ? WHERE id = ?", (item_id, item_id))
                self._insert_text(item_id, item.body, item.who, item.tags)
            self._take_pending(doc.id)
        self._exec("DELETE FROM search_pending WHERE doc_id = ?", (doc.id,))
        self._exec("INSERT INTO search_docs VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET "
                   "seq = excluded.seq, ingested_at = excluded.ingested_at", (doc.id, seq, ingested_at))
        self._set_meta("last_seq", str(max(seq, int(self._meta("last_seq") or 0))))

    def stash_vectors(self, doc_id: str, model: str, spans: list[tuple[str, int, int]], vectors: np.ndarray) -> None:
        """Keep item vectors computed at ingest (:mod:`.embed_stage`: ``model`` is its model key, ``spans`` the
        items' (type, start, end)) until ``doc_id`` is indexed."""
        self.ensure()
        rows = [(doc_id, t, s, e, model, v.astype(np.float16).tobytes())
                for (t, s, e), v in zip(spans, vectors, strict=True)]

        def write() -> None:
            self._exec("DELETE FROM search_pending WHERE doc_id = ?", (doc_id,))
            self.store._executemany(self.store._sql("INSERT INTO search_pending VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"), rows)

        self._write(write)

    def _take_pending(self, doc_id: str) -> None:
        """The vectors stashed for the document's items become theirs (same model key, type and offsets only)."""
        model = self._meta("vector_model")
        pending = self._all("SELECT model FROM search_pending WHERE doc_id = ? LIMIT 1", (doc_id,))
        if not pending:
            return
        if model is None:  # a new index adopts the model the vectors came from
            model = str(pending[0][0])
            self._set_meta("vector_model", model)
        self._exec('INSERT INTO search_vectors SELECT i.id, p.vec FROM search_items i JOIN search_pending p '
                   'ON p.doc_id = i.doc_id AND p.type = i.type AND p.start = i.start AND p."end" = i."end" '
                   "WHERE i.doc_id = ? AND p.model = ? ON CONFLICT (item_id) DO NOTHING", (doc_id, model))

    def refresh_vectors(self, embedder: Any = None) -> int:
        """Embed the items of :attr:`vector_types` without a vector yet (all of them when the embedder or the
        types changed); returns how many.
        ``embedder``: the default one (:func:`semantic.get_embedder`) unless given; none installed: nothing."""
        embedder = embedder or self._embedder()
        if embedder is None:
            return 0
        self.ensure()
        key = self.model_key(embedder.name)
        if self._meta("vector_model") != key:
            self._write(self._switch_model, key)
        marks = ",".join("?" * len(self.vector_types))
        done = 0
        while True:
            rows = self._all(
                "SELECT i.id, i.who, i.body FROM search_items i LEFT JOIN search_vectors v ON v.item_id = i.id "
                f"WHERE i.type IN ({marks}) AND v.item_id IS NULL ORDER BY i.id LIMIT ?",
                (*self.vector_types, EMBED_CHUNK))
            self._end_read()
            if not rows:
                return done
            vectors = embedder.embed([embed_text(who, body) for _, who, body in rows]).astype(np.float16)
            self._write(self._store_vectors, [(int(r[0]), v.tobytes()) for r, v in zip(rows, vectors, strict=True)])
            done += len(rows)

    def _switch_model(self, name: str) -> None:
        self._exec("DELETE FROM search_vectors")
        self._set_meta("vector_model", name)
        self._bump_generation()

    def _store_vectors(self, rows: list[tuple[int, bytes]]) -> None:
        top = self._all("SELECT MAX(item_id) FROM search_vectors")[0][0]
        if top is not None and rows[0][0] < int(top):  # below vectors a matrix may have loaded: reload it
            self._bump_generation()
        self.store._executemany(
            self.store._sql("INSERT INTO search_vectors VALUES (?, ?) ON CONFLICT (item_id) DO NOTHING"), rows)

    # -- queries ------------------------------------------------------------------------------------------------
    def matrix(self, model: str) -> VectorMatrix | None:
        """The store's vectors in memory (None when they come from another model, or other types, than the
        embedder named ``model`` with this index's types)."""
        self.ensure()
        model = self.model_key(model)
        if self._meta("vector_model") != model:
            self._end_read()
            return None
        generation = f"{model}/{self._meta('generation')}"
        with _matrices_lock:
            found = _matrices.get(self.location)
            if found is None or found.generation != generation:
                found = _matrices[self.location] = VectorMatrix(generation)
            found.extend(self._all("SELECT item_id, vec FROM search_vectors WHERE item_id > ? ORDER BY item_id",
                                   (found.last_id,)))
        self._end_read()
        return found

    def _semantic(self, text: str, filters: Filters, limit: int, embedder: Any) -> list[tuple[Any, ...]]:
        found = self.matrix(embedder.name)
        if found is None or not len(found.ids):
            return []
        query = embedder.embed([text])[0]
        rows: list[tuple[Any, ...]] = []
        for exact in (False, True):  # the shortlist; every vector when it holds too few (filtered) items
            ids, scores = found.scores(query, exact=exact)
            rows = self._by_vector(ids, scores, filters, limit)
            if len(rows) >= limit or found.basis is None:
                break
        self._end_read()
        return rows[:limit]

    def _by_vector(self, ids: np.ndarray, scores: np.ndarray, filters: Filters, limit: int) -> list[tuple[Any, ...]]:
        """The first ``limit`` items (or more) passing ``filters`` by descending cosine (``scores`` of ``ids``)."""
        keep = np.flatnonzero(scores >= MIN_COSINE)
        order = _best_first(scores, keep, VECTORS_PER_LOOKUP)  # a prefix; the whole order when more is needed
        where, params = filter_clause(filters, instr=self.instr)
        rows: list[tuple[Any, ...]] = []
        for k in range(0, len(keep), VECTORS_PER_LOOKUP):
            if k + VECTORS_PER_LOOKUP > len(order) and len(order) < len(keep):
                order = _best_first(scores, keep, len(keep))
            chunk = order[k:k + VECTORS_PER_LOOKUP]
            score_of = {int(ids[j]): float(scores[j]) for j in chunk}
            marks = ",".join("?" * len(score_of))
            got = self._all(f"SELECT {_ITEM_COLUMNS}, i.passage FROM search_items i WHERE (i.id IN ({marks}) OR "
                            f"i.passage IN ({marks})){' AND ' + where if where else ''}",
                            (*score_of, *score_of, *params))
            # an item of VECTOR_TYPES has its own score; a quote has its passage's
            scored = [(r, score_of.get(r[0] if r[2] in self.vector_types else r[8])) for r in got]
            kept = [(r, sc) for r, sc in scored if sc is not None]
            kept.sort(key=lambda x: (-x[1], _TYPE_ORDER.get(x[0][2], 3), x[0][0]))
            rows += [(*r[:8], sc) for r, sc in kept]
            if len(rows) >= limit:
                break
        return rows

    def query(self, text: str, filters: Filters = Filters(), limit: int = 20, mode: str = "hybrid") -> list[Hit]:
        if mode not in MODES:
            raise SearchQueryError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
        if limit < 1:
            raise SearchQueryError(f"search limit must be at least 1 (got {limit})")
        self.ensure()
        n = limit * CANDIDATES_PER_RESULT
        embedder = self._embedder() if mode != "fts" else None
        if embedder is not None and self.matrix(embedder.name) is None:  # not embedded yet, or by another model
            embedder = None
        fts_rows = self._fts(text, filters, n) if mode != "semantic" or embedder is None else []
        if mode == "hybrid" and embedder is not None and len(fts_rows) < n:
            fts_rows += self._relaxed(text, filters, n - len(fts_rows), {row[0] for row in fts_rows})
        sem_rows = self._semantic(text, filters, n, embedder) if embedder is not None else []
        if mode == "semantic" and embedder is not None:
            ranked = [(row, row[8]) for row in sem_rows]
        elif not sem_rows:
            ranked = [(row, row[8]) for row in fts_rows]
        else:
            fused: dict[int, list[Any]] = {}
            for rows in (fts_rows, sem_rows):
                for rank, row in enumerate(rows, start=1):
                    entry = fused.setdefault(row[0], [row, 0.0])
                    entry[1] += 1.0 / (RRF_K + rank)
            ranked = sorted(((row, score) for row, score in fused.values()), key=lambda x: -x[1])
        reranker = self._reranker(embedder) if sem_rows else None
        if reranker is not None:
            head = [row[0] for row, _ in ranked[:self.rerank_k]]
            ranked = rerank(reranker, text, ranked, self._vector_texts(head),
                            {row[0]: rank for rank, row in enumerate(fts_rows, start=1)},
                            semantic=mode == "semantic", rrf_k=RRF_K, min_cosine=MIN_COSINE, k=self.rerank_k)
        return [Hit(type=row[2], doc=row[1], start=row[3], end=row[4], snippet=snippet(row[5]),
                    score=round(float(score), 6), title=row[6], published=row[7]) for row, score in ranked[:limit]]

    def _relaxed(self, text: str, filters: Filters, limit: int, seen: set[int]) -> list[tuple[Any, ...]]:
        """Hybrid's full-text ranking when every word together matches too little (a question in plain words):
        the items matching any of its words but :data:`question_patterns.STOP_WORDS`, best BM25 first, after the
        all-words ones. Not for a query with an operator, a phrase or a prefix: its words mean what it says."""
        parts = parse_query(text)
        if '"' in text or any(isinstance(p, str) or p.prefix for p in parts):
            return []
        words = [w for p in parts if isinstance(p, Term) for w in p.words if w.lower() not in STOP_WORDS]
        if len(words) < 2:  # one word: the all-words query was the any-word query
            return []
        rows = self._fts(" ".join(words), filters, limit + len(seen), any_term=True)
        return [row for row in rows if row[0] not in seen][:limit]

    def _vector_texts(self, item_ids: Sequence[int]) -> dict[int, str]:
        """Item id -> the text its vector is made of (its own for :attr:`vector_types`, else its passage's)."""
        if not item_ids:
            return {}
        marks = ",".join("?" * len(item_ids))
        rows = self._all("SELECT i.id, i.type, i.who, i.body, p.who, p.body FROM search_items i "
                         f"LEFT JOIN search_items p ON p.id = i.passage WHERE i.id IN ({marks})", tuple(item_ids))
        self._end_read()
        return {int(r[0]): embed_text(r[2], r[3]) if r[1] in self.vector_types or r[5] is None else embed_text(r[4], r[5])
                for r in rows}

    def candidates(self, text: str, filters: Filters = Filters(), limit: int = 12) -> list[str]:
        self.ensure()
        rows = self._fts(text, filters, limit * ITEMS_PER_DOC, any_term=True)
        return list(dict.fromkeys(r[1] for r in rows))[:limit]
