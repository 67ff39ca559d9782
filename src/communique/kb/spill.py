"""Per-document values set aside on disk while a full knowledge-base build (:mod:`communique.kb.build`) works on
the rest of the store, read back when the document's write group needs them: what the build would otherwise hold
for every document of the store at once (a document's resolved spans and names: ``Resolution.by_span`` and
``by_doc_name``; and each entity's roles, in the order found, until its record is written)."""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Sequence
from typing import Any

__all__ = ["DocSpill"]

IDS_PER_READ = 500  # document ids per IN (...) list (SQLite allows 999 parameters per statement)


class DocSpill:
    """Values by document id in a private temporary SQLite database (its pages beyond SQLite's small cache go to a
    temporary file, deleted when closed). Values are plain data (dicts, lists, tuples, strings, numbers), stored
    with :mod:`marshal`: read back equal, dict order kept."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a temporary on-disk database of this connection alone
        self._db.execute("CREATE TABLE spill (doc TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._db.execute("CREATE TABLE lists (key TEXT NOT NULL, value BLOB NOT NULL)")  # rowid: the order added
        self._db.execute("CREATE INDEX lists_key ON lists(key)")

    def put(self, doc_id: str, value: Any) -> None:
        self._db.execute("INSERT INTO spill VALUES (?, ?)", (doc_id, marshal.dumps(value)))

    def pop_many(self, ids: Sequence[str]) -> dict[str, Any]:
        """The values of ``ids`` that were put (each read once: removed as read)."""
        out: dict[str, Any] = {}
        for start in range(0, len(ids), IDS_PER_READ):
            part = list(ids[start : start + IDS_PER_READ])
            marks = ",".join("?" * len(part))
            for doc_id, blob in self._db.execute(f"SELECT doc, value FROM spill WHERE doc IN ({marks})", part):
                out[doc_id] = marshal.loads(blob)
            self._db.execute(f"DELETE FROM spill WHERE doc IN ({marks})", part)
        return out

    def append(self, key: str, value: Any) -> None:
        """Add ``value`` to the list of ``key`` (an entity's roles)."""
        self._db.execute("INSERT INTO lists VALUES (?, ?)", (key, marshal.dumps(value)))

    def pop_list(self, key: str) -> list[Any]:
        """The values added to ``key``'s list, in the order added (read once: removed as read)."""
        rows = self._db.execute("SELECT value FROM lists WHERE key=? ORDER BY rowid", (key,)).fetchall()
        if rows:
            self._db.execute("DELETE FROM lists WHERE key=?", (key,))
        return [marshal.loads(blob) for (blob,) in rows]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DocSpill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
