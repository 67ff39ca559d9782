"""The browse index sorts, filters, counts and pages in SQL, the same on SQLite and PostgreSQL (see conftest)."""

from __future__ import annotations

import pytest

from communique.errors import CommuniqueError
from communique.store.browse import Facet, Item, Query, index_of
from communique.store.factory import open_store

# (id, name, first date, last date, documents, countries, topics); invented names
ROWS = [
    ("p1", "Ana Ortiz", "2024-01-05", "2024-06-01", 7, ["Mexico"], ["trade"]),
    ("p2", "Bram de Vries", "2023-03-01", "2023-03-01", 2, ["Netherlands"], ["trade", "energy"]),
    ("p3", "Chen Wei", None, None, 5, [], ["energy"]),
    ("p4", "Dana Ruiz", "2025-02-10", "2025-02-11", 1, ["Mexico"], []),
    ("p5", "Émile Zola Fontaine", "2022-11-30", "2024-02-01", 9, ["France"], ["trade"]),
]


@pytest.fixture(params=["sqlite", "postgres"])
def index(request, tmp_path):  # type: ignore[no-untyped-def]
    target = str(tmp_path / "kb.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(target) as store:
        items = [Item("person", i, name, " " + " ".join(name.lower().replace("é", "e").split()) + " ", first, last, n,
                      {"country": countries[0] if countries else None})
                 for i, name, first, last, n, countries, _ in ROWS]
        facets = [Facet("person", "country", c, i) for i, *_, countries, _ in ROWS for c in countries]
        facets += [Facet("person", "topic", t, i) for i, *_, topics in ROWS for t in topics]
        idx = index_of(store)
        idx.replace(items, facets, "w1")
        yield idx


def _ids(index, **query) -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    rows, total = index.page(Query("person", **query))
    return [r["id"] for r in rows], total


@pytest.mark.parametrize(("query", "ids", "total"), [
    ({"sort": "name"}, ["p1", "p2", "p3", "p4", "p5"], 5),
    ({"sort": "-name", "limit": 2}, ["p5", "p4"], 5),
    ({"sort": "-docs", "limit": 2, "offset": 1}, ["p1", "p3"], 5),
    ({"sort": "docs"}, ["p4", "p2", "p3", "p1", "p5"], 5),
    ({"sort": "-date"}, ["p4", "p1", "p5", "p2", "p3"], 5),  # undated last
    ({"sort": "date"}, ["p2", "p5", "p1", "p4", "p3"], 5),  # by the last date seen; undated last both ways
    ({"sort": "name", "facets": {"country": ["Mexico"]}}, ["p1", "p4"], 2),
    ({"sort": "name", "facets": {"country": ["Mexico", "France"]}}, ["p1", "p4", "p5"], 3),
    ({"sort": "name", "facets": {"country": ["Mexico"], "topic": ["trade"]}}, ["p1"], 1),
    ({"sort": "name", "facets": {"country": []}}, [], 0),  # an empty choice matches nothing
    ({"sort": "name", "date_from": "2024-01-01", "date_to": "2024-12-31"}, ["p1", "p5"], 2),  # spans overlap
    ({"sort": "name", "date_to": "2023-03-01"}, ["p2", "p5"], 2),
    ({"sort": "name", "dated": False}, ["p3"], 1),
    ({"sort": "name", "words": "zola"}, ["p5"], 1),
    ({"sort": "name", "words": "zol"}, [], 0),  # whole words only
    ({"sort": "name", "words": "de vries"}, ["p2"], 1),
    ({"sort": "name", "offset": 4, "limit": 10}, ["p5"], 5),
    ({"sort": "name", "offset": 10}, [], 5),
])
def test_page_sorts_filters_and_counts(index, query, ids, total) -> None:  # type: ignore[no-untyped-def]
    assert _ids(index, **query) == (ids, total)


def test_facet_counts_leave_out_their_own_filter(index) -> None:  # type: ignore[no-untyped-def]
    q = Query("person", facets={"country": ["Mexico"], "topic": ["trade"]})
    assert index.facet_counts(q, "country", 10) == [{"value": v, "count": 1} for v in ("France", "Mexico", "Netherlands")]
    assert index.facet_counts(q, "topic", 10) == [{"value": "trade", "count": 1}]
    assert index.facet_counts(Query("person"), "topic", 1) == [{"value": "trade", "count": 3}]


def test_rows_carry_their_summary_and_the_index_its_watermark(index) -> None:  # type: ignore[no-untyped-def]
    rows, _ = index.page(Query("person", facets={"country": ["France"]}))
    assert rows == [{"id": "p5", "name": "Émile Zola Fontaine", "first_date": "2022-11-30", "date": "2024-02-01",
                     "docs": 9, "country": "France"}]
    assert index.built_from() == "w1"
    index.replace([], [], "w2")
    assert index.page(Query("person")) == ([], 0) and index.built_from() == "w2"


def test_an_unknown_sort_is_an_error(index) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommuniqueError, match="unknown sort"):
        index.page(Query("person", sort="name; DROP TABLE browse_items"))


@pytest.fixture(params=["sqlite", "postgres"])
def kb_store(request, tmp_path, kbdata):  # type: ignore[no-untyped-def]
    from communique.kb import build

    target = str(tmp_path / "kb.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with open_store(target) as store:
        for doc in kbdata.browse_documents():
            store.put(doc, "test")
        build(store)
        yield store


def test_index_pages_and_timeline_read_alike_on_both_backends(kb_store) -> None:  # type: ignore[no-untyped-def]
    from communique.read.browse import index_page, timeline_page

    people = index_page(kb_store, "people", sort="name", filters={"country": ["CA", "MX"]})
    assert [p["name"] for p in people["items"]] == ["Claire Dubois", "Lucía Báez"] and people["total"] == 2
    docs = index_page(kb_store, "documents", limit=2, date_from="2025-04")
    assert docs["total"] == 3 and [d["date"] for d in docs["items"]] == ["2025-06-01", "2025-04-10"]
    assert {f["value"]: f["count"] for f in docs["facets"]["outlet"]} == {"Wire": 2, "Gazette": 1}
    timeline = timeline_page(kb_store, actor="Báez")
    assert [e["label"] for e in timeline["items"]] == ["Marsh meets Báez"]
    assert timeline_page(kb_store, undated=True)["total"] == 1


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize(("offset", "limit"), [(0, 2), (1, 3), (3, 5)])
def test_browse_dated_pages_follow_the_full_sort(index, sort, offset, limit) -> None:  # type: ignore[no-untyped-def]
    everything, _ = _ids(index, sort=sort, limit=50)
    dated = [i for i in everything if i != "p3"]  # p3 is the undated one
    ids, total = _ids(index, sort=sort, dated=True, offset=offset, limit=limit)
    assert (ids, total) == (dated[offset : offset + limit], len(dated))


def test_browse_counts_are_read_again_when_the_index_changes(index) -> None:  # type: ignore[no-untyped-def]
    assert _ids(index)[1] == 5
    assert index.facet_counts(Query("person"), "topic", 10)[0] == {"value": "trade", "count": 3}
    index.replace([Item("person", "p9", "Ines Lara", " ines lara ", None, None, 1, {})],
                  [Facet("person", "topic", "energy", "p9")], "w2")
    assert _ids(index) == (["p9"], 1)
    assert index.facet_counts(Query("person"), "topic", 10) == [{"value": "energy", "count": 1}]
    reader = index_of(index.store)  # a new reader (a new request) sees the new index too
    assert reader.page(Query("person"))[1] == 1


@pytest.mark.parametrize("facets", [{"topic": ["trade"]}, {"topic": ["trade", "energy"]}, {"country": ["Mexico"]}])
@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("offset", [0, 1, 2])
def test_browse_dated_facet_pages_walked_or_listed_alike(index, monkeypatch, facets, sort, offset) -> None:  # type: ignore[no-untyped-def]
    from communique.store.browse import BrowseIndex

    pages = {}
    for probe in (False, True):
        monkeypatch.setattr(BrowseIndex, "_probe", lambda self, q, total, probe=probe: probe)
        pages[probe] = _ids(index, sort=sort, dated=True, facets=facets, offset=offset, limit=2)
    assert pages[True] == pages[False]
    assert pages[True][1] >= 1


@pytest.mark.parametrize("write_rows", [1, 2, 1000])
def test_browse_replace_parts_writes_what_replace_writes(index, monkeypatch, write_rows) -> None:  # type: ignore[no-untyped-def]
    import communique.store.browse as store_browse

    monkeypatch.setattr(store_browse, "WRITE_ROWS", write_rows)
    whole = {name: index.page(Query("person", sort=name, limit=50)) for name in ("name", "-date", "docs")}
    topics = index.facet_counts(Query("person"), "topic", 10)
    rows = {r["id"]: r for r in index.page(Query("person", limit=50))[0]}
    parts = []
    for i, name, first, last, n, countries, row_topics in ROWS:
        item = Item("person", i, name, " " + " ".join(name.lower().replace("é", "e").split()) + " ", first, last, n,
                    {"country": rows[i].get("country")})
        facets = [Facet("person", "country", c, i) for c in countries] + [Facet("person", "topic", t, i)
                                                                           for t in row_topics]
        parts.append(([item], facets + facets))  # a facet row repeated within its part is written once
    index.replace_parts(iter(parts), "w3")
    assert {name: index.page(Query("person", sort=name, limit=50)) for name in whole} == whole
    assert index.facet_counts(Query("person"), "topic", 10) == topics and index.built_from() == "w3"


def test_browse_replace_parts_rejects_a_row_repeated_across_parts(index) -> None:  # type: ignore[no-untyped-def]
    part = ([Item("person", "p9", "Ines Lara", " ines lara ", None, None, 1, {})], [])
    with pytest.raises(Exception):  # noqa: B017 - the backend's integrity error
        index.replace_parts([part, part], "w4")
    assert _ids(index)[1] == 5 and index.built_from() == "w1"  # rolled back
