"""End-to-end ingest speed against bare spaCy: words per CPU-second, with and without the search index.

Corpus: ``DOCS`` White House documents (every ``STRIDE``-th ``.md`` of ``datasets/wh_briefings_readouts`` in path
order: fixed, spread over the folders and years). One process, one worker, CPU time of the process
(``time.process_time``: every thread, ONNX's included), in this order:

1. ``ingest``: read, clean, metadata, NLP, store (``communique ingest`` before ``finish``, without its embedding
   stage, whose work, the passages through the embedder, is timed in 3 instead: the same CPU in a worker);
2. ``kb``: the knowledge-base build (``kb.build``, the first half of ``finish``);
3. ``index``: the search index (the second half of ``finish``): full text, then passage vectors, once per embedder
   (``static``: the static distillation, as shipped: MiniLM only re-ranks a few passages at query time, see
   ``search/rerank.py``; ``minilm``: MiniLM int8 ONNX at ingest), and for reference an older index
   (``minilm_items``: MiniLM over every passage, quote and event);
4. ``bare``: a fresh ``spacy.load`` of the same model plus ``nlp.pipe`` over the stored clean texts.

Words = whitespace words of the stored clean texts. ``ratio_*`` = bare CPU / configuration CPU (the share of bare
spaCy's words per CPU-second that the configuration reaches): ``ratio_ingest`` (1), ``ratio_ingest_kb`` (1+2),
``ratio_end_to_end_<embedder>`` (1+2+3). Nothing here is tuned on these documents; a measurement, not a gate.

    nice python -m benchmarks.ingest_ratio [--docs 60] [--only ingest,kb] [--warm-up]

``--only``: the configurations to time among ``ingest``, ``kb`` and ``index`` (all by default; ``ingest,kb``
skips the slow index variants while iterating on ingest speed; ``bare`` is always timed).

``--warm-up``: before 1, an untimed fresh ``spacy.load`` of the model parses the first ``WARM_UP_DOCS`` documents
as read. The first parse of a process pays a one-time cost a later one does not (memory first touched: page
faults, allocator arenas; ~1.5 s of CPU here), so without it ingest, timed first, pays it and bare, timed last,
does not. With it both parts start from the same warm process (each still pays its own model load).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from benchmarks.gate import shared_dir
from communique.ingest.run import ingest
from communique.kb import build
from communique.nlp.model_loader import load_model
from communique.pipeline import DEFAULT_PIPELINE, EXTRACT_PIPELINE
from communique.search.index import index_for
from communique.search.semantic import get_embedder
from communique.store.sqlite import SQLiteStore

STAGES = (*DEFAULT_PIPELINE, *EXTRACT_PIPELINE)  # clean, metadata, NLP: the embedding is timed with the index
DOCS = 60  # enough for a stable ratio in a few minutes of CPU on one core
STRIDE = 25  # every 25th document of ~1,500: all folders and years
PARTS = ("ingest", "kb", "index")  # the configurations --only chooses from
WARM_UP_DOCS = 32  # one parse batch: enough to touch the memory a batch of parses needs


def corpus(shared: Path, docs: int) -> list[Path]:
    files = sorted(p for p in (shared / "datasets" / "wh_briefings_readouts").rglob("*.md") if p.name != "README.md")
    return files[::STRIDE][:docs]


def _cpu(fn):  # type: ignore[no-untyped-def]
    started = time.process_time()
    result = fn()
    return time.process_time() - started, result


def warm_up(files: list[Path]) -> None:
    """Untimed: a fresh model parses the first WARM_UP_DOCS files as read (see ``--warm-up``), then is dropped."""
    nlp = load_model.__wrapped__()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files[:WARM_UP_DOCS]]
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def run(shared: Path, docs: int, only: tuple[str, ...] = PARTS, warm: bool = False) -> dict[str, float]:
    """The figures of the module docstring for the configurations in ``only`` (``kb`` needs ``ingest``,
    ``index`` needs both: the store they time is the one the earlier parts filled)."""
    if "index" in only and "kb" not in only or "kb" in only and "ingest" not in only:
        raise ValueError(f"--only {','.join(only)}: kb needs ingest, index needs kb")
    files = corpus(shared, docs)
    out: dict[str, float] = {"documents": float(len(files))}
    if warm:
        warm_up(files)
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "kb.db")
        out["cpu_ingest"], report = _cpu(lambda: ingest([str(f) for f in files], store, stages=STAGES))
        if "kb" in only:
            out["cpu_kb"], _ = _cpu(lambda: build(store))
        if "index" in only:
            out["cpu_index_text"], _ = _cpu(lambda: index_for(store).refresh(vectors=False))
        texts = [d.text for d in store.iter_documents() if d.duplicate_of is None]
        out["stored"] = float(report.added)
        out["words"] = float(sum(len(t.split()) for t in texts))
        if "index" in only:
            for name in ("minilm", "static"):
                embedder = get_embedder(name)
                out[f"cpu_index_{name}"], _ = _cpu(lambda e=embedder: index_for(store, e).refresh_vectors())
            minilm = get_embedder("minilm")
            items = store.conn.execute("SELECT who, body FROM search_items").fetchall()
            out["cpu_index_minilm_items"], _ = _cpu(lambda: minilm.embed([f"{w}: {b}" if w else b for w, b in items]))
        store.close()

    def bare() -> None:
        nlp = load_model.__wrapped__()  # a fresh load, as a bare run pays it
        for _ in nlp.pipe(texts, batch_size=32):
            pass

    out["cpu_bare"], _ = _cpu(bare)
    out["ratio_ingest"] = out["cpu_bare"] / out["cpu_ingest"]
    if "kb" in only:
        base = out["cpu_ingest"] + out["cpu_kb"]
        out["ratio_ingest_kb"] = out["cpu_bare"] / base
    if "index" in only:
        for name in ("minilm", "static", "minilm_items"):
            out[f"ratio_end_to_end_{name}"] = out["cpu_bare"] / (base + out["cpu_index_text"] + out[f"cpu_index_{name}"])
    return {k: round(v, 3) for k, v in out.items()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DOCS)
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated among ingest, kb, index (default all)")
    parser.add_argument("--warm-up", action="store_true", help="an untimed parse first, so ingest and bare both "
                        "start warm")
    args = parser.parse_args()
    chosen = tuple(part for part in PARTS if part in args.only.split(","))
    if unknown := set(args.only.split(",")) - set(PARTS):
        parser.error(f"--only: unknown {', '.join(sorted(unknown))} (choose among {', '.join(PARTS)})")
    print(json.dumps(run(shared_dir(), args.docs, chosen, args.warm_up), indent=2))
