"""communique.metadata.v1: title, publisher, dateline, published, url, language (texts written for the tests)."""

from __future__ import annotations

import pytest

from communique.ingest.metadata import find_dateline, metadata, normalise_publisher, plainly_english
from communique.registry import get_stage

WIRE = """Mexico and U.S. agree to new talks on migration

MEXICO CITY, Jan. 9 (AP) — Mexico's foreign minister met with the U.S. secretary of state on Thursday to discuss \
migration and security, officials said.

The two sides agreed to meet again in March, the ministry said in a statement.

Copyright 2025 The Associated Press. All rights reserved.
"""

AGGREGATOR = """Cancillería y Departamento de Estado acuerdan nueva ronda de diálogo

La canciller mexicana se reunió este jueves con el secretario de Estado estadounidense en Washington para revisar \
la agenda migratoria y de seguridad.

Ambos funcionarios acordaron reunirse de nuevo en marzo para dar seguimiento a los compromisos.

(Source: EFE)
"""


def test_stage_is_registered() -> None:
    assert get_stage("communique.metadata.v1") is metadata


def test_wire_copy(doc_factory) -> None:
    doc = metadata(doc_factory(WIRE))
    assert doc.title == "Mexico and U.S. agree to new talks on migration"
    assert doc.dateline == "Mexico City"
    assert doc.published == "--01-09"
    assert doc.publisher == "Associated Press"
    assert doc.language == "en"
    assert doc.kind == "news"


def test_aggregator_page_with_source_credit(doc_factory) -> None:
    doc = metadata(doc_factory(AGGREGATOR))
    assert doc.publisher == "EFE"
    assert doc.language == "es"
    assert doc.title == "Cancillería y Departamento de Estado acuerdan nueva ronda de diálogo"
    assert doc.dateline is None


def test_input_is_not_mutated_and_set_values_are_kept(doc_factory) -> None:
    doc = doc_factory(WIRE, title="Given title", publisher="Given", published="2025-01-09", kind="transcript")
    out = metadata(doc)
    assert (out.title, out.publisher, out.published, out.kind) == ("Given title", "Given", "2025-01-09", "transcript")
    assert out.dateline == "Mexico City"
    assert doc.dateline is None  # the input document is unchanged
    assert out is not doc


def test_html_meta_wins_over_text_cues(doc_factory) -> None:
    html = {"title": "Ministers meet", "date": "2025-03-03", "sitename": "Reuters", "url": "https://example.org/a"}
    doc = metadata(doc_factory(WIRE, content_type="html", meta={"html": html}))
    assert (doc.title, doc.published, doc.publisher, doc.url) == (
        "Ministers meet",
        "2025-03-03",
        "Reuters",
        "https://example.org/a",
    )


@pytest.mark.parametrize(
    ("line", "place", "published", "agency"),
    [
        ("MEXICO CITY, Jan. 9 (AP) — The minister said", "Mexico City", "--01-09", "Associated Press"),
        ("WASHINGTON (Reuters) - The United States said", "Washington", None, "Reuters"),
        ("Washington, D.C. — The Secretary of State met", "Washington, D.C.", None, None),
        ("BEIJING, March 3, 2025 (Xinhua) -- China and Mexico", "Beijing", "2025-03-03", "Xinhua"),
        ("KYIV, Ukraine (AFP) — Talks resumed", "Kyiv, Ukraine", None, "Agence France-Presse"),
        ("UNITED NATIONS, Sept. 24 (AP) — Leaders gathered", "United Nations", "--09-24", "Associated Press"),
        ("GENEVA — Negotiators met again", "Geneva", None, None),
    ],
)
def test_datelines(line: str, place: str, published: str | None, agency: str | None) -> None:
    found = find_dateline([line])
    assert found is not None
    assert (found.place, found.published, found.agency) == (place, published, agency)


@pytest.mark.parametrize(
    "line",
    [
        "The President — who arrived late — spoke first.",
        "Al-Qaeda fighters were seen near the border.",
        "MS. PSAKI:  Good afternoon, everybody.",
        "President Biden met today with the Prime Minister.",
        "By JANE DOE Associated Press",
    ],
)
def test_not_datelines(line: str) -> None:
    assert find_dateline([line]) is None


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("WASHINGTON (Reuters) - Talks ended on Monday, officials said.", "Reuters"),
        ("Beijing and Mexico City signed a trade accord on Monday, officials said.\n— Xinhua", "Xinhua"),
        ("Talks ended on Monday.\n\nSource: Agencia EFE", "EFE"),
        ("Talks ended on Monday.\n\n© 2025 Reuters. All rights reserved.", "Reuters"),
        ("UNITED NATIONS, March 3, 2025 /PRNewswire/ -- The foundation announced a grant.", "PR Newswire"),
    ],
)
def test_publisher_signatures(doc_factory, text: str, publisher: str) -> None:
    assert metadata(doc_factory(text)).publisher == publisher


def test_publisher_from_removed_lines_and_url(doc_factory) -> None:
    doc = doc_factory("The ministers met on Monday in Ottawa.", removed=["Share this story", "Source: Reuters"])
    assert metadata(doc).publisher == "Reuters"
    doc = doc_factory("The ministers met on Monday in Ottawa.", url="https://www.whitehouse.gov/briefings/x/")
    assert metadata(doc).publisher == "The White House"
    doc = doc_factory("The ministers met on Monday in Ottawa.", url="https://news.example.com/a")
    assert metadata(doc).publisher == "news.example.com"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("AP", "Associated Press"), ("The Associated Press.", "Associated Press"), ("Agencia EFE / AFP", "EFE"),
     ("Diario del Norte", "Diario del Norte"), ("a sentence that goes on and on and on about it", None)],
)  # fmt: skip
def test_normalise_publisher(name: str, expected: str | None) -> None:
    assert normalise_publisher(name) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("FOR IMMEDIATE RELEASE\nMarch 3, 2025\n\nThe ministry announced a new program today.", "2025-03-03"),
        ("Talks resume in Geneva\n2025-03-04\n\nNegotiators met again on Tuesday.", "2025-03-04"),
        ("Talks resume in Geneva\nPublished: 5 March 2025\n\nNegotiators met again on Tuesday.", "2025-03-05"),
        ("Negotiators met again on Tuesday in Geneva to discuss the agreement.", None),
    ],
)
def test_published_from_date_lines(doc_factory, text: str, published: str | None) -> None:
    assert metadata(doc_factory(text)).published == published


def test_title_skips_release_and_date_lines_but_not_wrapped_paragraphs(doc_factory) -> None:
    doc = doc_factory("FOR IMMEDIATE RELEASE\nMarch 3, 2025\n\nMinistry Launches Border Program\n\nThe ministry launched it.")
    assert metadata(doc).title == "Ministry Launches Border Program"
    wrapped = "The Secretary of State met today with the Foreign\nMinister of Canada to discuss trade and security.\n"
    assert metadata(doc_factory(wrapped)).title is None


@pytest.mark.parametrize(("text", "language"), [("Hola", "en"), (AGGREGATOR, "es"), (WIRE, "en")])
def test_language(doc_factory, text: str, language: str) -> None:
    assert metadata(doc_factory(text)).language == language


ENGLISH_PROSE = " ".join([WIRE.split("\n\n")[1], WIRE.split("\n\n")[2]] * 3)
SPANISH_PROSE = " ".join([AGGREGATOR.split("\n\n")[1], AGGREGATOR.split("\n\n")[2]] * 3)
SPANISH_WITH_ENGLISH_QUOTE = SPANISH_PROSE + ' "We will meet again in March," the secretary said in a statement.'
CYRILLIC_WITH_ENGLISH = "Министр иностранных дел встретился с коллегами в столице и обсудил вопросы " * 4 + ENGLISH_PROSE[:200]


@pytest.mark.parametrize(("sample", "plain"), [
    (ENGLISH_PROSE, True),
    (WIRE.split("\n\n")[1], False),  # too few words: py3langid decides
    (SPANISH_PROSE, False),
    (SPANISH_WITH_ENGLISH_QUOTE, False),
    (CYRILLIC_WITH_ENGLISH, False),
    ("Q: Yes? Z: No. Q: Why? " * 20, False),  # words, but no English function words
])
def test_metadata_plainly_english_only_for_english_prose(sample: str, plain: bool) -> None:
    assert plainly_english(sample) is plain


@pytest.mark.parametrize("sample", [ENGLISH_PROSE, SPANISH_PROSE, SPANISH_WITH_ENGLISH_QUOTE, CYRILLIC_WITH_ENGLISH])
def test_metadata_language_shortcut_agrees_with_py3langid(doc_factory, sample: str) -> None:
    py3langid = pytest.importorskip("py3langid")
    guess = py3langid.classify(sample)[0]
    assert metadata(doc_factory(sample)).language == (guess if len(guess) == 2 else "en")


def test_html_date_guessed_from_copyright_year_is_ignored(doc_factory) -> None:
    raw = "<html><body><p>The ministers met on Monday.</p><footer>Copyright 2025 Ministry</footer></body></html>"
    html = {"date": "2025-01-01", "sitename": "Ministry"}
    doc = doc_factory("The ministers met on Monday.", content_type="html", meta={"html": html}).replace(raw=raw)
    assert metadata(doc).published is None
    doc = doc_factory("Talks on 1 January 2025.", meta={"html": html}).replace(raw=raw.replace("Monday", "1 January"))
    assert metadata(doc).published == "2025-01-01"


def test_front_matter_gives_title_date_and_url(doc_factory) -> None:
    removed = ["---", "tags: statements-releases", "date: '2021-01-23'",
               "source_url: https://example.gov/briefing-room/readout/",
               'title: "Readout of President Ana\\_Ruiz Call with President Andr\\xE9s L\\xF3\\',
               '  pez of\\_Mexico"', "---"]
    doc = metadata(doc_factory("President Ruiz spoke with President Andrés López yesterday about migration.",
                               removed=removed, content_type="markdown"))
    assert doc.title == "Readout of President Ana Ruiz Call with President Andrés López of Mexico"
    assert doc.published == "2021-01-23" and doc.url == "https://example.gov/briefing-room/readout/"
    assert doc.kind == "readout"
