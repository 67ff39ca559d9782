from __future__ import annotations

import pytest

from communique.kb.build import TermCounts, _Shared


@pytest.mark.parametrize(
    "counts",
    [
        {"summit": 2.0, "@oslo": 4.0, "2024": 3.0, "trade": 1.0},
        {"minister": 7.0},
        {},
    ],
)
def test_build_term_counts_read_as_the_dict_they_hold(counts):
    compact = TermCounts(counts, _Shared())
    assert compact.as_dict() == counts and list(compact.as_dict()) == list(counts)
    assert list(compact.items()) == list(counts.items()) and list(compact) == list(counts) and len(compact) == len(counts)
    for term, n in counts.items():
        assert compact[term] == n and term in compact
    assert "absent" not in compact and compact.get("absent") is None
