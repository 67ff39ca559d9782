"""``ask`` on White House readouts: questions with expected answers and sources (``benchmarks/ask_questions.jsonl``).

The questions were written from the documents before the answerer was tuned. The benchmark ingests the source
documents plus a fixed set of distractor readouts with the product's ingest, refreshes the search index, asks every
question and reports:

- ``answer_accuracy``: share of questions answered right (an expected string in the answer, case and accents
  ignored; for an unanswerable question, the answer "not in the sources");
- ``citation_precision``: share of citations that point into an expected source document (citations given for
  unanswerable questions count as wrong);
- ``unanswerable_accuracy``: share of unanswerable questions answered "not in the sources".

    python -m benchmarks.ask_wh [--limit N] [--errors] [--db FILE (kept; a rerun skips the ingest)]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from communique.ingest.run import ingest
from communique.search import ask, refresh_index
from communique.store.sqlite import SQLiteStore

DATASET = "datasets/wh_briefings_readouts"
QUESTIONS = Path(__file__).with_name("ask_questions.jsonl")
DISTRACTORS = 15  # other readouts mixed in, so retrieval has to pick the right document
DISTRACTOR_STRIDE = 83  # every 83rd readout in path order: spread over the years, fixed


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").lower().split())


def _distractors(root: Path, sources: set[str]) -> list[str]:
    files = sorted(p.relative_to(root).as_posix() for p in (root / "statements-releases").rglob("*readout*.md"))
    picked = [f for f in files[::DISTRACTOR_STRIDE] if f not in sources]
    return picked[:DISTRACTORS]


def run(shared: Path, limit: int | None = None, errors: list[str] | None = None,
        db: str | None = None) -> dict[str, float]:
    root = shared / DATASET
    questions = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    if limit:
        questions = questions[:limit]
    sources = {s for q in questions for s in q["sources"]}
    files = sorted(sources) + _distractors(root, sources)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(db or Path(tmp) / "kb.db")  # --db keeps the ingested corpus between runs
        ingest([str(root / f) for f in files], store)
        refresh_index(store)
        by_id = {d.id: Path(d.source).resolve().relative_to(root.resolve()).as_posix()
                 for d in store.iter_documents(include_text=False)}
        right = cited = cited_ok = unans = unans_ok = 0
        for q in questions:
            answer = ask(store, q["question"])
            text = _fold(answer.text)
            if q["unanswerable"]:
                unans += 1
                ok = answer.not_in_sources
                unans_ok += ok
            else:
                ok = not answer.not_in_sources and any(_fold(e) in text for e in q["expected"])
            right += ok
            for s in answer.sentences:
                for c in s.citations:
                    cited += 1
                    cited_ok += by_id.get(c["doc"]) in q["sources"]
            if not ok and errors is not None:
                errors.append(f"{q['question']}\n    expected {q['expected'] or 'not in the sources'}\n"
                              f"    got ({answer.intent}, {answer.confidence}) {answer.text}")
        store.close()
    return {
        "answer_accuracy": round(right / len(questions), 4),
        "citation_precision": round(cited_ok / cited, 4) if cited else 0.0,
        "unanswerable_accuracy": round(unans_ok / unans, 4) if unans else 1.0,
        "questions": float(len(questions)),
        "documents": float(len(files)),
        "seconds": round(time.perf_counter() - started, 1),
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    lim = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    errs: list[str] | None = [] if "--errors" in args else None
    keep = args[args.index("--db") + 1] if "--db" in args else None
    metrics = run(Path(__file__).resolve().parent.parent.parent / "shared", lim, errs, keep)
    for e in errs or []:
        print(e, file=sys.stderr)
    print(json.dumps(metrics, indent=2))
