"""Name variants of one person merged across documents and inside one; different people kept apart."""

from __future__ import annotations

import pytest

from communique.kb.resolve import resolve
from communique.model import Document, Mention


def _doc(doc_id: str, *names: str) -> Document:
    mentions, pos = [], 0
    for name in names:
        mentions.append(Mention(pos, pos + len(name), name, "person"))
        pos += len(name) + 2
    return Document(id=doc_id, source=doc_id, text="; ".join(names), mentions=mentions)


def _groups(docs: list[tuple[str, ...]]) -> list[set[str]]:
    res = resolve([_doc(d, *names) for d, *names in docs], gazetteer=False)
    return [e.aliases for e in res.entities.values() if e.type == "person"]


@pytest.mark.parametrize(
    "docs",
    [
        [("a", "Hiroto Sakamaki"), ("b", "SAKAMAKI Hiroto"), ("c", "Sakamaki")],  # family name first, in capitals
        [("a", "Kareem Haddadin"), ("b", "Karim Haddadin")],  # given name transliterated
        [("a", "Matthias Oberholzer"), ("b", "Mathias Oberholzer")],  # one letter
        [("a", "Choi Min-jun"), ("b", "Choi Min Joon")],  # syllables transliterated, hyphen or not
        [("a", "Nasser bin Khalid Al Thani"), ("b", "Nasser bin Khalid")],  # "bin" name without the tail
        [("a", "Omar el-Farouki"), ("b", "Omar Al Farouki")],  # the article written two ways
        [("a", "Jonathan R. Pikeworth Jr."), ("b", "Jonathan Pikeworth")],  # suffix and initial
        [("a", "Harold “Hal” Vandermeer"), ("b", "Hal Vandermeer")],  # nickname in quotes
        [("a", "Esteban Carvajales"), ("b", "Carvajale")],  # a lone misspelt surname
        [("a", "Tomas Whitcombe", "Tom")],  # nickname of another spelling of the given name
        [("a", "Seo Ji-hoon", "Seo Ji-hun", "Seo")],  # two spellings in one document: the surname joins them
    ],
)
def test_name_variants_are_one_person(docs):
    names = {n for _, *ns in docs for n in ns}
    groups = [g for g in _groups(docs) if g & names]
    assert groups == [names]


@pytest.mark.parametrize(
    "docs",
    [
        [("a", "Kim Jong-un"), ("b", "Kim Jong-il")],  # second syllables differ
        [("a", "Lee Jae-myung"), ("b", "Lee Jae-yong")],
        [("a", "Daniel Ferreira"), ("b", "Daniela Ferreira")],  # a male/female pair
        [("a", "Zhou Lihua"), ("b", "Zhou Ming")],  # same family name
        [("a", "Rosa Maria Vidal Soler"), ("b", "Jorge Vidal Soler")],  # same double surname
        [("a", "Farid bin Salem Al Nuaimi"), ("b", "Khalid bin Salem Al Nuaimi")],  # brothers
    ],
)
def test_different_people_stay_apart(docs):
    groups = _groups(docs)
    assert sorted(sorted(g) for g in groups) == sorted([n] for _, *ns in docs for n in ns)


def test_short_form_goes_to_the_name_the_document_is_about():
    # the full name written three times as often as the other name containing the short form
    docs = [("a", "Renata Lopes da Cunha", "Lopes", "Renata Lopes da Cunha", "Carla Lopes", "Renata Lopes da Cunha")]
    groups = _groups(docs)
    assert {"Renata Lopes da Cunha", "Lopes"} in groups and {"Carla Lopes"} in groups


def test_short_form_shared_by_two_names_mentioned_alike_stays_apart():
    groups = _groups([("a", "Renata Lopes da Cunha", "Lopes", "Carla Lopes")])
    assert sorted(sorted(g) for g in groups) == [["Carla Lopes"], ["Lopes"], ["Renata Lopes da Cunha"]]


def test_roles_over_time_are_spans_and_former_roles_are_not_current():
    from communique.model import Role

    def doc(doc_id: str, published: str, title: str) -> Document:
        text = f"{title} Alma Ferreyra Soto"
        start = len(title) + 1
        mention = Mention(start, len(text), "Alma Ferreyra Soto", "person")
        role = Role("Alma Ferreyra Soto", start, len(text), title, None, "PE", 0, len(text))
        return Document(id=doc_id, source=doc_id, text=text, mentions=[mention], roles=[role], published=published)

    res = resolve([doc("a", "2019-03-01", "Minister"), doc("b", "2020-07-15", "Minister"),
                   doc("c", "2024-01-10", "Former Minister")], gazetteer=False)
    (person,) = [e for e in res.entities.values() if e.type == "person"]
    spans = person.as_dict()["role_spans"]
    # held from the first to the last dated evidence; a later "Former Minister" ends it
    assert spans == [{"title": "Minister", "country": "PE", "from": "2019-03-01", "to": "2020-07-15",
                      "current": False, "docs": 3}]
    assert [r["current"] for r in person.roles] == [True, True, False]
