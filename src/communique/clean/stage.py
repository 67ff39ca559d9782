"""Stage ``communique.clean.v1``: ``raw`` (html / markdown / text) -> clean ``text`` + ``removed`` lines.

1. html: trafilatura article extraction + our line classifier on its output (:mod:`.html`); page metadata
   (title, date, sitename, url, author) goes to ``meta["html"]`` (the metadata stage decides what to use).
2. markdown and text: our line classifier (:mod:`.lines`), which also turns markdown decoration into plain
   text; a leading YAML front-matter block, or a capture header line (`` date YYYY-MM-DD <url>``), is removed
   and its keys kept in ``meta["front_matter"]``.
3. both: the outlet's learnt template lines (``meta["outlet_template"]``, set by the ingest, :mod:`.template`)
   are removed from the clean text.
"""

from __future__ import annotations

from typing import Any

from ..model import Document
from ..registry import stage
from .html import extract_html
from .lines import clean_text
from .template import META_TEMPLATE, apply_template

__all__ = ["clean"]


@stage("communique.clean.v1")
def clean(doc: Document) -> Document:
    """Clean one document (see the module docstring)."""
    raw = doc.raw if doc.raw else doc.text
    template = doc.meta.get(META_TEMPLATE) if isinstance(doc.meta, dict) else None
    lines = frozenset(template) if isinstance(template, list) else frozenset()
    if doc.content_type == "html":
        result = extract_html(raw, url=doc.url)
        html_meta: dict[str, Any] = dict(result.meta)
        text, cut = apply_template(result.text, lines)
        return doc.replace(text=text, removed=[*result.removed, *cut], meta={**doc.meta, "html": html_meta})
    cleaned = clean_text(raw, title=doc.title, markdown=True)
    meta = {**doc.meta, "front_matter": cleaned.front_matter} if cleaned.front_matter else dict(doc.meta)
    text, cut = apply_template(cleaned.text, lines)
    return doc.replace(text=text, removed=[*cleaned.removed, *cut], meta=meta)
