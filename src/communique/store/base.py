"""The store interface: SQLite (embedded default) and PostgreSQL (shared server) implement it.

Contract every backend keeps:
- ``put`` is atomic per document (document row, source row and its LSH bands commit together), so a process
  killed at any point leaves a consistent database, and a rerun completes the work.
- ``put`` is idempotent: the same document id with the same pipeline changes nothing.
- duplicates: an exact duplicate (same normalised clean text) or a near duplicate (MinHash Jaccard at or above
  ``NEAR_DUPLICATE_JACCARD``) of an earlier document gets ``duplicate_of`` = that document's id.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from typing import Any

from ..model import Document

__all__ = ["Store"]


class Store(abc.ABC):
    """A knowledge-base store."""

    @abc.abstractmethod
    def needs(self, doc_id: str, pipeline: str) -> bool:
        """True when ``doc_id`` is absent or was processed by another pipeline."""

    @abc.abstractmethod
    def add_source(self, source: str, doc_id: str) -> None:
        """Record that ``source`` holds the document ``doc_id`` (the same bytes can come from several paths)."""

    @abc.abstractmethod
    def put(self, doc: Document, pipeline: str) -> Document:
        """Store ``doc`` (replacing an earlier version with the same id); returns it with ``duplicate_of`` set."""

    @abc.abstractmethod
    def get(self, key: str) -> Document | None:
        """A document by id, unique id prefix, or source."""

    @abc.abstractmethod
    def iter_documents(self, *, include_text: bool = True, by_id: bool = False) -> Iterator[Document]:
        """Every document, in ingest order (``by_id``: in id order, which does not depend on the ingest order)."""

    @abc.abstractmethod
    def set_fields(self, doc_id: str, **fields: Any) -> None:
        """Update plain document fields (``story``, ...)."""

    @abc.abstractmethod
    def watermark(self) -> str:
        """Changes whenever a document is added or re-processed (tells when derived knowledge is stale)."""

    @abc.abstractmethod
    def replace_records(self, records: dict[str, list[dict[str, Any]]], state: dict[str, str]) -> None:
        """Atomically replace the derived knowledge (entities, events, stories ...) and its state."""

    @abc.abstractmethod
    def iter_records(self, type_: str, *, offset: int = 0, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Derived records of one type, in build order."""

    @abc.abstractmethod
    def get_record(self, type_: str, record_id: str) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    def count_records(self, type_: str) -> int: ...

    @abc.abstractmethod
    def kb_state(self) -> dict[str, str]: ...

    @abc.abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts for ``communique stats``."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
