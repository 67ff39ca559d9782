"""Time expressions are found and normalised against the document date (TIMEX3 values)."""

from __future__ import annotations

import pytest

from communique.nlp.model_loader import parse
from communique.nlp.timex import annotate, find_timexes, parse_anchor

PUB = "2025-03-12"  # a Wednesday


def _one(text: str, phrase: str, published: str | None = PUB, parsed: bool = True):
    found = find_timexes(text, published, parse(text) if parsed else None)
    hits = [t for t, _mod in found if phrase in t.text or t.text in phrase]
    assert hits, f"{phrase!r} not found in {[t.text for t, _ in found]}"
    t, mod = next((t, m) for t, m in found if t is hits[0])
    assert text[t.start : t.end] == t.text
    return t, mod


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The two presidents met on March 3, 2025 in Mexico City.", "March 3, 2025", "2025-03-03"),
        ("The agreement was signed on 3 March 2025 in Washington.", "3 March 2025", "2025-03-03"),
        ("Date of release: 2025-03-03.", "2025-03-03", "2025-03-03"),
        ("The Secretary met the Foreign Minister on Monday.", "Monday", "2025-03-10"),
        ("The Secretary will travel to Ottawa on Monday.", "Monday", "2025-03-17"),
        ("President Sheinbaum spoke with the President yesterday.", "yesterday", "2025-03-11"),
        ("The leaders spoke by phone today about fentanyl.", "today", "2025-03-12"),
        ("Officials met last Tuesday to review the border plan.", "last Tuesday", "2025-03-11"),
        ("The delegation returns next week for a second round.", "next week", "2025-W12"),
        ("The ministers first met two weeks ago in Geneva.", "two weeks ago", "2025-W09"),
        ("The summit is planned for late April in Ottawa.", "late April", "2025-04"),
        ("The tariffs were announced on November 14 after talks.", "November 14", "2024-11-14"),
        ("Trade grew strongly this year, the ministry said.", "this year", "2025"),
        ("Seizures rose sharply last month, officials said.", "last month", "2025-02"),
        ("Exports fell in the first quarter, the bank said.", "the first quarter", "2025-Q1"),
        ("The talks lasted three days.", "three days", "P3D"),
        ("The two sides met earlier this month in Mexico City.", "earlier this month", "2025-03"),
        ("Remittances reached a record in 2024.", "2024", "2024"),
        ("The program began in the 1990s.", "the 1990s", "199"),
        ("The deal was struck in mid-2024.", "mid-2024", "2024"),
        ("He served for the past three years.", "the past three years", "P3Y"),
        ("Talks continue now.", "now", "PRESENT_REF"),
        (
            "The ministers met on Monday at 10 a.m. in the Roosevelt Room.",
            "Monday at 10 a.m.",
            "2025-03-10T10:00",
        ),
        ("Imports were strong in January last year.", "January last year", "2024-01"),
        ("The envoy arrived a year earlier.", "a year earlier", "2024"),
        ("Cabinet meets every week.", "every week", "P1W"),
    ],
)
def test_value(text: str, phrase: str, value: str) -> None:
    t, _mod = _one(text, phrase)
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "phrase", "mod"),
    [
        ("The summit is planned for late April.", "late April", "END"),
        ("The deal was struck in mid-2024.", "mid-2024", "MID"),
        ("Elections are due early next year.", "early next year", "START"),
        ("The talks ended on March 3, 2025.", "March 3, 2025", None),
    ],
)
def test_mod(text: str, phrase: str, mod: str | None) -> None:
    _t, got = _one(text, phrase)
    assert got == mod


@pytest.mark.parametrize(
    ("text", "phrase", "basis"),
    [
        ("They met on March 3, 2025.", "March 3, 2025", "explicit"),
        ("They met yesterday.", "yesterday", "relative"),
        ("They met in 2024.", "2024", "explicit"),
    ],
)
def test_basis(text: str, phrase: str, basis: str) -> None:
    t, _ = _one(text, phrase)
    assert t.basis == basis


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The ministers met yesterday.", "yesterday"),
        ("The ministers met last Tuesday.", "last Tuesday"),
        ("Trade grew this year.", "this year"),
        ("The envoy returns next week.", "next week"),
    ],
)
def test_relative_without_document_date_keeps_text(text: str, phrase: str) -> None:
    t, _ = _one(text, phrase, published=None)
    assert t.value is None
    assert t.text == phrase


@pytest.mark.parametrize(
    ("published", "phrase", "value"),
    [
        ("2025-03", "this month", "2025-03"),
        ("2025-03", "this year", "2025"),
        ("--03-12", "yesterday", "XXXX-03-11"),
    ],
)
def test_partial_document_dates(published: str, phrase: str, value: str) -> None:
    t, _ = _one(f"The ministers spoke {phrase}.", phrase, published=published, parsed=False)
    assert t.value == value


@pytest.mark.parametrize(
    ("text", "phrase", "published", "value"),
    [
        # a month-day without a year takes the nearest plausible year
        ("The talks were held on December 20.", "December 20", "2025-01-08", "2024-12-20"),
        ("The talks will be held on January 5.", "January 5", "2024-12-28", "2025-01-05"),
        # past tense: the most recent weekday on or before the document date
        ("The president spoke with reporters on Wednesday.", "Wednesday", "2025-03-12", "2025-03-12"),
        ("The president spoke with reporters on Thursday.", "Thursday", "2025-03-12", "2025-03-06"),
        # future tense: the next one
        ("The president will speak with reporters on Thursday.", "Thursday", "2025-03-12", "2025-03-13"),
    ],
)
def test_tense_and_nearest_year(text: str, phrase: str, published: str, value: str) -> None:
    t, _ = _one(text, phrase, published=published)
    assert t.value == value


@pytest.mark.parametrize(
    "text",
    [
        "The army deployed 2000 troops to the border.",  # a count, not a year
        "May I ask a question, Mr. Secretary?",  # a modal, not the month
        "She said the march on Sunday was peaceful.",  # lower-case march
    ],
)
def test_not_a_date(text: str) -> None:
    found = find_timexes(text, PUB, parse(text))
    assert not [t for t, _ in found if t.text in ("2000", "May", "march")]


def test_anchor_parsing() -> None:
    assert parse_anchor("2025-03-12").date is not None
    assert parse_anchor("2025-03").month == 3 and parse_anchor("2025-03").day is None
    assert parse_anchor("--03-12").year is None and parse_anchor("--03-12").day == 12
    assert parse_anchor(None).year is None
    assert parse_anchor("not a date").year is None


def test_annotate_sets_timexes_and_keeps_input(doc_factory) -> None:
    text = "READOUT. President Sheinbaum spoke yesterday with the Prime Minister about late April talks."
    doc = doc_factory(text, published=PUB)
    out = annotate(doc, parse(text))
    assert doc.timexes == []
    values = {t.text: (t.value, t.mod) for t in out.timexes}
    assert values["yesterday"] == ("2025-03-11", None)
    assert values["late April"] == ("2025-04", "END")
    assert all(text[t.start : t.end] == t.text for t in out.timexes)
