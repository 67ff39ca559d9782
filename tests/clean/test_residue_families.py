"""Residue families of scraped multi-outlet pages are removed; article text, quotes and speaker labels stay."""

from __future__ import annotations

import pytest

from communique.clean.lines import clean_text
from communique.clean.residue import capture_header, foreign_lines, strip_inline
from communique.ingest.metadata import front_matter

LEAD = "The foreign ministers of Aldmark and Berovia met in Calloway on Tuesday to discuss a new ferry agreement."
BODY = "Both sides agreed to set up a working group that will report back to the two governments before June."
CLOSE = "The next round of talks is expected to take place in the Berovian capital later this year."


def _page(*residue: str) -> str:
    return "\n\n".join(["Ministers agree on ferry talks", *residue[:1], LEAD, BODY, *residue[1:], CLOSE]) + "\n"


RESIDUE_LINES = [
    # image / photo credits
    "[Example Agency Photo]",
    "(Pool photo)(Wirex)",
    "(Wirex/Jana Novak)",
    "Photo: Y @ExampleWire",
    "Harbour Media/Pat Lowe",
    # bylines and stamps
    "Wirex) 09:41, March 3, 2024",
    "(Wirex) 13:42, March 3, 2024",
    "3 Mar. 16:30 (UTC+2 EET)",
    "Updated : March 3, 2024, 17:05",
    "Last Updated : Mar 3 2024 | 10:15 AM IST",
    "Dana Ruiz (@danaruiz_news) Published March 3, 2024 | 08:25 AM",
    "Lee Marsh, Example Daily English",
    "(Web editor: Kim Lo, Ana Bel)",
    "Edited by Maria Lopez de Vega",
    "Tue. Mar 3rd, 2024",
    # navigation
    "Home > World News",
    "HomeWorldEuropeMinisters Agree on Ferry Talks",
    "World /",
    "Open Menu",
    "Text size",
    "Site colors:",
    # widgets, counters, comment forms
    "Rate this post",
    "Was this article helpful?",
    "news code: 123456",
    "This news has been read 512 times in total",
    "There are 3,100 news releases posted on this site today.",
    "Submit Release",
    "No comments:",
    "Leave a Reply",
    "Write a comment",
    "captcha code",
    "Your email address will not be published. Required fields are marked *",
    # republishing notes, banners, subscriptions, data protection
    "FOR IMMEDIATE RELEASE",
    "originally published at World - Example Herald",
    "Provisional translation, for reference purposes only.",
    "Distributed via Example Wire Service, unedited and unaltered, on 03 March 2024.",
    "The views, positions and conclusions expressed herein are solely those of the author(s).",
    "You are subscribed to e-mail alerts from the Example Ministry.",
    "Read how we process your data under the personal data protection law.",
    "Official website of the Republic of Example",
    "ORGANIZATIONS IN THIS STORY",
    "See the full video of the signing ceremony",
    # broken images, lone urls
    "Image not found",
    "The image cannot be displayed.",
    "[embedded content]",
    "https://example.org/world/2024/03/ferry-talks-123.html",
    "<www.example.org>",
    "pic.twitter.com/AbCdEf123",
    # spam footers
    "Best online slots 2024 - claim your no deposit bonus",
    # site names
    "The Example Herald",
    "Sample Report",
]


@pytest.mark.parametrize("line", RESIDUE_LINES)
def test_residue_line_is_removed(line):
    cleaned = clean_text(_page(line))
    assert line not in cleaned.text
    assert all(sentence in cleaned.text for sentence in (LEAD, BODY, CLOSE))


KEPT_LINES = [
    "Ms. KOVA Lena, Minister for Foreign Affairs: I held a telephone meeting with the Secretary today.",
    "Lena Kova, Foreign Minister: Thank you very much.",
    "Foreign Minister Lena Kova: We welcome the agreement.",
    "Q: Will the talks continue next month?",
    "QUESTION: What did the ministers agree on the ferry routes?",
    "Prime Minister of Berovia Tomas Varga (retranslated): Mr President, colleagues,",
    "Excerpts from the remarks:",
    '"Ferry links are the lifeline of our islands," the minister said.',
    "Participants included:",
    "Governor Ann Holt (WY)",
    "Dana Ruiz, Director, Example Protection Agency",
    "CALLOWAY, March 3 (Wirex) -- The two ministers met for two hours.",
    "In Berovia, the protection of personal data is a right guaranteed by the Constitution.",
    "See document A/RES.1234 for the full text of the resolution.",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_article_line_stays(line):
    assert line in clean_text(_page("", line)).text  # inside the article, after its first paragraphs


@pytest.mark.parametrize(
    ("line", "kept", "cut"),
    [
        ("Ministers shake hands in Calloway, March 3, 2024. (Wirex/Jana Novak)", "Ministers shake hands in "
         "Calloway, March 3, 2024.", "(Wirex/Jana Novak)"),
        ("A view of the harbour. © Staff Sgt Sam Reed, Army", "A view of the harbour.", "© Staff Sgt Sam Reed, Army"),
        ("Both ministers met the press. | Twitter/Minister Lena Kova", "Both ministers met the press.",
         "| Twitter/Minister Lena Kova"),
        ("They discussed ferry links. ///abc, 3 March 2024", "They discussed ferry links.", "///abc, 3 March 2024"),
        ("The ceremony took place in Calloway. pic.twitter.com/AbC123xyz", "The ceremony took place in Calloway.",
         "pic.twitter.com/AbC123xyz"),
        ("He said the talks went well.”Follow our Telegram Channel for more news.", "He said the talks went well.”",
         "Follow our Telegram Channel for more news."),
        ("By Lee Mi-rae Posted : March 3, 2024, 07:12 Updated : March 3, 2024, 09:40", "By Lee Mi-rae",
         "Posted : March 3, 2024, 07:12 Updated : March 3, 2024, 09:40"),
        ("The ministers met on Tuesday.", "The ministers met on Tuesday.", ""),
    ],
)
def test_inline_residue_is_cut(line, kept, cut):
    assert strip_inline(line) == (kept, cut)


def test_weather_header_takes_its_city_and_date():
    text = "21.4 C\nCalloway\nMonday, March 4, 2024\n\nMinisters agree on ferry talks\n\n" + "\n\n".join([LEAD, BODY])
    cleaned = clean_text(text)
    assert not any(x in cleaned.text for x in ("21.4 C", "Calloway\n", "Monday, March 4, 2024"))
    assert LEAD in cleaned.text


def test_caption_copy_is_removed_and_caption_kept():
    caption = "Foreign Minister Lena Kova speaks to reporters in Calloway on March 3, 2024."
    cleaned = clean_text("\n\n".join([caption, caption + " (Jana Novak/Wirex)", LEAD, BODY]))
    assert cleaned.text.count(caption) == 1
    assert "(Jana Novak/Wirex)" in cleaned.removed


def test_in_body_teaser_headline_is_removed():
    teaser = "Berovia has repaired more than 40 bridges during 2023"
    cleaned = clean_text("\n\n".join(["Ministers agree on ferry talks", LEAD, teaser, BODY, CLOSE]))
    assert teaser not in cleaned.text
    assert all(s in cleaned.text for s in (LEAD, BODY, CLOSE))


@pytest.mark.parametrize(
    "line",
    [
        "Bu sitedeki haberlerin tüm hakları saklıdır ve izinsiz kopyalanması kesinlikle yasaktır.",
        "برای دریافت اخبار بیشتر عضو شوید",
    ],
)
def test_other_language_footer_is_removed_from_an_english_page(line):
    cleaned = clean_text(_page("", line))
    assert line not in cleaned.text
    assert LEAD in cleaned.text


def test_quoted_speech_in_another_language_stays():
    quote = "«Seguiremos trabajando juntos por el bienestar de nuestros pueblos», dijo el ministro."
    assert quote in clean_text(_page("", quote)).text


def test_a_spanish_page_keeps_its_spanish_text():
    lines = [
        "El canciller de Aldmark se reunió con su homólogo de Berovia en la capital este miércoles.",
        "Ambos funcionarios acordaron crear un grupo de trabajo sobre transporte marítimo y comercio.",
        "La próxima reunión tendrá lugar en el mes de junio, según informó la cancillería.",
        "Los ministros también revisaron los avances del acuerdo sobre rutas de transbordadores.",
    ]
    assert foreign_lines(lines) == set()
    cleaned = clean_text("\n\n".join(lines))
    assert all(line in cleaned.text for line in lines)


@pytest.mark.parametrize(
    ("raw", "front", "first_line"),
    [
        (" date 2024-03-03 https://www.example.org/news/ferry-talks\n\nHeadline here\n", {"date": "2024-03-03",
         "url": "https://www.example.org/news/ferry-talks"}, ""),
        (" date 2024-03-03 Ministers met in Calloway on Tuesday.\n", {"date": "2024-03-03"},
         "Ministers met in Calloway on Tuesday."),
        ("date: 2024-03-03\nurl: https://example.org/a\n\nHeadline\n", {"date": "2024-03-03",
         "url": "https://example.org/a"}, ""),
        ("Headline without a header\n", {}, "Headline without a header"),
    ],
)
def test_capture_header(raw, front, first_line):
    header = capture_header(raw.split("\n"))
    assert header.front_matter == front
    assert header.lines[0] == first_line


def test_capture_header_reaches_the_metadata_stage():
    raw = " date 2024-03-03 https://www.example.org/news/ferry-talks\n\n" + _page()
    cleaned = clean_text(raw)
    assert cleaned.front_matter == {"date": "2024-03-03", "url": "https://www.example.org/news/ferry-talks"}
    assert front_matter(cleaned.removed) == cleaned.front_matter
    assert "2024-03-03" not in cleaned.text and "example.org" not in cleaned.text


def test_removed_page_stamp_dates_the_page():
    cleaned = clean_text("Ministers agree on ferry talks\n\n(Wirex) 13:42, March 3, 2024\n\n" + LEAD)
    assert front_matter(cleaned.removed) == {"date": "March 3, 2024"}
