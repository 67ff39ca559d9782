from __future__ import annotations

import pytest

from communique.errors import ConfigError
from communique.kb.gazetteer import load_gazetteer
from communique.kb.resolve import resolve
from communique.model import Document, Mention


def _doc(doc_id: str, name: str) -> Document:
    return Document(id=doc_id, source=doc_id, text=name, mentions=[Mention(0, len(name), name, "person")])


def test_gazetteer_shipped_actors_give_canonical_name_country_and_dated_roles():
    res = resolve([_doc("a", "Marcelo Ebrard"), _doc("b", "Alicia Barcena")])
    people = {e.name: e for e in res.entities.values()}
    ebrard = people["Marcelo Ebrard Casaubon"]
    assert ebrard.country == "MX" and ebrard.aliases == {"Marcelo Ebrard"}
    assert {"Minister of Foreign Affairs", "Secretary of Economy"} <= {r["title"] for r in ebrard.known_roles}
    assert all(r["from"] for r in ebrard.known_roles)
    assert "Alicia Bárcena Ibarra" in people  # accented spelling preferred


def test_gazetteer_user_file_adds_actors(tmp_path, monkeypatch):
    extra = tmp_path / "mine.tsv"
    extra.write_text("# name\ttitle\tcountry\tfrom\tto\tsource\nZofia Nowak-Kowalska\tAmbassador to Mexico\tPL\t2023\t\tdesk\n")
    load_gazetteer.cache_clear()
    monkeypatch.setenv("COMMUNIQUE_GAZETTEER", str(extra))
    try:
        res = resolve([_doc("a", "Zofia Nowak-Kowalska")])
    finally:
        load_gazetteer.cache_clear()
    (ent,) = res.entities.values()
    assert ent.country == "PL" and ent.known_roles[0]["title"] == "Ambassador to Mexico"


@pytest.mark.parametrize("content, needle", [("only-a-name\n", "mine.tsv:1"), (None, "mine.tsv")])
def test_gazetteer_bad_user_file_is_a_one_line_error(tmp_path, content, needle):
    path = tmp_path / "mine.tsv"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError, match=needle):
        load_gazetteer.__wrapped__(str(path))


def test_gazetteer_can_be_switched_off():
    res = resolve([_doc("a", "Marcelo Ebrard")], gazetteer=False)
    (ent,) = res.entities.values()
    assert ent.name == "Marcelo Ebrard" and ent.known_roles == []
