"""Small text helpers shared by the stages."""

from __future__ import annotations

import unicodedata

__all__ = ["strip_accents"]


def strip_accents(text: str) -> str:
    """``text`` without combining marks, after NFKD decomposition ("Báez" -> "Baez")."""
    if text.isascii():  # NFKD leaves ASCII as it is, and no ASCII character is a combining mark
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
