"""Pages rendered in-process: JSON twins match what the page shows, untrusted text is escaped, evidence marks come
from offsets, errors are pages, and the security headers forbid inline script."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from communique.read.highlight import Annotation, segments
from communique.server import create_app


@pytest.fixture(scope="module")
def client(kb_db: str) -> TestClient:
    return TestClient(create_app(kb_db))


def _ids(client: TestClient) -> dict[str, str]:
    docs = {d["source"]: d["id"] for d in client.get("/api/documents").json()["items"]}
    stories = {s["title"]: s["id"] for s in client.get("/api/stories").json()["items"]}
    people = {e["name"]: e["id"] for e in client.get("/api/entities").json()["items"]}
    return {**docs, **stories, **people}


@pytest.mark.parametrize(("page", "key"), [
    ("/timeline", "items"), ("/stories", "items"), ("/network", "nodes"), ("/search?q=trade", "hits"),
    ("/stories/{Marsh meets Báez in Washington}", "sources"), ("/documents/{wire.txt}", "segments"),
    ("/people/{Lucía Báez}", "roles"), ("/timeline?actor=Dubois", "items"),
])
def test_every_page_has_a_json_twin(client: TestClient, page: str, key: str) -> None:
    ids = _ids(client)
    for name, value in ids.items():
        page = page.replace("{" + name + "}", value)
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    sep = "&" if "?" in page else "?"
    twins = [client.get(page + sep + "format=json")]
    if "?" not in page:
        twins.append(client.get(page + ".json"))
    for twin in twins:
        assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
        assert key in twin.json()
    assert twins[0].json() == twins[-1].json()


def test_twin_holds_what_the_timeline_shows(client: TestClient) -> None:
    html = client.get("/timeline?actor=Dubois").text
    events = client.get("/timeline?actor=Dubois&format=json").json()["items"]
    assert [e["label"] for e in events] == ["Marsh meets Dubois"]
    assert "Marsh meets Dubois" in html and "Marsh meets Báez" not in html


def test_untrusted_text_is_escaped_everywhere(client: TestClient, kbdata) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(client)
    for page in (f"/documents/{ids['hostile.txt']}", f"/stories/{ids['Daniel Marsh meets Dubois in Ottawa']}", "/timeline",
                 f"/people/{ids['Claire Dubois']}"):
        html = client.get(page).text
        assert "<script>window.__pwned" not in html
        assert "<img src=x" not in html and "<b onmouseover" not in html
    html = client.get(f"/documents/{ids['hostile.txt']}").text
    assert "&lt;script&gt;window.__pwned = true;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned = true&#34;&gt;" in html


def test_pages_forbid_inline_script(client: TestClient) -> None:
    csp = client.get("/timeline").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'self'" in csp


@pytest.mark.parametrize("page", ["/documents/ffffffffffffffff", "/people/e-000000000000", "/stories/nope"])
def test_unknown_ids_give_a_404_page_and_a_json_error(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 404 and "Not found" in html.text
    twin = client.get(page + ".json")
    assert twin.status_code == 404 and "not found" in twin.json()["error"]


def test_document_page_marks_evidence_from_offsets(client: TestClient, kbdata) -> None:  # type: ignore[no-untyped-def]
    ids = _ids(client)
    html = client.get(f"/documents/{ids['readout.txt']}").text
    start = kbdata.READOUT.index("$800 billion")
    assert f'<mark id="o{start}" class="claim"' in html
    assert f'href="/people/{ids["Lucía Báez"]}"' in html
    assert "Removed by cleaning" not in html  # nothing was removed from this one


TEXT = "Marsh said: \"We agree.\" Trade was $5 billion."
FIG = TEXT.index("$5")


@pytest.mark.parametrize(("notes", "expected"), [
    ([], [(TEXT, [])]),
    ([Annotation(0, 5, "mention", "p")], [("Marsh", ["mention"]), (TEXT[5:], [])]),
    ([Annotation(12, 23, "quote", "q"), Annotation(13, 15, "mention", "m")],
     [(TEXT[:12], []), ('"', ["quote"]), ("We", ["mention", "quote"]), (' agree."', ["quote"]), (TEXT[23:], [])]),
    ([Annotation(FIG, FIG + 10, "claim", "c"), Annotation(FIG, 99, "claim", "outside"), Annotation(3, 3, "quote", "")],
     [(TEXT[:FIG], []), ("$5 billion", ["claim"]), (".", [])]),
])
def test_segments_cover_the_text_with_overlapping_marks(notes: list[Annotation], expected: list) -> None:  # type: ignore[type-arg]
    got = segments(TEXT, notes)
    assert [(s["text"], s["kinds"]) for s in got] == expected
    assert "".join(s["text"] for s in got) == TEXT
    assert all(TEXT[s["start"]:s["end"]] == s["text"] for s in got)


@pytest.mark.parametrize("question", ["When did Marsh meet Báez?", "Where did Marsh meet Dubois?"])
def test_an_answer_shows_the_evidence_it_cites(client: TestClient, question: str) -> None:
    answer = client.get("/search.json", params={"q": question}).json()["answer"]
    assert not answer["not_in_sources"]
    evidence = [e for s in answer["sentences"] for e in s["evidence"]]
    assert evidence
    for e in evidence:  # the words of the document at the cited offsets
        doc = client.get(f"/api/documents/{e['doc']}").json()
        assert e["text"] == " ".join(doc["document"]["text"][e["start"]:e["end"]].split())
        assert "met" in e["text"]
    page = client.get("/search", params={"q": question}).text
    assert page.count('<ul class="evidence">') == sum(1 for s in answer["sentences"] if s["evidence"])
    from markupsafe import escape

    assert all(f"<q>{escape(e['text'])}</q>" in page for e in evidence)  # as text: markup in a source stays text
