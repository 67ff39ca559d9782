"""The knowledge base does not depend on the order documents were ingested in."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from communique.kb import build
from communique.model import Document, Mention
from communique.store.sqlite import SQLiteStore

# invented people: the short form in one document and the long form in another (resolution merges them)
TEXTS = {
    "d1": "Minister Karel Vostrik arrived in the port city on Monday for talks on fisheries.",
    "d2": "Minister Karel Vostrik Manso said the fisheries talks in the port city went well on Monday.",
    "d3": "Vostrik Manso and Ilse Brandauer signed a fisheries memorandum in the port city on Monday.",
}
NAMES = {"d1": ["Karel Vostrik"], "d2": ["Karel Vostrik Manso"], "d3": ["Vostrik Manso", "Ilse Brandauer"]}


def _doc(key: str) -> Document:
    text = TEXTS[key]
    mentions = [Mention(text.index(n), text.index(n) + len(n), n, "person") for n in NAMES[key]]
    return Document(id=f"{key}-id", source=f"{key}.txt", text=text, published="2031-05-05", kind="news",
                    mentions=mentions)


def _kb(tmp_path: Path, order: tuple[str, ...]) -> tuple:
    with SQLiteStore(tmp_path / ("-".join(order) + ".db")) as store:
        for key in order:
            store.put(_doc(key), "p")
        build(store)
        entities = sorted((e["id"], e["name"], tuple(sorted(e["aliases"]))) for e in store.iter_records("entities"))
        stories = sorted((s["id"], tuple(sorted(s["docs"]))) for s in store.iter_records("stories"))
        return entities, stories


@pytest.mark.parametrize("order", list(itertools.permutations(TEXTS))[1:])
def test_kb_is_the_same_in_any_ingest_order(tmp_path: Path, order: tuple[str, ...]) -> None:
    assert _kb(tmp_path, order) == _kb(tmp_path, tuple(TEXTS))
