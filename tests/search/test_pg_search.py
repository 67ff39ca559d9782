"""Full-text search on a real PostgreSQL server (the tsvector search index)."""

from __future__ import annotations

import pytest

from communique.search import SearchQueryError, refresh_index, search
from communique.search.semantic import NO_SEMANTIC_ENV
from communique.store.factory import open_store


@pytest.fixture
def pg_kb(postgres_url, doc_factory, monkeypatch):
    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")  # full text: the embedding model is not the point here
    with open_store(postgres_url) as store:
        store.put(doc_factory("The ministers discussed fentanyl trafficking and firearms at the border talks.",
                              source="a.txt", kind="readout", published="2025-03-03", title="Border talks"), "t")
        store.put(doc_factory("Trade between the two countries reached a record. Tariffs were not discussed.",
                              source="b.txt", kind="news", published="2024-06-01", title="Trade record"), "t")
        refresh_index(store)
        yield store


def test_pg_search_ranks_matching_documents_with_offsets(pg_kb):
    hits = search(pg_kb, "fentanyl trafficking", mode="fts")
    assert [h.title for h in hits] == ["Border talks"]
    doc = pg_kb.get(hits[0].doc)
    assert "fentanyl" in doc.text[hits[0].start:hits[0].end]


@pytest.mark.parametrize("filters, titles", [
    ({}, {"Border talks", "Trade record"}), ({"kind": "news"}, {"Trade record"}),
    ({"since": "2025-01-01"}, {"Border talks"}), ({"until": "2024"}, {"Trade record"}), ({"source": "a.t"}, {"Border talks"}),
    ({"source": "%"}, set()), ({"source": "_.txt"}, set()),  # LIKE wildcards in the filter match only themselves
])
def test_pg_search_filters(pg_kb, filters, titles):
    assert {h.title for h in search(pg_kb, "discussed", mode="fts", **filters)} == titles


@pytest.mark.parametrize("query, titles", [
    ('"two countries"', ["Trade record"]), ('"countries two"', []), ("discussed NOT fentanyl", ["Trade record"]),
    ("fentanyl OR tariffs", ["Border talks", "Trade record"]), ("traffick*", ["Border talks"]),
    ("border: (talks", ["Border talks"]),  # FTS syntax characters are plain text, as on SQLite
])
def test_pg_search_query_syntax(pg_kb, query, titles):
    assert sorted(h.title for h in search(pg_kb, query, mode="fts")) == titles


def test_pg_search_rejects_what_sqlite_rejects(pg_kb):
    with pytest.raises(SearchQueryError, match="unbalanced"):
        search(pg_kb, '"open phrase')
