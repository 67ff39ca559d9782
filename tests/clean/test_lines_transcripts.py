"""Transcripts and readouts: every speaker turn, stage direction and readout line survives cleaning."""

from __future__ import annotations

import pytest

from communique.clean.lines import clean_text

TRANSCRIPT = """Remarks by President Example and President Modelo Before Bilateral Meeting

Oval Office

11:42 A.M. EST

THE PRESIDENT:  Well, thank you very much.  It's a great honor to have the President of Mexico with us.
We've had a very good relationship.

PRESIDENT MODELO:  (Via interpreter)  Thank you, Mr. President.
We came to talk about trade.

Q  Mr. President, will the tariffs go ahead on Tuesday?

THE PRESIDENT:  We'll see.

Q  Thank you.

THE PRESIDENT:  Thank you.

SECRETARY RUBIO:  We spoke about it this morning.

MS. LEAVITT:  Okay.

(Laughter.)

Q:  One more question.

(Applause.)

END 12:05 P.M. EST
"""

TURN_LINES = [line for line in TRANSCRIPT.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def cleaned():
    return clean_text(TRANSCRIPT)


@pytest.mark.parametrize("line", TURN_LINES)
def test_every_transcript_line_survives(cleaned, line):
    assert " ".join(line.split()) in cleaned.text.split("\n")  # runs of spaces become one


def test_nothing_is_removed_from_the_transcript(cleaned):
    assert cleaned.removed == []


WRAPPED_READOUT = """The White House
Office of the Press Secretary
FOR IMMEDIATE RELEASE
March 3, 2025

Readout of President Example's Call with Prime Minister Modelo

President Example spoke today with Prime Minister Modelo of Canada. The two
leaders discussed the upcoming summit of the Group of Seven in Kananaskis, the
war in Ukraine, and efforts to strengthen the security of the shared border
and of North America.

The leaders agreed to stay in close touch on trade and on the steps toward
a ceasefire.

President Example also thanked the Prime Minister for Canada's support of
NATO.

###
"""

RELEASE_HEADER = "FOR IMMEDIATE RELEASE"  # a distribution note of the page, not text of the readout
READOUT_LINES = [line for line in WRAPPED_READOUT.split("\n") if line.strip() and line not in ("###", RELEASE_HEADER)]


@pytest.mark.parametrize("line", READOUT_LINES)
def test_every_readout_line_survives(line):
    assert line in clean_text(WRAPPED_READOUT).text.split("\n")


def test_release_header_is_removed():
    cleaned = clean_text(WRAPPED_READOUT)
    assert RELEASE_HEADER in cleaned.removed
    assert RELEASE_HEADER not in cleaned.text


def test_wrapped_paragraphs_keep_their_structure():
    paragraphs = clean_text(WRAPPED_READOUT).text.split("\n\n")
    assert paragraphs[-1] == "President Example also thanked the Prime Minister for Canada's support of\nNATO."
    assert len(paragraphs) == 5
