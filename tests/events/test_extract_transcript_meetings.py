"""A transcript's title meeting ("X And Y Before Their Meeting") and the place its speakers call "here" (needs the
spaCy parse)."""

from __future__ import annotations

import pytest

from communique.events.extract import annotate
from communique.model import Mention
from communique.nlp.model_loader import parse

pytestmark = pytest.mark.model

TITLE = "Secretary Tomas J. Varga And Lindmark Foreign Minister Karim Nasser Before Their Meeting"


def _mentions(text: str, names: dict[str, str]) -> list[Mention]:
    out = []
    for name, type_ in names.items():
        start = 0
        while (i := text.find(name, start)) >= 0:
            if not any(m.start <= i < m.end for m in out):
                out.append(Mention(i, i + len(name), name, type_))
            start = i + len(name)
    return sorted(out, key=lambda m: m.start)


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("We are glad to welcome you here now at the Foreign Ministry. Our countries share a long history.",
         "Foreign Ministry"),
        ("We are glad to see you again. Our countries share a long history.", None),
    ],
)
def test_title_meeting_of_a_transcript(doc_factory, opening, place):
    text = f"{TITLE}\n\nSECRETARY VARGA: Well, good afternoon, everyone. {opening}\n\nFOREIGN MINISTER NASSER: Thank you."
    names = {"Tomas J. Varga": "person", "Karim Nasser": "person", "Lindmark": "country", "VARGA": "person",
             "NASSER": "person"}
    doc = doc_factory(text, kind="transcript", mentions=_mentions(text, names))
    meeting = next(e for e in annotate(doc, parse(text)).events if e.type == "CONSULT")
    assert [p[0] for p in meeting.participants][:2] == ["Tomas J. Varga", "Karim Nasser"]
    assert meeting.place == place


def test_the_speaker_of_a_record_is_no_participant_of_the_event_it_records(doc_factory):
    text = ("Text of Remarks by Foreign Secretary Pia Holm on the Second Day of President Tomas Varga's visit "
            "to Lindmark\n\nGood evening, everybody.")
    names = {"Pia Holm": "person", "Tomas Varga": "person", "Lindmark": "country"}
    doc = doc_factory(text, kind="transcript", mentions=_mentions(text, names))
    visit = next(e for e in annotate(doc, parse(text)).events if e.type == "CONSULT")
    assert "Pia Holm" not in {p[0] for p in visit.participants}
