"""Index pages and the paged timeline rendered in-process over a hand-built knowledge base: what the page shows
is its JSON twin, paging keeps the filters, facets filter and count, the timeline is newest first with its undated
events apart, and untrusted text stays text."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from communique.server import create_app

KINDS = ("people", "organizations", "places", "documents", "stories")


@pytest.fixture(scope="module")
def client(kbdata, tmp_path_factory) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(create_app(str(kbdata.build_browse_db(tmp_path_factory.mktemp("browse") / "kb.db"))))


# story titles: names as the reports write them (a page naming "Báez" alone gives "Báez"; none: the full name)
CALL, OTTAWA, MEXICO = ("Claire Dubois speaks with Daniel Marsh", "Daniel Marsh meets Dubois in Ottawa",
                        "Marsh meets Báez in Washington")


def _names(client: TestClient, url: str) -> list[str]:
    return [i["name"] for i in client.get(url).json()["items"]]


@pytest.mark.parametrize("kind", KINDS)
def test_index_page_and_its_twins_show_the_same_items(client: TestClient, kind: str) -> None:
    html = client.get(f"/{kind}")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "'unsafe-inline'" not in html.headers["content-security-policy"]
    twin, query_twin = client.get(f"/{kind}.json").json(), client.get(f"/{kind}?format=json").json()
    assert twin == query_twin and twin["total"] == len(twin["items"]) > 0
    for item in twin["items"]:
        assert f'href="/{"people" if kind in ("people", "organizations", "places") else kind}/{item["id"]}"' in html.text
    assert f'href="/{kind}.json"' in html.text  # the footer links the twin


@pytest.mark.parametrize(("url", "names"), [
    ("/people.json", ["Daniel Marsh", "Claire Dubois", "Lucía Báez"]),  # most documents first
    ("/people.json?sort=name", ["Claire Dubois", "Daniel Marsh", "Lucía Báez"]),
    ("/people.json?sort=-name", ["Lucía Báez", "Daniel Marsh", "Claire Dubois"]),
    ("/people.json?country=CA", ["Claire Dubois"]),
    ("/people.json?country=CA&country=MX&sort=name", ["Claire Dubois", "Lucía Báez"]),
    ("/people.json?topic=migration&sort=name", ["Daniel Marsh", "Lucía Báez"]),
    ("/people.json?q=baez", ["Lucía Báez"]),
    ("/people.json?from=2025-05&to=2025", ["Daniel Marsh", "Claire Dubois"]),  # seen within the range
    ("/documents.json?outlet=Gazette", ["Dubois and Marsh speak by phone"]),
    ("/documents.json?kind=readout", ["Secretary Marsh's Meeting with Mexican Foreign Minister Báez"]),
    ("/documents.json?to=2025-03-31&sort=name", ["Marsh and Báez meet on migration",
                                                  "Secretary Marsh's Meeting with Mexican Foreign Minister Báez"]),
    ("/documents.json?topic=security", ["Dubois and Marsh speak by phone"]),
    ("/stories.json", [CALL, OTTAWA, MEXICO]),  # newest first
    ("/stories.json?sort=date", [MEXICO, OTTAWA, CALL]),
    ("/stories.json?outlet=Office+of+the+Spokesperson", [MEXICO]),
    ("/places.json?sort=name", ["Ottawa", "Washington"]),
    ("/people.json?country=Nowhere", []),
])
def test_sorts_and_facets_choose_the_items(client: TestClient, url: str, names: list[str]) -> None:
    assert _names(client, url) == names


def test_documents_mentioning_an_entity(client: TestClient) -> None:
    people = {i["name"]: i["id"] for i in client.get("/people.json").json()["items"]}
    titles = _names(client, f"/documents.json?entity={people['Lucía Báez']}&sort=name")
    assert titles == ["Marsh and Báez meet on migration", "Secretary Marsh's Meeting with Mexican Foreign Minister Báez"]
    person = client.get(f"/people/{people['Lucía Báez']}").text
    assert f'href="/documents?entity={people["Lucía Báez"]}"' in person


def test_paging_keeps_filters_and_sort_and_covers_every_item(client: TestClient) -> None:
    url, seen, totals = "/documents.json?sort=name&outlet=Wire&limit=1", [], set()
    while url:
        page = client.get(url).json()
        seen += [i["name"] for i in page["items"]]
        totals.add(page["total"])
        assert page["limit"] == 1 and len(page["items"]) == 1
        url = page["next"]
        if url:
            query = parse_qs(urlsplit(url).query)
            assert query["outlet"] == ["Wire"] and query["sort"] == ["name"] and urlsplit(url).path == "/documents.json"
    assert totals == {3} and len(seen) == 3 and len(set(seen)) == 3
    last = client.get("/documents.json?sort=name&outlet=Wire&limit=1&offset=2").json()
    assert last["next"] is None and parse_qs(urlsplit(last["prev"]).query)["offset"] == ["1"]
    html = client.get("/documents?sort=name&outlet=Wire&limit=1&offset=1").text
    assert 'class="prev"' in html and 'class="next"' in html and "2–2 of 3" in html


def test_facet_counts_and_toggle_links(client: TestClient) -> None:
    page = client.get("/documents.json?outlet=Wire").json()
    outlets = {f["value"]: f for f in page["facets"]["outlet"]}
    assert outlets["Wire"]["count"] == 3 and outlets["Wire"]["selected"] and outlets["Wire"]["href"] == "/documents.json"
    assert outlets["Gazette"]["count"] == 1 and not outlets["Gazette"]["selected"]  # its own filter left out
    assert parse_qs(urlsplit(outlets["Gazette"]["href"]).query)["outlet"] == ["Wire", "Gazette"]
    kinds = {f["value"]: f["count"] for f in page["facets"]["kind"]}
    assert kinds == {"news": 3}  # the other facets count within the filter


def test_person_roles_are_date_spans(client: TestClient) -> None:
    people = {i["name"]: i for i in client.get("/people.json").json()["items"]}
    assert people["Claire Dubois"]["role"] is None  # a later page calls her a former minister
    assert people["Daniel Marsh"]["role"] == "Secretary of State"
    roles = client.get(f"/people/{people['Claire Dubois']['id']}.json").json()["roles"]
    assert [(r["title"], r["country"], r["from"], r["to"], r["docs"], r["current"]) for r in roles] == [
        ("Foreign Minister", "CA", "2025-04-10", "2025-04-10", 3, False)]
    html = client.get(f"/people/{people['Claire Dubois']['id']}").text
    assert html.count("<tr class=") == 1 and "former" in html


@pytest.mark.parametrize(("url", "labels", "undated"), [
    ("/timeline.json", ["Marsh meets Dubois", "Marsh meets Báez"], 1),
    ("/timeline.json?sort=date", ["Marsh meets Báez", "Marsh meets Dubois"], 1),
    ("/timeline.json?undated=1", ["Dubois speaks with Marsh"], 2),
    ("/timeline.json?actor=Dubois", ["Marsh meets Dubois"], 1),
    ("/timeline.json?actor=Secretary+Daniel+Marsh", ["Marsh meets Dubois", "Marsh meets Báez"], 1),
    ("/timeline.json?actor=Daniel", [], 0),  # a first name alone names nobody
    ("/timeline.json?topic=illegal+drugs", ["Marsh meets Báez"], 0),
    ("/timeline.json?topic=meets", ["Marsh meets Dubois", "Marsh meets Báez"], 0),  # words of the label
    ("/timeline.json?undated=1&topic=security", ["Dubois speaks with Marsh"], 0),
    ("/timeline.json?from=2025-04-01&to=2025-12-31", ["Marsh meets Dubois"], 0),
])
def test_timeline_newest_first_with_filters_and_undated_apart(client: TestClient, url: str, labels: list[str],
                                                            undated: int) -> None:
    page = client.get(url).json()
    assert [e["label"] for e in page["items"]] == labels and page["total"] == len(labels)
    assert page["other_section"]["total"] == undated


def test_timeline_pages(client: TestClient) -> None:
    first = client.get("/timeline.json?limit=1&actor=Marsh").json()
    assert [e["label"] for e in first["items"]] == ["Marsh meets Dubois"] and first["total"] == 2
    second = client.get(first["next"]).json()
    assert [e["label"] for e in second["items"]] == ["Marsh meets Báez"] and second["next"] is None
    html = client.get("/timeline?limit=1").text
    assert "1–1 of 2 events" in html and 'href="/timeline?undated=1"' in html and "1 undated event" in html


@pytest.mark.parametrize("url", ["/people?from=last+week", "/timeline?to=2025-13-99x", "/documents?sort=size",
                                 "/timeline?sort=name", "/timeline?actor=" + "+".join(["w"] * 99)])
def test_bad_parameters_give_an_error_page_and_a_json_error(client: TestClient, url: str) -> None:
    html = client.get(url)
    assert html.status_code == 400 and html.headers["content-type"].startswith("text/html")
    twin = client.get(url + "&format=json")
    assert twin.status_code == 400 and twin.json()["error"]


def test_untrusted_titles_stay_text_on_index_pages(client: TestClient, kbdata) -> None:  # type: ignore[no-untyped-def]
    for url in ("/documents", "/documents?q=leaked+memo", "/timeline?actor=Dubois"):
        html = client.get(url).text
        assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;Leaked memo on talks" in client.get("/documents").text


def test_too_many_filter_values_is_an_error_not_a_crash(client: TestClient) -> None:
    url = "/people.json?" + "&".join(f"country=C{i}" for i in range(51))
    assert client.get(url).status_code == 400
    assert client.get("/api/browse/people?" + "&".join(f"topic=t{i}" for i in range(51))).status_code == 400
