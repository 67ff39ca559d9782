"""Exact and near-duplicate detection: a content hash of the normalised clean text, and MinHash LSH bands.

The LSH bands are stored in the database (one row per band), so that near-duplicate lookup is an indexed
query that works the same in SQLite and PostgreSQL, survives restarts and never needs the whole corpus in
memory.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

__all__ = [
    "NUM_PERM",
    "BANDS",
    "ROWS",
    "NEAR_DUPLICATE_JACCARD",
    "SHINGLE_WORDS",
    "content_hash",
    "signature",
    "band_keys",
    "jaccard",
]

NUM_PERM = 128  # MinHash permutations: ±0.044 standard error on Jaccard, 1 KiB per document
BANDS = 16  # 16 bands x 8 rows: candidate pairs from Jaccard ~0.7 upwards (threshold (1/16)^(1/8) = 0.707)
ROWS = NUM_PERM // BANDS
NEAR_DUPLICATE_JACCARD = 0.8  # estimated shingle overlap at which two reports are the same text (re-posts, wire copies)
SHINGLE_WORDS = 5  # word 5-grams: short enough to survive small edits, long enough to be specific
MIN_WORDS_FOR_NEAR_DUP = 30  # shorter texts share too few shingles for a reliable estimate; exact match only

_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_hash(text: str) -> str:
    """Hash of the clean text with case, punctuation and spacing normalised (exact duplicates)."""
    return hashlib.sha256(" ".join(_words(text)).encode()).hexdigest()[:32]


def signature(text: str) -> np.ndarray | None:
    """MinHash signature of word shingles, or None when the text is too short for near-duplicate detection."""
    words = _words(text)
    if len(words) < MIN_WORDS_FOR_NEAR_DUP:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)])
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    """One key per band; two documents sharing any key are near-duplicate candidates."""
    return [
        f"{band}:{hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
        for band in range(BANDS)
    ]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))
