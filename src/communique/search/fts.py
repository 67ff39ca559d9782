"""The SQLite search index: FTS5 (porter + unicode61, diacritics removed) over the items, vectors per passage.

``search_fts`` is an FTS5 table whose rowid is ``search_items.id``; ranked with weighted BM25 (body, who, tags).
The tables and the refresh are described in :mod:`communique.search.index`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .hits import (
    ITEM_TYPES,
    Filters,
    Hit,
    SearchQueryError,
    doc_title,
    filter_clause,
    snippet,
    to_fts_query,
)
from .index import SQLIndex

__all__ = [
    "SQLiteIndex",
    "Hit",
    "SearchQueryError",
    "ITEM_TYPES",
    "BM25_WEIGHTS",
    "ensure_schema",
    "refresh_text_index",
    "to_fts_query",
    "doc_title",
    "snippet",
]

BM25_WEIGHTS = (1.0, 0.6, 0.4)  # body, who (speaker/participants), tags (labels/topics): text matters most
ITEMS_PER_STATEMENT = 500  # item ids per IN (...) list (SQLite allows 999 parameters per statement)

_TABLES = ("search_items", "search_fts", "search_vectors", "search_docs", "search_pending")


class SQLiteIndex(SQLIndex):
    def _todo(self, last: int) -> list[tuple[int, str, float]]:
        """As :meth:`SQLIndex._todo`, from the covering indexes of the documents' ``id`` and ``ingested_at`` (a
        join reads ``ingested_at`` from each row, past its text and annotations)."""
        ids = dict(self._all("SELECT seq, id FROM documents"))
        stored = dict(self._all("SELECT seq, ingested_at FROM documents"))
        indexed = dict(self._all("SELECT doc_id, ingested_at FROM search_docs"))
        return [(seq, doc_id, stored[seq]) for seq, doc_id in sorted(ids.items()) if seq in stored and (
            seq > last or doc_id not in indexed or stored[seq] > indexed[doc_id])]

    schema = (
        "CREATE TABLE search_docs (doc_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, ingested_at REAL NOT NULL)",
        'CREATE TABLE search_items (id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, type TEXT NOT NULL, '
        'start INTEGER NOT NULL, "end" INTEGER NOT NULL, passage INTEGER, body TEXT NOT NULL, who TEXT NOT NULL, '
        "tags TEXT NOT NULL, actors TEXT NOT NULL, topics TEXT NOT NULL, date TEXT, kind TEXT, source TEXT, "
        "title TEXT)",
        "CREATE INDEX search_items_doc ON search_items(doc_id)",
        "CREATE INDEX search_items_passage ON search_items(passage)",
        "CREATE VIRTUAL TABLE search_fts USING fts5(body, who, tags, "
        "tokenize = 'porter unicode61 remove_diacritics 2')",
        "CREATE TABLE search_vectors (item_id INTEGER PRIMARY KEY, vec BLOB NOT NULL)",
        'CREATE TABLE search_pending (doc_id TEXT NOT NULL, type TEXT NOT NULL, start INTEGER NOT NULL, '
        '"end" INTEGER NOT NULL, model TEXT NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (doc_id, type, start, "end"))',
    )
    drop = tuple(f"DROP TABLE IF EXISTS {t}" for t in _TABLES)

    @property
    def location(self) -> str:
        path = getattr(self.store, "path", ":memory:")
        return f"sqlite:{path}" if path != ":memory:" else f"sqlite-memory:{id(self.store)}"

    def _insert_text(self, item_id: int, body: str, who: str, tags: str) -> None:
        self._exec("INSERT INTO search_fts (rowid, body, who, tags) VALUES (?,?,?,?)", (item_id, body, who, tags))

    def _delete_text(self, doc_id: str) -> None:
        self._exec("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_items WHERE doc_id = ?)", (doc_id,))

    def _fts(self, text: str, filters: Filters, limit: int, *, any_term: bool = False) -> list[tuple[Any, ...]]:
        """Items matching ``text`` best BM25 first: all its words (ranked among the newest
        :attr:`ranked_matches` matches), or any of them (``any_term``, ranked among all matches)."""
        where, params = filter_clause(filters)
        # ask's keyword retrieval ranks with plain BM25 (its cascade was measured so); search weighs the columns
        rank = "bm25(search_fts)" if any_term else f"bm25(search_fts, {', '.join(map(str, BM25_WEIGHTS))})"
        match = to_fts_query(text, any_term=any_term)
        # ranked on the full-text table (joined to the items for filters only), then only the best items are read
        # (a common word matches a share of the whole store: reading each match's item would cost as much again)
        matched = (f"FROM search_fts JOIN search_items i ON i.id = search_fts.rowid WHERE search_fts MATCH ? AND "
                   f"{where}" if where else "FROM search_fts WHERE search_fts MATCH ?")
        try:
            if any_term:
                ranked = self.store.conn.execute(f"SELECT search_fts.rowid, -{rank} AS score {matched} ORDER BY "
                                                 "score DESC LIMIT ?", (match, *params, limit)).fetchall()
            else:  # the newest matches, scored as they come and no further than the bound, then the best of them
                newest = self.store.conn.execute(f"SELECT search_fts.rowid, -{rank} AS score {matched} ORDER BY "
                                                 "search_fts.rowid DESC LIMIT ?",
                                                 (match, *params, max(limit, self.ranked_matches))).fetchall()
                ranked = sorted(newest, key=lambda r: (-r[1], r[0]))[:limit]  # ties: the older item first, as before
        except sqlite3.OperationalError as exc:  # should not happen with to_fts_query; never leak sqlite3 errors
            raise SearchQueryError(f"search query could not be run ({exc}); simplify it") from None
        items = {}
        for start in range(0, len(ranked), ITEMS_PER_STATEMENT):
            part = [r[0] for r in ranked[start : start + ITEMS_PER_STATEMENT]]
            items.update({row[0]: row for row in self.store.conn.execute(
                f'SELECT id, doc_id, type, start, "end", body, title, date FROM search_items WHERE id IN '
                f"({','.join('?' * len(part))})", part)})
        return [(*items[rowid], score) for rowid, score in ranked if rowid in items]


def ensure_schema(store: Any) -> None:
    """Create the search tables of an SQLite store when missing."""
    SQLiteIndex(store).ensure()


def refresh_text_index(store: Any) -> int:
    """Index the documents stored since the last refresh, full text only (no embedding): cheap."""
    from .index import index_for

    return index_for(store).refresh(vectors=False)
