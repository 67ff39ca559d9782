"""A sentence never spans a blank line: a site header, a headline and the first paragraph parse apart."""

from __future__ import annotations

import pytest

from communique.nlp.model_loader import PARAGRAPH_COMPONENT, load_model, parse

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("The Lindmark Foreign Office\n\nMinister Oleg Varnov's remarks following talks with "
         "Karim Nasser, Oran, March 10", ["The", "Minister"]),
        ("Varga Meets Brandt\n\nTomas Varga met Ilse Brandt in Oran on Tuesday.\n\nThey discussed fisheries.",
         ["Varga", "Tomas", "They"]),
    ],
)
def test_paragraph_break_starts_a_sentence(text, first_words):
    starts = [s[0].text for s in parse(text).sents if not s[0].is_space]
    for word in first_words:
        assert word in starts


def test_paragraph_component_runs_before_the_parser():
    names = load_model().pipe_names
    assert names.index(PARAGRAPH_COMPONENT) < names.index("parser")


def test_a_single_line_break_does_not_cut_a_sentence():
    text = "Tomas Varga met Ilse Brandt in Oran on Tuesday and the two\nministers discussed fisheries."
    assert len(list(parse(text).sents)) == 1
