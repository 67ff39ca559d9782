"""Every page type in a real headless Chromium (Debian's ``chromium`` driven by Playwright) over a 2,000-document
knowledge base (:mod:`benchmarks.kbsynth`, hand-annotated, no language model), on a desktop (1280x800) and a phone
(390x844) viewport.

Each page is screenshotted whole (into a temporary folder, or ``$COMMUNIQUE_SCREENSHOTS`` when set) and measured in
the page: the document is no wider than the viewport, no label, heading, button, table cell, pager or navigation
link is wider than its own box or lies outside the viewport (or outside the scroll box that holds it), the page
shows what it is for, the network's labels lie inside the SVG's viewBox, and paging forward changes the rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.kbsynth import documents as synthetic_documents

DOCUMENTS = 2000  # the size issue 14 names
ACTION_TIMEOUT_MS = 15_000  # one navigation on a local server over the large base
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
MIN_LABEL_PX = 8  # network labels drawn smaller than this cannot be read without zooming
PAGE_ROWS = 10  # rows per page in the paging test: every index of the base has more
MIN_MAIN_CHARS = 30  # a page that shows what it is for has at least a heading and a sentence
# elements whose text must be readable whole: a box that clips or spills it, or one off screen, is a layout bug
CHECKED = ("header.top a, header.top button, main h1, main h2, main h3, label, button, th, td, .table-wrap, "
           "a.item-link, a.facet-value, nav.pager a, p.count, a.story-link, a.speaker, .etype, .badge, "
           "section.source-column, dl.facts, a.cite, footer a, p.error")

LAYOUT_JS = """(selector) => {
  const problems = [];
  const vw = window.innerWidth;
  const page = document.documentElement.scrollWidth;
  if (page > vw) problems.push(`the page is ${page - vw}px wider than the viewport`);
  const scroller = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return p;
    }
    return null;
  };
  const name = el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.innerText || '').trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown (a header cell hidden on a phone)
    if (getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1)
      problems.push(`${name(el)} is wider than its box: ${el.scrollWidth} > ${el.clientWidth}px`);
    const box = scroller(el);
    const left = box ? box.getBoundingClientRect().left - box.scrollLeft : 0;
    const right = box ? left + box.scrollWidth : vw;
    if (r.left < left - 1 || r.right > right + 1)
      problems.push(`${name(el)} lies outside ${box ? 'its scroll box' : 'the viewport'}: ${r.left | 0}..${r.right | 0}px`);
  }
  return problems;
}"""

LABELS_OUTSIDE_JS = """() => {
  const svg = document.querySelector('svg.network');
  const vb = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBBox();
    return b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width || b.y + b.height > vb.y + vb.height;
  }).map(t => t.textContent);
}"""


LABEL_OVERLAPS_JS = """() => {
  const boxes = [...document.querySelectorAll('svg.network text')].map(t => [t.textContent, t.getBoundingClientRect()]);
  const hits = [];
  boxes.forEach(([n, a], i) => boxes.slice(i + 1).forEach(([m, b]) => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push(`${n} / ${m}`);
  }));
  return hits;
}"""

LABEL_PX_JS = """() => {
  const svg = document.querySelector('svg.network');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


@pytest.fixture(scope="session")
def large_kb(tmp_path_factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The 2,000-document base in a SQLite file, built once per session (about ten seconds), and ids of pages
    worth a look: the long transcript (the first document)."""
    from communique.kb import build
    from communique.store.sqlite import SQLiteStore

    docs = synthetic_documents(DOCUMENTS)
    path = tmp_path_factory.mktemp("large-kb") / "kb.db"
    with SQLiteStore(path) as store:
        for doc in docs:
            store.put(doc, "synthetic")
        build(store)
        from communique.search.index import index_for

        index_for(store).refresh(vectors=False)  # full text, as ingest leaves it
    return {"db": str(path), "transcript": docs[0].id}


@pytest.fixture(scope="module")
def site(large_kb: dict[str, str], serve_app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The server's base URL and the ids the page list needs, read from the API as a client would."""
    import httpx

    from communique.server import create_app

    base = serve_app(create_app(large_kb["db"]))
    with httpx.Client(base_url=base, timeout=60) as client:
        person = client.get("/api/browse/people?limit=1").json()["items"][0]
        story = client.get("/api/browse/stories?sort=-docs&limit=1").json()["items"][0]
        document = client.get("/api/browse/documents?kind=readout&limit=1").json()["items"][0]
        met = next(e["participant_names"] for e in client.get("/api/timeline?limit=20").json()["items"]
                   if len(e["participant_names"]) == 2)
    return {"base": base, "person": person["id"], "story": story["id"], "document": document["id"],
            "transcript": large_kb["transcript"], "a": met[0].split()[-1], "b": met[1].split()[-1]}


# page type -> (path, what the page must show); {names} come from ``site``
PAGES = {
    "home": ("/", "li.event"),
    "search-filtered": ("/search?q=trade&kind=readout&since=2020&until=2024", "li.hit"),
    # "speak with": the pair's event may be a call, and a call does not answer "When did they meet?"
    "ask": ("/search?q=When+did+{a}+speak+with+{b}%3F", "section.answer ul.evidence q"),
    "people": ("/people?sort=name", "tr.item"),
    "organizations": ("/organizations", "tr.item"),
    "places": ("/places?sort=-date", "tr.item"),
    "documents": ("/documents?kind=readout&from=2021&to=2023-06", "tr.item"),
    "stories": ("/stories?sort=-docs", "tr.item"),
    "person": ("/people/{person}", "table.roles tbody tr"),
    "document": ("/documents/{document}", "article.doctext mark.quote"),
    "transcript": ("/documents/{transcript}", "nav.speakers a.speaker"),
    "story": ("/stories/{story}", "section.source-column"),
    "timeline": ("/timeline?from=2020&to=2023-12-31&offset=50", "li.event"),
    "timeline-undated": ("/timeline?undated=1", "li.event"),
    "network": ("/network", "svg.network text"),
    "network-filtered": ("/network?since=2023&until=2023", "svg.network text"),
    "error-route": ("/no/such/page", "p.error"),
    "error-document": ("/documents/ffffffffffffffff", "p.error"),
}
PAGED = {"people": "tr.item a.item-link", "organizations": "tr.item a.item-link", "places": "tr.item a.item-link",
         "documents": "tr.item a.item-link", "stories": "tr.item a.item-link", "timeline": "li.event a.story-link"}


@pytest.fixture(scope="module")
def browser(launch_chromium) -> Any:  # type: ignore[no-untyped-def]
    return launch_chromium()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    folder = os.environ.get("COMMUNIQUE_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


class Tab:
    """A browser page on one viewport, with every dialog, page error and console error it raised."""

    def __init__(self, browser: Any, site: dict[str, str], viewport: str, shots: Path) -> None:
        self.context = browser.new_context(viewport=VIEWPORTS[viewport])
        self.page, self.site, self.viewport, self.shots = self.context.new_page(), site, viewport, shots
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.errors.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" and "404" not in m.text
                     else None)
        self.page.set_default_timeout(ACTION_TIMEOUT_MS)

    def goto(self, path: str) -> Any:
        return self.page.goto(self.site["base"] + path.format(**self.site))

    def shot(self, name: str) -> Path:
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"large-{name}-{self.viewport}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def layout_problems(self) -> list[str]:
        return list(self.page.evaluate(LAYOUT_JS, CHECKED))

    def main_chars(self) -> int:
        return len(self.page.locator("main").inner_text().strip())


@pytest.fixture(params=list(VIEWPORTS))
def tab(request, browser, site, shots) -> Iterator[Tab]:  # type: ignore[no-untyped-def]
    t = Tab(browser, site, request.param, shots)
    yield t
    t.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_large_kb_page_lays_out_on_desktop_and_phone(tab: Tab, name: str) -> None:
    path, shows = PAGES[name]
    response = tab.goto(path)
    assert response.status == (404 if name.startswith("error") else 200), name
    assert tab.page.locator(shows).count() >= 1, f"{name} shows no {shows}"
    assert tab.main_chars() >= MIN_MAIN_CHARS, f"{name} is nearly empty"
    assert tab.shot(name).stat().st_size > 0
    assert tab.layout_problems() == [], f"{name} on {tab.viewport}"
    if name.startswith("network"):
        assert tab.page.evaluate(LABELS_OUTSIDE_JS) == [], "network labels outside the viewBox"
        assert tab.page.evaluate(LABEL_OVERLAPS_JS) == [], "network labels drawn over each other"
        assert tab.page.evaluate(LABEL_PX_JS) >= MIN_LABEL_PX, f"network labels too small to read on {tab.viewport}"
    assert not tab.errors, tab.errors


@pytest.mark.parametrize("name", list(PAGED))
def test_large_kb_next_page_shows_other_rows(tab: Tab, name: str) -> None:
    hrefs = "els => els.map(e => e.getAttribute('href'))"
    tab.goto(f"/{name}?limit={PAGE_ROWS}")
    first, count = tab.page.locator(PAGED[name]).evaluate_all(hrefs), tab.page.locator("p.count").inner_text()
    assert len(first) >= 2
    tab.page.locator("nav.pager a.next").click()
    tab.page.wait_for_url("**offset=**")
    second = tab.page.locator(PAGED[name]).evaluate_all(hrefs)
    assert second and second != first, f"{name}: the next page repeats the first"
    assert tab.page.locator("p.count").inner_text() != count
    assert tab.page.locator("nav.pager a.prev").count() == 1
    assert tab.layout_problems() == [], f"{name} page 2 on {tab.viewport}"
    tab.shot(f"{name}-page2")
    assert not tab.errors, tab.errors


@pytest.mark.parametrize("name", [n for n in PAGED if n != "timeline"])
def test_large_kb_facet_and_sort_narrow_the_rows(tab: Tab, name: str) -> None:
    page = tab.page
    tab.goto(f"/{name}")
    total = page.locator("p.count").inner_text()
    facet = page.locator("a.facet-value").first
    value = facet.inner_text()
    facet.click()
    page.wait_for_url("**=**")
    assert page.locator("a.facet-value.selected").first.inner_text() == value
    assert page.locator("tr.item").count() >= 1 and page.locator("p.count").inner_text() != total
    page.locator("table.index th a.sort").first.click()
    page.wait_for_url("**sort=**")
    assert page.locator("a.facet-value.selected").count() == 1  # the filter survives the sort
    assert tab.layout_problems() == [], f"{name} filtered on {tab.viewport}"
    assert not tab.errors, tab.errors
