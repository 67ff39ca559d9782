"""A learned scorer for ``ask``'s candidate answers: which one wins, and when to say "not in the sources".

The rule answerer (:mod:`ask`) keeps candidates that satisfy the question's constraints and gives each a hand-set
confidence. This module describes each candidate by general features (:data:`FEATURES`: the rule score and the
cascade step that produced it, retrieval rank, overlap of the question's words, names and places with the sentence,
its neighbours and the page title, the asked month / year / meeting kind against the sentence's and page's dates
and words, the answer type, how many candidates agree on the same answer ...) and scores it with a logistic
regression trained on the questions the answerer's improvers may read (``benchmarks/train_answer_scorer.py``;
weights, feature scaling and the decline threshold in ``data/answer_scorer.json``).

Cascade of :func:`choose`:
1. no candidate: decline;
2. every candidate scored (:func:`probabilities`), the most probable wins (the rule order breaks ties);
3. its probability at or above the model's threshold (chosen by cross-validation on the training questions): it
   answers; a candidate that breaks a constraint the rules require (``relaxed``) has its own threshold;
4. a relaxed winner below its threshold: the most probable candidate that breaks no constraint, when it reaches the
   threshold; else decline.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..model import Document
from .question_analysis import Analysis
from .question_patterns import STOP_WORDS
from .segment import Span
from .typed_answers import WORDS, date_ok, evidence_dates, fold, name_in, reported_kind, stem

__all__ = ["FEATURES", "SCORERS", "DEFAULT_SCORER", "MODEL_PATH", "features", "probabilities", "choose", "pick", "load_model",
           "threshold"]

# "rules": the hand-set confidences decide (the learned scorer did not beat them on the cross-set folds of
# benchmarks/train_answer_scorer.py: practice -> dev, dev + practice1 -> practice2, by source page; README);
# "learned": this module decides
SCORERS = ("rules", "learned")
DEFAULT_SCORER = "rules"
MODEL_PATH = Path(__file__).with_name("data") / "answer_scorer.json"
NEIGHBOURS = 1  # the sentence before and after the answer sentence are its window (names often stand there)
LEAD = 3  # the first sentences of a page: where a readout names its people, place and date

STEPS = ("general", "when_met", "role", "who_said", "what_said", "attendees")
TYPES = ("date", "place", "person", "number", "sentence")  # duration and ordinal fall under "other"
FEATURES: tuple[str, ...] = (
    "rule_confidence", "rule_gap", "rule_top", "rule_position", "candidates", "relaxed", "strict_candidates",
    *(f"step_{s}" for s in STEPS), *(f"type_{t}" for t in TYPES), "type_other", "yes_no",
    "doc_rank", "doc_retrieved",
    "focus_sentence", "focus_window", "focus_title",
    "names_sentence", "names_window", "names_page",
    "places_asked", "places_sentence", "places_lead",
    "time_asked", "time_sentence_ok", "time_sentence_conflict", "time_page_ok", "time_answer_ok",
    "kind_asked", "kind_match", "kind_conflict",
    "votes", "vote_docs", "answer_words", "answer_whole_sentence", "answer_in_question", "answer_quote",
    "sentence_lead", "sentence_position", "page_dated",
)

_ISO_IN_ANSWER = re.compile(r"\((\d{4}-\d{2}(?:-\d{2})?)\)")


class Cited(Protocol):
    text: str
    citations: list[dict[str, Any]]


class Candidate(Protocol):
    confidence: float
    sentences: list[Any]
    step: str
    relaxed: bool


class Context(Protocol):
    ranks: dict[str, int]

    def doc(self, doc_id: str) -> Document | None: ...

    def sentences(self, doc: Document) -> list[Span]: ...

    def sentence_at(self, doc: Document, start: int, end: int | None = None) -> Span: ...


C = TypeVar("C", bound=Candidate)


def _words(text: str) -> set[str]:
    return {stem(w.strip("'-")) for w in WORDS.findall(fold(text))} - {""}


def _share(found: int, total: int) -> float:
    return found / total if total else 0.0


def _log(n: float) -> float:
    return math.log1p(max(n, 0.0))


def _answer_key(text: str) -> str:
    """The answer as compared between candidates: folded, without the quoted sentence after "said:"."""
    return fold(text.split(" said:")[0] if " said:" in text else text).strip(" .")


def features(ctx: Context, a: Analysis, candidates: Sequence[Candidate]) -> list[list[float]]:
    """One row of :data:`FEATURES` per candidate (``candidates`` best rule score first, as ``ask`` sorts them)."""
    focus = [stem(f) for f in a.focus]
    question_words = _words(a.question) - {stem(w) for w in STOP_WORDS}
    strict = [c for c in candidates if not c.relaxed]
    best = max((c.confidence for c in strict), default=max((c.confidence for c in candidates), default=0.0))
    pages: dict[str, str] = {}
    keys = [_answer_key(" ".join(s.text for s in c.sentences)) for c in candidates]
    key_count = Counter(keys)
    key_docs: dict[str, set[str]] = {}
    for key, c in zip(keys, candidates, strict=True):
        key_docs.setdefault(key, set()).update(cite["doc"] for s in c.sentences for cite in s.citations)
    rows: list[list[float]] = []
    for position, (c, key) in enumerate(zip(candidates, keys, strict=True)):
        f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
        f["rule_confidence"] = c.confidence
        f["rule_gap"] = best - c.confidence
        f["rule_top"] = float(c.confidence >= best - 0.001)
        f["rule_position"] = _log(position)
        f["candidates"] = _log(len(candidates))
        f["relaxed"] = float(c.relaxed)
        f["strict_candidates"] = _log(len(strict))
        if c.step in STEPS:
            f[f"step_{c.step}"] = 1.0
        f[f"type_{a.answer_type}" if a.answer_type in TYPES else "type_other"] = 1.0
        f["yes_no"] = float(a.wh == "yes_no")
        f["votes"] = _share(key_count[key], len(candidates))
        f["vote_docs"] = _log(len(key_docs[key]))
        answer_text = " ".join(s.text for s in c.sentences)
        answer_words = _words(answer_text)
        f["answer_words"] = _log(len(answer_words))
        f["answer_in_question"] = _share(len(answer_words & question_words), len(answer_words))
        f["answer_quote"] = float(" said:" in answer_text)
        cite = next((cite for s in c.sentences for cite in s.citations), None)
        doc = ctx.doc(cite["doc"]) if cite else None
        if doc is not None and cite is not None:
            if doc.id not in pages:
                pages[doc.id] = fold(doc.text)
            _page_features(f, ctx, a, doc, ctx.sentence_at(doc, cite["start"], cite["end"]), focus, answer_text,
                           pages[doc.id])
        rows.append([f[name] for name in FEATURES])
    return rows


def _page_features(f: dict[str, float], ctx: Context, a: Analysis, doc: Document, span: Span, focus: list[str],
                   answer_text: str, folded_page: str) -> None:
    """The features that read the cited sentence, its neighbours and its page."""
    spans = ctx.sentences(doc)
    index = next((i for i, s in enumerate(spans) if s.start == span.start), 0)
    sentence = fold(span.text)
    window = fold(" ".join(s.text for s in spans[max(0, index - NEIGHBOURS):index + NEIGHBOURS + 1]))
    title = fold(" ".join(filter(None, (doc.title, doc.url, doc.source))))
    lead = fold(" ".join([doc.title or "", doc.dateline or ""] + [s.text for s in spans[:LEAD]]))
    rank = ctx.ranks.get(doc.id)
    f["doc_retrieved"] = float(rank is not None)
    f["doc_rank"] = 1.0 / (1 + rank) if rank is not None else 0.0
    have, near, titled = _words(sentence), _words(window), _words(title)
    f["focus_sentence"] = _share(sum(w in have for w in focus), len(focus))
    f["focus_window"] = _share(sum(w in near for w in focus), len(focus))
    f["focus_title"] = _share(sum(w in titled for w in focus), len(focus))
    page = folded_page + " " + title
    f["names_sentence"] = _share(sum(name_in(n, sentence) for n in a.names), len(a.names))
    f["names_window"] = _share(sum(name_in(n, window) for n in a.names), len(a.names))
    f["names_page"] = _share(sum(name_in(n, page) for n in a.names), len(a.names))
    f["places_asked"] = float(bool(a.places))
    f["places_sentence"] = _share(sum(name_in(p, sentence) for p in a.places), len(a.places))
    f["places_lead"] = _share(sum(name_in(p, lead) or name_in(p, title) for p in a.places), len(a.places))
    if a.has_time:
        f["time_asked"] = 1.0
        own = evidence_dates(doc, span)
        f["time_sentence_ok"] = float(any(date_ok(a, d) for d in own))
        f["time_sentence_conflict"] = float(bool(own) and not f["time_sentence_ok"])
        f["time_page_ok"] = float(date_ok(a, doc.published))
        written = _ISO_IN_ANSWER.findall(answer_text)
        f["time_answer_ok"] = float(bool(written) and any(date_ok(a, d) for d in written))
    if a.meeting_kind:
        f["kind_asked"] = 1.0
        found = reported_kind(doc, span)
        f["kind_match"] = float(found == a.meeting_kind)
        f["kind_conflict"] = float(bool(found) and found != a.meeting_kind)
    f["answer_whole_sentence"] = float(fold(answer_text) in sentence or sentence in fold(answer_text))
    f["sentence_lead"] = float(index < LEAD)
    f["sentence_position"] = _share(index, len(spans))
    f["page_dated"] = float(bool(doc.published))


def threshold(model: dict[str, Any], relaxed: bool) -> float:
    """The probability below which the winner is declined: its own for a candidate that breaks a constraint."""
    return float(model["relaxed_threshold"] if relaxed else model["threshold"])


@cache
def load_model(path: Path = MODEL_PATH) -> dict[str, Any]:
    """The stored model: feature names, their means and scales, weights, bias and decline thresholds."""
    model: dict[str, Any] = json.loads(path.read_text())
    if tuple(model["features"]) != FEATURES:
        raise ValueError(f"{path}: trained on other features; rerun benchmarks.train_answer_scorer")
    return model


def probabilities(rows: Sequence[Sequence[float]], model: dict[str, Any]) -> list[float]:
    """The model's probability that each candidate is a right, supported answer."""
    out = []
    for row in rows:
        z = model["bias"] + sum(w * (x - m) / s for w, x, m, s in
                                zip(model["weights"], row, model["mean"], model["scale"], strict=True))
        out.append(1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0))))
    return out


def choose(ctx: Context, a: Analysis, candidates: Sequence[C],
           model: dict[str, Any] | None = None) -> tuple[C | None, float]:
    """(the winning candidate or None to decline, its probability); cascade in the module docstring."""
    if not candidates:  # 1.
        return None, 0.0
    model = model or load_model()
    probs = probabilities(features(ctx, a, candidates), model)  # 2.
    index = pick(probs, [c.relaxed for c in candidates], model)
    return (None, max(probs)) if index is None else (candidates[index], probs[index])


def pick(probs: Sequence[float], relaxed: Sequence[bool], model: dict[str, Any]) -> int | None:
    """Steps 2-4 of :func:`choose` on the candidates' probabilities: the index that answers, or None to decline."""
    if not probs:
        return None
    top = max(range(len(probs)), key=lambda i: (probs[i], -i))  # 2. (ties: the rule order)
    if probs[top] >= threshold(model, relaxed[top]):  # 3.
        return top
    strict = [i for i in range(len(probs)) if not relaxed[i]]
    if relaxed[top] and strict:  # 4.
        best = max(strict, key=lambda i: (probs[i], -i))
        return best if probs[best] >= threshold(model, False) else None
    return None
