"""SQLite store (the embedded default): WAL journal, versioned migrations, one transaction per document."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import StoreError
from ..model import Document
from . import dedup
from .base import Store

__all__ = ["SQLiteStore", "MIGRATIONS"]

BUSY_TIMEOUT_MS = 30_000  # a second writer (another ingest) waits this long for the lock before failing

# Versioned migrations: append, never edit a released one. Version = index + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
        ingested_at REAL NOT NULL
    );
    CREATE INDEX documents_content_hash ON documents(content_hash);
    CREATE TABLE sources (source TEXT PRIMARY KEY, doc_id TEXT NOT NULL);
    CREATE TABLE lsh_bands (key TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (key, doc_id));
    CREATE TABLE signatures (doc_id TEXT PRIMARY KEY, sig BLOB NOT NULL);
    """,
)

# Document fields stored in their own columns; everything else goes to the `annotations` JSON.
_COLUMNS = ("id", "source", "title", "publisher", "url", "published", "dateline", "kind", "language", "text",
            "duplicate_of", "story")
_JSON_FIELDS = ("content_type", "meta", "mentions", "roles", "quotes", "timexes", "claims", "events")
_SETTABLE = {"story", "duplicate_of", "title", "publisher", "published", "dateline", "kind"}


class SQLiteStore(Store):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable SQLite database ({exc}); pass a new file name with --db") from None

    # -- schema -------------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at REAL)")
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, sql in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                # re-check under the write lock: another process may have migrated meanwhile
                if self.conn.execute("SELECT 1 FROM schema_migrations WHERE version=?", (version,)).fetchone():
                    self.conn.execute("COMMIT")
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, time.time()))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- writes -------------------------------------------------------------------------------------------
    def needs(self, doc_id: str, pipeline: str) -> bool:
        row = self.conn.execute("SELECT pipeline FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row is None or row[0] != pipeline

    def add_source(self, source: str, doc_id: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (source, doc_id))

    def _canonical(self, doc_id: str) -> str:
        row = self.conn.execute("SELECT duplicate_of FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row and row[0] else doc_id

    def _find_duplicate(self, doc: Document, chash: str, sig: np.ndarray | None, keys: list[str]) -> str | None:
        if doc.text.strip():
            row = self.conn.execute(
                "SELECT id FROM documents WHERE content_hash=? AND id<>? ORDER BY seq LIMIT 1", (chash, doc.id)
            ).fetchone()
            if row:
                return self._canonical(row[0])
        if sig is None:
            return None
        marks = ",".join("?" * len(keys))
        candidates = self.conn.execute(
            f"SELECT s.doc_id, s.sig FROM signatures s JOIN documents d ON d.id = s.doc_id "
            f"WHERE s.doc_id IN (SELECT doc_id FROM lsh_bands WHERE key IN ({marks})) AND s.doc_id<>? ORDER BY d.seq",
            (*keys, doc.id),
        ).fetchall()
        for cand_id, blob in candidates:
            if dedup.jaccard(sig, np.frombuffer(blob, dtype=np.uint64)) >= dedup.NEAR_DUPLICATE_JACCARD:
                return self._canonical(cand_id)
        return None

    def put(self, doc: Document, pipeline: str) -> Document:
        chash = dedup.content_hash(doc.text)
        sig = dedup.signature(doc.text)
        keys = dedup.band_keys(sig) if sig is not None else []
        data = doc.to_dict()
        annotations = json.dumps({k: data[k] for k in _JSON_FIELDS}, ensure_ascii=False)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            existing = self.conn.execute("SELECT story FROM documents WHERE id=?", (doc.id,)).fetchone()
            duplicate_of = self._find_duplicate(doc, chash, sig, keys)
            if duplicate_of == doc.id:
                duplicate_of = None
            doc = doc.replace(duplicate_of=duplicate_of, story=doc.story or (existing[0] if existing else None))
            values = [getattr(doc, c) for c in _COLUMNS]
            row = (*values, json.dumps(doc.removed, ensure_ascii=False), chash, pipeline, annotations, time.time())
            if existing:
                sets = ", ".join(f"{c}=?" for c in (*_COLUMNS, "removed", "content_hash", "pipeline", "annotations", "ingested_at"))
                self.conn.execute(f"UPDATE documents SET {sets} WHERE id=?", (*row, doc.id))
                self.conn.execute("DELETE FROM lsh_bands WHERE doc_id=?", (doc.id,))
                self.conn.execute("DELETE FROM signatures WHERE doc_id=?", (doc.id,))
            else:
                cols = ", ".join((*_COLUMNS, "removed", "content_hash", "pipeline", "annotations", "ingested_at"))
                self.conn.execute(f"INSERT INTO documents ({cols}) VALUES ({','.join('?' * len(row))})", row)
            if sig is not None:
                self.conn.executemany("INSERT OR IGNORE INTO lsh_bands VALUES (?, ?)", [(k, doc.id) for k in keys])
                self.conn.execute("INSERT INTO signatures VALUES (?, ?)", (doc.id, sig.tobytes()))
            self.conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (doc.source, doc.id))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return doc

    def set_fields(self, doc_id: str, **fields: Any) -> None:
        unknown = set(fields) - _SETTABLE
        if unknown:
            raise StoreError(f"cannot set {', '.join(sorted(unknown))} on a stored document")
        if fields:
            sets = ", ".join(f"{k}=?" for k in fields)
            self.conn.execute(f"UPDATE documents SET {sets} WHERE id=?", (*fields.values(), doc_id))

    # -- reads --------------------------------------------------------------------------------------------
    def _row_to_doc(self, row: sqlite3.Row | tuple, include_text: bool = True) -> Document:
        data = dict(zip((*_COLUMNS, "removed", "annotations"), row, strict=True))
        extra = json.loads(data.pop("annotations"))
        data["removed"] = json.loads(data["removed"])
        if not include_text:
            data["text"] = ""
        return Document.from_dict({**data, **extra})

    _SELECT = f"SELECT {', '.join(_COLUMNS)}, removed, annotations FROM documents"

    def get(self, key: str) -> Document | None:
        row = self.conn.execute(f"{self._SELECT} WHERE id=?", (key,)).fetchone()
        if row is None:
            found = self.conn.execute("SELECT doc_id FROM sources WHERE source=?", (key,)).fetchone()
            if found is None and len(key) >= 4:
                ids = self.conn.execute("SELECT id FROM documents WHERE id LIKE ? LIMIT 2", (key + "%",)).fetchall()
                found = ids[0] if len(ids) == 1 else None
            if found is None:
                return None
            row = self.conn.execute(f"{self._SELECT} WHERE id=?", (found[0],)).fetchone()
        return self._row_to_doc(row)

    def iter_documents(self, *, include_text: bool = True) -> Iterator[Document]:
        cursor = self.conn.execute(f"{self._SELECT} ORDER BY seq")
        while rows := cursor.fetchmany(256):
            for row in rows:
                yield self._row_to_doc(row, include_text)

    def stats(self) -> dict[str, Any]:
        q = self.conn.execute
        kinds = dict(q("SELECT kind, COUNT(*) FROM documents GROUP BY kind ORDER BY kind").fetchall())
        return {
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "duplicates": q("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0],
            "sources": q("SELECT COUNT(*) FROM sources").fetchone()[0],
            "kinds": kinds,
            "schema_version": self.schema_version,
            "path": self.path,
        }

    def close(self) -> None:
        self.conn.close()
