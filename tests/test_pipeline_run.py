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


@pytest.mark.parametrize(("lengths", "batch_size", "task_chars", "expected"), [
    ([10, 50, 20, 40], 32, 60, [[1], [3, 2], [0]]),  # longest first, cut at the character budget
    ([5, 5, 5, 5, 5], 2, 1000, [[0, 1], [2, 3], [4]]),  # equal lengths: input order, at most batch_size each
    ([100, 1, 1], 32, 10, [[0], [1, 2]]),  # a document over the budget goes alone
])
def test_pipeline_tasks_are_length_aware(doc_factory, lengths, batch_size, task_chars, expected):
    from communique.pipeline import _tasks

    docs = [doc_factory("x" * n).replace(raw="x" * n) for n in lengths]
    tasks = list(_tasks(docs, batch_size, window=len(docs), task_chars=task_chars))
    assert [[pos for pos, _ in task] for task in tasks] == expected
    assert all(doc is docs[pos] for task in tasks for pos, doc in task)


def test_pipeline_tasks_window_bounds_the_read_ahead(doc_factory):
    from communique.pipeline import _tasks

    docs = [doc_factory("x" * n) for n in (1, 2, 3, 4, 5)]
    tasks = list(_tasks(docs, 32, window=2, task_chars=1000))
    assert [[pos for pos, _ in task] for task in tasks] == [[1, 0], [3, 2], [4]]


def test_pipeline_workers_keep_input_order_with_mixed_lengths(doc_factory):
    docs = [doc_factory(f"Report {i} on the talks. " * (1 + (i * 7) % 13)) for i in range(30)]
    stages = ["communique.clean.v1", "communique.metadata.v1"]
    one = list(run_pipeline(docs, stages, workers=1, batch_size=4))
    two = list(run_pipeline(docs, stages, workers=2, batch_size=4))
    assert [d.text for d in one] == [d.text for d in two]
    assert [d.id for d in two] == [d.id for d in docs]
