"""``ask`` matches a question's word with a derivation of it on the page ("was flying" ~ "her flight", "thanked" ~
"expressed her gratitude"): :mod:`communique.search.word_families`, general English data."""

from __future__ import annotations

import pytest

from communique.search import ask
from communique.search.typed_answers import stem
from communique.search.word_families import WORD_FAMILIES, family

GRATITUDE = ("Premier Odo Rask expressed her gratitude for Kessland's support of the Tarnholm harbour project. "
             "Premier Odo Rask also discussed fishing quotas with Kessland.")
OTHER = "Premier Odo Rask visited Wendmark in March and toured a harbour."


@pytest.mark.parametrize(
    ("a", "b"),
    [("flying", "flight"), ("thank", "gratitude"), ("thanked", "grateful"), ("arrived", "arrival"),
     ("decided", "decision"), ("killed", "killings"), ("due", "upcoming"), ("scheduled", "slated")],
)
def test_word_families_join_derivations(a, b):
    assert family(stem(a)) == family(stem(b))


@pytest.mark.parametrize(("a", "b"), [("flight", "fishing"), ("thank", "talks"), ("decision", "defence")])
def test_word_families_keep_other_words_apart(a, b):
    assert family(stem(a)) != family(stem(b))


@pytest.mark.parametrize("word", ["harbour", "meeting", "visit", "call"])
def test_word_families_leave_other_words_alone(word):
    assert family(stem(word)) == stem(word)


def test_word_families_no_meeting_or_call_words():
    meeting = {"meet", "met", "visit", "host", "call", "phone", "spoke", "speak", "talk"}
    assert not meeting & {w for forms in WORD_FAMILIES for w in forms}


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([doc_factory(GRATITUDE, id="grat", source="wire/grat.txt", kind="news"),
                          doc_factory(OTHER, id="other", source="wire/other.txt", kind="news")])


def test_ask_word_families_answers_by_a_derived_form(store):
    answer = ask(store, "What did Rask thank Kessland for?")
    assert not answer.not_in_sources, answer.as_dict()
    assert "gratitude" in answer.text
