"""Batch-aware stages: ``Pipeline.run_batch`` gives them the batch first, and the results equal per-document runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from communique.model import Document
from communique.pipeline import Failure, Pipeline
from communique.registry import stage


@dataclass(frozen=True)
class _Recorder:
    """Upper-cases the text; records what ``prepare`` got and when ``release`` ran; ``fail`` makes prepare raise."""

    calls: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    fail: list[bool] = field(default_factory=lambda: [False])

    def __call__(self, doc: Document) -> Document:
        self.calls.append(("call", (doc.text,)))
        return doc.replace(text=doc.text.upper())

    def prepare(self, docs: Sequence[Document]) -> None:
        self.calls.append(("prepare", tuple(d.text for d in docs)))
        if self.fail[0]:
            raise RuntimeError("prepare exploded")

    def release(self) -> None:
        self.calls.append(("release", ()))


RECORDER = stage("communique.test_batch_recorder.v1")(_Recorder())


@stage("communique.test_batch_gate.v1")
def _gate(doc: Document) -> Document:
    if "boom" in doc.text:
        raise ValueError("boom")
    return doc.replace(title="gated")


@pytest.fixture
def recorder():
    assert isinstance(RECORDER, _Recorder)
    RECORDER.calls.clear()
    RECORDER.fail[0] = False
    yield RECORDER
    RECORDER.fail[0] = False


STAGES = ("communique.test_batch_gate.v1", "communique.test_batch_recorder.v1")


@pytest.mark.parametrize("texts", [["a", "b", "c"], ["a", "boom", "c"], ["boom"], []])
def test_run_batch_equals_one_document_at_a_time(doc_factory, recorder, texts: list[str]) -> None:
    docs = [doc_factory(t) for t in texts]
    pipeline = Pipeline(STAGES, budget_s=None)
    one_by_one = [pipeline(d) for d in docs]
    assert pipeline.run_batch(docs) == one_by_one
    assert [type(r) for r in one_by_one] == [Failure if "boom" in t else Document for t in texts]


@pytest.mark.parametrize(
    ("texts", "prepared"),
    [(["a", "b"], ("a", "b")), (["a", "boom", "c"], ("a", "c"))],  # a document failed earlier is not prepared
)
def test_prepare_gets_the_live_documents_before_the_stage_and_release_follows(
    doc_factory, recorder, texts: list[str], prepared: tuple[str, ...]
) -> None:
    Pipeline(STAGES, budget_s=None).run_batch([doc_factory(t) for t in texts])
    assert recorder.calls[0] == ("prepare", prepared)
    assert recorder.calls[1:-1] == [("call", (t,)) for t in prepared]
    assert recorder.calls[-1] == ("release", ())


@pytest.mark.parametrize("budget", [None, 30.0])
def test_a_failing_prepare_only_costs_the_batch_speed(doc_factory, recorder, budget: float | None) -> None:
    recorder.fail[0] = True
    out = Pipeline(STAGES, budget_s=budget).run_batch([doc_factory("a"), doc_factory("b")])
    assert [d.text for d in out if isinstance(d, Document)] == ["A", "B"]
    assert recorder.calls[-1] == ("release", ())
