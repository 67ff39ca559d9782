"""Full-text search: hits, filters, malformed queries, incremental refresh."""

from __future__ import annotations

import sqlite3

import pytest

from communique.errors import CommuniqueError
from communique.search import refresh_index, search
from communique.search.fts import to_fts_query


def test_hit_points_at_the_text(kb):
    hits = search(kb, "energy assistance", mode="fts")
    assert hits, "expected a hit for words that are in the readout"
    top = hits[0]
    doc = kb.get(top.doc)
    assert "energy" in doc.text[top.start:top.end].lower()
    assert top.title.startswith("Readout of Secretary Ellison")
    assert top.type in ("document", "quote", "event")


@pytest.mark.parametrize(
    ("query", "filters", "expected_sources"),
    [
        ("security", {"kind": "readout"}, {"readouts/ellison-varga.md"}),
        ("security", {"kind": "quote"}, {"readouts/ellison-varga.md"}),
        ("security", {"kind": "event"}, {"readouts/ellison-varga.md"}),
        ("partnership", {"kind": "transcript"}, {"transcripts/okafor-ellison.txt"}),
        ("partnership", {"kind": "readout"}, set()),
        ("talks OR energy", {"actor": "Dieter Kraus"}, {"wire/holm-kraus.txt"}),
        ("energy", {"actor": "tomas varga"}, {"readouts/ellison-varga.md"}),
        ("Budapest", {"topic": "energy security"}, {"readouts/ellison-varga.md"}),
        ("Ellison OR Holm", {"since": "2024-01-01"}, {"readouts/ellison-varga.md", "transcripts/okafor-ellison.txt"}),
        ("Ellison OR Holm", {"until": "2023-11"}, {"wire/holm-kraus.txt"}),
        ("Ellison OR Holm", {"since": "2024-05", "until": "2024-05-31"}, {"readouts/ellison-varga.md"}),
        ("Ellison OR Holm", {"source": "wire/"}, {"wire/holm-kraus.txt"}),
    ],
)
def test_filters(kb, query, filters, expected_sources):
    hits = search(kb, query, mode="fts", **filters)
    sources = {kb.get(h.doc).source for h in hits}
    assert sources == expected_sources
    if filters.get("kind") in ("quote", "event"):
        assert {h.type for h in hits} == {filters["kind"]}


def test_unknown_kind_is_a_clear_error(kb):
    with pytest.raises(CommuniqueError, match="unknown kind"):
        search(kb, "energy", kind="tweet")


@pytest.mark.parametrize(
    "query",
    ['"unbalanced phrase', "AND", "energy AND", "OR energy", "NEAR(", "NEAR(energy security", "energy NOT",
     "(", ")", "*", "body:energy", "-energy", "energy^", '""', "AND OR NOT", "ene*", "'single", "a\"b\"c\"",
     "{body}: energy", "energy security AND Ukraine", "NOT NOT"],
)
def test_malformed_query_never_leaks_sqlite(kb, query):
    try:
        hits = search(kb, query, mode="fts")
    except CommuniqueError as exc:
        message = str(exc)
        assert "\n" not in message and query.strip() in message or "no words" in message or "quote" in message
    except sqlite3.Error as exc:  # pragma: no cover - the failure this test exists for
        pytest.fail(f"sqlite3 error leaked for {query!r}: {exc}")
    else:
        assert isinstance(hits, list)


@pytest.mark.parametrize(
    ("query", "problem"),
    [('"energy', "unbalanced double quote"), ("AND", "AND needs a word"), ("energy OR", "OR needs a word"),
     ("(*)", "no words")],
)
def test_malformed_query_names_the_problem(query, problem):
    with pytest.raises(CommuniqueError, match=problem):
        to_fts_query(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("energy security", '"energy" "security"'), ('"energy security" OR trade', '"energy security" OR "trade"'),
     ("NEAR(energy", '"NEAR energy"'), ("ene*", '"ene"*'), ("U.S.-Mexico", '"U S Mexico"'),
     ("talks with the minister", '"talks" "minister"'), ("the who", '"the" "who"'), ("the*", '"the"*')],
)
def test_queries_are_requoted(query, expected):
    assert to_fts_query(query) == expected


def test_refresh_is_incremental_and_idempotent(kb, doc_factory):
    count = kb.conn.execute("SELECT COUNT(*) FROM search_items").fetchone()[0]
    assert refresh_index(kb) == 0
    assert kb.conn.execute("SELECT COUNT(*) FROM search_items").fetchone()[0] == count
    kb.put(doc_factory("Ambassador Rui Costa presented his credentials in Lisbon.", source="new.txt",
                       kind="news", published="2024-07-01"), "test")
    assert refresh_index(kb) == 1
    assert [kb.get(h.doc).source for h in search(kb, "credentials", mode="fts")] == ["new.txt"]
    assert refresh_index(kb) == 0


def test_restored_document_is_reindexed(kb, kb_docs):
    readout = kb_docs[0]
    kb.put(readout.replace(text=readout.text.replace("Budapest", "Szeged"), quotes=[], events=[], claims=[],
                           mentions=[], roles=[]), "test-v2")
    assert refresh_index(kb) == 1
    assert search(kb, "Budapest", mode="fts") == []
    assert search(kb, "Szeged", mode="fts")
    items = kb.conn.execute("SELECT COUNT(*) FROM search_items WHERE doc_id=?", (readout.id,)).fetchone()[0]
    assert items == kb.conn.execute("SELECT COUNT(*) FROM search_fts WHERE rowid IN "
                                    "(SELECT id FROM search_items WHERE doc_id=?)", (readout.id,)).fetchone()[0]
