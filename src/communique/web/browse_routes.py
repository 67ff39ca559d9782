"""Routes of the browsing pages: each index page and the timeline as HTML, its JSON twin (``.json`` or
``?format=json``) and an API route (``/api/browse/<index>``, ``/api/timeline``), all three from one library call
(:mod:`communique.read.browse`) in the API's paging envelope."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import Response
from pydantic import ConfigDict, Field

from ..api.app import ERRORS, MAX_QUERY_CHARS, Limit, Offset, Page
from ..read import browse
from .routes import _page, _wants_json

__all__ = ["BrowsePage", "add_browse"]

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Values = Annotated[list[str] | None, Query()]  # a facet: any of these values
Words = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
# pages take any text (a wrong date is an error page); the API's spec says what a date is
PageFrom = Annotated[str | None, Query(alias="from", max_length=MAX_QUERY_CHARS)]
PageTo = Annotated[str | None, Query(alias="to", max_length=MAX_QUERY_CHARS)]
ApiFrom = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
ApiTo = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")]
Sort = Literal["name", "-name", "date", "-date", "docs", "-docs"]
TimelineSort = Literal["-date", "date"]


class BrowsePage(Page):
    model_config = ConfigDict(extra="allow")  # the page's filters and headings travel along
    sort: str
    facets: dict[str, list[dict[str, Any]]] = Field(description="per facet: value, count, selected, href")
    prev: str | None = Field(None, description="URL of the previous page, null on the first page")


def add_browse(app: FastAPI) -> None:
    """Register the index pages, the timeline, their JSON twins and API routes on ``app``."""
    call = app.state.call

    def add_index(kind: str) -> None:
        spec = browse.INDEXES[kind]

        def data(path: str, sort: str | None, offset: int, limit: int, q: str | None, date_from: str | None,
                 date_to: str | None, facets: dict[str, list[str] | None]) -> partial[dict[str, Any]]:
            return partial(browse.index_page, kind=kind, sort=sort, offset=offset, limit=limit, q=q,
                           date_from=date_from, date_to=date_to, path=path,
                           filters={k: v for k, v in facets.items() if v})

        def page(request: Request, sort: str | None = None, offset: Offset = 0, limit: Limit = browse.DEFAULT_LIMIT,
                 q: Words = None, date_from: PageFrom = None, date_to: PageTo = None, kind_: Annotated[
                     Values, Query(alias="kind")] = None, outlet: Values = None, country: Values = None,
                 topic: Values = None, entity: Values = None) -> Response:
            path = f"/{kind}.json" if _wants_json(request) else f"/{kind}"
            fn = data(path, sort, offset, limit, q, date_from, date_to,
                      {"kind": kind_, "outlet": outlet, "country": country, "topic": topic, "entity": entity})
            return _page(request, "browse.html", fn)

        app.get(f"/{kind}", include_in_schema=False, name=f"{kind}_page")(page)
        app.get(f"/{kind}.json", include_in_schema=False, name=f"{kind}_json")(page)

        def api(sort: Sort | None = None, offset: Offset = 0, limit: Limit = browse.DEFAULT_LIMIT, q: Words = None,
                date_from: ApiFrom = None, date_to: ApiTo = None,
                kind_: Annotated[Values, Query(alias="kind")] = None, outlet: Values = None, country: Values = None,
                topic: Values = None, entity: Values = None) -> Any:
            fn = data(f"/api/browse/{kind}", sort, offset, limit, q, date_from, date_to,
                      {"kind": kind_, "outlet": outlet, "country": country, "topic": topic, "entity": entity})
            return call(fn)

        api.__doc__ = (f"{spec.title}: sorted ({', '.join(spec.sorts)}; first is the default), filtered by name words "
                       f"(q), date range (from/to) and facets ({', '.join(spec.facets)}), paged, with facet counts.")
        app.get(f"/api/browse/{kind}", response_model=BrowsePage, responses=ERRORS, tags=["browse"],
                name=f"browse_{kind}")(api)

    for kind in browse.INDEXES:
        add_index(kind)

    def timeline_data(path: str, actor: str | None, topic: str | None, date_from: str | None, date_to: str | None,
                      sort: str | None, undated: bool, offset: int, limit: int) -> partial[dict[str, Any]]:
        return partial(browse.timeline_page, actor=actor, topic=topic, date_from=date_from, date_to=date_to,
                       sort=sort, undated=undated, offset=offset, limit=limit, path=path)

    @app.get("/timeline", include_in_schema=False)
    @app.get("/timeline.json", include_in_schema=False)
    def timeline_page(request: Request, actor: Words = None, topic: Words = None, date_from: PageFrom = None,
                      date_to: PageTo = None, sort: str | None = None, undated: bool = False, offset: Offset = 0,
                      limit: Limit = browse.DEFAULT_LIMIT) -> Response:
        path = "/timeline.json" if _wants_json(request) else "/timeline"
        fn = timeline_data(path, actor, topic, date_from, date_to, sort, undated, offset, limit)
        return _page(request, "timeline.html", fn)

    @app.get("/api/timeline", response_model=BrowsePage, responses=ERRORS, tags=["events"])
    def timeline(actor: Words = None, topic: Words = None, date_from: ApiFrom = None, date_to: ApiTo = None,
                 sort: TimelineSort | None = None, undated: bool = False, offset: Offset = 0,
                 limit: Limit = browse.DEFAULT_LIMIT) -> Any:
        """Events newest first (sort=date: oldest first), paged; filter by participant name, topic and date range;
        undated events are their own section (undated=true)."""
        return call(timeline_data("/api/timeline", actor, topic, date_from, date_to, sort, undated, offset, limit))
