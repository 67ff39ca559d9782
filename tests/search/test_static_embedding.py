"""The static embedding: mean of token vectors, and a built file checked against the pinned model."""

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


@pytest.mark.parametrize(("model_sha", "tokenizer_sha", "problem"), [
    (MODEL_SHA256, TOKENIZER_SHA256, None),
    ("0" * 64, TOKENIZER_SHA256, "another MiniLM model"),
    (MODEL_SHA256, "0" * 64, "another MiniLM model"),
])
def test_static_embedding_file_is_checked(tokenizer, tmp_path, monkeypatch, model_sha, tokenizer_sha, problem):
    path = tmp_path / "static.npz"
    np.savez(path, vectors=np.ones((tokenizer.get_vocab_size(), 4), dtype=np.float16),
             model_sha256=np.array(model_sha), tokenizer_sha256=np.array(tokenizer_sha))
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


@pytest.mark.parametrize("writable", [True, False])
def test_static_embedding_missing_file_built_once_on_first_use(tokenizer, tmp_path, monkeypatch, writable):
    target = tmp_path / "pkg" / "static.npz"
    monkeypatch.setenv(static.STATIC_PATH_ENV, str(target))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built: list[Path] = []

    def fake_build(model_path: Path, out: Path) -> Path:  # the real build runs the model over the vocabulary
        if not writable and out == target:
            raise PermissionError(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(out, vectors=np.ones((tokenizer.get_vocab_size(), 4), dtype=np.float16),
                 model_sha256=np.array(MODEL_SHA256), tokenizer_sha256=np.array(TOKENIZER_SHA256))
        built.append(out)
        return out

    monkeypatch.setattr(static, "build_static", fake_build)
    assert static.load_static(tmp_path / "model.onnx", build=True).dim == 4
    assert built == [target if writable else tmp_path / "cache" / "communique" / static.STATIC_PATH.name]
