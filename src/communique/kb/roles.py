"""A person's roles over time as date spans (the person page and the people index)."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FORMER", "latest_role", "role_spans"]

FORMER = "Former "  # how the role extractor writes a past role ("Former Foreign Minister")
_ISO_DAY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def role_spans(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A person's stated roles merged into spans: one per title (a "Former X" is evidence that X ended, never a
    current role) and country, with the organisation named most often, the first and last publication dates it is
    seen held, the number of documents stating it, whether the latest evidence shows it held, and the first
    evidence. A role stated without a country joins the span of the same title when only one country holds it."""
    by_title: dict[str, set[str]] = {}
    for r in roles:
        if r.get("country"):
            by_title.setdefault(_title(r), set()).add(r["country"])
    spans: dict[tuple[str, str | None], dict[str, Any]] = {}
    dated_of: dict[str, bool] = {}  # as_of -> whether it is a date (a person's roles share few dates)
    for r in sorted(roles, key=lambda r: (str(r.get("as_of") or "9999"), r.get("doc") or "", r.get("start") or 0)):
        title = _title(r)
        countries = by_title.get(title, set())
        country = r.get("country") or (next(iter(countries)) if len(countries) == 1 else None)
        span = spans.get((title, country))
        if span is None:
            span = spans[(title, country)] = {
                "title": title, "country": country, "organizations": {}, "from": None, "to": None, "docs": set(),
                "current": True, "latest": "", "evidence": {"doc": r.get("doc"), "start": r.get("start")}}
        former = str(r["title"]).startswith(FORMER)
        if r.get("organization"):
            span["organizations"][r["organization"]] = span["organizations"].get(r["organization"], 0) + 1
        if r.get("doc"):
            span["docs"].add(r["doc"])
        when = str(r.get("as_of") or "")
        dated = dated_of.get(when)
        if dated is None:
            dated = dated_of[when] = bool(_ISO_DAY.match(when[:10]))
        if dated and not former:
            span["from"] = min(span["from"] or when[:10], when[:10])
            span["to"] = max(span["to"] or when[:10], when[:10])
        if not dated and span["latest"]:
            continue  # dated evidence decides whether it is held now
        if when[:10] >= span["latest"]:
            span["latest"], span["current"] = when[:10] if dated else "", not former
    out = []
    for span in spans.values():
        orgs = span.pop("organizations")
        span.pop("latest")
        out.append({**span, "organization": max(orgs, key=orgs.get) if orgs else None, "docs": len(span["docs"])})
    return sorted(out, key=lambda s: (s["from"] or "9999", s["to"] or "9999", s["title"]))


def _title(role: dict[str, Any]) -> str:
    return str(role["title"]).removeprefix(FORMER).strip()


def latest_role(roles: list[dict[str, Any]]) -> str | None:
    """The title of the held role seen last (a role a later "Former ..." ended is not held), else None."""
    held = [s for s in role_spans(roles) if s["current"]]
    return max(held, key=lambda s: (s["to"] or "", s["docs"]))["title"] if held else None
