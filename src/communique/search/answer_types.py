"""Answer-type spans for ``ask``'s whole-sentence answers: the parts of a sentence that could answer the question's
expected type (:attr:`question_analysis.Analysis.expects`) and are not already in the question.

A sentence answers "Which <Office> official convened <event>" only if it names a person or organisation the
question does not name; "Roughly how many <people> attended" only if it writes a number the question does not
write. :func:`answer_spans` finds such spans, by type:

1. number: a number as written ("nearly 70", "$7.3 billion", "six"), not a year, not the day of a date, not one
   the question writes, not a length of time unless the question counts days, weeks ...;
2. duration: a length of time ("six weeks", "two-day"), or a duration the time tagger resolved;
3. date: a date the time tagger resolved in the sentence, or a month and day written out;
4. place: a place or country mention, capitalised words after "in" / "at" / "near" / "through", or any
   capitalised words (step 6's, the tagger's types being often wrong for names of things);
5. person / organisation / agent (either): a mention of that type; for a person, the person of a role record or
   words written like a name (the tagger misses names cut by a line break);
6. name: a quoted title, a mention of any type, or a run of capitalised words (joined by "of", "the", "and",
   "for", "on", "in", "to"; one word only when it does not open the sentence); an organisation or agent may be
   such words too;

each kept only when it is not asked (:func:`asked`): some of its words are not words of the question.
:func:`focus_near` then scores a span by the question's focus words written around it.
"""

from __future__ import annotations

import re

import communique.lexicon as lexicon

from ..model import Document
from .question_analysis import DURATION_UNITS, Analysis
from .question_patterns import DURATION, MONTH_DAY_WRITTEN, MONTHS, NUMBER, PLACE_AFTER, STOP_WORDS
from .segment import Span
from .typed_answers import WORDS, fold, stem
from .word_families import family

__all__ = ["answer_spans", "asked", "focus_near", "SPAN_WINDOW_CHARS"]

SPAN_WINDOW_CHARS = 60  # the focus words that describe an answer stand within about ten words of it
MIN_NAME_RUN = 2  # a name answer: two capitalised words at least (one is often a sentence's first word)

# Mention types that answer each expected type (model.ENTITY_TYPES)
_MENTION_TYPES: dict[str, tuple[str, ...]] = {
    "place": ("place", "country"),
    "person": ("person",),
    "organisation": ("organization",),
    "agent": ("person", "organization"),
    "name": ("person", "organization", "country", "place", "other"),
}
_QUOTED = re.compile(r"[“\"]([^”\"]{3,120})[”\"]")
_CAPITAL_RUN = re.compile(r"[A-Z][\w\-’'.]*(?:,?\s+(?:(?:of|the|and|for|on|in|to)\s+)*[A-Z][\w\-’'.]*)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LINK = re.compile(r"https?://\S+|\]\([^)\s]*\)")  # an address, or a link's target "](...)"
_DURATION_UNITS = frozenset(family(stem(u)) for u in DURATION_UNITS)
# A person's name as written: two to four capitalised words ("<Given> <Surname>", "<Given> L. <Surname>") left
# when the titles, ranks, organisations' head words, title complements, months and weekdays are taken out of a
# run of capitalised words ("Deputy Secretary of Education <Given> <Surname>"), not the tail of a longer name
# ("Office of Science and <Field> Policy") and no part of a mention of another type
_TOKEN = re.compile(r"[\w\-’'.&]+")
MAX_NAME_WORDS = 4  # "<Given> <Middle> <Family> <Family>": a longer run is an organisation's or a title's
_JOINERS = frozenset("and of for the & de".split())
_ORG_WORDS = frozenset(w.lower() for w in lexicon.ORG_HEAD_WORDS)
_NOT_NAME = frozenset(w.lower() for t in (*lexicon.TITLE_HEADS, *lexicon.TITLE_MODIFIERS, *lexicon.ORG_HEAD_WORDS)
                      for w in t.split()) | frozenset(lexicon.COMPLEMENT_LOWER_WORDS) | frozenset(
    lexicon.MONTHS) | frozenset(lexicon.WEEKDAYS) | STOP_WORDS


def _question_words(a: Analysis) -> set[str]:
    return {family(stem(w.strip("'-"))) for w in WORDS.findall(fold(a.question))}


def asked(a: Analysis, text: str) -> bool:
    """Every content word of ``text`` is a word of the question (a name or number it already gives)."""
    words = [w.strip("'-") for w in WORDS.findall(fold(text))]
    content = [family(stem(w)) for w in words if w and w not in STOP_WORDS]
    return bool(content) and set(content) <= _question_words(a)


def _numbers(a: Analysis, text: str) -> list[tuple[int, int]]:
    timed = bool(_question_words(a) & _DURATION_UNITS)  # "How many days ...": a length of time is the count
    out: list[tuple[int, int]] = []
    for m in NUMBER.finditer(text):
        value = m.group(0).strip()
        if _YEAR.fullmatch(value) or asked(a, value):
            continue
        if DURATION.match(text, m.start()) and not timed:  # "six weeks": a length of time, not a count
            continue
        before = fold(text[max(0, m.start() - 12):m.start()]).split()
        if before and before[-1].strip(".") in MONTHS:  # the day of a date
            continue
        out.append((m.start(), m.end()))
    return out


def _in_organisation(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """The words before token ``i`` (capitalised or joiners, up to a punctuation mark) hold an organisation's head
    word: "Office of Science and <Field> Policy" continues one name, "<Name> and <Name>" lists two."""
    while i > 0 and text[tokens[i - 1][1]:tokens[i][0]].strip() == "":
        i -= 1
        word = tokens[i][2].lower()
        if word in _ORG_WORDS:
            return True
        if not (tokens[i][2][:1].isupper() or word in _JOINERS):
            return False
    return False


def _names_written(doc: Document, span: Span) -> list[tuple[int, int]]:
    """Spans of the sentence written like a person's name (the comment above :data:`MAX_NAME_WORDS`)."""
    text = doc.text[span.start:span.end]
    others = [(m.start - span.start, m.end - span.start) for m in doc.mentions
              if m.type != "person" and span.start <= m.start < span.end]
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    out: list[tuple[int, int]] = []
    run: list[int] = []  # indexes of the name's words so far
    for i in range(len(tokens) + 1):
        word = tokens[i][2] if i < len(tokens) else ""
        apart = bool(run) and i < len(tokens) and text[tokens[i - 1][1]:tokens[i][0]].strip() != ""  # ", " between
        if word[:1].isupper() and word.lower().strip(".,") not in _NOT_NAME and not apart:
            run.append(i)
            continue
        if 2 <= len(run) <= MAX_NAME_WORDS:
            first = run[0]
            joined = first >= 1 and tokens[first - 1][2].lower() in _JOINERS and _in_organisation(text, tokens, first - 1)
            named = apart is False and word.lower() in _ORG_WORDS  # "<Grand> <Harbour> Council"
            start, end = tokens[first][0], tokens[run[-1]][1]
            if not joined and not named and not any(s < end and start < e for s, e in others):
                out.append((start, end))
        run = [i] if apart and word[:1].isupper() and word.lower().strip(".,") not in _NOT_NAME else []
    return out


def _capitalised(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words ("Open Waters, Safe Ports", "Free to Learn"); a single word only when it does not
    open the sentence and is no title, month, weekday or function word."""
    out: list[tuple[int, int]] = []
    for m in _CAPITAL_RUN.finditer(text):
        words = WORDS.findall(m.group(0))
        if len(words) >= MIN_NAME_RUN or (m.start() > 0 and words and words[0].lower() not in _NOT_NAME
                                           and not re.search(r"[.!?:]\s*$", text[:m.start()])):
            out.append((m.start(), m.end()))
    return out


def answer_spans(a: Analysis, doc: Document, span: Span) -> list[tuple[int, int]]:
    """(start, end) offsets, in the sentence's text, of the spans that could answer ``a.expects`` (the cascade of
    the module docstring); all spans of the sentence when the question expects no type."""
    text = doc.text[span.start:span.end]
    kind = a.expects
    if not kind:
        return [(0, len(text))]
    found: list[tuple[int, int]] = []
    if kind == "number":  # 1.
        found = _numbers(a, text)
    elif kind == "duration":  # 2.
        found = [(m.start(), m.end()) for m in DURATION.finditer(text)]
        found += [(t.start - span.start, t.end - span.start) for t in doc.timexes
                  if t.type == "DURATION" and span.start <= t.start < span.end]
    elif kind == "date":  # 3.
        found = [(t.start - span.start, t.end - span.start) for t in doc.timexes
                 if t.type == "DATE" and t.value and re.match(r"^\d{4}-\d{2}", t.value) and span.start <= t.start < span.end]
        found += [(m.start(), m.end()) for m in MONTH_DAY_WRITTEN.finditer(text)]
    else:  # 4. - 6.
        found = [(m.start - span.start, m.end - span.start) for m in doc.mentions
                 if m.type in _MENTION_TYPES[kind] and span.start <= m.start < span.end]
        if kind == "place":
            found += [(m.start(1), m.end(1)) for m in PLACE_AFTER.finditer(text)
                      if m.group(1).split()[0].lower() not in MONTHS]
        if kind in ("person", "agent"):  # the tagger misses names cut by a line break: a name's form counts too
            found += [(r.person_start - span.start, r.person_end - span.start) for r in doc.roles
                      if span.start <= r.person_start < span.end]
            found += _names_written(doc, span)
        if kind == "name":
            found += [(m.start(1), m.end(1)) for m in _QUOTED.finditer(text)]
        if kind in ("place", "organisation", "agent", "name"):  # the tagger's types are often wrong for these
            found += _capitalised(text)
    links = [(m.start(), m.end()) for m in _LINK.finditer(text)]  # a page address: its numbers and words are none
    return sorted({(s, e) for s, e in found if not asked(a, text[s:e])
                   and not any(ls < e and s < le for ls, le in links)})


def focus_near(focus: list[str], text: str, spans: list[tuple[int, int]]) -> float:
    """The best share, over the spans, of the question's focus words (word families) written within
    SPAN_WINDOW_CHARS of the span in the sentence ``text``; 0.0 without spans, 1.0 without focus words."""
    if not spans:
        return 0.0
    if not focus:
        return 1.0
    best = 0.0
    for start, end in spans:
        near = fold(text[max(0, start - SPAN_WINDOW_CHARS):end + SPAN_WINDOW_CHARS])
        have = {family(stem(w.strip("'-"))) for w in WORDS.findall(near)}
        best = max(best, sum(f in have for f in focus) / len(focus))
    return best
