"""Event dates as the story clustering compares them: full dates, months, and month-days without a year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

__all__ = ["DATE_TOLERANCE_DAYS", "dates_compatible", "is_partial", "month_day", "with_year"]

DATE_TOLERANCE_DAYS = 1  # time zones and overnight reporting move an event date by one day
LEAP_YEAR = 2000  # month-day arithmetic for dates without a year (29 February exists)
_MONTH_DAY_RE = re.compile(r"^(?:\d{4}|XXXX|-)-(?P<m>\d{2})-(?P<d>\d{2})")


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def month_day(value: str | None) -> tuple[int, int] | None:
    """(month, day) of a full date or of a date without a year ("XXXX-09-18", "--09-18")."""
    if not value:
        return None
    m = _MONTH_DAY_RE.match(value)
    if not m:
        return None
    month, day = int(m["m"]), int(m["d"])
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def is_partial(value: str | None) -> bool:
    """A month-day without a year ("XXXX-09-18", "--09-18")."""
    return bool(value) and value.startswith(("XXXX-", "--"))  # type: ignore[union-attr]


def dates_compatible(a: str | None, b: str | None, tolerance_days: int = DATE_TOLERANCE_DAYS) -> bool:
    """True unless both values are known and disagree ("2025-03" agrees with "2025-03-03"; a day apart agrees; a
    month-day without a year agrees with any year's same day)."""
    if not a or not b:
        return True
    da, db = _as_date(a), _as_date(b)
    if da and db:
        return abs((da - db).days) <= tolerance_days
    if is_partial(a) or is_partial(b):
        ma, mb = month_day(a), month_day(b)
        if ma is None or mb is None:  # a partial day against a month ("2025-09"): compare the months
            months = [int(v.split("-")[-2]) if is_partial(v) else int(v[5:7]) for v in (a, b) if len(v) >= 7]
            return len(months) < 2 or months[0] == months[1]
        xa, xb = dt.date(LEAP_YEAR, *ma), dt.date(LEAP_YEAR, *mb)
        gap = abs((xa - xb).days)
        return min(gap, 366 - gap) <= tolerance_days
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def with_year(value: str | None, dated: Sequence[str]) -> str | None:
    """A month-day without a year takes the year of a compatible full date (the same meeting reported with its year
    elsewhere); None when no such date exists. Full dates pass through."""
    if not is_partial(value):
        return value
    md = month_day(value)
    for full in dated:
        day = _as_date(full)
        if md and day and dates_compatible(value, full):
            try:
                return dt.date(day.year, *md).isoformat()
            except ValueError:
                return None
    return None
