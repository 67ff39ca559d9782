"""ingest_ratio --only: a part is timed on the store the earlier parts filled, so it cannot run without them."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.ingest_ratio import run


@pytest.mark.parametrize("only", [("kb",), ("index",), ("ingest", "index"), ("kb", "index")])
def test_ingest_ratio_parts_refuse_a_part_without_the_ones_before(only, tmp_path: Path):
    with pytest.raises(ValueError, match="needs"):
        run(tmp_path, 1, only)


def test_ingest_ratio_parts_refuse_a_run_without_a_pair(tmp_path: Path):
    with pytest.raises(ValueError, match="at least one pair"):
        run(tmp_path, 1, ("ingest",), repeats=0)
