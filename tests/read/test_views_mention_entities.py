"""The document page links each mention to its entity from the document's persisted state (no scan of every
entity), and gives what a scan of every entity's mentions gives, after a full build and after an update."""

from __future__ import annotations

import pytest

from communique.kb import build
from communique.kb.update import update
from communique.model import Document, Mention
from communique.read import views
from communique.store.factory import open_store

REPORTS = [  # invented names; "European" is an entity of type other (not listed by the browse index)
    ("Minister Aurelio Vantaggi met Mirela Dobrescu in Lisbon. European partners welcomed it; Vantaggi said so.",
     [("Aurelio Vantaggi", "person"), ("Mirela Dobrescu", "person"), ("Lisbon", "place"), ("European", "other"),
      ("Vantaggi", "person")]),
    ("Mirela Dobrescu visited Portugal. Dobrescu spoke to European reporters.",
     [("Mirela Dobrescu", "person"), ("Portugal", "country"), ("Dobrescu", "person"), ("European", "other")]),
    ("Vantaggi and the Harbour Authority signed a plan in Lisbon.",
     [("Vantaggi", "person"), ("Harbour Authority", "organization"), ("Lisbon", "place")]),
]


def _doc(number: int) -> Document:
    text, names = REPORTS[number]
    mentions, at = [], 0
    for name, type_ in names:
        start = text.index(name, at)
        mentions.append(Mention(start, start + len(name), name, type_))
        at = start + len(name)
    return Document(id=f"doc{number}-xxxxxxxx", source=f"doc{number}.txt", text=text, title=f"Report {number}",
                    published=f"2025-02-0{number + 1}", kind="news", mentions=mentions)


def _scanned(store, doc_id: str) -> dict[tuple[int, int], dict[str, str]]:
    found = {}
    for ent in store.iter_records("entities"):
        for m in ent["mentions"]:
            if m["doc"] == doc_id:
                found[(m["start"], m["end"])] = {"id": ent["id"], "name": ent["name"], "type": ent["type"]}
    return found


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
@pytest.mark.parametrize("incremental", [False, True])
def test_views_mention_entities_from_state_equal_the_scan(request, tmp_path, monkeypatch, incremental, backend):
    target = str(tmp_path / "kb.db") if backend == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(target) as store:
        docs = [_doc(i) for i in range(len(REPORTS))]
        first = docs[:1] if incremental else docs
        for doc in first:
            store.put(doc, "test")
        build(store)
        if incremental:
            for doc in docs[1:]:
                store.put(doc, "test")
            update(store, [d.id for d in docs[1:]])
        expected = {d.id: _scanned(store, d.id) for d in docs}
        assert all(expected.values())
        types = {e["type"] for found in expected.values() for e in found.values()}
        assert {"person", "other", "place", "organization"} <= types
        original_scan, original_get = store.iter_records, store.get_record

        def no_entity_scan(type_, **kwargs):
            assert type_ != "entities", "the document page scanned every entity"
            return original_scan(type_, **kwargs)

        def no_entity_record(type_, record_id):
            assert type_ != "entities", "the document page decoded a whole entity record"
            return original_get(type_, record_id)

        monkeypatch.setattr(store, "iter_records", no_entity_scan)
        monkeypatch.setattr(store, "get_record", no_entity_record)
        for doc in docs:
            assert views._mention_entities(store, doc.id) == expected[doc.id]
