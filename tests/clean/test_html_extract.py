"""HTML pages: article text via trafilatura + line classifier, metadata, removed lines without markup."""

from __future__ import annotations

import pytest

from communique.clean.html import extract_html, render_text_lines

SENTENCES = [
    "Foreign ministers of Mexico and Canada met in Ottawa on Thursday to prepare the review of the trade agreement.",
    "The ministers agreed to set up a joint working group on critical minerals and energy supply chains.",
    "They also discussed migration, the security of shared supply routes and cooperation at the G20.",
    "The next meeting is planned for Mexico City in the autumn, according to the joint statement.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Mexico and Canada ministers meet in Ottawa | Example Times</title>
<meta property="og:title" content="Mexico and Canada ministers meet in Ottawa">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Laura Mendez">
<meta property="article:published_time" content="2025-03-06T10:00:00Z">
<link rel="canonical" href="https://example.com/world/mexico-canada-ottawa">
<script>var tracking = "Sign up for our newsletter";</script>
<style>.nav {{ color: red; }}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li></ul></nav>
<article>
<h1>Mexico and Canada ministers meet in Ottawa</h1>
<p class="byline">By Laura Mendez</p>
{"".join(f"<p>{s}</p>" for s in SENTENCES)}
<p>Advertisement</p>
</article>
<aside><h3>More stories</h3><ul><li><a href="/a">Peso rallies on trade hopes</a></li>
<li><a href="/b">Ottawa weather turns cold</a></li></ul></aside>
<footer><p>&copy; 2025 Example Times. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def extracted():
    return extract_html(PAGE, url="https://example.com/world/mexico-canada-ottawa")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_article_sentences_are_kept(extracted, sentence):
    assert sentence in extracted.text


@pytest.mark.parametrize("line", ["Home", "Privacy Policy", "Peso rallies on trade hopes", "Advertisement",
                                  "© 2025 Example Times. All rights reserved."])
def test_boilerplate_is_out_of_the_text_and_in_removed(extracted, line):
    assert line not in extracted.text
    assert line in extracted.removed


def test_removed_lines_hold_no_markup_or_script(extracted):
    assert not any("<" in line or "tracking" in line or "color: red" in line for line in extracted.removed)


def test_paragraphs_are_separated_by_blank_lines(extracted):
    assert SENTENCES[0] + "\n\n" + SENTENCES[1] in extracted.text


@pytest.mark.parametrize(
    ("key", "value"),
    [("title", "Mexico and Canada ministers meet in Ottawa"), ("sitename", "Example Times"),
     ("author", "Laura Mendez"), ("date", "2025-03-06"), ("url", "https://example.com/world/mexico-canada-ottawa")],
)
def test_metadata(extracted, key, value):
    assert extracted.meta[key] == value


def test_render_text_lines_skips_script_and_style():
    lines = render_text_lines(PAGE)
    assert "Home" in lines and SENTENCES[0] in lines
    assert not any("tracking" in line or "color" in line for line in lines)


def test_empty_page_gives_empty_text():
    assert extract_html("<html><body></body></html>").text == ""
