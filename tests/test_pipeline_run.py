from __future__ import annotations

import pickle

import pytest

from communique.errors import ConfigError
from communique.pipeline import Failure, Pipeline, run_pipeline
from communique.registry import get_stage, stage, stage_names


@stage("communique.test_upper.v1")
def _upper(doc):
    if "boom" in doc.text:
        raise ValueError("cannot handle boom\nsecond line")
    return doc.replace(text=doc.text.upper())


def test_pipeline_unknown_stage_names_the_known_ones():
    with pytest.raises(ConfigError, match="communique.nope.v1.*known stages"):
        Pipeline(("communique.nope.v1",))


def test_pipeline_stage_failure_is_one_line_and_run_goes_on(doc_factory):
    docs = [doc_factory("a"), doc_factory("boom"), doc_factory("c")]
    out = list(run_pipeline(docs, ["communique.test_upper.v1"]))
    assert [d.text for d in out if not isinstance(d, Failure)] == ["A", "C"]
    failure = next(d for d in out if isinstance(d, Failure))
    assert failure.message == "ValueError: cannot handle boom" and failure.stage == "communique.test_upper.v1"


def test_pipeline_stage_is_pure(doc_factory):
    doc = doc_factory("quiet text")
    get_stage("communique.test_upper.v1")(doc)
    assert doc.text == "quiet text"


def test_pipeline_registered_stages_are_picklable():
    for name in stage_names():
        fn = get_stage(name)
        assert pickle.loads(pickle.dumps(fn)) == fn, name


def test_pipeline_workers_give_the_same_result_in_order(doc_factory):
    docs = [doc_factory(f"Report number {i} on the talks in Geneva.") for i in range(40)]
    stages = ["communique.clean.v1", "communique.metadata.v1"]  # registered in modules workers import too
    one = list(run_pipeline(docs, stages, workers=1, batch_size=3))
    two = list(run_pipeline(docs, stages, workers=2, batch_size=3))
    assert [d.text for d in one] == [d.text for d in two]
    assert [d.id for d in two] == [d.id for d in docs]
