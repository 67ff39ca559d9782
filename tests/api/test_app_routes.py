"""REST API routes over a hand-annotated knowledge base: lists, pagination, details, errors, filters, ingest."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from communique.api.app import check_bind
from communique.errors import ConfigError
from communique.read.views import MAX_LIMIT
from communique.server import create_app

TOKEN = "s3cret-test-token"


@pytest.fixture
def client(kb_db: str) -> TestClient:
    return TestClient(create_app(kb_db))


@pytest.mark.parametrize(("path", "total"), [
    ("/api/documents", 4), ("/api/entities", 5), ("/api/events", 2), ("/api/stories", 2), ("/api/quotes", 4),
    ("/api/claims", 2),
])
def test_lists_report_totals_and_page_through_with_next(client: TestClient, path: str, total: int) -> None:
    first = client.get(path).json()
    assert first["total"] == total and len(first["items"]) == total and first["next"] is None
    seen, url = [], f"{path}?limit=1"
    while url:
        page = client.get(url).json()
        assert len(page["items"]) == 1 and page["total"] == total
        seen.append(page["items"][0]["id"])
        url = page["next"]
    assert seen == [item["id"] for item in first["items"]]


@pytest.mark.parametrize("query", [f"limit={MAX_LIMIT + 1}", "limit=0", "offset=-1", "offset=abc"])
def test_out_of_range_paging_is_rejected(client: TestClient, query: str) -> None:
    assert client.get(f"/api/entities?{query}").status_code == 422


def test_document_list_leaves_text_out_and_detail_has_it(client: TestClient, kbdata) -> None:  # type: ignore[no-untyped-def]
    listed = client.get("/api/documents").json()["items"]
    assert all("text" not in d for d in listed)
    wire = next(d for d in listed if d["source"] == "wire.txt")
    detail = client.get(f"/api/documents/{wire['id']}").json()
    assert detail["document"]["text"] == kbdata.WIRE
    assert detail["document"]["removed"] == ["Subscribe to our newsletter", "Advertisement"]
    assert "".join(s["text"] for s in detail["segments"]) == kbdata.WIRE
    quoted = [s for s in detail["segments"] if "quote" in s["kinds"]]
    assert "".join(s["text"] for s in quoted) == "Mexico is a partner, not a problem,"


@pytest.mark.parametrize(("path", "message"), [
    ("/api/documents/ffffffffffffffff", "document 'ffffffffffffffff' not found"),
    ("/api/entities/e-000000000000", "entity 'e-000000000000' not found"),
    ("/api/stories/story-000000000000", "story 'story-000000000000' not found"),
    ("/api/stories/story-000000000000/compare", "story 'story-000000000000' not found"),
])
def test_unknown_ids_are_404_with_a_json_error(client: TestClient, path: str, message: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"].startswith(message) and "not found" in response.json()["error"]


def test_library_errors_become_400_with_one_line(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": 'talks "about'})
    assert response.status_code == 400
    message = response.json()["error"]
    assert "quote" in message and "\n" not in message


def test_entity_detail_has_roles_meetings_and_quotes(client: TestClient) -> None:
    marsh = next(e for e in client.get("/api/entities").json()["items"] if e["name"] == "Daniel Marsh")
    person = client.get(f"/api/entities/{marsh['id']}").json()
    assert [r["title"] for r in person["roles"]] == ["Secretary of State"]
    assert len(person["meetings"]) == 2
    assert [q["text"] for q in person["quotes"]] == ["We will keep working together to stop the flow of fentanyl,"]
    assert {p["name"] for p in person["met_with"]} == {"Lucía Báez", "Claire Dubois"}


def test_story_compare_pairs_the_two_sources(client: TestClient) -> None:
    story = next(s for s in client.get("/api/stories").json()["items"] if s["title"] == "Marsh meets Báez in Washington")
    detail = client.get(f"/api/stories/{story['id']}").json()
    assert [s["source"] for s in detail["sources"]] == ["readout.txt", "wire.txt"]
    compare = client.get(f"/api/stories/{story['id']}/compare").json()
    assert len(compare["sources"]) == 2
    assert [c["relation"] for c in compare["claims"]] == ["agree"]  # $800 billion vs about $798 billion


@pytest.mark.parametrize(("params", "labels"), [
    ({}, ["Marsh meets Dubois", "Marsh meets Báez"]),  # newest first
    ({"sort": "date"}, ["Marsh meets Báez", "Marsh meets Dubois"]),
    ({"from": "2025-04"}, ["Marsh meets Dubois"]),
    ({"to": "2025-03"}, ["Marsh meets Báez"]),
    ({"actor": "Baez"}, ["Marsh meets Báez"]),
    ({"actor": "Dubois"}, ["Marsh meets Dubois"]),
    ({"topic": "migration"}, ["Marsh meets Báez"]),
    ({"actor": "Nobody Atall"}, []),
])
def test_timeline_filters(client: TestClient, params: dict[str, str], labels: list[str]) -> None:
    events = client.get("/api/timeline", params=params).json()["items"]
    assert [e["label"] for e in events] == labels


def test_search_and_ask_cite_documents(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "fentanyl"}).json()["hits"]
    assert hits and all(h["doc"] for h in hits)
    answer = client.get("/api/ask", params={"q": "When did Marsh meet Báez?"}).json()
    assert not answer["not_in_sources"] and "2025-03-03" in answer["text"]


def test_stats_counts_documents_and_records(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 4 and stats["records"]["events"] == 2


def test_openapi_lists_every_route(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/events", "/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/compare",
                 "/api/quotes", "/api/claims", "/api/search", "/api/ask", "/api/timeline", "/api/stats"):
        assert path in paths
    assert "/api/ingest" not in paths
    assert not any(p.startswith(("/timeline", "/documents")) for p in paths)  # pages stay out of the spec


def test_ingest_does_not_exist_without_a_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"documents": [{"text": "x"}]})
    assert response.status_code == 404 and response.json() == {"error": "Not Found"}


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer "])
def test_ingest_refuses_a_missing_or_wrong_token(kb_db: str, header: str | None) -> None:
    client = TestClient(create_app(kb_db, token=TOKEN))
    headers = {"Authorization": header} if header else {}
    response = client.post("/api/ingest", json={"documents": [{"text": "Talks."}], "extract": False}, headers=headers)
    assert response.status_code == 401 and "token" in response.json()["error"]


def test_ingest_with_the_token_adds_documents(kb_db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    db = str(tmp_path / "copy.db")
    shutil.copy(kb_db, db)
    client = TestClient(create_app(db, token=TOKEN))
    body = {"extract": False, "documents": [{
        "text": "Foreign ministers of Chile and Peru met in Lima on Tuesday to discuss a border crossing.",
        "title": "Chile and Peru talks", "url": "https://example.org/talks", "published": "2025-05-06"}]}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    result = client.post("/api/ingest", json=body, headers=auth).json()
    assert (result["read"], result["added"], result["errors"]) == (1, 1, [])
    again = client.post("/api/ingest", json=body, headers=auth).json()
    assert (again["added"], again["unchanged"]) == (0, 1)  # idempotent
    doc = client.get(f"/api/documents/{result['ids'][0]}").json()["document"]
    assert (doc["title"], doc["published"], doc["source"]) == ("Chile and Peru talks", "2025-05-06",
                                                               "https://example.org/talks")
    assert client.get("/api/documents").json()["total"] == 5


@pytest.mark.parametrize(("host", "token", "ok"), [
    ("127.0.0.1", None, True), ("localhost", None, True), ("::1", None, True),
    ("0.0.0.0", None, False), ("192.168.1.20", None, False), ("0.0.0.0", TOKEN, True),
])
def test_serve_binds_beyond_localhost_only_with_a_token(host: str, token: str | None, ok: bool) -> None:
    if ok:
        check_bind(host, token)
    else:
        with pytest.raises(ConfigError, match="without a token"):
            check_bind(host, token)


def test_serve_command_refuses_a_public_address_in_one_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"PATH": "/usr/bin:/bin", "COMMUNIQUE_TOKEN": ""}
    proc = subprocess.run([sys.executable, "-m", "communique.cli", "serve", "--host", "0.0.0.0",
                           "--db", str(tmp_path / "kb.db")], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error: refusing to serve on 0.0.0.0") and proc.stderr.count("\n") == 1


@pytest.mark.parametrize(("params", "types"), [
    ({"q": "fentanyl"}, {"document", "quote", "event"}),
    ({"q": "fentanyl", "kind": "quote"}, {"quote"}),
    ({"q": "fentanyl", "kind": "readout", "since": "2025-03", "until": "2025-03"}, None),
    ({"q": "fentanyl", "since": "2030"}, set()),
])
def test_search_filters_facets_and_highlights(client: TestClient, params: dict[str, str], types: set[str] | None) -> None:
    data = client.get("/api/search", params=params).json()
    got = {h["type"] for h in data["hits"]}
    if types is not None:
        assert got <= types and (got or not types)
    assert data["facets"]["type"] == {t: sum(h["type"] == t for h in data["hits"]) for t in got}
    for hit in data["hits"]:
        assert hit["highlights"], hit["snippet"]
        assert all(hit["snippet"][s:e].lower().startswith("fentanyl") for s, e in hit["highlights"])
    assert {k: v for k, v in data["filters"].items() if v} == {k: v for k, v in params.items() if k != "q"}


@pytest.mark.parametrize("params", [{"q": "talks", "kind": "poem"}, {"q": "talks", "since": "March"}])
def test_search_filter_errors_are_400_with_one_line(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code in (400, 422) and "\n" not in response.json()["error"]
