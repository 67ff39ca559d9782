"""Entity mentions, roles and country affiliation (issue 3, item 1).

``annotate(doc, sdoc)`` reads the shared spaCy parse and sets ``doc.mentions`` and ``doc.roles``.

Cascade (each step reads what the previous ones produced):
1. Model mentions: the parse's PERSON / ORG / GPE / LOC / FAC / NORP entities.
2. Speaker labels: ALL-CAPS transcript turns ("SECRETARY RUBIO:", "MS. JEAN-PIERRE:") give a person mention for
   the name part (the title part becomes a role); model entities overlapping the label are dropped.
3. Blocked words: drug names and the like ("fentanyl") are never entities.
4. Person repairs: leading titles / honorifics are cut off person spans ("Gen. Mark Milley" -> "Mark Milley");
   fragments of one compound name are merged ("Juan Ramón de la" + "Fuente Ramírez"; across one line break
   only in hard-wrapped prose; a Spanish-looking ORG fragment right after a name is its surnames); a name
   followed by particles + capitalised words is extended ("Juan Ramón de la Fuente"); "Jr." / "III" join it.
5. Titles: every title span in the text ("Secretary of State", "Undersecretary for North America"); model
   entities inside a title's complement are dropped ("State", "North America"), unless they are a country or
   an organisation ("Department of Homeland Security").
6. Place repairs: "Washington, D.C." becomes one place.
7. Domain additions: known agencies the model missed ("SRE", "SEDENA", "DHS") become organisation mentions.
8. Typing and country: person / organization / country (GPE that is a country) / place / other (NORP), with the
   ISO alpha-2 affiliation from the country, demonym, agency and place tables.
9. Roles (title, organisation, country, evidence span):
   a. title + name, titles chained ("Mexican Foreign Secretary Juan Ramón de la Fuente"; "Chairman of the Joint
      Chiefs of Staff Gen. Dan Caine" gives two roles), "... of Mexico" after the name;
   b. "Title, Name" list items ("the Secretary of the Navy, Adm. José Rafael Ojeda Durán;");
   c. apposition ("Marco Rubio, the U.S. Secretary of State,") and "Name, Title, ORG" ("..., Undersecretary for
      North America, SRE");
   d. transcript speaker labels ("SECRETARY RUBIO:");
   e. role nouns ("the Secretary") linked to the one person holding that title earlier in the document (skipped
      when two different people could be meant). A linked role's ``start``/``end`` cover the role noun; its
      ``person_start``/``person_end`` point to the earlier name.
   The organisation is the ORG after the title (c) or inside it ("Director of the National Economic Council");
   the country is written next to the title ("Mexican", "U.S.", "Mexico's", "of Mexico"), else the
   organisation's, else the title's own (TITLE_COUNTRY), else a nationality inside the title.
10. Person affiliation: a person mention takes the country of its roles (and of the roles of the same surname).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import communique.lexicon as titles

from ..model import Document, Mention, Role
from ..turn_patterns import SPEAKER_TURN_RE
from . import countries
from .person_spans import CAPWORD as _CAPWORD
from .person_spans import RULE_LABEL, propagate_surnames, repair_persons
from .person_spans import Ent as _Ent
from .person_spans import SpanIndex as _SpanIndex
from .person_spans import alternation as _alternation

__all__ = ["annotate", "find_titles", "TitleSpan", "MODEL_LABELS"]

# spaCy labels we keep, and the type each gives before the country/place split.
MODEL_LABELS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",  # -> country when the text is a country name
    "LOC": "place",
    "FAC": "place",
    "NORP": "other",
}
# Country words that inside a title name a region, not a country ("Undersecretary for North America").
AMBIGUOUS_COUNTRY_WORDS = frozenset({"america", "american", "georgia", "jordan", "chad", "guinea", "niger"})
COUNTRY_WINDOW = 40  # chars before a title searched for "Mexican" / "U.S." / "Mexico's"
MAX_NAME_GAP = 3  # chars of whitespace allowed between a title and the name it precedes
MAX_TITLE_WORDS = 12
LOWER_TITLE_WINDOW = 80  # chars before a name searched for "the foreign minister of <Country>"
MAX_CHAINED_TITLES = 3  # "Chairman of the Joint Chiefs of Staff Gen." + name: more is a run of names, not titles  # a longer "title" is a run of capitalised words, not a title


_HEADS = _alternation(titles.TITLE_HEADS)
_MODS = _alternation(titles.TITLE_MODIFIERS)
_PREPS = _alternation(titles.COMPLEMENT_PREPOSITIONS)
_JOIN = _alternation(titles.COMPLEMENT_JOINERS)
_LOWER = _alternation(titles.COMPLEMENT_LOWER_WORDS)
_ABBREV_HEADS = _alternation([h for h in titles.TITLE_HEADS if h.endswith(".")])
# A complement word; an abbreviated title ("Gen.") starts the next title instead ("Chairman of the Joint Chiefs of
# Staff Gen. Mark Milley").
_WORD = rf"(?!{_ABBREV_HEADS})(?:{_CAPWORD}|(?-i:{_LOWER}))(?![\w'’])"
_COMPLEMENT = rf"(?:\s+{_PREPS}\s+(?:the\s+)?{_WORD}(?:\s+(?:{_JOIN}\s+)*{_WORD})*)"
# Title case, as written before a name ("Deputy Secretary of State", "Gen.").
TITLE_RE = re.compile(rf"(?<![\w.])(?=[A-Z])(?:{_MODS}\s+)*{_HEADS}(?![\w]){_COMPLEMENT}?")
# Any case, for appositions ("Marco Rubio, the U.S. secretary of state,").
TITLE_ANY_RE = re.compile(rf"(?<![\w.])(?i:(?:{_MODS}\s+)*{_HEADS})(?![\w]){_COMPLEMENT}?")
_FORMER_BEFORE_RE = re.compile(r"(?<![\w-])(?i:former|ex-|then-|then\s)\s*$")
# A lower-case title after "the", ending right before a name ("the foreign minister of <Country> <Name>").
_LOWER_TITLE_BEFORE_RE = re.compile(rf"(?<![\w])(?:the|The)\s+(?P<t>{TITLE_ANY_RE.pattern})\s{{1,{MAX_NAME_GAP}}}$")
_MODS_UP = _alternation([w.upper() for w in titles.TITLE_MODIFIERS])
_HEADS_UP = _alternation([w.upper() for w in titles.TITLE_HEADS])
_LOWER_UP = _alternation([w.upper() for w in titles.COMPLEMENT_LOWER_WORDS])
_UPPER_TITLE_RE = re.compile(
    rf"^(?P<title>(?:{_MODS_UP}\s+)*{_HEADS_UP}(?:\s+(?:OF|FOR)\s+(?:THE\s+)?"
    rf"{_LOWER_UP}(?:\s+(?:AND\s+)?{_LOWER_UP})*)?)(?:\s+|(?<=\.))"
)
_UPPER_TITLE_ONLY_RE = re.compile(
    rf"(?:THE\s+)?(?:{_MODS_UP}\s+)*{_HEADS_UP}(?:\s+(?:OF|FOR)\s+(?:THE\s+)?{_LOWER_UP}(?:\s+(?:AND\s+)?{_LOWER_UP})*)?"
)
_HONORIFIC_UPPER_RE = re.compile(rf"^{_alternation([h.upper() for h in titles.HONORIFICS])}(?:\s+|(?<=\.))")
_COUNTRY_ALT = _alternation([k for k in (*countries.COUNTRIES, *countries.DEMONYMS) if len(k) > 1])
# "Mexican " / "U.S. " / "Mexico's " right before a title.
_COUNTRY_BEFORE_RE = re.compile(rf"(?<![\w.])(?P<c>(?-i:(?=[A-Z])){_COUNTRY_ALT})(?:['’]s)?\s+$", re.IGNORECASE)
_COUNTRY_IN_TITLE_RE = re.compile(rf"(?<![\w.])(?-i:(?=[A-Z])){_COUNTRY_ALT}(?![\w])", re.IGNORECASE)
_OF_COUNTRY_AFTER_RE = re.compile(rf"\s+of\s+(?:the\s+)?(?P<c>(?-i:(?=[A-Z])){_COUNTRY_ALT})(?![\w])", re.IGNORECASE)
_OF_COUNTRY_END_RE = re.compile(rf"\s+of\s+(?:the\s+)?(?P<c>{_COUNTRY_ALT})$", re.IGNORECASE)
# ", the U.S. Secretary of State" after a name.
_APPOS_START_RE = re.compile(
    rf",\s+(?:(?:the|a|an|The)\s+)?(?:(?P<c>(?-i:(?=[A-Z])){_COUNTRY_ALT})(?:['’]s)?\s+)?(?=\S)", re.IGNORECASE
)
_APPOS_END_RE = re.compile(r"\s*(?:[,.;:)\n]|$)|\s+(?-i:[a-z])")
_ORG_AFTER_RE = re.compile(r",\s+")
_CAPWORD_AFTER_RE = re.compile(r"[ \t]+[A-ZÁÉÍÓÚÑ]")
_OF_COMPLEMENT_RE = re.compile(r"\s+of\s")
_COMMA_BEFORE_RE = re.compile(r",\s+")
# What may follow the name in "Title, Name": the end of a list item or clause.
_LIST_END_RE = re.compile(r"\s*(?:[;,.)\n]|$)|\s+(?:and|as well as)\s")
_ROLE_NOUN_RE = re.compile(
    rf"(?<![\w])(?:the|The)\s+(?:(?P<c>(?=[A-Z])(?i:{_COUNTRY_ALT}))\s+)?"
    rf"(?P<t>(?P<h>(?=[A-Z])(?:{_MODS}\s+)*{_HEADS}(?![\w])){_COMPLEMENT}?)"
)
_DC_AFTER_RE = re.compile(r",?\s*D\.\s?C\.|,\s*DC(?![\w])")
_ORG_HEAD_RE = re.compile(rf"\b{_alternation(titles.ORG_HEAD_WORDS)}\b")
_ACRONYM_TITLES = frozenset(h for h in titles.TITLE_HEADS if h.isupper())  # "CEO" stays "CEO"
_RANK_MODIFIERS = frozenset(m.casefold() for m in titles.TITLE_MODIFIERS)
_AND_RE = re.compile(r"\s+(?:and|&)\s+")
_JOINER_WORDS = frozenset(titles.COMPLEMENT_JOINERS) | frozenset(titles.COMPLEMENT_PREPOSITIONS)


def _agency_pattern() -> re.Pattern[str]:
    """Agencies as written (case-sensitive: "ICE" is not "ice"), longest first."""
    keys = [k for k in _AGENCY_SURFACES if len(k) > 1]
    return re.compile(rf"(?<![\w.\-])(?=[^\W\d_a-z]){_alternation(keys)}(?![\w\-])")  # all start upper-case


# Surface forms of agencies: the table keys are lower-cased, so rebuild the written forms from the source block.
_AGENCY_SURFACES: tuple[str, ...] = tuple(
    name.strip().rsplit(":", 1)[0]
    for line in countries.AGENCIES_SOURCE.splitlines()
    for name in line.split("|")
    if name.strip()
)
_AGENCY_RE = _agency_pattern()


@dataclass(frozen=True, slots=True)
class TitleSpan:
    """A title found in the text; ``title`` is canonical ("General" for "Gen.")."""

    start: int
    end: int
    title: str
    country: str | None


# ----------------------------------------------------------------------------------------------------------------
# helpers


def _canonical_title(raw: str) -> str:
    title = re.sub(r"\s+", " ", raw.strip())
    if title in titles.ABBREVIATIONS:
        return titles.ABBREVIATIONS[title]
    if title.isupper() or title.islower():  # "SECRETARY OF STATE", "secretary of state"
        words = [
            w.lower() if w.lower() in _JOINER_WORDS else w if w in _ACRONYM_TITLES else w.capitalize()
            for w in title.split(" ")
        ]
        title = " ".join(words)
        title = titles.ABBREVIATIONS.get(title, title)
    return title


def _title_country(title: str) -> str | None:
    return titles.TITLE_COUNTRY.get(title.lower())


def _strip_of_country(text: str, start: int, end: int) -> tuple[int, str | None]:
    """Cut a trailing "of Mexico" off a title span: (new end, its country)."""
    match = _OF_COUNTRY_END_RE.search(text, start, end)
    if match and match.end() == end:
        return match.start(), countries.country_of_name(match.group("c"))
    return end, None


def _country_before(text: str, pos: int) -> tuple[int, str] | None:
    """("Mexican " / "U.S. " / "Mexico's ") ending at ``pos``: (its start, ISO code)."""
    window_start = max(0, pos - COUNTRY_WINDOW)
    match = _COUNTRY_BEFORE_RE.search(text[window_start:pos])
    if not match:
        return None
    word = match.group("c")
    code = countries.country_of_name(word) or countries.country_of_demonym(word)
    return (window_start + match.start(), code) if code else None


def find_titles(text: str, person_starts: list[int] | None = None) -> list[TitleSpan]:
    """Every title-case title in ``text``; a complement is cut where a person name starts."""
    starts = person_starts or []
    found: list[TitleSpan] = []
    pos = 0
    while match := TITLE_RE.search(text, pos):
        start, end = match.span()
        cut = bisect.bisect_right(starts, start)
        if cut < len(starts) and starts[cut] < end:
            end = starts[cut]
        for joiner in _AND_RE.finditer(text, start, end):  # "Secretary of the Interior and Domestic Policy Advisor"
            nxt = bisect.bisect_left(starts, joiner.end())
            if TITLE_RE.search(text, joiner.end(), end) or (nxt < len(starts) and starts[nxt] == joiner.end()):
                end = joiner.start()
                break
        raw = text[start:end].rstrip()
        end = start + len(raw)
        if raw.endswith(tuple(f" {w}" for w in _JOINER_WORDS)):  # "Secretary of" before a name
            raw = raw.rsplit(" ", 1)[0]
            end = start + len(raw)
        pos = max(end, start + 1)
        if len(raw.split()) > MAX_TITLE_WORDS:
            continue
        end, of_country = _strip_of_country(text, start, end)
        title = _canonical_title(text[start:end])
        found.append(TitleSpan(start, end, title, of_country))
    return found


def _surname_key(name: str) -> str:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    return words[-1].casefold().strip(".,'’") if words else ""


# ----------------------------------------------------------------------------------------------------------------
# cascade steps


def _model_ents(sdoc: Any) -> list[_Ent]:
    """Step 1 (spans trimmed of surrounding whitespace: the model sometimes takes a line break along)."""
    ents = []
    for e in sdoc.ents:
        if e.label_ not in MODEL_LABELS:
            continue
        surface = e.text
        start = e.start_char + (len(surface) - len(surface.lstrip()))
        end = e.end_char - (len(surface) - len(surface.rstrip()))
        if end > start:
            ents.append(_Ent(start, end, e.label_, MODEL_LABELS[e.label_]))
    return ents


def _speaker_labels(
    text: str, ents: list[_Ent], transcript: bool
) -> tuple[list[_Ent], list[tuple[int, int, int, int, str]]]:
    """Step 2: the ents with speaker names added, and one tuple per labelled turn (for roles)."""
    spans: list[tuple[int, int, int, int, str]] = []  # (label_start, name_start, name_end, colon_end, title)
    for match in SPEAKER_TURN_RE.finditer(text):  # ALL-CAPS label, optional "(Via interpreter)", a colon
        label = (match.group("label") or "").rstrip()
        if not label or label != label.upper() or sum(c.isalpha() for c in label) < 2:
            continue
        if label.rstrip(".") in titles.SPEAKER_NON_PERSONS or _UPPER_TITLE_ONLY_RE.fullmatch(label):
            continue  # "Q:", "MODERATOR:", "THE SECRETARY OF STATE:" (a title without a name)
        start = match.start("label")
        name_start, title = start, ""
        if honorific := _HONORIFIC_UPPER_RE.match(label):
            name_start = start + honorific.end()
        elif upper_title := _UPPER_TITLE_RE.match(label):
            title = _canonical_title(upper_title.group("title"))
            name_start = start + upper_title.end()
        if name_start == start and not transcript:
            continue  # a bare ALL-CAPS "NAME:" is a speaker only in a transcript ("NOTE:", "UPDATE:" elsewhere)
        name_end = start + len(label)
        name = text[name_start:name_end]
        if sum(c.isalpha() for c in name) < 2 or name.rstrip(".") in titles.SPEAKER_NON_PERSONS:
            continue
        spans.append((start, name_start, name_end, match.end(), title))
    if not spans:
        return ents, []
    labels = _SpanIndex([(s[0], s[3]) for s in spans])
    kept = [e for e in ents if not labels.overlaps(e.start, e.end)]
    kept.extend(_Ent(s[1], s[2], RULE_LABEL, "person") for s in spans)
    return kept, spans


def _drop_blocked(text: str, ents: list[_Ent]) -> list[_Ent]:
    """Step 3 (and an entity running over a line break into a "Label:" is cut at the break)."""
    kept = []
    for ent in ents:
        if text[ent.start : ent.end].strip().casefold() in titles.NOT_PERSON_WORDS:
            continue
        if "\n" in text[ent.start : ent.end] and text[ent.end : ent.end + 1] == ":":
            ent.end = text.rindex("\n", ent.start, ent.end)
            ent.end = ent.start + len(text[ent.start : ent.end].rstrip())
            if ent.end <= ent.start:
                continue
        kept.append(ent)
    return kept


def _drop_inside_titles(text: str, ents: list[_Ent], title_spans: list[TitleSpan]) -> list[_Ent]:
    """Step 5: an entity inside a title is part of the title, unless it is a country or an organisation."""
    if not title_spans:
        return ents
    kept = []
    starts = [t.start for t in title_spans]
    for ent in ents:
        i = bisect.bisect_right(starts, ent.start) - 1
        inside = i >= 0 and title_spans[i].start <= ent.start < title_spans[i].end
        if inside and ent.kind != "person" and ent.end > title_spans[i].end:
            # starts in a title's complement, runs past it ("National Defense Gen."): a piece of the title; one
            # starting with the title is a name of its own ("General Motors")
            inside = ent.start > title_spans[i].start and not _ORG_HEAD_RE.search(text, ent.start, ent.end)
        if inside and ent.kind != "person":
            surface = text[ent.start : ent.end]
            if not (countries.country_of_name(surface) or countries.country_of_agency(surface)) and not (
                _ORG_HEAD_RE.search(surface)
            ):
                continue
        surface = text[ent.start : ent.end]
        if inside and ent.kind == "person" and surface == text[title_spans[i].start : title_spans[i].end]:
            if len(surface.split()) > 1:  # one word may be a surname too ("Major")
                continue  # the model took a bare title ("Foreign Secretary") for a person
        kept.append(ent)
    return kept


def _repair_places(text: str, ents: list[_Ent]) -> list[_Ent]:
    """Step 6: "Washington, D.C." is one place."""
    out: list[_Ent] = []
    skip_until = -1
    for ent in ents:
        if ent.start < skip_until:
            continue
        if ent.kind == "place" and text[ent.start : ent.end] == "Washington":
            dc = _DC_AFTER_RE.match(text, ent.end)
            if dc:
                ent.end = dc.end()
                skip_until = ent.end
        out.append(ent)
    return out


_PLACE_PREP_BEFORE_RE = re.compile(r"(?<![\w-])(?-i:in|near|outside|across|throughout|around)[ \t]+$")
_POSSESSIVE_AFTER_RE = re.compile(r"['’]s?(?![\w])")


def _swap_person_place(text: str, ents: list[_Ent]) -> list[_Ent]:
    """Step 6b: a one-word name the model typed wrongly, judged by the document's own evidence:
    1. a one-word name written after "in" / "near" / "outside" somewhere ("arrived in Oranburg", not "in Varga's
       view") is a place in all its mentions (the model types it a person elsewhere), unless it is a word of a full
       person name of the document;
    2. a one-word "place" that is a word of a full person name of the document ("Varga" where "Tomas Varga" is a
       person) and no known country or place is that person."""
    full_words = {w for e in ents if e.kind == "person" for w in text[e.start : e.end].split()
                  if len(text[e.start : e.end].split()) > 1}
    one_word = [e for e in ents if " " not in text[e.start : e.end].strip()]
    places = {
        text[e.start : e.end] for e in one_word
        if e.kind in ("person", "place") and text[e.start : e.end] not in full_words
        and _PLACE_PREP_BEFORE_RE.search(text, max(0, e.start - 12), e.start)
        and not _POSSESSIVE_AFTER_RE.match(text, e.end)
    }
    for e in one_word:
        surface = text[e.start : e.end]
        if e.kind == "person" and surface in places:
            e.kind = "place"  # 1
        elif e.kind == "place" and surface in full_words and countries.affiliation(surface) is None:
            e.kind = "person"  # 2
    return ents


_CAPS_WORD_BEFORE_RE = re.compile(r"(?<![^\W\d_a-z])[^\W\d_a-z]{2,}[ \t]+$")
_CAPS_WORD_AFTER_RE = re.compile(r"[ \t]+[^\W\d_a-z]{2,}(?![\w])")


def _in_caps_run(text: str, start: int, end: int) -> bool:
    """True when an ALL-CAPS word sits next to ``text[start:end]`` (a headline or a label, not running text)."""
    before = text[max(0, start - COUNTRY_WINDOW) : start]
    return bool(_CAPS_WORD_BEFORE_RE.search(before) or _CAPS_WORD_AFTER_RE.match(text, end))


def _add_agencies(text: str, ents: list[_Ent]) -> list[_Ent]:
    """Step 7: known agencies the model missed."""
    added = []
    index = _SpanIndex([(e.start, e.end) for e in ents])
    for match in _AGENCY_RE.finditer(text):
        if match.group(0).isupper() and _in_caps_run(text, match.start(), match.end()):
            continue  # an ALL-CAPS headline ("NHL ICE HOCKEY"), not the agency
        if not index.overlaps(match.start(), match.end()):
            added.append(_Ent(match.start(), match.end(), RULE_LABEL, "organization"))
    if added:
        ents = sorted([*ents, *added], key=lambda e: (e.start, e.end))
    return ents


def _type_and_country(text: str, ent: _Ent) -> tuple[str, str | None]:
    """Step 8."""
    surface = text[ent.start : ent.end]
    if ent.kind == "person":
        return "person", None
    as_country = countries.country_of_name(surface)
    if as_country and ent.kind in ("place", "organization", "other"):
        return "country", as_country
    if ent.kind == "other":
        return "other", countries.country_of_demonym(surface)
    return ent.kind, countries.affiliation(surface)


# ----------------------------------------------------------------------------------------------------------------
# step 9: roles


def _appositive(text: str, pos: int, person_starts: list[int]) -> TitleSpan | None:
    """The title of an apposition starting at ``pos`` (", the U.S. Secretary of State"), any case; None when a
    name follows the title (", Secretary of Defense Lloyd Austin" is the next person of a list)."""
    appos = _APPOS_START_RE.match(text, pos)
    if not appos:
        return None
    title_match = TITLE_ANY_RE.match(text, appos.end())
    if not title_match:
        return None
    nxt = bisect.bisect_left(person_starts, title_match.start())
    if nxt < len(person_starts) and person_starts[nxt] <= title_match.end() + MAX_NAME_GAP:
        if text[title_match.end() : person_starts[nxt]].strip() == "":
            return None
    end, country = _strip_of_country(text, title_match.start(), title_match.end())
    word = appos.group("c")
    if word and not country:
        country = countries.country_of_name(word) or countries.country_of_demonym(word)
    return TitleSpan(title_match.start(), end, _canonical_title(text[title_match.start() : end]), country)


def _org_after(text: str, pos: int, orgs: list[Mention]) -> Mention | None:
    """An organisation mention right after ", " at ``pos`` and ending a clause ("..., SRE," / "..., SRE.")."""
    sep = _ORG_AFTER_RE.match(text, pos)
    if not sep:
        return None
    for org in orgs:
        if org.start == sep.end() and _APPOS_END_RE.match(text, org.end):
            return org
    return None


def _title_ending_at(text: str, pos: int, title_by_end: dict[int, TitleSpan]) -> TitleSpan | None:
    for gap in range(1, MAX_NAME_GAP + 1):
        candidate = title_by_end.get(pos - gap)
        if candidate is not None and text[candidate.end : pos].isspace():
            return candidate
    return None


def _titles_before(text: str, person: Mention, title_by_end: dict[int, TitleSpan]) -> list[tuple[TitleSpan, int]]:
    """9a. Titles right before a name, nearest first, with chained ones ("Chairman of the Joint Chiefs of Staff
    Gen. Mark Milley" -> General, then Chairman ...): (title, role end)."""
    found: list[tuple[TitleSpan, int]] = []
    pos = person.start
    while (title := _title_ending_at(text, pos, title_by_end)) is not None and len(found) < MAX_CHAINED_TITLES:
        found.append((title, person.end))
        pos = title.start
    if not found and (lower := _LOWER_TITLE_BEFORE_RE.search(text, max(0, person.start - LOWER_TITLE_WINDOW), person.start)):
        # "the foreign minister of <Country> <Name>": a lower-case title after "the", right before the name
        end, of_country = _strip_of_country(text, lower.start("t"), lower.end("t"))
        found.append((TitleSpan(lower.start("t"), end, _canonical_title(text[lower.start("t") : end]), of_country),
                      person.end))
    return found


def _org_in(start: int, end: int, orgs: list[Mention], org_starts: list[int]) -> Mention | None:
    """The first organisation mention inside a title ("Director of the National Economic Council")."""
    i = bisect.bisect_left(org_starts, start)
    while i < len(orgs) and orgs[i].start < end:
        if orgs[i].end <= end:
            return orgs[i]
        i += 1
    return None


def _role_country(given: str | None, title: str, organization: Mention | None) -> str | None:
    """Country of a role: written next to it, else its organisation's, else the title's own (TITLE_COUNTRY),
    else a nationality inside the title ("Commander-in-Chief of the Ukrainian Armed Forces")."""
    if given:
        return given
    if organization is not None and organization.country:
        return organization.country
    if code := _title_country(title):
        return code
    for match in _COUNTRY_IN_TITLE_RE.finditer(title):
        word = match.group(0)
        if word.casefold() not in AMBIGUOUS_COUNTRY_WORDS:
            return countries.country_of_demonym(word) or countries.country_of_name(word)
    return None


def _roles(
    text: str,
    persons: list[Mention],
    orgs: list[Mention],
    title_spans: list[TitleSpan],
    speakers: list[tuple[int, int, int, int, str]],
) -> list[Role]:
    roles: list[Role] = []
    title_by_end = {t.end: t for t in title_spans}
    person_starts = sorted(p.start for p in persons)
    org_starts = [o.start for o in orgs]  # mentions arrive sorted by start
    for person in persons:
        name = person.text
        # 9a. title + name ("Mexican Foreign Secretary Juan Ramón de la Fuente")
        chain = _titles_before(text, person, title_by_end)
        for title_span, role_end in chain:
            start, country = title_span.start, title_span.country
            if before := _country_before(text, title_span.start):
                start, country = before[0], country or before[1]
            end = role_end
            if of_country := _OF_COUNTRY_AFTER_RE.match(text, person.end):
                country = country or countries.country_of_name(of_country.group("c"))
                end = max(end, of_country.end())
            org = _org_in(title_span.start, title_span.end, orgs, org_starts)
            roles.append(
                Role(
                    name, person.start, person.end, title_span.title, org.text if org else None,
                    _role_country(country, title_span.title, org), start, end,
                )
            )  # fmt: skip
        # 9b. title, comma, name ("the Secretary of the Navy, Adm. José Rafael Ojeda Durán;")
        lead = chain[-1][0].start if chain else person.start  # "Title, Gen. Name": the comma is before "Gen."
        comma = _COMMA_BEFORE_RE.search(text, max(0, lead - MAX_NAME_GAP - 1), lead)
        if comma is not None and comma.end() == lead:
            listed = title_by_end.get(comma.start())
            if listed is not None and _LIST_END_RE.match(text, person.end):
                title_span = listed
                start, country = title_span.start, title_span.country
                if before := _country_before(text, title_span.start):
                    start, country = before[0], country or before[1]
                org = _org_in(title_span.start, title_span.end, orgs, org_starts)
                roles.append(
                    Role(
                        name, person.start, person.end, title_span.title, org.text if org else None,
                        _role_country(country, title_span.title, org), start, person.end,
                    )
                )  # fmt: skip
        # 9c. apposition ("Marco Rubio, the U.S. Secretary of State,") and "Name, Title, ORG"
        appos = _appositive(text, person.end, person_starts)
        if appos is not None:
            organization = _org_after(text, appos.end, orgs)
            end = organization.end if organization else appos.end
            organization = organization or _org_in(appos.start, appos.end, orgs, org_starts)
            if _APPOS_END_RE.match(text, end):
                roles.append(
                    Role(
                        name, person.start, person.end, appos.title,
                        organization.text if organization else None,
                        _role_country(appos.country, appos.title, organization), person.start, end,
                    )
                )  # fmt: skip
    # 9d. speaker labels ("SECRETARY RUBIO:")
    for label_start, name_start, name_end, _label_end, title in speakers:
        if title:
            roles.append(
                Role(text[name_start:name_end], name_start, name_end, title, None, _title_country(title),
                     label_start, name_end)
            )  # fmt: skip
    roles.sort(key=lambda r: (r.start, r.end))
    return _link_role_nouns(text, roles, persons)


def _title_head(title: str) -> str:
    """The title without its complement: "Secretary of State" -> "secretary"; "Vice President" -> "vice president"."""
    return re.split(r"\s+(?:of|for|to|on)\s+", title, maxsplit=1)[0].casefold()


def _noun_matches(noun_head: str, role_title: str) -> bool:
    """ "the Secretary" names the holder of "Secretary of State" or "Foreign Secretary", never of "Vice President"
    for "the President" or of "Deputy Secretary" (a rank modifier makes another office)."""
    role_head = _title_head(role_title)
    if role_head == noun_head:
        return True
    words = role_head.split()
    return len(noun_head.split()) == 1 and words[-1] == noun_head and words[0] not in _RANK_MODIFIERS


def _link_role_nouns(text: str, roles: list[Role], persons: list[Mention]) -> list[Role]:
    """9e. "the Secretary" -> the one person holding a matching title earlier in the document."""
    if not roles:
        return roles
    person_starts = {p.start for p in persons}
    role_index = _SpanIndex([(r.start, r.end) for r in roles])
    role_starts = [r.start for r in roles]  # roles arrive sorted by start
    linked: list[Role] = []
    for match in _ROLE_NOUN_RE.finditer(text):
        noun_end = match.end("t")
        rest = text[noun_end : noun_end + MAX_NAME_GAP + 1]
        if any(noun_end + k in person_starts for k in range(1, MAX_NAME_GAP + 1)) and rest[:1].isspace():
            continue  # "the Foreign Secretary Juan ..." is a title + name, found above
        if role_index.overlaps(match.start(), noun_end):
            continue
        if _CAPWORD_AFTER_RE.match(text, match.end("h")) and not _OF_COMPLEMENT_RE.match(text, match.end("h")):
            continue  # "the General Services Administration": a longer name, not a role noun
        noun = _canonical_title(match.group("t")).casefold()
        word = match.group("c")
        want_country = (countries.country_of_name(word) or countries.country_of_demonym(word)) if word else None
        earlier = [
            r for r in roles[: bisect.bisect_left(role_starts, match.start())]
            if r.end <= match.start() and (want_country is None or r.country == want_country)
        ]  # fmt: skip
        candidates = [r for r in earlier if r.title.casefold() == noun]  # "the Secretary of Defense"
        if not candidates and _OF_COMPLEMENT_RE.match(text, match.end("h"), match.end("t")):
            continue  # "the Secretary of Foreign Affairs": a named office nobody here holds
        if not candidates:  # "the Secretary" (a complement that matched no title is not part of the noun)
            noun_end = match.end("h")
            head = _title_head(_canonical_title(match.group("h")))
            candidates = [r for r in earlier if _noun_matches(head, r.title)]
        if not candidates or len({_surname_key(r.person) for r in candidates}) != 1:
            continue  # nobody, or two different people could be meant
        source = candidates[-1]
        linked.append(
            Role(source.person, source.person_start, source.person_end, source.title, source.organization,
                 source.country, match.start(), noun_end)
        )  # fmt: skip
    return sorted([*roles, *linked], key=lambda r: (r.start, r.end))


# ----------------------------------------------------------------------------------------------------------------
# entry point


def annotate(doc: Document, sdoc: Any) -> Document:
    """Set ``doc.mentions`` and ``doc.roles`` from the shared parse ``sdoc`` of ``doc.text``."""
    text = doc.text
    ents = _model_ents(sdoc)  # 1
    ents, speakers = _speaker_labels(text, ents, doc.kind == "transcript")  # 2
    ents = _drop_blocked(text, ents)  # 3
    ents = repair_persons(text, ents)  # 4
    ents = propagate_surnames(text, ents)  # 4d
    person_starts = sorted(e.start for e in ents if e.kind == "person")
    title_spans = find_titles(text, person_starts)  # 5
    appositions = [
        a for e in ents if e.kind == "person" and (a := _appositive(text, e.end, person_starts)) is not None
    ]
    drop_spans = sorted([*title_spans, *appositions], key=lambda t: t.start)
    ents = _drop_inside_titles(text, ents, drop_spans)
    ents = _repair_places(text, ents)  # 6
    ents = _swap_person_place(text, ents)  # 6b
    ents = _add_agencies(text, ents)  # 7
    mentions = []
    for ent in ents:  # 8
        kind, country = _type_and_country(text, ent)
        mentions.append(Mention(ent.start, ent.end, text[ent.start : ent.end], kind, country, ent.label))
    persons = [m for m in mentions if m.type == "person"]
    orgs = [m for m in mentions if m.type == "organization"]
    roles = _former(text, _dedupe(_roles(text, persons, orgs, title_spans, speakers)))  # 9
    mentions = _person_countries(mentions, roles)  # 10
    return doc.replace(mentions=mentions, roles=roles)


def _former(text: str, roles: list[Role]) -> list[Role]:
    """9f. "former President X" / "ex-President X" / "then-President X": a past role, titled "Former President"."""
    out = []
    for r in roles:
        m = _FORMER_BEFORE_RE.search(text, max(0, r.start - COUNTRY_WINDOW), r.start)
        if m and not r.title.startswith("Former"):
            r = Role(r.person, r.person_start, r.person_end, f"Former {r.title}", r.organization, r.country,
                     m.start(), r.end)
        out.append(r)
    return out


def _dedupe(roles: list[Role]) -> list[Role]:
    seen: set[tuple[int, int, int, int, str]] = set()
    out = []
    for role in roles:
        key = (role.person_start, role.person_end, role.start, role.end, role.title)
        if key not in seen:
            seen.add(key)
            out.append(role)
    return out


def _person_countries(mentions: list[Mention], roles: list[Role]) -> list[Mention]:
    """Step 10: a person's affiliation from its roles; a surname with one role country shares it."""
    by_span: dict[tuple[int, int], str] = {}
    by_surname: dict[str, set[str]] = {}
    for role in roles:
        if role.country:
            by_span.setdefault((role.person_start, role.person_end), role.country)
            by_surname.setdefault(_surname_key(role.person), set()).add(role.country)
    if not by_span:
        return mentions
    out = []
    for m in mentions:
        if m.type == "person" and m.country is None:
            code = by_span.get((m.start, m.end))
            if code is None:
                codes = by_surname.get(_surname_key(m.text), set())
                code = next(iter(codes)) if len(codes) == 1 else None
            if code:
                m = Mention(m.start, m.end, m.text, m.type, code, m.label)
        out.append(m)
    return out
