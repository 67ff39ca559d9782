"""``ask``'s answers from structured records, for the question forms :func:`ask.classify` recognises.

- ``role``: "What is X's title?": role records, else the title written next to the name ("<Name>, <Title>");
- ``when_met``: "When did X and Y meet?": meeting events with both as participants, else a sentence naming both
  with a meeting verb (not one about a meeting still to come), dated by the sentence, the event or the page;
- ``who_said``: "Who said "<words>"?": the quote record that holds the words, else the speaker written around them;
- ``what_said``: "What did X say about <topic>?": X's quoted or reported words that share the topic's words;
- ``attendees``: "Who attended <event>?": the people of sentences about the event.

Each returns candidates (:class:`answer_context.Candidate`); :func:`ask.candidates_for` checks their constraints.
"""

from __future__ import annotations

import re

from ..model import Document
from .answer_context import (
    MEETING_VERBS,
    STEMMED_CALL,
    STEMMED_MEETING,
    AnswerSentence,
    Candidate,
    Context,
    content_words,
    fold_with_map,
    full_name_match,
    has_name,
    name_tokens,
    other_given_name,
    overlap,
    proper_terms,
    slug,
    speaker_label,
    surname,
)
from .question_analysis import MONTHS
from .question_patterns import (
    FUTURE_MEETING,
    NAME_PREFIXES,
    SPEAKER_AFTER_QUOTE,
    SPEAKER_BEFORE_QUOTE,
    SPEECH_VERBS,
    STOP_WORDS,
    TITLE_HEADS,
)
from .role_titles import find_name, full_title
from .said_by import said_by
from .segment import Span, squash
from .typed_answers import NOT_NAME_WORDS as _NOT_NAME_WORDS
from .typed_answers import WORDS as _WORDS
from .typed_answers import complete_date as _complete_date
from .typed_answers import evidence_dates as _evidence_dates
from .typed_answers import fold as _fold
from .typed_answers import human_date as _human_date
from .typed_answers import name_in as _name_in
from .typed_answers import stem as _stem

__all__ = ["role", "when_met", "who_said", "what_said", "attendees", "TOPIC_END"]

MIN_TOPIC_OVERLAP = 0.5  # share of the asked topic's content words a sentence must contain to be about it
QUOTE_CONTEXT_CHARS = 90  # how far before/after a quote to look for "X said"
MIN_TOPIC_WORDS = 2  # "what X said about <two-word topic>": one shared word of it is a loose match, not the topic

_TURN = re.compile(r"^\s*([A-Z][A-ZÀ-Ý .’'\-]{2,60}):", re.MULTILINE)
# Where the topic of "what X said about <topic>" ends and a constraint begins ("during his call with Y", "when ...")
TOPIC_END = re.compile(r"\s+(?:during|when|while|after|before|at\s+(?:his|her|their|the|a)|in\s+(?:his|her|their|a))\s",
                       re.IGNORECASE)
_TITLE_WORD = r"(?:[A-Z][\w\-’'.]*|of|the|to|for|and|on)"
# "<Name>, <Party> leader" / "<Name>, <Office> Minister of <Country>,"
_TITLE_AFTER = re.compile(rf"\s*,\s*({_TITLE_WORD}(?:\s+{_TITLE_WORD})*(?:\s+(?:{'|'.join(TITLE_HEADS)}))?)")
# "<Office> Minister of <Country>, <Name>" / "Minister of <Office> <Name>"
_TITLE_BEFORE = re.compile(rf"(?<![\w,])([A-Z][\w\-’'.]*(?:\s+{_TITLE_WORD})*)\s*,?\s*$")


def role(ctx: Context, g: dict[str, str]) -> list[Candidate]:
    who = g["who"].strip(" ?")
    out: list[Candidate] = []
    seen: set[str] = set()
    for rank, doc in enumerate(ctx.candidates(who)):
        # 1. role records
        for r in doc.roles:
            if surname(r.person) != surname(who) or not r.title or other_given_name(r.person, who):
                continue  # another person, or a namesake ("<Given> <Surname>" asked, "<Other> <Surname>" recorded)
            title = squash(r.title)
            if r.organization and _fold(r.organization) not in _fold(title):
                title += f" ({squash(r.organization)})"
            else:  # the words the record left out: "Chief <...> and <Title>", "<Title> <Name> of <Place>"
                title = full_title(doc, r, title)
            if _fold(title) in seen:
                continue
            seen.add(_fold(title))
            conf = 1.0 if full_name_match(r.person, who) else 0.7
            span = ctx.sentence_at(doc, r.start, r.end)
            out.append(Candidate(conf + len(title) / 1000, [AnswerSentence(
                f"{squash(r.person)}: {title}.", [ctx.cite(doc, span)])]))
        # 2. the title written next to the name when no role record says it: "<Name>, <Title>" or "<Title>, <Name>"
        tokens = name_tokens(who)
        for sent in ctx.sentences(doc):
            folded, index = fold_with_map(sent.text)
            at = find_name(folded, tokens) if tokens else None  # "<Given> <Middle> <Surname>" written
            if at is None:
                continue
            before = sent.text[:index[at[0]]]
            after = sent.text[index[at[1] - 1] + 1:]
            found = [m.group(1) for m in (_TITLE_AFTER.match(after), _TITLE_BEFORE.search(before)) if m]
            for written in found:
                words = squash(written).split()
                while words and words[0].lower() in STOP_WORDS and words[0][0].isupper():
                    words = words[1:]  # "The <Title>" -> "<Title>"
                titles = [words]
                parts = " ".join(words).rsplit(" and ", 1)  # "<Title> X of <Country> and President" -> "President"
                if len(parts) == 2 and parts[1].split() and parts[1].split()[0].lower() in TITLE_HEADS:
                    titles = [parts[1].split(), parts[0].split()]  # two posts: both answer, the first one too
                for words in titles:
                    title = " ".join(words).rstrip(".")  # the sentence's full stop is no part of it
                    if not words or not words[0][0].isupper() or _fold(title) in seen or has_name(title, who):
                        continue
                    seen.add(_fold(title))
                    # documents retrieved first win ties: one title, from the best-matching document
                    out.append(Candidate(0.6 - 0.002 * rank, [AnswerSentence(f"{squash(who)}: {title}.",
                                                                              [ctx.cite(doc, sent)])]))
    return out


def _sentence_date(doc: Document, span: Span) -> str | None:
    """The first resolved calendar date written in the sentence."""
    for t in doc.timexes:
        if t.type == "DATE" and t.value and span.start <= t.start < span.end and re.match(r"^\d{4}-\d{2}", t.value):
            return t.value
    return None


def when_met(ctx: Context, g: dict[str, str], verb: str = "met") -> list[Candidate]:
    a, b = g["a"].strip(), g["b"].strip()
    out: list[Candidate] = []
    for doc in ctx.candidates(f"{a} {b}"):
        spans: list[tuple[bool, float, Span, str | None]] = []  # (explicit date?, confidence, sentence, event date)
        for e in doc.events:  # 1. an event with both as participants (or named in its evidence)
            if e.type != "CONSULT" or e.status == "planned":  # a meeting that took place, not "agreed to meet again"
                continue
            names = " ".join(p[0] for p in e.participants) + " " + doc.text[e.start:e.end]
            if has_name(names, a) and has_name(names, b):
                span = ctx.sentence_at(doc, e.start, e.end)
                spans.append((_sentence_date(doc, span) is not None, 1.0, span, e.date_value))
        for sent in ctx.sentences(doc):  # 2. a sentence naming both with a meeting verb
            if (has_name(sent.text, a) and has_name(sent.text, b) and MEETING_VERBS.search(sent.text)
                    and not FUTURE_MEETING.search(sent.text)):
                spans.append((_sentence_date(doc, sent) is not None, 0.8, sent, None))
        if not spans:
            continue
        explicit, conf, span, event_date = max(spans, key=lambda x: (x[0], x[1], -x[2].start))  # dated, then earliest
        when = _sentence_date(doc, span) or _complete_date(doc, event_date) or doc.published or next(
            iter(_evidence_dates(doc, span)), None)  # "September 10" in the page's year; "on Sunday" by its dates
        if when:
            out.append(Candidate(conf, [AnswerSentence(f"{a} and {b} {verb} on {_human_date(when)}.",
                                                        [ctx.cite(doc, span)])]))
    return out


def _speaker_near(doc: Document, start: int, end: int) -> str | None:
    """The speaker named right before ("X said “") or after ("” said X") a quote, or the transcript turn."""
    before = doc.text[max(0, start - QUOTE_CONTEXT_CHARS):start]
    m = SPEAKER_BEFORE_QUOTE.search(squash(before.rstrip("“\" ")) + " ")
    if m is None:
        m = SPEAKER_BEFORE_QUOTE.search(squash(before))
    if m:
        return m.group("name")
    m = SPEAKER_AFTER_QUOTE.match(squash(doc.text[end:end + QUOTE_CONTEXT_CHARS]))
    if m:
        return m.group("name").strip()
    turns = [t for t in _TURN.finditer(doc.text, 0, start)]
    return speaker_label(turns[-1].group(1)) if turns else None


_PRONOUNS = frozenset("he she they we i it".split())


def _is_name(text: str) -> bool:
    """A person's name, not a pronoun or an office alone ("He", "The Secretary", "the Prime Minister")."""
    words = [w for w in _WORDS.findall(_fold(text)) if w not in STOP_WORDS and w not in _PRONOUNS
             and w not in _NOT_NAME_WORDS]
    offices = NAME_PREFIXES | {w for head in TITLE_HEADS for w in head.split()}
    return any(w not in offices for w in words)


def _named_speaker(doc: Document, start: int, speaker: str | None, recorded: str | None) -> str | None:
    """The speaker by name: "he" or "the Minister" before a quote is the quote record's speaker when that is a
    name, else the last person named before the quote; None when no name is found."""
    if speaker:
        speaker = re.split(r"(?<=[a-z])\.\s+", speaker)[-1]  # "<Weekday>. He": the words of the last sentence
    if speaker and _is_name(speaker):
        return speaker
    if recorded and _is_name(recorded):
        return recorded
    before = [m for m in doc.mentions if m.type == "person" and m.end <= start and _is_name(m.text)]
    return squash(max(before, key=lambda m: m.start).text) if before else None


def who_said(ctx: Context, g: dict[str, str]) -> list[Candidate]:
    words = _fold(g["words"]).strip(" .,\"'")
    out: list[Candidate] = []
    for doc in ctx.candidates(g["words"]):
        folded, index = fold_with_map(doc.text)
        pos = folded.find(words)
        if pos < 0:
            continue
        start, end = index[pos], index[pos + len(words) - 1] + 1
        span = ctx.sentence_at(doc, start, end)
        speaker = None
        for q in doc.quotes:  # 1. the quote record that holds the words
            if q.start <= start and end <= q.end + 1:
                speaker = _named_speaker(doc, q.start, _speaker_near(doc, q.start, q.end), q.speaker_name)
                break
        # 2. the text around the words; 3. "he" / an office alone: the person named last before
        speaker = speaker or _named_speaker(doc, start, _speaker_near(doc, start, end), None)
        if speaker:
            out.append(Candidate(1.0, [AnswerSentence(f"{speaker_label(speaker)} said: “{squash(span.text)}”",
                                                       [ctx.cite(doc, span)])]))
    return out


def what_said(ctx: Context, g: dict[str, str]) -> list[Candidate]:
    who, topic = g["who"].strip(), TOPIC_END.split(g["topic"])[0]  # "<topic> during his call with Y": Y no topic
    # ... but Y must be on the page: the names of the constraint (months and question words aside)
    tail = g["topic"][len(topic):]
    on_page = [w for w in re.findall(r"\b[A-Z][\w\-’']+", tail) if w.lower() not in MONTHS
               and _fold(w) not in STOP_WORDS and w.lower() not in NAME_PREFIXES]
    # the topic's own words: months, years and the meeting or call it was said at are constraints, not the topic
    terms = [t for t in content_words(topic) if t not in {_stem(m) for m in MONTHS} and not t.isdigit()
             and not MEETING_VERBS.fullmatch(t) and t not in STEMMED_MEETING and t not in STEMMED_CALL]
    need = min(MIN_TOPIC_WORDS, len(terms))
    out: list[Candidate] = []
    for doc in ctx.candidates(f"{who} {topic}"):
        page = _fold(doc.text + " " + (doc.title or "") + " " + slug(doc))
        if not all(_name_in(w, page) for w in on_page):
            continue
        quoted = [q for q in doc.quotes
                  if has_name(_speaker_near(doc, q.start, q.end) or q.speaker_name or "", who)]
        for s in ctx.sentences(doc):
            score = overlap(terms, s.text)
            if score < MIN_TOPIC_OVERLAP or round(score * len(terms)) < need:
                continue
            in_quote = any(q.start - 2 <= s.end and s.start <= q.end + 2 for q in quoted)
            words = {w.lower() for w in _WORDS.findall(s.text)}
            reported = (has_name(s.text, who) and bool(words & SPEECH_VERBS)) or said_by(doc, s, who)
            if in_quote or reported:
                text = f"{who} said: “{squash(s.text)}”" if in_quote else squash(s.text)
                out.append(Candidate(0.5 + 0.5 * score, [AnswerSentence(text, [ctx.cite(doc, s)])]))
    return out


def _people_in(doc: Document, span: Span) -> list[str]:
    names = [p[0] for e in doc.events if e.start < span.end and e.end > span.start for p in e.participants
             if span.start <= p[1] < span.end]
    names += [r.person for r in doc.roles if span.start <= r.person_start < span.end]
    names += [m.text for m in doc.mentions if m.type == "person" and span.start <= m.start < span.end]
    out: dict[str, str] = {}
    for n in names:
        key = surname(n)
        if key and (key not in out or len(n) > len(out[key])):
            out[key] = squash(n)
    return list(out.values())


def attendees(ctx: Context, g: dict[str, str]) -> list[Candidate]:
    event = g["event"]
    terms = content_words(event)
    proper = proper_terms(event)
    out: list[Candidate] = []
    for doc in ctx.candidates(event):
        if proper and overlap(proper, doc.text) < MIN_TOPIC_OVERLAP:
            continue
        for s in ctx.sentences(doc):
            score = overlap(terms, s.text)
            people = _people_in(doc, s)
            if score < MIN_TOPIC_OVERLAP or not people:
                continue
            out.append(Candidate(score, [AnswerSentence(f"Taking part: {', '.join(people)}.", [ctx.cite(doc, s)])]))
    return out

