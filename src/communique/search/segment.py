"""Sentences and passages with character offsets into a document's clean text.

A light rule splitter (no model load), good enough for indexing and for citing answer sentences:

1. candidate boundaries: ``.``, ``!``, ``?`` or ``…`` (optionally followed by a closing quote or bracket), then
   whitespace, then an upper-case letter, a digit or an opening quote;
2. a boundary after a known abbreviation (unless it is one that often ends a sentence, ``D.C.``, ``U.S.``,
   and the next word is a typical sentence opener: ``The``, ``They`` ...) (``Mr.``, ``U.S.``, ``Gen.`` ...) or a single initial (``R.``) is no boundary;
3. a blank line or a transcript turn (``PRESIDENT BIDEN:`` at the start of a line) always starts a new sentence.

Passages group consecutive sentences of one paragraph up to :data:`PASSAGE_MAX_CHARS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .question_patterns import ABBREVIATIONS, FINAL_ABBREVIATIONS, SENTENCE_STARTERS

__all__ = ["Span", "sentences", "passages", "PASSAGE_MAX_CHARS", "squash"]

PASSAGE_MAX_CHARS = 600  # about 100 tokens: fits MiniLM's 256-token window and keeps snippets readable

_BOUNDARY = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_HARD_BREAK = re.compile(r"\n\s*\n|\n(?=[A-Z][A-Z .’'\-]{2,60}:\s)")
_LAST_WORD = re.compile(r"(\S+)$")
_SPACE = re.compile(r"\s+")
_FIRST_WORD = re.compile(r"[\"“‘(]?(\w+)")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks inside sentences) to one space."""
    return _SPACE.sub(" ", text).strip()


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks separated by hard breaks (step 3)."""
    out, pos = [], 0
    for m in _HARD_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _is_abbreviation(chunk: str, after: str) -> bool:
    m = _LAST_WORD.search(chunk)
    if not m:
        return False
    word = m.group(1).lstrip("(“\"'")
    if word.lower() in FINAL_ABBREVIATIONS:  # "in Washington, D.C. They ..." ends a sentence
        first = _FIRST_WORD.match(after)
        return (first.group(1).lower() if first else "") not in SENTENCE_STARTERS
    if word.lower() in ABBREVIATIONS:
        return True
    return len(word) == 2 and word[0].isupper() and word[1] == "."  # an initial: "Joseph R. Biden"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[Span]:
    """Every sentence of ``text`` with its offsets (``text[s.start:s.end] == s.text``)."""
    out: list[Span] = []
    for b_start, b_end in _blocks(text):
        pos = b_start
        block = text[b_start:b_end]
        for m in _BOUNDARY.finditer(block):
            cut = b_start + m.start() + len(m.group(0).rstrip())
            if _is_abbreviation(text[pos:b_start + m.start() + 1], text[cut:b_end].lstrip()):
                continue
            s, e = _trim(text, pos, cut)
            if e > s:
                out.append(Span(s, e, text[s:e]))
            pos = cut
        s, e = _trim(text, pos, b_end)
        if e > s:
            out.append(Span(s, e, text[s:e]))
    return out


def passages(text: str, max_chars: int = PASSAGE_MAX_CHARS) -> list[Span]:
    """Consecutive sentences grouped up to ``max_chars`` (a longer sentence is a passage of its own)."""
    out: list[Span] = []
    group: list[Span] = []
    for sent in sentences(text):
        gap = text[group[-1].end:sent.start] if group else ""
        if group and ("\n\n" in gap or sent.end - group[0].start > max_chars):
            out.append(Span(group[0].start, group[-1].end, text[group[0].start:group[-1].end]))
            group = []
        group.append(sent)
    if group:
        out.append(Span(group[0].start, group[-1].end, text[group[0].start:group[-1].end]))
    return out
