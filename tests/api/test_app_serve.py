"""``communique serve`` as users run it (a subprocess on a free port): the start message, the access log, the
Host check and the tokens on the real server, and the warning for a token given on the command line."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

START_TIMEOUT_S = 60  # the server opens the store and the search index first; seconds here, bounded for a slow CI
STOP_TIMEOUT_S = 20
TOKEN = "serve-test-token-0123456789"
URL = re.compile(r"at (http://\S+/)$")


class Server:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc, self.lines, self.url = proc, queue.Queue[str](), ""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = START_TIMEOUT_S) -> list[str]:
        """Lines up to and including the first that matches ``pattern``."""
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            seen.append(line)
            if re.search(pattern, line):
                return seen
        raise AssertionError(f"no line matching {pattern!r}; got {seen}")


@contextmanager
def serving(db: str, *args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    environ = {**os.environ, "COMMUNIQUE_NO_SEMANTIC": "1", "COLUMNS": "200", **(env or {})}
    if "COMMUNIQUE_TOKEN" not in (env or {}):
        environ.pop("COMMUNIQUE_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "communique.cli", "serve", "--db", db, "--port", "0", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=environ)
    server = Server(proc)
    try:
        yield server
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        server.reader.join(timeout=STOP_TIMEOUT_S)
        assert proc.stderr is not None
        proc.stderr.close()


def _start(server: Server) -> list[str]:
    lines = server.wait_for(r"^communique: access log follows")
    server.url = next(m.group(1) for line in lines if (m := URL.search(line)))
    return lines


def test_start_message_and_access_log_on_a_loopback_bind(kb_db: str) -> None:
    with serving(kb_db) as server:
        lines = _start(server)
        assert any(line.startswith(f"communique: serving {kb_db} at http://127.0.0.1:") for line in lines)
        assert "communique: reads open to this machine (loopback bind; --read-token to require one); " \
               "writes off (no token: read-only)" in lines
        assert any(line.startswith("communique: host names answered: ") and "localhost" in line for line in lines)
        assert httpx.get(server.url + "api/stats", params={"token": "leaked-secret", "limit": "3"}).status_code == 200
        logged = server.wait_for(r" GET /api/stats")[-1]
        assert re.fullmatch(r"127\.0\.0\.1 GET /api/stats\?token=\*\*\*&limit=3 200 \d+\.\dms", logged), logged
        page = httpx.get(server.url + "nowhere", headers={"Accept": "text/html"})
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
        assert re.search(r" GET /nowhere 404 ", server.wait_for(r" GET /nowhere")[-1])
        rebound = httpx.get(server.url + "api/stats", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400 and "documents" not in rebound.text
        assert re.search(r" GET /api/stats 400 ", server.wait_for(r" 400 ")[-1])


def test_a_public_bind_guards_reads_with_the_token_from_the_environment(kb_db: str) -> None:
    with serving(kb_db, "--host", "0.0.0.0", env={"COMMUNIQUE_TOKEN": TOKEN}) as server:
        lines = _start(server)
        assert not any("warning" in line for line in lines)  # from the environment: nothing shows in ps
        assert "communique: reads need the token (bound beyond this machine; --read-token sets a read-only one); " \
               "writes need the token (POST /api/ingest)" in lines
        local = server.url.split("//")[1].split(":")[-1].rstrip("/")
        base = f"http://127.0.0.1:{local}/"
        assert httpx.get(base + "api/stats").status_code == 401
        assert httpx.get(base + "api/stats", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_a_token_on_the_command_line_is_warned_about(kb_db: str) -> None:
    with serving(kb_db, "--token", TOKEN, "--allow-host", "kb.example.org") as server:
        lines = _start(server)
        assert any(line.startswith("warning: --token on the command line is visible") for line in lines)
        assert any("kb.example.org" in line for line in lines if line.startswith("communique: host names"))
        assert httpx.get(server.url + "api/stats", headers={"Host": "kb.example.org"}).status_code == 200


@pytest.mark.parametrize(("args", "message"), [
    (["--token", "short"], "error: the token (--token or $COMMUNIQUE_TOKEN) is 5 characters; use at least 16"),
    (["--host", "0.0.0.0"], "error: refusing to serve on 0.0.0.0 without a token"),
])
def test_serve_refuses_in_one_line(kb_db: str, args: list[str], message: str) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("COMMUNIQUE_TOKEN", None)
    proc = subprocess.run([sys.executable, "-m", "communique.cli", "serve", "--db", kb_db, *args],
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1].startswith(message)
