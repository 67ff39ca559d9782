"""Errors in one shape: an HTML page for a browser, ``{"error": "<one line>"}`` for the API and the JSON twins; a
422 names the field and the problem and never repeats the input; the spec documents what is sent."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from communique.api.errors import MAX_LISTED_PROBLEMS, validation_message, wants_html
from communique.server import create_app

TOKEN = "errors-write-token-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def client(kb_db: str) -> TestClient:
    return TestClient(create_app(kb_db, TOKEN), raise_server_exceptions=False)


@pytest.mark.parametrize(("path", "accept", "status", "html"), [
    ("/no/such/page", BROWSER, 404, True),  # a browser gets a page
    ("/no/such/page", {"Accept": "*/*"}, 404, False),  # curl gets JSON
    ("/no/such/page.json", BROWSER, 404, False),  # a JSON twin stays JSON
    ("/no/such/page?format=json", BROWSER, 404, False),
    ("/api/no-such-route", BROWSER, 404, False),  # the API stays JSON, even for a browser
    ("/documents/ffffffffffffffff", BROWSER, 404, True),
    ("/documents/ffffffffffffffff.json", BROWSER, 404, False),
    ("/api/entities?limit=abc", BROWSER, 422, False),
    ("/timeline?limit=abc", BROWSER, 422, True),  # a page's own validation error: a page too
    ("/people?offset=-1", BROWSER, 422, True),
    ("/timeline.json?limit=abc", BROWSER, 422, False),
    ("/people/e-000000000000", BROWSER, 404, True),
])
def test_errors_are_pages_for_browsers_and_json_otherwise(client: TestClient, path: str, accept: dict[str, str],
                                                          status: int, html: bool) -> None:
    response = client.get(path, headers=accept)
    assert response.status_code == status
    if html:
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>" in response.text and not response.text.lstrip().startswith("{")
    else:
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert list(body) == ["error"] and "\n" not in body["error"]


def test_wrong_method_is_405_with_an_error(client: TestClient) -> None:
    response = client.put("/api/stats")
    assert response.status_code == 405 and response.json() == {"error": "Method Not Allowed"}


def test_server_error_is_a_page_that_says_nothing_of_the_internals(client: TestClient,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.read import browse

    def broken(store, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire at /var/secret/path")

    monkeypatch.setattr(browse, "index_page", broken)
    page = client.get("/stories", headers=BROWSER)
    assert page.status_code == 500 and "Something went wrong" in page.text and "/var/secret" not in page.text
    twin = client.get("/stories.json")
    assert twin.status_code == 500 and "/var/secret" not in twin.text


@pytest.mark.parametrize(("body", "expected"), [
    ({"documents": [{"text": "x" * 2_500_000}]}, "body field documents[0].text: String should have at most"),
    ({"documents": []}, "body field documents: List should have at least 1 item"),
    ({"documents": [{"text": "Talks."}], "extract": "maybe"}, "body field extract: Input should be a valid boolean"),
    ({}, "body field documents: Field required"),
    ({"documents": [{"url": "u" * 3000, "title": "t" * 2000, "text": ""}]}, "(and 0 more)"),
])
def test_422_names_the_field_and_the_problem_and_never_echoes_the_input(client: TestClient, body: dict,  # type: ignore[type-arg]
                                                                       expected: str) -> None:
    response = client.post("/api/ingest", json=body, headers=AUTH)
    assert response.status_code == 422
    message = response.json()["error"]
    assert list(response.json()) == ["error"]
    if expected == "(and 0 more)":  # three problems: all named, none echoed
        assert message.count("body field documents[0].") == 3 and "more)" not in message
    else:
        assert message.startswith(expected)
    assert "xxxxxxxx" not in message and "uuuuuuuu" not in message and "tttttttt" not in message
    assert len(response.content) < 1000


def test_422_for_a_body_that_is_no_json(client: TestClient) -> None:
    response = client.post("/api/ingest", content=b'{"documents": [', headers={**AUTH, "content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"].startswith("request body: not valid JSON")


@pytest.mark.parametrize(("errors", "expected"), [
    ([{"type": "int_parsing", "loc": ("query", "limit"), "msg": "Input should be a valid integer", "input": "abc"}],
     "query parameter limit: Input should be a valid integer"),
    ([{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}], "request body: Field required"),
    ([{"type": "string_too_long", "loc": ("body", "documents", 2, "title"), "msg": "String should have at most 9",
       "input": "secret"}], "body field documents[2].title: String should have at most 9"),
    ([{"type": "missing", "loc": ("path", "doc_id"), "msg": "Field required"}], "path parameter doc_id: Field required"),
    ([{"type": "x", "loc": ("query", f"p{i}"), "msg": "bad"} for i in range(MAX_LISTED_PROBLEMS + 2)],
     "; ".join(f"query parameter p{i}: bad" for i in range(MAX_LISTED_PROBLEMS)) + " (and 2 more)"),
    ([], "invalid request"),
])
def test_validation_message(errors: list[dict], expected: str) -> None:  # type: ignore[type-arg]
    assert validation_message(errors) == expected


@pytest.mark.parametrize(("path", "query", "accept", "html"), [
    ("/timeline", b"", "text/html", True), ("/timeline", b"format=json", "text/html", False),
    ("/timeline.json", b"", "text/html", False), ("/api/stats", b"", "text/html", False),
    ("/openapi.json", b"", "text/html", False), ("/timeline", b"", "application/json", False),
    ("/timeline", b"", "*/*", False),
])
def test_wants_html(path: str, query: bytes, accept: str, html: bool) -> None:
    scope = {"type": "http", "path": path, "query_string": query, "headers": [(b"accept", accept.encode())]}
    assert wants_html(scope) is html


def test_the_spec_documents_422_as_an_error_body(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    responses = [op["responses"] for item in spec["paths"].values() for op in item.values()]
    with_422 = [r["422"] for r in responses if "422" in r]
    assert with_422 and all(r["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
                            for r in with_422)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
