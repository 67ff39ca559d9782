"""The incremental knowledge-base writes and reads, and batched puts, on both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from communique.kb import build
from communique.kb.update import update
from communique.model import Mention
from communique.store.base import DocState, KBChanges
from communique.store.factory import open_store


@pytest.fixture(params=["sqlite", "postgres"])
def open_kb(request, tmp_path):
    target = str(tmp_path / "kb.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    return lambda: open_store(target)


def _event(i: int, date: str | None) -> tuple[str, dict]:
    record = {"id": f"ev-{i}", "date": {"value": date}}
    return f"{date or '9999'}|ev-{i}", record


@pytest.mark.parametrize("offset, limit", [(0, None), (1, 2), (3, 10), (0, 1)])
def test_store_kb_records_list_in_sort_key_order_with_paging(open_kb, offset, limit):
    dates = ["2025-03-01", None, "2024-12-31", "2025-01-15", "2025-01-15"]
    with open_kb() as store:
        store.upsert_records("events", [_event(i, d) for i, d in enumerate(dates)])
        got = [r["id"] for r in store.iter_records("events", offset=offset, limit=limit)]
    ordered = ["ev-2", "ev-3", "ev-4", "ev-0", "ev-1"]
    assert got == ordered[offset: None if limit is None else offset + limit]


@pytest.mark.parametrize("deleted", [[], ["ev-1"], ["ev-0", "ev-2", "absent"]])
def test_store_kb_upsert_keeps_place_on_empty_sort_key_and_deletes(open_kb, deleted):
    with open_kb() as store:
        store.upsert_records("events", [_event(i, f"2025-01-0{i + 1}") for i in range(3)])
        store.upsert_records("events", [("", {"id": "ev-0", "date": {"value": "changed"}})])
        store.delete_records("events", deleted)
        got = list(store.iter_records("events"))
        assert store.count_records("events") == 3 - len(set(deleted) - {"absent"})
    assert [r["id"] for r in got] == [i for i in ("ev-0", "ev-1", "ev-2") if i not in deleted]
    if "ev-0" not in deleted:
        assert got[0]["date"]["value"] == "changed"


def test_store_kb_changes_state_tables(open_kb, doc_factory):
    a, b = doc_factory("Alpha text about fisheries."), doc_factory("Beta text about grids.", source="b.txt")
    with open_kb() as store:
        store.put_many([a, b], "p")
        changes = KBChanges(
            doc_states={a.id: DocState(1.0, "2025-01-01", "story-1", {"terms": {"alpha": 1.0}})},
            blocks={a.id: ["alpha", "alpha@7"], b.id: ["alpha"]}, df={"alpha": 2, "beta": 1},
            people={"e-1": (["ana ruiz"], ["minister"])}, person_keys={"ana ruiz": "e-1"}, stories={a.id: "story-1"})
        store.apply_kb_changes(changes)
        members = store.block_members(["alpha", "alpha@7", "none"], max_size=5)
        assert {k: sorted(v) for k, v in members.items()} == {"alpha": sorted([a.id, b.id]), "alpha@7": [a.id]}
        assert store.block_members(["alpha"], max_size=1) == {}
        assert store.doc_frequencies(["alpha", "beta", "gamma"]) == ({"alpha": 2, "beta": 1}, 1)
        store.apply_kb_changes(KBChanges(df={"beta": -1, "alpha": 1}, blocks={b.id: None}))
        assert store.doc_frequencies(["alpha", "beta"])[0] == {"alpha": 3}
        assert store.block_members(["alpha"], max_size=5) == {"alpha": [a.id]}
        assert store.person_index() == ([("e-1", ["ana ruiz"], ["minister"])], {"ana ruiz": "e-1"})
        assert store.get(a.id).story == "story-1"
        assert store.doc_states([a.id, b.id])[a.id].data == {"terms": {"alpha": 1.0}}
        changed, gone = store.kb_lagging()
        assert changed == sorted([a.id, b.id])  # a's state predates its storing; b has none
        store.delete_document(a.id)
        assert store.get(a.id) is None and store.kb_lagging() == ([b.id], [a.id])


def test_store_put_many_finds_duplicates_within_the_batch(open_kb, doc_factory):
    text = "Ministers met in the capital on Tuesday to discuss fisheries quotas and the harbour works."
    docs = [doc_factory(text), doc_factory(text + " ", source="copy.txt"), doc_factory("Another story entirely.")]
    with open_kb() as store:
        stored = store.put_many(docs, "p")
        assert store.stats()["documents"] == 3
    assert [d.duplicate_of for d in stored] == [None, docs[0].id, None]


def test_store_update_after_build_on_both_backends(open_kb, doc_factory):
    """An update on either backend gives the entities and stories a full build gives."""
    first = doc_factory("Ana Ruiz met Tomas Varga in Lisbon.", published="2025-02-03",
                        mentions=[Mention(0, 8, "Ana Ruiz", "person"), Mention(13, 24, "Tomas Varga", "person")])
    second = doc_factory("Varga and Ruiz spoke again.", source="b.txt", published="2025-02-04",
                         mentions=[Mention(0, 5, "Varga", "person"), Mention(10, 14, "Ruiz", "person")])
    with open_kb() as store:
        store.put(first, "p")
        build(store)
        store.put(second, "p")
        counts = update(store, [second.id])
        assert store.kb_lagging() == ([], [])
        updated = [{e["name"]: {m["doc"] for m in e["mentions"]} for e in store.iter_records("entities")},
                   sorted(s["docs"] for s in store.iter_records("stories"))]
        build(store)
        built = [{e["name"]: {m["doc"] for m in e["mentions"]} for e in store.iter_records("entities")},
                 sorted(s["docs"] for s in store.iter_records("stories"))]
    assert counts["updated_docs"] >= 1
    assert updated == built and updated[0]["Tomas Varga"] == {first.id, second.id}


@pytest.mark.parametrize("fail_at", [None, 1, 2])
def test_store_kb_parts_write_as_one_transaction(open_kb, fail_at):
    """A full build's parts (the first empties the tables) commit together; a part that fails leaves the knowledge
    base as it was."""
    def parts():
        yield KBChanges(replace=True, state={"watermark": "new"})
        for i in (1, 2):
            if i == fail_at:
                raise RuntimeError("interrupted")
            yield KBChanges(upsert={"events": [_event(i, f"2025-02-0{i}")]}, blocks={f"d{i}": ["k"]})

    with open_kb() as store:
        store.apply_kb_changes(KBChanges(replace=True, state={"watermark": "old"},
                                         upsert={"events": [_event(0, "2025-01-01")]}))
        if fail_at is None:
            store.apply_kb_parts(parts())
        else:
            with pytest.raises(RuntimeError, match="interrupted"):
                store.apply_kb_parts(parts())
        got = ([r["id"] for r in store.iter_records("events")], store.kb_state()["watermark"],
               {k: sorted(v) for k, v in store.block_members(["k"], max_size=5).items()})
    assert got == ((["ev-0"], "old", {}) if fail_at else (["ev-1", "ev-2"], "new", {"k": ["d1", "d2"]}))
