"""The record that flows through the pipeline.

A :class:`Document` starts as raw input (``raw`` + ``content_type``), is cleaned into ``text`` (every offset of
every annotation points into ``text``: ``text[start:end]``), and is then annotated by the NLP stages.

Stages never mutate the document they are given: they compute, then return ``doc.replace(...)`` (pure and
picklable, so the same stage runs in one process, in a pool or on a cluster).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "KINDS",
    "ENTITY_TYPES",
    "Document",
    "Mention",
    "Role",
    "Quote",
    "Timex",
    "Claim",
    "Event",
    "document_id",
]

Kind = Literal["news", "readout", "transcript", "press_release", "statement", "speech", "other"]
KINDS: tuple[str, ...] = ("news", "readout", "transcript", "press_release", "statement", "speech", "other")
ENTITY_TYPES: tuple[str, ...] = ("person", "organization", "country", "place", "other")


def document_id(raw: bytes) -> str:
    """Stable id: the same input bytes give the same id (sha256, first 16 hex digits)."""
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention in one document. ``type`` is one of ENTITY_TYPES."""

    start: int
    end: int
    text: str
    type: str
    country: str | None = None  # ISO 3166-1 alpha-2 affiliation when known
    label: str | None = None  # the model's own label (PERSON, GPE, ...) or "rule"


@dataclass(frozen=True, slots=True)
class Role:
    """A person's role, with the evidence span (start/end covers title and name)."""

    person: str  # the person's name as written
    person_start: int
    person_end: int
    title: str
    organization: str | None
    country: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted (direct) or reported (indirect) speech; transcript turns are direct quotes."""

    start: int
    end: int
    text: str
    speaker_name: str | None = None
    speaker_start: int | None = None  # a mention of the speaker in this document, when there is one
    speaker_end: int | None = None
    direct: bool = True
    interpreted: bool = False
    cue: str | None = None  # "said", "stressed", "SPEAKER:", ...


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression and its normalised value (TIMEX3 style: 2025-03-03, 2025-03, 2025-W11, P2W ...)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None = None  # None when it cannot be resolved (e.g. relative words without a document date)
    basis: str | None = None  # explicit / relative / publication
    mod: str | None = None  # TIMEX3 mod: START / MID / END ("late April" -> value 2025-04, mod END)


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim: value + unit (ISO 4217 or percent/tonne/kg/km/count/person/year/day/minute)."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str | None = None  # over / under / about / exactly
    about: str | None = None
    as_of: str | None = None
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """An event reported in one document (PLOVER type), before cross-document merging into stories.

    Participants are names as written with their mention spans, so resolution can map them to entities.
    """

    type: str  # PLOVER event type: CONSULT, AGREE, COOPERATE, ...
    start: int  # evidence span (the sentence that reports the event)
    end: int
    mode: str | None = None  # visit / host / multilateral / phone / ...
    label: str = ""
    participants: tuple[tuple[str, int, int], ...] = ()  # (name, start, end) of each participant mention
    date_value: str | None = None
    date_text: str | None = None
    date_basis: str | None = None  # explicit / relative / publication / story
    place: str | None = None
    topics: tuple[str, ...] = ()
    status: str = "occurred"  # occurred / planned / reported
    quotes: tuple[int, ...] = ()  # indexes into doc.quotes said at this event
    claims: tuple[int, ...] = ()  # indexes into doc.claims given at this event


def _build(typ: type, item: dict[str, Any]) -> Any:
    """An annotation from its JSON form (lists back to tuples for the tuple fields)."""
    return typ(**{k: _tuples(v) if isinstance(v, list) else v for k, v in item.items()})


def _tuples(value: list[Any]) -> tuple[Any, ...]:
    return tuple(_tuples(v) if isinstance(v, list) else v for v in value)


_ANNOTATION_TYPES: dict[str, type] = {
    "mentions": Mention,
    "roles": Role,
    "quotes": Quote,
    "timexes": Timex,
    "claims": Claim,
    "events": Event,
}


@dataclass(slots=True)
class Document:
    """One input document and everything known about it."""

    id: str
    source: str
    raw: str = ""  # decoded input before cleaning
    content_type: str = "text"  # text / markdown / html / pdf
    text: str = ""  # clean text; all offsets point into it
    removed: list[str] = field(default_factory=list)
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or --MM-DD
    dateline: str | None = None
    kind: str = "other"
    language: str = "en"
    duplicate_of: str | None = None
    story: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def replace(self, **changes: Any) -> Document:
        """A copy with ``changes`` applied (stages return this instead of mutating)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        values = dict(data)
        for name, typ in _ANNOTATION_TYPES.items():
            values[name] = [item if isinstance(item, typ) else _build(typ, item) for item in values.get(name) or []]
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def evidence(self, start: int, end: int) -> str:
        """The clean text an annotation points to."""
        return self.text[start:end]
