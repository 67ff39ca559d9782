"""Query terms in search snippets: spans on word boundaries, accent- and case-free, phrases whole."""

from __future__ import annotations

import pytest

from communique.read.highlight_terms import parts, term_spans


@pytest.mark.parametrize(
    ("query", "text", "marked"),
    [
        ("fisheries talks", "The Fisheries accord and the talks went on.", ["Fisheries", "talks"]),
        ("baez", "Minister Báez spoke.", ["Báez"]),  # accents folded, offsets kept
        ('"port investment" the', "New port investment in the port.", ["port investment"]),  # a phrase, no stop word
        ("meet", "They met; meetings resume.", ["meetings"]),  # a prefix of a word, on a word start
        ("sat", "Sat down, unsatisfied.", ["Sat"]),  # never inside a word
        ("", "Nothing.", []),
    ],
)
def test_term_spans_mark_the_query_words(query, text, marked):
    spans = term_spans(query, text)
    assert [text[s:e] for s, e in spans] == marked


def test_parts_cut_the_text_around_the_spans():
    text = "The Fisheries accord."
    assert parts(text, term_spans("fisheries", text)) == [("The ", False), ("Fisheries", True), (" accord.", False)]
