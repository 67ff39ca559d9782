"""Entity mentions on CoNLL-2003 English testb: ours (communique.nlp.entities) vs the bare spaCy model.

Gold: ``shared/datasets/conll2003/eng.testb`` (IOB1; 231 documents, 5,648 entities). Each document's tokens are
joined with single spaces, sentences with newlines, and parsed once; the same parse feeds both systems.

Label mapping (exact span match, micro F1 per type):
* gold PER / ORG / LOC; **MISC is ignored** (not scored, neither gold nor predicted: our "other" type and spaCy's
  NORP are nationalities/events, which CoNLL puts in MISC).
* ours: person -> PER, organization -> ORG, country / place -> LOC, other -> ignored.
* bare spaCy: PERSON -> PER, ORG -> ORG, GPE / LOC / FAC -> LOC, everything else ignored.

Metrics: ``ours_{per,org,loc,all}_f1``, ``bare_{...}_f1``, and ``delta_{per,all}_f1`` = ours - bare (the rule layer
must not lose F1 against the model it corrects). ``limit`` keeps the first N documents (deterministic).

conlleval-style, all four types (``ours_conll_{p,r,f1}``, ``bare_conll_{...}``, ``{ours,bare}_misc_f1``): the
standard CoNLL-2003 score, exact span AND type over PER, ORG, LOC and MISC, micro-averaged (what conlleval prints
as the overall FB1). MISC: ours "other" (nationalities, NORP); bare spaCy NORP, EVENT, LAW, LANGUAGE, PRODUCT,
WORK_OF_ART. Neither system was built for CoNLL's MISC, so this is the lower, comparable-to-literature figure.

Split: testb is reported. Honesty note: rules in ``communique.nlp.entities`` were once written from testb errors;
they were removed (issue 12); testa is the split to look at errors on.

    python -m benchmarks.ner_conll          # testb (reported, gated)
    python -m benchmarks.ner_conll --dev    # testa (for looking at errors)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from communique.model import Document
from communique.nlp.entities import annotate
from communique.nlp.model_loader import load_model

TYPES = ("PER", "ORG", "LOC")
CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")  # conlleval: all four
OURS_MAP = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC"}
BARE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
OURS_MAP4 = {**OURS_MAP, "other": "MISC"}
BARE_MAP4 = {**BARE_MAP, **dict.fromkeys(("NORP", "EVENT", "LAW", "LANGUAGE", "PRODUCT", "WORK_OF_ART"), "MISC")}
BATCH = 16  # documents per nlp.pipe call

Span = tuple[int, int, str]


def read_conll(path: Path) -> Iterator[tuple[str, set[Span]]]:
    """(text, gold spans) per -DOCSTART- document; IOB1 and IOB2 both read (a B- or a type change opens a span)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush() -> Iterator[tuple[str, set[Span]]]:
        if current:
            sentences.append(list(current))
            current.clear()
        if sentences:
            yield _assemble(sentences)
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(list(current))
                current.clear()
            continue
        if parts[0] == "-DOCSTART-":
            yield from flush()
            continue
        current.append((parts[0], parts[-1]))
    yield from flush()


def _assemble(sentences: list[list[tuple[str, str]]]) -> tuple[str, set[Span]]:
    pieces: list[str] = []
    gold: set[Span] = set()
    pos = 0
    for s_index, sentence in enumerate(sentences):
        if s_index:
            pieces.append("\n")
            pos += 1
        open_span: list = []  # [start, end, type]
        for t_index, (token, tag) in enumerate(sentence):
            if t_index:
                pieces.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            pieces.append(token)
            pos = end
            kind = tag[2:] if tag != "O" else None
            if kind and open_span and open_span[2] == kind and not tag.startswith("B-"):
                open_span[1] = end
                continue
            if open_span:
                gold.add(tuple(open_span))  # type: ignore[arg-type]
                open_span = []
            if kind:
                open_span = [start, end, kind]
        if open_span:
            gold.add(tuple(open_span))  # type: ignore[arg-type]
    return "".join(pieces), {g for g in gold if g[2] in CONLL_TYPES}


def score(pairs: Iterable[tuple[set[Span], set[Span]]], types: tuple[str, ...] = TYPES) -> dict[str, float]:
    """Micro P/R/F1 per type and over all ``types`` from (gold, predicted) pairs."""
    counts = {t: [0, 0, 0] for t in (*types, "ALL")}  # tp, fp, fn
    for gold, pred in pairs:
        for kind in types:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            tp = len(g & p)
            for key in (kind, "ALL"):
                counts[key][0] += tp
                counts[key][1] += len(p) - tp
                counts[key][2] += len(g) - tp
    out: dict[str, float] = {}
    for kind, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"{kind.lower()}_f1"] = f1
        if kind == "ALL":
            out["all_p"], out["all_r"] = precision, recall
    return out


def compare(docs: list[tuple[str, set[Span]]], kind: str = "news") -> dict[str, float]:
    """Parse every text once; score ours and the bare model on the same parse."""
    nlp = load_model()
    ours_pairs, bare_pairs = [], []
    texts = [text for text, _ in docs]
    for (text, gold), sdoc in zip(docs, nlp.pipe(texts, batch_size=BATCH), strict=True):
        bare = {(e.start_char, e.end_char, BARE_MAP4[e.label_]) for e in sdoc.ents if e.label_ in BARE_MAP4}
        doc = annotate(Document(id="bench", source="bench", text=text, kind=kind), sdoc)
        ours = {(m.start, m.end, OURS_MAP4[m.type]) for m in doc.mentions if m.type in OURS_MAP4}
        ours_pairs.append((gold, ours))
        bare_pairs.append((gold, bare))
    gold3 = sum(1 for _, g in docs for s in g if s[2] in TYPES)
    metrics: dict[str, float] = {"docs": float(len(docs)), "gold_entities": float(gold3)}
    for name, pairs in (("ours", ours_pairs), ("bare", bare_pairs)):
        for key, value in score(pairs).items():
            metrics[f"{name}_{key}"] = value
        four = score(pairs, CONLL_TYPES)
        metrics[f"{name}_conll_p"], metrics[f"{name}_conll_r"] = four["all_p"], four["all_r"]
        metrics[f"{name}_conll_f1"], metrics[f"{name}_misc_f1"] = four["all_f1"], four["misc_f1"]
    metrics["delta_per_f1"] = metrics["ours_per_f1"] - metrics["bare_per_f1"]
    metrics["delta_all_f1"] = metrics["ours_all_f1"] - metrics["bare_all_f1"]
    return metrics


def run(shared: Path, limit: int | None = None, split: str = "eng.testb") -> dict[str, float]:
    """``split="eng.testa"`` is the development set: inspect errors there, report testb."""
    docs = list(read_conll(shared / "datasets" / "conll2003" / split))
    if limit is not None:
        docs = docs[:limit]
    return compare(docs)


if __name__ == "__main__":
    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    args = [a for a in sys.argv[1:] if a != "--dev"]
    limit = int(args[0]) if args else None
    split = "eng.testa" if "--dev" in sys.argv else "eng.testb"
    print(json.dumps({k: round(v, 4) for k, v in run(shared, limit, split).items()}, indent=1))
