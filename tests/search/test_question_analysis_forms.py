"""Question analysis of held-out-like forms: "may" the verb is no month; a dated context clause dates the source;
"What <kind> did ..." does not ask for the kind's words; a leading "Besides ..." is no name."""

from __future__ import annotations

import pytest

from communique.search.question_analysis import analyze


@pytest.mark.parametrize(
    ("question", "when"),
    [
        ("Under which rule may Norland ships enter Ostia port, according to the March 2025 statement?",
         (2025, 3, None)),
        ("Which goods may enter tariff-free in 2024?", (2024, None, None)),
        ("Where did Ortiz meet Lind in May 2024?", (2024, 5, None)),
        ("Where was the Harbour Summit of July 2026 to be held, as mentioned in Ortiz's December 2025 call with Lind?",
         (2025, 12, None)),
        ("On what date had the sides agreed to the June 2020 truce, as mentioned in Ortiz's January 2022 call?",
         (2022, 1, None)),
        ("What did Ortiz say about the June 2020 truce?", (2020, 6, None)),
    ],
)
def test_question_analysis_dates_month_and_context(question, when):
    a = analyze(question)
    assert (a.year, a.month, a.day) == when


def test_question_analysis_dates_mentioned_in_is_context():
    a = analyze("What is the name of the harbour patrol mentioned in Ortiz's March 2025 call with Lind?")
    assert "Lind" in a.context_names and "Lind" not in a.names


@pytest.mark.parametrize(
    ("question", "focus", "names"),
    [
        ("What harbour emergency did Ortiz praise Norland for handling?", ("praise", "handling"), ("Ortiz", "Norland")),
        ("Besides the Governor, which Norlandian minister was on the call?", ("minister", "call"),
         ("Governor", "Norlandian")),
        ("Apart from Lind, who joined Ortiz?", ("joined",), ("Lind", "Ortiz")),
    ],
)
def test_question_analysis_kind_phrase_and_openers(question, focus, names):
    a = analyze(question)
    assert (a.focus, a.names) == (focus, names)
