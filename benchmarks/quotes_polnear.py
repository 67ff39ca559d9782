"""Direct quotes and their speakers on PolNeAR (political news attribution relations), TEST split by default.

Data: ``shared/datasets/polnear/<split>/text/<name>.txt`` + ``attributions/<name>_<annotator>.ann`` (brat standoff).
One annotator per text: the ``.ann`` file whose annotator id sorts first (deterministic).

Gold direct quote (our definition): an attribution (``E`` line) whose Content fragment, after trimming whitespace and
trailing ``.,;:!?`` outside the marks, starts with an opening double mark (“ " « `` '') and ends with a closing one (” "
» ''), with no other double mark inside except a quote reopened at a paragraph start (the English convention for a
quote spanning paragraphs). Each such fragment of a discontinuous Content span is one gold quote; its span is the
text between the marks, trimmed. Its gold speaker is the attribution's Source span (none for source-less ones).

Prediction: the communique extractors (entities when present, then quotes) over the text as a news document; only
``direct=True`` quotes are scored for the direct-quote metrics.

Metrics:
- ``span_f1`` (also ``span_precision`` / ``span_recall``): a predicted quote matches a gold one when their character
  overlap is at least MATCH_OVERLAP of the longer of the two; one-to-one, greedy by overlap; micro-averaged.
- ``speaker_accuracy``: over matched quotes whose gold has a Source, the predicted speaker is right when its speaker
  span overlaps the Source span, or when the predicted name's surname (last word) is a word of the Source, or the
  Source's last word is a word of the predicted name (case-insensitive, possessives and honorifics removed).

Full attributions (``attr_*``), the PolNeAR task as annotated (Newell, Margolin & Ruths 2018): every attribution
relation (direct and indirect speech, also beliefs and endorsements, which our extractor does not target), scored
against ALL our quotes (direct and indirect):
- content, exact: the predicted span equals the gold Content span (first fragment start to last fragment end), both
  trimmed of whitespace, quote marks and trailing ``.,;:``; partial: the spans overlap (one-to-one, greedy by
  overlap) — ``attr_content_{exact,partial}_{precision,recall,f1}``;
- source, over partially matched pairs whose gold has a Source: exact = our speaker mention span equals the Source
  span (trimmed of a leading article), partial = they overlap — ``attr_source_{exact,partial}_accuracy``;
- cue, over partially matched pairs whose gold has a Cue: exact = our cue word(s) equal the Cue text, partial = our
  cue is a word of the Cue text — ``attr_cue_{exact,partial}_accuracy`` (our cue is a string, not a span).
Split: test (reported); dev for looking at errors. Nothing in the extractor was written from test items.

    python -m benchmarks.quotes_polnear            # test split
    python -m benchmarks.quotes_polnear --split dev
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MATCH_OVERLAP = 0.5  # half of the longer span: tolerates a trailing comma or a missed paragraph, not a different quote
OPENERS = ("\u201c", '"', "\u00ab", "``", "''")  # '' opens too: some outlets type a double quote as two singles
CLOSERS = ("\u201d", '"', "\u00bb", "''")
_DOUBLE_MARKS = re.compile(r"[\u201c\u201d\u00ab\u00bb\"]|``|''")
_WORD = re.compile(r"\w+")
_HONORIFICS = {"mr", "ms", "mrs", "dr", "the", "a", "an"}


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    source: tuple[int, int] | None
    source_text: str | None


@dataclass(frozen=True)
class PredQuote:
    start: int
    end: int
    speaker: str | None
    speaker_span: tuple[int, int] | None
    direct: bool = True
    cue: str | None = None


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue_text: str | None


_TRIM = " \t\n\"'.,;:\u201c\u201d\u2018\u2019\u00ab\u00bb`"
_ARTICLE = re.compile(r"(?i)^(?:the|a|an)\s+")


def pick_annotations(split_dir: Path) -> list[tuple[Path, Path]]:
    """(text file, the one .ann file used) for every text of a split, sorted by name."""
    pairs = []
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(text_path.stem + "_*.ann"))
        anns = [a for a in anns if a.stem[len(text_path.stem) + 1 :].isalnum()]
        if anns:
            pairs.append((text_path, anns[0]))
    return pairs


def _parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and parts[0][1:].isdigit():
            kind, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            spans[parts[0]] = (kind, frags)
        elif line.startswith("E") and len(parts) >= 2 and parts[0][1:].isdigit():
            roles = dict(item.split(":", 1) for item in parts[1].split())
            relations.append(roles)
    return spans, relations


def _quoted_fragment(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The inside of a fragment that is wholly one direct quote, else None."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:!?"):
        b -= 1
    opener = next((o for o in OPENERS if text.startswith(o, a)), None)
    closer = next((c for c in CLOSERS if text.endswith(c, a, b)), None)
    if opener is None or closer is None or b - a <= len(opener) + len(closer):
        return None
    ia, ib = a + len(opener), b - len(closer)
    for m in _DOUBLE_MARKS.finditer(text, ia, ib):
        line_start = text.rfind("\n", ia, m.start())
        if line_start < 0 or text[line_start + 1 : m.start()].strip():
            return None  # a mark inside that does not reopen a paragraph: not one quote
    while ia < ib and text[ia].isspace():
        ia += 1
    while ib > ia and text[ib - 1].isspace():
        ib -= 1
    return (ia, ib) if ib > ia else None


def gold_quotes(text: str, ann: Path) -> list[GoldQuote]:
    spans, relations = _parse_ann(ann)
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        src = (source[1][0][0], source[1][-1][1]) if source else None
        for a, b in content[1]:
            inside = _quoted_fragment(text, a, b)
            if inside:
                out.append(GoldQuote(inside[0], inside[1], src, text[src[0] : src[1]] if src else None))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


def gold_attributions(text: str, ann: Path) -> list[GoldAttribution]:
    """Every attribution relation with a Content span: (trimmed content span, source span, cue text)."""
    spans, relations = _parse_ann(ann)
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        a, b = _trim(text, content[1][0][0], content[1][-1][1])
        if b <= a:
            continue
        source = spans.get(rel.get("Source", ""))
        src = None
        if source:
            sa, sb = _trim(text, source[1][0][0], source[1][-1][1])
            m = _ARTICLE.match(text[sa:sb])
            src = (sa + (m.end() if m else 0), sb)
        cue = spans.get(rel.get("Cue", ""))
        cue_text = " ".join(text[x:y] for x, y in cue[1]) if cue else None
        out.append(GoldAttribution((a, b), src, cue_text))
    return out


def score_attributions(docs: list[tuple[str, list[GoldAttribution], list[PredQuote]]]) -> dict[str, float]:
    """The ``attr_*`` metrics (see the module docstring)."""
    n_gold = n_pred = exact = partial = 0
    src_n = src_exact = src_partial = cue_n = cue_exact = cue_partial = 0
    for text, gold, pred in docs:
        n_gold += len(gold)
        n_pred += len(pred)
        trimmed = [_trim(text, p.start, p.end) for p in pred]
        exact += len({g.content for g in gold} & set(trimmed))
        pairs = []
        for gi, g in enumerate(gold):
            for pi, span in enumerate(trimmed):
                ov = _overlap(g.content, span)
                if ov:
                    pairs.append((ov, gi, pi))
        pairs.sort(key=lambda x: -x[0])
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            partial += 1
            g, p = gold[gi], pred[pi]
            if g.source is not None:
                src_n += 1
                if p.speaker_span is not None:
                    sa, sb = _trim(text, *p.speaker_span)
                    m = _ARTICLE.match(text[sa:sb])
                    sa += m.end() if m else 0
                    src_exact += (sa, sb) == g.source
                    src_partial += _overlap((sa, sb), g.source) > 0
            if g.cue_text:
                cue_n += 1
                cue = (p.cue or "").lower().strip(" :")
                gold_cue = g.cue_text.lower()
                cue_exact += bool(cue) and cue == gold_cue.strip()
                cue_partial += bool(cue) and all(w in _WORD.findall(gold_cue) for w in _WORD.findall(cue))

    def prf(hits: int, prefix: str) -> dict[str, float]:
        precision = hits / n_pred if n_pred else 0.0
        recall = hits / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {f"{prefix}_precision": precision, f"{prefix}_recall": recall, f"{prefix}_f1": f1}

    return {
        **prf(exact, "attr_content_exact"),
        **prf(partial, "attr_content_partial"),
        "attr_source_exact_accuracy": src_exact / src_n if src_n else 0.0,
        "attr_source_partial_accuracy": src_partial / src_n if src_n else 0.0,
        "attr_cue_exact_accuracy": cue_exact / cue_n if cue_n else 0.0,
        "attr_cue_partial_accuracy": cue_partial / cue_n if cue_n else 0.0,
        "attr_gold": float(n_gold),
        "attr_predicted": float(n_pred),
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[GoldQuote], pred: list[PredQuote]) -> list[tuple[GoldQuote, PredQuote]]:
    """One-to-one matches, greedy by overlap, each at least MATCH_OVERLAP of the longer span."""
    pairs = []
    for g in gold:
        for p in pred:
            ov = _overlap((g.start, g.end), (p.start, p.end))
            if ov and ov >= MATCH_OVERLAP * max(g.end - g.start, p.end - p.start):
                pairs.append((ov, g, p))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in pairs:
        if id(g) in used_g or id(p) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(p))
        out.append((g, p))
    return out


def _words(s: str) -> list[str]:
    return [w for w in _WORD.findall(s.lower().replace("’s", "").replace("'s", "")) if w not in _HONORIFICS]


def speaker_ok(g: GoldQuote, p: PredQuote) -> bool:
    assert g.source is not None and g.source_text is not None
    if p.speaker_span and _overlap(g.source, p.speaker_span) > 0:
        return True
    if not p.speaker:
        return False
    pw, gw = _words(p.speaker), _words(g.source_text)
    return bool(pw and gw) and (pw[-1] in gw or gw[-1] in pw)


def score(docs: list[tuple[list[GoldQuote], list[PredQuote]]]) -> dict[str, float]:
    n_gold = n_pred = n_match = n_src = n_ok = 0
    for gold, pred in docs:
        pairs = match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        n_match += len(pairs)
        for g, p in pairs:
            if g.source is not None:
                n_src += 1
                n_ok += speaker_ok(g, p)
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "span_f1": f1,
        "span_precision": precision,
        "span_recall": recall,
        "speaker_accuracy": n_ok / n_src if n_src else 0.0,
        "gold_quotes": float(n_gold),
        "predicted_quotes": float(n_pred),
    }


def evaluate(
    shared: Path, predict: Callable[[str], list[PredQuote]], split: str = "test", limit: int | None = None
) -> dict[str, float]:
    pairs = pick_annotations(shared / "datasets" / "polnear" / split)[:limit]
    docs = []
    attributions = []
    for text_path, ann in pairs:
        text = text_path.read_text(encoding="utf-8")
        predicted = predict(text)
        docs.append((gold_quotes(text, ann), [p for p in predicted if p.direct]))
        attributions.append((text, gold_attributions(text, ann), predicted))
    metrics = score(docs)
    metrics.update(score_attributions(attributions))
    metrics["documents"] = float(len(docs))
    return metrics


def communique_predict(text: str) -> list[PredQuote]:
    from communique.model import Document, document_id
    from communique.nlp import quotes
    from communique.nlp.model_loader import parse

    doc = Document(id=document_id(text.encode()), source="polnear", raw=text, text=text, kind="news")
    sdoc = parse(text)
    try:  # the entities stage sets doc.mentions / doc.roles when it exists (quotes fall back to spaCy PERSON)
        entities = importlib.import_module("communique.nlp.entities").annotate
    except (ImportError, AttributeError):
        entities = None
    if entities is not None:
        doc = entities(doc, sdoc)
    doc = quotes.annotate(doc, sdoc)
    out = []
    for q in doc.quotes:
        span = (q.speaker_start, q.speaker_end) if q.speaker_start is not None and q.speaker_end is not None else None
        out.append(PredQuote(q.start, q.end, q.speaker_name, span, q.direct, q.cue))
    return out


def run(shared: Path, limit: int | None = None, split: str = "test") -> dict[str, float]:
    return evaluate(shared, communique_predict, split, limit)


def _args(argv: list[str]) -> tuple[str, int | None]:
    split = argv[argv.index("--split") + 1] if "--split" in argv else "test"
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    return split, limit


if __name__ == "__main__":
    from benchmarks.gate import shared_dir

    split, limit = _args(sys.argv[1:])
    print(json.dumps({k: round(v, 4) for k, v in run(shared_dir(), limit, split).items()}, indent=1))
