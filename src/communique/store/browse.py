"""The browse index: one row per listed item (person, organisation, place, document, story, event) and its facet
values, so index pages sort, filter, count and page in SQL and never load a whole table into Python.

Written by :func:`communique.kb.browse.refresh_index` from the knowledge-base records and the documents; read by
:class:`BrowseIndex` (both SQL dialects: the statements are plain SQL with ``?`` placeholders, translated by the
store). ``kb_state`` holds the watermark the index was built from; a knowledge-base rebuild clears ``kb_state``,
so the next browse request rebuilds the index.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import CommuniqueError
from .base import Store
from .sql import SQLStore

__all__ = ["SCHEMA_V4", "SORT_COLUMNS", "STATE_KEY", "BrowseIndex", "Facet", "Item", "Query", "index_of"]

# Migration 4 (both dialects); the index on ``ingested_at`` makes the store's watermark (asked on every request)
# an index lookup instead of a scan of the documents. ``sort_name``: the name's words folded (no case, accents or punctuation), padded
# with one space each side, so it sorts by name and finds a whole-word run with LIKE '% words %'.
SCHEMA_V4 = """
    CREATE TABLE browse_items (type TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, sort_name TEXT NOT NULL,
                               first_date TEXT, date TEXT, docs INTEGER NOT NULL, summary TEXT NOT NULL, PRIMARY KEY (type, id));
    CREATE INDEX browse_items_name ON browse_items(type, sort_name);
    CREATE INDEX browse_items_date ON browse_items(type, date);
    CREATE INDEX browse_items_docs ON browse_items(type, docs);
    CREATE TABLE browse_facets (type TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL,
                                PRIMARY KEY (type, facet, value, id));
    CREATE INDEX browse_facets_item ON browse_facets(type, id);
    CREATE INDEX documents_ingested_at ON documents(ingested_at);
"""

STATE_KEY = "browse_watermark"  # kb_state key: the document watermark the browse index was built from
# sort key -> ORDER BY (undated rows last in both directions; ``id`` breaks ties so pages never overlap)
SORT_COLUMNS = {
    "name": "sort_name, id", "-name": "sort_name DESC, id",
    "date": "(date IS NULL), date, sort_name, id", "-date": "(date IS NULL), date DESC, sort_name, id",
    "docs": "docs, sort_name, id", "-docs": "docs DESC, sort_name, id",
}
UNDATED_LAST = "(date IS NULL), "  # the first key of the date sorts
COUNTS_KEPT = 1024  # counting statements whose answers a process keeps (a page asks 2 + one per facet): ~100 KB
WRITE_ROWS = 1000  # rows per executemany while rebuilding
IDS_PER_QUERY = 500  # ids per IN (...) list (SQLite allows 999 parameters per statement)


@dataclass(frozen=True, slots=True)
class Item:
    type: str
    id: str
    name: str
    sort_name: str
    first_date: str | None  # the item spans first_date .. date (a document or an event: one day)
    date: str | None
    docs: int
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Facet:
    type: str
    facet: str
    value: str
    id: str


@dataclass
class Query:
    """What one index page asks for. ``facets``: facet -> accepted values (any of them); ``any_of``: ids the item
    must be one of (None: no such condition); ``words``: a folded word run the name must contain."""

    type: str
    sort: str = "name"
    offset: int = 0
    limit: int = 50
    facets: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    dated: bool | None = None  # True: dated rows only, False: undated only, None: both
    words: str | None = None
    facet_or_words: tuple[str, list[str]] | None = None  # (facet, values): in the facet OR the name has ``words``


_counts: OrderedDict[tuple[Any, ...], list[tuple[Any, ...]]] = OrderedDict()  # least recently used first
_counts_lock = threading.Lock()


class BrowseIndex:
    """Reads and rewrites the browse tables of one SQL store.

    Counting statements (a page's total, its facet counts) read every matching row, so their cost grows with the
    index; their answers are kept per process (:data:`COUNTS_KEPT`, least recently used dropped) under the
    watermark the index was built from, which every rewrite changes: a count is read once per state of the index.
    """

    def __init__(self, store: SQLStore) -> None:
        self.store = store
        self._seen: str | None = None  # the watermark this reader's counts are kept under (read once)

    def _counted(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The rows of a counting statement, from the kept answers when the index has not changed since."""
        where = getattr(self.store, "path", None) or getattr(self.store, "url", None)
        if self._seen is None:
            self._seen = self.built_from() or ""
        if not where or where == ":memory:" or not self._seen:
            return [tuple(r) for r in self.store._all(sql, params)]
        key = (where, self._seen, sql, tuple(params))
        with _counts_lock:
            if (rows := _counts.get(key)) is not None:
                _counts.move_to_end(key)
                return rows
        rows = [tuple(r) for r in self.store._all(sql, params)]
        with _counts_lock:
            _counts[key] = rows
            while len(_counts) > COUNTS_KEPT:
                _counts.popitem(last=False)
        return rows

    # -- writes -----------------------------------------------------------------------------------------------
    def built_from(self) -> str | None:
        return self.store.kb_state().get(STATE_KEY)

    def replace(self, items: Iterable[Item], facets: Iterable[Facet], watermark: str,
                state: dict[str, str] | None = None) -> None:
        """Atomically replace the whole index and record the watermark it was built from (and ``state``: more
        ``kb_state`` keys the index keeps)."""
        self.replace_parts([(items, facets)], watermark, state)

    def replace_parts(self, parts: Iterable[tuple[Iterable[Item], Iterable[Facet]]], watermark: str,
                      state: dict[str, str] | None = None) -> None:
        """:meth:`replace` with the rows given part by part (each written as it comes: a whole build's rows are
        never held at once). A facet row repeated within a part is written once; the parts must not repeat a row
        (each item's rows in one part: a repeat fails the write)."""
        self._seen = None
        s = self.store
        s._begin_write()
        try:
            s._execute(s._sql("DELETE FROM browse_items"))
            s._execute(s._sql("DELETE FROM browse_facets"))
            item_rows: list[tuple[Any, ...]] = []
            facet_rows: list[tuple[Any, ...]] = []
            for items, facets in parts:
                item_rows += (_item_row(it) for it in items)
                facet_rows += sorted({(f.type, f.facet, f.value, f.id) for f in facets})
                if len(item_rows) >= WRITE_ROWS or len(facet_rows) >= WRITE_ROWS:
                    self._insert_rows(item_rows, facet_rows)
                    item_rows, facet_rows = [], []
            self._insert_rows(item_rows, facet_rows)
            self._state({STATE_KEY: watermark, **(state or {})})
            s._commit()
        except BaseException:
            s._rollback()
            raise

    def insert(self, items: Iterable[Item], facets: Iterable[Facet]) -> None:
        """Insert rows (inside a write: :meth:`replace`, or :meth:`begin` .. :meth:`commit`)."""
        s = self.store
        batch: list[tuple[Any, ...]] = []
        insert = s._sql("INSERT INTO browse_items VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for it in items:
            batch.append(_item_row(it))
            if len(batch) >= WRITE_ROWS:
                s._executemany(insert, batch)
                batch = []
        if batch:
            s._executemany(insert, batch)
        rows = sorted({(f.type, f.facet, f.value, f.id) for f in facets})
        insert = s._sql("INSERT INTO browse_facets VALUES (?, ?, ?, ?)")
        for start in range(0, len(rows), WRITE_ROWS):
            s._executemany(insert, rows[start : start + WRITE_ROWS])

    def _insert_rows(self, items: list[tuple[Any, ...]], facets: list[tuple[Any, ...]]) -> None:
        s = self.store
        if items:
            s._executemany(s._sql("INSERT INTO browse_items VALUES (?, ?, ?, ?, ?, ?, ?, ?)"), items)
        if facets:
            s._executemany(s._sql("INSERT INTO browse_facets VALUES (?, ?, ?, ?)"), facets)

    def begin(self) -> None:
        """Start a piecewise rewrite (:meth:`remove`, :meth:`insert`, reads, then :meth:`commit`)."""
        self.store._begin_write()

    def remove(self, types: Sequence[str], ids: Collection[str]) -> None:
        """Delete the items of ``types`` with these ids and every facet row of them."""
        s, ids = self.store, sorted(set(ids))
        type_marks = ",".join("?" * len(types))
        for start in range(0, len(ids), IDS_PER_QUERY):
            part = ids[start : start + IDS_PER_QUERY]
            marks = ",".join("?" * len(part))
            for table in ("browse_items", "browse_facets"):
                s._execute(s._sql(f"DELETE FROM {table} WHERE type IN ({type_marks}) AND id IN ({marks})"),
                           (*types, *part))

    def remove_facets(self, facet: str, items: dict[str, str]) -> None:
        """Delete one facet's rows of some items (id -> type)."""
        s = self.store
        for id_, type_ in sorted(items.items()):
            s._execute(s._sql("DELETE FROM browse_facets WHERE type=? AND facet=? AND id=?"), (type_, facet, id_))

    def commit(self, state: dict[str, str]) -> None:
        self._state(state)
        self.store._commit()
        self._seen = None  # counts are kept under the new watermark

    def rollback(self) -> None:
        self.store._rollback()

    def _state(self, state: dict[str, str]) -> None:
        s = self.store
        for key, value in state.items():
            s._execute(s._sql("DELETE FROM kb_state WHERE key=?"), (key,))
            s._execute(s._sql("INSERT INTO kb_state VALUES (?, ?)"), (key, value))

    # -- reads of a piecewise rewrite ------------------------------------------------------------------------
    def _by_ids(self, sql: str, ids: Collection[str], prefix: Sequence[Any] = ()) -> list[Any]:
        ids = sorted(set(ids))
        rows: list[Any] = []
        for start in range(0, len(ids), IDS_PER_QUERY):
            part = ids[start : start + IDS_PER_QUERY]
            rows += self.store._all(sql.format(marks=",".join("?" * len(part))), (*prefix, *part))
        return rows

    def items(self, types: Sequence[str], ids: Collection[str]) -> dict[str, dict[str, Any]]:
        """Rows of the items of ``types`` with these ids (as :meth:`page` gives them), by id."""
        marks = ",".join("?" * len(types))
        rows = self._by_ids(f"SELECT id, name, first_date, date, docs, summary FROM browse_items WHERE type IN "
                            f"({marks}) AND id IN ({{marks}})", ids, types)
        return {r[0]: _row(r) for r in rows}

    def item_types(self, types: Sequence[str], ids: Collection[str]) -> dict[str, str]:
        """Item id -> its type, of the items of ``types`` with these ids."""
        marks = ",".join("?" * len(types))
        return {r[0]: r[1] for r in self._by_ids(f"SELECT id, type FROM browse_items WHERE type IN ({marks}) AND id IN "
                                                 "({marks})", ids, types)}

    def has_actor_topic(self, actor: str, topic: str) -> bool:
        """Whether an event with this participant has this topic."""
        return self.store._one(
            "SELECT 1 FROM browse_facets a JOIN browse_facets t ON t.type=a.type AND t.facet='topic' AND t.value=? "
            "AND t.id=a.id WHERE a.type='event' AND a.facet='actor' AND a.value=? LIMIT 1", (topic, actor)) is not None

    def facets_of(self, type_: str, facet: str, ids: Collection[str]) -> dict[str, set[str]]:
        """Item id -> its values of one facet (ids without any left out)."""
        out: dict[str, set[str]] = {}
        for id_, value in self._by_ids(f"SELECT id, value FROM browse_facets{self.store.facets_by_item} WHERE type=? "
                                       "AND facet=? AND id IN ({marks})", ids, (type_, facet)):
            out.setdefault(id_, set()).add(value)
        return out

    def with_values(self, type_: str, facet: str, values: Collection[str]) -> dict[str, set[str]]:
        """Facet value -> ids of the items of ``type_`` with it."""
        out: dict[str, set[str]] = {}
        for value, id_ in self._by_ids("SELECT value, id FROM browse_facets WHERE type=? AND facet=? AND value IN "
                                       "({marks})", values, (type_, facet)):
            out.setdefault(value, set()).add(id_)
        return out

    def date_span(self, type_: str, ids: Collection[str]) -> tuple[str | None, str | None]:
        """(earliest, latest) date of the items of ``type_`` with these ids (None: none dated)."""
        rows = self._by_ids("SELECT MIN(date), MAX(date) FROM browse_items WHERE type=? AND date IS NOT NULL AND "
                            "id IN ({marks})", ids, (type_,))
        firsts, lasts = [r[0] for r in rows if r[0]], [r[1] for r in rows if r[1]]
        return (min(firsts) if firsts else None), (max(lasts) if lasts else None)

    def distinct_values(self, type_: str, facet: str, ids: Collection[str]) -> set[str]:
        """The values of one facet over the items of ``type_`` with these ids."""
        return {r[0] for r in self._by_ids(f"SELECT DISTINCT value FROM browse_facets{self.store.facets_by_item} "
                                           "WHERE type=? AND facet=? AND id IN ({marks})", ids, (type_, facet))}

    # -- reads ------------------------------------------------------------------------------------------------
    def _where(self, q: Query, *, probe: bool = False) -> tuple[str, list[Any]]:
        """SQL conditions of ``q``; ``probe``: a facet filter as a lookup per row (for a walk in index order that
        stops after the page) rather than a list of every matching id."""
        clauses, params = ["i.type=?"], [q.type]
        for facet, values in q.facets.items():
            if not values:  # a filter that nothing can satisfy (an actor no entity is named like)
                clauses.append("1=0")
            else:
                marks = ",".join("?" * len(values))
                clauses.append(f"EXISTS (SELECT 1 FROM browse_facets f WHERE f.type=? AND f.facet=? AND f.value IN "
                               f"({marks}) AND f.id=i.id)" if probe else
                               f"i.id IN (SELECT id FROM browse_facets WHERE type=? AND facet=? AND value IN ({marks}))")
                params += [q.type, facet, *values]
        if q.facet_or_words is not None:
            facet, values = q.facet_or_words
            marks = ",".join("?" * len(values)) or "NULL"
            clauses.append(f"(i.id IN (SELECT id FROM browse_facets WHERE type=? AND facet=? AND value IN ({marks}))"
                           " OR i.sort_name LIKE ?)")
            params += [q.type, facet, *values, f"% {q.words or ''} %"]
        elif q.words:
            clauses.append("i.sort_name LIKE ?")
            params.append(f"% {q.words} %")
        if q.date_from:  # the item's span overlaps the range
            clauses.append("i.date >= ?")
            params.append(q.date_from)
        if q.date_to:
            clauses.append("i.first_date <= ?")
            params.append(q.date_to)
        if q.dated is True:
            clauses.append("i.date IS NOT NULL")
        elif q.dated is False:
            clauses.append("i.date IS NULL")
        return " AND ".join(clauses), params

    def page(self, q: Query) -> tuple[list[dict[str, Any]], int]:
        """(rows of the page, total rows matching) for ``q``: two statements, both bounded by the index."""
        if q.sort not in SORT_COLUMNS:
            raise CommuniqueError(f"unknown sort {q.sort!r}; use one of {', '.join(SORT_COLUMNS)}")
        where, params = self._where(q)
        total = int(self._counted(f"SELECT COUNT(*) FROM browse_items i WHERE {where}", params)[0][0])
        order = choose = SORT_COLUMNS[q.sort]
        if q.dated:  # dated rows only: without the constant undated-last key, the date index gives the order and
            choose = order.removeprefix(UNDATED_LAST)  # the page stops early (no sort of every dated row)
            if q.facets and total and self._probe(q, total):
                where, params = self._where(q, probe=True)
        # the page's ids are chosen on narrow rows; only those rows' summaries are read (a sort of whole rows
        # would carry every summary through it)
        rows = self.store._all(
            f"SELECT i.id, i.name, i.first_date, i.date, i.docs, i.summary FROM browse_items i WHERE i.type=? AND i.id IN "
            f"(SELECT i.id FROM browse_items i WHERE {where} ORDER BY {choose} LIMIT ? OFFSET ?) "
            f"ORDER BY {order}", (q.type, *params, q.limit, q.offset))
        return [_row(r) for r in rows], total

    def _probe(self, q: Query, total: int) -> bool:
        """Whether a facet-filtered page walks the rows in date order probing each (about (offset + limit) x rows /
        total x values lookups, rows: the page's rows without the facet filters) rather than listing the ``total``
        matching ids first: a frequent value (the timeline of a much-reported actor) is walked, a rare one listed."""
        where, params = self._where(Query(**{**q.__dict__, "facets": {}}))
        rows = int(self._counted(f"SELECT COUNT(*) FROM browse_items i WHERE {where}", params)[0][0])
        values = max(len(v) for v in q.facets.values())
        return total * total > (q.offset + q.limit) * rows * values

    def facet_counts(self, q: Query, facet: str, limit: int) -> list[dict[str, Any]]:
        """The ``limit`` most frequent values of ``facet`` among the items matching ``q`` with its other filters
        (this facet's own filter left out, so a chosen value keeps its alternatives in view)."""
        others = Query(**{**q.__dict__, "facets": {k: v for k, v in q.facets.items() if k != facet}})
        where, params = self._where(others)
        rows = self._counted(
            f"SELECT f.value, COUNT(*) FROM browse_facets f JOIN browse_items i ON i.type=f.type AND i.id=f.id "
            f"WHERE f.type=? AND f.facet=? AND {where} GROUP BY f.value ORDER BY COUNT(*) DESC, f.value LIMIT ?",
            (q.type, facet, *params, limit))
        return [{"value": v, "count": int(n)} for v, n in rows]

    def facet_values(self, type_: str, facet: str) -> list[str]:
        """Every distinct value of one facet (a short list: topics, kinds)."""
        rows = self.store._all("SELECT DISTINCT value FROM browse_facets WHERE type=? AND facet=?", (type_, facet))
        return [r[0] for r in rows]

    def ids_with(self, type_: str, facet: str, value: str) -> list[str]:
        """Ids of the items of ``type_`` with this facet value, in id order."""
        rows = self.store._all("SELECT id FROM browse_facets WHERE type=? AND facet=? AND value=? ORDER BY id",
                               (type_, facet, value))
        return [r[0] for r in rows]

    def names(self, ids: Sequence[str]) -> dict[str, str]:
        """Display names of listed items by id, whatever their type (ids not listed are left out)."""
        out: dict[str, str] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), IDS_PER_QUERY):
            part = unique[start : start + IDS_PER_QUERY]
            rows = self.store._all(f"SELECT id, name FROM browse_items WHERE id IN ({','.join('?' * len(part))})", part)
            out.update({r[0]: r[1] for r in rows})
        return out

    def entity_labels(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(name, knowledge-base entity type) of the listed entities among ``ids`` (people, organisations, places
        and countries; other entities are not listed), read by primary key."""
        out: dict[str, tuple[str, str]] = {}
        unique = list(dict.fromkeys(ids))
        types = ("person", "organization", "place")
        for start in range(0, len(unique), IDS_PER_QUERY):
            part = unique[start : start + IDS_PER_QUERY]
            rows = self.store._all(f"SELECT id, name, summary FROM browse_items WHERE type IN (?, ?, ?) AND id IN "
                                   f"({','.join('?' * len(part))})", (*types, *part))
            out.update({r[0]: (r[1], str(_loads(r[2]).get("kind"))) for r in rows})
        return out

    def names_like(self, type_: str, words: str, exact: Sequence[str], limit: int) -> list[tuple[str, str]]:
        """(id, folded name) of items of ``type_`` whose folded names hold the word run ``words`` or are one of
        ``exact`` (folded and padded), at most ``limit``; names are indexed as facet ``name``."""
        marks = ",".join("?" * len(exact)) or "NULL"
        rows = self.store._all(
            f"SELECT id, value FROM browse_facets WHERE type=? AND facet='name' AND (value LIKE ? OR value IN ({marks})) "
            f"LIMIT ?", (type_, f"% {words} %", *exact, limit))
        return [(r[0], r[1]) for r in rows]


def _row(r: Sequence[Any]) -> dict[str, Any]:
    return {"id": r[0], "name": r[1], "first_date": r[2], "date": r[3], "docs": int(r[4]), **_loads(r[5])}


def _loads(value: Any) -> dict[str, Any]:
    data = json.loads(value) if isinstance(value, str) else value
    return data if isinstance(data, dict) else {}


def index_of(store: Store) -> BrowseIndex:
    if not isinstance(store, SQLStore):
        raise CommuniqueError("browsing needs a SQL store (SQLite or PostgreSQL)")
    return BrowseIndex(store)


def _item_row(it: Item) -> tuple[Any, ...]:
    return (it.type, it.id, it.name, it.sort_name, it.first_date, it.date, it.docs,
            json.dumps(it.summary, ensure_ascii=False))
