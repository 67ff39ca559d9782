"""The document record of the export keeps where the publication date came from (its basis and evidence)."""

from __future__ import annotations

import pytest

from communique.export import document_record


@pytest.mark.parametrize(
    ("meta", "basis", "evidence"),
    [
        ({"published_basis": "dateline", "published_evidence": "OSLO, March 3 (Wire) --"}, "dateline",
         "OSLO, March 3 (Wire) --"),
        ({}, None, None),  # no anchor: the date stays unresolved and says so
    ],
)
def test_export_document_published_basis(doc_factory, meta, basis, evidence):
    doc = doc_factory("Ministers met.", published="2025-03-03" if basis else None, meta=meta)
    record = document_record(doc)
    assert record["published_basis"] == basis
    assert record["published_evidence"] == evidence
    assert record["published"] == ("2025-03-03" if basis else None)
