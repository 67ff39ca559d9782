""""At whose <site> ...": ``ask`` answers with the organisation that owns the site, not a person
(:mod:`communique.search.possessor`)."""

from __future__ import annotations

import pytest

from communique.search import ask
from communique.search.possessor import asked_site, possessor
from communique.search.question_analysis import analyze

HQ = ("Premier Odo Rask and Chancellor Mara Velt met today at the headquarters of the Wendmark Orbital\n"
      "Research Agency (WORA) in Tarnholm. They discussed satellites.")
OTHER = "Premier Odo Rask met Chancellor Mara Velt in Kessland in May."


@pytest.mark.parametrize(
    ("question", "site"),
    [("At whose headquarters did Rask and Velt meet?", "headquarters"),
     ("In whose embassy was the accord signed?", "embassy"),
     ("Whose idea was the accord?", None),
     ("Who hosted Velt at the headquarters?", None)],
)
def test_possessor_asked_site(question, site):
    assert asked_site(question) == site


def test_possessor_question_asks_an_organisation():
    assert analyze("At whose headquarters did Rask and Velt meet?").answer_type == "organisation"


@pytest.mark.parametrize(
    ("text", "site", "owner"),
    [("They met at the headquarters of the Kessland Fisheries Board (KFB) in Tarnholm.", "headquarters",
      "Kessland Fisheries Board (KFB)"),
     ("They met at the offices of Wendmark Rail.", "offices", "Wendmark Rail"),
     ("They met at Wendmark Rail’s headquarters in Tarnholm.", "headquarters", "Wendmark Rail"),
     ("They met at the KFB headquarters.", "headquarters", "KFB"),
     ("They met at the headquarters in Tarnholm.", "headquarters", None)],
)
def test_possessor_owner_of_site(text, site, owner):
    assert possessor(text, site) == owner


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([doc_factory(HQ, id="hq", source="wire/hq.txt", kind="news"),
                          doc_factory(OTHER, id="other", source="wire/other.txt", kind="news")])


def test_ask_possessor_answers_the_owner(store):
    answer = ask(store, "At whose headquarters did Rask and Velt meet?")
    assert not answer.not_in_sources, answer.as_dict()
    assert "Wendmark Orbital Research Agency (WORA)" in answer.text
