"""strip_accents: combining marks dropped after NFKD; ASCII text comes back as it is."""

from __future__ import annotations

import pytest

from communique.text import strip_accents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Báez", "Baez"),
        ("Ñandú Škoda", "Nandu Skoda"),
        ("\ufb01nance", "finance"),  # a compatibility ligature is decomposed
        ("Plain ASCII, 12 words: no change!", "Plain ASCII, 12 words: no change!"),
        ("", ""),
    ],
)
def test_text_strip_accents_keep_the_base_letters(text, expected):
    assert strip_accents(text) == expected
