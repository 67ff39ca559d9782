"""``ask`` never answers a date question with a bare weekday or a year-less code: "on Sunday" is dated by the page's
other dates (that week's Sunday), "September 10" takes the page's year, and a weekday on a page with no date is no
answer."""

from __future__ import annotations

import pytest
from tests.search.hand_annotations import timex_at as _timex

from communique.search import ask

HOSTED = ("President Kim Dae Sung hosted Chancellor Mara Velt in Tarnholm on Sunday. "
          "A joint statement followed on May 6, 2025.")
UNDATED = "Premier Odo Rask met President Ivo Sand in Kessland on Tuesday."
NO_YEAR = ("Premier Odo Rask met Prime Minister Lena Holt in Wendmark on September 10. "
           "Their accord of March 3, 2024 was renewed.")



@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    docs = [
        doc_factory(HOSTED, id="hosted", source="wire/hosted.txt", kind="news",
                    timexes=[_timex(HOSTED, "Sunday", None, "relative"),
                             _timex(HOSTED, "May 6, 2025", "2025-05-06", "explicit")]),
        doc_factory(UNDATED, id="undated", source="wire/undated.txt", kind="news",
                    timexes=[_timex(UNDATED, "Tuesday", None, "relative")]),
        doc_factory(NO_YEAR, id="no-year", source="wire/no-year.txt", kind="news",
                    timexes=[_timex(NO_YEAR, "September 10", "XXXX-09-10", "relative"),
                             _timex(NO_YEAR, "March 3, 2024", "2024-03-03", "explicit")]),
    ]
    return indexed_store(docs)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did Kim host Velt in Tarnholm?", "May 4, 2025"),  # the Sunday before the page's May 6 (a Tuesday)
        ("When did Rask and Holt meet?", "September 10, 2024"),  # the page's year
    ],
)
def test_ask_weekdays_dated(store, question, expected):
    answer = ask(store, question)
    assert not answer.not_in_sources, answer.as_dict()
    assert expected in answer.text
    assert "XXXX" not in answer.text


def test_ask_weekdays_undated_page_gives_no_date(store):
    answer = ask(store, "When did Rask meet Sand in Kessland?")
    assert answer.not_in_sources, answer.as_dict()
