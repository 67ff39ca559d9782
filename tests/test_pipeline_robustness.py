"""Odd real-world inputs go through the whole pipeline without a stage failing (a failure loses the document)."""

from __future__ import annotations

import pytest

from communique.ingest.run import FULL_PIPELINE
from communique.model import Document, document_id
from communique.pipeline import Failure, run_pipeline

ODD_TEXTS = [
    "",
    "   \n\n\t  ",
    '"""""',
    "“ ” “ “ ” ‘ ’ « » \" '",
    "12 34 56 7.8 9,000 $ € % 1/2 3-4",
    "WASHINGTON —",
    "Q\n\nQ:\n\nMR. :\n\nSECRETARY RUBIO:",
    "(Via interpreter)\n(Laughter.)\n(Applause.)",
    "# \n## \n**\n\\$\\*\\_\n[]()\n> \n- \n---",
    "A" * 5000,
    ("word " * 3000).strip(),
    "مرحبا بكم في المؤتمر الصحفي. 北京 会谈。 Встреча в Москве.",
    "Control\x00chars\x07and\x1b[31mescapes\x1b[0m in text.",
    "He said \"she said 'they said \"we said",
    "The $1.2 trillion, 40%, 12,500 arrests and 3.5 tons on March 3, 2025, yesterday, last Tuesday.",
    "<script>alert(1)</script><p>Ministers met.</p>",
    "PRESIDENT SHEINBAUM: (Via interpreter) Gracias.\n\nQ Thank you.\n\nTHE PRESIDENT: Go ahead.",
    "Secretary of State Marco Rubio met Mexican Foreign Secretary Juan Ramón de la Fuente Ramírez in Washington, D.C.",
]


@pytest.mark.model
@pytest.mark.parametrize("content_type", ["text", "markdown", "html"])
def test_pipeline_odd_inputs_never_fail(content_type):
    docs = [Document(id=document_id(t.encode()), source=f"odd{i}", raw=t, content_type=content_type, published="2025-03-04")
            for i, t in enumerate(ODD_TEXTS)]
    out = list(run_pipeline(docs, FULL_PIPELINE))
    failures = [f"{r.source}: {r.stage}: {r.message}" for r in out if isinstance(r, Failure)]
    assert failures == []
    for doc in out:
        for m in (*doc.mentions, *doc.quotes, *doc.claims, *doc.timexes):
            assert 0 <= m.start <= m.end <= len(doc.text)
            assert doc.text[m.start:m.end] == m.text


def test_pipeline_extractor_error_keeps_the_document(monkeypatch, doc_factory):
    from communique.nlp import stages

    real = stages._annotator

    def broken(module):
        if module == "communique.nlp.claims":
            def boom(doc, sdoc):
                raise RuntimeError("claims exploded")
            return boom
        return real(module)

    monkeypatch.setattr(stages, "_annotator", broken)
    doc = stages.extract_all(doc_factory("Trade reached $1.2 trillion, Secretary Rubio said on Monday."))
    assert doc.claims == [] and doc.mentions  # the other extractors still ran
    assert doc.meta["errors"] == ["communique.claims.v1: RuntimeError: claims exploded"]
