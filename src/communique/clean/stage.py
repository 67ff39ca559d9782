"""Stage ``communique.clean.v1``: ``raw`` (html / markdown / text) -> clean ``text`` + ``removed`` lines.

1. html: trafilatura article extraction + our line classifier on its output (:mod:`.html`); page metadata
   (title, date, sitename, url, author) goes to ``meta["html"]`` (the metadata stage decides what to use).
2. markdown and text: our line classifier (:mod:`.lines`), which also turns markdown decoration into plain
   text; a leading YAML front-matter block is removed and its keys kept in ``meta["front_matter"]``.
"""

from __future__ import annotations

from typing import Any

from ..model import Document
from ..registry import stage
from .html import extract_html
from .lines import clean_text

__all__ = ["clean"]


@stage("communique.clean.v1")
def clean(doc: Document) -> Document:
    """Clean one document (see the module docstring)."""
    raw = doc.raw if doc.raw else doc.text
    if doc.content_type == "html":
        result = extract_html(raw, url=doc.url)
        html_meta: dict[str, Any] = dict(result.meta)
        return doc.replace(text=result.text, removed=result.removed, meta={**doc.meta, "html": html_meta})
    cleaned = clean_text(raw, title=doc.title, markdown=True)
    meta = {**doc.meta, "front_matter": cleaned.front_matter} if cleaned.front_matter else dict(doc.meta)
    return doc.replace(text=cleaned.text, removed=cleaned.removed, meta=meta)
