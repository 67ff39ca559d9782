"""said_by.listener: "What did <X> tell <Y> about <topic>" names <Y> as the one who heard the words, not a topic
their words must name."""

from __future__ import annotations

import pytest

from communique.search.said_by import listener


@pytest.mark.parametrize(
    ("question", "speaker", "heard"),
    [
        ("What did Ortiz tell Lind in March 2025 about the port fees?", "Ortiz", "Lind"),
        ("What did Ortiz tell the Norlandian Minister Lind about fees?", "Ortiz", "Norlandian Minister Lind"),
        ("What did Ortiz say about Lind?", "Ortiz", None),
        ("What did Ortiz tell reporters about Lind?", "Ortiz", None),
    ],
)
def test_said_by_listener_of_tell(question, speaker, heard):
    assert listener(question, speaker) == heard
