"""Export the knowledge base in the interchange format ``communique-export/1`` (../shared/contract/export-v1.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from .kb import ensure_built
from .model import Document
from .store.base import Store

__all__ = ["FORMAT", "RECORD_TYPES", "build_export", "document_record", "iter_records", "write_json", "write_jsonl"]

FORMAT = "communique-export/1"
RECORD_TYPES = ("documents", "entities", "events", "quotes", "claims", "stories")


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "title": doc.title, "publisher": doc.publisher, "url": doc.url,
        "published": doc.published, "dateline": doc.dateline, "kind": doc.kind,
        "kind_evidence": list(doc.meta.get("kind_evidence") or []), "language": doc.language,
        "text": doc.text, "removed": list(doc.removed), "duplicate_of": doc.duplicate_of, "story": doc.story,
    }


def iter_records(store: Store, record_type: str) -> Iterator[dict[str, Any]]:
    """Records of one type, derived knowledge rebuilt first when documents changed."""
    ensure_built(store)
    if record_type == "documents":
        return (document_record(doc) for doc in store.iter_documents())
    return store.iter_records(record_type)


def build_export(store: Store) -> dict[str, Any]:
    """The whole knowledge base as one JSON-ready object."""
    return {"format": FORMAT, **{t: list(iter_records(store, t)) for t in RECORD_TYPES}}


def write_json(store: Store, fh: IO[str]) -> None:
    """Stream the export object to ``fh`` (one record in memory at a time)."""
    fh.write('{"format": ' + json.dumps(FORMAT))
    for record_type in RECORD_TYPES:
        fh.write(f',\n "{record_type}": [')
        for i, record in enumerate(iter_records(store, record_type)):
            fh.write(("," if i else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        fh.write("\n ]")
    fh.write("\n}\n")


def write_jsonl(store: Store, record_type: str, fh: IO[str]) -> int:
    """One record per line for ``record_type`` (one of RECORD_TYPES); returns the count."""
    count = 0
    for record in iter_records(store, record_type):
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
