"""``ingest`` on a Ray cluster: the registered stages mapped over the input with Ray Data ``map_batches``.

Cascade, per window of ``WINDOW_BATCHES`` batches of input documents:
1. read on the driver (``readers.iter_inputs``) and skip ids already stored with the same pipeline, exactly as
   :func:`communique.ingest.run.ingest` does (so re-running the same files changes nothing);
2. ship the window as a Ray dataset of pickled documents; ``map_batches`` runs :meth:`Pipeline.run_batch` on the
   workers, which look the stage functions up by name (after importing ``modules``, for stages of your own);
3. store: with a ``postgresql://`` URL each worker writes its batch with ``store.put`` (atomic per document,
   idempotent by id), so a task that Ray re-runs after its worker process died rewrites the same rows: nothing
   is lost or duplicated. With a SQLite path the workers return the documents and the driver writes them;
4. report: one small row per document comes back to the driver, which counts it and calls ``on_document`` /
   ``on_error`` (the CLI draws its rich progress bar from these).

Retries: Ray Data re-runs a map task whose worker process died (killed, out of memory, node lost) with no bound
(its default; the knobs to bound it are deprecated in Ray 2.60). A stage that *raises* never kills a task: the
document comes back as a failure. Only a document that crashes the interpreter itself on every attempt would loop.

Resources: every map task asks for one CPU; when a stage says it can use a GPU (``uses_gpu = True`` on the
stage function) and the cluster has GPUs, the task asks for one GPU as well (:func:`task_resources`).
Ray is an optional dependency: ``pip install 'communique[ray]'``; it is imported only when this runner runs.
"""

from __future__ import annotations

import importlib
import itertools
import logging
import pickle
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..errors import ConfigError
from ..ingest.readers import DEFAULT_MAX_BYTES, iter_inputs
from ..ingest.run import FULL_PIPELINE, IngestReport, skip_known
from ..model import Document
from ..pipeline import DEFAULT_BATCH_SIZE, Failure, Pipeline
from ..registry import get_stage
from ..search.embed_stage import put_document
from ..store.base import Store
from ..store.factory import open_store
from . import RAY_INSTALL_HINT

__all__ = ["GPU_ATTRIBUTE", "WINDOW_BATCHES", "ingest_ray", "require_ray", "task_resources"]

WINDOW_BATCHES = 64  # batches per Ray dataset: bounds what the driver holds in memory, keeps every worker busy
GPU_PER_TASK = 1.0  # a GPU-capable stage gets a whole device: the embedding model fits many times over
CPU_PER_TASK = 1.0  # spaCy and the extractors are single-threaded
GPU_ATTRIBUTE = "uses_gpu"  # set to True on a stage function that runs faster on a GPU when one is visible
POSTGRES_PREFIXES = ("postgresql://", "postgres://")  # workers write themselves only to a shared server

_STATUS_STORED, _STATUS_PROCESSED, _STATUS_FAILED = "stored", "processed", "failed"
_worker_stores: dict[str, Store] = {}  # one connection per worker process, reused across tasks


def require_ray() -> Any:
    """Import ray, or raise a one-line error naming the install command."""
    try:
        import ray
        import ray.data  # noqa: F401  (the Data library is a separate extra)
    except ImportError:
        raise ConfigError(f"the Ray runner needs ray[data]: {RAY_INSTALL_HINT}") from None
    return ray


def task_resources(stages: Sequence[str], cluster: Mapping[str, float]) -> dict[str, float]:
    """Resources each map task asks for: one GPU when a stage can use one and the cluster has one, else CPU only.

    ``cluster`` is ``ray.cluster_resources()`` (a mapping with "CPU", "GPU", ... totals).
    """
    wants_gpu = any(getattr(get_stage(name), GPU_ATTRIBUTE, False) for name in stages)
    if wants_gpu and cluster.get("GPU", 0) >= GPU_PER_TASK:
        return {"num_cpus": CPU_PER_TASK, "num_gpus": GPU_PER_TASK}
    return {"num_cpus": CPU_PER_TASK, "num_gpus": 0}


def _worker_store(db: str) -> Store:
    store = _worker_stores.get(db)
    if store is None:
        store = _worker_stores[db] = open_store(db)
    return store


def _process_batch(batch: Mapping[str, Any], *, stages: tuple[str, ...], modules: tuple[str, ...],
                   db: str | None, pipeline_key: str) -> dict[str, list[Any]]:
    """Run on a Ray worker: stages over one batch, then (with ``db``) store each document."""
    for module in modules:
        importlib.import_module(module)  # registers the caller's own stages in this process
    docs: list[Document] = [pickle.loads(blob) for blob in batch["doc"]]
    out: dict[str, list[Any]] = {"i": [], "status": [], "message": [], "duplicate_of": [], "doc": []}
    store = _worker_store(db) if db else None
    for index, result in zip(batch["i"], Pipeline(stages).run_batch(docs), strict=True):
        out["i"].append(int(index))
        if isinstance(result, Failure):
            out["status"].append(_STATUS_FAILED)
            out["message"].append(f"{result.source}: {result.stage} failed: {result.message}")
            out["duplicate_of"].append("")
            out["doc"].append(b"")
        elif store is not None:
            stored = put_document(store, result.replace(raw=""), pipeline_key)
            out["status"].append(_STATUS_STORED)
            out["message"].append("")
            out["duplicate_of"].append(stored.duplicate_of or "")
            out["doc"].append(b"")
        else:
            out["status"].append(_STATUS_PROCESSED)
            out["message"].append("")
            out["duplicate_of"].append("")
            out["doc"].append(pickle.dumps(result.replace(raw="")))
    return out


def _connect(ray: Any, address: str | None, num_cpus: int | None, runtime_env: dict[str, Any] | None) -> bool:
    """Join ``address`` (or start a local cluster); True when this call started Ray (and so shuts it down)."""
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": "WARNING", "runtime_env": runtime_env}
    if address:
        kwargs["address"] = address
    else:
        kwargs["num_cpus"] = num_cpus
    ray.init(**kwargs)
    return True


def ingest_ray(
    paths: Sequence[str],
    db: str,
    *,
    stages: Sequence[str] = FULL_PIPELINE,
    address: str | None = None,
    num_cpus: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    modules: Sequence[str] = (),
    runtime_env: dict[str, Any] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> IngestReport:
    """Ingest ``paths`` into ``db`` with the stages running on a Ray cluster.

    ``address``: a running cluster (``ray://host:10001`` or ``host:6379``); without it a local cluster with
    ``num_cpus`` CPUs is started for this call. ``modules`` are imported on the driver and on every worker
    before the stages are looked up (stages registered outside ``communique``).
    """
    ray = require_ray()
    for module in modules:
        importlib.import_module(module)
    stages = tuple(stages)
    Pipeline(stages)  # fail early, on the driver, on an unknown stage name
    pipeline_key = ",".join(stages)
    report = IngestReport()

    def error(message: str) -> None:
        report.errors.append(message)
        if on_error:
            on_error(message)

    with warnings.catch_warnings():
        # Ray's own deprecation notices (DataContext() warns about its own defaults) are not the caller's to fix
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ray(\.|$)")
        return _run(ray, paths, db, stages, pipeline_key, report, error, address=address, num_cpus=num_cpus,
                    batch_size=batch_size, max_bytes=max_bytes, modules=tuple(modules), runtime_env=runtime_env,
                    on_document=on_document)


def _run(ray: Any, paths: Sequence[str], db: str, stages: tuple[str, ...], pipeline_key: str, report: IngestReport,
         error: Callable[[str], None], *, address: str | None, num_cpus: int | None, batch_size: int, max_bytes: int,
         modules: tuple[str, ...], runtime_env: dict[str, Any] | None,
         on_document: Callable[[Document], None] | None) -> IngestReport:
    workers_write = db.startswith(POSTGRES_PREFIXES)
    started = _connect(ray, address, num_cpus, runtime_env)
    try:
        from ray.data import DataContext

        logging.getLogger("ray.data").setLevel(logging.ERROR)  # plans and "progress bars disabled" notices
        context = DataContext.get_current()
        context.enable_progress_bars = False  # the caller draws progress from on_document
        context.enable_operator_progress_bars = False
        resources = task_resources(stages, ray.cluster_resources())
        with open_store(db) as store:

            pending = skip_known(iter_inputs(paths, max_bytes=max_bytes), store, pipeline_key, report, error,
                                 on_document, report.warnings.append)
            while window := list(itertools.islice(pending, WINDOW_BATCHES * batch_size)):
                items = [{"i": i, "doc": pickle.dumps(doc)} for i, doc in enumerate(window)]
                dataset = ray.data.from_items(items, override_num_blocks=-(-len(items) // batch_size))
                mapped = dataset.map_batches(
                    _process_batch, batch_size=batch_size, batch_format="numpy",
                    fn_kwargs={"stages": stages, "modules": modules,
                               "db": db if workers_write else None, "pipeline_key": pipeline_key},
                    **resources,
                )
                for row in mapped.iter_rows():
                    doc = window[int(row["i"])]
                    if row["status"] == _STATUS_FAILED:
                        error(str(row["message"]))
                        continue
                    if row["status"] == _STATUS_PROCESSED:  # SQLite: the driver is the only writer
                        stored = put_document(store, pickle.loads(row["doc"]), pipeline_key)
                    else:
                        stored = doc.replace(raw="", duplicate_of=str(row["duplicate_of"]) or None)
                    report.added += 1
                    report.duplicates += stored.duplicate_of is not None
                    if on_document:
                        on_document(stored)
    finally:
        if started:
            ray.shutdown()
    return report
