"""Compare flags a place only when two sources name different cities or venues, not spellings or a country."""

from __future__ import annotations

import pytest

from communique.kb.agreement import compare_story
from communique.kb.stories import Story
from communique.model import Event, Mention

TEXT = "Foreign Minister Tomas Varga met Secretary Ilse Brandt in {place} on Tuesday."


def _doc(doc_factory, doc_id: str, place: str, place_type: str):
    text = TEXT.format(place=place)
    start = text.index(place)
    event = Event("CONSULT", 0, len(text), label="Varga meets Brandt", participants=(("Tomas Varga", 17, 28),),
                  date_value="2025-03-04", date_basis="explicit", place=place, status="occurred")
    return doc_factory(text, id=doc_id, published="2025-03-04",
                       mentions=[Mention(start, start + len(place), place, place_type)], events=[event])


@pytest.mark.parametrize(
    ("first", "second", "flagged"),
    [
        (("Port Esper, D.C.", "place"), ("Port Esper DC", "place"), False),
        (("Port Esper", "place"), ("Freedonia", "country"), False),
        (("Valletta", "place"), ("Lisbon", "place"), True),
    ],
)
def test_place_disagreement(doc_factory, first, second, flagged):
    docs = [_doc(doc_factory, "a", *first), _doc(doc_factory, "b", *second)]
    story = Story(id="s", title="Varga meets Brandt", docs=["a", "b"], events=[("a", 0), ("b", 0)])
    assert ("place" in compare_story(story, docs).disagreements) is flagged
