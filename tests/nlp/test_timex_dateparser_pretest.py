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
    "the 1990s",
    "March 3",
    "Sept. 9",
    "Tuesday",
    "TUESDAY",
    "last week",
    "This Year",
    "Yesterday",
    "Tonight",
    "a day ago",
    "Two weeks ago",
    "In a fortnight",
    "noon",
    "Tōday",  # dateparser folds accents before it reads words
    "the Day",
    "Now",
)
MAY_SKIP = (
    "the Cold War era",
    "Christmas",
    "Sundays",  # dateparser finds its words between non-letters only
    "the holiday season",
    "Ramadan",
    "Independence",
    "the Weekends",
    "Olympics",
)
SETTINGS = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"],
            "RELATIVE_BASE": dt.datetime(2020, 6, 15)}  # fmt: skip


@pytest.mark.parametrize("text", MUST_SEND)
def test_timex_pretest_sends_strings_with_a_digit_or_date_word(text: str) -> None:
    assert dateparser_may_parse(text)


@pytest.mark.parametrize("text", MAY_SKIP)
def test_timex_pretest_skips_strings_dateparser_gives_no_date(text: str) -> None:
    dateparser = pytest.importorskip("dateparser")
    assert not dateparser_may_parse(text)
    assert dateparser.parse(text, languages=["en"], settings=SETTINGS) is None
    assert _dateparser_value(text, Anchor(2020, 6, 15)) == (None, "relative")


def _required_letters(pattern: str) -> set[str]:
    """Lower-case words of a simplification pattern that needs no digit (empty when it needs one)."""
    pattern = re.sub(r"\(\?<!.*?\)(?=[a-z(])", "", pattern)  # negative look-behinds require nothing
    pattern = re.sub(r"\(\?:[^()]*\)\?", "", pattern)  # nor do optional groups
    if re.search(r"\\d|\d", pattern):
        return set()
    return set(re.findall(r"[^\W\d_]+", re.sub(r"\\.", " ", pattern).lower()))


def test_timex_pretest_words_cover_the_installed_dateparser() -> None:
    pytest.importorskip("dateparser")
    from dateparser.conf import settings
    from dateparser.languages.loader import default_loader

    locale = default_loader.get_locale("en")
    skip = {w.lower() for w in locale.info["skip"] + locale.info["pertain"]}
    words = {
        w
        for phrase in locale._get_dictionary(settings)._get_sorted_words_from_cache()
        for w in re.findall(r"[^\W\d_]+", phrase.lower())
    }
    for simplification in locale.info["simplifications"]:
        for pattern in simplification:
            words |= _required_letters(pattern)
    assert words - skip - tp.DATEPARSER_WORDS == set()
