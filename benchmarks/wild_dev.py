"""Real multi-outlet pages: the whole product end to end on ``../shared/datasets/wild_dev``.

Setting: all 57 pages (``docs/C*.txt``, ``docs/D*.txt``) are ingested into ONE fresh knowledge base with the
product's default pipeline (``communique ingest``), exported with ``communique export --format json``, and scored
with the dataset's own scorer (``score.py``, run unchanged as a subprocess) against both gold files. Each area is
the mean of its two scores (gold_C, gold_D), as the dataset's README prescribes; ``mean`` is the mean of the eight.

Split: wild_dev is a DEV set. Its pages were read while building the cleaning, kind, event and person rules, so
these figures are development figures, not held-out ones. What keeps them honest: no string, name, outlet or date
from these pages is written into a rule, a word list or a gazetteer (rules are written for the family of residue,
label or name form); the product is judged on unseen pages of the same kind. Gold files are read at run time from
../shared and never copied.

    python -m benchmarks.wild_dev            # prints the eight areas (means) and per-gold scores as JSON
    python -m benchmarks.wild_dev --keep DIR # keeps the knowledge base and the export in DIR
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

AREAS = ("clean", "kind", "persons", "stories", "events", "timeline", "quotes", "figures")
GOLDS = ("gold_C.json", "gold_D.json")


def _communique() -> list[str]:
    return [sys.executable, "-m", "communique.cli"]


def build(shared: Path, workdir: Path) -> Path:
    """Ingest every wild_dev page into a fresh store in ``workdir`` and export it; the export's path."""
    docs = shared / "datasets" / "wild_dev" / "docs"
    db = workdir / "wild.db"
    if db.exists():
        db.unlink()
    env = dict(os.environ, COMMUNIQUE_NO_SEMANTIC="1")  # search vectors are not scored here
    subprocess.run([*_communique(), "ingest", str(docs), "--db", str(db), "--workers", "1"], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    export = workdir / "export.json"
    subprocess.run([*_communique(), "export", "--db", str(db), "--format", "json", "-o", str(export)], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    return export


def score(shared: Path, export: Path) -> dict[str, float]:
    """The dataset's scorer on both gold files; area means plus ``C_<area>`` / ``D_<area>``."""
    root = shared / "datasets" / "wild_dev"
    metrics: dict[str, float] = {}
    for gold in GOLDS:
        out = subprocess.run([sys.executable, str(root / "score.py"), str(export), str(root / gold)], check=True,
                             capture_output=True, text=True).stdout
        tag = gold.removeprefix("gold_").removesuffix(".json")
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] in AREAS:
                metrics[f"{tag}_{parts[0]}"] = float(parts[1])
    for area in AREAS:
        metrics[area] = sum(metrics[f"{g.removeprefix('gold_').removesuffix('.json')}_{area}"] for g in GOLDS) / 2
    metrics["mean"] = sum(metrics[a] for a in AREAS) / len(AREAS)
    return metrics


def run(shared: Path, limit: int | None = None, keep: Path | None = None) -> dict[str, float]:
    del limit  # 57 pages: always all of them
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return score(shared, build(shared, keep))
    with tempfile.TemporaryDirectory(prefix="wild_dev_") as tmp:
        return score(shared, build(shared, Path(tmp)))


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    keep_dir = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    print(json.dumps({k: round(v, 4) for k, v in run(shared_dir(), keep=keep_dir).items()}, indent=1))
