"""Yes/no questions ("Did X meet Y in person in May?", "Was the call held in <Place>?"): a verdict before the evidence.

The rules' candidates answer a question's content; this module adds the verdict, "Yes." or "No.", as the answer's
first sentence, citing the same evidence. Cascade (:func:`verdict`):

1. the asked kind of meeting (in person, or by phone) against the kind the evidence reports: when no candidate
   keeps every constraint, but one keeps every constraint except the kind (the names, the asked month or day) and
   reports another kind (a call for "Did they meet?", a meeting held online for "Did they meet in person?", a
   meeting for "Did they speak by phone?"), the answer is "No", with that sentence as evidence;
2. an asked place: when no candidate names it, but the same question without the place finds a call or a meeting
   held online (held nowhere) or a meeting the page places elsewhere, the answer is "No";
3. otherwise the rules' answer, when they give one, is a "Yes": its sentence keeps every constraint of the question,
   and for an asked kind of meeting the evidence reports that kind (:func:`evidence_kind`: the sentence's own words
   unless it speaks of a meeting still to come; a sentence that reports no meeting, or names a date other than the
   asked one, is no evidence; else a meeting
   held online by the page's first sentences, else the page's title, else its first sentences). None: not in the
   sources (a detail the sources do not give is no "No").

Step 3 is tried first: a meeting of the asked kind beats a call of the same pair the same month.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from .question_analysis import Analysis
from .question_patterns import FUTURE_MEETING, MEETING_REPORT, REMOTE_REPORT
from .typed_answers import date_ok, fold, kind_fits, kind_of, name_in

__all__ = ["YES", "NO", "verdict"]

YES = "Yes."
NO = "No."
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


def verdict(ctx: Any, a: Analysis, candidates: Sequence[C], min_confidence: float,
            satisfies: Callable[[Any, Analysis, Any], bool],
            without_places: Callable[[], Sequence[C]]) -> tuple[str, C] | None:
    """The verdict on a yes/no question and its evidence (module docstring), or None: not in the sources.

    ``candidates``: every candidate of the question, those that break a constraint marked ``relaxed``, best first;
    ``satisfies(ctx, analysis, candidate)``: the rules' constraint check; ``without_places()``: the candidates of
    the same question with its places dropped (asked only at step 2)."""
    kept = [c for c in candidates if not c.relaxed and c.confidence >= min_confidence
            and (not a.meeting_kind or all(_fits(evidence_kind(ctx, doc, span, a), a) for doc, span in _cited(ctx, c)))]
    if kept:  # 3. the rules answer it: every constraint holds
        return YES, kept[0]
    if a.meeting_kind:  # 1. a meeting of the other kind, every other constraint kept
        loose = replace(a, meeting_kind="")
        for c in candidates:
            if c.confidence < min_confidence or not satisfies(ctx, loose, c):
                continue
            kinds = {evidence_kind(ctx, doc, span, a) for doc, span in _cited(ctx, c)}
            if kinds and all(k in ("call", "in_person", "remote") and not kind_fits(k, a) for k in kinds):
                return NO, c
    if a.places:  # 2. the same meeting found without the place: a call, or a meeting placed elsewhere
        for c in without_places():
            if c.relaxed or c.confidence < min_confidence:
                continue
            cited = _cited(ctx, c)
            if not cited:
                continue
            kinds = {evidence_kind(ctx, doc, span, a) for doc, span in cited}
            if kinds and kinds <= {"call", "remote"}:
                return NO, c
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
    of the asked time reported; step 3 of the module docstring)."""
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
