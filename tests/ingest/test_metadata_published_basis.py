"""The publication date and the evidence it rests on, in order of trust (texts written for the tests)."""

from __future__ import annotations

import pytest

from communique.ingest.metadata import metadata

BODY = (
    "Foreign ministers meet on trade\n\n"
    "VALLETTA, March 3 (Wire) -- The foreign minister of Ruritania met her counterpart from Freedonia on Tuesday "
    "to discuss trade and fisheries, officials said.\n"
)


@pytest.mark.parametrize(
    ("head", "published", "basis"),
    [
        # a capture line before the page, even when the page text follows on the same line
        (" date 2025-03-04 https://example.org/news/ministers\n", "2025-03-04", "capture"),
        (" date 2025-03-04 Wire Service, Valletta, March 3. The ministers met.\n", "2025-03-04", "capture"),
        # a header date line, with a weekday and a clock time, or in US numeric form
        ("Tuesday, March 4, 2025, 10:05 a.m., Foreign Office\n\n", "2025-03-04", "date_line"),
        ("03/04/2025 | News release | Posted on 03/04/2025 13:10\n\n", "2025-03-04", "date_line"),
        # a site's header clock is the capture day: the dateline's month-day is all the page says
        ("Sat. Jun 21st, 2025\n", "--03-03", "dateline"),
        ("71.6 F\nValletta\nMonday, June 23, 2025\n\n", None, None),  # the dateline is too far down
    ],
)
def test_publication_date_and_its_basis(doc_factory, head, published, basis) -> None:
    doc = metadata(doc_factory(head + BODY))
    assert doc.published == published
    assert doc.meta.get("published_basis") == basis
    assert bool(doc.meta.get("published_evidence")) is (basis is not None)


def test_front_matter_date_beats_the_text(doc_factory) -> None:
    doc = doc_factory("Tuesday, March 11, 2025\n\n" + BODY, meta={"front_matter": {"date": "2025-03-04"}})
    out = metadata(doc)
    assert out.published == "2025-03-04"
    assert out.meta["published_basis"] == "front_matter"
    assert out.meta["front_matter"] == {"date": "2025-03-04"}  # other meta kept


def test_no_date_anywhere_stays_unknown(doc_factory) -> None:
    doc = metadata(doc_factory("Ministers meet\n\nThe ministers met on Tuesday to discuss trade.\n"))
    assert doc.published is None
    assert "published_basis" not in doc.meta
