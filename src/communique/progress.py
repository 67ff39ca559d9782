"""Progress of ``communique ingest`` as plain log lines, for runs whose output is no terminal (cron, CI, a pipe).

Every ``PROGRESS_EVERY_DOCS`` documents (or ``PROGRESS_EVERY_S`` seconds, whichever comes first):
``ingest: 300/1200 documents (25%), 4.2 docs/s, elapsed 1m11s, eta 3m34s``, and, for a run that wrote such a
line, a last one with the count and the rate at the end (a short run's summary line says all there is). The total is counted before the run
(:func:`count_inputs`): files, and the lines of JSON-lines files; a WARC archive's records cannot be counted
without reading it, so with one the lines give count and rate but no ETA.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

__all__ = ["PROGRESS_EVERY_DOCS", "PROGRESS_EVERY_S", "ProgressLog", "count_inputs", "duration"]

PROGRESS_EVERY_DOCS = 100  # a line per 100 documents: a few lines a minute at model speed, not one per document
PROGRESS_EVERY_S = 60.0  # and at least one a minute, so a slow run (big pages, full extraction) shows it is alive
MAX_COUNTED_BYTES = 1 << 30  # JSON-lines bytes read to count records; beyond that the total is left unknown
CONTAINER_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")  # records unknown until read
LINE_SUFFIXES = (".jsonl", ".ndjson")  # one record per line
CHUNK_BYTES = 1 << 20


def duration(seconds: float) -> str:
    """``4m05s``, ``1h02m``, ``12s``."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def _files(root: Path) -> Iterator[Path]:
    """Regular files under ``root``, hidden names skipped, links to folders not followed (as the readers walk)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not Path(folder, d).is_symlink()]
        for name in files:
            path = Path(folder, name)
            if not name.startswith(".") and path.is_file():
                yield path


def _lines(path: Path, budget: list[int]) -> int | None:
    """Newline-terminated records of a JSON-lines file (None once the byte budget is spent)."""
    size = path.stat().st_size
    if size > budget[0]:
        return None
    budget[0] -= size
    count, last = 0, b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many documents ``paths`` hold, or None when that cannot be known cheaply (an archive, huge files)."""
    total, budget = 0, [MAX_COUNTED_BYTES]
    for given in paths:
        if given == "-":
            total += 1
            continue
        root = Path(given)
        try:
            files = list(_files(root)) if root.is_dir() else [root] if root.is_file() else []
            for path in files:
                name = path.name.lower()
                if name.endswith(CONTAINER_SUFFIXES):
                    return None
                lines = _lines(path, budget) if name.endswith(LINE_SUFFIXES) else 1
                if lines is None:
                    return None
                total += lines
        except OSError:
            return None  # the run itself reports what cannot be read
    return total


def _documents(n: int) -> str:
    return f"{n} document" + ("" if n == 1 else "s")


class ProgressLog:
    """Counts documents and writes a line every ``every`` of them or ``every_s`` seconds, and one at the end."""

    def __init__(self, write: Callable[[str], None], total: int | None, *, every: int = PROGRESS_EVERY_DOCS,
                 every_s: float = PROGRESS_EVERY_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.write, self.total, self.every, self.every_s, self.clock = write, total, every, every_s, clock
        self.done = 0
        self.started = self.last_at = clock()
        self.last_done = 0
        self.logged = False  # a progress line was written: the run is long enough for its end to be logged too

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if self.done - self.last_done >= self.every or now - self.last_at >= self.every_s:
            self.write(self.line(now))
            self.last_done, self.last_at, self.logged = self.done, now, True

    def line(self, now: float | None = None) -> str:
        elapsed = (self.clock() if now is None else now) - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        count = f"{self.done}/{self.total} documents ({min(100, 100 * self.done // max(self.total, 1))}%)" \
            if self.total else _documents(self.done)
        text = f"ingest: {count}, {rate:.1f} docs/s, elapsed {duration(elapsed)}"
        if self.total and rate > 0:
            text += f", eta {duration(max(0, self.total - self.done) / rate)}"
        return text

    def phase(self, what: str) -> None:
        if self.logged:
            self.write(f"ingest: {what}")

    def finish(self) -> None:
        if not self.logged:
            return
        elapsed = self.clock() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        self.write(f"ingest: {_documents(self.done)} in {duration(elapsed)} ({rate:.1f} docs/s)")
