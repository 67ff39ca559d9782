"""Server-rendered pages, each with a JSON twin (same URL + ``.json``, or ``?format=json``) holding what it shows.

Templates autoescape everything (documents are untrusted input); pages carry a Content-Security-Policy that
allows no inline script and nothing from outside, so the UI works offline and injected markup cannot run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..api.security import CSP, HEADERS
from ..errors import CommuniqueError
from ..kb.queries import seen_status
from ..model import KINDS
from ..read import views
from ..read.highlight_terms import parts

__all__ = ["CSP", "add_pages", "render"]

HERE = Path(__file__).parent
SECURITY_HEADERS = HEADERS  # the middleware of api.security sets them on every response; pages name them too
_QUESTION = re.compile(r"^\s*(who|what|when|where|which|how|why|did|does|is|are)\b|\?\s*$", re.IGNORECASE)

SEARCH_KINDS = ("document", "quote", "event", *KINDS)  # the kind filter: an item type or a document kind
EVIDENCE_CHARS = 400  # an evidence span shown under an answer; a longer one (a paragraph) is cut at a word

_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)


_env.filters["highlight_parts"] = lambda text, spans: parts(text, spans or [])
_env.globals["kb_message"] = lambda: seen_status().get("message")  # the banner of a page read from a lagging base


def render(template: str, **context: Any) -> str:
    return _env.get_template(template).render(**context)


def render_error(message: str, status: int, title: str) -> str:
    """The error page of ``message`` (the API's error handlers call it for a browser)."""
    return render("error.html", error=message, status=status, title=title, json_url=None)


def _wants_json(request: Request, name: str = "") -> bool:
    return request.url.path.endswith(".json") or name.endswith(".json") or request.query_params.get("format") == "json"


def _page(request: Request, template: str, fn: Callable[..., dict[str, Any]], *args: Any, name: str = "") -> Response:
    """Call ``fn`` over the store and answer with the page or its JSON twin; errors become an error page."""
    as_json = _wants_json(request, name)
    call = request.app.state.call
    try:
        data = call(fn, *args)
    except CommuniqueError as exc:
        status = 404 if isinstance(exc, views.NotFound) else 400
        message = " ".join(str(exc).split())
        if as_json:
            return JSONResponse({"error": message}, status_code=status, headers=SECURITY_HEADERS)
        return HTMLResponse(render("error.html", error=message, status=status, json_url=None),
                            status_code=status, headers=SECURITY_HEADERS)
    if as_json:
        return JSONResponse(data, headers=SECURITY_HEADERS)
    twin = request.url.path + (".json" if not request.url.query else "") + (
        f"?{request.url.query}&format=json" if request.url.query else "")
    return HTMLResponse(render(template, **data, json_url=twin, request_path=request.url.path),
                        headers=SECURITY_HEADERS)


def _strip(name: str) -> str:
    return name[: -len(".json")] if name.endswith(".json") else name


def _search_page(store: Any, q: str, filters: dict[str, str | None]) -> dict[str, Any]:
    data = views.search_view(store, q, views.SEARCH_LIMIT, **filters)
    data["kinds"] = SEARCH_KINDS
    data["answer"] = _with_evidence(store, views.ask_view(store, q)) if q.strip() and _QUESTION.search(q) else None
    return data


def _with_evidence(store: Any, answer: dict[str, Any]) -> dict[str, Any]:
    """Each answer sentence with the text its citations point at (``evidence``: doc, start, end, title, text),
    read from the documents at the cited offsets; a span cited by an earlier sentence is not repeated."""
    texts: dict[str, str] = {}
    shown: set[tuple[str, int, int]] = set()
    for sentence in answer.get("sentences", []):
        sentence["evidence"] = []
        for cite in sentence.get("citations", []):
            key = (cite["doc"], cite["start"], cite["end"])
            if key in shown:
                continue
            shown.add(key)
            if cite["doc"] not in texts:
                doc = store.get(cite["doc"])
                texts[cite["doc"]] = doc.text if doc else ""
            text = " ".join(texts[cite["doc"]][cite["start"]:cite["end"]].split())
            if len(text) > EVIDENCE_CHARS:
                text = text[:EVIDENCE_CHARS].rsplit(" ", 1)[0] + " …"
            if text:
                sentence["evidence"].append({**cite, "text": text})
    return answer


def add_pages(app: FastAPI) -> None:
    """Register the pages and the static files on ``app`` (not part of the OpenAPI spec); the index pages and the
    timeline are in :mod:`communique.web.browse_routes`."""
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.render_error = render_error  # error answers to a browser become pages (api.errors asks for it)
    page = app.get

    @page("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/timeline")

    @page("/stories/{story_id}", include_in_schema=False)
    def story(request: Request, story_id: str) -> Response:
        return _page(request, "story.html", views.story_view, _strip(story_id), name=story_id)

    @page("/documents/{doc_id}", include_in_schema=False)
    def document(request: Request, doc_id: str) -> Response:
        return _page(request, "document.html", views.document_view, _strip(doc_id), name=doc_id)

    @page("/people/{entity_id}", include_in_schema=False)
    def person(request: Request, entity_id: str) -> Response:
        return _page(request, "person.html", views.person_view, _strip(entity_id), name=entity_id)

    @page("/search", include_in_schema=False)
    @page("/search.json", include_in_schema=False)
    def search(request: Request, q: str = "", kind: str = "", actor: str = "", topic: str = "", since: str = "",
               until: str = "", source: str = "") -> Response:
        filters = {"kind": kind, "actor": actor, "topic": topic, "since": since, "until": until, "source": source}
        return _page(request, "search.html", _search_page, q[:500], {k: v[:200] or None for k, v in filters.items()})

    @page("/network", include_in_schema=False)
    @page("/network.json", include_in_schema=False)
    def network(request: Request, since: str = "", until: str = "", min_meetings: int = 1,
                types: str = "person") -> Response:
        return _page(request, "network.html", partial(views.network_view, since=since[:10] or None,
                                                      until=until[:10] or None, min_meetings=min_meetings,
                                                      types=types[:10]))
