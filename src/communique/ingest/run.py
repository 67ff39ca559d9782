"""``ingest``: read inputs, run the pipeline, store the results — idempotent and safe to kill.

Cascade per input record:
1. read (``readers.iter_inputs``): a file that cannot be read is reported in one line and skipped;
2. guard (``guards.guard_document``): markup too large or deep to parse safely is reported and skipped, over-long
   text lines are cut; what the reader or a guard changed (an encoding fallback, cut lines) is reported as a warning;
3. skip: a document whose id (hash of its bytes) is already stored with the same pipeline, or was already read in
   this run, is not processed again (its source is still recorded), so re-ingesting the same files changes nothing;
4. process: the configured stages run in batches, in this process or a worker pool;
5. store: a document left with no text is reported and not stored; each other document commits in its own
   transaction (with its duplicate check), so a run killed at any moment leaves a consistent database and a rerun
   completes it;
6. finish: the knowledge base and the search index are brought up to date whenever they lag behind the
   documents, whatever this run added (a run killed during the build is completed by the next one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, one_line
from ..model import Document
from ..pipeline import DEFAULT_BATCH_SIZE, DEFAULT_PIPELINE, EXTRACT_PIPELINE, Failure, run_pipeline
from ..store.base import Store
from .guards import guard_document
from .readers import DEFAULT_MAX_BYTES, iter_inputs

__all__ = ["FULL_PIPELINE", "IngestReport", "finish", "ingest", "ingest_documents", "skip_known"]

FULL_PIPELINE: tuple[str, ...] = (*DEFAULT_PIPELINE, *EXTRACT_PIPELINE)


@dataclass
class IngestReport:
    read: int = 0  # input records read successfully
    added: int = 0  # documents processed and stored by this run
    unchanged: int = 0  # already stored with the same pipeline
    duplicates: int = 0  # stored documents found to duplicate an earlier one
    errors: list[str] = field(default_factory=list)  # one line per input or document that failed
    warnings: list[str] = field(default_factory=list)  # one line per document stored with a change to report
    knowledge: dict[str, int] = field(default_factory=dict)  # record counts after the knowledge-base build

    def as_dict(self) -> dict[str, object]:
        return {"read": self.read, "added": self.added, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "errors": len(self.errors), "warnings": len(self.warnings),
                **self.knowledge}


def ingest(paths: Sequence[str], store: Store, *, max_bytes: int = DEFAULT_MAX_BYTES, **options: Any) -> IngestReport:
    """Ingest ``paths`` (files, directories, ``-`` for stdin) into ``store``; options as :func:`ingest_documents`."""
    return ingest_documents(iter_inputs(paths, max_bytes=max_bytes), store, **options)


def ingest_documents(
    items: Iterable[Document | InputError],
    store: Store,
    *,
    stages: Sequence[str] = FULL_PIPELINE,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_error: Callable[[str], None] | None = None,
    on_document: Callable[[Document], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    stage_budget_s: float | None = None,
) -> IngestReport:
    """Process and store ``items`` (documents as read, or read errors to report).

    ``stage_budget_s``: seconds one stage may spend on one document (``pipeline.STAGE_BUDGET_S`` by default).
    """
    report = IngestReport()
    pipeline_key = ",".join(stages)

    def error(message: str) -> None:
        report.errors.append(one_line(message))
        if on_error:
            on_error(one_line(message))

    def warn(message: str) -> None:
        report.warnings.append(one_line(message))
        if on_warning:
            on_warning(one_line(message))

    todo = skip_known(items, store, pipeline_key, report, error, on_document, warn)
    results = run_pipeline(todo, stages, workers=workers, batch_size=batch_size, stage_budget_s=stage_budget_s)
    with closing(results):  # an interrupt closes the worker pool now, not when the traceback is collected
        for result in results:
            if isinstance(result, Failure):
                error(f"{result.source}: {result.stage} failed: {result.message}")
                continue
            store_result(result, store, pipeline_key, report, error, warn, on_document)
    return report


def store_result(result: Document, store: Store, pipeline_key: str, report: IngestReport,
                 error: Callable[[str], None], warn: Callable[[str], None],
                 on_document: Callable[[Document], None] | None = None) -> Document | None:
    """Step 5: report what the stages noted, refuse a document without text, store the others."""
    for message in result.meta.get("stopped", []):  # a stage ran out of time: kept with what finished
        warn(f"{result.source}: {message}")
    if not result.text.strip():
        why = "a stage was stopped" if result.meta.get("stopped") else "boilerplate only, or an empty page"
        error(f"{result.source}: no text left after cleaning ({why}); not stored")
        return None
    stored = store.put(result.replace(raw=""), pipeline_key)
    for message in stored.meta.get("errors", []):  # an extractor failed: the document is kept without its facts
        error(f"{stored.source}: {message}")
    report.added += 1
    report.duplicates += stored.duplicate_of is not None
    if on_document:
        on_document(stored)
    return stored


def skip_known(
    items: Iterable[Document | InputError],
    store: Store,
    pipeline_key: str,
    report: IngestReport,
    error: Callable[[str], None],
    on_document: Callable[[Document], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Steps 1-3 of the cascade: report read errors and guard refusals, count reads, and pass on only the
    documents not yet stored with this pipeline nor read earlier in this run (their sources are still recorded)."""
    seen: set[str] = set()  # ids read in this run: the same bytes twice are processed and counted once
    for item in items:
        if not isinstance(item, InputError):
            try:
                item = guard_document(item)
            except InputError as err:
                item = err
        if isinstance(item, InputError):
            error(str(item))
            continue
        report.read += 1
        for note in item.meta.get("input_notes", []):
            (warn or error)(f"{item.source}: {note}")
        if item.id not in seen and store.needs(item.id, pipeline_key):
            seen.add(item.id)
            yield item
        else:
            store.add_source(item.source, item.id)
            report.unchanged += 1
            if on_document:
                on_document(item)


def finish(store: Store, report: IngestReport) -> None:
    """Bring the knowledge base and the search index up to date with the stored documents.

    Runs whatever this run added: each part tracks what it covers (the knowledge base its document watermark, the
    index its documents and vectors), so a run killed during the build leaves work that the next run completes.
    Cheap when nothing lags: two queries.
    """
    from ..kb import build

    if store.kb_state().get("watermark") != store.watermark():
        report.knowledge = build(store)
    if getattr(store, "placeholder", "?") == "?":  # the search index lives in SQLite; PostgreSQL searches tsv
        from ..search import refresh_index

        refresh_index(store)
