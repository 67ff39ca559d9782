"""Reads never write: queries, export, the API and the pages read the last built knowledge base and say when it
lags behind the documents; only a build (ingest, ``communique rebuild``) changes it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from communique.export import build_export
from communique.kb import build, kb_status, timeline
from communique.model import Document, Event, Mention
from communique.server import create_app
from communique.store.sqlite import SQLiteStore

TEXT = "Minister Ana Varga met Minister Tomas Kell in Lisbon on Monday."


def _doc(doc_id: str, text: str = TEXT) -> Document:
    varga, kell = text.index("Ana Varga"), text.index("Tomas Kell")
    return Document(
        id=doc_id, source=f"{doc_id}.txt", text=text, published="2025-03-04", kind="news",
        mentions=[Mention(varga, varga + 9, "Ana Varga", "person"), Mention(kell, kell + 10, "Tomas Kell", "person")],
        events=[Event("CONSULT", 0, len(text), label="Varga meets Kell",
                      participants=(("Ana Varga", varga, varga + 9), ("Tomas Kell", kell, kell + 10)),
                      date_value="2025-03-03", place="Lisbon")],
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kb.db"
    with SQLiteStore(path) as s:
        s.put(_doc("a"), "p")
        build(s)
        s.put(_doc("b", TEXT.replace("Lisbon", "Porto").replace("Monday", "Friday")), "p")  # after the build
    return str(path)


def _snapshot(store: SQLiteStore) -> tuple:
    return (store.kb_state(), sorted(r["id"] for t in ("entities", "events", "stories") for r in store.iter_records(t)))


def test_build_reads_leave_a_stale_knowledge_base_as_it_is(db):
    with SQLiteStore(db) as store:
        before = _snapshot(store)
        status = kb_status(store)
        assert status.built and status.stale and "communique rebuild" in (status.message or "")
        entries = timeline(store)
        export = build_export(store)
        assert _snapshot(store) == before  # nothing was rebuilt by reading
        assert [e["place"]["name"] for e in entries if e["place"]] == ["Lisbon"]  # the last built state
        assert [s["docs"] for s in export["stories"]] == [["a"]] and len(export["documents"]) == 2
        build(store)
        assert not kb_status(store).stale
        assert sorted(d for s in store.iter_records("stories") for d in s["docs"]) == ["a", "b"]


def test_build_unbuilt_store_says_so(tmp_path):
    with SQLiteStore(tmp_path / "new.db") as store:
        store.put(_doc("a"), "p")
        status = kb_status(store)
        assert not status.built and status.stale and "not been built" in (status.message or "")
        assert timeline(store) == []


@pytest.mark.parametrize("path", ["/api/events", "/api/stats", "/timeline.json", "/api/stories"])
def test_build_api_marks_answers_from_a_stale_base(db, path):
    client = TestClient(create_app(db))
    answer = client.get(path)
    assert answer.status_code == 200 and answer.headers.get("x-communique-kb") == "stale"
    with SQLiteStore(db) as store:
        assert kb_status(store).stale  # still: the request did not build
        build(store)
    fresh = client.get(path)
    assert fresh.status_code == 200 and "x-communique-kb" not in fresh.headers


def test_build_pages_show_a_note_when_stale(db):
    client = TestClient(create_app(db))
    page = client.get("/timeline")
    assert page.status_code == 200 and "communique rebuild" in page.text and 'class="stale"' in page.text
    assert client.get("/api/stats").json()["knowledge_base"]["stale"] is True
    with SQLiteStore(db) as store:
        build(store)
    assert 'class="stale"' not in client.get("/timeline").text
