"""The web UI in a real headless Chromium (Debian's ``chromium``, driven by Playwright; no browser download).

A server (uvicorn, in a thread, on a free port) serves a hand-annotated knowledge base; the tests click through
timeline -> story -> document -> person, use the search box and the filters, look at the network picture, and
check that a document full of script injections shows its markup as text and runs none of it. Screenshots of
every page go to ``$COMMUNIQUE_SCREENSHOTS`` (default ``tests/web/screenshots/``) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCREENSHOTS = Path(os.environ.get("COMMUNIQUE_SCREENSHOTS") or Path(__file__).parent / "screenshots")
ACTION_TIMEOUT_MS = 10_000  # one click or navigation on a local server

@pytest.fixture(scope="module")
def server(kb_db: str, serve_app) -> str:  # type: ignore[no-untyped-def]
    from communique.server import create_app

    return serve_app(create_app(kb_db))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def browser(launch_chromium) -> Any:  # type: ignore[no-untyped-def]
    return launch_chromium()


class Watched:
    """A page with every dialog, uncaught page error and console error it raised."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.set_default_timeout(ACTION_TIMEOUT_MS)

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def clean(self) -> bool:
        return not self.dialogs and not self.errors and self.page.evaluate("typeof window.__pwned") == "undefined"


@pytest.fixture
def web(browser: Any, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page(), server)
    context.close()


def test_click_through_timeline_story_document_person(web: Watched) -> None:
    page = web.page
    web.goto("/")
    assert page.url.endswith("/timeline")
    assert page.locator("li.event").count() == 2
    web.shot("timeline")
    page.get_by_role("link", name="Marsh meets Báez").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("section.source-column").count() == 2
    assert page.locator("table.compare").count() == 1
    assert "agree" in page.locator("ul.claim-pairs").inner_text()
    web.shot("story")
    page.locator("section.source-column h3 a", has_text="Marsh and Báez meet on migration").click()
    page.wait_for_url("**/documents/*")
    assert page.locator("article.doctext mark.quote").inner_text() == "Mexico is a partner, not a problem,"
    removed = page.locator("pre.removed")
    assert "Subscribe to our newsletter" in removed.inner_text()
    grey = removed.evaluate("e => getComputedStyle(e).color")
    assert grey != page.locator("article.doctext").evaluate("e => getComputedStyle(e).color")
    web.shot("document")
    page.locator("article.doctext mark.mention a", has_text="Lucía Báez").click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text() == "Lucía Báez"
    assert "Foreign Minister" in page.locator("table.roles").inner_text()
    assert "Marsh meets Báez" in page.locator("ul.meetings").inner_text()
    assert "Mexico is a partner" in page.locator("ul.quotes").inner_text()
    web.shot("person")
    assert web.clean(), (web.dialogs, web.errors)


def test_timeline_filters_by_actor_and_topic(web: Watched) -> None:
    page = web.page
    web.goto("/timeline")
    page.fill("#actor", "Dubois")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**actor=Dubois**")
    assert [t.strip() for t in page.locator("li.event a.story-link").all_inner_texts()] == ["Marsh meets Dubois"]
    web.shot("timeline-actor")
    page.locator("a.topic", has_text="trade").first.click()
    page.wait_for_url("**topic=trade**")
    assert page.locator("li.event").count() == 1
    assert web.clean()


def test_search_box_finds_passages_and_answers_questions(web: Watched) -> None:
    page = web.page
    web.goto("/timeline")
    page.fill("#search-box", "fentanyl")
    page.press("#search-box", "Enter")
    page.wait_for_url("**/search?q=fentanyl")
    hits = page.locator("ol.hits li.hit")
    assert hits.count() >= 1 and "fentanyl" in hits.first.inner_text().lower()
    web.shot("search")
    page.fill("#search-box", "When did Marsh meet Báez?")
    page.press("#search-box", "Enter")
    page.wait_for_url("**/search?q=When*")
    assert "2025-03-03" in page.locator("section.answer").inner_text()
    web.shot("search-answer")
    assert web.clean()


def test_network_picture_links_actors(web: Watched) -> None:
    page = web.page
    web.goto("/network")
    assert page.locator("svg.network circle").count() == 3
    assert page.locator("svg.network line").count() == 2  # Marsh-Báez, Marsh-Dubois
    web.shot("network")
    page.locator("svg.network a", has_text="Claire Dubois").click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text() == "Claire Dubois"
    assert web.clean()


def test_script_injection_shows_as_text_and_never_runs(web: Watched, kbdata) -> None:  # type: ignore[no-untyped-def]
    page = web.page
    web.goto("/timeline?actor=Dubois")
    page.get_by_role("link", name=kbdata.INJECTION_TITLE).click()
    page.wait_for_url("**/documents/*")
    text = page.locator("article.doctext").inner_text()
    assert kbdata.INJECTION in text and kbdata.ONERROR in text
    assert "<b onmouseover=alert(1)>was</b>" in page.locator("article.doctext mark.quote").inner_text()
    assert kbdata.INJECTION in page.locator("pre.removed").inner_text()
    assert page.locator("h1").inner_text() == kbdata.INJECTION_TITLE
    page.locator("article.doctext mark.quote").hover()
    injected = page.evaluate("document.querySelectorAll('main script, [onerror], [onmouseover], main img').length")
    assert injected == 0
    web.shot("document-injection")
    for path in ("/stories", "/people/" + page.locator("article.doctext mark.mention a").first.get_attribute("href").split("/")[-1]):
        web.goto(path)
    page.get_by_role("link", name="Marsh meets Dubois").first.click()
    page.wait_for_url("**/stories/*")
    assert kbdata.INJECTION_TITLE in page.locator("div.side-by-side").inner_text()
    web.shot("story-injection")
    assert web.clean(), (web.dialogs, web.errors)


def test_every_page_has_a_json_twin(web: Watched) -> None:
    page = web.page
    web.goto("/timeline")
    page.get_by_role("link", name="this page as JSON").click()
    page.wait_for_url("**/timeline.json")
    import json

    data = json.loads(page.locator("body").inner_text())
    assert [e["label"] for e in data["items"]] == ["Marsh meets Dubois", "Marsh meets Báez"]  # newest first


def test_search_filters_and_highlights_in_the_page(web: Watched) -> None:
    page = web.page
    web.goto("/search?q=fentanyl")
    assert page.locator("li.hit").count() >= 2
    assert {t.lower() for t in page.locator("li.hit mark.term").all_inner_texts()} == {"fentanyl"}
    page.select_option("#kind", "quote")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**kind=quote**")
    assert {t.strip() for t in page.locator("li.hit span.etype").all_inner_texts()} == {"quote"}
    assert page.locator("#kind").input_value() == "quote"
    web.shot("search-filtered")
    assert web.clean(), (web.dialogs, web.errors)
