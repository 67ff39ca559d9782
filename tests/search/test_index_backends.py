"""The search index interface on both backends: full text, filters, vectors per passage, the in-memory matrix,
ask's candidates. A word-hashing embedder (``word_embedder``) stands in for MiniLM: the index, not the model, is
tested here."""

from __future__ import annotations

import pytest

from communique.search import Filters, SearchQueryError, ask, index_for, refresh_index, search
from communique.search import index as index_module
from communique.search.hits import parse_query, to_tsquery
from communique.search.semantic import NO_SEMANTIC_ENV
from communique.store.factory import open_store

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, kb_docs, monkeypatch):
    """The three hand-annotated documents, full-text indexed, in SQLite or PostgreSQL."""
    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")  # the default embedder stays off: tests pass theirs
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else str(tmp_path / "kb.db")
    with open_store(url) as opened:
        for doc in kb_docs:
            opened.put(doc, "test")
        refresh_index(opened)
        yield opened


def _sources(store, hits):
    return {store.get(h.doc).source for h in hits}


@pytest.mark.parametrize(("query", "filters", "expected"), [
    ("security", {"kind": "readout"}, {"readouts/ellison-varga.md"}),
    ("security", {"kind": "quote"}, {"readouts/ellison-varga.md"}),
    ("partnership", {"kind": "transcript"}, {"transcripts/okafor-ellison.txt"}),
    ("partnership", {"kind": "readout"}, set()),
    ("talks OR energy", {"actor": "Dieter Kraus"}, {"wire/holm-kraus.txt"}),
    ("Budapest", {"topic": "energy security"}, {"readouts/ellison-varga.md"}),
    ("Ellison OR Holm", {"until": "2023-11"}, {"wire/holm-kraus.txt"}),
    ("Ellison OR Holm", {"since": "2024-05", "until": "2024-05-31"}, {"readouts/ellison-varga.md"}),
    ("Ellison OR Holm", {"source": "wire/"}, {"wire/holm-kraus.txt"}),
    ('"energy assistance" NOT Ukraine', {}, {"readouts/ellison-varga.md"}),
    ('"energy assistance" NOT Europe', {}, set()),
    ("scholar*", {}, {"transcripts/okafor-ellison.txt"}),
])
def test_index_filters_same_on_both_backends(store, query, filters, expected):
    hits = search(store, query, mode="fts", **filters)
    assert _sources(store, hits) == expected
    if filters.get("kind") == "quote":
        assert {h.type for h in hits} == {"quote"}


def test_index_hits_point_at_the_text(store):
    hits = search(store, "Arctic shipping", mode="fts")
    doc = store.get(hits[0].doc)
    assert "Arctic" in doc.text[hits[0].start:hits[0].end]


def test_index_vectors_for_passages_and_events_quotes_share_their_passage(store, word_embedder):
    index = index_for(store, word_embedder)
    embedded = index.refresh_vectors()
    rows = index._all("SELECT id, type, passage FROM search_items")
    own = [r for r in rows if r[1] in ("document", "event")]
    assert embedded == len(own) == sum(word_embedder.calls) and any(r[1] == "event" for r in own)
    passages = {r[0] for r in rows if r[1] == "document"}
    assert all(r[2] == r[0] for r in rows if r[1] == "document")  # a passage points to itself
    assert all(r[2] in passages for r in rows if r[1] != "document")
    assert index.refresh_vectors() == 0  # nothing new: nothing embedded again
    question = "energy independence national security"
    quote = index.query(question, Filters(kind="quote"), mode="semantic")[0]
    passage = next(h for h in index.query(question, Filters(kind="document"), mode="semantic")
                   if h.start <= quote.start < h.end)
    assert quote.score == passage.score  # the quote is scored with its passage's vector


@pytest.mark.parametrize("types", [("document",), ("document", "event", "quote")])
def test_index_vector_types_decide_what_is_embedded(store, word_embedder, types):
    index = index_for(store, word_embedder, vector_types=types)
    wanted = index._all(f"SELECT COUNT(*) FROM search_items WHERE type IN ({','.join('?' * len(types))})", types)
    assert index.refresh_vectors() == wanted[0][0]
    assert {h.type for h in index.query("Ellison Varga energy", mode="semantic")} >= {"document", "event"}


def test_index_vector_types_need_passages(store):
    with pytest.raises(SearchQueryError, match="document"):
        index_for(store, vector_types=("event",))


def test_index_matrix_grows_and_reloads_when_vectors_go(store, doc_factory, word_embedder):
    embedder = word_embedder
    index = index_for(store, embedder)
    index.refresh_vectors()
    first = index.matrix(embedder.name)
    assert first is not None and len(first.ids) > 0
    store.put(doc_factory("Fisheries ministers agreed on new quotas for the northern sea.", source="f.txt"), "test")
    index.refresh()
    grown = index.matrix(embedder.name)
    assert grown is first and len(grown.ids) == len(set(grown.ids.tolist())) > 0  # appended, not reloaded
    assert index.query("fisheries quotas northern", mode="semantic")[0].snippet.startswith("Fisheries")
    readout = next(d for d in store.iter_documents() if d.source == "readouts/ellison-varga.md")
    store.put(readout.replace(text="A short new text about trade.", quotes=[], events=[], mentions=[], roles=[],
                              timexes=[], claims=[]), "test-2")
    index.refresh()
    reloaded = index.matrix(embedder.name)
    live = {r[0] for r in index._all("SELECT id FROM search_items WHERE type = 'document'")}
    assert reloaded is not first and set(reloaded.ids.tolist()) == live


def test_index_shortlist_falls_back_to_every_vector(store, word_embedder, monkeypatch):
    index = index_for(store, word_embedder)
    index.refresh_vectors()
    want = [(h.doc, h.start, h.score) for h in index.query("Arctic shipping energy", mode="semantic")]
    monkeypatch.setattr(index_module, "_matrices", {})
    monkeypatch.setattr(index_module, "SHORTLIST_MIN_VECTORS", 1)
    monkeypatch.setattr(index_module, "SHORTLIST_DIM_SHARE", 8)
    monkeypatch.setattr(index_module, "SHORTLIST", 1)  # one vector: fewer items than wanted, so every vector
    assert index.matrix(word_embedder.name).basis is not None
    assert [(h.doc, h.start, h.score) for h in index.query("Arctic shipping energy", mode="semantic")] == want


def test_index_other_embedder_replaces_vectors(store, word_embedder):
    index = index_for(store, word_embedder)
    count = index.refresh_vectors()
    other_embedder = type(word_embedder)(name="test-other")
    other = index_for(store, other_embedder)
    assert other.refresh_vectors() == count
    assert index.matrix(word_embedder.name) is None and other.matrix("test-other") is not None
    assert index.query("Arctic", mode="hybrid")  # vectors of another model: full text, never mixed spaces


_HARBOURS = [f"harbour-{n}.txt" for n in range(5)]


@pytest.mark.parametrize(("bound", "limit", "filters", "expected"), [
    (3, 1, {}, _HARBOURS[2:]),  # fts mode ranks limit x CANDIDATES_PER_RESULT: 3, the newest three
    (10, 20, {}, _HARBOURS),
    (3, 1, {"source": "harbour-1"}, ["harbour-1.txt"]),
    (1, 20, {}, _HARBOURS),  # never fewer than the limit scored
])
def test_index_all_words_ranked_among_the_newest_matches(store, doc_factory, bound, limit, filters, expected):
    for n in range(5):  # the older the document, the more it says harbour
        store.put(doc_factory(f"Harbour {'harbour ' * (5 - n)}pilots met at dawn.", source=f"harbour-{n}.txt"), "t")
    refresh_index(store)
    index = index_for(store)
    index.ranked_matches = bound
    hits = index.query("harbour pilots", Filters(**filters), limit=limit, mode="fts")
    assert _sources(store, hits) <= set(expected) and len(_sources(store, hits)) == min(limit, len(expected))
    assert index.candidates("harbour pilots", limit=5)  # any word (ask): every match scored, whatever the bound


def test_index_candidates_any_word_best_document_first(store):
    ids = index_for(store).candidates("scholarships Budapest Arctic", limit=2)
    assert len(ids) == 2 and len(set(ids)) == 2


@pytest.mark.parametrize(("question", "expected"), [
    ("What is Tomas Varga's role?", "Foreign Minister"),
    ("Who spoke with Dieter Kraus?", "Holm"),
])
def test_index_ask_answers_on_both_backends(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources and expected in answer.text
    assert all(store.get(c["doc"]) for s in answer.sentences for c in s.citations)


def test_index_old_schema_is_rebuilt(tmp_path, kb_docs, monkeypatch):
    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")
    with open_store(str(tmp_path / "old.db")) as store:
        store.conn.execute("CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        store.conn.execute("CREATE TABLE search_items (id INTEGER PRIMARY KEY, doc_id TEXT)")  # schema 1, no passage
        store.conn.execute("INSERT INTO search_meta VALUES ('last_seq', '99')")
        for doc in kb_docs:
            store.put(doc, "test")
        assert refresh_index(store) == len(kb_docs)
        assert index_for(store)._meta("schema") == index_module.SCHEMA_VERSION
        assert search(store, "Arctic", mode="fts")


@pytest.mark.parametrize(("query", "tsquery"), [
    ("energy security", "energy & security"),
    ('"energy security" OR Arctic', "(energy <-> security) | arctic"),
    ("talks NOT trade", "talks & ! trade"),
    ("schol*", "schol:*"),
    ("border: (talks) & !x", "border & talks & x"),
    ("meeting with the minister", "meeting & minister"),
    ('"the end" of talks', "(the <-> end) & talks"),
    ("the who", "the & who"),
    ("talks AND the", "talks & the"),
    ("Theresa May", "theresa & may"),
])
def test_index_tsquery_from_the_shared_syntax(query, tsquery):
    assert to_tsquery(query) == tsquery


def test_index_any_term_joins_with_or():
    assert parse_query("energy AND talks", any_term=True)[1] == "OR"
    with pytest.raises(SearchQueryError, match="no words"):
        parse_query("!!")
