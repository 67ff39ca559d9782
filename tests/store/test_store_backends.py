"""Both backends pass the same tests: SQLite on a temp file, PostgreSQL on a real server (see conftest)."""

from __future__ import annotations

import sqlite3

import pytest

from communique.errors import StoreError
from communique.model import Claim, Mention, Quote
from communique.store.factory import open_store
from communique.store.sqlite import MIGRATIONS, SQLiteStore


@pytest.fixture(params=["sqlite", "postgres"])
def open_kb(request, tmp_path):
    """A function that opens the same (initially empty) knowledge base each time it is called."""
    if request.param == "sqlite":
        target = str(tmp_path / "kb.db")
    else:
        target = request.getfixturevalue("postgres_url")
    return lambda: open_store(target)

BODY = (
    "Secretary of State Marco Rubio met Mexican Foreign Secretary Juan Ramón de la Fuente in Washington on Tuesday "
    "to discuss migration, fentanyl trafficking and the flow of firearms across the border. The two delegations "
    "agreed to meet again in Mexico City next month and to set up a working group on arms trafficking."
)


def test_store_put_get_roundtrip(open_kb, doc_factory):
    doc = doc_factory(BODY, title="Readout", kind="readout", removed=["Share this"],
                      mentions=[Mention(19, 30, "Marco Rubio", "person")],
                      quotes=[Quote(0, 10, BODY[:10], speaker_name="Marco Rubio")],
                      claims=[Claim(5, 9, BODY[5:9], 4.0, "count")])
    with open_kb() as store:
        stored = store.put(doc, "p1")
        assert stored.duplicate_of is None
        back = store.get(doc.id)
    assert back is not None
    assert back.text == BODY and back.removed == ["Share this"] and back.kind == "readout"
    assert back.mentions == doc.mentions and back.quotes == doc.quotes and back.claims == doc.claims
    assert back.text[back.mentions[0].start:back.mentions[0].end] == "Marco Rubio"


def test_store_put_is_idempotent(open_kb, doc_factory):
    doc = doc_factory(BODY)
    with open_kb() as store:
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
def test_store_put_marks_duplicates(open_kb, doc_factory, variant, is_dup):
    first = doc_factory(BODY, source="a.txt")
    second = doc_factory(variant, source="b.txt", id="other-id")
    with open_kb() as store:
        store.put(first, "p")
        stored = store.put(second, "p")
    assert (stored.duplicate_of == first.id) is is_dup


def test_store_get_by_prefix_and_source(open_kb, doc_factory):
    doc = doc_factory(BODY, source="dir/readout.txt")
    with open_kb() as store:
        store.put(doc, "p")
        assert store.get(doc.id[:6]).id == doc.id
        assert store.get("dir/readout.txt").id == doc.id
        assert store.get("nope") is None


def test_store_iter_documents_in_ingest_order(open_kb, doc_factory):
    docs = [doc_factory(f"Statement {i} on the talks, issued by the ministry on day {i}.", source=f"{i}.txt")
            for i in range(300)]
    with open_kb() as store:
        for doc in docs:
            store.put(doc, "p")
        assert [d.id for d in store.iter_documents()] == [d.id for d in docs]
        store.set_fields(docs[5].id, story="s-1")
        assert store.get(docs[5].id).story == "s-1"
        assert store.stats()["documents"] == 300


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


def _writer(target: str, texts: list[str]) -> None:
    from communique.model import Document, document_id

    with open_store(target) as store:
        for text in texts:
            doc = Document(id=document_id(text.encode()), source=f"{document_id(text.encode())}.txt", text=text)
            if store.needs(doc.id, "p"):
                store.put(doc, "p")


def test_postgres_concurrent_writers_lose_and_duplicate_nothing(postgres_url):
    import multiprocessing

    shared = [f"Shared report {i}: the delegations met in Brussels and discussed tariffs." for i in range(60)]
    own = [[f"Writer {w} report {i} about the summit agenda." for i in range(40)] for w in range(2)]
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(postgres_url, shared + own[w])) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with open_store(postgres_url) as store:
        ids = [d.id for d in store.iter_documents(include_text=False)]
    assert len(ids) == len(set(ids)) == 60 + 80
