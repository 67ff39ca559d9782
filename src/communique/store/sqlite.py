"""SQLite store (the embedded default): WAL journal, versioned migrations, one transaction per document."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .browse import SCHEMA_V4
from .sql import SCHEMA_V2, SCHEMA_V3, SQLStore, schema_v1, schema_v5

__all__ = ["SQLiteStore", "MIGRATIONS"]

BUSY_TIMEOUT_MS = 30_000  # a second writer (another ingest) waits this long for the lock before failing

# Versioned migrations: append, never edit a released one. Version = index + 1.
MIGRATIONS: tuple[str, ...] = (
    schema_v1(serial_key="INTEGER PRIMARY KEY AUTOINCREMENT", real="REAL", blob="BLOB"),
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    schema_v5(real="REAL"),
)


class SQLiteStore(SQLStore):
    # without statistics SQLite reads facets of a few items through the (type, facet, ...) key: every row of the
    # facet; the item index reads only theirs
    facets_by_item = " INDEXED BY browse_facets_item"

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
        if self.conn.in_transaction:
            self.conn.executemany(sql, rows)
            return
        # outside a transaction (autocommit) each row would commit on its own, a WAL write per row (an ingest's
        # outlet lines: a hundred a document): one transaction for the lot
        self._begin_write()
        try:
            self.conn.executemany(sql, rows)
            self._commit()
        except BaseException:
            self._rollback()
            raise

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

    def kb_lagging(self) -> tuple[list[str], list[str]]:
        """As :meth:`SQLStore.kb_lagging`, from the two covering indexes of the documents (``id``, ``ingested_at``):
        a join reads ``ingested_at`` from each row, past its text and annotations (most of an update's scan)."""
        ids = dict(self.conn.execute("SELECT seq, id FROM documents").fetchall())
        stored = {ids[seq]: at for seq, at in self.conn.execute("SELECT seq, ingested_at FROM documents").fetchall()
                  if seq in ids}
        states = dict(self.conn.execute("SELECT doc_id, ingested_at FROM kb_doc_state").fetchall())
        changed = sorted(d for d, at in stored.items() if d not in states or states[d] < at)
        return changed, sorted(d for d in states if d not in stored)

    def stats(self) -> dict[str, Any]:
        return {**super().stats(), "path": self.path}

    def close(self) -> None:
        self.conn.close()
