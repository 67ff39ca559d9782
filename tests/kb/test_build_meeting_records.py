"""Knowledge-base meeting records: people only as participants, a month-day without a year kept but never sorted."""

from __future__ import annotations

import pytest

from communique.kb import build
from communique.model import Document, Event, Mention
from communique.store.sqlite import SQLiteStore

TEXT = "Ruritanian Foreign Minister Tomas Varga met Secretary Ilse Brandt of Freedonia in Valletta on March 4."


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _doc(doc_id: str, date: str | None, published: str | None) -> Document:
    varga, brandt, country = _span("Tomas Varga"), _span("Ilse Brandt"), _span("Freedonia")
    return Document(
        id=doc_id, source=f"{doc_id}.txt", text=TEXT, published=published, kind="news",
        mentions=[Mention(*varga, "Tomas Varga", "person"), Mention(*brandt, "Ilse Brandt", "person"),
                  Mention(*country, "Freedonia", "country"), Mention(*_span("Valletta"), "Valletta", "place")],
        events=[Event("CONSULT", 0, len(TEXT), mode="visit", label="Varga meets Freedonia, Brandt in Valletta",
                      participants=(("Tomas Varga", *varga), ("Freedonia", *country), ("Ilse Brandt", *brandt)),
                      date_value=date, date_text="March 4", date_basis="partial" if date else None,
                      place="Valletta", status="occurred")],
    )


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "kb.db") as s:
        yield s


def _names(store, event) -> set[str]:
    return {store.get_record("entities", eid)["name"] for eid in event["participants"]}


@pytest.mark.parametrize(
    ("date", "published", "value", "partial"),
    [
        ("XXXX-03-04", None, None, "XXXX-03-04"),  # no year anywhere: unresolved, the month-day kept
        ("2025-03-04", "2025-03-05", "2025-03-04", None),
    ],
)
def test_meeting_record(store, date, published, value, partial):
    store.put(_doc("a", date, published), "p")
    build(store)
    (meeting,) = [e for e in store.iter_records("events") if e["type"] == "CONSULT"]
    assert _names(store, meeting) == {"Tomas Varga", "Ilse Brandt"}  # the country is a side, not a participant
    assert meeting["date"]["value"] == value
    assert meeting["date"]["partial"] == partial
    assert meeting["place"]["name"] == "Valletta"
    assert meeting["label"] == "Tomas Varga meets Ilse Brandt in Valletta"  # people only: no "Freedonia" in it
    (story,) = list(store.iter_records("stories"))
    assert story["date"] == value
    assert story["date_partial"] == partial


def test_partial_date_takes_the_year_of_another_report(store):
    store.put(_doc("a", "XXXX-03-04", None), "p")
    store.put(_doc("b", "2025-03-04", "2025-03-04").replace(text=TEXT + " "), "p")
    build(store)
    meetings = [e for e in store.iter_records("events") if e["type"] == "CONSULT"]
    assert {m["date"]["value"] for m in meetings} == {"2025-03-04"}


MULTI = ("President Tomas Varga met Prime Minister Ilse Brandt on March 4. Later that day Varga met Chancellor "
         "Piet Holm, and then Varga met Brandt again with both delegations.")


def test_one_page_several_meetings_of_a_day(store):
    people = {n: MULTI.index(n) for n in ("Tomas Varga", "Ilse Brandt", "Piet Holm")}
    later = [(n, MULTI.index(n, MULTI.index("Later"))) for n in ("Varga", "Brandt")]
    mentions = [Mention(s, s + len(n), n, "person") for n, s in [*people.items(), *later]]

    def meeting(*names: str) -> Event:
        parts = tuple((n, s, s + len(n)) for n, s in [*people.items(), *later] if n in names)
        return Event("CONSULT", 0, len(MULTI), label="meeting", participants=parts, date_value="2025-03-04",
                     date_basis="explicit", status="occurred")

    doc = Document(id="m", source="m.txt", text=MULTI, published="2025-03-04", kind="news", mentions=mentions,
                   events=[meeting("Tomas Varga", "Ilse Brandt"), meeting("Tomas Varga", "Piet Holm"),
                           meeting("Varga", "Brandt")])
    store.put(doc, "p")
    build(store)
    meetings = [e for e in store.iter_records("events") if e["type"] == "CONSULT"]
    assert sorted(sorted(_names(store, m)) for m in meetings) == [
        ["Ilse Brandt", "Tomas Varga"], ["Piet Holm", "Tomas Varga"]]


def test_an_office_alone_is_no_participant(store):
    text = "State Councilor and Foreign Minister Yu Li met Foreign Minister Piet Holm in Valletta on March 4."
    spans = {n: (text.index(n), text.index(n) + len(n)) for n in ("Councilor", "Yu Li", "Piet Holm")}
    doc = Document(id="c", source="c.txt", text=text, published="2025-03-04", kind="news",
                   mentions=[Mention(*spans[n], n, "person") for n in spans],
                   events=[Event("CONSULT", 0, len(text), label="meeting", status="occurred", date_value="2025-03-04",
                                 date_basis="explicit", participants=tuple((n, *spans[n]) for n in spans))])
    store.put(doc, "p")
    build(store)
    (meeting,) = [e for e in store.iter_records("events") if e["type"] == "CONSULT"]
    assert _names(store, meeting) == {"Yu Li", "Piet Holm"}  # a short name stays
