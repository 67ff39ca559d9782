"""Quotation marks -> quote spans (the first step of :mod:`communique.nlp.quotes`), without a model.

Marks are read paragraph by paragraph: curly “ ” and straight " marks, guillemets « » and „, PTB `` '', a double
quote typed as two single marks ('' ... ''); ‘ ’ inside a quote are part of its text. A quote left open at a
paragraph end continues when the next paragraph opens with a quote mark (the English convention) and is otherwise
closed at the paragraph end, so an odd number of marks never fails. In a paragraph without any double mark, single
marks (‘...’ / '...') may be the quotation marks (British style, wire copy); such spans carry ``single=True`` and
are kept by the attribution step only when a cue names the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quote_patterns import AMBIGUOUS_DOUBLE, CLOSE_DOUBLE, OPEN_DOUBLE, SINGLE_PAIRS
from .transcript import is_label

__all__ = ["QuoteSpan", "find_quote_spans", "paragraphs", "trim", "LABEL_IN_QUOTE"]

_PARA_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–]))[‘'](?=[A-Z0-9])", re.M)
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])[’'](?![^\W\d_])(?=[\s.,;:!?)\]—–]|$)", re.M)
LABEL_IN_QUOTE = re.compile(r"(?P<label>[A-Z][A-Z .'’-]{1,40}):\s+")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted stretch: marks at open_at / close_at (close_at is None when the closing mark is missing)."""

    start: int
    end: int
    open_at: int
    close_end: int  # the index after the closing mark (or the content end when it is missing)
    closed: bool
    single: bool = False  # single marks (‘...’ / '...'): kept only when a cue names the speaker


# ------------------------------------------------------------------------------------------------- quote marks
def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated when the text has blank lines, else one per line."""
    splitter = _PARA_BREAK if _PARA_BREAK.search(text) else re.compile(r"\n")
    spans, pos = [], 0
    for m in splitter.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_MARK_RE = re.compile(
    "``|''|[" + re.escape("".join(sorted(set(OPEN_DOUBLE) | set(CLOSE_DOUBLE) | set(AMBIGUOUS_DOUBLE)))) + "]"
)  # the candidates :func:`_marks` judges, found by the regex engine instead of a Python loop over every character


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(position, length, role) of double quote marks in text[start:end]; role is "open" / "close" / "either"."""
    out = []
    for m in _MARK_RE.finditer(text, start, end):
        i, two = m.start(), m.group()
        before = text[i - 1] if i > start else " "
        space_before = before.isspace() or before in "([{—–-/"
        if two == "``":
            out.append((i, 2, "open"))
            continue
        if two == "''":  # doubled single quotes: a closing PTB mark, or a double quote typed as two singles
            after2 = text[i + 2] if i + 2 < end else " "
            opens = space_before and not (after2.isspace() or after2 in ".,;:!?)]}—–")
            out.append((i, 2, "open" if opens else "either" if space_before else "close"))
            continue
        after = text[i + 1] if i + 1 < end else " "
        space_after = after.isspace() or after in ".,;:!?)]}—–"
        if two in OPEN_DOUBLE:
            # Broken wire copy: an opening mark used as a closing one ("... talks.“ He left").
            out.append((i, 1, "close" if (space_after and not space_before) else "open"))
        elif two in CLOSE_DOUBLE:
            out.append((i, 1, "open" if (space_before and not space_after) else "close"))
        else:
            role = "open" if space_before and not space_after else "close" if space_after and not space_before else "either"
            out.append((i, 1, role))
    return out


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of ``text`` (content without the marks), paragraph-spanning and unclosed ones included."""
    paras = paragraphs(text)
    spans: list[QuoteSpan] = []
    open_at: int | None = None  # the opening mark of the quote in progress
    content_from = 0
    for p_index, (pa, pb) in enumerate(paras):
        marks = _marks(text, pa, pb)
        skip_first_open = False
        if open_at is not None:
            # A quote carried over from the previous paragraph: this paragraph reopens it with a mark.
            skip_first_open = True
        for pos, length, role in marks:
            if skip_first_open:
                skip_first_open = False
                if pos == trim(text, pa, pb)[0] and role in ("open", "either"):
                    continue
            if open_at is None:
                if role in ("open", "either"):
                    open_at, content_from = pos, pos + length
                # a stray closing mark with nothing open is ignored
            elif role in ("close", "either"):
                a, b = trim(text, content_from, pos)
                if b > a:
                    spans.append(QuoteSpan(a, b, open_at, pos + length, True))
                open_at = None
            else:  # a new opening mark while a quote is open: the previous one lost its closing mark
                a, b = trim(text, content_from, pos)
                if b > a:
                    spans.append(QuoteSpan(a, b, open_at, b, False))
                open_at, content_from = pos, pos + length
        if open_at is not None:
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            continues = False
            if nxt is not None:
                first = trim(text, *nxt)[0]
                nxt_marks = _marks(text, first, min(first + 2, nxt[1]))
                continues = bool(nxt_marks) and nxt_marks[0][0] == first and nxt_marks[0][2] in ("open", "either")
                if continues:  # a quoted transcript ('"WALLACE: ...' / '"PENCE: ...'): each turn is its own quote
                    label = LABEL_IN_QUOTE.match(text, first + nxt_marks[0][1])
                    continues = not (label and is_label(label["label"]))
            if not continues:  # (missing closing mark) the quote ends with its paragraph
                a, b = trim(text, content_from, pb)
                if b > a:
                    spans.append(QuoteSpan(a, b, open_at, b, False))
                open_at = None
    for pa, pb in paras:  # single marks as the quotation marks of a paragraph without double ones
        if not _marks(text, pa, pb):
            spans.extend(_single_quoted(text, pa, pb))
    return sorted(spans, key=lambda q: q.start)


def _single_quoted(text: str, start: int, end: int) -> list[QuoteSpan]:
    """‘...’ or '...' quotes (British style, wire copy): an opening mark after a space before a capital letter or
    digit, closed by the next mark that is no apostrophe (not between two letters) before a space or punctuation;
    what never closes is no quote."""
    out: list[QuoteSpan] = []
    for m in _SINGLE_OPEN.finditer(text, start, end):
        if out and m.start() < out[-1].close_end:
            continue
        close = next((c for c in _SINGLE_CLOSE.finditer(text, m.end(), end) if c.group(0) in SINGLE_PAIRS[m.group(0)]), None)
        if close is None:
            continue
        a, b = trim(text, m.end(), close.start())
        if b > a:
            out.append(QuoteSpan(a, b, m.start(), close.end(), True, single=True))
    return out
