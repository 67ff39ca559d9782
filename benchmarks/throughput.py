"""Ingest throughput: documents/second and peak memory at 1 and 2 workers (a report, not a gate).

Input: the White House readouts and transcripts in ../shared/datasets/wh_briefings_readouts, repeated (each copy
made distinct with a copy marker) up to ``--docs`` documents. Each configuration runs in a fresh child process
with a fresh database, so its peak RSS is its own; the bare spaCy ``nlp.pipe`` over the same texts runs in the
same invocation as the physical ceiling of the NLP stage.

    python -m benchmarks.throughput --docs 5000 --workers 1 2
    python -m benchmarks.throughput --docs 500 --no-extract      # cleaning + metadata + store only
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.gate import shared_dir


def make_corpus(shared: Path, n: int, out: Path) -> int:
    files = sorted((shared / "datasets" / "wh_briefings_readouts").rglob("*.md"))
    files = [f for f in files if f.name != "README.md"]
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        src = files[i % len(files)]
        text = src.read_text(encoding="utf-8")
        copy = i // len(files)
        if copy:
            text += f"\n\n(Copy {copy} for the throughput benchmark.)\n"
        (out / f"{i:06d}-{src.name}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


CHILD = r"""
import json, resource, sys, time
from communique.ingest.run import ingest, FULL_PIPELINE
from communique.pipeline import DEFAULT_PIPELINE
from communique.store.sqlite import SQLiteStore
corpus, db, workers, extract = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
t = time.perf_counter()
with SQLiteStore(db) as store:
    report = ingest([corpus], store, stages=FULL_PIPELINE if extract else DEFAULT_PIPELINE, workers=workers)
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "report": report.as_dict(),
                  "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_max_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

BARE = r"""
import json, sys, time
from pathlib import Path
from communique.nlp.model_loader import load_model
nlp = load_model()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).iterdir())]
t = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=32):
    pass
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def run_child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-extract", action="store_true")
    parser.add_argument("--bare", action="store_true", help="also time the bare spaCy model on the same texts")
    args = parser.parse_args()
    results: dict = {"docs": args.docs, "extract": not args.no_extract, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        results["words"] = make_corpus(shared_dir(), args.docs, corpus)
        for workers in args.workers:
            db = Path(tmp) / f"kb-{workers}.db"
            run = run_child(CHILD, str(corpus), str(db), str(workers), "0" if args.no_extract else "1")
            run["docs_per_second"] = args.docs / run["seconds"]
            run["words_per_second"] = results["words"] / run["seconds"]
            results["runs"][str(workers)] = run
            print(json.dumps({"workers": workers, **run}), file=sys.stderr)
        if args.bare:
            bare = run_child(BARE, str(corpus))
            bare["words_per_second"] = results["words"] / bare["seconds"]
            results["bare_spacy"] = bare
    results["max_rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
