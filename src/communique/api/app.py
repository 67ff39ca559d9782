"""The REST API and the web UI in one FastAPI application (``communique serve``).

Each route opens the store, makes one library call (``read.views``, ``search``, ``ingest``) and lets errors reach
the handlers of :mod:`.errors`: an unknown id is 404, any other :class:`CommuniqueError` is 400, an invalid
request 422, each ``{"error": "<one line>"}`` (or an error page for a browser). The API is read-only unless a
token is configured: only then does ``POST /api/ingest`` exist, and it needs ``Authorization: Bearer <token>``.
Reads need a token when a read token is configured (``communique serve`` does so when bound beyond this
machine). The middleware of :mod:`.security` wraps everything: access log, security headers, Host check, read guard.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..errors import CommuniqueError, ConfigError
from ..kb import kb_status
from ..kb.queries import note_status, reset_status, watch_status
from ..read import views
from ..store.base import Store
from ..store.factory import open_store
from . import errors
from .errors import Error
from .ingest import MAX_DOCUMENTS, IngestItem, ingest_items
from .security import (
    ANY_HOST,
    WILDCARD_BINDS,
    AccessLog,
    HostCheck,
    ReadGuard,
    SecurityHeaders,
    allowed_hosts,
    check_token,
    is_loopback,
    token_given,
)

__all__ = ["LOCAL_HOSTS", "READ_TOKEN_ENV", "TOKEN_ENV", "create_app", "check_bind", "serve", "start_message"]

TOKEN_ENV = "COMMUNIQUE_TOKEN"
READ_TOKEN_ENV = "COMMUNIQUE_READ_TOKEN"
LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
MAX_OFFSET = 2**31 - 1  # beyond any real store; keeps SQL integers in range
MAX_QUERY_CHARS = 500  # a search or question longer than this is not a query a person typed
LISTEN_BACKLOG = 128  # connections the kernel queues while the server starts (uvicorn's default, 2048, is for farms)
WRONG_TOKEN = "missing or wrong token: send 'Authorization: Bearer <token>'"


class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    next: str | None = Field(description="URL of the next page, null on the last page")


class IngestRequest(BaseModel):
    documents: list[IngestItem] = Field(min_length=1, max_length=MAX_DOCUMENTS)
    extract: bool = Field(True, description="run entity/quote/time/claim/event extraction (slower)")


class IngestResult(BaseModel):
    read: int
    added: int
    unchanged: int
    duplicates: int
    errors: list[str]
    ids: list[str]


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": Error}, 404: {"model": Error}, 422: {"model": Error}}
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT)]
Text = Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)]
Filter = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
DateFilter = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="a year, month or day")]


def check_bind(host: str, token: str | None, read_token: str | None = None) -> None:
    """Refuse to listen beyond this machine without a token, and tokens too short to be tokens."""
    check_token(token, f"the token (--token or ${TOKEN_ENV})")
    check_token(read_token, f"the read token (--read-token or ${READ_TOKEN_ENV})")
    if not is_loopback(host) and not (token or read_token):
        raise ConfigError(f"refusing to serve on {host} without a token: pass --token or set ${TOKEN_ENV}, "
                          "or bind to 127.0.0.1")


KB_HEADER = b"x-communique-kb"  # "stale" on any answer read from a knowledge base older than its documents


class StaleHeader:
    """Reads never rebuild: an answer read from a lagging knowledge base says so in :data:`KB_HEADER` (the pages
    also show a note). Each request gets a fresh record that the route's store call fills (``note_status``)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen, token = watch_status()

        async def send_marked(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and seen.get("stale"):
                message = {**message, "headers": [*message.get("headers", []), (KB_HEADER, b"stale")]}
            await send(message)

        try:
            await self.app(scope, receive, send_marked)
        finally:
            reset_status(token)


def create_app(db: str, token: str | None = None, *, read_token: str | None = None,
               hosts: Collection[str] | None = None, access_log: Callable[[str], None] | None = None,
               extend: Sequence[Callable[[FastAPI], None]] = ()) -> FastAPI:
    """The REST API over the store ``db`` (opened per request, so each worker thread has its own).

    ``token`` enables ``POST /api/ingest``; ``read_token``: every request needs it (or ``token``); ``hosts``: the
    Host names to answer (None: any, for embedding and tests; ``communique serve`` always passes its bound names);
    ``access_log``: called with one line per request; ``extend``: functions that add more routes to the app before
    the middleware wraps it (``communique.server`` adds the web pages this way: the API does not import them).
    """
    check_token(token, "the token")
    check_token(read_token, "the read token")
    app = FastAPI(title="communique", version="1", description="Evidence-linked knowledge base of diplomatic news.",
                  docs_url=None, redoc_url=None)  # the interactive docs load scripts from a CDN: offline, none

    @contextmanager
    def store() -> Iterator[Store]:
        with open_store(db) as s:
            yield s

    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with store() as s:
            result = fn(s, *args, **kwargs)
            note_status(s)  # reads never rebuild: the response says when the knowledge base lags
            return result

    app.state.call = call
    app.state.db = db
    errors.install(app)

    @app.get("/api/documents", response_model=Page, responses=ERRORS, tags=["documents"])
    def documents(offset: Offset = 0, limit: Limit = views.DEFAULT_LIMIT) -> Any:
        """Documents in ingest order (without text; see /api/documents/{id})."""
        return call(views.documents_page, offset, limit)

    @app.get("/api/documents/{doc_id}", responses=ERRORS, tags=["documents"])
    def document(doc_id: str) -> dict[str, Any]:
        """One document (id, unique id prefix or source), its annotations and highlighted segments."""
        return call(views.document_view, doc_id)  # type: ignore[no-any-return]

    def add_records(type_: str) -> None:
        def page(offset: Offset = 0, limit: Limit = views.DEFAULT_LIMIT) -> Any:
            return call(views.records_page, type_, offset, limit)

        page.__doc__ = f"Knowledge-base {type_}, paginated (communique-export/1 records)."
        app.get(f"/api/{type_}", response_model=Page, responses=ERRORS, tags=[type_], name=f"list_{type_}")(page)

    for type_ in views.PAGED_TYPES:
        add_records(type_)

    @app.get("/api/entities/{entity_id}", responses=ERRORS, tags=["entities"])
    def entity(entity_id: str) -> dict[str, Any]:
        """An entity with its roles over time, the events it took part in, and its quotes."""
        return call(views.person_view, entity_id)  # type: ignore[no-any-return]

    @app.get("/api/stories/{story_id}", responses=ERRORS, tags=["stories"])
    def story(story_id: str) -> dict[str, Any]:
        """A story with its sources side by side and the comparison of what they report."""
        return call(views.story_view, story_id)  # type: ignore[no-any-return]

    @app.get("/api/stories/{story_id}/compare", responses=ERRORS, tags=["stories"])
    def story_compare(story_id: str) -> dict[str, Any]:
        """Where the story's sources agree and differ (facts, quotes, figures)."""
        comparison = call(views.story_view, story_id)["comparison"]
        if comparison is None:
            raise CommuniqueError("story comparison is not available in this build")
        return comparison  # type: ignore[no-any-return]

    @app.get("/api/search", responses=ERRORS, tags=["search"])
    def search(q: Text, limit: Limit = views.SEARCH_LIMIT, kind: Filter = None, actor: Filter = None,
               topic: Filter = None, since: DateFilter = None, until: DateFilter = None,
               source: Filter = None) -> dict[str, Any]:
        """Full-text and semantic search over passages, quotes and events; ``kind`` is an item type (document,
        quote, event) or a document kind (readout, news ...), ``since``/``until`` a year, month or day. Each hit
        carries its query terms as ``highlights`` (offsets into the snippet); ``facets`` count the hits."""
        return call(views.search_view, q, limit, kind=kind, actor=actor, topic=topic,  # type: ignore[no-any-return]
                    since=since, until=until, source=source)

    @app.get("/api/ask", responses=ERRORS, tags=["search"])
    def ask(q: Text) -> dict[str, Any]:
        """An answer with cited sentences, or 'not in the sources'."""
        return call(views.ask_view, q)  # type: ignore[no-any-return]

    @app.get("/api/network", responses=ERRORS, tags=["entities"])
    def network(since: DateFilter = None, until: DateFilter = None, min_meetings: Annotated[int, Query(ge=1, le=1000)] = 1,
                types: Annotated[str, Query(pattern="^(person|all)$")] = "person") -> dict[str, Any]:
        """Actors linked by taking part in the same events (people only unless ``types=all``), in a date range,
        links of at least ``min_meetings`` shared events, with a force layout (x, y) and label positions."""
        return call(views.network_view, since=since, until=until,  # type: ignore[no-any-return]
                    min_meetings=min_meetings, types=types)

    @app.get("/api/stats", responses=ERRORS, tags=["documents"])
    def stats() -> dict[str, Any]:
        """Counts of documents, kinds and knowledge-base records."""
        return call(views.stats_view)  # type: ignore[no-any-return]

    if token:
        bearer = HTTPBearer(auto_error=False)
        write_token = token

        def authorized(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
            given = f"Bearer {credentials.credentials}" if credentials else ""
            if not token_given(given, (write_token,)):
                raise HTTPException(401, WRONG_TOKEN, headers={"WWW-Authenticate": "Bearer"})

        @app.post("/api/ingest", response_model=IngestResult, tags=["documents"],
                  responses={**ERRORS, 401: {"model": Error}}, dependencies=[Depends(authorized)])
        def ingest(body: IngestRequest) -> Any:
            """Add documents (text, url, title, published); needs ``Authorization: Bearer <token>``."""
            return call(ingest_items, body.documents, extract=body.extract)

    for add in extend:
        add(app)
    # added innermost first: the access log sees every request, the headers go on every answer
    if read_token:
        app.add_middleware(ReadGuard, tokens=[t for t in (read_token, token) if t], refuse=errors.error_response)
    if hosts is not None:
        app.add_middleware(HostCheck, hosts=hosts, refuse=errors.error_response)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(StaleHeader)
    if access_log is not None:
        app.add_middleware(AccessLog, write=access_log)
    return app


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def start_message(db: str, url: str, *, token: str | None, read_token: str | None, hosts: Collection[str],
                  public: bool) -> list[str]:
    """What ``communique serve`` says once it listens: where, over which store, and who may read and write."""
    store = db.split("@")[-1] if "://" in db else db  # a PostgreSQL URL without its credentials
    if read_token:
        reads = "need a token (the read token" + (", or the write token)" if token else ")")
    elif public:
        reads = "need the token (bound beyond this machine; --read-token sets a read-only one)"
    else:
        reads = "open to this machine (loopback bind; --read-token to require one)"
    writes = "need the token (POST /api/ingest)" if token else "off (no token: read-only)"
    names = "any (--allow-host '*')" if ANY_HOST in hosts else ", ".join(sorted(hosts)) + " (more with --allow-host)"
    return [f"communique: serving {store} at {url}", f"communique: reads {reads}; writes {writes}",
            f"communique: host names answered: {names}",
            "communique: access log follows (client, method, path, status, time); Ctrl-C stops"]


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one), or a one-line error."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(LISTEN_BACKLOG)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          read_token: str | None = None, allow_hosts: Collection[str] = (),
          write: Callable[[str], None] = _stderr, app_factory: Callable[..., FastAPI] | None = None) -> None:
    """Run the server (uvicorn) until interrupted; ``write`` gets the start message and the access log;
    ``app_factory`` (default :func:`create_app`, the API alone) makes the application (``communique.server``
    passes the API with the web UI)."""
    import uvicorn

    token = token or os.environ.get(TOKEN_ENV) or None  # the environment by default: options show in 'ps'
    read_token = read_token or os.environ.get(READ_TOKEN_ENV) or None
    check_bind(host, token, read_token)
    public = not is_loopback(host)
    if public and not read_token:
        read_token = token  # beyond this machine, the token guards reads too
    if "://" not in db and not Path(db).exists():
        raise CommuniqueError(f"{db}: no such database; create it with 'communique ingest FILES --db {db}'")
    with open_store(db) as s:  # serving reads: nothing is built here ('communique rebuild' does), only reported
        stale = kb_status(s).message
    hosts = allowed_hosts(host, allow_hosts)
    app = (app_factory or create_app)(db, token, read_token=read_token, hosts=hosts, access_log=write)
    sock = _listen(host, port)
    bound = sock.getsockname()
    shown = socket.gethostname() if host in WILDCARD_BINDS else f"[{bound[0]}]" if ":" in bound[0] else bound[0]
    for line in start_message(db, f"http://{shown}:{bound[1]}/", token=token,
                              read_token=read_token if read_token != token else None, hosts=hosts, public=public):
        write(line)
    if stale:
        write(f"communique: note: {stale.replace('--db DB', f'--db {db}')}")
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()

