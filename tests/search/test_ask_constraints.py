"""``ask`` checks every constraint of the question: month, place, the meeting date over "today", counted objects,
speakers by name; it declines when a constraint is not met, and the plain CLI keeps citation ids."""

from __future__ import annotations

import json
import sys

import pytest
from tests.search.hand_annotations import place_at as _place
from tests.search.hand_annotations import timex_at as _timex

from communique.search import ask

# Two meetings of one invented pair: March in Lisbon, June in Oslo (a wire copy dated a day later says "today").
MARCH = ("Foreign Minister Ana Ortiz met Trade Minister Pedro Lind in Lisbon on March 3, 2025. "
         "The two ministers discussed fisheries and a new ferry line. "
         "Norland will send 40 inspectors and 12 patrol boats to the northern coast, Ortiz said. "
         "The talks lasted three hours.")
JUNE = ("Ana Ortiz met Pedro Lind in Oslo today. "
        "They held talks on June 9, 2025 about the ferry line and port fees.")




@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    docs = [
        doc_factory(MARCH, id="wire-march", source="wire/march.txt", kind="news", published="2025-03-03",
                    timexes=[_timex(MARCH, "March 3, 2025", "2025-03-03")],
                    mentions=[_place(MARCH, "Lisbon")]),
        doc_factory(JUNE, id="copy-june", source="wire/june.txt", kind="news", published="2025-06-10",
                    timexes=[_timex(JUNE, "today", "2025-06-10", "publication"),
                             _timex(JUNE, "June 9, 2025", "2025-06-09")],
                    mentions=[_place(JUNE, "Oslo")]),
    ]
    return indexed_store(docs)


@pytest.mark.parametrize(
    ("question", "expected", "doc"),
    [
        ("When did Ortiz meet Lind in March 2025?", "2025-03-03", "wire-march"),
        ("When did Ortiz and Lind meet in Oslo?", "2025-06-09", "copy-june"),  # the written date, not "today"
        ("Where did Ortiz meet Lind in June 2025?", "Oslo", "copy-june"),
        ("Where did Ana Ortiz and Pedro Lind meet in March?", "Lisbon", "wire-march"),
        ("How many patrol boats will Norland send?", "12 patrol", "wire-march"),
        ("How many inspectors will Norland send?", "40 inspectors", "wire-march"),
        ("How long did the Ortiz-Lind talks in Lisbon last?", "three hours", "wire-march"),
    ],
)
def test_answer_respects_constraints(store, question, expected, doc):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text
    assert {c["doc"] for s in answer.sentences for c in s.citations} == {doc}


@pytest.mark.parametrize(
    "question",
    [
        "When did Ortiz meet Lind in Lisbon in June 2025?",  # a month the Lisbon meeting was not in
        "When did Ortiz meet Lind in Madrid?",  # a place no source names
        "Where did Ortiz and Lind meet in 2019?",  # a year no source gives
        "How many submarines will Norland send?",  # numbers of the sentence count something else
        "What did Ortiz and Lind agree about wind farms?",  # loosely matching sentences only
    ],
)
def test_declines_when_a_constraint_fails(store, question):
    answer = ask(store, question)
    assert answer.not_in_sources, answer.as_dict()


def test_plain_cli_keeps_citation_ids_that_start_with_a_letter(store, tmp_path):
    from typer.testing import CliRunner

    from communique.cli import app

    result = CliRunner().invoke(app, ["ask", "Where did Ortiz meet Lind in June 2025?", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 0, result.output
    assert "[copy-june " in result.output


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("NRA", "officials of the norland's rail authority said", True),  # an acronym written out
        ("Northern Republic", "the n.r. delegation", True),  # a full name written as initials
        ("Norlandese", "talks in norland ended", True),  # an adjective of the country
        ("Lind", "minister lindqvist spoke", False),  # a longer word is another name
        ("Ortiz", "ortiz-lind talks", True),  # one half of a hyphenated pair
    ],
)
def test_name_matching(name, text, found):
    from communique.search.ask import _name_in

    assert _name_in(name, text) is found


@pytest.mark.parametrize("scorer", ["rules", "learned"])
def test_cli_ask_scorer_option_answers(store, tmp_path, scorer):
    from typer.testing import CliRunner

    from communique.cli import app

    result = CliRunner().invoke(app, ["ask", "Where did Ortiz meet Lind in June 2025?", "--db",
                                      str(tmp_path / "kb.db"), "--scorer", scorer, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["question"] == "Where did Ortiz meet Lind in June 2025?"


def test_cli_ask_unknown_scorer_is_a_one_line_error(store, tmp_path, monkeypatch, capsys):
    from communique.cli import main

    monkeypatch.setattr(sys, "argv", ["communique", "ask", "Where?", "--db", str(tmp_path / "kb.db"), "--scorer", "best"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--scorer 'best'" in err and "learned" in err


def test_ask_unknown_scorer_says_which_exist(store):
    with pytest.raises(ValueError, match="rules, learned"):
        ask(store, "Where did Ortiz meet Lind?", scorer="best")
