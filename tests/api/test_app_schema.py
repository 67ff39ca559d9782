"""Property-based conformance: every API operation, fed inputs generated from the app's own OpenAPI spec, answers
without a server error and as the spec says (status codes, content type, response schema).

Driven through hypothesis directly (``operation.as_strategy()``): schemathesis' pytest plugin does not run under
this project's pytest.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from communique.server import create_app

MAX_EXAMPLES = 8  # per operation: the 21 operations stay well under a minute on 2 cores
TOKEN = "schema-test-token"
# A query language: a schema-valid string can still be no query ("\x03", '"'), answered 400 by design.
QUERY_LANGUAGE = {"/api/search", "/api/ask"}

OPERATIONS = [
    ("GET", "/api/documents"), ("GET", "/api/documents/{doc_id}"), ("GET", "/api/entities"),
    ("GET", "/api/entities/{entity_id}"), ("GET", "/api/events"), ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}"), ("GET", "/api/stories/{story_id}/compare"), ("GET", "/api/quotes"),
    ("GET", "/api/claims"), ("GET", "/api/search"), ("GET", "/api/ask"), ("GET", "/api/timeline"),
    ("GET", "/api/network"), ("GET", "/api/stats"), ("POST", "/api/ingest"),
    *(("GET", f"/api/browse/{kind}") for kind in ("people", "organizations", "places", "documents", "stories")),
]


@pytest.fixture(scope="module")
def api_schema(kb_db: str):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(kb_db, token=TOKEN))


def test_the_spec_lists_exactly_these_operations(api_schema) -> None:  # type: ignore[no-untyped-def]
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_conforms_to_its_spec(api_schema, method: str, path: str) -> None:  # type: ignore[no-untyped-def]
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case) -> None:  # type: ignore[no-untyped-def]
        if method == "POST":  # generated documents are never ingested: a wrong token must give the spec's 401
            case.headers = {**(case.headers or {}), "Authorization": "Bearer wrong"}
        excluded = [positive_data_acceptance] if path in QUERY_LANGUAGE else []
        response = case.call_and_validate(excluded_checks=excluded)
        assert response.status_code < 500

    check()
