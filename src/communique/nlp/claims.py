"""Numeric claims: money, percentages, counts of things and people, masses, distances and durations.

Cascade of :func:`annotate`:
1. Figures: one regex finds an optional currency (symbol, escaped markdown ``\\$`` or ISO code), a number (digits or a
   number word), an optional scale word ("million", "bn", "tn") and an optional unit (%, percent, currency word,
   unit alias from :mod:`communique.nlp.units`).
2. Rejections: numbers inside DATE/TIME/SET time expressions, bare years, phone numbers, clock times, ordinals,
   labels ("Section 232"), ages ("45-year-old", "aged 45", "Jane Doe, 45,"), list markers.
3. Classification: currency -> ISO 4217; percent; unit alias -> tonne/kg/km/year/day/minute (miles -> km, pounds
   -> kg, hours -> minutes); otherwise a count when the spaCy parse attaches the number to a plural noun
   (``person`` for people nouns, ``count`` for anything else), or, when the parse attaches it elsewhere, a
   plural noun right after it past at most two adjectives or participles ("300 parading cadets").
4. Qualifier from the words before the figure ("more than" -> over, "nearly" -> about, ...), kept in the span.
5. ``about``: for counts the noun phrase counted ("firearms seized"); otherwise "X of/in <noun>" after the figure,
   the noun the figure modifies ("a 25 percent tariff"), or the subject of the verb ("Bilateral trade reached ...").
6. ``as_of``: the nearest dated time expression (year, month, day or quarter) in the same sentence.
7. ``speaker_name``: the speaker of the quote or transcript turn whose span holds the figure.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Claim, Document, Quote, Timex
from . import units as u

__all__ = ["annotate", "find_claims"]

QUALIFIER_WINDOW = 30  # characters before a figure searched for "more than", "nearly" ...
MAX_ABOUT_TOKENS = 6  # longer subjects are clauses, not the thing measured
SURFACE_MODIFIERS = 2  # parse fallback: at most this many adjectives/participles between a number and its plural noun
MIN_WORD_COUNT = 10  # "two leaders" is not a claim; word numbers from ten up ("a dozen", "twenty") are
AGE_MAX = 120  # a bare number between commas after a name, up to this, is an age ("Jane Doe, 45,")
YEAR_RANGE = (1800, 2100)  # bare numbers in this range without a unit are years, not quantities
DATED_VALUE = re.compile(r"^\d{4}(?:-(?:\d\d(?:-\d\d)?|Q[1-4]|H[12]))?$")  # timex values usable as as_of


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_NUM = _alt(u.NUMBER_WORDS)
_FIGURE = re.compile(
    rf"(?<![\w.,/:\\-])(?:(?P<sym>{_alt(u.CURRENCY_SYMBOLS)})\s?|(?P<code>{_alt(u.CURRENCY_CODES)})\s?)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:{_WORD_NUM})\b)(?![\d,]*\d)(?!st\b|nd\b|rd\b|th\b)"
    rf"(?:\s?(?P<scale>(?i:trillion|billion|million|thousand|millions|billions))\b|(?P<short>tn|trn|bn|bln|mn|mln|m|b|k|t)\b)?"
    rf"(?:\s?(?P<pct>%|(?i:percentage\s+points?|per\s+cent|percent|pct)\b)"
    rf"|\s+(?P<curword>(?i:{_alt(u.CURRENCY_WORDS)}))\b"
    rf"|\s(?P<code2>{_alt(u.CURRENCY_CODES)})\b"
    rf"|[\s-]?(?P<unit>(?i:{_alt(u.UNIT_ALIASES)}))\b)?"
)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{2,4}[\s.-])\d{3,4}[\s.-]\d{4}\b")
_QUALIFIER = re.compile(rf"(?i)\b(?P<q>{_alt(u.QUALIFIERS)})\s+$")
_AGE_AFTER = re.compile(r"^(?:[\s-]+years?[\s-]+old|-year-old|-years-old|\s*-?\s*year-old)", re.I)
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged?|ages)\s+$")
_CLOCK_AFTER = re.compile(r"^\s*(?::\d\d|a\.?m\.?\b|p\.?m\.?\b|o'clock)", re.I)
_LIST_MARKER = re.compile(r"(?:^|\n)\s*$")
_RANGE_AFTER = re.compile(
    r"^\s*(?:to|-|–|or)\s*\d"
)  # "30 to 40 arrests": the count is carried by the last number


def _number(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    value = u.NUMBER_WORDS.get(re.sub(r"\s+", " ", t))
    return None if value is None else float(value)


def _currency(m: re.Match[str]) -> str | None:
    if m["sym"]:
        return u.CURRENCY_SYMBOLS[m["sym"]]
    for code in (m["code"], m["code2"]):
        if code:
            return u.CODE_ALIASES.get(code, code)
    if m["curword"]:
        return u.CURRENCY_WORDS[re.sub(r"\s+", " ", m["curword"].lower())]
    return None


def _in_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _rejected(text: str, m: re.Match[str], blocked: list[tuple[int, int]], has_unit: bool) -> bool:
    """Step 2: True when the figure is a date part, year, phone number, clock time, label, age or list marker."""
    start, end = m.span()
    num_start, num_end = m.span("num")
    if _in_any(num_start, num_end, blocked):
        return True
    before, after = text[max(0, start - 40) : start], text[end : end + 20]
    raw = m["num"].replace(",", "")
    if not has_unit and raw.isdigit() and YEAR_RANGE[0] <= int(raw) <= YEAR_RANGE[1] and "," not in m["num"]:
        return True
    if _CLOCK_AFTER.match(text[num_end : num_end + 8]) or _AGE_AFTER.match(text[num_end : num_end + 14]):
        return True
    if _AGE_BEFORE.search(before):
        return True
    prev_word = re.search(r"([\w.]+)\s*$", before)
    if prev_word and prev_word[1].lower() in u.LABEL_WORDS:
        return True
    if not has_unit and _LIST_MARKER.search(before) and re.match(r"^[.)]\s", after):
        return True
    if not has_unit and raw.isdigit() and int(raw) <= AGE_MAX and re.search(r"[A-Z][a-z]+,\s*$", before):
        if re.match(r"^\s*,", after):
            return True  # "Jane Doe, 45, a farmer"
    return False


def _token_at(sdoc: Any, start: int, end: int) -> Any:
    if sdoc is None:
        return None
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def _phrase(tokens: list[Any]) -> str | None:
    """Text of tokens without leading determiners; lower-cased unless it starts with a proper noun."""
    while tokens and (
        tokens[0].lower_ in u.ABOUT_SKIP
        or tokens[0].is_punct
        or tokens[0].like_num
        or tokens[0].lower_ in u.PERCENT_WORDS
        or tokens[0].text in u.CURRENCY_SYMBOLS
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens or len(tokens) > MAX_ABOUT_TOKENS or all(t.pos_ == "PRON" for t in tokens):
        return None
    if any(t.dep_ == "cc" or t.like_num for t in tokens):
        return None  # a coordination or another figure: not one thing measured
    # the span's own text: Doc.text would join every token of the document on each call
    text = " ".join(tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text.split())
    if tokens[0].pos_ != "PROPN" and not tokens[0].text.isupper():
        text = text[:1].lower() + text[1:]
    return text


def _noun_phrase(noun: Any, stop_at: int | None = None) -> list[Any]:
    """Left modifiers + noun (+ a participle like "seized"); stop_at excludes tokens before that index."""
    left = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod", "det", "poss") and t.i < noun.i]
    first = min([t.left_edge.i for t in left] + [noun.i])
    if stop_at is not None:
        first = max(first, stop_at)
    tokens = list(noun.doc[first : noun.i + 1])
    for child in noun.rights:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i == noun.i + 1:
            tokens.append(child)
    return tokens


def _surface_noun(tok: Any) -> Any:
    """Step 3 fallback, when the parse does not attach the number to a noun after it ("300 parading cadets" parsed
    as the subject of "parading"): the plural noun right after the number, past at most ``SURFACE_MODIFIERS``
    adjectives or participles, in the same sentence."""
    doc = tok.doc
    if tok.tag_ != "CD" or (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN"):
        return None  # a number after a name is part of it or a date ("Route 9", "May 7 strikes")
    for i in range(tok.i + 1, min(len(doc), tok.i + 2 + SURFACE_MODIFIERS)):
        t = doc[i]
        if t.is_sent_start:
            return None
        if t.tag_ in ("NNS", "NNPS") and t.pos_ in ("NOUN", "PROPN"):
            return t
        if t.tag_ not in ("JJ", "VBG", "VBN"):
            return None
    return None


def _about_count(sdoc: Any, num_start: int, num_end: int) -> tuple[Any, list[Any]] | None:
    """Step 3 (counts): the plural noun a number counts, and the phrase after the number."""
    tok = _token_at(sdoc, num_start, num_end)
    if tok is None:
        return None
    # the number may be the head ("12,500 arrests": nummod) or sit in a "more than 10,000" quantmod chain
    noun = tok.head if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") else None
    while noun is not None and noun.dep_ in ("nummod", "quantmod") and noun.head.i != noun.i:
        noun = noun.head
    if (
        noun is None
        or noun.i <= tok.i
        or noun.pos_ not in ("NOUN", "PROPN")
        or noun.tag_ not in ("NNS", "NNPS", "NN")
    ):
        noun = _surface_noun(tok)
        if noun is None:
            return None
    if noun.tag_ == "NN" and noun.lower_ not in u.PEOPLE_NOUNS:
        return None  # a singular noun after a number is a label or a compound ("5 star"), not a count
    last = noun.i
    for child in noun.rights:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.i == noun.i + 1:
            last = child.i
    tokens = [t for t in sdoc[tok.i + 1 : last + 1] if t.lower_ not in u.SCALES]
    return noun, tokens


def _about_measure(sdoc: Any, start: int, end: int, timexes: list[tuple[int, int]]) -> str | None:
    """Step 5 (money, percent, units): what the figure measures."""
    root = _token_at(sdoc, start, end)
    if root is None:
        return None
    span_first = sdoc.char_span(start, end, alignment_mode="expand")[0].i
    span_last = root.i if root.idx >= start else span_first
    for t in sdoc[span_first:]:
        if t.idx >= end:
            break
        span_last = t.i
    # 5a. "$1.2 trillion in bilateral trade", "3.5 tons of cocaine"
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "for", "worth") and child.i == span_last + 1:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and not _in_any(objs[0].idx, objs[0].idx + len(objs[0]), timexes):
                return _phrase(_noun_phrase(objs[0]))
    # 5b. "a 25 percent tariff"
    head = root.head
    if (
        root.dep_ in ("amod", "compound", "nummod", "nmod", "npadvmod")
        and span_last < head.i <= span_last + MAX_ABOUT_TOKENS
        and head.pos_ == "NOUN"
    ):
        return _phrase(list(sdoc[span_last + 1 : head.i + 1]))
    # 5c. "tariffs of 25 percent"
    if root.dep_ == "pobj" and head.lower_ in ("of", "at") and head.head.pos_ == "NOUN":
        return _phrase(_noun_phrase(head.head))
    # 5d. the subject of the verb: "Bilateral trade reached $1.2 trillion"
    verb = root
    while (
        verb.pos_ not in ("VERB", "AUX")
        and verb.head.i != verb.i
        and verb.dep_
        in ("dobj", "attr", "pobj", "prep", "npadvmod", "advmod", "quantmod", "nummod", "compound")
    ):
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ in ("xcomp", "conj", "ccomp"):
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].pos_ in ("NOUN", "PROPN"):
            return _phrase(_noun_phrase(subjects[0]))
    return None


def _as_of(sdoc: Any, start: int, end: int, dated: list[Timex], text_len: int) -> str | None:
    """Step 6: nearest dated time expression in the same sentence (after the figure first); ``text_len``: the
    length of the parsed text (without a parse, the whole text is one sentence)."""
    if not dated:
        return None
    sent_start, sent_end = 0, text_len if sdoc is not None else 10**9
    if sdoc is not None:
        tok = _token_at(sdoc, start, end)
        if tok is not None:
            sent_start, sent_end = tok.sent.start_char, tok.sent.end_char
    best: tuple[int, str] | None = None
    for t in dated:
        if t.start < sent_start or t.end > sent_end:
            continue
        distance = (
            t.start - end if t.start >= end else (start - t.end) * 2
        )  # prefer "in 2024" after the figure
        if best is None or distance < best[0]:
            best = (distance, t.value or "")
    return best[1] if best else None


def _speaker(start: int, end: int, quotes: list[Quote]) -> str | None:
    for q in quotes:
        if q.start <= start and end <= q.end and q.speaker_name:
            return q.speaker_name
    return None


def find_claims(
    text: str, sdoc: Any = None, timexes: list[Timex] | None = None, quotes: list[Quote] | None = None
) -> list[Claim]:
    """Every numeric claim in ``text`` (steps 1-7 of the module cascade)."""
    timexes = timexes or []
    blocked = [(t.start, t.end) for t in timexes if t.type in ("DATE", "TIME", "SET")]
    blocked += [p.span() for p in _PHONE.finditer(text)]
    dated = [t for t in timexes if t.value and DATED_VALUE.match(t.value)]
    timex_spans = [(t.start, t.end) for t in timexes]
    claims: list[Claim] = []
    for m in _FIGURE.finditer(text):
        if not m["num"]:
            continue
        currency = _currency(m)
        scale_word = (m["scale"] or m["short"] or "").lower()
        if m["short"] and not currency and m["short"] not in ("tn", "bn", "trn"):
            continue  # "3m" alone may be metres; only "$3m" / "1.2tn" are scales
        has_unit = bool(currency or m["pct"] or m["unit"] or scale_word)
        if _rejected(text, m, blocked, has_unit):
            continue
        value = _number(m["num"])
        if value is None:
            continue
        value *= u.SCALES.get(scale_word, 1.0)
        start, end = m.span()
        about: str | None = None
        # 3. classification
        if currency:
            unit = currency
        elif m["pct"]:
            unit = "percent"
        elif m["unit"]:
            unit, factor = u.UNIT_ALIASES[m["unit"].lower()]
            value *= factor
            if (
                unit == "kg"
                and m["unit"].lower().startswith(("pound", "lb"))
                and re.search(r"£\s*$", text[:start])
            ):
                continue
        else:
            if sdoc is None or _RANGE_AFTER.match(text[end : end + 12]):
                continue
            found = _about_count(sdoc, *m.span("num"))
            if found is None:
                continue
            if not re.match(r"\d", m["num"]) and value < MIN_WORD_COUNT:
                continue
            noun, tokens = found
            about = _phrase(tokens) if tokens else None
            phrase = " ".join(t.lower_ for t in tokens)
            unit = "person" if noun.lower_ in u.PEOPLE_NOUNS or phrase in u.PEOPLE_NOUNS else "count"
            if tokens:
                end = max(end, tokens[-1].idx + len(tokens[-1]))
        # 4. qualifier
        qualifier = None
        q = _QUALIFIER.search(text[max(0, start - QUALIFIER_WINDOW) : start])
        if q:
            qualifier = u.QUALIFIERS[re.sub(r"\s+", " ", q["q"].lower())]
            start = start - (len(q.group(0)))
        # 5. about (money, percent, units)
        if about is None and sdoc is not None and unit not in ("count", "person"):
            about = _about_measure(sdoc, m.start(), m.end(), timex_spans)
        claims.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                unit=unit,
                qualifier=qualifier,
                about=about,
                as_of=_as_of(sdoc, start, end, dated, len(text)),
                speaker_name=_speaker(start, end, quotes or []),
            )
        )
    return claims


def annotate(doc: Document, sdoc: Any) -> Document:
    """Set ``doc.claims`` (uses ``doc.timexes`` and ``doc.quotes`` set by the earlier stages)."""
    return doc.replace(claims=find_claims(doc.text, sdoc, doc.timexes, doc.quotes))
