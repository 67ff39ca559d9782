"""``ask`` on the second held-out question set, as a gate entry: ``ask_heldout --set heldout2``.

The set, its corpus and its metrics are described in :mod:`benchmarks.ask_heldout` (set ``heldout2``): 345 questions
written by someone who read neither the answerer nor the other question sets, all of them ``test`` (no dev split:
nobody improving the answerer reads them). This module only gives the gate a ``run(shared, limit)`` for that set;
its floors in ``baseline.json`` are set just below the figures of the final run of a session, never tuned on.

    python -m benchmarks.ask_heldout2 [--limit N]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.ask_heldout import SETS
from benchmarks.ask_heldout import run as run_set
from benchmarks.gate import shared_dir


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    return run_set(shared, limit, qset=SETS["heldout2"])


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(run(shared_dir(), int(args[args.index("--limit") + 1]) if "--limit" in args else None), indent=2))
