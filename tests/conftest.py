"""Shared fixtures: documents built by hand, in memory."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

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


def load_test_module(path: Path, name: str):  # type: ignore[no-untyped-def]
    """A data module of the tests (``--import-mode=importlib`` puts no test folder on sys.path), loaded once."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


TESTS = Path(__file__).resolve().parent


# -- the hand-annotated knowledge base of the API and web tests (tests/web/kbdata.py) ----------------------------
@pytest.fixture(scope="session")
def kbdata():  # type: ignore[no-untyped-def]
    return load_test_module(TESTS / "web" / "kbdata.py", "communique_test_kbdata")


@pytest.fixture(scope="session")
def kb_db(kbdata, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    if not getattr(kbdata, "built", None):  # built once per session, read-only for the tests
        kbdata.built = str(kbdata.build_db(tmp_path_factory.mktemp("kb") / "kb.db"))
    return kbdata.built  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def _no_semantic_in_api_and_web(request, monkeypatch):  # type: ignore[no-untyped-def]
    """Full-text search only in the API and web tests: the embedding model is not the point there."""
    if {"api", "web"} & set(Path(str(request.path)).relative_to(TESTS).parts[:1]):
        monkeypatch.setenv("COMMUNIQUE_NO_SEMANTIC", "1")


# -- the three hand-annotated documents of the search tests (tests/search/kbdata.py) ----------------------------
@pytest.fixture
def kb_docs(doc_factory):  # type: ignore[no-untyped-def]
    return load_test_module(TESTS / "search" / "kbdata.py", "communique_test_search_kbdata").build_documents(doc_factory)


@pytest.fixture
def word_embedder():  # type: ignore[no-untyped-def]
    """An embedder without a model (hashed bag of words): for tests of the index, not of the model."""
    return load_test_module(TESTS / "search" / "kbdata.py", "communique_test_search_kbdata").WordHashEmbedder()


@pytest.fixture
def kb(tmp_path, kb_docs, monkeypatch):  # type: ignore[no-untyped-def]
    """A store holding the three documents, full-text indexed (no embedding model: the model is not the point)."""
    from communique.search import refresh_index
    from communique.search.semantic import NO_SEMANTIC_ENV
    from communique.store.sqlite import SQLiteStore

    monkeypatch.setenv(NO_SEMANTIC_ENV, "1")
    store = SQLiteStore(tmp_path / "kb.db")
    for doc in kb_docs:
        store.put(doc, "test")
    refresh_index(store)
    yield store
    store.close()


# -- entity rules on hand-set model entities (a blank spaCy pipeline: the rules, not the model, are tested) -------
@pytest.fixture(scope="session")
def hand_parse():  # type: ignore[no-untyped-def]
    """``parse(text, [(surface, label), ...])``: a blank-pipeline spaCy Doc whose entities are those surfaces, each
    the first occurrence after the previous one."""
    import spacy

    blank = spacy.blank("en")

    def parse(text: str, ents: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
        sdoc = blank(text)
        spans, pos = [], 0
        for surface, label in ents:
            start = text.index(surface, pos)
            span = sdoc.char_span(start, start + len(surface), label=label)
            assert span is not None, surface
            spans.append(span)
            pos = start + len(surface)
        sdoc.ents = spans
        return sdoc

    return parse


@pytest.fixture
def entities_on(doc_factory, hand_parse):  # type: ignore[no-untyped-def]
    """``run(text, ents, **fields)``: the document after the entity stage on those hand-set entities (every
    mention's offsets checked against its text)."""
    from communique.nlp.entities import annotate

    def run(text: str, ents: list[tuple[str, str]], **fields):  # type: ignore[no-untyped-def]
        doc = annotate(doc_factory(text, **fields), hand_parse(text, ents))
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text
        return doc

    return run
