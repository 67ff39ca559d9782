"""The shared month and weekday lists and the regex text built on them."""

from __future__ import annotations

import re

import pytest

from communique.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTH_WORD_RE,
    MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAME_RE,
    WEEKDAY_WORD_RE,
    WEEKDAYS,
)


def test_lexicon_month_names_and_abbreviations_split_the_months():
    assert len(MONTH_NAMES) == 12 and set(MONTH_NAMES) | set(MONTH_ABBREVIATIONS) == set(MONTHS)
    assert [MONTHS[m] for m in MONTH_NAMES] == list(range(1, 13))


@pytest.mark.parametrize("word", [*MONTHS, "Sept.", "MARCH", "Jan."])
def test_lexicon_month_word_matches_every_month(word):
    assert re.fullmatch(MONTH_WORD_RE, word, re.I)


@pytest.mark.parametrize(("word", "full", "any_form"), [("monday", True, True), ("Thurs", False, True),
                                                       ("tue", False, True), ("mayday", False, False)])
def test_lexicon_weekday_words(word, full, any_form):
    assert bool(re.fullmatch(WEEKDAY_NAME_RE, word, re.I)) is full
    assert bool(re.fullmatch(WEEKDAY_WORD_RE, word, re.I)) is any_form
    if any_form:
        assert (WEEKDAYS | WEEKDAY_ABBREVIATIONS).get(word.lower()) is not None
