"""``POST /api/ingest``: documents sent as JSON run through the same pipeline as ``communique ingest``.

Cascade per item: 1. build a Document (id = hash of the item's canonical JSON, so resending the same item
changes nothing); 2. skip it when already stored with this pipeline; 3. run the stages; 4. store it. After the
batch, the knowledge base is rebuilt and the search index refreshed.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from ..ingest.readers import normalise_date, sniff_content_type
from ..ingest.run import FULL_PIPELINE
from ..model import Document, document_id
from ..pipeline import DEFAULT_PIPELINE, Failure, run_pipeline
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
    from ..kb import build

    stages = FULL_PIPELINE if extract else DEFAULT_PIPELINE
    key = ",".join(stages)
    docs = [_document(item) for item in items]
    todo = [d for d in docs if store.needs(d.id, key)]
    result: dict[str, Any] = {"read": len(docs), "added": 0, "unchanged": len(docs) - len(todo), "duplicates": 0,
                              "errors": [], "ids": [d.id for d in docs]}
    for out in run_pipeline(todo, stages):
        if isinstance(out, Failure):
            result["errors"].append(f"{out.source}: {out.stage} failed: {out.message}")
            continue
        stored = store.put(out.replace(raw=""), key)
        result["added"] += 1
        result["duplicates"] += stored.duplicate_of is not None
    if result["added"]:
        build(store)
        if getattr(store, "conn", None) is not None:
            from ..search.fts import refresh_text_index

            refresh_text_index(store)
    return result
