"""Bounds on hostile input, applied between reading and the first stage (the stage boundary).

Each guard keeps the cost of one document bounded before a parser or the cleaner sees it:

1. ``check_html``: markup whose element count, attributes on one element or nesting depth would make lxml
   parse for minutes (or give up and return nothing) is refused with a one-line reason;
2. text or Markdown over ``MAX_TEXT_CHARS`` is refused (extraction memory grows with the text);
   ``split_long_lines``: text or Markdown lines longer than ``MAX_LINE_CHARS`` are cut at a space (or hard, when
   there is none), so no single regex call of the cleaner runs over megabytes and the per-stage time budget
   (``pipeline.STAGE_BUDGET_S``) can stop the stage between lines;
3. ``BoundedInflate``: a decompressing stream (``.warc.gz``) stops when the inflated size passes a limit or the
   inflation ratio is that of a decompression bomb.

``guard_document`` runs 1-2 on a read document and returns it with ``meta["input_notes"]`` naming what changed.
"""

from __future__ import annotations

import re
import zlib
from typing import BinaryIO

from ..errors import InputError
from ..model import Document

__all__ = [
    "MAX_ATTRIBUTES_PER_ELEMENT", "MAX_HTML_DEPTH", "MAX_HTML_ELEMENTS", "MAX_LINE_CHARS", "MAX_TEXT_CHARS", "MAX_INFLATE_RATIO",
    "BoundedInflate", "InflateLimitError", "check_html", "guard_document", "split_long_lines",
]

MAX_HTML_ELEMENTS = 300_000  # a long news page has ~30k elements; lxml time and memory grow with the count
MAX_ATTRIBUTES_PER_ELEMENT = 1_000  # real elements carry tens; lxml checks duplicates per attribute (quadratic)
MAX_HTML_DEPTH = 250  # libxml2 stops at 256 levels without its "huge" option and returns an empty tree
MAX_TEXT_CHARS = 2_000_000  # the API's limit too: a book-length text; beyond it extraction needs gigabytes
MAX_LINE_CHARS = 10_000  # a long paragraph is ~3k characters; a longer "line" is a dump, cut so the cleaner stays fast
MAX_INFLATE_RATIO = 200  # HTML and WARC compress 5-15x; hundreds of times is a decompression bomb
INFLATE_RATIO_AFTER = 1024 * 1024  # the ratio is judged past this much inflated (tiny archives skew it)
INFLATE_CHUNK = 64 * 1024  # inflated bytes returned per read at most
COMPRESSED_CHUNK = 8 * 1024  # compressed bytes read per step: small, so the ratio check trips early
GZIP_WBITS = 31  # zlib window bits for a gzip header and trailer
DEFAULT_MAX_INFLATED = 4 * 1024 * 1024 * 1024  # 4 GiB of inflated archive per file: far above a crawl segment

# Markup tokens, in one pass: comments, script/style bodies (their "<tags>" are text), then tags. A comment or
# script left open runs to the end of the page (\Z), so every token matches in one linear scan.
_HTML_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)|<(/?)([A-Za-z][^\s/>]*)([^>]*)>",
    re.S | re.I,
)
_ATTRIBUTE_RE = re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
# Elements that never hold content, or that the HTML parser closes itself when a sibling starts: not nesting.
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp".split()
)


def check_html(html: str, source: str) -> None:
    """Raise InputError when ``html`` has more elements, attributes on one element or nesting than lxml can take."""
    elements = depth = deepest = 0
    for m in _HTML_TOKEN_RE.finditer(html):
        name = m[3]
        if name is None:
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise InputError(source, f"HTML has more than {MAX_HTML_ELEMENTS} elements (too large to parse safely)")
        attrs = m[4]
        if attrs.count("=") > MAX_ATTRIBUTES_PER_ELEMENT or len(attrs) > MAX_ATTRIBUTES_PER_ELEMENT * 8:
            count = len(_ATTRIBUTE_RE.findall(attrs))
            if count > MAX_ATTRIBUTES_PER_ELEMENT:
                raise InputError(source, f"HTML element <{name[:20]}> has {count} attributes, over the limit of "
                                         f"{MAX_ATTRIBUTES_PER_ELEMENT}")
        tag = name.lower()
        if tag in _NOT_NESTING or attrs.rstrip().endswith("/"):
            continue
        if m[2]:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_HTML_DEPTH:
                raise InputError(source, f"HTML nests elements more than {MAX_HTML_DEPTH} deep (lxml would drop the "
                                         "content)")


def _cut(line: str, limit: int) -> list[str]:
    """``line`` in pieces of at most ``limit`` characters, each ending before a space when the second half of the
    window has one (indices only: no copy of the rest of the line per piece)."""
    parts = []
    start, end = 0, len(line)
    while end - start > limit:
        at = line.rfind(" ", start + limit // 2, start + limit)
        at = at if at > start else start + limit
        parts.append(line[start:at])
        start = at
        while start < end and line[start] == " ":
            start += 1
    parts.append(line[start:])
    return parts


def split_long_lines(text: str, limit: int = MAX_LINE_CHARS) -> tuple[str, int]:
    """``text`` with every line longer than ``limit`` cut at spaces into shorter lines; and how many were cut."""
    if len(text) <= limit:
        return text, 0
    lines = text.split("\n")
    cut = 0
    out: list[str] = []
    for line in lines:
        if len(line) > limit:
            cut += 1
            out.extend(_cut(line, limit))
        else:
            out.append(line)
    return ("\n".join(out) if cut else text), cut


def guard_document(doc: Document) -> Document:
    """Guards 1-2 on one read document: InputError when it cannot be processed safely, else the document (text
    lines cut when needed, with a note in ``meta["input_notes"]``)."""
    if doc.content_type == "html":
        check_html(doc.raw, doc.source)
        return doc
    if len(doc.raw) > MAX_TEXT_CHARS:
        raise InputError(doc.source, f"is {len(doc.raw)} characters of text, over the limit of {MAX_TEXT_CHARS} per "
                                     "document (split it into documents)")
    raw, cut = split_long_lines(doc.raw)
    if not cut:
        return doc
    notes = [*doc.meta.get("input_notes", []), f"{cut} line(s) over {MAX_LINE_CHARS} characters cut at spaces"]
    return doc.replace(raw=raw, meta={**doc.meta, "input_notes": notes})


class InflateLimitError(InputError):
    """A decompression limit was reached: the rest of the archive is not read."""


class BoundedInflate:
    """A read-only stream inflating a (multi-member) gzip file with limits: raises InflateLimitError past
    ``max_inflated`` bytes, or when the inflated size outgrows the compressed bytes read by more than
    ``MAX_INFLATE_RATIO`` (a decompression bomb: stopped after ``INFLATE_RATIO_AFTER`` bytes at most). A file that
    ends inside a gzip member reads as a short stream and sets ``truncated`` (the caller reports it)."""

    def __init__(self, compressed: BinaryIO, source: str, max_inflated: int = DEFAULT_MAX_INFLATED) -> None:
        self.compressed = compressed
        self.source = source
        self.max_inflated = max_inflated
        self.total = 0
        self.consumed = 0
        self.truncated = False
        self._inflater = zlib.decompressobj(GZIP_WBITS)
        self._input = b""
        self._in_member = False

    def _check(self) -> None:
        if self.total > self.max_inflated:
            raise InflateLimitError(self.source, f"inflates past {self.max_inflated} bytes (decompression limit)")
        if self.total > INFLATE_RATIO_AFTER and self.total > max(1, self.consumed) * MAX_INFLATE_RATIO:
            raise InflateLimitError(self.source, f"inflates more than {MAX_INFLATE_RATIO} times its compressed size "
                                                 "(decompression bomb?)")

    def read(self, size: int = -1) -> bytes:
        want = size if size and size > 0 else INFLATE_CHUNK
        while True:
            if not self._input:
                self._input = self.compressed.read(COMPRESSED_CHUNK)
                self.consumed += len(self._input)
                if not self._input:
                    self.truncated = self.truncated or self._in_member
                    return b""
            self._in_member = True
            try:
                data = self._inflater.decompress(self._input, want)
            except zlib.error as exc:
                raise InflateLimitError(self.source, f"is not a valid gzip stream ({exc})") from None
            if self._inflater.eof:  # end of one member: the next starts with the leftover bytes
                self._input = self._inflater.unused_data
                self._inflater = zlib.decompressobj(GZIP_WBITS)
                self._in_member = False
            else:
                self._input = self._inflater.unconsumed_tail
            if data:
                self.total += len(data)
                self._check()
                return data

    def close(self) -> None:
        self.compressed.close()
