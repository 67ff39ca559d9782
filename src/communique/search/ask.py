"""``ask``: answer a question from the knowledge base, every answer sentence with its citations.

Cascade:
1. analyse the question (:mod:`question_analysis`): question word, answer type, names, places, month / year / day,
   counted words, focus words; and recognise a few question forms (:mod:`question_patterns`: when_met, who_said,
   what_said, attendees, role) whose structured records answer them;
2. retrieve candidate documents with the full-text index (the question's names and words, best documents first);
3. answer a recognised form from its records (events with participants and dates, quotes with speakers, roles) and
   keep only answers that satisfy the question's constraints (:func:`_satisfies`: month / year, place, the names
   near a meeting date, a sentence that reports the meeting);
4. otherwise, or beside a meeting date, the general answerer (:func:`_general`): sentences of documents naming every
   asked name and place, scored by names and focus words, kept when the time constraint holds and the sentence holds
   an answer of the asked type (a date, a place, a person, a number with what it counts, a duration);
5. every candidate carries a confidence; below :data:`MIN_CONFIDENCE` the answer is "not in the sources".

Citations point at sentences of the clean text: ``doc.text[start:end]`` is the cited sentence.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from ..model import Document
from ..text import strip_accents
from .hits import SearchQueryError, doc_title
from .index import SQLIndex, index_for
from .question_analysis import MONTHS, Analysis, analyze
from .question_patterns import (
    ADJECTIVE_SUFFIXES,
    AMOUNT,
    CALL_STEMS,
    CALL_WORDS,
    COUNTRY_ABBR,
    DEICTIC,
    DURATION,
    MEETING_REPORT,
    MEETING_STEMS,
    MONTH_DAY_WRITTEN,
    NAME_PREFIXES,
    NAME_SUFFIXES,
    NUMBER,
    PLACE_WRITTEN,
    QUESTION_PATTERNS,
    SPEAKER_AFTER_QUOTE,
    SPEAKER_BEFORE_QUOTE,
    SPEECH_VERBS,
    STOP_WORDS,
    TITLE_HEADS,
)
from .segment import Span, sentences, squash

__all__ = ["ask", "Answer", "AnswerSentence", "classify", "MIN_CONFIDENCE", "NOT_IN_SOURCES"]

MIN_CONFIDENCE = 0.5  # below this the best candidate is a guess: say "not in the sources" instead
CANDIDATE_DOCS = 12  # documents retrieved per question (the answer is in the top few for focused questions)
MIN_TOPIC_OVERLAP = 0.5  # share of the asked topic's content words a sentence must contain to be about it
STEM_CHARS = 5  # words are compared on their first 5 letters ("countries" ~ "country", "meeting" ~ "meetings")
MAX_ANSWER_SENTENCES = 3  # enough for "several meetings" or "two quotes", short enough to read
QUOTE_CONTEXT_CHARS = 90  # how far before/after a quote to look for "X said"
NOT_IN_SOURCES = "Not in the sources."
NAME_WINDOW = 1  # a name asked about may stand in the sentence before or after the answer ("She was met by ...")
LEAD = 3  # a place asked about may be written once, in the title, dateline or first sentences of the page
MIN_NAME_SHARE = 0.5  # at least half the asked names near the answer sentence (all of them are in the document)
NAME_WEIGHT = 0.5  # names and focus words count alike in a sentence's confidence
DEICTIC_PENALTY = 0.05  # a date read from "today" loses to one written out (wire copies move "today" a day)
PLACE_BONUS = 0.02  # the asked place in the answer sentence itself beats a place named elsewhere on the page
MAX_PEOPLE = 8  # "Who took part in ...": everyone named in the answer sentence, up to a delegation's size
UNDATED_PENALTY = 0.1  # an answer from a page without any date, for a question that names a month or year
RANK_PENALTY = 0.002  # documents retrieved first win ties
NUMBER_OBJECT_CHARS = 40  # what a number counts is written right after it ("218 billion U.S. dollars")
MIN_ACRONYM, MAX_ACRONYM = 2, 6  # an all-capital word of this length may be written out in full in the source
MIN_FOCUS_SENTENCE = 0.5  # a whole sentence as the answer: at least half the question's focus words in it
MIN_FOCUS_TYPED = 0.34  # a date / place / person / number answer: a third of the focus words around it
GENERAL_DOCS = 20  # documents read per analysed question (names common to many pages push the answer down)
MIN_ROOT_CHARS = 4  # "Malt" of "Maltese" is long enough to stand for the country; "Om" would not be

_WORDS = re.compile(r"\w[\w\-’']*")
_TURN = re.compile(r"^\s*([A-Z][A-ZÀ-Ý .’'\-]{2,60}):", re.MULTILINE)
# A sentence about a meeting still to come ("agreed to meet again", "will travel", "plan to hold talks").
_FUTURE_MEETING = re.compile(r"\b(?:will|shall|would|to (?:meet|travel|visit|hold|speak)|plan(?:s|ned)? to|next (?:week|month|year))\b",
                             re.IGNORECASE)
_MEETING_VERBS = re.compile(r"\b(?:met|meet|meets|meeting|spoke|speak|call|called|talks?|talked|hosted|visited|"
                            r"joined|convened|discussed)\b", re.IGNORECASE)
_TITLE_WORD = r"(?:[A-Z][\w\-’'.]*|of|the|to|for|and|on)"
# "<Name>, <Party> leader" / "<Name>, <Office> Minister of <Country>,"
_TITLE_AFTER = re.compile(rf"\s*,\s*({_TITLE_WORD}(?:\s+{_TITLE_WORD})*(?:\s+(?:{'|'.join(TITLE_HEADS)}))?)")
# "<Office> Minister of <Country>, <Name>" / "Minister of <Office> <Name>"
_TITLE_BEFORE = re.compile(rf"(?<![\w,])([A-Z][\w\-’'.]*(?:\s+{_TITLE_WORD})*)\s*,?\s*$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


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


# -- text helpers -----------------------------------------------------------------------------------------
def _fold(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes, single spaces."""
    text = strip_accents(text)
    return squash(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower())


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


def _stem(word: str) -> str:
    """First letters after a plural / tense ending: "hosted" ~ "host", "talks" ~ "talk", "meetings" ~ "meeting"."""
    if len(word) > STEM_CHARS:
        word = re.sub(r"(?:ing|ed|es|s)$", "", word)
    return word[:STEM_CHARS] if len(word) > STEM_CHARS else word


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


def _human_date(value: str) -> str:
    m = _ISO_DAY.match(value)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return f"{d:%B} {d.day}, {d.year} ({value})"
    m = _ISO_MONTH.match(value)
    if m:
        return f"{date(int(m[1]), int(m[2]), 1):%B %Y} ({value})"
    return value


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
            if _fold(title) in seen:
                continue
            seen.add(_fold(title))
            conf = 1.0 if _full_name_match(r.person, who) else 0.7
            span = ctx.sentence_at(doc, r.start, r.end)
            out.append(_Candidate(conf + len(title) / 1000, [AnswerSentence(
                f"{squash(r.person)}: {title}.", [ctx.cite(doc, span)])]))
        # 2. the title written next to the name when no role record says it: "<Name>, <Title>" or "<Title>, <Name>"
        name = " ".join(_name_tokens(who))
        for sent in ctx.sentences(doc):
            folded, index = _fold_with_map(sent.text)
            pos = folded.find(name) if name else -1
            if pos < 0:
                continue
            before = sent.text[:index[pos]]
            after = sent.text[index[pos + len(name) - 1] + 1:]
            found = [m.group(1) for m in (_TITLE_AFTER.match(after), _TITLE_BEFORE.search(before)) if m]
            for title in found:
                words = squash(title).split()
                while words and words[0].lower() in STOP_WORDS and words[0][0].isupper():
                    words = words[1:]  # "The <Title>" -> "<Title>"
                parts = " ".join(words).rsplit(" and ", 1)  # "<Title> X of <Country> and President" -> "President"
                if len(parts) == 2 and parts[1].split() and parts[1].split()[0].lower() in TITLE_HEADS:
                    words = parts[1].split()
                title = " ".join(words)
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
        when = _sentence_date(doc, span) or event_date or doc.published
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
                speaker = _speaker_near(doc, q.start, q.end) or q.speaker_name
                break
        speaker = speaker or _speaker_near(doc, start, end)  # 2. the text around the words
        if speaker:
            out.append(_Candidate(1.0, [AnswerSentence(f"{_speaker_label(speaker)} said: “{squash(span.text)}”",
                                                       [ctx.cite(doc, span)])]))
    return out


def _what_said(ctx: _Context, g: dict[str, str]) -> list[_Candidate]:
    who, topic = g["who"].strip(), g["topic"]
    terms = _content_words(topic)
    out: list[_Candidate] = []
    for doc in ctx.candidates(f"{who} {topic}"):
        quoted = [q for q in doc.quotes
                  if _has_name(_speaker_near(doc, q.start, q.end) or q.speaker_name or "", who)]
        for s in ctx.sentences(doc):
            score = _overlap(terms, s.text)
            if score < MIN_TOPIC_OVERLAP:
                continue
            in_quote = any(q.start - 2 <= s.end and s.start <= q.end + 2 for q in quoted)
            words = {w.lower() for w in _WORDS.findall(s.text)}
            reported = _has_name(s.text, who) and bool(words & SPEECH_VERBS)
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
                         + " ".join(s.text for s in ctx.sentences(doc)[:LEAD]))
            if not all(_name_in(p, near) for p in a.places):
                return False
            window = _fold(_window(ctx, doc, index))
            if a.answer_type == "date" and not all(_name_in(n, window) for n in a.names):
                return False  # a date answer: the sentence or its neighbours name everyone asked about
            text = doc.text[span.start:span.end]
            if a.answer_type == "date" and a.meeting and not MEETING_REPORT.search(text):
                return False
            if a.has_time:
                written = re.findall(r"\((\d{4}-\d{2}(?:-\d{2})?)\)", sentence.text)
                dates = written or [*_evidence_dates(doc, span), doc.published or ""]
                if not any(_date_ok(a, d) for d in dates):
                    return False
    return True


def ask(store: Any, question: str) -> Answer:
    """Answer ``question`` from the stored documents, or say it is not in the sources."""
    index = index_for(store)
    index.refresh(vectors=False)  # full-text only, documents stored since the last refresh: cheap
    intent, groups = classify(question)
    a = analyze(question)
    ctx = _Context(store, index)
    if intent == "role" and re.search(r"\b[a-z]{3,}\b", re.sub(r"\b(?:of|the|and|de|la|del|van|von|bin|al)\b", "",
                                                               groups.get("who", ""))):
        intent = "general"  # "Who is the <title> who ...": a person described, not a name to look up
    if intent in ("keywords", "when_event", "figures"):
        intent = "general"
    for key in ("a", "b"):  # "<Name> at the <Place> in <Month>": the name alone; the rest are constraints
        if key in groups:
            groups[key] = re.split(r"\s+(?:in|at|on|during)\s+", groups[key])[0]
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
    found = [c for c in handlers[intent]() if _satisfies(ctx, a, c)]
    if intent in ("general", "when_met") or not found:
        found += _general(ctx, a)
    candidates = sorted(found, key=lambda c: -c.confidence)
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


# -- general answering: the question's analysis matched against records and sentences ---------------------
def _date_parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def _date_ok(a: Analysis, value: str | None) -> bool:
    """The date satisfies the question's year / month / day (a question without them accepts any date)."""
    if a.year is None and a.month is None:
        return True
    parts = _date_parts(value)
    if parts is None:
        return False
    year, month, day = parts
    return ((a.year is None or a.year == year) and (a.month is None or a.month == month)
            and (a.day is None or a.day == day))


def _name_in(name: str, folded: str) -> bool:
    """The name's last word (or the country of an adjective: "Maltese" -> "Malt...") occurs in ``folded`` text."""
    tokens = [t for t in _WORDS.findall(_fold(name)) if t not in NAME_SUFFIXES]
    if not tokens:
        return True
    key = tokens[-1]
    if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):  # "<A>-<B>" holds "<B>"
        return True
    words = name.replace(".", "").split()
    if len(words) == 1 and words[0].isupper() and MIN_ACRONYM <= len(words[0]) <= MAX_ACRONYM:
        # an acronym asked, the full name written: "ABC" ~ "Agency for Beekeeping Cooperation"
        glue = r"[\w']*\s+(?:(?:of|the|and|for|on)\s+)*"
        if re.search(r"\b" + glue.join(re.escape(c) for c in words[0].lower()) + r"\w*", folded):
            return True
    capitals = [w for w in words if w[0].isupper()]
    if len(capitals) > 1:  # a full name asked, its initials written: "<Northern> <Republic>" ~ "N.R." / "NR"
        initials = "".join(w[0].lower() for w in capitals)
        if re.search(r"(?<![\w.])" + r"\.?".join(initials) + r"\.?(?![\w])", folded):
            return True
    for suffix in ADJECTIVE_SUFFIXES:  # "Maltese" ~ "Malta", "Mongolian" ~ "Mongolia", "Norlandan" ~ "Norland"
        root = key[: -len(suffix)]
        if key.endswith(suffix) and len(root) >= MIN_ROOT_CHARS and re.search(rf"(?<![\w-]){re.escape(root)}", folded):
            return True
    return False


def _evidence_dates(doc: Document, span: Span) -> list[str]:
    """Calendar dates of the sentence, written ones first, then the date of an event it reports."""
    timexes = [t for t in doc.timexes if t.type == "DATE" and t.value and span.start <= t.start < span.end
               and _ISO_DAY.match(t.value)]
    deictic = [t for t in timexes if DEICTIC.fullmatch(_fold(t.text))]  # "today": the page's own date
    timexes = [t for t in timexes if t not in deictic]
    timexes.sort(key=lambda t: (t.basis != "explicit", t.start))
    dates = [t.value for t in timexes if t.value]
    dates += [e.date_value for e in doc.events if e.date_value and e.start < span.end and e.end > span.start
              and _ISO_DAY.match(e.date_value) and e.status != "planned"]
    dates += _written_dates(doc, span)
    dates += [t.value for t in deictic if t.value]
    return list(dict.fromkeys(dates))


def _written_dates(doc: Document, span: Span) -> list[str]:
    """"May 25" / "25 May" written in the sentence without a resolved timex: the year of the sentence or page."""
    text = doc.text[span.start:span.end]
    year = re.search(r"\b(?:19|20)\d\d\b", text)
    ref = year.group(0) if year else next(
        (p[:4] for p in [doc.published or "", *(t.value or "" for t in doc.timexes if t.type == "DATE")]
         if re.match(r"^\d{4}", p)), None)
    if ref is None:
        return []
    out: list[str] = []
    for m in MONTH_DAY_WRITTEN.finditer(text):
        month_name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month, number = MONTHS.get(month_name.lower()), int(day)
        if month and 1 <= number <= 31:
            out.append(f"{ref}-{month:02d}-{number:02d}")
    return out


def _is_deictic(doc: Document, span: Span, value: str) -> bool:
    """The date comes only from "today" / "tonight" of the sentence (a republished page moves it)."""
    found = [t for t in doc.timexes if t.type == "DATE" and t.value == value and span.start <= t.start < span.end]
    return bool(found) and all(DEICTIC.fullmatch(_fold(t.text)) for t in found)


def _mentions_in(doc: Document, span: Span, types: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(m.start, squash(m.text)) for m in doc.mentions if m.type in types and span.start <= m.start < span.end]


def _asked(a: Analysis, text: str) -> bool:
    """The text names something the question already names (not an answer to it)."""
    folded = _fold(text)
    return any(_name_in(n, folded) or _name_in(folded, _fold(n)) for n in (*a.names, *a.places))


def _nearest(items: list[tuple[int, str]], anchors: list[int]) -> list[str]:
    if not anchors:
        return [t for _, t in items]
    return [t for _, t in sorted(items, key=lambda it: min(abs(it[0] - x) for x in anchors))]


def _typed_answer(a: Analysis, doc: Document, span: Span) -> tuple[str, float] | None:
    """(the part of the sentence that answers the question's type, a confidence penalty), or None (step 4)."""
    text = doc.text[span.start:span.end]
    anchors = [span.start + m.start() for m in _WORDS.finditer(text) if _stem(_fold(m.group(0))) in
               {_stem(f) for f in a.focus}]
    if a.answer_type == "date":
        dates = [d for d in _evidence_dates(doc, span) if _date_ok(a, d)]
        if not dates:
            return None
        return f"On {_human_date(dates[0])}.", (DEICTIC_PENALTY if _is_deictic(doc, span, dates[0]) else 0.0)
    if a.answer_type == "place":
        places = [(s, t) for s, t in _mentions_in(doc, span, ("place",)) if not _asked(a, t)]
        places += [(s, t) for s, t in _mentions_in(doc, span, ("country",)) if not _asked(a, t)]
        places += [(span.start, e.place) for e in doc.events if e.place and e.start < span.end and e.end > span.start
                   and not _asked(a, e.place)]
        after_prep = [(s, t) for s, t in places if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", doc.text[max(0, s - 8):s])]
        written = [(span.start + m.start(1), m.group(1)) for m in PLACE_WRITTEN.finditer(text)
                   if m.group(1).split()[0].lower() not in MONTHS and not _asked(a, m.group(1))]
        chosen = after_prep or written or [p for p in places if p[1].lower() not in {c.lower() for c in COUNTRY_ABBR}]
        return (f"{chosen[0][1]}.", 0.0) if chosen else None
    if a.answer_type == "person":
        people = [(s, t) for s, t in _mentions_in(doc, span, ("person",)) if not _asked(a, t)]
        people += [(r.person_start, squash(r.person)) for r in doc.roles
                   if span.start <= r.person_start < span.end and not _asked(a, r.person)]
        names = list(dict.fromkeys(_nearest(people, anchors)))
        if not names:
            return None
        return (f"{', '.join(names[:MAX_PEOPLE])}." if a.many else f"{names[0]}."), 0.0
    if a.answer_type in ("number", "duration"):
        found = _numbers(a, text, [x - span.start for x in anchors])
        return (f"{found[0]}.", 0.0) if found else None
    return squash(text), 0.0


def _numbers(a: Analysis, text: str, anchors: list[int]) -> list[str]:
    """Numbers of the sentence with what they count: durations for "how long", the counted words for "how many";
    numbers with an amount unit ($, percent, million) first, then the one nearest the question's focus words."""
    if a.answer_type == "duration":
        return [squash(m.group(0)) for m in DURATION.finditer(text)]
    asked = {m.group(0) for m in NUMBER.finditer(a.question)}
    found: list[tuple[bool, int, str]] = []
    for m in NUMBER.finditer(text):
        value = squash(m.group(0))
        if value in asked or re.fullmatch(r"(?:19|20)\d\d", value):  # a number of the question, or a year
            continue
        before = _fold(text[max(0, m.start() - 12):m.start()]).split()
        if before and before[-1].strip(".") in MONTHS:  # the day of a date
            continue
        after = _fold(text[m.end():m.end() + NUMBER_OBJECT_CHARS])
        if a.counted and not any(_stem(w) in {_stem(x) for x in _WORDS.findall(after)} for w in a.counted):
            continue
        if DURATION.match(text, m.start()) and not a.counted:  # "four years": a length of time, not an amount
            continue
        unit = re.match(r"\s*(?:(?:u\.s\.|us)\s+)?(?:dollars|euros|percent|people|\w+)?", text[m.end():])
        amount = bool(AMOUNT.search(value))
        distance = min((abs(m.start() - x) for x in anchors), default=0)
        found.append((not amount, distance, squash(value + (unit.group(0) if unit and a.counted else ""))))
    if re.match(r"^\s*how\s+much\b", a.question, re.IGNORECASE):  # "how much": an amount ($, percent) first
        return [v for _, _, v in sorted(found, key=lambda f: (f[0], f[1]))]
    return [v for _, _, v in sorted(found, key=lambda f: (f[1], f[0]))]  # the number next to what is asked about


def _window(ctx: _Context, doc: Document, index: int) -> str:
    spans = ctx.sentences(doc)
    return " ".join(s.text for s in spans[max(0, index - NAME_WINDOW):index + NAME_WINDOW + 1])


def _general(ctx: _Context, a: Analysis) -> list[_Candidate]:
    """Sentences that satisfy every constraint of the question, with the typed part that answers it.

    1. documents that mention every name and place of the question;
    2. sentences whose neighbourhood names them, scored by names and focus words found;
    3. the time constraint: the answer's date (when-questions) or the sentence's or document's date;
    4. the answer of the asked type found in the sentence (a date, place, person, number with its object).
    """
    focus = [_stem(f) for f in a.focus]
    meeting_focus = {f for f in focus if _MEETING_VERBS.fullmatch(f) or f in MEETING_STEMS}
    query = " ".join([*a.names, *a.places, *a.focus])
    out: list[_Candidate] = []
    for rank, doc in enumerate(ctx.candidates(query or a.question, limit=GENERAL_DOCS)):
        folded_title = _fold(doc.title or "")
        folded_doc = _fold(doc.text) + " " + folded_title  # the page's title names its speaker or subject
        title_words = {_stem(w.strip("'-")) for w in _WORDS.findall(folded_title)}
        if not all(_name_in(n, folded_doc) for n in (*a.names, *a.places)):  # 1.
            continue
        lead = _fold(" ".join([doc.title or "", doc.dateline or ""] + [s.text for s in ctx.sentences(doc)[:LEAD]]))
        # 3. a page of the asked month or year, or one that writes such a date
        doc_time_ok = _date_ok(a, doc.published) or any(_date_ok(a, t.value) for t in doc.timexes
                                                        if t.type == "DATE" and t.value)
        # a page with no date at all can neither meet nor break the asked month: kept, less sure
        undated = not doc.published and not any(_date_parts(t.value) for t in doc.timexes if t.type == "DATE")
        for i, s in enumerate(ctx.sentences(doc)):
            window = _fold(_window(ctx, doc, i))
            names = [n for n in a.names if _name_in(n, window) or _name_in(n, folded_title)]
            if a.names and len(names) / len(a.names) < MIN_NAME_SHARE:  # 2.
                continue
            if not all(_name_in(p, window) or _name_in(p, lead) for p in a.places):
                continue
            has_meeting = bool(_MEETING_VERBS.search(s.text)) or any(
                e.start < s.end and e.end > s.start and e.status != "planned" for e in doc.events)
            # a meeting verb of the question ("host", "visit") is satisfied by any report of the meeting
            has_call = bool(CALL_WORDS.search(s.text))
            score = (sum(f in have or f in title_words or (f in meeting_focus and has_meeting)
                         or (f in CALL_STEMS and has_call) for f in focus) / len(focus)
                     if focus and (have := {_stem(w.strip("'-")) for w in _WORDS.findall(_fold(s.text))}) is not None
                     else 1.0)
            if score < (MIN_FOCUS_SENTENCE if a.answer_type == "sentence" else MIN_FOCUS_TYPED):
                continue
            name_share = len(names) / len(a.names) if a.names else 1.0
            conf = NAME_WEIGHT * name_share + (1 - NAME_WEIGHT) * score
            if a.answer_type != "date" and a.has_time:  # 3. the sentence's own dates, else the page's
                own = _evidence_dates(doc, s)
                if not (any(_date_ok(a, d) for d in own) if own else doc_time_ok or undated):
                    continue
                conf -= UNDATED_PENALTY if undated and not own else 0.0
            if a.answer_type == "date" and a.meeting and not (
                    MEETING_REPORT.search(s.text) and all(_name_in(n, window) for n in a.names)):
                continue  # the date of a meeting: from a sentence that reports one, among the names asked
            typed = _typed_answer(a, doc, s)  # 4.
            if typed is None:
                continue
            answer, penalty = typed
            if a.places and all(_name_in(p, _fold(s.text)) for p in a.places):
                conf += PLACE_BONUS
            out.append(_Candidate(conf - penalty - RANK_PENALTY * rank, [AnswerSentence(answer, [ctx.cite(doc, s)])]))
    return out
