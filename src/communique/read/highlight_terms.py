"""Query terms highlighted in search snippets: character offsets into the snippet, accent- and case-free.

``term_spans(query, text)`` gives ``[start, end)`` spans of the query's words (and quoted phrases) in ``text``;
``parts(text, spans)`` cuts the text into ``(segment, marked)`` pairs for a template (which escapes each segment).
"""

from __future__ import annotations

import re
import unicodedata

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["term_spans", "parts", "MIN_TERM_CHARS"]

MIN_TERM_CHARS = 2  # one letter marks half the text ("a", "I")
_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFKD", c)[:1] or c
    return base.casefold()[:1] or c


def fold(text: str) -> str:
    """Lower-case, accents dropped, same length as ``text`` (offsets in the folded text are offsets in ``text``)."""
    return "".join(_fold_char(c) for c in text)


def _terms(query: str) -> list[str]:
    phrases = [" ".join(p.split()) for p in _PHRASE.findall(query)]
    rest = _PHRASE.sub(" ", query)
    words = [w for w in _WORD.findall(rest) if len(w) >= MIN_TERM_CHARS and w.casefold() not in STOP_WORDS]
    return [fold(t) for t in (*phrases, *words) if t]


def term_spans(query: str, text: str) -> list[list[int]]:
    """Non-overlapping spans of the query terms in ``text``, on word boundaries, in text order."""
    folded = fold(text)
    found: list[tuple[int, int]] = []
    for term in sorted(set(_terms(query)), key=len, reverse=True):
        pattern = re.compile(r"(?<![^\W_])" + r"\s+".join(map(re.escape, term.split())) + r"\w*")
        for m in pattern.finditer(folded):
            if not any(m.start() < e and s < m.end() for s, e in found):
                found.append((m.start(), m.end()))
    return [[s, e] for s, e in sorted(found)]


def parts(text: str, spans: list[list[int]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in spans:
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out
