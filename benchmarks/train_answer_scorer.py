"""Train and cross-validate ``ask``'s learned answer scorer (:mod:`communique.search.answer_scorer`).

Training questions: the ``dev`` split of ``ask_heldout.jsonl`` (its ``test`` items are dropped as the file is read,
never kept nor asked) and the practice files (``ask_practice.jsonl``, ``ask_practice2.jsonl``), all asked against
the store that ``python -m benchmarks.ask_heldout --split dev --db FILE`` builds (the held-out corpus, in which the
practice questions' pages are distractors).

1. every question's candidates (:func:`communique.search.ask.candidates_for`), their features and the rule answer;
   a candidate is labelled right when the benchmark's ``is_correct`` accepts its text and it cites an expected
   source (cached with ``--cache FILE``: a rerun skips the asking);
2. a logistic regression (numpy, L2, Newton steps: deterministic), features scaled to mean 0 / sd 1;
3. the decline thresholds (one for a winner the rules would keep, one for a ``relaxed`` winner that breaks a
   constraint): the pair that maximises right answers plus declined unanswerables over out-of-fold probabilities
   (``INNER_FOLDS`` folds of the training questions, by a hash of the question id);
4. cross-set folds, each scored with the benchmark's four metrics for the rules and for the learned scorer: train on
   practice / evaluate on dev; train on dev + ``ask_practice.jsonl`` / evaluate on ``ask_practice2.jsonl``; when
   ``ask_practice3.jsonl`` is there, train on dev + practice 1 + 2 / evaluate on it (and practice 2's fold leaves it
   out of its training); ``DOC_FOLDS`` folds by source document (every question of one page in one fold);
5. the model trained on every training question is written to the package (``--write``).

    python -m benchmarks.train_answer_scorer --db FILE [--cache FILE] [--write]
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.ask_heldout import PRACTICE, QUESTIONS, Reply, is_correct, score, source_paths

L2 = 1.0  # ridge penalty on the scaled weights: ~40 features and a few thousand candidates, keep weights small
NEWTON_STEPS = 25  # the penalised log-likelihood is convex: Newton converges in well under this many steps
INNER_FOLDS = 4  # out-of-fold probabilities for choosing the threshold without looking at the evaluated fold
DOC_FOLDS = 5  # folds by source document
THRESHOLDS = tuple(round(0.02 * i, 2) for i in range(50))  # the decline thresholds tried: 0.00 .. 0.98
METRICS = ("answer_accuracy", "citation_support", "citation_precision", "unanswerable_accuracy")


def _bucket(key: str, k: int) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % k


def training_questions() -> list[dict]:
    """Dev questions of ask_heldout.jsonl (test items dropped as read) and every practice question, with its set."""
    out: list[dict] = []
    for line in QUESTIONS.read_text().splitlines():
        if line.strip():
            q = json.loads(line)
            if q["split"] == "dev":  # the test split is never kept
                out.append({**q, "set": "dev"})
    for path in PRACTICE:
        out += [{**json.loads(line), "set": path.stem} for line in path.read_text().splitlines() if line.strip()]
    return out


def collect(db: str, questions: Sequence[dict]) -> list[dict]:
    """Step 1: for each question, the rule reply and every candidate (text, cited paths, features)."""
    from communique.search import answer_scorer
    from communique.search.ask import candidates_for, rule_answer
    from communique.search.question_analysis import analyze
    from communique.store.sqlite import SQLiteStore

    datasets = (Path(__file__).resolve().parent.parent.parent / "shared" / "datasets").resolve()
    store = SQLiteStore(db)
    paths = source_paths(store, datasets)
    out = []
    for q in questions:
        a = analyze(q["question"])
        ctx, intent, candidates = candidates_for(store, a, wide=True)
        rule = rule_answer(q["question"], intent, [c for c in candidates if not c.relaxed])
        rows = answer_scorer.features(ctx, a, candidates)
        out.append({
            "id": q["id"], "set": q["set"], "expected": q["expected"], "sources": q["sources"],
            "unanswerable": q["unanswerable"],
            "rule": {"text": rule.text, "not_in_sources": rule.not_in_sources,
                     "cited": [paths.get(c["doc"]) for s in rule.sentences for c in s.citations]},
            "candidates": [{"text": " ".join(s.text for s in c.sentences),
                            "cited": [paths.get(cite["doc"]) for s in c.sentences for cite in s.citations],
                            "features": row} for c, row in zip(candidates, rows, strict=True)],
        })
    store.close()
    return out


def label(q: dict, c: dict) -> float:
    return float(is_correct(q["expected"], c["text"], False) and any(p in q["sources"] for p in c["cited"]))


def fit(questions: Sequence[dict]) -> dict[str, Any]:
    """Step 2: the scaled logistic regression of the candidates of ``questions``."""
    from communique.search.answer_scorer import FEATURES

    x = np.array([c["features"] for q in questions for c in q["candidates"]], dtype=float).reshape(-1, len(FEATURES))
    y = np.array([label(q, c) for q in questions for c in q["candidates"]], dtype=float)
    mean = x.mean(axis=0) if len(x) else np.zeros(len(FEATURES))
    scale = x.std(axis=0) if len(x) else np.ones(len(FEATURES))
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], L2)
    penalty[0] = 0.0  # the bias is not penalised
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -60, 60)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        w = w - np.linalg.solve(hess, grad)
    return {"features": list(FEATURES), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
            "weights": w[1:].round(6).tolist(), "bias": round(float(w[0]), 6), "threshold": 0.5,
            "relaxed_threshold": 0.5}


def _probs(model: dict[str, Any], q: dict) -> list[float]:
    from communique.search.answer_scorer import probabilities

    return probabilities([c["features"] for c in q["candidates"]], model)


def learned_reply(model: dict[str, Any], q: dict, probs: list[float] | None = None) -> Reply:
    """The learned scorer's reply from the cached candidates (as :func:`answer_scorer.choose`)."""
    from communique.search.answer_scorer import pick

    probs = _probs(model, q) if probs is None else probs
    index = pick(probs, _relaxed(q), model)
    if index is None:
        return Reply("", True, [])
    c = q["candidates"][index]
    return Reply(c["text"], False, list(c["cited"]))


def _relaxed(q: dict) -> list[bool]:
    from communique.search.answer_scorer import FEATURES

    return [bool(c["features"][FEATURES.index("relaxed")]) for c in q["candidates"]]


def rule_reply(q: dict) -> Reply:
    return Reply(q["rule"]["text"], q["rule"]["not_in_sources"], list(q["rule"]["cited"]))


def _outcome(q: dict, r: Reply) -> bool:
    return r.not_in_sources if q["unanswerable"] else is_correct(q["expected"], r.text, r.not_in_sources)


def choose_thresholds(questions: Sequence[dict]) -> tuple[float, float]:
    """Step 3: the (threshold, relaxed threshold) with the most right outcomes over out-of-fold probabilities (the
    lowest of ties)."""
    probs: dict[str, list[float]] = {}
    for k in range(INNER_FOLDS):
        train = [q for q in questions if _bucket(q["id"], INNER_FOLDS) != k]
        model = fit(train)
        for q in questions:
            if _bucket(q["id"], INNER_FOLDS) == k:
                probs[q["id"]] = _probs(model, q)

    # the outcome of each question depends on the thresholds only through which candidate (or none) is picked
    from communique.search.answer_scorer import pick

    outcomes = []
    for q in questions:
        right_of = {i: _outcome(q, Reply(c["text"], False, c["cited"])) for i, c in enumerate(q["candidates"])}
        outcomes.append((probs[q["id"]], _relaxed(q), right_of, bool(q["unanswerable"])))

    def right(pair: tuple[float, float]) -> int:
        model = {"threshold": pair[0], "relaxed_threshold": pair[1]}
        total = 0
        for p, relaxed, right_of, unanswerable in outcomes:
            index = pick(p, relaxed, model)
            total += unanswerable if index is None else right_of[index]
        return total

    return max(((t, r) for t in THRESHOLDS for r in THRESHOLDS), key=lambda pair: (right(pair), -pair[0], -pair[1]))


def train(questions: Sequence[dict]) -> dict[str, Any]:
    model = fit(questions)
    model["threshold"], model["relaxed_threshold"] = choose_thresholds(questions)
    return model


def evaluate(train_qs: Sequence[dict], test_qs: Sequence[dict]) -> dict[str, dict[str, float]]:
    """The four metrics of the rules and of a model trained on ``train_qs``, on ``test_qs``."""
    model = train(train_qs)
    rules = score(test_qs, [rule_reply(q) for q in test_qs])
    learned = score(test_qs, [learned_reply(model, q) for q in test_qs])
    return {"rules": {m: rules[m] for m in METRICS}, "learned": {m: learned[m] for m in METRICS},
            "threshold": {"value": model["threshold"], "relaxed": model["relaxed_threshold"]},
            "questions": {"n": float(len(test_qs))}}


def folds(data: Sequence[dict]) -> dict[str, tuple[list[dict], list[dict]]]:
    """Step 4: (train, evaluate) question lists of each cross-set and by-document fold."""
    def by(pred: Callable[[dict], bool]) -> tuple[list[dict], list[dict]]:
        return [q for q in data if not pred(q)], [q for q in data if pred(q)]

    # each practice file evaluated on a model of the sets written before it (a later file not in its training)
    out = {
        "practice->dev": by(lambda q: q["set"] == "dev"),
        "dev+practice1->practice2": by(lambda q: q["set"] == "ask_practice2"),
    }
    if any(q["set"] == "ask_practice3" for q in data):
        out["dev+practice1->practice2"] = ([q for q in data if q["set"] in ("dev", "ask_practice")],
                                           [q for q in data if q["set"] == "ask_practice2"])
        out["dev+practice1+2->practice3"] = by(lambda q: q["set"] == "ask_practice3")
    for k in range(DOC_FOLDS):  # a page's questions together; an unanswerable one by its id
        out[f"doc{k}"] = by(lambda q, k=k: _bucket(q["sources"][0] if q["sources"] else q["id"], DOC_FOLDS) == k)
    return out


def main(args: list[str]) -> None:
    db = args[args.index("--db") + 1]
    cache = Path(args[args.index("--cache") + 1]) if "--cache" in args else None
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text())
    else:
        data = collect(db, training_questions())
        if cache is not None:
            cache.write_text(json.dumps(data))
    report: dict[str, Any] = {name: evaluate(tr, te) for name, (tr, te) in folds(data).items()}
    doc_folds = [report[f"doc{k}"] for k in range(DOC_FOLDS)]
    report["doc_mean"] = {side: {m: round(float(np.mean([f[side][m] for f in doc_folds])), 4) for m in METRICS}
                          for side in ("rules", "learned")}
    print(json.dumps(report, indent=1))
    if "--write" in args:
        from communique.search.answer_scorer import MODEL_PATH

        model = train(data)
        model["trained_on"] = "ask_heldout.jsonl dev split + ask_practice*.jsonl (python -m benchmarks.train_answer_scorer)"
        MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n")
        print(f"wrote {MODEL_PATH} (thresholds {model['threshold']} / {model['relaxed_threshold']})", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
