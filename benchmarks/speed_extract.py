"""Speed of the extraction stage ``communique.nlp.v1`` vs the bare spaCy model on the same texts (report only).

Texts: White House readouts from ``shared/datasets/wh_briefings_readouts`` (files with "readout" in the name,
sorted by path, every k-th so that ``limit`` (default 300) texts spread over all years; the YAML front matter is
cut off; no cleaning stage is run). Words = whitespace-separated tokens.

Timed in one process as CPU seconds (issue 11: words per CPU-second), model loaded and the stage warmed on the
first batch before any clock starts, the three runs interleaved per batch of ``DEFAULT_BATCH_SIZE`` documents (the
batch `communique ingest` hands its pipeline; the same machine load for each):
* ``bare_pipe_wps``: ``list(nlp.pipe(texts))`` over the batch, the model as shipped (its full default pipeline
  and batch size: the model's best case);
* ``bare_call_wps``: ``nlp(text)`` one document at a time;
* ``stage_wps``: ``Pipeline(("communique.nlp.v1",)).run_batch(docs)``, the stage as `communique ingest` runs it
  (time budgets on; the batch is parsed ahead in one ``nlp.pipe`` call, then every extractor present runs on each
  document);
* ``ratio`` = stage_wps / bare_pipe_wps (issue 11 asks for >= 0.8), ``ratio_vs_call`` = stage_wps / bare_call_wps,
  ``ratio_wall``: the ratio in wall-clock seconds; ``parse_ms_per_doc`` (one ``nlp(text)``, CPU) and
  ``<extractor>_ms_per_doc``: each extractor alone on ready parses (where the time goes).

    python -m benchmarks.speed_extract [limit]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from communique.model import Document, document_id
from communique.nlp import stages
from communique.nlp.model_loader import load_model
from communique.pipeline import DEFAULT_BATCH_SIZE, Pipeline

DEFAULT_DOCS = 300  # the sample size


def load_texts(shared: Path, limit: int) -> list[str]:
    root = shared / "datasets" / "wh_briefings_readouts"
    files = sorted(p for p in root.rglob("*.md") if "readout" in p.name)
    step = max(1, len(files) // limit)
    texts = []
    for path in files[::step][:limit]:
        raw = path.read_text(encoding="utf-8")
        parts = raw.split("\n---", 1) if raw.startswith("---") else ["", raw]
        body = parts[1].split("\n", 1)[1] if len(parts) == 2 and "\n" in parts[1] else raw
        texts.append(body.strip())
    return texts


def shipped_model() -> Any:
    """The model as a user's ``spacy.load`` gives it (the product adds its paragraph-boundary component to its own
    copy; the baseline runs without it)."""
    import spacy

    product = load_model()
    return spacy.load(product.path) if getattr(product, "path", None) else product


def present_extractors() -> list[str]:
    return [name for name, module in stages.EXTRACTORS if stages._annotator(module) is not None]


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    texts = load_texts(shared, limit or DEFAULT_DOCS)
    words = sum(len(t.split()) for t in texts)
    nlp = shipped_model()
    pipeline = Pipeline(("communique.nlp.v1",))
    docs = [Document(id=document_id(t.encode()), source="wh", text=t, kind="readout") for t in texts]
    pipeline.run_batch(docs[:DEFAULT_BATCH_SIZE])  # warm every extractor (imports, compiled patterns, dateparser)
    list(nlp.pipe(texts[:DEFAULT_BATCH_SIZE]))

    # The three runs are interleaved batch by batch so that they see the same machine load (shared CPUs).
    cpu = {"pipe": 0.0, "call": 0.0, "stage": 0.0}
    wall = dict(cpu)
    parsed = []

    def clocked(name: str, started: tuple[float, float]) -> None:
        cpu[name] += time.process_time() - started[0]
        wall[name] += time.perf_counter() - started[1]

    for first in range(0, len(texts), DEFAULT_BATCH_SIZE):
        chunk, chunk_docs = texts[first : first + DEFAULT_BATCH_SIZE], docs[first : first + DEFAULT_BATCH_SIZE]
        started = time.process_time(), time.perf_counter()
        parsed.extend(nlp.pipe(chunk))
        clocked("pipe", started)
        started = time.process_time(), time.perf_counter()
        for text in chunk:
            nlp(text)
        clocked("call", started)
        started = time.process_time(), time.perf_counter()
        pipeline.run_batch(chunk_docs)
        clocked("stage", started)

    # each extractor alone on ready parses, in cascade order (each reads what the previous ones set)
    per_extractor: dict[str, float] = {}
    current = list(docs)
    for name, module in stages.EXTRACTORS:
        extractor = stages._annotator(module)
        if extractor is None:
            continue
        began = time.process_time()
        current = [extractor(doc, sdoc) for doc, sdoc in zip(current, parsed, strict=True)]
        per_extractor[f"{name.split('.')[1]}_ms_per_doc"] = 1000 * (time.process_time() - began) / len(texts)

    return {
        "docs": float(len(texts)),
        "words": float(words),
        "bare_pipe_wps": words / cpu["pipe"],
        "bare_call_wps": words / cpu["call"],
        "stage_wps": words / cpu["stage"],
        "ratio": cpu["pipe"] / cpu["stage"],
        "ratio_vs_call": cpu["call"] / cpu["stage"],
        "ratio_wall": wall["pipe"] / wall["stage"],
        "parse_ms_per_doc": 1000 * cpu["call"] / len(texts),
        **per_extractor,
    }


if __name__ == "__main__":
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    metrics = run(shared, limit)
    print("extractors present:", ", ".join(present_extractors()))
    print(json.dumps({k: round(v, 4) for k, v in metrics.items()}, indent=1))
