"""Timeline -> TimeML relations of the SemEval-2015 Task 4 benchmark, on invented timelines (the expected scores
are the counts the original TempEval-3 temporal_evaluation.py gives on the same TLINK files, run once by hand)."""

from __future__ import annotations

import pytest
from benchmarks.timeline_semeval import score_timeline, timeline_relations, tlinks

# (position, date, mentions) rows of an invented gold timeline
GOLD = [
    (0, "XXXX-XX-XX", ["d1-0-talks"]),
    (1, "2010-03-XX", ["d1-2-signed", "d2-1-signing"]),
    (1, "2010-03-XX", ["d1-3-met"]),
    (2, "2010-05-04", ["d2-4-visited"]),
]


def _own(mentions: list[str]) -> str:
    return mentions[0]


def test_relations_of_a_timeline() -> None:
    assert timeline_relations(GOLD, _own) == {
        ("d1-0-talks", "IS_INCLUDED", "t:XXXX-XX-XX"),
        ("d1-2-signed", "IS_INCLUDED", "t:2010-03-XX"),
        ("d1-2-signed", "SIMULTANEOUS", "d1-3-met"),
        ("d1-2-signed", "BEFORE", "d2-4-visited"),
        ("d2-4-visited", "IS_INCLUDED", "t:2010-05-04"),
    }


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        (GOLD, (5, 5, 5, 5)),  # gold against itself: every relation verified
        ([], (0, 0, 0, 5)),
        # a coreferent mention names the same event; the order is right but "met" is missing
        ([(1, "2010-03-XX", ["d2-1-signing"]), (2, "2010-05-04", ["d2-4-visited"])], (3, 3, 3, 5)),
        # the order reversed: the BEFORE relation is contradicted
        ([(1, "2010-05-04", ["d2-4-visited"]), (2, "2010-03-XX", ["d1-2-signed"])], (2, 3, 2, 5)),
    ],
)
def test_score_timeline(system, expected) -> None:
    assert score_timeline(GOLD, system) == expected


def test_system_events_take_the_gold_node_of_a_shared_mention() -> None:
    gold, system = tlinks(GOLD, [(1, "2010-03-XX", ["d2-1-signing"])])
    assert len(system) == 1 and system[0] in gold  # the same event and date ids as the gold relation
