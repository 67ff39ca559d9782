"""The CLI through real subprocesses: ingest, export, show, stats, errors, idempotence, SIGKILL mid-run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# Cleaning + metadata only: these tests are about the CLI and the store, not the models.
FAST = ["--no-extract"]


def cli(*args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "communique.cli", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "200"},
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def _export(db: Path) -> dict:
    return json.loads(cli("export", "--db", str(db), "--format", "json").stdout)


def test_cli_ingest_then_export_follows_contract(tmp_path):
    db = tmp_path / "kb.db"
    cli("ingest", str(EXAMPLES), "--db", str(db), *FAST)
    data = _export(db)
    assert data["format"] == "communique-export/1"
    for key in ("documents", "entities", "events", "quotes", "claims", "stories"):
        assert isinstance(data[key], list)
    assert len(data["documents"]) == len(list(EXAMPLES.iterdir()))
    kinds = {"news", "readout", "transcript", "press_release", "statement", "speech", "other"}
    for doc in data["documents"]:
        assert set(doc) >= {"id", "source", "kind", "language", "text", "removed"}
        assert doc["kind"] in kinds and doc["text"].strip()
        assert doc["published"] is None or len(doc["published"]) in (5, 7, 10)
    aggregator = next(d for d in data["documents"] if d["source"].endswith("aggregator-page.txt"))
    assert "Post a comment" in aggregator["removed"]
    assert "García Harfuch told journalists" in aggregator["text"]


def test_cli_reingest_changes_nothing(tmp_path):
    db = tmp_path / "kb.db"
    cli("ingest", str(EXAMPLES), "--db", str(db), *FAST)
    first = _export(db)
    second_run = cli("ingest", str(EXAMPLES), "--db", str(db), *FAST)
    assert "added=0" in second_run.stderr
    assert _export(db)["documents"] == first["documents"]


def test_cli_ingest_stdin(tmp_path):
    db = tmp_path / "kb.db"
    text = b"Foreign ministers of Chile and Peru met in Lima on Monday to discuss a new border crossing.\n"
    cli("ingest", "-", "--db", str(db), *FAST, stdin=text)
    docs = _export(db)["documents"]
    assert [d["source"] for d in docs] == ["-"]
    assert "Chile and Peru" in docs[0]["text"]


def test_cli_bad_files_reported_in_one_line_and_rest_ingested(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("The ministers met in Ottawa on Monday and agreed to expand the trade talks.\n")
    (src / "photo.txt").write_bytes(bytes(range(256)) * 20)
    db = tmp_path / "kb.db"
    proc = cli("ingest", str(src), "--db", str(db), *FAST, check=False)
    assert proc.returncode == 0
    assert "photo.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert [d["source"].rsplit("/", 1)[-1] for d in _export(db)["documents"]] == ["good.txt"]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["export", "--db", "missing.db"], "missing.db"),
        (["show", "nope", "--db", "{db}"], "nope"),
        (["export", "--db", "{db}", "--format", "xml"], "xml"),
        (["ingest", "does-not-exist.txt", "--db", "{db}"], "does-not-exist.txt"),
    ],
)
def test_cli_errors_are_one_line(tmp_path, args, needle):
    db = tmp_path / "kb.db"
    cli("ingest", str(EXAMPLES / "wire-copy.md"), "--db", str(db), *FAST)
    proc = cli(*[a.replace("{db}", str(db)) for a in args], check=False)
    assert proc.returncode != 0
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == (2 if args[0] == "ingest" else 1)  # ingest: the skipped file, then its summary line


def test_cli_show_and_stats(tmp_path):
    db = tmp_path / "kb.db"
    cli("ingest", str(EXAMPLES), "--db", str(db), *FAST)
    shown = cli("show", str(EXAMPLES / "aggregator-page.txt"), "--db", str(db)).stdout
    assert "Scroll to top" in shown and "removed (" in shown
    stats = json.loads(cli("stats", "--db", str(db), "--json").stdout)
    assert stats["documents"] == len(list(EXAMPLES.iterdir()))


def test_cli_reads_say_when_stale_and_rebuild_brings_the_base_up_to_date(tmp_path):
    from communique.model import Document
    from communique.store.sqlite import SQLiteStore

    db = tmp_path / "kb.db"
    cli("ingest", str(EXAMPLES / "wire-copy.md"), "--db", str(db), *FAST)
    assert "note:" not in cli("export", "--db", str(db), "--format", "json").stderr
    with SQLiteStore(db) as store:  # a document stored without a build (as a run killed before its end leaves it)
        store.put(Document(id="late", source="late.txt", text="A later report.", published="2025-01-02"), "p")
    before = _export(db)
    export = cli("export", "--db", str(db), "--format", "json")
    assert f"communique rebuild --db {db}" in export.stderr and json.loads(export.stdout) == before
    assert "late" not in {d for s in before["stories"] for d in s["docs"]}  # the read did not build
    rebuilt = cli("rebuild", "--db", str(db))
    assert "stories" in rebuilt.stdout and "note:" not in rebuilt.stderr
    after = cli("export", "--db", str(db), "--format", "json")
    assert "note:" not in after.stderr and "late" in {d for s in json.loads(after.stdout)["stories"] for d in s["docs"]}


def test_cli_ingest_survives_sigkill(tmp_path):
    """Kill a real ingest mid-run: the db stays consistent and a rerun completes it without duplicates."""
    src = tmp_path / "many"
    src.mkdir()
    n = 400
    for i in range(n):
        (src / f"doc{i:04d}.txt").write_text(
            f"Report {i}. Officials from {i} delegations met in Geneva on day {i} to discuss item {i * 7} "
            f"of the agenda, with {i + 3} observers present and statement number {i * 13}.\n"
        )
    db = tmp_path / "kb.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "communique.cli", "ingest", str(src), "--db", str(db), "--batch-size", "4", *FAST],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = sqlite3.connect(db, timeout=1).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 20:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; make the input larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 20 <= partial < n
    conn.close()
    cli("ingest", str(src), "--db", str(db), *FAST)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == n
    assert conn.execute("SELECT COUNT(DISTINCT id) FROM documents").fetchone()[0] == n
    assert conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == n


@pytest.fixture(scope="module")
def timeline_db(kbdata, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    """Two dated meetings (2025-03-03 Marsh-Báez, 2025-04-10 Marsh-Dubois) and one undated call."""
    return str(kbdata.build_browse_db(tmp_path_factory.mktemp("timeline") / "kb.db"))


@pytest.mark.parametrize(("args", "labels", "summary"), [
    ([], ["Marsh meets Dubois", "Marsh meets Báez"], "1–2 of 2 events, newest first; 1 undated event: --undated"),
    (["--oldest-first"], ["Marsh meets Báez", "Marsh meets Dubois"], "oldest first"),
    (["--limit", "1"], ["Marsh meets Dubois"], "1–1 of 2 events, newest first; next page: --offset 1"),
    (["--limit", "1", "--offset", "1"], ["Marsh meets Báez"], "2–2 of 2 events"),
    (["--since", "2025-04"], ["Marsh meets Dubois"], "1–1 of 1 event,"),
    (["--until", "2025-03"], ["Marsh meets Báez"], "1–1 of 1 event,"),
    (["--actor", "Báez", "--since", "2025-04"], [], "no events match"),
    (["--undated"], ["Dubois speaks with Marsh"], "1–1 of 1 undated event; 2 dated events: without --undated"),
])
def test_cli_timeline_pages_filters_and_sorts_like_the_web_timeline(timeline_db, args, labels, summary):
    proc = cli("timeline", "--db", timeline_db, *args)
    shown = [line.split("  ", 2)[2] for line in proc.stdout.splitlines() if not line.startswith(" ")]
    assert shown == labels
    assert summary in proc.stderr
    if labels:
        assert "    source: " in proc.stdout and "[" in proc.stdout.split("    source: ", 1)[1]  # the citation kept


def test_cli_timeline_json_is_the_web_timelines_page(timeline_db):
    page = json.loads(cli("timeline", "--db", timeline_db, "--json", "--limit", "1", "--oldest-first").stdout)
    assert (page["total"], page["offset"], page["limit"]) == (2, 0, 1)
    assert [e["name"] for e in page["items"]] == ["Marsh meets Báez"]
    assert page["other_section"]["total"] == 1


@pytest.mark.parametrize(("args", "needle"), [(["--since", "2025/04"], "'2025/04' is not YYYY"),
                                            (["--until", "April"], "'April' is not YYYY"),
                                            (["--limit", "0"], "Invalid value for '--limit'"),
                                            (["--newest"], "No such option: --newest")])
def test_cli_timeline_bad_option_says_which(timeline_db, args, needle):
    proc = cli("timeline", "--db", timeline_db, *args, check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert needle in proc.stderr
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]


@pytest.mark.parametrize("missing", [False, True])
def test_cli_rebuild_derives_the_knowledge_base_again(tmp_path, missing):
    db = tmp_path / "kb.db"
    if missing:
        proc = cli("rebuild", "--db", str(db), check=False)
        assert proc.returncode == 1 and "no such database" in proc.stderr
        return
    cli("ingest", str(EXAMPLES), "--db", str(db), *FAST)
    before = _export(db)
    proc = cli("rebuild", "--db", str(db))
    assert "stories" in proc.stdout and "entities" in proc.stdout
    after = _export(db)
    assert {k: len(v) for k, v in after.items() if isinstance(v, list)} == \
        {k: len(v) for k, v in before.items() if isinstance(v, list)}
