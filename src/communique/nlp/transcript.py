"""Transcript turns: ``SPEAKER:`` labels at line starts ("SECRETARY RUBIO:", "MS. LEAVITT:", "Q", "MODERATOR:").

A turn runs from its label to the next label (or the end of the text). Its speech is the turn's text without an
interpreter note ("(Via interpreter)", "(As interpreted.)") and without stage directions ("(Laughter.)",
"(Applause.)"), which split the speech into pieces. A turn that only announces the next speaker ("MODERATOR: Next
question, from Reuters.") is speech by its own label's speaker, like any other turn.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .quote_patterns import (
    INTERPRETER_RE,
    LABEL_TITLES,
    NON_SPEAKER_LABELS,
    QUESTIONER_LABELS,
    STAGE_DIRECTION_RE,
)

__all__ = ["Turn", "find_turns", "is_label", "looks_like_transcript", "normalise_label", "MIN_TURNS_UNDECLARED"]

MIN_TURNS_UNDECLARED = 3  # a document not declared a transcript needs this many labelled turns (1-2 may be a list)
MAX_LABEL_WORDS = 7  # "SENIOR ADMINISTRATION OFFICIAL" and "PRESIDENT LÓPEZ OBRADOR" fit; a shouted sentence does not
MAX_LABEL_CHARS = 60  # same reason, in characters

# A label at a line start: optional markdown bold, up to the first colon on the line; or a bare "Q" before the text.
_LABEL_RE = re.compile(
    r"^[^\S\n]*(?:\*\*)?(?P<label>[^\n:*]{1,%s}?)[^\S\n]*(?:\*\*)?:(?:\*\*)?[^\S\n]*".replace("%s", str(MAX_LABEL_CHARS)),
    re.MULTILINE,
)
# (\s minus newline: transcripts write "Q" + no-break spaces.)
_BARE_Q_RE = re.compile(r"^[^\S\n]*(?:\*\*)?(?P<label>Q)(?:\*\*)?(?:[^\S\n]*[:.])?[^\S\n]+(?=\S)", re.MULTILINE)
# An end-of-transcript marker ("END  1:45 P.M. EDT") is not speech.
_END_RE = re.compile(r"^[ \t]*END[ \t]+\d{1,2}:\d{2}.*$", re.MULTILINE)
_SMALL_WORDS = frozenset({"of", "the", "and", "de", "del", "la", "los", "las", "y", "for", "to", "on", "van", "von"})


@dataclass(frozen=True, slots=True)
class Turn:
    label: str  # as written ("SECRETARY RUBIO")
    label_start: int
    label_end: int
    start: int  # the turn's text (after the label and any interpreter note)
    end: int
    interpreted: bool = False
    pieces: list[tuple[int, int]] = field(default_factory=list)  # speech spans (stage directions cut out)


def is_label(label: str) -> bool:
    """Whether ``label`` (the text before a colon) can be a speaker label."""
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS:
        return False
    if any(ch.isdigit() for ch in label) or not any(ch.isalpha() for ch in label):
        return False
    if label != label.upper():  # speaker labels are written in capitals
        return False
    if words[0].endswith("ING") and len(words) > 1:  # a fact-sheet heading ("SAFEGUARDING THE NATION:")
        return False
    return label.strip(" .") not in NON_SPEAKER_LABELS


def normalise_label(label: str) -> str:
    """"SECRETARY RUBIO" -> "Secretary Rubio"; "MS. JEAN-PIERRE" -> "Ms. Jean-Pierre"; "Q" -> "Q"."""
    out = []
    for i, word in enumerate(label.split()):
        if word in LABEL_TITLES:
            out.append(LABEL_TITLES[word])
        elif i > 0 and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def _labels(text: str) -> list[tuple[str, int, int, int]]:
    """(label, label_start, label_end, text_start) for every turn label, in order."""
    found: dict[int, tuple[str, int, int, int]] = {}
    for m in _LABEL_RE.finditer(text):
        label = m.group("label").strip()
        if is_label(label):
            found[m.start()] = (label, m.start("label"), m.start("label") + len(label), m.end())
    for m in _BARE_Q_RE.finditer(text):
        found.setdefault(m.start(), ("Q", m.start("label"), m.end("label"), m.end()))
    return [found[k] for k in sorted(found)]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Speech spans in text[start:end], with stage directions and interpreter notes cut out, whitespace trimmed."""
    cuts = [(m.start() + start, m.end() + start) for m in STAGE_DIRECTION_RE.finditer(text[start:end])]
    cuts += [(m.start() + start, m.end() + start) for m in INTERPRETER_RE.finditer(text[start:end])]
    cuts.sort()
    spans, pos = [], start
    for a, b in cuts:
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    spans.append((pos, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            out.append((a, b))
    return out


def find_turns(text: str) -> list[Turn]:
    """Every labelled turn in ``text`` (empty when there is none)."""
    labels = _labels(text)
    turns = []
    for i, (label, ls, le, ts) in enumerate(labels):
        end = labels[i + 1][1] if i + 1 < len(labels) else len(text)
        end_marker = _END_RE.search(text, ts, end)
        if end_marker:
            end = end_marker.start()
        # (1) an interpreter note right after the label marks the whole turn as interpreted.
        interpreted = False
        note = INTERPRETER_RE.match(text, ts)
        start = ts
        if note:
            interpreted, start = True, note.end()
        elif INTERPRETER_RE.search(text, ts, end):
            interpreted = True
        pieces = _pieces(text, start, end)
        if not pieces:
            continue
        turns.append(Turn(label, ls, le, pieces[0][0], pieces[-1][1], interpreted, pieces))
    return turns


def looks_like_transcript(kind: str, turns: list[Turn]) -> bool:
    """Declared transcripts need one turn; others MIN_TURNS_UNDECLARED, a named speaker, and a label used twice."""
    if kind == "transcript":
        return bool(turns)
    named = Counter(t.label for t in turns if t.label not in QUESTIONER_LABELS)
    # A speaker speaks more than once (or is questioned); headings of a fact sheet each occur once.
    repeated = any(n >= 2 for n in named.values()) or len(named) < len(turns)
    return len(turns) >= MIN_TURNS_UNDECLARED and bool(named) and repeated
