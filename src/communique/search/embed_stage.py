"""``communique.embed.v1``: search vectors computed where a document is processed (a pool worker, a Ray task),
not in the ingest driver after the run.

1. the stage embeds the document's items of :data:`index.VECTOR_TYPES` (passages and events: the same items and
   text the index makes, so it runs after the NLP stage) with the default embedder and puts them on
   ``doc.meta[VECTORS_META]``: the model key, each item's (type, start, end) and the float16 vectors (base64:
   picklable and JSON-safe);
2. whoever stores the document calls :func:`put_document`: the vectors are taken off the document (they are never
   part of the stored document) and written to the index's ``search_pending`` table, one row per item;
3. the index refresh takes a document's pending vectors when it indexes the document (same model key, type and
   offsets) and embeds only what is left (another model, a document stored by another pipeline, a killed run).
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

from ..model import Document
from ..registry import stage
from .hits import document_items
from .index import VECTOR_TYPES, embed_text, model_key
from .semantic import get_embedder

__all__ = ["EMBED_STAGE", "VECTORS_META", "embed_passages", "put_document", "decode_vectors"]

EMBED_STAGE = "communique.embed.v1"
VECTORS_META = "passage_vectors"


@stage(EMBED_STAGE)
def embed_passages(doc: Document) -> Document:
    """Step 1: ``doc`` with its item vectors in ``meta`` (unchanged when no embedder is installed)."""
    embedder = get_embedder()
    items = [it for it in document_items(doc) if it.type in VECTOR_TYPES]
    if embedder is None or not items:
        return doc
    vectors = embedder.embed([embed_text(it.who, it.body) for it in items]).astype(np.float16)
    payload = {"model": model_key(embedder.name), "dim": int(vectors.shape[1]),
               "spans": [[it.type, it.start, it.end] for it in items],
               "vectors": base64.b64encode(vectors.tobytes()).decode("ascii")}
    return doc.replace(meta={**doc.meta, VECTORS_META: payload})


def decode_vectors(payload: dict[str, Any]) -> tuple[str, list[tuple[str, int, int]], np.ndarray]:
    """(model key, each item's (type, start, end), float16 vectors [items, dim]) of a stage payload."""
    raw = np.frombuffer(base64.b64decode(payload["vectors"]), dtype=np.float16)
    spans = [(str(t), int(s), int(e)) for t, s, e in payload["spans"]]
    return str(payload["model"]), spans, raw.reshape(len(spans), int(payload["dim"]))


def put_documents(store: Any, docs: list[Document], pipeline: str) -> list[Document]:
    """:func:`put_document` for a batch: one ``store.put_many`` (one transaction), then the vectors handed over."""
    payloads = [doc.meta.get(VECTORS_META) for doc in docs]
    bare = [doc.replace(meta={k: v for k, v in doc.meta.items() if k != VECTORS_META}) if payload is not None else doc
            for doc, payload in zip(docs, payloads, strict=True)]
    stored: list[Document] = store.put_many(bare, pipeline)
    if any(p is not None for p in payloads):
        from .index import index_for

        index = index_for(store)
        for doc, payload in zip(stored, payloads, strict=True):
            if payload is not None and doc.duplicate_of is None:
                index.stash_vectors(doc.id, *decode_vectors(payload))
    return stored


def put_document(store: Any, doc: Document, pipeline: str) -> Document:
    """Step 2: store ``doc`` without its vectors, then hand them to the search index (a canonical document only:
    a duplicate's text is not indexed)."""
    payload = doc.meta.get(VECTORS_META)
    if payload is not None:
        doc = doc.replace(meta={k: v for k, v in doc.meta.items() if k != VECTORS_META})
    stored: Document = store.put(doc, pipeline)
    if payload is not None and stored.duplicate_of is None:
        from .index import index_for

        index_for(store).stash_vectors(stored.id, *decode_vectors(payload))
    return stored
