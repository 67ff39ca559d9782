"""Id-prefix lookup (``Store.get``) on both backends: LIKE wildcards and the escape character in a key match only
themselves, the prefix is case-sensitive, and an ambiguous or short prefix finds nothing."""

from __future__ import annotations

import pytest

from communique.store.factory import open_store
from communique.store.sql import like_prefix

IDS = ("abcd1111", "abzz2222", "ab%d3333", "ab_e4444", "ab\\f5555", "xy\\%z6666")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path, doc_factory):  # type: ignore[no-untyped-def]
    target = str(tmp_path / "kb.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(target) as s:
        for n, doc_id in enumerate(IDS):
            s.put(doc_factory(f"Document number {n} about a meeting of {n + 2} delegations.", id=doc_id,
                              source=f"doc{n}.txt"), "t")
        yield s


@pytest.mark.parametrize(("key", "found"), [
    ("abcd", "abcd1111"),  # a unique prefix
    ("ab%d", "ab%d3333"),  # '%' matches itself only (unescaped it would also match abcd1111: ambiguous)
    ("ab%", None),  # too short
    ("ab_e", "ab_e4444"),  # '_' matches itself only
    ("ab_d", None),  # unescaped '_' would match abcd1111 and ab%d3333
    ("ab\\f", "ab\\f5555"),  # the escape character matches itself
    ("xy\\%z", "xy\\%z6666"),  # escape character followed by a wildcard
    ("xy%z", None),  # unescaped: would match xy\%z6666
    ("ABCD", None),  # case-sensitive (SQLite's LIKE is not)
    ("abz%", None),
    ("abcd1111", "abcd1111"),  # the whole id
    ("doc2.txt", "ab%d3333"),  # a source
])
def test_id_prefix_lookup_matches_literally(store, key: str, found: str | None) -> None:  # type: ignore[no-untyped-def]
    doc = store.get(key)
    assert (doc.id if doc else None) == found


@pytest.mark.parametrize(("text", "pattern"), [
    ("abcd", "abcd%"), ("a%b", "a\\%b%"), ("a_b", "a\\_b%"), ("a\\b", "a\\\\b%"), ("\\%", "\\\\\\%%"),
])
def test_like_prefix_escapes_wildcards_and_the_escape_character(text: str, pattern: str) -> None:
    assert like_prefix(text) == pattern
