"""What guards every request of ``communique serve``, as plain ASGI middleware around the whole application.

Outermost first (each wraps the next):
1. :class:`AccessLog`: one line per request (client, method, path with secret-looking query values masked,
   status, milliseconds), also for requests the layers below refuse or that fail;
2. :class:`SecurityHeaders`: the same headers on every response (pages, API, ``/openapi.json``, ``/static``,
   errors): CSP, no MIME sniffing, no referrer, no framing, same-origin resources, no caching of data;
3. :class:`HostCheck`: only the host names the server was bound to (DNS rebinding: a web page on another name
   that resolves to this machine must not read the knowledge base) -> 400 otherwise;
4. :class:`ReadGuard`: when reads need a token, every request without one (Bearer, or Basic with the token as
   the password so a browser can ask for it) -> 401.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import socket
import time
from collections.abc import Callable, Collection, Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ConfigError

__all__ = ["AccessLog", "HostCheck", "LOOPBACK_HOSTS", "MIN_TOKEN_CHARS", "ReadGuard", "SecurityHeaders",
           "allowed_hosts", "check_token", "header_values", "host_name", "is_loopback", "log_path", "token_given"]

MIN_TOKEN_CHARS = 16  # ~96 bits of a random base64 token; shorter ones are guessable passwords, not tokens
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")  # the names a browser uses for this machine
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})  # bind to every interface: the machine's own names apply
POLICY_VIOLATION = 1008  # the WebSocket close code for a refused connection (no route uses one today)
ANY_HOST = "*"  # --allow-host '*': no Host check (a proxy in front does it)
SECRET_QUERY_KEYS = ("token", "key", "secret", "password", "passwd", "auth", "session", "signature", "credential")
MASK = "***"
MAX_LOG_PATH_CHARS = 300  # a log line stays one line on a terminal and a half; the rest of a long URL is noise
_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
    "Cross-Origin-Resource-Policy": "same-origin",  # other sites cannot embed the API's answers
    "Cross-Origin-Opener-Policy": "same-origin",
}
STATIC_CACHE = "no-cache"  # style sheet and icon: kept, but revalidated (ETag), so an upgrade shows at once
DATA_CACHE = "no-store"  # pages and API answers: the knowledge base changes, and may need a token to read


def header_values(path: str) -> dict[str, str]:
    """The security headers for a response to ``path``."""
    return {**HEADERS, "Cache-Control": STATIC_CACHE if path.startswith("/static/") else DATA_CACHE}


def check_token(token: str | None, option: str) -> None:
    """Refuse a token too short to be one (``option`` names where it came from)."""
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(f"{option} is {len(token)} characters; use at least {MIN_TOKEN_CHARS} random characters, "
                          "e.g. from 'openssl rand -base64 24'")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(value: str) -> str:
    """The host part of a Host header or a bind address, lower case: ``[::1]:8000`` -> ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):  # an IPv6 literal, maybe with a port
        return value[1 : value.find("]")] if "]" in value else value[1:]
    if value.count(":") == 1:  # name:port
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def _machine_names() -> set[str]:
    names: set[str] = set()
    for name in {socket.gethostname(), socket.getfqdn()}:
        if not name:
            continue
        names.add(name.lower())
        try:
            names.update(str(info[4][0]) for info in socket.getaddrinfo(name, None))
        except OSError:
            continue
    return names


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Host names a request may name for a server bound to ``bind``, plus ``extra`` (``--allow-host``).

    1. a loopback bind: the loopback names; 2. an every-interface bind: those and this machine's names and
    addresses; 3. any other bind: its own name; 4. the extra names (``*`` turns the check off).
    """
    names = {host_name(bind)}
    if is_loopback(bind):
        names.update(LOOPBACK_HOSTS)
    elif bind in WILDCARD_BINDS:
        names.update(LOOPBACK_HOSTS)
        names.update(_machine_names())
    names.update(ANY_HOST if h.strip() == ANY_HOST else host_name(h) for h in extra if h.strip())
    return frozenset(names - {""})


def token_given(authorization: str, tokens: Collection[str]) -> bool:
    """Does the Authorization header carry one of ``tokens`` (``Bearer <token>``, or Basic with it as password)?"""
    scheme, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "basic":
        try:
            value = base64.b64decode(value, validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    found = False
    for token in tokens:  # compare with every token, always: the time taken says nothing about which matched
        found |= hmac.compare_digest(value.encode(), token.encode())
    return found


def log_path(path: str, query: str) -> str:
    """``path?query`` for the log, with the values of secret-looking query keys masked, control characters
    escaped (a request cannot forge log lines) and cut to ``MAX_LOG_PATH_CHARS``."""
    if query:
        pairs = [(k, MASK if any(s in k.lower() for s in SECRET_QUERY_KEYS) else v)
                 for k, v in parse_qsl(query, keep_blank_values=True)]
        path = f"{path}?{urlencode(pairs, safe='*')}"
    path = path.translate(_CONTROL_ESCAPES)
    return path if len(path) <= MAX_LOG_PATH_CHARS else path[: MAX_LOG_PATH_CHARS - 1] + "…"


Refusal = Callable[[Scope, int, str, dict[str, str]], Any]  # (scope, status, message, headers) -> ASGI response


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        values = header_values(scope["path"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in values.items():
                    if name == "Cache-Control" and name in headers:
                        continue  # a route that chose its own caching keeps it
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


class HostCheck:
    def __init__(self, app: ASGIApp, hosts: Collection[str], refuse: Refusal) -> None:
        self.app, self.hosts, self.refuse = app, frozenset(hosts), refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and ANY_HOST not in self.hosts:
            given = Headers(scope=scope).get("host", "")
            if host_name(given) not in self.hosts:
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": POLICY_VIOLATION})
                    return
                response = self.refuse(scope, 400, "this server does not answer to that host name; start it with "
                                       "--allow-host NAME to add one", {})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class ReadGuard:
    def __init__(self, app: ASGIApp, tokens: Collection[str], refuse: Refusal) -> None:
        self.app, self.tokens, self.refuse = app, tuple(tokens), refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not token_given(
                Headers(scope=scope).get("authorization", ""), self.tokens):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": POLICY_VIOLATION})
                return
            browser = "text/html" in Headers(scope=scope).get("accept", "")
            challenge = 'Basic realm="communique"' if browser else "Bearer"
            response = self.refuse(scope, 401, "this server needs a token to read: send 'Authorization: Bearer "
                                   "<token>'", {"WWW-Authenticate": challenge})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class AccessLog:
    def __init__(self, app: ASGIApp, write: Callable[[str], None]) -> None:
        self.app, self.write = app, write

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless the application answers: an exception below becomes the error handler's 500

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            ms = (time.perf_counter() - started) * 1000
            client = scope.get("client") or ("-", 0)
            query = scope.get("query_string", b"").decode("latin-1")
            self.write(f"{client[0]} {scope['method']} {log_path(scope['path'], query)} {status} {ms:.1f}ms")
