"""Tree walks in events.extract should compare token indexes (spaCy makes a new Token object on every access)."""

import pytest
import spacy
from spacy.tokens import Doc

from communique.events import extract

# "Smith held talks with Jones": held is the root, talks its object, Jones the object of "with".
WORDS = ["Smith", "held", "talks", "with", "Jones"]
HEADS = [1, 1, 1, 2, 3]
DEPS = ["nsubj", "ROOT", "dobj", "prep", "pobj"]
POS = ["PROPN", "VERB", "NOUN", "ADP", "PROPN"]
VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_), no model


def _doc() -> Doc:
    return Doc(VOCAB, words=WORDS, heads=HEADS, deps=DEPS, pos=POS)


@pytest.mark.parametrize("noun", [True])
def test_extract_argument_heads_leave_out_the_trigger_noun(noun: bool) -> None:
    heads = extract._argument_heads(_doc()[2], noun)
    assert [h.text for h in heads] == ["Smith", "Jones"]
