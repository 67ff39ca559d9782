"""``search`` (full-text, semantic or hybrid) and ``refresh_index``.

Hybrid = reciprocal-rank fusion of the full-text ranking and the semantic ranking:
``score(item) = sum over rankings of 1 / (RRF_K + rank)``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import numpy as np

from .fts import (
    Hit,
    SearchQueryError,
    ensure_schema,
    filter_clause,
    fts_search,
    item_rows,
    refresh_text_index,
    snippet,
    to_fts_query,
)
from .semantic import embed_missing, get_embedder, has_missing_vectors

__all__ = ["search", "refresh_index", "MODES", "RRF_K", "CANDIDATES_PER_RESULT"]

MODES = ("hybrid", "fts", "semantic")
RRF_K = 60  # the usual reciprocal-rank-fusion constant (Cormack et al. 2009): damps the weight of top ranks
CANDIDATES_PER_RESULT = 3  # each ranking contributes limit * this many candidates to the fusion
MIN_COSINE = 0.15  # semantic matches below this are unrelated text for MiniLM (unrelated pairs score ~0.1)


def _conn(store: Any) -> sqlite3.Connection:
    conn = getattr(store, "conn", None)
    if conn is None:
        raise SearchQueryError("search needs an SQLite store (communique ingest --db FILE)")
    return conn


def refresh_index(store: Any) -> int:
    """Bring the search index up to date; returns the number of documents (re)indexed. Idempotent."""
    conn = _conn(store)
    done = refresh_text_index(store)
    if not has_missing_vectors(conn):  # complete already: do not load the model
        return done
    embedder = get_embedder()
    if embedder is not None:
        embed_missing(conn, embedder)
    return done


def _semantic(conn: sqlite3.Connection, query: str, where: str, params: list[Any], limit: int) -> list[tuple]:
    embedder = get_embedder()
    if embedder is None:
        return []
    rows = item_rows(conn, where, params)
    if not rows:
        return []
    matrix = np.frombuffer(b"".join(r[8] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    scores = matrix @ embedder.embed([query])[0]
    order = np.argsort(-scores)[:limit]
    return [(*rows[i][:8], float(scores[i])) for i in order if scores[i] >= MIN_COSINE]


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
    if mode not in MODES:
        raise SearchQueryError(f"unknown search mode {mode!r}: use one of {', '.join(MODES)}")
    if limit < 1:
        raise SearchQueryError(f"search limit must be at least 1 (got {limit})")
    if getattr(store, "placeholder", "?") == "%s":  # the PostgreSQL backend: tsvector full-text
        from .pg import pg_search

        return pg_search(store, query, kind=kind, since=since, until=until, source=source, limit=limit,
                         actor=actor, topic=topic, semantic=mode == "semantic")
    conn = _conn(store)
    ensure_schema(conn)
    where, params = filter_clause(kind=kind, actor=actor, topic=topic, since=since, until=until, source=source)
    n = limit * CANDIDATES_PER_RESULT
    fts_rows = fts_search(conn, to_fts_query(query), where, params, n) if mode != "semantic" else []
    if mode != "fts" and get_embedder() is None:
        if mode == "semantic":
            fts_rows = fts_search(conn, to_fts_query(query), where, params, n)
        mode = "fts"
    sem_rows = _semantic(conn, query, where, params, n) if mode != "fts" else []
    if mode == "fts" or not sem_rows:
        ranked = [(row, row[8]) for row in fts_rows]
    elif mode == "semantic":
        ranked = [(row, row[8]) for row in sem_rows]
    else:
        fused: dict[int, list[Any]] = {}
        for rows in (fts_rows, sem_rows):
            for rank, row in enumerate(rows, start=1):
                entry = fused.setdefault(row[0], [row, 0.0])
                entry[1] += 1.0 / (RRF_K + rank)
        ranked = sorted(((row, score) for row, score in fused.values()), key=lambda x: -x[1])
    return [
        Hit(type=row[2], doc=row[1], start=row[3], end=row[4], snippet=snippet(row[5]), score=round(float(score), 6),
            title=row[6], published=row[7])
        for row, score in ranked[:limit]
    ]
