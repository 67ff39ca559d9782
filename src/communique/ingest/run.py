"""``ingest``: read inputs, run the pipeline, store the results — idempotent and safe to kill.

Cascade per input record:
1. read (``readers.iter_inputs``): a file that cannot be read is reported in one line and skipped;
2. guard (``guards.guard_document``): markup too large or deep to parse safely is reported and skipped, over-long
   text lines are cut; what the reader or a guard changed (an encoding fallback, cut lines) is reported as a warning;
3. skip: a document whose id (hash of its bytes) is already stored with the same pipeline, or was already read in
   this run, is not processed again (its source is still recorded), so re-ingesting the same files changes nothing;
4. process: the configured stages run in batches, in this process or a worker pool; each document first gets
   its outlet's learnt template (:mod:`communique.clean.template`) for the clean stage;
5. store: a document left with no text is reported and not stored; each other document commits in its own
   transaction (with its duplicate check), or with the batch of ``store.put_batch`` documents it came in
   (PostgreSQL: one transaction and one write lock per batch), so a run killed at any moment leaves a consistent
   database and a rerun completes it;
6. learn: the stored document's lines are recorded for its outlet; when the outlet's template grows, the
   outlet's documents that hold the new template lines (this one included) are processed and stored again;
7. finish: the knowledge base is updated with what this run added (incrementally, :mod:`communique.kb.update`) and
   the search index refreshed, whenever they lag behind the documents (a run killed during the update is completed
   by the next one).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, one_line
from ..model import Document
from ..pipeline import DEFAULT_BATCH_SIZE, DEFAULT_PIPELINE, EXTRACT_PIPELINE, Failure, run_pipeline
from ..search.embed_stage import put_document, put_documents
from ..store.base import Store
from .guards import guard_document
from .readers import DEFAULT_MAX_BYTES, iter_inputs

INPUT_CACHE_DOCS = 2000  # documents of this run kept as read, to clean again when their outlet's template grows

__all__ = ["FULL_PIPELINE", "IngestReport", "finish", "ingest", "ingest_documents", "rebuild", "skip_known",
           "store_results"]

EMBED_STAGE = "communique.embed.v1"  # passage vectors for the search index, computed in the workers
FULL_PIPELINE: tuple[str, ...] = (*DEFAULT_PIPELINE, *EXTRACT_PIPELINE, EMBED_STAGE)


@dataclass
class IngestReport:
    read: int = 0  # input records read successfully
    added: int = 0  # documents processed and stored by this run
    unchanged: int = 0  # already stored with the same pipeline
    duplicates: int = 0  # stored documents found to duplicate an earlier one
    errors: list[str] = field(default_factory=list)  # one line per input or document that failed
    warnings: list[str] = field(default_factory=list)  # one line per document stored with a change to report
    knowledge: dict[str, int] = field(default_factory=dict)  # record counts after the knowledge-base build
    added_ids: list[str] = field(default_factory=list)  # documents this run stored (the knowledge-base update's input)

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
    learn_templates: bool = True,
    on_warning: Callable[[str], None] | None = None,
    stage_budget_s: float | None = None,
) -> IngestReport:
    """Process and store ``items`` (documents as read, or read errors to report).

    ``learn_templates``: step 6 (outlet templates; needs a store with the template tables and a pipeline that
    cleans). ``stage_budget_s``: seconds one stage may spend on one document (``pipeline.STAGE_BUDGET_S`` by
    default).
    """
    report = IngestReport()
    pipeline_key = ",".join(stages)
    templates = _templates(store) if learn_templates and "communique.clean.v1" in stages else None
    inputs: OrderedDict[str, Document] = OrderedDict()

    def prepared(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            doc = templates.prepare(doc) if templates else doc
            if templates:
                inputs[doc.id] = doc
                while len(inputs) > INPUT_CACHE_DOCS:
                    inputs.popitem(last=False)
            yield doc

    def error(message: str) -> None:
        report.errors.append(one_line(message))
        if on_error:
            on_error(one_line(message))

    def warn(message: str) -> None:
        report.warnings.append(one_line(message))
        if on_warning:
            on_warning(one_line(message))

    todo = prepared(skip_known(items, store, pipeline_key, report, error, on_document, warn))
    results = run_pipeline(todo, stages, workers=workers, batch_size=batch_size, stage_budget_s=stage_budget_s)
    batch: list[Document] = []

    def flush() -> None:
        for result, stored in zip(batch, store_results(batch, store, pipeline_key, report, error, warn, on_document),
                                  strict=True):
            if templates and stored is not None and stored.duplicate_of is None:  # a copy counts its lines twice
                _clean_again(templates.observe(result), templates, inputs, store, stages, pipeline_key, error)
        batch.clear()

    with closing(results):  # an interrupt closes the worker pool now, not when the traceback is collected
        for result in results:
            if isinstance(result, Failure):
                error(f"{result.source}: {result.stage} failed: {result.message}")
                continue
            batch.append(result)
            if len(batch) >= store.put_batch:
                flush()
        flush()
    return report


def store_results(results: Sequence[Document], store: Store, pipeline_key: str, report: IngestReport,
                  error: Callable[[str], None], warn: Callable[[str], None],
                  on_document: Callable[[Document], None] | None = None) -> list[Document | None]:
    """Step 5: report what the stages noted, refuse a document without text, store the others (in one
    transaction: ``store.put_many``); the stored documents in order, None for a refused one."""
    keep: list[Document] = []
    for result in results:
        for message in result.meta.get("stopped", []):  # a stage ran out of time: kept with what finished
            warn(f"{result.source}: {message}")
        if not result.text.strip():
            why = "a stage was stopped" if result.meta.get("stopped") else "boilerplate only, or an empty page"
            error(f"{result.source}: no text left after cleaning ({why}); not stored")
            continue
        keep.append(result.replace(raw=""))
    stored_docs = iter(put_documents(store, keep, pipeline_key) if keep else [])
    out: list[Document | None] = []
    for result in results:
        if not result.text.strip():
            out.append(None)
            continue
        stored = next(stored_docs)
        for message in stored.meta.get("errors", []):  # an extractor failed: the document is kept without its facts
            error(f"{stored.source}: {message}")
        report.added += 1
        report.added_ids.append(stored.id)
        report.duplicates += stored.duplicate_of is not None
        if on_document:
            on_document(stored)
        out.append(stored)
    return out


def _templates(store: Store) -> Any:
    from ..clean.template import OutletTemplates

    return OutletTemplates(store) if hasattr(store, "add_outlet_lines") else None


def _reread(doc_id: str, store: Store) -> Document | None:
    """A stored document as read from its source file (None when the file is gone or changed)."""
    stored = store.get(doc_id)
    if stored is None or not stored.source or not Path(stored.source).is_file():
        return None
    return next((d for d in iter_inputs([stored.source]) if isinstance(d, Document) and d.id == doc_id), None)


def _clean_again(
    ids: list[str],
    templates: Any,
    inputs: OrderedDict[str, Document],
    store: Store,
    stages: Sequence[str],
    pipeline_key: str,
    error: Callable[[str], None],
) -> None:
    """Step 6: process and store again the documents whose outlet template grew (their input as read)."""
    docs = [d for d in (inputs.get(i) or _reread(i, store) for i in ids) if d is not None]
    for result in run_pipeline((templates.prepare(d) for d in docs), stages, workers=1):
        if isinstance(result, Failure):
            error(f"{result.source}: {result.stage} failed on cleaning again: {result.message}")
            continue
        put_document(store, result.replace(raw=""), pipeline_key)


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

    The knowledge base is updated incrementally (:func:`communique.kb.update.update`: the documents this run added,
    and any other stored since the last update, e.g. by a run killed before it got here); a store without the
    update state (never built, or built by an older version) is built in full. Cheap when nothing lags: a few
    queries.
    """
    from ..kb.update import update

    if report.added_ids or store.kb_state().get("watermark") != store.watermark():
        report.knowledge = update(store, report.added_ids)
    from ..search import refresh_index

    refresh_index(store)  # SQLite and PostgreSQL alike (communique.search.index)


def rebuild(store: Store) -> dict[str, int]:
    """Rebuild the knowledge base from every stored document (whatever its state) and bring the search index up to
    date; returns the count of each record type. The write side of "reads never write": ``communique rebuild``."""
    from ..kb import build
    from ..search import refresh_index

    counts = build(store)
    refresh_index(store)  # SQLite and PostgreSQL alike
    return counts
