"""``communique.nlp.v1`` over a batch (texts parsed ahead in one ``nlp.pipe`` call) gives the per-document facts."""

from __future__ import annotations

import pytest

from communique.model import Document
from communique.nlp import model_loader
from communique.nlp.stages import extract_all
from communique.pipeline import Pipeline

TEXTS = (
    "Foreign Minister Lena Varga met Prime Minister Tomas Oren in Vienna on Tuesday, March 4, 2025.",
    'The two leaders agreed to expand trade. "We will meet again in May," Varga told reporters.',
    "Officials said the talks would resume next week, two days after the summit in Lisbon.",
    "Oren called President Ada Kell on Monday to discuss the ceasefire.",
)


def _docs(doc_factory, texts) -> list[Document]:
    return [doc_factory(t, published="2025-03-05") for t in texts]


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[:1], (TEXTS[0], TEXTS[0], TEXTS[2])])
def test_batch_gives_the_same_documents_as_one_at_a_time(doc_factory, texts) -> None:
    docs = _docs(doc_factory, texts)
    alone = [extract_all(d) for d in docs]
    batched = Pipeline(("communique.nlp.v1",), budget_s=None).run_batch(docs)
    assert batched == alone
    assert all(d.mentions for d in alone)  # the stage did find facts
    assert model_loader._AHEAD == {}  # released at the end of the batch


@pytest.mark.parametrize("copies", [1, 2])
def test_a_parse_made_ahead_is_handed_out_once(copies: int) -> None:
    text = TEXTS[1]
    try:
        assert model_loader.parse_ahead([text] * copies) == copies
        ahead = [model_loader.parse(text) for _ in range(copies)]
        fresh = model_loader.parse(text)
        assert all(sdoc is not fresh for sdoc in ahead) and len({id(s) for s in ahead}) == copies
        assert [[(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in s] for s in ahead] == [
            [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in fresh]
        ] * copies
    finally:
        model_loader.forget_ahead()


@pytest.mark.parametrize("extra", [1, 1000])
def test_long_texts_are_not_parsed_ahead(extra: int) -> None:
    long_text = "word " * (model_loader.PARSE_AHEAD_MAX_CHARS // 5) + "x" * extra
    try:
        assert model_loader.parse_ahead([TEXTS[0], long_text]) == 1
        assert set(model_loader._AHEAD) == {TEXTS[0]}
    finally:
        model_loader.forget_ahead()
    assert model_loader._AHEAD == {}
