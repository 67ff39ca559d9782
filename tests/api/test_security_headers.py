"""One set of security headers on every response: pages, API, the OpenAPI spec, static files, and every error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from communique.api.security import CSP
from communique.server import create_app

TOKEN = "headers-write-token-0123"
READ = "headers-read-token-0123"
EXPECTED = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
            "x-frame-options": "DENY", "cross-origin-resource-policy": "same-origin"}


@pytest.fixture(scope="module")
def client(kb_db: str) -> TestClient:
    app = create_app(kb_db, TOKEN, read_token=READ, hosts={"testserver"})
    return TestClient(app, raise_server_exceptions=False)


AUTH = {"Authorization": f"Bearer {READ}"}
HTML = {"Accept": "text/html"}


@pytest.mark.parametrize(("method", "path", "headers", "status", "cache"), [
    ("GET", "/api/stats", AUTH, 200, "no-store"),
    ("GET", "/api/entities?limit=1", AUTH, 200, "no-store"),
    ("GET", "/openapi.json", AUTH, 200, "no-store"),
    ("GET", "/static/style.css", AUTH, 200, "no-cache"),
    ("GET", "/timeline", {**AUTH, **HTML}, 200, "no-store"),
    ("GET", "/api/nothing-here", AUTH, 404, "no-store"),
    ("GET", "/nothing-here", {**AUTH, **HTML}, 404, "no-store"),
    ("GET", "/static/missing.css", AUTH, 404, "no-cache"),
    ("GET", "/documents/ffffffffffffffff", {**AUTH, **HTML}, 404, "no-store"),
    ("GET", "/api/entities?limit=abc", AUTH, 422, "no-store"),
    ("DELETE", "/api/stats", AUTH, 405, "no-store"),
    ("GET", "/api/stats", {}, 401, "no-store"),
    ("GET", "/timeline", HTML, 401, "no-store"),
    ("GET", "/api/stats", {**AUTH, "Host": "elsewhere.example"}, 400, "no-store"),
    ("POST", "/api/ingest", AUTH, 401, "no-store"),  # the read token does not write
])
def test_every_response_carries_the_security_headers(client: TestClient, method: str, path: str,
                                                     headers: dict[str, str], status: int, cache: str) -> None:
    response = client.request(method, path, headers=headers)
    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    assert response.headers["cache-control"] == cache
    assert "server" not in response.headers or "uvicorn" not in response.headers["server"]


def test_a_server_error_carries_them_too(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.read import views

    def broken(store):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire at /var/secret/path")

    monkeypatch.setattr(views, "stats_view", broken)
    response = client.get("/api/stats", headers=AUTH)
    assert response.status_code == 500
    assert response.json() == {"error": "internal error; the server log has the details"}
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
