"""Semantic ranking by a partition gives exactly the start of the full stable sort (ties in index order)."""

from __future__ import annotations

import numpy as np
import pytest

from communique.search.index import _best_first


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
