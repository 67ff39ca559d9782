"""What the SQL backends share: the document layout, duplicate detection and reads.

A backend supplies the connection, its migrations, its placeholder style and a few statements that differ
between dialects (upserts, the write lock). Queries below are written with ``?`` placeholders and translated.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from ..errors import StoreError
from ..model import Document
from . import dedup
from .base import DocState, KBChanges, Store

__all__ = ["SQLStore", "COLUMNS", "JSON_FIELDS", "schema_v1", "SCHEMA_V2", "SCHEMA_V3", "schema_v5", "like_prefix"]

# Document fields stored in their own columns; everything else goes to the `annotations` JSON.
COLUMNS = ("id", "source", "title", "publisher", "url", "published", "dateline", "kind", "language", "text",
           "duplicate_of", "story")
JSON_FIELDS = ("content_type", "meta", "mentions", "roles", "quotes", "timexes", "claims", "events")
_WRITE_COLUMNS = (*COLUMNS, "removed", "content_hash", "pipeline", "annotations", "ingested_at")
_SETTABLE = {"story", "duplicate_of", "title", "publisher", "published", "dateline", "kind"}
FETCH_ROWS = 256  # rows fetched per round trip when streaming documents
KEYS_PER_QUERY = 500  # line keys per IN (...) list (SQLite allows 999 parameters per statement)
WRITE_ROWS = 1000  # rows serialised and sent per executemany when writing the knowledge base (memory stays flat)
_KB_TABLES = ("kb_records", "kb_state", "kb_doc_state", "kb_blocks", "kb_df", "kb_people", "kb_person_keys")
MIN_PREFIX_CHARS = 4  # a shorter id prefix is too likely to be ambiguous (or a typo) to look up
LIKE_ESCAPE = "\\"  # the escape character of LIKE patterns built by like_prefix


def like_prefix(text: str) -> str:
    """A LIKE pattern matching strings that start with ``text`` literally (``%``, ``_`` and the escape escaped)."""
    for char in (LIKE_ESCAPE, "%", "_"):  # the escape character first, or its own escapes would be doubled
        text = text.replace(char, LIKE_ESCAPE + char)
    return text + "%"


def schema_v1(*, serial_key: str, real: str, blob: str, extra_columns: str = "") -> str:
    """Migration 1 for a dialect: documents, sources, LSH bands, MinHash signatures."""
    return f"""
    CREATE TABLE documents (
        seq {serial_key},
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT, publisher TEXT, url TEXT, published TEXT, dateline TEXT,
        kind TEXT NOT NULL,
        language TEXT NOT NULL,
        text TEXT NOT NULL,
        removed TEXT NOT NULL,
        duplicate_of TEXT,
        story TEXT,
        content_hash TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        annotations TEXT NOT NULL,
        ingested_at {real} NOT NULL{extra_columns}
    );
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE TABLE sources (source TEXT PRIMARY KEY, doc_id TEXT NOT NULL);
    CREATE TABLE lsh_bands (key TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (key, doc_id));
    CREATE TABLE signatures (doc_id TEXT PRIMARY KEY, sig {blob} NOT NULL);
    """


# Migration 2 (both dialects): the derived knowledge base (entities, events, stories ... as JSON records).
SCHEMA_V2 = """
    CREATE TABLE kb_records (type TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
                             PRIMARY KEY (type, id));
    CREATE INDEX kb_records_order ON kb_records(type, seq);
    CREATE TABLE kb_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Migration 3 (both dialects): outlet templates learnt during ingest (:mod:`communique.clean.template`): which
# candidate lines (by key) each document of an outlet kept, and the lines learnt as the outlet's template.
SCHEMA_V3 = """
    CREATE TABLE outlet_lines (outlet TEXT NOT NULL, line_key TEXT NOT NULL, doc_id TEXT NOT NULL,
                               PRIMARY KEY (outlet, line_key, doc_id));
    CREATE INDEX outlet_lines_doc ON outlet_lines(outlet, doc_id);
    CREATE TABLE outlet_templates (outlet TEXT NOT NULL, line_key TEXT NOT NULL, line TEXT NOT NULL,
                                   PRIMARY KEY (outlet, line_key));
"""




def schema_v5(*, real: str) -> str:
    """Migration 5 for a dialect: the state an incremental knowledge-base update needs (:mod:`communique.kb.update`).

    ``kb_records.sort_key``: the order records are listed in (events and stories by date, quotes by document), so an
    update can insert a record in its place; ``kb_doc_state``: per document, what the build derived from it (term
    counts, block keys, resolved mentions) and the ``ingested_at`` it was derived from; ``kb_blocks``: the story
    blocking index (block key -> documents); ``kb_df``: document frequencies of the story terms; ``kb_people`` and
    ``kb_person_keys``: the person index of entity resolution (the longest name forms an entity had and its titles,
    one per line: loaded whole by each update, so no JSON to parse; name keys -> entity)."""
    return f"""
    ALTER TABLE kb_records ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
    CREATE INDEX kb_records_sort ON kb_records(type, sort_key, id);
    CREATE TABLE kb_doc_state (doc_id TEXT PRIMARY KEY, ingested_at {real} NOT NULL, published TEXT, story TEXT,
                               data TEXT NOT NULL);
    CREATE TABLE kb_blocks (key TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (key, doc_id));
    CREATE INDEX kb_blocks_doc ON kb_blocks(doc_id);
    CREATE TABLE kb_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL);
    CREATE TABLE kb_people (eid TEXT PRIMARY KEY, tokens TEXT NOT NULL, titles TEXT NOT NULL);
    CREATE TABLE kb_person_keys (key TEXT PRIMARY KEY, eid TEXT NOT NULL);
    """


class SQLStore(Store):
    placeholder = "?"
    json_text_sql = "json_extract({column}, '$.{key}')"  # a top-level field of a JSON text column (SQLite)
    facets_by_item = ""  # a hint that makes a read of the browse facets of given items use the item index
    upsert_source_sql = "INSERT OR REPLACE INTO sources VALUES (?, ?)"
    insert_band_sql = "INSERT OR IGNORE INTO lsh_bands VALUES (?, ?)"
    insert_outlet_line_sql = "INSERT OR IGNORE INTO outlet_lines VALUES (?, ?, ?)"
    insert_template_sql = "INSERT OR IGNORE INTO outlet_templates VALUES (?, ?, ?)"
    insert_block_sql = "INSERT OR IGNORE INTO kb_blocks VALUES (?, ?)"

    # -- dialect hooks ----------------------------------------------------------------------------------------
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def _begin_write(self) -> None:
        """Start a transaction that holds the write lock (duplicate check and insert must not interleave)."""
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._execute(self._sql(sql), params).fetchone()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self._execute(self._sql(sql), params).fetchall())

    # -- writes ---------------------------------------------------------------------------------------------
    def needs(self, doc_id: str, pipeline: str) -> bool:
        row = self._one("SELECT pipeline FROM documents WHERE id=?", (doc_id,))
        return row is None or row[0] != pipeline

    def add_source(self, source: str, doc_id: str) -> None:
        self._execute(self._sql(self.upsert_source_sql), (source, doc_id))
        self._commit()

    def _canonical(self, doc_id: str) -> str:
        row = self._one("SELECT duplicate_of FROM documents WHERE id=?", (doc_id,))
        return row[0] if row and row[0] else doc_id

    def _find_duplicate(self, doc: Document, chash: str, sig: np.ndarray | None, keys: list[str]) -> str | None:
        if doc.text.strip():
            row = self._one("SELECT id FROM documents WHERE content_hash=? AND id<>? ORDER BY seq LIMIT 1", (chash, doc.id))
            if row:
                return self._canonical(row[0])
        if sig is None:
            return None
        marks = ",".join("?" * len(keys))
        candidates = self._all(
            f"SELECT s.doc_id, s.sig FROM signatures s JOIN documents d ON d.id = s.doc_id "
            f"WHERE s.doc_id IN (SELECT doc_id FROM lsh_bands WHERE key IN ({marks})) AND s.doc_id<>? ORDER BY d.seq",
            (*keys, doc.id),
        )
        for cand_id, blob in candidates:
            if dedup.jaccard(sig, np.frombuffer(bytes(blob), dtype=np.uint64)) >= dedup.NEAR_DUPLICATE_JACCARD:
                return self._canonical(cand_id)
        return None

    def put(self, doc: Document, pipeline: str) -> Document:
        return self.put_many([doc], pipeline)[0]

    def put_many(self, docs: Sequence[Document], pipeline: str) -> list[Document]:
        """Store ``docs`` in one transaction under one write lock (each as :meth:`put`; a later document of the
        batch is checked for duplicates against the earlier ones)."""
        prepared = []
        for doc in docs:
            sig = dedup.signature(doc.text)
            data = doc.to_dict()
            prepared.append((doc, dedup.content_hash(doc.text), sig, dedup.band_keys(sig) if sig is not None else [],
                             json.dumps({k: data[k] for k in JSON_FIELDS}, ensure_ascii=False)))
        self._begin_write()
        try:
            stored = [self._put_locked(*item, pipeline) for item in prepared]
            self._commit()
        except BaseException:
            self._rollback()
            raise
        return stored

    def _put_locked(self, doc: Document, chash: str, sig: np.ndarray | None, keys: list[str], annotations: str,
                    pipeline: str) -> Document:
        existing = self._one("SELECT story FROM documents WHERE id=?", (doc.id,))
        duplicate_of = self._find_duplicate(doc, chash, sig, keys)
        if duplicate_of == doc.id:
            duplicate_of = None
        doc = doc.replace(duplicate_of=duplicate_of, story=doc.story or (existing[0] if existing else None))
        row = (*(getattr(doc, c) for c in COLUMNS), json.dumps(doc.removed, ensure_ascii=False), chash, pipeline,
               annotations, time.time())
        if existing:
            sets = ", ".join(f"{c}=?" for c in _WRITE_COLUMNS)
            self._execute(self._sql(f"UPDATE documents SET {sets} WHERE id=?"), (*row, doc.id))
            self._execute(self._sql("DELETE FROM lsh_bands WHERE doc_id=?"), (doc.id,))
            self._execute(self._sql("DELETE FROM signatures WHERE doc_id=?"), (doc.id,))
        else:
            cols = ", ".join(_WRITE_COLUMNS)
            self._execute(self._sql(f"INSERT INTO documents ({cols}) VALUES ({','.join('?' * len(row))})"), row)
        if sig is not None:
            self._executemany(self._sql(self.insert_band_sql), [(k, doc.id) for k in keys])
            self._execute(self._sql("INSERT INTO signatures VALUES (?, ?)"), (doc.id, sig.tobytes()))
        self._execute(self._sql(self.upsert_source_sql), (doc.source, doc.id))
        return doc

    def set_fields(self, doc_id: str, **fields: Any) -> None:
        unknown = set(fields) - _SETTABLE
        if unknown:
            raise StoreError(f"cannot set {', '.join(sorted(unknown))} on a stored document")
        if fields:
            sets = ", ".join(f"{k}=?" for k in fields)
            self._execute(self._sql(f"UPDATE documents SET {sets} WHERE id=?"), (*fields.values(), doc_id))
            self._commit()

    # -- outlet templates (:mod:`communique.clean.template`) ------------------------------------------------
    def add_outlet_lines(self, outlet: str, doc_id: str, keys: Collection[str]) -> None:
        if keys:
            self._executemany(self._sql(self.insert_outlet_line_sql), [(outlet, k, doc_id) for k in keys])
            self._commit()

    def outlet_line_counts(self, outlet: str, keys: Collection[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        keys = list(keys)
        for start in range(0, len(keys), KEYS_PER_QUERY):
            part = keys[start : start + KEYS_PER_QUERY]
            rows = self._all(
                f"SELECT line_key, COUNT(DISTINCT doc_id) FROM outlet_lines WHERE outlet=? AND line_key IN "
                f"({','.join('?' * len(part))}) GROUP BY line_key",
                (outlet, *part),
            )
            out.update({k: int(n) for k, n in rows})
        return out

    def outlet_doc_count(self, outlet: str) -> int:
        return int(self._one("SELECT COUNT(DISTINCT doc_id) FROM outlet_lines WHERE outlet=?", (outlet,))[0])

    def outlet_template(self, outlet: str) -> dict[str, str]:
        return {k: line for k, line in self._all("SELECT line_key, line FROM outlet_templates WHERE outlet=?", (outlet,))}

    def add_outlet_template(self, outlet: str, lines: dict[str, str]) -> None:
        if lines:
            self._executemany(self._sql(self.insert_template_sql), [(outlet, k, v) for k, v in lines.items()])
            self._commit()

    def outlet_docs_with(self, outlet: str, keys: Collection[str]) -> list[str]:
        found: set[str] = set()
        keys = list(keys)
        for start in range(0, len(keys), KEYS_PER_QUERY):
            part = keys[start : start + KEYS_PER_QUERY]
            rows = self._all(
                f"SELECT DISTINCT doc_id FROM outlet_lines WHERE outlet=? AND line_key IN ({','.join('?' * len(part))})",
                (outlet, *part),
            )
            found.update(r[0] for r in rows)
        return sorted(found)

    # -- reads ----------------------------------------------------------------------------------------------
    _SELECT = f"SELECT {', '.join(COLUMNS)}, removed, annotations FROM documents"

    def _row_to_doc(self, row: Sequence[Any], include_text: bool = True) -> Document:
        data = dict(zip((*COLUMNS, "removed", "annotations"), row, strict=True))
        extra = data.pop("annotations")
        extra = json.loads(extra) if isinstance(extra, str) else extra
        removed = data["removed"]
        data["removed"] = json.loads(removed) if isinstance(removed, str) else removed
        if not include_text:
            data["text"] = ""
        return Document.from_dict({**data, **extra})

    def get(self, key: str) -> Document | None:
        row = self._one(f"{self._SELECT} WHERE id=?", (key,))
        if row is None:
            found = self._one("SELECT doc_id FROM sources WHERE source=?", (key,))
            if found is None and len(key) >= MIN_PREFIX_CHARS:
                # LIKE narrows (its wildcards and escape char in the key escaped), substr keeps the prefix exact:
                # SQLite's LIKE ignores ASCII case
                ids = self._all(f"SELECT id FROM documents WHERE id LIKE ? ESCAPE '{LIKE_ESCAPE}' "
                                "AND substr(id, 1, ?) = ? LIMIT 2", (like_prefix(key), len(key), key))
                found = ids[0] if len(ids) == 1 else None
            if found is None:
                return None
            row = self._one(f"{self._SELECT} WHERE id=?", (found[0],))
        return self._row_to_doc(row)

    def iter_documents(self, *, include_text: bool = True, by_id: bool = False) -> Iterator[Document]:
        key = "id" if by_id else "seq"
        last: Any = "" if by_id else -1
        while True:  # keyset pagination: no cursor held open across the caller's work
            rows = self._all(f"{self._SELECT.replace('SELECT ', f'SELECT {key}, ', 1)} WHERE {key}>? ORDER BY {key} "
                             f"LIMIT {FETCH_ROWS}", (last,))
            if not rows:
                return
            for row in rows:
                last = row[0]
                yield self._row_to_doc(row[1:], include_text)

    def stats(self) -> dict[str, Any]:
        kinds = {k: n for k, n in self._all("SELECT kind, COUNT(*) FROM documents GROUP BY kind ORDER BY kind")}
        return {
            "documents": self._one("SELECT COUNT(*) FROM documents")[0],
            "duplicates": self._one("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL")[0],
            "sources": self._one("SELECT COUNT(*) FROM sources")[0],
            "kinds": kinds,
            "schema_version": self.schema_version,
        }

    # -- derived knowledge ----------------------------------------------------------------------------------
    def watermark(self) -> str:
        row = self._one("SELECT COUNT(*), MAX(ingested_at) FROM documents")
        return f"{row[0]}:{row[1] or 0}"

    def replace_records(self, records: dict[str, list[dict[str, Any]]], state: dict[str, str]) -> None:
        self.apply_kb_changes(KBChanges(
            replace=True, state=state,
            upsert={t: [(f"{i:09d}", item) for i, item in enumerate(items)] for t, items in records.items()}))

    def apply_kb_changes(self, changes: KBChanges) -> None:
        self._begin_write()
        try:
            self._write_kb(changes)
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def apply_kb_parts(self, parts: Iterable[KBChanges]) -> None:
        self._begin_write()
        try:
            emptied = False
            for part in parts:
                self._write_kb(part, emptied=emptied)
                emptied = emptied or part.replace
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def _in_chunks(self, sql: str, keys: Sequence[Any], prefix: Sequence[Any] = ()) -> list[Any]:
        """Rows of ``sql`` (with one ``{marks}`` IN list) over ``keys`` in chunks of :data:`KEYS_PER_QUERY`."""
        rows: list[Any] = []
        for start in range(0, len(keys), KEYS_PER_QUERY):
            part = list(keys[start : start + KEYS_PER_QUERY])
            rows += self._all(sql.format(marks=",".join("?" * len(part))), (*prefix, *part))
        return rows

    def _delete_in(self, table: str, column: str, keys: Collection[str], where: str = "", prefix: Sequence[Any] = ()) -> None:
        keys = list(keys)
        for start in range(0, len(keys), KEYS_PER_QUERY):
            part = keys[start : start + KEYS_PER_QUERY]
            self._execute(self._sql(f"DELETE FROM {table} WHERE {where}{column} IN ({','.join('?' * len(part))})"),
                          (*prefix, *part))

    def _write_rows(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """``executemany`` over rows made lazily, :data:`WRITE_ROWS` at a time (a full build writes every
        document's state and every record: serialised all at once they would hold the knowledge base twice)."""
        sql, batch = self._sql(sql), []
        for row in rows:
            batch.append(row)
            if len(batch) >= WRITE_ROWS:
                self._executemany(sql, batch)
                batch = []
        if batch:
            self._executemany(sql, batch)

    def _write_kb(self, c: KBChanges, *, emptied: bool = False) -> None:
        """One part; ``emptied``: an earlier part of this transaction emptied the tables (no row to replace)."""
        if c.replace:
            for table in _KB_TABLES:
                self._execute(self._sql(f"DELETE FROM {table}"))
        fresh = c.replace or emptied
        for type_, ids in c.delete.items():
            self._delete_in("kb_records", "id", ids, "type=? AND ", (type_,))
        for type_, items in c.upsert.items():
            self._write_rows(
                "INSERT INTO kb_records (type, id, seq, data, sort_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT (type, id) "
                "DO UPDATE SET data=excluded.data, sort_key=CASE WHEN excluded.sort_key='' THEN kb_records.sort_key "
                "ELSE excluded.sort_key END",
                ((type_, item["id"], 0, json.dumps(item, ensure_ascii=False), key) for key, item in items))
        if c.state:
            self._executemany(self._sql("INSERT INTO kb_state VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                                        "value=excluded.value"), list(c.state.items()))
        if not fresh:  # emptied above or by an earlier part
            self._delete_in("kb_doc_state", "doc_id", list(c.doc_states))
        self._write_rows("INSERT INTO kb_doc_state VALUES (?, ?, ?, ?, ?)", (
            (d, st.ingested_at, st.published, st.story, json.dumps(st.data, ensure_ascii=False))
            for d, st in c.doc_states.items() if st is not None))
        if not fresh:
            self._delete_in("kb_blocks", "doc_id", list(c.blocks))
        self._write_rows(self.insert_block_sql,
                         ((k, d) for d, keys in c.blocks.items() for k in dict.fromkeys(keys or ())))
        if c.df:
            self._executemany(self._sql("INSERT INTO kb_df VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET "
                                        "n=kb_df.n+excluded.n"), list(c.df.items()))
            self._delete_in("kb_df", "term", [t for t, n in c.df.items() if n < 0], "n<=0 AND ")
        if not fresh:
            self._delete_in("kb_people", "eid", list(c.people))
        self._executemany(self._sql("INSERT INTO kb_people VALUES (?, ?, ?)"), [  # lines: no JSON to parse
            (eid, "\n".join(p[0]), "\n".join(sorted(p[1]))) for eid, p in c.people.items() if p is not None])
        if not fresh:
            self._delete_in("kb_person_keys", "key", list(c.person_keys))
        self._executemany(self._sql("INSERT INTO kb_person_keys VALUES (?, ?)"),
                          [(k, e) for k, e in c.person_keys.items() if e is not None])
        if c.stories:
            self._executemany(self._sql("UPDATE documents SET story=? WHERE id=?"), [(s, d) for d, s in c.stories.items()])

    def get_records(self, type_: str, ids: Collection[str]) -> dict[str, dict[str, Any]]:
        rows = self._in_chunks("SELECT id, data FROM kb_records WHERE type=? AND id IN ({marks})", sorted(set(ids)), (type_,))
        return {i: json.loads(data) for i, data in rows}

    def get_many(self, ids: Collection[str], *, include_text: bool = True) -> list[Document]:
        rows = self._in_chunks(f"{self._SELECT} WHERE id IN ({{marks}})", sorted(set(ids)))
        return sorted((self._row_to_doc(r, include_text) for r in rows), key=lambda d: d.id)

    def delete_document(self, doc_id: str) -> None:
        self._begin_write()
        try:
            for table, column in (("documents", "id"), ("sources", "doc_id"), ("lsh_bands", "doc_id"),
                                  ("signatures", "doc_id")):
                self._execute(self._sql(f"DELETE FROM {table} WHERE {column}=?"), (doc_id,))
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def ingested_times(self, ids: Collection[str] | None = None) -> dict[str, float]:
        rows = (self._all("SELECT id, ingested_at FROM documents") if ids is None else
                self._in_chunks("SELECT id, ingested_at FROM documents WHERE id IN ({marks})", sorted(set(ids))))
        return {d: float(at) for d, at in rows}

    def doc_states(self, ids: Collection[str]) -> dict[str, DocState]:
        rows = self._in_chunks("SELECT doc_id, ingested_at, published, story, data FROM kb_doc_state "
                               "WHERE doc_id IN ({marks})", sorted(set(ids)))
        return {d: DocState(float(at), pub, story, json.loads(data)) for d, at, pub, story, data in rows}

    def doc_places(self, ids: Collection[str]) -> dict[str, tuple[str | None, str | None]]:
        rows = self._in_chunks("SELECT doc_id, published, story FROM kb_doc_state WHERE doc_id IN ({marks})",
                               sorted(set(ids)))
        return {d: (published, story) for d, published, story in rows}

    def kb_lagging(self) -> tuple[list[str], list[str]]:
        changed = self._all("SELECT d.id FROM documents d LEFT JOIN kb_doc_state s ON s.doc_id = d.id "
                            "WHERE s.doc_id IS NULL OR s.ingested_at < d.ingested_at ORDER BY d.id")
        gone = self._all("SELECT s.doc_id FROM kb_doc_state s LEFT JOIN documents d ON d.id = s.doc_id "
                         "WHERE d.id IS NULL ORDER BY s.doc_id")
        return [r[0] for r in changed], [r[0] for r in gone]

    def block_members(self, keys: Collection[str], max_size: int) -> dict[str, list[str]]:
        keys = sorted(set(keys))
        sizes = self._in_chunks("SELECT key, COUNT(*) FROM kb_blocks WHERE key IN ({marks}) GROUP BY key", keys)
        small = sorted(k for k, n in sizes if int(n) <= max_size)
        out: dict[str, list[str]] = {}
        for key, doc_id in self._in_chunks("SELECT key, doc_id FROM kb_blocks WHERE key IN ({marks})", small):
            out.setdefault(key, []).append(doc_id)
        return out

    def doc_frequencies(self, terms: Collection[str]) -> tuple[dict[str, int], int]:
        rows = self._in_chunks("SELECT term, n FROM kb_df WHERE term IN ({marks})", sorted(set(terms)))
        n_docs = int(self._one("SELECT COUNT(*) FROM kb_doc_state")[0])
        return {t: int(n) for t, n in rows}, n_docs

    def person_index(self) -> tuple[list[tuple[str, list[str], list[str]]], dict[str, str]]:
        people = [(eid, tokens.split("\n"), titles.split("\n") if titles else [])
                  for eid, tokens, titles in self._all("SELECT eid, tokens, titles FROM kb_people ORDER BY eid")]
        return people, {k: e for k, e in self._all("SELECT key, eid FROM kb_person_keys")}

    def iter_records(self, type_: str, *, offset: int = 0, limit: int | None = None) -> Iterator[dict[str, Any]]:
        left = limit
        rows = self._all(f"SELECT sort_key, id, data FROM kb_records WHERE type=? ORDER BY sort_key, id "
                         f"LIMIT {FETCH_ROWS if left is None else min(FETCH_ROWS, left)} OFFSET {int(offset)}", (type_,))
        while rows:  # then keyset pagination: no cursor held open across the caller's work
            for _, _, data in rows:
                yield json.loads(data)
            if left is not None:
                left -= len(rows)
                if left <= 0:
                    return
            key, last, _ = rows[-1]
            page = FETCH_ROWS if left is None else min(FETCH_ROWS, left)
            rows = self._all(f"SELECT sort_key, id, data FROM kb_records WHERE type=? AND (sort_key>? OR "
                             f"(sort_key=? AND id>?)) ORDER BY sort_key, id LIMIT {page}", (type_, key, key, last))

    def get_record(self, type_: str, record_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT data FROM kb_records WHERE type=? AND id=?", (type_, record_id))
        return json.loads(row[0]) if row else None

    def record_fields(self, type_: str, ids: Sequence[str], keys: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """Top-level text fields of records (``keys``: names of this code's choosing, never a user's), read in SQL
        without decoding whole records (an entity's record holds every mention of it: it grows with the store)."""
        fields = ", ".join(self.json_text_sql.format(column="data", key=key) for key in keys)
        rows = self._in_chunks(f"SELECT id, {fields} FROM kb_records WHERE type=? AND id IN ({{marks}})",
                               list(dict.fromkeys(ids)), (type_,))
        return {row[0]: tuple(row[1:]) for row in rows}

    def count_records(self, type_: str) -> int:
        return int(self._one("SELECT COUNT(*) FROM kb_records WHERE type=?", (type_,))[0])

    def kb_state(self) -> dict[str, str]:
        return {k: v for k, v in self._all("SELECT key, value FROM kb_state")}

    @property
    def schema_version(self) -> int:
        row = self._one("SELECT MAX(version) FROM schema_migrations")
        return int(row[0] or 0)
