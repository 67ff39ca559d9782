"""``ask``: answer a question from the knowledge base, every answer sentence with its citations.

Cascade:
1. analyse the question (:mod:`question_analysis`): question word, answer type, names, places, month / year / day,
   counted words, focus words; and recognise a few question forms (:mod:`question_patterns`: when_met, who_said,
   what_said, attendees, role) whose structured records answer them;
2. retrieve candidate documents with the full-text index (the question's names and words, best documents first);
3. answer a recognised form from its records (:mod:`record_answers`: events with participants and dates, quotes
   with speakers, roles) and keep only answers that satisfy the question's constraints (:func:`_satisfies`: month /
   year, place, the names near a meeting date, a sentence that reports the meeting, a call or a meeting as asked);
4. otherwise, or beside a meeting date, the general answerer (:mod:`general_answer`): sentences of documents naming
   every asked name and place, scored by names and focus words, kept when the time constraint holds and the sentence holds
   an answer of the asked type (a date, a place, a person, a number with what it counts, a duration);
5. "What did X say ...": only X's quoted or reported words answer (:mod:`said_by`), not the other side's nor a
   joint discussion; "What office did X hold before <event>": only evidence that says the role was an earlier one;
6. a yes / no question: "Yes." before the sentence found, "No, ..." for a contact taken for granted that was of
   another kind or held elsewhere (:mod:`yes_no`);
7. every candidate carries a confidence; below :data:`MIN_CONFIDENCE` the answer is "not in the sources".

Step 1 runs once per question (:func:`ask`); steps 2-5 are :func:`candidates_for`. What the steps share (the answer
and candidate records, the question's documents and sentences, name matching) is :mod:`answer_context`.

Citations point at sentences of the clean text: ``doc.text[start:end]`` is the cited sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from . import answer_scorer, general_answer, record_answers, yes_no
from .answer_context import (
    LEAD,
    NOT_IN_SOURCES,
    Answer,
    AnswerSentence,
    Candidate,
    Context,
    cited_text,
    cites_words_of,
    has_name,
    sentence_window,
    slug,
)
from .index import index_for
from .question_analysis import Analysis, analyze
from .question_patterns import EARLIER_ROLE_QUESTION, EARLIER_ROLE_REPORT, MEETING_REPORT, QUESTION_PATTERNS
from .record_answers import TOPIC_END
from .said_by import asked_speaker, listener
from .typed_answers import WORDS as _WORDS
from .typed_answers import date_ok as _date_ok
from .typed_answers import evidence_dates as _evidence_dates
from .typed_answers import fold as _fold
from .typed_answers import kind_ok as _kind_ok
from .typed_answers import name_in as _name_in
from .typed_answers import predates as _predates
from .typed_answers import stem as _stem
from .word_families import family

__all__ = ["ask", "Answer", "AnswerSentence", "classify", "candidates_for", "rule_answer", "MIN_CONFIDENCE",
           "NOT_IN_SOURCES"]

MIN_CONFIDENCE = 0.5  # below this the best candidate is a guess: say "not in the sources" instead
MAX_ANSWER_SENTENCES = 3  # enough for "several meetings" or "two quotes", short enough to read
EVENT_PAGE_BONUS = 0.1  # a role from the page of the asked event beats a longer title from another page (not a
# better name match: a full name scores 0.3 over a surname alone)
# Words of a role question that name no event: the role asked for and the verbs that ask it
ROLE_WORDS = frozenset("role roles title titles job jobs position positions post posts office offices rank hold held "
                       "have had taken take took".split())


def classify(question: str) -> tuple[str, dict[str, str]]:
    """(intent, named groups) of the first matching question pattern, or ("keywords", {})."""
    for intent, pattern in QUESTION_PATTERNS:
        m = pattern.match(question)
        if m:
            return intent, {k: v for k, v in m.groupdict().items() if v}
    return "keywords", {}


def _satisfies(ctx: Context, a: Analysis, c: Candidate) -> bool:
    """A record answer keeps the question's constraints: its date in the asked month / year, the asked places near."""
    for sentence in c.sentences:
        for cite in sentence.citations:
            doc = ctx.doc(cite["doc"])
            if doc is None:
                return False
            span = ctx.sentence_at(doc, cite["start"], cite["end"])
            index = next((i for i, s in enumerate(ctx.sentences(doc)) if s.start == span.start), 0)
            near = _fold(sentence_window(ctx, doc, index) + " " + (doc.title or "") + " " + (doc.dateline or "") + " "
                         + slug(doc) + " "
                         + " ".join(s.text for s in ctx.sentences(doc)[:LEAD]))
            if not all(_name_in(p, near) for p in a.places):
                return False
            window = _fold(sentence_window(ctx, doc, index))
            if a.answer_type == "date" and not all(_name_in(n, window) for n in a.names):
                return False  # a date answer: the sentence or its neighbours name everyone asked about
            text = doc.text[span.start:span.end]
            if a.answer_type == "date" and a.meeting and not MEETING_REPORT.search(text):
                return False
            if not _kind_ok(a, doc, span):
                return False  # a call asked about as a meeting, or a meeting as a call
            if a.has_time:
                if _predates(a, doc.published):
                    return False  # a page from before the asked time: a plan, not what happened
                written = re.findall(r"\((\d{4}-\d{2}(?:-\d{2})?)\)", sentence.text)
                dates = written or [*_evidence_dates(doc, span), doc.published or ""]
                if not any(_date_ok(a, d) for d in dates):
                    return False
    return True


def _event_share(ctx: Context, a: Analysis, c: Candidate) -> float:
    """Share of the question's words other than the role's (the event of "when she previewed <X>", "according to the
    <Month> readout") that the cited pages write, in their text, title or address; 0 when there are none."""
    words = [f for f in a.focus if f not in ROLE_WORDS]
    pages = [ctx.doc(cite["doc"]) for s in c.sentences for cite in s.citations]
    text = " ".join(_fold(d.text + " " + (d.title or "") + " " + slug(d)) for d in pages if d is not None)
    have = {family(_stem(w)) for w in _WORDS.findall(text)}
    return sum(family(_stem(w)) in have for w in words) / len(words) if words else 0.0


def candidates_for(store: Any, a: Analysis, wide: bool = False) -> tuple[Context, str, list[Candidate]]:
    """(context, intent, every candidate answer kept by steps 2-5 of the cascade, best rule score first) for the
    analysed question ``a`` (step 1: :func:`question_analysis.analyze`).

    ``wide``: also the candidates that break a constraint of step 3 or 4 (a month, place, meeting kind, too few
    focus words), marked ``relaxed``: the rules never choose them; the learned scorer weighs them."""
    index = index_for(store)
    question = a.question
    intent, groups = classify(question)
    ctx = Context(store, index)
    if intent == "role" and re.search(r"\b[a-z]{3,}\b", re.sub(r"\b(?:of|the|and|de|la|del|van|von|bin|al)\b", "",
                                                               groups.get("who", ""))):
        intent = "general"  # "Who is the <title> who ...": a person described, not a name to look up
    if intent in ("keywords", "when_event", "figures"):
        intent = "general"
    for key in ("a", "b"):  # "<Name> of <Country> about <topic> in <Month>": the name alone; the rest are constraints
        if key in groups:
            groups[key] = re.split(r"\s+(?:in|at|on|during|about|regarding|over|to|of|from|for|by)\s+", groups[key])[0]
    verb = {"speak": "spoke", "talk": "talked"}.get(
        next((w for w in ("speak", "talk") if re.search(rf"\b{w}\b", question, re.IGNORECASE)), ""), "met")
    handlers = {
        "role": lambda: record_answers.role(ctx, groups),
        "when_met": lambda: record_answers.when_met(ctx, groups, verb),
        "who_said": lambda: record_answers.who_said(ctx, groups),
        "what_said": lambda: record_answers.what_said(ctx, groups),
        "attendees": lambda: record_answers.attendees(ctx, groups),
        "general": lambda: [],
    }
    # the records of a recognised question form first; the general analysis when they give nothing
    found = [replace(c, step=intent, relaxed=not _satisfies(ctx, a, c)) for c in handlers[intent]()]
    if intent == "role":  # "What post did X hold when <event>": the role the page of that event gives first
        found = [replace(c, confidence=c.confidence + EVENT_PAGE_BONUS * _event_share(ctx, a, c)) for c in found]
    found = [c for c in found if wide or not c.relaxed]
    if intent in ("general", "when_met") or not any(not c.relaxed for c in found):
        general = general_answer.general(ctx, a, wide)
        if intent == "what_said":  # what X said: a sentence that names X, not one about whoever else was there
            general = [c for c in general if all(has_name(cited_text(ctx, s), groups["who"])
                                                 or cites_words_of(ctx, s, groups["who"]) for s in c.sentences)]
        found += general
    if EARLIER_ROLE_QUESTION.match(question):  # a role before an event: evidence that says the role was an earlier one
        found = [c for c in found if all(EARLIER_ROLE_REPORT.search(cited_text(ctx, s)) for s in c.sentences)]
    speaker = asked_speaker(question)
    if speaker:  # "What did X say ...": X's quoted or reported words, not the other side's nor a joint discussion
        found = [c for c in found if all(s.text.startswith(f"{speaker} said:") or cites_words_of(ctx, s, speaker)
                                         for s in c.sentences)]
        # ... about the topic's names in the words themselves ("about <Name>"), not in the sentence next to them
        topic = TOPIC_END.split(question[question.find(speaker) + len(speaker):])[0]
        heard = listener(question, speaker) or ""  # "tell <Y> about <topic>": <Y> hears the words, not their topic
        named = [n for n in a.names if n in topic and not has_name(n, speaker) and not (heard and has_name(heard, n))]
        found = [c for c in found if all(_name_in(n, _fold(cited_text(ctx, s))) for s in c.sentences for n in named)]
    return ctx, intent, sorted(found, key=lambda c: -c.confidence)


def ask(store: Any, question: str, scorer: str | None = None) -> Answer:
    """Answer ``question`` from the stored documents, or say it is not in the sources.

    ``scorer``: "rules" (the hand-set confidences and :data:`MIN_CONFIDENCE`) or "learned" (:mod:`answer_scorer`
    picks the candidate and declines below its threshold); None: :data:`answer_scorer.DEFAULT_SCORER`."""
    if scorer is not None and scorer not in answer_scorer.SCORERS:
        raise ValueError(f"unknown answer scorer {scorer!r}: use one of {', '.join(answer_scorer.SCORERS)}")
    learned = (scorer or answer_scorer.DEFAULT_SCORER) == "learned"
    a = analyze(question)
    polar = not learned and a.wh == "yes_no"  # the verdict weighs the relaxed candidates too
    ctx, intent, candidates = candidates_for(store, a, wide=learned or polar)
    if polar:
        return _yes_no_answer(question, ctx, a, intent, candidates)
    if learned:
        chosen_one, probability = answer_scorer.choose(ctx, a, candidates)
        if chosen_one is None:
            return Answer(question, [], not_in_sources=True, intent=intent, confidence=round(probability, 3))
        return Answer(question, chosen_one.sentences[:MAX_ANSWER_SENTENCES], intent=intent,
                      confidence=round(probability, 3))
    return rule_answer(question, intent, candidates)


def _yes_no_answer(question: str, ctx: Context, a: Analysis, intent: str, candidates: list[Candidate]) -> Answer:
    """"Yes." or "No." and the evidence (:mod:`yes_no`), or not in the sources."""
    found = yes_no.verdict(ctx, a, candidates, MIN_CONFIDENCE, _satisfies,
                           lambda b: sorted(general_answer.general(ctx, b), key=lambda c: -c.confidence))
    if found is None:  # the rules' sentences, if any, do not bear the asked kind of meeting out
        return Answer(question, [], not_in_sources=True, intent=intent)
    word, chosen = found
    kept = [c for c in candidates if not c.relaxed]
    answer = rule_answer(question, intent, kept if word == yes_no.YES and chosen in kept else [chosen])
    first = answer.sentences[0].citations if answer.sentences else []
    answer.sentences.insert(0, AnswerSentence(word, list(first)))
    return answer


def rule_answer(question: str, intent: str, candidates: list[Candidate]) -> Answer:
    """The rule scorer: the best confidence wins (with its ties), below :data:`MIN_CONFIDENCE` none does."""
    if not candidates or candidates[0].confidence < MIN_CONFIDENCE:
        return Answer(question, [], not_in_sources=True, intent=intent,
                      confidence=round(candidates[0].confidence, 3) if candidates else 0.0)
    best = candidates[0].confidence
    chosen: list[AnswerSentence] = []
    seen: set[str] = set()
    for c in candidates:
        if c.confidence < best - 0.001 or len(chosen) >= MAX_ANSWER_SENTENCES:
            break
        for s in c.sentences:
            if _fold(s.text) not in seen:
                seen.add(_fold(s.text))
                chosen.append(s)
    return Answer(question, chosen[:MAX_ANSWER_SENTENCES], intent=intent, confidence=round(min(best, 1.0), 3))

