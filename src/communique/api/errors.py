"""Every error of the application in one shape: an HTML page for a browser, ``{"error": "<one line>"}`` otherwise.

Which one (:func:`wants_html`): 1. the API (``/api/...``, ``/openapi.json``) and the JSON twins (``.json``,
``?format=json``) always answer JSON; 2. otherwise a request that accepts ``text/html`` (a browser) gets the page;
3. anything else gets JSON. A validation error (422) names the field and the problem and never repeats the input
(a rejected body can be megabytes); an unexpected exception is a 500 that says nothing of its internals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.datastructures import Headers, QueryParams
from starlette.exceptions import HTTPException
from starlette.types import Scope

from ..errors import CommuniqueError, one_line
from ..read import views
from .security import header_values

__all__ = ["Error", "error_response", "install", "validation_message", "wants_html"]

MAX_LISTED_PROBLEMS = 3  # a 422 names this many problems and counts the rest: one line, not a report
TITLES = {400: "Cannot show this page", 401: "Token needed", 404: "Not found", 405: "Method not allowed",
          422: "Invalid request", 500: "Something went wrong"}
JSON_PREFIXES = ("/api/", "/openapi.json")
INTERNAL = "internal error; the server log has the details"


class Error(BaseModel):
    error: str


def wants_html(scope: Scope) -> bool:
    path = scope.get("path", "")
    if path.startswith(JSON_PREFIXES) or path.endswith(".json"):
        return False
    if QueryParams(scope.get("query_string", b"")).get("format") == "json":
        return False
    return "text/html" in Headers(scope=scope).get("accept", "")


def error_response(scope: Scope, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error ``message`` (made one line) as a page or as JSON, with the security headers. The page comes from
    the application's ``state.render_error(message, status, title)`` when the web UI installed one (the API alone
    answers JSON)."""
    message = one_line(message)
    all_headers = {**header_values(scope.get("path", "")), **(headers or {})}
    app = scope.get("app")
    render_error = getattr(getattr(app, "state", None), "render_error", None)
    if render_error is not None and wants_html(scope):
        page = render_error(message, status, TITLES.get(status, TITLES[400]))
        return HTMLResponse(page, status_code=status, headers=all_headers)
    return JSONResponse({"error": message}, status_code=status, headers=all_headers)


def _field(loc: Sequence[Any]) -> str:
    """``("body", "documents", 0, "text")`` -> ``body field documents[0].text``; ``("query", "limit")`` ->
    ``query parameter limit``."""
    if not loc:
        return "request"
    where, path = str(loc[0]), ""
    for part in loc[1:]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    if where == "body":
        return f"body field {path}" if path else "request body"
    if where in ("query", "path", "header", "cookie"):
        return f"{where} parameter {path}" if path else f"{where} parameters"
    return ".".join(str(p) for p in loc)


def _problem(error: dict[str, Any]) -> str:
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error")
        return f"not valid JSON ({reason})" if isinstance(reason, str) else "not valid JSON"
    return str(error.get("msg", "invalid value"))  # pydantic's message names the rule, not the value


def validation_message(errors: Sequence[dict[str, Any]]) -> str:
    """``field: problem; field: problem (and N more)``: never the rejected input itself."""
    parts = []
    for error in errors[:MAX_LISTED_PROBLEMS]:
        loc = error.get("loc") or ()
        where = "request body" if error.get("type") == "json_invalid" else _field(loc)
        parts.append(f"{where}: {_problem(error)}")
    more = len(errors) - MAX_LISTED_PROBLEMS
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "") if parts else "invalid request"


def _openapi_with_error_bodies(app: FastAPI) -> dict[str, Any]:
    """The spec, with every 422 answered by ``Error`` (what the handler below sends), not FastAPI's ``detail``."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", Error.model_json_schema())
    for operation in (op for item in spec.get("paths", {}).values() for op in item.values()):
        if "422" in operation.get("responses", {}):
            operation["responses"]["422"] = {
                "description": "Invalid request: which field, and what is wrong with it",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    app.openapi_schema = spec
    return spec


def install(app: FastAPI) -> None:
    """Register the handlers of every error the application can raise, and the spec that documents them."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:  # unknown route, wrong method
        return error_response(request.scope, exc.status_code, str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request.scope, 422, validation_message(exc.errors()))

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound) -> Response:
        return error_response(request.scope, 404, str(exc))

    @app.exception_handler(CommuniqueError)
    async def bad_request(request: Request, exc: CommuniqueError) -> Response:
        return error_response(request.scope, 400, str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:  # uvicorn still logs the traceback
        return error_response(request.scope, 500, INTERNAL)

    app.openapi = lambda: _openapi_with_error_bodies(app)  # type: ignore[method-assign]
