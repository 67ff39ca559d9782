"""End to end on the real model (en_core_web_md, or sm): readout, transcript and wire fixtures written for these tests."""

from __future__ import annotations

import functools

import pytest

from communique.model import Document
from communique.nlp.entities import annotate
from communique.nlp.model_loader import parse
from communique.registry import get_stage

pytestmark = pytest.mark.model

READOUT = (
    "Secretary of State Marco Rubio met today in Washington, D.C. with Mexican Foreign Secretary Juan Ramón de la "
    "Fuente Ramírez and Omar García Harfuch, Mexico's Secretary of Security and Citizen Protection. Roberto Velasco, "
    "Undersecretary for North America, SRE, and U.S. Ambassador Ronald Johnson also attended. The two delegations "
    "discussed joint efforts to stop the trafficking of fentanyl and firearms. President Claudia Sheinbaum Pardo "
    "later joined the meeting by phone."
)
TRANSCRIPT = (
    "SECRETARY RUBIO: Thank you, Foreign Secretary. We had a productive meeting.\n"
    "FOREIGN SECRETARY DE LA FUENTE (Via interpreter): Thank you, Secretary. Mexico will keep cooperating.\n"
    "MS. BRUCE: We have time for two questions.\n"
    "Q: Mr. Secretary, what about tariffs?\n"
    "SECRETARY RUBIO: We discussed that at length.\n"
)
WIRE = (
    "MEXICO CITY, March 4 (Reuters) - Mexican President Claudia Sheinbaum said on Tuesday that her government had "
    "seized more than a ton of fentanyl, a day after meeting Admiral Alvin Holsey and Gen. Gregory Guillot in the "
    "capital. Marco Rubio, the U.S. secretary of state, praised the seizures. Dr. Ana Lucía Hernández Ortega, a "
    "toxicologist at the National Autonomous University of Mexico, said the Pentagon and the SRE had been informed.\n"
    "Reporting by Dave Graham; Editing by Alistair Bell\n"
    "Photo: Henry Romero/Reuters"
)
FIXTURES = {"readout": READOUT, "transcript": TRANSCRIPT, "news": WIRE}


@functools.cache
def _annotated(kind: str) -> Document:
    text = FIXTURES[kind]
    doc = Document(id=kind, source=f"{kind}.txt", raw=text, text=text, kind=kind)
    return annotate(doc, parse(text))


@pytest.mark.parametrize("kind", sorted(FIXTURES))
def test_offsets_round_trip(kind):
    doc = _annotated(kind)
    assert doc.mentions
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
    for r in doc.roles:
        assert doc.text[r.person_start : r.person_end] == r.person
        assert r.start < r.end


@pytest.mark.parametrize(
    ("kind", "surface", "mtype", "country"),
    [
        ("readout", "Marco Rubio", "person", "US"),
        ("readout", "Juan Ramón de la Fuente Ramírez", "person", "MX"),
        ("readout", "Omar García Harfuch", "person", "MX"),
        ("readout", "Claudia Sheinbaum Pardo", "person", None),
        ("readout", "Washington, D.C.", "place", "US"),
        ("readout", "SRE", "organization", "MX"),
        ("transcript", "RUBIO", "person", None),
        ("transcript", "DE LA FUENTE", "person", None),
        ("transcript", "BRUCE", "person", None),
        ("news", "MEXICO CITY", "place", "MX"),
        ("news", "Claudia Sheinbaum", "person", "MX"),
        ("news", "Alvin Holsey", "person", None),
        ("news", "Gregory Guillot", "person", None),
        ("news", "Ana Lucía Hernández Ortega", "person", None),
        ("news", "Pentagon", "organization", "US"),
        ("news", "Dave Graham", "person", None),  # bylines and photo credits are mentions too
        ("news", "Alistair Bell", "person", None),
        ("news", "Henry Romero", "person", None),
    ],
)
def test_mentions(kind, surface, mtype, country):
    found = [(m.type, m.country) for m in _annotated(kind).mentions if m.text == surface]
    assert found and found[0] == (mtype, country)


@pytest.mark.parametrize(
    ("kind", "surface"),
    [
        ("readout", "State"),
        ("readout", "North America"),
        ("readout", "Security and Citizen Protection"),
        ("readout", "fentanyl"),
        ("readout", "Washington"),
        ("readout", "D.C."),
        ("transcript", "Q"),
        ("transcript", "Via"),
        ("news", "fentanyl"),
        ("news", "Dr. Ana Lucía Hernández Ortega"),
        ("news", "Gen. Gregory Guillot"),
        ("news", "Alistair Bell\nPhoto"),
    ],
)
def test_not_mentions(kind, surface):
    assert surface not in [m.text for m in _annotated(kind).mentions]


@pytest.mark.parametrize(
    ("kind", "person", "title", "organization", "country", "evidence"),
    [
        ("readout", "Marco Rubio", "Secretary of State", None, "US", "Secretary of State Marco Rubio"),
        ("readout", "Juan Ramón de la Fuente Ramírez", "Foreign Secretary", None, "MX",
         "Mexican Foreign Secretary Juan Ramón de la Fuente Ramírez"),
        ("readout", "Omar García Harfuch", "Secretary of Security and Citizen Protection", None, "MX",
         "Omar García Harfuch, Mexico's Secretary of Security and Citizen Protection"),
        ("readout", "Roberto Velasco", "Undersecretary for North America", "SRE", "MX",
         "Roberto Velasco, Undersecretary for North America, SRE"),
        ("readout", "Ronald Johnson", "Ambassador", None, "US", "U.S. Ambassador Ronald Johnson"),
        ("transcript", "RUBIO", "Secretary", None, None, "SECRETARY RUBIO"),
        ("transcript", "DE LA FUENTE", "Foreign Secretary", None, None, "FOREIGN SECRETARY DE LA FUENTE"),
        ("news", "Claudia Sheinbaum", "President", None, "MX", "Mexican President Claudia Sheinbaum"),
        ("news", "Alvin Holsey", "Admiral", None, None, "Admiral Alvin Holsey"),
        ("news", "Gregory Guillot", "General", None, None, "Gen. Gregory Guillot"),
        ("news", "Marco Rubio", "Secretary of State", None, "US", "Marco Rubio, the U.S. secretary of state"),
        ("news", "Ana Lucía Hernández Ortega", "Dr.", None, None, "Dr. Ana Lucía Hernández Ortega"),
    ],
)  # fmt: skip
def test_roles(kind, person, title, organization, country, evidence):
    doc = _annotated(kind)
    roles = [(r.person, r.title, r.organization, r.country, doc.text[r.start : r.end]) for r in doc.roles]
    assert (person, title, organization, country, evidence) in roles


def test_registered_stage_sets_mentions_and_roles(doc_factory):
    doc = get_stage("communique.entities.v1")(doc_factory(READOUT, kind="readout"))
    assert "Marco Rubio" in [m.text for m in doc.mentions]
    assert "Secretary of State" in [r.title for r in doc.roles]
