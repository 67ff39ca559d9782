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
          recipe: str | None = static.RECIPE, fit: str | None = None) -> None:
    """A built file as build_static writes it (recipe None: a file of the first recipe, which recorded none; fit
    None: the digest of the committed learned weights)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {} if recipe is None else {"recipe": np.array(recipe)}
    np.savez(path, vectors=np.ones((size, 4), dtype=np.float16), model_sha256=np.array(model_sha),
             tokenizer_sha256=np.array(tokenizer_sha), fit_sha256=np.array(static.load_fit()[2] if fit is None else fit),
             **extra)


@pytest.mark.parametrize(("model_sha", "tokenizer_sha", "recipe", "fit", "problem"), [
    (MODEL_SHA256, TOKENIZER_SHA256, static.RECIPE, None, None),
    ("0" * 64, TOKENIZER_SHA256, static.RECIPE, None, "another MiniLM model"),
    (MODEL_SHA256, "0" * 64, static.RECIPE, None, "another MiniLM model"),
    (MODEL_SHA256, TOKENIZER_SHA256, None, None, "older recipe"),
    (MODEL_SHA256, TOKENIZER_SHA256, "token0-pca8-sif1", None, "older recipe"),
    (MODEL_SHA256, TOKENIZER_SHA256, static.RECIPE, "0" * 64, "other learned weights"),
])
def test_static_embedding_file_is_checked(tokenizer, tmp_path, monkeypatch, model_sha, tokenizer_sha, recipe, fit,
                                          problem):
    path = tmp_path / "static.npz"
    _save(path, tokenizer.get_vocab_size(), model_sha, tokenizer_sha, recipe, fit)
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


@pytest.mark.parametrize(("size", "dim"), [(5, 2), (50, 3)])
def test_static_embedding_distil_maps_and_weights_centred_tokens(size, dim):
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(size, 6)).astype(np.float32)
    weights = rng.uniform(0, 1, size=size).astype(np.float32)
    mapping = rng.normal(size=(6, dim)).astype(np.float32)
    stored = static.distil(vectors, weights, mapping)
    assert stored.shape == (size, dim) and stored.dtype == np.float16  # half the file of float32
    expected = ((vectors - vectors.mean(axis=0)) @ mapping) * weights[:, None]
    assert np.allclose(stored.astype(np.float32), expected, atol=2e-2)


def _save_fit(path: Path, model_sha: str = MODEL_SHA256, recipe: str = static.FIT_RECIPE) -> None:
    np.savez(path, weights=np.ones(3, dtype=np.float16), mapping=np.ones((384, 2), dtype=np.float16),
             model_sha256=np.array(model_sha), tokenizer_sha256=np.array(TOKENIZER_SHA256), recipe=np.array(recipe))


@pytest.mark.parametrize(("model_sha", "recipe", "problem"), [
    (MODEL_SHA256, static.FIT_RECIPE, None),
    ("0" * 64, static.FIT_RECIPE, "another MiniLM model"),
    (MODEL_SHA256, "fit8-sif1", "another recipe"),
])
def test_static_embedding_learned_weights_are_checked(tmp_path, model_sha, recipe, problem):
    path = tmp_path / "fit.npz"
    _save_fit(path, model_sha, recipe)
    if problem is None:
        weights, mapping, digest = static.load_fit(path)
        assert weights.shape == (3,) and mapping.shape == (384, 2) and len(digest) == 64
    else:
        with pytest.raises(ModelError, match=problem):
            static.load_fit(path)


def test_static_embedding_learned_weights_missing_say_how_to_refit(tmp_path):
    with pytest.raises(ModelError, match="python -m communique.search.static_fit"):
        static.load_fit(tmp_path / "absent.npz")


def test_static_embedding_committed_fit_matches_the_vocabulary(tokenizer):
    weights, mapping, _ = static.load_fit()
    assert weights.shape == (tokenizer.get_vocab_size(),) and mapping.shape[0] == 384
