"""Person-span repairs (step 4 of the entity cascade) on hand-set model entities (a blank spaCy pipeline)."""

from __future__ import annotations

import pytest


def _persons(entities_on, text: str, ents: list[tuple[str, str]]) -> list[str]:
    return [m.text for m in entities_on(text, ents).mentions if m.type == "person"]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a lower-case word glued to the name (a verb of another language) is no part of it
        ("Tomás Arriaga Peña se reunió con la delegación.", [("Tomás Arriaga Peña se", "PERSON")],
         ["Tomás Arriaga Peña"]),
        # a clause around the name: the longest run of name words is kept
        ("Dijo que De la Vega estuvo presente.", [("Dijo que De la Vega estuvo", "PERSON")], ["De la Vega"]),
        # a headline verb after the name
        ("Minister Olek Varga Vows Closer Ties", [("Olek Varga Vows", "PERSON")], ["Olek Varga"]),
        # a given name cut at its hyphen by the model
        ("President Kang Min-ho arrived.", [("Kang Min", "PERSON")], ["Kang Min-ho"]),
        # an Arabic article glued to the surname joins the fragments
        ("Talks with Karim Nasser el-Amin ended.", [("Karim Nasser", "PERSON"), ("el-Amin", "PERSON")],
         ["Karim Nasser el-Amin"]),
        # a country name glued before a full name
        ("The envoy of Kazakhstan Nurlan Abenov spoke.", [("Kazakhstan Nurlan Abenov", "PERSON")], ["Nurlan Abenov"]),
        # ... but a given name that is also a country stays
        ("Staff Sgt. Jordan K. Whitfield took the photo.", [("Jordan K. Whitfield", "PERSON")], ["Jordan K. Whitfield"]),
        # a possessive
        ("Ilse Brandauer's visit was short.", [("Ilse Brandauer's", "PERSON")], ["Ilse Brandauer"]),
        # particles inside a name stay
        ("Ana Sofía de los Ríos spoke.", [("Ana Sofía de los Ríos", "PERSON")], ["Ana Sofía de los Ríos"]),
        # a family name in capitals first: the given names after it belong to it, also when tagged apart
        ("Mr. KANG Min Seo, President, spoke.", [("KANG", "PERSON"), ("Seo", "PERSON")], ["KANG Min Seo"]),
        ("Ms. ODA Haruka arrived.", [("ODA", "PERSON")], ["ODA Haruka"]),
        # ... but a title after a name in capitals is no given name
        ("Talks with VARGA Minister Brandt", [("VARGA", "PERSON")], ["VARGA"]),
    ],
)  # fmt: skip
def test_person_span_is_cut_to_the_name(entities_on, text, ents, expected):
    assert _persons(entities_on, text, ents) == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the surname of a full name, alone where the model saw nothing
        ("Rana Okafor met the envoy. Later Okafor left.", [("Rana Okafor", "PERSON")], ["Rana Okafor", "Okafor"]),
        # ... or where the model saw a place: a title + that surname
        ("Tarek Bouzid arrived. PM Bouzid spoke.", [("Tarek Bouzid", "PERSON"), ("PM Bouzid", "GPE")],
         ["Tarek Bouzid", "Bouzid"]),
        # short surnames are not propagated (too often another word or person)
        ("Chen Li arrived. Li said no.", [("Chen Li", "PERSON")], ["Chen Li"]),
        # a word that only contains the surname is not a mention
        ("Rana Okafors met the envoy. The Okaforstrasse was closed.", [("Rana Okafors", "PERSON")],
         ["Rana Okafors"]),
    ],
)  # fmt: skip
def test_surname_of_a_full_name_is_a_mention(entities_on, text, ents, expected):
    assert _persons(entities_on, text, ents) == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # words of another language with no capital are no name
        ("Lea mas: su equipo trabajó con la delegación.", [("su equipo", "PERSON")], []),
        # a lone capitalised word on a line in another language
        ("Hablamos con el ministro y con los embajadores.", [("Hablamos", "PERSON")], []),
        # ... but the same kind of word on an English line is kept (a surname)
        ("Garrido said the talks were useful.", [("Garrido", "PERSON")], ["Garrido"]),
        # titles and greetings alone are no person
        ("Thank you, Madam.", [("Madam", "PERSON")], []),
        ("The Crown Prince arrived.", [("Crown Prince", "PERSON")], []),
        # a quote mark and a headline preposition taken along by the model
        ("Talks “Ilse Brandauer Before Her Visit", [("“Ilse Brandauer Before", "PERSON")], ["Ilse Brandauer"]),
    ],
)  # fmt: skip
def test_person_span_must_be_a_name(entities_on, text, ents, expected):
    assert _persons(entities_on, text, ents) == expected
