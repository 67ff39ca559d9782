from __future__ import annotations

import pytest

from communique.kb.build import TermCounts, _Shared


@pytest.mark.parametrize(
    "counts",
    [
        {"summit": 2.0, "@oslo": 4.0, "2024": 3.0, "trade": 1.0},
        {"minister": 7.0},
        {},
        {"summit": 0.1, "trade": 1.0},  # not held exactly in single precision: kept as doubles
        {"summit": 16777217.0},
    ],
)
def test_build_term_counts_read_as_the_dict_they_hold(counts):
    compact = TermCounts(counts, _Shared())
    assert compact.as_dict() == counts and list(compact.as_dict()) == list(counts)
    assert list(compact.items()) == list(counts.items()) and list(compact) == list(counts) and len(compact) == len(counts)
    for term, n in counts.items():
        assert compact[term] == n and term in compact
    assert "absent" not in compact and compact.get("absent") is None


@pytest.mark.parametrize("counts, typecode", [({"summit": 2.0, "trade": 3.0}, "f"), ({"summit": 0.1}, "d"),
                                              ({"summit": 16777217.0, "trade": 1.0}, "d")])
def test_build_term_counts_single_precision_only_when_exact(counts, typecode):
    assert TermCounts(counts, _Shared()).counts.typecode == typecode
