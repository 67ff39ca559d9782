"""Full-text search on the PostgreSQL backend: the ``documents.tsv`` column (tsvector, GIN index).

Hits are documents, ranked by ``ts_rank_cd``; each hit's offsets point at the first sentence-sized passage that
holds a query word, so a citation opens at the right place.
"""

from __future__ import annotations

import re
from typing import Any

from .fts import Hit, SearchQueryError, snippet

__all__ = ["pg_search", "PASSAGE_CHARS"]

PASSAGE_CHARS = 300  # the passage a hit points to: about two sentences around the first matching word
_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)


def _passage(text: str, query: str) -> tuple[int, int]:
    lowered = text.lower()
    positions = [p for w in _WORD.findall(query.lower()) if (p := lowered.find(w)) >= 0]
    if not positions:
        return 0, min(len(text), PASSAGE_CHARS)
    first = min(positions)
    start = max(text.rfind(". ", 0, first) + 2, text.rfind("\n", 0, first) + 1, 0)
    return start, min(len(text), start + PASSAGE_CHARS)


def pg_search(store: Any, query: str, *, kind: str | None = None, since: str | None = None, until: str | None = None,
              source: str | None = None, limit: int = 20, **unsupported: Any) -> list[Hit]:
    """Documents matching ``query`` (web-search syntax: words, "phrases", OR, -word), best first."""
    used = sorted(k for k, v in unsupported.items() if v)
    if used:
        raise SearchQueryError(f"on PostgreSQL, search supports --kind/--since/--until/--source only (not {', '.join(used)})")
    if not query.strip():
        raise SearchQueryError("empty search query: give at least one word")
    conds: list[str] = ["tsv @@ websearch_to_tsquery('english', %s)"]
    params: list[Any] = [query]
    for column, op, value in (("kind", "=", kind), ("published", ">=", since)):
        if value:
            conds.append(f"{column} {op} %s")
            params.append(value)
    if source:  # a plain substring (as SQLite's instr): no LIKE, so '%' and '_' in it match only themselves
        conds.append("strpos(source, %s) > 0")
        params.append(source)
    if until:
        conds.append("substr(published, 1, %s) <= %s")
        params += [len(until), until]
    sql = (f"SELECT id, title, published, text, ts_rank_cd(tsv, websearch_to_tsquery('english', %s)) AS score "
           f"FROM documents WHERE {' AND '.join(conds)} ORDER BY score DESC, seq LIMIT %s")
    rows = store.conn.execute(sql, [query, *params, limit]).fetchall()
    store.conn.rollback()
    hits = []
    for doc_id, title, published, text, score in rows:
        start, end = _passage(text, query)
        hits.append(Hit(type="document", doc=doc_id, start=start, end=end, snippet=snippet(text[start:end]),
                        score=round(float(score), 6), title=title or "", published=published))
    return hits
