"""A full build writes its records group by group (``WRITE_DOCS`` documents of whole stories, ``WRITE_ENTITIES``
entities and at most ``WRITE_MENTIONS`` mentions per part, one transaction): the knowledge base does not depend on
the group sizes (hand-made documents)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from communique.kb import RECORD_TYPES, build
from communique.kb.resolve import Entity, MentionLog
from communique.model import Claim, Document, Event, Mention, Quote, Role
from communique.store.sqlite import SQLiteStore

B = importlib.import_module("communique.kb.build")  # the module (``communique.kb.build`` is the function)

# invented people and places: three meetings, each reported by two outlets, one report naming the host by surname
MEETINGS = [("Orsolya Brenkfeld", "Tavita Moengangongo", "Valdmere", "2031-04-02", "fisheries"),
            ("Ilario Pentecorvi", "Sunniva Hallgrimsen", "Korsvik", "2031-04-09", "railways"),
            ("Orsolya Brenkfeld", "Ilario Pentecorvi", "Aldbrugge", "2031-05-20", "vaccines")]


def _report(meeting: int, outlet: int) -> Document:
    host, guest, place, date, topic = MEETINGS[meeting]
    host_form = host if outlet == 0 else host.split()[-1]
    text = (f"Minister {host_form} met {guest} in {place} to discuss {topic}. "
            f"\u201cThe {topic} talks were useful,\u201d {guest.split()[-1]} said. "
            f"Trade in {topic} reached {meeting + 2} billion euros last year.")

    def span(needle: str, start: int = 0) -> tuple[int, int]:
        s = text.index(needle, start)
        return s, s + len(needle)

    hs, ge, pl = span(host_form), span(guest), span(place)
    said = span(guest.split()[-1], ge[1])
    quote = span(f"The {topic} talks were useful,")
    claim = span(f"{meeting + 2} billion euros")
    mentions = [Mention(*hs, host_form, "person"), Mention(*ge, guest, "person"),
                Mention(*said, guest.split()[-1], "person"), Mention(*pl, place, "place")]
    return Document(
        id=f"m{meeting}-o{outlet}", source=f"m{meeting}-o{outlet}.txt", text=text, published=date, kind="news",
        publisher=f"Outlet {outlet}", mentions=mentions,
        roles=[Role(host_form, *hs, "Minister", None, None, hs[0] - len("Minister "), hs[1])],
        quotes=[Quote(*quote, text[quote[0]:quote[1]], guest.split()[-1], *said)],
        claims=[Claim(*claim, text[claim[0]:claim[1]], float(meeting + 2), "billion euros")],
        events=[Event("CONSULT", 0, text.index(".") + 1, mode="visit", label="Meeting",
                      participants=((host_form, *hs), (guest, *ge)), place=place, topics=(topic,), quotes=(0,),
                      claims=(0,))])


def _snapshot(store: SQLiteStore, ids: list[str]) -> dict[str, Any]:
    states = store.doc_states(ids)
    terms = sorted({t for s in states.values() for t in s.data["terms"]})
    return {"records": {t: list(store.iter_records(t)) for t in RECORD_TYPES},
            "states": {d: (s.published, s.story, s.data) for d, s in states.items()},
            "df": store.doc_frequencies(terms), "people": store.person_index(),
            "stories": {d.id: d.story for d in store.get_many(ids, include_text=False)}}


@pytest.mark.parametrize("docs, entities, mentions", [(1, 1, 20_000), (2, 3, 20_000), (3, 1000, 20_000),
                                                     (3, 1000, 1), (2, 1000, 3)])
def test_build_write_groups_give_the_same_knowledge_base(tmp_path: Path, monkeypatch, docs: int, entities: int,
                                                         mentions: int) -> None:
    reports = [_report(m, o) for m in range(len(MEETINGS)) for o in range(2)]
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.put_many(reports, "p")
        build(store)
        whole = _snapshot(store, [d.id for d in reports])
        monkeypatch.setattr(B, "WRITE_DOCS", docs)
        monkeypatch.setattr(B, "WRITE_ENTITIES", entities)
        monkeypatch.setattr(B, "WRITE_MENTIONS", mentions)
        counts = build(store)
        assert _snapshot(store, [d.id for d in reports]) == whole
    assert counts == {t: len(whole["records"][t]) for t in RECORD_TYPES}
    assert counts["stories"] < len(reports) and counts["quotes"] == len(reports)


@pytest.mark.parametrize("sizes, per_part, expected", [([1, 1, 1], 2, [[0, 1], [2]]), ([5, 1, 1], 2, [[0], [1, 2]]),
                                                       ([1, 5, 1], 3, [[0], [1], [2]]), ([0, 0, 4], 4, [[0, 1, 2]])])
def test_build_entity_parts_bound_their_mentions(monkeypatch, sizes: list[int], per_part: int,
                                                 expected: list[list[int]]) -> None:
    log, entities = MentionLog(), []
    for k, n in enumerate(sizes):
        entities.append(Entity(f"e{k}", "person", f"Person {k}"))
        for m in range(n):
            log.add(f"e{k}", f"d{m}", m, m + 1)
    monkeypatch.setattr(B, "WRITE_MENTIONS", per_part)
    assert [[i for i, _ in part] for part in B._entity_parts(entities, log)] == expected
