"""Name and topic matching shared by the knowledge base and the read model: a name's words without accents, case or
punctuation (:func:`normalize_name`); whether a name given by a reader names a participant (:func:`actor_matches`:
whole name or a run of its words that is not only the first name, so "Báez", "Lucia Baez" and "Foreign Secretary
Báez" all match "Lucía Báez"); whether a topic names an event's topic or a word of its label (:func:`topic_matches`:
``illegal_drugs`` = "illegal drugs").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import strip_accents

__all__ = ["actor_matches", "topic_matches", "normalize_name"]

MAX_FIRST_NAME_WORDS = 1  # the first word alone ("Lucía" for "Lucía Báez") is no match; two ("Claudia Sheinbaum") are


def normalize_name(name: str) -> list[str]:
    """Words of a name without accents, case or punctuation: "Lucía Báez-Ortiz" -> ["lucia", "baez", "ortiz"]."""
    return re.findall(r"[^\W_]+", strip_accents(name).casefold())


def _run_of(short: list[str], long: list[str]) -> bool:
    """``short`` is a contiguous run of ``long``, and not just its first word."""
    if not short or len(short) > len(long):
        return False
    for i in range(len(long) - len(short) + 1):
        if long[i : i + len(short)] == short:
            if i > 0 or len(short) > MAX_FIRST_NAME_WORDS or len(short) == len(long):
                return True
    return False


def actor_matches(actor: str, participant: str) -> bool:
    """True when ``actor`` names ``participant`` (accent/case-insensitive, surname-only allowed, first name alone not)."""
    a, p = normalize_name(actor), normalize_name(participant)
    return _run_of(a, p) or _run_of(p, a)


def _topic_key(text: str) -> str:
    return " ".join(normalize_name(text.replace("_", " ")))


def topic_matches(topic: str, topics: Iterable[str], label: str = "") -> bool:
    key = _topic_key(topic)
    if not key:
        return True
    if any(_topic_key(t) == key for t in topics):
        return True
    return f" {key} " in f" {_topic_key(label)} "
