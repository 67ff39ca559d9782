"""The paragraph component on tokenised text alone (no model): the token after a blank line starts a sentence."""

from __future__ import annotations

import pytest
import spacy

from communique.nlp.model_loader import paragraph_starts


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Head\n\nBody text.\n\n\nMore", ["Body", "More"]),
        ("a \n\n b", ["b"]),  # the break in a whitespace token with spaces around it
        ("One\nTwo", []),  # a single line break is no paragraph
        ("x\n\n", []),  # a break at the end starts nothing
        ("x", []),
        ("", []),
        ("A.\n\nB.\n\nC.", ["B.", "C."]),  # "B." is one token in the tokeniser alone
    ],
)
def test_model_loader_paragraph_starts_mark_the_token_after_a_blank_line(text, starts):
    doc = paragraph_starts(spacy.blank("en").make_doc(text))
    assert [t.text for t in doc[1:] if t.is_sent_start] == starts
