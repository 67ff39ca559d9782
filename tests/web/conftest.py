"""Shared by the Chromium tests: the browser (Debian's ``chromium`` driven by Playwright) and apps served by uvicorn
on loopback ports, both stopped at the end of the test module."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
SERVER_START_SECONDS = 20  # uvicorn answers within a second here; this only bounds a broken start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def serve_app() -> Iterator[Callable[[Any], str]]:
    """``serve(app)``: run the ASGI app on a free loopback port until the module ends; its base URL."""
    import uvicorn

    os.environ["COMMUNIQUE_NO_SEMANTIC"] = "1"
    running: list[tuple[Any, threading.Thread]] = []

    def serve(app: Any) -> str:
        port = _free_port()
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        running.append((srv, thread))
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not srv.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("the server did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    yield serve
    for srv, thread in running:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def launch_chromium() -> Iterator[Callable[[Sequence[str]], Any]]:
    """``launch(extra_args)``: a headless Chromium, closed when the module ends. Without the binary the tests are
    skipped on a developer's machine; in CI (``$CI`` set) they fail instead."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); in CI these tests must run")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browsers: list[Any] = []

        def launch(extra_args: Sequence[str] = ()) -> Any:
            browsers.append(pw.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args]))
            return browsers[-1]

        yield launch
        for b in browsers:
            b.close()
