"""Semantic ranking by a partition gives exactly the start of the full stable sort (ties in index order); a large
matrix's shortlist holds the best rows, scored in full."""

from __future__ import annotations

import numpy as np
import pytest

from communique.search import index as index_module
from communique.search.index import VectorMatrix, _best_first


@pytest.mark.parametrize("size", [0, 1, 9, 2000])
@pytest.mark.parametrize("decimals", [1, 2, 6])  # few decimals: many tied scores, also at the cut
@pytest.mark.parametrize("want", [1, 5, 500])
def test_index_best_first_is_the_stable_sort_prefix(size, decimals, want):
    scores = np.round(np.random.default_rng(size + decimals).random(size).astype(np.float32), decimals)
    keep = np.flatnonzero(scores >= 0.15)
    full = keep[np.argsort(-scores[keep], kind="stable")]
    got = _best_first(scores, keep, want)
    assert len(got) >= min(want, len(keep))
    assert got.tolist() == full[: len(got)].tolist()


def _matrix(rows: int, dim: int, seed: int) -> VectorMatrix:
    vectors = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float16)
    vectors /= np.linalg.norm(vectors.astype(np.float32), axis=1, keepdims=True).astype(np.float16)
    matrix = VectorMatrix("test")
    for start in range(0, rows, 700):  # in parts, as vectors arrive: later rows are projected as they come
        matrix.extend([(i + 1, vectors[i].tobytes()) for i in range(start, min(rows, start + 700))])
    return matrix


@pytest.mark.parametrize(("rows", "listed"), [(400, False), (2000, True)])
def test_index_shortlist_only_from_its_size_on(monkeypatch, rows, listed):
    monkeypatch.setattr(index_module, "SHORTLIST_MIN_VECTORS", 1000)
    monkeypatch.setattr(index_module, "SHORTLIST_DIM_SHARE", 2)
    matrix = _matrix(rows, 16, rows)
    assert (matrix.basis is not None) is listed
    if listed:
        assert matrix.reduced.shape == (rows, 8)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_index_shortlist_scores_its_rows_exactly_and_keeps_the_best(monkeypatch, seed):
    monkeypatch.setattr(index_module, "SHORTLIST_MIN_VECTORS", 1000)
    monkeypatch.setattr(index_module, "SHORTLIST_DIM_SHARE", 2)
    monkeypatch.setattr(index_module, "SHORTLIST", 300)
    matrix = _matrix(3000, 16, seed)
    query = matrix.vectors[17] * 0.9 + matrix.vectors[2500] * 0.1
    ids, exact = matrix.scores(query, exact=True)
    same_ids, short = matrix.scores(query)
    assert same_ids is ids and (short > -2).sum() == 300
    assert np.allclose(short[short > -2], exact[short > -2])  # rescored with every dimension
    best = set(np.argsort(-exact)[:5].tolist())
    assert best <= set(np.flatnonzero(short > -2).tolist())
