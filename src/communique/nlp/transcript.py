"""Transcript turns: speaker labels at line starts, in every common form, and the speaker each names.

Label forms (the text before the first colon of a line, optionally in markdown bold; the turn may start after the
colon with or without a space, or on the next line): upper case ("SECRETARY ALVAREZ:", "THE PRESIDENT:", "MS. LEAVITT:",
"FOREIGN MINISTER ÖZDEMİR:"); mixed case "Full Name, Title:", "Title Full Name:", "Title of Country Full Name:",
"Ms. FAMILY Given, Title:", a bare title ("Foreign Minister:") or a bare name ("Berg:"); questioner labels ("Q",
"Q:", "QUESTION:", "Question:", "Reporter:") and host labels ("MODERATOR:", "Host:", "Interviewer:"); each optionally
followed by a note in parentheses ("Name (retranslated):", "(via interpreter)") that marks the turn interpreted.

Label cascade (:func:`parse_label`): 1. strip a trailing note; 2. questioner -> role "question"; 3. host -> role
"host"; 4. upper case -> a speaker label (strong); 5. mixed case: every word capitalised or a name particle, no
heading word -> strong when it holds a title word, an honorific, a comma title or a note, else weak (a bare name).
A weak label counts only in a document that also has a strong mixed-case one, or when the bare names alone make a
dialogue (a bare "Washington:" opener is not a speaker, nor is a wrapped line "House Republicans: ..." in a
transcript labelled in capitals);
a mixed-case label starts a turn only when spoken words follow it (a sentence, not a quotation mark or a heading).

A turn runs from its label to the next label (or the end of the text). Its speech is the turn's text without an
interpreter note ("(Via interpreter)", "(As interpreted.)") and without stage directions ("(Laughter.)",
"(Applause.)"), which split the speech into pieces. A turn that only announces the next speaker ("MODERATOR: Next
question, from Reuters.") is speech by its own label's speaker, like any other turn.

Speaker names (:func:`speaker_name`), from the label and the document itself: 1. questioner/host turns -> "question"
/ "host"; 2. a label holding a full name ("Shri A B, Title", "President of X A B") -> that name; 3. a surname label
("SECRETARY ALVAREZ") -> the longest full name ending with that surname in the text; 4. a bare title ("THE SECRETARY",
"Foreign Minister") -> the person the text introduces with that title ("Foreign Minister A B"); else None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import NON_SPEAKER_LABELS
from ..turn_patterns import QUESTION, is_speaker_label
from .quote_patterns import (
    INTERPRETER_RE,
    LABEL_TITLES,
    STAGE_DIRECTION_RE,
)
from .transcript_patterns import (
    HEADING_WORDS,
    HONORIFICS,
    HOST_LABEL_RE,
    INTERPRETED_NOTE_RE,
    LABEL_NOTE_RE,
    MONOLOGUE_HEADING_RE,
    NAME_PARTICLES,
    QUESTION_LABEL_RE,
    TITLE_WORDS,
)

__all__ = [
    "Label",
    "Turn",
    "find_turns",
    "is_label",
    "label_name",
    "looks_like_transcript",
    "monologue_turn",
    "normalise_label",
    "parse_label",
    "speaker_name",
    "MIN_TURNS_UNDECLARED",
]

MIN_TURNS_UNDECLARED = 3  # a document not declared a transcript needs this many labelled turns (1-2 may be a list)
MAX_MIXED_LABEL_WORDS = 12  # "Ms. FAMILY Given, Minister for Foreign Affairs of Country" fits; a sentence runs longer
MAX_LABEL_CHARS = 90  # "Prime Minister of the Republic of X Given Family (retranslated)" fits; a paragraph does not
MONOLOGUE_HEAD_LINES = 8  # the heading of an unlabelled transcript sits under at most a few lines of page residue
MIN_UNPUNCTUATED_SPEECH_WORDS = 25  # a first line cut before its full stop still runs this long; a heading does not
QUOTE_OPENERS = "\"“‘«„'"  # a "label:" followed by a quotation mark introduces a quoted statement, not a turn
CACHE_SIZE = 256  # names looked up per (text, label): a briefing repeats a handful of labels hundreds of times
MIN_NAME_WORDS = 2  # a full name: given name + surname (the surname label supplies the last word)
MAX_NAME_WORDS = 5  # a person's name in a label or in the text ("Salem bin Rashid Al Amin")

# A label at a line start: optional markdown bold, up to the first colon on the line; or a bare "Q" before the text.
_LABEL_RE = re.compile(
    r"^[^\S\n]*(?:\*\*)?(?P<label>[^\n:*]{1,%s}?)[^\S\n]*(?:\*\*)?:(?:\*\*)?(?!//|\d)[^\S\n]*".replace("%s", str(MAX_LABEL_CHARS)),
    re.MULTILINE,
)
# (\s minus newline: transcripts write "Q" + no-break spaces.)
_BARE_Q_RE = re.compile(rf"^[^\S\n]*{QUESTION}[^\S\n]+(?=\S)", re.MULTILINE)
# An end-of-transcript marker ("END  1:45 P.M. EDT") is not speech.
_END_RE = re.compile(r"^[ \t]*END[ \t]+\d{1,2}:\d{2}.*$", re.MULTILINE)
_SMALL_WORDS = frozenset({"of", "the", "and", "de", "del", "la", "los", "las", "y", "for", "to", "on", "van", "von"})
# A note right after a label's colon: "(retranslated)", "(in translation)".
_TURN_NOTE_RE = re.compile(r"[^\S\n]*\((?:[^()\n]{0,20}\b)?(?:re-?translat\w*|translat\w*|interpret\w*)[^()\n]{0,20}\)[^\S\n]*", re.I)
_SENTENCE_END_RE = re.compile(r"[.?!…](?:[\"”’)\]]*)(?:\s|$)")
_WORD_RE = re.compile(r"[^\W\d_][\w.'’\-]*")
_NAME_WORD = r"(?:[A-Z]\.|[A-ZÀ-ÖØ-Þ][\w'’\-]*)"  # a capitalised word or an initial ("J."); no sentence end
_SP = r"[^\S\n]+"  # names do not run across lines


@dataclass(frozen=True, slots=True)
class Label:
    """A parsed speaker label."""

    text: str  # as written, without a trailing note ("Pavel Orlov" of "Pavel Orlov (retranslated)")
    role: str  # "speaker" | "question" | "host"
    strong: bool  # a label by itself (upper case, title word, honorific, comma title, note); weak: a bare name
    interpreted: bool = False  # a "(retranslated)" / "(via interpreter)" note in the label
    upper: bool = True  # written in capitals (or "Q"); mixed-case labels need speech-like text after them


@dataclass(frozen=True, slots=True)
class Turn:
    label: str  # as written, without a trailing note ("SECRETARY ALVAREZ")
    label_start: int
    label_end: int
    start: int  # the turn's text (after the label and any interpreter note)
    end: int
    interpreted: bool = False
    pieces: list[tuple[int, int]] = field(default_factory=list)  # speech spans (stage directions cut out)
    role: str = "speaker"  # "speaker" | "question" | "host"
    labelled: bool = True  # False: the one turn of an unlabelled transcript, its speaker named in the heading


def is_label(label: str) -> bool:
    """Whether ``label`` (the text before a colon) can be an upper-case speaker label."""
    return is_speaker_label(label)


def _is_mixed_word(word: str) -> bool:
    return word[:1].isupper() or word.lower() in NAME_PARTICLES or word.lower() in HONORIFICS


def parse_label(raw: str) -> Label | None:
    """The speaker label written as ``raw`` (the text before a line's first colon), or None (cascade in the module doc)."""
    raw = raw.strip()
    if raw[:1] in QUOTE_OPENERS:
        return None  # a transcript quoted in an article ('"WALLACE: ...'): the quote finder's business
    if not raw[:1].isupper():
        return None  # a wrapped line of prose ("question: What does ..."), not a label
    # 1. a trailing note: "(retranslated)", "(via interpreter)", "(Outlet)"
    text, interpreted = raw, False
    if (note := LABEL_NOTE_RE.search(raw)) and note.start() > 0:
        text = raw[: note.start()].strip()
        interpreted = bool(INTERPRETED_NOTE_RE.search(note["note"]))
    if not text or len(text) > MAX_LABEL_CHARS or any(ch.isdigit() for ch in text.replace(" ", "")[1:]) and not (
        QUESTION_LABEL_RE.fullmatch(text)
    ):
        return None
    # 2. a questioner, 3. a host
    if QUESTION_LABEL_RE.fullmatch(text):
        return Label(text, "question", True, interpreted)
    if HOST_LABEL_RE.fullmatch(text):
        return Label(text, "host", True, interpreted)
    # 4. upper case
    if is_label(text):
        return Label(text, "speaker", True, interpreted)
    # 5. mixed case
    words = text.replace(",", " , ").split()
    plain = [w for w in words if w != ","]
    if not plain or len(plain) > MAX_MIXED_LABEL_WORDS or not plain[0][:1].isupper():
        return None
    if not all(_is_mixed_word(w) for w in plain) or any(w.lower().strip(".'’") in HEADING_WORDS for w in plain):
        return None
    if re.search(r"\s\s", text):
        return None  # labels are written with single spaces; "Q    And on X" is a question's first words
    if text.upper().strip(" .") in NON_SPEAKER_LABELS or text.count(",") > 1 or not _WORD_RE.search(text):
        return None
    lowered = {w.lower() for w in plain}
    strong = bool(lowered & TITLE_WORDS or lowered & HONORIFICS or "," in text or interpreted)
    return Label(text, "speaker", strong, interpreted, upper=False)


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


def _case(word: str) -> str:
    """An all-caps word title-cased ("HARUNA" -> "Haruna"); other words as written."""
    if len(word) > 1 and word.isupper():
        return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
    return word


def label_name(label: str) -> tuple[str | None, str | None]:
    """(person name, title) written in a label: "Shri A B, Spokesperson" -> ("A B", "Spokesperson");
    "President of X A B" -> ("A B", "President of X"); "SECRETARY ALVAREZ" -> ("Alvarez", "Secretary");
    "THE PRESIDENT" -> (None, "President")."""
    head, _, title = label.partition(",")
    words = [_case(w) for w in head.split()]
    while words and words[0].lower() in HONORIFICS | {"the"}:
        words.pop(0)
    if title.strip():
        name = [w for w in words if w.lower() not in HONORIFICS]
        return (" ".join(name) or None), " ".join(_case(w) for w in title.split())
    # no comma: the name is the run of capitalised words at the end, after the title ("of Country" included)
    i = len(words)
    while i > 0:
        word = words[i - 1]
        low = word.lower().strip(".")
        if low in TITLE_WORDS or not (word[:1].isupper() or low in NAME_PARTICLES - {"of", "the", "and", "for"}):
            break
        if i >= 2 and words[i - 2].lower() in ("of", "for"):
            break  # "President of Norland": a country, not a name
        i -= 1
    while i < len(words) and words[i].lower() in NAME_PARTICLES:
        i += 1
    name_words = words[i:][-MAX_NAME_WORDS:]
    title_words = words[:i]
    return (" ".join(name_words) or None), (" ".join(title_words) or None)


def _speech_like(speech: str) -> bool:
    """Whether the text after a mixed-case label is spoken words: not a quotation ("Name, Outlet: “...”", a list of
    quoted reactions) and a sentence, not a list item or heading ("A National Call for ...")."""
    if speech[:1] in QUOTE_OPENERS:
        return False
    first = speech.split("\n", 1)[0].strip()  # its first line: a sentence, a salutation ("Dear colleagues,")
    return bool(_SENTENCE_END_RE.search(first + " ")) or first.endswith(",") or (
        len(first.split()) >= MIN_UNPUNCTUATED_SPEECH_WORDS
    )


def _labels(text: str) -> list[tuple[Label, int, int, int]]:
    """(label, label_start, label_end, text_start) for every turn label, in order."""
    found: dict[int, tuple[Label, int, int, int]] = {}
    for m in _LABEL_RE.finditer(text):
        lab = parse_label(m.group("label"))
        if lab is not None:
            ls = m.start("label") + (len(m.group("label")) - len(m.group("label").lstrip()))
            found[m.start()] = (lab, ls, ls + len(lab.text), m.end())
    for m in _BARE_Q_RE.finditer(text):  # "Q   And on X: ..." is a question, not the mixed-case label "Q And on X"
        if m.start() not in found or not found[m.start()][0].upper:
            found[m.start()] = (Label("Q", "question", True), m.start("q"), m.end("q"), m.end())
    # a weak label (a bare name) counts only next to a strong mixed-case one: in a document that writes its labels in
    # capitals, a capitalised "House Republicans:" is a wrapped line of prose
    # ... unless the bare names alone make a dialogue ("Berg: ... Costa: ... Berg: ..."): two voices, one speaking twice
    weak = Counter(lab.text for lab, *_ in found.values() if not lab.strong)
    dialogue = sum(weak.values()) >= MIN_TURNS_UNDECLARED and len(weak) >= 2 and max(weak.values()) >= 2
    if not dialogue and not any(lab.strong and not lab.upper for lab, *_ in found.values()):
        found = {k: v for k, v in found.items() if v[0].strong}
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
        # (1) a note in the label or right after it marks the whole turn as interpreted; (2) one inside, too.
        interpreted = label.interpreted
        note = INTERPRETER_RE.match(text, ts) or _TURN_NOTE_RE.match(text, ts)
        start = ts
        if note:
            interpreted, start = True, note.end()
        elif INTERPRETER_RE.search(text, ts, end):
            interpreted = True
        pieces = _pieces(text, start, end)
        if not pieces or not label.upper and not _speech_like(text[pieces[0][0] : pieces[-1][1]]):
            continue
        turns.append(Turn(label.text, ls, le, pieces[0][0], pieces[-1][1], interpreted, pieces, label.role))
    return turns


def monologue_turn(text: str) -> Turn | None:
    """The one turn of an unlabelled transcript whose heading names its speaker ("Minister A B's opening
    statement and answers to questions ...", "Remarks by A B at ..."): the speech-like paragraphs under the heading; None without
    such a heading. The label is the name as the heading writes it."""
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)][:MONOLOGUE_HEAD_LINES]
    for line in lines:
        m = MONOLOGUE_HEADING_RE.match(text, line.start(), line.end())
        if not m:
            continue
        group = "poss" if m.group("poss") else "by"
        name_words = m.group(group).split()
        if name_words and name_words[0].lower() == "the" and len(name_words) == 1 or not name_words[-1][:1].isupper():
            return None
        ls, le = m.start(group), m.end(group)
        pieces = []
        for para in re.finditer(r"[^\n]*\S[^\n]*", text[line.end() :]):
            a, b = line.end() + para.start(), line.end() + para.end()
            if _speech_like(text[a:b]) and _SENTENCE_END_RE.search(text[a:b] + " "):
                pieces += _pieces(text, a, b)
        if not pieces:
            return None
        return Turn(m.group(group), ls, le, pieces[0][0], pieces[-1][1], False, pieces, labelled=False)
    return None


def looks_like_transcript(kind: str, turns: list[Turn]) -> bool:
    """Declared transcripts need one turn; others MIN_TURNS_UNDECLARED, a named speaker, and a label used twice."""
    if kind == "transcript":
        return bool(turns)
    named = Counter(t.label for t in turns if t.role == "speaker")
    # A speaker speaks more than once (or is questioned); headings of a fact sheet each occur once.
    repeated = any(n >= 2 for n in named.values()) or len(named) < len(turns)
    return len(turns) >= MIN_TURNS_UNDECLARED and bool(named) and repeated


@lru_cache(maxsize=CACHE_SIZE)
def _full_name(text: str, surname: str) -> str | None:
    """The longest name ending with ``surname`` in ``text`` ("Maria T. Alvarez" for "Alvarez"), titles left out."""
    best: Counter[str] = Counter()
    pattern = rf"((?:{_NAME_WORD}{_SP}){{1,{MAX_NAME_WORDS - 1}}}){re.escape(surname)}\b"
    for m in re.finditer(pattern, text):
        words = m.group(1).split()
        titled = [i for i, w in enumerate(words) if w.lower().strip(".") in TITLE_WORDS or w.lower() in HONORIFICS]
        words = words[titled[-1] + 1 :] if titled else words  # "Turkish Foreign Minister A B" -> "A B"
        if re.search(r"\b(?:of|for)\s+(?:the\s+)?$", text[max(0, m.start() - 8) : m.start()]):
            words = words[-(MIN_NAME_WORDS - 1) :]  # "Secretary of Homeland Security A B": the office, then A
        if words:
            best[" ".join([*words, surname])] += 1
    if not best:
        return None
    return max(best, key=lambda n: (len(n.split()), best[n]))


@lru_cache(maxsize=CACHE_SIZE)
def _titled_person(text: str, title: str) -> str | None:
    """The person ``text`` introduces with ``title`` ("Foreign Minister A B" -> "A B"), the most frequent one."""
    words = [w for w in title.split() if w.lower() not in HONORIFICS | {"the"}]
    if not words:
        return None
    title_re = r"\s+".join(re.escape(w) for w in words)
    of_country = rf"(?:{_SP}(?:of|for){_SP}(?:the{_SP})?[A-Z][\w'’\-]*(?:{_SP}[A-Z][\w'’\-]*)?)?"
    pattern = rf"\b(?i:{title_re}){of_country}{_SP}((?:{_NAME_WORD}{_SP}){{0,{MAX_NAME_WORDS - 1}}}{_NAME_WORD})"
    found: Counter[str] = Counter()
    for m in re.finditer(pattern, text):
        name = [w for w in m.group(1).split() if w.lower().strip(".") not in TITLE_WORDS]
        if name and name[0][:1].isupper() and all(w[:1].isupper() for w in name):
            found[" ".join(name).rstrip(".")] += 1
    return found.most_common(1)[0][0] if found else None


def speaker_name(text: str, turn: Turn) -> str | None:
    """The person who speaks ``turn``, from its label and ``text`` (cascade in the module doc); None if unknown."""
    # 1. questioner and host turns are not attributed to a person
    if turn.role != "speaker":
        return turn.role
    name, title = label_name(turn.label)
    # 2. a full name in the label
    if name and len(name.split()) >= 2:
        return name
    # 3. a surname label
    if name:
        return _full_name(text, name)
    # 4. a bare title
    if title:
        person = _titled_person(text, title)
        if person and len(person.split()) == 1:
            return _full_name(text, person) or person
        return person
    return None
