"""SQLite batch writes outside a transaction (``SQLiteStore._executemany``): the rows go in as one transaction (not
one commit per row, the autocommit default), so a batch that fails part-way leaves none of its rows, and one
inside a transaction stays part of it."""

from __future__ import annotations

import sqlite3

import pytest

from communique.store.sqlite import SQLiteStore

ROWS = [("outlet", f"key{n}", "doc") for n in range(5)]


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    s = SQLiteStore(tmp_path / "kb.db")
    yield s
    s.close()


def _count(s: SQLiteStore) -> int:
    return int(s.conn.execute("SELECT COUNT(*) FROM outlet_lines").fetchone()[0])


@pytest.mark.parametrize("bad_at", [1, 3, 4])
def test_sqlite_executemany_fails_as_one_transaction(store, bad_at: int) -> None:  # type: ignore[no-untyped-def]
    rows: list[tuple[object, ...]] = list(ROWS)
    rows[bad_at] = ("outlet", "key")  # a value short: this row fails after the earlier ones went in
    with pytest.raises(sqlite3.ProgrammingError):
        store._executemany(store.insert_outlet_line_sql, rows)
    assert _count(store) == 0
    assert not store.conn.in_transaction


@pytest.mark.parametrize("batches", [1, 3])
def test_sqlite_executemany_commits_each_batch(store, batches: int) -> None:  # type: ignore[no-untyped-def]
    for b in range(batches):
        store._executemany(store.insert_outlet_line_sql, [(o, k, f"doc{b}") for o, k, _ in ROWS])
        assert not store.conn.in_transaction
    assert _count(store) == batches * len(ROWS)


@pytest.mark.parametrize("commit", [True, False])
def test_sqlite_executemany_inside_a_transaction_is_part_of_it(store, commit: bool) -> None:  # type: ignore[no-untyped-def]
    store._begin_write()
    store._executemany(store.insert_outlet_line_sql, ROWS)
    assert store.conn.in_transaction
    store._commit() if commit else store._rollback()
    assert _count(store) == (len(ROWS) if commit else 0)
