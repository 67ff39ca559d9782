"""Yes / no questions for ``ask``: "Yes" before the sentence that bears the asked fact out; "No" when the question
takes a contact for granted and asks whether it was of a kind the sources show it was not.

Cascade of :func:`answers`:
1. not a yes / no question: the candidates as they are;
2. "Was <X>'s <date> exchange with <Y> held in person / a face-to-face meeting / a phone call?"
   (:func:`kind_asked`: a contact noun that names no kind, and the kind asked of it): the sentences of the asked
   names and time (the focus words aside) that report a contact of the other kind answer "No", above the rest;
3. every other candidate (a sentence that holds the asked words): "Yes" before it.

A question that asks whether a meeting took place ("Did X meet Y in person in <Month>?") takes nothing for granted:
a call found then does not answer it (step 2 does not apply; the meeting-kind check declines it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from .question_analysis import Analysis

__all__ = ["kind_asked", "answers", "YES", "NO_BONUS"]

YES = "Yes."
NO_BONUS = 0.1  # "No, it was a call" found on the asked date outranks any sentence read as "Yes"
# A contact named without its kind, which the question then asks about: "<X>'s exchange with <Y>"
_CONTACT = re.compile(r"\b(?:exchange|conversation|contact|engagement|discussion|conference)\b", re.IGNORECASE)
_ASKS_IN_PERSON = re.compile(r"\b(?:in\s+person|face[-\s]to[-\s]face)\b", re.IGNORECASE)
_ASKS_CALL = re.compile(r"\b(?:by\s+(?:tele)?phone|(?:tele)?phone\s+call|video\s+(?:call|conference)|virtual(?:ly)?)\b",
                        re.IGNORECASE)
_INVERTED = re.compile(r"^\s*(?:was|were|is)\b", re.IGNORECASE)  # "Was the exchange ...": the contact is given
_KINDS = ("call", "in_person")


C = TypeVar("C")


def kind_asked(a: Analysis) -> str:
    """Step 2's question form: the kind ("in_person" / "call") asked of a contact taken for granted, else ""."""
    q = a.question
    if a.wh != "yes_no" or not _INVERTED.match(q) or not _CONTACT.search(q):
        return ""
    in_person, call = bool(_ASKS_IN_PERSON.search(q)), bool(_ASKS_CALL.search(q))
    return "in_person" if in_person and not call else "call" if call and not in_person else ""


def answers(a: Analysis, found: Sequence[C], contacts: Callable[[Analysis], list[C]],
            kind_of: Callable[[C], str], say: Callable[[C, str, float], C]) -> list[C]:
    """The candidates of a yes / no question (steps 1-3): ``contacts(analysis)`` gives the sentences of an analysis,
    ``kind_of`` the kind of contact a candidate reports ("" when it tells none), ``say(c, prefix, bonus)`` the
    candidate with ``prefix`` before its text and ``bonus`` added to its confidence."""
    if a.wh != "yes_no":  # 1.
        return list(found)
    asked = kind_asked(a)
    noes: list[C] = []
    if asked:  # 2. the asked names and time only: the kind words of the question are what is checked
        other = next(k for k in _KINDS if k != asked)
        described = "a call" if other == "call" else "a meeting in person"
        noes = [say(c, f"No, it was {described}:", NO_BONUS) for c in contacts(replace(a, focus=(), meeting_kind=""))
                if kind_of(c) == other]
    return noes + [say(c, YES, 0.0) for c in found]  # 3.
