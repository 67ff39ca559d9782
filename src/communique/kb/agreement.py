"""Cross-source comparison of one story: what each source reports, where quotes and figures differ.

Cascade of :func:`compare_story`:
1. Sources: the story's documents, in publication order; the events each holds in the story (its lead event when
   the story lists none).
2. Facts per source: participants (spellings of one person merged: "Báez" = "Lucía Báez"), date, place, topics.
   A fact value is listed with the sources that report it; dates and places reported differently are disagreements.
3. Quotes: quotes of one speaker (names matched as in the timeline) from two sources are compared with rapidfuzz on
   normalised text: ratio >= :data:`QUOTE_SAME_RATIO` is the same wording, >= :data:`QUOTE_VARIANT_RATIO` a variant
   (a translation or an edit), a short quote found whole inside a longer one an excerpt; lower ratios are different
   statements and are not paired.
4. Numeric claims with the same unit and ``about`` subject from two sources: a different ``as_of`` (a figure without
   one is taken as of its document's publication) means the figures merely differ in time; the same period and values
   apart by more than rounding (or by more than :data:`APPROXIMATE_TOLERANCE` when one is approximate) is a conflict;
   otherwise they agree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Claim, Document, Event, Quote
from .match import actor_matches, normalize_name
from .stories import Story, dates_compatible, lead_event

__all__ = [
    "Comparison",
    "SourceFacts",
    "FactValue",
    "QuotePair",
    "ClaimPair",
    "compare_story",
    "quote_relation",
    "claims_relation",
    "values_agree",
    "written_step",
    "QUOTE_SAME_RATIO",
    "QUOTE_VARIANT_RATIO",
    "APPROXIMATE_TOLERANCE",
]

QUOTE_SAME_RATIO = 95.0  # at or above: the same words (punctuation, a typo, a dropped article)
QUOTE_VARIANT_RATIO = 60.0  # at or above: the same statement worded differently (translation variants, edits)
EXCERPT_PARTIAL_RATIO = 95.0  # a shorter quote matching this well inside a longer one is an excerpt of it
EXCERPT_MIN_CHARS = 20  # shorter fragments ("very good") match inside anything: never an excerpt
APPROXIMATE_TOLERANCE = 0.10  # "about", "over", "under", "nearly" figures: within 10% is the same figure
APPROXIMATE_QUALIFIERS = frozenset({"about", "over", "under"})  # Claim.qualifier values that make a figure approximate
FLOAT_EPSILON = 1e-9  # relative: differences below this are float noise

_NUMBER = re.compile(r"\d[\d,]*(?:\.(?P<dec>\d+))?")


@dataclass(frozen=True, slots=True)
class FactValue:
    """One value of a fact (a participant, a date, a place, a topic) and the sources that report it."""

    value: str
    docs: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "docs": list(self.docs)}


@dataclass(slots=True)
class SourceFacts:
    """What one source reports about the story's event."""

    doc: str
    publisher: str | None
    published: str | None
    kind: str
    participants: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    events: list[int] = field(default_factory=list)
    place_is_country: bool = False  # "Malta" beside "Valletta" is no disagreement about the place

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "publisher": self.publisher,
            "published": self.published,
            "kind": self.kind,
            "participants": list(self.participants),
            "date": self.date,
            "place": self.place,
            "topics": list(self.topics),
            "events": list(self.events),
        }


@dataclass(frozen=True, slots=True)
class QuotePair:
    """Two sources' renderings of one speaker's words: ``relation`` is same / variant / excerpt."""

    speaker: str
    relation: str
    ratio: float
    a_doc: str
    a_start: int
    a_end: int
    a_text: str
    b_doc: str
    b_start: int
    b_end: int
    b_text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "relation": self.relation,
            "ratio": round(self.ratio, 1),
            "a": {"doc": self.a_doc, "start": self.a_start, "end": self.a_end, "text": self.a_text},
            "b": {"doc": self.b_doc, "start": self.b_start, "end": self.b_end, "text": self.b_text},
        }


@dataclass(frozen=True, slots=True)
class ClaimPair:
    """Two sources' figures for one subject: ``relation`` is conflict / differs_in_time / agree."""

    about: str
    unit: str
    relation: str
    a_doc: str
    a_claim: Claim
    a_as_of: str | None
    b_doc: str
    b_claim: Claim
    b_as_of: str | None

    def as_dict(self) -> dict[str, Any]:
        def side(doc: str, claim: Claim, as_of: str | None) -> dict[str, Any]:
            return {"doc": doc, "start": claim.start, "end": claim.end, "text": claim.text, "value": claim.value,
                    "qualifier": claim.qualifier, "as_of": as_of}

        return {
            "about": self.about,
            "unit": self.unit,
            "relation": self.relation,
            "a": side(self.a_doc, self.a_claim, self.a_as_of),
            "b": side(self.b_doc, self.b_claim, self.b_as_of),
        }


@dataclass(slots=True)
class Comparison:
    """The cross-source view of one story."""

    story: str
    title: str
    sources: list[SourceFacts] = field(default_factory=list)
    facts: dict[str, list[FactValue]] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)  # fact names reported with incompatible values
    quotes: list[QuotePair] = field(default_factory=list)
    claims: list[ClaimPair] = field(default_factory=list)

    @property
    def quote_variants(self) -> list[QuotePair]:
        return [q for q in self.quotes if q.relation == "variant"]

    @property
    def conflicts(self) -> list[ClaimPair]:
        return [c for c in self.claims if c.relation == "conflict"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "title": self.title,
            "sources": [s.as_dict() for s in self.sources],
            "facts": {name: [v.as_dict() for v in values] for name, values in self.facts.items()},
            "disagreements": list(self.disagreements),
            "quotes": [q.as_dict() for q in self.quotes],
            "claims": [c.as_dict() for c in self.claims],
        }


# --- 1-2. facts --------------------------------------------------------------------------------------------------


def _story_events(story: Story, doc: Document) -> list[int]:
    indexes = [i for d, i in story.events if d == doc.id and i < len(doc.events)]
    if not indexes and (lead := lead_event(doc)) is not None:
        indexes = [lead[0]]
    return indexes


def _majority(values: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counts else None


def _merge_names(names: Iterable[str]) -> list[str]:
    kept: list[str] = []
    for name in names:
        for k, other in enumerate(kept):
            if actor_matches(name, other):
                kept[k] = name if len(name) > len(other) else other
                break
        else:
            kept.append(name)
    return kept


def _facts(doc: Document, indexes: list[int]) -> SourceFacts:
    events: list[Event] = [doc.events[i] for i in indexes]
    return SourceFacts(
        doc=doc.id,
        publisher=doc.publisher,
        published=doc.published,
        kind=doc.kind,
        participants=_merge_names(n for e in events for n, _, _ in e.participants),
        date=_majority(e.date_value for e in events),
        place=(place := _majority(e.place for e in events)),
        topics=sorted({t for e in events for t in e.topics}),
        events=indexes,
        place_is_country=any(m.type == "country" and m.text.strip() == place for m in doc.mentions),
    )


def _place_key(place: str) -> str:
    """Letters and digits only: "Port Esper, D.C." and "Port Esper DC" are one place."""
    return "".join(_words(place))


def _group(values: list[tuple[str, str]], same) -> list[FactValue]:
    """(value, doc) pairs grouped by ``same``; the longest spelling names the group."""
    groups: list[tuple[str, list[str]]] = []
    for value, doc in values:
        for k, (name, docs) in enumerate(groups):
            if same(value, name):
                groups[k] = (value if len(value) > len(name) else name, docs + [doc])
                break
        else:
            groups.append((value, [doc]))
    return [FactValue(name, tuple(dict.fromkeys(docs))) for name, docs in groups]


def _fact_table(sources: list[SourceFacts]) -> tuple[dict[str, list[FactValue]], list[str]]:
    def place_same(a: str, b: str) -> bool:
        ka, kb = _place_key(a), _place_key(b)
        return ka in kb or kb in ka

    table = {
        "participants": _group([(p, s.doc) for s in sources for p in s.participants], actor_matches),
        "date": _group([(s.date, s.doc) for s in sources if s.date], lambda a, b: a == b),
        "place": _group([(s.place, s.doc) for s in sources if s.place], place_same),
        "topics": _group([(t, s.doc) for s in sources for t in s.topics], lambda a, b: a == b),
    }
    disagreements = []
    dates = [v.value for v in table["date"]]
    if any(not dates_compatible(a, b) for a, b in combinations(dates, 2)):
        disagreements.append("date")
    cities = _group([(s.place, s.doc) for s in sources if s.place and not s.place_is_country], place_same)
    if len(cities) > 1:  # a country beside a city is the same place told less precisely
        disagreements.append("place")
    return table, disagreements


# --- 3. quotes ---------------------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return normalize_name(text)  # the same folding as names: accent- and case-free word tokens


def _quote_key(text: str) -> str:
    return " ".join(_words(text))


def quote_relation(a: str, b: str) -> tuple[str | None, float]:
    """("same" | "variant" | "excerpt" | None, ratio) of two quotations of one speaker."""
    ka, kb = _quote_key(a), _quote_key(b)
    if not ka or not kb:
        return None, 0.0
    ratio = fuzz.ratio(ka, kb)
    if ratio >= QUOTE_SAME_RATIO:
        return "same", ratio
    shorter = min(ka, kb, key=len)
    if len(shorter) >= EXCERPT_MIN_CHARS and fuzz.partial_ratio(ka, kb) >= EXCERPT_PARTIAL_RATIO and ratio < QUOTE_SAME_RATIO:
        if len(shorter) < len(max(ka, kb, key=len)):
            return "excerpt", ratio
    if ratio >= QUOTE_VARIANT_RATIO:
        return "variant", ratio
    return None, ratio


def _quote_pairs(docs: list[Document]) -> list[QuotePair]:
    items: list[tuple[Document, Quote]] = [(d, q) for d in docs for q in d.quotes if q.speaker_name]
    pairs: list[QuotePair] = []
    for (da, qa), (db, qb) in combinations(items, 2):
        if da.id == db.id or not actor_matches(qa.speaker_name or "", qb.speaker_name or ""):
            continue
        relation, ratio = quote_relation(qa.text, qb.text)
        if relation is None:
            continue
        speaker = max((qa.speaker_name or "", qb.speaker_name or ""), key=len)
        pairs.append(QuotePair(speaker, relation, ratio, da.id, qa.start, qa.end, qa.text, db.id, qb.start, qb.end, qb.text))
    return pairs


# --- 4. claims ---------------------------------------------------------------------------------------------------------


def _step(value: float) -> float:
    """The rounding step of a bare figure: 63.4 -> 0.1, 1200 -> 100 (trailing zeros read as rounding)."""
    try:
        d = Decimal(repr(float(value))).normalize()
    except InvalidOperation:
        return 0.0
    if d.is_zero():
        return 1.0
    return float(Decimal(1).scaleb(d.as_tuple().exponent))  # type: ignore[arg-type]


def written_step(claim: Claim) -> float:
    """The rounding step of a figure as its text writes it: "$63.4 billion" -> 1e8, "800 billion" -> 1e9.

    The number in the text whose ratio to the value is a power of ten (the multiplier word) gives the scale; its
    decimals give the step. Without one (numbers in words), the value's own digits are used.
    """
    for m in _NUMBER.finditer(claim.text):
        try:
            written = float(m.group().replace(",", ""))
        except ValueError:
            continue
        if written == 0 or claim.value == 0:
            continue
        scale = abs(claim.value / written)
        power = round(math.log10(scale))
        if power >= 0 and math.isclose(scale, 10.0**power, rel_tol=1e-6):
            return 10.0**power * 10.0 ** -len(m.group("dec") or "")
    return _step(claim.value)


def values_agree(a: float, b: float, approximate: bool = False, steps: tuple[float, float] | None = None) -> bool:
    """True when two figures are the same up to rounding (or up to APPROXIMATE_TOLERANCE when approximate).

    ``steps`` are the rounding steps the two figures were written to (default: read from their digits); the
    figures agree when they are closer than half the coarser step.
    """
    diff = abs(a - b)
    scale = max(abs(a), abs(b))
    if diff <= FLOAT_EPSILON * max(scale, 1.0):
        return True
    if approximate:
        return diff <= APPROXIMATE_TOLERANCE * scale
    step_a, step_b = steps if steps is not None else (_step(a), _step(b))
    return diff < max(step_a, step_b) / 2


def _about_words(about: str) -> frozenset[str]:
    return frozenset(w for w in _words(about) if w not in STOP_WORDS)


def _same_subject(a: Claim, b: Claim) -> bool:
    if a.unit != b.unit or not a.about or not b.about:
        return False
    wa, wb = _about_words(a.about), _about_words(b.about)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def claims_relation(a: Claim, a_as_of: str | None, b: Claim, b_as_of: str | None) -> str:
    """conflict / differs_in_time / agree for two claims on one subject (``as_of`` already defaulted)."""
    if not dates_compatible(a_as_of, b_as_of):
        return "differs_in_time"
    approximate = a.qualifier in APPROXIMATE_QUALIFIERS or b.qualifier in APPROXIMATE_QUALIFIERS
    return "agree" if values_agree(a.value, b.value, approximate, (written_step(a), written_step(b))) else "conflict"


def _claim_pairs(docs: list[Document]) -> list[ClaimPair]:
    items = [(d, c, c.as_of or d.published) for d in docs for c in d.claims]
    pairs: list[ClaimPair] = []
    for (da, ca, asa), (db, cb, asb) in combinations(items, 2):
        if da.id == db.id or not _same_subject(ca, cb):
            continue
        relation = claims_relation(ca, asa, cb, asb)
        about = max((ca.about or "", cb.about or ""), key=len)
        pairs.append(ClaimPair(about, ca.unit, relation, da.id, ca, asa, db.id, cb, asb))
    return pairs


# --- entry point -------------------------------------------------------------------------------------------------------


def compare_story(story: Story, docs: Iterable[Document]) -> Comparison:
    """The cross-source comparison of ``story`` over its documents found in ``docs`` (others are ignored)."""
    wanted = set(story.docs)
    members = sorted((d for d in docs if d.id in wanted), key=lambda d: (d.published or "9999", d.id))
    sources = [_facts(d, _story_events(story, d)) for d in members]
    facts, disagreements = _fact_table(sources)
    return Comparison(
        story=story.id,
        title=story.title,
        sources=sources,
        facts=facts,
        disagreements=disagreements,
        quotes=_quote_pairs(members),
        claims=_claim_pairs(members),
    )
