"""SIGKILL an ingest at several random points, rerun after each: the final export equals a clean run's, and the
search index covers every document."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

DOCS = 300  # enough for kills at different points, small enough for a quick test
KILLS = 10  # kill points, as the issue asks: SIGKILL at ten random points, rerun after each
WAIT_S = 120  # a kill point is reached once this many documents are stored; give up after this long
ENV = {**os.environ, "COLUMNS": "200", "COMMUNIQUE_NO_SEMANTIC": "1"}


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "communique.cli", "ingest", str(corpus), "--db", str(db),
                             "--no-extract", "--batch-size", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _export(db: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "communique.cli", "export", "--db", str(db)], capture_output=True,
                         text=True, env=ENV, timeout=300, check=True)
    return json.loads(out.stdout)


def test_killed_ingests_rerun_to_the_same_export(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(7)
    topics = ["customs", "fisheries", "energy", "border crossings", "rail links"]
    for i in range(DOCS):
        topic = rng.choice(topics)
        (corpus / f"n{i:04d}.txt").write_text(
            f"Note {i}. Officials met on Monday to discuss {topic}. They agreed to meet again about {topic}.\n",
            "utf-8")
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    proc = _ingest(corpus, clean_db)
    assert proc.wait(timeout=600) == 0
    for point in sorted(rng.sample(range(1, DOCS), KILLS)):
        proc = _ingest(corpus, killed_db)
        deadline = time.monotonic() + WAIT_S
        while _stored(killed_db) < point and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.kill()
        proc.wait(timeout=60)
    proc = _ingest(corpus, killed_db)
    assert proc.wait(timeout=600) == 0
    assert _export(killed_db) == _export(clean_db)
    with sqlite3.connect(killed_db) as conn:
        indexed = conn.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0]
    assert indexed == DOCS
