"""Incremental knowledge-base updates give what one full rebuild gives (hand-made documents, no model).

An invented corpus of meeting reports (several outlets per meeting, full names and short forms, quotes and claims)
is stored in batches; after each batch ``update`` folds it in; one document is removed and one re-processed on the
way. The records then equal those of ``build`` over the final store: the same stories (B-cubed F1 1.0), the same
entities (each a set of mentions, with its name and aliases), events, quotes and claims.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections import defaultdict
from typing import Any

import pytest

from communique.kb import build
from communique.kb.browse import rows
from communique.kb.update import update
from communique.model import Claim, Document, Event, Mention, Quote, Role
from communique.store.sqlite import SQLiteStore

# (host, guest, place, date, topic words): invented people; two meetings of the same pair on other dates
MEETINGS = [
    ("Aurelio Vantaggi", "Mirela Dobrescu", "Lisbon", "2025-02-03", ("fisheries", "quotas", "harbour")),
    ("Tomasz Kellerman", "Ingrid Solvang", "Oslo", "2025-02-05", ("grid", "interconnector", "hydropower")),
    ("Aurelio Vantaggi", "Mirela Dobrescu", "Rome", "2025-03-14", ("vaccines", "laboratories", "clinics")),
    ("Kwame Adjei-Mensah", "Lena Haroutunian", "Accra", "2025-02-04", ("cocoa", "tariffs", "shipping")),
    ("Pablo Ibarrola", "Yuki Matsudaira", "Tokyo", "2025-02-20", ("semiconductors", "foundries", "export")),
    ("Ingrid Solvang", "Pablo Ibarrola", "Madrid", "2025-02-21", ("railways", "tunnels", "freight")),
    ("Lena Haroutunian", "Tomasz Kellerman", "Warsaw", "2025-03-02", ("refugees", "shelters", "winter")),
]
OUTLETS = ("The Ledger", "Daily Courier", "Wire Service", "Evening Post")
OPENINGS = ("{a} met {b} in {place} on {day} to discuss {t0} and {t1}.",
            "{b} held talks with {a} in {place} on {day} about {t0}, {t1} and {t2}.",
            "In {place}, {a} and {b} met on {day}; {t0} and {t2} were on the agenda.")


def _surname(name: str) -> str:
    return name.split()[-1]


def _report(meeting: int, outlet: int, short_only: bool = False) -> Document:
    """One outlet's report of one meeting: mentions, a role, a meeting event, a quote and a claim, offsets exact."""
    a, b, place, date, topics = MEETINGS[meeting]
    day = f"{date[8:]} {['January', 'February', 'March'][int(date[5:7]) - 1]}"
    a_form = _surname(a) if short_only else a
    opening = OPENINGS[outlet % len(OPENINGS)].format(a=f"Minister {a_form}", b=b, place=place, day=day,
                                                      t0=topics[0], t1=topics[1], t2=topics[2])
    said = f" \u201cThe {topics[0]} talks were frank and useful,\u201d {_surname(a)} said."
    figure = f" Trade in {topics[1]} reached {meeting + 2} billion euros last year."
    tail = f" {OUTLETS[outlet]} reported that {_surname(b)} will visit again to follow up on {topics[2]}."
    text = opening + said + figure + tail

    def span(needle: str, start: int = 0) -> tuple[int, int]:
        s = text.index(needle, start)
        return s, s + len(needle)

    a_span, b_span = span(a_form), span(b)
    a_short, b_short = span(_surname(a), span(said.strip()[:5])[0]), span(_surname(b), len(opening + said + figure))
    quote = span(f"The {topics[0]} talks were frank and useful,")
    claim = span(f"{meeting + 2} billion euros")
    mentions = [Mention(*a_span, a_form, "person"), Mention(*b_span, b, "person"), Mention(*span(place), place, "place"),
                Mention(*a_short, _surname(a), "person"), Mention(*b_short, _surname(b), "person")]
    event = Event("CONSULT", 0, len(opening), mode="visit", label=f"{_surname(a)} meets {_surname(b)}",
                  participants=((a_form, *a_span), (b, *b_span)), date_value=date, date_text=day,
                  date_basis="explicit", place=place, topics=(topics[0],), quotes=(0,), claims=(0,))
    doc_id = f"{meeting:02d}{outlet}{'s' if short_only else ''}-" + "x" * 8
    return Document(
        id=doc_id, source=f"{doc_id}.txt", text=text, title=f"{_surname(a)} and {_surname(b)} discuss {topics[0]}",
        publisher=OUTLETS[outlet], published=date, kind="news", mentions=sorted(mentions, key=lambda m: m.start),
        roles=[Role(a_form, *a_span, "Minister", None, None, a_span[0] - len("Minister "), a_span[1])],
        quotes=[Quote(*quote, text[quote[0]:quote[1]], speaker_name=_surname(a), speaker_start=a_short[0],
                      speaker_end=a_short[1])],
        claims=[Claim(*claim, text[claim[0]:claim[1]], float(meeting + 2) * 1e9, "EUR", about=topics[1])],
        events=[event],
    )


def _corpus() -> list[Document]:
    docs = [_report(m, o) for m in range(len(MEETINGS)) for o in range(3 + m % 2)]
    docs += [_report(m, 3, short_only=True) for m in (1, 4)]  # a surname alone: step 3 of resolution
    return docs


def _snapshot(store: SQLiteStore) -> dict[str, object]:
    entities = {frozenset((m["doc"], m["start"], m["end"]) for m in e["mentions"]): (e["name"], tuple(e["aliases"]),
                                                                                    e["type"])
                for e in store.iter_records("entities")}
    stories = {frozenset(s["docs"]) for s in store.iter_records("stories")}
    events = sorted((e["id"], e["label"], len(e["evidence"]), tuple(e["participants"])) for e in store.iter_records("events"))
    quotes = sorted((q["id"], q["speaker"], q["event"]) for q in store.iter_records("quotes"))
    claims = sorted((c["id"], c["event"]) for c in store.iter_records("claims"))
    return {"entities": entities, "stories": stories, "events": events, "quotes": quotes, "claims": claims}


def bcubed_f1(a: set[frozenset[str]], b: set[frozenset[str]]) -> float:
    """B-cubed F1 of partition ``a`` against ``b`` over the same items."""
    of_a = {item: cluster for cluster in a for item in cluster}
    of_b = {item: cluster for cluster in b for item in cluster}
    items = sorted(of_a)
    precision = sum(len(of_a[i] & of_b[i]) / len(of_a[i]) for i in items) / len(items)
    recall = sum(len(of_a[i] & of_b[i]) / len(of_b[i]) for i in items) / len(items)
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_update_batches_equal_full_rebuild(tmp_path, seed):
    docs = _corpus()
    random.Random(seed).shuffle(docs)
    batches = [docs[:10], docs[10:17], docs[17:24], docs[24:]]
    with SQLiteStore(tmp_path / "kb.db") as store:
        for doc in batches[0]:
            store.put(doc, "p")
        build(store)
        for number, batch in enumerate(batches[1:], start=1):
            for doc in batch:
                store.put(doc, "p")
            removed: list[str] = []
            if number == 2:  # a document removed, another re-processed with one mention fewer
                removed = [batches[0][0].id]
                store.delete_document(removed[0])
                again = batches[0][1]
                store.put(again.replace(mentions=again.mentions[:-1]), "p2")
            counts = update(store, [d.id for d in batch], removed)
            assert counts["updated_docs"] >= len(batch)
        incremental = _snapshot(store)
        build(store)
        full = _snapshot(store)
    assert bcubed_f1(incremental["stories"], full["stories"]) == 1.0
    assert incremental == full


def _with_countries(doc: Document) -> Document:
    """The report with its place as a country for odd meetings (coded Q<meeting> from the fifth on, uncoded before)
    and, for even meetings, its minister's role in the country of the next meeting (a code first seen on a person)."""
    meeting = int(doc.id[:2])
    code = f"Q{meeting}" if meeting >= 5 else None
    mentions = [dataclasses.replace(m, type="country", country=code) if m.type == "place" and meeting % 2 else m
                for m in doc.mentions]
    roles = [dataclasses.replace(r, country=f"Q{meeting + 1}") if meeting % 2 == 0 else r for r in doc.roles]
    return doc.replace(mentions=mentions, roles=roles)


def _browse_tables(store: Any) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    items = {(*r[:7], json.dumps(json.loads(r[7]), sort_keys=True)) for r in store._all("SELECT * FROM browse_items")}
    return items, set(store._all("SELECT * FROM browse_facets"))


def _browse_rows(store: Any) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    items, facets = rows(store)
    return ({(i.type, i.id, i.name, i.sort_name, i.first_date, i.date, i.docs, json.dumps(i.summary, sort_keys=True))
             for i in items}, {(f.type, f.facet, f.value, f.id) for f in facets})


@pytest.mark.parametrize(("seed", "backend"), [(1, "sqlite"), (2, "sqlite"), (3, "sqlite"), (4, "postgres")])
def test_update_browse_rows_equal_a_full_rewrite(tmp_path, seed, backend, monkeypatch, request):
    """After each update the browse index (rewritten piecewise, never whole) holds the rows a whole rewrite gives."""
    import communique.kb.browse as browse

    whole = []
    monkeypatch.setattr(browse, "_row_parts", lambda store, rows=browse._row_parts: whole.append(1) or rows(store))
    docs = [_with_countries(d) for d in _corpus()]
    random.Random(seed).shuffle(docs)
    batches = [docs[:8], docs[8:9], docs[9:17], docs[17:24], docs[24:]]
    if backend == "postgres":
        from communique.store.postgres import PostgresStore

        opened: SQLiteStore | PostgresStore = PostgresStore(request.getfixturevalue("postgres_url"))
    else:
        opened = SQLiteStore(tmp_path / "kb.db")
    with opened as store:
        store.put_many(batches[0], "p")
        build(store)
        assert whole == [1]
        for number, batch in enumerate(batches[1:], start=1):
            store.put_many(batch, "p")
            removed: list[str] = []
            if number == 3:
                removed = [batches[0][0].id]
                store.delete_document(removed[0])
                again = batches[0][1]
                store.put(again.replace(mentions=again.mentions[:-1], title="Another title"), "p2")
            update(store, [d.id for d in batch], removed)
            assert whole == [1]
            assert _browse_tables(store) == _browse_rows(store)
            whole.pop()


@pytest.mark.parametrize("late", [0, 4])
def test_update_short_form_moves_to_a_person_named_later(tmp_path, late):
    """A surname alone stored first is its own entity; a later document naming the person in full claims it."""
    short, full_doc = _report(late, 3, short_only=True), _report(late, 0)
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.put(short, "p")
        build(store)
        alone = {e["name"] for e in store.iter_records("entities") if e["type"] == "person"}
        assert MEETINGS[late][0] not in alone
        store.put(full_doc, "p")
        update(store, [full_doc.id])
        owners = defaultdict(set)
        for e in store.iter_records("entities"):
            for m in e["mentions"]:
                owners[e["name"]].add(m["doc"])
        assert owners[MEETINGS[late][0]] == {short.id, full_doc.id}


def _moved(doc: Document, weeks: int) -> Document:
    """The report dated ``weeks`` weeks later (its meeting too)."""
    def later(value: str | None) -> str | None:
        return (dt.date.fromisoformat(value) + dt.timedelta(weeks=weeks)).isoformat() if value else value
    return doc.replace(published=later(doc.published),
                       events=[dataclasses.replace(ev, date_value=later(ev.date_value)) for ev in doc.events])


@pytest.mark.parametrize("batch", [1, 3])
def test_update_cost_follows_the_batch_not_the_store(tmp_path, batch):
    """Adding reports of one meeting re-derives that meeting's story and its neighbours in the publication window,
    not the stories of other months."""
    docs = [_moved(d, 5 * int(d.id[:2])) for d in _corpus()]  # one meeting every five weeks
    others = [d for d in docs if not d.id.startswith("01")]
    new = [d for d in docs if d.id.startswith("01")][:batch]
    with SQLiteStore(tmp_path / "kb.db") as store:
        for doc in others:
            store.put(doc, "p")
        build(store)
        before = {s["id"]: s for s in store.iter_records("stories")}
        for doc in new:
            store.put(doc, "p")
        counts = update(store, [d.id for d in new])
        after = {s["id"]: s for s in store.iter_records("stories")}
    assert batch <= counts["updated_docs"] < len(others) // 2
    assert sum(before[k] == after.get(k) for k in before) >= len(before) - 2
