"""Speed of the extraction stage ``communique.nlp.v1`` vs the bare spaCy model on the same texts (report only).

Texts: White House readouts from ``shared/datasets/wh_briefings_readouts`` (files with "readout" in the name,
sorted by path, every k-th so that ``limit`` (default 300) texts spread over all years; the YAML front matter is
cut off; no cleaning stage is run). Words = whitespace-separated tokens.

Timed in one process, model loaded and warmed before any clock starts, the three runs interleaved per chunk of
20 documents (same machine load for each):
* ``bare_pipe_wps``: ``list(nlp.pipe(texts))`` (batched, the model's best case);
* ``bare_call_wps``: ``nlp(text)`` one document at a time (what the stage does);
* ``stage_wps``: ``get_stage("communique.nlp.v1")(doc)`` per document (parse + every extractor present);
* ``ratio`` = stage_wps / bare_pipe_wps (issue 3 asks for >= 0.7), ``ratio_vs_call`` = stage_wps / bare_call_wps,
  ``parse_ms_per_doc`` and ``<extractor>_ms_per_doc``: each extractor alone on ready parses (where the time goes).

    python -m benchmarks.speed_extract [limit]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from communique.model import Document, document_id
from communique.nlp import stages
from communique.nlp.model_loader import load_model
from communique.registry import get_stage

DEFAULT_DOCS = 300  # the sample size
BATCH = 16  # nlp.pipe batch size
CHUNK = 20  # documents per interleaving round (bare pipe, bare call, stage)


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


def present_extractors() -> list[str]:
    return [name for name, module in stages.EXTRACTORS if stages._annotator(module) is not None]


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    texts = load_texts(shared, limit or DEFAULT_DOCS)
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    stage = get_stage("communique.nlp.v1")
    docs = [Document(id=document_id(t.encode()), source="wh", text=t, kind="readout") for t in texts]
    stage(docs[0])  # warm every extractor (imports, compiled patterns)
    list(nlp.pipe(texts[:BATCH]))

    # The three runs are interleaved chunk by chunk so that they see the same machine load (shared CPUs).
    bare_pipe = bare_call = full = 0.0
    parsed = []
    for first in range(0, len(texts), CHUNK):
        chunk, chunk_docs = texts[first : first + CHUNK], docs[first : first + CHUNK]
        started = time.perf_counter()
        parsed.extend(nlp.pipe(chunk, batch_size=BATCH))
        bare_pipe += time.perf_counter() - started
        started = time.perf_counter()
        for text in chunk:
            nlp(text)
        bare_call += time.perf_counter() - started
        started = time.perf_counter()
        for doc in chunk_docs:
            stage(doc)
        full += time.perf_counter() - started

    # each extractor alone on ready parses, in cascade order (each reads what the previous ones set)
    per_extractor: dict[str, float] = {}
    current = list(docs)
    for name, module in stages.EXTRACTORS:
        extractor = stages._annotator(module)
        if extractor is None:
            continue
        started = time.perf_counter()
        current = [extractor(doc, sdoc) for doc, sdoc in zip(current, parsed, strict=True)]
        per_extractor[f"{name.split('.')[1]}_ms_per_doc"] = 1000 * (time.perf_counter() - started) / len(texts)

    return {
        "docs": float(len(texts)),
        "words": float(words),
        "bare_pipe_wps": words / bare_pipe,
        "bare_call_wps": words / bare_call,
        "stage_wps": words / full,
        "ratio": bare_pipe / full,
        "ratio_vs_call": bare_call / full,
        "parse_ms_per_doc": 1000 * bare_call / len(texts),
        **per_extractor,
    }


if __name__ == "__main__":
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    metrics = run(shared, limit)
    print("extractors present:", ", ".join(present_extractors()))
    print(json.dumps({k: round(v, 4) for k, v in metrics.items()}, indent=1))
