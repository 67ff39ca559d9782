"""Page residue of scraped multi-outlet pages: the rules behind steps 0a, 1r, 1f and 3e-3g of :mod:`.lines`.

The patterns live in :mod:`.residue_patterns` (one named group per family); this module applies them:

0a. :func:`capture_header`: a leading capture header line (`` date YYYY-MM-DD <url>``) leaves the text; its date
    and url become front matter (the metadata stage reads them); the rest of the line stays as page text.
0b. :func:`strip_inline`: residue glued to the end of a kept line (a caption's photo credit, an outlet sign-off
    after slashes, an embedded tweet's picture link, a channel plug after the last sentence) is cut off; the line
    itself stays (captions name the people and the date of the meeting).
1r. :func:`line_residue`: whole-line families (lone credits, broken images, lone urls, bylines, time stamps,
    weather, crumbs, page controls, counters, comment forms, related links, site names, notices).
1f. :func:`foreign_lines`: in a document written in English, a line in another language or script (a footer of
    the site's home language) unless it is quoted speech; a page written in another language keeps its text.
3e. :func:`weather_neighbours`: the site's date and city printed beside a weather widget.
3f. :func:`caption_copies`: a caption repeated without its credit (alt text above the captioned copy).
3g. :func:`inline_teasers`: a headline of another story between two paragraphs of the article.
3h. :func:`head_labels`: a label with a bracketed acronym above the article (the site's name or section).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import residue_patterns as R

__all__ = [
    "Header",
    "capture_header",
    "strip_inline",
    "line_residue",
    "foreign_lines",
    "weather_neighbours",
    "caption_copies",
    "inline_teasers",
    "head_labels",
    "header_front_matter_lines",
    "page_stamp_date",
]

# --- thresholds ---------------------------------------------------------------------------------------------------
CAPTION_MAX_WORDS = 90  # wire captions run to two sentences (caption + the lead repeated, ~75 words); longer: article text
CREDIT_LINE_MAX_WORDS = 12  # "Photo: Name / Agency" is short; longer lines are sentences about photos
BYLINE_MAX_WORDS = 25  # byline + two stamps ("By Name Posted : <date>, <time> Updated : <date>, <time>")
CRUMB_MAX_WORDS = 15  # crumbs name a few sections; a longer line with ">" is prose or a formula
CONTROL_MAX_WORDS = 6  # page controls are a few words ("Font size settings", "Rate this post")
RELATED_MAX_WORDS = 25  # a link teaser is one headline long
SITE_NAME_MAX_WORDS = 5  # "The Example Herald", "Example Coast News (eXa)"
NOTICE_MAX_WORDS = 80  # republishing disclaimers run to three or four sentences
SHORT_NOTICE_MAX_WORDS = 15  # banners and channel plugs are one short line
FOREIGN_MIN_WORDS = 6  # shorter lines (names, labels) carry too few words to tell a language
FOREIGN_MIN_WORDS_ASCII = 12  # without an accented letter, more words are needed (English headlines drop "the")
FOREIGN_MIN_LOWER_RATIO = 0.4  # prose in any language has many lower-case words; name lists do not
ENGLISH_DOC_MIN_SHARE = 0.12  # share of very common English words in an English text (Spanish pages: ~0.02)
ENGLISH_DOC_MIN_WORDS = 40  # too little text to tell the document's language
NON_LATIN_MIN_SHARE = 0.5  # a line with at least this share of non-Latin letters is in another script
WEATHER_NEIGHBOURS = 2  # the site's date and city sit within two lines of its temperature
NEIGHBOUR_MAX_WORDS = 4  # a city / date line beside the weather widget is short
CAPTION_COPY_MIN_WORDS = 6  # a shorter line equal to a caption's start is a coincidence, not alt text
TEASER_MIN_WORDS = 6  # an in-body teaser is a full headline ("Country has done X during YEAR")
TEASER_MAX_WORDS = 16  # longer lines without final punctuation are cut or wrapped sentences
TEASER_MIN_LOWER_RATIO = 0.4  # sentence-case headline; title-case lines between paragraphs are sub-heads

STAMP_REASONS = frozenset({"byline", "timestamp", "sandwich", "stamp"})  # removed lines that may date the page
_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")
# Inline residue patterns with the lower-case cues one of which the line must hold before the pattern is tried.
_INLINE_CUES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (R.INLINE_TWEET_LINK, ("pic.twitter.com/", "t.co/")),
    (R.INLINE_SIGNOFF_TAIL, ("//", "==")),
    (R.INLINE_PLUG_TAIL, ("follow", "join", "subscribe", "sign up")),
)
LONG_LINE_WORDS = 25  # longer lines can only be a lone credit, glued crumbs or a notice: the other checks are skipped
_RESIDUE_PHRASE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in R.RESIDUE_PHRASES) + r")(?!\w)", re.I)
_DATA_PHRASE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in R.DATA_PROTECTION_PHRASES) + r")(?!\w)", re.I)
_SHORT_PHRASE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in R.SHORT_RESIDUE_PHRASES) + r")(?!\w)", re.I)
_INNER_STOP = re.compile(r"[.!?][\"'”’)]*\s+[A-Z“\"]")  # a sentence ends inside the line
_MARKUP = re.compile(r"://|www\.|[<>=]")  # urls and markup: not a language
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Header:
    """What :func:`capture_header` found: the remaining lines, the header's fields, the header text removed."""

    lines: list[str]
    front_matter: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


def capture_header(lines: Sequence[str]) -> Header:
    """0a. A leading `` date YYYY-MM-DD [url]`` line (and a following ``url: ...`` line) -> front matter."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Header(list(lines))
    m = R.CAPTURE_HEADER.match(lines[first])
    if not m:
        return Header(list(lines))
    front = {"date": m["date"]}
    if m["url"]:
        front["url"] = m["url"].strip("<>")
    out = list(lines)
    removed = [lines[first][: m.end()]]
    rest = lines[first][m.end() :]
    out[first] = rest
    nxt = next((i for i in range(first + 1, len(out)) if out[i].strip()), None)
    if "url" not in front and not rest.strip() and nxt is not None and (u := R.CAPTURE_URL_LINE.fullmatch(out[nxt])):
        front["url"] = u["url"]
        removed.append(out[nxt])
        out[nxt] = ""
    return Header(out, front, removed)


def header_front_matter_lines(front: dict[str, str]) -> list[str]:
    """The header's fields written as a YAML front-matter block: the form the metadata stage reads from
    ``removed`` (``communique.ingest.metadata.front_matter``)."""
    return ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items()), "---"]


def page_stamp_date(removed: Sequence[tuple[str, str]]) -> str | None:
    """The date of the first removed page stamp ("(Agency) 13:07, April 17, 2024", "Updated : <date>, <time>",
    "Published on <date>"): the page's own date, which the metadata stage can no longer read from the text.
    ``removed``: (text, reason) of the removed lines and of the stamps cut off lines, in page order. Site clocks
    and the weather widget's date are the day of the visit, not of the page: never used."""
    for text, reason in removed:
        if reason in STAMP_REASONS and len(text.split()) <= BYLINE_MAX_WORDS and (m := R.STAMP_DATE.search(text)):
            if re.search(r"\d{4}", m.group(0)):
                return m.group(0)
    return None


def strip_inline(text: str) -> tuple[str, str]:
    """0b. Cut residue glued to the end of a line; returns (kept text, cut text)."""
    if text[:3].lower() == "by " and (m := R.BYLINE_STAMP.fullmatch(text)) and len(text.split()) <= BYLINE_MAX_WORDS:
        return m["byline"], m["stamp"]  # "By Name Posted : <date>": the reporter's name stays, the stamps go
    cut = ""
    low = text.lower()
    for pattern, cue in _INLINE_CUES:
        m = pattern.search(text) if any(c in low for c in cue) else None
        if m and m.start() > 0:
            cut = text[m.start() :].strip() + (" " + cut if cut else "")
            text = text[: m.start()].rstrip()
    m = _credit_tail(text)
    if m and m.start() > 0 and len(text[: m.start()].split()) <= CAPTION_MAX_WORDS:
        cut = text[m.start() :].strip() + (" " + cut if cut else "")  # a caption's credit; the caption stays
        text = text[: m.start()].rstrip()
    return text, cut


def is_credit(cut: str) -> bool:
    """The text :func:`strip_inline` cut off starts with a photo credit (the line was a caption)."""
    return bool(cut) and _credit_tail(cut) is not None


def _credit_tail(text: str) -> re.Match[str] | None:
    """A closing photo credit (each pattern is tried only when its cue character is in the line: speed)."""
    text = text.rstrip()
    if text[-1:] in ")]." and (m := R.CREDIT_TAGS_TAIL.search(text)):
        return m
    if "©" in text and (m := R.CREDIT_COPYRIGHT_TAIL.search(text)):
        return m
    if "|" in text and "/" in text and (m := R.CREDIT_PIPE_TAIL.search(text)):
        return m
    return None


def line_residue(text: str, *, sentence: bool) -> str | None:
    """1r. The residue family a whole line belongs to, or None. ``sentence``: the line reads as prose."""
    n_words = len(text.split())
    if text[:1] in "([©" and (m := _credit_tail(text)) and m.start() == 0:
        return "credit"  # credit tags alone on a line ("(Agency/Name)", "[Agency Photo]")
    if n_words > LONG_LINE_WORDS:
        if R.GLUED_CRUMB_LINE.fullmatch(text):
            return "crumbs"
        if n_words > NOTICE_MAX_WORDS:
            return None
        if _has_phrase(text, R.RESIDUE_PHRASES, _RESIDUE_PHRASE):
            return "notice"
        data = _has_phrase(text, R.DATA_PROTECTION_PHRASES, _DATA_PHRASE)
        return "notice" if data and R.SITE_NOTICE_CUES.search(text) else None
    if n_words <= CREDIT_LINE_MAX_WORDS and R.CREDIT_LINE.fullmatch(text):
        return "credit"
    if n_words <= CONTROL_MAX_WORDS and R.BROKEN_IMAGE_LINE.fullmatch(text):
        return "image"
    if n_words <= 2 and R.LONE_URL_LINE.fullmatch(text):
        return "url"
    if n_words <= BYLINE_MAX_WORDS and (R.BYLINE_LINE.fullmatch(text) or R.NAME_OUTLET_LINE.fullmatch(text)):
        return "byline"
    if n_words <= BYLINE_MAX_WORDS and R.TIMESTAMP_LINE.fullmatch(text):
        return "timestamp"
    if R.SITE_CLOCK_LINE.fullmatch(text):
        return "site-clock"
    if R.WEATHER_LINE.fullmatch(text):
        return "weather"
    if not sentence and n_words <= CRUMB_MAX_WORDS and (R.CRUMB_LINE.fullmatch(text) or R.GLUED_CRUMB_LINE.fullmatch(text)):
        return "crumbs"
    if R.GLUED_CRUMB_LINE.fullmatch(text):
        return "crumbs"
    if n_words <= CONTROL_MAX_WORDS and (R.CONTROL_LINE.fullmatch(text) or R.COMMENT_LINE.fullmatch(text)):
        return "control"
    if n_words <= BYLINE_MAX_WORDS and R.COUNTER_LINE.fullmatch(text):
        return "counter"
    if n_words <= RELATED_MAX_WORDS and R.RELATED_LINK_LINE.fullmatch(text):
        return "related"
    if n_words <= SITE_NAME_MAX_WORDS and text.lower() not in R.ENGLISH_MARKERS and (
        R.SIGNOFF_LINE.fullmatch(text) or R.SITE_NAME_LINE.fullmatch(text)
    ):
        return "site-name"
    if _has_phrase(text, R.RESIDUE_PHRASES, _RESIDUE_PHRASE):
        return "notice"
    if _has_phrase(text, R.DATA_PROTECTION_PHRASES, _DATA_PHRASE) and R.SITE_NOTICE_CUES.search(text):
        return "notice"
    if not sentence and n_words <= SHORT_NOTICE_MAX_WORDS and _has_phrase(text, R.SHORT_RESIDUE_PHRASES, _SHORT_PHRASE):
        return "notice"
    return None


def _has_phrase(text: str, phrases: Sequence[str], pattern: re.Pattern[str]) -> bool:
    """A phrase on word boundaries (a plain substring test first: speed)."""
    low = text.lower()
    return any(p in low for p in phrases) and bool(pattern.search(text))


def _letters(text: str) -> tuple[int, int]:
    """(Latin letters, other letters) of a text."""
    if text.isascii():
        return len(text), 0  # only the ratio matters: any ASCII text is Latin
    latin = other = 0
    for ch in text:
        if ch.isalpha():
            if ch.isascii() or "LATIN" in unicodedata.name(ch, ""):
                latin += 1
            else:
                other += 1
    return latin, other


def _quoted(text: str) -> bool:
    return text.lstrip()[:1] in R.QUOTE_OPENERS


def foreign_lines(texts: Sequence[str]) -> set[int]:
    """1f. Indexes of lines in another language or script than an English document's (quoted speech exempt)."""
    words = [w.lower() for t in texts for w in _WORD.findall(t)]
    if len(words) < ENGLISH_DOC_MIN_WORDS:
        return set()
    if sum(1 for w in words if w in R.ENGLISH_MARKERS) / len(words) < ENGLISH_DOC_MIN_SHARE:
        return set()  # the page is written in another language: its text is the article
    out: set[int] = set()
    for i, text in enumerate(texts):
        if not text or _quoted(text) or _MARKUP.search(text):
            continue
        latin, other = _letters(text)
        if other and other / (latin + other) >= NON_LATIN_MIN_SHARE:
            out.add(i)
            continue
        line_words = _WORD.findall(text)
        accented = not text.isascii() and any(ch.isalpha() and not ch.isascii() for ch in text)
        if len(line_words) < (FOREIGN_MIN_WORDS if accented else FOREIGN_MIN_WORDS_ASCII):
            continue
        if any(w.lower() in R.ENGLISH_MARKERS for w in line_words):
            continue
        if sum(1 for w in line_words if w[0].islower()) / len(line_words) >= FOREIGN_MIN_LOWER_RATIO:
            out.add(i)
    return out


def head_labels(texts: Sequence[str], content_start: int) -> set[int]:
    """3h. A label with an acronym in brackets alone on a line above the article ("Example Coast News (eXa)",
    "Weapons Of Things (WOT)"): the site's name or section. Only above the first article sentence
    (``content_start``): further down such lines are lists of participants ("Governor Name (ST)")."""
    return {
        i
        for i, text in enumerate(texts[:content_start])
        if len(text.split()) <= SITE_NAME_MAX_WORDS and R.LABEL_ACRONYM_LINE.fullmatch(text)
    }


def weather_neighbours(texts: Sequence[str], weather: Sequence[int], is_date: Sequence[bool]) -> set[int]:
    """3e. Short lines and date lines within ``WEATHER_NEIGHBOURS`` lines of a weather widget (its city and the
    site's current date). ``texts``: the non-blank lines; ``weather``: indexes of weather lines among them."""
    out: set[int] = set()
    for w in weather:
        for j in range(max(0, w - WEATHER_NEIGHBOURS), min(len(texts), w + WEATHER_NEIGHBOURS + 1)):
            if j != w and (is_date[j] or len(texts[j].split()) <= NEIGHBOUR_MAX_WORDS):
                out.add(j)
    return out


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def caption_copies(texts: Sequence[str], captions: Sequence[int]) -> set[int]:
    """3f. Lines that repeat a caption (a line whose credit was cut, ``captions``) without its credit: the image's
    alt text printed beside the caption."""
    starts = [_norm(texts[c]) for c in captions]
    out: set[int] = set()
    for i, text in enumerate(texts):
        if i in captions or len(text.split()) < CAPTION_COPY_MIN_WORDS:
            continue
        norm = _norm(text)
        if norm and any(s and (s == norm or s.startswith(norm)) for s in starts):
            out.add(i)
    return out


def inline_teasers(
    texts: Sequence[str], prose: Sequence[bool], open_: Sequence[bool], alone: Sequence[bool]
) -> set[int]:
    """3g. A sentence-case headline without final punctuation, a paragraph of its own between two paragraphs of
    prose: a link to another story the site put inside the article ("Country has done X during YEAR").
    ``texts``: the non-blank lines; ``prose``: the line is an article sentence; ``open_``: the line may be judged
    (kept, not protected); ``alone``: blank lines before and after it (a hard-wrapped line is not). The last line
    is never judged (pages are often cut mid-sentence)."""
    out: set[int] = set()
    for k in range(1, len(texts) - 1):
        text = texts[k]
        if not open_[k] or not alone[k] or not (prose[k - 1] and prose[k + 1]) or _TERMINAL.search(text):
            continue
        if _quoted(text) or text[-1:] in ",;—–-" or text.split()[-1].lower() in R.ENGLISH_MARKERS:
            continue  # a cut or wrapped sentence ("... and I am ready to get to")
        if _INNER_STOP.search(text) or text.count("“") != text.count("”") or text.count('"') % 2:
            continue  # a sentence ends inside it, or a quote is left open: a wrapped line of prose
        if k + 1 == len(texts) - 1 and not _TERMINAL.search(texts[k + 1]):
            continue  # the next line is the cut last line: this one may be its paragraph's start
        words = _WORD.findall(text)
        if not TEASER_MIN_WORDS <= len(text.split()) <= TEASER_MAX_WORDS or not words:
            continue
        if sum(1 for w in words if w[0].islower()) / len(words) >= TEASER_MIN_LOWER_RATIO:
            out.add(k)
    return out
