"""Quotes and claims linked to the event they were said at."""

from __future__ import annotations

import pytest

from communique.events.extract import annotate
from communique.model import Claim, Mention, Quote
from communique.nlp.model_loader import parse

pytestmark = pytest.mark.model


def _at(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


TRANSCRIPT = (
    "Remarks by Secretary Rubio and Foreign Secretary de la Fuente at a Joint Press Availability\n\n"
    "SECRETARY RUBIO: Good afternoon. I met today with Foreign Secretary Juan Ramón de la Fuente here in Mexico City. "
    "We seized 40 percent more fentanyl this year.\n\n"
    "FOREIGN SECRETARY DE LA FUENTE: (Via interpreter) Thank you, Secretary. Our cooperation is based on mutual respect.\n\n"
    "Q: A question on tariffs, for both of you.\n\n"
    "SECRETARY RUBIO: We are working on it.\n"
)


def test_joint_press_conference_turns_belong_to_the_meeting(doc_factory):
    t = TRANSCRIPT
    turns = [
        ("Good afternoon.", "Secretary Rubio"),
        ("Thank you, Secretary.", "Foreign Secretary de la Fuente"),
        ("A question on tariffs, for both of you.", None),
        ("We are working on it.", "Secretary Rubio"),
    ]
    quotes = []
    for first, speaker in turns:
        start = t.index(first)
        end = t.index("\n", start)
        quotes.append(Quote(start, end, t[start:end], speaker_name=speaker, cue="SPEAKER:"))
    c0, c1 = _at(t, "40 percent")
    doc = doc_factory(
        t,
        kind="transcript",
        title="Remarks at a Joint Press Availability",
        published="2025-09-03",
        quotes=quotes,
        claims=[Claim(c0, c1, "40 percent", 40.0, "percent", speaker_name="Secretary Rubio")],
        mentions=[
            Mention(*_at(t, "Rubio"), "Rubio", "person", "US"),
            Mention(*_at(t, "Juan Ramón de la Fuente"), "Juan Ramón de la Fuente", "person", "MX"),
            Mention(*_at(t, "Mexico City"), "Mexico City", "place", "MX"),
        ],
    )
    out = annotate(doc, parse(t))
    meeting = [e for e in out.events if e.type == "CONSULT" and e.status == "occurred"]
    assert meeting, out.events
    assert meeting[0].quotes == (0, 1, 2, 3)
    assert meeting[0].claims == (0,)
    assert "Juan Ramón de la Fuente" in [p[0] for p in meeting[0].participants]
    assert meeting[0].place == "Mexico City"


NEWS = (
    "BRUSSELS - EU foreign policy chief Kaja Kallas met Ukrainian Foreign Minister Andrii Sybiha on Monday.\n\n"
    "\"We will keep our support steady,\" Kallas told reporters after the meeting, adding that 2 billion euros "
    "would be released next month.\n\n"
    "Separately, the European Central Bank kept interest rates unchanged.\n\n"
    "\"Inflation is close to target,\" ECB President Christine Lagarde said."
)


def test_news_quotes_in_the_reporting_paragraphs(doc_factory):
    t = NEWS
    q1 = _at(t, '"We will keep our support steady,"')
    q2 = _at(t, '"Inflation is close to target,"')
    c1 = _at(t, "2 billion euros")
    doc = doc_factory(
        t,
        kind="news",
        published="2025-06-16",
        dateline="Brussels",
        quotes=[
            Quote(*q1, t[q1[0] : q1[1]], speaker_name="Kaja Kallas"),
            Quote(*q2, t[q2[0] : q2[1]], speaker_name="Christine Lagarde"),
        ],
        claims=[Claim(*c1, "2 billion euros", 2e9, "EUR", speaker_name="Kaja Kallas")],
        mentions=[
            Mention(*_at(t, "Kaja Kallas"), "Kaja Kallas", "person"),
            Mention(*_at(t, "Andrii Sybiha"), "Andrii Sybiha", "person"),
            Mention(*_at(t, "Kallas", 1), "Kallas", "person"),
            Mention(*_at(t, "European Central Bank"), "European Central Bank", "organization"),
            Mention(*_at(t, "Christine Lagarde"), "Christine Lagarde", "person"),
        ],
    )
    out = annotate(doc, parse(t))
    meeting = next(e for e in out.events if e.type == "CONSULT")
    assert [p[0] for p in meeting.participants] == ["Kaja Kallas", "Andrii Sybiha"]
    assert meeting.quotes == (0,)  # Lagarde spoke about something else
    assert meeting.claims == (0,)
    assert meeting.place is None  # the dateline says where the story was filed, not where they met
    assert all(1 not in e.quotes for e in out.events)


BRIEFING = (
    "MS. LEAVITT: Good afternoon. We strongly support the ceasefire proposal and we condemn the attacks.\n\n"
    "Q: Will the President meet President Sheinbaum next week?\n\n"
    "MS. LEAVITT: The President spoke with President Claudia Sheinbaum this morning.\n"
)


def test_briefing_talk_is_not_an_event(doc_factory):
    t = BRIEFING
    spans = [("Good afternoon.", "Ms. Leavitt"), ("Will the President", "Q"), ("The President spoke", "Ms. Leavitt")]
    quotes = []
    for first, speaker in spans:
        start = t.index(first)
        end = t.index("\n", start)
        quotes.append(Quote(start, end, t[start:end], speaker_name=speaker, cue="SPEAKER:"))
    doc = doc_factory(
        t,
        kind="transcript",
        title="Press Briefing by Press Secretary Karoline Leavitt",
        published="2025-05-02",
        quotes=quotes,
        mentions=[
            Mention(*_at(t, "Sheinbaum"), "Sheinbaum", "person", "MX"),
            Mention(*_at(t, "Claudia Sheinbaum"), "Claudia Sheinbaum", "person", "MX"),
        ],
    )
    out = annotate(doc, parse(t))
    # "we support / we condemn" is talk, the question is a question; the reported call is an event
    assert [e.type for e in out.events] == ["CONSULT"]
    # nobody names the President here: the title stands for him
    assert [p[0] for p in out.events[0].participants] == ["President", "Claudia Sheinbaum"]
    assert out.events[0].quotes == (2,)  # not a joint press conference: only the turn that reports the call
