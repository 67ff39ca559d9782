"""Steps 8–10 of event extraction (see :mod:`.extract`): merge repeated reports of one event in a document,
link quotes and claims to the event they were said at, and label each event for people.

8. Merge repeated reports of the same event (same type and status, overlapping participants, compatible date).
9. Link quotes and claims: in a transcript of a joint press conference / bilateral meeting every turn belongs
   to its meeting; otherwise the quotes and claims in the paragraphs that report the event.
10. Label: a short human title ("Rubio meets de la Fuente in Mexico City").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Document, Event
from . import plover_patterns as P

_PARA_RE = re.compile(r"\n[ \t\u00a0]*\n")
JOINT_OPENING_CHARS = 600  # a transcript says what it records in its title or first lines
MERGE_WINDOW_UNITS = 10**6  # the same meeting may be mentioned anywhere in a document: no distance limit
QUOTE_FOLLOW_PARAS = 2  # a participant's quote up to two paragraphs after the report still belongs to the event


@dataclass
class _Unit:
    start: int
    end: int
    tokens: list[Any]


@dataclass
class _Draft:
    type: str
    mode: str | None
    status: str
    unit: int
    start: int
    end: int
    participants: list[tuple[str, int, int]]
    countries: list[str | None]
    date_value: str | None = None
    date_text: str | None = None
    date_basis: str | None = None
    place: str | None = None
    topics: set[str] = field(default_factory=set)
    units: list[int] = field(default_factory=list)
    quotes: set[int] = field(default_factory=set)
    claims: set[int] = field(default_factory=set)


def _add(parts: list[tuple[str, int, int]], countries: list[str | None], p: tuple[str, int, int], c: str | None) -> None:
    if not any(_same_party(q[0], p[0]) for q in parts):
        parts.append(p)
        countries.append(c)


def _name_words(name: str) -> set[str]:
    words = {w.strip(".,'’").lower() for w in name.split()}
    return {w for w in words if len(w) >= 3 and w not in P.GENERIC_NAME_WORDS and w not in P.NAME_SUFFIXES}


def _same_party(a: str, b: str) -> bool:
    """Two participant names for the same party ("Alicia Bárcena Ibarra" / "Bárcena", "Joe Biden" / "Biden")."""
    if a.lower() == b.lower():
        return True
    wa, wb = _name_words(a), _name_words(b)
    return bool(wa & wb) and (_surname(a) in wb or _surname(b) in wa)


def _surname(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.lower() not in P.NAME_SUFFIXES]
    return words[-1].lower() if words else ""


def _keys(d: _Draft) -> set[str]:
    return {k for k in (_surname(p[0]) for p in d.participants) if k}


def _same_event(a: _Draft, b: _Draft) -> bool:
    if a.type != b.type or a.status != b.status or abs(a.unit - b.unit) > MERGE_WINDOW_UNITS:
        return False
    pa, pb = [p[0] for p in a.participants], [p[0] for p in b.participants]
    if not pa or not pb:
        return False
    small, large = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    shared = sum(1 for x in small if any(_same_party(x, y) for y in large))
    if shared < len(small) and shared < 2:
        return False
    soft = ("publication", None)
    return a.date_value == b.date_value or a.date_basis in soft or b.date_basis in soft


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    for d in drafts:
        into = next((o for o in out if _same_event(o, d)), None)
        if into is None:
            out.append(d)
            continue
        for p, c in zip(d.participants, d.countries, strict=True):
            _add(into.participants, into.countries, p, c)
        if into.date_basis in ("publication", None) and d.date_basis not in ("publication", None):
            into.date_value, into.date_text, into.date_basis = d.date_value, d.date_text, d.date_basis
        if into.mode != "phone":
            into.place = into.place or d.place
        into.mode = into.mode or d.mode
        into.topics |= d.topics
        into.units.append(d.unit)
    return out


# 9 ---------------------------------------------------------------------------------------------------------
def _paragraphs(text: str) -> list[int]:
    """Start offsets of the paragraphs."""
    return [0] + [m.end() for m in _PARA_RE.finditer(text)]


def _link(doc: Document, drafts: list[_Draft], units: list[_Unit]) -> None:
    if not drafts:
        return
    opening = (doc.title or "") + "\n" + doc.text[:JOINT_OPENING_CHARS]
    if doc.kind == "transcript" and P.JOINT_EVENT_RE.search(opening):
        main = next((d for d in drafts if d.type == "CONSULT" and d.status == "occurred"), None)
        if main is not None:
            main.quotes = set(range(len(doc.quotes)))
            main.claims = set(range(len(doc.claims)))
            return
    paras = _paragraphs(doc.text)

    def para(char: int) -> int:
        return bisect.bisect_right(paras, char) - 1

    by_para: dict[int, list[_Draft]] = {}
    for d in drafts:
        for ui in d.units:
            by_para.setdefault(para(units[ui].start), []).append(d)
    event_paras = sorted(by_para)
    for qi, q in enumerate(doc.quotes):
        said_at = _quote_owner(para(q.start), by_para, event_paras, q.speaker_name)
        if said_at is not None:
            said_at.quotes.add(qi)
    for ci, c in enumerate(doc.claims):
        # a figure given in a linked quote's paragraph belongs to that quote's event, else to its paragraph's event
        p = para(c.start)
        given_at = next((x for x in drafts if any(para(doc.quotes[qi].start) == p for qi in x.quotes)), None)
        if given_at is None:
            given_at = _best(by_para.get(p, []), c.speaker_name)
        if given_at is not None:
            given_at.claims.add(ci)


def _speaker_key(speaker: str | None) -> str:
    return _surname(speaker or "")


def _best(cands: list[_Draft], speaker: str | None) -> _Draft | None:
    """The speaker's own event first, then an event with named participants, then any."""
    key = _speaker_key(speaker)
    for ok in (lambda d: key and key in _keys(d), lambda d: bool(d.participants), lambda d: True):
        found = next((d for d in cands if ok(d)), None)
        if found is not None:
            return found
    return None


def _quote_owner(p: int, by_para: dict[int, list[_Draft]], event_paras: list[int], speaker: str | None) -> _Draft | None:
    here = by_para.get(p, [])
    best = _best(here, speaker)
    if best is not None and best.participants:
        return best
    # the speaker's event reported up to QUOTE_FOLLOW_PARAS paragraphs before
    key = _speaker_key(speaker)
    i = bisect.bisect_left(event_paras, p) - 1
    while key and i >= 0 and p - event_paras[i] <= QUOTE_FOLLOW_PARAS:
        found = next((d for d in by_para[event_paras[i]] if key in _keys(d)), None)
        if found is not None:
            return found
        i -= 1
    return best


# 10 --------------------------------------------------------------------------------------------------------
def _short(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.lower() not in P.NAME_SUFFIXES]
    name = " ".join(words)
    if len(words) <= 1:
        return name
    for i, w in enumerate(words[1:], start=1):
        if w.lower() in P.SURNAME_PARTICLES:
            return " ".join(words[i:])
    return words[-1] if words[-1][:1].isupper() and all(w[:1].isupper() for w in words) else name


def _label(d: _Draft) -> str:
    names = [" ".join(_short(p[0]).split()) for p in d.participants]
    key = f"{d.type}/{d.status}" if d.status == "planned" and d.mode in ("meet", "visit") else f"{d.type}/{d.mode}"
    verb = P.LABEL_VERBS.get(key) or P.LABEL_VERBS.get(d.type) or d.type.lower()
    if not names:
        head = d.type.capitalize()
    elif len(names) == 1:
        if d.type == "CONSULT":
            head = f"{names[0]} visits" if d.mode == "visit" and d.place else f"{names[0]} meeting"
        else:
            head = f"{names[0]}: {d.type.lower()}"
    else:
        others = ", ".join(names[1:-1] + [names[-1]]) if len(names) > 2 else names[1]
        head = f"{names[0]} {verb} {others}"
    if d.place and not head.endswith("visits"):
        return f"{head} in {d.place}"
    return f"{head} {d.place}" if d.place else head


def _to_event(d: _Draft) -> Event:
    return Event(
        type=d.type,
        start=d.start,
        end=d.end,
        mode=d.mode,
        label=_label(d),
        participants=tuple(d.participants),
        date_value=d.date_value,
        date_text=d.date_text,
        date_basis=d.date_basis,
        place=d.place,
        topics=tuple(sorted(d.topics)),
        status=d.status,
        quotes=tuple(sorted(d.quotes)),
        claims=tuple(sorted(d.claims)),
    )
