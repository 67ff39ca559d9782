"""``communique.embed.v1``: passage vectors computed in the stage reach the index without being embedded again,
and are never part of the stored document (a word-hashing embedder stands in for the model)."""

from __future__ import annotations

import pytest

from communique.search import embed_stage, index_for
from communique.search.index import model_key
from communique.search.semantic import NO_SEMANTIC_ENV
from communique.store.factory import open_store

TEXT = ("The foreign ministers met in Oslo to discuss fisheries.\n\n"
        "They agreed to meet again in the spring to sign a maritime accord.")


@pytest.fixture(params=("sqlite", "postgres"))
def store(request, tmp_path, monkeypatch):
    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else str(tmp_path / "kb.db")
    with open_store(url) as opened:
        yield opened


@pytest.fixture
def embedded(doc_factory, word_embedder, monkeypatch):
    monkeypatch.setattr(embed_stage, "get_embedder", lambda: word_embedder)  # the stage's default embedder
    return embed_stage.embed_passages(doc_factory(TEXT, source="oslo.txt"))


def test_embed_stage_vectors_travel_to_the_index(store, embedded, word_embedder):
    payload = embedded.meta[embed_stage.VECTORS_META]
    assert payload["model"] == model_key(word_embedder.name) and len(payload["spans"]) == 2  # two passages
    stored = embed_stage.put_document(store, embedded, "test")
    assert embed_stage.VECTORS_META not in stored.meta
    assert embed_stage.VECTORS_META not in store.get(stored.id).meta  # never stored with the document
    calls = len(word_embedder.calls)
    index = index_for(store, word_embedder)
    assert index.refresh() == 1
    assert len(word_embedder.calls) == calls  # nothing embedded at refresh: the stage's vectors were used
    assert index._all("SELECT COUNT(*) FROM search_vectors")[0][0] == 2
    assert index._all("SELECT COUNT(*) FROM search_pending")[0][0] == 0
    assert index.query("maritime accord spring", mode="semantic")[0].snippet.startswith("They agreed")


def test_embed_stage_other_model_is_embedded_at_refresh(store, embedded, word_embedder):
    embed_stage.put_document(store, embedded, "test")
    other = type(word_embedder)(name="test-other")
    index = index_for(store, other)
    index.refresh()
    assert sum(other.calls) == 2  # vectors of another model are not taken: both passages embedded again
    assert index._meta("vector_model") == model_key("test-other")


def test_embed_stage_duplicate_stashes_nothing(store, embedded, doc_factory):
    embed_stage.put_document(store, embedded, "test")
    copy = embedded.replace(id="copy-" + embedded.id, source="copy.txt")
    stored = embed_stage.put_document(store, copy, "test")
    assert stored.duplicate_of == embedded.id
    pending = index_for(store)._all("SELECT DISTINCT doc_id FROM search_pending")
    assert [r[0] for r in pending] == [embedded.id]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_embed_stage_leaves_a_text_without_passages(doc_factory, word_embedder, monkeypatch, text):
    monkeypatch.setattr(embed_stage, "get_embedder", lambda: word_embedder)
    assert embed_stage.VECTORS_META not in embed_stage.embed_passages(doc_factory(text)).meta
