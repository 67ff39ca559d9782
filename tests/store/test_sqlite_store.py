from __future__ import annotations

import sqlite3

import pytest

from communique.errors import StoreError
from communique.model import Claim, Mention, Quote
from communique.store.sqlite import MIGRATIONS, SQLiteStore

BODY = (
    "Secretary of State Marco Rubio met Mexican Foreign Secretary Juan Ramón de la Fuente in Washington on Tuesday "
    "to discuss migration, fentanyl trafficking and the flow of firearms across the border. The two delegations "
    "agreed to meet again in Mexico City next month and to set up a working group on arms trafficking."
)


def test_sqlite_put_get_roundtrip(tmp_path, doc_factory):
    doc = doc_factory(BODY, title="Readout", kind="readout", removed=["Share this"],
                      mentions=[Mention(19, 30, "Marco Rubio", "person")],
                      quotes=[Quote(0, 10, BODY[:10], speaker_name="Marco Rubio")],
                      claims=[Claim(5, 9, BODY[5:9], 4.0, "count")])
    with SQLiteStore(tmp_path / "kb.db") as store:
        stored = store.put(doc, "p1")
        assert stored.duplicate_of is None
        back = store.get(doc.id)
    assert back is not None
    assert back.text == BODY and back.removed == ["Share this"] and back.kind == "readout"
    assert back.mentions == doc.mentions and back.quotes == doc.quotes and back.claims == doc.claims
    assert back.text[back.mentions[0].start:back.mentions[0].end] == "Marco Rubio"


def test_sqlite_put_is_idempotent(tmp_path, doc_factory):
    doc = doc_factory(BODY)
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.put(doc, "p1")
        assert not store.needs(doc.id, "p1")
        assert store.needs(doc.id, "p2")  # another pipeline reprocesses
        store.put(doc, "p1")
        assert store.stats()["documents"] == 1


@pytest.mark.parametrize(
    "variant, is_dup",
    [
        (BODY, True),  # same clean text from other bytes
        (BODY.upper().replace(".", " ."), True),  # case/punctuation differences only
        (BODY.replace("next month", "in June"), True),  # near duplicate
        ("A completely different report about trade tariffs and steel quotas, which the ministers discussed at "
         "length in Ottawa with their Canadian counterparts before a joint press conference on the new agreement.", False),
    ],
)
def test_sqlite_put_marks_duplicates(tmp_path, doc_factory, variant, is_dup):
    first = doc_factory(BODY, source="a.txt")
    second = doc_factory(variant, source="b.txt", id="other-id")
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.put(first, "p")
        stored = store.put(second, "p")
    assert (stored.duplicate_of == first.id) is is_dup


def test_sqlite_get_by_prefix_and_source(tmp_path, doc_factory):
    doc = doc_factory(BODY, source="dir/readout.txt")
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.put(doc, "p")
        assert store.get(doc.id[:6]).id == doc.id
        assert store.get("dir/readout.txt").id == doc.id
        assert store.get("nope") is None


def test_sqlite_migrations_recorded_once(tmp_path):
    path = tmp_path / "kb.db"
    SQLiteStore(path).close()
    with SQLiteStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
    assert rows == len(MIGRATIONS)
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_rejects_non_database(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database " * 100)
    with pytest.raises(StoreError, match="notes.db"):
        SQLiteStore(bad)
