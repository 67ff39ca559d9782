"""``ask`` answers "Which session / anniversary of <Name>" with the ordinal written before the asked noun or name
("the 12th Harbour Assembly"), and declines when no ordinal goes with them."""

from __future__ import annotations

import pytest

from communique.search import ask
from communique.search.question_analysis import analyze

PAGE = ("Premier Odo Rask met Chancellor Mara Velt on the margins of the 12th Harbour Assembly in Tarnholm. "
        "The two leaders marked the 30th anniversary of the Ferry Accord, signed in 1995.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([doc_factory(PAGE, id="assembly", source="wire/assembly.txt", kind="news", published="2025-05-06")])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which session of the Harbour Assembly was under way when Rask met Velt?", "12th"),
        ("What anniversary of the Ferry Accord did Rask and Velt mark?", "30th"),
    ],
)
def test_ask_ordinal_written_before_the_name(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert answer.text.startswith(expected)


def test_ask_ordinal_declines_without_one(store):
    assert ask(store, "Which session of the River Council did Rask attend?").not_in_sources


@pytest.mark.parametrize(("question", "kind"), [("Which session of the Assembly opened?", "ordinal"),
                                                ("Which summit did Rask attend?", "sentence")])
def test_question_analysis_ordinal_heads(question, kind):
    assert analyze(question).answer_type == kind
