"""Stage ``communique.metadata.v1``: title, publisher, dateline, publication date, url, language and kind.

The kind (and the evidence for it, ``doc.meta["kind_evidence"]``) comes from :mod:`communique.ingest.kind`. Runs after
cleaning, which sets ``doc.text`` (clean), ``doc.removed`` (removed lines verbatim) and, for HTML,
``doc.meta["html"]`` (trafilatura metadata: title/date/sitename/url/author). A value already set on the document
(by the reader, e.g. from a ``.jsonl`` record) is kept; only empty fields are filled. Patterns and word lists live
in :mod:`communique.ingest.meta_patterns`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..model import KINDS, Document
from ..nlp.language_words import ENGLISH_FUNCTION_WORDS, FOREIGN_FUNCTION_WORDS
from ..registry import stage
from ..turn_patterns import is_speaker_label
from . import meta_patterns as P
from .kind import classify_kind, classify_kind_evidence
from .readers import normalise_date

__all__ = [
    "Dateline",
    "metadata",
    "find_title",
    "find_dateline",
    "find_publisher",
    "find_published",
    "published_evidence",
    "detect_language",
    "classify_kind",
    "classify_kind_evidence",
    "normalise_publisher",
    "speaker_turns",
]

HEAD_LINES = 8  # non-empty lines at the top that may hold title, byline, date line and dateline
TAIL_LINES = 6  # non-empty lines at the bottom that may hold a source credit or copyright
TITLE_SCAN_LINES = 3  # a headline is one of the first three lines (after skipped release/date lines)
MIN_TITLE_CHARS = 8  # shorter lines are labels ("Mexico", "News"), not headlines
MAX_TITLE_CHARS = 200  # longer lines are paragraphs
MAX_TITLE_WORDS = 30  # official titles ("Readout of President ... of the Republic of ...") run to ~25 words
WRAP_LENGTH_RATIO = 1.3  # a headline is much shorter than the paragraph under it; wrapped lines are alike
DATELINE_SCAN_LINES = 4  # the dateline opens the first paragraph, after at most a title, byline and date line
MAX_DATE_LINE_CHARS = 90  # a header date line is short ("For Immediate Release: March 3, 2025")
MAX_DATE_LINE_EXTRA_CHARS = 30  # words around a date on its own line ("Updated", "Published on", a weekday)
LANG_MIN_CHARS = 40  # below this py3langid guesses wildly; fall back to English
LANG_SAMPLE_CHARS = 3000  # the start of the text is enough to identify its language
PLAIN_ENGLISH_MIN_WORDS = 40  # fewer words give function-word shares too coarse to trust: py3langid decides
PLAIN_ENGLISH_MIN_SHARE = 0.15  # of the words, English function words: ~0.3 in English prose, ~0.12 at most in
# other languages with English words or page code mixed in
PLAIN_ENGLISH_MIN_RATIO = 4  # English over foreign function words: names ("al", "de", "der") give a few foreign
PLAIN_ENGLISH_MAX_NON_ASCII = 0.01  # non-ASCII letters per letter: English has a few accented names, no more
_LANG_WORD = re.compile(r"[^\W\d_]+")  # a run of letters, any script
MAX_PUBLISHER_WORDS = 6  # a credit longer than this is a sentence, not a name
TRANSCRIPT_MIN_TURNS = 3  # with this many "NAME:" turns an ALL-CAPS "PLACE:" opener is a speaker, not a dateline


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the start of a line."""

    place: str
    published: str | None  # YYYY-MM-DD or --MM-DD
    agency: str | None  # normalised publisher named in the dateline, "(AP)" -> "Associated Press"
    line: int  # index in the non-empty lines


# --- helpers ----------------------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _strip_markup(line: str) -> str:
    return re.sub(r"^(?:#{1,6}\s+|\*\*|__)|(?:\*\*|__)$", "", line).strip()


def speaker_turns(text: str) -> Counter[str]:
    """Speaker labels at line starts ("MS. PSAKI:", "SECRETARY RUBIO:", "Q") and how often each occurs."""
    turns: Counter[str] = Counter()
    for m in P.SPEAKER_TURN_RE.finditer(text):
        name = "Q" if m["q"] else m["label"].strip()
        if name == "Q" or (len(name) >= 2 and is_speaker_label(name)):
            turns[name] += 1
    return turns


def normalise_publisher(name: str | None) -> str | None:
    """A publisher name from a credit: known aliases mapped ("AP" -> "Associated Press"), noise trimmed."""
    if not name:
        return None
    name = re.sub(r"\s+", " ", name).strip(" .,;:-—–()[]")
    name = re.sub(r"(?i)\s*(?:all rights reserved|inc|ltd|llc)\.?$", "", name).strip(" .,")
    if not name:
        return None
    key = name.lower()
    if key in P.AGENCIES:
        return P.AGENCIES[key]
    # "Agencia EFE / Reuters", "EFE and AP": take the first known one
    for part in re.split(r"\s*(?:/|,|;| and | y | with )\s*", key):
        if part in P.AGENCIES:
            return P.AGENCIES[part]
    if len(name.split()) > MAX_PUBLISHER_WORDS or not name[0].isupper() and not name[0].isdigit():
        return None
    return name


def _title_case_place(place: str) -> str:
    """'MEXICO CITY' -> 'Mexico City', 'WASHINGTON, D.C.' -> 'Washington, D.C.'; mixed case kept."""
    letters = [c for c in place if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return place
    words = []
    for i, word in enumerate(place.split(" ")):
        if "." in word and len(word.replace(".", "")) <= 3:  # D.C., U.S., N.Y.
            words.append(word)
        elif i > 0 and word.lower() in P.SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def _month_day(text: str) -> str | None:
    """'Jan. 9' / '9 January' (+ optional year) -> '--01-09' or 'YYYY-MM-DD'."""
    full = normalise_date(text)
    if full and len(full) == 10:
        return full
    m = re.search(r"(?P<month>" + P.MONTH_NAME_RE + r")\s+(?P<d>\d{1,2})|(?P<d2>\d{1,2})\s+(?P<month2>" + P.MONTH_NAME_RE + ")", text, re.I)
    if not m:
        return None
    month = P.MONTHS[(m["month"] or m["month2"]).rstrip(".").lower()]
    day = int(m["d"] or m["d2"])
    return f"--{month:02d}-{day:02d}" if 1 <= day <= 31 else None


# --- title ------------------------------------------------------------------------------------------------------


def _is_date_line(line: str) -> bool:
    if len(line) > MAX_DATE_LINE_CHARS:
        return False
    if P.DATE_LINE_PREFIX_RE.match(line):
        return True
    for pattern in (P.ISO_DATE_RE, P.MONTH_DAY_YEAR_RE, P.DAY_MONTH_YEAR_RE):
        if (m := pattern.search(line)) and len(line) - (m.end() - m.start()) <= MAX_DATE_LINE_EXTRA_CHARS:
            return True
    return False


def _standalone(text: str) -> set[int]:
    """Indices (in the non-empty lines) of lines that stand alone: a blank line or the text's end follows them."""
    raw = text.strip().splitlines()
    if not any(not line.strip() for line in raw):
        # no blank lines: a line stands alone unless the next one is about as long (a hard-wrapped paragraph)
        rows = [line.strip() for line in raw]
        return {
            i
            for i, line in enumerate(rows)
            if i + 1 == len(rows) or len(rows[i + 1]) > WRAP_LENGTH_RATIO * len(line) or line.endswith((".", "!", "?"))
        }
    alone, index = set(), -1
    for i, line in enumerate(raw):
        if not line.strip():
            continue
        index += 1
        if i + 1 == len(raw) or not raw[i + 1].strip():
            alone.add(index)
    return alone


def find_title(lines: list[str], dateline: Dateline | None = None, standalone: set[int] | None = None) -> str | None:
    """A first short line that looks like a headline (not a dateline, byline, date, time or speaker turn).

    ``standalone`` (from the text's blank lines) keeps the first line of a hard-wrapped paragraph from passing
    for a headline."""
    candidates = 0
    for i, raw in enumerate(lines[:HEAD_LINES]):
        line = _strip_markup(raw)
        if (
            P.PRESS_RELEASE_RE.match(line)
            or _is_date_line(line)
            or P.TIME_LINE_RE.match(line)
            or P.BYLINE_RE.match(line)
        ):
            continue  # header furniture above or below the headline
        candidates += 1
        if candidates > TITLE_SCAN_LINES or (dateline is not None and i >= dateline.line):
            return None
        if standalone is not None and i not in standalone:
            return None  # the start of a wrapped paragraph
        if i == len(lines) - 1:
            return None  # the only line left is the text itself
        words = line.split()
        if (
            not (MIN_TITLE_CHARS <= len(line) <= MAX_TITLE_CHARS)
            or not 2 <= len(words) <= MAX_TITLE_WORDS
            or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
            or line.endswith((".", ",", ";", ":"))
            and not line.endswith(("..", "Jr.", "Sr.", "U.S.", "D.C."))
            or P.SPEAKER_TURN_RE.match(line)
            or _match_dateline(line, 0, turns=0)
        ):
            return None  # the first real line is body text: there is no headline
        return line
    return None


# --- dateline ---------------------------------------------------------------------------------------------------


def _match_dateline(line: str, index: int, *, turns: int) -> Dateline | None:
    m = P.DATELINE_RE.match(line)
    if not m:
        return None
    place = m["place"]
    first = place.split()[0].rstrip(".").lower()
    if first in P.DATELINE_STOPWORDS:
        return None
    letters = [c for c in place if c.isalpha()]
    all_caps = all(c.isupper() for c in letters)
    dash = m["dash"]
    has_more = bool(m["region"] or m["date"] or m["agency"] or m["wire"])
    if dash == ":" and (not all_caps or turns >= TRANSCRIPT_MIN_TURNS or m["agency"] is None and len(place) < 3):
        return None  # "MS. PSAKI:" is a speaker turn, not a dateline
    if dash == "-" and not (all_caps or has_more):
        return None  # "Al-Qaeda": a hyphen needs an ALL-CAPS place or a date/agency to be a dateline dash
    if not all_caps and not has_more and len(place.split()) > 3:
        return None
    region = m["region"]
    name = _title_case_place(place) + (f", {_title_case_place(region)}" if region else "")
    agency = normalise_publisher(m["agency"] or m["wire"])
    return Dateline(name, _month_day(m["date"]) if m["date"] else None, agency, index)


def find_dateline(lines: list[str], *, turns: int = 0) -> Dateline | None:
    """'MEXICO CITY, Jan. 9 (AP) —' -> Dateline('Mexico City', '--01-09', 'Associated Press')."""
    for i, line in enumerate(lines[:DATELINE_SCAN_LINES]):
        if found := _match_dateline(_strip_markup(line), i, turns=turns):
            return found
    return None


# --- publisher --------------------------------------------------------------------------------------------------


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def find_publisher(
    lines: list[str], removed: list[str], html: dict[str, Any], url: str | None, dateline: Dateline | None
) -> str | None:
    """Cascade: 1. html sitename, 2. dateline agency, 3. wire tag near the top, 4. source credit at the end or in
    removed lines, 5. trailing agency line, 6. copyright line, 7. known web host, 8. the host itself."""
    # 1. html sitename
    if name := normalise_publisher(html.get("sitename")):
        return name
    # 2. dateline agency "(AP)"
    if dateline and dateline.agency:
        return dateline.agency
    # 3. wire tag in the first lines: "(Reuters) -", "/PRNewswire/ --"
    for line in lines[:HEAD_LINES]:
        if m := P.WIRE_TAG_RE.search(line):
            return normalise_publisher(m["paren"] or m["slash"])
    tail = lines[-TAIL_LINES:]
    removed_lines = [r.strip() for r in removed if r.strip()]
    # 4. "(Source: EFE)" at the end of the text, or a "Source: ..." line cut by the cleaner
    for line in [*reversed(tail), *removed_lines]:
        if (m := P.SOURCE_LINE_RE.search(line)) and (name := normalise_publisher(m["name"])):
            return name
    # 5. "— Xinhua" alone at the end
    for line in reversed(tail):
        if m := P.TRAILING_AGENCY_RE.match(line):
            return normalise_publisher(m["dash"] or m["paren"])
    # 6. "Copyright 2025 The Associated Press"
    for line in [*reversed(tail), *removed_lines]:
        if (m := P.COPYRIGHT_RE.search(line)) and (name := normalise_publisher(m["name"])):
            return name
    # 7./8. the web host
    host = _host(url or html.get("url"))
    if host:
        for known, name in P.DOMAIN_PUBLISHERS.items():
            if host == known or host.endswith("." + known):
                return name
        return host
    return None


# --- publication date -------------------------------------------------------------------------------------------


def _numeric_us_date(line: str) -> str | None:
    m = P.NUMERIC_US_DATE_RE.search(line)
    return normalise_date(f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}") if m else None


def _site_clock(lines: list[str], index: int) -> bool:
    """A header clock ("Sat. Mar 1st, 2025", a date under a weather reading) shows the capture day, not the page's."""
    if P.SITE_CLOCK_DATE_RE.match(lines[index]):
        return True
    return any(P.WEATHER_LINE_RE.match(line) for line in lines[max(0, index - 2) : index])


def _header_date(lines: list[str]) -> tuple[str, str] | None:
    """(date, line) of the first header date line: a short line with a date, or a line that opens with one."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        if len(line) > MAX_DATE_LINE_CHARS or _site_clock(lines, i):
            continue
        found = None
        if _is_date_line(line) or P.LEADING_DATE_RE.match(line):
            found = normalise_date(line) or _numeric_us_date(line)
        if found and len(found) == 10:
            return found, line.strip()
    return None


def published_evidence(
    lines: list[str], removed: list[str], html: dict[str, Any], dateline: Dateline | None,
    front: dict[str, Any] | None = None,
) -> tuple[str, str, str] | None:
    """(date, basis, evidence) of the publication date, in order of trust:
    1. html meta date (basis ``html``); 2. front matter (``front_matter``: a YAML block or the capture line the
    cleaner turned into ``meta["front_matter"]``); 3. a capture line still in the text ("date 2025-03-03 <url>",
    ``capture``); 4. a header date line ("For Immediate Release ... March 3, 2025", "Monday, March 3, 2025,
    10:05 a.m.", "03/03/2025 | News release"; never a site clock, ``date_line``); 5. the dateline's date with a year
    (``dateline``); 6. a "Published ..." line in the removed boilerplate (``removed``); 7. the dateline's month and
    day without a year ("--01-09", ``dateline``)."""
    # 1. html meta
    if found := normalise_date(html.get("date")):
        return found, "html", str(html.get("date"))
    # 2. front matter
    if front and (found := normalise_date(front.get("date"))):
        return found, "front_matter", str(front.get("date"))
    # 3. capture line
    if lines and (m := P.CAPTURE_DATE_RE.match(lines[0])) and (found := normalise_date(m["date"])):
        return found, "capture", m.group().strip()
    # 4. header date line
    if header := _header_date(lines):
        return header[0], "date_line", header[1]
    # 5. dateline with year
    if dateline and dateline.published and not dateline.published.startswith("--"):
        return dateline.published, "dateline", lines[dateline.line] if dateline.line < len(lines) else dateline.place
    # 6. removed "Published/Updated ..." lines
    for line in removed:
        if P.DATE_LINE_PREFIX_RE.match(line.strip()) and (found := normalise_date(line)):
            return found, "removed", line.strip()
    # 7. dateline without year
    if dateline and dateline.published:
        return dateline.published, "dateline", lines[dateline.line] if dateline.line < len(lines) else dateline.place
    return None


def find_published(
    lines: list[str], removed: list[str], html: dict[str, Any], dateline: Dateline | None,
    front: dict[str, Any] | None = None,
) -> str | None:
    """The publication date (see :func:`published_evidence` for the cascade)."""
    found = published_evidence(lines, removed, html, dateline, front)
    return found[0] if found else None


def _copyright_year_date(date: Any, raw: str) -> bool:
    """True when an HTML date is "YYYY-01-01" guessed from a copyright year (trafilatura's last resort): the page
    states the year only in a copyright notice and never writes January 1."""
    if not isinstance(date, str) or not re.fullmatch(r"\d{4}-01-01", date.strip()):
        return False
    year = date.strip()[:4]
    if re.search(rf"{year}-0?1-0?1|Jan(?:uary|\.)? 0?1\b|\b0?1 Jan", raw, re.I):
        return False
    return bool(re.search(rf"(?:copyright|©|&copy;|\(c\))[^<\n]{{0,20}}{year}", raw, re.I))


# --- language ---------------------------------------------------------------------------------------------------


def plainly_english(sample: str) -> bool:
    """True when ``sample`` is plainly English prose: enough words, English function words common and far more
    frequent than other languages' ones, and letters almost all ASCII (other scripts). A shortcut that spares
    loading py3langid's model (~0.6 s of CPU, once per process), which says "en" for such a text anyway."""
    words = _LANG_WORD.findall(sample.lower())
    if len(words) < PLAIN_ENGLISH_MIN_WORDS:
        return False
    english = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    foreign = sum(w in FOREIGN_FUNCTION_WORDS for w in words)
    if english < PLAIN_ENGLISH_MIN_SHARE * len(words) or english < PLAIN_ENGLISH_MIN_RATIO * foreign:
        return False
    letters = sum(map(len, words))
    return sum(not c.isascii() for w in words if not w.isascii() for c in w) <= PLAIN_ENGLISH_MAX_NON_ASCII * letters


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``. Cascade: 1. "en" for a text too short to tell; 2. "en" for plainly English
    prose (:func:`plainly_english`); 3. py3langid's guess (a code that is not ISO 639-1 counts as "en")."""
    sample = text.strip()[:LANG_SAMPLE_CHARS]
    if len(sample) < LANG_MIN_CHARS:
        return "en"
    if plainly_english(sample):
        return "en"
    import py3langid

    lang, _score = py3langid.classify(sample)
    return lang if isinstance(lang, str) and len(lang) == 2 else "en"


# --- the stage --------------------------------------------------------------------------------------------------


FRONT_MATTER_FIELDS = {"title": ("title",), "date": ("date", "published", "published_time"), "url": ("url", "source_url")}


def front_matter(removed: list[str]) -> dict[str, str]:
    """Title, date and url of a YAML front-matter block the cleaner removed (``---`` ... ``---`` at the top)."""
    if not removed or removed[0].strip() != "---":
        return {}
    try:
        end = next(i for i in range(1, len(removed)) if removed[i].strip() in ("---", "..."))
        data = yaml.safe_load("\n".join(removed[1:end]))
    except (StopIteration, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    out = {}
    for field, keys in FRONT_MATTER_FIELDS.items():
        value = next((data[k] for k in keys if data.get(k)), None)
        if value is not None:
            out[field] = " ".join(str(value).replace("\u00a0", " ").split())
    return out


@stage("communique.metadata.v1")
def metadata(doc: Document) -> Document:
    """Fill title, publisher, dateline, published, url, language and kind; keep values already set."""
    text = doc.text if doc.text or doc.content_type == "html" else doc.raw
    lines = _lines(text)
    html = doc.meta.get("html") or {}
    if not isinstance(html, dict):
        html = {}
    html = {**front_matter(doc.removed), **html}  # markdown front matter (title/date/url) where there is no HTML
    if _copyright_year_date(html.get("date"), doc.raw):
        html = {k: v for k, v in html.items() if k != "date"}
    turns = sum(speaker_turns(text).values())
    dateline = find_dateline(lines, turns=turns)
    title = doc.title or (html.get("title") or "").strip() or find_title(lines, dateline, _standalone(text))
    changes: dict[str, Any] = {}
    if title and title != doc.title:
        changes["title"] = title
    if not doc.publisher and (publisher := find_publisher(lines, doc.removed, html, doc.url, dateline)):
        changes["publisher"] = publisher
    if not doc.dateline and dateline:
        changes["dateline"] = dateline.place
    front = doc.meta.get("front_matter")
    evidence = published_evidence(lines, doc.removed, html, dateline, front if isinstance(front, dict) else None)
    if not doc.published and evidence:
        changes["published"] = evidence[0]
        changes["meta"] = {**doc.meta, "published_basis": evidence[1], "published_evidence": evidence[2]}
    if not doc.url and isinstance(html.get("url"), str) and html["url"].strip():
        changes["url"] = html["url"].strip()
    changes["language"] = detect_language(text)
    if doc.kind in ("other", "") or doc.kind not in KINDS:
        changes["kind"], kind_evidence = classify_kind_evidence(text, title or None, dateline=dateline)
        changes["meta"] = {**changes.get("meta", doc.meta), "kind_evidence": kind_evidence}
    return doc.replace(**changes)
