"""The dateparser pre-test of :mod:`communique.nlp.timex`: strings it skips are ones dateparser gives no date for."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from communique.nlp import time_patterns as tp
from communique.nlp.timex import Anchor, _dateparser_value, dateparser_may_parse

# Invented spans of the forms spaCy labels DATE / TIME.
MUST_SEND = (
    "12/05/2019",
    "2019-05-12",
    "5 May 2020",
    "May 5, MMXX",  # dateparser reads the Roman year
    "the 1990s",  # "s": seconds
    "1589500000",  # a timestamp
    "5 Mon",  # "5 month"
    "last week",
    "This Year",
    "Yesterday",
    "Tonight",
    "Now",
    "a day ago",
    "Two weeks ago",
    "In a fortnight",
    "May one twelve",
    "noon May 5",
    "Tōday",  # dateparser folds accents before it reads words
)
MAY_SKIP = (
    "the Cold War era",
    "Christmas",
    "Friday",  # a weekday gives no day of the month
    "May 5",  # no year
    "2020",
    "the 16th",
    "the 21st century",  # dateparser reads "21 ordinal": no unit
    "20190512",  # dateparser reads a glued date with its no-spaces parser only, not among its defaults
    "1:51 P.M. EDT",
    "10 a.m. Friday",
    "Sundays",  # dateparser finds its words between non-letters only
    "the holiday season",
    "Independence",
    "A generation ago",
)
SETTINGS = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"],
            "RELATIVE_BASE": dt.datetime(2020, 6, 15)}  # fmt: skip


@pytest.mark.parametrize("text", MUST_SEND)
def test_timex_pretest_sends_strings_dateparser_may_read(text: str) -> None:
    assert dateparser_may_parse(text)


@pytest.mark.parametrize("text", MAY_SKIP)
def test_timex_pretest_skips_strings_dateparser_gives_no_date(text: str) -> None:
    dateparser = pytest.importorskip("dateparser")
    assert not dateparser_may_parse(text)
    assert dateparser.parse(text, languages=["en"], settings=SETTINGS) is None
    assert _dateparser_value(text, Anchor(2020, 6, 15)) == (None, "relative")


def _letters(pattern: str) -> set[str]:
    """Lower-case words a simplification pattern requires (look-behinds and optional groups require nothing)."""
    pattern = re.sub(r"\(\?<!.*?\)(?=[a-z(])", "", pattern)
    pattern = re.sub(r"\(\?:[^()]*\)\?", "", pattern)
    return set(re.findall(r"[^\W\d_]+", re.sub(r"\\.", " ", pattern).lower()))


def test_timex_pretest_words_cover_the_installed_dateparser() -> None:
    pytest.importorskip("dateparser")
    from dateparser.conf import settings
    from dateparser.languages.loader import default_loader

    assert "no-spaces-time" not in settings.PARSERS  # a glued date ("20190512") is not read: DATEPARSER_GLUED_DIGITS
    info = default_loader.get_locale("en").info
    units = ("year", "month", "week", "day", "hour", "minute", "second", "century", "decade", "fortnight")
    relative = set(tp.DATEPARSER_RELATIVE_WORDS)
    for unit in units:  # every way of writing a unit
        assert {w.lower() for w in info[unit]} <= relative, unit
    for phrases in info["relative-type"].values():  # every relative phrase holds one of the words
        for phrase in phrases:
            assert set(phrase.lower().split()) & relative, phrase
    ordinal = r"(\d+)(?:st|nd|rd|th)\s+(?:century|centuries|fortnight|fortnights)\b"
    assert {ordinal: r"\1 ordinal"} in info["simplifications"]  # the rewrite timex mirrors
    numbers = relative | tp.DATEPARSER_NUMBER_WORDS | tp.DATEPARSER_CLOCK_WORDS
    for simplification in info["simplifications"]:
        for pattern, replacement in simplification.items():
            out = set(re.findall(r"[^\W\d_]+", replacement.lower()))
            if out & relative:  # it makes a unit or a relative word: from one
                assert _letters(pattern) & relative, pattern
            elif re.search(r"(?<!\\)\d", replacement):  # it makes a number: from a digit or a number word
                assert _letters(pattern) & numbers or re.search(r"\\d|\d", pattern), pattern
