"""communique.metadata.v1: document kind from the text (readouts, transcripts, statements, speeches, releases, news)."""

from __future__ import annotations

import pytest

from communique.ingest.metadata import classify_kind, metadata, speaker_turns

READOUT = """Secretary of State Alvarez spoke today with Foreign Minister Okafor of Nigeria to discuss regional security \
and trade. The Secretary underscored the importance of the bilateral partnership and welcomed Nigeria's leadership \
in the region. The two leaders also discussed humanitarian access and agreed to stay in close contact.
"""

MEETING_READOUT = """President Ruiz met with Prime Minister Tanaka at the Presidential Palace. The leaders discussed \
supply chains, energy security and cooperation on migration, and reaffirmed their commitment to a free and open \
Indo-Pacific. They also reviewed preparations for the summit in June.
"""

TRANSCRIPT = """1:04 P.M. EDT

MS. ORTEGA:  Good afternoon, everybody. I have two announcements, and then I'll take your questions.

Q  Thank you. Can you tell us whether the President will travel to Mexico City next week?

MS. ORTEGA:  I don't have any travel to announce at this time.

SECRETARY RUBIO:  If I may add: the talks with our Mexican counterparts continue.

Q  And on tariffs?

MS. ORTEGA:  We'll have more to say on that.
"""

STATEMENT = """Statement from Foreign Minister Dubois on the Ceasefire Agreement

I welcome the agreement reached today between the parties. France stands ready to support its implementation, \
and I call on all sides to respect their commitments.
"""

PLAIN_STATEMENT = """Jill and I are heartbroken by the loss of life in the floods that struck the region this week. \
Our prayers are with the families who lost loved ones. I have directed my team to provide every resource needed \
to support the recovery, and we will stand with these communities for as long as it takes.
"""

PRESS_RELEASE = """FOR IMMEDIATE RELEASE
March 3, 2025

Ministry Launches Cross-Border Trade Portal

The Ministry of Economy today launched a portal that lets exporters file customs documents online. The portal \
will cut processing times for small firms.

###
"""

SPEECH = (
    "Thank you, Mr. President. Excellencies, distinguished delegates, ladies and gentlemen. "
    + "I stand before this Assembly to speak about the future we share. We have come through difficult years, "
    "and I believe that our nations can meet these challenges together. My country has always believed in dialogue. "
    * 12
)

NEWS = """GENEVA (Reuters) — Negotiators from both countries met on Tuesday for a third round of talks, officials said.

"We made progress," a senior diplomat told reporters, adding that a deal was not expected this week.

The talks will resume next month, according to a statement from the foreign ministry.
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (READOUT, "readout"),
        (MEETING_READOUT, "readout"),
        (TRANSCRIPT, "transcript"),
        (STATEMENT, "statement"),
        (PLAIN_STATEMENT, "statement"),
        (PRESS_RELEASE, "press_release"),
        (SPEECH, "speech"),
        (NEWS, "news"),
        ("", "other"),
    ],
)
def test_kind_from_text(doc_factory, text: str, kind: str) -> None:
    assert metadata(doc_factory(text)).kind == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Readout of the Secretary's Call with the Foreign Minister of Nigeria", "readout"),
        ("Press Briefing by Press Secretary Ortega", "transcript"),
        ("Joint Statement on the Ceasefire Agreement", "statement"),
        ("Remarks by the Foreign Minister as Prepared for Delivery", "speech"),
    ],
)
def test_title_names_the_kind(title: str, kind: str) -> None:
    assert classify_kind(NEWS, title) == kind


def test_remarks_with_two_speakers_are_a_transcript() -> None:
    body = "PRESIDENT RUIZ:  Welcome, Prime Minister.\n\nPRIME MINISTER TANAKA:  (As interpreted.)  Thank you."
    assert classify_kind(body, "Remarks by President Ruiz and Prime Minister Tanaka Before Bilateral Meeting") == "transcript"


def test_speaker_turns() -> None:
    turns = speaker_turns(TRANSCRIPT)
    assert turns == {"MS. ORTEGA": 3, "Q": 2, "SECRETARY RUBIO": 1}
    assert speaker_turns("NOTE: the event was moved.\nUPDATE: new time.") == {}


def test_readout_of_in_the_first_line(doc_factory) -> None:
    doc = doc_factory("Readout of the Foreign Minister's Meeting with Civil Society\n\nThe Minister met with activists.")
    out = metadata(doc)
    assert out.kind == "readout"
    assert out.title == "Readout of the Foreign Minister's Meeting with Civil Society"
