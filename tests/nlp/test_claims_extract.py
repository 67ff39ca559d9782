"""Numeric claims: value, unit, qualifier, about, as_of and speaker; dates, phone numbers and labels are not claims."""

from __future__ import annotations

import pytest

from communique.model import Quote
from communique.nlp import claims, timex
from communique.nlp.model_loader import parse

PUB = "2025-03-12"


def _claims(doc):
    sdoc = parse(doc.text)
    return claims.annotate(timex.annotate(doc, sdoc), sdoc).claims


def _find(doc_factory, text: str, phrase: str, **fields):
    found = _claims(doc_factory(text, published=PUB, **fields))
    hits = [c for c in found if phrase in c.text]
    assert hits, f"{phrase!r} not in {[c.text for c in found]}"
    c = hits[0]
    assert text[c.start : c.end] == c.text
    return c


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit"),
    [
        ("Bilateral trade reached $1.2 trillion in 2024.", "$1.2 trillion", 1.2e12, "USD"),
        ("The fund received US$500 million from donors.", "US$500 million", 5e8, "USD"),
        ("The European Union pledged €3 billion for reconstruction.", "€3 billion", 3e9, "EUR"),
        ("London committed £40bn to the programme.", "£40bn", 4e10, "GBP"),
        ("Mexico will invest 500 million pesos in the ports.", "500 million pesos", 5e8, "MXN"),
        ("The ministry set aside MXN 2,000 for each family.", "MXN 2,000", 2000, "MXN"),
        ("Exports are worth 1.2tn dollars a year.", "1.2tn dollars", 1.2e12, "USD"),
        ("The aid package totals 3 billion dollars.", "3 billion dollars", 3e9, "USD"),
        ("Tariffs of 15 percent took effect.", "15 percent", 15, "percent"),
        ("Unemployment fell to 15% in the north.", "15%", 15, "percent"),
        ("Police made 12,500 arrests in the operation.", "12,500 arrests", 12500, "count"),
        ("Agents seized 2,300 rifles at the crossing.", "2,300 rifles", 2300, "count"),
        ("The Pentagon sent more than 10,000 troops to the border.", "10,000 troops", 10000, "person"),
        ("Navy crews seized 3.5 tons of cocaine.", "3.5 tons", 3.5, "tonne"),
        ("Inspectors found 200 kilograms of fentanyl.", "200 kilograms", 200, "kg"),
        ("Inspectors found 40 kg of methamphetamine.", "40 kg", 40, "kg"),
        ("The wall covers 100 miles of desert.", "100 miles", 160.9344, "km"),
        ("The convoy drove 80 km to the camp.", "80 km", 80, "km"),
        ("He was sentenced to 20 years in prison.", "20 years", 20, "year"),
        ("The hunger strike lasted 12 days.", "12 days", 12, "day"),
        ("The leaders spoke for 45 minutes.", "45 minutes", 45, "minute"),
    ],
)
def test_value_and_unit(doc_factory, text: str, phrase: str, value: float, unit: str) -> None:
    c = _find(doc_factory, text, phrase)
    assert c.value == pytest.approx(value)
    assert c.unit == unit


@pytest.mark.parametrize(
    ("text", "phrase", "qualifier"),
    [
        ("The Pentagon sent more than 10,000 troops to the border.", "10,000 troops", "over"),
        ("Officials counted over 500 migrants at the station.", "500 migrants", "over"),
        ("Less than 20 percent of the funds were spent.", "20 percent", "under"),
        ("Under 300 officers took part in the raid.", "300 officers", "under"),
        ("About 4,000 people attended the rally.", "4,000 people", "about"),
        ("Nearly 2,000 firearms were seized.", "2,000 firearms", "about"),
        ("Almost $5 billion was pledged.", "$5 billion", "about"),
        ("Approximately 60 percent of the aid arrived.", "60 percent", "about"),
        ("Some 300 soldiers were deployed.", "300 soldiers", "about"),
        ("Roughly 7,000 tons of grain were shipped.", "7,000 tons", "about"),
        ("Exactly 1,200 detainees were released.", "1,200 detainees", "exactly"),
        ("Police made 12,500 arrests.", "12,500 arrests", None),
    ],
)
def test_qualifier_in_span(doc_factory, text: str, phrase: str, qualifier: str | None) -> None:
    c = _find(doc_factory, text, phrase)
    assert c.qualifier == qualifier
    if qualifier:
        assert c.text.lower() != phrase.lower()  # the qualifier words are part of the evidence


@pytest.mark.parametrize(
    ("text", "phrase", "about"),
    [
        ("Bilateral trade reached $1.2 trillion in 2024.", "$1.2 trillion", "bilateral trade"),
        ("Customs agents reported 2,300 firearms seized at the ports.", "2,300 firearms", "firearms seized"),
        ("Police made 12,500 arrests in the operation.", "12,500 arrests", "arrests"),
        ("The two countries traded $800 billion in goods last year.", "$800 billion", "goods"),
        ("Navy crews seized 3.5 tons of cocaine.", "3.5 tons", "cocaine"),
        ("Washington imposed a 25 percent tariff on steel.", "25 percent", "tariff"),
    ],
)
def test_about(doc_factory, text: str, phrase: str, about: str) -> None:
    assert _find(doc_factory, text, phrase).about == about


@pytest.mark.parametrize(
    ("text", "phrase", "as_of"),
    [
        ("Bilateral trade reached $1.2 trillion in 2024.", "$1.2 trillion", "2024"),
        ("Police made 12,500 arrests last year.", "12,500 arrests", "2024"),
        ("Remittances rose 8 percent in the first quarter of 2024.", "8 percent", "2024-Q1"),
        ("Police made 12,500 arrests in the operation.", "12,500 arrests", None),
    ],
)
def test_as_of(doc_factory, text: str, phrase: str, as_of: str | None) -> None:
    assert _find(doc_factory, text, phrase).as_of == as_of


def test_readout(doc_factory) -> None:
    text = (
        "Readout of the Secretary's Meeting with Foreign Secretary of Mexico\n\n"
        "The Secretary met today with the Foreign Secretary in Washington. They welcomed record bilateral trade "
        "of nearly $800 billion in 2024 and noted that joint operations had seized more than 2,300 rifles and "
        "1,500 kilograms of fentanyl."
    )
    found = {c.text: c for c in _claims(doc_factory(text, published=PUB, kind="readout"))}
    money = next(c for c in found.values() if c.unit == "USD")
    assert money.value == pytest.approx(8e11) and money.qualifier == "about" and money.as_of == "2024"
    assert any(c.unit == "count" and c.value == 2300 and c.qualifier == "over" for c in found.values())
    assert any(c.unit == "kg" and c.value == 1500 for c in found.values())
    assert not any(c.unit == "USD" and c.value == 2024 for c in found.values())


def test_transcript_turn_sets_speaker(doc_factory) -> None:
    text = (
        "MS. JEAN-PIERRE: Good afternoon, everyone.\n\n"
        "SECRETARY MAYORKAS: Last year we removed more than 140,000 people and seized 27,000 pounds of fentanyl.\n\n"
        "Q: Thank you."
    )
    turn_start = text.index("Last year")
    turn_end = text.index("\n\nQ:")
    turn = Quote(
        turn_start, turn_end, text[turn_start:turn_end], speaker_name="Alejandro Mayorkas", cue="SPEAKER:"
    )
    found = _claims(doc_factory(text, published=PUB, kind="transcript", quotes=[turn]))
    people = next(c for c in found if c.unit == "person")
    assert people.value == 140000 and people.qualifier == "over"
    assert people.speaker_name == "Alejandro Mayorkas"
    mass = next(c for c in found if c.unit == "kg")
    assert mass.value == pytest.approx(27000 * 0.45359237)
    assert mass.speaker_name == "Alejandro Mayorkas"


def test_quote_outside_figure_gives_no_speaker(doc_factory) -> None:
    text = '"We are making progress," the minister said. Trade reached $1.2 trillion in 2024.'
    quote = Quote(1, 24, text[1:24], speaker_name="Marcelo Ebrard")
    c = _find(doc_factory, text, "$1.2 trillion", quotes=[quote])
    assert c.speaker_name is None


def test_markdown_escaped_dollar(doc_factory) -> None:
    text = "The President announced \\$1.5 billion in new assistance and \\$300 million for border security."
    found = _claims(doc_factory(text, published=PUB, content_type="markdown"))
    values = sorted(c.value for c in found if c.unit == "USD")
    assert values == [pytest.approx(3e8), pytest.approx(1.5e9)]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting took place on March 3, 2025 in Mexico City.",
        "The agreement was first signed in 2019 and renewed in 2024.",
        "For more information call (202) 456-1111 or 202-456-1414.",
        "The tariffs were imposed under Section 232 and Article 5 of the treaty.",
        "She became the 3rd ambassador and the 21st envoy to the region.",
        "The 45-year-old diplomat, aged 45, arrived at 10:30 a.m.",
        "By Jane Doe, 45, Mexico City correspondent",
        "The two leaders spoke about three issues.",
        "The G-20 summit and COVID-19 were on the agenda.",
    ],
)
def test_not_claims(doc_factory, text: str) -> None:
    assert _claims(doc_factory(text, published=PUB)) == []


def test_annotate_is_pure(doc_factory) -> None:
    text = "Police made 12,500 arrests."
    doc = doc_factory(text, published=PUB)
    sdoc = parse(text)
    out = claims.annotate(doc, sdoc)
    assert doc.claims == [] and len(out.claims) == 1


def test_range_keeps_one_count_and_about_is_one_line(doc_factory) -> None:
    text = "Agents now make about 30 to\n40 arrests a day, down from a\ntotal eligible cost of 100 percent."
    found = _claims(doc_factory(text, published=PUB))
    counts = [c for c in found if c.unit == "count"]
    assert [c.value for c in counts] == [40]
    assert all("\n" not in (c.about or "") for c in found)
