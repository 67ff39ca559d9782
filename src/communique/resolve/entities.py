"""Entity resolution: mentions in documents -> entities of the knowledge base.

Cascade for person mentions:
1. inside a document, a full name (two or more name tokens) starts a cluster; a short form ("Rubio",
   "Secretary Rubio", "RUBIO") joins the unique full name in that document whose surname it matches
   (ambiguous short forms stay apart: never merge two people who share a first name or a title);
2. across documents, clusters merge on the normalised full name (accents, case, middle initials and
   nicknames folded: "Marco A. Rubio" = "Marco Rubio", "Jake Sullivan" = "Jacob Sullivan");
3. a short form with no full name in its document merges with the unique known person of that surname,
   else stays an entity of its own.
Organizations and places merge on their normalised name, countries on their ISO code.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Document, Mention

__all__ = ["Entity", "Resolution", "resolve", "name_key", "fold"]

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
}
NAME_PARTICLES = {"de", "la", "del", "los", "las", "van", "von", "der", "da", "di", "du", "le", "y", "bin", "al", "el"}
_INITIAL = re.compile(r"^[a-z]\.?$")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _name_tokens(name: str) -> list[str]:
    tokens = [t for t in _TOKEN.findall(fold(name).replace("’", "'"))]
    while tokens and tokens[0] in TITLE_WORDS:
        tokens.pop(0)
    return [t for t in tokens if not _INITIAL.match(t)]


def name_key(name: str) -> str:
    """Normalised person name: accents, case, titles, initials folded; nicknames mapped."""
    tokens = _name_tokens(name)
    if tokens:
        tokens[0] = NICKNAMES.get(tokens[0], tokens[0])
    return " ".join(tokens)


def _surname(tokens: list[str]) -> str:
    return tokens[-1] if tokens else ""


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    country: str | None = None
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id, "type": self.type, "name": self.name, "aliases": sorted(self.aliases),
            "country": self.country, "roles": self.roles,
            "mentions": [{"doc": d, "start": s, "end": e} for d, s, e in self.mentions],
        }


@dataclass
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)
    by_span: dict[tuple[str, int, int], str] = field(default_factory=dict)
    by_doc_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, name key or surname) -> entity

    def entity_for(self, doc_id: str, start: int | None, end: int | None, name: str | None) -> str | None:
        """The entity a speaker/participant reference points to, by span first, then by name in the document."""
        if start is not None and end is not None:
            hit = self.by_span.get((doc_id, start, end))
            if hit:
                return hit
        if name:
            key = name_key(name)
            return self.by_doc_name.get((doc_id, key)) or self.by_doc_name.get((doc_id, _surname(key.split())))
        return None


def _entity_id(type_: str, key: str) -> str:
    return "e-" + hashlib.sha256(f"{type_}:{key}".encode()).hexdigest()[:12]


def _display(text: str) -> str:
    return text.title() if text.isupper() else text


def resolve(docs: Iterable[Document]) -> Resolution:
    res = Resolution()
    surname_index: dict[str, set[str]] = defaultdict(set)  # surname -> person entity ids (full names)
    pending_short: list[tuple[str, Mention, str]] = []  # (doc, mention, surname) with no full name in the doc

    def add(type_: str, key: str, display: str, doc_id: str, m: Mention) -> str:
        eid = _entity_id(type_, key)
        ent = res.entities.get(eid)
        if ent is None:
            ent = res.entities[eid] = Entity(eid, type_, display, country=m.country)
        elif len(display) > len(ent.name) and not display.isupper():
            ent.name = display
        ent.aliases.add(m.text)
        ent.country = ent.country or m.country
        ent.mentions.append((doc_id, m.start, m.end))
        res.by_span[(doc_id, m.start, m.end)] = eid
        return eid

    for doc in docs:
        persons = [m for m in doc.mentions if m.type == "person"]
        full: dict[str, list[Mention]] = defaultdict(list)
        short: list[Mention] = []
        for m in persons:
            tokens = name_key(m.text).split()
            if not tokens:
                continue
            (full[" ".join(tokens)] if len(tokens) >= 2 else short).append(m)
        # 1. full names in this document
        doc_surnames: dict[str, set[str]] = defaultdict(set)
        for key, ms in full.items():
            display = max((_display(m.text) for m in ms), key=len)
            eid = ""
            for m in ms:
                eid = add("person", key, display, doc.id, m)
            surname_index[_surname(key.split())].add(eid)
            doc_surnames[_surname(key.split())].add(eid)
            res.by_doc_name[(doc.id, key)] = eid
        for surname, ids in doc_surnames.items():
            if len(ids) == 1:
                res.by_doc_name[(doc.id, surname)] = next(iter(ids))
        # 2. short forms join the unique full name of this document with that surname
        for m in short:
            surname = name_key(m.text)
            ids = doc_surnames.get(surname, set())
            if len(ids) == 1:
                eid = next(iter(ids))
                ent = res.entities[eid]
                ent.aliases.add(m.text)
                ent.mentions.append((doc.id, m.start, m.end))
                res.by_span[(doc.id, m.start, m.end)] = eid
            elif not ids:
                pending_short.append((doc.id, m, surname))
        # organizations, places, countries
        for m in doc.mentions:
            if m.type == "person":
                continue
            key = (m.country or fold(m.text)) if m.type == "country" else " ".join(_TOKEN.findall(fold(m.text)))
            if key:
                eid = add(m.type, key, _display(m.text), doc.id, m)
                res.by_doc_name.setdefault((doc.id, key), eid)
        for role in doc.roles:
            eid = res.entity_for(doc.id, role.person_start, role.person_end, role.person)
            if eid:
                res.entities[eid].roles.append({
                    "title": role.title, "organization": role.organization, "country": role.country,
                    "doc": doc.id, "start": role.start, "end": role.end, "as_of": doc.published,
                })
                if role.country and not res.entities[eid].country:
                    res.entities[eid].country = role.country
    # 3. short forms without a full name in their document
    for doc_id, m, surname in pending_short:
        ids = surname_index.get(surname, set())
        if len(ids) == 1:
            eid = next(iter(ids))
            ent = res.entities[eid]
            ent.aliases.add(m.text)
            ent.mentions.append((doc_id, m.start, m.end))
            res.by_span[(doc_id, m.start, m.end)] = eid
        else:
            eid = add("person", f"~{surname}", _display(m.text), doc_id, m)
        res.by_doc_name.setdefault((doc_id, surname), eid)
    return res
