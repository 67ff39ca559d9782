"""Tokens: at least MIN_TOKEN_CHARS characters; a read token guards every request (Bearer, or Basic for a
browser); beyond this machine the token guards reads too; the ingest route needs the write token."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient

from communique.api.app import check_bind
from communique.api.security import MIN_TOKEN_CHARS, token_given
from communique.errors import ConfigError
from communique.server import create_app

WRITE = "write-token-for-tests-0123"
READ = "read-token-for-tests-4567"


def _basic(password: str, user: str = "reader") -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(("header", "ok"), [
    (f"Bearer {READ}", True), (f"bearer {READ}", True), (f"Bearer {WRITE}", True), (_basic(READ), True),
    (_basic(WRITE, user=""), True), (f"Bearer {READ}x", False), (f"Bearer {READ[:-1]}", False), ("Bearer ", False),
    ("", False), (_basic("wrong-password-123456"), False), (f"Token {READ}", False), ("Basic !!notbase64", False),
    (f"Basic {READ}", False),
])
def test_token_given(header: str, ok: bool) -> None:
    assert token_given(header, (READ, WRITE)) is ok


@pytest.mark.parametrize("short", ["x", "s3cret", "a" * (MIN_TOKEN_CHARS - 1)])
def test_short_tokens_are_refused(kb_db: str, short: str) -> None:
    with pytest.raises(ConfigError, match=f"at least {MIN_TOKEN_CHARS}"):
        create_app(kb_db, short)
    with pytest.raises(ConfigError, match=f"at least {MIN_TOKEN_CHARS}"):
        create_app(kb_db, read_token=short)
    with pytest.raises(ConfigError, match="--token"):
        check_bind("127.0.0.1", short)
    with pytest.raises(ConfigError, match="--read-token"):
        check_bind("0.0.0.0", WRITE, short)


@pytest.mark.parametrize(("host", "token", "read", "ok"), [
    ("0.0.0.0", None, READ, True),  # a read token alone: a read-only public server
    ("0.0.0.0", None, None, False), ("10.0.0.5", None, None, False), ("127.0.0.2", None, None, True),
])
def test_public_binds_need_some_token(host: str, token: str | None, read: str | None, ok: bool) -> None:
    if ok:
        check_bind(host, token, read)
    else:
        with pytest.raises(ConfigError, match="without a token"):
            check_bind(host, token, read)


@pytest.fixture(scope="module")
def guarded(kb_db: str) -> TestClient:
    return TestClient(create_app(kb_db, WRITE, read_token=READ))


@pytest.mark.parametrize("path", ["/api/stats", "/api/entities", "/timeline", "/openapi.json", "/static/style.css",
                                  "/timeline.json", "/api/no-such-route"])
def test_a_read_token_guards_every_path(guarded: TestClient, path: str) -> None:
    refused = guarded.get(path)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert "token" in refused.json()["error"]
    for header in (f"Bearer {READ}", f"Bearer {WRITE}", _basic(READ)):
        assert guarded.get(path, headers={"Authorization": header}).status_code in (200, 404)


def test_a_browser_is_asked_for_the_token(guarded: TestClient) -> None:
    refused = guarded.get("/timeline", headers={"Accept": "text/html"})
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Basic realm=")
    assert "Token needed" in refused.text


def test_the_read_token_cannot_ingest(guarded: TestClient) -> None:
    body = {"documents": [{"text": "Talks."}], "extract": False}
    response = guarded.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {READ}"})
    assert response.status_code == 401 and "token" in response.json()["error"]


def test_without_a_read_token_reads_stay_open(kb_db: str) -> None:
    client = TestClient(create_app(kb_db, WRITE))
    assert client.get("/api/stats").status_code == 200
    assert client.post("/api/ingest", json={"documents": [{"text": "Talks."}]}).status_code == 401


@pytest.mark.parametrize(("header", "code"), [("", 1008), (f"Bearer {READ}", 1000)])  # 1000: no such route
def test_a_websocket_without_the_token_is_closed(guarded: TestClient, header: str, code: int) -> None:
    from starlette.websockets import WebSocketDisconnect

    headers = {"Authorization": header} if header else {}
    with pytest.raises(WebSocketDisconnect) as closed, guarded.websocket_connect("/ws", headers=headers):
        pass
    assert closed.value.code == code
