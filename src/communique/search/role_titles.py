"""Whole role titles for ``ask``: a role record's title completed from the text around it, and a person's name
found in a sentence that writes it with more given names than the question.

Cascade of :func:`full_title` (a title written before the name: "<Title> <Name>"):
1. leftwards: the capitalised words and joining words ("and", "of", "to", "for", "the") right before the recorded
   title belong to it ("Chief Foreign Policy and <Title>", "<Organisation> President"); the words of another person
   named there, a lower-case word or punctuation end it;
2. rightwards: "<Title> <Name> of <Place>" gives the title its place ("Prime Minister of <Region>"), its
   capitalised words only (an "and" after it starts another person);
3. joining words left at either end are dropped.
"""

from __future__ import annotations

import re

from ..model import Document, Role
from .typed_answers import WORDS

__all__ = ["full_title", "find_name", "MAX_TITLE_WORDS", "MAX_MIDDLE_NAMES"]

MAX_TITLE_WORDS = 10  # a post's title is rarely longer ("Chief Foreign Policy and Security Advisor to the President")
MAX_MIDDLE_NAMES = 2  # "<Given> <Middle> <Middle> <Surname>": the question may leave out up to two middle names
_JOINERS = frozenset({"and", "of", "to", "for", "the"})
_PLACE_AFTER = re.compile(r"\s+of\s+((?:the\s+)?[A-Z][\w\-]*(?:[’']s)?(?:\s+(?:[A-Z][\w\-]*(?:[’']s)?|of|the))*)")


def _in_person(doc: Document, start: int, end: int) -> bool:
    """The text span is part of a person's name (a person mention or a role's person)."""
    return any(m.type == "person" and m.start < end and start < m.end for m in doc.mentions) or any(
        r.person_start < end and start < r.person_end for r in doc.roles)


def _trim(words: list[str]) -> list[str]:
    while words and words[0].lower() in _JOINERS:
        words = words[1:]
    while words and words[-1].lower() in _JOINERS:
        words = words[:-1]
    return words


def full_title(doc: Document, role: Role, title: str) -> str:
    """The role's ``title`` with the words the text writes around it (see the module cascade); ``title`` itself
    when the title stands after the name or nothing is to add."""
    if not role.start < role.person_start:
        return title
    words = title.split()
    # 1. leftwards, word by word, inside the line's sentence
    line_start = max(doc.text.rfind(c, 0, role.start) for c in ".;:,()\u201c\"") + 1
    before = list(WORDS.finditer(doc.text, line_start, role.start))
    added: list[str] = []
    for m in reversed(before):
        word = m.group(0)
        if len(words) + len(added) >= MAX_TITLE_WORDS or _in_person(doc, m.start(), m.end()):
            break
        if not (word[0].isupper() or word.lower() in _JOINERS):
            break
        added.insert(0, word)
    while added and added[0].lower() in _JOINERS:
        added = added[1:]  # the joining words at its end belong to the title ("... Policy and <Title>")
    left = added
    # 2. rightwards: "<Title> <Name> of <Place>"
    right: list[str] = []
    place = _PLACE_AFTER.match(doc.text, role.person_end)
    if place and not re.search(r"\bof\b", title, re.IGNORECASE):
        right = ["of", *_trim(place.group(1).split())]
    out = _trim([*left, *words, *right]) if len(right) > 1 else _trim([*left, *words])
    return " ".join(out[:MAX_TITLE_WORDS]) if len(out) <= MAX_TITLE_WORDS else title


def find_name(folded: str, tokens: list[str]) -> tuple[int, int] | None:
    """(start, end) in ``folded`` of the name ``tokens``, allowing up to MAX_MIDDLE_NAMES words between them
    ("<Given> <Middle> <Surname>" for "<Given> <Surname>"); a first token that is no part of the name written
    (an honorific the question puts first) may be left out when two or more tokens remain."""
    for skip in range(len(tokens) - 1 if len(tokens) > 2 else 1):
        want = tokens[skip:]
        if not want:
            break
        gap = rf"(?:\s+[\w.\-']+){{0,{MAX_MIDDLE_NAMES}}}?\s+"
        m = re.search(r"(?<![\w-])" + gap.join(re.escape(t) for t in want) + r"(?![\w-])", folded)
        if m:
            return m.start(), m.end()
    return None

