"""Yes/no questions ("Was X's exchange with Y held in person?", "Did they discuss Z?"): a verdict before the evidence.

The rules' candidates answer a question's content; this module adds the verdict, "Yes." or "No, ...", as the
answer's first sentence, citing the same evidence. Cascade (:func:`verdict`):

1. the rules' answer, when they give one, is a "Yes": its sentence keeps every constraint of the question, and when
   the question asks whether or how a meeting happened (:func:`asks_meeting`) the evidence reports the asked kind (:func:`evidence_kind`: the sentence's own words unless
   it speaks of a meeting still to come; a sentence that reports no meeting, or names a date other than the asked
   one, is no evidence; else a meeting held online by the page's first sentences, else the page's title, else its
   first sentences);
2. a question that takes a contact for granted and asks how it was held ("Was X's <date> exchange with Y held in
   person / a phone call?": :func:`kind_asked`): a candidate that keeps every other constraint (the names, the
   asked month or day) and reports another kind (a call, a meeting held online, a meeting in person) is a "No";
3. a question that takes a contact for granted and asks where ("Was X's conversation with Y held in <Place>?"):
   the same question without the place finds a call or a meeting held online (held nowhere), or a meeting the
   page places elsewhere: "No".

Otherwise not in the sources. A question that asks whether a meeting took place ("Did X meet Y in person in
<Month>?", "Did X and Y meet in <Place>?") takes nothing for granted: a call that month, or a meeting elsewhere,
does not answer it (the rules' meeting-kind and place checks decline it), and a detail the sources do not give is
no "No" either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from .question_analysis import Analysis
from .question_patterns import FUTURE_MEETING, MANNER_CALL, MANNER_IN_PERSON, MEETING_REPORT, REMOTE_REPORT
from .typed_answers import date_ok, fold, kind_fits, kind_of, name_in

__all__ = ["YES", "NO", "verdict", "kind_asked", "asks_meeting", "evidence_kind"]

YES = "Yes."
NO = "No."
SAID_KIND = {"call": "a call", "remote": "a meeting held online", "in_person": "a meeting in person"}
# A contact the question takes for granted ("Was X's exchange with Y ...", "Was the call held in ..."): nouns that name
# no kind, for asking its kind; any contact noun, for asking its place
_INVERTED = re.compile(r"^\s*(?:was|were|is)\b", re.IGNORECASE)
_CONTACT = re.compile(r"\b(?:exchange|conversation|contact|engagement|discussion|conference)\b", re.IGNORECASE)
_ANY_CONTACT = re.compile(r"\b(?:exchange|conversation|contact|engagement|discussion|conference|call|meeting|visit|talks|"
                          r"summit)\b", re.IGNORECASE)
# "Did X meet / call / visit Y ...": the main clause's verb is the meeting (a few words of names before it)
_ASKS_MEETING = re.compile(r"^\s*(?:did|have|has|had|will)\s+(?:[\w.\-’']+\s+){1,8}?(?:meet|visit|host|welcome|receive|call|"
                           r"phone|telephone|speak|talk|travel|see|sit\s+down)\b", re.IGNORECASE)
LEAD_SENTENCES = 3  # a readout says how the meeting was held in its first sentences


class _Cand(Protocol):
    confidence: float
    sentences: list[Any]
    relaxed: bool


C = TypeVar("C", bound=_Cand)


def _cited(ctx: Any, c: _Cand) -> list[tuple[Any, Any]]:
    """(document, sentence span) of every citation of the candidate's sentences."""
    out = []
    for s in c.sentences:
        for cite in s.citations:
            doc = ctx.doc(cite["doc"])
            if doc is not None:
                out.append((doc, ctx.sentence_at(doc, cite["start"], cite["end"])))
    return out


def kind_asked(a: Analysis) -> str:
    """The kind ("in_person" / "call") asked of a contact the question takes for granted (step 2), else ""."""
    q = a.question
    if a.wh != "yes_no" or not _INVERTED.match(q) or not _CONTACT.search(q):
        return ""
    in_person, call = bool(MANNER_IN_PERSON.search(q)), bool(MANNER_CALL.search(q))
    return "in_person" if in_person and not call else "call" if call and not in_person else ""


def asks_meeting(a: Analysis) -> bool:
    """The question asks whether (or how) a meeting or call happened, not about something dated by one ("Was the
    accord signed by the time X phoned Y?"): its kind is then what step 1 checks."""
    return a.manner or bool(kind_asked(a)) or bool(_ASKS_MEETING.match(a.question))


def verdict(ctx: Any, a: Analysis, candidates: Sequence[C], min_confidence: float,
            satisfies: Callable[[Any, Analysis, Any], bool],
            answered: Callable[[Analysis], Sequence[C]]) -> tuple[str, C] | None:
    """The verdict's sentence on a yes/no question and its evidence (module docstring), or None: not in the sources.

    ``candidates``: every candidate of the question, those that break a constraint marked ``relaxed``, best first;
    ``satisfies(ctx, analysis, candidate)``: the rules' constraint check; ``answered(analysis)``: the candidates of
    the general answerer for a changed analysis, best first (steps 2 and 3: the contact's names and time only)."""
    checked = a.meeting_kind and asks_meeting(a)
    kept = [c for c in candidates if not c.relaxed and c.confidence >= min_confidence
            and (not checked or all(_fits(evidence_kind(ctx, doc, span, a), a) for doc, span in _cited(ctx, c)))]
    if kept:  # 1. the rules answer it: every constraint holds
        return YES, kept[0]
    asked = kind_asked(a)
    if asked:  # 2. the contact by its names and time alone (its noun and the kind words are no topic): its kind
        wanted = replace(a, meeting_kind=asked, manner=True)
        for c in answered(replace(a, focus=(), meeting_kind="")):
            if c.relaxed or c.confidence < min_confidence:
                continue
            kinds = {evidence_kind(ctx, doc, span, a) for doc, span in _cited(ctx, c)}
            if len(kinds) != 1 or not kinds <= set(SAID_KIND):
                continue  # no meeting of the asked time in the sentence, or two kinds: no evidence either way
            kind = next(iter(kinds))
            return (YES, c) if kind_fits(kind, wanted) else (f"No, it was {SAID_KIND[kind]}.", c)
    if a.places and a.wh == "yes_no" and _INVERTED.match(a.question) and _ANY_CONTACT.search(a.question):
        for c in answered(replace(a, places=())):  # 3. the contact found without the place: held nowhere, or elsewhere
            if c.relaxed or c.confidence < min_confidence:
                continue
            cited = _cited(ctx, c)
            if not cited:
                continue
            kinds = {evidence_kind(ctx, doc, span, a) for doc, span in cited}
            if kinds and kinds <= {"call", "remote"}:
                return f"No, it was {SAID_KIND[sorted(kinds)[0]]}.", c
            near = " ".join(fold(doc.text[span.start:span.end] + " " + (doc.title or "") + " " + (doc.dateline or ""))
                            for doc, span in cited)
            if kinds == {"in_person"} and not any(name_in(p, near) for p in a.places) and _places_of(cited):
                return NO, c
    return None


def _fits(kind: str, a: Analysis) -> bool:
    """The evidence's kind (:func:`evidence_kind`) answers "Yes" to the asked kind: a sentence about no meeting does
    not, an unknown kind does (the rules kept it)."""
    return kind != "none" and (kind_fits(kind, a) or not kind)


def evidence_kind(ctx: Any, doc: Any, span: Any, a: Analysis) -> str:
    """How the meeting of the evidence was held: "call" / "in_person" / "remote" / "" (unknown) / "none" (no meeting
    of the asked time reported; step 1 of the module docstring)."""
    own = doc.text[span.start:span.end]
    if any(t.type == "DATE" and t.basis == "explicit" and t.value and not date_ok(a, t.value)
           for t in doc.timexes if span.start <= t.start < span.end):
        return "none"  # "during her June visit" in a sentence of a May call: another meeting, another time
    if not FUTURE_MEETING.search(own) and kind_of(own):
        return kind_of(own)
    if not MEETING_REPORT.search(own):
        return "none"  # the sentence reports no meeting at all: no evidence of one, of either kind
    lead = " ".join(doc.text[s.start:s.end] for s in ctx.sentences(doc)[:LEAD_SENTENCES])
    if REMOTE_REPORT.search(lead):
        return "remote"  # "met virtually" in the lead: online, whatever the title calls it
    return kind_of(doc.title or "") or kind_of(lead)


def _places_of(cited: list[tuple[Any, Any]]) -> bool:
    """The cited sentences name a place of their own (a meeting placed somewhere else)."""
    return any(m.type in ("place", "country") and span.start <= m.start < span.end
               for doc, span in cited for m in doc.mentions)
