"""Time expressions: find them and normalise them to TIMEX3 values against the document date.

Cascade of :func:`annotate`:
1. Anchor: parse ``doc.published`` (YYYY-MM-DD, YYYY-MM or --MM-DD; may be None).
2. Candidates: every regex of :data:`time_patterns.PATTERNS` whose needle the text holds; at overlaps the longest
   match wins.
3. Resolve each candidate with the resolver of its kind (absolute values from the text, relative words from the anchor;
   weekdays, bare months, quarters and month-day dates use the tense of the governing verb: past -> the most recent
   one on or before the document date, future/present -> the next one). A resolver may reject a candidate (a bare
   "2000" before a plural noun is a count, not a year).
4. spaCy DATE/TIME entities that no regex covered are added; their value comes from dateparser when it parses them.
5. A clock time right after a date ("Monday at 10 a.m.") is merged into one TIME.

Unresolvable relative expressions keep their text with ``value=None``. ``basis`` is ``explicit`` when the text alone
gives the value and ``relative`` when the document date was needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..lexicon import MONTH_ABBREVIATIONS
from ..model import Document, Timex
from . import time_patterns as tp

__all__ = ["annotate", "find_timexes", "Anchor", "parse_anchor", "tense_at", "dateparser_may_parse"]

MAX_HEAD_HOPS = 4  # how far up the dependency tree to look for the verb that governs a time expression
MERGE_GAP = re.compile(r"^(?:,?\s+at\s+|,\s+|\s+)$")  # text allowed between a date and its clock time
TENSE_PENALTY_DAYS = (
    90  # extra distance for a month(-day) on the side of the document date the tense contradicts
)
SURROGATE_YEAR = 2001  # non-leap year used for day arithmetic when the document date has no year
_ABBREVIATED_MONTH = re.compile("|".join(a.capitalize() for a in MONTH_ABBREVIATIONS))  # "Jun" without a period
# (an abbreviation has one) and without a day or year is a name part
DATEPARSER_MAX_CHARS = 40  # longer spaCy DATE spans are phrases, not dates dateparser can read
DATEPARSER_MIN_NUMBERS = 2  # the absolute parser needs day, month and year: two numbers at least (month a name)
DATEPARSER_GLUED_DIGITS = 10  # a timestamp (dateparser's glued-date parser is off by default: shorter is one number)


def _letter_bounded(words: frozenset[str]) -> re.Pattern[str]:
    """Any of ``words`` standing alone (dateparser finds its words between non-letters only), in any case."""
    alternation = "|".join(sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![^\W\d_])(?:{alternation})(?![^\W\d_])", re.IGNORECASE)


_DATEPARSER_RELATIVE_WORD = _letter_bounded(tp.DATEPARSER_RELATIVE_WORDS)
_DATEPARSER_NUMBER_WORD = _letter_bounded(tp.DATEPARSER_NUMBER_WORDS)
_DATEPARSER_CLOCK_WORD = _letter_bounded(tp.DATEPARSER_CLOCK_WORDS)
_PERIOD_AFTER_LETTER = re.compile(r"(?<=[^0-9\s])\.")  # dateparser drops these first ("P.M." -> "PM")
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])\s*[ap]m(?![^\W\d_])", re.IGNORECASE)  # "1:51 PM"
_DIGITS = re.compile(r"\d+")
# dateparser rewrites an ordinal before these units to "<n> ordinal" first ("21st century": no unit left)
_ORDINAL_UNIT = re.compile(r"(\d+)(?:st|nd|rd|th)\s+(?:century|centuries|fortnight|fortnights)\b", re.IGNORECASE)
_ROMAN_YEAR = re.compile(r"\bM{1,3}(?:CM|CD|D?C{0,4})(?:XC|XL|L?X{0,4})(?:IX|IV|V?I{0,4})\b")  # dateparser reads
# "MMXX" as 2020


@dataclass(frozen=True, slots=True)
class Anchor:
    """The document date; any part may be unknown."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year or SURROGATE_YEAR, self.month, self.day)


def parse_anchor(published: str | None) -> Anchor:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` / ``--MM-DD`` -> Anchor (all None when missing or unreadable)."""
    if not published:
        return Anchor(None, None, None)
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published)
    if m:
        year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
        try:
            if month and day:
                dt.date(year, month, day)
        except ValueError:
            return Anchor(year, None, None)
        return Anchor(year, month or None, day or None)
    m = re.match(r"^--(\d{2})-(\d{2})$", published)
    if m:
        return Anchor(None, int(m[1]), int(m[2]))
    return Anchor(None, None, None)


# ---------------------------------------------------------------------------------------------------- formatting


def _day(d: dt.date, anchor: Anchor) -> str:
    return d.isoformat() if anchor.year is not None else "XXXX" + d.isoformat()[4:]


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _number(word: str) -> float | None:
    """'three' -> 3, '1.5' -> 1.5, 'several' -> None (vague)."""
    w = re.sub(r"\s+", " ", word.lower()).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in tp.NUMBER_WORDS:
        return float(tp.NUMBER_WORDS[w])
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in tp.NUMBER_WORDS and parts[1] in tp.NUMBER_WORDS:
        return float(tp.NUMBER_WORDS[parts[0]] + tp.NUMBER_WORDS[parts[1]])
    return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _unit(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") else w


# ---------------------------------------------------------------------------------------------------- tense


def tense_at(sdoc: Any, start: int, end: int) -> str | None:
    """'past' / 'future' / 'present' for the verb that governs the span, or None when no verb is found."""
    if sdoc is None:
        return None
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(MAX_HEAD_HOPS):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
            break
        if token.head.i == token.i:
            break
        token = token.head
    else:
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    # a verb in an infinitive clause ("plans to meet Tuesday") takes the time of its governing verb
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo"} or "going" in words:
        return "future"
    if "to" in words and token.head.i != token.i:
        head = token.head
        if head.lemma_ in (
            "plan",
            "schedule",
            "expect",
            "hope",
            "want",
            "intend",
            "aim",
            "set",
            "prepare",
            "go",
        ):
            return "future"
        if head.tag_ in ("VBD",):
            return "future" if head.lemma_ in ("agree", "decide", "promise", "pledge") else "past"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if token.tag_ == "VBN" and words & {"has", "have", "had", "'s", "'ve"}:
        return "past"
    if token.tag_ == "VBN" and token.dep_ in ("acl", "relcl"):
        return "past"
    if token.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "future" if _future_cue(token.sent) else "present"
    return None


def _future_cue(sent: Any) -> bool:
    """A present-tense sentence that speaks of the future ("is scheduled to", "will", "plans to")."""
    return any(t.lower_ in tp.FUTURE_CUES or t.lemma_ in tp.FUTURE_CUES for t in sent)


# ---------------------------------------------------------------------------------------------------- resolvers

# A resolution: (type, value, mod, basis) or None to reject the candidate.
Resolution = tuple[str, str | None, str | None, str | None] | None


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    return tp.MODIFIERS.get(re.sub(r"\s+", " ", word.lower()).strip())


def _month_num(name: str) -> int:
    return tp.MONTHS[name.lower().rstrip(".")]


def _nearest_year(month: int, day: int, anchor: Anchor, tense: str | None) -> int | None:
    """The year that puts month/day nearest the document date (the tense penalises the other side)."""
    if anchor.year is None:
        return None
    ref = anchor.date
    if ref is None:
        if anchor.month is None:
            return anchor.year
        ref = dt.date(anchor.year, anchor.month, 15)
    best: tuple[int, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        distance = abs((cand - ref).days)
        if tense == "past" and cand > ref:
            distance += TENSE_PENALTY_DAYS
        if tense == "future" and cand < ref:
            distance += TENSE_PENALTY_DAYS
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _full_date(y: int | None, mon: int, d: int, anchor: Anchor, tense: str | None) -> Resolution:
    basis = "explicit"
    if y is None:
        y = _nearest_year(mon, d, anchor, tense)
        basis = "relative"
        if y is None:
            # no year anywhere: TIMEX3's unknown-year form keeps month and day ("XXXX-09-18"); the story or the
            # reader supplies the year, a timeline never sorts it before dated events
            try:
                return ("DATE", "XXXX" + dt.date(SURROGATE_YEAR, mon, d).isoformat()[4:], None, "partial")
            except ValueError:
                return None
    try:
        return ("DATE", dt.date(y, mon, d).isoformat(), None, basis)
    except ValueError:
        return None


def _weekday(target: int, anchor: Anchor, rel: str | None, tense: str | None) -> str | None:
    ref = anchor.date
    if ref is None or anchor.year is None:
        return None
    words = (rel or "").lower().split()
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if words and words[-1] in ("last", "past"):
        return (ref - dt.timedelta(days=back or 7)).isoformat()
    if words and words[-1] in ("next", "coming"):
        return (ref + dt.timedelta(days=ahead or 7)).isoformat()
    if words == ["this"]:
        return (ref + dt.timedelta(days=target - ref.weekday())).isoformat()
    if tense == "future":
        return (ref + dt.timedelta(days=ahead)).isoformat()
    return (ref - dt.timedelta(days=back)).isoformat()  # news convention: an unmarked weekday is past


def _season_index(month: int) -> tuple[int, int]:
    """(season index 0..3 for SP/SU/FA/WI, year offset): January and February belong to last year's winter."""
    if month in (1, 2):
        return 3, -1
    return (month - 3) // 3, 0


def _resolve_rel(rel: str, unit: str, anchor: Anchor, tense: str | None = None) -> str | None:
    words = rel.lower().split()
    if words[:1] == ["the"] and words[1:2] in (["same"], ["following"], ["prior"]):
        return None  # relative to a narrative time, not to the document date
    step = 0
    if words[-1] in ("last", "past", "previous", "prior"):
        step = -1
    elif words[-1] in ("next", "coming", "following"):
        step = 1
    y, ref = anchor.year, anchor.date
    if unit in ("year", "fiscal year"):
        return None if y is None else str(y + step)
    if unit == "decade":
        return None if y is None else str(y // 10 + step)
    if unit == "century":
        return None if y is None else str(y // 100 + step)
    if y is None or anchor.month is None:
        return None
    if unit == "month":
        yy, mm = _add_months(y, anchor.month, step)
        return f"{yy}-{mm:02d}"
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + step + 4
        return f"{y + q // 4 - 1}-Q{q % 4 + 1}"
    if unit in tp.SEASONS:
        code = tp.SEASONS[unit]
        target = list(tp.SEASONS.values()).index(code) if code != "FA" else 2
        current, offset = _season_index(anchor.month)
        if step:
            return f"{y + step}-{code}"  # "last summer" is last year's summer
        return f"{y + (offset if target == current else 0)}-{code}"
    if ref is None:
        return None
    if unit == "week":
        return _week(ref + dt.timedelta(weeks=step))
    if unit == "weekend":
        if not words or words == ["the"]:  # "the weekend": the one before (past) or after the document date
            saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
            if tense == "future":
                saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
            return _week(saturday) + "-WE"
        return _week(ref + dt.timedelta(weeks=step)) + "-WE"
    return None


def _resolve(
    kind: str, m: re.Match[str], anchor: Anchor, tense: str | None, before: str, after_token: Any
) -> Resolution:
    g = m.groupdict()
    if kind == "iso":
        try:
            d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        if g.get("hh"):
            return ("TIME", f"{d.isoformat()}T{g['hh']}:{g['mm']}", None, "explicit")
        return ("DATE", d.isoformat(), None, "explicit")
    if kind == "slash":
        y = int(g["y"])
        y = y + 2000 if y < 100 else y
        return _full_date(y, int(g["m"]), int(g["d"]), anchor, tense)
    if kind in ("mdy", "dmy"):
        day = int(re.sub(r"\D", "", g["d"]))
        return _full_date(int(g["y"]) if g["y"] else None, _month_num(g["mon"]), day, anchor, tense)
    if kind == "my":
        return ("DATE", f"{int(g['y'])}-{_month_num(g['mon']):02d}", _mod(g["mod"]), "explicit")
    if kind == "month":
        name = g["mon"].lower().rstrip(".")
        if name in tp.RISKY_MONTHS and not (g["prep"] or g["mod"] or g["rel"]):
            return None
        if not (g["prep"] or g["mod"] or g["rel"]) and after_token is not None and after_token.is_title:
            return None  # "June Smith": a given name
        if not (g["prep"] or g["mod"] or g["rel"]) and _ABBREVIATED_MONTH.fullmatch(g["mon"]):
            return None  # a bare "Jun" / "Mar" without a period, day or year is a name part ("Minister Tao Jun")
        mon = _month_num(g["mon"])
        if anchor.year is None:
            return ("DATE", None, _mod(g["mod"]), "relative")
        y = anchor.year
        rel = (g["rel"] or "").lower().split()
        cur = anchor.month or mon
        if rel[-1:] in (["last"], ["past"]):
            y = y if mon < cur else y - 1
        elif rel[-1:] in (["next"], ["coming"]):
            y = y if mon > cur else y + 1
        elif not rel and anchor.month is not None:
            y = _nearest_year(mon, 15, Anchor(anchor.year, anchor.month, anchor.day or 15), tense) or y
        return ("DATE", f"{y}-{mon:02d}", _mod(g["mod"]), "relative")
    if kind == "month_rel_year":
        if anchor.year is None:
            return ("DATE", None, _mod(g["mod"]), "relative")
        step = {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
        return ("DATE", f"{anchor.year + step}-{_month_num(g['mon']):02d}", _mod(g["mod"]), "relative")
    if kind == "decade":
        dec = g["dec"]
        if dec.startswith("'"):
            two = int(dec[1:])
            dec = str((1900 if two >= 30 else 2000) + two)
        return ("DATE", dec[:3], _mod(g["mod"]), "explicit")
    if kind == "century":
        return ("DATE", f"{int(g['n']) - 1:02d}", None, "explicit")
    if kind == "year":
        if not g["mod"] and not re.search(r"(?i)(?:fiscal|FY)", m.group(0)):
            if (
                after_token is not None
                and after_token.tag_ in ("NNS", "NNPS")
                and not before.endswith(("in ", "In "))
            ):
                return None  # "2000 troops": a count
        return ("DATE", g["y"], _mod(g["mod"]), "explicit")
    if kind == "quarter":
        q = int(g["q"][1]) if g.get("q") else tp.ORDINALS[g["ord"].lower()]
        if g["y"]:
            return ("DATE", f"{g['y']}-Q{q}", None, "explicit")
        if anchor.year is None or anchor.month is None:
            return ("DATE", None, None, "relative")
        cur = (anchor.month - 1) // 3 + 1
        y = anchor.year - 1 if tense == "past" and q > cur else anchor.year  # a future quarter cannot be past
        return ("DATE", f"{y}-Q{q}", None, "relative")
    if kind == "half":
        h = 1 if g["ord"].lower() == "first" else 2
        ytext = g["y"]
        if ytext and ytext[:1].isdigit():
            return ("DATE", f"{ytext}-H{h}", None, "explicit")
        if anchor.year is None:
            return ("DATE", None, None, "relative")
        step = (
            0
            if not ytext
            else (-1 if ytext.lower().startswith("last") else 1 if ytext.lower().startswith("next") else 0)
        )
        return ("DATE", f"{anchor.year + step}-H{h}", None, "relative")
    if kind == "weekday":
        value = _weekday(
            tp.WEEKDAYS[g["wd"].lower()],
            anchor,
            None if (g["rel"] or "").lower() == "on" else g["rel"],
            tense,
        )
        if value and anchor.year is None:
            value = None
        # "Tuesday night" -> the day (as TimeBank mostly annotates it)
        return ("DATE", value, None, "relative")
    if kind in ("dayword", "daypart"):
        word = (g.get("w") or g.get("rel") or "").lower()
        word = re.sub(r"\s+", " ", word)
        offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
                  "the day before yesterday": -2, "the day after tomorrow": 2}[word]  # fmt: skip
        ref = anchor.date
        value = _day(ref + dt.timedelta(days=offset), anchor) if ref else None
        part = (g.get("part") or "").lower() or ("night" if word == "tonight" else "")
        if kind == "daypart" and word == "last" and part != "night":
            return None  # "last morning" is not an expression
        return ("TIME" if part else "DATE", value, None, "relative")
    if kind in ("ago", "shifted"):
        n = _number(g["n"])
        unit = _unit(g["unit"])
        sign = 1 if kind == "shifted" and g["dir"].lower() == "later" else -1
        if n is None:
            return ("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, "relative")
        ref = anchor.date
        k = int(n) * -sign
        if unit in ("year", "decade", "century"):
            mult = {"year": 1, "decade": 10, "century": 100}[unit]
            return ("DATE", None if anchor.year is None else str(anchor.year - k * mult), None, "relative")
        if unit == "quarter":
            if anchor.year is None or anchor.month is None:
                return ("DATE", None, None, "relative")
            q = anchor.year * 4 + (anchor.month - 1) // 3 - k
            return ("DATE", f"{q // 4}-Q{q % 4 + 1}", None, "relative")
        if unit == "month":
            if anchor.year is None or anchor.month is None:
                return ("DATE", None, None, "relative")
            yy, mm = _add_months(anchor.year, anchor.month, -k)
            return ("DATE", f"{yy}-{mm:02d}", None, "relative")
        if ref is None or anchor.year is None:
            return ("DATE", None, None, "relative")
        if unit in ("week", "weekend", "fortnight"):
            return (
                "DATE",
                _week(ref - dt.timedelta(weeks=k * (2 if unit == "fortnight" else 1))),
                None,
                "relative",
            )
        if unit == "day":
            return ("DATE", (ref - dt.timedelta(days=k)).isoformat(), None, "relative")
        return ("TIME", "PAST_REF", None, "relative")
    if kind == "rel":
        unit = re.sub(r"\s+", " ", g["unit"].lower())
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        if unit in ("decade", "century") and rel in (
            "the past",
            "the last",
            "past",
            "the next",
            "the coming",
        ):
            return ("DURATION", "P10Y" if unit == "decade" else "P100Y", None, "explicit")
        value = _resolve_rel(g["rel"], unit, anchor, tense)
        return ("DATE", value, _mod(g["mod"]), "relative")
    if kind == "the_unit":
        unit = g["unit"].lower()
        value = _resolve_rel("the" if unit == "weekend" else "this", unit, anchor, tense)
        return ("DATE", value, _mod(g["mod"]), "relative")
    if kind == "season":
        return ("DATE", f"{g['y']}-{tp.SEASONS[g['s'].lower()]}", _mod(g["mod"]), "explicit")
    if kind == "duration":
        unit = _unit(g["unit"])
        letter, clock, per = tp.UNITS[unit]
        n_word = re.sub(r"\s+", " ", g["n"].lower())
        n = _number(n_word)
        if n_word in ("a", "an") and re.search(r"(?:\d|%|percent|times|million|billion)\s*$", before):
            return ("SET", "P1" + letter if not clock else "PT1" + letter, None, None)  # "$5 billion a year"
        amount = "X" if n is None else _fmt_num(n * per)
        if unit == "weekend" or (unit == "quarter" and g["sep"] != " "):
            return None  # "three-quarters" is a fraction
        return ("DURATION", ("PT" if clock else "P") + amount + letter, None, "explicit")
    if kind == "vague_duration":
        unit = _unit(g["unit"])
        letter, clock, _per = tp.UNITS[unit]
        return (
            "DURATION",
            ("PT" if clock else "P") + "X" + ("DE" if unit == "decade" else letter),
            None,
            "explicit",
        )
    if kind == "clock":
        if g.get("w"):
            word = g["w"].lower()
            hh, mi = ("00", "00") if word == "midnight" else ("12", "00")
        else:
            h = int(g["h"])
            ap = g["ap"].lower().replace(".", "")
            if ap == "pm" and h < 12:
                h += 12
            if ap == "am" and h == 12:
                h = 0
            hh, mi = f"{h:02d}", g["mi"] or "00"
        ref = anchor.date
        return ("TIME", f"{_day(ref, anchor)}T{hh}:{mi}" if ref else None, None, "relative")
    if kind == "set":
        word = re.sub(r"\s+", " ", g["w"].lower())
        return ("SET", tp.SETS.get(word), None, None)
    if kind == "ref":
        word = re.sub(r"\s+", " ", g["w"].lower())
        return ("DATE", tp.REFS.get(word), None, "relative")
    return None


# ---------------------------------------------------------------------------------------------------- finding


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    match: re.Match[str]
    order: int


def _candidates(text: str) -> list[_Cand]:
    found: list[_Cand] = []
    present = {name: needle.search(text) is not None for name, needle in tp.NEEDLES.items()}
    for order, (kind, regex, needle) in enumerate(tp.PATTERNS):
        if not present[needle]:  # a pattern cannot match a text without its needle
            continue
        for m in regex.finditer(text):
            start, end = m.span("t") if "t" in regex.groupindex and m.group("t") else m.span()
            if kind == "weekday" and (m.group("rel") or "").lower() == "on":
                start = m.start("wd")
            if end > start:
                found.append(_Cand(start, end, kind, m, order))
    # 2. longest first, then pattern order; keep non-overlapping
    found.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    kept: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


def _token_after(sdoc: Any, end: int) -> Any:
    if sdoc is None:
        return None
    span = sdoc.char_span(end, end, alignment_mode="expand")
    for tok in sdoc[span.start : span.start + 2] if span is not None else []:
        if tok.idx >= end and not tok.is_space:
            return tok
    return None


def dateparser_may_parse(text: str) -> bool:
    """False when dateparser, as :func:`_dateparser_value` calls it, cannot read a date from ``text``.

    Cascade (on the text as dateparser first rewrites it: accents folded, a period after a letter dropped, "21st
    century" read "21 ordinal"):
    1. a word of :data:`time_patterns.DATEPARSER_RELATIVE_WORDS` (its relative parser may read it): True;
    2. a run of ``DATEPARSER_GLUED_DIGITS`` digits (a timestamp): True;
    3. numbers (digit runs, number words, Roman years; a clock time "1:51 PM" counts none, "noon" two): True from
       ``DATEPARSER_MIN_NUMBERS`` on, the least the absolute parser needs for a day, a month and a year;
    4. False: dateparser returns None (so neither called nor imported)."""
    if not text.isascii():  # dateparser folds accents first (NFKD, combining marks dropped)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn")
    text = _ORDINAL_UNIT.sub(r"\1 ordinal", _PERIOD_AFTER_LETTER.sub("", text))
    if _DATEPARSER_RELATIVE_WORD.search(text):  # 1
        return True
    runs = _DIGITS.findall(_CLOCK.sub(" ", text))
    if any(len(run) >= DATEPARSER_GLUED_DIGITS for run in runs):  # 2
        return True
    numbers = (
        len(runs)
        + len(_DATEPARSER_NUMBER_WORD.findall(text))
        + 2 * len(_DATEPARSER_CLOCK_WORD.findall(text))  # "noon" -> "12:00"
        + len(_ROMAN_YEAR.findall(text))
    )
    return numbers >= DATEPARSER_MIN_NUMBERS  # 3-4


def _dateparser_value(text: str, anchor: Anchor) -> tuple[str | None, str]:
    """Value of a spaCy-only DATE span via dateparser (day precision), or None.

    Cascade: 1. too long or without a digit or capital: None; 2. :func:`dateparser_may_parse` false: None (what
    dateparser would return, without importing or calling it); 3. dateparser, imported on first use."""
    if len(text) > DATEPARSER_MAX_CHARS or not re.search(r"\d|[A-Z]", text):
        return None, "relative"
    if not dateparser_may_parse(text):
        return None, "relative"
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    if anchor.date is not None and anchor.year is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor.date, dt.time())
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises many types on odd input
        return None, "relative"
    if parsed is None:
        return None, "relative"
    explicit = bool(re.search(r"\b\d{4}\b", text))
    if not explicit and anchor.date is None:
        return None, "relative"
    return parsed.date().isoformat(), "explicit" if explicit else "relative"


def find_timexes(text: str, published: str | None, sdoc: Any = None) -> list[tuple[Timex, str | None]]:
    """(Timex, mod) for every time expression in ``text``; ``sdoc`` (the spaCy parse) adds tense and entities."""
    anchor = parse_anchor(published)
    out: list[tuple[Timex, str | None]] = []
    # 2-3. regex candidates, resolved
    for c in _candidates(text):
        tense = tense_at(sdoc, c.start, c.end) if sdoc is not None else None
        res = _resolve(
            c.kind, c.match, anchor, tense, text[max(0, c.start - 12) : c.start], _token_after(sdoc, c.end)
        )
        if res is None:
            continue
        typ, value, mod, basis = res
        out.append((Timex(c.start, c.end, text[c.start : c.end], typ, value, basis), mod))
    # 4. spaCy DATE/TIME entities no regex covered
    if sdoc is not None:
        spans = [(t.start, t.end) for t, _ in out]
        for ent in sdoc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            s, e = ent.start_char, ent.end_char
            if any(s < ee and ss < e for ss, ee in spans):
                continue
            value, basis = _dateparser_value(ent.text, anchor)
            if value is None:
                continue  # an entity we cannot normalise ("the day", "65-year-old") is left out
            out.append((Timex(s, e, ent.text, ent.label_, value, basis), None))
    out.sort(key=lambda pair: pair[0].start)
    # 5. merge "Monday at 10 a.m."
    merged: list[tuple[Timex, str | None]] = []
    for t, mod in out:
        if merged:
            prev, pmod = merged[-1]
            gap = text[prev.end : t.start]
            pair = {prev.type: prev, t.type: t} if prev.type != t.type else {}
            date, clock = pair.get("DATE"), pair.get("TIME")
            if (
                date is not None
                and clock is not None
                and MERGE_GAP.match(gap)
                and date.value
                and clock.value
                and re.fullmatch(r"[X\d]{4}-\d\d-\d\d", date.value)
                and "T" in clock.value
            ):
                value = date.value + clock.value[clock.value.index("T") :]
                merged[-1] = (
                    Timex(prev.start, t.end, text[prev.start : t.end], "TIME", value, prev.basis),
                    pmod,
                )
                continue
        merged.append((t, mod))
    return merged


def annotate(doc: Document, sdoc: Any) -> Document:
    """Set ``doc.timexes`` (normalised against ``doc.published``)."""
    found = find_timexes(doc.text, doc.published, sdoc)
    return doc.replace(timexes=[dataclasses.replace(t, mod=mod) if mod else t for t, mod in found])
