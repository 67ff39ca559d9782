"""Word lists and regular expressions for time expressions (used by :mod:`communique.nlp.timex`).

Each entry of :data:`PATTERNS` is ``(kind, regex, needle)`` (``needle`` names the entry of :data:`NEEDLES` that every
match holds); :mod:`communique.nlp.timex` has one resolver per kind. A pattern may
define a group ``t``: the emitted span (so "in April" yields "April", as TimeML annotates it); otherwise the whole match.
Month and weekday names must be capitalised (lower-case "march" / "may" are verbs); relative words match in any case.
"""

from __future__ import annotations

import re

from ..lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAYS

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "NUMBER_WORDS",
    "FUTURE_CUES",
    "VAGUE_NUMBERS",
    "UNITS",
    "SEASONS",
    "DAY_PARTS",
    "REFS",
    "SETS",
    "MODIFIERS",
    "ORDINALS",
    "PATTERNS",
    "NEEDLES",
    "RISKY_MONTHS",
]

# Month names that are also common words or names: alone they need a preposition or modifier ("in May").
RISKY_MONTHS: frozenset[str] = frozenset({"may", "march", "august", "april", "june", "jan", "mar"})


NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
}  # fmt: skip
# Vague quantities: TIMEX3 writes them with X ("several years" -> PXY).
VAGUE_NUMBERS: frozenset[str] = frozenset(
    {"several", "few", "a few", "many", "some", "the past few", "numerous"}
)

# unit word -> (TIMEX3 duration letter, is a time-of-day unit, number of that unit per TIMEX3 letter)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1), "day": ("D", False, 1),
    "week": ("W", False, 1), "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1), "decade": ("Y", False, 10),
    "century": ("Y", False, 100), "weekend": ("WE", False, 1), "fortnight": ("D", False, 14),
}  # fmt: skip

# Words that make a present-tense sentence speak of the future ("is scheduled to meet Tuesday").
FUTURE_CUES: frozenset[str] = frozenset(
    {
        "will",
        "'ll",
        "shall",
        "schedule",
        "scheduled",
        "expect",
        "expected",
        "plan",
        "planned",
        "upcoming",
        "due",
    }
)

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

# Words with a reference value only (TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF).
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
}  # fmt: skip

# Recurring expressions -> TIMEX3 SET value.
SETS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y",
    "quarterly": "P3M", "hourly": "PT1H", "every day": "P1D", "each day": "P1D", "every week": "P1W",
    "each week": "P1W", "every month": "P1M", "each month": "P1M", "every year": "P1Y", "each year": "P1Y",
    "per year": "P1Y", "per day": "P1D", "per week": "P1W", "per month": "P1M",
    "every season": "XXXX-XX", "each season": "XXXX-XX",
}  # fmt: skip

# Position words -> TIMEX3 mod.
MODIFIERS: dict[str, str] = {
    "early": "START", "the beginning of": "START", "the start of": "START", "the first half of": "START",
    "late": "END", "the end of": "END", "the second half of": "END", "the close of": "END",
    "mid": "MID", "the middle of": "MID", "mid-": "MID",
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4,
}  # fmt: skip

_MONTH = (  # "March", "Sept.", "Jun" (capitalised: lower-case "march" / "may" are verbs)
    r"(?:" + "|".join(m.capitalize() for m in MONTH_NAMES)
    + "".join(rf"|{a.capitalize()}\.?" for a in MONTH_ABBREVIATIONS) + r")(?![a-z])"
)
_WEEKDAY = r"(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + r")"
_DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)"
    r"|\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|a\s+hundred|hundred|a\s+dozen|dozen|a\s+couple\s+of|a\s+couple|several|a\s+few|few|many|some|numerous)"
)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|centuries|century|fortnights?|weekends?)"
_MOD = r"(?:early|late|mid|the\s+beginning\s+of|the\s+start\s+of|the\s+end\s+of|the\s+middle\s+of|the\s+close\s+of)"
_REL = r"(?:this|last|next|coming|past|previous|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+current|the\s+same|the\s+following|the\s+prior|earlier\s+this|later\s+this)"
_PART = r"(?:morning|afternoon|evening|night|overnight)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Needles: for each pattern, a short regex that every match of it contains (a word or digits it cannot do without).
# A text without the needle is not scanned with the pattern: the same matches, at a fraction of the cost (most
# patterns open with optional words and are tried at every character).
_UNIT_NEEDLE = r"(?i:second|minute|hour|day|week|month|quarter|year|decade|centur|fortnight|weekend)"
_SEASON_NEEDLE = r"(?i:spring|summer|fall|autumn|winter)"
NEEDLES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "iso": r"\d{4}-",
        "slash": "/",
        "month_name": _MONTH,
        "decade": r"\d0'?s",  # "1990s", "'90s"
        "century": r"(?i:century)",
        "year": _YEAR,
        "quarter": r"(?i:quarter)",
        "q_number": r"Q[1-4]",
        "half": r"(?i:half)",
        "weekday": _WEEKDAY,
        "dayword": r"(?i:today|yesterday|tomorrow|tonight)",
        "daypart": r"(?i:morning|afternoon|evening|night)",  # "overnight" holds "night"
        "ago": r"(?i:ago)",
        "shifted": r"(?i:earlier|later)",
        "rel": rf"{_UNIT_NEEDLE}|{_SEASON_NEEDLE}",
        "unit": _UNIT_NEEDLE,
        "season": _SEASON_NEEDLE,
        "plural_unit": r"(?i:years|months|weeks|days|decades|hours|quarters)",
        "clock": r"(?i:a\.?m|p\.?m)",
        "clock_word": r"(?i:noon|midnight|midday)",
        "set": r"(?i:daily|weekly|monthly|yearly|annually|hourly|every|each|per)",
        "ref": r"(?i:now|current|present|these|recent|lately|future|past|moment)",
        "ahead": r"(?i:ahead)",
    }.items()
}

# (kind, regex, needle name). Order matters only for ties: the timex module keeps the longest match at each position.
PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # 2025-03-03 (optionally with a time)
    (
        "iso",
        _c(
            r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:T(?P<hh>\d\d):(?P<mm>\d\d))?\b"
        ),
        "iso",
    ),
    # 03/03/2025 (US order)
    ("slash", _c(r"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>\d{4}|\d\d)\b"), "slash"),
    # (Monday,) March 3(, 2025)
    (
        "mdy",
        _c(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM})\b(?!\s*%|\.\d)"
            rf"(?:(?:,?\s+|/)(?P<y>{_YEAR})\b)?"  # "March 3, 2025"; agency style "March 3/2025"
        ),
        "month_name",
    ),
    # (Monday,) 3 March( 2025)
    (
        "dmy",
        _c(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MONTH})"
            rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
        "month_name",
    ),
    # (late) March 2025
    ("my", _c(rf"(?:\b(?P<mod>(?i:{_MOD}))[\s-]+)?\b(?P<mon>{_MONTH})(?:\s+of)?,?\s+(?P<y>{_YEAR})\b"), "month_name"),
    # January this year, June last year
    (
        "month_rel_year",
        _c(
            rf"\b(?:(?P<mod>(?i:{_MOD}))[\s-]+)?(?P<mon>{_MONTH})(?:\s+of)?\s+(?P<rel>(?i:this|last|next))\s+(?i:year)\b"
        ),
        "month_name",
    ),
    # (late / last / in) April
    (
        "month",
        _c(
            rf"(?:\b(?P<prep>(?i:in|since|by|until|till|through|during|of|from|before|after|to|and|or|between|throughout))\s+)?"
            rf"(?P<t>(?:(?P<mod>(?i:{_MOD}))[\s-]+)?(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?"
            rf"(?P<mon>{_MONTH}))"
        ),
        "month_name",
    ),
    # the 1990s, the early 2000s, the '90s
    (
        "decade",
        _c(r"\b(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?P<dec>(?:1[6-9]|20)\d0|'\d0)'?s\b"),
        "decade",
    ),
    # the 21st century
    ("century", _c(r"\b(?i:the)\s+(?P<n>\d{2})(?:st|nd|rd|th)\s+(?i:century)\b"), "century"),
    # (early) 2025, fiscal 2025
    (
        "year",
        _c(
            rf"(?<![\d$€£¥.,])(?:\b(?P<mod>(?i:{_MOD}))[\s-]+)?(?:(?i:fiscal(?:\s+year)?|FY)\s*)?"
            rf"\b(?P<y>{_YEAR})\b(?![.,]\d|%|-\d|\s*(?i:percent|per\s+cent))"
        ),
        "year",
    ),
    # the first quarter (of 2025), Q1 2025
    (
        "quarter",
        _c(
            r"(?:\b(?i:the)\s+)?\b(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))[\s-]+(?i:quarter)"
            rf"(?:\s+(?:(?i:of)\s+)?(?P<y>{_YEAR}))?\b"
        ),
        "quarter",
    ),
    ("quarter", _c(rf"\b(?P<q>Q[1-4])(?:\s+(?P<y>{_YEAR}))?\b"), "q_number"),
    # the first half of 2025
    (
        "half",
        _c(
            rf"\b(?i:the)\s+(?P<ord>(?i:first|second))\s+(?i:half)(?:\s+(?i:of)\s+(?P<y>{_YEAR}|(?i:this|last|next)\s+year))?\b"
        ),
        "half",
    ),
    # last Tuesday, Tuesday night, this coming Friday
    (
        "weekday",
        _c(
            rf"(?:\b(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|on|past|coming))\s+)?\b(?P<wd>{_WEEKDAY})"
            rf"(?:'s)?(?:\s+(?P<part>(?i:{_PART})))?\b"
        ),
        "weekday",
    ),
    # today, yesterday morning, tomorrow, tonight, last night, this morning
    (
        "dayword",
        _c(
            r"\b(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight))"
            rf"(?:\s+(?P<part>(?i:{_PART})))?\b"
        ),
        "dayword",
    ),
    ("daypart", _c(rf"\b(?P<rel>(?i:this|last|tomorrow|yesterday))\s+(?P<part>(?i:{_PART}))\b"), "daypart"),
    # two weeks ago, a year ago
    ("ago", _c(rf"(?<![\d,.])\b(?P<n>(?i:{_NUMWORD}))[\s-]+(?P<unit>(?i:{_UNIT}))\s+(?i:ago)\b"), "ago"),
    # a year earlier, two days later (counted from the document date)
    (
        "shifted",
        _c(
            rf"(?<![\d,.])\b(?P<n>(?i:{_NUMWORD}))[\s-]+(?P<unit>(?i:{_UNIT}))\s+(?P<dir>(?i:earlier|later))\b"
        ),
        "shifted",
    ),
    # last week, this year, earlier this month, the past year, next spring, the end of the month
    (
        "rel",
        _c(
            rf"(?:\b(?P<mod>(?i:{_MOD}))[\s-]+)?\b(?P<rel>(?i:{_REL}))\s+(?P<unit>(?i:week|weekend|month|year|quarter|decade|century"
            r"|spring|summer|fall|autumn|winter|fiscal\s+year))\b(?!-)"
        ),
        "rel",
    ),
    # the end of the year, the weekend
    (
        "the_unit",
        _c(
            rf"\b(?:(?P<mod>(?i:{_MOD}))\s+)?(?i:the)\s+(?P<unit>(?i:week|weekend|month|year|quarter))\b(?![\s-]+(?i:old|long|ago|earlier|later|before|after))"
        ),
        "unit",
    ),
    # spring 2025, summer of 2024
    (
        "season",
        _c(
            rf"\b(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?P<s>(?i:spring|summer|fall|autumn|winter))(?:\s+of)?\s+(?P<y>{_YEAR})\b"
        ),
        "season",
    ),
    # three days, the past two years, a two-year term, several weeks
    (
        "duration",
        _c(
            rf"\b(?P<pre>(?i:the\s+(?:past|last|next|first|previous|coming|final|following|better\s+part\s+of))\s+)?"
            rf"(?<![\d,.])(?P<n>(?i:{_NUMWORD}))(?P<sep>[\s-]+)(?P<unit>(?i:{_UNIT}))\b(?![\s-]+(?i:ago|old|-old))"
        ),
        "unit",
    ),
    # for years, for months (vague durations)
    (
        "vague_duration",
        _c(r"\b(?i:for|in|over|within)\s+(?P<t>(?P<unit>(?i:years|months|weeks|days|decades|hours)))\b"),
        "plural_unit",
    ),
    # 10 a.m., 3:30 p.m. ET, noon
    (
        "clock",
        _c(
            r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b|a\.m|p\.m)"
            r"(?:\s+(?P<tz>ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|GMT|UTC|local\s+time))?"
        ),
        "clock",
    ),
    ("clock", _c(r"\b(?P<w>(?i:noon|midnight|midday))\b"), "clock_word"),
    # every week, annually
    (
        "set",
        _c(
            r"\b(?P<w>(?i:daily|weekly|monthly|yearly|annually|hourly|(?:every|each|per)\s+(?:day|week|month|year|season)))\b"
        ),
        "set",
    ),
    # now, recently, the past, the future, in the coming weeks
    (
        "ref",
        _c(
            r"\b(?P<w>(?i:right\s+now|now|currently|at\s+present|the\s+present|nowadays|these\s+days|recently|lately|"
            r"the\s+near\s+future|the\s+future|the\s+past|"
            r"at\s+the\s+moment))\b"
        ),
        "ref",
    ),
    # recent years, the coming weeks, the months ahead (vague durations, PXY)
    (
        "vague_duration",
        _c(
            r"\b(?P<t>(?i:recent|the\s+coming|coming|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few)\s+"
            r"(?P<unit>(?i:years|months|weeks|days|decades|quarters)))\b"
        ),
        "plural_unit",
    ),
    ("vague_duration", _c(r"\b(?P<t>(?i:the)\s+(?P<unit>(?i:years|months|weeks|days))\s+(?i:ahead))\b"), "ahead"),
)


# Pre-test of ``timex.dateparser_may_parse`` (dateparser as ``timex`` calls it: English, day, month and year
# required). Words through which its relative parser reads a date: the units and their abbreviations ("5 mon" reads
# "5 month"), "today", "now", "yesterday", "tomorrow", "tonight", "till date" and the "this / last / next <unit>"
# family. Without one, only its absolute parser can give a date, and that needs day, month and year all written:
# two numbers at least (the month may be a name). dateparser finds its words between non-letters only.
DATEPARSER_RELATIVE_WORDS: frozenset[str] = frozenset(
    """
    year years yr y month months mo week weeks wk day days d hour hours hr hrs h minute minutes min mins m
    second seconds sec secs s century centuries decade decades fortnight fortnights
    mon mons today now yesterday tomorrow tonight till this last next
    """.split()
)
# Words dateparser turns into a number before it reads a date ("a" / "an" -> 1), and into a clock time (two).
DATEPARSER_NUMBER_WORDS: frozenset[str] = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve".split()
)
DATEPARSER_CLOCK_WORDS: frozenset[str] = frozenset({"noon", "midnight"})
