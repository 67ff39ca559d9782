"""Every phrase trigger's match holds one of its needles: a document without them loses no trigger."""

from __future__ import annotations

import pytest

from communique.events import plover_patterns as P

# Invented lower-case sentences; together they give every phrase trigger at least one match.
SAMPLES = (
    "the two ministers spoke on monday by telephone and later held a video conference.",
    "they agreed to work closely together and set up a working group on joint patrols.",
    "prisoners began a hunger strike while a general strike closed the ports; dockers are on strike.",
    "the unions struck a deal after the ministry expressed deep concern over the delay.",
    "police opened fire after talks failed to reach a compromise.",
    "the ministry summoned the visiting ambassador and called for calm.",
    "the council called on both sides to stop, then imposed new sanctions and a state of emergency with a curfew.",
)


@pytest.mark.parametrize("index", range(len(P.PHRASE_TRIGGERS)))
def test_every_phrase_match_holds_a_needle(index: int) -> None:
    regex, typ, _, needles = P.PHRASE_TRIGGERS[index]
    matches = [m.group(0) for text in SAMPLES for m in regex.finditer(text)]
    assert matches, f"no sample matches phrase trigger {index} ({typ})"
    for found in matches:
        assert any(n in found for n in needles), (typ, found)
        assert all(n == n.lower() for n in needles)  # matched against lower-cased text
