"""ingest_documents / finish: the same bytes once per run, empty results reported, an unfinished build completed."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.ingest.run import IngestReport, finish, ingest, ingest_documents
from communique.model import Document, document_id
from communique.pipeline import DEFAULT_PIPELINE
from communique.store.sqlite import SQLiteStore

TEXTS = [
    "The foreign ministers of two neighbouring countries met on Monday in the capital to discuss border trade.",
    "A joint statement issued after the talks said both governments would expand cooperation on customs.",
]


@pytest.fixture
def store(tmp_path: Path):
    with SQLiteStore(tmp_path / "kb.db") as s:
        yield s


def _doc(text: str, source: str) -> Document:
    return Document(id=document_id(text.encode()), source=source, raw=text, content_type="text")


def test_same_bytes_twice_in_one_run_count_once(store) -> None:
    docs = [_doc(TEXTS[0], "a.txt"), _doc(TEXTS[0], "copy-of-a.txt"), _doc(TEXTS[1], "b.txt")]
    report = ingest_documents(docs, store, stages=DEFAULT_PIPELINE)
    assert (report.read, report.added, report.unchanged) == (3, 2, 1)
    assert store.stats()["sources"] == 3 and store.stats()["documents"] == 2


@pytest.mark.parametrize("raw", ["<html><body><nav>Home</nav><script>x()</script></body></html>", "\u200b\u200b"])
def test_document_without_clean_text_is_reported_not_stored(store, raw: str) -> None:
    doc = Document(id=document_id(raw.encode()), source="empty.html", raw=raw, content_type="html")
    report = ingest_documents([doc], store, stages=DEFAULT_PIPELINE)
    assert report.added == 0 and store.stats()["documents"] == 0
    assert any("empty.html" in e and "not stored" in e for e in report.errors)


def test_rerun_completes_a_build_killed_after_the_documents(store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_NO_SEMANTIC", "1")
    for i, text in enumerate(TEXTS):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    # a run killed during its final step: documents stored, knowledge base and index never built
    first = ingest([str(tmp_path)], store, stages=DEFAULT_PIPELINE)
    assert first.added == 2 and store.kb_state() == {}
    second = ingest([str(tmp_path)], store, stages=DEFAULT_PIPELINE)
    assert second.added == 0
    finish(store, second)
    assert store.kb_state().get("watermark") == store.watermark()
    indexed = store.conn.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0]
    assert indexed == 2
    finish(store, IngestReport())  # nothing lags: a no-op
    assert store.conn.execute("SELECT COUNT(*) FROM search_docs").fetchone()[0] == 2


def test_reader_notes_become_warnings(store, tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes("La reunión terminó tarde y sin acuerdo.".encode("latin-1"))
    warnings: list[str] = []
    report = ingest([str(tmp_path)], store, stages=DEFAULT_PIPELINE, on_warning=warnings.append)
    assert report.added == 1 and warnings == report.warnings
    assert "old.txt" in warnings[0] and "cp1252" in warnings[0]
