"""ingest_ratio: the modules the ingest imports on first use are imported before either side's clock starts, and
the ours side's import CPU gives the ratio had its clock included them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from benchmarks.ingest_ratio import _ratios

LAZY = ("communique.clean.stage", "communique.ingest.metadata", "communique.nlp.stages", "communique.nlp.timex",
        "communique.events.extract", "communique.clean.template")


def test_ingest_ratio_imports_preload_the_first_use_modules() -> None:
    """In a fresh interpreter (this one may have imported them already): none before, all after."""
    code = ("import json, sys; from benchmarks.ingest_ratio import _preload_stages; lazy = json.loads(sys.argv[1]); "
            "before = [m for m in lazy if m in sys.modules]; cpu = _preload_stages(); "
            "print(json.dumps([before, [m for m in lazy if m not in sys.modules], cpu]))")
    done = subprocess.run([sys.executable, "-c", code, json.dumps(LAZY)], capture_output=True, text=True, check=True)
    before, missing, cpu = json.loads(done.stdout.strip().splitlines()[-1])
    assert (before, missing) == ([], [])
    assert cpu > 0.0


@pytest.mark.parametrize(("bare", "ingest", "imports", "ratio", "with_imports"), [
    (18.0, 20.0, 1.0, 0.9, 18.0 / 21.0),
    (10.0, 10.0, 0.0, 1.0, 1.0),
    (9.0, 12.0, 3.0, 0.75, 0.6),
])
def test_ingest_ratio_imports_ratio_with_and_without(bare: float, ingest: float, imports: float, ratio: float,
                                                     with_imports: float) -> None:
    got = _ratios({"cpu_bare": bare, "cpu_ingest": ingest, "cpu_stage_imports": imports}, ("ingest",), ())
    assert got == pytest.approx({"ratio_ingest": ratio, "ratio_ingest_with_imports": with_imports})
