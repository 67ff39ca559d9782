"""Quality gate: run every benchmark named in baseline.json and fail when a metric drops below its floor.

Convention: ``benchmarks/<name>.py`` defines ``run(shared: pathlib.Path, limit: int | None = None) -> dict[str, float]``
(``shared`` is the ../shared folder) and prints its metrics as JSON when run as ``python -m benchmarks.<name>``.
``baseline.json`` maps ``name -> {metric: floor}``; a metric that is absent from the run fails the gate too. A floor
written ``{"max": x}`` is a ceiling instead (for counts of failures, seconds, megabytes: lower is better).

    python -m benchmarks.gate                 # all
    python -m benchmarks.gate quotes_polnear  # some
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOLERANCE = 1e-9  # floors are compared exactly; rounding noise only


def shared_dir() -> Path:
    for candidate in (ROOT.parent.parent / "shared", ROOT.parent / "shared"):
        if (candidate / "datasets").is_dir():
            return candidate
    raise SystemExit("benchmarks: ../shared/datasets not found next to the project; CI provides it")


def main(argv: list[str]) -> int:
    baseline = json.loads((ROOT / "baseline.json").read_text())
    names = argv or sorted(baseline)
    shared = shared_dir()
    failed = []
    for name in names:
        floors = baseline.get(name, {})
        started = time.perf_counter()
        metrics = importlib.import_module(f"benchmarks.{name}").run(shared)
        took = time.perf_counter() - started
        for metric, floor in sorted(floors.items()):
            got = metrics.get(metric)
            if isinstance(floor, dict):  # {"max": x}: a ceiling
                ok = got is not None and got - TOLERANCE <= floor["max"]
                bound = f"ceiling {floor['max']}"
            else:
                ok = got is not None and got + TOLERANCE >= floor
                bound = f"floor {floor}"
            print(f"{'ok  ' if ok else 'FAIL'} {name}.{metric} = {got if got is None else round(got, 4)} ({bound})")
            if not ok:
                failed.append(f"{name}.{metric}")
        print(f"     {name} took {took:.1f}s; all metrics: {json.dumps({k: round(v, 4) for k, v in metrics.items()})}")
    if failed:
        print(f"quality gate failed: {', '.join(failed)}")
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
