"""Incremental knowledge-base update (issue 13): equality with a full rebuild, and latency against the store size.

A report, not a gate and not a timed test. Data: the White House documents of
``../shared/datasets/wh_briefings_readouts`` (every ``*.md`` but the README), ingested once with the product's full
pipeline into ``--db`` (kept: a rerun ingests only what is missing). Nothing here is tuned: the update has no
parameter of its own (it uses the thresholds of ``kb.stories`` and ``kb.resolve``), and the documents are only
stored, split and timed.

(a) ``equality``: the processed documents of ``--db`` (re-put, no NLP run again) in a seeded random order; the first
``--first`` are built in full, the rest added in ``--batches`` batches, each followed by ``kb.update.update``; in the
middle batch one stored document is removed and one re-processed (its last mention dropped). Then the same store is
rebuilt in full. Reported: story B-cubed F1 of the incremental stories against the rebuilt ones, the share of
entities (each a set of mentions) not found identical on the other side, record counts of both, and whether the
browse index the updates rewrote piecewise holds the rows a whole rewrite gives.

(b) ``latency``: a store of ``--size`` documents (default 2,000 and 10,000) built in full, then 10 new documents
added: their put, the update and the search-index refresh, timed in CPU seconds of this process (SQLite runs in
process), against the same 10 put, built and indexed in an empty store. Repeated ``--rounds`` times with other
documents, each on a fresh copy of the built store; medians reported. The 10 documents are pre-parsed: the NLP
parse is the same in both arms, so only storing, the knowledge base and the index are timed. The search index
is the full-text part (``COMMUNIQUE_NO_SEMANTIC=1`` in both arms: the embedding of the 10 documents' passages would
cost the same in both, and another part of issue 13 replaces it).

Padding: the data set holds ~1,540 documents, fewer than the sizes asked; a store is made of the unique processed
documents (the 10 new ones held out) repeated, each repetition ``k`` with a copy marker appended to its text (a new
id; offsets unchanged) and its publication and event dates moved ``k`` years later (``--spread``: ``k`` times the
years the data set spans), so each copy reports its meetings in another year, and it is not recorded as a
near-duplicate of the original (``duplicate_of`` cleared: a recorded duplicate joins its original's story whatever the
dates); the stories, events, quotes and mentions grow with the store; the distinct people do not (their entity
records grow instead). Without ``--spread`` a larger store is denser (copies overlap the years of the data set):
more stored documents share a new one's publication window, and the update touches more of them.

(c) ``puts`` (with ``--pg URL``): documents stored per second into PostgreSQL, one transaction per document
(``put``) against one transaction and one write lock per batch of ``PUT_BATCH`` (``put_many``, what the ingest
driver does on PostgreSQL); the first ``--put-docs`` processed documents, each arm in a fresh schema.

    python -m benchmarks.update_latency --db /tmp/wh.db [--part equality|latency|puts|all] [--sizes 2000,10000]
                                        [--every N]
                                        [--pg postgresql:///db?host=/var/run/postgresql]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.gate import shared_dir

WH = "wh_briefings_readouts"
NEW_DOCS = 10  # issue 13: "then add 10 new ones"
DEFAULT_SIZES = (2000, 10000)  # issue 13: "grows less than 2x from a 2,000- to a 10,000-document store"
TARGET_RATIO = 3.0  # issue 13: the update takes at most 3x ingesting the same 10 into an empty store
TARGET_GROWTH = 2.0  # issue 13: less than 2x from 2,000 to 10,000 documents
DEFAULT_ROUNDS = 3  # sets of 10 new documents timed per size (the median is reported)
DEFAULT_FIRST = 0.6  # share of the documents built in full before the batches of part (a)
DEFAULT_BATCHES = 5
SEED = 13
DEFAULT_PUT_DOCS = 400  # documents per arm of part (c)
PIPELINE = "bench"
RECORDS = ("entities", "events", "quotes", "claims", "stories")


def ingest_missing(db: str, every: int = 1) -> int:
    """Ingest the data set's documents not yet in ``db`` (full pipeline, no knowledge base, no index); ``every``:
    only every n-th file in path order (a smaller store where the machine is shared)."""
    from communique.ingest.run import ingest
    from communique.store.sqlite import SQLiteStore

    files = sorted(str(p) for p in (shared_dir() / "datasets" / WH).rglob("*.md") if p.name != "README.md")[::every]
    with SQLiteStore(db) as store:
        ingest(files, store, on_error=lambda m: print("  error:", m, file=sys.stderr))
        return int(store.stats()["documents"])


def processed(db: str) -> list[Any]:
    from communique.store.sqlite import SQLiteStore

    with SQLiteStore(db) as store:
        return [d.replace(story=None) for d in store.iter_documents(by_id=True) if d.duplicate_of is None]


def snapshot(store: Any) -> dict[str, Any]:
    entities = {frozenset((m["doc"], m["start"], m["end"]) for m in e["mentions"]) for e in store.iter_records("entities")}
    stories = {frozenset(s["docs"]) for s in store.iter_records("stories")}
    return {"entities": entities, "stories": stories, "counts": {t: store.count_records(t) for t in RECORDS}}


def browse_tables(store: Any) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """The browse index as stored (items with their summaries normalised, facets)."""
    items = {(*r[:7], json.dumps(json.loads(r[7]), sort_keys=True)) for r in store._all("SELECT * FROM browse_items")}
    return items, set(store._all("SELECT * FROM browse_facets"))


def browse_rows(store: Any) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """The browse index a whole rewrite would write now."""
    from communique.kb.browse import rows

    items, facets = rows(store)
    return ({(i.type, i.id, i.name, i.sort_name, i.first_date, i.date, i.docs, json.dumps(i.summary, sort_keys=True))
             for i in items}, {(f.type, f.facet, f.value, f.id) for f in facets})


def bcubed_f1(a: set[frozenset[str]], b: set[frozenset[str]]) -> float:
    of_a = {item: cluster for cluster in a for item in cluster}
    of_b = {item: cluster for cluster in b for item in cluster}
    items = sorted(of_a)
    precision = sum(len(of_a[i] & of_b[i]) / len(of_a[i]) for i in items) / len(items)
    recall = sum(len(of_a[i] & of_b[i]) / len(of_b[i]) for i in items) / len(items)
    return 2 * precision * recall / (precision + recall)


def equality(db: str, out: str, first: float, batches: int) -> dict[str, Any]:
    """Part (a)."""
    from communique.kb import build
    from communique.kb.update import update
    from communique.store.sqlite import SQLiteStore

    docs = processed(db)
    random.Random(SEED).shuffle(docs)
    cut = int(len(docs) * first)
    rest = docs[cut:]
    size = -(-len(rest) // batches)
    Path(out).unlink(missing_ok=True)
    times = []
    with SQLiteStore(out) as store:
        store.put_many(docs[:cut], PIPELINE)
        started = time.process_time()
        build(store)
        build_s = time.process_time() - started
        for number in range(batches):
            batch = rest[number * size : (number + 1) * size]
            store.put_many(batch, PIPELINE)
            removed = []
            if number == batches // 2:
                removed = [docs[0].id]
                store.delete_document(docs[0].id)
                again = docs[1]
                store.put(again.replace(mentions=again.mentions[:-1]), PIPELINE + "2")
            started = time.process_time()
            update(store, [d.id for d in batch], removed)
            times.append(round(time.process_time() - started, 2))
        incremental = snapshot(store)
        browse_equal = browse_tables(store) == browse_rows(store)
        build(store)
        full = snapshot(store)
    differing = len(incremental["entities"] ^ full["entities"])
    return {
        "split": f"all {len(docs)} unique processed WH documents (nothing tuned on them)",
        "first_built": cut, "batches": batches, "batch_docs": size,
        "story_bcubed_f1": round(bcubed_f1(incremental["stories"], full["stories"]), 4),
        "stories_identical_share": round(len(incremental["stories"] & full["stories"]) / len(full["stories"]), 4),
        "entities_incremental": len(incremental["entities"]), "entities_full": len(full["entities"]),
        "entities_differing_share": round(differing / (len(incremental["entities"]) + len(full["entities"])), 4),
        "counts_incremental": incremental["counts"], "counts_full": full["counts"],
        "first_build_cpu_s": round(build_s, 1), "update_cpu_s": times,
        "browse_rows_equal_whole_rewrite": browse_equal,
    }


def _years_later(value: str | None, years: int) -> str | None:
    if not value or not value[:4].isdigit():
        return value
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return f"{int(value[:4]) + years}{value[4:]}"
    try:
        return day.replace(year=day.year + years).isoformat() + value[10:]
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28).isoformat() + value[10:]


def copy_of(doc: Any, k: int, years: int = 1) -> Any:
    """Repetition ``k`` of a document, dated ``k * years`` years later (see the module docstring)."""
    from communique.model import document_id

    if k == 0:
        return doc
    marker = f"\n\n(Copy {k} for the update benchmark.)\n"
    events = [dataclasses.replace(ev, date_value=_years_later(ev.date_value, k * years)) for ev in doc.events]
    return doc.replace(id=document_id((doc.text + marker).encode()), text=doc.text + marker, source=f"{k}-{doc.source}",
                       published=_years_later(doc.published, k * years), events=events, duplicate_of=None)


def base_store(docs: list[Any], size: int, path: str, years: int = 1) -> dict[str, Any]:
    """A built and indexed store of ``size`` documents at ``path`` (kept: reused when complete)."""
    from communique.kb import build
    from communique.search import refresh_index
    from communique.store.sqlite import SQLiteStore

    started = time.process_time()
    with SQLiteStore(path) as store:
        have = int(store.stats()["documents"])
        todo = [copy_of(docs[i % len(docs)], i // len(docs), years) for i in range(have, size)]
        for start in range(0, len(todo), 200):
            for doc in store.put_many(todo[start : start + 200], PIPELINE):
                if doc.duplicate_of is not None:  # a copy stands for another document of another year
                    store.set_fields(doc.id, duplicate_of=None)
        put_s = time.process_time() - started
        if store.kb_state().get("watermark") != store.watermark():
            build(store)
        build_s = time.process_time() - started - put_s
        refresh_index(store)
        return {"documents": store.stats()["documents"], "put_cpu_s": round(put_s, 1), "build_cpu_s": round(build_s, 1),
                "index_cpu_s": round(time.process_time() - started - put_s - build_s, 1)}


def add_ten(path: str, new: list[Any]) -> dict[str, float]:
    """Put ``new``, update the knowledge base, refresh the index (what ``ingest`` does after the NLP: the steps of
    ``ingest.run.finish``, timed one by one)."""
    from communique.kb.update import update
    from communique.search import refresh_index
    from communique.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        started, wall = time.process_time(), time.perf_counter()
        ids = [doc.id for doc in store.put_many(new, PIPELINE)]
        put = time.process_time()
        counts = update(store, ids)
        kb = time.process_time()
        refresh_index(store)
        cpu, wall = time.process_time() - started, time.perf_counter() - wall
        return {"cpu_s": cpu, "wall_s": wall, "put_cpu_s": put - started, "kb_cpu_s": kb - put,
                "index_cpu_s": cpu - (kb - started), "updated_docs": counts.get("updated_docs", -1)}


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in ("cpu_s", "wall_s", "put_cpu_s", "kb_cpu_s",
                                                                        "index_cpu_s")}


def corpus_years(docs: list[Any]) -> int:
    """The number of calendar years the documents' publication dates span."""
    years = [int(d.published[:4]) for d in docs if d.published and d.published[:4].isdigit()]
    return max(years) - min(years) + 1 if years else 1


def latency(db: str, sizes: list[int], rounds: int, workdir: Path, spread: bool = False) -> dict[str, Any]:
    """Part (b)."""
    from communique.store.sqlite import SQLiteStore

    os.environ["COMMUNIQUE_NO_SEMANTIC"] = "1"
    docs = processed(db)
    random.Random(SEED).shuffle(docs)
    held = [docs[i * NEW_DOCS : (i + 1) * NEW_DOCS] for i in range(rounds)]
    pool = sorted(docs[rounds * NEW_DOCS :], key=lambda d: d.id)
    years = corpus_years(pool) if spread else 1
    report: dict[str, Any] = {"new_docs": NEW_DOCS, "rounds": rounds, "unique_in_store": len(pool),
                              "copy_shift_years": years}
    empty = []
    for ten in held:
        target = workdir / "empty.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        empty.append(add_ten(str(target), ten))
    report["empty"] = _medians(empty)
    report["empty_cpu_s"] = report["empty"]["cpu_s"]
    for size in sizes:
        base = workdir / f"base{size}{'-spread' if spread else ''}.db"
        report[f"base_{size}"] = base_store(pool, size, str(base), years)
        with SQLiteStore(str(base)) as store:
            if any(store.get(doc.id) for ten in held for doc in ten):
                raise SystemExit(f"{base}: built with other held-out documents (another --rounds); delete it and rerun")
        runs = []
        for ten in held:
            copy = workdir / f"run{size}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
            shutil.copy(base, copy)
            runs.append(add_ten(str(copy), ten))
        med = _medians(runs)
        report[f"update_{size}"] = {**med, "updated_docs": [r["updated_docs"] for r in runs],
                                    "ratio_to_empty": round(med["cpu_s"] / report["empty"]["cpu_s"], 2),
                                    "kb_ratio_to_empty": round(med["kb_cpu_s"] / report["empty"]["kb_cpu_s"], 2)}
    if len(sizes) >= 2:
        growth = report[f"update_{sizes[-1]}"]["cpu_s"] / report[f"update_{sizes[0]}"]["cpu_s"]
        report["growth"] = round(growth, 2)
        report["growth_under_target"] = growth < TARGET_GROWTH
    report["ratio_under_target"] = all(report[f"update_{s}"]["ratio_to_empty"] <= TARGET_RATIO for s in sizes)
    return report


def puts(db: str, pg: str, n: int) -> dict[str, Any]:
    """Part (c)."""
    import uuid

    import psycopg

    from communique.store.postgres import PUT_BATCH, PostgresStore

    docs = processed(db)[:n]
    out: dict[str, Any] = {"documents": len(docs), "batch": PUT_BATCH}
    admin = psycopg.connect(pg, autocommit=True)
    for arm in ("single", "batched"):
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            with PostgresStore(f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}") as store:
                started = time.perf_counter()
                if arm == "single":
                    for doc in docs:
                        store.put(doc, PIPELINE)
                else:
                    for start in range(0, len(docs), PUT_BATCH):
                        store.put_many(docs[start : start + PUT_BATCH], PIPELINE)
                out[f"{arm}_puts_per_s"] = round(len(docs) / (time.perf_counter() - started), 1)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
    out["speedup"] = round(out["batched_puts_per_s"] / out["single_puts_per_s"], 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite store of the processed WH documents, kept between runs")
    parser.add_argument("--part", choices=("equality", "latency", "puts", "all"), default="all")
    parser.add_argument("--pg", help="PostgreSQL URL for part (c)")
    parser.add_argument("--put-docs", type=int, default=DEFAULT_PUT_DOCS)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--first", type=float, default=DEFAULT_FIRST)
    parser.add_argument("--batches", type=int, default=DEFAULT_BATCHES)
    parser.add_argument("--no-ingest", action="store_true", help="use --db as it is")
    parser.add_argument("--every", type=int, default=1, help="ingest only every n-th file of the data set")
    parser.add_argument("--spread", action="store_true",
                        help="move copy k by k times the years the corpus spans (a larger store covers more years, "
                             "at the density of the data set), not by k years (a larger store is denser)")
    parser.add_argument("--workdir", help="folder for the derived stores (default: next to --db)")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir or Path(args.db).parent / "update_latency")
    workdir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {}
    if not args.no_ingest:
        report["documents"] = ingest_missing(args.db, args.every)
    if args.part in ("equality", "all"):
        report["equality"] = equality(args.db, str(workdir / "equality.db"), args.first, args.batches)
        print(json.dumps(report["equality"]), flush=True)
    if args.part in ("latency", "all"):
        report["latency"] = latency(args.db, [int(s) for s in args.sizes.split(",")], args.rounds, workdir, args.spread)
    if args.part in ("puts", "all") and args.pg:
        report["puts"] = puts(args.db, args.pg, args.put_docs)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
