"""``ask`` answers "What post does X hold?" with the whole title the page writes: words a role record left out on
the left ("Chief <...> and <Title>") or the place after the name ("<Title> <Name> of <Place>"), a name written
with more given names than the question, and both posts of "<Name>, <Post> and <Post>"."""

from __future__ import annotations

import pytest
from tests.search.hand_annotations import role_at as _role
from tests.search.hand_annotations import span_at as _at

from communique.model import Mention
from communique.search import ask
from communique.search.role_titles import find_name, full_title
from communique.search.typed_answers import fold

CALL = ("The Secretary spoke today with Chief Trade Policy and Customs Adviser to the Regent, Envoy Ida Marr, about "
        "ferry routes. She also met Premier Olaf Brand of Norland's Eastern Province in Tallinn.")
VISIT = "The Secretary received Bishop Paul Anton Rieck, Dean of Lunden Cathedral and President of the Synod Council."


@pytest.fixture
def docs(doc_factory):  # type: ignore[no-untyped-def]
    call = doc_factory(CALL, id="call", source="readouts/call.md", kind="readout", published="2025-02-03",
                       mentions=[Mention(*_at(CALL, n), n, "person") for n in ("Ida Marr", "Olaf Brand")],
                       roles=[_role(CALL, "Ida Marr", "Customs Adviser to the Regent"), _role(CALL, "Olaf Brand", "Premier")])
    visit = doc_factory(VISIT, id="visit", source="readouts/visit.md", kind="readout", published="2025-02-04",
                        mentions=[Mention(*_at(VISIT, "Paul Anton Rieck"), "Paul Anton Rieck", "person")])
    return call, visit


@pytest.mark.parametrize(
    ("person", "title", "expected"),
    [
        ("Ida Marr", "Customs Adviser to the Regent", "Chief Trade Policy and Customs Adviser to the Regent"),
        ("Olaf Brand", "Premier", "Premier of Norland's Eastern Province"),
    ],
)
def test_role_titles_full_title(docs, person, title, expected):
    call = docs[0]
    role = next(r for r in call.roles if r.person == person)
    assert full_title(call, role, title) == expected


@pytest.mark.parametrize(
    ("name", "found"),
    [("paul rieck", "paul anton rieck"), ("bishop paul rieck", "bishop paul anton rieck"), ("dean paul rieck", "paul anton rieck"), ("paul anton rieck", "paul anton rieck"),
     ("anna rieck", None)],
)
def test_role_titles_find_name_with_middle_names(name, found):
    folded = fold(VISIT)
    at = find_name(folded, name.split())
    assert (folded[at[0]:at[1]] if at else None) == found


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What post does Ida Marr hold?", "Chief Trade Policy and Customs Adviser to the Regent"),
        ("What office does Olaf Brand hold?", "Premier of Norland's Eastern Province"),
        ("What post does Bishop Paul Rieck hold?", "Dean of Lunden Cathedral"),  # the first of two posts
        ("What post does Bishop Paul Rieck hold?", "President of the Synod Council"),
    ],
)
def test_ask_role_titles_whole_title(indexed_store, docs, question, expected):
    answer = ask(indexed_store(list(docs)), question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text
