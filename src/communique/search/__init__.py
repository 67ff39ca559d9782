"""Search (full-text FTS5 / tsvector + semantic vectors, hybrid by reciprocal-rank fusion) and ``ask`` with
citations, on SQLite and PostgreSQL through one index interface (:mod:`communique.search.index`)."""

from __future__ import annotations

from .ask import Answer, AnswerSentence, ask
from .hits import Filters, Hit, SearchQueryError
from .hybrid import refresh_index, search
from .index import SearchIndex, index_for

__all__ = ["search", "refresh_index", "ask", "index_for", "SearchIndex", "Filters", "Hit", "Answer", "AnswerSentence",
           "SearchQueryError"]
