from __future__ import annotations

import pytest

from communique.kb.resolve import MentionLog, Resolver
from communique.model import Document, Mention


def _doc(doc_id: str, *names: tuple[str, str]) -> Document:
    mentions, pos = [], 0
    for name, type_ in names:
        mentions.append(Mention(pos, pos + len(name), name, type_))
        pos += len(name) + 2
    return Document(id=doc_id, source=doc_id, text="; ".join(n for n, _ in names), mentions=mentions)


def _records(docs: list[Document], log: MentionLog | None) -> list[dict]:
    resolver = Resolver(gazetteer=False, mention_log=log)
    for doc in docs:
        resolver.add(doc)
    res = resolver.finish()
    records = [ent.as_dict() for ent in res.entities.values()]
    if log is not None:
        for record in records:
            record["mentions"] = log.pop(record["id"])
    return records


@pytest.mark.parametrize(
    "docs",
    [
        [("a", ("Anna Keller", "person"), ("Keller", "person"), ("Norway", "country")),
         ("b", ("Keller", "person")), ("c", ("Anna Keller", "person"), ("Oslo", "place"))],
        [("a", ("Tomas Berg", "person"), ("Berg", "person"), ("Berg", "person")), ("b", ("Berg", "person"))],
        [("a", ("Berg", "person")), ("b", ("Tomas Berg", "person"))],  # a short form resolved at the end
    ],
)
def test_resolve_mention_log_gives_the_records_entity_mentions_give(docs):
    built = [_doc(d, *names) for d, *names in docs]
    assert _records(built, MentionLog()) == _records(built, None)


def test_resolve_mention_log_pop_releases_an_entity():
    log = MentionLog()
    log.add("e1", "a", 0, 5)
    log.add("e1", "b", 3, 9)
    assert log.pop("e1") == [{"doc": "a", "start": 0, "end": 5}, {"doc": "b", "start": 3, "end": 9}]
    assert log.pop("e1") == []
