"""Query-time re-ranking: the index's cheap ingest-time vectors find candidates, MiniLM orders the first few.

The ingest-time vectors are the static embedding (:mod:`.static`: a table look-up per token, ~1/40 of MiniLM's
CPU at ingest); MiniLM is the better ranker. :meth:`SQLIndex.query <communique.search.index.SQLIndex.query>`
calls :func:`rerank` on its ranking (full-text and static vectors fused, or static vectors alone):

1. the first :data:`RERANK_K` ranked items are the head; the rest keeps its order after them;
2. each head item's text is the one its vector is made of (:func:`index.embed_text`: its own for the item types
   with a vector, its passage's for a quote); the MiniLM vectors of those texts come from an LRU cache
   (:data:`RERANK_CACHE` texts, shared by every store of the process) or are embedded now, in one batch;
3. the question is embedded with MiniLM; the head is ranked by cosine (below :data:`index.MIN_COSINE`: no rank);
4. hybrid: head score = ``1 / (RRF_K + full-text rank)`` + ``1 / (RRF_K + MiniLM rank)`` (the fusion search
   uses with MiniLM vectors, unweighted, fixed before any measure); semantic: the MiniLM cosine;
5. the tail's scores are capped at the lowest head score, so that scores never rise down the list.

Which re-ranker: :data:`RERANK_ENV` (``minilm``, or ``0`` for none), else :data:`DEFAULT_RERANKER`. None when
MiniLM is not installed, and never when the index's own vectors are MiniLM's (it would rank them again alike).

Off by default, on the measure (``benchmarks/retrieval.py --variants static,static_rerank --rerank-k 10,20``,
heldout dev split): hybrid recall@10 stays 0.959 at K 10 and 20 (the documents it misses lie at item ranks 26-54,
beyond an affordable head), semantic gains 0.02 at K 20, and a query with a cold cache costs ~20 ms of CPU more
per head passage (mean CPU per hybrid query 41 ms without, 318 ms at K 10, 583 ms at K 20: far over a 150 ms
budget). Worth trying on a faster machine or a warm server: ``COMMUNIQUE_RERANK=minilm``.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["Reranker", "get_reranker", "reset_reranker", "rerank", "RERANK_K", "RERANK_CACHE", "RERANK_ENV", "DEFAULT_RERANKER"]

RERANK_K = 20  # head items re-ranked: about the first 10 documents; MiniLM costs ~20 ms CPU per uncached passage
RERANK_CACHE = 20_000  # passage vectors kept (384 float32: ~30 MB): a store's busy passages stay embedded
RERANK_ENV = "COMMUNIQUE_RERANK"  # "minilm" or "0" (no re-ranking): overrides DEFAULT_RERANKER
DEFAULT_RERANKER = "0"  # off: no recall gained for its query time (module docstring)


class Reranker:
    """MiniLM vectors of item texts with an LRU cache; ``embedder`` is any embedder (``embed(texts)``)."""

    def __init__(self, embedder: Any, cache_size: int = RERANK_CACHE) -> None:
        self.embedder = embedder
        self.name = str(embedder.name)
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised vectors of ``texts`` (cached ones reused; the others embedded in one batch)."""
        with self._lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
            for t in found:
                self._cache.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            fresh = self.embedder.embed(missing)
            with self._lock:
                for t, v in zip(missing, fresh, strict=True):
                    found[t] = self._cache[t] = v
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, int(self.embedder.dim)), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def prime(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Put known vectors of ``texts`` in the cache (a benchmark that already embedded them)."""
        with self._lock:
            for t, v in zip(texts, vectors, strict=True):
                self._cache[t] = np.asarray(v, dtype=np.float32)
                self._cache.move_to_end(t)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)


_lock = threading.Lock()
_cached: dict[str, Reranker | None] = {}


def get_reranker(kind: str | None = None) -> Reranker | None:
    """The shared re-ranker (default: :data:`RERANK_ENV`, else :data:`DEFAULT_RERANKER`); None for ``0`` or when
    MiniLM is not installed (search then ranks with the index's own vectors)."""
    from .semantic import NO_SEMANTIC_ENV, get_embedder

    kind = kind or os.environ.get(RERANK_ENV) or DEFAULT_RERANKER
    if kind == "0" or os.environ.get(NO_SEMANTIC_ENV) == "1":
        return None
    with _lock:
        if kind not in _cached:
            embedder = get_embedder(kind)
            _cached[kind] = Reranker(embedder) if embedder is not None else None
        return _cached[kind]


def reset_reranker() -> None:
    """Forget the loaded re-rankers and their caches (tests; :func:`semantic.reset_embedder` calls it)."""
    with _lock:
        _cached.clear()


def rerank(reranker: Reranker, query: str, ranked: list[tuple[Any, float]], texts: dict[int, str],
           fts_rank: dict[int, int], *, semantic: bool, rrf_k: int, min_cosine: float,
           k: int = RERANK_K) -> list[tuple[Any, float]]:
    """Steps 1-5 of the module docstring. ``ranked``: (row, score) best first, ``row[0]`` the item id;
    ``texts``: item id -> the text its vector is made of; ``fts_rank``: item id -> 1-based full-text rank."""
    head, tail = ranked[:k], ranked[k:]  # 1.
    ids = [row[0] for row, _ in head if row[0] in texts]
    if not ids:
        return ranked
    vectors = reranker.vectors([texts[i] for i in ids])  # 2.
    cosines = vectors @ reranker.vectors([query])[0]  # 3.
    cosine_of = dict(zip(ids, (float(c) for c in cosines), strict=True))
    order = sorted((i for i in ids if cosine_of[i] >= min_cosine), key=lambda i: -cosine_of[i])
    minilm_rank = {item: rank for rank, item in enumerate(order, start=1)}
    rescored = []
    for row, _ in head:  # 4.
        item = row[0]
        if semantic:
            score = cosine_of.get(item, 0.0)
        else:
            score = (1.0 / (rrf_k + fts_rank[item]) if item in fts_rank else 0.0) + \
                (1.0 / (rrf_k + minilm_rank[item]) if item in minilm_rank else 0.0)
        rescored.append((row, score))
    rescored.sort(key=lambda x: -x[1])
    floor = rescored[-1][1] if rescored else 0.0
    return rescored + [(row, min(score, floor)) for row, score in tail]  # 5.
