"""Step 6b: a one-word name the model typed wrongly is retyped from the document's own evidence (no model: the
model's entities are given by hand on a blank pipeline)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a city the model calls a person: "arrived in X" elsewhere says it is a place
        ("The minister's visit to Oranburg began. He arrived in Oranburg at noon.",
         [("Oranburg", "PERSON"), ("Oranburg", "GPE")], [("Oranburg", "place"), ("Oranburg", "place")]),
        # "in Varga's view" is no place
        ("Tomas Varga spoke. In Varga's view, talks went well. Varga left.",
         [("Tomas Varga", "PERSON"), ("Varga", "PERSON"), ("Varga", "PERSON")],
         [("Tomas Varga", "person"), ("Varga", "person"), ("Varga", "person")]),
        # a surname of a full name of the document that the model called a place is that person
        ("Prime Minister Tomas Varga arrived. Varga praised the hosts.",
         [("Tomas Varga", "PERSON"), ("Varga", "GPE")], [("Tomas Varga", "person"), ("Varga", "person")]),
    ],
)  # fmt: skip
def test_one_word_names_are_retyped_by_document_evidence(entities_on, text, ents, expected):
    assert [(m.text, m.type) for m in entities_on(text, ents).mentions] == expected
