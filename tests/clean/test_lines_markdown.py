"""Markdown decoration and escapes become plain text; wire copy sentences survive verbatim otherwise."""

from __future__ import annotations

import pytest

from communique.clean.lines import clean_text
from communique.clean.markdown import strip_markdown_line, unescape

WIRE_MARKDOWN = """# Canada pledges **\\$1.2 billion** for Arctic defence

*By Tom Hale*

OTTAWA, March 5 (Wire) - Canada will spend \\$1.2 billion on Arctic radar and patrol ships over five years, \
Defence Minister Anne Leclerc said on Wednesday, calling it "a down payment on sovereignty.

"We are not waiting for anyone else to act," she told a news conference in the capital.

> "The North is changing faster than our plans," Leclerc said.

- Radar stations in Nunavut
- Two new patrol ships
* Training for **Canadian Rangers**

---

The opposition said the plan was [too little, too late](https://example.org/opposition) and asked for a vote.

Officials said the cost was 5\\*3 times the 2019 budget line and would rise by 2\\_000 jobs\\#.
"""

EXPECTED_LINES = [
    "Canada pledges $1.2 billion for Arctic defence",
    "By Tom Hale",
    "OTTAWA, March 5 (Wire) - Canada will spend $1.2 billion on Arctic radar and patrol ships over five years, "
    'Defence Minister Anne Leclerc said on Wednesday, calling it "a down payment on sovereignty.',
    '"We are not waiting for anyone else to act," she told a news conference in the capital.',
    '"The North is changing faster than our plans," Leclerc said.',
    "Radar stations in Nunavut",
    "Two new patrol ships",
    "Training for Canadian Rangers",
    "The opposition said the plan was too little, too late and asked for a vote.",
    "Officials said the cost was 5*3 times the 2019 budget line and would rise by 2_000 jobs#.",
]


@pytest.fixture(scope="module")
def cleaned():
    return clean_text(WIRE_MARKDOWN)


@pytest.mark.parametrize("line", EXPECTED_LINES)
def test_markdown_becomes_plain_text(cleaned, line):
    assert line in cleaned.text.split("\n")


@pytest.mark.parametrize("marker", ["**", "\\$", "\n# ", "\n> ", "\n- ", "\n* ", "](", "---", "\\*", "\\_"])
def test_no_markdown_marker_is_left(cleaned, marker):
    assert marker not in cleaned.text


def test_nothing_is_removed_from_the_wire_copy(cleaned):
    assert [line for line in cleaned.removed if line.strip()] == []


def test_unbalanced_quotation_mark_paragraphs_stay_apart(cleaned):
    paragraphs = cleaned.text.split("\n\n")
    opening = next(p for p in paragraphs if p.startswith("OTTAWA"))
    assert opening.count('"') == 1  # the quote continues in the next paragraph, as written
    assert paragraphs[paragraphs.index(opening) + 1].startswith('"We are not waiting')


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("**Bold** and __strong__ and *em* and _em_", "Bold and strong and em and em"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("## Heading ##", "Heading"),
        ("1. First point", "1. First point"),
        ("See [the readout](https://example.gov/readout \"title\") here", "See the readout here"),
        ("`code` span", "code span"),
        ("\\[not a link\\]", "[not a link]"),
    ],
)
def test_strip_markdown_line(line, expected):
    assert strip_markdown_line(line).text == expected


@pytest.mark.parametrize("line", ["***", "- - -", "___", "|---|:---:|", "###"])
def test_rules_are_separators(line):
    assert strip_markdown_line(line).separator


def test_image_lines_are_image_only():
    assert strip_markdown_line("![Minister Leclerc](https://example.org/a.jpg)").image_only


def test_unescape():
    assert unescape("\\$1.2 billion \\# \\_x\\_") == "$1.2 billion # _x_"


def test_front_matter_is_removed_and_kept_as_data():
    text = "---\ntitle: Readout of a call\ndate: '2025-03-04'\n---\n\nThe two leaders spoke by phone on Tuesday about trade.\n"
    result = clean_text(text)
    assert result.text == "The two leaders spoke by phone on Tuesday about trade."
    assert result.front_matter == {"title": "Readout of a call", "date": "2025-03-04"}
    assert result.removed[:4] == ["---", "title: Readout of a call", "date: '2025-03-04'", "---"]
