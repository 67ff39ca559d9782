"""Name and topic matching: accent- and case-free words, surname runs (not the first name alone), topic keys."""

from __future__ import annotations

import pytest

from communique.kb.match import actor_matches, normalize_name, topic_matches


@pytest.mark.parametrize(
    ("actor", "participant", "expected"),
    [
        ("Lopez Obrador", "Andrés Manuel López Obrador", True),
        ("President López Obrador", "López Obrador", True),
        ("Andrés", "Andrés Manuel López Obrador", False),
        ("Carney", "Mark Carney", True),
        ("Mark", "Mark Carney", False),
        ("Carney", "Carneyville Council", False),
        ("lucia baez", "Lucía Báez", True),
        ("ORTEGA REYES", "Daniel Ortega Reyes", True),
        ("Claudia Sheinbaum Pardo", "Claudia Sheinbaum", True),
        ("Marcelo Ebrard", "Lucía Báez", False),
    ],
)
def test_match_actor_matches(actor, participant, expected):
    assert actor_matches(actor, participant) is expected


@pytest.mark.parametrize(
    ("name", "words"),
    [("Lucía Báez-Ortiz", ["lucia", "baez", "ortiz"]), ("  O'Neill_Jr. ", ["o", "neill", "jr"]), ("", [])],
)
def test_match_normalize_name_words(name, words):
    assert normalize_name(name) == words


@pytest.mark.parametrize(
    ("topic", "topics", "label", "expected"),
    [
        ("Illegal Drugs", ["illegal_drugs"], "", True),
        ("drugs", ["illegal_drugs"], "meeting on tariffs", False),
        ("border_security", ["illegal_drugs", "border_security"], "", True),
        ("Ottawa", ["migration"], "Minister to visit Ottawa", True),  # a word of the label
        ("space", ["trade"], "Leaders talk trade", False),
        ("", ["trade"], "", True),  # no topic: everything matches
    ],
)
def test_match_topic_matches(topic, topics, label, expected):
    assert topic_matches(topic, topics, label) is expected
