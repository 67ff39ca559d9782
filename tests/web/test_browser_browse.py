"""The browsing pages in a real headless Chromium (Debian's ``chromium`` driven by Playwright), on a desktop
(1280x800) and a phone (390x844) viewport: every index page and the timeline lays out without sideways scrolling,
and an analyst can sort, filter by facet, page and find the undated events by clicking. Screenshots go to
``$COMMUNIQUE_SCREENSHOTS`` (default ``tests/web/screenshots/``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCREENSHOTS = Path(os.environ.get("COMMUNIQUE_SCREENSHOTS") or Path(__file__).parent / "screenshots")
ACTION_TIMEOUT_MS = 10_000  # one click or navigation on a local server
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PAGES = {"people": 3, "organizations": 1, "places": 2, "documents": 5, "stories": 3}  # rows on the first page

@pytest.fixture(scope="module")
def server(kbdata, tmp_path_factory, serve_app) -> str:  # type: ignore[no-untyped-def]
    from communique.server import create_app

    return serve_app(create_app(str(kbdata.build_browse_db(tmp_path_factory.mktemp("browse-ui") / "kb.db"))))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def browser(launch_chromium) -> Any:  # type: ignore[no-untyped-def]
    return launch_chromium()


class Page:
    """A browser page on one viewport with every dialog, page error and console error it raised."""

    def __init__(self, browser: Any, base: str, viewport: str) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport])
        self.page, self.base, self.viewport = self.context.new_page(), base, viewport
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.errors.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.set_default_timeout(ACTION_TIMEOUT_MS)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}-{self.viewport}.png"), full_page=True)

    def overflow(self) -> int:
        """Pixels the page is wider than the viewport (a table may scroll inside its own box, the page must not)."""
        return int(self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.fixture(params=list(VIEWPORTS))
def web(request, browser, server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    page = Page(browser, server, request.param)
    yield page
    page.context.close()


@pytest.mark.parametrize(("kind", "rows"), list(PAGES.items()))
def test_index_page_lays_out_on_desktop_and_phone(web: Page, kind: str, rows: int) -> None:
    web.goto(f"/{kind}")
    page = web.page
    assert page.locator("table.index tr.item").count() == rows
    assert page.locator("section.facet").count() >= 1
    assert web.overflow() <= 0, f"{kind} scrolls sideways on {web.viewport}"
    facets, results = page.locator("aside.facets").bounding_box(), page.locator("section.results").bounding_box()
    if web.viewport == "phone":
        assert results["y"] < facets["y"]  # the results first, the filters below them
    else:
        assert facets["x"] < results["x"] and abs(facets["y"] - results["y"]) < 5  # beside them
    web.shot(f"index-{kind}")
    assert not web.errors, web.errors


def test_timeline_lays_out_on_desktop_and_phone(web: Page) -> None:
    web.goto("/timeline")
    assert web.page.locator("li.event").count() == 2
    assert web.overflow() <= 0
    web.shot("timeline-paged")
    assert not web.errors, web.errors


def test_people_sort_facet_and_person_page(web: Page) -> None:
    page = web.page
    web.goto("/people")
    page.locator("table.index th a.sort", has_text="Name").click()
    page.wait_for_url("**sort=name**")
    assert page.locator("tr.item a.item-link").all_inner_texts() == ["Claire Dubois", "Daniel Marsh", "Lucía Báez"]
    page.locator("section.facet[data-facet=country] a.facet-value", has_text="MX").click()
    page.wait_for_url("**country=MX**")
    assert page.locator("tr.item a.item-link").all_inner_texts() == ["Lucía Báez"]
    assert page.locator("a.facet-value.selected").inner_text() == "MX"
    page.locator("a.facet-value.selected").click()  # a chosen value unchosen
    page.wait_for_url(lambda url: "country=" not in url)
    assert page.locator("tr.item").count() == 3
    page.locator("tr.item a.item-link", has_text="Claire Dubois").click()
    page.wait_for_url("**/people/*")
    roles = page.locator("table.roles tbody tr")
    assert roles.count() == 1 and "former" in roles.inner_text()
    assert web.overflow() <= 0
    web.shot("person-roles")
    page.get_by_role("link", name="Documents mentioning Claire Dubois").click()
    page.wait_for_url("**/documents?entity=*")
    assert page.locator("tr.item").count() == 3
    assert not web.errors, web.errors


def test_documents_page_by_page_with_a_date_range(web: Page) -> None:
    page = web.page
    web.goto("/documents?limit=2")
    assert page.locator("p.count").inner_text().startswith("1–2 of 5")
    page.locator("nav.pager a.next").click()
    page.wait_for_url("**offset=2**")
    assert page.locator("p.count").inner_text().startswith("3–4 of 5")
    page.locator("nav.pager a.prev").click()
    page.wait_for_url("**offset=0**")
    page.fill("#from", "2025-04")
    page.fill("#to", "2025-04-30")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**from=2025-04**")
    assert page.locator("td.date").all_inner_texts() == ["2025-04-10", "2025-04-10"]
    web.shot("documents-range")
    assert not web.errors, web.errors


def test_timeline_pages_sorts_and_shows_undated_events_apart(web: Page) -> None:
    page = web.page
    web.goto("/timeline?limit=1")
    assert page.locator("a.story-link").all_inner_texts() == ["Marsh meets Dubois"]  # newest first
    page.locator("nav.pager a.next").click()
    page.wait_for_url("**offset=1**")
    assert page.locator("a.story-link").all_inner_texts() == ["Marsh meets Báez"]
    page.locator("a.sort", has_text="oldest first").click()
    page.wait_for_url("**sort=date**")
    assert page.locator("a.story-link").first.inner_text() == "Marsh meets Báez"
    page.locator("a.other-section").click()
    page.wait_for_url("**undated=1**")
    assert page.locator("a.story-link").all_inner_texts() == ["Dubois speaks with Marsh"]
    assert "undated" in page.locator("li.event .when").inner_text()
    web.shot("timeline-undated")
    web.goto("/timeline")
    page.fill("#actor", "Báez")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**actor=**")
    assert page.locator("a.story-link").all_inner_texts() == ["Marsh meets Báez"]
    assert not web.errors, web.errors


def test_every_index_page_links_its_json_twin(web: Page) -> None:
    import json

    page = web.page
    web.goto("/stories?sort=name")
    page.get_by_role("link", name="this page as JSON").click()
    page.wait_for_url("**/stories?sort=name&format=json")
    data = json.loads(page.locator("body").inner_text())
    assert [s["name"] for s in data["items"]] == ["Claire Dubois speaks with Daniel Marsh",
                                                  "Daniel Marsh meets Dubois in Ottawa",
                                                  "Marsh meets Báez in Washington"]
