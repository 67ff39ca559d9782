"""Every time pattern's needle is found in each of its matches: skipping a text without the needle loses nothing."""

from __future__ import annotations

import pytest

from communique.nlp import time_patterns as tp
from communique.nlp.timex import find_timexes

# Invented sentences; together they give every pattern at least one match.
SAMPLES = (
    "The accord was signed on 2024-03-05T10:30 and filed 03/05/2024.",
    "On Monday, March 3, 2025 the envoys met; on 3 March 2025 they met again, and in late March 2025 once more.",
    "They spoke in January this year and again last April, since early May, and through mid-June.",
    "In the 1990s and the early 2000s, even the '80s, the 21st century looked far off.",
    "Fiscal 2025 growth beat early 2024 and FY 2023.",
    "The first quarter of 2025, Q2 2024 and the second half of next year were weak.",
    "Last Tuesday night, this coming Friday and Sunday's vote were set.",
    "Today, yesterday morning, tomorrow, tonight and the day after tomorrow; this afternoon and overnight.",
    "Two weeks ago, a year earlier, three days later, several months ago.",
    "Last week, earlier this month, the past year, next spring and the coming winter.",
    "By the end of the year and the weekend, summer of 2024 and spring 2025 looked calm.",
    "For three days, the past two years, a two-year term and several weeks; for years and in months.",
    "At 10 a.m. ET, 3:30 p.m., 9 PM and noon, then midnight.",
    "They meet daily, weekly, every month and per year.",
    "Right now, currently, at present, nowadays, these days, recently, lately, the near future and the past.",
    "In recent years, the coming weeks, the past few months and the days ahead.",
)


@pytest.mark.parametrize("index", range(len(tp.PATTERNS)))
def test_every_match_holds_the_needle_of_its_pattern(index: int) -> None:
    kind, regex, needle = tp.PATTERNS[index]
    matches = [m for text in SAMPLES for m in regex.finditer(text)]
    assert matches, f"no sample matches pattern {index} ({kind})"
    for m in matches:
        assert tp.NEEDLES[needle].search(m.group(0)), (kind, m.group(0))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The talks resumed.", []),  # no needle at all: nothing scanned, nothing found
        ("They met two weeks ago.", ["two weeks ago"]),
        ("He left on 2024-03-05.", ["2024-03-05"]),
        ("Talks at 10 a.m. on Friday.", ["10 a.m.", "Friday"]),
    ],
)
def test_texts_are_found_with_needles(text: str, found: list[str]) -> None:
    assert [t.text for t, _ in find_timexes(text, "2024-03-10")] == found
