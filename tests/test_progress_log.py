"""Plain progress lines for ingest runs without a terminal: when they come, what they say, what the total is."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.progress import PROGRESS_EVERY_DOCS, ProgressLog, count_inputs, duration


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("total", "docs", "seconds_each", "expected"), [
    (250, 250, 0.5, ["ingest: 100/250 documents (40%), 2.0 docs/s, elapsed 50s, eta 1m15s",
                     "ingest: 200/250 documents (80%), 2.0 docs/s, elapsed 1m40s, eta 25s"]),
    (None, 210, 0.1, ["ingest: 100 documents, 10.0 docs/s, elapsed 10s", "ingest: 200 documents, 10.0 docs/s, elapsed 20s"]),
    (10, 5, 0.2, []),  # fewer than PROGRESS_EVERY_DOCS within a minute: nothing (the summary says it all)
    (3, 3, 50.0, ["ingest: 2/3 documents (66%), 0.0 docs/s, elapsed 1m40s, eta 50s"]),  # a minute passed
])
def test_lines_every_n_documents_or_a_minute(total: int | None, docs: int, seconds_each: float,
                                             expected: list[str]) -> None:
    clock, lines = Clock(), []
    log = ProgressLog(lines.append, total, clock=clock)
    for _ in range(docs):
        clock.now += seconds_each
        log.advance()
    assert lines == expected
    log.finish()
    log.phase("building")
    if expected:
        assert lines[-2].startswith(f"ingest: {docs} documents in {duration(docs * seconds_each)}")
        assert lines[-1] == "ingest: building"
    else:
        assert lines == []


def test_every_is_the_named_constant() -> None:
    lines: list[str] = []
    log = ProgressLog(lines.append, None, clock=Clock())
    for _ in range(PROGRESS_EVERY_DOCS - 1):
        log.advance()
    assert lines == []
    log.advance()
    assert len(lines) == 1


@pytest.mark.parametrize(("seconds", "text"), [(0, "0s"), (12.4, "12s"), (65, "1m05s"), (3600 + 120, "1h02m")])
def test_duration(seconds: float, text: str) -> None:
    assert duration(seconds) == text


@pytest.mark.parametrize(("files", "total"), [
    ({"a.txt": "One.", "b.html": "<p>Two.</p>", "sub/c.md": "Three."}, 3),
    ({"a.txt": "One.", ".hidden.txt": "skipped", ".git/x.txt": "skipped"}, 1),
    ({"r.jsonl": '{"text": "a"}\n{"text": "b"}\n{"text": "c"}', "a.txt": "One."}, 4),  # last line without newline
    ({"r.ndjson": '{"text": "a"}\n'}, 1),
    ({"crawl.warc.gz": "", "a.txt": "One."}, None),  # an archive's records are unknown until read
    ({}, 0),
])
def test_count_inputs(tmp_path: Path, files: dict[str, str], total: int | None) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    assert count_inputs([str(tmp_path)]) == total


def test_count_inputs_of_files_stdin_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", "utf-8")
    assert count_inputs([str(tmp_path / "a.txt"), "-", str(tmp_path / "missing.txt")]) == 2
