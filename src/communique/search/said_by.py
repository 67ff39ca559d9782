"""Whose words an evidence sentence gives: "What did <X> say ..." is answered by <X>'s words only.

Cascade of :func:`said_by`:
1. the sentence's subject is the text before its first reporting verb ("<X> stressed ...", "<X> briefed ...");
   a sentence without one reports nobody's words; when a relative "which" stands before the verb ("<X> and <Y>
   discussed <Z>, which <X> stressed was ..."), the subject is the relative clause's, after "which";
2. a subject of two sides ("<X> and <Y> discussed", "The two leaders", "They") gives neither side's words;
3. a subject that names <X> gives <X>'s words; one that names nobody ("He", "The President") gives the words of the
   page's first-named person (the one the readout is about), so <X>'s only when <X> is that person.
"""

from __future__ import annotations

import re

from ..model import Document
from .question_patterns import (
    DEICTIC,
    JOINT_SUBJECT,
    MONTHS,
    NAME_PREFIXES,
    REPORTING_VERBS,
    SPEECH_QUESTION,
    STOP_WORDS,
)
from .segment import Span
from .typed_answers import WORDS, fold, name_in

__all__ = ["asked_speaker", "listener", "said_by"]

_RELATIVE = re.compile(r"\bwhich\s+")  # opens a relative clause with its own subject ("which <X> stressed")
_CAPITAL = re.compile(r"\b[A-Z][a-z][\w\-’']*")


def asked_speaker(question: str) -> str | None:
    """<X> of "What did <X> say / tell / answer ...", or None when the question asks for nobody's words."""
    m = SPEECH_QUESTION.match(question)
    return m.group("who").strip() if m else None


# "What did <X> tell <Y> ...": <Y> hears the words; <Y> need not be named in them, unlike a name of the topic
_LISTENER = re.compile(r"^\s*(?:tell|warn|urge|assure|remind|inform|ask|promise)\s+(?:the\s+)?"
                       r"(?P<who>[A-Z][\w\-’'.]*(?:\s+[A-Z][\w\-’'.]*)*)")


def listener(question: str, speaker: str) -> str | None:
    """<Y> of "What did <X> tell <Y> ...", the one the words were said to; None when no one is named there."""
    m = _LISTENER.match(question[question.find(speaker) + len(speaker):])
    return m.group("who") if m else None


def _first_person(doc: Document) -> str | None:
    people = sorted((m for m in doc.mentions if m.type == "person"), key=lambda m: m.start)
    return people[0].text if people else None


def said_by(doc: Document, span: Span, who: str) -> bool:
    """The sentence gives ``who``'s words (see the module docstring); ``who`` may join two sides with "and"."""
    text = doc.text[span.start:span.end]
    verb = next((m for m in WORDS.finditer(text) if m.group(0).lower() in REPORTING_VERBS), None)
    if verb is None:  # 1.
        return False
    subject = text[:verb.start()]
    relative = list(_RELATIVE.finditer(subject))
    if relative and "," not in subject[relative[-1].end():]:  # 1. "..., which <X> stressed was ...": its subject
        subject = subject[relative[-1].end():]
    sides = [w for w in re.split(r"\s+and\s+", who) if w]
    if len(sides) == 1 and JOINT_SUBJECT.search(subject):  # 2.
        return False
    folded = fold(subject)
    if all(name_in(side, folded) for side in sides):  # 3.
        return True
    named = [w for w in _CAPITAL.findall(subject) if w.lower() not in NAME_PREFIXES | STOP_WORDS
             and w.lower() not in MONTHS and not DEICTIC.fullmatch(w.lower())]  # "He", "The President", "Today"
    first = _first_person(doc)
    return not named and len(sides) == 1 and first is not None and name_in(sides[0], fold(first))
