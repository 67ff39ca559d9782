"""The one speaker-turn line pattern: questioner, upper-case and (for the cleaner's line test) mixed-case labels."""

from __future__ import annotations

import pytest

from communique.turn_patterns import (
    SPEAKER_TURN_LINE_RE,
    SPEAKER_TURN_RE,
    SPEAKER_TURN_UPPER_LINE_RE,
    is_speaker_label,
)


@pytest.mark.parametrize(
    ("line", "q", "label"),
    [
        ("THE PRESIDENT: Thank you.", None, "THE PRESIDENT"),
        ("MS. JEAN-PIERRE: Good afternoon.", None, "MS. JEAN-PIERRE"),
        ("PRESIDENT LÓPEZ OBRADOR:  (As interpreted.) Thank you.", None, "PRESIDENT LÓPEZ OBRADOR"),
        ("FOREIGN MINISTER ÖZDEMİR: We agree.", None, "FOREIGN MINISTER ÖZDEMİR"),
        ("SECRETARY ALVAREZ (via interpreter): Yes.", None, "SECRETARY ALVAREZ"),
        ("**MINISTER VARGA:** Thank you.", None, "MINISTER VARGA"),
        ("  SENIOR ADMINISTRATION OFFICIAL: Sure.", None, "SENIOR ADMINISTRATION OFFICIAL"),
        ("Q  And on the border?", "Q", None),
        ("Q: And on the border?", "Q", None),
        ("Q. And on the border?", "Q", None),
        ("**Q**: And on the border?", "Q", None),
    ],
)
def test_turn_patterns_turn_at_line_start(line, q, label):
    m = SPEAKER_TURN_RE.match(line)
    assert m is not None and (m["q"], m["label"]) == (q, label)
    assert SPEAKER_TURN_LINE_RE.fullmatch(line) and SPEAKER_TURN_UPPER_LINE_RE.fullmatch(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said: we agree.",  # prose with a colon
        "Q.E.D. was written on the board.",  # a word starting with Q
        "Quarterly figures: up 3%.",
        "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT: too long for a label",
        "12:07 P.M. EST",
    ],
)
def test_turn_patterns_not_a_turn(line):
    assert SPEAKER_TURN_RE.match(line) is None
    assert not SPEAKER_TURN_UPPER_LINE_RE.fullmatch(line)


@pytest.mark.parametrize(
    ("line", "any_case", "upper"),
    [
        ("Foreign Minister Berg: Thank you.", True, False),
        ("Minister Varga (retranslated): Yes.", True, False),
        ("MINISTER VARGA: Yes.", True, True),
        ("the minister: yes", False, False),
    ],
)
def test_turn_patterns_mixed_case_line_only_in_the_any_case_form(line, any_case, upper):
    assert bool(SPEAKER_TURN_LINE_RE.fullmatch(line)) is any_case
    assert bool(SPEAKER_TURN_UPPER_LINE_RE.fullmatch(line)) is upper


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("A: We are moving to the next level.", "A"),  # a Q&A answer: a label for metadata, not a cleaner turn line
        ("Текст: Лида Буслаева", None),  # small Cyrillic letters are not capitals
        ("タグ:", None),
    ],
)
def test_turn_patterns_one_letter_and_other_scripts_no_turn_line(line, label):
    m = SPEAKER_TURN_RE.match(line)
    assert (m["label"] if m else None) == label
    assert not SPEAKER_TURN_LINE_RE.fullmatch(line) and not SPEAKER_TURN_UPPER_LINE_RE.fullmatch(line)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("MS. PSAKI", True),
        ("SENIOR ADMINISTRATION OFFICIAL", True),
        ("SAFEGUARDING THE NATION", False),  # a fact-sheet heading
        ("NOTE", False),
        ("EDITOR'S NOTE", False),
        ("Foreign Minister", False),  # mixed case: transcript parsing's own cascade
        ("ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT", False),
    ],
)
def test_turn_patterns_is_speaker_label(label, expected):
    assert is_speaker_label(label) is expected
