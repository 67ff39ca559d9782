"""A synthetic knowledge base of any size, hand-annotated without a language model: the browser tests' 2,000-document
base and ``benchmarks/web_pages.py --synthetic N``.

Fictional people of fictional ministries meet in real capitals; each meeting is reported by one to four outlets
(fictional names) as readouts, news, statements, speeches, press releases or transcripts, so the knowledge base has
stories of several sources, people seen over years with changing roles, quotes, figures, undated events and one
long transcript. Texts are generated from templates; every annotation (mentions, roles, quotes, claims, events)
is set at the offsets of the words it names, as the extraction stages would set them. The same ``n`` and ``seed``
give the same documents.

Nothing here is taken from a dataset: names are combinations of invented syllables, sentences are written for
this module. The page-time benchmark reports on it as "synthetic"; no rule of the product is written from it.

    documents(n) -> list[Document];  build_store(path, n) -> path (documents stored, knowledge base built)
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from communique.model import KINDS, Claim, Document, Event, Mention, Quote, Role, document_id

__all__ = ["LONG_TRANSCRIPT_TURNS", "Person", "build_store", "documents"]

SEED = 14  # any fixed seed: the same base on every run
FIRST_DAY = dt.date(2019, 1, 1)  # meetings spread over seven years (paging through years, date ranges)
DAYS = 7 * 365
UNDATED_SHARE = 0.04  # events whose report names no date (the timeline's undated section)
UNPUBLISHED_SHARE = 0.02  # documents without a publication date (sorting must not put them first)
REPORTS_PER_MEETING = (1, 1, 2, 2, 2, 3, 4)  # outlets reporting one meeting, drawn uniformly: about 2.1 each
LONG_TRANSCRIPT_TURNS = 240  # the one long transcript (a press conference of many questions): ~40,000 characters
SHORT_TRANSCRIPT_TURNS = (4, 12)  # other transcripts: this many turns

_SYLLABLES = ("ka", "lo", "mir", "ven", "sa", "dor", "el", "tu", "ra", "bek", "no", "vi", "han", "se", "ul", "go",
              "tar", "ni", "mes", "ow")
GIVEN_SUFFIXES = ("a", "o", "in", "el", "ia", "an")
# (ISO code, country name, capital): real countries and capitals, the places a reader expects
COUNTRIES = (("MX", "Mexico", "Mexico City"), ("CA", "Canada", "Ottawa"), ("DE", "Germany", "Berlin"),
             ("FR", "France", "Paris"), ("JP", "Japan", "Tokyo"), ("BR", "Brazil", "Brasília"),
             ("IN", "India", "New Delhi"), ("KE", "Kenya", "Nairobi"), ("PL", "Poland", "Warsaw"),
             ("AU", "Australia", "Canberra"), ("EG", "Egypt", "Cairo"), ("KR", "South Korea", "Seoul"),
             ("ZA", "South Africa", "Pretoria"), ("AR", "Argentina", "Buenos Aires"), ("NO", "Norway", "Oslo"),
             ("VN", "Vietnam", "Hanoi"))
TITLES = ("Foreign Minister", "Prime Minister", "Defense Minister", "Trade Minister", "Finance Minister",
          "President", "Deputy Foreign Minister", "Minister of Economic Development and International Cooperation")
OUTLETS = ("Harbor Wire", "The Evening Ledger", "Meridian Press Agency", "Office of the Spokesperson",
           "Northgate Daily", "The Continental Review of International Affairs and Diplomacy", "Capital Bulletin",
           "Ministry Press Service", "Atlas News Network", "Crossroads Weekly")
ORG_SUBJECTS = ("Coastal States", "Grain Trade", "Maritime Safety", "River Basin", "Southern Development",
                "Polar Research", "Island States Development and Climate Resilience")
ORG_HEADS = ("Council", "Board", "Forum", "Fund")
ORGANIZATIONS = tuple(f"{subject} {head}" for subject in ORG_SUBJECTS for head in ORG_HEADS)  # 28, one long
MINISTRY_SHARE = 0.3  # reports naming the host's ministry (an organization with a country)
TOPICS = {"trade": "trade and investment", "migration": "migration", "security": "regional security",
          "energy": "energy supplies", "health": "public health", "climate": "climate finance",
          "illegal_drugs": "drug trafficking"}
QUOTES = ("We agreed to keep working together on {t}", "Our partnership on {t} has never been stronger",
          "There is more to do on {t}, and we will do it", "Today was a frank and useful conversation about {t}",
          "We will meet again before the end of the year to review {t}")
FILLERS = ("Officials from both delegations joined the talks.", "The two sides agreed to meet again.",
           "Working groups will report back within three months.", "A joint statement is expected later.",
           "The visit included a stop at a local school.", "Reporters were not allowed into the meeting room.",
           "Both governments described the atmosphere as constructive.", "Aides said the agenda was long.",
           "A follow-up call is planned for next month.", "The talks ran longer than scheduled.",
           "Several business leaders attended a lunch afterwards.", "Details of the discussion were not released.")


@dataclass(frozen=True)
class Person:
    name: str
    country: str  # ISO code
    titles: tuple[tuple[str, dt.date | None], ...]  # (title, held from): a later title replaces the earlier one

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def title_on(self, day: dt.date | None) -> str:
        current = self.titles[0][0]
        for title, since in self.titles:
            if since is None or (day is not None and day >= since):
                current = title
        return current


class _Text:
    """Text written piece by piece; each piece's (start, end)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start, self.pos

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _name(rng: random.Random, long: bool = False) -> str:
    given = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 2))).capitalize() + rng.choice(GIVEN_SUFFIXES)
    family = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    if long:  # a double-barrelled name: the widest labels a page must fit
        family += "-" + "".join(rng.choice(_SYLLABLES) for _ in range(4)).capitalize()
    return f"{given} {family}"


def _people(rng: random.Random, count: int) -> list[Person]:
    people: list[Person] = []
    seen: set[str] = set()
    while len(people) < count:
        name = _name(rng, long=len(people) % 25 == 0)
        if name in seen or name.split()[-1] in {p.surname for p in people}:
            continue
        seen.add(name)
        titles: tuple[tuple[str, dt.date | None], ...] = ((rng.choice(TITLES), None),)
        if rng.random() < 0.3:  # promoted part-way: roles over time have two spans
            titles += ((rng.choice(TITLES), FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))),)
        people.append(Person(name, COUNTRIES[len(people) % len(COUNTRIES)][0], titles))
    return people


def _when(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


@dataclass
class _Meeting:
    host: Person
    guest: Person
    city: str
    country: tuple[str, str, str]
    day: dt.date | None
    topics: tuple[str, ...]
    mode: str
    organization: str | None


def _report(meeting: _Meeting, outlet: str, kind: str, rng: random.Random, serial: int) -> Document:
    """One document about ``meeting`` with its annotations at their offsets."""
    m, t = meeting, _Text()
    mentions: list[Mention] = []
    roles: list[Role] = []

    def person(p: Person, with_title: bool = True) -> tuple[str, int, int]:
        if with_title:
            title = p.title_on(m.day)
            ts, _ = t.add(title + " ")
            s, e = t.add(p.name)
            roles.append(Role(p.name, s, e, title, None, p.country, ts, e))
        else:
            s, e = t.add(p.surname)
        mentions.append(Mention(s, e, p.name if with_title else p.surname, "person", country=p.country,
                                label="PERSON"))
        return p.name, s, e

    published = None if rng.random() < UNPUBLISHED_SHARE or m.day is None else (
        m.day + dt.timedelta(days=rng.choice((0, 0, 1, 2)))).isoformat()
    topic_words = " and ".join(TOPICS[k] for k in m.topics)
    events_start = t.pos
    if kind == "news":
        t.add(f"{m.city.upper()} ({outlet}) - ")
    a = person(m.host)
    t.add(" spoke by phone with " if m.mode == "phone" else " met with ")
    b = person(m.guest)
    if m.mode != "phone":
        t.add(" in ")
        s, e = t.add(m.city)
        mentions.append(Mention(s, e, m.city, "place", country=m.country[0], label="GPE"))
    if m.day is not None:
        t.add(" on ")
        date_text = _when(m.day)
        t.add(date_text)
    t.add(f" to discuss {topic_words}.")
    ev_span = (events_start, t.pos)
    t.add(" The talks covered relations between ")
    s, e = t.add(m.country[1])
    mentions.append(Mention(s, e, m.country[1], "country", country=m.country[0], label="GPE"))
    t.add(" and its partners")
    if m.organization:
        t.add(" within the ")
        s, e = t.add(m.organization)
        mentions.append(Mention(s, e, m.organization, "organization", label="ORG"))
    t.add(".")
    if rng.random() < MINISTRY_SHARE:
        ministry = f"Ministry of Foreign Affairs of {m.country[1]}"
        t.add(" The ")
        s, e = t.add(ministry)
        mentions.append(Mention(s, e, ministry, "organization", country=m.country[0], label="ORG"))
        t.add(" hosted the delegations.")
    t.add("\n")
    quotes: list[Quote] = []
    claims: list[Claim] = []
    speaker = m.host if serial % 2 else m.guest
    if kind == "transcript":
        turns = LONG_TRANSCRIPT_TURNS if serial == 0 else rng.randint(*SHORT_TRANSCRIPT_TURNS)
        for i in range(turns):
            p = (m.host, m.guest)[i % 2]
            label = f"{p.title_on(m.day).upper()} {p.surname.upper()}"
            ls, le = t.add(f"\n{label}:")[0] + 1, t.pos
            t.add(" ")
            words = rng.choice(QUOTES).format(t=rng.choice(list(TOPICS.values())))
            qs, qe = t.add(f"{words}. {rng.choice(FILLERS)}")
            quotes.append(Quote(qs, qe, t.text[qs:qe], p.name, ls, le, True, i % 7 == 3, label + ":"))
            t.add("\n")
    else:
        t.add('"')
        qs, qe = t.add(rng.choice(QUOTES).format(t=TOPICS[m.topics[0]]) + ",")
        t.add('" ')
        _, ss, se = person(speaker, with_title=False)
        t.add(" said.\n")
        quotes.append(Quote(qs, qe, t.text[qs:qe], speaker.surname, ss, se, True, False, "said"))
    value = rng.randint(2, 900)
    t.add(f"{TOPICS[m.topics[0]].capitalize()} between the two countries reached ")
    cs, ce = t.add(f"${value} million")
    t.add(" last year.\n")
    claims.append(Claim(cs, ce, f"${value} million", value * 1e6, "USD", about=TOPICS[m.topics[0]]))
    for filler in rng.sample(FILLERS, rng.randint(1, 4)):
        t.add(filler + " ")
    t.add(f"\n(Report {serial} of {outlet}.)")  # each outlet writes its own page, never a re-post
    text = t.text
    verb = "speaks with" if m.mode == "phone" else "meets"
    title = f"{m.host.surname} {verb} {m.guest.surname}" + (f" in {m.city}" if m.mode != "phone" else "")
    if kind == "transcript":
        title = f"Remarks by {m.host.title_on(m.day)} {m.host.name} and {m.guest.title_on(m.day)} {m.guest.name}"
    elif serial % 11 == 0:  # a headline that runs long (tables and cards must wrap it, not clip it)
        title += f": {m.host.title_on(m.day)} and {m.guest.title_on(m.day)} discuss {topic_words} in a long session"
    event = Event("CONSULT", *ev_span, mode="phone" if m.mode == "phone" else "visit",
                  label=f"{m.host.surname} {verb} {m.guest.surname}", participants=(a, b),
                  date_value=m.day.isoformat() if m.day else None, date_text=_when(m.day) if m.day else None,
                  date_basis="explicit" if m.day else "unresolved", place=None if m.mode == "phone" else m.city,
                  topics=m.topics, quotes=(0,), claims=(0,))
    return Document(id=document_id(text.encode()), source=f"synthetic/{serial:05d}.txt", raw=text, text=text,
                    title=title, publisher=outlet, published=published, kind=kind,
                    dateline=m.city if kind == "news" else None, mentions=mentions, roles=roles, quotes=quotes,
                    claims=claims, events=[event])


def documents(n: int, seed: int = SEED) -> list[Document]:
    """``n`` documents about about ``n / 2`` meetings of ``n / 10`` people (the first a long transcript)."""
    rng = random.Random(seed)
    people = _people(rng, max(4, n // 10))
    docs: list[Document] = []
    kinds = [k for k in KINDS if k != "transcript"]
    while len(docs) < n:
        host, guest = rng.sample(people, 2)
        country = next(c for c in COUNTRIES if c[0] == host.country)
        day = None if rng.random() < UNDATED_SHARE else FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        topics = tuple(rng.sample(sorted(TOPICS), rng.choice((1, 1, 2))))
        meeting = _Meeting(host, guest, country[2], country, day, topics, rng.choice(("visit", "visit", "phone")),
                           rng.choice(ORGANIZATIONS) if rng.random() < 0.3 else None)
        for outlet in rng.sample(OUTLETS, min(rng.choice(REPORTS_PER_MEETING), n - len(docs))):
            kind = "transcript" if not docs or rng.random() < 0.05 else rng.choice(kinds)
            docs.append(_report(meeting, outlet, kind, rng, len(docs)))
    return docs


def build_store(path: Path, n: int, seed: int = SEED) -> Path:
    """``documents(n, seed)`` stored in a new SQLite file at ``path``, knowledge base built; returns ``path``."""
    from communique.kb import build
    from communique.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        for doc in documents(n, seed):
            store.put(doc, "synthetic")
        build(store)
        from communique.search.index import index_for

        index_for(store).refresh(vectors=False)  # full text, as ingest leaves it
    return path
