"""Outlet templates: lines one site repeats on its pages are learnt during ingest and removed from all its pages."""

from __future__ import annotations

import pytest

from communique.clean.template import apply_template, candidate_lines, outlet_key
from communique.ingest.run import ingest_documents
from communique.model import Document, document_id
from communique.pipeline import DEFAULT_PIPELINE
from communique.store.sqlite import SQLiteStore

FOOTER = [
    "Harbour Gazette has served the coast towns since 1921",
    "Tip line open weekdays from nine to five",
    "Lighthouse Edition",
]

ARTICLES = [
    [
        "Coastal ministers agree on fishing quotas",
        "The fisheries ministers of Aldmark and Berovia agreed on Monday to cut the autumn quota by a tenth.",
        "Both delegations said the new limits would be reviewed by scientists in March.",
    ],
    [
        "Port talks resume after a two-year pause",
        "Negotiators from the two harbour cities met in Calloway on Wednesday to reopen talks on shared dredging.",
        "A second round is planned for the spring, the mayor's office said in a statement.",
    ],
    [
        "Envoy visits the northern islands",
        "The special envoy travelled to the northern islands on Friday to discuss ferry links with local leaders.",
        "Residents asked for a winter timetable and a new pier at the eastern landing.",
    ],
    [
        "Trade delegation signs grain agreement",
        "A trade delegation from Berovia signed a grain agreement with Aldmark in the capital on Thursday.",
        "The deal covers three harvests and sets a floor price for wheat and barley.",
    ],
]


def _page(lines: list[str], footer: list[str]) -> str:
    return "\n\n".join([*lines, *footer]) + "\n"


def _doc(text: str, source: str, url: str | None) -> Document:
    return Document(id=document_id(text.encode()), source=source, raw=text, content_type="text", url=url)


def _ingest(docs: list[Document]) -> list[Document]:
    store = SQLiteStore(":memory:")
    ingest_documents(docs, store, stages=DEFAULT_PIPELINE)
    stored = [store.get(d.id) for d in docs]
    store.close()
    return [d for d in stored if d is not None]


@pytest.fixture(scope="module")
def outlet_pages() -> list[Document]:
    docs = [
        _doc(_page(lines, FOOTER), f"/pages/harbour/{i}.txt", f"https://www.harbourgazette.example/news/{i}")
        for i, lines in enumerate(ARTICLES)
    ]
    return _ingest(docs)


@pytest.mark.parametrize("index", range(len(ARTICLES)))
@pytest.mark.parametrize("line", FOOTER)
def test_outlet_footer_is_removed_from_every_page(outlet_pages, index, line):
    assert line not in outlet_pages[index].text
    assert line in outlet_pages[index].removed


@pytest.mark.parametrize(("index", "line"), [(i, line) for i, lines in enumerate(ARTICLES) for line in lines])
def test_article_lines_stay(outlet_pages, index, line):
    assert line in outlet_pages[index].text


def test_a_single_page_of_an_unknown_site_keeps_its_lines():
    (stored,) = _ingest([_doc(_page(ARTICLES[0], FOOTER), "/pages/one/0.txt", "https://solo.example/a")])
    assert all(line in stored.text for line in [*ARTICLES[0], *FOOTER])


def test_a_folder_of_several_outlets_learns_nothing_from_a_shared_line():
    shared = "Talks will continue next week in Calloway"
    docs = [_doc(_page([*lines, shared], []), f"/pages/mixed/{i}.txt", None) for i, lines in enumerate(ARTICLES)]
    assert all(shared in d.text for d in _ingest(docs))


def test_copies_of_one_page_teach_no_template():
    page = _page(ARTICLES[0], FOOTER)
    docs = [
        _doc(page + " " * i, f"/pages/copies/{i}.txt", f"https://copies.example/{i}") for i in range(4)
    ]  # the same page saved four times (different bytes, same text): duplicates, not an outlet's template
    assert all(line in d.text for d in _ingest(docs) for line in FOOTER)


def test_a_quoted_sentence_shared_by_pages_of_one_outlet_stays():
    quote = (
        '"We will keep the sea lanes open to every ship that respects the law of the sea," the minister said '
        "after the meeting."
    )
    docs = [
        _doc(_page([*lines, quote], []), f"/pages/quotes/{i}.txt", f"https://quotes.example/{i}")
        for i, lines in enumerate(ARTICLES)
    ]
    assert all(quote in d.text for d in _ingest(docs))


@pytest.mark.parametrize(
    ("text", "template", "expected"),
    [
        ("Headline\n\nBody sentence here.\n\nSite footer", {"site footer"}, "Headline\n\nBody sentence here."),
        ("Site footer\n\nHeadline", {"site footer"}, "Headline"),
        ("MR. SMITH: Thank you.\n\nSite footer", {"mr. smith: thank you", "site footer"}, "MR. SMITH: Thank you."),
        ("Headline\n\nBody.", set(), "Headline\n\nBody."),
    ],
)
def test_apply_template(text, template, expected):
    assert apply_template(text, template)[0] == expected


@pytest.mark.parametrize(
    ("doc", "key"),
    [
        (Document(id="a", source="x.txt", url="https://www.example.org/a/b"), "host:example.org"),
        (Document(id="b", source="x.txt", raw=" date 2024-01-02 https://site.example/p\nText"), "host:site.example"),
        (Document(id="c", source="/in/feeds/x.txt", publisher="Example Wire"), "publisher:example wire"),
        (Document(id="d", source="/in/feeds/x.txt"), "folder:/in/feeds"),
        (Document(id="e", source="-"), None),
    ],
)
def test_outlet_key(doc, key):
    assert outlet_key(doc) == key


@pytest.mark.parametrize(
    ("line", "candidate"),
    [
        ("Lighthouse Edition", True),
        ("March 4, 2025", False),  # a date line is never template
        ("THE PRESIDENT: Thank you all.", False),  # a speaker turn is never template
        ("The ministers agreed on Monday to extend the fishing quota agreement for three more years.", False),
    ],
)
def test_candidate_lines(line, candidate):
    assert bool(candidate_lines(line)) is candidate
