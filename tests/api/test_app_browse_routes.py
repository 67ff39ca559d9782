"""The browse API: ``/api/browse/<index>`` and ``/api/timeline`` answer the paging envelope of the other list
routes (items, total, offset, limit, next) with the page's facets, the same data as the pages' JSON twins."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from communique.server import create_app

KINDS = ("people", "organizations", "places", "documents", "stories")


@pytest.fixture(scope="module")
def client(kbdata, tmp_path_factory) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(create_app(str(kbdata.build_browse_db(tmp_path_factory.mktemp("browse-api") / "kb.db"))))


@pytest.mark.parametrize("kind", KINDS)
def test_browse_route_answers_the_paging_envelope(client: TestClient, kind: str) -> None:
    body = client.get(f"/api/browse/{kind}", params={"limit": 1}).json()
    assert {"items", "total", "offset", "limit", "next", "prev", "sort", "facets"} <= set(body)
    assert body["limit"] == 1 and body["offset"] == 0 and len(body["items"]) == 1 and body["prev"] is None
    if body["total"] > 1:
        nxt = urlsplit(body["next"])
        assert nxt.path == f"/api/browse/{kind}" and parse_qs(nxt.query) == {"offset": ["1"], "limit": ["1"]}
        assert client.get(body["next"]).json()["items"][0]["id"] != body["items"][0]["id"]
    twin = client.get(f"/{kind}.json", params={"limit": 1}).json()
    assert twin["items"] == body["items"] and twin["total"] == body["total"] and twin["facets"].keys() == body["facets"].keys()


@pytest.mark.parametrize(("params", "names"), [
    ({"country": ["CA", "MX"], "sort": "name"}, ["Claire Dubois", "Lucía Báez"]),
    ({"q": "marsh"}, ["Daniel Marsh"]),
    ({"from": "2025-06"}, ["Daniel Marsh", "Claire Dubois"]),
])
def test_browse_people_filters(client: TestClient, params: dict, names: list[str]) -> None:  # type: ignore[type-arg]
    assert [i["name"] for i in client.get("/api/browse/people", params=params).json()["items"]] == names


@pytest.mark.parametrize(("path", "params"), [
    ("/api/browse/people", {"sort": "size"}), ("/api/browse/documents", {"from": "yesterday"}),
    ("/api/browse/stories", {"limit": 0}), ("/api/timeline", {"sort": "name"}), ("/api/timeline", {"to": "2025-1"}),
])
def test_browse_parameters_outside_the_spec_are_refused(client: TestClient, path: str, params: dict) -> None:  # type: ignore[type-arg]
    assert client.get(path, params=params).status_code == 422


def test_timeline_route_pages_newest_first(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"limit": 1}).json()
    assert [e["label"] for e in body["items"]] == ["Marsh meets Dubois"] and body["total"] == 2
    assert urlsplit(body["next"]).path == "/api/timeline"
    assert body["other_section"] == {"undated": True, "total": 1, "url": "/api/timeline?undated=1"}
    undated = client.get("/api/timeline", params={"undated": True}).json()
    assert [e["label"] for e in undated["items"]] == ["Dubois speaks with Marsh"]


def test_openapi_lists_the_browse_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for kind in KINDS:
        params = {p["name"] for p in paths[f"/api/browse/{kind}"]["get"]["parameters"]}
        assert {"sort", "offset", "limit", "q", "from", "to", "kind", "outlet", "country", "topic"} <= params
    assert not any(p.startswith(("/people", "/organizations", "/places")) for p in paths)  # pages stay out
