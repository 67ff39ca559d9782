"""tense_at walks from a time expression up to its verb and stops at the root (token indexes, not identity)."""

import pytest
import spacy
from spacy.tokens import Doc

from communique.nlp.timex import tense_at

VOCAB = spacy.blank("en").vocab  # English lexical attributes, no model

# (words, heads, deps, pos, tags, lemmas)
PLANS = (
    ["Smith", "plans", "to", "meet", "Tuesday"],
    [1, 1, 3, 1, 3],
    ["nsubj", "ROOT", "aux", "xcomp", "npadvmod"],
    ["PROPN", "VERB", "PART", "VERB", "PROPN"],
    ["NNP", "VBZ", "TO", "VB", "NNP"],
    ["Smith", "plan", "to", "meet", "Tuesday"],
)
NO_VERB = (
    ["Talks", "on", "Tuesday"],
    [0, 0, 1],
    ["ROOT", "prep", "pobj"],
    ["NOUN", "ADP", "PROPN"],
    ["NNS", "IN", "NNP"],
    ["talk", "on", "Tuesday"],
)


@pytest.mark.parametrize(("parse", "tense"), [(PLANS, "future"), (NO_VERB, None)])
def test_timex_tense_at_climbs_to_the_verb_or_stops_at_the_root(parse: tuple, tense: str | None) -> None:
    words, heads, deps, pos, tags, lemmas = parse
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    text = doc.text
    start = text.index("Tuesday")
    assert tense_at(doc, start, start + len("Tuesday")) == tense
