"""Stage communique.clean.v1: dispatch on content_type, pure (input untouched), registered and picklable."""

from __future__ import annotations

import pickle

import pytest

from communique.clean.stage import clean
from communique.registry import get_stage

SCRAPED = """Skip to content
Menu

Readout of the Secretary's Meeting with Foreign Minister Modelo

The Secretary met today with Foreign Minister Modelo in Washington to discuss regional security.

The two officials agreed to continue close coordination on migration and on counternarcotics efforts.

Share this
Follow us on Twitter
"""

KEPT = [
    "Readout of the Secretary's Meeting with Foreign Minister Modelo",
    "The Secretary met today with Foreign Minister Modelo in Washington to discuss regional security.",
    "The two officials agreed to continue close coordination on migration and on counternarcotics efforts.",
]


def test_stage_is_registered():
    assert get_stage("communique.clean.v1") is clean


@pytest.mark.parametrize("content_type", ["text", "markdown"])
def test_text_and_markdown_documents(doc_factory, content_type):
    doc = doc_factory(SCRAPED, content_type=content_type).replace(text="")
    out = clean(doc)
    assert out.text.split("\n\n") == KEPT
    assert out.removed == ["Skip to content", "Menu", "Share this", "Follow us on Twitter"]
    assert doc.text == "" and doc.removed == []  # the input is not mutated


def test_html_document_gets_text_removed_and_meta(doc_factory):
    body = "".join(f"<p>{s}</p>" for s in KEPT[1:])
    raw = (
        "<html><head><title>Readout</title><meta property='og:site_name' content='Example Department'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{KEPT[0]}</h1>{body}</article></body></html>"
    )
    out = clean(doc_factory(raw, content_type="html", meta={"crawled": "2025-03-04"}).replace(text=""))
    for sentence in KEPT[1:]:
        assert sentence in out.text
    assert "<" not in out.text
    assert out.meta["crawled"] == "2025-03-04"
    assert out.meta["html"]["sitename"] == "Example Department"
    assert "Home" in out.removed


def test_front_matter_goes_to_meta(doc_factory):
    raw = "---\ntitle: Readout\n---\n" + SCRAPED
    out = clean(doc_factory(raw, content_type="markdown").replace(text=""))
    assert out.meta["front_matter"] == {"title": "Readout"}
    assert out.text.split("\n\n") == KEPT


def test_stage_pickles():
    assert pickle.loads(pickle.dumps(clean)) is clean
