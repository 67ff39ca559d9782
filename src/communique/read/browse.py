"""Index pages (people, organisations, places, documents, stories) and the paged timeline, from the browse index.

One library call per page and API route, returning a JSON-ready dict in the API's paging envelope (``items``,
``total``, ``offset``, ``limit``, ``next``) plus what the page shows around it: the sort, the filters in force,
facet counts, the previous page. Sorting, filtering, counting and paging all run in SQL over indexed columns
(:mod:`communique.store.browse`); a page reads at most ``limit`` rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ..errors import CommuniqueError
from ..kb.browse import fold_words
from ..kb.match import actor_matches, normalize_name
from ..store.base import Store
from ..store.browse import SORT_COLUMNS, BrowseIndex, Query, index_of

__all__ = ["FACET_LIMIT", "INDEXES", "Index", "index_page", "timeline_page"]

DEFAULT_LIMIT = 50  # rows per page when the client does not say (as the record API)
FACET_LIMIT = 12  # facet values listed per facet: the most frequent ones; more is a wall of links
NAME_CANDIDATES = 200  # entities an actor filter may name at most ("Lee" alone matches many people)
ACTOR_WORDS_MAX = 12  # longer than any name with its titles; bounds the word runs looked up (SQL has limits)
MAX_FACET_VALUES = 50  # values one facet filter may name: more is not a choice a person made (and SQL has limits)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Index:
    """One index page type: its item type in the browse index, heading, sorts and facets."""

    type: str
    title: str
    sorts: tuple[str, ...]  # the first is the default
    facets: tuple[str, ...]


INDEXES = {
    "people": Index("person", "People", ("-docs", "name", "-name", "docs", "-date", "date"), ("country", "topic", "outlet")),
    "organizations": Index("organization", "Organizations", ("-docs", "name", "-name", "docs", "-date", "date"),
                           ("country", "outlet")),
    "places": Index("place", "Places", ("-docs", "name", "-name", "docs", "-date", "date"), ("kind", "country", "outlet")),
    "documents": Index("document", "Documents", ("-date", "date", "name", "-name"),
                       ("kind", "outlet", "country", "topic")),
    "stories": Index("story", "Stories", ("-date", "date", "-docs", "docs", "name", "-name"),
                     ("outlet", "kind", "country", "topic")),
}
TIMELINE_SORTS = ("-date", "date")
HIDDEN_FILTERS = ("entity",)  # filters a link may set (documents mentioning an entity) but no sidebar lists


def _date_param(value: str | None, *, end: bool) -> str | None:
    """A ``from``/``to`` parameter as an ISO prefix: "2024" or "2024-05" or "2024-05-06"; ``to`` of a year or month
    is its last day (string order then includes every date inside it)."""
    if not value or not value.strip():
        return None
    match = _DATE.match(value.strip())
    if not match:
        raise CommuniqueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if not end:
        return value.strip()
    return f"{year}-{month or '12'}-{day or '31'}"


def _links(path: str, keep: dict[str, Any], offset: int, limit: int, total: int) -> tuple[str | None, str | None]:
    """(next, previous) page URLs keeping every filter and the sort."""

    def url(at: int) -> str:
        return f"{path}?{urlencode({**keep, 'offset': at, 'limit': limit}, doseq=True)}"

    nxt = url(offset + limit) if offset + limit < total else None
    prev = url(max(0, offset - limit)) if offset > 0 else None
    return nxt, prev


def _href(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``params`` changed by ``changes`` (None drops one), back at the first page."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", [])}
    return f"{path}?{urlencode(merged, doseq=True)}" if merged else path


def _envelope(index: BrowseIndex, q: Query, path: str, params: dict[str, Any], facet_names: tuple[str, ...],
              selected: dict[str, list[str]]) -> dict[str, Any]:
    items, total = index.page(q)
    keep = {k: v for k, v in params.items() if v not in (None, "", [])}
    if q.limit != DEFAULT_LIMIT:
        keep["limit"] = q.limit
    nxt, prev = _links(path, keep, q.offset, q.limit, total)
    facets = {}
    for name in facet_names:
        chosen = list(selected.get(name, []))
        values = index.facet_counts(q, name, FACET_LIMIT)
        values += [{"value": v, "count": 0} for v in chosen if v not in {f["value"] for f in values}]
        facets[name] = [{**v, "selected": v["value"] in chosen,
                         "href": _href(path, keep, **{name: [c for c in chosen if c != v["value"]]
                                                      if v["value"] in chosen else [*chosen, v["value"]]})}
                        for v in values]
    return {"items": items, "total": total, "offset": q.offset, "limit": q.limit, "next": nxt, "prev": prev,
            "sort": q.sort, "facets": facets, "clear": _href(path, {}),
            "sort_links": {s: _href(path, keep, sort=s) for s in ("name", "-name", "date", "-date", "docs", "-docs")}}


def index_page(store: Store, kind: str, *, sort: str | None = None, offset: int = 0, limit: int = DEFAULT_LIMIT,
               q: str | None = None, date_from: str | None = None, date_to: str | None = None,
               filters: dict[str, list[str]] | None = None, path: str | None = None) -> dict[str, Any]:
    """One page of an index (``kind``: people, organizations, places, documents, stories): items sorted by
    ``sort``, filtered by name words ``q``, the date range and facet values (any of the values of one facet, all
    facets), with facet counts over the filtered items."""
    spec = INDEXES.get(kind)
    if spec is None:
        raise CommuniqueError(f"unknown index {kind!r}; use one of {', '.join(INDEXES)}")
    sort = sort or spec.sorts[0]
    if sort not in SORT_COLUMNS:  # every sort works everywhere; ``spec.sorts`` are the ones a page offers
        raise CommuniqueError(f"sort by one of {', '.join(spec.sorts)}, not {sort!r}")
    allowed = (*spec.facets, *HIDDEN_FILTERS)
    chosen = {k: [v for v in vs if v] for k, vs in (filters or {}).items() if k in allowed and any(vs)}
    if any(len(vs) > MAX_FACET_VALUES for vs in chosen.values()):
        raise CommuniqueError(f"at most {MAX_FACET_VALUES} values per filter")
    words = " ".join(normalize_name(q or "")) or None
    query = Query(spec.type, sort=sort, offset=offset, limit=limit, facets=chosen, words=words,
                  date_from=_date_param(date_from, end=False), date_to=_date_param(date_to, end=True))
    params = {"q": q, "from": date_from, "to": date_to, **chosen, "sort": sort if sort != spec.sorts[0] else None}
    data = _envelope(index_of(store), query, path or f"/{kind}", params, spec.facets, chosen)
    return {"kind": kind, "title": spec.title, "sorts": list(spec.sorts), "q": q or "",
            "date_from": date_from or "", "date_to": date_to or "", "filters": chosen, **data}


def _actor_ids(index: BrowseIndex, actor: str) -> list[str]:
    """Entities an actor filter names: a name or alias holding the filter's words as a run, or one that is a run
    of the filter's words ("Secretary Marsh" names "Marsh"); the surname alone matches, a first name alone not."""
    tokens = normalize_name(actor)
    if len(tokens) > ACTOR_WORDS_MAX:
        raise CommuniqueError(f"an actor is a name: at most {ACTOR_WORDS_MAX} words")
    runs = [f" {' '.join(tokens[i:j])} " for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)]
    found = index.names_like("entity", " ".join(tokens), runs, NAME_CANDIDATES)
    return list(dict.fromkeys(eid for eid, name in found if actor_matches(actor, name)))


def timeline_page(store: Store, *, actor: str | None = None, topic: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, sort: str | None = None, undated: bool = False, offset: int = 0,
                  limit: int = DEFAULT_LIMIT, path: str = "/timeline") -> dict[str, Any]:
    """Events newest first (``sort="date"``: oldest first), paged; filtered by participant (any name or alias,
    accent/case-insensitive, surname alone allowed), topic (an event topic or words of its label) and date range.
    Undated events are their own section: counted beside the dated ones, listed with ``undated=True``."""
    sort = sort or TIMELINE_SORTS[0]
    if sort not in TIMELINE_SORTS:
        raise CommuniqueError(f"timeline sort by one of {', '.join(TIMELINE_SORTS)}, not {sort!r}")
    index = index_of(store)
    chosen: dict[str, list[str]] = {}
    if actor and actor.strip():
        chosen["actor"] = _actor_ids(index, actor)
    query = Query("event", sort=sort, offset=offset, limit=limit, facets=chosen,
                  date_from=_date_param(date_from, end=False), date_to=_date_param(date_to, end=True))
    key = " ".join(normalize_name((topic or "").replace("_", " ")))
    if key:
        values = [v for v in index.facet_values("event", "topic") if fold_words(v).strip() == key]
        query.facet_or_words, query.words = ("topic", values), key
    query.dated = not undated
    params = {"actor": actor, "topic": topic, "from": date_from, "to": date_to,
              "sort": sort if sort != TIMELINE_SORTS[0] else None, "undated": 1 if undated else None}
    data = _envelope(index, query, path, params, ("topic",), {})  # the topics the page lists
    other = Query(**{**query.__dict__, "dated": undated, "offset": 0, "limit": 1})
    _, other_total = index.page(other)
    undated_url = _href(path, {**params, "undated": None if undated else 1})
    return {"actor": actor or None, "topic": topic or None, "date_from": date_from or "", "date_to": date_to or "",
            "undated": undated, "sorts": list(TIMELINE_SORTS), "actor_ids": chosen.get("actor"),
            "other_section": {"undated": not undated, "total": other_total, "url": undated_url}, **data}
