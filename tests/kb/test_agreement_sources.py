"""Cross-source comparison: facts per source, quote variants, conflicting vs time-shifted figures."""

from __future__ import annotations

import json

import pytest

from communique.kb.agreement import (
    claims_relation,
    compare_story,
    quote_relation,
    values_agree,
    written_step,
)
from communique.kb.stories import Story
from communique.model import Claim, Event, Quote

WIRE = (
    "MEXICO CITY (Wire) - Mexican Foreign Secretary Lucía Báez met U.S. Secretary of State Daniel Ortega Reyes on "
    "Monday.\n"
    '"We will not accept any measure that hurts Mexican workers," Báez told reporters after the talks.\n'
    '"This partnership has never been stronger," Ortega Reyes said.\n'
    "Bilateral trade reached $800 billion in 2024, and U.S. investment in Mexico stood at $63 billion last year.\n"
    "Mexican authorities seized 3,900 firearms in 2023."
)
READOUT = (
    "Readout of Secretary Ortega Reyes's Meeting with Foreign Secretary Báez\n"
    "Secretary Ortega Reyes met today with Foreign Secretary Báez in Mexico City.\n"
    '"This partnership has never been stronger," said Secretary Ortega Reyes.\n'
    "The Secretary noted that U.S. investment in Mexico reached $63.4 billion in 2024.\n"
    '"Our teams will meet again next month in Washington," Báez said.'
)
PAPER = (
    "Báez defiende a los trabajadores / English edition\n"
    "Foreign Secretary Báez received Secretary Ortega Reyes in Ciudad de México on March 3.\n"
    '"We are not going to accept any measure that harms Mexican workers," the Foreign Secretary said.\n'
    "Trade between the two countries totalled $840 billion in 2024, the ministry said.\n"
    "Authorities seized 4,100 firearms in 2024."
)


def at(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def quote(text: str, words: str, speaker: str) -> Quote:
    start, end = at(text, words)
    return Quote(start=start, end=end, text=words, speaker_name=speaker, cue="said")


def claim(text: str, fragment: str, value: float, unit: str, about: str, as_of: str | None) -> Claim:
    start, end = at(text, fragment)
    return Claim(start=start, end=end, text=fragment, value=value, unit=unit, about=about, as_of=as_of)


def meeting(text: str, names: tuple[str, ...], place: str, date: str = "2025-03-03") -> Event:
    start, end = at(text, text.splitlines()[1] if text is not WIRE else text.splitlines()[0])
    parts = tuple((n, *at(text, n)) for n in names)
    return Event(type="CONSULT", start=start, end=end, label="Báez meets Ortega Reyes", participants=parts,
                 date_value=date, place=place, topics=("trade",))


@pytest.fixture
def docs(doc_factory):
    wire = doc_factory(
        WIRE, id="wire", published="2025-03-03", publisher="Wire",
        events=[meeting(WIRE, ("Lucía Báez", "Daniel Ortega Reyes"), "Mexico City")],
        quotes=[
            quote(WIRE, "We will not accept any measure that hurts Mexican workers,", "Báez"),
            quote(WIRE, "This partnership has never been stronger,", "Ortega Reyes"),
        ],
        claims=[
            claim(WIRE, "$800 billion", 800e9, "USD", "bilateral trade", "2024"),
            claim(WIRE, "$63 billion", 63e9, "USD", "U.S. investment in Mexico", "2024"),
            claim(WIRE, "3,900 firearms", 3900, "count", "firearms seized", "2023"),
        ],
    )
    readout = doc_factory(
        READOUT, id="readout", published="2025-03-03", kind="readout", publisher="Department of State",
        events=[meeting(READOUT, ("Ortega Reyes", "Báez"), "Mexico City")],
        quotes=[
            quote(READOUT, "This partnership has never been stronger,", "Secretary Ortega Reyes"),
            quote(READOUT, "Our teams will meet again next month in Washington,", "Báez"),
        ],
        claims=[claim(READOUT, "$63.4 billion", 63.4e9, "USD", "U.S. investment in Mexico", "2024")],
    )
    paper = doc_factory(
        PAPER, id="paper", published="2025-03-04", publisher="El Diario (English edition)",
        events=[meeting(PAPER, ("Báez", "Ortega Reyes"), "Ciudad de México")],
        quotes=[quote(PAPER, "We are not going to accept any measure that harms Mexican workers,", "Lucía Báez")],
        claims=[
            claim(PAPER, "$840 billion", 840e9, "USD", "trade", "2024"),
            claim(PAPER, "4,100 firearms", 4100, "count", "firearms seized", "2024"),
        ],
    )
    unrelated = doc_factory("Another story entirely.", id="other", published="2025-03-03")
    return [paper, readout, wire, unrelated]


@pytest.fixture
def story():
    return Story(id="s1", title="Báez meets Ortega Reyes", docs=["wire", "readout", "paper"], date="2025-03-03",
                 events=[("wire", 0), ("readout", 0), ("paper", 0)], place="Mexico City")


def test_sources_in_publication_order_with_their_facts(docs, story):
    comparison = compare_story(story, docs)
    assert [s.doc for s in comparison.sources] == ["readout", "wire", "paper"]
    wire = comparison.sources[1]
    assert wire.participants == ["Lucía Báez", "Daniel Ortega Reyes"]
    assert (wire.date, wire.place, wire.topics) == ("2025-03-03", "Mexico City", ["trade"])


def test_fact_table_merges_spellings_and_flags_the_place(docs, story):
    comparison = compare_story(story, docs)
    participants = {v.value: set(v.docs) for v in comparison.facts["participants"]}
    assert participants == {
        "Lucía Báez": {"readout", "wire", "paper"},
        "Daniel Ortega Reyes": {"readout", "wire", "paper"},
    }
    assert [(v.value, len(v.docs)) for v in comparison.facts["date"]] == [("2025-03-03", 3)]
    assert comparison.disagreements == ["place"]  # "Ciudad de México" vs "Mexico City": not recognised as one


def test_finds_the_translation_variant_and_the_identical_quote(docs, story):
    comparison = compare_story(story, docs)
    variants = comparison.quote_variants
    assert len(variants) == 1
    variant = variants[0]
    assert {variant.a_doc, variant.b_doc} == {"wire", "paper"}
    assert "Báez" in variant.speaker
    assert 60 <= variant.ratio < 95
    same = [q for q in comparison.quotes if q.relation == "same"]
    assert len(same) == 1 and {same[0].a_doc, same[0].b_doc} == {"wire", "readout"}
    # Báez's other statement (next month in Washington) is not paired with anything
    assert all("next month" not in q.a_text + q.b_text for q in comparison.quotes)


def test_conflicting_figure_is_flagged_and_other_years_are_not(docs, story):
    comparison = compare_story(story, docs)
    conflicts = comparison.conflicts
    assert len(conflicts) == 1
    assert {conflicts[0].a_claim.value, conflicts[0].b_claim.value} == {800e9, 840e9}
    relations = {c.about: c.relation for c in comparison.claims}
    assert relations["firearms seized"] == "differs_in_time"  # 2023 vs 2024: not a conflict
    assert relations["U.S. investment in Mexico"] == "agree"  # $63 billion vs $63.4 billion: rounding


def test_comparison_is_json_ready(docs, story):
    payload = json.loads(json.dumps(compare_story(story, docs).as_dict()))
    assert payload["story"] == "s1"
    assert {c["relation"] for c in payload["claims"]} == {"conflict", "differs_in_time", "agree"}
    for pair in payload["quotes"]:
        doc = next(d for d in docs if d.id == pair["a"]["doc"])
        assert doc.text[pair["a"]["start"] : pair["a"]["end"]] == pair["a"]["text"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("We will not accept any measure that hurts Mexican workers.",
         "We will not accept any measure that hurts Mexican workers", "same"),
        ("We will not accept any measure that hurts Mexican workers.",
         "We are not going to accept any measure that harms Mexican workers.", "variant"),
        ("The border must be a place of cooperation and shared responsibility.",
         "the border must be a place of cooperation", "excerpt"),
        ("We will not accept any measure that hurts Mexican workers.", "Our teams will meet again next month.", None),
    ],
)
def test_quote_relation(a, b, expected):
    assert quote_relation(a, b)[0] == expected


@pytest.mark.parametrize(
    ("text_a", "value_a", "text_b", "value_b", "approximate", "expected"),
    [
        ("$63 billion", 63e9, "$63.4 billion", 63.4e9, False, True),
        ("$800 billion", 800e9, "$840 billion", 840e9, False, False),
        ("1,200 troops", 1200, "1,250 troops", 1250, False, False),
        ("about 1,200 troops", 1200, "1,250 troops", 1250, True, True),
        ("5.2%", 5.2, "5%", 5.0, False, True),
        ("5.2%", 5.2, "5.9%", 5.9, False, False),
    ],
)
def test_values_agree_up_to_rounding(text_a, value_a, text_b, value_b, approximate, expected):
    a = Claim(0, len(text_a), text_a, value_a, "count")
    b = Claim(0, len(text_b), text_b, value_b, "count")
    assert values_agree(value_a, value_b, approximate, (written_step(a), written_step(b))) is expected


@pytest.mark.parametrize(
    ("as_of_a", "as_of_b", "expected"),
    [("2024", "2024", "conflict"), ("2023", "2024", "differs_in_time"), ("2024", "2024-12", "conflict"),
     ("2025-03-03", "2025-03-04", "conflict")],
)
def test_claims_relation_uses_the_period(as_of_a, as_of_b, expected):
    a = Claim(0, 3, "900", 900, "count", about="migrants returned")
    b = Claim(0, 4, "1500", 1500, "count", about="migrants returned")
    assert claims_relation(a, as_of_a, b, as_of_b) == expected
