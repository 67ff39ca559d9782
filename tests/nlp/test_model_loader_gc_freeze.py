"""``model_loader``: the first parse in a process freezes the objects alive after the model load (``gc.freeze``),
once per model, whether it parses ahead or one text; the parses themselves are unchanged."""

from __future__ import annotations

import gc

import pytest

from communique.nlp import model_loader

TEXTS = ["The President met the Prime Minister on Monday.", "They spoke by phone.\n\nA second paragraph."]


@pytest.fixture
def freezes(monkeypatch):  # type: ignore[no-untyped-def]
    calls: list[int] = []
    monkeypatch.setattr(model_loader, "_FROZEN", set())
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    return calls


@pytest.mark.parametrize("ahead", [True, False])
@pytest.mark.parametrize("parses", [1, 3])
def test_model_loader_freezes_once_per_model(freezes, ahead: bool, parses: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(parses):
        if ahead:
            model_loader.parse_ahead(TEXTS)
        docs = [model_loader.parse(t) for t in TEXTS]
        model_loader.forget_ahead()
        assert [[t.text for t in d] for d in docs] == [[t.text for t in model_loader.load_model()(x)] for x in TEXTS]
    assert freezes == [1]
    assert model_loader._FROZEN == {None}
