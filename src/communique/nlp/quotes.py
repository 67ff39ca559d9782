"""Quotes with speakers: direct quotes, reported (indirect) speech and transcript turns -> ``doc.quotes``.

Direct quotes come from quotation marks (:mod:`communique.nlp.quote_marks`: every mark style, unclosed quotes ended
at the paragraph end or continued by a new opening mark). Short quotes (scare quotes, SCARE_MAX_WORDS words or
fewer, not a sentence) are kept only when a cue verb attributes them; single-mark quotes only when a cue names the
speaker.

Speaker attribution cascade (the numbers are used in the code comments):
 (1) a cue verb next to the quote, before or after it ("said", "stressed", "added:", "told journalists", "according
     to") with a person mention beside it ("..., Doe said" / "said Doe" / "Doe said: ...");
 (2) the subject of the cue verb in the dependency parse (nsubj), whatever the noun phrase is;
 (3) a role noun or description as that subject ("the Secretary of State stressed", "the top Chilean diplomat
     said") resolved to the person holding that role in the document (cascade 3a-3d in ``_resolve_role``: a Role
     with that title, a person written right after it, a title the description stands for, the one person of the
     described nationality); former holders ("former President X") never;
 (4) a pronoun as that subject (he / she / they) resolved to the nearest earlier compatible person (gender from
     Mr./Ms./Mrs., a small first-name list, role nouns such as "spokeswoman", and an earlier he/she already resolved
     to that person), the last speaker first, then subjects and names opening a sentence (salience); the speaker
     span is the pronoun itself;
 (5) no cue at all: the previous sentence's cue, else the person a preceding paragraph without quotes opens with
     as subject, else the previous quote's speaker (within MAX_CONTINUATION_PARAS).
Names are expanded to the fullest form used in the document ("Doe" -> "Jane Doe").

Indirect speech ("X said that ...", "X told reporters the talks were productive", "According to X, ...") gives
``direct=False`` with the reported clause as the content span; words quoted inside a reported clause ('said the plan
was "dead on arrival"', 'said that "..."') stay inside that indirect quote instead of becoming a direct one; when
no indirect quote holds them (the verb is no speech cue: 'retorted that "..."'), they are an indirect quote of the
person subject of the nearest verb (``_governing_speaker``). Transcripts (``doc.kind == "transcript"`` or labelled turns found, see
:mod:`communique.nlp.transcript`) give one direct quote per speech piece of every turn, by the turn's speaker;
quotation marks inside turns give quotes of someone else only when a cue names that person (steps 1-3).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import Document, Quote
from . import countries
from .quote_marks import LABEL_IN_QUOTE as _LABEL_IN_QUOTE
from .quote_marks import QuoteSpan, find_quote_spans
from .quote_marks import paragraphs as _paragraphs
from .quote_marks import trim as _trim
from .quote_patterns import (
    CUE_LEMMAS,
    DESCRIPTION_TITLES,
    FEMALE_FIRST_NAMES,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    FIRST_PERSON,
    INDIRECT_CUE_LEMMAS,
    MALE_FIRST_NAMES,
    MALE_PRONOUNS,
    MALE_TITLES,
    PLURAL_PRONOUNS,
    QUESTIONER_LABELS,
    ROLE_NOUNS,
)
from .transcript import (
    Turn,
    find_turns,
    is_label,
    looks_like_transcript,
    monologue_turn,
    normalise_label,
    speaker_name,
)

__all__ = ["annotate", "find_quote_spans", "QuoteSpan", "SCARE_MAX_WORDS"]

SCARE_MAX_WORDS = 3  # "so-called 'reset'", "a 'productive' meeting": up to 3 words is a scare quote, not speech
TAIL_MAX_TOKENS = 25  # ", Malkia Cyril, the executive director at the Center of ..., said" fits
ADJACENT_TOKENS = 6  # a cue this close to the marks attributes even a scare-length quote ("'reset,' officials said")
HEAD_MAX_TOKENS = 30  # a cue before the quote in the same sentence ("Doe said on Tuesday in Brussels that ...")
MAX_CONTINUATION_PARAS = 2  # a bare quote continues the previous speaker only this close (else too uncertain)
PRONOUN_LOOKBACK_CHARS = 3000  # about five paragraphs: antecedents further away are rarely right
TITLE_MAX_WORDS = 6  # "Collapse: How Societies Choose to Fail" is a title; capitalised sentences are longer
SUBJECT_HOPS = 3  # climb at most this many heads (advcl / pcomp / conj) to find the cue's subject
MIN_INDIRECT_WORDS = 3  # "he said so" is not reported content
MAX_INDIRECT_QUOTED_SHARE = 0.5  # a reported clause mostly inside quotation marks is already a direct quote
PARTIAL_MIN_WORDS = 5  # quoted words inside a sentence this long are the speaker's words, not a scare quote

_HONORIFICS = re.compile(r"^(?:mr|ms|mrs|dr|sen|rep|gov|gen|prof)\.?\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SENT_END = frozenset({".", "?", "!"})
_QUOTE_OPEN = re.compile("[\u201c\u00ab\"]")
_QUOTE_CLOSE = re.compile("[\u201d\u00bb\"]")
_TITLE_SMALL_WORDS = frozenset("a an the of and or for to in on at by with from as vs".split())
_DASH_CREDIT = re.compile(r"[^\S\n]*(?P<dash>[―—–]|--)[^\S\n]*(?P<name>[A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})")


@dataclass(frozen=True, slots=True)
class _Person:
    start: int
    end: int
    text: str


# ------------------------------------------------------------------------------------------------- people
def _people(doc: Document, sdoc: Any) -> list[_Person]:
    """Person mentions: ``doc.mentions`` of type person, else the parse's PERSON entities."""
    found = [_Person(m.start, m.end, m.text) for m in doc.mentions if m.type == "person"]
    if not found and sdoc is not None:
        found = [_Person(e.start_char, e.end_char, e.text) for e in sdoc.ents if e.label_ == "PERSON"]
    return sorted(found, key=lambda p: p.start)


def _clean_name(name: str) -> str:
    name = _POSSESSIVE.sub("", " ".join(name.split()))
    return _HONORIFICS.sub("", name).strip()


def _surname(name: str) -> str:
    words = _WORD.findall(_clean_name(name))
    return words[-1].lower() if words else ""


class _Context:
    """Per-document lookups shared by the attribution steps."""

    def __init__(self, doc: Document, sdoc: Any) -> None:
        self.doc = doc
        self.text = doc.text
        self.sdoc = sdoc
        self.people = _people(doc, sdoc)
        self.starts = [p.start for p in self.people]
        self.full: dict[str, str] = {}
        for name in [p.text for p in self.people] + [r.person for r in doc.roles]:
            clean = _clean_name(name)
            words = _WORD.findall(clean.lower())
            # the last word, and the first of two surnames ("Tomás Arriaga Peña" is also "Arriaga")
            for key in words[-1:] + (words[-2:-1] if len(words) >= 3 else []):
                if len(clean.split()) > len(self.full.get(key, "").split()):
                    self.full[key] = clean
        self.tok_starts = [t.idx for t in sdoc] if sdoc is not None else []
        self.quote_ranges: list[tuple[int, int]] = []
        self.partials: list[Quote] = []  # quoted words inside a sentence, kept when no indirect quote holds them
        self.learned_gender: dict[str, str] = {}  # surname -> gender of a pronoun already resolved to the person
        self.countries: dict[str, set[str]] = defaultdict(set)  # surname -> countries of its mentions and roles
        for m in doc.mentions:
            if m.type == "person" and m.country:
                self.countries[_surname(m.text)].add(m.country)
        for r in doc.roles:
            if r.country:
                self.countries[_surname(r.person)].add(r.country)

    def of_country(self, name: str, country: str | None) -> bool:
        """Whether the person may be of ``country`` (no country asked, or none known for the person, or a match)."""
        known = self.countries.get(_surname(name))
        return country is None or not known or country in known

    def quoted(self, pos: int) -> bool:
        """Whether ``pos`` lies inside quotation marks."""
        return any(a <= pos < b for a, b in self.quote_ranges)

    def full_name(self, name: str) -> str:
        """The fullest form of ``name`` in the document ("Doe" -> "Jane Doe")."""
        clean = _clean_name(name)
        if len(clean.split()) > 3 or not clean[:1].isupper():
            return clean
        full = self.full.get(_surname(clean))
        return full if full and len(full.split()) >= len(clean.split()) else clean

    def person_in(self, a: int, b: int, nearest_to: int) -> _Person | None:
        """The person mention overlapping [a, b) closest to ``nearest_to``."""
        hits = [p for p in self.people if p.start < b and p.end > a]
        if not hits:
            return None
        return min(hits, key=lambda p: min(abs(p.start - nearest_to), abs(p.end - nearest_to)))

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def gender(self, person: _Person) -> str | None:
        words = [w.lower() for w in _WORD.findall(self.text[max(0, person.start - 30) : person.start])][-3:]
        prefix = self.text[max(0, person.start - 5) : person.start].lower()
        if any(t.rstrip(".") in {x.rstrip(".") for x in MALE_TITLES} for t in words[-1:]) or "mr." in prefix:
            return "m"
        if any(t.rstrip(".") in {x.rstrip(".") for x in FEMALE_TITLES} for t in words[-1:]) or "ms." in prefix:
            return "f"
        # a known given name anywhere before the surname, in this mention or the fullest form of the name
        for name in (_clean_name(person.text), self.full.get(_surname(person.text), "")):
            for w in [w.lower() for w in _WORD.findall(name)][:-1]:
                if w in MALE_FIRST_NAMES:
                    return "m"
                if w in FEMALE_FIRST_NAMES:
                    return "f"
        return self.learned_gender.get(_surname(person.text))  # earlier "he said" / "she said" about this person


# ------------------------------------------------------------------------------------------------- attribution
@dataclass(slots=True)
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    cue: str | None
    explicit: bool  # named by a cue (steps 1-3), not inherited or guessed from a pronoun


def _is_cue(tok: Any) -> bool:
    return tok.lemma_.lower() in CUE_LEMMAS and tok.pos_ in ("VERB", "AUX")


def _according_to(tok: Any) -> bool:
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"


def _tokens_lowered(sdoc: Any, word: str) -> list[Any]:
    """The tokens of ``sdoc`` whose lower-case form is ``word``, in order (one array compare: a loop over every
    token of a long document costs more than the rest of the step)."""
    found = np.flatnonzero(sdoc.to_array("LOWER") == sdoc.vocab.strings[word])
    return [sdoc[int(i)] for i in found]


def _role_in(words: str) -> str | None:
    low = words.lower()
    for role in ROLE_NOUNS:
        if re.search(r"\b" + re.escape(role) + r"\b", low):
            return role
    return None


def _nationality(tokens: Iterable[Any]) -> str | None:
    """The country of a nationality or country word in a description ("the Chilean premier", "the top Canadian diplomat")."""
    for t in tokens:
        if t.text[:1].isupper():
            code = countries.country_of_demonym(t.text) or countries.country_of_name(t.text)
            if code:
                return code
    return None


def _unique(people: list[_Person]) -> _Person | None:
    """The most recent of these mentions when they all name one person (one surname), else None."""
    return people[-1] if people and len({_surname(p.text) for p in people}) == 1 else None


def _resolve_role(ctx: _Context, role: str, before: int, country: str | None = None) -> _Person | None:
    """(3) a role noun or description -> its holder, cascade:
    (3a) a Role record with that title (of the described country);
    (3b) the nearest earlier person written right after the title;
    (3c) the one earlier person written with a title that the description stands for ("the top diplomat" ->
         "Foreign Minister X");
    (3d) a nationality in the description: the one earlier person of that country."""
    current = [r for r in ctx.doc.roles if not r.title.startswith("Former")]  # "former President X" is not "the president"
    roles = [r for r in current if role in r.title.lower() and r.start < before and ctx.of_country(r.person, country)]
    if roles:  # (3a)
        # An exact title written before the name ("Vice President Kamala Harris") beats an appositive; then recency.
        r = max(roles, key=lambda r: (r.title.lower() == role, r.start < r.person_start, r.start))
        return _Person(r.person_start, r.person_end, r.person)
    earlier = [p for p in ctx.people if p.start < before and ctx.of_country(p.text, country)]
    for p in reversed(earlier):  # (3b)
        window = ctx.text[max(0, p.start - 60) : p.start].lower()
        if re.search(r"(?<!former )\b" + re.escape(role) + r"[\s,]*$", window):  # the title right before the name
            return p
    titles = DESCRIPTION_TITLES.get(role, ())
    holders = [r for r in current if any(t in r.title.lower() for t in titles)
               and (country is None or country in ctx.countries.get(_surname(r.person), set()))]
    holder = _unique([_Person(r.person_start, r.person_end, r.person) for r in holders])
    if holder is not None:  # (3c)
        return holder
    if country is not None:  # (3d)
        return _unique([p for p in earlier if country in ctx.countries.get(_surname(p.text), set())])
    return None


def _resolve_pronoun(ctx: _Context, pronoun: str, before: int, last: _Speaker | None) -> _Person | None:
    """(4) he/she/they -> the nearest earlier compatible person, subjects first."""
    want = "m" if pronoun in MALE_PRONOUNS else "f" if pronoun in FEMALE_PRONOUNS else None
    if pronoun in PLURAL_PRONOUNS:
        return None
    lo = before - PRONOUN_LOOKBACK_CHARS
    candidates = [p for p in ctx.people if lo <= p.start and p.end <= before]

    def compatible(p: _Person) -> bool:
        g = ctx.gender(p)
        return want is None or g is None or g == want

    if last is not None and last.name and last.start is not None and lo <= last.start < before:
        lp = _Person(last.start, last.end or last.start, last.name)
        written = ctx.text[lp.start : lp.end].lower()
        if written in MALE_PRONOUNS | FEMALE_PRONOUNS:  # the last speaker was itself a pronoun: same gender
            if want is None or (written in MALE_PRONOUNS) == (want == "m"):
                return lp
        elif compatible(lp):
            return lp
    subjects = []
    if ctx.sdoc is not None:
        for p in candidates:
            tok = ctx.sdoc[ctx.token_at(p.start)]
            head = tok
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass") or tok.is_sent_start:  # a sentence opening with a name is about them
                subjects.append(p)
    for group in (subjects, candidates):
        for p in reversed(group):
            if compatible(p):
                return p
    return None


def _speaker_from_subject(ctx: _Context, cue_tok: Any, last: _Speaker | None) -> _Speaker | None:
    """Steps (2)-(4) for a cue verb token."""
    subjects = [c for c in cue_tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    # two subjects in a misparse ("The spokesperson, Jane Doe said"): the one naming a person
    named = [c for c in subjects if ctx.person_in(c.left_edge.idx, c.right_edge.idx + len(c.right_edge), c.idx)]
    subj = (named or subjects or [None])[0]
    if subj is None and cue_tok.dep_ == "acl":
        subj = cue_tok.head  # "footage of Trump saying ..." -> Trump
    verb = cue_tok
    for _ in range(SUBJECT_HOPS):  # "Blige sings to Clinton before asking her" -> Blige
        if subj is not None or verb.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep") or verb.head.i == verb.i:
            break
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or ctx.quoted(subj.idx):
        return None  # no subject, or the subject is the quotation itself
    if subj.lower_ in ("who", "which", "that") and cue_tok.dep_ == "relcl":
        subj = cue_tok.head  # "Smith, who told reporters ..." -> Smith
    a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    if subj.right_edge.i - subj.left_edge.i > 8:  # a long clause: keep the head noun phrase only
        a, b = subj.idx, subj.idx + len(subj)
    low = subj.lower_
    cue = cue_tok.text
    person = ctx.person_in(a, b, subj.idx)
    if person is not None:  # (2) the subject is (or contains) a person mention
        return _Speaker(ctx.full_name(person.text), person.start, person.end, cue, True)
    if low in FIRST_PERSON:
        return None
    if low in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:  # (4) pronoun
        # The speaker span is the pronoun (the mention in this attribution); the name is its antecedent's.
        p = _resolve_pronoun(ctx, low, subj.idx, last)
        if p is not None and low in MALE_PRONOUNS | FEMALE_PRONOUNS:
            ctx.learned_gender.setdefault(_surname(p.text), "m" if low in MALE_PRONOUNS else "f")
        return _Speaker(ctx.full_name(p.text) if p is not None else None, a, b, cue, False)
    phrase = ctx.text[a:b]
    role = _role_in(phrase)
    words = [t for t in subj.subtree if a <= t.idx < b]
    country = _nationality(words)
    if role is not None and not any(
        t.pos_ == "PROPN" for t in words if t.lower_ not in role and _nationality([t]) is None
    ):  # (3)
        p2 = _resolve_role(ctx, role, a, country)
        if p2 is not None:
            return _Speaker(ctx.full_name(p2.text), a, b, cue, True)
    # (2) any other subject noun phrase ("a White House official", "the ministry")
    return _Speaker(_clean_name(phrase), a, b, cue, True)


def _window(ctx: _Context, a: int, b: int) -> list[Any]:
    if ctx.sdoc is None or a >= b:
        return []
    i, j = ctx.token_at(a), ctx.token_at(b)
    return [t for t in ctx.sdoc[i : j + 1] if t.idx >= a and t.idx + len(t) <= b]


def _tail(ctx: _Context, span: QuoteSpan, limit_after: int) -> list[Any]:
    """Tokens after the closing mark up to the first verb: a cue there attributes the quote ("..., Doe said")."""
    out = []
    for t in _window(ctx, span.close_end, limit_after)[:TAIL_MAX_TOKENS]:
        if t.text in _SENT_END and t.text != "." or "\n" in t.text:
            break
        out.append(t)
        if (t.pos_ in ("VERB", "AUX") and not _is_cue(t)) or _is_cue(t) or _according_to(t):
            break  # the first verb decides: a cue attributes, any other verb starts another clause
        if t.text == "." and not (t.i > 0 and t.doc[t.i - 1].is_title and len(t.doc[t.i - 1]) <= 4):
            break  # a sentence end (not the dot of "Rep." / "Gen.")
    return out


def _head(ctx: _Context, span: QuoteSpan, limit_before: int) -> list[Any]:
    """Tokens before the opening mark back to the sentence start (or the previous paragraph when it ends in ":")."""
    start = limit_before
    prev = ctx.text[:limit_before].rstrip()
    if span.open_at == limit_before and prev.endswith(":"):
        start = max(prev.rfind("\n") + 1, 0)  # "Doe said:\n\n“...”"
    out: list[Any] = []
    for t in reversed(_window(ctx, start, span.open_at)[-HEAD_MAX_TOKENS:]):
        if t.text in _SENT_END or ("\n" in t.text_with_ws and t.idx + len(t.text) < span.open_at - 2 and out):
            break
        out.insert(0, t)
    return out


def _according(ctx: _Context, cue_tok: Any, a: int, b: int) -> _Speaker | None:
    person = ctx.person_in(cue_tok.idx, b, cue_tok.idx)
    if person is not None:
        return _Speaker(ctx.full_name(person.text), person.start, person.end, "according to", True)
    pobj = [c for c in cue_tok.doc[cue_tok.i + 1].children if c.dep_ == "pobj"]
    if pobj:
        s, e = pobj[0].left_edge.idx, pobj[0].right_edge.idx + len(pobj[0].right_edge)
        return _Speaker(_clean_name(ctx.text[s:e]), s, e, "according to", True)
    return None


def _attribute(
    ctx: _Context, span: QuoteSpan, limit_before: int, limit_after: int, last: _Speaker | None
) -> tuple[_Speaker | None, bool]:
    """Steps (1)-(4) for one quote: (speaker or None when no cue attributes it, whether the cue is adjacent)."""
    text = ctx.text
    candidates: list[tuple[Any, int, int, bool]] = []
    tail = _tail(ctx, span, limit_after)
    if tail and (_is_cue(tail[-1]) or _according_to(tail[-1])):
        t = tail[-1]
        # (1) the speaker is between the quote and the cue, or right after it ("said Doe,").
        after_end = min(t.idx + 60, limit_after)
        stop = min([x for x in (text.find(",", t.idx, after_end), text.find(".", t.idx + len(t), after_end)) if x > 0] or [after_end])
        candidates.append((t, span.close_end, stop, len(tail) <= ADJACENT_TOKENS))
    head = _head(ctx, span, limit_before)
    for k in range(len(head) - 1, -1, -1):
        t = head[k]
        if _is_cue(t) or _according_to(t):
            candidates.append((t, head[0].idx, span.open_at, len(head) - k <= ADJACENT_TOKENS))
            break
    for cue_tok, a, b, adjacent in candidates:
        if _according_to(cue_tok):
            found = _according(ctx, cue_tok, a, b)
            if found is not None:
                return found, adjacent
            continue
        if a == span.close_end and _WORD.search(text[a : cue_tok.idx]):
            b = cue_tok.idx  # "..., Trump told Bill O'Reilly": the speaker is before the cue, not its object
        person = ctx.person_in(a, b, cue_tok.idx)
        sub = _speaker_from_subject(ctx, cue_tok, last)
        sub_is_person = sub is not None and sub.start is not None and any(p.start <= sub.start < p.end for p in ctx.people)
        if person is not None and not sub_is_person and not (sub is not None and sub.start is not None and a <= sub.start < b):
            # (1) the person mention next to the cue, unless the parser's subject is another person.
            return _Speaker(ctx.full_name(person.text), person.start, person.end, cue_tok.text, True), adjacent
        if sub is not None:
            return sub, adjacent
    # (1) a dash credit after the quote ("... ” ― Jane Doe").
    m = _DASH_CREDIT.match(text, span.close_end, limit_after)
    if m:
        person = ctx.person_in(m.start("name"), m.end("name"), m.start("name"))
        name = person.text if person is not None else m["name"]
        return _Speaker(ctx.full_name(name), m.start("name"), m.end("name"), m["dash"], True), True
    return None, False


def _previous_sentence(ctx: _Context, span: QuoteSpan, limit_before: int, last: _Speaker | None) -> _Speaker | None:
    """(5) a bare quote after a sentence with a cue in the same paragraph ("..., said Jane Doe, an aide. “...”")."""
    head = _head(ctx, span, limit_before)
    end = head[0].idx if head else span.open_at
    window = _window(ctx, limit_before, end)
    if not window:
        return None
    sent = window[-1].sent
    for t in reversed([t for t in window if t.sent == sent]):
        if _is_cue(t):
            sub = _speaker_from_subject(ctx, t, last)
            if sub is not None and sub.name:
                return _Speaker(sub.name, sub.start, sub.end, sub.cue, False)
            stop = min(t.idx + 80, end)
            person = ctx.person_in(t.idx, stop, t.idx)
            if person is not None:
                return _Speaker(ctx.full_name(person.text), person.start, person.end, t.text, False)
            return None
    return None


def _is_person_name(ctx: _Context, name: str | None) -> bool:
    return bool(name) and _surname(name or "") in ctx.full


def _paragraph_subject(ctx: _Context, para: tuple[int, int]) -> _Speaker | None:
    """(5) the person a paragraph without quotation marks opens with as subject ("Marchetti, for her part, welcomed ...")."""
    a, b = para
    if ctx.sdoc is None or any(qa < b and a < qb for qa, qb in ctx.quote_ranges):
        return None
    for p in ctx.people:
        if a <= p.start < b:
            first = tok = ctx.sdoc[ctx.token_at(p.start)]
            while tok.dep_ == "compound" and tok.head.i != tok.i:
                tok = tok.head
            opens = not _WORD.search(ctx.text[a : p.start].replace("the", "")) or first.is_sent_start
            if tok.dep_ in ("nsubj", "nsubjpass") or opens:
                return _Speaker(ctx.full_name(p.text), p.start, p.end, None, False)
            return None  # the paragraph is about someone else first
    return None


def _governing_speaker(ctx: _Context, span: QuoteSpan, limit_before: int, last: _Speaker | None) -> _Speaker | None:
    """The person subject of the nearest verb before a quote inside a sentence, climbing back through the verbs of
    the sentence ("the envoy hoped the talks would bring “...”" -> the envoy)."""
    head = _head(ctx, span, limit_before)
    verbs = [t for t in reversed(head) if t.pos_ == "VERB"]
    if not verbs and ctx.sdoc is not None:  # the sentence opens with the quote: its cue comes after it
        sent = ctx.sdoc[ctx.token_at(span.close_end)].sent
        verbs = [t for t in sent if t.idx >= span.close_end and _is_cue(t) and not ctx.quoted(t.idx)]
    for t in verbs:
        sp = _speaker_from_subject(ctx, t, last)
        if sp is not None and sp.name and _is_person_name(ctx, sp.name):
            return _Speaker(ctx.full_name(sp.name), sp.start, sp.end, sp.cue, sp.explicit)
    return None


# ------------------------------------------------------------------------------------------------- scare quotes
def _is_speech(text: str, span: QuoteSpan) -> bool:
    """Not a scare quote: more than SCARE_MAX_WORDS words, or a sentence-like ending inside the marks."""
    content = text[span.start : span.end]
    words = _WORD.findall(content)
    if len(words) > SCARE_MAX_WORDS:
        return True
    return bool(content) and content[-1] in ".?!,…" and content[:1].isupper()


def _is_partial(text: str, span: QuoteSpan) -> bool:
    """A fragment inside a sentence: a word right before the mark and no capital letter starting the quote ('called
    the plan "a disaster"', 'reported "2,521 incidents"'), "that" before the mark, or the sentence going on after
    an unpunctuated closing mark."""
    before = text[: span.open_at].rstrip()
    first = text[span.start : span.start + 1]
    if bool(before) and before[-1].isalnum() and not first.isupper():
        return True
    # 'said that “...”': the quoted words are the reported clause of indirect speech
    if re.search(r"\bthat,?$", before[-6:]):
        return True
    # '“You squeezed employees” to drive up ...': the sentence goes on after the closing mark
    after = text[span.close_end : span.close_end + 2]
    content = text[span.start : span.end]
    return span.closed and content[-1:].isalnum() and after[:1] == " " and after[1:].islower()


def _is_title(text: str, span: QuoteSpan) -> bool:
    """A title of a work or a show ("Fox News Sunday," / "Contract with America."): every main word capitalised."""
    words = _WORD.findall(text[span.start : span.end])
    body = text[span.start : span.end].rstrip(",.")
    if not words or len(words) > TITLE_MAX_WORDS or body[-1:] in "?!" or re.search(r"[.?!]\s", body):
        return False  # too long, or a question / several sentences ("The Donald. Big Daddy.")
    main = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(main) and all(w[:1].isupper() or w[:1].isdigit() for w in main) and len(words) > 1


# ------------------------------------------------------------------------------------------------- indirect speech
def _indirect(ctx: _Context, direct: list[Quote], blocked: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: a cue verb with a clausal complement outside quotation marks."""
    if ctx.sdoc is None:
        return []
    out = []
    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in INDIRECT_CUE_LEMMAS or tok.pos_ != "VERB":
            continue
        if any(a <= tok.idx < b for a, b in blocked):
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if comp is None:
            continue
        left = comp.left_edge
        if left.lower_ == "that" and left.dep_ == "mark":
            left = ctx.sdoc[left.i + 1]
        right = comp.right_edge
        while right.i > left.i and (right.is_punct or right.is_space):
            right = ctx.sdoc[right.i - 1]
        a, b = _trim(ctx.text, left.idx, right.idx + len(right))
        if _QUOTE_OPEN.search(ctx.text[a:b]) and not _QUOTE_CLOSE.search(ctx.text[a:b]):
            closing = _QUOTE_CLOSE.search(ctx.text, b, b + 3)  # keep the quote's closing mark ('...attacks.”')
            if closing:
                b = closing.end()
        words = _WORD.findall(ctx.text[a:b])
        if len(words) < MIN_INDIRECT_WORDS or "\n\n" in ctx.text[a:b]:
            continue
        quoted = sum(max(0, min(b, q.end) - max(a, q.start)) for q in direct)
        if quoted > MAX_INDIRECT_QUOTED_SHARE * (b - a):
            continue
        sp = _speaker_from_subject(ctx, tok, None)
        if sp is None:
            continue
        out.append(Quote(a, b, ctx.text[a:b], sp.name, sp.start, sp.end, direct=False, cue=tok.text))
    return out


def _according_to_clauses(ctx: _Context, blocked: list[tuple[int, int]]) -> list[Quote]:
    """"According to X, <clause>." / "<clause>, according to X." -> indirect speech by X."""
    if ctx.sdoc is None:
        return []
    out = []
    for tok in _tokens_lowered(ctx.sdoc, "according"):  # the tokens _according_to can accept, without a walk
        if not _according_to(tok) or ctx.quoted(tok.idx) or any(a <= tok.idx < b for a, b in blocked):
            continue
        sent = tok.sent
        found = _according(ctx, tok, tok.idx, sent.end_char)
        if found is None or found.end is None:
            continue
        phrase_end = max(found.end, ctx.sdoc[tok.i + 1].idx + 2)
        if tok.i == sent.start:  # "According to X, the talks ..."
            a, b = phrase_end, sent.end_char
        else:  # "The talks ..., according to X."
            a, b = sent.start_char, tok.idx
        while a < b and not ctx.text[a].isalnum() and ctx.text[a] not in "“\"":
            a += 1
        while b > a and (ctx.text[b - 1].isspace() or ctx.text[b - 1] in ",.;:"):
            b -= 1
        if len(_WORD.findall(ctx.text[a:b])) < MIN_INDIRECT_WORDS or "\n" in ctx.text[a:b]:
            continue
        out.append(Quote(a, b, ctx.text[a:b], found.name, found.start, found.end, direct=False, cue="according to"))
    return out


# ------------------------------------------------------------------------------------------------- transcripts
def _turn_speaker(ctx: _Context, turn: Turn) -> str:
    # questioner/host turns -> "question"/"host"; a name in the label or found for it in the text (transcript.py)
    named = speaker_name(ctx.text, turn)
    if named and (turn.role != "speaker" or len(named.split()) >= 2):
        return named
    label = turn.label
    name = normalise_label(label)
    if label in QUESTIONER_LABELS:
        return name
    words = name.split()
    if len(words) >= 2 and words[-1][:1].isupper():
        full = ctx.full.get(_surname(name))
        if full and len(full.split()) >= 2:
            return full
    roles = [r for r in ctx.doc.roles if r.title.lower() == name.lower().removeprefix("the ")]
    if len({r.person for r in roles}) == 1:
        return _clean_name(roles[0].person)
    return name


def _transcript_quotes(ctx: _Context, turns: list[Turn]) -> list[Quote]:
    out = []
    for turn in turns:
        name = _turn_speaker(ctx, turn)
        for a, b in turn.pieces:
            out.append(
                Quote(a, b, ctx.text[a:b], name, turn.label_start, turn.label_end, True, turn.interpreted,
                      turn.label + (":" if turn.labelled else " (heading)"))
            )
    return out


# ------------------------------------------------------------------------------------------------- main
def _paragraph_index(paras: list[tuple[int, int]], pos: int) -> int:
    return max(0, bisect.bisect_right([a for a, _ in paras], pos) - 1)


def _direct_quotes(ctx: _Context, spans: Iterable[QuoteSpan], named_only: bool) -> list[Quote]:
    text = ctx.text
    paras = _paragraphs(text)
    spans = list(spans)
    out: list[Quote] = []
    last: _Speaker | None = None
    last_para = -10
    for k, span in enumerate(spans):
        para = paras[_paragraph_index(paras, span.start)]
        before = spans[k - 1].close_end if k and spans[k - 1].close_end > para[0] else para[0]
        after = spans[k + 1].open_at if k + 1 < len(spans) and spans[k + 1].open_at < para[1] else para[1]
        speaker, adjacent = _attribute(ctx, span, before, after, last)
        p_index = _paragraph_index(paras, span.start)
        if not adjacent and not _is_speech(text, span):
            continue  # a scare quote
        if _is_title(text, span) and not (adjacent and speaker is not None and speaker.cue and span.close_end <= (speaker.start or 0)):
            continue  # a title ("Fox News Sunday"), unless a cue right after it names a speaker
        if _is_partial(text, span):
            # words quoted inside a reported clause: part of the indirect quote, not a quote of its own; when no
            # indirect quote holds them (no speech cue: "retaliated that “...”"), they are reported speech themselves
            partial = _governing_speaker(ctx, span, before, last) if not named_only else None
            if partial is not None and len(_WORD.findall(text[span.start : span.end])) >= PARTIAL_MIN_WORDS:
                ctx.partials.append(Quote(span.start, span.end, text[span.start : span.end], partial.name,
                                          partial.start, partial.end, False, False, partial.cue))
            continue
        label = _LABEL_IN_QUOTE.match(text, span.start, span.end)
        if label and not named_only and is_label(label["label"]) and label.end() < span.end:
            # a transcript quoted in an article ('"PENCE: Well, ...'): the label names the speaker
            a = label.end()
            out.append(Quote(a, span.end, text[a : span.end], normalise_label(label["label"]), span.start,
                             span.start + len(label["label"]), True, False, label["label"] + ":"))
            continue
        if speaker is None and not named_only:
            # (5) a bare continuation: the previous sentence's cue, else the person a paragraph without quotes
            # before it is about, else the previous quote's speaker when close.
            speaker = _previous_sentence(ctx, span, before, last)
            if speaker is None and p_index > 0 and para[0] == before:
                speaker = _paragraph_subject(ctx, paras[p_index - 1])
            if speaker is None and last is not None and p_index - last_para <= MAX_CONTINUATION_PARAS:
                speaker = _Speaker(last.name, last.start, last.end, None, False)
        if (named_only or span.single) and (speaker is None or not speaker.explicit):
            continue
        if speaker is not None and speaker.name:
            last, last_para = speaker, _paragraph_index(paras, span.close_end - 1)
        out.append(
            Quote(
                span.start,
                span.end,
                text[span.start : span.end],
                speaker.name if speaker else None,
                speaker.start if speaker else None,
                speaker.end if speaker else None,
                True,
                False,
                speaker.cue if speaker else None,
            )
        )
    return out


def annotate(doc: Document, sdoc: Any) -> Document:
    """``doc`` with ``quotes`` set (direct quotes, indirect speech, transcript turns), ordered by start."""
    ctx = _Context(doc, sdoc)
    spans = find_quote_spans(doc.text)
    ctx.quote_ranges = [(s.open_at, s.close_end) for s in spans]
    turns = find_turns(doc.text)
    if not turns and doc.kind == "transcript" and (monologue := monologue_turn(doc.text)):
        turns = [monologue]  # an unlabelled transcript of one speaker named in its heading
    if looks_like_transcript(doc.kind, turns):
        quotes = _transcript_quotes(ctx, turns)
        # Quotation marks inside turns: someone else's words only when a cue names them.
        inner = _direct_quotes(ctx, spans, named_only=True)
        label_spans = {(q.speaker_start, q.speaker_end) for q in quotes}
        quotes += [q for q in inner if (q.speaker_start, q.speaker_end) not in label_spans]
    else:
        quotes = _direct_quotes(ctx, spans, named_only=False)
        blocked = [(s.open_at, s.close_end) for s in spans]
        quotes += _indirect(ctx, quotes, blocked)
        quotes += [p for p in ctx.partials if not any(q.start <= p.start and p.end <= q.end for q in quotes)]
        reported = [(q.start, q.end) for q in quotes]
        quotes += [
            q
            for q in _according_to_clauses(ctx, blocked)
            if not any(a < q.end and q.start < b for a, b in reported)  # not already a quote
        ]
    quotes.sort(key=lambda q: (q.start, q.end))
    return doc.replace(quotes=quotes)
