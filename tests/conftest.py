"""Shared fixtures: documents built by hand, in memory."""

from __future__ import annotations

import pytest

from communique.model import Document, document_id


def make_doc(text: str, **fields: object) -> Document:
    """A Document whose clean text is ``text`` (no cleaning run)."""
    fields.setdefault("source", "test.txt")
    fields.setdefault("id", document_id(text.encode()))
    return Document(raw=text, text=text, **fields)  # type: ignore[arg-type]


@pytest.fixture
def doc_factory():
    return make_doc
