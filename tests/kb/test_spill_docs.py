"""A full build sets each document's resolved spans and names aside on disk (``kb.spill.DocSpill``) and puts them
back, with what resolving short forms added since, when the document's write group needs them; and each entity's
roles until its record is written."""

from __future__ import annotations

import importlib

import pytest

from communique.kb import spill as spill_module
from communique.kb.resolve import Resolution, Resolver
from communique.kb.spill import DocSpill
from communique.model import Document, Mention, Role

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


def test_spill_docs_lists_keep_their_order_and_are_read_once() -> None:
    with DocSpill() as spill:
        for k in range(4):
            spill.append("e1" if k % 2 == 0 else "e2", {"title": f"T{k}", "k": k})
        assert spill.pop_list("e1") == [{"title": "T0", "k": 0}, {"title": "T2", "k": 2}]
        assert spill.pop_list("e1") == [] and spill.pop_list("e3") == []
        assert [r["k"] for r in spill.pop_list("e2")] == [1, 3]


def _minister(doc_id: str, name: str, title: str, published: str) -> Document:
    text = f"{title} {name} spoke."
    start = len(title) + 1
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, published=published,
                    mentions=[Mention(start, start + len(name), name, "person")],
                    roles=[Role(name, start, start + len(name), title, None, "XL", 0, start + len(name))])


@pytest.mark.parametrize("titles", [["Minister", "Former Minister", "Minister"], ["Governor"], []])
def test_spill_docs_entity_records_with_spilled_roles_equal_kept_ones(titles: list[str]) -> None:
    docs = [_minister(f"d{k}", "Orsolya Brenkfeld", t, f"2031-0{k + 1}-02") for k, t in enumerate(titles)]
    docs.append(_minister("dz", "Ilario Pentecorvi", "Mayor", "2031-05-20"))
    kept = Resolver(gazetteer=False)
    with DocSpill() as spill:
        logged = Resolver(gazetteer=False, role_log=spill)
        for resolver in (kept, logged):
            for doc in docs:
                resolver.add(doc)
            resolver.finish()
        assert all(not ent.roles for ent in logged.res.entities.values())
        records = {eid: B._entity_record(ent, None, spill) for eid, ent in logged.res.entities.items()}
    expected = {eid: ent.as_dict() for eid, ent in kept.res.entities.items()}
    assert records == expected and [list(r) for r in records.values()] == [list(r) for r in expected.values()]
    assert sum(len(r["roles"]) for r in records.values()) == len(docs)
