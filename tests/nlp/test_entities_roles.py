"""Roles: title + name, apposition, "Name, Title, ORG", "of Country", speaker labels, role nouns (rules only)."""

from __future__ import annotations

import functools

import pytest
import spacy

from communique.nlp.entities import annotate


@functools.lru_cache(maxsize=1)
def _blank():
    return spacy.blank("en")


def _annotate(doc_factory, text: str, persons: list[str], others: list[tuple[str, str]] = ()):
    """Annotate with PERSON entities at the first occurrence of each name (in order) plus other entities."""
    sdoc = _blank()(text)
    spans, pos = [], 0
    for name in persons:
        start = text.index(name, pos)
        spans.append(sdoc.char_span(start, start + len(name), label="PERSON"))
        pos = start + len(name)
    for surface, label in others:
        start = text.index(surface)
        spans.append(sdoc.char_span(start, start + len(surface), label=label))
    sdoc.ents = sorted(spans, key=lambda s: s.start)
    return annotate(doc_factory(text), sdoc)


def _as_tuples(doc):
    return [(r.person, r.title, r.organization, r.country, doc.text[r.start : r.end]) for r in doc.roles]


@pytest.mark.parametrize(
    ("text", "persons", "others", "expected"),
    [
        ("Secretary of State Marco Rubio met reporters.", ["Marco Rubio"], [],
         ("Marco Rubio", "Secretary of State", None, "US", "Secretary of State Marco Rubio")),
        ("He met Mexican Foreign Secretary Juan Ramón de la Fuente on Monday.", ["Juan Ramón de la Fuente"], [],
         ("Juan Ramón de la Fuente", "Foreign Secretary", None, "MX",
          "Mexican Foreign Secretary Juan Ramón de la Fuente")),
        ("He thanked U.S. Ambassador Ronald Johnson for his work.", ["Ronald Johnson"], [],
         ("Ronald Johnson", "Ambassador", None, "US", "U.S. Ambassador Ronald Johnson")),
        ("Mexico's Foreign Secretary Alicia Bárcena spoke.", ["Alicia Bárcena"], [],
         ("Alicia Bárcena", "Foreign Secretary", None, "MX", "Mexico's Foreign Secretary Alicia Bárcena")),
        ("Marco Rubio, the U.S. Secretary of State, arrived.", ["Marco Rubio"], [],
         ("Marco Rubio", "Secretary of State", None, "US", "Marco Rubio, the U.S. Secretary of State")),
        ("Marco Rubio, the U.S. secretary of state, arrived.", ["Marco Rubio"], [],
         ("Marco Rubio", "Secretary of State", None, "US", "Marco Rubio, the U.S. secretary of state")),
        ("Omar García Harfuch, Mexico's Secretary of Security and Citizen Protection, said so.", ["Omar García Harfuch"],
         [], ("Omar García Harfuch", "Secretary of Security and Citizen Protection", None, "MX",
              "Omar García Harfuch, Mexico's Secretary of Security and Citizen Protection")),
        ("Roberto Velasco, Undersecretary for North America, SRE, attended.", ["Roberto Velasco"], [("SRE", "ORG")],
         ("Roberto Velasco", "Undersecretary for North America", "SRE", "MX",
          "Roberto Velasco, Undersecretary for North America, SRE")),
        ("President Andrés Manuel López Obrador of Mexico spoke.", ["Andrés Manuel López Obrador"], [],
         ("Andrés Manuel López Obrador", "President", None, "MX",
          "President Andrés Manuel López Obrador of Mexico")),
        ("Gen. Mark Milley briefed them.", ["Mark Milley"], [],
         ("Mark Milley", "General", None, None, "Gen. Mark Milley")),
        ("Deputy Secretary of State Christopher Landau arrived.", ["Christopher Landau"], [],
         ("Christopher Landau", "Deputy Secretary of State", None, None, "Deputy Secretary of State Christopher Landau")),
        ("Commander-in-Chief of the Ukrainian Armed Forces Valerii Zaluzhnyi spoke.", ["Valerii Zaluzhnyi"], [],
         ("Valerii Zaluzhnyi", "Commander-in-Chief of the Ukrainian Armed Forces", None, "UA",
          "Commander-in-Chief of the Ukrainian Armed Forces Valerii Zaluzhnyi")),
    ],
)  # fmt: skip
def test_role_patterns(doc_factory, text, persons, others, expected):
    assert expected in _as_tuples(_annotate(doc_factory, text, persons, others))


def test_role_person_offsets_point_to_the_name(doc_factory):
    doc = _annotate(doc_factory, "Mexican Foreign Secretary Juan Ramón de la Fuente spoke.", ["Juan Ramón de la Fuente"])
    (role,) = doc.roles
    assert doc.text[role.person_start : role.person_end] == role.person == "Juan Ramón de la Fuente"
    assert role.start <= role.person_start and role.person_end <= role.end


def test_chained_titles_give_two_roles(doc_factory):
    text = "Chairman of the Joint Chiefs of Staff Gen. Dan Caine briefed them."
    titles = {r.title for r in _annotate(doc_factory, text, ["Dan Caine"]).roles}
    assert titles == {"Chairman of the Joint Chiefs of Staff", "General"}


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # a list of people, not an apposition
        ("Jake Sullivan, Secretary of Defense Lloyd Austin and others met.", ["Jake Sullivan", "Lloyd Austin"]),
        # a description, not a title
        ("Ana Ortega, a toxicologist, said so.", ["Ana Ortega"]),
        ("Mr. Ebrard arrived.", ["Ebrard"]),
    ],
)
def test_no_false_roles(doc_factory, text, persons):
    doc = _annotate(doc_factory, text, persons)
    assert [r for r in doc.roles if r.person == persons[0] and r.start == doc.text.index(persons[0])] == []


@pytest.mark.parametrize(
    ("text", "persons", "noun", "person", "title"),
    [
        ("Secretary of State Marco Rubio met the delegation. The Secretary thanked them.", ["Marco Rubio"],
         "The Secretary", "Marco Rubio", "Secretary of State"),
        ("Secretary of Defense Pete Hegseth hosted Secretary of National Defense Ricardo Trevilla. "
         "The Secretary of Defense thanked him.", ["Pete Hegseth", "Ricardo Trevilla"],
         "The Secretary of Defense", "Pete Hegseth", "Secretary of Defense"),
        ("Admiral Alvin Holsey met President Claudia Sheinbaum. Later the Admiral left.",
         ["Alvin Holsey", "Claudia Sheinbaum"], "the Admiral", "Alvin Holsey", "Admiral"),
        ("U.S. Ambassador Ronald Johnson met Canadian Ambassador Kirsten Hillman. The U.S. Ambassador spoke first.",
         ["Ronald Johnson", "Kirsten Hillman"], "The U.S. Ambassador", "Ronald Johnson", "Ambassador"),
    ],
)  # fmt: skip
def test_role_nouns_link_to_the_earlier_person(doc_factory, text, persons, noun, person, title):
    doc = _annotate(doc_factory, text, persons)
    start = text.index(noun)
    linked = [r for r in doc.roles if r.start == start]
    assert [(r.person, r.title, doc.text[r.start : r.end]) for r in linked] == [(person, title, noun)]
    assert doc.text[linked[0].person_start : linked[0].person_end] == person


@pytest.mark.parametrize(
    ("text", "persons", "noun"),
    [
        # two secretaries: "the Secretary" could be either
        ("Secretary of State Marco Rubio met Foreign Secretary Juan Ramón de la Fuente. The Secretary spoke.",
         ["Marco Rubio", "Juan Ramón de la Fuente"], "The Secretary"),
        # nobody holds the title before the noun
        ("The Ambassador arrived late. Ambassador Ronald Johnson apologised.", ["Ronald Johnson"], "The Ambassador"),
    ],
)  # fmt: skip
def test_ambiguous_or_unknown_role_nouns_stay_unlinked(doc_factory, text, persons, noun):
    doc = _annotate(doc_factory, text, persons)
    assert doc.roles  # the titled names are found ...
    assert [r for r in doc.roles if r.start == text.index(noun)] == []  # ... the role noun is not linked


def test_person_mention_takes_the_role_country(doc_factory):
    text = "Mexican Foreign Secretary Alicia Bárcena met Bárcena's staff."
    doc = _annotate(doc_factory, text, ["Alicia Bárcena", "Bárcena"])
    assert [(m.text, m.country) for m in doc.mentions if m.type == "person"] == [
        ("Alicia Bárcena", "MX"),
        ("Bárcena", "MX"),
    ]


@pytest.mark.parametrize(
    ("text", "persons", "expected"),
    [
        ("Representing Mexico were the Secretary of the Navy, José Rafael Ojeda Durán; and others.",
         ["José Rafael Ojeda Durán"],
         ("José Rafael Ojeda Durán", "Secretary of the Navy", "Secretary of the Navy, José Rafael Ojeda Durán")),
        ("Attending were the Secretary of National Defense, Gen. Luis Cresencio Sandoval, and aides.",
         ["Luis Cresencio Sandoval"],
         ("Luis Cresencio Sandoval", "Secretary of National Defense",
          "Secretary of National Defense, Gen. Luis Cresencio Sandoval")),
        ("Also present: Deputy Attorney General,\nLisa Monaco.", ["Lisa Monaco"],
         ("Lisa Monaco", "Deputy Attorney General", "Deputy Attorney General,\nLisa Monaco")),
    ],
)  # fmt: skip
def test_title_comma_name_lists(doc_factory, text, persons, expected):
    doc = _annotate(doc_factory, text, persons)
    assert expected in [(r.person, r.title, doc.text[r.start : r.end]) for r in doc.roles]


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # the comma closes a clause, the name starts a new one
        ("He thanked the President, Marco Rubio said later.", ["Marco Rubio"]),
    ],
)
def test_title_comma_name_needs_a_list_end(doc_factory, text, persons):
    assert _annotate(doc_factory, text, persons).roles == []


@pytest.mark.parametrize(
    ("text", "persons", "noun"),
    [
        # a named office nobody in the document holds is not "the Secretary" of someone else
        ("Secretary of Security Rosa Icela Rodríguez spoke. The Secretary of Foreign Affairs was absent.",
         ["Rosa Icela Rodríguez"], "The Secretary of Foreign Affairs"),
        # "the General Secretary" is another office than "General"
        ("Gen. Luis Sandoval spoke. The General Secretary of the council replied.", ["Luis Sandoval"],
         "The General Secretary"),
        # "the Vice President" is not the President
        ("President Joe Biden spoke. The Vice President replied.", ["Joe Biden"], "The Vice President"),
    ],
)  # fmt: skip
def test_role_nouns_do_not_cross_offices(doc_factory, text, persons, noun):
    doc = _annotate(doc_factory, text, persons)
    assert [r for r in doc.roles if r.start == text.index(noun)] == []


def test_organisation_inside_a_title(doc_factory):
    text = "Director of the National Economic Council Brian Deese spoke."
    doc = _annotate(doc_factory, text, ["Brian Deese"], [("the National Economic Council", "ORG")])
    assert [(r.title, r.organization) for r in doc.roles] == [
        ("Director of the National Economic Council", "the National Economic Council")
    ]
    assert "the National Economic Council" in [m.text for m in doc.mentions]


@pytest.mark.model
def test_lower_case_title_after_the_gives_a_role(doc_factory):
    from communique.nlp.model_loader import parse

    text = "He met the foreign minister of Kenya Daniel Mwangi Kiprono on Monday."
    doc = annotate(doc_factory(text), parse(text))
    roles = [(r.person, r.title, r.country) for r in doc.roles]
    assert ("Daniel Mwangi Kiprono", "Foreign Minister", "KE") in roles


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("He met former President Luis Ortega Vidal in Lima.", "Former President"),
        ("The ex-President Luis Ortega Vidal spoke in Lima.", "Former President"),
        ("He met then-Secretary of State Luis Ortega Vidal in Lima.", "Former Secretary of State"),
        ("He met President Luis Ortega Vidal in Lima.", "President"),
    ],
)
def test_former_title_is_a_past_role(doc_factory, text, title):
    from communique.nlp.model_loader import parse

    doc = annotate(doc_factory(text), parse(text))
    assert [r.title for r in doc.roles if r.person == "Luis Ortega Vidal"] == [title]
