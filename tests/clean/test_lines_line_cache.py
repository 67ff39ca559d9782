"""``clean.lines``: a line's words and prose verdict are computed once and kept (the cascade and the outlet
templates ask for the same lines many times); the kept answers are those of a fresh computation."""

from __future__ import annotations

import pytest

from communique.clean import lines

LINES = [
    "The two leaders discussed trade, security and the situation in the region at length.",
    "Share on Facebook",
    "Home | World | Politics",
    "MR. SMITH: Thank you all for coming today, and I will take a few questions after this.",
    "",
    "a b c d e f",
    "It’s the one-year mark of the U.S.-led talks; nothing was agreed, officials said",
]


@pytest.mark.parametrize("line", LINES)
def test_lines_line_cache_answers_as_fresh(line: str) -> None:
    assert lines._words(line) == tuple(lines._WORD.findall(line))
    assert lines.is_sentence(line) == lines.is_sentence.__wrapped__(line)
    assert lines.is_sentence(line) == lines.is_sentence.__wrapped__(line)  # the kept answer, asked again


@pytest.mark.parametrize("repeats", [2, 5])
def test_lines_line_cache_computes_a_line_once(repeats: int) -> None:
    lines.is_sentence.cache_clear()
    lines._words.cache_clear()
    for _ in range(repeats):
        for line in LINES:
            lines.is_sentence(line)
    assert lines.is_sentence.cache_info().misses == len(set(LINES))
    assert lines.is_sentence.cache_info().hits == (repeats - 1) * len(LINES)
    assert lines._words.cache_info().misses == len(set(LINES))
