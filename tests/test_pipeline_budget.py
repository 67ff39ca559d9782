"""Per-document time budget per stage: an overrunning stage is stopped, the document kept with what finished."""

from __future__ import annotations

import time

import pytest

from communique.model import Document
from communique.pipeline import Failure, Pipeline, run_pipeline
from communique.registry import stage

BUDGET_S = 0.3  # short enough for a quick test, long enough that the fast stages never reach it
SLACK_S = 2.0  # the alarm fires between bytecodes; a loaded machine adds some delay


@stage("communique.test_slow.v1")
def _slow(doc: Document) -> Document:
    if "slow" in doc.text:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # Python-level work the alarm can interrupt
            try:
                sum(range(1000))
            except Exception:  # a stage's own broad handler must not swallow the stop
                pass
    return doc.replace(title="slow stage done")


@stage("communique.test_mark.v1")
def _mark(doc: Document) -> Document:
    return doc.replace(kind="news")


@pytest.mark.parametrize("text", ["a slow one", "slow"])
def test_overrunning_stage_is_stopped_and_the_document_kept(doc_factory, text: str) -> None:
    started = time.monotonic()
    (out,) = list(run_pipeline([doc_factory(text)], ["communique.test_slow.v1", "communique.test_mark.v1"],
                               stage_budget_s=BUDGET_S))
    assert time.monotonic() - started < BUDGET_S + SLACK_S
    assert not isinstance(out, Failure)
    assert out.text == text and out.title is None and out.kind != "news"  # nothing from the stopped or later stages
    (note,) = out.meta["stopped"]
    assert "communique.test_slow.v1" in note and f"limit {BUDGET_S:g} s" in note


def test_documents_within_the_budget_are_untouched(doc_factory) -> None:
    docs = [doc_factory(f"quick {i}") for i in range(5)]
    out = list(run_pipeline(docs, ["communique.test_slow.v1", "communique.test_mark.v1"], stage_budget_s=BUDGET_S))
    assert all(isinstance(d, Document) and d.title == "slow stage done" and d.kind == "news" for d in out)
    assert all("stopped" not in d.meta for d in out if isinstance(d, Document))


def test_no_budget_means_no_alarm(doc_factory) -> None:
    pipeline = Pipeline(("communique.test_mark.v1",), budget_s=None)
    out = pipeline(doc_factory("fine"))
    assert isinstance(out, Document) and out.kind == "news"


def test_text_over_the_size_budget_skips_the_later_stages(doc_factory) -> None:
    from communique.pipeline import MAX_STAGE_TEXT_CHARS

    big = doc_factory("word " * (MAX_STAGE_TEXT_CHARS // 5 + 1))
    out = Pipeline(("communique.test_mark.v1",), budget_s=None)(big)
    assert isinstance(out, Document) and out.kind != "news"
    assert "communique.test_mark.v1 skipped" in out.meta["stopped"][0]
