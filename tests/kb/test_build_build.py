"""Knowledge-base build over hand-made annotated documents: merged events, speakers, links, timeline filters."""

from __future__ import annotations

import pytest

from communique.kb import build, ensure_built, timeline
from communique.model import Claim, Document, Event, Mention, Quote
from communique.store.sqlite import SQLiteStore

TEXT = ("Secretary of State Marco Rubio met Mexican Foreign Secretary Juan Ramón de la Fuente in Mexico City on "
        "Monday. \u201cWe will work together,\u201d Rubio said. Trade reached $839 billion in 2024.")


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _report(doc_id: str, date: str) -> Document:
    rubio, fuente = _span(TEXT, "Marco Rubio"), _span(TEXT, "Juan Ramón de la Fuente")
    quote = _span(TEXT, "We will work together,")
    claim = _span(TEXT, "$839 billion")
    return Document(
        id=doc_id, source=f"{doc_id}.txt", text=TEXT, published="2025-03-04", kind="news",
        mentions=[Mention(*rubio, "Marco Rubio", "person"), Mention(*fuente, "Juan Ramón de la Fuente", "person"),
                  Mention(*_span(TEXT, "Rubio said")[:1], _span(TEXT, "Rubio said")[0] + 5, "Rubio", "person")],
        quotes=[Quote(*quote, TEXT[quote[0]:quote[1]], speaker_name="Rubio")],
        claims=[Claim(*claim, "$839 billion", 839e9, "USD", about="trade", as_of="2024")],
        events=[Event("CONSULT", 0, TEXT.index("Monday.") + 7, mode="visit", label="Rubio meets de la Fuente",
                      participants=(("Marco Rubio", *rubio), ("Juan Ramón de la Fuente", *fuente)),
                      date_value=date, date_text="Monday", date_basis="relative", place="Mexico City",
                      topics=("trade",), quotes=(0,), claims=(0,))],
    )


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "kb.db") as s:
        yield s


def test_kb_build_merges_one_meeting_reported_twice(store):
    store.put(_report("a", "2025-03-03"), "p")
    store.put(_report("b", "2025-03-03").replace(id="b", source="b.txt", text=TEXT + " "), "p")
    counts = build(store)
    events = list(store.iter_records("events"))
    consult = [e for e in events if e["type"] == "CONSULT"]
    assert len(consult) == 1 and counts["events"] == 1
    assert {ev["doc"] for ev in consult[0]["evidence"]} == {"a", "b"}
    names = {store.get_record("entities", eid)["name"] for eid in consult[0]["participants"]}
    assert names == {"Marco Rubio", "Juan Ramón de la Fuente Ramírez"}  # canonical name from the gazetteer
    quotes = list(store.iter_records("quotes"))
    assert all(q["event"] == consult[0]["id"] for q in quotes)
    assert all(store.get_record("entities", q["speaker"])["name"] == "Marco Rubio" for q in quotes)
    claims = list(store.iter_records("claims"))
    assert claims[0]["event"] == consult[0]["id"] and claims[0]["value"] == 839e9


def test_kb_build_keeps_different_meetings_apart(store):
    store.put(_report("a", "2025-03-03"), "p")
    store.put(_report("b", "2025-05-19").replace(id="b", source="b.txt", text=TEXT.replace("Monday", "Tuesday")), "p")
    build(store)
    assert len([e for e in store.iter_records("events") if e["type"] == "CONSULT"]) == 2


def test_kb_ensure_built_rebuilds_only_when_documents_change(store):
    store.put(_report("a", "2025-03-03"), "p")
    ensure_built(store)
    state = store.kb_state()
    ensure_built(store)
    assert store.kb_state() == state
    store.put(_report("b", "2025-05-19").replace(id="b", source="b.txt", text="Another text entirely."), "p")
    ensure_built(store)
    assert store.kb_state() != state


@pytest.mark.parametrize("actor, topic, expected", [
    (None, None, 1), ("Rubio", None, 1), ("de la Fuente", "trade", 1), ("Sheinbaum", None, 0), (None, "migration", 0),
])
def test_kb_timeline_filters(store, actor, topic, expected):
    store.put(_report("a", "2025-03-03"), "p")
    build(store)
    entries = timeline(store, actor=actor, topic=topic)
    assert len(entries) == expected
    if entries:
        assert entries[0]["sources"][0]["doc"] == "a" and entries[0]["date"]["value"] == "2025-03-03"


def test_kb_compare_story_flags_quote_variant_and_conflicting_figure(store):
    from communique.kb import compare

    a = _report("a", "2025-03-03")
    text_b = TEXT.replace("We will work together,", "We are going to work together,").replace("$839 billion", "$793 billion")
    q0, q1 = _span(text_b, "We are going to work together,")
    c0, c1 = _span(text_b, "$793 billion")
    b = a.replace(id="b", source="b.txt", text=text_b,
                  quotes=[a.quotes[0].__class__(q0, q1, text_b[q0:q1], speaker_name="Rubio")],
                  claims=[a.claims[0].__class__(c0, c1, "$793 billion", 793e9, "USD", about="trade", as_of="2024")])
    store.put(a, "p")
    store.put(b, "p")
    build(store)
    (story,) = [s for s in store.iter_records("stories") if set(s["docs"]) == {"a", "b"}]
    result = compare(store, story["id"])
    assert len(result["sources"]) == 2
    assert any(p["relation"] == "variant" for p in result["quotes"])
    assert any(p["relation"] == "conflict" for p in result["claims"])


def test_kb_compare_unknown_story_is_a_clear_error(store):
    from communique.errors import CommuniqueError
    from communique.kb import compare

    with pytest.raises(CommuniqueError, match="no such story"):
        compare(store, "story-nope")


def test_kb_timeline_cli_keeps_citation_ids_that_start_with_a_letter(tmp_path):
    from typer.testing import CliRunner

    from communique.cli import app

    with SQLiteStore(tmp_path / "kb.db") as s:
        s.put(_report("a", "2025-03-03"), "p")
        build(s)
    result = CliRunner().invoke(app, ["timeline", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 0, result.output
    assert "[a 0:" in result.output  # rich markup would read "[a ...]" as a tag and drop it
