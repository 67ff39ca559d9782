"""Run named stages over a stream of documents, in batches, in one process or a worker pool.

Memory stays bounded: at most ``MAX_BATCHES_IN_FLIGHT`` batches of ``batch_size`` documents are held at
once, whatever the length of the input stream. A stage that raises on one document does not stop the run:
that document comes back as a :class:`Failure` with a one-line reason and the rest go on.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .model import Document
from .registry import get_stage

__all__ = ["DEFAULT_PIPELINE", "EXTRACT_PIPELINE", "Failure", "Pipeline", "run_pipeline"]

# Cleaning + metadata: what `communique ingest` runs by default.
DEFAULT_PIPELINE: tuple[str, ...] = ("communique.clean.v1", "communique.metadata.v1")
# The extraction stages that follow ingest (issue 3): entities, roles, time, quotes, claims.
EXTRACT_PIPELINE: tuple[str, ...] = ("communique.nlp.v1",)

DEFAULT_BATCH_SIZE = 32  # documents per task sent to a worker: amortises pickling, keeps memory small
MAX_BATCHES_IN_FLIGHT_PER_WORKER = 2  # enough to keep every worker busy while results are written


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

    def __post_init__(self) -> None:
        for name in self.stages:
            get_stage(name)  # fail early on an unknown name

    def __call__(self, doc: Document) -> Document | Failure:
        for name in self.stages:
            try:
                doc = get_stage(name)(doc)
            except Exception as exc:  # one bad document must not stop the stream
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                return Failure(doc.source, doc.id, name, f"{type(exc).__name__}: {reason}")
        return doc

    def run_batch(self, batch: Sequence[Document]) -> list[Document | Failure]:
        return [self(doc) for doc in batch]


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(itertools.islice(it, size)):
        yield batch


def run_pipeline(
    docs: Iterable[Document],
    stages: Sequence[str] = DEFAULT_PIPELINE,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[Document | Failure]:
    """Yield each document after all ``stages``, in input order."""
    pipeline = Pipeline(tuple(stages))
    if workers <= 1:
        for batch in _batches(docs, batch_size):
            yield from pipeline.run_batch(batch)
        return
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(workers) as pool:
        pending: list = []
        limit = workers * MAX_BATCHES_IN_FLIGHT_PER_WORKER
        for batch in _batches(docs, batch_size):
            pending.append(pool.apply_async(pipeline.run_batch, (batch,)))
            while len(pending) >= limit:
                yield from pending.pop(0).get()
        for result in pending:
            yield from result.get()
