"""Fixtures of the search tests: hand-made documents in a real SQLite store with its full-text index."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest

from communique.model import Document


@pytest.fixture
def indexed_store(tmp_path, monkeypatch) -> Iterator[Callable[[Sequence[Document]], object]]:  # type: ignore[no-untyped-def]
    """A function: put ``docs`` into a fresh SQLite store and refresh its search index (full text only, no
    vectors: the model is not the point); the store is closed after the test."""
    from communique.search import refresh_index
    from communique.search.semantic import NO_SEMANTIC_ENV
    from communique.store.sqlite import SQLiteStore

    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")
    opened: list[SQLiteStore] = []

    def make(docs: Sequence[Document]) -> SQLiteStore:
        store = SQLiteStore(tmp_path / ("kb.db" if not opened else f"kb{len(opened)}.db"))  # the first at kb.db
        opened.append(store)
        for doc in docs:
            store.put(doc, "test")
        refresh_index(store)
        return store

    yield make
    for store in opened:
        store.close()
