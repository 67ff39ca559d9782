"""The REST API and the web UI in one FastAPI application (``communique serve``).

Each route opens the store, makes one library call (``web.views``, ``search``, ``ingest``) and translates errors
at the edge: an unknown id is 404, any other :class:`CommuniqueError` is 400, both ``{"error": "<one line>"}``.
The API is read-only unless a token is configured: only then does ``POST /api/ingest`` exist, and it needs
``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..errors import CommuniqueError, ConfigError
from ..store.base import Store, open_store
from ..web import views
from .ingest import MAX_DOCUMENTS, IngestItem, ingest_items

__all__ = ["LOCAL_HOSTS", "TOKEN_ENV", "create_app", "check_bind", "serve"]

TOKEN_ENV = "COMMUNIQUE_TOKEN"
LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
MAX_OFFSET = 2**31 - 1  # beyond any real store; keeps SQL integers in range
MAX_QUERY_CHARS = 500  # a search or question longer than this is not a query a person typed


class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    next: str | None = Field(description="URL of the next page, null on the last page")


class Error(BaseModel):
    error: str


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


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": Error}, 404: {"model": Error}}
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Query(ge=1, le=views.MAX_LIMIT)]
Text = Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)]
Filter = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token."""
    if host not in LOCAL_HOSTS and not token:
        raise ConfigError(f"refusing to serve on {host} without a token: pass --token or set ${TOKEN_ENV}, "
                          "or bind to 127.0.0.1")


def create_app(db: str, token: str | None = None) -> FastAPI:
    """The application over the store ``db`` (opened per request, so each worker thread has its own)."""
    from ..web.routes import add_pages

    app = FastAPI(title="communique", version="1", description="Evidence-linked knowledge base of diplomatic news.",
                  docs_url=None, redoc_url=None)  # the interactive docs load scripts from a CDN: offline, none

    @contextmanager
    def store() -> Iterator[Store]:
        with open_store(db) as s:
            yield s

    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with store() as s:
            return fn(s, *args, **kwargs)

    app.state.call = call
    app.state.db = db

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=404)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:  # unknown route, wrong method
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(CommuniqueError)
    async def bad_request(request: Request, exc: CommuniqueError) -> JSONResponse:
        return JSONResponse({"error": " ".join(str(exc).split())}, status_code=400)

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
    def search(q: Text, limit: Limit = views.SEARCH_LIMIT) -> dict[str, Any]:
        """Full-text and semantic search over passages, quotes and events."""
        return call(views.search_view, q, limit)  # type: ignore[no-any-return]

    @app.get("/api/ask", responses=ERRORS, tags=["search"])
    def ask(q: Text) -> dict[str, Any]:
        """An answer with cited sentences, or 'not in the sources'."""
        return call(views.ask_view, q)  # type: ignore[no-any-return]

    @app.get("/api/network", responses=ERRORS, tags=["entities"])
    def network() -> dict[str, Any]:
        """Actors linked by co-participation in events, with a circular layout."""
        return call(views.network_view)  # type: ignore[no-any-return]

    @app.get("/api/stats", responses=ERRORS, tags=["documents"])
    def stats() -> dict[str, Any]:
        """Counts of documents, kinds and knowledge-base records."""
        return call(views.stats_view)  # type: ignore[no-any-return]

    if token:
        bearer = HTTPBearer(auto_error=False)

        def authorized(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
            given = credentials.credentials if credentials else ""
            if not hmac.compare_digest(given.encode(), token.encode()):
                raise _Unauthorized()

        @app.post("/api/ingest", response_model=IngestResult, tags=["documents"],
                  responses={**ERRORS, 401: {"model": Error}}, dependencies=[Depends(authorized)])
        def ingest(body: IngestRequest) -> Any:
            """Add documents (text, url, title, published); needs ``Authorization: Bearer <token>``."""
            return call(ingest_items, body.documents, extract=body.extract)

        @app.exception_handler(_Unauthorized)
        async def unauthorized(request: Request, exc: _Unauthorized) -> JSONResponse:
            return JSONResponse({"error": "missing or wrong token: send 'Authorization: Bearer <token>'"},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})

    from ..web.browse_routes import add_browse

    add_browse(app)  # index pages, the paged timeline, their JSON twins and /api/browse/*, /api/timeline
    add_pages(app)
    return app


class _Unauthorized(Exception):
    pass


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the server (uvicorn) until interrupted."""
    import uvicorn

    token = token or os.environ.get(TOKEN_ENV) or None
    check_bind(host, token)
    if "://" not in db and not Path(db).exists():
        raise CommuniqueError(f"{db}: no such database; create it with 'communique ingest FILES --db {db}'")
    with open_store(db) as s:  # build the knowledge base and the search index once, before the first request
        from ..kb import ensure_built

        ensure_built(s)
        _refresh_search(s)
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning")


def _refresh_search(store: Store) -> None:
    if getattr(store, "conn", None) is None:
        return
    from ..search import refresh_index

    refresh_index(store)
