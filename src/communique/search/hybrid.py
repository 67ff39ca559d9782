"""``search`` (full-text, semantic or hybrid) and ``refresh_index``: one call each into the store's search index
(:func:`communique.search.index.index_for`)."""

from __future__ import annotations

from typing import Any

from .hits import Filters, Hit
from .index import CANDIDATES_PER_RESULT, MODES, RRF_K, index_for

__all__ = ["search", "refresh_index", "MODES", "RRF_K", "CANDIDATES_PER_RESULT"]


def refresh_index(store: Any) -> int:
    """Bring the search index up to date; returns the number of documents (re)indexed. Idempotent."""
    return index_for(store).refresh()


def search(
    store: Any,
    query: str,
    *,
    kind: str | None = None,
    actor: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    mode: str = "hybrid",
    limit: int = 20,
) -> list[Hit]:
    """Hits for ``query`` best first. ``mode``: ``hybrid`` (default), ``fts`` or ``semantic``.

    Semantic and hybrid search fall back to full-text when the embedding model is not installed.
    """
    filters = Filters(kind=kind, actor=actor, topic=topic, since=since, until=until, source=source)
    return index_for(store).query(query, filters, limit=limit, mode=mode)
