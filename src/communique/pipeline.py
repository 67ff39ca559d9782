"""Run named stages over a stream of documents, in batches, in one process or a worker pool.

Memory stays bounded: at most ``MAX_BATCHES_IN_FLIGHT_PER_WORKER`` batches per worker are in flight, and a pool
holds at most a window of :data:`WINDOW_DOCS` documents beside them, whatever the length of the input stream. A stage that raises on one document does not stop the run:
that document comes back as a :class:`Failure` with a one-line reason and the rest go on.

Time budget: each stage gets ``stage_budget_s`` seconds per document (``STAGE_BUDGET_S`` by default). A stage
that overruns is stopped (SIGALRM, in this process and in each pool worker alike: stages run in the main thread
of both); the document comes back as it was before that stage, with a one-line note in ``meta["stopped"]`` naming
the stage and the limit, and the later stages are skipped. Where no alarm can be set (a stage run outside the
main thread, as some runners do) the stage runs unbounded.

Size budget: a document whose clean text is over ``MAX_STAGE_TEXT_CHARS`` is kept as it is before the next
stage, noted the same way (extraction memory grows with the text).

Length-aware tasks (``workers`` > 1): the stream is read :data:`WINDOW_DOCS` documents ahead; each window is
ordered longest first and cut into tasks of at most :data:`TASK_CHARS` characters of input (a longer document goes
alone) and ``batch_size`` documents, so the workers get tasks of equal work whatever the input order, and the last
tasks of the run are the shortest (no worker idles on the tail while the other parses a long transcript). A task's
results are taken as soon as it ends, whichever it is, so a long task never keeps the other worker waiting for room
to send more; they still come out in input order (at most :data:`MAX_WAITING_DOCS` held for an earlier one).

Interruption: pool workers ignore Ctrl-C (the driver alone reports it, and closing the pool stops them) and
exit on their own within ``PARENT_POLL_S`` when the driver process is gone (killed with SIGKILL). Closing the pool
is bounded: the standard library's ``Pool.terminate`` first takes the task queue's read lock, which a worker blocked
on that queue can hold for good; after ``POOL_STOP_WAIT_S`` the workers are killed and the driver goes on.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import multiprocessing.pool
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from .errors import one_line
from .model import Document
from .registry import get_stage

__all__ = ["DEFAULT_PIPELINE", "EXTRACT_PIPELINE", "STAGE_BUDGET_S", "Failure", "Pipeline", "StageTimeout",
           "run_pipeline"]

# Cleaning + metadata: what `communique ingest` runs by default.
DEFAULT_PIPELINE: tuple[str, ...] = ("communique.clean.v1", "communique.metadata.v1")
# The extraction stages that follow ingest (issue 3): entities, roles, time, quotes, claims.
EXTRACT_PIPELINE: tuple[str, ...] = ("communique.nlp.v1",)

DEFAULT_BATCH_SIZE = 32  # documents per task sent to a worker: amortises pickling, keeps memory small
MAX_BATCHES_IN_FLIGHT_PER_WORKER = 2  # enough to keep every worker busy while results are written
WINDOW_DOCS = 256  # documents read ahead and ordered longest first for the pool: ~8 MB of input at 30 KB a page
MAX_WAITING_DOCS = 2 * WINDOW_DOCS  # results held for an earlier document still running: then no more is sent
TASK_CHARS = 60_000  # input characters per pool task: ~10,000 words, a few CPU-seconds (the most a worker idles)
MAX_STAGE_TEXT_CHARS = 2_000_000  # clean text a stage may take: extraction memory grows with it (~1 GiB at 19 MB)
STAGE_BUDGET_S = 120.0  # per stage per document: a long briefing takes ~25 s on a loaded machine; minutes: hostile
PARENT_POLL_S = 0.5  # how often a pool worker checks that the driver is alive (it exits within this of a kill)
POOL_STOP_WAIT_S = 5.0  # an orderly pool close takes well under a second; past this, its workers are killed


class StageTimeout(BaseException):
    """Raised in a stage by the alarm at the end of its budget (a BaseException: a stage's own ``except Exception``
    must not swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise StageTimeout in the block after ``seconds`` (no limit without a main-thread alarm or a budget)."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise StageTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document a stage could not process."""

    source: str
    doc_id: str
    stage: str
    message: str


@dataclass(frozen=True)
class Pipeline:
    """An ordered list of registered stage names (picklable: workers look the functions up by name)."""

    stages: tuple[str, ...] = DEFAULT_PIPELINE
    budget_s: float | None = STAGE_BUDGET_S  # seconds per stage per document; None: unbounded

    def __post_init__(self) -> None:
        for name in self.stages:
            get_stage(name)  # fail early on an unknown name

    def __call__(self, doc: Document) -> Document | Failure:
        for name in self.stages:
            result, go_on = self._step(name, doc)
            if not go_on or not isinstance(result, Document):
                return result
            doc = result
        return doc

    def _step(self, name: str, doc: Document) -> tuple[Document | Failure, bool]:
        """One stage on one document, within the budgets: (the result, whether the later stages run)."""
        if len(doc.text) > MAX_STAGE_TEXT_CHARS:  # a size budget: stopped before the stage, like the time one
            note = (f"{name} skipped: the clean text has {len(doc.text)} characters (limit {MAX_STAGE_TEXT_CHARS} "
                    "per document); kept without it and the later stages")
            return doc.replace(meta={**doc.meta, "stopped": [*doc.meta.get("stopped", []), note]}), False
        started = time.monotonic()
        try:
            with _time_limit(self.budget_s):
                return get_stage(name)(doc), True
        except StageTimeout:  # kept with what the earlier stages made; the later ones are skipped
            note = (f"{name} stopped after {time.monotonic() - started:.0f} s (limit {self.budget_s:g} s per "
                    "document per stage); kept without it and the later stages")
            return doc.replace(meta={**doc.meta, "stopped": [*doc.meta.get("stopped", []), note]}), False
        except Exception as exc:  # one bad document must not stop the stream
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return Failure(doc.source, doc.id, name, one_line(f"{type(exc).__name__}: {reason}")), False

    def run_batch(self, batch: Sequence[Document]) -> list[Document | Failure]:
        """Each stage over the whole batch in turn; the same results as calling the pipeline on each document.

        A batch-aware stage (one with ``prepare(docs)`` and ``release()``, as ``communique.nlp.v1``) first gets
        the documents it is about to process (it parses them in one batch), within one document's time budget.
        """
        results: list[Document | Failure] = list(batch)
        live = list(enumerate(batch))  # (position, document) of those that go on to the next stage
        for name in self.stages:
            fn = get_stage(name)
            self._prepare(fn, [doc for _, doc in live if len(doc.text) <= MAX_STAGE_TEXT_CHARS])
            try:
                still = []
                for i, doc in live:
                    result, go_on = self._step(name, doc)
                    results[i] = result
                    if go_on and isinstance(result, Document):
                        still.append((i, result))
                live = still
            finally:
                release = getattr(fn, "release", None)
                if release is not None:
                    release()
        return results

    def _prepare(self, fn: object, docs: list[Document]) -> None:
        prepare = getattr(fn, "prepare", None)
        if prepare is None or not docs:
            return
        try:
            with _time_limit(self.budget_s):
                prepare(docs)
        except (StageTimeout, Exception):  # noqa: BLE001 - an optimisation only: each document then runs on its own
            pass


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _ended(finished: queue.SimpleQueue, positions: list[int]) -> Callable[[object], None]:
    """A pool callback: a task's outcome (its results, or the error that stopped it) with its input positions."""
    return lambda outcome: finished.put((positions, outcome))


def _input_chars(doc: Document) -> int:
    return len(doc.raw) or len(doc.text)


def _tasks(docs: Iterable[Document], batch_size: int, window: int = WINDOW_DOCS,
           task_chars: int = TASK_CHARS) -> Iterator[list[tuple[int, Document]]]:
    """Length-aware pool tasks of (input position, document): see the module notes."""
    it = enumerate(docs)
    while chunk := list(itertools.islice(it, window)):
        chunk.sort(key=lambda pair: -_input_chars(pair[1]))  # stable: equal lengths stay in input order
        task: list[tuple[int, Document]] = []
        chars = 0
        for pos, doc in chunk:
            size = _input_chars(doc)
            if task and (chars + size > task_chars or len(task) >= batch_size):
                yield task
                task, chars = [], 0
            task.append((pos, doc))
            chars += size
        if task:
            yield task


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)  # the driver is gone: nobody will read this worker's results
        except PermissionError:
            continue


def _init_worker(parent: int) -> None:
    """In each pool worker: leave Ctrl-C to the driver, and exit when the driver dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="communique-parent-watch").start()


class _PoolStopper:
    """Closes a pool (``close()``) in bounded time: ``Pool.terminate`` in a helper thread, then kill the workers."""

    def __init__(self, pool: multiprocessing.pool.Pool) -> None:
        self.pool = pool

    def close(self) -> None:
        workers = list(getattr(self.pool, "_pool", []))  # the worker processes (no public accessor)
        stopper = threading.Thread(target=self.pool.terminate, name="communique-pool-stop", daemon=True)
        stopper.start()
        stopper.join(POOL_STOP_WAIT_S)
        if stopper.is_alive():  # blocked in the pool's own shutdown: stop its workers without it
            for worker in workers + list(getattr(self.pool, "_pool", [])):
                if worker.exitcode is None:
                    worker.kill()


def run_pipeline(
    docs: Iterable[Document],
    stages: Sequence[str] = DEFAULT_PIPELINE,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stage_budget_s: float | None = None,
) -> Iterator[Document | Failure]:
    """Yield each document after all ``stages``, in input order (``stage_budget_s``: see the module notes;
    None means ``STAGE_BUDGET_S``, 0 means unbounded)."""
    pipeline = Pipeline(tuple(stages), STAGE_BUDGET_S if stage_budget_s is None else (stage_budget_s or None))
    if workers <= 1:
        for batch in _batches(docs, batch_size):
            yield from pipeline.run_batch(batch)
        return
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(os.getpid(),))
    with contextlib.closing(_PoolStopper(pool)):
        finished: queue.SimpleQueue = queue.SimpleQueue()  # (input positions, results or error) as tasks end
        limit = workers * MAX_BATCHES_IN_FLIGHT_PER_WORKER
        done: dict[int, Document | Failure] = {}  # results waiting for an earlier position
        next_pos, running = 0, 0

        def collect() -> Iterator[Document | Failure]:
            """The next task to end, whichever it is (a long task does not hold up the others' results)."""
            nonlocal next_pos, running
            positions, results = finished.get()
            running -= 1
            if isinstance(results, BaseException):
                raise results
            done.update(zip(positions, results, strict=True))
            while next_pos in done:
                yield done.pop(next_pos)
                next_pos += 1

        for task in _tasks(docs, batch_size):
            positions = [pos for pos, _ in task]
            pool.apply_async(pipeline.run_batch, ([d for _, d in task],), callback=_ended(finished, positions),
                             error_callback=_ended(finished, positions))
            running += 1
            while running and (running >= limit or len(done) > MAX_WAITING_DOCS):
                yield from collect()
        while running:
            yield from collect()
