"""The line classifier removes scraped-page boilerplate and keeps every article sentence."""

from __future__ import annotations

import pytest

from communique.clean.lines import classify_lines, clean_text, is_sentence

AGGREGATOR_PAGE = """Home
World
Politics
Business
Opinion

Mexico and US agree to widen border security talks

By Laura Mendez

March 4, 2025

IMG_2034.jpg
Image not available
Photo: Daniel Ortiz / Reuters
(Photo by Ana Ruiz/Getty Images)
Getty Images

Foreign ministers from Mexico and the United States agreed on Tuesday to widen their talks on border security and fentanyl trafficking.

The agreement followed a two-hour meeting in Mexico City, the Mexican foreign ministry said in a statement.

Officials said a working group would meet again in Washington before the end of April to review progress.

Share this
Post a comment
Sign up for our newsletter
Advertisement
Scroll to top

PEOPLE MENTIONED
Juan Ramon de la Fuente
Marco Rubio

RELATED TOPICS
Border security
Trade

© 2025 Example News Group. All rights reserved.
"""

ARTICLE_SENTENCES = [
    "Mexico and US agree to widen border security talks",
    "By Laura Mendez",
    "March 4, 2025",
    "Foreign ministers from Mexico and the United States agreed on Tuesday to widen their talks on border security "
    "and fentanyl trafficking.",
    "The agreement followed a two-hour meeting in Mexico City, the Mexican foreign ministry said in a statement.",
    "Officials said a working group would meet again in Washington before the end of April to review progress.",
]

BOILERPLATE = [
    "Home", "World", "Politics", "Business", "Opinion", "IMG_2034.jpg", "Image not available",
    "Photo: Daniel Ortiz / Reuters", "(Photo by Ana Ruiz/Getty Images)", "Getty Images", "Share this",
    "Post a comment", "Sign up for our newsletter", "Advertisement", "Scroll to top", "PEOPLE MENTIONED",
    "Juan Ramon de la Fuente", "Marco Rubio", "RELATED TOPICS", "Border security", "Trade",
    "© 2025 Example News Group. All rights reserved.",
]


@pytest.fixture(scope="module")
def cleaned():
    return clean_text(AGGREGATOR_PAGE)


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_lines_are_kept(cleaned, sentence):
    assert sentence in cleaned.text.split("\n")


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_removed_verbatim(cleaned, line):
    assert line in cleaned.removed
    assert line not in cleaned.text.split("\n")


def test_paragraphs_stay_separated_by_one_blank_line(cleaned):
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs == ARTICLE_SENTENCES
    assert "\n\n\n" not in cleaned.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Readers who sign up for our newsletter will get the full text of the agreement, the ministry said.",
        "The minister said she would share this proposal with her Canadian counterpart next week.",
        "Critics said the advertisement campaign had cost the government more than $4 million last year.",
        "He told reporters to read more about the plan on the ministry website before Friday's vote.",
    ],
)
def test_a_real_sentence_with_a_widget_phrase_is_kept(sentence):
    text = f"Share this\n\n{sentence}\n\nAdvertisement\n"
    result = clean_text(text)
    assert sentence in result.text
    assert result.removed == ["Share this", "Advertisement"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The two leaders discussed trade, security and migration at length.", True),
        ("Sign up for our newsletter", False),
        ("Latin America", False),
        ("PEOPLE MENTIONED", False),
    ],
)
def test_is_sentence(line, expected):
    assert is_sentence(line) is expected


@pytest.mark.parametrize(
    "line",
    [
        "Home | World | Politics | Business",
        "Follow us on Twitter",
        "Cookie settings",
        "We use cookies to improve your experience",
        "Reporting by Daniel Ortiz; Editing by Ana Ruiz",
        "Buy cheap viagra online now",
    ],
)
def test_single_boilerplate_lines_are_removed(line):
    text = (
        "The two governments signed a memorandum on energy cooperation in Ottawa on Monday.\n\n"
        f"{line}\n\n"
        "The memorandum covers electricity grids, critical minerals and nuclear research, officials said.\n"
    )
    verdicts = [v for v in classify_lines(text.split("\n")) if v.line == line]
    assert verdicts and not verdicts[0].keep


def test_a_spam_word_that_is_the_topic_is_kept():
    text = (
        "Regulators said viagra imports had doubled since the new rules came into force.\n\n"
        "Viagra sales rose 12 percent\n"
    )
    assert clean_text(text).removed == []


def test_the_title_repeated_verbatim_is_removed_once():
    text = "Leaders meet in Ottawa\n\nLeaders meet in Ottawa\n\nThe prime ministers met in Ottawa on Monday to discuss trade.\n"
    result = clean_text(text, title="Leaders meet in Ottawa")
    assert result.text.startswith("Leaders meet in Ottawa\n\nThe prime ministers")
    assert result.removed == ["Leaders meet in Ottawa"]


def test_a_short_list_inside_the_article_is_kept():
    text = (
        "The ministers discussed cooperation on energy policy in the region.\n\n"
        "Mexico\nCanada\nChile\nPeru\n\n"
        "They agreed to meet again in Lima before the end of the year, the statement said.\n"
    )
    result = clean_text(text)
    assert result.removed == []


def test_a_run_of_teaser_headlines_is_removed_but_a_bullet_list_is_kept():
    teasers = [
        "Peso rallies as tariff threat fades",
        "Farmers in Iowa brace for new duties",
        "Canada names new envoy to Washington",
        "What the border deal means for trucking",
    ]
    bullets = ["- Radar stations in Nunavut", "- Two new patrol ships", "- Training for Arctic rangers",
               "- New hangars in Iqaluit"]
    text = (
        "The ministers met in Ottawa on Monday and agreed on a new defence plan, officials said.\n\n"
        + "\n".join(bullets)
        + "\n\nThe plan will be presented to parliament next month, the minister told reporters.\n\n"
        + "\n".join(teasers)
        + "\n"
    )
    result = clean_text(text)
    assert result.removed == teasers
    for bullet in bullets:
        assert bullet[2:] in result.text.split("\n")
    assert clean_text(text, teasers=False).removed == []


def test_a_teaser_run_with_a_headline_cut_short_is_never_kept_again():
    """Title-case teasers read like article text to the line model; one cut short with "..." proves the list."""
    teasers = [
        "Governor Vows to Fight New Water Rules in Court This Fall",
        "Why the Harbor Tunnel Project Is Running Three Years Late",
        "Senate Leader Says Budget Talks Will Resume After the Recess",
        "The Quiet Rise of Rooftop Farming in the City's Old Mill District...",
        "Local Hospital Ends Its Night Clinic After Decades of Service",
        "Opinion: We Should Remember the Teachers Who Built Our Schools",
    ]
    article = ("ORAN, Lindmark - Foreign Minister Tomas Varga ended a three-day stay on Tuesday after talks with "
               "the president about trade, energy and the fisheries accord, officials said.")
    verdicts = classify_lines([*teasers, "", article], title="Varga Wraps Up Visit")
    assert [v.keep for v in verdicts[: len(teasers)]] == [False] * len(teasers)
    assert {v.reason for v in verdicts[: len(teasers)]} == {"teasers-cut"}
    assert verdicts[-1].keep



def test_a_wrapped_lead_dense_with_names_and_titles_is_not_a_teaser_run():
    """A hard-wrapped lead listing officials ("<Name>, <Title> of the") reads line by line like title-case teasers;
    lines that end mid-phrase go on in the next line: prose, kept whole (here the wrapping width is not detected:
    the closing paragraph is one long line)."""
    lead = [
        "Yesterday, Ilse Marrow, Senior Counselor to the Governor & Director of the",
        "Office of Harbour Affairs, Tomas Kell, Assistant to the Governor, Chief of",
        "Staff and Director of the Office of River Trade, Ana Voss, Senior Advisor to the",
        "Governor and Ferry Safety Coordinator, and Dr. Piet Lorn, Director of the Port",
        "Health Office, met with the mayors of the river towns.",
    ]
    closing = ("The mayors and the officials discussed how new investments in ferries, quays and river locks will "
               "reach the towns along the coast over the next three years, the office said.")
    result = clean_text("\n".join(lead) + "\n\n" + closing + "\n", title="Readout of the Harbour Towns Meeting")
    assert result.removed == []
    assert result.text.startswith(lead[0])
