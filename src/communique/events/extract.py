"""Per-document event extraction, coded in PLOVER (issue 4).

``annotate(doc, sdoc)`` sets ``doc.events``. It runs last in the extraction cascade and reads what the earlier
extractors set: ``doc.mentions`` / ``doc.roles`` (participants), ``doc.timexes`` (dates), ``doc.quotes`` and
``doc.claims`` (linked to the event they were said at).

Cascade:
1. Participant candidates: ``doc.mentions`` (person / organization / country / place); when the entity stage
   has not run, the parse's own named entities stand in.
2. Sentence units: the parse's sentences, cut again at line breaks (a byline or caption line is its own unit).
   Caption-like and byline lines are skipped.
3. Triggers per unit: verb and noun lemmas and multi-word phrases from :mod:`.plover_patterns`; special verbs
   (speak/talk with, call someone, receive/welcome a person); negated cooperation becomes REJECT.
4. Primary trigger = the one highest in the dependency tree (fewest steps to the root), so "agreed to meet"
   is AGREE and "refused to deploy" is REJECT. A trigger whose verb is conjoined with the primary one
   ("met ... and signed") gives a second event.
5. Intent: a cooperative trigger under "will" / "plans to" / "offered to" becomes AGREE with status "planned";
   a hostile one becomes THREATEN (PLOVER's CAMEO 03x / 13x rule).
6. Participants: subject, objects and with/between/... objects of the trigger (and of the verb governing a
   noun trigger: "X held talks with Y"), conjuncts included, relative clauses excluded; a country or title
   modifying a person ("Mexican Foreign Secretary X") is not a separate participant. "They" / "the two
   leaders" take the previous event's participants; a bare title ("The President") takes the person with that
   role; a title followed by "of <Country>" takes the name after it; "I" / "we" in a labelled transcript turn
   is the turn's speaker; talks framed by someone's noun ("X's statement to the press after talks with Y") add its owner.
   When the parse finds no argument, the nearest mentions left and right of the trigger stand in.
7. Date, place, mode and topics (:mod:`.setting`): the sentence's timex, else the publication date for events
   that occurred; the place the sentence gives (a city before a venue before a country; a venue stated outright),
   never the dateline by default, none for a call; mode phone / multilateral / visit / host; topic keywords over the
   sentence and its neighbours.
8. Merge repeated reports of the same event (same type and status, overlapping participants, compatible date).
9. Link quotes and claims: in a transcript of a joint press conference / bilateral meeting every turn belongs
   to its meeting; otherwise the quotes and claims in the paragraphs that report the event.
10. Label: a short human title ("Rubio meets de la Fuente in Mexico City").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..lexicon import TITLE_HEADS
from ..model import Document, Event, Mention
from . import plover_patterns as P
from .assemble import (
    MERGE_WINDOW_UNITS,
    _add,
    _Draft,
    _link,
    _merge,
    _same_party,
    _to_event,
    _Unit,
)
from .setting import TOPIC_WINDOW, _consult_mode, _date, _place, _topics, transcript_place

__all__ = ["annotate", "extract_events", "MAX_DEPTH_CLIMB", "TOPIC_WINDOW", "MERGE_WINDOW_UNITS"]

_TITLE_HEAD_WORDS = frozenset(t.split()[-1].casefold() for t in TITLE_HEADS) | P.PRINCIPAL_TITLES
MAX_FRAME_CLIMB = 6  # "X's statement to the press after talks": prepositions and their nouns
MAX_DEPTH_CLIMB = 3  # "X said it plans to agree to meet": three xcomp/conj steps up to find a subject is enough
CAPTION_MAX_WORDS = 14  # a photo credit / caption line is short; longer lines are prose
SHORT_LINE_WORDS = 8  # hard-wrapped prose lines (70-80 characters) hold more words than a heading or byline
LEFT_FALLBACK_CHARS = 120  # linear fallback: a subject mention this close before the trigger
RIGHT_FALLBACK_CHARS = 80  # linear fallback: an object mention this close after the trigger
TITLE_NAME_GAP_CHARS = 60  # "of the Democratic Socialist Republic of X": a country's long name between title and name
MIN_PARTIES_IN_SPEECH = 2  # an event told inside a quote or transcript turn needs the speaker AND someone else

_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJ_DEPS = frozenset({"dobj", "dative", "obj", "oprd"})
_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "prep"})
_KEEP_PREPS = frozenset({"of", "from"})  # "leaders of X", "doctors from Y" stay in the argument
_PARTICIPANT_TYPES = frozenset({"person", "organization", "country"})
_ENT_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "other", "LOC": "place", "FAC": "place"}
_TWO_SIDED = frozenset({"CONSULT", "SUPPORT", "DISAPPROVE", "ACCUSE", "THREATEN", "DEMAND", "REQUEST", "SANCTION"})
_FIRST_PERSON = frozenset({"i", "we"})
_REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
_SPEAK_LEMMAS = frozenset({"speak", "talk", "chat"})
_PREP_IN_AT = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$", re.IGNORECASE)
_GROUP_START_RE = re.compile(r"^\s*(?:they|we|both|the two|the leaders|the sides|the ministers)\b", re.IGNORECASE)
_QUESTIONERS = frozenset({"Q", "QUESTION", "REPORTER", "AUDIENCE MEMBER", "PARTICIPANT", "MODERATOR", "HOST"})
_QUANTITY_WORDS = frozenset({"thousand", "hundred", "dozen", "million", "group", "number", "crowd", "some"})
_TITLE_TO_NAME_RE = re.compile(r"\s+(?:of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*)*\s*,?\s*)?")
_TURN_LABEL_RE = re.compile(r"[^\n:]{3,80}:")  # a speaker label opening a transcript line ("Jane Doe, Minister:")


@dataclass
class _Hit:
    token: Any
    type: str
    mode: str | None
    noun: bool




def annotate(doc: Document, sdoc: Any = None) -> Document:
    """``doc`` with ``events`` set (see the module docstring for the cascade)."""
    if sdoc is None:
        from ..nlp.model_loader import parse

        sdoc = parse(doc.text)
    return doc.replace(events=extract_events(doc, sdoc))


def extract_events(doc: Document, sdoc: Any) -> list[Event]:
    text = doc.text
    # 1. participant candidates
    mentions = [m for m in doc.mentions if m.end > m.start] or _mentions_from_ents(sdoc)
    mentions.sort(key=lambda m: (m.start, -m.end))
    starts = [t.idx for t in sdoc]
    # 2. sentence units
    units = _units(text, sdoc)
    lower = text.lower()
    phrases = [(rx, typ, mode) for rx, typ, mode, needles in P.PHRASE_TRIGGERS if any(n in lower for n in needles)]
    drafts: list[_Draft] = []
    for ui, unit in enumerate(units):
        if _caption_like(text, unit):
            continue
        # 3-4. triggers, primary first
        hits = _triggers(text, unit, phrases)
        if not hits:
            continue
        primary = hits[0]
        chosen = [primary] + [
            h for h in hits[1:] if h.type != primary.type and h.token.dep_ == "conj" and h.token.head == primary.token
        ]
        for hit in chosen:
            draft = _draft(doc, hit, unit, ui, mentions, starts, sdoc, drafts)
            if draft is not None:
                drafts.append(draft)
    # 7. topics (needs all units; read once per unit)
    topics: dict[int, set[str]] = {}
    for d in drafts:
        if d.unit not in topics:
            topics[d.unit] = _topics(text, units, d.unit)
        d.topics |= topics[d.unit]
    # 8. merge
    drafts = _merge(drafts)
    # 9. quotes and claims
    _link(doc, drafts, units)
    # 10. labels
    return [_to_event(d) for d in drafts]


# 1 ---------------------------------------------------------------------------------------------------------
def _mentions_from_ents(sdoc: Any) -> list[Mention]:
    out = []
    for ent in sdoc.ents:
        kind = _ENT_TYPES.get(ent.label_)
        if kind:
            out.append(Mention(ent.start_char, ent.end_char, ent.text, kind, label=ent.label_))
    return out


# 2 ---------------------------------------------------------------------------------------------------------
def _units(text: str, sdoc: Any) -> list[_Unit]:
    """Sentences, cut again at paragraph breaks and after short lines (bylines, captions, headings).

    A single line break after a long line is hard-wrapped prose and does not cut the sentence.
    """
    units: list[_Unit] = []
    for sent in sdoc.sents:
        current: list[Any] = []
        for tok in sent:
            if "\n" in tok.text or tok.is_space or tok.text.strip() == "":
                if current and _cuts(text, tok):
                    units.append(_make_unit(text, current))
                    current = []
                continue
            if current and "\n" in text[current[-1].idx + len(current[-1].text) : tok.idx] and _cuts(text, tok):
                units.append(_make_unit(text, current))
                current = []
            current.append(tok)
        if current:
            units.append(_make_unit(text, current))
    return units


def _cuts(text: str, tok: Any) -> bool:
    """Whether the line break at or before ``tok`` ends a unit."""
    gap_start = tok.idx
    while gap_start > 0 and text[gap_start - 1].isspace():
        gap_start -= 1
    gap = text[gap_start : tok.idx + (len(tok.text) if tok.is_space else 0)]
    if "\n" not in gap:
        return False
    if gap.count("\n") >= 2:
        return True
    line = _line_of(text, max(0, gap_start - 1), max(0, gap_start - 1))
    if P.BYLINE_RE.match(line) or P.CAPTION_RE.search(line):
        return True
    after = text[tok.idx + (len(tok.text) if tok.is_space else 0) :].lstrip()[:1]
    return len(line.split()) <= SHORT_LINE_WORDS and (after.isupper() or after.isdigit())


def _make_unit(text: str, tokens: list[Any]) -> _Unit:
    return _Unit(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), tokens)


def _line_of(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)]


def _caption_like(text: str, unit: _Unit) -> bool:
    line = _line_of(text, unit.start, unit.end)
    if P.BYLINE_RE.match(line):
        return True
    return len(line.split()) <= CAPTION_MAX_WORDS and bool(P.CAPTION_RE.search(line))


# 3-4 -------------------------------------------------------------------------------------------------------
def _has_child(tok: Any, deps: frozenset[str] | set[str], words: set[str] | None = None) -> bool:
    return any(c.dep_ in deps and (words is None or c.lower_ in words) for c in tok.children)


def _trigger_of(tok: Any) -> tuple[str, str | None, bool] | None:
    """(type, mode, is_noun) for one token, or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
        if lemma in _SPEAK_LEMMAS:
            # "spoke with X"; "spoke to X" only for a named person ("spoke to reporters" is not a meeting)
            to_person = any(
                c.dep_ == "prep" and c.lower_ == "to" and any(g.ent_type_ == "PERSON" for g in c.children)
                for c in tok.children
            )
            return ("CONSULT", None, False) if _has_child(tok, {"prep"}, {"with"}) or to_person else None
        if lemma == "call":
            if _has_child(tok, {"prt"}, {"off"}):
                return ("CONCEDE", None, False)  # "called off the strike"
            named = any(c.dep_ == "oprd" and c.ent_type_ in ("PERSON", "ORG", "GPE") for c in tok.children)
            if _has_child(tok, {"prep"}, {"for", "on"}) or _has_child(tok, {"ccomp"}):
                return None
            if named:
                return ("CONSULT", "phone", False)  # the parser reads "called President X" like "called him a hero"
            if _has_child(tok, {"oprd"}):
                return None  # "called for" / "called on X to" are phrase triggers; "called it a success" is nothing
            return ("CONSULT", "phone", False) if _has_child(tok, _OBJ_DEPS) else None
        if lemma in P.HOST_IF_PERSON_OBJECT:
            obj = [c for c in tok.children if c.dep_ in _OBJ_DEPS]
            if any(o.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or o.pos_ == "PROPN" for o in obj):
                return ("CONSULT", "host", False)
            fallback = P.HOST_IF_PERSON_OBJECT[lemma]
            return (fallback[0], fallback[1], False) if fallback else None
        if lemma in P.VERB_TRIGGERS:
            typ, mode = P.VERB_TRIGGERS[lemma]
            return typ, mode, False
        return None
    if tok.pos_ in ("NOUN", "PROPN"):
        key = tok.lower_ if tok.lower_ in P.NOUN_TRIGGERS else lemma
        if key in P.NOUN_TRIGGERS:
            if key == "call" and _has_child(tok, {"prep"}, {"for", "on"}):
                return None
            typ, mode = P.NOUN_TRIGGERS[key]
            return typ, mode, True
    return None


def _triggers(text: str, unit: _Unit, phrases: list[tuple[re.Pattern[str], str, str | None]]) -> list[_Hit]:
    """Trigger hits in ``unit``; ``phrases``: the phrase triggers whose needles the document holds."""
    hits: list[_Hit] = []
    seen: set[int] = set()
    lower = text[unit.start : unit.end].lower()
    for pattern, typ, mode in phrases:
        for m in pattern.finditer(lower):
            tok = _token_at(unit, unit.start + m.start())
            if tok is not None and tok.i not in seen:
                seen.add(tok.i)
                hits.append(_Hit(tok, typ, mode, False))
    for tok in unit.tokens:
        if tok.i in seen:
            continue
        if tok.pos_ in ("VERB", "AUX") and _has_child(tok, {"aux"}, set(P.DEMAND_AUX)):
            # "X said Y must return the helicopter": X demands it (the hit sits on the speech verb)
            said = tok.head if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in P.SPEECH_LEMMAS else tok
            if said.i not in seen:
                seen.add(said.i)
                hits.append(_Hit(said, "DEMAND", None, False))
            continue
        found = _trigger_of(tok)
        if found is None:
            continue
        typ, mode, noun = found
        if _has_child(tok, {"neg"}) and typ in ("CONSULT", "AGREE", "COOPERATE", "SUPPORT"):
            typ, mode = "REJECT", None  # "did not agree", "refused" in all but name
        hits.append(_Hit(tok, typ, mode, noun))
    # verb triggers before noun triggers, then in text order. (Ranking by depth in the parse tree was tried,
    # 2026-12-02: it lowered events_plover test actor F1 0.7086 -> 0.7072 and wild_dev events 0.955 -> 0.945.)
    hits.sort(key=lambda h: (h.noun, h.token.i))
    return hits


def _token_at(unit: _Unit, char: int) -> Any:
    for tok in unit.tokens:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return None


# 5 ---------------------------------------------------------------------------------------------------------
def _intent(tok: Any) -> bool:
    """Whether the trigger is stated as intent or plan (future), not as something done."""
    if _has_child(tok, {"aux"}, set(P.FUTURE_AUX)):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.i != tok.i:
        if head.lemma_.lower() in P.INTENT_HEADS or head.lower_ in P.INTENT_HEADS:
            return True
        if head.lemma_.lower() == "be" and _has_child(head, {"aux"}, set(P.FUTURE_AUX)):
            return True
    if tok.dep_ == "pcomp" or (tok.dep_ == "xcomp" and head.pos_ == "ADJ"):
        return head.lower_ in P.INTENT_HEADS
    if tok.dep_ == "xcomp" and head.lemma_.lower() == "be":  # "is to visit"
        return True
    return False


# 6 ---------------------------------------------------------------------------------------------------------
def _draft(
    doc: Document, hit: _Hit, unit: _Unit, ui: int, mentions: list[Mention], starts: list[int], sdoc: Any,
    previous: list[_Draft],
) -> _Draft | None:
    typ, mode, status = hit.type, hit.mode, "occurred"
    tok = hit.token
    if typ == "AGREE" and _has_child(tok, {"xcomp"}):
        status = "planned"  # "agreed to meet again", "promised to continue aid"
        sub = next(c for c in tok.children if c.dep_ == "xcomp")
        sub_found = _trigger_of(sub)
        if sub_found and sub_found[0] == "CONSULT":
            mode = sub_found[1] or "meet"
        elif sub_found and sub_found[0] in P.CONFLICTUAL_TYPES:
            typ, mode, status = "THREATEN", None, "occurred"  # "vowed to fight", "pledged to retaliate"
    elif _intent(tok):
        if typ in P.COOPERATIVE_TYPES:
            typ, status = "AGREE", "planned"
            mode = mode or ("meet" if hit.type == "CONSULT" else None)
        elif typ in P.CONFLICTUAL_TYPES:
            typ, mode = "THREATEN", None
    heads = _argument_heads(tok, hit.noun)
    quote = next((q for q in doc.quotes if q.direct and q.start <= tok.idx < q.end), None)
    speaker = _speaker_mention(doc, quote, mentions) or _turn_speaker(doc.text, tok.idx, mentions)
    parts, countries = _participants(doc, heads, unit, mentions, starts, sdoc, previous, tok, speaker)
    if not hit.noun:
        # the parse missed a side: the nearest mention on that side stands in
        last = _last_with_participants(previous)
        # participants taken from context ("They", "the two leaders") already name both sides
        from_context = any(not (unit.start <= s_ < unit.end) for _n, s_, _e in parts)
        left_ok = from_context or any(s_ < tok.idx for _n, s_, _e in parts) or any(h.dep_ in _SUBJ_DEPS for h in heads)
        right_ok = (
            from_context
            or any(s_ > tok.idx for _n, s_, _e in parts)
            or hit.type not in _TWO_SIDED
            or tok.lemma_.lower() in P.TOPIC_OBJECT_LEMMAS
        )
        if not parts or not left_ok or not right_ok:
            more, more_c = _linear_fallback(doc.text, unit, tok, mentions, last, left=not left_ok, right=not right_ok)
            for p_, c_ in zip(more, more_c, strict=True):
                _add(parts, countries, p_, c_)
    if quote is not None or (doc.kind == "transcript" and not doc.quotes):
        # in someone's speech only a reported encounter counts ("I met today with X", "she will travel to Y");
        # "we support ..." said at a briefing, and anything in a reporter's question, is talk, not an event report
        questioner = quote is not None and (quote.speaker_name or "Q").strip().upper() in _QUESTIONERS
        encounter = typ == "CONSULT" or (typ == "AGREE" and mode in ("meet", "visit"))
        if questioner or not encounter or len(parts) < MIN_PARTIES_IN_SPEECH:
            return None
    if not parts:
        # no actor, no event (as in PLOVER/PETRARCH coding): "the visit was overdue", "to fight for" in a
        # statement, a trigger word inside someone's speech with nobody named
        return None
    d = _Draft(typ, mode, status, ui, unit.start, unit.end, parts, countries, units=[ui])
    _date(doc, d)
    _place(doc, d, unit, mentions, tok)
    if d.type == "CONSULT":
        d.mode = _consult_mode(doc, d, unit, mentions)
        transcript_place(doc, d)
    return d


def _argument_heads(tok: Any, noun: bool) -> list[Any]:
    heads: list[Any] = []

    def take(t: Any) -> None:
        topic_objects = t.lemma_.lower() in P.TOPIC_OBJECT_LEMMAS
        for c in t.children:
            if c.dep_ in _OBJ_DEPS and topic_objects:
                continue  # "discussed migration": the object is a subject matter
            if c.dep_ in _SUBJ_DEPS or c.dep_ in _OBJ_DEPS or c.dep_ in ("poss", "appos"):
                heads.append(c)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in P.ARG_PREPS):
                heads.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))

    take(tok)
    # "offered to hand over to Great Britain": the objects of the intended action take part too
    sub = tok
    for _ in range(MAX_DEPTH_CLIMB):
        sub = next((c for c in sub.children if c.dep_ == "xcomp"), None)
        if sub is None:
            break
        before = len(heads)
        take(sub)
        heads[before:] = [h for h in heads[before:] if h.dep_ not in _SUBJ_DEPS]
    if noun:
        # "X held talks with Y", "X had a call with Y": the governing verb's subject takes part; a noun that
        # is itself a subject ("the visit was overdue") refers back to an event, it does not report one
        governor = tok.head
        if (tok.dep_ == "compound" and governor.i != tok.i and governor.pos_ in ("NOUN", "PROPN")
                and governor.dep_ in ("dobj", "pobj", "attr", "conj") and governor.head.i != governor.i):
            # "X held a summit session with Y": the trigger modifies the noun the verb governs; that noun's
            # with-objects and the verb's subject take part
            take(governor)
            tok = governor
            governor = tok.head
        if tok.dep_ in ("dobj", "pobj", "attr", "conj", "compound") and governor.i != tok.i:
            if governor.dep_ == "prep":
                governor = governor.head
            if tok.dep_ == "pobj" and governor.pos_ in ("NOUN", "PROPN") and governor.lower_ in P.DOCUMENT_NOUNS:
                # "X's statement after talks with Y": X took part; "Transcript of Remarks by X on Day 1 of Y's
                # visit": X only spoke about it
                heads.extend(c for c in governor.children if c.dep_ == "poss")
            else:
                take(governor)
            heads = [h for h in heads if h.i != tok.i]
        if not any(h.dep_ in _SUBJ_DEPS or h.dep_ == "poss" for h in heads):
            heads.extend(_owner_of_frame(tok))
        return _subjects_first(heads)
    # no subject: climb xcomp / conj chains, which share their subject ("agreed to cooperate", "met and agreed")
    climb, steps = tok, 0
    while not any(h.dep_ in _SUBJ_DEPS for h in heads) and steps < MAX_DEPTH_CLIMB:
        if climb.dep_ not in ("xcomp", "conj", "pcomp", "acl", "advcl") or climb.head.i == climb.i:
            break
        climb = climb.head
        heads.extend(c for c in climb.children if c.dep_ in _SUBJ_DEPS)
        steps += 1
    return _subjects_first(heads)


def _owner_of_frame(tok: Any) -> list[Any]:
    """"X's statement to the press after talks with Y": the owner of the noun that frames the talks
    (climbing prepositions and their nouns) is the other side."""
    node = tok
    for _ in range(MAX_FRAME_CLIMB):
        if node.dep_ not in ("pobj", "prep", "pcomp") or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("NOUN", "PROPN"):
            owners = [c for c in node.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            if owners:
                return owners
    return []


def _subjects_first(heads: list[Any]) -> list[Any]:
    return sorted(heads, key=lambda h: (h.dep_ not in _SUBJ_DEPS and h.dep_ != "poss", h.i))


def _arg_tokens(head: Any) -> set[int]:
    """Token indexes of one argument: the head's subtree without clauses and (most) prepositional phrases."""
    keep: set[int] = set()
    stack = [head]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        for c in t.children:
            if c.dep_ in _CUT_DEPS and not (c.dep_ == "prep" and c.lower_ in _KEEP_PREPS):
                continue
            stack.append(c)
    return keep


def _token_index(starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


def _participants(
    doc: Document, heads: list[Any], unit: _Unit, mentions: list[Mention], starts: list[int], sdoc: Any,
    previous: list[_Draft], trigger: Any, speaker: Mention | None = None,
) -> tuple[list[tuple[str, int, int]], list[str | None]]:
    parts: list[tuple[str, int, int]] = []
    countries: list[str | None] = []
    last = _last_with_participants(previous)
    in_unit = [m for m in mentions if unit.start <= m.start and m.end <= unit.end and _can_take_part(m)]
    person_tokens = {_token_index(starts, m.start): m for m in in_unit if m.type == "person"}
    for head in heads:
        if head.i == trigger.i:
            continue
        toks = _arg_tokens(head)
        found = [m for m in in_unit if _token_index(starts, m.start) in toks]
        if not found and head.dep_ in _SUBJ_DEPS:
            # a capital or city as the subject stands for its government ("Berlin rejected", "Jakarta forced")
            found = [m for m in mentions if m.type == "place" and unit.start <= m.start < unit.end
                     and _token_index(starts, m.start) in toks]
        found = [m for m in found if not _modifies_person(m, sdoc, starts, person_tokens, toks)]
        if found:
            for m in found:
                _add(parts, countries, _group_span(doc.text, m, sdoc, starts), m.country)
            continue
        phrase = " ".join(sdoc[i].lower_ for i in sorted(toks))
        if speaker is not None and head.lower_ in _FIRST_PERSON:
            _add(parts, countries, (speaker.text, speaker.start, speaker.end), speaker.country)
            continue
        if head.pos_ == "PRON" and head.lower_ in _REPORTED_PRONOUNS and _speaker_subject(head, trigger) is not None:
            pass  # "Syria says it will ...": resolved below through the speech verb's subject
        elif (head.lower_ in P.GROUP_PRONOUNS or phrase in P.GROUP_PRONOUNS or phrase.startswith(("the two ", "both "))
              or (head.lower_ == "their" and head.dep_ == "poss")):
            if last is not None:
                for p, c in zip(last.participants, last.countries, strict=True):
                    _add(parts, countries, p, c)
            else:  # "X and Y Before Their Meeting" (a transcript's title): the people named before it on its line
                line_start = doc.text.rfind("\n", 0, head.idx) + 1
                for m in mentions:
                    if m.type == "person" and line_start <= m.start and m.end <= head.idx and _can_take_part(m):
                        _add(parts, countries, (m.text, m.start, m.end), m.country)
            continue
        said_by = _speaker_subject(head, trigger)
        if said_by is not None:
            for m in [m for m in in_unit if _token_index(starts, m.start) in _arg_tokens(said_by)]:
                _add(parts, countries, _group_span(doc.text, m, sdoc, starts), m.country)
            if any(True for m in in_unit if _token_index(starts, m.start) in _arg_tokens(said_by)):
                continue
        if head.lower_ in P.SINGLE_PRONOUNS and last is not None:
            _add(parts, countries, last.participants[0], last.countries[0])
            continue
        titled = _title_person(doc, head, mentions, [m.text for m in in_unit])
        if titled is not None:
            _add(parts, countries, (titled.text, titled.start, titled.end), titled.country)
            continue
        named = _named_after_title(doc.text, head, in_unit)
        if named is not None:  # "Prime Minister of the Republic of X Jane Doe": the parse cut the name off
            _add(parts, countries, (named.text, named.start, named.end), named.country)
            continue
        group = _group_noun_phrase(doc.text, head, toks) or _bare_title(doc.text, head, toks)
        if group is not None:
            _add(parts, countries, group, None)
    return parts, countries


def _can_take_part(m: Mention) -> bool:
    return m.type in _PARTICIPANT_TYPES or (m.type == "other" and (m.label == "NORP" or m.country is not None))


def _speaker_mention(doc: Document, quote: Any, mentions: list[Mention]) -> Mention | None:
    """The mention of a quote's speaker ("I met today with ..." in a transcript turn is the speaker's meeting)."""
    if quote is None or not quote.speaker_name:
        return None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        name = doc.text[quote.speaker_start : quote.speaker_end]
        return Mention(quote.speaker_start, quote.speaker_end, name, "person")
    last = quote.speaker_name.split()[-1].lower()
    return next((m for m in mentions if m.type == "person" and m.text.split()[-1:] == [last] or
                 (m.type == "person" and m.text.lower().split()[-1:] == [last])), None)


def _turn_speaker(text: str, char: int, mentions: list[Mention]) -> Mention | None:
    """The person labelling the transcript turn that holds ``char`` ("Ms. Jane Doe, Minister for X: I met ...")."""
    line_start = text.rfind("\n", 0, char) + 1
    m = _TURN_LABEL_RE.match(text, line_start, char)
    if m is None:
        return None
    return next((x for x in mentions if x.type == "person" and line_start <= x.start and x.end <= m.end()), None)


def _speaker_subject(head: Any, trigger: Any) -> Any:
    """For a pronoun subject of a reported clause ("Syria says it will ..."), the speech verb's subject."""
    if head.pos_ != "PRON" or head.lower_ not in _REPORTED_PRONOUNS or head.dep_ not in _SUBJ_DEPS:
        return None
    clause = head.head
    for _ in range(MAX_DEPTH_CLIMB):
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            clause = clause.head if clause.dep_ in ("xcomp", "conj") else None
            if clause is None:
                return None
            continue
        verb = clause.head
        if verb.lemma_.lower() in P.SPEECH_LEMMAS:
            subj = next((c for c in verb.children if c.dep_ in _SUBJ_DEPS and c.pos_ != "PRON"), None)
            return subj
        clause = verb
    return None


def _named_after_title(text: str, head: Any, in_unit: list[Mention]) -> Mention | None:
    """The person named right after a title and its "of <Country>" ("Prime Minister of the Republic of X Jane Doe")."""
    if head.lower_ not in P.PRINCIPAL_TITLES or not head.text[:1].isupper():
        return None
    end = head.idx + len(head.text)
    for m in in_unit:
        if m.type == "person" and end <= m.start <= end + TITLE_NAME_GAP_CHARS and _TITLE_TO_NAME_RE.fullmatch(
            text[end : m.start]
        ):
            return m
    return None


def _bare_title(text: str, head: Any, toks: set[int]) -> tuple[str, int, int] | None:
    """"The President" named nowhere in the document: the title itself stands for the principal."""
    if head.lower_ not in P.PRINCIPAL_TITLES or not head.text[:1].isupper():
        return None
    sdoc = head.doc
    first = min(i for i in toks if i <= head.i)
    while first < head.i and sdoc[first].pos_ == "DET":
        first += 1
    start, end = sdoc[first].idx, head.idx + len(head.text)
    return (text[start:end], start, end)


def _group_noun_phrase(text: str, head: Any, toks: set[int]) -> tuple[str, int, int] | None:
    """An unnamed group actor ("demonstrators", "rebel commanders", "riot police"): the noun phrase up to its head."""
    if head.lemma_.lower() in _QUANTITY_WORDS:  # "thousands of farmers", "a group of students"
        inner = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if inner and inner[0].lemma_.lower() in P.GROUP_NOUNS:
            start, end = head.idx, inner[0].idx + len(inner[0].text)
            return (text[start:end], start, end)
    if head.pos_ != "NOUN" or head.lemma_.lower() not in P.GROUP_NOUNS:
        return None
    sdoc = head.doc
    first = min(i for i in toks if i <= head.i)
    while first < head.i and (sdoc[first].pos_ in ("DET", "NUM", "PUNCT") or sdoc[first].lower_ in ("some", "about")):
        first += 1
    start, end = sdoc[first].idx, head.idx + len(head.text)
    return (text[start:end], start, end)


def _group_span(text: str, m: Mention, sdoc: Any, starts: list[int]) -> tuple[str, int, int]:
    """A nationality before a group noun is the group ("Israeli soldiers", "Sri Lankan army"), else the mention."""
    if m.type == "person":
        return (m.text, m.start, m.end)
    last = sdoc[_token_index(starts, max(m.start, m.end - 1))]
    head = last.head
    if head.i > last.i and head.i - last.i <= 3 and head.lemma_.lower() in P.GROUP_NOUNS:
        end = head.idx + len(head.text)
        return (text[m.start : end], m.start, end)
    return (m.text, m.start, m.end)


def _last_with_participants(previous: list[_Draft]) -> _Draft | None:
    """The antecedent of "they" / "the two leaders": the latest meeting with two or more participants, else the
    latest event with two or more, else the latest with any."""
    for ok in (
        lambda d: d.type == "CONSULT" and len(d.participants) >= 2,
        lambda d: len(d.participants) >= 2,
        lambda d: bool(d.participants),
    ):
        found = next((d for d in reversed(previous) if ok(d)), None)
        if found is not None:
            return found
    return None


def _modifies_person(m: Mention, sdoc: Any, starts: list[int], person_tokens: dict[int, Mention], toks: set[int]) -> bool:
    """A country / organization / title inside a person's noun phrase ("Mexican Foreign Secretary X")."""
    if m.type == "person":
        return False
    t = sdoc[_token_index(starts, m.start)]
    steps = 0
    while t.head.i != t.i and t.head.i in toks and steps < 8:
        t = t.head
        steps += 1
        p = person_tokens.get(t.i)
        if p is not None and not (p.start <= m.start < p.end):
            return True
        if t.pos_ == "PROPN" and any(pm.start <= t.idx < pm.end for pm in person_tokens.values()):
            return True
    return False


def _title_person(doc: Document, head: Any, mentions: list[Mention], others: list[str]) -> Mention | None:
    """"The President" / "The Secretary" in a readout: the person the document names with that title."""
    if head.pos_ not in ("PROPN", "NOUN") or not head.text[:1].isupper():
        return None
    word = head.lower_
    if word not in _TITLE_HEAD_WORDS:
        return None  # "MEXICO CITY (Wire) - ...": a misparsed subject that is no title names no one
    for role in doc.roles:
        if role.title.lower().split()[-1:] == [word] and doc.text[role.person_start : role.person_end] == role.person:
            return Mention(role.person_start, role.person_end, role.person, "person", role.country)
    # a person mention right after the same title word earlier in the text ("President Biden ...")
    for m in mentions:
        if m.type == "person" and m.start < head.idx and not any(_same_party(m.text, o) for o in others):
            before = doc.text[max(0, m.start - 40) : m.start].lower().split()
            if word in before[-3:]:
                return m
    return None




def _linear_fallback(
    text: str, unit: _Unit, tok: Any, mentions: list[Mention], previous: _Draft | None, left: bool = True,
    right: bool = True,
) -> tuple[list[tuple[str, int, int]], list[str | None]]:
    parts: list[tuple[str, int, int]] = []
    countries: list[str | None] = []
    cands = [m for m in mentions if unit.start <= m.start and m.end <= unit.end and _can_take_part(m)]
    lefts = [m for m in cands if tok.idx - LEFT_FALLBACK_CHARS <= m.start and m.end <= tok.idx] if left else []
    rights = [m for m in cands if tok.idx <= m.start <= tok.idx + len(tok.text) + RIGHT_FALLBACK_CHARS] if right else []
    rights = [m for m in rights if not _PREP_IN_AT.search(text[max(unit.start, m.start - 12) : m.start])]
    # a person beats the country or title words around it ("Russian President X hosted Japanese Prime Minister Y")
    lefts = [m for m in lefts if m.type == "person"][-1:] or lefts[-1:]
    rights = [m for m in rights if m.type == "person"][:1] or rights[:1]
    if left and not lefts and _GROUP_START_RE.match(text[unit.start : tok.idx]) and previous is not None:
        for p, c in zip(previous.participants, previous.countries, strict=True):
            _add(parts, countries, p, c)
    for m in lefts + rights:
        _add(parts, countries, (m.text, m.start, m.end), m.country)
    return parts, countries


# 8 ---------------------------------------------------------------------------------------------------------
