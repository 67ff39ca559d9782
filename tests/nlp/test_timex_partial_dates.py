"""Dates without a year, relative days without a document date, and name parts that look like months."""

from __future__ import annotations

import pytest

from communique.nlp.model_loader import parse
from communique.nlp.timex import find_timexes


def _values(text: str, published: str | None) -> dict[str, tuple[str | None, str | None]]:
    return {t.text: (t.value, t.basis) for t, _mod in find_timexes(text, published, parse(text))}


@pytest.mark.parametrize(
    ("text", "published", "phrase", "value", "basis"),
    [
        # a month-day with no year anywhere keeps month and day in TIMEX3's unknown-year form
        ("The two ministers met on September 17 at the Lisbon talks.", None, "September 17", "XXXX-09-17", "partial"),
        # with a document date the year comes from it
        ("The two ministers met on September 17 at the Lisbon talks.", "2025-09-20", "September 17", "2025-09-17", "relative"),
        # agency style "Month D/YYYY"
        ("Agency, December 12/2024 The ministers met in Lisbon.", None, "December 12/2024", "2024-12-12", "explicit"),
        # relative days resolve against the document date only; without one they stay unresolved
        ("The ministers met on Tuesday in Lisbon.", "2025-03-06", "Tuesday", "2025-03-04", "relative"),
        ("The ministers met on Tuesday in Lisbon.", None, "Tuesday", None, None),
        ("The ministers met yesterday in Lisbon.", "2025-03-06", "yesterday", "2025-03-05", "relative"),
        ("The ministers met yesterday in Lisbon.", None, "yesterday", None, None),
    ],
)
def test_partial_and_relative_dates(text, published, phrase, value, basis):
    found = _values(text, published)
    assert phrase in found, found
    got_value, got_basis = found[phrase]
    assert got_value == value
    if value is not None:
        assert got_basis == basis


@pytest.mark.parametrize(
    ("text", "name_part"),
    [
        ("The secretary spoke with Defense Minister Tao Jun about maritime safety.", "Jun"),
        ("Foreign Minister Ana Mar welcomed the delegation.", "Mar"),
    ],
)
def test_a_bare_month_abbreviation_in_a_name_is_no_date(text, name_part):
    assert name_part not in _values(text, "2025-03-06")
