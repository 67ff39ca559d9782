"""Transcript turns: labels, interpreter notes, stage directions, announcing turns, speaker names."""

from __future__ import annotations

import pytest

from communique.model import Mention, Role
from communique.nlp.quotes import annotate
from communique.nlp.transcript import find_turns, looks_like_transcript, normalise_label

TRANSCRIPT = """Palacio Nacional
Mexico City

10:05 A.M. CST

MODERATOR:  Good morning. The two leaders will make brief statements. Madam President.

PRESIDENT SHEINBAUM:  (Via interpreter)  Thank you very much. We welcome Secretary Rubio to Mexico. (Laughter.)  We have a lot of work ahead of us.

SECRETARY RUBIO:  Thank you, Madam President. It’s an honor to be here.  (Applause.)

MODERATOR:  Next question, from Reuters.

Q    Thank you. Secretary, will the tariffs be lifted?

SECRETARY RUBIO:  That’s a decision for the President. As he said last week, “we want a deal that works.”

(Laughter.)

MR. LEAVITT:  Go ahead.

AMBASSADOR JOHNSON:  (Speaks in Spanish.)

Q:  And for President Sheinbaum?

PRESIDENT SHEINBAUM:  (As interpreted.)  Mexico will always defend its sovereignty.

END  10:40 A.M. CST
"""


def _turn_quotes(doc):
    return [q for q in annotate(doc, None).quotes if q.cue and q.cue.endswith(":")]


def test_turns_and_labels() -> None:
    turns = find_turns(TRANSCRIPT)
    assert [t.label for t in turns] == [
        "MODERATOR",
        "PRESIDENT SHEINBAUM",
        "SECRETARY RUBIO",
        "MODERATOR",
        "Q",
        "SECRETARY RUBIO",
        "MR. LEAVITT",
        "Q",
        "PRESIDENT SHEINBAUM",
    ]
    assert looks_like_transcript("other", turns)
    assert [t.interpreted for t in turns] == [False, True, False, False, False, False, False, False, True]
    for t in turns:
        assert TRANSCRIPT[t.label_start : t.label_end] == t.label


def test_interpreter_note_and_stage_directions_are_not_speech(doc_factory) -> None:
    quotes = _turn_quotes(doc_factory(TRANSCRIPT, kind="transcript"))
    texts = [q.text for q in quotes]
    assert all("interpret" not in t.lower() and "Laughter" not in t and "Applause" not in t for t in texts)
    sheinbaum = [q for q in quotes if q.speaker_name == "President Sheinbaum"]
    # the first turn is split around "(Laughter.)" into two speech pieces, both interpreted
    assert [q.text for q in sheinbaum] == [
        "Thank you very much. We welcome Secretary Rubio to Mexico.",
        "We have a lot of work ahead of us.",
        "Mexico will always defend its sovereignty.",
    ]
    assert all(q.interpreted for q in sheinbaum)
    assert not any(q.interpreted for q in quotes if q.speaker_name != "President Sheinbaum")
    assert "END" not in quotes[-1].text


def test_announcing_turn_belongs_to_its_own_speaker(doc_factory) -> None:
    quotes = _turn_quotes(doc_factory(TRANSCRIPT, kind="transcript"))
    announce = next(q for q in quotes if q.text == "Next question, from Reuters.")
    assert announce.speaker_name == "host"
    go_ahead = next(q for q in quotes if q.text == "Go ahead.")
    assert go_ahead.speaker_name == "Mr. Leavitt"
    questions = [q for q in quotes if q.speaker_name == "question"]
    assert [q.text for q in questions] == ["Thank you. Secretary, will the tariffs be lifted?", "And for President Sheinbaum?"]


def test_quote_inside_turn_is_not_someone_elses(doc_factory) -> None:
    quotes = annotate(doc_factory(TRANSCRIPT, kind="transcript"), None).quotes
    assert not any(q.text.startswith("we want a deal") for q in quotes)
    rubio = [q for q in quotes if q.speaker_name == "Secretary Rubio"]
    assert any("we want a deal that works" in q.text for q in rubio)


def test_label_links_to_full_name(doc_factory) -> None:
    p = TRANSCRIPT.index("Secretary Rubio to Mexico")
    doc = doc_factory(TRANSCRIPT, kind="transcript").replace(
        mentions=[Mention(p + 10, p + 15, "Rubio", "person")],
        roles=[Role("Marco Rubio", 0, 0, "Secretary of State", None, "US", 0, 0)],
    )
    quotes = _turn_quotes(doc)
    assert {q.speaker_name for q in quotes if q.cue == "SECRETARY RUBIO:"} == {"Marco Rubio"}


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("SECRETARY RUBIO", "Secretary Rubio"),
        ("MS. JEAN-PIERRE", "Ms. Jean-Pierre"),
        ("PRESIDENT LÓPEZ OBRADOR", "President López Obrador"),
        ("THE PRESIDENT", "The President"),
        ("SECRETARY OF STATE", "Secretary of State"),
        ("Q", "Q"),
    ],
)
def test_normalise_label(label: str, name: str) -> None:
    assert normalise_label(label) == name


@pytest.mark.parametrize(
    "text",
    [
        "NOTE: This story was updated.\n\nThe talks continue.",
        "WASHINGTON — The talks continue.\n\nUPDATE: More talks.\n\nTIME: 10:00",
        "The minister said: “We are ready.”",
        "**SAFEGUARDING THE NATION:** The order imposes tariffs.\n\n**BUILDING ON SUCCESS:** More.\n\n"
        "**ADDRESSING THE EMERGENCY:** Text.\n\nCANADA: Ten percent.",
    ],
)
def test_not_a_transcript(text: str, doc_factory) -> None:
    assert not looks_like_transcript("news", find_turns(text))
    assert not any(q.cue and q.cue.endswith(":") for q in annotate(doc_factory(text, kind="news"), None).quotes)


@pytest.mark.parametrize(
    ("note", "interpreted"),
    [
        ("(Via interpreter)", True),
        ("(As interpreted.)", True),
        ("(through an interpreter)", True),
        ("(In Spanish, via interpreter.)", True),
        ("(Inaudible.)", False),
        ("", False),
    ],
)
def test_interpreter_notes(note: str, interpreted: bool) -> None:
    text = (
        f"MODERATOR: Welcome.\n\nPRESIDENT SHEINBAUM: {note} We will defend our sovereignty.\n\n"
        "SECRETARY RUBIO: Thank you.\n\nMODERATOR: Thank you all."
    )
    turns = find_turns(text)
    sheinbaum = next(t for t in turns if t.label == "PRESIDENT SHEINBAUM")
    assert sheinbaum.interpreted is interpreted
    assert text[sheinbaum.start : sheinbaum.end] == "We will defend our sovereignty."
