"""``ask``: answer a question from the knowledge base, every answer sentence with its citations.

Cascade:
1. analyse the question (:mod:`question_analysis`): question word, answer type, names, places, month / year / day,
   counted words, focus words; and recognise a few question forms (:mod:`question_patterns`: when_met, who_said,
   what_said, attendees, role) whose structured records answer them;
2. retrieve candidate documents with the full-text index (the question's names and words, best documents first);
3. answer a recognised form from its records (events with participants and dates, quotes with speakers, roles) and
   keep only answers that satisfy the question's constraints (:func:`_satisfies`: month / year, place, the names
   near a meeting date, a sentence that reports the meeting, a call or a meeting as asked);
4. otherwise, or beside a meeting date, the general answerer (:func:`_general`): sentences of documents naming every
   asked name and place, scored by names and focus words, kept when the time constraint holds and the sentence holds
   an answer of the asked type (a date, a place, a person, a number with what it counts, a duration);
5. "What did X say ...": only X's quoted or reported words answer (:mod:`said_by`), not the other side's nor a
   joint discussion;
6. a yes / no question: "Yes." before the sentence found, "No, ..." for a contact taken for granted that was of
   another kind or held elsewhere (:mod:`yes_no`);
7. every candidate carries a confidence; below :data:`MIN_CONFIDENCE` the answer is "not in the sources".

Citations point at sentences of the clean text: ``doc.text[start:end]`` is the cited sentence.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ..model import Document
from ..text import strip_accents
from . import answer_scorer, yes_no
from .hits import SearchQueryError, doc_title
from .index import SQLIndex, index_for
from .nationalities import main_forms
from .question_analysis import MONTHS, Analysis, analyze
from .question_patterns import (
    CALL_STEMS,
    CALL_WORDS,
    MEETING_REPORT,
    MEETING_STEMS,
    NAME_PREFIXES,
    NAME_SUFFIXES,
    QUESTION_PATTERNS,
    SPEAKER_AFTER_QUOTE,
    SPEAKER_BEFORE_QUOTE,
    SPEECH_VERBS,
    STOP_WORDS,
    TITLE_HEADS,
)
from .role_titles import find_name, full_title
from .said_by import asked_speaker, listener, said_by
from .segment import Span, sentences, squash
from .typed_answers import (
    NOT_NAME_WORDS as _NOT_NAME_WORDS,
)
from .typed_answers import (
    WORDS as _WORDS,
)
from .typed_answers import (
    complete_date as _complete_date,
)
from .typed_answers import (
    counts_asked as _counts_asked,
)
from .typed_answers import (
    date_ok as _date_ok,
)
from .typed_answers import (
    date_parts as _date_parts,
)
from .typed_answers import (
    evidence_dates as _evidence_dates,
)
from .typed_answers import (
    fold as _fold,
)
from .typed_answers import (
    human_date as _human_date,
)
from .typed_answers import (
    kind_ok as _kind_ok,
)
from .typed_answers import (
    name_in as _name_in,
)
from .typed_answers import (
    ordinal_of as _ordinal_of,
)
from .typed_answers import (
    stem as _stem,
)
from .typed_answers import (
    typed_answer as _typed_answer,
)
from .word_families import family

__all__ = ["ask", "Answer", "AnswerSentence", "classify", "MIN_CONFIDENCE", "NOT_IN_SOURCES"]

MIN_CONFIDENCE = 0.5  # below this the best candidate is a guess: say "not in the sources" instead
CANDIDATE_DOCS = 12  # documents retrieved per question (the answer is in the top few for focused questions)
MIN_TOPIC_OVERLAP = 0.5  # share of the asked topic's content words a sentence must contain to be about it
MAX_ANSWER_SENTENCES = 3  # enough for "several meetings" or "two quotes", short enough to read
QUOTE_CONTEXT_CHARS = 90  # how far before/after a quote to look for "X said"
NOT_IN_SOURCES = "Not in the sources."
NAME_WINDOW = 1  # a name asked about may stand in the sentence before or after the answer ("She was met by ...")
LEAD = 3  # a place asked about may be written once, in the title, dateline, address or first sentences of the page
MIN_NAME_SHARE = 0.5  # at least half the asked names near the answer sentence (all of them are in the document)
NAME_WEIGHT = 0.5  # names and focus words count alike in a sentence's confidence
PLACE_BONUS = 0.02  # the asked place in the answer sentence itself beats a place named elsewhere on the page
UNDATED_PENALTY = 0.1  # an answer from a page without any date, for a question that names a month or year
RANK_PENALTY = 0.002  # documents retrieved first win ties
MIN_FOCUS_SENTENCE = 0.5  # a whole sentence as the answer: at least half the question's focus words in it
MIN_FOCUS_TYPED = 0.34  # a date / place / person / number answer: a third of the focus words around it
GENERAL_DOCS = 20  # documents read per analysed question (names common to many pages push the answer down)
SELF_NAME_BONUS = 0.04  # the asked names in the sentence itself beat names found only in its neighbours
HEAD_BONUS = 0.1  # "Which treaty ...": a sentence naming a treaty beats one that does not (the name may stand alone)
UNDESCRIBED_PENALTY = 0.2  # "Which premier ...": a person with no such title near is a weaker answer
DESCRIBED_SHARE = 0.5  # "Which <Agency> Administrator ...": the asked title beside a person counts as half the focus
SHORT_BODY = 8  # the first sentences of a page refer back ("The two leaders", "She") to the people its lead names
COUNTED_SHARE = 0.5  # "How many <things>": a number of those things written counts as half the focus
MIN_TOPIC_WORDS = 2  # "what X said about <two-word topic>": one shared word of it is a loose match, not the topic
OTHER_DATE_PENALTY = 0.05  # a sentence dated otherwise on a page of the asked date loses to one of the asked date
WIDE_MIN_FOCUS = 0.2  # ``wide``: a sentence with fewer of the focus words is off topic even for the learned scorer

_MEETING_STEMS = frozenset(_stem(w) for w in MEETING_STEMS)  # compared with stemmed question words
_CALL_STEMS = frozenset(_stem(w) for w in CALL_STEMS)
_TURN = re.compile(r"^\s*([A-Z][A-ZÀ-Ý .’'\-]{2,60}):", re.MULTILINE)
# A sentence about a meeting still to come ("agreed to meet again", "will travel", "plan to hold talks").
_FUTURE_MEETING = re.compile(r"\b(?:will|shall|would|to (?:meet|travel|visit|hold|speak)|plan(?:s|ned)? to|next (?:week|month|year))\b",
                             re.IGNORECASE)
_MEETING_VERBS = re.compile(r"\b(?:met|meet|meets|meeting|spoke|speak|call|called|talks?|talked|hosted|visited|"
                            r"joined|convened|discussed)\b", re.IGNORECASE)
# "Who did <subject> meet / host / visit ...": the person asked for is the other side of the meeting
_MET_WHOM = re.compile(r"^\s*(?:who|whom)\s+did\s+(?:[\w.\-’']+\s+){1,3}?(?:meet|host|visit|welcome|receive)\b",
                       re.IGNORECASE)
# Where the topic of "what X said about <topic>" ends and a constraint begins ("during his call with Y", "when ...")
_TOPIC_END = re.compile(r"\s+(?:during|when|while|after|before|at\s+(?:his|her|their|the|a)|in\s+(?:his|her|their|a))\s",
                        re.IGNORECASE)
_TITLE_WORD = r"(?:[A-Z][\w\-’'.]*|of|the|to|for|and|on)"
# "<Name>, <Party> leader" / "<Name>, <Office> Minister of <Country>,"
_TITLE_AFTER = re.compile(rf"\s*,\s*({_TITLE_WORD}(?:\s+{_TITLE_WORD})*(?:\s+(?:{'|'.join(TITLE_HEADS)}))?)")
# "<Office> Minister of <Country>, <Name>" / "Minister of <Office> <Name>"
_TITLE_BEFORE = re.compile(rf"(?<![\w,])([A-Z][\w\-’'.]*(?:\s+{_TITLE_WORD})*)\s*,?\s*$")


@dataclass
class AnswerSentence:
    text: str
    citations: list[dict[str, Any]] = field(default_factory=list)  # {doc, start, end, title}


@dataclass
class Answer:
    question: str
    sentences: list[AnswerSentence] = field(default_factory=list)
    not_in_sources: bool = False
    intent: str = "keywords"
    confidence: float = 0.0

    @property
    def text(self) -> str:
        return NOT_IN_SOURCES if self.not_in_sources else " ".join(s.text for s in self.sentences)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["text"] = self.text
        return data


@dataclass
class _Candidate:
    confidence: float
    sentences: list[AnswerSentence]
    step: str = "general"  # the cascade step (handler) that produced it: a feature of the learned scorer
    relaxed: bool = False  # it breaks a constraint the rules require (kept only for the learned scorer to weigh)


# -- text helpers -----------------------------------------------------------------------------------------


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`_fold` that also returns, for each folded character, its index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        base = strip_accents(ch) or ch
        base = {"’": "'", "‘": "'", "“": '"', "”": '"'}.get(base, base).lower()
        if base.isspace():
            if out and out[-1] == " ":
                continue
            base = " "
        for c in base:
            out.append(c)
            index.append(i)
    return "".join(out), index




def _content_words(text: str) -> list[str]:
    words = [w.strip("'-") for w in _WORDS.findall(_fold(text))]
    return list(dict.fromkeys(_stem(w) for w in words if w and w not in STOP_WORDS and len(w) > 1))


def _proper_terms(text: str) -> list[str]:
    """Capitalised words after the first one ("security assistance for Moldova" -> ["moldova"])."""
    words = _WORDS.findall(text)
    return [_stem(_fold(w)) for w in words[1:] if w[0].isupper() and _fold(w) not in STOP_WORDS]


def _overlap(terms: list[str], text: str) -> float:
    if not terms:
        return 0.0
    have = {_stem(w.strip("'-")) for w in _WORDS.findall(_fold(text))}
    return sum(t in have for t in terms) / len(terms)


def _name_tokens(name: str) -> list[str]:
    tokens = [t for t in _WORDS.findall(_fold(name)) if t not in NAME_SUFFIXES]
    while len(tokens) > 1 and tokens[0] in NAME_PREFIXES:
        tokens = tokens[1:]
    return tokens


def _surname(name: str) -> str:
    tokens = _name_tokens(name)
    return tokens[-1] if tokens else ""


def _has_name(text: str, name: str) -> bool:
    """The name's surname occurs as a word in ``text`` (diacritics and case ignored)."""
    surname = _surname(name)
    return bool(surname) and re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", _fold(text)) is not None


def _full_name_match(candidate: str, asked: str) -> bool:
    """Every token of the asked name (titles dropped) occurs in the candidate name."""
    have = set(_name_tokens(candidate))
    want = _name_tokens(asked)
    return bool(want) and all(t in have for t in want)




def _speaker_label(raw: str) -> str:
    """``PRESIDENT LÓPEZ OBRADOR`` -> ``President López Obrador``; names as written otherwise."""
    raw = squash(raw)
    return raw.title() if raw.isupper() else raw


# -- retrieval --------------------------------------------------------------------------------------------
class _Context:
    """Candidate documents and their sentences, loaded once per question."""

    def __init__(self, store: Any, index: SQLIndex | None = None) -> None:
        self.store = store
        self.index = index or index_for(store)
        self._docs: dict[str, Document] = {}
        self._sentences: dict[str, list[Span]] = {}
        self.ranks: dict[str, int] = {}  # document id -> its best position in any retrieval of this question

    def doc(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            found = self.store.get(doc_id)
            if found is None:
                return None
            self._docs[doc_id] = found
        return self._docs[doc_id]

    def sentences(self, doc: Document) -> list[Span]:
        if doc.id not in self._sentences:
            self._sentences[doc.id] = sentences(doc.text)
        return self._sentences[doc.id]

    def sentence_at(self, doc: Document, start: int, end: int | None = None) -> Span:
        end = start + 1 if end is None else end
        for s in self.sentences(doc):
            if s.start <= start < s.end or (s.start < end and s.end > start):
                return s
        return Span(start, end, doc.text[start:end])

    def candidates(self, query: str, limit: int = CANDIDATE_DOCS) -> list[Document]:
        """Documents matching any of the query's words (stop words dropped), best first (the index's keywords)."""
        words = " ".join(w for w in _WORDS.findall(query) if _fold(w) not in STOP_WORDS) or query
        try:
            ids = self.index.candidates(words, limit=limit)
        except SearchQueryError:
            return []
        for rank, i in enumerate(ids):
            self.ranks[i] = min(rank, self.ranks.get(i, rank))
        return [d for d in (self.doc(i) for i in ids) if d is not None]

    def cite(self, doc: Document, span: Span) -> dict[str, Any]:
        return {"doc": doc.id, "start": span.start, "end": span.end, "title": doc_title(doc.title, doc.source)}


# -- handlers ---------------------------------------------------------------------------------------------
def _role(ctx: _Context, g: dict[str, str]) -> list[_Candidate]:
    who = g["who"].strip(" ?")
    out: list[_Candidate] = []
    seen: set[str] = set()
    for rank, doc in enumerate(ctx.candidates(who)):
        # 1. role records
        for r in doc.roles:
            if _surname(r.person) != _surname(who) or not r.title:
                continue
            title = squash(r.title)
            if r.organization and _fold(r.organization) not in _fold(title):
                title += f" ({squash(r.organization)})"
            else:  # the words the record left out: "Chief <...> and <Title>", "<Title> <Name> of <Place>"
                title = full_title(doc, r, title)
            if _fold(title) in seen:
                continue
            seen.add(_fold(title))
            conf = 1.0 if _full_name_match(r.person, who) else 0.7
            span = ctx.sentence_at(doc, r.start, r.end)
            out.append(_Candidate(conf + len(title) / 1000, [AnswerSentence(
                f"{squash(r.person)}: {title}.", [ctx.cite(doc, span)])]))
        # 2. the title written next to the name when no role record says it: "<Name>, <Title>" or "<Title>, <Name>"
        tokens = _name_tokens(who)
        for sent in ctx.sentences(doc):
            folded, index = _fold_with_map(sent.text)
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
                    if not words or not words[0][0].isupper() or _fold(title) in seen or _has_name(title, who):
                        continue
                    seen.add(_fold(title))
                    # documents retrieved first win ties: one title, from the best-matching document
                    out.append(_Candidate(0.6 - 0.002 * rank, [AnswerSentence(f"{squash(who)}: {title}.",
                                                                              [ctx.cite(doc, sent)])]))
    return out


def _sentence_date(doc: Document, span: Span) -> str | None:
    """The first resolved calendar date written in the sentence."""
    for t in doc.timexes:
        if t.type == "DATE" and t.value and span.start <= t.start < span.end and re.match(r"^\d{4}-\d{2}", t.value):
            return t.value
    return None


def _date_for(ctx: _Context, doc: Document, span: Span) -> str | None:
    return _sentence_date(doc, span) or doc.published


def _when_met(ctx: _Context, g: dict[str, str], verb: str = "met") -> list[_Candidate]:
    a, b = g["a"].strip(), g["b"].strip()
    out: list[_Candidate] = []
    for doc in ctx.candidates(f"{a} {b}"):
        spans: list[tuple[bool, float, Span, str | None]] = []  # (explicit date?, confidence, sentence, event date)
        for e in doc.events:  # 1. an event with both as participants (or named in its evidence)
            if e.type != "CONSULT" or e.status == "planned":  # a meeting that took place, not "agreed to meet again"
                continue
            names = " ".join(p[0] for p in e.participants) + " " + doc.text[e.start:e.end]
            if _has_name(names, a) and _has_name(names, b):
                span = ctx.sentence_at(doc, e.start, e.end)
                spans.append((_sentence_date(doc, span) is not None, 1.0, span, e.date_value))
        for sent in ctx.sentences(doc):  # 2. a sentence naming both with a meeting verb
            if (_has_name(sent.text, a) and _has_name(sent.text, b) and _MEETING_VERBS.search(sent.text)
                    and not _FUTURE_MEETING.search(sent.text)):
                spans.append((_sentence_date(doc, sent) is not None, 0.8, sent, None))
        if not spans:
            continue
        explicit, conf, span, event_date = max(spans, key=lambda x: (x[0], x[1], -x[2].start))  # dated, then earliest
        when = _sentence_date(doc, span) or _complete_date(doc, event_date) or doc.published or next(
            iter(_evidence_dates(doc, span)), None)  # "September 10" in the page's year; "on Sunday" by its dates
        if when:
            out.append(_Candidate(conf, [AnswerSentence(f"{a} and {b} {verb} on {_human_date(when)}.",
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
    return _speaker_label(turns[-1].group(1)) if turns else None


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


def _who_said(ctx: _Context, g: dict[str, str]) -> list[_Candidate]:
    words = _fold(g["words"]).strip(" .,\"'")
    out: list[_Candidate] = []
    for doc in ctx.candidates(g["words"]):
        folded, index = _fold_with_map(doc.text)
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
            out.append(_Candidate(1.0, [AnswerSentence(f"{_speaker_label(speaker)} said: “{squash(span.text)}”",
                                                       [ctx.cite(doc, span)])]))
    return out


def _what_said(ctx: _Context, g: dict[str, str]) -> list[_Candidate]:
    who, topic = g["who"].strip(), _TOPIC_END.split(g["topic"])[0]  # "<topic> during his call with Y": Y no topic
    # ... but Y must be on the page: the names of the constraint (months and question words aside)
    tail = g["topic"][len(topic):]
    on_page = [w for w in re.findall(r"\b[A-Z][\w\-’']+", tail) if w.lower() not in MONTHS
               and _fold(w) not in STOP_WORDS and w.lower() not in NAME_PREFIXES]
    # the topic's own words: months, years and the meeting or call it was said at are constraints, not the topic
    terms = [t for t in _content_words(topic) if t not in {_stem(m) for m in MONTHS} and not t.isdigit()
             and not _MEETING_VERBS.fullmatch(t) and t not in _MEETING_STEMS and t not in _CALL_STEMS]
    need = min(MIN_TOPIC_WORDS, len(terms))
    out: list[_Candidate] = []
    for doc in ctx.candidates(f"{who} {topic}"):
        page = _fold(doc.text + " " + (doc.title or "") + " " + _slug(doc))
        if not all(_name_in(w, page) for w in on_page):
            continue
        quoted = [q for q in doc.quotes
                  if _has_name(_speaker_near(doc, q.start, q.end) or q.speaker_name or "", who)]
        for s in ctx.sentences(doc):
            score = _overlap(terms, s.text)
            if score < MIN_TOPIC_OVERLAP or round(score * len(terms)) < need:
                continue
            in_quote = any(q.start - 2 <= s.end and s.start <= q.end + 2 for q in quoted)
            words = {w.lower() for w in _WORDS.findall(s.text)}
            reported = (_has_name(s.text, who) and bool(words & SPEECH_VERBS)) or said_by(doc, s, who)
            if in_quote or reported:
                text = f"{who} said: “{squash(s.text)}”" if in_quote else squash(s.text)
                out.append(_Candidate(0.5 + 0.5 * score, [AnswerSentence(text, [ctx.cite(doc, s)])]))
    return out


def _people_in(doc: Document, span: Span) -> list[str]:
    names = [p[0] for e in doc.events if e.start < span.end and e.end > span.start for p in e.participants
             if span.start <= p[1] < span.end]
    names += [r.person for r in doc.roles if span.start <= r.person_start < span.end]
    names += [m.text for m in doc.mentions if m.type == "person" and span.start <= m.start < span.end]
    out: dict[str, str] = {}
    for n in names:
        key = _surname(n)
        if key and (key not in out or len(n) > len(out[key])):
            out[key] = squash(n)
    return list(out.values())


def _attendees(ctx: _Context, g: dict[str, str]) -> list[_Candidate]:
    event = g["event"]
    terms = _content_words(event)
    proper = _proper_terms(event)
    out: list[_Candidate] = []
    for doc in ctx.candidates(event):
        if proper and _overlap(proper, doc.text) < MIN_TOPIC_OVERLAP:
            continue
        for s in ctx.sentences(doc):
            score = _overlap(terms, s.text)
            people = _people_in(doc, s)
            if score < MIN_TOPIC_OVERLAP or not people:
                continue
            out.append(_Candidate(score, [AnswerSentence(f"Taking part: {', '.join(people)}.", [ctx.cite(doc, s)])]))
    return out


def classify(question: str) -> tuple[str, dict[str, str]]:
    """(intent, named groups) of the first matching question pattern, or ("keywords", {})."""
    for intent, pattern in QUESTION_PATTERNS:
        m = pattern.match(question)
        if m:
            return intent, {k: v for k, v in m.groupdict().items() if v}
    return "keywords", {}


def _cited_text(ctx: _Context, sentence: AnswerSentence) -> str:
    """The text of the sentences an answer sentence cites."""
    docs = [(ctx.doc(c["doc"]), c) for c in sentence.citations]
    return " ".join(d.text[c["start"]:c["end"]] for d, c in docs if d is not None)


def _cites_words_of(ctx: _Context, sentence: AnswerSentence, who: str) -> bool:
    """Every sentence cited gives ``who``'s words (:func:`said_by`)."""
    for cite in sentence.citations:
        doc = ctx.doc(cite["doc"])
        if doc is None or not said_by(doc, ctx.sentence_at(doc, cite["start"], cite["end"]), who):
            return False
    return bool(sentence.citations)


def _satisfies(ctx: _Context, a: Analysis, c: _Candidate) -> bool:
    """A record answer keeps the question's constraints: its date in the asked month / year, the asked places near."""
    for sentence in c.sentences:
        for cite in sentence.citations:
            doc = ctx.doc(cite["doc"])
            if doc is None:
                return False
            span = ctx.sentence_at(doc, cite["start"], cite["end"])
            index = next((i for i, s in enumerate(ctx.sentences(doc)) if s.start == span.start), 0)
            near = _fold(_window(ctx, doc, index) + " " + (doc.title or "") + " " + (doc.dateline or "") + " "
                         + _slug(doc) + " "
                         + " ".join(s.text for s in ctx.sentences(doc)[:LEAD]))
            if not all(_name_in(p, near) for p in a.places):
                return False
            window = _fold(_window(ctx, doc, index))
            if a.answer_type == "date" and not all(_name_in(n, window) for n in a.names):
                return False  # a date answer: the sentence or its neighbours name everyone asked about
            text = doc.text[span.start:span.end]
            if a.answer_type == "date" and a.meeting and not MEETING_REPORT.search(text):
                return False
            if not _kind_ok(a, doc, span):
                return False  # a call asked about as a meeting, or a meeting as a call
            if a.has_time:
                written = re.findall(r"\((\d{4}-\d{2}(?:-\d{2})?)\)", sentence.text)
                dates = written or [*_evidence_dates(doc, span), doc.published or ""]
                if not any(_date_ok(a, d) for d in dates):
                    return False
    return True


def candidates_for(store: Any, question: str, wide: bool = False) -> tuple[_Context, Analysis, str, list[_Candidate]]:
    """(context, analysis, intent, every candidate answer kept by steps 1-5 of the cascade, best rule score first).

    ``wide``: also the candidates that break a constraint of step 3 or 4 (a month, place, meeting kind, too few
    focus words), marked ``relaxed``: the rules never choose them; the learned scorer weighs them."""
    index = index_for(store)
    intent, groups = classify(question)
    a = analyze(question)
    ctx = _Context(store, index)
    if intent == "role" and re.search(r"\b[a-z]{3,}\b", re.sub(r"\b(?:of|the|and|de|la|del|van|von|bin|al)\b", "",
                                                               groups.get("who", ""))):
        intent = "general"  # "Who is the <title> who ...": a person described, not a name to look up
    if intent in ("keywords", "when_event", "figures"):
        intent = "general"
    for key in ("a", "b"):  # "<Name> of <Country> about <topic> in <Month>": the name alone; the rest are constraints
        if key in groups:
            groups[key] = re.split(r"\s+(?:in|at|on|during|about|regarding|over|to|of|from|for|by)\s+", groups[key])[0]
    verb = {"speak": "spoke", "talk": "talked"}.get(
        next((w for w in ("speak", "talk") if re.search(rf"\b{w}\b", question, re.IGNORECASE)), ""), "met")
    handlers = {
        "role": lambda: _role(ctx, groups),
        "when_met": lambda: _when_met(ctx, groups, verb),
        "who_said": lambda: _who_said(ctx, groups),
        "what_said": lambda: _what_said(ctx, groups),
        "attendees": lambda: _attendees(ctx, groups),
        "general": lambda: [],
    }
    # the records of a recognised question form first; the general analysis when they give nothing
    found = [replace(c, step=intent, relaxed=not _satisfies(ctx, a, c)) for c in handlers[intent]()]
    found = [c for c in found if wide or not c.relaxed]
    if intent in ("general", "when_met") or not any(not c.relaxed for c in found):
        general = _general(ctx, a, wide)
        if intent == "what_said":  # what X said: a sentence that names X, not one about whoever else was there
            general = [c for c in general if all(_has_name(_cited_text(ctx, s), groups["who"])
                                                 or _cites_words_of(ctx, s, groups["who"]) for s in c.sentences)]
        found += general
    speaker = asked_speaker(question)
    if speaker:  # "What did X say ...": X's quoted or reported words, not the other side's nor a joint discussion
        found = [c for c in found if all(s.text.startswith(f"{speaker} said:") or _cites_words_of(ctx, s, speaker)
                                         for s in c.sentences)]
        # ... about the topic's names in the words themselves ("about <Name>"), not in the sentence next to them
        topic = _TOPIC_END.split(question[question.find(speaker) + len(speaker):])[0]
        heard = listener(question, speaker) or ""  # "tell <Y> about <topic>": <Y> hears the words, not their topic
        named = [n for n in a.names if n in topic and not _has_name(n, speaker) and not (heard and _has_name(heard, n))]
        found = [c for c in found if all(_name_in(n, _fold(_cited_text(ctx, s))) for s in c.sentences for n in named)]
    return ctx, a, intent, sorted(found, key=lambda c: -c.confidence)


def ask(store: Any, question: str, scorer: str | None = None) -> Answer:
    """Answer ``question`` from the stored documents, or say it is not in the sources.

    ``scorer``: "rules" (the hand-set confidences and :data:`MIN_CONFIDENCE`) or "learned" (:mod:`answer_scorer`
    picks the candidate and declines below its threshold); None: :data:`answer_scorer.DEFAULT_SCORER`."""
    if scorer is not None and scorer not in answer_scorer.SCORERS:
        raise ValueError(f"unknown answer scorer {scorer!r}: use one of {', '.join(answer_scorer.SCORERS)}")
    learned = (scorer or answer_scorer.DEFAULT_SCORER) == "learned"
    polar = not learned and analyze(question).wh == "yes_no"  # the verdict weighs the relaxed candidates too
    ctx, a, intent, candidates = candidates_for(store, question, wide=learned or polar)
    if polar:
        return _yes_no_answer(question, ctx, a, intent, candidates)
    if learned:
        chosen_one, probability = answer_scorer.choose(ctx, a, candidates)
        if chosen_one is None:
            return Answer(question, [], not_in_sources=True, intent=intent, confidence=round(probability, 3))
        return Answer(question, chosen_one.sentences[:MAX_ANSWER_SENTENCES], intent=intent,
                      confidence=round(probability, 3))
    return rule_answer(question, intent, candidates)


def _yes_no_answer(question: str, ctx: _Context, a: Analysis, intent: str, candidates: list[_Candidate]) -> Answer:
    """"Yes." or "No." and the evidence (:mod:`yes_no`), or not in the sources."""
    found = yes_no.verdict(ctx, a, candidates, MIN_CONFIDENCE, _satisfies,
                           lambda b: sorted(_general(ctx, b), key=lambda c: -c.confidence))
    if found is None:  # the rules' sentences, if any, do not bear the asked kind of meeting out
        return Answer(question, [], not_in_sources=True, intent=intent)
    word, chosen = found
    kept = [c for c in candidates if not c.relaxed]
    answer = rule_answer(question, intent, kept if word == yes_no.YES and chosen in kept else [chosen])
    first = answer.sentences[0].citations if answer.sentences else []
    answer.sentences.insert(0, AnswerSentence(word, list(first)))
    return answer


def rule_answer(question: str, intent: str, candidates: list[_Candidate]) -> Answer:
    """The rule scorer: the best confidence wins (with its ties), below :data:`MIN_CONFIDENCE` none does."""
    if not candidates or candidates[0].confidence < MIN_CONFIDENCE:
        return Answer(question, [], not_in_sources=True, intent=intent,
                      confidence=round(candidates[0].confidence, 3) if candidates else 0.0)
    best = candidates[0].confidence
    chosen: list[AnswerSentence] = []
    seen: set[str] = set()
    for c in candidates:
        if c.confidence < best - 0.001 or len(chosen) >= MAX_ANSWER_SENTENCES:
            break
        for s in c.sentences:
            if _fold(s.text) not in seen:
                seen.add(_fold(s.text))
                chosen.append(s)
    return Answer(question, chosen[:MAX_ANSWER_SENTENCES], intent=intent, confidence=round(min(best, 1.0), 3))


def _slug(doc: Document) -> str:
    """The words of the page's address and file name ("...-talks-in-<place>.html"): page metadata like its title."""
    words = [re.sub(r"\.\w{1,5}$", "", p.rsplit("/", 1)[-1]) for p in (doc.url or "", doc.source or "") if p]
    return " ".join(re.sub(r"[-_+]+", " ", w) for w in words)


def _window(ctx: _Context, doc: Document, index: int) -> str:
    spans = ctx.sentences(doc)
    return " ".join(s.text for s in spans[max(0, index - NAME_WINDOW):index + NAME_WINDOW + 1])


def _general(ctx: _Context, a: Analysis, wide: bool = False) -> list[_Candidate]:
    """Sentences that satisfy every constraint of the question, with the typed part that answers it.

    1. documents that mention every name and place of the question (its context clause's names too);
    2. sentences whose neighbourhood names them, scored by names and focus words found (for "Who did X meet ...",
       a sentence reporting the meeting also by the focus words of its neighbours: the purpose stands next to it);
    3. the time constraint: the answer's date (when-questions) or the sentence's or document's date;
    4. the answer of the asked type found in the sentence (a date, place, person, number with its object).

    ``wide``: a sentence that fails a check of steps 2-3 other than the names (too few focus words, another month,
    no meeting reported, another meeting kind) is kept, marked ``relaxed``, when it holds a typed answer.
    """
    focus = [family(_stem(f)) for f in a.focus]  # a derivation of the asked word counts ("flying" ~ "flight")
    kind_focus = [family(_stem(k)) for k in a.kinds]
    met_whom = _MET_WHOM.match(a.question) is not None
    meeting_focus = {f for f in focus if _MEETING_VERBS.fullmatch(f) or f in _MEETING_STEMS}
    asked = [*a.names, *a.places, *a.context_names]
    # a country asked by its adjective is searched by its name too, and the reverse ("Polish" -> "Poland")
    query = " ".join([*asked, *(f for n in asked for f in main_forms(n)), *a.focus])
    out: list[_Candidate] = []
    for rank, doc in enumerate(ctx.candidates(query or a.question, limit=GENERAL_DOCS)):
        folded_title = _fold((doc.title or "") + " " + _slug(doc))
        folded_doc = _fold(doc.text) + " " + folded_title  # the page's title names its speaker or subject
        title_words = {family(_stem(w.strip("'-"))) for w in _WORDS.findall(folded_title)}
        if not all(_name_in(n, folded_doc) for n in (*a.names, *a.places, *a.context_names)):  # 1.
            continue
        lead = _fold(" ".join([doc.title or "", doc.dateline or "", _slug(doc)]
                              + [s.text for s in ctx.sentences(doc)[:LEAD]]))
        # 3. a page of the asked month or year, or one that writes such a date
        doc_time_ok = _date_ok(a, doc.published) or any(_date_ok(a, t.value) for t in doc.timexes
                                                        if t.type == "DATE" and t.value)
        # a page with no date at all can neither meet nor break the asked month: kept, less sure
        undated = not doc.published and not any(_date_parts(t.value) for t in doc.timexes if t.type == "DATE")
        for i, s in enumerate(ctx.sentences(doc)):
            window = _fold(_window(ctx, doc, i))
            names = [n for n in a.names if _name_in(n, window) or _name_in(n, folded_title)
                     or (i < SHORT_BODY and _name_in(n, lead))]  # "The two leaders" of a short readout
            if a.names and len(names) / len(a.names) < MIN_NAME_SHARE:  # 2.
                continue
            if not all(_name_in(p, window) or _name_in(p, lead) for p in a.places):
                continue
            has_meeting = bool(_MEETING_VERBS.search(s.text)) or any(
                e.start < s.end and e.end > s.start and e.status != "planned" for e in doc.events)
            # a meeting verb of the question ("host", "visit") is satisfied by any report of the meeting
            has_call = bool(CALL_WORDS.search(s.text))
            have_all = {family(_stem(w.strip("'-"))) for w in _WORDS.findall(_fold(s.text))}
            have_all |= {family(_stem(w)) for w in _fold(s.text).replace("-", " ").split()}  # "<A>-<B>" holds both
            # "Who did X meet ... to <purpose>": the person is named in the meeting's sentence, what they met
            # about in its neighbours
            near = ({family(_stem(w.strip("'-"))) for w in _WORDS.findall(window)}
                    if met_whom and MEETING_REPORT.search(s.text) else set())
            hits = sum(f in have_all or f in title_words or (f in meeting_focus and has_meeting)
                       or (f in _CALL_STEMS and has_call) or f in near for f in focus)
            # the asked kind's words rank a sentence that writes them first, but one without them (an instance
            # of the kind) may still answer on the other focus words
            kinds = sum(k in have_all for k in kind_focus)
            score = (hits + kinds) / (len(focus) + len(kind_focus)) if focus or kind_focus else 1.0
            without_kind = hits / len(focus) if focus else 1.0
            described = any(_stem(d) in {_stem(w) for w in window.split()} for d in a.descriptors)
            if a.answer_type == "person" and (any(_stem(d) in have_all for d in a.descriptors) or any(
                    m.type in ("country", "place") and s.start <= m.start < s.end and _name_in(n, _fold(m.text))
                    for m in doc.mentions for n in a.countries)):
                score = max(score, DESCRIBED_SHARE)  # the asked title or country ("Who represented <Country>")
            counted = _counts_asked(a, s.text)  # "How many <things>": a number of the asked things is on topic
            if counted or (a.answer_type == "ordinal" and _ordinal_of(a, s.text, by_name=True)  # "the 77th <Name>"
                           and len(names) == len(a.names)):  # among all the asked names
                score = max(score, COUNTED_SHARE)
            loose = False  # a check failed, kept only for the learned scorer (``wide``)
            if max(score, without_kind) < (MIN_FOCUS_SENTENCE if a.answer_type == "sentence" else MIN_FOCUS_TYPED):
                if not wide or max(score, without_kind) < WIDE_MIN_FOCUS:
                    continue
                loose = True
            name_share = len(names) / len(a.names) if a.names else 1.0
            conf = NAME_WEIGHT * name_share + (1 - NAME_WEIGHT) * score
            if a.answer_type != "date" and a.has_time:  # 3. the sentence's own dates, else the page's
                own = _evidence_dates(doc, s) + [  # "in <Place> during her June 2021 visit": the place's month
                    t.value for t in doc.timexes if t.type == "DATE" and t.value and t.basis == "explicit"
                    and s.start <= t.start < s.end and re.fullmatch(r"\d{4}-\d{2}", t.value)
                    and a.answer_type == "place"]
                # a page of the asked day or month reporting what was said then: a sentence's own date there
                # names an earlier event it refers to ("since the <date> attack"), unless the asked time dates
                # the answer itself (when / where)
                cited_past = bool(own) and a.wh not in ("when", "where") and _date_ok(a, doc.published)
                if cited_past and not any(_date_ok(a, d) for d in own):
                    conf -= OTHER_DATE_PENALTY
                elif not (any(_date_ok(a, d) for d in own) if own else doc_time_ok or undated):
                    if not wide:
                        continue
                    loose = True
                conf -= UNDATED_PENALTY if undated and not own else 0.0
            if a.answer_type in ("date", "place") and a.meeting and not (
                    MEETING_REPORT.search(s.text) and len(names) == len(a.names)):
                if not wide:
                    continue  # the date or place of a meeting: from a sentence that reports one, among the names asked
                loose = True
            if not _kind_ok(a, doc, s):
                if not wide:
                    continue  # a call does not answer a question about a meeting, nor a meeting one about a call
                loose = True
            content = [f for f in focus if f not in meeting_focus and f not in _CALL_STEMS]
            found = sum(f in have_all or f in title_words for f in content)
            if a.answer_type == "sentence" and content and not found:
                if not wide:
                    continue  # a whole sentence answers only when it holds the question's own words, not the meeting's
                loose = True
            if a.answer_type in ("number", "duration") and content and not counted and not any(
                    f in have_all or f in title_words for f in content):
                if not wide:
                    continue  # "How much did X pledge": a number from a sentence about pledging, not any number
                loose = True
            typed = _typed_answer(a, doc, s)  # 4.
            if typed is None:
                continue
            answer, penalty = typed
            if a.places and all(_name_in(p, _fold(s.text)) for p in a.places):
                conf += PLACE_BONUS
            if a.head and family(_stem(a.head)) in have_all:
                conf += HEAD_BONUS
            if a.answer_type == "person" and a.descriptors and not described:
                conf -= UNDESCRIBED_PENALTY
            if a.names and a.answer_type != "date":  # a date: the written one wins, wherever the names stand
                conf += SELF_NAME_BONUS * sum(_name_in(n, _fold(s.text)) for n in a.names) / len(a.names)
            out.append(_Candidate(conf - penalty - RANK_PENALTY * rank, [AnswerSentence(answer, [ctx.cite(doc, s)])],
                                  relaxed=loose))
    return out
