"""The static embedding: mean of token vectors, its distillation, and a built file checked against the pinned model
and the recipe."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from communique.errors import ModelError
from communique.search import static
from communique.search.semantic import MODEL_SHA256, TOKENIZER_SHA256, load_tokenizer


@pytest.fixture(scope="module")
def tokenizer():
    pytest.importorskip("tokenizers")
    return load_tokenizer()


def _embedder(tokenizer, dim=4):
    vectors = np.zeros((tokenizer.get_vocab_size(), dim), dtype=np.float16)
    vocab = tokenizer.get_vocab()
    vectors[vocab["fisheries"], 0] = 1.0
    vectors[vocab["quota"], 1] = 1.0
    vectors[vocab["summit"], 2] = 1.0
    return static.StaticEmbedder(vectors, tokenizer)


@pytest.mark.parametrize(("texts", "expected"), [
    (["fisheries"], [[1, 0, 0, 0]]),
    (["fisheries quota"], [[2 ** -0.5, 2 ** -0.5, 0, 0]]),
    (["quota quota summit"], [[0, 2 / 5 ** 0.5, 1 / 5 ** 0.5, 0]]),  # a word twice counts twice in the mean
    (["", "summit"], [[0, 0, 0, 0], [0, 0, 1, 0]]),  # no token: a zero vector, never NaN
])
def test_static_embedding_mean_of_token_vectors(tokenizer, texts, expected):
    assert np.allclose(_embedder(tokenizer).embed(texts), np.array(expected, dtype=np.float32), atol=1e-6)


def _save(path: Path, size: int, model_sha: str = MODEL_SHA256, tokenizer_sha: str = TOKENIZER_SHA256,
          recipe: str | None = static.RECIPE) -> None:
    """A built file as build_static writes it (recipe None: a file of the first recipe, which recorded none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {} if recipe is None else {"recipe": np.array(recipe)}
    np.savez(path, vectors=np.ones((size, 4), dtype=np.float16), model_sha256=np.array(model_sha),
             tokenizer_sha256=np.array(tokenizer_sha), **extra)


@pytest.mark.parametrize(("model_sha", "tokenizer_sha", "recipe", "problem"), [
    (MODEL_SHA256, TOKENIZER_SHA256, static.RECIPE, None),
    ("0" * 64, TOKENIZER_SHA256, static.RECIPE, "another MiniLM model"),
    (MODEL_SHA256, "0" * 64, static.RECIPE, "another MiniLM model"),
    (MODEL_SHA256, TOKENIZER_SHA256, None, "older recipe"),
    (MODEL_SHA256, TOKENIZER_SHA256, "token0-pca8-sif1", "older recipe"),
])
def test_static_embedding_file_is_checked(tokenizer, tmp_path, monkeypatch, model_sha, tokenizer_sha, recipe,
                                          problem):
    path = tmp_path / "static.npz"
    _save(path, tokenizer.get_vocab_size(), model_sha, tokenizer_sha, recipe)
    monkeypatch.setenv(static.STATIC_PATH_ENV, str(path))
    if problem is None:
        assert static.load_static().dim == 4
    else:
        with pytest.raises(ModelError, match=problem):
            static.load_static()


def test_static_embedding_missing_file_says_how_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv(static.STATIC_PATH_ENV, str(tmp_path / "absent.npz"))
    with pytest.raises(ModelError, match="python -m communique.search.static"):
        static.load_static()


def test_static_embedding_reads_past_128_tokens(tokenizer):
    long_text = "summit " * 200 + "fisheries"  # the tokenizer file cuts at 128 tokens; a static mean need not
    assert _embedder(tokenizer).embed([long_text])[0, 0] > 0


@pytest.mark.parametrize(("writable", "stale"), [(True, False), (False, False), (True, True)])
def test_static_embedding_missing_file_built_once_on_first_use(tokenizer, tmp_path, monkeypatch, writable, stale):
    target = tmp_path / "pkg" / "static.npz"
    if stale:  # a file of an older recipe is built anew, as a missing one
        _save(target, tokenizer.get_vocab_size(), recipe="token0-pca8-sif1")
    monkeypatch.setenv(static.STATIC_PATH_ENV, str(target))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built: list[Path] = []

    def fake_build(model_path: Path, out: Path) -> Path:  # the real build runs the model over the vocabulary
        if not writable and out == target:
            raise PermissionError(out)
        _save(out, tokenizer.get_vocab_size())
        built.append(out)
        return out

    monkeypatch.setattr(static, "build_static", fake_build)
    assert static.load_static(tmp_path / "model.onnx", build=True).dim == 4
    assert built == [target if writable else tmp_path / "cache" / "communique" / static.STATIC_PATH.name]


class _FakeSession:
    """An ONNX session whose output at position p of every input row is p + 1 (batch, 3 positions, 384)."""

    def run(self, _outputs, feeds):
        ids = feeds["input_ids"]
        return [np.broadcast_to(np.arange(1, 4, dtype=np.float32)[None, :, None], (*ids.shape, 384)).copy()]


@pytest.mark.parametrize("size", [1, 5, static.BUILD_BATCH + 3])  # one token, a few, more than one ONNX batch
def test_static_embedding_token_vectors_are_the_tokens_own_output(size):
    vectors = static.token_vectors(_FakeSession(), size)
    assert vectors.shape == (size, 384)
    assert np.all(vectors == static.TOKEN_POSITION + 1)  # neither [CLS]'s (1) nor [SEP]'s (3) output


@pytest.mark.parametrize(("dim", "sif_a"), [(2, 1e-2), (3, 1e-1), (3, static.SIF_A)])
def test_static_embedding_distil_weights_frequent_tokens_less(dim, sif_a):
    vectors = np.random.default_rng(0).normal(size=(50, 6)).astype(np.float32)
    unweighted = static.distil(vectors, dim, sif_a=1e12).astype(np.float32)  # every weight ~1
    stored = static.distil(vectors, dim, sif_a=sif_a)
    assert stored.shape == (50, dim) and stored.dtype == np.float16  # half the file of float32
    weighted = stored.astype(np.float32)
    ratio = np.linalg.norm(weighted, axis=1) / np.linalg.norm(unweighted, axis=1)
    probability = (1 / np.arange(1, 51)) / (1 / np.arange(1, 51)).sum()  # Zipf over the vocabulary order
    assert np.allclose(ratio, sif_a / (sif_a + probability), rtol=2e-3)
    assert np.all(np.diff(ratio) > 0)  # the first (most frequent) tokens count least
