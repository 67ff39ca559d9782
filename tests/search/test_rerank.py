"""Query-time re-ranking (cheap vectors find candidates, a better embedder orders the first ones) and the hybrid
full-text relaxation that feeds it."""

from __future__ import annotations

import numpy as np
import pytest

from communique.search import rerank as rr
from communique.search.index import RRF_K, index_for
from communique.search.semantic import NO_SEMANTIC_ENV
from communique.store.factory import open_store


class KeywordEmbedder:
    """One dimension per listed keyword (a text is near the keywords it holds); counts its calls."""

    dim = 4

    def __init__(self, keywords=("ceasefire", "tariffs", "vaccines", "drought"), name="test-keywords") -> None:
        self.keywords, self.name, self.embedded = keywords, name, []

    def embed(self, texts):
        self.embedded += list(texts)
        out = np.array([[float(w in t.lower()) for w in self.keywords] for t in texts], dtype=np.float32)
        return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-12, None)


def _rows(*bodies):
    return [((k, f"doc{k}", "document", 0, 1, body, "", None), 1.0 / (RRF_K + k)) for k, body in enumerate(bodies, 1)]


@pytest.mark.parametrize(("semantic", "k", "fts", "expected"), [
    (True, 3, {}, [3, 1, 2, 4]),  # the head ordered by cosine, the tail after it
    (True, 4, {}, [3, 4, 1, 2]),
    (False, 3, {1: 1, 3: 2}, [3, 1, 2, 4]),  # in both rankings beats first in one
    (False, 3, {2: 1}, [2, 3, 1, 4]),  # a tie (1/61 each) keeps the earlier order
])
def test_rerank_orders_the_head_and_keeps_the_tail(semantic, k, fts, expected):
    texts = ["tariffs on steel", "drought relief", "talks on a ceasefire", "ceasefire monitors"]
    ranked = _rows(*texts)
    out = rr.rerank(rr.Reranker(KeywordEmbedder()), "ceasefire", ranked, {i: t for i, t in enumerate(texts, 1)},
                    fts, semantic=semantic, rrf_k=RRF_K, min_cosine=0.15, k=k)
    assert [row[0] for row, _ in out] == expected
    scores = [score for _, score in out]
    assert scores == sorted(scores, reverse=True)  # the tail never scores above the re-ranked head


@pytest.mark.parametrize(("size", "texts", "embedded"), [
    (10, ["a ceasefire", "a ceasefire", "tariffs"], ["a ceasefire"]),  # a new text once, however often asked
    (10, ["tariffs", "drought"], []),  # both cached by the first call
    (1, ["tariffs", "drought"], ["tariffs"]),  # a cache of one keeps only the last text
])
def test_rerank_cache_embeds_each_text_once(size, texts, embedded):
    embedder = KeywordEmbedder()
    reranker = rr.Reranker(embedder, cache_size=size)
    reranker.vectors(["tariffs", "drought"])
    embedder.embedded.clear()
    vectors = reranker.vectors(texts)
    assert vectors.shape == (len(texts), embedder.dim)
    assert embedder.embedded == embedded


READOUT = ("The two ministers discussed a ceasefire along the border and the return of displaced families.\n\n"
           "They also reviewed the tariffs on agricultural goods and the timetable of the trade talks.")
NOTE = "The delegation toured the harbour and met local officials about fishing quotas."


@pytest.fixture(params=("sqlite", "postgres"))
def store(request, tmp_path, doc_factory, monkeypatch):
    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")  # the default embedder stays off: tests pass theirs
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else str(tmp_path / "kb.db")
    with open_store(url) as opened:
        opened.put(doc_factory(READOUT, source="readout.md"), "test")
        opened.put(doc_factory(NOTE, source="note.md"), "test")
        yield opened


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
@pytest.mark.parametrize(("reranked", "first"), [(False, "tariffs"), (True, "ceasefire")])
def test_rerank_index_orders_candidates_with_the_reranker(store, word_embedder, mode, reranked, first):
    # the hashed words share "reviewed the timetable" with the tariffs passage; the re-ranker knows "ceasefire"
    reranker_embedder = KeywordEmbedder()
    index = index_for(store, word_embedder, reranker=rr.Reranker(reranker_embedder) if reranked else False)
    index.refresh()
    hits = index.query("they reviewed the timetable of the ceasefire", mode=mode, limit=5)
    assert hits and first in hits[0].snippet
    if reranked:
        assert reranker_embedder.embedded[-1] == "they reviewed the timetable of the ceasefire"  # the question
        assert all(len(t) < 200 for t in reranker_embedder.embedded)  # passages, never whole documents


@pytest.mark.parametrize(("reranker", "env", "rerank_attr", "used"), [
    (None, "minilm", True, True),  # asked for, for an embedder whose vectors are candidates
    (None, None, True, False),  # off by default
    (False, "minilm", True, False),  # disabled for this index
    (None, "minilm", False, False),  # an embedder that does not ask for re-ranking
    ("same", "minilm", True, False),  # the index's own model: nothing to gain
])
def test_rerank_applies_only_where_asked(store, word_embedder, monkeypatch, reranker, env, rerank_attr, used):
    other = KeywordEmbedder(name=word_embedder.name if reranker == "same" else "test-keywords")
    monkeypatch.delenv(NO_SEMANTIC_ENV)  # the re-ranker is off with the other models
    if env:
        monkeypatch.setenv(rr.RERANK_ENV, env)
    else:
        monkeypatch.delenv(rr.RERANK_ENV, raising=False)
    monkeypatch.setattr(rr, "_cached", {"minilm": rr.Reranker(other)})
    monkeypatch.setattr(type(word_embedder), "rerank", rerank_attr, raising=False)
    index = index_for(store, word_embedder, reranker=rr.Reranker(other) if reranker == "same" else reranker)
    index.refresh()
    index.query("ceasefire", limit=5)
    assert bool(other.embedded) == used


@pytest.mark.parametrize(("query", "mode", "relaxed"), [
    ("which ministers reviewed tariffs and fishing quotas", "hybrid", True),  # no item holds every word
    ("tariffs quotas", "fts", False),  # full text alone keeps its all-words meaning
    ('"fishing quotas" tariffs', "hybrid", False),  # a phrase means what it says
    ("tariffs OR quotas", "hybrid", False),  # so does an operator (here: already any word)
    ("tariff* quotas", "hybrid", False),  # and a prefix
])
def test_index_hybrid_relaxes_full_text_for_plain_words(store, word_embedder, query, mode, relaxed):
    index = index_for(store, word_embedder, reranker=False)
    index.refresh()
    calls = []
    fts = index._fts
    index._fts = lambda *a, **k: calls.append(k.get("any_term", False)) or fts(*a, **k)  # type: ignore[method-assign]
    index.query(query, mode=mode, limit=5)
    assert (True in calls) == relaxed
