"""What every search index shares: hits, filters, the query syntax and the items a document is indexed as.

Query syntax (one language on every backend): words and ``"phrases"``; ``AND`` / ``OR`` / ``NOT`` in upper case
between two terms are operators (two terms side by side mean AND); ``word*`` is a prefix search. Any other
character (``(``, ``:``, ``-``, ``NEAR``) is plain text. :func:`parse_query` turns a query into terms and
operators; each backend writes them in its own dialect (FTS5 ``MATCH``, PostgreSQL ``to_tsquery``).

Items: one per passage of a document's clean text (reported as ``document`` hits), one per quote and one per
event. A quote or an event points into the passage that holds most of it (``passage``): semantic search scores
it with that passage's vector; full-text search ranks its own text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CommuniqueError
from ..model import KINDS, Document
from .function_words import FUNCTION_WORDS
from .segment import passages, squash

__all__ = [
    "Hit",
    "Filters",
    "Item",
    "SearchQueryError",
    "ITEM_TYPES",
    "Term",
    "parse_query",
    "to_fts_query",
    "to_tsquery",
    "filter_clause",
    "doc_title",
    "document_items",
    "document_passages",
    "snippet",
    "SNIPPET_CHARS",
]

ITEM_TYPES = ("document", "quote", "event")  # Hit.type values; passages are reported as "document" hits
SNIPPET_CHARS = 240  # longest snippet shown for a hit


class SearchQueryError(CommuniqueError):
    """A search query that cannot be understood (one line, names the problem)."""


@dataclass(frozen=True, slots=True)
class Hit:
    type: str  # document / quote / event
    doc: str
    start: int
    end: int
    snippet: str
    score: float
    title: str
    published: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Filters:
    """Search filters: ``kind`` is a document kind (``readout``, ``news`` ...) or an item type (``document``,
    ``quote``, ``event``); ``since``/``until`` compare ISO dates (``2023``, ``2023-03``, ``2023-03-09``) with the
    item's date; ``actor``, ``topic`` and ``source`` are substrings (case ignored for actor and topic)."""

    kind: str | None = None
    actor: str | None = None
    topic: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if self.kind and self.kind not in ITEM_TYPES and self.kind not in KINDS:
            raise SearchQueryError(f"unknown kind {self.kind!r}: use one of {', '.join((*ITEM_TYPES, *KINDS))}")


@dataclass(frozen=True, slots=True)
class Item:
    """One indexed item of a document (``passage``: index of the passage that holds it in the document's list)."""

    type: str
    start: int
    end: int
    body: str
    who: str
    tags: str
    actors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    date: str | None = None
    passage: int = 0


def doc_title(title: str | None, source: str) -> str:
    """The title shown in hits and citations: the document's title, else its file name."""
    return squash(title) if title else Path(source).stem or source


def snippet(body: str, max_chars: int = SNIPPET_CHARS) -> str:
    return body if len(body) <= max_chars else body[: max_chars - 1].rsplit(" ", 1)[0] + "…"


# -- items ------------------------------------------------------------------------------------------------
def _names_in(doc: Document, start: int, end: int) -> list[str]:
    names = [m.text for m in doc.mentions if m.start >= start and m.end <= end and m.type != "other"]
    names += [r.person for r in doc.roles if r.person_start >= start and r.person_end <= end]
    return names


def _holding_passage(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """Index of the passage that overlaps [start, end) most (the nearest one before it when none overlaps)."""
    best, best_overlap = 0, -1
    for k, (s, e) in enumerate(spans):
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap or (overlap == best_overlap and overlap <= 0 and s <= start):
            best, best_overlap = k, overlap
    return best


def document_passages(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text as indexed and embedded) of every passage of a clean text."""
    return [(s.start, s.end, squash(s.text)) for s in passages(text)]


def document_items(doc: Document) -> list[Item]:
    """The passages of ``doc`` first (``passage`` = their own index), then its quotes and events."""
    out: list[Item] = []
    date = doc.published
    spans = document_passages(doc.text)
    bounds = [(start, end) for start, end, _ in spans]
    for k, (start, end, body) in enumerate(spans):
        topics = [t for e in doc.events if e.start < end and e.end > start for t in e.topics]
        out.append(Item("document", start, end, body, "", " ".join(topics), _names_in(doc, start, end), topics,
                        date, k))
    if not bounds:  # no passage to point into: quotes and events of an empty text are not indexed either
        return out
    for q in doc.quotes:
        who = squash(q.speaker_name or "")
        out.append(Item("quote", q.start, q.end, squash(q.text), who, q.cue or "", [who] if who else [], [], date,
                        _holding_passage(bounds, q.start, q.end)))
    for e in doc.events:
        names = [p[0] for p in e.participants]
        tags = " ".join([e.type, e.mode or "", e.label, *e.topics, e.place or ""])
        out.append(Item("event", e.start, e.end, squash(doc.text[e.start:e.end]), squash(" ".join(names)),
                        squash(tags), names, list(e.topics), e.date_value or date,
                        _holding_passage(bounds, e.start, e.end)))
    return out


# -- query syntax -----------------------------------------------------------------------------------------
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase in order
    prefix: bool = False  # ``word*``


def parse_query(query: str, *, any_term: bool = False) -> list[Term | str]:
    """Terms and operators (``AND``/``OR``/``NOT``) of ``query``, alternating where an operator was written.

    ``any_term``: keyword retrieval (``ask``): every term joined with ``OR``, operators read as words dropped.
    Without it and without an operator, the single words of :data:`function_words.FUNCTION_WORDS` are dropped
    when another term is left (each would match most items: a long posting list that narrows and weighs little).
    Raises :class:`SearchQueryError` for an unbalanced double quote, an operator without a term on each side, or a
    query with no words.
    """
    if query.count('"') % 2:
        raise SearchQueryError(f"search query {query!r}: unbalanced double quote; close the phrase or remove the quote")
    parts: list[Term | str] = []
    for m in _TOKEN.finditer(query):
        phrase, token = m.group(1), m.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append(Term(tuple(words)))
            continue
        if token in _OPERATORS and not any_term:
            if not parts or isinstance(parts[-1], str):
                raise SearchQueryError(f"search query {query!r}: {token} needs a word on each side")
            parts.append(token)
            continue
        words = _WORD.findall(token)
        if words:
            parts.append(Term(tuple(words), prefix=token.endswith("*") and len(words) == 1))
    if parts and isinstance(parts[-1], str):
        raise SearchQueryError(f"search query {query!r}: {parts[-1]} needs a word on each side")
    terms = [p for p in parts if isinstance(p, Term)]
    if not terms:
        raise SearchQueryError(f"search query {query!r}: no words to search for")
    if any_term:
        unique = list(dict.fromkeys(terms))
        return [x for t in unique for x in ("OR", t)][1:]
    if len(terms) == len(parts):  # no operator written: every word must match but function words
        content: list[Term | str] = [t for t in terms if not _is_function_word(t)]
        return content or parts
    return parts


def _is_function_word(term: Term) -> bool:
    """A single bare word of :data:`function_words.FUNCTION_WORDS` (a phrase or a prefix is kept as written)."""
    return len(term.words) == 1 and not term.prefix and term.words[0].lower() in FUNCTION_WORDS


def to_fts_query(query: str, *, any_term: bool = False) -> str:
    """A safe SQLite FTS5 expression for ``query`` (see :func:`parse_query`)."""
    out = []
    for p in parse_query(query, any_term=any_term):
        out.append(p if isinstance(p, str) else '"' + " ".join(p.words) + '"' + ("*" if p.prefix else ""))
    return " ".join(out)


def to_tsquery(query: str, *, any_term: bool = False) -> str:
    """A safe PostgreSQL ``to_tsquery`` expression for ``query``: words are ``\\w+`` only, phrases ``<->``,
    prefixes ``:*``, side-by-side terms ``&``, ``NOT`` as ``& !``."""
    out: list[str] = []
    for p in parse_query(query, any_term=any_term):
        if isinstance(p, str):
            out.append({"AND": "&", "OR": "|", "NOT": "& !"}[p])
            continue
        if out and out[-1] not in ("&", "|", "& !"):
            out.append("&")
        words = [w.lower() for w in p.words]
        term = " <-> ".join(words) + (":*" if p.prefix else "")
        out.append(f"({term})" if len(words) > 1 else term)
    return " ".join(out)


def filter_clause(filters: Filters, *, alias: str = "i", instr: str = "instr") -> tuple[str, list[Any]]:
    """SQL conditions (joined with AND, empty when none) and parameters (``?`` placeholders) for ``filters``.

    ``instr``: the dialect's substring position function (``instr(haystack, needle)``; PostgreSQL: ``strpos``).
    """
    conds: list[str] = []
    params: list[Any] = []
    if filters.kind:
        conds.append(f"{alias}.type = ?" if filters.kind in ITEM_TYPES else f"{alias}.kind = ?")
        params.append(filters.kind)
    if filters.actor:
        conds.append(f"{instr}({alias}.actors, ?) > 0")
        params.append(filters.actor.lower())
    if filters.topic:
        conds.append(f"({instr}({alias}.topics, ?) > 0 OR {instr}(lower({alias}.body), ?) > 0)")
        params += [filters.topic.lower(), filters.topic.lower()]
    if filters.since:
        conds.append(f"{alias}.date >= ?")
        params.append(filters.since)
    if filters.until:
        conds.append(f"substr({alias}.date, 1, ?) <= ?")  # "until 2023-03" keeps every day of March
        params += [len(filters.until), filters.until]
    if filters.source:
        conds.append(f"{instr}({alias}.source, ?) > 0")
        params.append(filters.source)
    return " AND ".join(conds), params
