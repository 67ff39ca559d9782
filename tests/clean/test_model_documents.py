"""The packaged line model on whole documents of our kinds: readouts keep every line, scraped pages lose teasers."""

from __future__ import annotations

import pytest

from communique.clean.lines import clean_text

READOUT = """---
title: "Readout of the Vice President's Meeting with Manufacturing Leaders"
date: '2024-05-14'
---

Today, the Vice President hosted a roundtable with leaders of manufacturing extension
partnerships from across the country to discuss investments in domestic supply chains.
The participants described how small and medium-sized manufacturers are adopting new
technologies and training workers for jobs in clean energy and semiconductors.

The Vice President underscored the Administration's commitment to working with states
and local partners to make sure that the benefits of these investments reach every
community.

Participants included:

Maria Alvarez, Director, Ohio Manufacturing Extension Partnership
Thomas Greene, President and CEO, Great Lakes Industrial Alliance
Priya Raman, Executive Director, Colorado Advanced Manufacturing Council
Daniel Brooks, Vice President of Workforce Programs, Texas Manufacturing Assistance Center

The Vice President and the participants agreed to meet again later this year to review
progress on the apprenticeship programs announced in March.
"""

SCRAPED_PAGE = """Skip to content
World
Politics
Business
Mexico and Canada sign critical minerals pact
By Laura Mendez
Mexico and Canada signed an agreement on Tuesday to coordinate the mining and processing of critical minerals, the two governments said in a joint statement.
The pact, signed in Ottawa by the two economy ministers, sets up a working group that will meet every three months and report to both leaders.
Officials said the first projects would focus on lithium deposits in the northern state of Sonora and on refining capacity in Quebec.
"This is a partnership for the long term," the Canadian minister told reporters after the signing ceremony.
More from World
Peso rallies as tariff threat fades
Farmers in Iowa brace for new duties on fertiliser
Canada names new envoy to Washington after months of delay
What the border deal means for trucking companies
Five things to know about the new NAFTA review
Terms of Use
Privacy Policy
"""


def test_every_line_of_a_readout_with_a_participant_list_is_kept():
    result = clean_text(READOUT)
    assert [line for line in result.removed if line.strip()] == [
        "---", 'title: "Readout of the Vice President\'s Meeting with Manufacturing Leaders"', "date: '2024-05-14'",
        "---",
    ]
    assert "Maria Alvarez, Director, Ohio Manufacturing Extension Partnership" in result.text.split("\n")


@pytest.fixture(scope="module")
def page():
    return clean_text(SCRAPED_PAGE)


@pytest.mark.parametrize("index", [6, 7, 8, 9])
def test_article_sentences_of_a_scraped_page_are_kept(page, index):
    assert SCRAPED_PAGE.split("\n")[index] in page.text.split("\n")


@pytest.mark.parametrize("index", [11, 12, 13, 14, 15])
def test_related_story_headlines_of_a_scraped_page_are_removed(page, index):
    assert SCRAPED_PAGE.split("\n")[index] in page.removed
