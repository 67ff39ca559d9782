"""Search (full-text FTS5 + semantic MiniLM, hybrid by reciprocal-rank fusion) and ``ask`` with citations."""

from __future__ import annotations

from .ask import Answer, AnswerSentence, ask
from .fts import Hit, SearchQueryError
from .hybrid import refresh_index, search

__all__ = ["search", "refresh_index", "ask", "Hit", "Answer", "AnswerSentence", "SearchQueryError"]
