"""Markdown decoration -> plain text, one line at a time (the text changes, the line structure does not).

``**bold**`` / ``_em_`` / `` `code` `` lose their markers, ``# heading`` / ``> quote`` / ``- bullet`` lose their
prefixes, ``[text](url)`` becomes ``text``, images ``![alt](url)`` disappear, horizontal rules and table separator
rows become blank lines, and backslash escapes (``\\$``, ``\\*``, ``\\_``, ``\\#`` ...) become the character itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MarkdownLine", "strip_markdown_line", "unescape"]

_ESCAPABLE = "\\`*_{}[]()#+-.!|$<>~&%\"'"
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_PLACEHOLDER_BASE = 0xE000  # private-use code points hold escaped characters while markers are stripped
_PLACEHOLDER = re.compile("[\ue000-\ue0ff]")

_HR = re.compile(r"\s*(?:[-*_]\s*){3,}|\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*|\s*#{1,6}\s*|\s*={3,}\s*")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+•‣◦▪●]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*[^)\s]*(?:\s+\"[^\"]*\")?\s*\)")
_LINKED_IMAGE = re.compile(r"\[\s*!\[[^\]]*\]\([^)]*\)\s*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`+([^`]+)`+")
_HTML_TAG = re.compile(r"</?(?:br|p|div|span|em|strong|b|i|u|a|sup|sub|small|font|center)\b[^>]*/?>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MarkdownLine:
    """One converted line. ``separator``: the line was pure decoration (rule, empty heading): treat as blank."""

    text: str
    separator: bool = False
    image_only: bool = False  # the line held only image(s): residue for the classifier
    link_chars: int = 0  # characters of visible text that were link text (for link density)
    reference: bool = False  # a "[1]: http://..." link definition line
    bullet: bool = False  # the line was a list item ("- ", "* ", "1. ")


def unescape(text: str) -> str:
    """``\\$1.2 billion`` -> ``$1.2 billion`` (backslash escapes of markdown punctuation)."""
    return _ESCAPE.sub(r"\1", text)


def _protect(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(_PLACEHOLDER_BASE + _ESCAPABLE.index(m.group(1))), text)


def _restore(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: _ESCAPABLE[ord(m.group(0)) - _PLACEHOLDER_BASE], text)


def strip_markdown_line(line: str) -> MarkdownLine:
    """Convert one markdown line to plain text (see the module docstring)."""
    if _REF_DEF.match(line):
        return MarkdownLine("", reference=True)
    text = _protect(line)
    if text.strip() and _HR.fullmatch(text):
        return MarkdownLine("", separator=True)
    had_image = bool(_IMAGE.search(text))
    text = _LINKED_IMAGE.sub("", text)
    text = _IMAGE.sub("", text)
    if had_image and not text.strip(" \t[]()|-"):
        return MarkdownLine("", image_only=True)
    heading = _HEADING.match(text)
    if heading:
        text = heading.group(1)
    text = _QUOTE.sub("", text)
    bullet = bool(_BULLET.match(text) or _NUMBERED.match(text))
    text = _BULLET.sub("", text)
    link_chars = 0

    def _link(m: re.Match[str]) -> str:
        nonlocal link_chars
        link_chars += len(m.group(1).strip())
        return m.group(1)

    text = _LINK.sub(_link, text)
    text = _REF_LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in (_STRONG, _STRIKE, _EM_STAR, _EM_UNDER):
        previous = None
        while previous != text:  # nested emphasis: ***x*** -> *x* -> x
            previous = text
            text = pattern.sub(r"\2" if pattern is _STRONG else r"\1", text)
    text = _CODE.sub(r"\1", text)
    return MarkdownLine(_restore(text).strip(), link_chars=link_chars, bullet=bullet)
