from __future__ import annotations

import pytest

from communique.kb.resolve import resolve
from communique.model import Document, Mention, Role


def _doc(doc_id: str, *names: str, type_: str = "person") -> Document:
    mentions, pos = [], 0
    for name in names:
        mentions.append(Mention(pos, pos + len(name), name, type_))
        pos += len(name) + 2
    return Document(id=doc_id, source=doc_id, text="; ".join(names), mentions=mentions)


def _people(res) -> dict[str, set[str]]:
    return {e.name: e.aliases for e in res.entities.values() if e.type == "person"}


@pytest.mark.parametrize(
    "docs, same",
    [
        ([("a", "Marco A. Rubio", "Rubio"), ("b", "Secretary Rubio"), ("c", "SECRETARY RUBIO"), ("d", "Marco Rubio")],
         {"Marco A. Rubio", "Rubio", "Secretary Rubio", "SECRETARY RUBIO", "Marco Rubio"}),
        ([("a", "Jake Sullivan"), ("b", "Jacob J. Sullivan")], {"Jake Sullivan", "Jacob J. Sullivan"}),
        ([("a", "Juan Ramón de la Fuente Ramírez", "de la Fuente"), ("b", "FOREIGN SECRETARY DE LA FUENTE")],
         {"Juan Ramón de la Fuente Ramírez", "de la Fuente", "FOREIGN SECRETARY DE LA FUENTE"}),
        ([("a", "Omar García Harfuch", "García Harfuch"), ("b", "Omar Garcia Harfuch")],
         {"Omar García Harfuch", "García Harfuch", "Omar Garcia Harfuch"}),
        ([("a", "Marcelo Ebrard"), ("b", "Marcelo Ebrad")], {"Marcelo Ebrard", "Marcelo Ebrad"}),  # transcript typo
    ],
)
def test_entities_resolution_merges_forms_of_one_person(docs, same):
    res = resolve([_doc(d, *names) for d, *names in docs])
    groups = [aliases for aliases in _people(res).values() if aliases & same]
    assert len(groups) == 1 and groups[0] == same


@pytest.mark.parametrize(
    "docs",
    [
        [("a", "Juan Pérez", "Juan García", "Juan Martínez", "Juan")],  # three Juans in one delegation
        [("a", "Juan Pérez"), ("b", "Juan García")],
        [("a", "Pam Bondi"), ("b", "Alejandro Gertz Manero")],
        [("a", "Maria Lopez"), ("b", "Mario Lopez")],
    ],
)
def test_entities_resolution_keeps_different_people_apart(docs):
    res = resolve([_doc(d, *names) for d, *names in docs])
    names = {name for _, *ns in docs for name in ns}
    assert sorted(sorted(a) for a in _people(res).values()) == sorted([n] for n in names)


def test_entities_resolution_ambiguous_short_form_is_not_merged():
    res = resolve([_doc("a", "Juan Pérez", "Juan García", "Juan")])
    people = _people(res)
    assert people["Juan Pérez"] == {"Juan Pérez"} and people["Juan García"] == {"Juan García"}
    assert people["Juan"] == {"Juan"}


def test_entities_resolution_roles_and_span_lookup():
    doc = _doc("a", "Marco Rubio")
    doc = doc.replace(roles=[Role("Marco Rubio", 0, 11, "Secretary of State", "State Department", "US", 0, 11)],
                      published="2025-03-04")
    res = resolve([doc])
    eid = res.entity_for("a", 0, 11, None)
    ent = res.entities[eid]
    assert ent.country == "US"
    assert ent.roles[0]["title"] == "Secretary of State" and ent.roles[0]["as_of"] == "2025-03-04"
    assert res.entity_for("a", None, None, "Secretary Rubio") == eid


def test_entities_resolution_countries_merge_on_iso_code():
    docs = [Document(id="a", source="a", text="Mexico", mentions=[Mention(0, 6, "Mexico", "country", country="MX")]),
            Document(id="b", source="b", text="México", mentions=[Mention(0, 6, "México", "country", country="MX")])]
    res = resolve(docs)
    countries = [e for e in res.entities.values() if e.type == "country"]
    assert len(countries) == 1 and countries[0].aliases == {"Mexico", "México"}


def test_entities_resolution_title_picks_between_people_sharing_a_surname():
    docs = [_doc("a", "Joseph Biden"), _doc("b", "Jill Biden"), _doc("c", "Biden")]
    docs[2] = docs[2].replace(roles=[Role("Biden", 0, 5, "President", None, None, 0, 5)])
    docs[0] = docs[0].replace(roles=[Role("Joseph Biden", 0, 12, "President", None, "US", 0, 12)])
    res = resolve(docs, gazetteer=False)
    assert res.entities[res.entity_for("c", 0, 5, None)].name == "Joseph Biden"
    alone = resolve([_doc("a", "Joseph Biden"), _doc("b", "Jill Biden"), _doc("c", "Biden")], gazetteer=False)
    assert alone.entities[alone.entity_for("c", 0, 5, None)].name == "Biden"  # no title: ambiguous, kept apart
