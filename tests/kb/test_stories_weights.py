from __future__ import annotations

import math

import pytest

from communique.kb.stories import _Weights, document_frequencies


def _vectors(counts: list[dict[str, float]]) -> list[dict[str, float]]:
    """Whole L2-normalised sublinear TF-IDF vectors, as written out (the reference the weights must equal)."""
    df, n = document_frequencies(counts), len(counts)
    out = []
    for doc in counts:
        vec = {t: (1.0 + math.log(c)) * (math.log((n + 1) / (df.get(t, 0) + 1)) + 1.0) for t, c in doc.items() if c > 0}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        out.append({t: w / norm for t, w in vec.items()})
    return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@pytest.mark.parametrize(
    "counts",
    [
        [{"summit": 2.0, "trade": 1.0, "@oslo": 2.0}, {"summit": 1.0, "@oslo": 2.0}, {"tariff": 3.0}],
        [{"call": 1.0, "minister": 3.0, "2024": 3.0, "energy": 1.0}, {"minister": 6.0, "energy": 2.0, "grid": 1.0}],
        [{"a1": 1.0}, {}],  # an empty document: norm 1, cosine 0
    ],
)
def test_stories_weights_equal_whole_vectors_to_the_bit(counts):
    weights, vectors = _Weights(counts), _vectors(counts)
    for i in range(len(counts)):
        assert weights.vector(i) == vectors[i]
        for j in range(len(counts)):
            assert weights.cosine(i, j) == _dot(vectors[i], vectors[j])
