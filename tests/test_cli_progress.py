"""``communique ingest`` with its output going to a log (no terminal): plain progress lines with count, rate and
ETA, a final line, and the summary on one line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from communique.progress import PROGRESS_EVERY_DOCS

DOCS = PROGRESS_EVERY_DOCS * 2 + 30  # two progress lines, then the final one


def test_ingest_logs_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(DOCS):
        (corpus / f"note-{i:04d}.txt").write_text(
            f"Statement {i}. The delegations met on Monday and agreed to continue talks on item {i}.\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "communique.cli", "ingest", str(corpus), "--db", str(tmp_path / "kb.db"),
         "--no-extract"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "COMMUNIQUE_NO_SEMANTIC": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    progress = [line for line in lines if re.fullmatch(
        rf"ingest: \d+/{DOCS} documents \(\d+%\), [\d.]+ docs/s, elapsed \w+, eta \w+", line)]
    assert [line.split()[1] for line in progress] == [f"{PROGRESS_EVERY_DOCS}/{DOCS}", f"{2 * PROGRESS_EVERY_DOCS}/{DOCS}"]
    assert any(re.fullmatch(rf"ingest: {DOCS} documents in \w+ \([\d.]+ docs/s\)", line) for line in lines)
    assert "ingest: building the knowledge base and the search index" in lines
    assert lines[-1].startswith(f"read={DOCS} added={DOCS} ") and "stories=" in lines[-1]  # one line
    assert "\x1b[" not in proc.stderr  # no terminal codes in a log
