"""``POST /api/ingest``: documents sent as JSON run through the same pipeline as ``communique ingest``.

Each item becomes a Document (id = hash of the item's canonical JSON, so resending the same item changes
nothing) and goes through ``ingest_documents`` and ``finish``, exactly as files do.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from ..ingest.readers import normalise_date, sniff_content_type
from ..ingest.run import FULL_PIPELINE, finish, ingest_documents
from ..model import Document, document_id
from ..pipeline import DEFAULT_PIPELINE
from ..store.base import Store

__all__ = ["IngestItem", "MAX_DOCUMENTS", "MAX_TEXT_CHARS", "ingest_items"]

MAX_DOCUMENTS = 100  # per request: one request holds the worker for the whole batch
MAX_TEXT_CHARS = 2_000_000  # the CLI's default byte limit order of magnitude; larger inputs go through the CLI


class IngestItem(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="the document (plain text, Markdown or HTML)")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40, description="publication date, e.g. 2025-03-04")


def _document(item: IngestItem) -> Document:
    canonical = json.dumps(item.model_dump(), sort_keys=True, ensure_ascii=False).encode()
    doc_id = document_id(canonical)
    return Document(
        id=doc_id, source=item.url or f"api:{doc_id}", raw=item.text, content_type=sniff_content_type(item.text),
        url=item.url, title=(item.title or "").strip() or None, published=normalise_date(item.published),
    )


def ingest_items(store: Store, items: list[IngestItem], *, extract: bool = True) -> dict[str, Any]:
    """Ingest ``items`` into ``store``; returns counts, one line per failed item, and the stored ids."""
    docs = [_document(item) for item in items]
    report = ingest_documents(docs, store, stages=FULL_PIPELINE if extract else DEFAULT_PIPELINE)
    finish(store, report)
    return {"read": report.read, "added": report.added, "unchanged": report.unchanged,
            "duplicates": report.duplicates, "errors": report.errors, "ids": [d.id for d in docs]}
