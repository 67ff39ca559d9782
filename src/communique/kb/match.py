"""Timeline: the events of a set of documents in date order, with their sources, filterable by actor and topic.

Cascade of :func:`build_timeline`:
1. Stories: the given ones, or :func:`communique.kb.stories.cluster_stories` over the documents.
2. Entries: the events a story holds (``story.events``) make ONE entry (the story's event, reported by several
   sources); every other event of a document is its own entry (e.g. an earlier meeting mentioned in passing).
3. Filters: ``actor`` matches a participant name accent- and case-insensitively, whole name or a run of its words that
   is not only the first name ("Báez", "Lucia Baez" and "Foreign Secretary Báez" all match "Lucía Báez");
   ``topic`` matches an event topic (``illegal_drugs`` = "illegal drugs") or a word of the label.
4. Order: event date (entries without one, or with a month-day but no year, last), then the earliest publication
   date, then label.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Event
from ..text import strip_accents
from .stories import Story, cluster_stories, is_partial

__all__ = ["Source", "TimelineEntry", "build_timeline", "actor_matches", "topic_matches", "normalize_name"]

UNDATED = "9999"  # sorts after every ISO date: undated entries go last
MAX_FIRST_NAME_WORDS = 1  # the first word alone ("Lucía" for "Lucía Báez") is no match; two ("Claudia Sheinbaum") are


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entry is reported: document id and the evidence span in its clean text."""

    doc: str
    start: int
    end: int
    published: str | None = None
    event_index: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "published": self.published,
                "event_index": self.event_index}


@dataclass(slots=True)
class TimelineEntry:
    """One event on the timeline, merged over the sources that report it."""

    date: str | None
    type: str
    label: str
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    status: str = "occurred"
    story: str | None = None
    sources: list[Source] = field(default_factory=list)

    @property
    def published(self) -> str | None:
        """The earliest publication date among the sources."""
        dates = [s.published for s in self.sources if s.published]
        return min(dates) if dates else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "type": self.type,
            "label": self.label,
            "participants": list(self.participants),
            "place": self.place,
            "topics": list(self.topics),
            "status": self.status,
            "story": self.story,
            "published": self.published,
            "sources": [s.as_dict() for s in self.sources],
        }


# --- matching ------------------------------------------------------------------------------------------------------


def normalize_name(name: str) -> list[str]:
    """Words of a name without accents, case or punctuation: "Lucía Báez-Ortiz" -> ["lucia", "baez", "ortiz"]."""
    return re.findall(r"[^\W_]+", strip_accents(name).casefold())


def _run_of(short: list[str], long: list[str]) -> bool:
    """``short`` is a contiguous run of ``long``, and not just its first word."""
    if not short or len(short) > len(long):
        return False
    for i in range(len(long) - len(short) + 1):
        if long[i : i + len(short)] == short:
            if i > 0 or len(short) > MAX_FIRST_NAME_WORDS or len(short) == len(long):
                return True
    return False


def actor_matches(actor: str, participant: str) -> bool:
    """True when ``actor`` names ``participant`` (accent/case-insensitive, surname-only allowed, first name alone not)."""
    a, p = normalize_name(actor), normalize_name(participant)
    return _run_of(a, p) or _run_of(p, a)


def _topic_key(text: str) -> str:
    return " ".join(normalize_name(text.replace("_", " ")))


def topic_matches(topic: str, topics: Iterable[str], label: str = "") -> bool:
    key = _topic_key(topic)
    if not key:
        return True
    if any(_topic_key(t) == key for t in topics):
        return True
    return f" {key} " in f" {_topic_key(label)} "


# --- entries -------------------------------------------------------------------------------------------------------


def _unique(names: Iterable[str]) -> list[str]:
    """Names without repeats: spellings of one person ("Báez", "Lucía Báez") merge, the longest is kept."""
    kept: list[str] = []
    for name in names:
        if not normalize_name(name):
            continue
        for k, other in enumerate(kept):
            if actor_matches(name, other):
                if len(name) > len(other):
                    kept[k] = name
                break
        else:
            kept.append(name)
    return kept


def _majority(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counts else None


def _entry(pairs: Sequence[tuple[Document, int]], story: Story | None) -> TimelineEntry:
    events: list[Event] = [doc.events[i] for doc, i in pairs]
    date = story.date if story is not None and story.date else _majority(e.date_value for e in events)
    label = story.title if story is not None and story.title else (_majority(e.label for e in events) or "")
    status_rank = {"occurred": 0, "reported": 1, "planned": 2}
    return TimelineEntry(
        date=date,
        type=_majority(e.type for e in events) or "",
        label=label,
        participants=_unique(name for e in events for name, _, _ in e.participants),
        place=(story.place if story is not None and story.place else _majority(e.place for e in events)),
        topics=sorted({t for e in events for t in e.topics}),
        status=min((e.status for e in events), key=lambda s: status_rank.get(s, len(status_rank))),
        story=story.id if story is not None else None,
        sources=[Source(doc.id, doc.events[i].start, doc.events[i].end, doc.published, i) for doc, i in pairs],
    )


def build_timeline(
    docs: Iterable[Document],
    stories: Sequence[Story] | None = None,
    actor: str | None = None,
    topic: str | None = None,
) -> list[TimelineEntry]:
    """Timeline entries of the events in ``docs`` (see the module docstring for the cascade)."""
    corpus = {d.id: d for d in docs}
    if stories is None:  # 1. stories
        stories = cluster_stories(corpus.values())
    entries: list[TimelineEntry] = []
    claimed: set[tuple[str, int]] = set()
    for story in stories:  # 2. one entry per story event
        pairs = [(corpus[d], i) for d, i in story.events if d in corpus and i < len(corpus[d].events)]
        if pairs:
            entries.append(_entry(pairs, story))
            claimed.update((doc.id, i) for doc, i in pairs)
    owner = {doc_id: story.id for story in stories for doc_id in story.docs}
    for doc in corpus.values():  # 2. the other events, one entry each
        for i in range(len(doc.events)):
            if (doc.id, i) not in claimed:
                entry = _entry([(doc, i)], None)
                entry.story = owner.get(doc.id)
                entries.append(entry)
    if actor:  # 3. filters
        entries = [e for e in entries if any(actor_matches(actor, p) for p in e.participants)]
    if topic:
        entries = [e for e in entries if topic_matches(topic, e.topics, e.label)]
    # 4. order: event date, publication date, label; then first source (stable for equal keys)
    entries.sort(
        key=lambda e: (
            e.date if e.date and not is_partial(e.date) else UNDATED,  # a month-day without a year sorts with the undated
            e.published or UNDATED,
            e.label,
            (e.sources[0].doc, e.sources[0].start) if e.sources else ("", 0),
        )
    )
    return entries
