"""A count's noun is found by walking up number chains to the noun (token indexes, not identity)."""

import pytest
import spacy
from spacy.tokens import Doc

from communique.nlp import claims

VOCAB = spacy.blank("en").vocab  # English lexical attributes, no model


@pytest.mark.parametrize(
    ("words", "heads", "deps", "number", "noun"),
    [
        (["more", "than", "10,000", "arrests"], [1, 2, 3, 3], ["amod", "quantmod", "nummod", "ROOT"], "10,000", "arrests"),
        (["Police", "made", "12,500", "arrests"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "dobj"], "12,500", "arrests"),
    ],
)
def test_claims_about_count_finds_the_counted_noun(
    words: list[str], heads: list[int], deps: list[str], number: str, noun: str
) -> None:
    pos = ["NOUN" if w == noun else "NUM" if w == number else "X" for w in words]
    tags = ["NNS" if w == noun else "CD" if w == number else "XX" for w in words]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    start = doc.text.index(number)
    found = claims._about_count(doc, start, start + len(number))
    assert found is not None and found[0].text == noun
