"""Full-text search on a real PostgreSQL server (tsvector)."""

from __future__ import annotations

import pytest

from communique.search import SearchQueryError, search
from communique.store.factory import open_store


@pytest.fixture
def pg_kb(postgres_url, doc_factory):
    with open_store(postgres_url) as store:
        store.put(doc_factory("The ministers discussed fentanyl trafficking and firearms at the border talks.",
                              source="a.txt", kind="readout", published="2025-03-03", title="Border talks"), "t")
        store.put(doc_factory("Trade between the two countries reached a record. Tariffs were not discussed.",
                              source="b.txt", kind="news", published="2024-06-01", title="Trade record"), "t")
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


def test_pg_search_phrase_and_unsupported_filter(pg_kb):
    assert [h.title for h in search(pg_kb, '"record" -fentanyl')] == ["Trade record"]
    with pytest.raises(SearchQueryError, match="actor"):
        search(pg_kb, "talks", actor="Rubio")
