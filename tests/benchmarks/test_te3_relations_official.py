"""The te3_relations port against counts computed by the original TempEval-3 ``temporal_evaluation.py`` (Python 2,
run once by hand on these invented relation sets written as TLINK files); the test never needs Python 2."""

from __future__ import annotations

import pytest
from benchmarks.te3_relations import build, score

# name: (gold relations, system relations, original (precision matched, system total, recall matched, gold total))
CASES = {
    "closure credits an implied relation": (
        [("ei1", "ei2", "BEFORE"), ("ei2", "ei3", "BEFORE")],
        [("ei1", "ei3", "BEFORE")],
        (1, 1, 0, 2),
    ),
    "an implied gold relation leaves the reduced graph": (
        [("ei1", "ei2", "BEFORE"), ("ei2", "ei3", "BEFORE"), ("ei1", "ei3", "BEFORE")],
        [("ei3", "ei1", "AFTER"), ("ei2", "ei1", "AFTER")],
        (2, 2, 1, 2),
    ),
    "dates and simultaneous events": (
        [("ei1", "t1", "IS_INCLUDED"), ("ei2", "t1", "IS_INCLUDED"), ("ei1", "ei2", "SIMULTANEOUS"),
         ("ei3", "t2", "IS_INCLUDED"), ("ei1", "ei3", "BEFORE")],
        [("ei2", "t1", "IS_INCLUDED"), ("ei1", "ei2", "SIMULTANEOUS"), ("ei2", "ei3", "BEFORE"), ("t1", "ei3", "BEFORE")],
        (3, 4, 4, 5),
    ),
    "a contradiction stays in the reduced graph": (
        [("ei1", "ei2", "BEFORE"), ("ei2", "ei1", "BEFORE"), ("ei2", "ei3", "SIMULTANEOUS")],
        [("ei1", "ei2", "BEFORE"), ("ei3", "ei2", "IDENTITY")],
        (2, 2, 2, 3),
    ),
    "inverse relations match": (
        [("t1", "ei1", "INCLUDES"), ("t1", "ei2", "INCLUDES"), ("ei1", "ei2", "BEFORE")],
        [("ei1", "t1", "IS_INCLUDED"), ("ei2", "ei1", "AFTER"), ("ei2", "t1", "IS_INCLUDED")],
        (3, 3, 3, 3),
    ),
    "random relations 1": (
        [("t3", "ei1", "INCLUDES"), ("t3", "ei7", "BEFORE"), ("ei4", "ei1", "INCLUDES"), ("ei3", "ei5", "IS_INCLUDED"),
         ("ei3", "t2", "BEFORE"), ("t3", "ei5", "INCLUDES"), ("ei3", "ei2", "INCLUDES"), ("t3", "ei4", "SIMULTANEOUS"),
         ("ei2", "t2", "IDENTITY"), ("ei2", "ei1", "INCLUDES"), ("ei4", "t1", "IDENTITY")],
        [("ei7", "ei6", "IS_INCLUDED"), ("t3", "t1", "SIMULTANEOUS"), ("ei5", "ei4", "AFTER"), ("ei4", "ei2", "INCLUDES"),
         ("ei5", "t2", "IS_INCLUDED"), ("ei6", "t1", "SIMULTANEOUS"), ("t3", "ei2", "BEFORE"), ("t2", "ei7", "AFTER"),
         ("ei6", "ei3", "IS_INCLUDED")],
        (2, 9, 0, 11),
    ),
    "random relations 2": (
        [("ei7", "ei4", "AFTER"), ("t2", "t1", "SIMULTANEOUS"), ("ei1", "t3", "SIMULTANEOUS"), ("t1", "ei5", "AFTER"),
         ("t3", "ei6", "IS_INCLUDED"), ("ei6", "t3", "BEFORE"), ("ei4", "ei2", "AFTER"), ("t1", "ei4", "SIMULTANEOUS"),
         ("ei4", "t1", "INCLUDES"), ("t3", "ei1", "IS_INCLUDED"), ("ei6", "ei2", "IDENTITY"), ("ei2", "ei7", "IDENTITY"),
         ("ei4", "t1", "AFTER"), ("ei7", "ei6", "BEFORE")],
        [("ei7", "t1", "IS_INCLUDED"), ("ei2", "ei3", "AFTER"), ("ei3", "ei1", "AFTER"), ("t3", "t1", "IDENTITY"),
         ("ei3", "t1", "IDENTITY"), ("ei6", "ei3", "INCLUDES"), ("t2", "ei3", "BEFORE"), ("ei1", "ei2", "INCLUDES"),
         ("ei3", "ei7", "AFTER"), ("ei4", "ei1", "SIMULTANEOUS"), ("ei4", "ei5", "INCLUDES"),
         ("ei4", "ei6", "SIMULTANEOUS"), ("t2", "ei7", "AFTER")],
        (0, 13, 3, 14),
    ),
}


@pytest.mark.parametrize(("gold", "system", "original"), CASES.values(), ids=list(CASES))
def test_port_gives_the_original_counts(gold, system, original) -> None:
    assert score(gold, system) == original


def test_relation_types_outside_timelines_are_refused() -> None:
    with pytest.raises(ValueError):
        build([("ei1", "ei2", "BEGINS")])
