"""The PostgreSQL search index: a weighted ``tsvector`` per item (GIN index), vectors per passage (``bytea``).

The same items, vectors and refresh as SQLite (:mod:`communique.search.index`). Full text: ``to_tsquery`` built
from the shared query syntax (:func:`hits.to_tsquery`, english stemming as FTS5's porter), ranked with
``ts_rank_cd`` weighing body, who and tags as SQLite's BM25 weights do. No vector extension is needed: vector
queries read the in-memory matrix.
"""

from __future__ import annotations

from typing import Any

from .fts import BM25_WEIGHTS
from .hits import Filters, filter_clause, to_tsquery
from .index import SQLIndex

__all__ = ["PostgresIndex", "TS_WEIGHTS"]

# ts_rank_cd weights in PostgreSQL's order {D, C, B, A}: A = body, B = who, C = tags (as BM25_WEIGHTS); D unused
TS_WEIGHTS = "{0.1, " + ", ".join(str(w) for w in reversed(BM25_WEIGHTS)) + "}"

_TABLES = ("search_items", "search_vectors", "search_docs", "search_pending")


class PostgresIndex(SQLIndex):
    instr = "strpos"
    schema = (
        "CREATE TABLE search_docs (doc_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, ingested_at DOUBLE PRECISION NOT NULL)",
        'CREATE TABLE search_items (id BIGSERIAL PRIMARY KEY, doc_id TEXT NOT NULL, type TEXT NOT NULL, '
        'start INTEGER NOT NULL, "end" INTEGER NOT NULL, passage BIGINT, body TEXT NOT NULL, who TEXT NOT NULL, '
        "tags TEXT NOT NULL, actors TEXT NOT NULL, topics TEXT NOT NULL, date TEXT, kind TEXT, source TEXT, "
        "title TEXT, tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', body), 'A') || "
        "setweight(to_tsvector('english', who), 'B') || setweight(to_tsvector('english', tags), 'C')) STORED)",
        "CREATE INDEX search_items_doc ON search_items(doc_id)",
        "CREATE INDEX search_items_passage ON search_items(passage)",
        "CREATE INDEX search_items_tsv ON search_items USING GIN (tsv)",
        "CREATE TABLE search_vectors (item_id BIGINT PRIMARY KEY, vec BYTEA NOT NULL)",
        'CREATE TABLE search_pending (doc_id TEXT NOT NULL, type TEXT NOT NULL, start INTEGER NOT NULL, '
        '"end" INTEGER NOT NULL, model TEXT NOT NULL, vec BYTEA NOT NULL, PRIMARY KEY (doc_id, type, start, "end"))',
    )
    drop = tuple(f"DROP TABLE IF EXISTS {t}" for t in _TABLES)

    @property
    def location(self) -> str:
        return f"postgresql:{self.store.url}"

    def _end_read(self) -> None:
        self.store.conn.rollback()

    def _fts(self, text: str, filters: Filters, limit: int, *, any_term: bool = False) -> list[tuple[Any, ...]]:
        """As SQLite's: all words ranked among the newest :attr:`ranked_matches` matches, any word among all."""
        where, params = filter_clause(filters, instr=self.instr)
        columns = ('i.id, i.doc_id, i.type, i.start, i."end", i.body, i.title, i.date, '
                   f"ts_rank_cd('{TS_WEIGHTS}', i.tsv, q) AS score")
        matched = f"FROM search_items i, to_tsquery('english', ?) q WHERE i.tsv @@ q {'AND ' + where if where else ''}"
        tsquery = to_tsquery(text, any_term=any_term)
        if any_term:
            sql = f"SELECT {columns} {matched} ORDER BY score DESC, i.id LIMIT ?"
            rows = self._all(sql, (tsquery, *params, limit))
        else:  # the ids of the newest matches (no rank computed), then the best of them by rank
            sql = (f"SELECT {columns} FROM (SELECT i.id {matched} ORDER BY i.id DESC LIMIT ?) newest "
                   "JOIN search_items i ON i.id = newest.id, to_tsquery('english', ?) q ORDER BY score DESC, i.id LIMIT ?")
            rows = self._all(sql, (tsquery, *params, max(limit, self.ranked_matches), tsquery, limit))
        self._end_read()
        return rows
