"""Line-level boilerplate classifier for already-scraped text (our most common input).

Each line is first turned into plain text (markdown decoration and escapes removed, :mod:`.markdown`), then
judged by a numbered cascade; the first step that decides wins:

0a. a leading capture header line (`` date YYYY-MM-DD <url>``) leaves the text; its date and url become front
   matter (:func:`.residue.capture_header`); 0b. residue glued to the end of a line (a caption's photo credit, a
   sign-off, a tweet's picture link) is cut off, the line stays (:func:`.residue.strip_inline`).
1r. page residue of scraped multi-outlet pages (:func:`.residue.line_residue`, families in
   :mod:`.residue_patterns`): lone credits, bylines and page stamps, weather, crumbs, page controls, counters,
   comment forms, related links, site names, republishing / subscription / data-protection notices. Checked
   before step 0 (a byline stamp reads like a turn, a page stamp like a date line).
1f. in an English document, a line in another language or script, unless quoted (:func:`.residue.foreign_lines`).
0. never boilerplate: blank lines, transcript turns (``SPEAKER:``, ``Q``), stage directions (``(Laughter.)``,
   ``(Via interpreter)``) and date lines are always kept.
1. hard patterns (:mod:`.patterns`): image residue, photo credits, copyright / signatures, lone URLs, spam,
   template section labels, whole-line widgets, short lines holding a widget phrase, one-line menus, a title or
   headline repeated verbatim. A real sentence (long, lower-case words, sentence punctuation) is never removed
   by a phrase: only by a whole-line pattern.
2. structural cues: link density (markdown links), symbol-only lines.
3. context: runs of short title-case items (navigation menus) at the top / bottom of the page (anywhere when
   the run is long), the block of link-like lines after a tail section label ("RELATED TOPICS", "More stories"),
   runs of teaser headlines (3c; a teaser cut short with "..." counts, and inside a run a guessed title or a
   title-case "turn" is one more teaser), and short non-sentence lines sandwiched between removed lines.
3e-3h. residue context (:func:`_residue_context`): the weather widget's city and date, a caption repeated
   without its credit, a label with a bracketed acronym above the article, an in-body teaser headline.
4. the trained model (:mod:`.model`, features in :mod:`.features`, trained by ``scripts/train_line_model.py``)
   re-judges the open lines of ``MODEL_MIN_TOKENS``+ tokens: it removes a kept line at P(boilerplate) >= its
   threshold and keeps again a line removed by a context rule (3a, 3c, 3d) or a structural cue at
   P < ``RESCUE_PROBABILITY``. Hard overrides on top of it: the headline (the title, or the first kept headline
   before the prose), upper-case speaker turns, stage directions, the first date line and real sentences of
   ``SENTENCE_GUARD_WORDS``+ words are never removed by it; hard patterns (step 1) and the block after a tail
   section label (3b) are never kept again.
5. (corpus level, in the clean stage) the outlet's learnt template lines are removed (:mod:`.template`).

Hard-wrapped text (e-mail / markdown wrapped at ~72 columns) is judged per wrapped paragraph, never per
physical line, so the short last line of a paragraph is not mistaken for a menu item. The kept text keeps its
paragraph structure (one blank line between paragraphs); removed lines are returned verbatim.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import patterns as P
from . import residue as RS
from .features import UnitFacts, token_count, unit_features
from .markdown import strip_markdown_line
from .model import LineModel, load_model

__all__ = [
    "LineVerdict", "CleanText", "classify_lines", "clean_text", "is_protected", "is_sentence", "line_features",
    "normalise_line",
]

# --- thresholds ---------------------------------------------------------------------------------------------------
SENTENCE_MIN_WORDS = 6  # fewer words rarely form a full article sentence; widgets are shorter
SENTENCE_MIN_LOWER_RATIO = 0.35  # share of lower-case words: prose has many, headlines/menus few
LONG_LINE_WORDS = 18  # this many words is prose even without final punctuation (wrapped / cut sentences)
WIDGET_MAX_WORDS = 15  # a widget phrase only condemns a line this short ("Sign up for free newsletters and ...")
STRONG_MAX_WORDS = 40  # consent / affiliate notices run to a couple of sentences
CREDIT_MAX_WORDS = 16  # photo credits are short; a longer line is a caption sentence, not a credit
COPYRIGHT_MAX_WORDS = 60  # "Copyright 2025 ... may not be published, broadcast, rewritten or redistributed."
NAV_ITEM_MAX_WORDS = 4  # menu items are one to four words ("World", "Latin America", "Terms of Use")
NAV_RUN_MIN = 4  # this many menu-like lines in a row at the top/bottom make a navigation menu
NAV_RUN_MIN_ANYWHERE = 8  # a run this long is a menu anywhere (in-article lists are rarely this long and bare)
MENU_MIN_ITEMS = 3  # "Home | World | Politics": at least three separated items make a one-line menu
MENU_ITEM_MAX_WORDS = 4  # each item of a one-line menu is short
HEADLINE_MAX_WORDS = 18  # teaser headlines after "More stories" are at most this long
TEASER_MIN_WORDS = 4  # related-story headlines have at least this many words (menu items have fewer)
TEASER_RUN_MIN = 4  # (3 lost 1.5 points of dev recall) this many headline-like lines in a row are a list of links, not article text
SANDWICH_MAX_WORDS = 8  # a short line between two removed lines belongs to the same widget block
LINK_DENSITY_MAX = 0.5  # more than half of a non-sentence line's text is link text: a link list item
TITLE_MIN_WORDS = 3  # an unknown title is guessed from the first line only when it is this long
CONTENT_MIN_WORDS = 10  # the first/last sentence of at least this many words bounds the article body
WRAP_MAX_WIDTH = 100  # hard-wrapped text has no line longer than this
WRAP_MIN_LINES = 4  # too few lines to tell a wrapping width
WRAP_FULL_SHARE = 0.5  # at least half of the lines fill the width when the text is hard-wrapped
WRAP_SLACK = 25  # a wrapped line ends at most this many characters short of the width (long next word)
MODEL_MIN_TOKENS = 4  # shorter lines (bylines, labels, inline fragments) keep the cascade's verdict: too little text
RESCUE_PROBABILITY = 0.15  # the model overrules a context rule's removal only when it is this sure of article text
# A real sentence (:func:`is_sentence`) of SENTENCE_GUARD_WORDS+ words is never removed by the model: article text
# is protected first (measured cost: 1.6 points of test line precision on cleaning_lines, no recall change).
SENTENCE_GUARD = True
SENTENCE_GUARD_WORDS = 12  # long enough to be article prose rather than a teaser headline

_MENU_REASONS = frozenset({"widget", "section-label", "links", "control", "site-name"})  # removed lines that can be menu items
RESIDUE_REASONS = frozenset({"weather", "caption", "teaser", "site-name"})  # context rules 3e-3h: never kept again by the model
_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")
_WS = re.compile(r"\s+")
_FRONT_MATTER_KEY = re.compile(r"[\w\-]+:\s*.*")
_ELLIPSIS_END = re.compile(r"\s*(?:\.{3,}|…)$")
_DECORATED = re.compile(r"\s*(?:#|\*\*|__|<)")
# a line that ends mid-phrase (a comma, "&", a lower-case function word) goes on in the next line: wrapped prose, not
# a headline (headlines are title case: "... Pour In" keeps its capital)
_DANGLING_END = re.compile(r"(?:[,&]|\b(?:the|a|an|of|to|and|or|for|with|in|on|at|by|from|as))\s*$")


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """The decision for one physical line. ``step``: the cascade step that decided (0 = protected / default)."""

    line: str  # the input line, verbatim
    text: str  # the line as plain text (markdown removed, inline residue cut off)
    keep: bool
    reason: str
    step: int
    cut: str = ""  # inline residue cut off the end of a kept line (step 0b)


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    removed: list[str]
    verdicts: list[LineVerdict] = field(default_factory=list)
    front_matter: dict[str, str] = field(default_factory=dict)


def normalise_line(text: str) -> str:
    """Lower case, straight quotes, single spaces, no surrounding punctuation: for equality tests."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _WS.sub(" ", text).strip(" \t\"'.:;,!?-–—|").lower()


LINE_CACHE = 4096  # distinct lines whose words and prose verdict are kept: one page's lines, judged by several steps
# of the cascade and again by the outlet templates (60 pages: ~3,800 distinct lines, 16,000 look-ups)


@functools.lru_cache(maxsize=LINE_CACHE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@functools.lru_cache(maxsize=LINE_CACHE)
def is_sentence(text: str) -> bool:
    """Prose: enough words, many of them lower case, and sentence punctuation (or simply long)."""
    words = _words(text)
    if len(words) < SENTENCE_MIN_WORDS:
        return False
    lower = sum(1 for w in words if w[0].islower())
    if lower / len(words) < SENTENCE_MIN_LOWER_RATIO:
        return False
    return bool(P.TERMINAL_PUNCTUATION.search(text)) or len(words) >= LONG_LINE_WORDS


def is_protected(text: str) -> bool:
    """A line never judged boilerplate: a speaker turn, a stage direction or a date line."""
    return bool(P.SPEAKER_TURN.fullmatch(text) or P.STAGE_DIRECTION.fullmatch(text) or P.DATE_LINE.fullmatch(text))


def _is_title_case(words: Sequence[str]) -> bool:
    major = [w for w in words if w.lower() not in P.MINOR_WORDS]
    return bool(major) and all(w[0].isupper() or w[0].isdigit() for w in major)


def _nav_like(text: str) -> bool:
    """A menu item: 1-4 title-case / upper-case words, no sentence punctuation."""
    words = _words(text)
    if not words or len(text.split()) > NAV_ITEM_MAX_WORDS or P.TERMINAL_PUNCTUATION.search(text.rstrip(":")):
        return False
    return _is_title_case(words) and not is_protected(text)


def _headline_like(text: str) -> bool:
    """A teaser / link line: no final punctuation, not too long, starts with a capital or digit."""
    words = _words(text)
    return (
        bool(words)
        and len(text.split()) <= HEADLINE_MAX_WORDS
        and not P.TERMINAL_PUNCTUATION.search(text)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘")
    )


_PHRASE_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _contains_phrase(low: str, phrases: tuple[str, ...]) -> bool:
    """A phrase on word boundaries: a plain substring test first, then one compiled alternation (speed)."""
    if not any(p in low for p in phrases):
        return False
    pattern = _PHRASE_PATTERNS.get(phrases)
    if pattern is None:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")
        _PHRASE_PATTERNS[phrases] = pattern
    return bool(pattern.search(low))


@dataclass(slots=True)
class _Unit:
    """One logical line: a physical line, or a hard-wrapped paragraph (several physical lines)."""

    indexes: list[int]
    text: str
    link_chars: int = 0
    blank: bool = False
    image_only: bool = False
    reference: bool = False
    bullet: bool = False
    keep: bool = True
    reason: str = "text"
    step: int = 0
    residue: str | None = None  # the residue family (step 1r) once computed; "" for none


def _wrap_width(texts: Sequence[str]) -> int | None:
    lengths = [len(t) for t in texts if t.strip()]
    if len(lengths) < WRAP_MIN_LINES or max(lengths) > WRAP_MAX_WIDTH:
        return None
    width = max(lengths)
    full = sum(1 for n in lengths if n >= width - WRAP_SLACK)
    return width if full / len(lengths) >= WRAP_FULL_SHARE else None


def _front_matter(lines: Sequence[str]) -> int:
    """Number of leading lines that form a YAML front-matter block (``---`` ... ``---``), else 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, min(len(lines), 80)):
        if lines[i].strip() in ("---", "..."):
            return i + 1
        if lines[i].strip() and not (_FRONT_MATTER_KEY.fullmatch(lines[i].strip()) or lines[i][:1].isspace()):
            return 0
    return 0


def _units(lines: Sequence[str], markdown: bool) -> tuple[list[_Unit], list[str], list[str]]:
    converted = []
    for line in lines:
        if markdown:
            md = strip_markdown_line(line)
            converted.append((md.text, md.separator, md.image_only, md.link_chars, md.reference, md.bullet))
        else:
            converted.append((line.strip(), False, False, 0, False, False))
    texts = [_WS.sub(" ", c[0]).strip() for c in converted]
    cuts = [""] * len(texts)
    for i, text in enumerate(texts):  # 0b. residue glued to the end of a line
        texts[i], cuts[i] = RS.strip_inline(text)
    width = _wrap_width([line.rstrip() for line in lines])
    units: list[_Unit] = []
    for i, (_, separator, image_only, link_chars, reference, bullet) in enumerate(converted):
        text = texts[i]
        blank = not text and not image_only and not reference
        prev = units[-1] if units else None
        if (
            width is not None
            and prev is not None
            and not blank
            and not prev.blank
            and len(lines[prev.indexes[-1]].rstrip()) >= width - WRAP_SLACK
            and not is_protected(text)  # a turn, stage direction or date line starts its own unit
        ):
            prev.indexes.append(i)
            prev.text = f"{prev.text} {text}"
            prev.link_chars += link_chars
            continue
        units.append(_Unit([i], text, link_chars, blank or separator, image_only, reference, bullet))
    return units, texts, cuts


def _residue(unit: _Unit) -> str | None:
    """1r. a residue family of scraped pages (:func:`.residue.line_residue`), computed once per unit."""
    if unit.residue is None:
        unit.residue = RS.line_residue(unit.text, sentence=is_sentence(unit.text)) or "" if unit.text else ""
    return unit.residue or None


def _continues(lines: Sequence[str], i: int) -> bool:
    """Line ``i`` continues the line above (indented, or the line above ends without sentence punctuation): a
    wrapped tail ("Director of Research,\n    ACRONYM", "can be found at\n<url>."), not a line of its own."""
    if lines[i][:1].isspace():
        return True
    above = lines[i - 1].strip() if i > 0 else ""
    return bool(above) and not P.TERMINAL_PUNCTUATION.search(above)


def _step1(unit: _Unit, spam_ok: bool) -> tuple[str, bool] | None:
    """Hard patterns. Returns (reason, starts_tail_section) or None."""
    text = unit.text
    low = text.lower()
    n_words = len(text.split())
    sentence = is_sentence(text)
    norm = normalise_line(text)
    if residue := _residue(unit):
        return residue, residue == "site-name" and norm in P.TAIL_SECTION_LABELS
    if unit.image_only or P.IMAGE_FILE_LINE.fullmatch(text) or P.IMAGE_RESIDUE_LINE.fullmatch(text):
        return "image", False
    if unit.reference:
        return "url", False
    if n_words <= CREDIT_MAX_WORDS and P.PHOTO_CREDIT_LINE.fullmatch(text):
        return "credit", False
    if n_words <= COPYRIGHT_MAX_WORDS and P.COPYRIGHT_START.match(text):
        return "copyright", False
    if P.SIGNATURE_LINE.fullmatch(text):
        return "signature", False
    if spam_ok:
        return "spam", False
    if norm in P.SECTION_LABELS:
        return "section-label", norm in P.TAIL_SECTION_LABELS
    if P.WIDGET_LINE.fullmatch(text):
        return "widget", False
    if n_words <= STRONG_MAX_WORDS and _contains_phrase(low, P.STRONG_PHRASES):
        return "widget", False
    if not sentence and n_words <= WIDGET_MAX_WORDS and _contains_phrase(low, P.WIDGET_PHRASES):
        return "widget", False
    items = [s for s in P.MENU_SEPARATORS.split(text) if s.strip()]
    if (
        not sentence
        and not text.startswith("|")  # a table row, not a menu
        and len(items) >= MENU_MIN_ITEMS
        and all(len(s.split()) <= MENU_ITEM_MAX_WORDS for s in items)
    ):
        return "menu", False
    return None


def _cascade(
    lines: Sequence[str], title: str | None, markdown: bool, teasers: bool
) -> tuple[list[_Unit], list[str], str | None, list[str]]:
    """Steps 0-3 of the cascade: the units (with their verdicts), the plain texts, the (guessed) title, the inline
    residue cut off each line."""
    units, texts, cuts = _units(lines, markdown)
    for unit in units:  # 1r once per unit; a lone name / url that continues the line above is a wrapped tail, kept
        if _residue(unit) in ("site-name", "url") and _continues(lines, unit.indexes[0]):
            unit.residue = ""
        elif unit.residue == "url" and not teasers:
            unit.residue = ""  # text an extractor cut down to the article: a url paragraph there is the article's
    title_norm = normalise_line(title) if title else None
    # Spam words that also occur in other lines belong to the article's topic (a story about casinos).
    spam_ok: set[int] = set()
    lowered = [u.text.lower() for u in units]
    for i, unit in enumerate(units):
        hits = {m.group(0).lower() for m in P.SPAM_WORD.finditer(unit.text)} if len(unit.text) <= P.SPAM_MAX_CHARS else set()
        if hits and not any(h in lowered[j] for h in hits for j in range(len(units)) if j != i):
            spam_ok.add(i)
    if not title_norm:  # unknown title: the first line, when it looks like a headline, plays its part
        first = next((u for u in units if not u.blank and _step1(u, False) is None), None)
        if (
            first is not None
            and _headline_like(first.text)
            and len(first.text.split()) >= TITLE_MIN_WORDS
            and not RS.head_labels([first.text], 1)  # a site / section label, not the headline
        ):
            title_norm = normalise_line(first.text)

    # 1r + 1f. page residue (before protection: bylines look like turns, stamps like date lines) and lines in
    # another language than the document's.
    foreign = RS.foreign_lines([u.text if not u.blank else "" for u in units])
    # 0 + 1. protected lines, then hard patterns (the first copy of the title is the headline: kept).
    title_seen = False
    tail_starts: list[int] = []
    for i, unit in enumerate(units):
        if unit.blank:
            unit.reason = "blank"
            continue
        if residue := _residue(unit):
            unit.keep, unit.reason, unit.step = False, residue, 1
            continue
        if i in foreign:
            unit.keep, unit.reason, unit.step = False, "foreign", 1
            continue
        if is_protected(unit.text):
            unit.reason = "protected"
            continue
        if title_norm and normalise_line(unit.text) == title_norm:
            if title_seen:
                unit.keep, unit.reason, unit.step = False, "repeat", 1
            else:
                title_seen, unit.reason = True, "title"
            continue
        hit = _step1(unit, i in spam_ok)
        if hit:
            unit.keep, unit.reason, unit.step = False, hit[0], 1
            if hit[1]:
                tail_starts.append(i)

    # 2. structural cues.
    for unit in units:
        if unit.blank or not unit.keep or unit.reason == "protected":
            continue
        text = unit.text
        if unit.link_chars and unit.link_chars / max(1, len(text)) > LINK_DENSITY_MAX and not is_sentence(text):
            unit.keep, unit.reason, unit.step = False, "links", 2
        elif not re.search(r"\w", text):
            unit.keep, unit.reason, unit.step = False, "symbols", 2

    # 3. context.
    _context(units, tail_starts, teasers, guessed_title=not title)
    _residue_context(units, teasers, cuts, lines)
    return units, texts, title_norm, cuts


def _residue_context(units: list[_Unit], teasers: bool, cuts: Sequence[str], lines: Sequence[str]) -> None:
    """3e-3h (:mod:`.residue`): the weather widget's neighbours, caption copies, labels above the article,
    in-body teasers (scraped pages only, ``teasers``). Hard like step 1: the model never keeps them again."""
    idx = [i for i, u in enumerate(units) if not u.blank]
    texts = [units[i].text for i in idx]
    weather = [k for k, i in enumerate(idx) if units[i].reason == "weather"]
    dates = [bool(P.DATE_LINE.fullmatch(t)) for t in texts]
    for k in RS.weather_neighbours(texts, weather, dates):
        if units[idx[k]].keep:
            units[idx[k]].keep, units[idx[k]].reason, units[idx[k]].step = False, "weather", 3
    captions = [k for k, i in enumerate(idx) if any(RS.is_credit(cuts[j]) for j in units[i].indexes)]
    for k in RS.caption_copies(texts, captions):
        if units[idx[k]].keep and units[idx[k]].reason != "protected":
            units[idx[k]].keep, units[idx[k]].reason, units[idx[k]].step = False, "caption", 3
    prose = [units[i].keep and is_sentence(t) and bool(P.TERMINAL_PUNCTUATION.search(t)) for i, t in zip(idx, texts, strict=True)]
    content_start = next((k for k, t in enumerate(texts) if prose[k] and len(_words(t)) >= CONTENT_MIN_WORDS), len(texts))
    for k in RS.head_labels(texts, content_start):
        if units[idx[k]].keep and units[idx[k]].reason not in ("protected", "title"):
            units[idx[k]].keep, units[idx[k]].reason, units[idx[k]].step = False, "site-name", 3
    if not teasers:
        return
    open_ = [units[i].keep and units[i].reason not in ("protected", "title") for i in idx]
    alone = [
        (i == 0 or units[i - 1].blank)
        and (i + 1 == len(units) or units[i + 1].blank)
        and not units[i].bullet
        and len(units[i].indexes) == 1  # a hard-wrapped paragraph is prose, a headline is one line
        and not _DECORATED.match(lines[units[i].indexes[0]])  # a bold / heading line is the article's sub-head
        for i in idx
    ]
    for k in RS.inline_teasers(texts, prose, open_, alone):
        units[idx[k]].keep, units[idx[k]].reason, units[idx[k]].step = False, "teaser", 3


def classify_lines(
    lines: Sequence[str],
    *,
    title: str | None = None,
    markdown: bool = True,
    teasers: bool = True,
    use_model: bool | None = None,
    model: LineModel | None = None,
) -> list[LineVerdict]:
    """Judge every line (see the module docstring for the cascade).

    ``teasers=False`` skips step 3c (runs of teaser headlines): for text an extractor has already cut down to
    the article, where such runs are in-article lists. ``use_model=False`` skips step 4 (the trained model);
    by default (None) it runs unless ``teasers=False``: the model learnt whole scraped pages, and on text an
    extractor already cut down it only lost words (extraction_html F1 0.9605 with it, 0.9610 without).
    ``model`` replaces the packaged model (:func:`.model.load_model`).
    """
    lines = [line.rstrip("\r\n") for line in lines]
    if use_model is None:
        use_model = teasers
    units, texts, title_norm, cuts = _cascade(lines, title, markdown, teasers)
    # 4. the trained model re-judges the open cases (see :func:`_model_step`).
    if use_model and model is None:
        model = load_model()
    if use_model and model is not None:
        _model_step(units, title_norm, model)

    verdicts: list[LineVerdict] = []
    by_line: dict[int, _Unit] = {i: u for u in units for i in u.indexes}
    for i, line in enumerate(lines):
        unit = by_line[i]
        reason = "blank" if unit.blank else unit.reason
        verdicts.append(LineVerdict(line, texts[i], unit.keep, reason, unit.step, cuts[i] if unit.keep else ""))
    return verdicts


def _hard_protected(text: str, dateline: bool) -> bool:
    """Article text the model may never remove: upper-case speaker turns, stage directions, the dateline.

    Title-case "turns" ("Deal Alert: Save $50", "Tennis Podcast: ...") are kept by the cascade but judged by the
    model: on scraped pages most of them are headlines of other stories. Only the FIRST date line is the
    article's dateline (``dateline``); later ones are time stamps of teasers and comments (dev half: 28 of 48
    later date lines were boilerplate), judged by the model.
    """
    return bool(P.SPEAKER_TURN_UPPER.fullmatch(text) or P.STAGE_DIRECTION.fullmatch(text) or dateline)


def _first_dateline(units: list[_Unit], idx: list[int]) -> int | None:
    return next((i for i in idx if P.DATE_LINE.fullmatch(units[i].text)), None)


def _facts(units: list[_Unit]) -> tuple[list[int], list[UnitFacts]]:
    """Indexes of the non-blank units and what the cascade knows about each."""
    idx = [i for i, u in enumerate(units) if not u.blank]
    facts = [
        UnitFacts(
            text=units[i].text,
            sentence=is_sentence(units[i].text),
            headline=_headline_like(units[i].text),
            nav=_nav_like(units[i].text),
            keep=units[i].keep,
            step=units[i].step,
            reason=units[i].reason,
            link_chars=units[i].link_chars,
            bullet=units[i].bullet,
            protected=units[i].reason == "protected",
            title=units[i].reason == "title",
        )
        for i in idx
    ]
    return idx, facts


def _model_open(unit: _Unit, facts: UnitFacts, dateline: bool) -> bool:
    """Step 4 judges a unit unless a hard rule decided it (see :func:`_model_step`)."""
    hard = not unit.keep and (unit.step == 1 or unit.reason in RESIDUE_REASONS or unit.reason == "teasers-cut")
    if unit.reason in ("title", "section") or hard or _hard_protected(unit.text, dateline):
        return False
    if token_count(unit.text) < MODEL_MIN_TOKENS:
        return False
    return not (SENTENCE_GUARD and facts.sentence and len(_words(unit.text)) >= SENTENCE_GUARD_WORDS)


def _guess_headline(units: list[_Unit], idx: list[int], facts: list[UnitFacts]) -> None:
    """No title known: the first kept headline before the prose is the headline (marked "title", never judged)."""
    for i, f in zip(idx, facts, strict=True):
        if f.sentence and len(_words(f.text)) >= CONTENT_MIN_WORDS:
            return
        if f.keep and f.headline and len(f.text.split()) >= TITLE_MIN_WORDS and not f.protected:
            units[i].reason = "title"
            return


def _model_step(units: list[_Unit], title_norm: str | None, model: LineModel) -> None:
    """4. the trained model (:mod:`.model`) decides the open units: not the title, not removed by a hard pattern
    (step 1) or after a tail section label (step 3b), not a protected turn / stage direction / dateline, at least
    ``MODEL_MIN_TOKENS`` tokens. A line the cascade kept is removed at ``P >= model.threshold``; a line the
    context rules removed (menus, teaser runs, sandwiches) is kept again only at ``P < RESCUE_PROBABILITY``."""
    idx, facts = _facts(units)
    if not title_norm:
        _guess_headline(units, idx, facts)
    first_date = _first_dateline(units, idx)
    # Only the open units need a probability (stage 2 on them alone); none open: the model is not run at all.
    open_ = [k for k, (i, f) in enumerate(zip(idx, facts, strict=True)) if _model_open(units[i], f, i == first_date)]
    if not open_:
        return
    probs = model.probabilities_of(unit_features(facts, title_norm), open_)
    for k, p in zip(open_, probs, strict=True):
        unit = units[idx[k]]
        keep = p < model.threshold if unit.keep else p < RESCUE_PROBABILITY
        if keep != unit.keep:
            unit.keep, unit.reason, unit.step = keep, "model" if not keep else "model-kept", 4


def line_features(
    lines: Sequence[str], *, title: str | None = None, markdown: bool = True, teasers: bool = True
) -> list[tuple[list[int], list[float], bool]]:
    """For training: per non-blank unit, its physical line indexes, its features and whether step 4 judges it."""
    lines = [line.rstrip("\r\n") for line in lines]
    units, _, title_norm, _ = _cascade(lines, title, markdown, teasers)
    idx, facts = _facts(units)
    rows = unit_features(facts, title_norm)
    if not title_norm:
        _guess_headline(units, idx, facts)
    first_date = _first_dateline(units, idx)
    return [
        (units[i].indexes, r, _model_open(units[i], f, i == first_date))
        for i, f, r in zip(idx, facts, rows, strict=True)
    ]


def _teaser_like(text: str) -> bool:
    """A teaser headline, also one the site cut short with an ellipsis ("... This Week....")."""
    if _headline_like(text):
        return True
    return bool(_ELLIPSIS_END.search(text)) and _headline_like(_ELLIPSIS_END.sub("", text))


def _joins_run(unit: _Unit, run: list[int], guessed_title: bool) -> bool:
    """Inside a run of teasers (``run`` started), a guessed title or a title-case "turn" ("Topic Words: Rest Of
    Headline") is one more teaser; upper-case turns, stage directions and date lines never are."""
    if not run:
        return False
    if unit.reason == "title":
        return guessed_title
    return (
        unit.reason == "protected"
        and not P.SPEAKER_TURN_UPPER.fullmatch(unit.text)
        and not P.STAGE_DIRECTION.fullmatch(unit.text)
        and not P.DATE_LINE.fullmatch(unit.text)
    )


def _remove_teasers(units: list[_Unit], run: list[int]) -> None:
    """3c. a run of at least ``TEASER_RUN_MIN`` teasers goes; one holding a headline the site cut short ("...") is a
    link list beyond doubt (article text is never cut mid-line): the model never keeps it again ("teasers-cut")."""
    if len(run) < TEASER_RUN_MIN:
        return
    reason = "teasers-cut" if any(_ELLIPSIS_END.search(units[j].text) for j in run) else "teasers"
    for j in run:
        units[j].keep, units[j].reason, units[j].step = False, reason, 3


def _context(units: list[_Unit], tail_starts: list[int], teasers: bool, guessed_title: bool = False) -> None:
    content = [
        i
        for i, u in enumerate(units)
        if u.keep and not u.blank and is_sentence(u.text) and len(_words(u.text)) >= CONTENT_MIN_WORDS
    ]
    first, last = (content[0], content[-1]) if content else (len(units), -1)

    # 3a. navigation menus: runs of menu-like lines (blank lines and removed lines do not break a run).
    run: list[int] = []

    def close_run() -> None:
        if not run:
            return
        at_edge = run[-1] < first or run[0] > last
        if len(run) >= NAV_RUN_MIN_ANYWHERE or (at_edge and len(run) >= NAV_RUN_MIN):
            for j in (j for j in run if units[j].keep):
                units[j].keep, units[j].reason, units[j].step = False, "nav", 3
        run.clear()

    for i, unit in enumerate(units):
        if unit.blank:
            continue
        if not unit.keep and unit.reason in _MENU_REASONS and len(unit.text.split()) <= NAV_ITEM_MAX_WORDS:
            run.append(i)  # a removed widget ("Home", "Opinion") is one more item of the same menu
        elif unit.keep and unit.reason not in ("protected", "title") and _nav_like(unit.text):
            run.append(i)
        else:
            close_run()
    close_run()

    # 3b. after a tail section label: the link / tag / name lines that follow it, up to the next prose.
    for start in tail_starts:
        for j in range(start + 1, len(units)):
            unit = units[j]
            if unit.blank or not unit.keep:
                continue
            if unit.reason == "protected" or is_sentence(unit.text) or not _headline_like(unit.text):
                break
            unit.keep, unit.reason, unit.step = False, "section", 3

    # 3c. runs of teaser headlines (related-story lists): several headline-like lines in a row; short labels
    # between them ("Politics", "2 hours ago") do not break the run. Plain list items in the text are exempt, and
    # so is a line that ends mid-phrase (wrapped prose whose wrapping width was not detected).
    run = []
    for i, unit in enumerate(units if teasers else []):
        if unit.blank or (not unit.keep and unit.step):
            continue
        words = len(unit.text.split())
        teaser = (
            unit.keep
            and (unit.reason not in ("protected", "title") or _joins_run(unit, run, guessed_title))
            and not (unit.bullet and not unit.link_chars)
            and _teaser_like(unit.text)
            and not _DANGLING_END.search(unit.text)
        )
        if teaser and words >= TEASER_MIN_WORDS:
            run.append(i)
        elif teaser and words < TEASER_MIN_WORDS:
            continue  # a label between teasers
        else:
            _remove_teasers(units, run)
            run = []
    _remove_teasers(units, run)

    # 3d. short non-sentence lines sandwiched between removed lines.
    nonblank = [i for i, u in enumerate(units) if not u.blank]
    for k in range(1, len(nonblank) - 1):
        unit = units[nonblank[k]]
        before, after = units[nonblank[k - 1]], units[nonblank[k + 1]]
        if (
            unit.keep
            and unit.reason not in ("protected", "title")
            and not before.keep
            and not after.keep
            and len(unit.text.split()) <= SANDWICH_MAX_WORDS
            and not is_sentence(unit.text)
        ):
            unit.keep, unit.reason, unit.step = False, "sandwich", 3


def clean_text(
    text: str,
    *,
    title: str | None = None,
    markdown: bool = True,
    teasers: bool = True,
    use_model: bool | None = None,
    model: LineModel | None = None,
) -> CleanText:
    """Remove boilerplate lines; keep paragraphs separated by one blank line; removed lines verbatim."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    removed: list[str] = []
    front: dict[str, str] = {}
    header = RS.capture_header(lines)  # 0a. a capture header line: its date / url become front matter
    if header.front_matter:
        lines, front = header.lines, dict(header.front_matter)
        removed.extend([*RS.header_front_matter_lines(front), *header.removed])
    skip = _front_matter(lines) if markdown else 0
    if skip:
        for line in lines[1 : skip - 1]:
            key, _, value = line.partition(":")
            if key.strip() and not line[:1].isspace():
                front[key.strip()] = value.strip().strip("'\"")
        removed.extend(lines[:skip])
        lines = lines[skip:]
    verdicts = classify_lines(
        lines, title=title or front.get("title"), markdown=markdown, teasers=teasers, use_model=use_model, model=model
    )
    dated = any(v.keep and P.DATE_LINE.fullmatch(v.text) for v in verdicts)  # the text still shows a date line
    if "date" not in front and not dated and (
        stamp := RS.page_stamp_date([(v.text, v.reason) if not v.keep else (v.cut, "stamp") for v in verdicts])
    ):
        front["date"] = stamp  # the page's own date stamp was removed: the metadata stage reads it from here
        removed[:0] = RS.header_front_matter_lines(front) if not skip else []
    out: list[str] = []
    pending_break = False
    for v in verdicts:
        if not v.keep:
            removed.append(v.line)
            continue
        if v.reason == "blank":
            pending_break = bool(out)
            continue
        if pending_break:
            out.append("")
            pending_break = False
        out.append(v.text)
        if v.cut:
            removed.append(v.cut)
    return CleanText("\n".join(out), removed, verdicts, front)
