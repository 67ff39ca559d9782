"""Transcript turns in every label form: mixed case, titles, notes, questioners and hosts, names from the text."""

from __future__ import annotations

import pytest

from communique.nlp.transcript import find_turns, label_name, monologue_turn, parse_label, speaker_name


@pytest.mark.parametrize(
    ("label", "role", "strong", "interpreted"),
    [
        ("SECRETARY ALVAREZ", "speaker", True, False),
        ("FOREIGN MINISTER ÖZDEMİR", "speaker", True, False),
        ("THE PRESIDENT", "speaker", True, False),
        ("Foreign Minister", "speaker", True, False),
        ("Tomas Lindqvist, Foreign Minister", "speaker", True, False),
        ("Minister of Foreign Affairs of Norland Tomas Lindqvist", "speaker", True, False),
        ("Ms. HARUNA Aiko, Minister for Foreign Affairs", "speaker", True, False),
        ("Shri Arvind Rao, Official Spokesperson", "speaker", True, False),
        ("Pavel Orlov (retranslated)", "speaker", True, True),
        ("President Okafor (via interpreter)", "speaker", True, True),
        ("Pavel Orlov", "speaker", False, False),
        ("Lindqvist", "speaker", False, False),
        ("Q", "question", True, False),
        ("QUESTION", "question", True, False),
        ("Question (Daily Courier)", "question", True, False),
        ("MODERATOR", "host", True, False),
        ("Interviewer", "host", True, False),
    ],
)
def test_label_forms(label: str, role: str, strong: bool, interpreted: bool) -> None:
    parsed = parse_label(label)
    assert parsed is not None
    assert (parsed.role, parsed.strong, parsed.interpreted) == (role, strong, interpreted)


@pytest.mark.parametrize(
    "label",
    ["Related Articles", "Read more", "Then, as I explained earlier", "The minister said", "https", "Photo credit",
     "NOTE", "Key points", "Updated 10", "Tags"],
)
def test_not_labels(label: str) -> None:
    assert parse_label(label) is None


@pytest.mark.parametrize(
    ("label", "name", "title"),
    [
        ("Tomas Lindqvist, Foreign Minister", "Tomas Lindqvist", "Foreign Minister"),
        ("Shri Arvind Rao, Official Spokesperson", "Arvind Rao", "Official Spokesperson"),
        ("Ms. HARUNA Aiko, Minister for Foreign Affairs", "Haruna Aiko", "Minister for Foreign Affairs"),
        ("President of Norland Tomas Lindqvist", "Tomas Lindqvist", "President of Norland"),
        ("SECRETARY ALVAREZ", "Alvarez", "Secretary"),
        ("THE SECRETARY", None, "Secretary"),
        ("Foreign Minister", None, "Foreign Minister"),
        ("Pavel Orlov", "Pavel Orlov", None),
    ],
)
def test_label_name(label: str, name: str | None, title: str | None) -> None:
    assert label_name(label) == (name, title)


DIALOGUE = """Meeting between the foreign ministers

Secretary of State Maria Alvarez received Foreign Minister Tomas Lindqvist of Norland.

SECRETARY ALVAREZ: Welcome to Washington, Tomas.

FOREIGN MINISTER:Thank you, Maria. It is good to be here.

Lindqvist (via interpreter):
We have much to discuss.

QUESTION: Will there be an agreement?

THE SECRETARY: We hope so.

Moderator: Thank you all.
"""


def test_dialogue_turns_and_speakers() -> None:
    turns = find_turns(DIALOGUE)
    assert [t.label for t in turns] == [
        "SECRETARY ALVAREZ", "FOREIGN MINISTER", "Lindqvist", "QUESTION", "THE SECRETARY", "Moderator",
    ]
    assert [speaker_name(DIALOGUE, t) for t in turns] == [
        "Maria Alvarez", "Tomas Lindqvist", "Tomas Lindqvist", "question", "Maria Alvarez", "host",
    ]
    assert [t.interpreted for t in turns] == [False, False, True, False, False, False]
    # no space after the colon; a label on its own line with the turn text on the next one
    assert DIALOGUE[turns[1].start :].startswith("Thank you, Maria.")
    assert DIALOGUE[turns[2].start :].startswith("We have much to discuss.")
    for t in turns:
        assert DIALOGUE[t.label_start : t.label_end] == t.label


@pytest.mark.parametrize(
    "text",
    [
        "Washington: The two ministers met on Monday.\n\nThey discussed trade.",
        "Pavel Orlov: a profile\n\nHe was born in 1960.",
    ],
)
def test_weak_labels_alone_are_not_turns(text: str) -> None:
    assert find_turns(text) == []


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Q\u00a0\u00a0\u00a0 And on the summit: will it happen?\n\nMS. ORTEGA:\u00a0 Yes.", ["Q", "MS. ORTEGA"]),
        ("MS. ORTEGA:  We will see. The key\nquestion: What comes next?\n\nQ    Thanks.", ["MS. ORTEGA", "Q"]),
    ],
)
def test_question_lines_are_not_mixed_case_labels(text: str, labels: list[str]) -> None:
    assert [t.label for t in find_turns(text)] == labels


def test_office_before_name_is_not_part_of_the_name() -> None:
    text = "We welcome the Secretary of Home Affairs Lena Moss.\n\nSECRETARY MOSS: Thank you.\n\nQ  Thanks."
    turn = find_turns(text)[0]
    assert speaker_name(text, turn) == "Lena Moss"


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("MS. ORTEGA:  When is it?\n\nQ 12:45.\n\nMS. ORTEGA:  Thanks.", ["MS. ORTEGA", "Q", "MS. ORTEGA"]),
        ("MS. ORTEGA:  We said so on\nThursday: asking for action.\n\nQ    Thanks.", ["MS. ORTEGA", "Q"]),
        ("MS. ORTEGA:  I would ask\nHouse Members: Do you want a fix?\n\nQ    Thanks.", ["MS. ORTEGA", "Q"]),
        ("Erik Berg (retranslated): Welcome, friends.\n\nAna Costa: Thank you.", ["Erik Berg", "Ana Costa"]),
    ],
)
def test_wrapped_prose_is_not_a_label(text: str, labels: list[str]) -> None:
    assert [t.label for t in find_turns(text)] == labels


@pytest.mark.parametrize(
    ("text", "speaker", "first"),
    [
        ("Ministry of Foreign Affairs\n\nForeign Minister Erik Berg's opening statement and answers to questions, Oslo\n\n"
         "5 June 202309:40\n\nHello, everyone.\n\nOur guests brought a long list.", "Erik Berg", "Hello, everyone."),
        ("Remarks by President Ana Costa at the Trade Forum\n\nThank you all for coming. Trade matters.",
         "Ana Costa", "Thank you all for coming. Trade matters."),
        ("The talks went well, officials said.\n\nBoth sides agreed to meet again.", None, None),
    ],
)
def test_monologue_turn(text: str, speaker: str | None, first: str | None) -> None:
    turn = monologue_turn(text)
    if speaker is None:
        assert turn is None
        return
    assert turn is not None and speaker_name(text, turn) == speaker and not turn.labelled
    assert text[turn.pieces[0][0] : turn.pieces[0][1]] == first
    assert all("202110" not in text[a:b] for a, b in turn.pieces)  # a date line is no speech


def test_bare_surnames_in_dialogue() -> None:
    text = (
        "Talks in Oslo\n\nBerg: Welcome to Oslo.\n\nCosta: Thank you. It is good to be here.\n\n"
        "Berg: Let us begin with trade.\n\nCosta: Gladly.\n\nFull names: Erik Berg and Ana Costa met today."
    )
    turns = find_turns(text)
    assert [t.label for t in turns] == ["Berg", "Costa", "Berg", "Costa"]
    assert [speaker_name(text, t) for t in turns] == ["Erik Berg", "Ana Costa", "Erik Berg", "Ana Costa"]
