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


@pytest.mark.parametrize(
    ("words", "tags", "expected"),
    [
        # the parse makes the number the subject of the participle: the plural noun after it is still counted
        (["with", "300", "parading", "cadets"], ["IN", "CD", "VBG", "NNS"], "cadets"),
        (["about", "50", "armoured", "new", "vehicles"], ["IN", "CD", "JJ", "JJ", "NNS"], "vehicles"),
        # too many words between, a verb between, or no plural noun: no count
        (["some", "50", "big", "old", "grey", "ships"], ["DT", "CD", "JJ", "JJ", "JJ", "NNS"], None),
        (["50", "voted", "for", "motions"], ["CD", "VBD", "IN", "NNS"], None),
        (["50", "parading"], ["CD", "VBG"], None),
    ],
)
def test_claims_about_count_falls_back_to_the_plural_noun_after_the_number(
    words: list[str], tags: list[str], expected: str | None
) -> None:
    number = words[tags.index("CD")]
    n = tags.index("CD")
    verb = n + 1  # the misparse: the number hangs from the word after it, which is the root
    heads = [verb] * len(words)
    deps = ["nsubj" if i == n else "ROOT" if i == verb else "dep" for i in range(len(words))]
    pos = ["NOUN" if t == "NNS" else "NUM" if t == "CD" else "X" for t in tags]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    start = doc.text.index(number)
    found = claims._about_count(doc, start, start + len(number))
    assert (found[0].text if found else None) == expected


def test_claims_about_count_fallback_skips_a_number_after_a_name() -> None:
    words, tags = ["the", "May", "7", "strikes"], ["DT", "NNP", "CD", "NNS"]
    pos = ["DET", "PROPN", "NUM", "NOUN"]
    doc = Doc(VOCAB, words=words, heads=[3, 3, 3, 3], deps=["det", "compound", "dep", "ROOT"], pos=pos, tags=tags)
    start = doc.text.index("7")
    assert claims._about_count(doc, start, start + 1) is None
