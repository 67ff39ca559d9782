"""``ask``'s general answerer: a sentence of the candidate documents that keeps every constraint of the analysed
question and holds an answer of the asked type (:func:`general`; the cascade is in its docstring).
"""

from __future__ import annotations

import re

from .answer_context import (
    LEAD,
    MEETING_VERBS,
    STEMMED_CALL,
    STEMMED_MEETING,
    AnswerSentence,
    Candidate,
    Context,
    sentence_window,
    slug,
)
from .answer_types import answer_spans, focus_near
from .nationalities import main_forms
from .question_analysis import Analysis
from .question_patterns import CALL_WORDS, MEETING_REPORT, PLANNED_MEETING
from .typed_answers import WORDS as _WORDS
from .typed_answers import asks_past as _asks_past
from .typed_answers import counts_asked as _counts_asked
from .typed_answers import date_ok as _date_ok
from .typed_answers import date_parts as _date_parts
from .typed_answers import evidence_dates as _evidence_dates
from .typed_answers import fold as _fold
from .typed_answers import kind_ok as _kind_ok
from .typed_answers import name_in as _name_in
from .typed_answers import ordinal_of as _ordinal_of
from .typed_answers import predates as _predates
from .typed_answers import stem as _stem
from .typed_answers import typed_answer as _typed_answer
from .word_families import family

__all__ = ["general"]

MIN_NAME_SHARE = 0.5  # at least half the asked names near the answer sentence (all of them are in the document)
NAME_WEIGHT = 0.5  # names and focus words count alike in a sentence's confidence
PLACE_BONUS = 0.02  # the asked place in the answer sentence itself beats a place named elsewhere on the page
UNDATED_PENALTY = 0.1  # an answer from a page without any date, for a question that names a month or year
RANK_PENALTY = 0.002  # documents retrieved first win ties
MIN_FOCUS_SENTENCE = 0.5  # a whole sentence as the answer: at least half the question's focus words in it
MIN_FOCUS_TYPED = 0.34  # a date / place / person / number answer: a third of the focus words around it
GENERAL_DOCS = 20  # documents read per analysed question (names common to many pages push the answer down)
SELF_NAME_BONUS = 0.04  # the asked names in the sentence itself beat names found only in its neighbours
HEAD_BONUS = 0.1  # "Which treaty ...": a sentence naming a treaty beats one that does not (the name may stand alone)
UNDESCRIBED_PENALTY = 0.2  # "Which premier ...": a person with no such title near is a weaker answer
DESCRIBED_SHARE = 0.5  # "Which <Agency> Administrator ...": the asked title beside a person counts as half the focus
SHORT_BODY = 8  # the first sentences of a page refer back ("The two leaders", "She") to the people its lead names
COUNTED_SHARE = 0.5  # "How many <things>": a number of those things written counts as half the focus
OTHER_DATE_PENALTY = 0.05  # a sentence dated otherwise on a page of the asked date loses to one of the asked date
WIDE_MIN_FOCUS = 0.2  # ``wide``: a sentence with fewer of the focus words is off topic even for the learned scorer
SPAN_FOCUS_BONUS = 0.1  # a sentence answer whose answering span stands among the focus words beats one that names
# the topic in one clause and the answer in another (at most what a tenth of the focus words weigh twice)

_POSSESSIVE = re.compile(r"'s$")  # "her team's mission": the word is "team"
_JOINT_PREFIX = re.compile(r"^co-(?=\w)")  # "co-hosted", "co-chaired": the page may write the verb alone
# "Who did <subject> meet / host / visit ...": the person asked for is the other side of the meeting
_MET_WHOM = re.compile(r"^\s*(?:who|whom)\s+did\s+(?:[\w.\-’']+\s+){1,3}?(?:meet|host|visit|welcome|receive)\b",
                       re.IGNORECASE)


def general(ctx: Context, a: Analysis, wide: bool = False) -> list[Candidate]:
    """Sentences that satisfy every constraint of the question, with the typed part that answers it.

    1. documents that mention every name and place of the question (its context clause's names too);
    2. sentences whose neighbourhood names them, scored by names and focus words found (for "Who did X meet ...",
       a sentence reporting the meeting also by the focus words of its neighbours: the purpose stands next to it);
    3. the time constraint: the answer's date (when-questions) or the sentence's or document's date; a page
       published before the asked time does not report what happened then (:func:`typed_answers.predates`);
    4. the answer of the asked type found in the sentence (a date, place, person, number with its object);
    5. a whole-sentence answer to a question that expects a type (``a.expects``: "Which <Office> official
       convened ...", "Roughly how many ...") holds a span of that type the question does not give
       (:func:`answer_types.answer_spans`), ranked up by the focus words written around that span.

    ``wide``: a sentence that fails a check of steps 2-3 other than the names (too few focus words, another month,
    no meeting reported, another meeting kind) is kept, marked ``relaxed``, when it holds a typed answer.
    """
    # a derivation of the asked word counts ("flying" ~ "flight"); "co-hosted" asked, "hosted" written
    focus = [family(_stem(_JOINT_PREFIX.sub("", f))) for f in a.focus]
    kind_focus = [family(_stem(k)) for k in a.kinds]
    met_whom = _MET_WHOM.match(a.question) is not None
    meeting_focus = {f for f in focus if MEETING_VERBS.fullmatch(f) or f in STEMMED_MEETING}
    asked = [*a.names, *a.places, *a.context_names]
    # a country asked by its adjective is searched by its name too, and the reverse ("Polish" -> "Poland")
    query = " ".join([*asked, *(f for n in asked for f in main_forms(n)), *a.focus, *a.kinds])
    out: list[Candidate] = []
    for rank, doc in enumerate(ctx.candidates(query or a.question, limit=GENERAL_DOCS)):
        folded_title = _fold((doc.title or "") + " " + slug(doc))
        folded_doc = _fold(doc.text) + " " + folded_title  # the page's title names its speaker or subject
        title_words = {family(_stem(w.strip("'-"))) for w in _WORDS.findall(folded_title)}
        if not all(_name_in(n, folded_doc) for n in (*a.names, *a.places, *a.context_names)):  # 1.
            continue
        early = _predates(a, doc.published)  # 3. a page from before the asked time announces it, reports nothing of it
        if early and not wide:
            continue
        lead = _fold(" ".join([doc.title or "", doc.dateline or "", slug(doc)]
                              + [s.text for s in ctx.sentences(doc)[:LEAD]]))
        # 3. a page of the asked month or year, or one that writes such a date
        doc_time_ok = _date_ok(a, doc.published) or any(_date_ok(a, t.value) for t in doc.timexes
                                                        if t.type == "DATE" and t.value)
        # a page with no date at all can neither meet nor break the asked month: kept, less sure
        undated = not doc.published and not any(_date_parts(t.value) for t in doc.timexes if t.type == "DATE")
        for i, s in enumerate(ctx.sentences(doc)):
            window = _fold(sentence_window(ctx, doc, i))
            names = [n for n in a.names if _name_in(n, window) or _name_in(n, folded_title)
                     or (i < SHORT_BODY and _name_in(n, lead))]  # "The two leaders" of a short readout
            if a.names and len(names) / len(a.names) < MIN_NAME_SHARE:  # 2.
                continue
            if not all(_name_in(p, window) or _name_in(p, lead) for p in a.places):
                continue
            has_meeting = bool(MEETING_VERBS.search(s.text)) or any(
                e.start < s.end and e.end > s.start and e.status != "planned" for e in doc.events)
            # a meeting verb of the question ("host", "visit") is satisfied by any report of the meeting
            has_call = bool(CALL_WORDS.search(s.text))
            have_all = {family(_stem(_POSSESSIVE.sub("", w).strip("'-"))) for w in _WORDS.findall(_fold(s.text))}
            have_all |= {family(_stem(w)) for w in _fold(s.text).replace("-", " ").split()}  # "<A>-<B>" holds both
            # "Who did X meet ... to <purpose>": the person is named in the meeting's sentence, what they met
            # about in its neighbours
            near = ({family(_stem(w.strip("'-"))) for w in _WORDS.findall(window)}
                    if met_whom and MEETING_REPORT.search(s.text) else set())
            hits = sum(f in have_all or f in title_words or (f in meeting_focus and has_meeting)
                       or (f in STEMMED_CALL and has_call) or f in near for f in focus)
            # the asked kind's words rank a sentence that writes them first, but one without them (an instance
            # of the kind) may still answer on the other focus words
            kinds = sum(k in have_all for k in kind_focus)
            score = (hits + kinds) / (len(focus) + len(kind_focus)) if focus or kind_focus else 1.0
            without_kind = hits / len(focus) if focus else 1.0
            described = any(_stem(d) in {_stem(w) for w in window.split()} for d in a.descriptors)
            if a.answer_type == "person" and (any(_stem(d) in have_all for d in a.descriptors) or any(
                    m.type in ("country", "place") and s.start <= m.start < s.end and _name_in(n, _fold(m.text))
                    for m in doc.mentions for n in a.countries)):
                score = max(score, DESCRIBED_SHARE)  # the asked title or country ("Who represented <Country>")
            counted = _counts_asked(a, s.text)  # "How many <things>": a number of the asked things is on topic
            if counted or (a.answer_type == "ordinal" and _ordinal_of(a, s.text, by_name=True)  # "the 77th <Name>"
                           and len(names) == len(a.names)):  # among all the asked names
                score = max(score, COUNTED_SHARE)
            loose = early  # a check failed, kept only for the learned scorer (``wide``)
            if max(score, without_kind) < (MIN_FOCUS_SENTENCE if a.answer_type == "sentence" else MIN_FOCUS_TYPED):
                if not wide or max(score, without_kind) < WIDE_MIN_FOCUS:
                    continue
                loose = True
            name_share = len(names) / len(a.names) if a.names else 1.0
            conf = NAME_WEIGHT * name_share + (1 - NAME_WEIGHT) * score
            if a.answer_type != "date" and a.has_time:  # 3. the sentence's own dates, else the page's
                own = _evidence_dates(doc, s) + [  # "in <Place> during her June 2021 visit": the place's month
                    t.value for t in doc.timexes if t.type == "DATE" and t.value and t.basis == "explicit"
                    and s.start <= t.start < s.end and re.fullmatch(r"\d{4}-\d{2}", t.value)
                    and a.answer_type == "place"]
                # a page of the asked day or month reporting what was said then: a sentence's own date there
                # names an earlier event it refers to ("since the <date> attack"), unless the asked time dates
                # the answer itself (when / where)
                cited_past = bool(own) and a.wh not in ("when", "where") and _date_ok(a, doc.published)
                if cited_past and not any(_date_ok(a, d) for d in own):
                    conf -= OTHER_DATE_PENALTY
                elif not (any(_date_ok(a, d) for d in own) if own else doc_time_ok or undated):
                    if not wide:
                        continue
                    loose = True
                conf -= UNDATED_PENALTY if undated and not own else 0.0
            if a.answer_type in ("date", "place") and a.meeting and not (
                    MEETING_REPORT.search(s.text) and len(names) == len(a.names)
                    and not (_asks_past(a) and PLANNED_MEETING.search(s.text))):
                if not wide:  # the date or place of a meeting: from a sentence that reports one, among the names
                    continue  # asked, and for a meeting held, not one still to come ("will host ... in <Place>")
                loose = True
            if not _kind_ok(a, doc, s):
                if not wide:
                    continue  # a call does not answer a question about a meeting, nor a meeting one about a call
                loose = True
            content = [f for f in focus if f not in meeting_focus and f not in STEMMED_CALL]
            found = sum(f in have_all or f in title_words for f in content)
            # ... or, for a typed sentence, the asked kind ("Which department ...": a department named)
            if a.answer_type == "sentence" and content and not found and not (a.expects and kinds):
                if not wide:
                    continue  # a whole sentence answers only when it holds the question's own words, not the meeting's
                loose = True
            if a.answer_type in ("number", "duration") and content and not counted and not any(
                    f in have_all or f in title_words for f in content):
                if not wide:
                    continue  # "How much did X pledge": a number from a sentence about pledging, not any number
                loose = True
            typed = _typed_answer(a, doc, s)  # 4.
            if typed is None:
                continue
            answer, penalty = typed
            if a.expects:  # 5. a whole sentence: a span of the expected type that the question does not give
                spans = answer_spans(a, doc, s)
                if not spans:
                    if not wide:
                        continue
                    loose = True
                conf += SPAN_FOCUS_BONUS * focus_near(focus, doc.text[s.start:s.end], spans)
            if a.places and all(_name_in(p, _fold(s.text)) for p in a.places):
                conf += PLACE_BONUS
            if a.head and family(_stem(a.head)) in have_all:
                conf += HEAD_BONUS
            if a.answer_type == "person" and a.descriptors and not described:
                conf -= UNDESCRIBED_PENALTY
            if a.names and a.answer_type != "date":  # a date: the written one wins, wherever the names stand
                conf += SELF_NAME_BONUS * sum(_name_in(n, _fold(s.text)) for n in a.names) / len(a.names)
            out.append(Candidate(conf - penalty - RANK_PENALTY * rank, [AnswerSentence(answer, [ctx.cite(doc, s)])],
                                  relaxed=loose))
    return out
