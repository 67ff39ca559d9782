"""Readable per-line features for the trained boilerplate model (:mod:`.model`), text only (no markup).

The line classifier (:mod:`.lines`) first runs its rule cascade; each logical line (unit) is then described by
the facts below, computed from its own text, its neighbours and the whole document. The rule cascade's verdicts
are features too, so the model learns when to trust them. Every feature is a float; :data:`FEATURE_NAMES` fixes
their order (the weights file stores the names and :mod:`.model` refuses a file whose names differ).

Feature groups:

1. the line itself: length, final punctuation, capitalised / upper-case / stop-word / digit / symbol shares,
   sentence / headline / menu-item shape, link share, list bullet;
2. the rule cascade: removed at step 1 / 2 / 3, which context rule, protected, title;
3. the document: similarity to the title, repeated elsewhere, share of its words found in the document's prose;
4. position: relative index and character offset, inside the span of prose, inside / distance to the main
   block of prose (maximum-sum segment, as in body-text extraction);
5. neighbours: length / sentence shape / cascade verdict of the two lines before and after, the run of short
   lines around the line, the density of prose and of removed lines in a window.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import patterns as P

__all__ = ["UnitFacts", "FEATURE_NAMES", "unit_features", "token_count"]

CONTENT_MIN_WORDS = 10  # a sentence of at least this many words is article prose (bounds the prose span)
SHORT_LINE_WORDS = 6  # lines shorter than this form "runs of short lines" (menus, link lists, fragments)
BLOCK_PENALTY = 3.0  # main-block search: each non-prose line costs this many words of prose
NEAR_WINDOW = 3  # lines each side for the near density features
FAR_WINDOW = 12  # lines each side for the far density features
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)  # neighbour lines described one by one
REPEAT_CAP = 5  # repeats beyond this add nothing
_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")
_TOKEN = re.compile(r"\w+")
_FINAL_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")
_SITE_SUFFIX = re.compile(r"\s[|\-–—:]\s\S.{0,40}$")  # "Headline - WSJ", "Title | Site Name"


@dataclass(frozen=True, slots=True)
class UnitFacts:
    """What the rule cascade knows about one non-blank unit (computed in :mod:`.lines`)."""

    text: str
    sentence: bool
    headline: bool
    nav: bool
    keep: bool
    step: int
    reason: str
    link_chars: int
    bullet: bool
    protected: bool
    title: bool


_OWN = [
    "log_words", "log_chars", "log_tokens", "final_stop", "final_colon", "final_other", "cap_share", "upper_share",
    "stop_share", "digit_share", "symbol_share", "starts_lower", "starts_other", "comma_rate", "sentence",
    "headline", "nav", "link_share", "bullet", "site_suffix", "quote_marks",
]
_CASCADE = [
    "c_step1", "c_step2", "c_step3", "c_teasers", "c_nav", "c_section", "c_sandwich", "c_protected", "c_title",
]
_DOC = ["title_sim", "repeats", "topic_overlap", "doc_log_units", "doc_sentence_share"]
_POS = ["rel_index", "rel_char", "in_prose_span", "in_main_block", "main_block_dist"]
_NEIGH = [
    f"n{o:+d}_{k}" for o in NEIGHBOUR_OFFSETS for k in ("log_words", "sentence", "removed", "final_stop")
] + ["short_run", "prose_near", "prose_far", "removed_near", "removed_far"]
FEATURE_NAMES: tuple[str, ...] = tuple(_OWN + _CASCADE + _DOC + _POS + _NEIGH)


def token_count(text: str) -> int:
    """``\\w+`` tokens, as the benchmark scores lines."""
    return len(_TOKEN.findall(text))


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 3 and w.lower() not in P.STOPWORDS}


def _main_block(scores: Sequence[float]) -> tuple[int, int]:
    """Maximum-sum segment ``[start, end]`` (inclusive); (0, -1) when no segment scores above zero."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _window_share(values: Sequence[float], weights: Sequence[float], i: int, radius: int) -> float:
    lo, hi = max(0, i - radius), min(len(values), i + radius + 1)
    den = sum(weights[lo:hi])
    return sum(v * w for v, w in zip(values[lo:hi], weights[lo:hi], strict=True)) / den if den else 0.0


def unit_features(units: Sequence[UnitFacts], title_norm: str | None) -> list[list[float]]:
    """One feature vector (ordered as :data:`FEATURE_NAMES`) per unit; ``units`` are the non-blank units in order."""
    n = len(units)
    if not n:
        return []
    words = [_WORD.findall(u.text) for u in units]
    n_words = [len(u.text.split()) for u in units]
    chars = [len(u.text) for u in units]
    total_chars = max(1, sum(chars))
    norm = [re.sub(r"\W+", " ", u.text.lower()).strip() for u in units]
    repeats = Counter(norm)
    prose = [u.sentence and n_words[i] >= CONTENT_MIN_WORDS for i, u in enumerate(units)]
    prose_idx = [i for i, p in enumerate(prose) if p]
    first, last = (prose_idx[0], prose_idx[-1]) if prose_idx else (n, -1)
    block = _main_block([float(n_words[i]) if units[i].sentence else -BLOCK_PENALTY for i in range(n)])
    # Document vocabulary of prose lines (counted per line so a line's own words can be taken out again).
    vocab: Counter[str] = Counter()
    content = [_content_words(u.text) for u in units]
    for i in prose_idx:
        vocab.update(content[i])
    title_words = _content_words(title_norm) if title_norm else set()
    removed = [0.0 if u.keep else 1.0 for u in units]
    is_prose = [1.0 if u.sentence else 0.0 for u in units]
    ones = [1.0] * n
    short = [k < SHORT_LINE_WORDS for k in n_words]
    run_len = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            run_len[k] = j - i
        i = j + 1 if j == i else j
    sentence_share = sum(is_prose) / n
    before = 0
    rows: list[list[float]] = []
    for i, u in enumerate(units):
        text, ws = u.text, words[i]
        nw = max(1, len(ws))
        majors = [w for w in ws if w.lower() not in P.MINOR_WORDS]
        own_content = content[i]
        others = {w for w in own_content if vocab[w] - (1 if prose[i] else 0) > 0}
        stripped = text.rstrip("\"'”’)]")
        row = [
            math.log1p(n_words[i]),
            math.log1p(chars[i]),
            math.log1p(token_count(text)),
            1.0 if _FINAL_STOP.search(text) else 0.0,
            1.0 if stripped.endswith(":") else 0.0,
            1.0 if stripped[-1:] in {",", ";", "-", "–", "—", "|", "/", "»", "›"} else 0.0,
            sum(1 for w in majors if w[0].isupper()) / max(1, len(majors)),
            sum(1 for w in ws if len(w) > 1 and w.isupper()) / nw,
            sum(1 for w in ws if w.lower() in P.STOPWORDS) / nw,
            sum(c.isdigit() for c in text) / max(1, chars[i]),
            sum(not c.isalnum() and not c.isspace() for c in text) / max(1, chars[i]),
            1.0 if text[:1].islower() else 0.0,
            1.0 if text[:1] and not text[:1].isalnum() else 0.0,
            text.count(",") / nw,
            float(u.sentence),
            float(u.headline),
            float(u.nav),
            u.link_chars / max(1, chars[i]),
            float(u.bullet),
            1.0 if _SITE_SUFFIX.search(text) else 0.0,
            1.0 if any(q in text for q in "\"“”") else 0.0,
            # cascade
            1.0 if not u.keep and u.step == 1 else 0.0,
            1.0 if not u.keep and u.step == 2 else 0.0,
            1.0 if not u.keep and u.step == 3 else 0.0,
            1.0 if u.reason in ("teasers", "teasers-cut") else 0.0,
            1.0 if u.reason == "nav" else 0.0,
            1.0 if u.reason == "section" else 0.0,
            1.0 if u.reason == "sandwich" else 0.0,
            float(u.protected),
            float(u.title),
            # document
            len(own_content & title_words) / max(1, len(own_content | title_words)) if title_words else 0.0,
            float(min(REPEAT_CAP, repeats[norm[i]] - 1)),
            len(others) / len(own_content) if own_content else 0.0,
            math.log1p(n),
            sentence_share,
            # position
            i / n,
            before / total_chars,
            1.0 if first <= i <= last else 0.0,
            1.0 if block[0] <= i <= block[1] else 0.0,
            math.log1p(max(0, block[0] - i, i - block[1])) if block[1] >= 0 else math.log1p(n),
        ]
        for o in NEIGHBOUR_OFFSETS:
            j = i + o
            if 0 <= j < n:
                row += [math.log1p(n_words[j]), is_prose[j], removed[j], 1.0 if _FINAL_STOP.search(units[j].text) else 0.0]
            else:
                row += [0.0, 0.0, 1.0, 0.0]  # the edge of the page behaves like removed boilerplate
        row += [
            math.log1p(run_len[i]),
            _window_share(is_prose, chars, i, NEAR_WINDOW),
            _window_share(is_prose, chars, i, FAR_WINDOW),
            _window_share(removed, ones, i, NEAR_WINDOW),
            _window_share(removed, ones, i, FAR_WINDOW),
        ]
        rows.append(row)
        before += chars[i]
    return rows
