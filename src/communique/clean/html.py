"""HTML pages -> article text + page metadata (trafilatura), then our line classifier on its output.

Choice of trafilatura options (measured on scrapinghub/article-extraction-benchmark, 181 pages, shingle F1;
``python -m benchmarks.extraction_html``): comments excluded (``include_comments=False``) raises precision with
no loss of recall; see :data:`TRAFILATURA_OPTIONS`. ``removed`` lists, best effort, the page's text lines that
are not in the extracted article (never markup).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from .lines import clean_text, normalise_line

__all__ = ["HtmlText", "TRAFILATURA_OPTIONS", "extract_html", "render_text_lines"]

# Measured best on the benchmark (see module docstring); precision/recall favouring both lost F1 there.
TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}
RUN_LINE_CLASSIFIER = True  # the line classifier removes residue trafilatura keeps (credits, widgets)
REMOVED_MIN_CHARS = 2  # page text nodes shorter than this are not reported as removed lines
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})  # not rendered text
_WS = re.compile(r"\s+")

logging.getLogger("trafilatura").setLevel(logging.ERROR)  # it logs every page it cannot date / parse


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    removed: list[str]
    meta: dict[str, Any] = field(default_factory=dict)


def render_text_lines(html: str) -> list[str]:
    """Naive rendering: every non-blank text node of the page is one line (script/style/noscript skipped)."""
    import lxml.html
    from lxml import etree

    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")  # the page is already decoded: never let lxml guess
        root = lxml.html.fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return []
    lines: list[str] = []

    def add(text: str | None) -> None:
        if text:
            text = _WS.sub(" ", text).strip()
            if text:
                lines.append(text)

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() not in _SKIP_TAGS and isinstance(el.tag, str):
            add(el.text)
            for child in el:
                walk(child)
        add(el.tail)

    walk(root)
    return lines


def _metadata(doc: Any) -> dict[str, Any]:
    keys = ("title", "date", "sitename", "url", "author", "hostname", "description")
    return {k: getattr(doc, k, None) for k in keys if getattr(doc, k, None)}


def extract_html(html: str, url: str | None = None) -> HtmlText:
    """Article text (paragraphs separated by blank lines), removed page lines, and metadata under ``meta``."""
    from trafilatura import bare_extraction

    result = bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    if result is None:
        return HtmlText("", [], {})
    meta = _metadata(result)
    body = getattr(result, "text", None) or ""  # trafilatura's Document (a dict only with as_dict=True)
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    removed_by_classifier: list[str] = []
    if RUN_LINE_CLASSIFIER and paragraphs:
        cleaned = clean_text("\n\n".join(paragraphs), title=meta.get("title"), markdown=False, teasers=False)
        text = cleaned.text
        removed_by_classifier = [line for line in cleaned.removed if line.strip()]
    else:
        text = "\n\n".join(paragraphs)
    kept = normalise_line(text)
    removed = [
        line
        for line in render_text_lines(html)
        if len(line) >= REMOVED_MIN_CHARS and normalise_line(line) not in kept
    ]
    return HtmlText(text, removed_by_classifier + removed, meta)
