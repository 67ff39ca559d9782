"""Full-text index: SQLite FTS5 over passages, quotes and events; incremental refresh; safe query syntax.

Tables (all ``search_*``, created here with ``IF NOT EXISTS`` in the store's database):

- ``search_items``: one row per indexed item (``passage`` of document text, ``quote``, ``event``) with its document,
  offsets and the filter columns (actors, topics, date, kind, source, title);
- ``search_fts``: FTS5 table (porter + unicode61, diacritics removed), rowid = ``search_items.id``;
- ``search_docs``: which documents are indexed and from which stored version (``ingested_at``);
- ``search_meta``: the highest document ``seq`` indexed.

``refresh_index`` commits one document at a time, so a killed refresh leaves a consistent index and a rerun
completes it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import CommuniqueError
from ..model import KINDS, Document
from .segment import passages, squash

__all__ = [
    "Hit",
    "SearchQueryError",
    "ITEM_TYPES",
    "ensure_schema",
    "refresh_text_index",
    "to_fts_query",
    "fts_search",
    "filter_clause",
    "doc_title",
    "item_rows",
    "snippet",
]

ITEM_TYPES = ("document", "quote", "event")  # Hit.type values; passages are reported as "document" hits
SNIPPET_CHARS = 240  # longest snippet shown for a hit
BM25_WEIGHTS = (1.0, 0.6, 0.4)  # body, who (speaker/participants), tags (labels/topics): text matters most

_SCHEMA = """
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS search_docs (doc_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, ingested_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS search_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL, type TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    body TEXT NOT NULL, who TEXT NOT NULL, tags TEXT NOT NULL,
    actors TEXT NOT NULL, topics TEXT NOT NULL, date TEXT, kind TEXT, source TEXT, title TEXT
);
CREATE INDEX IF NOT EXISTS search_items_doc ON search_items(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    body, who, tags, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS search_vectors (item_id INTEGER PRIMARY KEY, vec BLOB NOT NULL);
"""


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


def ensure_schema(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def doc_title(title: str | None, source: str) -> str:
    """The title shown in hits and citations: the document's title, else its file name."""
    return squash(title) if title else Path(source).stem or source


# -- indexing ---------------------------------------------------------------------------------------------
def _names_in(doc: Document, start: int, end: int) -> list[str]:
    names = [m.text for m in doc.mentions if m.start >= start and m.end <= end and m.type != "other"]
    names += [r.person for r in doc.roles if r.person_start >= start and r.person_end <= end]
    return names


def _items(doc: Document) -> list[tuple[str, int, int, str, str, str, list[str], list[str], str | None]]:
    """(type, start, end, body, who, tags, actors, topics, date) for every item of ``doc``."""
    out = []
    date = doc.published
    for span in passages(doc.text):
        topics = [t for e in doc.events if e.start < span.end and e.end > span.start for t in e.topics]
        actors = _names_in(doc, span.start, span.end)
        out.append(("document", span.start, span.end, squash(span.text), "", " ".join(topics), actors, topics, date))
    for q in doc.quotes:
        who = squash(q.speaker_name or "")
        out.append(("quote", q.start, q.end, squash(q.text), who, q.cue or "", [who] if who else [], [], date))
    for e in doc.events:
        names = [p[0] for p in e.participants]
        tags = " ".join([e.type, e.mode or "", e.label, *e.topics, e.place or ""])
        body = squash(doc.text[e.start:e.end])
        out.append(("event", e.start, e.end, body, squash(" ".join(names)), squash(tags), names, list(e.topics),
                    e.date_value or date))
    return out


def _index_document(conn: sqlite3.Connection, doc: Document, seq: int, ingested_at: float) -> None:
    old = [r[0] for r in conn.execute("SELECT id FROM search_items WHERE doc_id=?", (doc.id,))]
    for item_id in old:
        conn.execute("DELETE FROM search_fts WHERE rowid=?", (item_id,))
        conn.execute("DELETE FROM search_vectors WHERE item_id=?", (item_id,))
    conn.execute("DELETE FROM search_items WHERE doc_id=?", (doc.id,))
    if doc.duplicate_of is None:  # a duplicate's text is already indexed under the canonical document
        title = doc_title(doc.title, doc.source)
        for typ, start, end, body, who, tags, actors, topics, date in _items(doc):
            cur = conn.execute(
                'INSERT INTO search_items (doc_id, type, start, "end", body, who, tags, actors, topics, date, kind, '
                "source, title) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, typ, start, end, body, who, tags, "|".join(a.lower() for a in actors),
                 "|".join(t.lower() for t in topics), date, doc.kind, doc.source, title),
            )
            conn.execute("INSERT INTO search_fts (rowid, body, who, tags) VALUES (?,?,?,?)",
                         (cur.lastrowid, body, who, tags))
    conn.execute("INSERT OR REPLACE INTO search_docs VALUES (?,?,?)", (doc.id, seq, ingested_at))
    conn.execute("INSERT INTO search_meta VALUES ('last_seq', ?) ON CONFLICT(key) DO UPDATE SET value="
                 "MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))", (str(seq),))


def refresh_text_index(store: Any) -> int:
    """Index documents stored after the last refresh (``seq`` above the last indexed) and re-stored ones."""
    conn: sqlite3.Connection = store.conn
    ensure_schema(conn)
    row = conn.execute("SELECT value FROM search_meta WHERE key='last_seq'").fetchone()
    last = int(row[0]) if row else 0
    todo = conn.execute(
        "SELECT d.seq, d.id, d.ingested_at FROM documents d LEFT JOIN search_docs s ON s.doc_id = d.id "
        "WHERE d.seq > ? OR s.doc_id IS NULL OR d.ingested_at > s.ingested_at ORDER BY d.seq",
        (last,),
    ).fetchall()
    done = 0
    for seq, doc_id, ingested_at in todo:
        doc = store.get(doc_id)
        if doc is None:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            _index_document(conn, doc, seq, ingested_at)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done += 1
    return done


# -- queries ----------------------------------------------------------------------------------------------
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT"}


def _quoted(words: list[str], prefix: bool = False) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def to_fts_query(query: str, *, any_term: bool = False) -> str:
    """A safe FTS5 expression for a user query.

    Words and ``"phrases"`` are quoted (so FTS syntax characters such as ``(``, ``:``, ``-``, ``NEAR`` are plain
    text); ``AND``/``OR``/``NOT`` in upper case between two terms stay operators; ``word*`` is a prefix search.
    ``any_term`` joins the terms with OR (keyword retrieval for ``ask``). Raises :class:`SearchQueryError` for
    an unbalanced double quote, an operator without a term on each side, or a query with no words.
    """
    if query.count('"') % 2:
        raise SearchQueryError(f"search query {query!r}: unbalanced double quote; close the phrase or remove the quote")
    parts: list[str] = []  # terms and operators, alternating when valid
    for m in _TOKEN.finditer(query):
        phrase, token = m.group(1), m.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append(_quoted(words))
            continue
        if token in _OPERATORS and not any_term:
            if not parts or parts[-1] in _OPERATORS:
                raise SearchQueryError(f"search query {query!r}: {token} needs a word on each side")
            parts.append(token)
            continue
        words = _WORD.findall(token)
        if words:
            parts.append(_quoted(words, prefix=token.endswith("*") and len(words) == 1))
    if parts and parts[-1] in _OPERATORS:
        raise SearchQueryError(f"search query {query!r}: {parts[-1]} needs a word on each side")
    terms = [p for p in parts if p not in _OPERATORS]
    if not terms:
        raise SearchQueryError(f"search query {query!r}: no words to search for")
    if any_term:
        return " OR ".join(dict.fromkeys(terms))
    return " ".join(parts)


def filter_clause(
    *, kind: str | None = None, actor: str | None = None, topic: str | None = None, since: str | None = None,
    until: str | None = None, source: str | None = None, alias: str = "i",
) -> tuple[str, list[Any]]:
    """SQL conditions (joined with AND, empty when none) and parameters for the search filters.

    ``kind`` is a document kind (``readout``, ``news`` ...) or an item type (``document``, ``quote``, ``event``);
    ``since``/``until`` compare ISO dates (``2023``, ``2023-03``, ``2023-03-09``) with the item's date.
    """
    conds: list[str] = []
    params: list[Any] = []
    if kind:
        if kind in ITEM_TYPES:
            conds.append(f"{alias}.type = ?")
        elif kind in KINDS:
            conds.append(f"{alias}.kind = ?")
        else:
            raise SearchQueryError(f"unknown kind {kind!r}: use one of {', '.join((*ITEM_TYPES, *KINDS))}")
        params.append(kind)
    if actor:
        conds.append(f"instr({alias}.actors, ?) > 0")
        params.append(actor.lower())
    if topic:
        conds.append(f"(instr({alias}.topics, ?) > 0 OR instr(lower({alias}.body), ?) > 0)")
        params += [topic.lower(), topic.lower()]
    if since:
        conds.append(f"{alias}.date >= ?")
        params.append(since)
    if until:
        conds.append(f"substr({alias}.date, 1, ?) <= ?")  # "until 2023-03" keeps every day of March
        params += [len(until), until]
    if source:
        conds.append(f"instr({alias}.source, ?) > 0")
        params.append(source)
    return " AND ".join(conds), params


def fts_search(conn: sqlite3.Connection, fts_query: str, where: str, params: list[Any], limit: int) -> list[tuple]:
    """(item id, doc id, type, start, end, body, title, date, score) best first; score = -bm25 (higher is better)."""
    sql = (
        'SELECT i.id, i.doc_id, i.type, i.start, i."end", i.body, i.title, i.date, '
        f"-bm25(search_fts, {', '.join(map(str, BM25_WEIGHTS))}) AS score "
        "FROM search_fts JOIN search_items i ON i.id = search_fts.rowid "
        f"WHERE search_fts MATCH ? {'AND ' + where if where else ''} ORDER BY score DESC LIMIT ?"
    )
    try:
        return conn.execute(sql, (fts_query, *params, limit)).fetchall()
    except sqlite3.OperationalError as exc:  # should not happen with to_fts_query; never leak sqlite3 errors
        raise SearchQueryError(f"search query could not be run ({exc}); simplify it") from None


def item_rows(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[tuple]:
    """Filtered items that have a vector: (item id, doc id, type, start, end, body, title, date, vec)."""
    sql = ('SELECT i.id, i.doc_id, i.type, i.start, i."end", i.body, i.title, i.date, v.vec '
           "FROM search_items i JOIN search_vectors v ON v.item_id = i.id "
           f"{'WHERE ' + where if where else ''}")
    return conn.execute(sql, params).fetchall()


def snippet(body: str, max_chars: int = SNIPPET_CHARS) -> str:
    return body if len(body) <= max_chars else body[: max_chars - 1].rsplit(" ", 1)[0] + "…"


