"""Stage-boundary guards: markup bounds checked before lxml, over-long lines cut before the cleaner."""

from __future__ import annotations

import time

import pytest

from communique.errors import MAX_MESSAGE_CHARS, InputError
from communique.ingest.guards import (
    MAX_ATTRIBUTES_PER_ELEMENT,
    MAX_HTML_DEPTH,
    MAX_LINE_CHARS,
    check_html,
    guard_document,
    split_long_lines,
)
from communique.model import Document

SCAN_SECONDS = 5.0  # a generous ceiling for scanning ~17 MB of markup on a loaded machine


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<div " + " ".join(f"a{i}=1" for i in range(MAX_ATTRIBUTES_PER_ELEMENT + 5)) + "></div>", "attributes"),
        ("<div>" * (MAX_HTML_DEPTH + 5) + "deep text" + "</div>" * (MAX_HTML_DEPTH + 5), "deep"),
        ("<span>" * 100_000 + "x", "deep"),
    ],
)
def test_markup_over_the_bounds_is_refused_in_one_line(html: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        check_html(html, "page.html")
    assert reason in info.value.problem and len(str(info.value)) <= MAX_MESSAGE_CHARS


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<p>para<br>line" * 2000 + "<ul>" + "<li>item" * 500 + "</ul></body></html>",
        "<div data-x='a=b=c'>" + "<img src=x.png>" * 300 + "</div><script>var s = '<div>'.repeat(9999);</script>",
        "<!-- <div><div><div> -->" * 1000 + "<p>text</p>",
    ],
)
def test_ordinary_markup_passes(html: str) -> None:
    check_html(html, "page.html")


def test_a_million_attributes_are_refused_fast() -> None:
    html = "<html><body><div " + " ".join(f"x{i}=\"v\"" for i in range(1_000_000)) + ">hi</div></body></html>"
    assert len(html) > 10_000_000
    started = time.monotonic()
    with pytest.raises(InputError):
        check_html(html, "page.html")
    assert time.monotonic() - started < SCAN_SECONDS


@pytest.mark.parametrize("line", ["word " * 10_000, "x" * 25_000])
def test_long_lines_are_cut_under_the_limit_keeping_every_character(line: str) -> None:
    text, cut = split_long_lines("Title\n" + line + "\nEnd")
    assert cut == 1
    assert all(len(x) <= MAX_LINE_CHARS for x in text.split("\n"))
    assert text.replace("\n", "").replace(" ", "") == ("Title" + line + "End").replace(" ", "")


def test_guard_document_notes_cut_lines_and_leaves_html_lines_alone() -> None:
    doc = Document(id="a", source="a.txt", raw="y " * MAX_LINE_CHARS, content_type="text")
    guarded = guard_document(doc)
    assert guarded.raw != doc.raw and "cut" in guarded.meta["input_notes"][0]
    page = Document(id="b", source="b.html", raw="<p>" + "z" * (MAX_LINE_CHARS * 2) + "</p>", content_type="html")
    assert guard_document(page) is page


def test_text_over_the_size_limit_is_refused_in_one_line() -> None:
    from communique.ingest.guards import MAX_TEXT_CHARS

    doc = Document(id="c", source="huge.txt", raw="z " * (MAX_TEXT_CHARS // 2 + 1), content_type="text")
    with pytest.raises(InputError) as info:
        guard_document(doc)
    assert "huge.txt" in str(info.value) and len(str(info.value)) <= MAX_MESSAGE_CHARS
