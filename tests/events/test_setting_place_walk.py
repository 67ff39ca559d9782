"""Whether "in <place>" says where the event was: the place's noun phrase is climbed to its preposition by token
indexes (spaCy makes a new Token object on every access)."""

import pytest
import spacy
from spacy.tokens import Doc

from communique.events.setting import _attached_place
from communique.model import Mention

VOCAB = spacy.blank("en").vocab  # English lexical attributes, no model


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "place", "attached"),
    [
        (["Smith", "met", "Jones", "in", "New", "Town"], [1, 1, 1, 1, 5, 3],
         ["nsubj", "ROOT", "dobj", "prep", "compound", "pobj"],
         ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PROPN"], "New Town", True),
        (["Smith", "backed", "calls", "for", "protests", "in", "Ruritania"], [1, 1, 1, 2, 3, 4, 5],
         ["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj"],
         ["PROPN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN"], "Ruritania", False),
    ],
)
def test_setting_attached_place_climbs_the_place_phrase(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], place: str, attached: bool
) -> None:
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=[w.lower() for w in words])
    start = doc.text.index(place)
    assert _attached_place(doc[1], Mention(start, start + len(place), place, "place")) is attached
