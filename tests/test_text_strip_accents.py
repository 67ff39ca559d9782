"""``strip_accents`` drops exactly the combining marks after NFKD, whatever the text (its fast paths included)."""

from __future__ import annotations

import unicodedata

import pytest

from communique.text import strip_accents


def _rule(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@pytest.mark.parametrize("text", [
    "", "plain ASCII text, 2024.", "Lucía Báez-Ortiz", "Ångström ﬁ ½ ２０２４", "talks’ “outcome”", "Zoë\u0301\u20dd",
    "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF),  # every code point
])
def test_text_strip_accents_drops_exactly_the_combining_marks(text):
    assert strip_accents(text) == _rule(text)
