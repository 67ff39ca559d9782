"""Ctrl-C and SIGKILL during ``communique ingest``: one line, exit 130, no worker left behind, rerun completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

DOCS = 5000  # enough that the run is still going when the signal comes (2,000 raced on a loaded machine)
STORED_WAIT_S = 120  # the first documents appear once the workers have started (model-free stages)
STOP_WAIT_S = 60  # Ctrl-C ends the run within INTERRUPT_GRACE_S (15 s) whatever its orderly stop waits on
RERUN_WAIT_S = 600  # the rerun stores the rest of the documents
GONE_WAIT_S = 3.0  # workers must be gone within a second of the driver; slack for a loaded machine


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(DOCS):
        (folder / f"note-{i:05d}.txt").write_text(
            f"Statement number {i}. The delegations met on Monday and agreed to continue the talks.\n", "utf-8")
    return folder


def _start(corpus: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "communique.cli", "ingest", str(corpus), "--db", str(db), "--no-extract",
         "--workers", "2", "--batch-size", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "COLUMNS": "200", "COMMUNIQUE_NO_SEMANTIC": "1"},
        # as from a terminal: Ctrl-C neither ignored nor blocked (both are inherited across exec, and a library
        # loaded by an earlier test in this process may have set them at the C level, unseen by signal.getsignal)
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _wait_for_documents(proc: subprocess.Popen[str], db: Path) -> None:
    deadline = time.monotonic() + STORED_WAIT_S
    while _stored(db) < 1:
        assert proc.poll() is None and time.monotonic() < deadline, "ingest ended before any document was stored"
        time.sleep(0.05)


def _communicate(proc: subprocess.Popen[str], timeout: float) -> str:
    """The command's stderr once it ended; a command still running after ``timeout`` is killed (its pipes closed,
    so nothing leaks into the next test) and the test fails saying so."""
    try:
        return proc.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, stderr = proc.communicate()
        pytest.fail(f"ingest still running {timeout:.0f} s after the signal; its stderr ends: {stderr[-1500:]}")


def _group_gone(pgid: int, wait_s: float) -> bool:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_interrupted_ingest_stops_cleanly_and_rerun_completes(tmp_path: Path, how: str) -> None:
    corpus, db = _corpus(tmp_path / "corpus"), tmp_path / "kb.db"
    proc = _start(corpus, db)
    _wait_for_documents(proc, db)
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # the terminal sends Ctrl-C to the whole foreground group
        stderr = _communicate(proc, STOP_WAIT_S)
        assert proc.returncode == 130, stderr[-1500:]
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert lines and lines[-1].startswith("interrupted: ") and "rerun the same command to continue" in lines[-1]
        assert "Traceback" not in stderr
    else:
        proc.kill()  # SIGKILL to the driver alone: its workers must notice
        _communicate(proc, STOP_WAIT_S)
    try:
        assert _group_gone(proc.pid, GONE_WAIT_S), "worker processes outlived the driver"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert 0 < _stored(db) < DOCS
    rerun = _start(corpus, db)
    stderr = _communicate(rerun, RERUN_WAIT_S)
    assert rerun.returncode == 0, stderr
    assert _stored(db) == DOCS
