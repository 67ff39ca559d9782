"""Export the knowledge base in the interchange format ``communique-export/1`` (../shared/contract/export-v1.md)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import IO, Any

from .model import Document
from .resolve.entities import Resolution, resolve
from .store.base import Store

__all__ = ["FORMAT", "RECORD_TYPES", "build_export", "write_json", "write_jsonl"]

FORMAT = "communique-export/1"
RECORD_TYPES = ("documents", "entities", "events", "quotes", "claims", "stories")


def _id(prefix: str, *parts: object) -> str:
    return prefix + "-" + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:12]


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "title": doc.title, "publisher": doc.publisher, "url": doc.url,
        "published": doc.published, "dateline": doc.dateline, "kind": doc.kind, "language": doc.language,
        "text": doc.text, "removed": list(doc.removed), "duplicate_of": doc.duplicate_of, "story": doc.story,
    }


def _quote_records(doc: Document, res: Resolution) -> Iterator[dict[str, Any]]:
    for q in doc.quotes:
        yield {
            "id": _id("q", doc.id, q.start, q.end), "doc": doc.id, "start": q.start, "end": q.end, "text": q.text,
            "speaker": res.entity_for(doc.id, q.speaker_start, q.speaker_end, q.speaker_name),
            "speaker_name": q.speaker_name, "direct": q.direct, "interpreted": q.interpreted, "event": None,
        }


def _claim_records(doc: Document, res: Resolution) -> Iterator[dict[str, Any]]:
    for c in doc.claims:
        yield {
            "id": _id("c", doc.id, c.start, c.end), "doc": doc.id, "start": c.start, "end": c.end, "text": c.text,
            "value": c.value, "unit": c.unit, "qualifier": c.qualifier, "about": c.about, "as_of": c.as_of,
            "speaker": res.entity_for(doc.id, None, None, c.speaker_name) if c.speaker_name else None, "event": None,
        }


def build_export(store: Store) -> dict[str, Any]:
    """The whole knowledge base as one JSON-ready object."""
    res = resolve(store.iter_documents(include_text=False))
    out: dict[str, Any] = {"format": FORMAT, "documents": [], "entities": [], "events": [], "quotes": [],
                           "claims": [], "stories": []}
    for doc in store.iter_documents():
        out["documents"].append(document_record(doc))
        out["quotes"].extend(_quote_records(doc, res))
        out["claims"].extend(_claim_records(doc, res))
    out["entities"] = [ent.as_dict() for ent in res.entities.values()]
    return out


def write_json(store: Store, fh: IO[str]) -> None:
    json.dump(build_export(store), fh, ensure_ascii=False, indent=1)
    fh.write("\n")


def write_jsonl(store: Store, record_type: str, fh: IO[str]) -> int:
    """One record per line for ``record_type`` (one of RECORD_TYPES); returns the count."""
    records = build_export(store)[record_type]
    for record in records:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)
