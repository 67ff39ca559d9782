"""End-to-end ingest speed against bare spaCy: words per CPU-second, with and without the search index.

Corpus: ``DOCS`` White House documents (every ``STRIDE``-th ``.md`` of ``datasets/wh_briefings_readouts`` in path
order: fixed, spread over the folders and years).

Two sides, each run in a fresh child process (one worker), timed by the child itself with
``time.process_time`` around the work only: the CPU of that process, every thread included (spaCy's and ONNX
Runtime's intra-op threads alike; the work starts no child process: one worker, no pool). Both children import
the same modules before the clock starts (spaCy, and every module the ingest would otherwise import on first use:
its stages, their extractors, the outlet templates), so neither pays imports the other does not, and both start
cold (model load, first touch of the parse's memory), as a real run of either does. The ours side reports the CPU
of those first-use imports (``cpu_stage_imports``, ~0.5 s, paid once per process) and
``ratio_ingest_with_imports``, the ratio had its clock included them.

* ours: a new SQLite store, then, each timed on its own,
  1. ``ingest``: read, clean, metadata, NLP, store (``communique ingest`` before ``finish``, without its embedding
     stage, whose work, the passages through the embedder, is timed in 3 instead: the same CPU in a worker);
  2. ``kb``: the knowledge-base build (``kb.build``, the first half of ``finish``);
  3. ``index``: the search index (the second half of ``finish``): full text, then passage vectors, once per embedder
     of ``--embedders`` (``static``: the static distillation, as shipped: MiniLM only re-ranks a few passages at
     query time, see ``search/rerank.py``; ``minilm``: MiniLM int8 ONNX at ingest; ``minilm_items``, for reference
     an older index: MiniLM over every passage, quote and event).
* bare: ``spacy.load`` of the same model (:func:`communique.nlp.model_loader.load_model` uncached, ``as_shipped``:
  the model's own pipeline, every component as spaCy ships it, plus the paragraph-break component, which costs next
  to nothing) and ``nlp.pipe`` (batches of 32) over the clean texts ours stored. Ours differs in one component: the
  model's attribute ruler runs as arrays (:mod:`communique.nlp.attribute_table`, the same annotations, checked token
  by token in ``tests/nlp/test_attribute_table.py``), ~14% less CPU for the whole pipe; ``--bare-as-ours`` times
  the bare side with that component too (the ratio of our code alone).

Repeats: ``--repeats`` pairs, interleaved ABBA (ours, bare, bare, ours, ours, bare, ...) so that a drift of the
machine's load over the run weighs on both sides alike; each pair is one ours and the bare run next to it. Words =
whitespace words of the stored clean texts (the same in every repeat: checked). ``ratio_*`` = bare CPU /
configuration CPU of one pair (the share of bare spaCy's words per CPU-second that the configuration reaches):
``ratio_ingest`` (1), ``ratio_ingest_kb`` (1+2), ``ratio_end_to_end_<embedder>`` (1+2+3). Reported: each ratio's
median over the pairs, its min and max, and every pair's figures. What pairing cannot remove: CPU seconds per
word grow with the machine's load (shared caches, the host), and a side takes 20-40 s, so other jobs starting or
stopping between the two sides of a pair still move its ratio (±0.1 with other jobs beside it): run it alone, and
read the range. Nothing here is tuned on these documents; a measurement, not a gate. The default (5 pairs, all parts, the static index) takes ~4 minutes of CPU on one core.

    nice python -m benchmarks.ingest_ratio [--docs 60] [--repeats 5] [--only ingest,kb] [--embedders static,minilm]

``--only``: the configurations to time among ``ingest``, ``kb`` and ``index`` (all by default; ``ingest,kb``
skips the index while iterating on ingest speed; ``bare`` is always timed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.gate import shared_dir

DOCS = 60  # enough for a stable ratio in a few minutes of CPU on one core
STRIDE = 25  # every 25th document of ~1,500: all folders and years
PARTS = ("ingest", "kb", "index")  # the configurations --only chooses from
EMBEDDERS = ("static", "minilm", "minilm_items")  # the index variants --embedders chooses from
DEFAULT_EMBEDDERS = ("static",)  # as shipped; the MiniLM variants on demand (each ~2x bare spaCy's CPU per pair)
REPEATS = 5  # pairs: the median of 5 drops two outlier pairs; ~45 s of CPU each with the default parts
BARE_BATCH = 32  # nlp.pipe batch of the bare side: the pipeline's own batch of documents


def corpus(shared: Path, docs: int) -> list[Path]:
    files = sorted(p for p in (shared / "datasets" / "wh_briefings_readouts").rglob("*.md") if p.name != "README.md")
    return files[::STRIDE][:docs]


def _cpu(fn):  # type: ignore[no-untyped-def]
    started = time.process_time()
    result = fn()
    return time.process_time() - started, result


def _preload() -> None:
    """The modules both children import before their clock starts (spaCy and what each side calls)."""
    import spacy  # noqa: F401

    import communique.ingest.run  # noqa: F401
    import communique.kb  # noqa: F401
    import communique.nlp.model_loader  # noqa: F401


def _preload_stages() -> float:
    """The modules the ingest imports on first use (stages, extractors, templates), in both children before their
    clock starts; the CPU this took (the store's modules are imported by :func:`ours` before its clock)."""
    import importlib

    started = time.process_time()
    from communique.nlp.stages import EXTRACTORS
    from communique.pipeline import DEFAULT_PIPELINE, EXTRACT_PIPELINE
    from communique.registry import get_stage

    for name in (*DEFAULT_PIPELINE, *EXTRACT_PIPELINE):
        get_stage(name)
    for module in (*(m for _, m in EXTRACTORS), "communique.clean.template"):
        importlib.import_module(module)
    return time.process_time() - started


def ours(files: list[str], only: tuple[str, ...], embedders: tuple[str, ...], work: Path) -> dict[str, Any]:
    """One ours side (in this process): the CPU of each part, and the stored clean texts to ``work/texts.json``."""
    from communique.ingest.run import ingest
    from communique.kb import build
    from communique.pipeline import DEFAULT_PIPELINE, EXTRACT_PIPELINE
    from communique.search.index import index_for
    from communique.search.semantic import get_embedder
    from communique.store.sqlite import SQLiteStore

    stages = (*DEFAULT_PIPELINE, *EXTRACT_PIPELINE)  # clean, metadata, NLP: the embedding is timed with the index
    out: dict[str, Any] = {}
    db = work / "kb.db"
    db.unlink(missing_ok=True)
    store = SQLiteStore(db)
    out["cpu_ingest"], report = _cpu(lambda: ingest(files, store, stages=stages))
    if "kb" in only:
        out["cpu_kb"], _ = _cpu(lambda: build(store))
    if "index" in only:
        out["cpu_index_text"], _ = _cpu(lambda: index_for(store).refresh(vectors=False))
        for name in embedders:
            if name == "minilm_items":
                minilm = get_embedder("minilm")
                items = store.conn.execute("SELECT who, body FROM search_items").fetchall()
                out["cpu_index_minilm_items"], _ = _cpu(
                    lambda m=minilm, it=items: m.embed([f"{w}: {b}" if w else b for w, b in it]))
            else:
                embedder = get_embedder(name)
                out[f"cpu_index_{name}"], _ = _cpu(lambda e=embedder: index_for(store, e).refresh_vectors())
    texts = [d.text for d in store.iter_documents() if d.duplicate_of is None]
    store.close()
    out["stored"] = report.added
    out["words"] = sum(len(t.split()) for t in texts)
    (work / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    return out


def bare(work: Path, as_ours: bool = False) -> dict[str, Any]:
    """One bare side (in this process): a fresh model load and ``nlp.pipe`` over ``work/texts.json`` (the model as
    spaCy ships it, or ``as_ours``: with the attribute rules as arrays, as ours parses)."""
    from communique.nlp.model_loader import load_model

    texts = json.loads((work / "texts.json").read_text(encoding="utf-8"))

    def parse_all() -> None:
        nlp = load_model.__wrapped__(as_shipped=not as_ours)  # a fresh load, as a bare run pays it
        for _ in nlp.pipe(texts, batch_size=BARE_BATCH):
            pass

    cpu, _ = _cpu(parse_all)
    return {"cpu_bare": cpu, "words": sum(len(t.split()) for t in texts)}


def _child(side: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run one side in a fresh interpreter; its figures (the child prints them as its last line of JSON)."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.ingest_ratio", "--child", side, json.dumps(spec)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{side} side failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _ratios(pair: dict[str, Any], only: tuple[str, ...], embedders: tuple[str, ...]) -> dict[str, float]:
    out = {"ratio_ingest": pair["cpu_bare"] / pair["cpu_ingest"],
           "ratio_ingest_with_imports": pair["cpu_bare"] / (pair["cpu_ingest"] + pair["cpu_stage_imports"])}
    if "kb" in only:
        base = pair["cpu_ingest"] + pair["cpu_kb"]
        out["ratio_ingest_kb"] = pair["cpu_bare"] / base
    if "index" in only:
        for name in embedders:
            out[f"ratio_end_to_end_{name}"] = pair["cpu_bare"] / (base + pair["cpu_index_text"]
                                                                  + pair[f"cpu_index_{name}"])
    return out


def run(shared: Path, docs: int, only: tuple[str, ...] = PARTS, repeats: int = REPEATS,
        embedders: tuple[str, ...] = DEFAULT_EMBEDDERS, bare_as_ours: bool = False) -> dict[str, Any]:
    """The figures of the module docstring for the configurations in ``only`` (``kb`` needs ``ingest``,
    ``index`` needs both: the store they time is the one the earlier parts filled)."""
    if "index" in only and "kb" not in only or "kb" in only and "ingest" not in only:
        raise ValueError(f"--only {','.join(only)}: kb needs ingest, index needs kb")
    if repeats < 1:
        raise ValueError(f"--repeats {repeats}: at least one pair")
    files = [str(f) for f in corpus(shared, docs)]
    pairs: list[dict[str, Any]] = []
    words: int | None = None  # of the stored clean texts: every side must see the same
    with tempfile.TemporaryDirectory() as tmp:
        spec = {"files": files, "only": list(only), "embedders": list(embedders), "work": tmp,
                "bare_as_ours": bare_as_ours}
        for i in range(repeats):  # ABBA: ours first in even pairs (the first writes the texts bare parses)
            sides = ("ours", "bare") if i % 2 == 0 else ("bare", "ours")
            pair: dict[str, Any] = {}
            for side in sides:
                figures = _child(side, spec)
                if words is not None and figures["words"] != words:
                    raise RuntimeError(f"pair {i + 1}, {side}: {figures['words']} words, not {words}")
                words = figures["words"]
                pair.update(figures)
            pair.update(_ratios(pair, only, embedders))
            pairs.append({k: round(v, 3) if isinstance(v, float) else v for k, v in pair.items()})
    summary: dict[str, Any] = {"documents": len(files), "stored": pairs[0]["stored"], "words": pairs[0]["words"],
                               "repeats": repeats, "bare": "as ours" if bare_as_ours else "as shipped"}
    for key in [k for k in pairs[0] if k.startswith(("ratio_", "cpu_"))]:
        values = [p[key] for p in pairs]
        summary[key] = {"median": round(statistics.median(values), 3), "min": min(values), "max": max(values)}
    summary["pairs"] = pairs
    return summary


def _child_main(side: str, raw_spec: str) -> None:
    spec = json.loads(raw_spec)
    _preload()
    imports = _preload_stages()
    work = Path(spec["work"])
    if side == "ours":
        figures = {**ours(spec["files"], tuple(spec["only"]), tuple(spec["embedders"]), work),
                   "cpu_stage_imports": imports}
    else:
        figures = bare(work, as_ours=spec.get("bare_as_ours", False))
    print(json.dumps(figures))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DOCS)
    parser.add_argument("--repeats", type=int, default=REPEATS, help=f"interleaved pairs (default {REPEATS})")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated among ingest, kb, index (default all)")
    parser.add_argument("--embedders", default=",".join(DEFAULT_EMBEDDERS),
                        help=f"index variants among {', '.join(EMBEDDERS)} (default {','.join(DEFAULT_EMBEDDERS)})")
    parser.add_argument("--bare-as-ours", action="store_true",
                        help="bare side with ours' attribute component (our code's share alone)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)  # internal: one side, in a fresh process
    args = parser.parse_args()
    if args.child:
        _child_main(*args.child)
        sys.exit(0)
    chosen = tuple(part for part in PARTS if part in args.only.split(","))
    if unknown := set(args.only.split(",")) - set(PARTS):
        parser.error(f"--only: unknown {', '.join(sorted(unknown))} (choose among {', '.join(PARTS)})")
    embedders = tuple(e for e in EMBEDDERS if e in args.embedders.split(","))
    if unknown := set(args.embedders.split(",")) - set(EMBEDDERS):
        parser.error(f"--embedders: unknown {', '.join(sorted(unknown))} (choose among {', '.join(EMBEDDERS)})")
    print(json.dumps(run(shared_dir(), args.docs, chosen, args.repeats, embedders, args.bare_as_ours), indent=2))
