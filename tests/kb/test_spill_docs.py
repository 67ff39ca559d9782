"""A full build sets each document's resolved spans and names aside on disk (``kb.spill.DocSpill``) and puts them
back, with what resolving short forms added since, when the document's write group needs them."""

from __future__ import annotations

import importlib

import pytest

from communique.kb import spill as spill_module
from communique.kb.resolve import Resolution
from communique.kb.spill import DocSpill

B = importlib.import_module("communique.kb.build")  # the module (``communique.kb.build`` is the function)


@pytest.mark.parametrize("per_read", [1, 2, 500])
def test_spill_docs_read_back_equal_in_order_and_once(monkeypatch, per_read: int) -> None:
    monkeypatch.setattr(spill_module, "IDS_PER_READ", per_read)
    values = {f"d{k}": ({(k, k + 4): "e-1", (0, 2): f"e-{k}"}, {"name": f"e-{k}", "other": "e-1"}) for k in range(5)}
    with DocSpill() as spill:
        for doc_id, value in values.items():
            spill.put(doc_id, value)
        back = spill.pop_many(["d3", "d0", "d9", "d1"])
        assert back == {k: values[k] for k in ("d0", "d1", "d3")}
        assert all(list(back[k][0]) == list(values[k][0]) and list(back[k][1]) == list(values[k][1]) for k in back)
        assert spill.pop_many(["d0", "d3"]) == {} and set(spill.pop_many(["d2", "d4"])) == {"d2", "d4"}


@pytest.mark.parametrize("late_spans, late_names, spans, names", [
    ({}, {}, [((0, 4), "e1"), ((5, 9), "e2")], [("rubio", "e1"), ("us", "e2")]),
    ({(5, 9): "e3", (10, 12): "e4"}, {"rubio": "e9", "marco": "e4"},
     [((0, 4), "e1"), ((5, 9), "e3"), ((10, 12), "e4")], [("rubio", "e1"), ("us", "e2"), ("marco", "e4")]),
])
def test_spill_docs_restored_as_a_build_that_kept_them(late_spans, late_names, spans, names) -> None:
    res = Resolution(by_span={"d": dict(late_spans)} if late_spans else {},
                     by_doc_name={"d": dict(late_names)} if late_names else {})
    B._restore_resolution(res, {"d": ({(0, 4): "e1", (5, 9): "e2"}, {"rubio": "e1", "us": "e2"})})
    assert list(res.by_span["d"].items()) == spans and list(res.by_doc_name["d"].items()) == names
