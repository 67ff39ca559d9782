"""The SemEval timeline benchmark's own event order: the target's events, by date (a month-day without a year with
the undated, last), then publication date; events another person takes part in are left out."""

from __future__ import annotations

import pytest
from benchmarks.timeline_semeval import order_events

from communique.model import Event

TEXTS = {
    "a-dated": "Foreign Minister Tomas Varga met Secretary Ilse Brandt in Valletta on March 4, 2025.",
    "b-partial": "Foreign Minister Tomas Varga met Secretary Piet Holm in Lisbon on January 9.",
    "c-later": "Foreign Minister Tomas Varga met Secretary Piet Holm in Riga on June 2, 2025.",
    "d-undated": "Foreign Minister Tomas Varga would travel to Oslo.",
    "e-other": "Foreign Minister Nora Lind met Secretary Piet Holm in Bern on May 5, 2025.",
}
DATES = {"a-dated": "2025-03-04", "b-partial": "--01-09", "c-later": "2025-06-02", "d-undated": None,
         "e-other": "2025-05-05"}


def _doc(doc_factory, doc_id, published=None, date=None):
    text = TEXTS[doc_id]
    name = "Nora Lind" if doc_id == "e-other" else "Tomas Varga"
    start = text.index(name)
    event = Event("OCCURRENCE", 0, len(text), label=doc_id, date_value=date or DATES[doc_id],
                  participants=((name, start, start + len(name)),))
    return doc_factory(text, id=doc_id, published=published, events=[event])


@pytest.mark.parametrize("order", [tuple(TEXTS), tuple(reversed(TEXTS))])
@pytest.mark.parametrize("actor", ["Tomas Varga", "varga", "VARGA"])
def test_timeline_semeval_order_dated_then_partial_and_undated(doc_factory, order, actor):
    docs = [_doc(doc_factory, doc_id) for doc_id in order]
    assert [doc.id for doc, _ in order_events(docs, actor)] == ["a-dated", "c-later", "b-partial", "d-undated"]


@pytest.mark.parametrize("actor", ["Tomas", "Ilse Brandt"])
def test_timeline_semeval_order_first_name_or_other_person_no_match(doc_factory, actor):
    assert order_events([_doc(doc_factory, "a-dated")], actor) == []


def test_timeline_semeval_order_same_date_by_publication(doc_factory):
    late = _doc(doc_factory, "a-dated", published="2025-03-06")
    early = _doc(doc_factory, "c-later", published="2025-03-05", date="2025-03-04")
    assert [doc.id for doc, _ in order_events([late, early], "Varga")] == ["c-later", "a-dated"]
