"""Query latency against the store size (issue 13): p50/p95 per query type at 1,000 and 10,000 documents.

A report, not a gate and not a timed test. Target: "query p95 at 10,000 documents (in-process and over HTTP)
within 2x of the p95 at 1,000" (:data:`TARGET_RATIO`).

Data: a seeded sample of ``--unique`` White House documents of ``../shared/datasets/wh_briefings_readouts``
(every ``*.md`` but the README), ingested once with the product's full pipeline (NLP, extractors and the embedding
stage) into ``<workdir>/processed.db`` (kept: a rerun ingests only what is missing). Each size is a store made of
those documents padded with dated copies, as :mod:`benchmarks.update_latency` does (its ``copy_of``: a copy marker
appended, dates moved; copy ``k`` by ``k`` times the years the sample spans, so a larger store covers more years at
the density of the data set): the copies are re-put without running the NLP again, the knowledge base is built in
full and the search index refreshed. The index is full text **and** vectors: each copy gets its original's item
vectors (same offsets: the marker comes after them) through the index's pending vectors, and only what is left
(the marker's passage) is embedded at refresh. ``--no-vectors`` builds and queries full text only.

Queries: a fixed mix, the same on both sizes, written for this benchmark (generic analyst queries, not taken from
any benchmark question file): :data:`SEARCH_QUERIES` in hybrid and fts mode, :data:`QUESTIONS` to ``ask``, timeline
pages (newest first, oldest first, a later page, the events of the person with most documents), document pages
(:data:`DOCUMENT_PAGES` originals drawn with :data:`SEED`, present at both sizes) and people index pages (default
sort, by name, a later page, a name filter). In-process: the library calls the API routes make (``read.views``,
``read.browse``, ``search.search``, ``search.ask``) on one open store. Over HTTP: ``communique serve`` in a
subprocess on 127.0.0.1, one client, one request at a time (the same calls through their API routes; fts mode over
HTTP is a second server run with ``COMMUNIQUE_NO_SEMANTIC=1``). Each query runs once to warm up (model load,
vector matrix), then ``--rounds`` times; p50/p95 per type are over every timed call of that type. Nothing is tuned:
the benchmark has no parameter that changes an answer, and ``--dump`` writes every answer so two runs (before and
after a change) can be compared for identical results.

    python -m benchmarks.query_scale --workdir /work/query-data [--unique 300] [--sizes 1000,10000]
                                     [--rounds 5] [--no-http] [--no-vectors] [--dump answers.json]

From :data:`search.index.SHORTLIST_MIN_VECTORS` vectors on (the 10,000-document store, not the 1,000 one), a
semantic query scores a shortlist (:class:`search.index.VectorMatrix`): ``--shortlist-recall DB...`` measures how
much of the exact ranking it keeps, for the same query mix, on any stores (the shortlist made whatever their size):

    python -m benchmarks.query_scale --workdir /work/query-data --shortlist-recall store10000.db other.db
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from benchmarks.gate import shared_dir
from benchmarks.update_latency import PIPELINE, WH, copy_of, corpus_years

TARGET_RATIO = 2.0  # issue 13: p95 at 10,000 documents within 2x of the p95 at 1,000
DEFAULT_SIZES = (1000, 10000)  # issue 13's sizes
DEFAULT_UNIQUE = 200  # distinct documents processed once (the NLP is the cost: ~1.4 CPU-s per document)
DEFAULT_ROUNDS = 5  # timed repetitions of the whole mix per size (plus one warm-up)
DOCUMENT_PAGES = 8  # documents whose page is timed
PUT_CHUNK = 200  # documents per put_many while padding
SEED = 13
START_TIMEOUT_S = 600.0  # the server checks the store before it listens
REQUEST_TIMEOUT_S = 120.0

SEARCH_QUERIES = (
    "trade agreement",
    "sanctions",
    "climate change commitments",
    "nuclear weapons",
    "bilateral meeting with the prime minister",
    "humanitarian assistance",
    "economic cooperation and investment",
    "border security",
    "human rights",
    "supply chains",
)
QUESTIONS = (
    "Who met the prime minister?",
    "When did the president meet the chancellor?",
    "What did the secretary say about sanctions?",
    "How much funding was announced?",
    "Where was the summit held?",
    "Who attended the meeting on energy security?",
)
KINDS = ("search_hybrid", "search_fts", "ask", "timeline", "document", "people")


# --- data --------------------------------------------------------------------------------------------------------


def sample_files(unique: int) -> list[str]:
    files = sorted(str(p) for p in (shared_dir() / "datasets" / WH).rglob("*.md") if p.name != "README.md")
    return sorted(random.Random(SEED).sample(files, min(unique, len(files))))


def processed_store(workdir: Path, unique: int) -> Path:
    """``<workdir>/processed.db``: the sampled documents through the full pipeline (item vectors left pending)."""
    from communique.ingest.run import ingest
    from communique.store.sqlite import SQLiteStore

    path = workdir / "processed.db"
    with SQLiteStore(str(path)) as store:
        ingest(sample_files(unique), store, on_error=lambda m: print("  error:", m, file=sys.stderr))
    return path


def pool(path: Path) -> tuple[list[Any], dict[str, tuple[str, list[tuple[str, int, int]], Any]]]:
    """The unique processed documents (by id) and their pending item vectors (model key, spans, float16 rows)."""
    import numpy as np

    from communique.store.sqlite import SQLiteStore

    with SQLiteStore(str(path)) as store:
        docs = [d.replace(story=None) for d in store.iter_documents(by_id=True) if d.duplicate_of is None]
        rows = store._execute('SELECT doc_id, type, start, "end", model, vec FROM search_pending '
                              'ORDER BY doc_id, start, "end", type').fetchall()
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    vectors = {doc_id: (str(rs[0][4]), [(str(r[1]), int(r[2]), int(r[3])) for r in rs],
                        np.stack([np.frombuffer(bytes(r[5]), dtype=np.float16) for r in rs]))
               for doc_id, rs in grouped.items()}
    return docs, vectors


def build_store(docs: list[Any], vectors: dict[str, Any], size: int, path: Path, years: int,
                with_vectors: bool) -> dict[str, Any]:
    """A store of ``size`` documents at ``path`` (kept: completed when short), built and indexed."""
    from communique.kb import build
    from communique.search import index_for, refresh_index
    from communique.store.sqlite import SQLiteStore

    started = time.process_time()
    with SQLiteStore(str(path)) as store:
        index = index_for(store)
        have = int(store.stats()["documents"])
        for start in range(have, size, PUT_CHUNK):
            numbers = range(start, min(size, start + PUT_CHUNK))
            originals = [docs[i % len(docs)] for i in numbers]
            batch = [copy_of(d, i // len(docs), years) for d, i in zip(originals, numbers, strict=True)]
            for doc, original in zip(store.put_many(batch, PIPELINE), originals, strict=True):
                if doc.duplicate_of is not None:  # a copy stands for another document of another year
                    store.set_fields(doc.id, duplicate_of=None)
                if with_vectors and original.id in vectors:
                    index.stash_vectors(doc.id, *vectors[original.id])
        put_s = time.process_time() - started
        if store.kb_state().get("watermark") != store.watermark():
            build(store)
        build_s = time.process_time() - started - put_s
        refresh_index(store)
        return {"documents": store.stats()["documents"], "put_cpu_s": round(put_s, 1),
                "build_cpu_s": round(build_s, 1),
                "index_cpu_s": round(time.process_time() - started - put_s - build_s, 1)}


# --- the query mix -------------------------------------------------------------------------------------------------


def plan(store: Any, doc_ids: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, label, parameters) of every query of the mix; the actor is the person with most documents."""
    from communique.read import browse

    top = browse.index_page(store, "people", limit=1)["items"]
    actor = top[0]["name"] if top else "president"
    out: list[tuple[str, str, dict[str, Any]]] = []
    for q in SEARCH_QUERIES:
        out.append(("search_hybrid", q, {"q": q}))
        out.append(("search_fts", q, {"q": q}))
    out += [("ask", q, {"q": q}) for q in QUESTIONS]
    out += [("timeline", "newest", {}), ("timeline", "oldest", {"sort": "date"}),
            ("timeline", "page 3", {"offset": 100}), ("timeline", "actor", {"actor": actor})]
    out += [("document", doc_id, {"id": doc_id}) for doc_id in doc_ids]
    out += [("people", "default", {}), ("people", "by name", {"sort": "name"}), ("people", "page 3", {"offset": 100}),
            ("people", "name words", {"q": actor.split()[-1]})]
    return out


def in_process(store: Any, kind: str, p: dict[str, Any]) -> Any:
    from communique.read import browse, views
    from communique.search import ask, search

    if kind in ("search_hybrid", "search_fts"):
        return [h.as_dict() for h in search(store, p["q"], mode=kind.split("_")[1], limit=views.SEARCH_LIMIT)]
    if kind == "ask":
        return ask(store, p["q"]).as_dict()
    if kind == "timeline":
        return browse.timeline_page(store, **p)
    if kind == "document":
        return views.document_view(store, p["id"])
    return browse.index_page(store, "people", **p)


def http_request(kind: str, p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if kind.startswith("search"):
        return "/api/search", {"q": p["q"]}
    if kind == "ask":
        return "/api/ask", {"q": p["q"]}
    if kind == "timeline":
        return "/api/timeline", p
    if kind == "document":
        return f"/api/documents/{p['id']}", {}
    return "/api/browse/people", p


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def timed(queries: list[tuple[str, str, dict[str, Any]]], call: Callable[[str, dict[str, Any]], Any],
          rounds: int) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Per kind (and ``all``) p50/p95 in ms of wall time, and of this process's CPU time (in-process calls: robust
    when other work shares the cores), over ``rounds`` after one warm-up pass (its slowest call per kind reported as
    ``cold_max_ms``: what a first request after a change pays); the digest of each answer."""
    answers: dict[str, str] = {}
    cold: dict[str, float] = defaultdict(float)
    for kind, label, p in queries:
        started = time.perf_counter()
        answers[f"{kind}:{label}"] = digest(call(kind, p))
        cold[kind] = max(cold[kind], (time.perf_counter() - started) * 1000)
    times: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for kind, _label, p in queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            call(kind, p)
            for where, value in ((times, time.perf_counter() - started), (cpu, time.process_time() - cpu_started)):
                where[kind].append(value * 1000)
                where["all"].append(value * 1000)
    stats = {kind: {"p50_ms": round(statistics.median(v), 1), "p95_ms": round(percentile(v, 0.95), 1),
                    "cpu_p50_ms": round(statistics.median(cpu[kind]), 1),
                    "cpu_p95_ms": round(percentile(cpu[kind], 0.95), 1),
                    "cold_max_ms": round(cold[kind], 1) if kind in cold else None, "n": len(v)}
             for kind, v in times.items()}
    return stats, answers


@contextmanager
def server(db: Path, semantic: bool) -> Iterator[str]:
    """The base URL of ``communique serve`` on ``db`` (serve_load's start and stop)."""
    from benchmarks.serve_load import _start, _stop

    proc, base = _start(db, semantic, START_TIMEOUT_S)
    try:
        yield base
    finally:
        _stop(proc)


def over_http(db: Path, queries: list[tuple[str, str, dict[str, Any]]], rounds: int,
              semantic: bool) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    with server(db, semantic) as base, httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        def call(kind: str, p: dict[str, Any]) -> Any:
            path, params = http_request(kind, p)
            response = client.get(path, params=params)
            response.raise_for_status()
            return response.json()

        if semantic:
            mix = [q for q in queries if q[0] != "search_fts"]
        else:
            mix = [q for q in queries if q[0] == "search_fts"]
        return timed(mix, call, rounds)


def measure(db: Path, doc_ids: list[str], rounds: int, http: bool, with_vectors: bool) -> dict[str, Any]:
    from communique.store.sqlite import SQLiteStore

    with SQLiteStore(str(db)) as store:
        queries = plan(store, doc_ids)
        local, answers = timed(queries, lambda kind, p: in_process(store, kind, p), rounds)
    out: dict[str, Any] = {"in_process": local, "answers": answers}
    if http:
        hybrid, http_answers = over_http(db, queries, rounds, semantic=with_vectors)
        fts, fts_answers = over_http(db, queries, rounds, semantic=False)
        for stats in (hybrid, fts):  # the client's CPU time says nothing of the server's
            for kind in stats.values():
                kind.pop("cpu_p50_ms")
                kind.pop("cpu_p95_ms")
        out["http"] = {**hybrid, "fts_server_all": fts.pop("all"), **fts}
        out["http_answers"] = {**http_answers, **fts_answers}
    return out


def shortlist_recall(db: Path, k_values: tuple[int, ...] = (10, 60)) -> dict[str, Any]:
    """How much of the exact semantic ranking the vector shortlist keeps (``index.VectorMatrix``, made whatever the
    matrix's size): for each query of the mix, the share of the exact first k scores found among the shortlist's
    first k (by score, so that equal vectors, as a copy and its original, count as one another), averaged."""
    import numpy as np

    from communique.search import index_for
    from communique.search.index import VectorMatrix
    from communique.search.semantic import get_embedder
    from communique.store.sqlite import SQLiteStore

    embedder = get_embedder()
    if embedder is None:
        return {"error": "no embedder installed"}
    with SQLiteStore(str(db)) as store:
        found = index_for(store).matrix(embedder.name)
    if found is None:
        return {"error": f"no vectors of {embedder.name} in {db}"}
    matrix = VectorMatrix("recall")
    matrix.extend([(int(i), v.astype(np.float16).tobytes()) for i, v in zip(found.ids, found.vectors, strict=True)])
    matrix.make_shortlist()
    recall: dict[int, list[float]] = {k: [] for k in k_values}
    for query in embedder.embed(list(SEARCH_QUERIES + QUESTIONS)):
        exact = np.sort(matrix.scores(query, exact=True)[1])[::-1]
        short = np.sort(matrix.scores(query)[1])[::-1]
        for k in k_values:
            want, got = exact[:k], short[:k]
            recall[k].append(float(np.mean([np.isclose(got, v, atol=1e-6).any() for v in want])))
    return {"vectors": len(matrix.ids), **{f"recall@{k}": round(float(np.mean(v)), 4) for k, v in recall.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", required=True, help="folder for the processed store and the sized stores (kept)")
    parser.add_argument("--unique", type=int, default=DEFAULT_UNIQUE)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-vectors", action="store_true", help="full-text index only (build and queries)")
    parser.add_argument("--build-only", action="store_true", help="make the stores, time nothing")
    parser.add_argument("--dump", help="write every answer's digest here (compare two runs for identical results)")
    parser.add_argument("--shortlist-recall", metavar="DB", nargs="+",
                        help="only measure the vector shortlist's recall against exact scores on these stores")
    args = parser.parse_args(argv)
    if args.shortlist_recall:
        print(json.dumps({db: shortlist_recall(Path(db)) for db in args.shortlist_recall}, indent=1))
        return 0
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    with_vectors = not args.no_vectors
    if not with_vectors:
        os.environ["COMMUNIQUE_NO_SEMANTIC"] = "1"
    sizes = [int(s) for s in args.sizes.split(",")]
    docs, vectors = pool(processed_store(workdir, args.unique))
    years = corpus_years(docs)
    doc_ids = sorted(random.Random(SEED).sample([d.id for d in docs], min(DOCUMENT_PAGES, len(docs))))
    report: dict[str, Any] = {"unique_documents": len(docs), "with_vectors": with_vectors, "copy_shift_years": years,
                              "rounds": args.rounds}
    suffix = "" if with_vectors else "-fts"
    for size in sizes:
        db = workdir / f"store{size}{suffix}.db"
        report[f"build_{size}"] = build_store(docs, vectors, size, db, years, with_vectors)
        print(json.dumps({size: report[f"build_{size}"]}), file=sys.stderr, flush=True)
        if not args.build_only:
            report[f"size_{size}"] = measure(db, doc_ids, args.rounds, not args.no_http, with_vectors)
            print(json.dumps({size: {k: v for k, v in report[f"size_{size}"].items() if "answers" not in k}}),
                  file=sys.stderr, flush=True)
    if len(sizes) >= 2 and not args.build_only:
        small, large = report[f"size_{sizes[0]}"], report[f"size_{sizes[-1]}"]
        ratios: dict[str, dict[str, Any]] = {}
        for where in ("in_process", "http"):
            if where in small:
                ratios[where] = {k: round(large[where][k]["p95_ms"] / max(small[where][k]["p95_ms"], 0.1), 2)
                                 for k in small[where]}
                if where == "in_process":
                    ratios["in_process_cpu"] = {
                        k: round(large[where][k]["cpu_p95_ms"] / max(small[where][k]["cpu_p95_ms"], 0.1), 2)
                        for k in small[where]}
        report["p95_ratio"] = ratios
        report["within_target"] = {where: all(r <= TARGET_RATIO for r in rs.values()) for where, rs in ratios.items()}
        report["load_average_1min"] = round(os.getloadavg()[0], 2)
    if args.dump:
        Path(args.dump).write_text(json.dumps({k: {w: v[w] for w in ("answers", "http_answers") if w in v}
                                               for k, v in report.items() if k.startswith("size_")}, indent=1))
    for key in list(report):
        if key.startswith("size_"):
            report[key] = {k: v for k, v in report[key].items() if "answers" not in k}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
