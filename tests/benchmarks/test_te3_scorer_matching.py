"""TempEval-3 matching rules of the te3_scorer port on small invented TimeML files."""

from __future__ import annotations

import pytest
from benchmarks.te3_scorer import Te3Counts, score_pair, tokenize

ABBREVIATIONS = frozenset({"Mr.", "Gen."})


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("in the mid-1990s", ["in", "the", "mid", "-", "1990s"]),  # one inner hyphen: split in three
        ("a two-year-old deal", ["a", "two-year-old", "deal"]),  # two hyphens: kept whole
        ("Mr. Lane's visit", ["Mr.", "Lane", "'s", "visit"]),  # listed abbreviation, English clitic
        ("(on Monday), then", ["(", "on", "Monday", ")", ",", "then"]),
        ("the U.S. side ended.", ["the", "U.S.", "side", "ended", "."]),  # initials keep their periods
        ("talks don't end", ["talks", "do", "n't", "end"]),
    ],
)
def test_tokenize_like_the_toolkit(text, tokens) -> None:
    assert tokenize(text, ABBREVIATIONS) == tokens


def _tml(body: str) -> str:
    dct = '<TIMEX3 tid="t0" type="DATE" value="2014-05-02" functionInDocument="CREATION_TIME">May 2, 2014</TIMEX3>'
    return f"<?xml version='1.0'?>\n<TimeML>\n<DCT>{dct}</DCT>\n<TEXT>\n{body}\n</TEXT>\n</TimeML>\n"


def _counts(gold_body: str, system_body: str) -> Te3Counts:
    counts = Te3Counts()
    score_pair("doc.tml", _tml(gold_body), _tml(system_body), ABBREVIATIONS, counts)
    return counts


def _t(tid: str, text: str, value: str, typ: str = "DATE") -> str:
    return f'<TIMEX3 tid="{tid}" type="{typ}" value="{value}">{text}</TIMEX3>'


# (gold body, system body, (relaxed recall, strict recall, relaxed precision, value matches, system timexes))
CASES = [
    # same extent, same value: strict and relaxed
    (f"They met {_t('t1', 'on Friday', '2014-05-02')}.", f"They met {_t('t9', 'on Friday', '2014-05-02')}.",
     (1, 1, 1, 1, 1)),
    # shorter system extent: relaxed only; the value still counts
    (f"They met {_t('t1', 'Friday morning', '2014-05-02TMO', 'TIME')}.",
     f"They met {_t('t4', 'Friday', '2014-05-02TMO', 'TIME')} morning.", (1, 0, 1, 1, 1)),
    # two system timexes inside one gold timex: only the first pairs (one-to-one)
    (f"{_t('t1', 'Friday morning', '2014-05-02TMO', 'TIME')} talks",
     f"{_t('t1', 'Friday', '2014-05-02', 'DATE')} {_t('t2', 'morning', 'TMO', 'TIME')} talks", (1, 0, 1, 0, 2)),
    # system timex starting inside the gold one (gold still open): relaxed match, wrong value
    (f"for {_t('t1', 'the past three weeks', 'P3W', 'DURATION')} now",
     f"for the past {_t('t1', 'three weeks', 'P2W', 'DURATION')} now", (1, 0, 1, 0, 1)),
    # no overlap: a miss and a false alarm
    (f"{_t('t1', 'Monday', '2014-04-28')} and Tuesday", f"Monday and {_t('t1', 'Tuesday', '2014-04-29')}",
     (0, 0, 0, 0, 1)),
    # an EVENT token right after a gold timex keeps it open in the normalizer: the system timex there pairs with it
    (f'{_t("t1", "Monday", "2014-04-28")} <EVENT eid="e1" class="OCCURRENCE">talks</EVENT> ended',
     f"Monday {_t('t1', 'talks', '2014-04-28')} ended", (1, 0, 1, 1, 1)),
]


@pytest.mark.parametrize(("gold", "system", "expected"), CASES)
def test_matching(gold, system, expected) -> None:
    c = _counts(gold, system)
    assert (c.relaxed_recall, c.strict_recall, c.relaxed_precision, c.value_match, c.system) == expected


def test_value_f1_is_value_accuracy_times_relaxed_f1() -> None:
    gold = f"{_t('t1', 'Monday', '2014-04-28')} and {_t('t2', 'Tuesday', '2014-04-29')} and {_t('t3', 'May', '2014-05')}"
    system = f"{_t('t1', 'Monday', '2014-04-28')} and {_t('t2', 'Tuesday', '2014-04-30')} and May"
    m = _counts(gold, system).metrics()
    assert m["relaxed_f1"] == pytest.approx(2 * 1.0 * (2 / 3) / (1.0 + 2 / 3))
    assert m["value_accuracy"] == pytest.approx(0.5)
    assert m["value_f1"] == pytest.approx(0.5 * m["relaxed_f1"])


def test_different_text_is_refused() -> None:
    with pytest.raises(ValueError):
        _counts("They met on Friday.", "They met on Saturday.")
