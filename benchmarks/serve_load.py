"""A bounded local load test of ``communique serve`` (127.0.0.1 only): concurrent clients, zero errors required.

Setting: the 57 wild_dev pages are ingested into a fresh store (as :mod:`benchmarks.wild_dev` does, lexical search
only: ``COMMUNIQUE_NO_SEMANTIC=1``), then ``communique serve --db DB --port 0`` runs in a subprocess bound to
127.0.0.1; its start message gives the URL. ``CLIENTS`` threads (one ``httpx.Client`` each) send
``REQUESTS_PER_CLIENT`` requests each, cycling through a fixed mix (seeded, the same every run):

* ``search``: ``GET /api/search?q=<word>`` and the HTML page ``/search?q=<word>`` (generic words of the domain);
* ``ask``: ``GET /api/ask?q=<question>`` (generic questions, answerable or not);
* ``document``: ``GET /api/documents/<id>`` and the HTML page ``/documents/<id>`` (ids listed once before the run);
* ``timeline``: ``GET /api/timeline`` and the HTML page ``/timeline``.

Metrics: ``requests``, ``errors`` (a non-2xx answer or a failed request; the gate's ceiling is 0), ``p50_ms`` /
``p95_ms`` over all requests and ``<kind>_p50_ms`` / ``<kind>_p95_ms`` per kind, ``throughput_rps`` (requests per
wall second with all clients running). Wall times are measured on a 2-core machine shared by the server and the
clients: the latencies are a report, the gate only checks the errors.

    python -m benchmarks.serve_load [--db FILE (kept; a rerun skips the ingest)]
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

from benchmarks.wild_dev import _communique

CLIENTS = 8  # the concurrency
REQUESTS_PER_CLIENT = 40  # 320 requests: long enough for a p95, short enough for the gate
SEED = 2026  # the request mix is drawn once from this seed
START_TIMEOUT_S = 300.0  # the server builds the knowledge base and the search index before it listens
REQUEST_TIMEOUT_S = 60.0  # one request; slower counts as an error
SEARCH_WORDS = ("trade", "security", "minister", "cooperation", "energy", "talks", "investment", "visit")
QUESTIONS = (
    "When did the foreign ministers meet?",
    "Who took part in the talks on trade?",
    "What was said about energy cooperation?",
    "How much investment was announced?",
    "Where did the leaders meet in 1850?",  # not in the sources
)
_URL_RE = re.compile(r"https?://[^\s/]+/")


def _build(db: Path, shared: Path) -> None:
    docs = shared / "datasets" / "wild_dev" / "docs"
    env = dict(os.environ, COMMUNIQUE_NO_SEMANTIC="1")
    subprocess.run([*_communique(), "ingest", str(docs), "--db", str(db), "--workers", "1"], check=True,
                   env=env, stdout=subprocess.DEVNULL)


def _start(db: Path, semantic: bool = False,
           timeout_s: float = START_TIMEOUT_S) -> tuple[subprocess.Popen[str], str]:
    """``communique serve`` on a free local port, no tokens; (process, base URL). ``semantic``: vectors too."""
    env = dict(os.environ, COMMUNIQUE_NO_SEMANTIC="1")
    if semantic:
        env.pop("COMMUNIQUE_NO_SEMANTIC")
    env.pop("COMMUNIQUE_TOKEN", None)
    env.pop("COMMUNIQUE_READ_TOKEN", None)
    proc = subprocess.Popen([*_communique(), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", "0"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout_s
    seen: list[str] = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line.rstrip())
        if match := _URL_RE.search(line):
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()  # drain the log
            return proc, match.group(0).rstrip("/")
    proc.kill()
    raise RuntimeError("the server did not start: " + " | ".join(seen[-5:]))


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def _plan(doc_ids: list[str]) -> list[list[tuple[str, str]]]:
    rng = random.Random(SEED)
    kinds = ("search", "ask", "document", "timeline")
    plans = []
    for _ in range(CLIENTS):
        plan = []
        for i in range(REQUESTS_PER_CLIENT):
            kind = kinds[i % len(kinds)]
            html = rng.random() < 0.5
            if kind == "search":
                word = rng.choice(SEARCH_WORDS)
                path = f"/search?q={word}" if html else f"/api/search?q={word}"
            elif kind == "ask":
                path = "/api/ask?q=" + rng.choice(QUESTIONS)
            elif kind == "document":
                doc = rng.choice(doc_ids)
                path = f"/documents/{doc}" if html else f"/api/documents/{doc}"
            else:
                path = "/timeline" if html else "/api/timeline"
            plan.append((kind, path))
        plans.append(plan)
    return plans


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def load(base: str) -> dict[str, float]:
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        page = client.get("/api/documents", params={"limit": 100}).json()
    doc_ids = [d["id"] for d in page["items"]]
    plans = _plan(doc_ids)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()

    def worker(plan: list[tuple[str, str]]) -> None:
        with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
            for kind, path in plan:
                start = time.perf_counter()
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError as exc:
                    status, reason = 0, type(exc).__name__
                else:
                    reason = str(status)
                ms = (time.perf_counter() - start) * 1000
                with lock:
                    times[kind].append(ms)
                    if not 200 <= status < 300:
                        errors.append(f"{reason} {path}")

    threads = [threading.Thread(target=worker, args=(plan,)) for plan in plans]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    everything = [ms for values in times.values() for ms in values]
    metrics = {"requests": float(len(everything)), "errors": float(len(errors)),
               "p50_ms": round(_percentile(everything, 0.5), 1), "p95_ms": round(_percentile(everything, 0.95), 1),
               "throughput_rps": round(len(everything) / wall, 2)}
    for kind, values in sorted(times.items()):
        metrics[f"{kind}_p50_ms"] = round(_percentile(values, 0.5), 1)
        metrics[f"{kind}_p95_ms"] = round(_percentile(values, 0.95), 1)
    for line in errors[:10]:
        print("error:", line, file=sys.stderr)
    return metrics


def run(shared: Path, limit: int | None = None, db: Path | None = None) -> dict[str, float]:
    del limit  # fixed size
    with tempfile.TemporaryDirectory(prefix="serve_load_") as tmp:
        path = db or Path(tmp) / "kb.db"
        if not path.exists():
            _build(path, shared)
        proc, base = _start(path)
        try:
            return load(base)
        finally:
            _stop(proc)


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    kept = Path(sys.argv[sys.argv.index("--db") + 1]) if "--db" in sys.argv else None
    print(json.dumps(run(shared_dir(), db=kept), indent=1))
