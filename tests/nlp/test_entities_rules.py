"""Entity rule layer on hand-set model entities (a blank spaCy pipeline: the rules, not the model, are tested)."""

from __future__ import annotations

import pytest

from communique.nlp.entities import annotate


@pytest.mark.parametrize(
    ("text", "ents", "kept", "dropped"),
    [
        # titles are not organisations
        ("Secretary of State Marco Rubio arrived.", [("State", "ORG"), ("Marco Rubio", "PERSON")],
         ["Marco Rubio"], ["State"]),
        ("Roberto Velasco, Undersecretary for North America, SRE, spoke.",
         [("Roberto Velasco", "PERSON"), ("North America", "LOC"), ("SRE", "ORG")],
         ["Roberto Velasco", "SRE"], ["North America"]),
        ("Omar García Harfuch, Secretary of Security and Citizen Protection, said.",
         [("Omar García Harfuch", "PERSON"), ("Security and Citizen Protection", "ORG")],
         ["Omar García Harfuch"], ["Security and Citizen Protection"]),
        ("The Attorney General and the Foreign Secretary met.",
         [("Attorney General", "ORG"), ("Foreign Secretary", "PERSON")], [], ["Attorney General", "Foreign Secretary"]),
        # an organisation or a country inside a title stays
        ("Secretary of the Department of Homeland Security Kristi Noem spoke.",
         [("the Department of Homeland Security", "ORG"), ("Kristi Noem", "PERSON")],
         ["the Department of Homeland Security", "Kristi Noem"], []),
        ("Minister of Foreign Affairs of Mexico Alicia Bárcena spoke.",
         [("Foreign Affairs", "ORG"), ("Mexico", "GPE"), ("Alicia Bárcena", "PERSON")],
         ["Mexico", "Alicia Bárcena"], ["Foreign Affairs"]),
        # fentanyl is never a person
        ("Fentanyl seizures rose, and fentanyl deaths fell.", [("Fentanyl", "PERSON"), ("fentanyl", "ORG")],
         [], ["Fentanyl", "fentanyl"]),
        # a one-word surname that is also a title head survives
        ("Major said the vote was close.", [("Major", "PERSON")], ["Major"], []),
    ],
)  # fmt: skip
def test_titles_and_blocked_words(entities_on, text, ents, kept, dropped):
    surfaces = [m.text for m in entities_on(text, ents).mentions]
    for surface in kept:
        assert surface in surfaces
    for surface in dropped:
        assert surface not in surfaces


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Juan Ramón de la Fuente Ramírez arrived.", [("Juan Ramón de la", "PERSON"), ("Fuente Ramírez", "PERSON")],
         "Juan Ramón de la Fuente Ramírez"),
        ("Juan Ramón de la Fuente arrived.", [("Juan Ramón", "PERSON")], "Juan Ramón de la Fuente"),
        ("Dr. Jill Biden visited.", [("Dr. Jill Biden", "PERSON")], "Jill Biden"),
        ("Admiral Alvin Holsey spoke.", [("Admiral Alvin Holsey", "PERSON")], "Alvin Holsey"),
        ("Gen. Mark Milley spoke.", [("Gen. Mark Milley", "PERSON")], "Mark Milley"),
        ("Mr. Ebrard spoke.", [("Mr. Ebrard", "PERSON")], "Ebrard"),
        ("President Joseph R. Biden, Jr. met.", [("Joseph R. Biden", "PERSON"), ("Jr.", "PERSON")],
         "Joseph R. Biden, Jr."),
        ("Reporting by Dave Graham; Editing by Alistair Bell\nPhoto: Henry Romero",
         [("Dave Graham", "PERSON"), ("Alistair Bell\nPhoto", "PERSON"), ("Henry Romero", "PERSON")], "Alistair Bell"),
    ],
)  # fmt: skip
def test_person_spans(entities_on, text, ents, expected):
    persons = [m.text for m in entities_on(text, ents).mentions if m.type == "person"]
    assert expected in persons
    assert not any(p != expected and expected in p for p in persons)


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the lower-case scorecard words around "Murray" are cut off (step 4c), the fragments stay apart
        ("M. Bevan st Murray b Hooper 3", [("M. Bevan", "PERSON"), ("st Murray b", "PERSON")], ["M. Bevan", "Murray"]),
        ("Bevan Murray, Hooper", [("Bevan", "PERSON"), ("Hooper", "PERSON")], ["Bevan", "Hooper"]),
    ],
)
def test_person_fragments_not_merged_across_other_words(entities_on, text, ents, expected):
    persons = [m.text for m in entities_on(text, ents).mentions if m.type == "person"]
    assert persons == expected


@pytest.mark.parametrize(
    ("text", "ents", "place"),
    [
        ("They met in Washington, D.C. on Monday.", [("Washington", "GPE"), ("D.C.", "GPE")], "Washington, D.C."),
        ("They met in Washington D.C. on Monday.", [("Washington", "GPE")], "Washington D.C."),
    ],
)
def test_washington_dc_is_one_place(entities_on, text, ents, place):
    mentions = entities_on(text, ents).mentions
    assert [(m.text, m.type, m.country) for m in mentions] == [(place, "place", "US")]


@pytest.mark.parametrize(
    ("text", "ents", "surface", "mtype", "country"),
    [
        ("Officials in Mexico agreed.", [("Mexico", "GPE")], "Mexico", "country", "MX"),
        ("Officials in Mexico City agreed.", [("Mexico City", "GPE")], "Mexico City", "place", "MX"),
        ("The U.S. agreed.", [("U.S.", "ORG")], "U.S.", "country", "US"),
        ("Mexican officials agreed.", [("Mexican", "NORP")], "Mexican", "other", "MX"),
        ("The SRE agreed.", [("SRE", "ORG")], "SRE", "organization", "MX"),
        ("The Pentagon agreed.", [], "Pentagon", "organization", "US"),
        ("Officials of SEDENA and DHS agreed.", [], "SEDENA", "organization", "MX"),
        ("The Mexican Navy agreed.", [("The Mexican Navy", "ORG")], "The Mexican Navy", "organization", "MX"),
        ("Reuters reported it.", [("Reuters", "ORG")], "Reuters", "organization", None),
    ],
)  # fmt: skip
def test_types_and_countries(entities_on, text, ents, surface, mtype, country):
    mentions = {m.text: m for m in entities_on(text, ents).mentions}
    assert (mentions[surface].type, mentions[surface].country) == (mtype, country)


def test_caps_headline_is_not_an_agency(entities_on):
    assert entities_on("NHL ICE HOCKEY - STANDINGS", []).mentions == []


@pytest.mark.parametrize(
    ("text", "kind", "name", "title"),
    [
        ("SECRETARY RUBIO: Thank you all.", "transcript", "RUBIO", "Secretary"),
        ("PRESIDENT SHEINBAUM (Via interpreter): Good morning.", "transcript", "SHEINBAUM", "President"),
        ("FOREIGN SECRETARY DE LA FUENTE: Thank you.", "transcript", "DE LA FUENTE", "Foreign Secretary"),
        ("SECRETARY OF STATE RUBIO: Thank you.", "transcript", "RUBIO", "Secretary of State"),
        ("MS. JEAN-PIERRE: Good afternoon.", "transcript", "JEAN-PIERRE", None),
        ("**SECRETARY RUBIO:** Thank you.", "transcript", "RUBIO", "Secretary"),
        ("SECRETARY RUBIO: Thank you.", "news", "RUBIO", "Secretary"),
    ],
)
def test_speaker_labels(entities_on, text, kind, name, title):
    doc = entities_on(text, [], kind=kind)
    assert [(m.text, m.type, m.label) for m in doc.mentions] == [(name, "person", "rule")]
    assert [r.title for r in doc.roles] == ([title] if title else [])
    if title:
        assert doc.roles[0].person == name and doc.text[doc.roles[0].person_start : doc.roles[0].person_end] == name


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Q: What about tariffs?", "transcript"),
        ("THE PRESIDENT: Thank you.", "transcript"),
        ("MODERATOR: Next question.", "transcript"),
        ("SECRETARY: Thank you.", "transcript"),
        ("THE SECRETARY OF STATE: Thank you.", "transcript"),
        ("SECRETARY GENERAL: Thank you.", "transcript"),
        ("NOTE: The meeting was closed.", "news"),  # a bare caps label outside a transcript is no speaker
        ("UPDATE: Times changed.", "readout"),
    ],
)
def test_labels_that_are_not_people(entities_on, text, kind):
    assert entities_on(text, [], kind=kind).mentions == []


def test_annotate_returns_a_new_document(doc_factory, hand_parse):
    doc = doc_factory("Secretary of State Marco Rubio arrived.")
    out = annotate(doc, hand_parse(doc.text, [("Marco Rubio", "PERSON")]))
    assert out is not doc and doc.mentions == [] and doc.roles == []
    assert [m.text for m in out.mentions] == ["Marco Rubio"]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a hard-wrapped line splits a name
        ("The meeting was attended by the Secretary of National Defense, Gen. Luis Cresencio\nSandoval González.",
         [("Luis Cresencio", "PERSON"), ("Sandoval González", "PERSON")], "Luis Cresencio\nSandoval González"),
        # the model took the two surnames for an organisation
        ("Rosa Icela Rodríguez Velázquez attended.", [("Rosa Icela", "PERSON"), ("Rodríguez Velázquez", "ORG")],
         "Rosa Icela Rodríguez Velázquez"),
    ],
)  # fmt: skip
def test_name_repairs(entities_on, text, ents, expected):
    persons = [m.text for m in entities_on(text, ents).mentions if m.type == "person"]
    assert persons == [expected]


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        # an organisation after a name stays one when it does not look like surnames
        ("Claudia Sheinbaum Morena said.", [("Claudia Sheinbaum", "PERSON"), ("Morena", "ORG")]),
        # two sentences are two names
        ("They thanked Marco Rubio.\n\nJuan Pérez spoke.", [("Marco Rubio", "PERSON"), ("Juan Pérez", "PERSON")]),
        # a list of names, one per line
        ("Attendees:\nMarco Rubio\nJuan Pérez\n", [("Marco Rubio", "PERSON"), ("Juan Pérez", "PERSON")]),
    ],
)
def test_names_not_merged(entities_on, text, ents):
    assert [m.text for m in entities_on(text, ents).mentions] == [s for s, _ in ents]
