"""Typed answers for ``ask``: the part of an evidence sentence that answers the question's type.

A date (written, resolved, or only a month), a place (after "in" / "at", a place mention, an event's place), a
person (the one next to the asked country, else the asked title, else the question's words; a mention cut at a
line break made whole), a
number with what it counts, a duration; plus the checks they share: a date against the asked month / year, a name
asked about found in folded text (acronyms, initials, nationality adjectives).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

import communique.lexicon as lexicon

from ..model import Document
from ..text import strip_accents
from .nationalities import forms_of
from .possessor import asked_site, possessor
from .question_analysis import MONTHS, WEEKDAYS, Analysis
from .question_patterns import (
    ADJECTIVE_SUFFIXES,
    AMOUNT,
    CALL_REPORT,
    COUNTRY_ABBR,
    DATED_MONTH,
    DEICTIC,
    DURATION,
    FUTURE_MEETING,
    FUTURE_QUESTION,
    GENERIC_PEOPLE,
    IN_PERSON_REPORT,
    MONTH_DAY_WRITTEN,
    NAME_PREFIXES,
    NAME_SUFFIXES,
    NUMBER,
    PAST_QUESTION,
    PEOPLE_KINDS,
    PEOPLE_NOUNS,
    PLACE_FROM,
    PLACE_WRITTEN,
    REMOTE_REPORT,
    STOP_WORDS,
    TITLE_HEADS,
)
from .segment import Span, squash

__all__ = ["typed_answer", "date_ok", "date_parts", "name_in", "evidence_dates", "is_deictic", "human_date",
           "fold", "stem", "WORDS", "NOT_NAME_WORDS", "DEICTIC_PENALTY", "STEM_CHARS", "reported_kind", "kind_of", "kind_ok",
           "kind_fits", "predates", "asks_past",
           "counts_asked", "ordinal_of", "complete_date", "page_year"]

PUBLISHED_SLACK_DAYS = 1  # a readout may carry the date of the next day, or of the day before in another time zone
STEM_CHARS = 5  # words are compared on their first 5 letters ("countries" ~ "country", "meeting" ~ "meetings")
DEICTIC_PENALTY = 0.05  # a date read from "today" loses to one written out (wire copies move "today" a day)
MAX_PEOPLE = 8  # "Who took part in ...": everyone named in the answer sentence, up to a delegation's size
ORDINAL_CONTEXT_CHARS = 40  # "the 77th <Name> of <Body>": the asked noun or name follows the ordinal closely
NUMBER_OBJECT_CHARS = 40  # what a number counts is written right after it ("218 billion U.S. dollars")
MIN_ACRONYM, MAX_ACRONYM = 2, 6  # an all-capital word of this length may be written out in full in the source
FAMILY_FIRST_TOKENS = 3  # a three-word name ("<Family> <Given> <Given>") may be written by its first word alone
MIN_PLURAL_CHARS = 6  # "Palestinians" ~ "Palestinian"; a short name ending in "s" ("Davis") is no plural
# Units an amount is written in after its number: part of the answer to "how much" ("10 cents", "300 dollars")
AMOUNT_UNITS = frozenset("dollars euros pounds cents yen yuan rubles rupees percent barrels tons tonnes gallons".split())
NOT_AMOUNT_PENALTY = 0.05  # "how much" answered by a bare number (no currency, scale or unit): an amount elsewhere wins
MIN_ROOT_CHARS = 4  # "Malt" of "Maltese" is long enough to stand for the country; "Om" would not be
WORDS = re.compile(r"\w[\w\-’']*")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_NO_YEAR = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
_HOW_MUCH = re.compile(r"^\s*how\s+much\b", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes, single spaces."""
    text = strip_accents(text)
    return squash(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower())


def stem(word: str) -> str:
    """First letters after a plural / tense ending, less a final "e": "hosted" ~ "host", "talks" ~ "talk",
    "meetings" ~ "meeting", "agreed" ~ "agree"."""
    if len(word) > STEM_CHARS:
        word = re.sub(r"(?:ing|ed|es|s)$", "", word)
    return (word[:STEM_CHARS] if len(word) > STEM_CHARS else word).rstrip("e") or word[:1]


def human_date(value: str) -> str:
    m = _ISO_DAY.match(value)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return f"{d:%B} {d.day}, {d.year} ({value})"
    m = _ISO_MONTH.match(value)
    if m:
        return f"{date(int(m[1]), int(m[2]), 1):%B %Y} ({value})"
    m = _NO_YEAR.match(value)
    if m and 1 <= int(m[1]) <= 12:  # a day of a year nobody wrote: the day and month alone
        return f"{date(2000, int(m[1]), 1):%B} {int(m[2])}"
    return value


def page_year(doc: Document) -> str | None:
    """The page's year: its publication date's, else the year its written full dates give most often."""
    if doc.published and re.match(r"^\d{4}", doc.published):
        return doc.published[:4]
    years = [t.value[:4] for t in doc.timexes if t.type == "DATE" and t.value and _ISO_DAY.match(t.value)
             and t.basis == "explicit"]
    return max(set(years), key=years.count) if years else None


def complete_date(doc: Document, value: str | None) -> str | None:
    """A year-less day ("XXXX-09-10", from "September 10") in the page's year; other values as they are."""
    m = _NO_YEAR.match(value or "")
    year = page_year(doc) if m else None
    return f"{year}-{m[1]}-{m[2]}" if m and year else value


def _weekday_dates(doc: Document, span: Span) -> list[str]:
    """A weekday of the sentence that no date resolved ("on Sunday"): the day of that name in the week up to the
    page's anchor (its publication date, else its first written full date); none without an anchor."""
    anchors = [doc.published or ""] + [t.value or "" for t in sorted(doc.timexes, key=lambda t: t.start)
                                       if t.type == "DATE" and t.basis == "explicit"]
    anchor = next((a for a in anchors if _ISO_DAY.match(a)), None)
    if anchor is None:
        return []
    day = date.fromisoformat(anchor)
    out: list[str] = []
    for t in doc.timexes:
        name = fold(t.text).split()[0] if t.text.strip() else ""
        if span.start <= t.start < span.end and not t.value and name in lexicon.WEEKDAYS:
            back = (day.weekday() - lexicon.WEEKDAYS[name]) % 7
            out.append((day - timedelta(days=back)).isoformat())
    return out


def date_parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def date_ok(a: Analysis, value: str | None) -> bool:
    """The date satisfies the question's year / month / day (a question without them accepts any date)."""
    if a.year is None and a.month is None:
        return True
    parts = date_parts(value)
    if parts is None:
        return False
    year, month, day = parts
    return ((a.year is None or a.year == year) and (a.month is None or a.month == month)
            and (a.day is None or a.day == day))


def asks_past(a: Analysis) -> bool:
    """The question asks what happened ("What did ...", "Where was ... held"), nothing planned ("will", "would")."""
    return bool(PAST_QUESTION.search(a.question)) and not FUTURE_QUESTION.search(a.question)


def predates(a: Analysis, published: str | None) -> bool:
    """A question about what happened at the asked time (past tense, nothing planned) and a page published before that
    time (less PUBLISHED_SLACK_DAYS): the page can only announce it ("will host ... on <day>"), not report it."""
    if a.year is None or not asks_past(a) or (a.month is not None and not DATED_MONTH.search(a.question)):
        return False  # no year, a plan asked, or a month and day that name an event of another year
    page = date_parts(published)
    if page is None or page[1] is None or page[2] is None:
        return False
    start = date(a.year, a.month or 1, a.day or 1)
    return date(page[0], page[1], page[2]) < start - timedelta(days=PUBLISHED_SLACK_DAYS)


def name_in(name: str, folded: str) -> bool:
    """The name's last word (or the country of an adjective: "Maltese" -> "Malt...") occurs in ``folded`` text."""
    tokens = [t for t in WORDS.findall(fold(name)) if t not in NAME_SUFFIXES]
    if not tokens:
        return True
    key = tokens[-1]
    if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):  # "<A>-<B>" holds "<B>"
        return True
    if len(key) >= MIN_PLURAL_CHARS and key.endswith("s") and re.search(rf"(?<!\w){re.escape(key[:-1])}(?!\w)", folded):
        return True  # "Palestinians" asked, "Palestinian people" written
    if len([t for t in tokens if len(t) > 1]) >= FAMILY_FIRST_TOKENS and re.search(rf"(?<!\w){re.escape(tokens[0])}(?!\w)", folded):
        return True  # "<Family> <Given> <Given>": the family name is written first and alone
    words = name.replace(".", "").split()
    if len(words) == 1 and words[0].isupper() and re.search(  # "US" written "U.S."
            r"(?<![\w.])" + r"\.".join(words[0].lower()) + r"\.(?!\w)", folded):
        return True
    if len(words) == 1 and words[0].isupper() and MIN_ACRONYM <= len(words[0]) <= MAX_ACRONYM:
        # an acronym asked, the full name written: "ABC" ~ "Agency for Beekeeping Cooperation"
        glue = r"[\w']*\s+(?:(?:of|the|and|for|on)\s+)*"
        if re.search(r"\b" + glue.join(re.escape(c) for c in words[0].lower()) + r"\w*", folded):
            return True
    capitals = [w for w in words if w[0].isupper()]
    if len(capitals) > 1 and not any(w.lower() in NAME_PARTICLES for w in words):  # "De Croo" is no "D.C."  # a full name asked, its initials written: "<Northern> <Republic>" ~ "N.R." / "NR"
        initials = "".join(w[0].lower() for w in capitals)
        if re.search(r"(?<![\w.])" + r"\.?".join(initials) + r"\.?(?![\w])", folded):
            return True
    for suffix in ADJECTIVE_SUFFIXES:  # "Maltese" ~ "Malta", "Mongolian" ~ "Mongolia", "Norlandan" ~ "Norland"
        root = key[: -len(suffix)]
        if key.endswith(suffix) and len(root) >= MIN_ROOT_CHARS and re.search(rf"(?<![\w-]){re.escape(root)}", folded):
            return True
    # a country asked by its adjective, its people's name written, or the reverse (irregular: "Dutch" ~ "Netherlands")
    return any(rx.search(folded) for rx in _country_forms(name))


@lru_cache(maxsize=4096)
def _country_forms(name: str) -> tuple[re.Pattern[str], ...]:
    """Whole-word patterns of the other forms of the country ``name`` names (:mod:`nationalities`); acronyms left
    to the checks above ("US" is also a pronoun once folded)."""
    forms = [fold(f) for f in forms_of(name.strip()) if not f.replace(".", "").isupper()]
    return tuple(re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])") for f in forms)


def kind_of(text: str) -> str:
    """"call" / "in_person" when the text reports one kind of meeting only, "remote" for a meeting held online; ""
    when neither or both."""
    if REMOTE_REPORT.search(text):
        return "remote"  # "met virtually": held online, a meeting but not in person
    call, in_person = CALL_REPORT.search(text) is not None, IN_PERSON_REPORT.search(text) is not None
    return "call" if call and not in_person else "in_person" if in_person and not call else ""


def reported_kind(doc: Document, span: Span) -> str:
    """The kind of meeting the sentence reports: "call" / "in_person" / "remote" from its own words (unless they speak
    of a meeting still to come), else from the page's title ("Readout of ... Call with ..."); "" when neither tells."""
    own = doc.text[span.start:span.end]
    return (kind_of(own) if not FUTURE_MEETING.search(own) else "") or kind_of(doc.title or "")


def kind_ok(a: Analysis, doc: Document, span: Span) -> bool:
    """The date or place of a meeting in person is not a call's, nor a call's a meeting's, nor "Did they meet?"
    answered by a call (for other answers the
    question's meeting may be another event the page names: "the forum meeting", "an earlier visit")."""
    if not a.meeting_kind or (a.answer_type not in ("date", "place") and a.wh != "yes_no"):
        return True  # what was said or who was there: the question's meeting may be another event of the page
    return kind_fits(reported_kind(doc, span), a)


def kind_fits(found: str, a: Analysis) -> bool:
    """A reported kind of meeting (:func:`kind_of`) fits the asked one: a meeting held online fits a call, or a
    meeting asked without "in person"; an unreported kind fits unless the question says how it was held."""
    if found == "remote":
        return a.meeting_kind == "call" or not a.manner
    if not found:
        return not a.manner
    return found == a.meeting_kind


def evidence_dates(doc: Document, span: Span) -> list[str]:
    """Calendar dates of the sentence, written ones first, then the date of an event it reports."""
    timexes = [t for t in doc.timexes if t.type == "DATE" and t.value and span.start <= t.start < span.end
               and _ISO_DAY.match(t.value)]
    deictic = [t for t in timexes if DEICTIC.fullmatch(fold(t.text))]  # "today": the page's own date
    timexes = [t for t in timexes if t not in deictic]
    timexes.sort(key=lambda t: (t.basis != "explicit", t.start))
    dates = [t.value for t in timexes if t.value]
    dates += [complete_date(doc, t.value) or "" for t in doc.timexes if t.type == "DATE" and t.value
              and span.start <= t.start < span.end and _NO_YEAR.match(t.value)]  # "September 10", no year
    dates += [e.date_value for e in doc.events if e.date_value and e.start < span.end and e.end > span.start
              and _ISO_DAY.match(e.date_value) and e.status != "planned"]
    dates += _written_dates(doc, span)
    dates += _weekday_dates(doc, span)  # "on Sunday" on a page dated by another day: that week's Sunday
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


def is_deictic(doc: Document, span: Span, value: str) -> bool:
    """The date comes only from "today" / "tonight" of the sentence or from the page's date (a republished page
    moves it)."""
    found = [t for t in doc.timexes if t.type == "DATE" and t.value == value and span.start <= t.start < span.end]
    if not found:  # no date written: the event's date inferred from the page's own date (a headline, "meets")
        return any(e.date_value == value for e in doc.events if e.start < span.end and e.end > span.start)
    return all(DEICTIC.fullmatch(fold(t.text)) for t in found)


def _mentions_in(doc: Document, span: Span, types: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(m.start, squash(m.text)) for m in doc.mentions if m.type in types and span.start <= m.start < span.end]


_NAME_GOES_ON = re.compile(r"\s+([A-Z][\w\-’']+)")
_NAME_ENDS_ON = re.compile(r"[ \t]+([A-Z][a-z]{1,3})(?=[,;)])")  # "<Family> <Given> In," : a short last given name
_COUNTRY_ABBR_LOWER = frozenset(c.lower() for c in COUNTRY_ABBR)  # "u.s.", "un" ...: compared lower-cased
COUNTRY_NOUNS = frozenset({"country", "countries", "nation", "nations"})  # a head noun that asks for countries
CITY_NOUNS = frozenset({"city", "cities", "town", "capital"})  # a head noun that asks for a city, not a country
# Particles of a person's family name: a name holding one is a person's, never written as initials
NAME_PARTICLES = frozenset("de da di del della der van von le la al el bin ibn".split())
NOT_NAME_WORDS = frozenset(MONTHS) | WEEKDAYS
# Titles and honorifics written before a name, lower case ("First Lady <Name>"): no given name
NAME_TITLES = frozenset(w for t in (*TITLE_HEADS, *NAME_PREFIXES) for w in t.split()) | frozenset(
    "first lady gentleman his her majesty highness excellency honorable honourable mr mrs ms dr sir dame lord".split())


# "<Name>’s Special Advisor <Other>", "<Name>'s envoy": the name owns another person's post; that person acts, not
# the owner ("Who went to <Place> with <Other>" is not answered by <Name>)
_POSSESSED_TITLE = re.compile(r"[’']s\s+(?:[\w\-]+\s+){0,2}?(?:advis[eo]rs?|envoys?|representatives?|secretary|ministers?|"
                              r"ambassadors?|spokes(?:person|man|woman)|counsel|chief|director|deputy|coordinators?|"
                              r"delegation|team|staff|aides?)\b", re.IGNORECASE)


def _whole_name(doc: Document, start: int, name: str) -> str:
    """A one-word person mention cut at a line break ("Laurentino" + newline + "<Surname>") with its surname; a
    longer one cut before a short last given name that reads like a word ("<Family> <Given> In,")."""
    if " " in name:
        m = _NAME_ENDS_ON.match(doc.text, start + len(name))
        return f"{name} {m.group(1)}" if m and fold(m.group(1)) not in NOT_NAME_WORDS else name
    m = _NAME_GOES_ON.match(doc.text, start + len(name))
    if m is None or fold(m.group(1)) in STOP_WORDS or fold(m.group(1)) in NOT_NAME_WORDS:
        return name
    return f"{name} {m.group(1)}"


def _is_country(name: str) -> bool:
    """A country's name or abbreviation ("<Country>", "the <Country>", "U.S."), not a city's."""
    name = re.sub(r"^(?:the|The)\s+", "", squash(name))
    return name.lower() in _COUNTRY_ABBR_LOWER or bool(forms_of(name))


def _asked(a: Analysis, text: str) -> bool:
    """The text names something the question already names (not an answer to it)."""
    folded = fold(text)
    return any(name_in(n, folded) or name_in(folded, fold(n)) for n in (*a.names, *a.places, *a.context_names))


def _given_and_surname(name: str) -> tuple[str, str] | None:
    """("jill", "ortiz") of "First Lady Jill Ortiz": the first and last words of a name, titles dropped; None for
    a surname alone."""
    words = [w for w in WORDS.findall(fold(name)) if w not in NAME_SUFFIXES and w.strip(".") not in NAME_TITLES]
    words = [w for w in words if len(w.strip(".")) > 1]  # initials ("R.") are no given name
    return (words[0], words[-1]) if len(words) > 1 else None


def _asked_person(a: Analysis, doc: Document, name: str) -> bool:
    """The person is one the question names, not a namesake: "Jill <Surname>" is another person than an asked
    "Joe <Surname>", and than an asked "<Surname>" alone when the page names "Joe <Surname>" first (the lead of a
    page names its principal)."""
    if not _asked(a, name):
        return False
    own = _given_and_surname(name)
    if own is None:
        return True
    asked = [n for n in (*a.names, *a.context_names) if WORDS.findall(fold(n))[-1:] == [own[1]]]
    if not asked:
        return True  # asked by another word of the name, or as a place
    named = sorted([(m.start, m.text) for m in doc.mentions if m.type == "person"]
                   + [(r.person_start, r.person) for r in doc.roles])
    first = next((p for p in (_given_and_surname(t) for _, t in named) if p and p[1] == own[1]), own)
    for n in asked:
        theirs = _given_and_surname(n)
        if theirs is not None and theirs[0] == own[0]:
            return True  # the same given name: the asked person
        if theirs is None and first[0] == own[0]:
            return True  # a surname alone asked: the person of that surname the page names first
    return False


def _nearest(items: list[tuple[int, str]], anchors: list[int]) -> list[str]:
    if not anchors:
        return [t for _, t in items]
    return [t for _, t in sorted(items, key=lambda it: min(abs(it[0] - x) for x in anchors))]


def typed_answer(a: Analysis, doc: Document, span: Span) -> tuple[str, float] | None:
    """(the part of the sentence that answers the question's type, a confidence penalty), or None (step 4)."""
    text = doc.text[span.start:span.end]
    anchors = [span.start + m.start() for m in WORDS.finditer(text) if stem(fold(m.group(0))) in
               {stem(f) for f in a.focus}]
    if a.answer_type == "date":
        dates = [d for d in evidence_dates(doc, span) if date_ok(a, d)]
        if not dates:  # only a month written ("in October 2019"): the month is the answer
            months = [t.value for t in doc.timexes if t.type == "DATE" and t.value and span.start <= t.start < span.end
                      and _ISO_MONTH.match(t.value) and t.basis == "explicit" and date_ok(a, t.value)]
            return (f"In {human_date(months[0])}.", 0.0) if months else None
        return f"On {human_date(dates[0])}.", (DEICTIC_PENALTY if is_deictic(doc, span, dates[0]) else 0.0)
    if a.answer_type == "place":
        places = [(s, t) for s, t in _mentions_in(doc, span, ("place",)) if not _asked(a, t)]
        places += [(s, t) for s, t in _mentions_in(doc, span, ("country",)) if not _asked(a, t)]
        places += [(span.start, e.place) for e in doc.events if e.place and e.start < span.end and e.end > span.start
                   and not _asked(a, e.place)]
        # "From where / which city ...": the place after "from"; else after "in" / "at"
        prep = "from" if re.match(r"^\s*from\s+(?:where|which|what)\b", a.question, re.IGNORECASE) else "in|at"
        after_prep = [(s, t) for s, t in places
                      if re.search(rf"\b(?:{prep})\s+(?:the\s+)?$", doc.text[max(0, s - 10):s])]
        written_rx = PLACE_WRITTEN if prep != "from" else PLACE_FROM
        written = [(span.start + m.start(1), m.group(1)) for m in written_rx.finditer(text)
                   if m.group(1).split()[0].lower() not in MONTHS and not _asked(a, m.group(1))]
        if a.head in COUNTRY_NOUNS:  # "Which (two) countries ...": the countries named, not the city of the talks
            named = list(dict.fromkeys(t for _, t in _mentions_in(doc, span, ("country",)) if not _asked(a, t)
                                       and t.lower() not in _COUNTRY_ABBR_LOWER))
            if not named:
                return None
            return (f"{' and '.join(named)}." if a.head.endswith("s") else f"{named[0]}."), 0.0
        if a.head in CITY_NOUNS:  # "In which city ...": a country ("in <Country>") names no city
            after_prep, written, places = ([(x, t) for x, t in found if not _is_country(t)]
                                           for found in (after_prep, written, places))
        chosen = after_prep or written or [p for p in places if p[1].lower() not in _COUNTRY_ABBR_LOWER]
        return (f"{chosen[0][1]}.", 0.0) if chosen else None
    if a.answer_type == "person":
        described = [span.start + m.start() for m in WORDS.finditer(text)  # whole words: "administrator" only
                     if fold(m.group(0)) in a.descriptors or fold(m.group(0)).removesuffix("s") in a.descriptors]
        anchors = described or anchors  # "Which <Agency> Administrator": the person written next to the title
        # "Which <Country> leader", "Who represented <Country>": the person written next to the asked country
        by_country = [s for s, t in _mentions_in(doc, span, ("country", "place"))
                      if any(name_in(n, fold(t)) for n in a.countries)]
        anchors = by_country or anchors
        people = [(s, _whole_name(doc, s, t)) for s, t in _mentions_in(doc, span, ("person",))
                  if not _asked_person(a, doc, t) and not _POSSESSED_TITLE.match(doc.text, s + len(t))]
        people += [(r.person_start, squash(r.person)) for r in doc.roles
                   if span.start <= r.person_start < span.end and not _asked_person(a, doc, r.person)
                   and not _POSSESSED_TITLE.match(doc.text, r.person_end)]
        names = list(dict.fromkeys(_nearest(people, anchors)))
        if not names:
            return None
        return (f"{', '.join(names[:MAX_PEOPLE])}." if a.many else f"{names[0]}."), 0.0
    if a.answer_type in ("number", "duration"):
        found = _numbers(a, text, [x - span.start for x in anchors])
        if not found:
            return None
        # "how much" answered by a bare number ("19" of a disease's name) is weaker than an amount ("$300 million")
        bare = _HOW_MUCH.match(a.question) and not AMOUNT.search(found[0]) and not (
            set(fold(found[0]).split()) & AMOUNT_UNITS)
        return f"{found[0]}.", (NOT_AMOUNT_PENALTY if bare else 0.0)
    if a.answer_type == "organisation":  # "At whose <site>": the site's owner
        owner = possessor(text, asked_site(a.question) or "")
        return (f"{owner}.", 0.0) if owner and not any(name_in(n, fold(owner)) for n in a.names) else None
    if a.answer_type == "ordinal":
        ordinal = ordinal_of(a, text)
        return (f"{ordinal}.", 0.0) if ordinal else None
    return squash(text), 0.0


_ORDINAL = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|\d+[\s-]year|first|second|third|fourth|fifth|sixth|seventh|eighth|"
                      r"ninth|tenth|eleventh|twelfth|twentieth|thirtieth|fortieth|fiftieth|hundredth)\b", re.IGNORECASE)


def ordinal_of(a: Analysis, text: str, by_name: bool = False) -> str | None:
    """"Which session of <Name>": an ordinal written before the asked noun or name ("the 77th <Name>"), with the
    words that follow it up to ORDINAL_CONTEXT_CHARS; ``by_name``: before an asked name only."""
    for m in _ORDINAL.finditer(text):
        after = text[m.end():m.end() + ORDINAL_CONTEXT_CHARS]
        phrase = re.split(r"[,;.()]", after)[0]
        if phrase == after and " " in phrase.strip():
            phrase = phrase[:phrase.rstrip().rfind(" ")]  # cut at the last whole word
        folded = fold(phrase)
        if (a.head and not by_name and stem(a.head) in {stem(w) for w in WORDS.findall(folded)}) or any(
                name_in(n, folded) for n in a.names):
            return squash(m.group(0) + phrase)
    return None


def counts_asked(a: Analysis, text: str) -> bool:
    """"How many <things>": the text writes a number followed by the counted things ("24 U.S. F-35s")."""
    return a.answer_type == "number" and bool(a.counted) and bool(_numbers(a, text, []))


def _numbers(a: Analysis, text: str, anchors: list[int]) -> list[str]:
    """Numbers of the sentence with what they count: durations for "how long", the counted words for "how many";
    numbers with an amount unit ($, percent, million) first, then the one nearest the question's focus words."""
    if a.answer_type == "duration":
        return [squash(m.group(0)) for m in DURATION.finditer(text)]
    asked = {m.group(0) for m in NUMBER.finditer(a.question)}
    found: list[tuple[int, bool, int, str]] = []  # (counted rank, no amount, distance, value)
    for m in NUMBER.finditer(text):
        value = squash(m.group(0))
        if value in asked or re.fullmatch(r"(?:19|20)\d\d", value):  # a number of the question, or a year
            continue
        before = fold(text[max(0, m.start() - 12):m.start()]).split()
        if before and before[-1].strip(".") in MONTHS:  # the day of a date
            continue
        after = fold(text[m.end():m.end() + NUMBER_OBJECT_CHARS])
        rank = _counted_rank(a, after)
        if a.counted and rank is None:
            continue
        if DURATION.match(text, m.start()) and not a.counted:  # "four years": a length of time, not an amount
            continue
        unit = re.match(r"\s*(?:(?:u\.s\.|us)\s+)?(?:dollars|euros|percent|people|[\w\-]+)?", text[m.end():], re.IGNORECASE)
        amount = bool(AMOUNT.search(value))
        distance = min((abs(m.start() - x) for x in anchors), default=0)
        # the counted noun, or the unit an amount is in ("half a billion dollars", "10 cents"): part of the answer
        written = unit.group(0) if unit and (a.counted or set(fold(unit.group(0)).split()) & AMOUNT_UNITS) else ""
        found.append((rank or 0, not amount, distance, squash(value + written)))
    if _HOW_MUCH.match(a.question):  # "how much": an amount ($, percent) first
        return [v for _, _, _, v in sorted(found, key=lambda f: (f[1], f[2]))]
    # the number whose own noun phrase names the counted things, then the one next to what is asked about
    return [v for _, _, _, v in sorted(found, key=lambda f: (f[0], f[2], f[1]))]


_SCALED_BY_PARTICIPLE = re.compile(r"^\s*[a-z]+ing\b")  # "<number> going to ...": the number is who goes
_PHRASE_END = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:including|among|and|or|of|from|who|which|that)\b")


def _counted_rank(a: Analysis, after: str) -> int | None:
    """How well the words after a number name what "how many <things>" counts (lower is better):
    1. 0: an asked counted word in the number's own noun phrase ("46 <things> - killed");
    2. 1: a noun for people there, when the asked things are people (:data:`PEOPLE_NOUNS`, or a nationality:
       "how many <nationality>s" ~ "five million people") and the two nouns may count the same people
       (:func:`_same_people`); other people there: None ("how many <nationality> citizens" is no count of "100
       hostages, including <nationality>s");
    3. 2: an asked counted word further on, up to NUMBER_OBJECT_CHARS ("1,200 people - including 46 <things>");
    4. 3: people asked, and a number written as the subject of a participle ("nearly 650 million going to
       the polls", "some 10,000 fleeing"): the people left unnamed;
    None when none of these (or 0 when the question counts nothing)."""
    if not a.counted:
        return 0
    asked = {stem(w) for w in a.counted}
    phrase = _PHRASE_END.split(after, maxsplit=1)[0]
    in_phrase = {stem(w) for w in WORDS.findall(phrase)}
    if asked & in_phrase:
        return 0
    people = any(w in PEOPLE_NOUNS or forms_of(w) for w in a.counted)
    written = {w for w in WORDS.findall(phrase)} & PEOPLE_NOUNS
    if people and written:  # the number's own noun names people: the asked ones, or others (step 2)
        return 1 if _same_people(set(a.counted), written) else None
    if asked & {stem(w) for w in WORDS.findall(after)}:
        return 2
    if people and _SCALED_BY_PARTICIPLE.match(after):
        return 3
    return None


def _same_people(asked: set[str], written: set[str]) -> bool:
    """The people noun written after a number may count the asked people: either noun counts anyone
    (:data:`GENERIC_PEOPLE`; a nationality asked counts as anyone of it), or both name one kind of person
    (:data:`PEOPLE_KINDS`)."""
    specific = asked & PEOPLE_NOUNS - GENERIC_PEOPLE
    if not specific or written & GENERIC_PEOPLE:
        return True  # "how many <nationality>s" / "how many people", or "... individuals" written
    return any(specific & kind and written & kind for kind in PEOPLE_KINDS)
