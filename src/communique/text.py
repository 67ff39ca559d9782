"""Small text helpers shared by the stages."""

from __future__ import annotations

import unicodedata

__all__ = ["strip_accents"]


def strip_accents(text: str) -> str:
    """``text`` without combining marks, after NFKD decomposition ("Báez" -> "Baez")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
