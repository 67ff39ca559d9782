"""Ingest throughput: documents/second, peak memory and cost per million documents (a report, not a gate).

Input: the White House readouts and transcripts in ../shared/datasets/wh_briefings_readouts, repeated (each copy
made distinct with a copy marker) up to ``--docs`` documents (default 20,000). Each configuration runs in a fresh
child process with a fresh database, so its peak RSS is its own:

* ``--workers 1 2``: the local runner (``communique ingest --workers N``);
* ``--ray N``: the Ray runner on a local Ray cluster of N CPUs (``communique ingest --runner ray``);
* ``--bare``: the bare spaCy model's ``nlp.pipe`` over the same texts, in the same invocation: the physical
  ceiling of the NLP stage;
* ``--kb 1000 5000 20000``: the knowledge-base build (``kb.build``: entity resolution + story clustering) at each
  size, to check that its cost grows linearly. The unique documents are processed once; larger stores repeat
  them with copy markers (offsets unchanged), as the ingest corpus does.

Cost per million documents = 1e6 / (documents per second per core) / 3600 * ``DOLLARS_PER_CORE_HOUR``.
Results go to ``benchmarks/results/throughput-*.json`` (gitignored); ``docs/scaling.md`` quotes them.

    nice python -m benchmarks.throughput --docs 20000 --workers 1 2 --ray 2 --bare --kb 1000 5000 20000
    python -m benchmarks.throughput --docs 500 --no-extract      # cleaning + metadata + store only
    python -m benchmarks.throughput --docs 300 --workers 1 2 --shuffle 13   # 2-worker speed-up, any order (quiet!)
    python -m benchmarks.throughput --docs 300 --schedule 13 14 15 16       # the pool's scheduling alone (a model)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.gate import shared_dir

# Assumed price of one core-hour: AWS EC2 c7i.large on-demand, us-east-1 (2 vCPU, $0.08925/h) = $0.0446/vCPU-h.
DOLLARS_PER_CORE_HOUR = 0.0446
RESULTS = Path(__file__).parent / "results"


def make_corpus(shared: Path, n: int, out: Path, pattern: str = "*.md", shuffle: int | None = None) -> int:
    """``n`` files in ``out``, named in ingest order; ``shuffle``: a seed, the data set's files in that seeded order
    (lengths mixed: press-briefing transcripts among readouts) rather than sorted by folder and name."""
    files = sorted((shared / "datasets" / "wh_briefings_readouts").rglob(pattern))
    files = [f for f in files if f.name != "README.md"]
    if shuffle is not None:
        random.Random(shuffle).shuffle(files)
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



# Samples /proc every SAMPLE_S for this process and all its descendants (pool workers under the forkserver, Ray's
# raylet and its workers): CPU seconds (last value seen per pid, summed) and peak total / per-process RSS.
SAMPLER = r"""
import os, threading, time
_TICK = os.sysconf("SC_CLK_TCK"); _PAGE = os.sysconf("SC_PAGE_SIZE"); _cpu = {}; _peak = {"total": 0, "proc": 0}
def _tree():
    kids = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            kids.setdefault(int(fields[1]), []).append((int(pid), fields))
    out, todo = [], [os.getpid()]
    while todo:
        for pid, fields in kids.get(todo.pop(), []):
            out.append((pid, fields)); todo.append(pid)
    return out
def _sample():
    while True:
        total = 0
        for pid, f in _tree():
            _cpu[pid] = (int(f[11]) + int(f[12])) / _TICK
            rss = int(f[21]) * _PAGE
            total += rss; _peak["proc"] = max(_peak["proc"], rss)
        _peak["total"] = max(_peak["total"], total)
        time.sleep(1.0)
threading.Thread(target=_sample, daemon=True).start()
def tree_stats():
    return {"descendant_cpu_seconds": sum(_cpu.values()), "descendants_peak_rss_mb": _peak["total"] / 2**20,
            "descendant_max_rss_mb": _peak["proc"] / 2**20}
"""

CHILD = SAMPLER + r"""
import json, resource, sys, time
from communique.ingest.run import finish, ingest, FULL_PIPELINE
from communique.pipeline import DEFAULT_PIPELINE
from communique.store.sqlite import SQLiteStore
corpus, db, workers, extract = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
t = time.perf_counter()
with SQLiteStore(db) as store:
    report = ingest([corpus], store, stages=FULL_PIPELINE if extract else DEFAULT_PIPELINE, workers=workers)
    ingest_took = time.perf_counter() - t
    finish(store, report)  # resolve: knowledge-base build (entities, events, stories) and the search index
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "ingest_seconds": ingest_took, "finish_seconds": took - ingest_took,
                  "report": report.as_dict(),
                  "cpu_seconds": sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for f in ("ru_utime", "ru_stime")),
                  **tree_stats(), "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_max_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

RAY_CHILD = SAMPLER + r"""
import json, resource, sys, time
from communique.ingest.run import FULL_PIPELINE
from communique.pipeline import DEFAULT_PIPELINE
from communique.runners.ray_runner import ingest_ray
corpus, db, cpus, extract = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
t = time.perf_counter()
report = ingest_ray([corpus], db, stages=FULL_PIPELINE if extract else DEFAULT_PIPELINE, num_cpus=cpus)
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "report": report.as_dict(),
                  "cpu_seconds": sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for f in ("ru_utime", "ru_stime")),
                  **tree_stats(), "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_max_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

KB_CHILD = r"""
import json, pickle, resource, sys, time
from communique.kb import build
from communique.model import document_id
from communique.store.sqlite import SQLiteStore
processed, db, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(processed, "rb") as fh:
    unique = pickle.load(fh)
t = time.perf_counter()
with SQLiteStore(db) as store:
    for i in range(n):
        doc = unique[i % len(unique)]
        copy = i // len(unique)
        if copy:
            marker = f"\n\n(Copy {copy} for the throughput benchmark.)\n"
            doc = doc.replace(id=document_id((doc.text + marker).encode()), text=doc.text + marker,
                              source=f"{copy}-{doc.source}")
        store.put(doc, "bench")
    put_s = time.perf_counter() - t
    t = time.perf_counter()
    counts = build(store)
    build_s = time.perf_counter() - t
print(json.dumps({"docs": n, "put_seconds": put_s, "build_seconds": build_s, "counts": counts,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PROCESS_CHILD = r"""
import pickle, sys
from pathlib import Path
from communique.ingest.readers import iter_inputs
from communique.ingest.run import FULL_PIPELINE
from communique.pipeline import Failure, run_pipeline
corpus, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = [d for d in iter_inputs([corpus]) if not isinstance(d, Exception)]
done = [r.replace(raw="") for r in run_pipeline(docs, FULL_PIPELINE, workers=workers) if not isinstance(r, Failure)]
with open(out, "wb") as fh:
    pickle.dump(done, fh)
print("{}")
"""

PG_CHILD = r"""
import json, sys, time
from communique.ingest.run import FULL_PIPELINE, ingest
from communique.store.postgres import PostgresStore
corpus, url, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
with PostgresStore(url) as store:
    report = ingest([corpus], store, stages=FULL_PIPELINE, workers=workers)
    size = int(store.conn.execute(
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')").fetchone()[0])
    docs = list(store.iter_documents())
    store.conn.rollback()
    t = time.perf_counter()
    for doc in docs:  # the write path alone (advisory lock, duplicate check, update, bands), serialised
        store.put(doc.replace(id=doc.id[::-1]), "bench-reput")
    put_s = time.perf_counter() - t
print(json.dumps({"docs": report.added, "bytes": size, "bytes_per_doc": size / max(report.added, 1),
                  "put_seconds": put_s, "puts_per_second": len(docs) / put_s}))
"""

BARE = r"""
import json, resource, sys, time
from pathlib import Path
from communique.nlp.model_loader import load_model
nlp = load_model(as_shipped=True)  # the model as spaCy ships it (the product swaps two components for array twins)
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).iterdir())]
cpu = lambda: sum(getattr(resource.getrusage(resource.RUSAGE_SELF), f) for f in ("ru_utime", "ru_stime"))
t, c = time.perf_counter(), cpu()
for _ in nlp.pipe(texts, batch_size=32):
    pass
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "cpu_seconds": cpu() - c}))
"""


def run_child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"benchmark child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def dollars_per_million(docs_per_second: float, cores: int) -> float:
    """Cost of 1e6 documents at ``docs_per_second`` on ``cores`` cores, at ``DOLLARS_PER_CORE_HOUR``."""
    return 1e6 / docs_per_second / 3600 * cores * DOLLARS_PER_CORE_HOUR


def kb_scaling(shared: Path, sizes: list[int], tmp: Path, unique: int, workers: int = 2) -> dict:
    """``kb.build`` seconds at each size; ``per_doc_ratio`` > 1 means a larger store costs more per document."""
    files = sorted(p for p in (shared / "datasets" / "wh_briefings_readouts").rglob("*.md") if p.name != "README.md")
    corpus = tmp / "unique"
    make_corpus(shared, min(len(files), max(sizes), unique), corpus)
    RESULTS.mkdir(exist_ok=True)
    processed = RESULTS / f"kb-unique-{len(list(corpus.iterdir()))}.pkl"  # cached: the NLP pass is the slow part
    t = time.perf_counter()
    if not processed.exists():
        run_child(PROCESS_CHILD, str(corpus), str(processed), str(workers))
    out: dict = {"unique_docs": len(list(corpus.iterdir())), "process_seconds": time.perf_counter() - t, "sizes": {}}
    for n in sizes:
        run = run_child(KB_CHILD, str(processed), str(tmp / f"kb-scale-{n}.db"), str(n))
        run["build_ms_per_doc"] = 1000 * run["build_seconds"] / n
        out["sizes"][str(n)] = run
        print(json.dumps({"kb_build": n, **run}), file=sys.stderr)
    first = out["sizes"][str(sizes[0])]["build_ms_per_doc"]
    out["per_doc_ratio_largest_vs_smallest"] = out["sizes"][str(sizes[-1])]["build_ms_per_doc"] / first
    return out


def postgres_storage(url: str, corpus: Path, workers: int = 2) -> dict:
    """Ingest ``corpus`` into a fresh schema of ``url``: table bytes per document and the serial put rate."""
    import uuid

    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in url else "?"
            out = run_child(PG_CHILD, str(corpus), f"{url}{sep}options=-csearch_path%3D{schema}", str(workers))
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
    print(json.dumps({"postgres": True, **out}), file=sys.stderr)
    return out


def _rates(run: dict, docs: int, words: int, cores: int) -> dict:
    run["docs_per_second"] = docs / run["seconds"]
    run["words_per_second"] = words / run["seconds"]
    run["dollars_per_million_docs"] = dollars_per_million(run["docs_per_second"], cores)
    cpu = (run.get("cpu_seconds") or 0) + run.get("descendant_cpu_seconds", 0)
    if cpu:  # CPU time, not wall: robust when other work shares the cores (self + every descendant process)
        run["docs_per_cpu_second"] = docs / cpu
        run["dollars_per_million_docs_cpu"] = dollars_per_million(run["docs_per_cpu_second"], 1)
    return run


def pool_schedule(shared: Path, docs: int, seeds: list[int], workers: int = 2) -> dict[str, dict[str, float]]:
    """Share of the ideal ``workers``-fold speed-up the pool's scheduling allows, in a model where a document costs
    its input characters: the data set's files in each seeded order, split as ``run_pipeline`` splits them (fixed
    batches of ``DEFAULT_BATCH_SIZE`` in input order, results taken oldest first: the code before length-aware
    tasks; :func:`pipeline._tasks` with results taken oldest first; and as ended, the code now), run by an event
    simulation of the pool (FIFO task queue, at most ``workers * MAX_BATCHES_IN_FLIGHT_PER_WORKER`` tasks not yet
    taken back). No NLP runs: a check of the scheduling alone, independent of the machine's load."""
    from communique.model import Document
    from communique.pipeline import DEFAULT_BATCH_SIZE, MAX_BATCHES_IN_FLIGHT_PER_WORKER, _batches, _tasks

    def makespan(costs: list[int], oldest_first: bool) -> float:
        limit, clock, free = workers * MAX_BATCHES_IN_FLIGHT_PER_WORKER, 0.0, [0.0] * workers
        queued: list[int] = []
        ends: dict[int, float] = {}
        held: list[int] = []  # sent, not taken back
        sent = 0

        def start_free() -> None:
            for w in range(workers):
                if free[w] <= clock and queued:
                    i = queued.pop(0)
                    ends[i] = free[w] = clock + costs[i]

        while sent < len(costs) or held:
            while sent < len(costs) and len(held) < limit:
                held.append(sent)
                queued.append(sent)
                sent += 1
            start_free()
            waits = [ends[held[0]]] if oldest_first and held[0] in ends else [ends[i] for i in held if i in ends]
            clock = max(clock, min(waits) if waits else min(free))
            start_free()
            if oldest_first:
                while held and held[0] in ends and ends[held[0]] <= clock:
                    held.pop(0)
            else:
                held = [i for i in held if not (i in ends and ends[i] <= clock)]
        return max(ends.values())

    files = sorted(p for p in (shared / "datasets" / "wh_briefings_readouts").rglob("*.md") if p.name != "README.md")
    out = {}
    for seed in seeds:
        order = list(files)
        random.Random(seed).shuffle(order)
        corpus = [Document(id=str(i), source=str(i), text="", raw=f.read_text(encoding="utf-8"))
                  for i, f in enumerate(order[:docs])]
        ideal = sum(len(d.raw) for d in corpus) / workers
        fixed = [sum(len(d.raw) for d in b) for b in _batches(corpus, DEFAULT_BATCH_SIZE)]
        aware = [sum(len(d.raw) for _, d in t) for t in _tasks(corpus, DEFAULT_BATCH_SIZE)]
        out[str(seed)] = {"fixed_batches_oldest_first": round(ideal / makespan(fixed, True), 3),
                          "length_aware_oldest_first": round(ideal / makespan(aware, True), 3),
                          "length_aware_as_ended": round(ideal / makespan(aware, False), 3)}
    return out


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    """A small report for ``python -m benchmarks.gate``-style callers: the local runner at 1 worker."""
    docs = limit or 100
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        words = make_corpus(shared, docs, corpus)
        one = _rates(run_child(CHILD, str(corpus), str(Path(tmp) / "kb.db"), "1", "1"), docs, words, 1)
    return {"docs_per_second": one["docs_per_second"], "dollars_per_million_docs": one["dollars_per_million_docs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--ray", type=int, default=0, help="also run the Ray runner on a local cluster of N CPUs")
    parser.add_argument("--no-extract", action="store_true")
    parser.add_argument("--bare", action="store_true", help="also time the bare spaCy model on the same texts")
    parser.add_argument("--kb", type=int, nargs="*", default=[], help="kb.build sizes, e.g. 1000 5000 20000")
    parser.add_argument("--pg", default="", help="PostgreSQL URL: bytes per document and put rate in a fresh schema")
    parser.add_argument("--kb-unique", type=int, default=600, help="distinct documents processed for --kb")
    parser.add_argument("--tag", default="", help="suffix of the results file name")
    parser.add_argument("--pattern", default="*.md",
                        help="file-name pattern of the corpus, e.g. '*readout*' for readouts only (~500 words each)")
    parser.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                        help="the corpus in a seeded random order of the data set's files (documents in any order)")
    parser.add_argument("--schedule", type=int, nargs="*", default=None, metavar="SEED",
                        help="only the pool scheduling model (no NLP): share of the ideal 2-worker speed-up per seed")
    args = parser.parse_args()
    if args.schedule is not None:
        print(json.dumps(pool_schedule(shared_dir(), args.docs, args.schedule or [13]), indent=1))
        return
    results: dict = {"docs": args.docs, "extract": not args.no_extract, "runs": {},
                     "dollars_per_core_hour": DOLLARS_PER_CORE_HOUR}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        words = results["words"] = make_corpus(shared_dir(), args.docs, corpus, args.pattern,
                                                    args.shuffle) if args.docs else 0
        for workers in args.workers:
            db = Path(tmp) / f"kb-{workers}.db"
            load_before = os.getloadavg()[0]
            child = run_child(CHILD, str(corpus), str(db), str(workers), "0" if args.no_extract else "1")
            child["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]  # before, after
            results["runs"][f"local-{workers}"] = _rates(child, args.docs, words, workers)
            print(json.dumps({"workers": workers, **child}), file=sys.stderr)
        if args.ray:
            db = Path(tmp) / "kb-ray.db"
            child = run_child(RAY_CHILD, str(corpus), str(db), str(args.ray), "0" if args.no_extract else "1")
            results["runs"][f"ray-{args.ray}"] = _rates(child, args.docs, words, args.ray)
            print(json.dumps({"ray": args.ray, **child}), file=sys.stderr)
        if args.bare:
            bare = _rates(run_child(BARE, str(corpus)), args.docs, words, 1)
            results["bare_spacy"] = bare
            print(json.dumps({"bare": True, **bare}), file=sys.stderr)
        if args.pg:
            results["postgres"] = postgres_storage(args.pg, corpus)
        if args.kb:
            results["kb_build"] = kb_scaling(shared_dir(), args.kb, Path(tmp), args.kb_unique)
    runs = results["runs"]
    for workers in args.workers:  # wall-clock speed-up over one worker: only meaningful on a quiet machine
        if workers > 1 and "local-1" in runs and f"local-{workers}" in runs:
            one, many = runs["local-1"], runs[f"local-{workers}"]
            results[f"speedup_{workers}_vs_1"] = round(one["seconds"] / many["seconds"], 3)
            results[f"ingest_speedup_{workers}_vs_1"] = round(one["ingest_seconds"] / many["ingest_seconds"], 3)
    results["max_rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    RESULTS.mkdir(exist_ok=True)
    name = f"throughput-{args.docs}{'-' + args.tag if args.tag else ''}.json"
    (RESULTS / name).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
