"""Speaker-turn line patterns: the one definition of a transcript speaker label at a line start.

Used by the cleaner (a turn line is never boilerplate), kind detection and metadata (a document's turns and
speakers), entities (an upper-case label names a person) and transcript parsing (upper-case labels, a bare "Q");
the read views show the turns transcript parsing found. The words that end in a colon but never name a speaker
are data in :data:`communique.lexicon.NON_SPEAKER_LABELS`.

Forms:
1. questioner: "Q", "Q:", "Q." (a space may come before the colon);
2. upper case: up to :data:`MAX_UPPER_LABEL_WORDS` words of Latin capitals, with dots, apostrophes and
   hyphens ("THE PRESIDENT", "MS. JEAN-PIERRE", "PRESIDENT LÓPEZ OBRADOR", "FOREIGN MINISTER ÖZDEMİR"), optionally in
   markdown bold, optionally followed by a note in parentheses ("(via interpreter)"), then a colon;
3. mixed case (the cleaner's line test only; transcript parsing reads mixed-case labels with its own cascade):
   two to four capitalised words ("Foreign Minister Berg:").
The cleaner's line forms take no one-letter label ("A: ..." answers of a Q&A interview); metadata and entities drop
one-letter names themselves, transcript parsing reads "A:" as a label.
"""

from __future__ import annotations

import re

from .lexicon import NON_SPEAKER_LABELS

__all__ = [
    "MAX_UPPER_LABEL_WORDS",
    "QUESTION",
    "UPPER_LABEL",
    "UPPER_LABEL_RE",
    "LABEL_NOTE",
    "SPEAKER_TURN_RE",
    "SPEAKER_TURN_LINE_RE",
    "SPEAKER_TURN_UPPER_LINE_RE",
    "is_speaker_label",
]

MAX_UPPER_LABEL_WORDS = 7  # "SENIOR ADMINISTRATION OFFICIAL", "MR. PRESIDENT LÓPEZ OBRADOR" fit; a shouted sentence not
MAX_NOTE_CHARS = 40  # "(via interpreter)", "(As interpreted.)", "(speaking in Spanish)"

_SP = r"[^\S\n]"  # a space on the line (transcripts write "Q" + no-break spaces)
_BOLD = r"(?:\*\*)?"  # markdown bold around a label ("**THE PRESIDENT:**", "**Q**:")
# A capital of the Latin script ("A", "Ó", "İ", "Ł"); capitals of other scripts are not told from their small letters
# here (a Cyrillic "Текст:" would pass for a label).
_LATIN_CAPITALS = "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_UPPER = f"[A-Z{_LATIN_CAPITALS}]"
_UPPER_WORD = rf"{_UPPER}(?:{_UPPER}|[.'’\-])*"
# 1. A questioner label, group "q" ("Q", "Q:", "Q.", "**Q**:").
QUESTION = rf"{_BOLD}(?P<q>Q){_BOLD}(?:{_SP}*[:.])?{_BOLD}"
# 2. An upper-case label ("MS. PSAKI"), without note or colon.
UPPER_LABEL = rf"{_UPPER_WORD}(?:{_SP}+{_UPPER_WORD}){{0,{MAX_UPPER_LABEL_WORDS - 1}}}"
LABEL_NOTE = rf"\([^()\n]{{1,{MAX_NOTE_CHARS}}}\)"
# 3. A mixed-case label ("Foreign Minister Berg").
_MIXED_LABEL = rf"(?:[A-Z][a-z.'’\-]+{_SP}+){{1,3}}[A-Z][\w.'’\-]+"
_COLON = rf"(?:{_SP}*{LABEL_NOTE})?{_SP}*{_BOLD}:{_BOLD}"  # an optional note, the colon

UPPER_LABEL_RE = re.compile(UPPER_LABEL)
# A turn at a line start (search / finditer over a text): group "q" for a questioner, "label" for a speaker label.
SPEAKER_TURN_RE = re.compile(rf"^{_SP}*(?:{QUESTION}(?=\s|$)|{_BOLD}(?P<label>{UPPER_LABEL}){_COLON})", re.MULTILINE)
# A whole line that is a turn (fullmatch): a questioner, an upper-case or a mixed-case label, then the speech.
# A one-letter label ("A: ..." in a Q&A interview) is no turn line: the cleaner judges the answer like prose.
_NOT_ONE_LETTER = rf"(?!{_UPPER}{_COLON})"
SPEAKER_TURN_LINE_RE = re.compile(
    rf"{_SP}*(?:{QUESTION}|{_BOLD}{_NOT_ONE_LETTER}(?:{UPPER_LABEL}|{_MIXED_LABEL}){_COLON})(?:\s|$).*"
)
# The same, upper case only: the turns the cleaner's trained model may never remove.
SPEAKER_TURN_UPPER_LINE_RE = re.compile(rf"{_SP}*(?:{QUESTION}|{_BOLD}{_NOT_ONE_LETTER}{UPPER_LABEL}{_COLON})(?:\s|$).*")


def is_speaker_label(label: str) -> bool:
    """Whether ``label`` (the text before a line's colon, note stripped) is an upper-case speaker label: form 2, not
    a fact-sheet heading ("SAFEGUARDING THE NATION"), not a word that never names a speaker ("NOTE", "UPDATE")."""
    label = label.strip()
    if not UPPER_LABEL_RE.fullmatch(label):
        return False
    words = label.split()
    if words[0].endswith("ING") and len(words) > 1:
        return False
    return label.strip(" .") not in NON_SPEAKER_LABELS
