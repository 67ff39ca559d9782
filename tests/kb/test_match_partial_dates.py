"""A meeting dated by month and day but no year never leads the timeline."""

from __future__ import annotations

import pytest

from communique.kb.match import build_timeline
from communique.model import Event

TEXTS = {
    "a-dated": "Foreign Minister Tomas Varga met Secretary Ilse Brandt in Valletta on March 4, 2025.",
    "b-partial": "Foreign Minister Nora Lind met Secretary Piet Holm in Lisbon on January 9.",
    "c-later": "Foreign Minister Tomas Varga met Secretary Piet Holm in Riga on June 2, 2025.",
}
DATES = {"a-dated": "2025-03-04", "b-partial": "--01-09", "c-later": "2025-06-02"}


@pytest.mark.parametrize("order", [("a-dated", "b-partial", "c-later"), ("b-partial", "c-later", "a-dated")])
def test_partial_date_sorts_after_dated_entries(doc_factory, order):
    docs = []
    for doc_id in order:
        text = TEXTS[doc_id]
        docs.append(doc_factory(text, id=doc_id, events=[
            Event("CONSULT", 0, len(text), label=doc_id, date_value=DATES[doc_id], date_basis="explicit",
                  status="occurred")]))
    entries = build_timeline(docs)
    assert [e.sources[0].doc for e in entries] == ["a-dated", "c-later", "b-partial"]
