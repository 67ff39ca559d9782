"""What every step of ``ask`` shares: the answer and candidate records, the question's candidate documents and their
sentences (:class:`Context`), and the text helpers that match names and words in them.

Citations point at sentences of the clean text: ``doc.text[start:end]`` is the cited sentence.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..model import Document
from ..text import strip_accents
from .hits import SearchQueryError, doc_title
from .index import SQLIndex, index_for
from .question_patterns import CALL_STEMS, MEETING_STEMS, NAME_PREFIXES, NAME_SUFFIXES, STOP_WORDS
from .said_by import said_by
from .segment import Span, sentences, squash
from .typed_answers import WORDS as _WORDS
from .typed_answers import fold as _fold
from .typed_answers import stem as _stem

__all__ = ["Answer", "AnswerSentence", "Candidate", "Context", "NOT_IN_SOURCES", "CANDIDATE_DOCS", "LEAD",
           "NAME_WINDOW", "MEETING_VERBS", "STEMMED_MEETING", "STEMMED_CALL", "fold_with_map", "content_words",
           "proper_terms", "overlap", "name_tokens", "surname", "has_name", "full_name_match", "other_given_name", "speaker_label", "slug",
           "sentence_window", "cited_text", "cites_words_of"]

NOT_IN_SOURCES = "Not in the sources."
CANDIDATE_DOCS = 12  # documents retrieved per question (the answer is in the top few for focused questions)
NAME_WINDOW = 1  # a name asked about may stand in the sentence before or after the answer ("She was met by ...")
LEAD = 3  # a place asked about may be written once, in the title, dateline, address or first sentences of the page

STEMMED_MEETING = frozenset(_stem(w) for w in MEETING_STEMS)  # compared with stemmed question words
STEMMED_CALL = frozenset(_stem(w) for w in CALL_STEMS)
# A verb or noun of a sentence that reports a meeting or a call: "Who did X host" is met by any of them
MEETING_VERBS = re.compile(r"\b(?:met|meet|meets|meeting|spoke|speak|call|called|talks?|talked|hosted|visited|"
                           r"joined|convened|discussed)\b", re.IGNORECASE)


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
class Candidate:
    confidence: float
    sentences: list[AnswerSentence]
    step: str = "general"  # the cascade step (handler) that produced it: a feature of the learned scorer
    relaxed: bool = False  # it breaks a constraint the rules require (kept only for the learned scorer to weigh)


# -- text helpers -----------------------------------------------------------------------------------------


def fold_with_map(text: str) -> tuple[str, list[int]]:
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




def content_words(text: str) -> list[str]:
    words = [w.strip("'-") for w in _WORDS.findall(_fold(text))]
    return list(dict.fromkeys(_stem(w) for w in words if w and w not in STOP_WORDS and len(w) > 1))


def proper_terms(text: str) -> list[str]:
    """Capitalised words after the first one ("security assistance for Moldova" -> ["moldova"])."""
    words = _WORDS.findall(text)
    return [_stem(_fold(w)) for w in words[1:] if w[0].isupper() and _fold(w) not in STOP_WORDS]


def overlap(terms: list[str], text: str) -> float:
    if not terms:
        return 0.0
    have = {_stem(w.strip("'-")) for w in _WORDS.findall(_fold(text))}
    return sum(t in have for t in terms) / len(terms)


def name_tokens(name: str) -> list[str]:
    tokens = [t for t in _WORDS.findall(_fold(name)) if t not in NAME_SUFFIXES]
    while len(tokens) > 1 and tokens[0] in NAME_PREFIXES:
        tokens = tokens[1:]
    return tokens


def surname(name: str) -> str:
    tokens = name_tokens(name)
    return tokens[-1] if tokens else ""


def has_name(text: str, name: str) -> bool:
    """The name's surname occurs as a word in ``text`` (diacritics and case ignored)."""
    last = surname(name)
    return bool(last) and re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", _fold(text)) is not None


def full_name_match(candidate: str, asked: str) -> bool:
    """Every token of the asked name (titles dropped) occurs in the candidate name."""
    have = set(name_tokens(candidate))
    want = name_tokens(asked)
    return bool(want) and all(t in have for t in want)




def other_given_name(candidate: str, asked: str) -> bool:
    """Both names write a given name before the surname and the two start with other letters: a namesake, another
    person ("Olivia <Surname>" asked, "Melissa <Surname>" written); a short form of the same name ("Joe" ~ "Joseph")
    and initials ("J.") are not told apart."""
    have, want = name_tokens(candidate), name_tokens(asked)
    if len(have) < 2 or len(want) < 2:
        return False  # a surname alone: any given name may go with it
    return have[0][0] != want[0][0]


def speaker_label(raw: str) -> str:
    """``PRESIDENT LÓPEZ OBRADOR`` -> ``President López Obrador``; names as written otherwise."""
    raw = squash(raw)
    return raw.title() if raw.isupper() else raw


# -- retrieval --------------------------------------------------------------------------------------------
class Context:
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




def slug(doc: Document) -> str:
    """The words of the page's address and file name ("...-talks-in-<place>.html"): page metadata like its title."""
    words = [re.sub(r"\.\w{1,5}$", "", p.rsplit("/", 1)[-1]) for p in (doc.url or "", doc.source or "") if p]
    return " ".join(re.sub(r"[-_+]+", " ", w) for w in words)


def sentence_window(ctx: Context, doc: Document, index: int) -> str:
    spans = ctx.sentences(doc)
    return " ".join(s.text for s in spans[max(0, index - NAME_WINDOW):index + NAME_WINDOW + 1])


def cited_text(ctx: Context, sentence: AnswerSentence) -> str:
    """The text of the sentences an answer sentence cites."""
    docs = [(ctx.doc(c["doc"]), c) for c in sentence.citations]
    return " ".join(d.text[c["start"]:c["end"]] for d, c in docs if d is not None)


def cites_words_of(ctx: Context, sentence: AnswerSentence, who: str) -> bool:
    """Every sentence cited gives ``who``'s words (:func:`said_by`)."""
    for cite in sentence.citations:
        doc = ctx.doc(cite["doc"])
        if doc is None or not said_by(doc, ctx.sentence_at(doc, cite["start"], cite["end"]), who):
            return False
    return bool(sentence.citations)

