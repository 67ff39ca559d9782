"""Host allow-list (DNS rebinding): a request naming another host than the bound ones is refused."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient

from communique.api.security import LOOPBACK_HOSTS, allowed_hosts, host_name
from communique.server import create_app


@pytest.mark.parametrize(("bind", "extra", "present", "absent"), [
    ("127.0.0.1", (), {"127.0.0.1", "localhost", "::1"}, {"evil.example", "0.0.0.0"}),
    ("localhost", (), {"127.0.0.1", "localhost", "::1"}, {"evil.example"}),
    ("::1", (), {"::1", "localhost"}, {"evil.example"}),
    ("192.168.1.20", (), {"192.168.1.20"}, {"localhost", "127.0.0.1", "evil.example"}),
    ("192.168.1.20", ("kb.example.org", "Proxy.Example.ORG."), {"192.168.1.20", "kb.example.org", "proxy.example.org"},
     {"evil.example"}),
    ("0.0.0.0", (), {"localhost", "127.0.0.1", socket.gethostname().lower()}, {"evil.example"}),
    ("127.0.0.1", ("*",), {"*"}, set()),
])
def test_allowed_hosts_are_the_bound_names(bind: str, extra: tuple[str, ...], present: set[str],
                                           absent: set[str]) -> None:
    hosts = allowed_hosts(bind, extra)
    assert present <= hosts and not absent & hosts


@pytest.mark.parametrize(("header", "name"), [
    ("localhost:8000", "localhost"), ("LOCALHOST", "localhost"), ("[::1]:8000", "::1"), ("[::1]", "::1"),
    ("127.0.0.1:80", "127.0.0.1"), ("kb.example.org.", "kb.example.org"), ("", ""),
])
def test_host_name_of_a_header(header: str, name: str) -> None:
    assert host_name(header) == name


@pytest.fixture(scope="module")
def client(kb_db: str) -> TestClient:
    return TestClient(create_app(kb_db, hosts=allowed_hosts("127.0.0.1")), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200), ("LocalHost", 200),
    ("attacker.example:8000", 400),  # a rebound name: the page's origin is not this server
    ("127.0.0.1.attacker.example", 400), ("localhost.attacker.example:8000", 400), ("", 400),
])
def test_requests_for_other_host_names_are_refused(client: TestClient, host: str, status: int) -> None:
    for path in ("/api/stats", "/timeline", "/openapi.json", "/static/style.css"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == status, path
        if status == 400:
            assert "host name" in response.json()["error"] and "Marsh" not in response.text


def test_without_a_host_list_any_name_is_answered(kb_db: str) -> None:  # embedding the app elsewhere
    client = TestClient(create_app(kb_db))
    assert client.get("/api/stats", headers={"Host": "anything.example"}).status_code == 200


def test_loopback_names_are_the_browser_ones() -> None:
    assert set(LOOPBACK_HOSTS) == {"127.0.0.1", "localhost", "::1"}


@pytest.mark.parametrize(("host", "code"), [("attacker.example", 1008), ("localhost", 1000)])  # 1000: no such route
def test_a_websocket_for_another_host_is_closed(client: TestClient, host: str, code: int) -> None:
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect("/ws", headers={"Host": host}):
        pass
    assert closed.value.code == code
