"""Person-name spans: repairs of the model's PERSON spans (step 4 of :mod:`communique.nlp.entities`).

Cascade, in the order ``repair_persons`` / ``propagate_surnames`` apply it:
 (4a) title and honorific prefixes are cut ("Gen. Mark Milley" -> "Mark Milley");
 (4b) fragments of one compound name are merged ("José María de la" + "Peña Ruiz"; across one line break only
      in hard-wrapped prose; a Spanish-looking ORG fragment right after a name is its surnames), a name followed by
      particles + capitalised words is extended, "Jr." / "III" join it;
 (4c) the span is cut to its run of name words (``trim_person``): lower-case words that are no name particle end it
      ("<Name> se reúne"), a headline verb after it is dropped ("<Name> Vows"), a given name cut at its hyphen is
      completed ("Min" + "-jun");
 (4d) a surname of a full name of the document, written alone, is a mention of that person (``propagate_surnames``);
 (4e) what is left must be a name by form (``is_name``): a capitalised word that is no title, and not a lone
      capitalised word on a line in another language.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import communique.lexicon as titles

from . import countries
from .language_words import ENGLISH_FUNCTION_WORDS, FOREIGN_FUNCTION_WORDS

__all__ = ["Ent", "SpanIndex", "alternation", "repair_persons", "propagate_surnames", "trim_person", "is_name",
           "CAPWORD", "RULE_LABEL"]

RULE_LABEL = "rule"
MIN_WRAPPED_LINE = 50  # chars: a line this long that breaks inside a name is hard-wrapped prose (WH files: ~72)
MAX_SURNAME_WORDS = 2  # Spanish names carry two surnames ("Sandoval González")
MIN_PROPAGATED_SURNAME = 4  # "Li", "Wu", "Ali" alone are too often another person or another word
MAX_GIVEN_WORDS = 2  # given names after a family name in capitals ("KANG Min Seo")
MIN_FOREIGN_WORDS = 2  # a line needs this many foreign function words (and more than English ones) to be foreign


def alternation(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of ``words``, longest first (spaces match any whitespace)."""
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")"


_HEADS = alternation(titles.TITLE_HEADS)
_MODS = alternation(titles.TITLE_MODIFIERS)
CAPWORD = r"(?-i:[A-ZÁÉÍÓÚÑ][\w'’\-]*)"
_ARTICLE = r"(?-i:(?:[ae]l|[AE]l)-)?"  # Arabic article glued to a surname ("el-Amin", "al-Nasser")
_ARTICLE_WORD_RE = re.compile(_ARTICLE + r"[A-Z]")
# Title prefixes cut off person spans ("Gen. Mark Milley", "Mr. Arriaga").
_PREFIX_RE = re.compile(
    rf"(?i:(?:(?:{_MODS}\s+)*{_HEADS}|{alternation(titles.HONORIFICS)}))(?:\s+|(?<=\.))(?=\S)"
)
_PARTICLE_EXT_RE = re.compile(
    rf"(?:\s+(?:{alternation(sorted(titles.NAME_PARTICLES))}))+(?:\s+{CAPWORD}(?![\w]))+"
)
# A whole name: capitalised words and particles only ("José María de la Peña Ruiz", not "Bevan st Murray b").
_NAME_WORDS_RE = re.compile(
    rf"(?:{_ARTICLE}{CAPWORD}\.?|{alternation(sorted(titles.NAME_PARTICLES))})"
    rf"(?:\s+(?:{_ARTICLE}{CAPWORD}\.?|{alternation(sorted(titles.NAME_PARTICLES))}))*$"
)
_HYPHEN_TAIL_RE = re.compile(r"-[^\W\d_]+(?![\w'’])")  # "Min" + "-jun": the model cuts given names at the hyphen
_SPAN_WORD_RE = re.compile(r"\S+")
_POSSESSIVE_END_RE = re.compile(r"(?<=\w)['’]s$")
_EDGE_MARKS = frozenset("\"'“”‘’«»()[],;:")  # quote marks and punctuation the model takes along at a span's edge
_LINE_WORD_RE = re.compile(r"[^\W\d_]+")
_HONORIFIC_WORDS = frozenset(h.casefold() for h in titles.HONORIFICS)
_TITLE_WORDS = frozenset(w.casefold() for t in (*titles.TITLE_HEADS, *titles.TITLE_MODIFIERS) for w in t.split())
_TITLE_ONLY_RE = re.compile(rf"(?i:(?:{_MODS}\s+)*{_HEADS}|{alternation(titles.HONORIFICS)})")
_PARTICLE_GAP_RE = re.compile(rf"^(?:\s+(?:{alternation(sorted(titles.NAME_PARTICLES))}))*\s+$")
_SURNAME_WORD_RE = re.compile(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?")
_SPANISH_SURNAME_RE = re.compile(r"[áéíóúñü]|ez$")
# "KANG Min Seo": a family name in capitals first, then the given names in title case (official East Asian style);
# the model often tags the parts apart ("KANG" and "Seo")
_FAMILY_FIRST_RE = re.compile(r"[A-Z]{2,}")
_GIVEN_TAIL_RE = re.compile(rf"(?:[ \t]+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){{1,{MAX_GIVEN_WORDS}}}(?![\w'’-])")
_NAME_SUFFIX_RE = re.compile(r",?\s+(?:Jr\.|Sr\.|Jr|Sr|II|III|IV)(?![\w])")


@dataclass(slots=True)
class Ent:
    start: int
    end: int
    label: str  # model label or RULE_LABEL
    kind: str  # person / organization / place / other (country decided in step 8)


class SpanIndex:
    """Does ``[start, end)`` overlap any of these spans? (bisect + prefix maximum of ends: no scan per query)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        best = -1
        for _, end in spans:
            best = max(best, end)
            self.max_end.append(best)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1  # spans starting before ``end``
        return i >= 0 and self.max_end[i] > start


def _same_line_or_wrapped(text: str, end: int, start: int) -> bool:
    """No line break between two fragments, or one break ending a long line (hard-wrapped prose, not a list of
    names one per line)."""
    breaks = text.count("\n", end, start)
    if breaks == 0:
        return True
    line_start = text.rfind("\n", 0, end) + 1
    return breaks == 1 and end - line_start >= MIN_WRAPPED_LINE


def _looks_like_surnames(text: str, ent: Ent) -> bool:
    """A non-person entity right after a name that is really its second half: one or two title-case words, one
    of them Spanish-looking (accented or ending in -ez: "Rodríguez Velázquez" tagged ORG after "Rosa Icela")."""
    if ent.kind == "person" or ent.label == RULE_LABEL:
        return False
    words = text[ent.start : ent.end].split()
    return (
        len(words) <= MAX_SURNAME_WORDS
        and all(_SURNAME_WORD_RE.fullmatch(w) for w in words)
        and any(_SPANISH_SURNAME_RE.search(w) for w in words)
        and countries.affiliation(" ".join(words)) is None
    )


def repair_persons(text: str, ents: list[Ent]) -> list[Ent]:
    """Step 4: strip title prefixes, merge fragments, extend over name particles."""
    for ent in ents:
        if ent.kind != "person":
            continue
        while (prefix := _PREFIX_RE.match(text, ent.start, ent.end)) and prefix.end() < ent.end:
            ent.start = prefix.end()
    ents.sort(key=lambda e: (e.start, e.end))
    merged: list[Ent] = []
    for ent in ents:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == "person"
            and (ent.kind == "person" or _looks_like_surnames(text, ent))
            and prev.end <= ent.start
            and _same_line_or_wrapped(text, prev.end, ent.start)
            and _PARTICLE_GAP_RE.match(text[prev.end : ent.start] or " ")
            and _NAME_WORDS_RE.match(text, prev.start, ent.end)
        ):
            prev.end = ent.end
            continue
        merged.append(ent)
    for i, ent in enumerate(merged):
        if ent.kind != "person":
            continue
        ext = _PARTICLE_EXT_RE.match(text, ent.end)
        next_start = merged[i + 1].start if i + 1 < len(merged) else len(text)
        if ext and ext.end() <= next_start and "\n" not in ext.group(0):
            ent.end = ext.end()
        elif _FAMILY_FIRST_RE.fullmatch(text, ent.start, ent.end) and (given := _GIVEN_TAIL_RE.match(text, ent.end)):
            words = given.group(0).split()
            following = merged[i + 1] if i + 1 < len(merged) else None
            if not any(w.casefold() in _TITLE_WORDS for w in words) and (
                following is None or following.start >= given.end() or following.kind == "person"
            ):
                ent.end = given.end()  # step 4b: the given names after a family name in capitals
        if suffix := _NAME_SUFFIX_RE.match(text, ent.end):  # "John Q. Doe, Jr."
            ent.end = suffix.end()
    for ent in merged:
        if ent.kind == "person":
            trim_person(text, ent)
    merged = [e for e in merged if e.kind != "person" or (e.end > e.start and is_name(text, e))]
    out: list[Ent] = []
    for ent in merged:  # drop what an extension swallowed ("Jr." as its own PERSON)
        if out and out[-1].kind == "person" and ent.start < out[-1].end:
            continue
        out.append(ent)
    return out


def propagate_surnames(text: str, ents: list[Ent]) -> list[Ent]:
    """Step 4b: the surname of a full name in the document, written alone where the model found nothing, is a
    mention of that person ("Tarek Bouzid" ... "PM Bouzid, for his part")."""
    surnames = set()
    for ent in ents:
        words = text[ent.start : ent.end].split()
        if ent.kind == "person" and len(words) >= 2 and _SURNAME_WORD_RE.fullmatch(words[-1]):
            if len(words[-1]) >= MIN_PROPAGATED_SURNAME:
                surnames.add(words[-1])
    if not surnames:
        return ents
    for ent in ents:  # the model's place or group that is a title + such a surname ("PM Bouzid" as GPE)
        prefix = _PREFIX_RE.match(text, ent.start, ent.end)
        start = prefix.end() if prefix else ent.start
        if ent.kind != "person" and text[start : ent.end] in surnames:
            ent.start, ent.kind = start, "person"
    pattern = re.compile(rf"(?<![\w'’.-])(?:{'|'.join(map(re.escape, sorted(surnames, key=len, reverse=True)))})(?![\w-])")
    taken = SpanIndex([(e.start, e.end) for e in ents])
    added = [Ent(m.start(), m.end(), RULE_LABEL, "person") for m in pattern.finditer(text) if not taken.overlaps(*m.span())]
    return sorted([*ents, *added], key=lambda e: (e.start, e.end)) if added else ents


def trim_person(text: str, ent: Ent) -> None:
    """Step 4c: a person span is a run of name words: cut at lower-case words that are no name particle ("<Name> se
    reúne", "<verb> que <Name> <verb>": the longest run of name words is kept) and drop a headline verb after the
    name ("<Name> Vows"); a given name cut at its hyphen is completed ("Min" + "-jun"); a possessive is cut off."""
    words = list(_SPAN_WORD_RE.finditer(text, ent.start, ent.end))
    runs: list[list[re.Match[str]]] = [[]]
    for w in words:
        token = w.group(0)
        if token[:1].islower() and token.casefold() not in titles.NAME_PARTICLES and not _ARTICLE_WORD_RE.match(token):
            runs.append([])
        else:
            runs[-1].append(w)
    best = max(runs, key=len)
    while len(best) > 1 and best[-1].group(0).casefold() in titles.HEADLINE_VERBS | titles.HEADLINE_FUNCTION_WORDS:
        best = best[:-1]
    while len(best) > 1 and best[-1].group(0).casefold() in titles.NAME_PARTICLES:
        best = best[:-1]  # "de" left over after a cut
    first = best[0].group(0) if best else ""
    if (
        len(best) > 2
        and first.casefold() not in titles.COUNTRY_GIVEN_NAMES
        and not best[1].group(0).endswith(".")  # "<Given> J. <Surname>": the first word is a given name
        and (countries.country_of_name(first) or countries.country_of_demonym(first))
    ):
        best = best[1:]  # "of <Country> <Given> <Surname>" taken as one name
    if best:
        ent.start, ent.end = best[0].start(), best[-1].end()
    if tail := _HYPHEN_TAIL_RE.match(text, ent.end):
        ent.end = tail.end()
    if possessive := _POSSESSIVE_END_RE.search(text, ent.start, ent.end):
        ent.end = possessive.start()
    while ent.end > ent.start and text[ent.end - 1] in _EDGE_MARKS:
        ent.end -= 1
    while ent.start < ent.end and text[ent.start] in _EDGE_MARKS:
        ent.start += 1


def is_name(text: str, ent: Ent) -> bool:
    """Step 4e: a person span is a name by form: a capitalised word that is no title ("Madam", "Crown Prince"), and
    not a lone capitalised word on a line in another language (a verb opening a foreign sentence)."""
    words = text[ent.start : ent.end].split()
    capitalised = [w for w in words if w[:1].isupper() and w.casefold() not in titles.NAME_PARTICLES]
    if not capitalised:
        return False
    if _TITLE_ONLY_RE.fullmatch(text, ent.start, ent.end) and (len(words) > 1 or words[0].casefold() in _HONORIFIC_WORDS):
        return False  # a lone title word may be a surname ("Major")
    if len(words) == 1:
        line_start = text.rfind("\n", 0, ent.start) + 1
        line_end = text.find("\n", ent.end)
        line = [w.casefold() for w in _LINE_WORD_RE.findall(text, line_start, line_end if line_end >= 0 else len(text))]
        foreign = sum(w in FOREIGN_FUNCTION_WORDS for w in line)
        if foreign >= MIN_FOREIGN_WORDS and foreign > sum(w in ENGLISH_FUNCTION_WORDS for w in line):
            return False
    return True
