"""Error pages, security headers, the Host check and the read token in a real headless Chromium (Debian's
``chromium`` driven by Playwright), against uvicorn serving the app as ``communique serve`` configures it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from communique.api.security import CSP, allowed_hosts
from communique.server import create_app

REBOUND = "rebound.test"  # a name the browser resolves to this machine, as DNS rebinding makes it
ACTION_TIMEOUT_MS = 10_000  # one navigation on a local server
READ_TOKEN = "browser-read-token-0123456789"

@pytest.fixture(scope="module")
def servers(kb_db: str, serve_app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Two servers on loopback with the bound host names: one open to read, one that needs the read token."""
    hosts = allowed_hosts("127.0.0.1")
    return {"open": serve_app(create_app(kb_db, hosts=hosts)),
            "guarded": serve_app(create_app(kb_db, read_token=READ_TOKEN, hosts=hosts))}


@pytest.fixture(scope="module")
def browser(launch_chromium) -> Any:  # type: ignore[no-untyped-def]
    return launch_chromium([f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1"])


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(ACTION_TIMEOUT_MS)
    yield tab
    context.close()


@pytest.mark.parametrize(("path", "status", "heading"), [
    ("/no/such/page", 404, "Not found"),
    ("/documents/ffffffffffffffff", 404, "Not found"),
    ("/people/e-000000000000", 404, "Not found"),
])
def test_a_browser_gets_an_error_page_not_raw_json(page: Any, servers: dict[str, str], path: str, status: int,
                                                   heading: str) -> None:
    response = page.goto(servers["open"] + path)
    assert response.status == status
    assert page.locator("h1").inner_text() == heading
    assert page.locator("header.top nav a", has_text="Timeline").count() == 1  # the site's own layout
    assert page.locator("link[rel=stylesheet]").evaluate("e => e.sheet !== null")  # styled like every page
    assert not page.locator("body").inner_text().lstrip().startswith("{")
    page.get_by_role("link", name="Back to the timeline").click()
    page.wait_for_url("**/timeline")
    assert page.locator("li.event").count() == 2


@pytest.mark.parametrize("path", ["/timeline", "/api/stats", "/openapi.json", "/static/style.css", "/no/such/page"])
def test_the_browser_receives_the_security_headers(page: Any, servers: dict[str, str], path: str) -> None:
    headers = page.goto(servers["open"] + path).all_headers()
    assert headers["content-security-policy"] == CSP
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_a_rebound_host_name_reads_nothing(page: Any, servers: dict[str, str]) -> None:
    port = servers["open"].rsplit(":", 1)[1]
    response = page.goto(f"http://{REBOUND}:{port}/api/stats")  # reaches the server, under another name
    assert response.status == 400
    assert "host name" in page.locator("body").inner_text() and "documents" not in page.locator("body").inner_text()
    page.goto(f"http://{REBOUND}:{port}/no-such-page")  # the attacker's page, same origin as the rebound name
    status = page.evaluate("async () => (await fetch('/api/documents')).status")
    assert status == 400


def test_the_pages_cannot_be_framed_by_another_site(page: Any, servers: dict[str, str]) -> None:
    port = servers["open"].rsplit(":", 1)[1]
    page.goto(f"http://{REBOUND}:{port}/nothing")  # any other origin
    page.set_content(f'<iframe id="f" src="{servers["open"]}/timeline"></iframe>')
    child = page.locator("#f").element_handle().content_frame()
    deadline = time.monotonic() + ACTION_TIMEOUT_MS / 1000
    while child.url in ("", "about:blank") and time.monotonic() < deadline:  # until the navigation settles
        page.wait_for_timeout(50)
    assert child.url.startswith("chrome-error://")  # the browser refused to show it: an error page, not the timeline
    assert page.frame_locator("#f").locator("li.event").count() == 0


def test_a_read_token_server_asks_the_browser_and_accepts_the_token(browser: Any, servers: dict[str, str]) -> None:
    from playwright.sync_api import Error as PlaywrightError

    anonymous = browser.new_context()
    tab = anonymous.new_page()
    with pytest.raises(PlaywrightError, match="ERR_INVALID_AUTH_CREDENTIALS"):  # a challenge, and no credentials
        tab.goto(servers["guarded"] + "/timeline")
    refused = tab.request.get(servers["guarded"] + "/timeline", headers={"Accept": "text/html"})
    assert refused.status == 401 and refused.headers["www-authenticate"].startswith("Basic ")
    assert "Token needed" in refused.text() and "Marsh" not in refused.text()
    anonymous.close()
    with_token = browser.new_context(http_credentials={"username": "reader", "password": READ_TOKEN})
    tab = with_token.new_page()
    response = tab.goto(servers["guarded"] + "/timeline")
    assert response.status == 200 and tab.locator("li.event").count() == 2
    assert tab.locator("link[rel=stylesheet]").evaluate("e => e.sheet !== null")  # static files came with it
    with_token.close()
