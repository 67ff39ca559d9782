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
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Document

__all__ = ["DocState", "KBChanges", "Store"]


@dataclass(slots=True)
class DocState:
    """What the knowledge base derived from one document (see :mod:`communique.kb.update`)."""

    ingested_at: float  # the stored document's ``ingested_at`` this was derived from (a newer one: derive again)
    published: str | None
    story: str | None
    data: dict[str, Any]  # term counts, resolved mentions, record ids


@dataclass
class KBChanges:
    """One write of the knowledge base, applied in one transaction (:meth:`Store.apply_kb_changes`).

    ``replace``: a full build; every knowledge-base table is emptied first. Otherwise each part changes only the
    rows it names. Records: ``upsert`` maps a type to (sort key, record) pairs (an empty sort key keeps a stored
    record's place), ``delete`` to record ids.
    ``doc_states``/``blocks``/``people``: None deletes the row(s) of that key; ``blocks`` replaces a document's
    keys; ``df``: term -> change of its document frequency; ``person_keys``: name key -> entity id (None deletes);
    ``stories``: document -> story id, set on the document.
    """

    replace: bool = False
    upsert: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    delete: dict[str, Collection[str]] = field(default_factory=dict)
    state: dict[str, str] = field(default_factory=dict)
    doc_states: dict[str, DocState | None] = field(default_factory=dict)
    blocks: dict[str, Sequence[str] | None] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    people: dict[str, tuple[Sequence[str], Sequence[str]] | None] = field(default_factory=dict)
    person_keys: dict[str, str | None] = field(default_factory=dict)
    stories: dict[str, str | None] = field(default_factory=dict)


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

    def put_many(self, docs: Sequence[Document], pipeline: str) -> list[Document]:
        """Store several documents (a backend may commit them in one transaction under one write lock)."""
        return [self.put(doc, pipeline) for doc in docs]

    put_batch = 1  # documents the ingest driver hands to put_many at a time (1: each commits on its own)

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

    # -- incremental knowledge base (:mod:`communique.kb.update`) ----------------------------------------------
    @abc.abstractmethod
    def apply_kb_changes(self, changes: KBChanges) -> None:
        """Write records, their state and the update indexes in one transaction."""

    def apply_kb_parts(self, parts: Iterable[KBChanges]) -> None:
        """Several writes of the knowledge base as one: each part is made (by the caller's iterator) after the one
        before was written, so a full build holds one part at a time. A backend applies them in one transaction
        (the first part's ``replace`` empties the tables once); this fallback applies each on its own."""
        for part in parts:
            self.apply_kb_changes(part)

    def upsert_records(self, type_: str, records: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Insert or replace records of one type ((sort key, record) pairs), in one transaction."""
        self.apply_kb_changes(KBChanges(upsert={type_: list(records)}))

    def delete_records(self, type_: str, ids: Collection[str]) -> None:
        """Delete records of one type by id, in one transaction."""
        self.apply_kb_changes(KBChanges(delete={type_: ids}))

    @abc.abstractmethod
    def get_records(self, type_: str, ids: Collection[str]) -> dict[str, dict[str, Any]]:
        """Records of one type by id (absent ids left out)."""

    @abc.abstractmethod
    def get_many(self, ids: Collection[str], *, include_text: bool = True) -> list[Document]:
        """Stored documents by id, in id order (absent ids left out)."""

    @abc.abstractmethod
    def delete_document(self, doc_id: str) -> None:
        """Remove a stored document (its sources and duplicate-detection rows with it)."""

    @abc.abstractmethod
    def ingested_times(self, ids: Collection[str] | None = None) -> dict[str, float]:
        """Document id -> when it was last stored (``ingested_at``), of ``ids`` (default: every document)."""

    @abc.abstractmethod
    def doc_states(self, ids: Collection[str]) -> dict[str, DocState]: ...

    @abc.abstractmethod
    def doc_places(self, ids: Collection[str]) -> dict[str, tuple[str | None, str | None]]:
        """(publication date, story) of derived documents, without their state."""

    @abc.abstractmethod
    def kb_lagging(self) -> tuple[list[str], list[str]]:
        """(documents stored or re-processed since the knowledge base derived them, documents it derived that are
        no longer stored), each in id order."""

    @abc.abstractmethod
    def block_members(self, keys: Collection[str], max_size: int) -> dict[str, list[str]]:
        """Documents indexed under each block key; keys with more than ``max_size`` documents left out."""

    @abc.abstractmethod
    def doc_frequencies(self, terms: Collection[str]) -> tuple[dict[str, int], int]:
        """(document frequency of each term known, number of documents in the knowledge base)."""

    @abc.abstractmethod
    def person_index(self) -> tuple[list[tuple[str, list[str], list[str]]], dict[str, str]]:
        """([(entity id, name tokens, titles)], {name key: entity id}) of entity resolution."""

    @abc.abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts for ``communique stats``."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
