"""Step 5 of cleaning, at corpus level: outlet templates learnt across the documents of one outlet.

A site repeats its template (footer, banner, sidebar labels) on every page; the line rules of :mod:`.lines` catch
the common families, the outlet's own wording is learnt here:

1. outlet: every document is filed under one outlet key (:func:`outlet_key`): its url's host, else the url of a
   capture header, else its publisher, else its file folder (the weakest: a folder may mix outlets).
2. observe: after a document is cleaned, the key of every candidate line of its clean text is recorded for its
   outlet (:func:`candidate_lines`: not a speaker turn or date line, not a long article sentence: text that two
   pages share because both quote it is never template).
3. learn: a line kept in ``TEMPLATE_MIN_DOCS`` documents of an outlet is a template line (folders, which may mix
   outlets, need ``FOLDER_MIN_DOCS`` documents and ``FOLDER_MIN_SHARE`` of the folder's documents).
4. apply: the clean stage removes the template lines listed in ``doc.meta["outlet_template"]``
   (:func:`apply_template`); :class:`OutletTemplates` puts them there before a document is cleaned and tells the
   ingest which earlier documents of the outlet to clean again when the template grows.

A single document from an unknown site is never touched by this step: its template needs several documents.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Collection, Iterable
from pathlib import PurePath
from typing import Any, Protocol
from urllib.parse import urlsplit

from ..model import Document
from .lines import is_protected, is_sentence, normalise_line
from .residue import capture_header

__all__ = [
    "META_TEMPLATE",
    "META_OUTLET",
    "OutletTemplates",
    "TemplateStore",
    "apply_template",
    "candidate_lines",
    "line_key",
    "outlet_key",
]

TEMPLATE_MIN_DOCS = 3  # a line in three pages of one site is its template (two pages may share a quote)
FOLDER_MIN_DOCS = 5  # a folder may hold many outlets' pages: more pages must share the line
FOLDER_MIN_SHARE = 0.5  # ... and at least half of the folder's pages (ordinary lines recur in a few only)
TEMPLATE_SENTENCE_MAX_WORDS = 12  # a longer article sentence shared by pages is quoted text, never template
LINE_MIN_CHARS = 2  # shorter lines are noise
KEY_CHARS = 16  # hex characters of a line key (64 bits: no collisions within one outlet)
HEADER_LINES = 5  # a capture header sits in the first lines

META_TEMPLATE = "outlet_template"  # doc.meta key: the normalised template lines to remove
META_OUTLET = "outlet"  # doc.meta key: the outlet key the document is filed under

_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")


class TemplateStore(Protocol):
    """What :class:`OutletTemplates` needs from a store (:class:`communique.store.sql.SQLStore` has it)."""

    def add_outlet_lines(self, outlet: str, doc_id: str, keys: Collection[str]) -> None: ...
    def outlet_line_counts(self, outlet: str, keys: Collection[str]) -> dict[str, int]: ...
    def outlet_doc_count(self, outlet: str) -> int: ...
    def outlet_template(self, outlet: str) -> dict[str, str]: ...
    def add_outlet_template(self, outlet: str, lines: dict[str, str]) -> None: ...
    def outlet_docs_with(self, outlet: str, keys: Collection[str]) -> list[str]: ...


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def outlet_key(doc: Document) -> str | None:
    """1. The outlet a document belongs to: ``host:``, ``publisher:`` or ``folder:`` + name; None when unknown."""
    if host := _host(doc.url):
        return f"host:{host}"
    raw = doc.raw or doc.text
    if raw and doc.content_type != "html":
        header = capture_header(raw.split("\n", HEADER_LINES)[:HEADER_LINES])
        if host := _host(header.front_matter.get("url")):
            return f"host:{host}"
    if doc.publisher:
        return f"publisher:{doc.publisher.strip().lower()}"
    source = (doc.source or "").split("#", 1)[0]
    if source and source != "-" and "://" not in source:
        parent = PurePath(source).parent
        if str(parent) not in ("", "."):
            return f"folder:{parent}"
    return None


def line_key(norm: str) -> str:
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:KEY_CHARS]


def candidate_lines(text: str) -> dict[str, str]:
    """2. Lines of a clean text that may be template lines: key -> normalised line."""
    out: dict[str, str] = {}
    for line in text.split("\n"):
        line = line.strip()
        norm = normalise_line(line)
        if len(norm) < LINE_MIN_CHARS or is_protected(line):
            continue
        if is_sentence(line) and len(_WORD.findall(line)) > TEMPLATE_SENTENCE_MAX_WORDS:
            continue
        out[line_key(norm)] = norm
    return out


def apply_template(text: str, template: Collection[str]) -> tuple[str, list[str]]:
    """4. Remove the lines of ``text`` whose normalised form is in ``template``; returns (text, removed lines).
    Speaker turns and date lines always stay; runs of blank lines left behind collapse to one."""
    if not template:
        return text, []
    out: list[str] = []
    removed: list[str] = []
    for line in text.split("\n"):
        if line.strip() and normalise_line(line) in template and not is_protected(line.strip()):
            removed.append(line)
            continue
        if not line.strip() and (not out or not out[-1].strip()):
            continue  # no blank line at the start, none doubled
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out), removed


class OutletTemplates:
    """Learns outlet templates during an ingest (steps 1-3) and prepares documents for the clean stage (step 4)."""

    def __init__(self, store: TemplateStore) -> None:
        self.store = store
        self._cache: dict[str, dict[str, str]] = {}

    def template(self, outlet: str) -> dict[str, str]:
        if outlet not in self._cache:
            self._cache[outlet] = dict(self.store.outlet_template(outlet))
        return self._cache[outlet]

    def prepare(self, doc: Document) -> Document:
        """File ``doc`` under its outlet and hand the outlet's template to the clean stage."""
        outlet = outlet_key(doc)
        if outlet is None:
            return doc
        meta: dict[str, Any] = {**doc.meta, META_OUTLET: outlet}
        lines = sorted(set(self.template(outlet).values()))
        if lines:
            meta[META_TEMPLATE] = lines
        else:
            meta.pop(META_TEMPLATE, None)
        return doc.replace(meta=meta)

    def observe(self, doc: Document) -> list[str]:
        """Record a cleaned document's lines; returns the ids of the outlet's documents (this one included) to
        clean again because the template gained lines they contain."""
        outlet = doc.meta.get(META_OUTLET) if isinstance(doc.meta, dict) else None
        if not isinstance(outlet, str):
            return []
        lines = candidate_lines(doc.text)
        if not lines:
            return []
        self.store.add_outlet_lines(outlet, doc.id, list(lines))
        known = self.template(outlet)
        # the document was prepared before the template learnt some of its lines (a batch in flight): redo it
        stale = [doc.id] if any(k in known for k in lines) else []
        open_keys = [k for k in lines if k not in known]
        if not open_keys:
            return stale
        need = TEMPLATE_MIN_DOCS
        if outlet.startswith("folder:"):
            need = max(FOLDER_MIN_DOCS, math.ceil(FOLDER_MIN_SHARE * self.store.outlet_doc_count(outlet)))
        counts = self.store.outlet_line_counts(outlet, open_keys)
        new = {k: lines[k] for k in open_keys if counts.get(k, 0) >= need}
        if not new:
            return stale
        self.store.add_outlet_template(outlet, new)
        known.update(new)
        return self.store.outlet_docs_with(outlet, list(new))

    def learnt(self, outlets: Iterable[str]) -> dict[str, list[str]]:
        """The template lines of ``outlets`` (for reports and tests)."""
        return {o: sorted(self.template(o).values()) for o in outlets}
