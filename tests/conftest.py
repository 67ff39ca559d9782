"""Shared fixtures: documents built by hand, in memory."""

from __future__ import annotations

import pytest

from communique.model import Document, document_id


def make_doc(text: str, **fields: object) -> Document:
    """A Document whose clean text is ``text`` (no cleaning run)."""
    fields.setdefault("source", "test.txt")
    fields.setdefault("id", document_id(text.encode()))
    return Document(raw=text, text=text, **fields)  # type: ignore[arg-type]


@pytest.fixture
def doc_factory():
    return make_doc


DEFAULT_TEST_POSTGRES = "postgresql:///communique_test?host=/var/run/postgresql"


@pytest.fixture
def postgres_url():
    """A fresh schema on a real PostgreSQL server; CI (.ci/run) installs and starts one.

    Set COMMUNIQUE_TEST_POSTGRES to another server. Without a server the test is skipped locally and fails in CI.
    """
    import os
    import uuid

    psycopg = pytest.importorskip("psycopg")
    base = os.environ.get("COMMUNIQUE_TEST_POSTGRES", DEFAULT_TEST_POSTGRES)
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server at {base}: {str(exc).splitlines()[0]}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()
