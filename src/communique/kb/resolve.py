"""Entity resolution: mentions in documents -> entities of the knowledge base.

Cascade for person mentions:
1. inside a document, name forms are taken longest first; a form joins the unique longer form that contains
   it as a contiguous run of name tokens ("Rubio", "Secretary Rubio", "RUBIO" -> "Marco Rubio";
   "de la Fuente", "García Harfuch" -> "Juan Ramón de la Fuente Ramírez", "Omar García Harfuch");
   a form contained in two different names stays apart (never merge two people who share a first name,
   a surname or a title);
2. across documents, full names (a given name and a surname) merge when their normalised keys are equal
   (accents, case, titles, middle initials and nicknames folded: "Marco A. Rubio" = "Marco Rubio",
   "Jake Sullivan" = "Jacob Sullivan"), else with the unique known person of the same given name whose name
   contains theirs or differs by a typo (rapidfuzz ratio >= TYPO_SIMILARITY);
3. a short form with no full name in its document joins the unique known person whose name contains it,
   else stays an entity of its own.
Organizations and places merge on their normalised name, countries on their ISO code.
"""

from __future__ import annotations

import hashlib
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rapidfuzz import fuzz

from ..lexicon import NAME_SUFFIXES
from ..model import Document, Mention
from ..text import strip_accents
from .gazetteer import Actor, load_gazetteer

__all__ = ["Entity", "MentionLog", "Resolution", "Resolver", "ShortForm", "resolve", "name_key", "fold"]

# Given-name variants folded to one form (a data list; extend freely).
NICKNAMES: dict[str, str] = {
    "jake": "jacob", "bill": "william", "bob": "robert", "rob": "robert", "mike": "michael", "jim": "james",
    "joe": "joseph", "tony": "anthony", "tom": "thomas", "dick": "richard", "chuck": "charles", "ted": "edward",
    "liz": "elizabeth", "kate": "katherine", "pete": "peter", "dan": "daniel", "ben": "benjamin", "andy": "andrew",
    "alex": "alexander", "steve": "steven", "chris": "christopher", "matt": "matthew", "nick": "nicholas",
    "sam": "samuel", "greg": "gregory", "ron": "ronald", "don": "donald", "pepe": "jose", "beto": "alberto",
    "lupita": "guadalupe", "paco": "francisco", "toni": "antonio",
}
# Words that precede a name without being part of it (titles are stripped before matching).
TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "sir", "president", "secretary", "minister", "ambassador", "senator", "sen", "rep",
    "representative", "governor", "gov", "general", "gen", "admiral", "adm", "prime", "vice", "deputy", "foreign",
    "attorney", "chancellor", "king", "queen", "prince", "pope", "the", "undersecretary", "under", "assistant",
    "special", "envoy", "director", "chairman", "chair", "commissioner", "mayor", "lieutenant", "colonel", "col",
    "captain", "capt", "judge", "justice", "speaker", "leader", "sheikh", "premier", "first", "lady", "state",
    "secy", "pm", "fm", "eam", "shri", "smt",
}
NAME_PARTICLES = {"de", "la", "del", "los", "las", "van", "von", "der", "da", "di", "du", "le", "y", "bin", "al", "el"}
TYPO_SIMILARITY = 90  # surname spelling variants across documents ("Ebrad"/"Ebrard") score 90-97; other names < 80
MIN_TYPO_CHARS = 5  # below this length one wrong letter changes the name; exact matches only
GIVEN_SIMILARITY = 70  # given-name spellings of one person ("Matthias"/"Mathias", transliterations) score 70-95
DOMINANT_MENTIONS = 3  # a short form shared by two names goes to the one mentioned this many times as often
MIN_SHORT_TYPO_CHARS = 6  # a lone surname is matched with a typo ("Carvajale") only when this long
_INITIAL = re.compile(r"^[a-z]\.?$")
VOWELS = frozenset("aeiouy")
ARTICLES = {"al", "el"}  # the Arabic article, written or not, hyphenated or not
_ARTICLE = re.compile(r"^(?:al|el)-(?=\w)")
SYLLABLE_SIMILARITY = 50  # "Joon"/"Jun", "Jin"/"Jun": transliterations of one syllable share the initial and half
SYLLABLE_TYPO = 85  # "nyeon"/"yeon": one extra letter
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents."""
    return strip_accents(text).lower()


def _name_tokens(name: str) -> list[str]:
    tokens = [t for t in _TOKEN.findall(fold(name).replace("’", "'"))]
    while tokens and tokens[0] in TITLE_WORDS:
        tokens.pop(0)
    while len(tokens) > 2 and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    tokens = [_ARTICLE.sub("", t) for t in tokens if t not in ARTICLES]  # "el-Amin" = "Al Amin" = "Amin"
    return [t for t in tokens if t and not _INITIAL.match(t)]


def name_key(name: str) -> str:
    """Normalised person name: accents, case, titles, initials folded; nicknames mapped."""
    tokens = _name_tokens(name)
    if tokens:
        tokens[0] = NICKNAMES.get(tokens[0], tokens[0])
    return " ".join(tokens)


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """``shorter`` occurs in ``longer`` as a contiguous run of tokens."""
    n = len(shorter)
    return any(tuple(longer[i : i + n]) == tuple(shorter) for i in range(len(longer) - n + 1))


def _subsequence(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    it = iter(longer)
    return all(tok in it for tok in shorter)


def _typo(rest: Sequence[str], known_rest: Sequence[str]) -> bool:
    """The surname part differs by a typo from the same number of tokens somewhere in the known surname part."""
    text = " ".join(rest)
    if len(text) < MIN_TYPO_CHARS or not rest:
        return False
    shorter, longer = (rest, known_rest) if len(rest) <= len(known_rest) else (known_rest, rest)
    n = len(shorter)
    target = " ".join(shorter)
    return any(fuzz.ratio(target, " ".join(longer[i : i + n])) >= TYPO_SIMILARITY for i in range(len(longer) - n + 1))


def _compact(tokens: Sequence[str]) -> str:
    return "".join(tokens).replace("-", "").replace("'", "")


def _gendered(a: str, b: str) -> bool:
    """Two given names that differ only by a final vowel: a male/female pair, two people ("Mario"/"Maria",
    "Daniel"/"Daniela")."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) == len(short) + 1:
        return long_.startswith(short) and long_[-1] in VOWELS
    return len(a) == len(b) and a[:-1] == b[:-1] and a[-1] in VOWELS and b[-1] in VOWELS


def _variant(tokens: Sequence[str], known: Sequence[str]) -> bool:
    """Two full names of one person written differently:
    (a) the same tokens in another order (family name first: "Sakamaki Hiroto" / "Hiroto Sakamaki");
    (b) one inside the other as a run of two or more tokens (a nickname kept: "Harold Hal Vandermeer"/"Hal Vandermeer");
    (c) the same surname and a given name spelt differently, same initial ("Mathias"/"Matthias");
    (d) the same family name first and each syllable of the given name a transliteration of the other's, hyphens
        ignored ("Min-jun"/"Min Joon"; never "Jong-un"/"Jong-il", whose second syllables differ)."""
    if sorted(tokens) == sorted(known):  # (a)
        return True
    if _contains(known, tokens) or _contains(tokens, known):  # (b)
        return True
    if tokens[-1] == known[-1] and tokens[0][:1] == known[0][:1] and len(tokens[-1]) >= MIN_TYPO_CHARS:  # (c)
        given, known_given = " ".join(tokens[:-1]), " ".join(known[:-1])
        return not _gendered(given, known_given) and fuzz.ratio(given, known_given) >= GIVEN_SIMILARITY
    if tokens[0] == known[0]:  # (d)
        parts = "-".join(tokens[1:]).split("-")
        known_parts = "-".join(known[1:]).split("-")
        return len(parts) == len(known_parts) >= 2 and all(
            (a[:1] == b[:1] and fuzz.ratio(a, b) >= SYLLABLE_SIMILARITY) or fuzz.ratio(a, b) >= SYLLABLE_TYPO
            for a, b in zip(parts, known_parts, strict=True)
        )
    return False


def is_full_name(tokens: Sequence[str]) -> bool:
    """A given name and a surname: two or more tokens, not starting with a particle ("de la Fuente")."""
    return len(tokens) >= 2 and tokens[0] not in NAME_PARTICLES


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    country: str | None = None
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    known_roles: list[dict] = field(default_factory=list)  # from the gazetteer: title, country, from, to, source

    def as_dict(self) -> dict:
        record = {
            "id": self.id, "type": self.type, "name": self.name, "aliases": sorted(self.aliases),
            "country": self.country, "roles": self.roles,
            "mentions": [{"doc": d, "start": s, "end": e} for d, s, e in self.mentions],
        }
        if self.known_roles:
            record["known_roles"] = self.known_roles
        if self.roles:
            record["role_spans"] = role_spans(self.roles)
        return record

    @classmethod
    def from_dict(cls, record: dict) -> Entity:
        return cls(record["id"], record["type"], record["name"], set(record["aliases"]), record["country"],
                   [(m["doc"], m["start"], m["end"]) for m in record["mentions"]], list(record["roles"]),
                   list(record.get("known_roles", [])))


@dataclass
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)
    # per document (one small dict each: a build drops a document's entries once its records are written)
    by_span: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # doc -> (start, end) -> entity
    by_doc_name: dict[str, dict[str, str]] = field(default_factory=dict)  # doc -> name key or surname -> entity

    def entity_for(self, doc_id: str, start: int | None, end: int | None, name: str | None) -> str | None:
        """The entity a speaker/participant reference points to, by span first, then by name in the document."""
        if start is not None and end is not None:
            hit = self.by_span.get(doc_id, {}).get((start, end))
            if hit:
                return hit
        if name:
            key = name_key(name)
            surname = key.split()[-1] if key else ""
            names = self.by_doc_name.get(doc_id, {})
            return names.get(key) or names.get(surname)
        return None


def role_spans(roles: list[dict]) -> list[dict]:
    """A person's roles over time: one record per (title, country) with the first and last publication date that
    shows it held ("from" / "to", ISO dates or None) and whether the latest evidence shows it held ("current": a
    later "Former ..." title, or only former ones, end it)."""
    spans: dict[tuple[str, str | None], dict] = {}
    latest: dict[tuple[str, str | None], tuple[str, bool]] = {}  # key -> (latest date, held then)
    for r in roles:
        title = str(r["title"])
        former = title.startswith("Former ")
        key = (title.removeprefix("Former "), r.get("country"))
        span = spans.setdefault(key, {"title": key[0], "country": key[1], "from": None, "to": None,
                                      "current": not former, "docs": 0})
        span["docs"] += 1
        when = str(r.get("as_of") or "")
        if not when or when.startswith("--"):  # undated, or a date without its year: cannot be ordered
            if key not in latest:  # dated evidence decides; without any, the last record does
                span["current"] = not former
            continue
        if not former:
            span["from"] = min(span["from"] or when, when)
            span["to"] = max(span["to"] or when, when)
        if key not in latest or when >= latest[key][0]:
            latest[key] = (when, not former)
            span["current"] = not former
    return sorted(spans.values(), key=lambda s: (s["from"] or "", s["title"]))


def _entity_id(type_: str, key: str) -> str:
    return "e-" + hashlib.sha256(f"{type_}:{key}".encode()).hexdigest()[:12]


SHOUTED_MIN_CHARS = 5  # ALL-CAPS forms this long are transcript labels ("RUBIO"); shorter ones are acronyms ("US", "SRE")


def _display(text: str) -> str:
    shouted = text.isupper() and "." not in text and (len(text) >= SHOUTED_MIN_CHARS or " " in text)
    return text.title() if shouted else text


class _People:
    """Person entities across documents, indexed by given name for step 2 and by token for step 3."""

    def __init__(self) -> None:
        self.tokens: dict[str, tuple[str, ...]] = {}  # entity id -> its longest name tokens
        self.history: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # entity id -> every longest form it had
        self.by_key: dict[tuple[str, ...], str] = {}
        self.by_given: dict[str, list[str]] = defaultdict(list)
        self.by_token: dict[str, set[str]] = defaultdict(set)
        self.changed: set[str] = set()  # entity ids whose index entries changed since loading (to persist)
        self.new_keys: dict[tuple[str, ...], str] = {}  # name keys added since loading
        self.new_tokens: set[str] = set()  # name tokens indexed since loading (short forms they may now claim)

    @classmethod
    def load(cls, rows: Iterable[tuple[str, Sequence[Sequence[str]]]], keys: dict[str, str]) -> _People:
        """The index as persisted: (entity id, its longest forms in the order it had them), name key -> entity."""
        people = cls()
        for eid, history in rows:
            for tokens in history:
                people._index(eid, tuple(tokens))
        people.by_key = {tuple(k.split()): eid for k, eid in keys.items()}
        people.changed.clear()
        people.new_tokens.clear()
        return people

    def _index(self, eid: str, tokens: tuple[str, ...]) -> None:
        self.tokens[eid] = tokens
        self.history[eid].append(tokens)
        self.changed.add(eid)
        if eid not in self.by_given[tokens[0]]:
            self.by_given[tokens[0]].append(eid)
        for tok in tokens:
            self.by_token[tok].add(eid)
            self.new_tokens.add(tok)

    def _key(self, tokens: tuple[str, ...], eid: str) -> None:
        if tokens not in self.by_key:
            self.by_key[tokens] = self.new_keys[tokens] = eid

    def forget(self, eid: str) -> None:
        """Drop a person no document names any more (an update retracted its last mention)."""
        for tokens in self.history.pop(eid, []):
            if eid in self.by_given.get(tokens[0], []):
                self.by_given[tokens[0]].remove(eid)
            for tok in tokens:
                self.by_token.get(tok, set()).discard(eid)
        self.tokens.pop(eid, None)
        for key in [k for k, e in self.by_key.items() if e == eid]:
            del self.by_key[key]
            self.new_keys[key] = ""  # deleted
        self.changed.add(eid)

    def match_full(self, tokens: tuple[str, ...], seen: Iterable[str] = ()) -> str | None:
        """Step 2: the entity of a full name seen in another document (several candidates: the one already seen
        in a document, when only one was)."""
        if tokens in self.by_key:
            return self.by_key[tokens]
        found = set()
        for eid in self.by_given.get(tokens[0], []):
            known = self.tokens[eid]
            if _subsequence(known, tokens) or _subsequence(tokens, known) or _typo(tokens[1:], known[1:]):
                found.add(eid)
        if not found:  # another spelling or order of the name (see _variant)
            pool = set(self.by_given.get(tokens[0], [])).union(*(self.by_token.get(t, set()) for t in tokens))
            found = {eid for eid in pool if _variant(tokens, self.tokens[eid])}
        if len(found) > 1:
            found = {eid for eid in found if eid in seen} or found
        return found.pop() if len(found) == 1 else None

    def match_short(
        self, tokens: tuple[str, ...], titles: set[str], title_of: dict[str, set[str]], seen: Iterable[str] = ()
    ) -> str | None:
        """Step 3: the unique known person whose name contains this short form; when several do, the unique one
        who holds a title the document gives this form ("President Biden" -> the Biden who was President)."""
        pools = [self.by_token.get(t, set()) for t in tokens if t not in NAME_PARTICLES]
        if not pools:
            return None
        found = {eid for eid in set.intersection(*pools) if _contains(self.tokens[eid], tokens)}
        if not found and len(tokens) == 1 and len(tokens[0]) >= MIN_SHORT_TYPO_CHARS:  # a misspelt surname
            scores = {eid: max(fuzz.ratio(tokens[0], k) for k in known[1:])
                      for eid, known in self.tokens.items() if len(known) > 1}
            best = max(scores.values(), default=0.0)
            found = {eid for eid, score in scores.items() if score >= TYPO_SIMILARITY and score == best}
            found = {eid for eid in found if eid in seen} or found
        if len(found) > 1 and titles:
            found = {eid for eid in found if titles & title_of.get(eid, set())}
        return found.pop() if len(found) == 1 else None

    def add(self, eid: str, tokens: tuple[str, ...]) -> None:
        old = self.tokens.get(eid)
        if old is None or len(old) < len(tokens):
            self._index(eid, tokens)
        self._key(tokens, eid)


def _doc_person_clusters(persons: list[Mention]) -> list[tuple[tuple[str, ...], list[Mention], list[tuple[str, ...]]]]:
    """Step 1: (longest tokens, mentions, forms) per person in one document."""
    forms: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
    for m in persons:
        tokens = tuple(name_key(m.text).split())
        if tokens:
            forms[tokens].append(m)
    clusters: list[tuple[tuple[str, ...], list[Mention], list[tuple[str, ...]]]] = []
    for tokens in sorted(forms, key=lambda t: (-len(t), t)):
        hosts = [c for c in clusters if _contains(c[0], tokens)]
        if not hosts and is_full_name(tokens):  # another spelling of a name in the same document
            hosts = [c for c in clusters if is_full_name(c[0]) and _variant(tokens, c[0])]
        if not hosts and len(tokens) == 1 and len(tokens[0]) >= MIN_TYPO_CHARS:  # a given name spelt otherwise
            hosts = [c for c in clusters if is_full_name(c[0]) and fuzz.ratio(tokens[0], c[0][0]) >= TYPO_SIMILARITY]
        if len(hosts) > 1:  # a short form most of the document's mentions give to one of the names
            counts = sorted(((len(c[1]), i) for i, c in enumerate(hosts)), reverse=True)
            if counts[0][0] >= DOMINANT_MENTIONS * counts[1][0]:
                hosts = [hosts[counts[0][1]]]
        if len(hosts) == 1:
            hosts[0][1].extend(forms[tokens])
            hosts[0][2].append(tokens)
        else:  # new name, or contained in two different names (ambiguous: kept apart)
            clusters.append((tokens, list(forms[tokens]), [tokens]))
    return clusters


def _display_rank(name: str) -> tuple[int, int]:
    """Longest first; among equally long forms, the one without a word in capitals ("Karim Haddadin", not
    "Karim HADDADIN")."""
    return len(name), -sum(w.isupper() and len(w) > 1 for w in name.split())


def _accented(name: str) -> int:
    return sum(not ch.isascii() for ch in name)


def _seed(people: _People, actors: Iterable[Actor]) -> dict[str, Entity]:
    """Known people from the gazetteer, merged like names across documents (step 2)."""
    known: dict[str, Entity] = {}
    for actor in actors:
        tokens = tuple(name_key(actor.name).split())
        if not is_full_name(tokens):
            continue
        eid = people.match_full(tokens) or _entity_id("person", " ".join(tokens))
        people.add(eid, tokens)
        ent = known.get(eid)
        if ent is None:
            ent = known[eid] = Entity(eid, "person", actor.name, country=actor.country)
        elif (len(actor.name), _accented(actor.name)) > (len(ent.name), _accented(ent.name)):
            ent.name = actor.name
        ent.country = ent.country or actor.country
        ent.known_roles.extend(actor.roles)
    return known


_SEEDED: dict[int, tuple[tuple[Actor, ...], Any]] = {}  # id(actors) -> (actors, the seeded index): seeding costs ~1 s


def _seeded(actors: tuple[Actor, ...]) -> tuple[list[tuple[str, list[tuple[str, ...]]]], dict[str, str],
                                                list[tuple[str, str, str | None, list[dict]]]]:
    """The person index seeded with ``actors`` and their entities, computed once per gazetteer (a template:
    each resolver builds its own objects from it)."""
    cached = _SEEDED.get(id(actors))
    if cached is None or cached[0] is not actors:
        people = _People()
        known = _seed(people, actors)
        cached = _SEEDED[id(actors)] = (actors, (
            [(eid, list(history)) for eid, history in people.history.items()],
            {" ".join(k): eid for k, eid in people.by_key.items()},
            [(e.id, e.name, e.country, list(e.known_roles)) for e in known.values()]))
    return cached[1]  # type: ignore[no-any-return]


@dataclass
class ShortForm:
    """A person name form with no full name in its document (step 3), kept with the entity it went to so that an
    incremental update can resolve it again when a new document names a person it may be."""

    tokens: tuple[str, ...]
    mentions: list[Mention]
    forms: list[tuple[str, ...]]
    titles: set[str]
    entity: str | None = None

    def as_dict(self) -> dict:
        return {"tokens": list(self.tokens), "forms": [list(f) for f in self.forms], "titles": sorted(self.titles),
                "entity": self.entity,
                "mentions": [[m.start, m.end, m.text, m.type, m.country] for m in self.mentions]}

    @classmethod
    def from_dict(cls, data: dict) -> ShortForm:
        return cls(tuple(data["tokens"]), [Mention(s, e, t, ty, c) for s, e, t, ty, c in data["mentions"]],
                   [tuple(f) for f in data["forms"]], set(data["titles"]), data["entity"])


class MentionLog:
    """Every entity's mentions as compact rows (document number, start, end) in attach order: what a full build
    keeps instead of ``Entity.mentions`` (a tuple each), until it writes the entity's record (:meth:`records`)."""

    def __init__(self) -> None:
        self.docs: list[str] = []
        self._doc_number: dict[str, int] = {}
        self._rows: dict[str, array[int]] = {}  # entity id -> flat (doc number, start, end) triples

    def add(self, eid: str, doc_id: str, start: int, end: int) -> None:
        number = self._doc_number.get(doc_id)
        if number is None:
            number = self._doc_number[doc_id] = len(self.docs)
            self.docs.append(doc_id)
        rows = self._rows.get(eid)
        if rows is None:
            rows = self._rows[eid] = array("i")  # 4 bytes: document numbers and offsets (an overflow raises)
        rows.extend((number, start, end))

    def records(self, eid: str) -> list[dict[str, Any]]:
        """The entity's mentions as its record lists them (:meth:`Entity.as_dict`)."""
        rows = self._rows.get(eid, array("i"))
        return [{"doc": self.docs[rows[k]], "start": rows[k + 1], "end": rows[k + 2]} for k in range(0, len(rows), 3)]

    def count(self, eid: str) -> int:
        """How many mentions of the entity are logged."""
        return len(self._rows.get(eid, ())) // 3

    def pop(self, eid: str) -> list[dict[str, Any]]:
        records = self.records(eid)
        self._rows.pop(eid, None)
        return records


class RoleLog(Protocol):
    """Where a full build sends each entity's roles instead of ``Entity.roles`` (``kb.spill.DocSpill``)."""

    def append(self, key: str, value: Any) -> None: ...


class Resolver:
    """Entity resolution as a state documents are added to. :func:`resolve` adds a whole corpus (in id order) and
    resolves the short forms at the end; an incremental update (:mod:`communique.kb.update`) starts from the
    persisted person index (``people``, ``title_of``) and the stored entities (``entities``: a mapping that may
    load them on demand), adds the new documents and resolves their short forms, and those of older documents
    that the new names may claim (:meth:`resolve_short`)."""

    def __init__(self, *, gazetteer: bool = True, people: _People | None = None,
                 entities: dict[str, Entity] | None = None, title_of: dict[str, set[str]] | None = None,
                 mention_log: MentionLog | None = None, role_log: RoleLog | None = None) -> None:
        self.res = Resolution(entities={} if entities is None else entities)
        # a full build logs mentions compactly (``Entity.mentions`` stays empty) and writes them from the log, and
        # roles out of memory (``Entity.roles`` stays empty), in the order found
        self.mention_log = mention_log
        self.role_log = role_log
        self.known: dict[str, Entity] = {}
        history: list[tuple[str, list[tuple[str, ...]]]] = []
        keys: dict[str, str] = {}
        if gazetteer:
            history, keys, known = _seeded(load_gazetteer())
            self.known = {eid: Entity(eid, "person", name, country=country, known_roles=list(roles))
                          for eid, name, country, roles in known}
        # the gazetteer seeds a fresh index; a persisted one holds its seeds already
        self.people = _People.load(history, keys) if people is None else people
        self.title_of: dict[str, set[str]] = defaultdict(set)  # entity id -> folded titles (gazetteer and documents)
        for eid, ent in self.known.items():
            self.title_of[eid].update(fold(str(r["title"])) for r in ent.known_roles)
        for eid, titles in (title_of or {}).items():
            self.title_of[eid].update(titles)
        self.pending: list[tuple[str, ShortForm]] = []
        self.short_forms: dict[str, list[ShortForm]] = defaultdict(list)  # doc id -> its resolved short forms

    def attach(self, eid: str, doc_id: str, mentions: list[Mention], forms: list[tuple[str, ...]]) -> None:
        res = self.res
        ent = res.entities[eid]
        if ent.id == eid:  # the entity's own id string: each document's spans and names share it, not a copy each
            eid = ent.id
        spans = res.by_span.setdefault(doc_id, {})
        log = self.mention_log
        for m in mentions:
            ent.aliases.add(m.text)
            ent.country = ent.country or m.country
            if log is None:
                ent.mentions.append((doc_id, m.start, m.end))
            else:
                log.add(eid, doc_id, m.start, m.end)
            spans[(m.start, m.end)] = eid
        names = res.by_doc_name.setdefault(doc_id, {})
        for form in forms:  # name strings interned: every document naming a person repeats them
            names.setdefault(sys.intern(" ".join(form)), eid)
            if len(form) >= 1:
                names.setdefault(sys.intern(form[-1]), eid)

    def new_entity(self, type_: str, key: str, mentions: list[Mention], eid: str | None = None) -> str:
        eid = eid or _entity_id(type_, key)
        if eid not in self.res.entities:
            if eid in self.known:
                self.res.entities[eid] = self.known[eid]
            else:
                self.res.entities[eid] = Entity(eid, type_, max((_display(m.text) for m in mentions), key=_display_rank))
        known_id = self.res.entities[eid].id
        return known_id if known_id == eid else eid  # the entity's own id string (see :meth:`attach`)

    def add(self, doc: Document) -> None:
        """Steps 1-2 for one document (its short forms wait for :meth:`finish`); its organizations, places,
        countries and roles."""
        res, people = self.res, self.people
        persons = [m for m in doc.mentions if m.type == "person"]
        role_titles: dict[tuple[int, int], set[str]] = defaultdict(set)
        for role in doc.roles:
            role_titles[(role.person_start, role.person_end)].add(fold(role.title))
        for tokens, mentions, forms in _doc_person_clusters(persons):
            if not is_full_name(tokens):
                titles = set().union(*(role_titles.get((m.start, m.end), set()) for m in mentions))
                self.pending.append((doc.id, ShortForm(tokens, mentions, forms, titles)))
                continue
            eid = self.new_entity("person", " ".join(tokens), mentions, people.match_full(tokens, res.entities))
            people.add(eid, tokens)
            ent = res.entities[eid]
            longest = max((_display(m.text) for m in mentions if tuple(name_key(m.text).split()) == tokens),
                          key=_display_rank, default=ent.name)
            if eid not in self.known and len(tokens) > len(tuple(name_key(ent.name).split())):
                ent.name = longest
            self.attach(eid, doc.id, mentions, forms)
        # organizations, places, countries
        others: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for m in doc.mentions:
            if m.type == "person":
                continue
            key = (m.country or fold(m.text)) if m.type == "country" else " ".join(_TOKEN.findall(fold(m.text)))
            if key:
                others[(m.type, key)].append(m)
        for (type_, key), mentions in others.items():
            eid = self.new_entity(type_, key, mentions)
            self.attach(eid, doc.id, mentions, [])
            names = res.by_doc_name[doc.id]
            names.setdefault(sys.intern(key), eid)
            for m in mentions:
                names.setdefault(sys.intern(name_key(m.text)), eid)
        for role in doc.roles:
            role_eid = res.entity_for(doc.id, role.person_start, role.person_end, role.person)
            if role_eid:
                eid = role_eid
                self.title_of[eid].add(fold(role.title))
                record = {
                    "title": role.title, "organization": role.organization, "country": role.country,
                    "doc": doc.id, "start": role.start, "end": role.end, "as_of": doc.published,
                    "current": not role.title.startswith("Former "),
                }
                if self.role_log is not None:
                    self.role_log.append(eid, record)
                else:
                    res.entities[eid].roles.append(record)
                if role.country and not res.entities[eid].country:
                    res.entities[eid].country = role.country

    def resolve_short(self, form: ShortForm) -> str:
        """Step 3 for one short form: the unique known person it names, else an entity of its own."""
        match = self.people.match_short(form.tokens, form.titles, self.title_of, self.res.entities)
        return self.new_entity("person", "~" + " ".join(form.tokens), form.mentions, match)

    def finish(self) -> Resolution:
        """3. short forms without a full name in their document."""
        for doc_id, form in self.pending:
            form.entity = self.resolve_short(form)
            self.attach(form.entity, doc_id, form.mentions, form.forms)
            self.short_forms[doc_id].append(form)
        self.pending = []
        return self.res


def resolve(docs: Iterable[Document], *, gazetteer: bool = True) -> Resolution:
    resolver = Resolver(gazetteer=gazetteer)
    for doc in docs:
        resolver.add(doc)
    return resolver.finish()
