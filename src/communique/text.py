"""Small text helpers shared by the stages."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["strip_accents"]

# every character with a combining class other than 0 lies at or above U+0300 (the combining diacritics block)
_MAYBE_COMBINING = re.compile("[\u0300-\U0010ffff]")


def _drop_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def strip_accents(text: str) -> str:
    """``text`` without combining marks, after NFKD decomposition ("Báez" -> "Baez"); only the characters that
    may be marks are looked up (most text is ASCII once decomposed: returned as it is)."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return _MAYBE_COMBINING.sub(_drop_combining, decomposed)
