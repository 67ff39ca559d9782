"""SQLite store (the embedded default): WAL journal, versioned migrations, one transaction per document."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .sql import SQLStore

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
    """
    CREATE TABLE kb_records (type TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
                             PRIMARY KEY (type, id));
    CREATE INDEX kb_records_order ON kb_records(type, seq);
    CREATE TABLE kb_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
)


class SQLiteStore(SQLStore):
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

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.conn.executemany(sql, rows)

    def _begin_write(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at REAL)")
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, sql in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            self._begin_write()
            try:
                # re-check under the write lock: another process may have migrated meanwhile
                if not self.conn.execute("SELECT 1 FROM schema_migrations WHERE version=?", (version,)).fetchone():
                    for statement in sql.split(";"):
                        if statement.strip():
                            self.conn.execute(statement)
                    self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, time.time()))
                self._commit()
            except BaseException:
                self._rollback()
                raise

    def stats(self) -> dict[str, Any]:
        return {**super().stats(), "path": self.path}

    def close(self) -> None:
        self.conn.close()
