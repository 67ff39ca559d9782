"""Document kind (news | readout | transcript | press_release | statement | speech | other) and the evidence for it.

Pages come from the office that wrote them and from news, aggregator and press-release sites that repost or rewrite
them, so the kind is read from the text's voice, not from the site: speaker turns make a transcript; first-party
office markers ("The following is attributable to Spokesperson ...", "Office of the Spokesperson", "(Summary)") make a
readout even on a press-release site; wire datelines, reporting of the official text ("said in a press release",
"the release said", "told reporters"), hedges ("reportedly") and news-style weekday dates make rewritten copy news.

Cascade (:func:`classify_kind_evidence`, numbered the same in the code):
 1. empty text -> other;
 2. the title names the genre ("Readout of", "Press Briefing", "Statement by", "Remarks by"); a transcript genre
    inside a title needs speaker turns or a first-person body (a news headline "X and Y hold press conference" is
    news), at its start it does not ("Press Briefing by ...");
 3. a dialogue: TRANSCRIPT_MIN_TURNS labelled turns by TRANSCRIPT_MIN_VOICES voices (not LIST_MIN_TURNS turns by
    as many voices: a list of quoted statements) -> transcript;
 4. a heading that names a transcript ("Transcript of", "Press Conference by", "answers to questions") with a
    labelled turn, a first-person body or an address ("Good afternoon.") right under it -> transcript;
 5. a first-party office marker -> readout;
 6. the opening lines name the genre ("Readout of", "Statement from");
 7. a short third-person text with a readout lead ("spoke today with", "met with") and summary verbs, little
    quotation, and no news cue (wire dateline, reported release, news weekday, byline) -> readout;
 8. a press-release header or media contact ("FOR IMMEDIATE RELEASE") -> press_release;
 9. an announcement of a coming meeting ("will host") -> statement;
10. a first-person text opening with an address ("Thank you, Mr. President") -> speech;
11. a first-person text without reporting verbs -> speech (long) or statement (short);
12. a closing "###" -> press_release;
13. otherwise news.
"""

from __future__ import annotations

import re
from typing import Protocol

from ..nlp.transcript import Turn, find_turns
from . import kind_patterns as K
from . import meta_patterns as P

__all__ = ["classify_kind", "classify_kind_evidence"]

HEAD_LINES = 8  # non-empty lines at the top that may hold title, byline, date line, dateline and genre heading
TAIL_LINES = 6  # non-empty lines at the bottom that may hold a "###" or a source credit
HEADING_MAX_WORDS = 40  # a heading naming a transcript runs to ~35 words ("A B's opening statement and answers to questions at ..., City, date")
OFFICE_MARKER_LINES = 15  # office markers sit in the page header, under site residue (menus, banners)
NEWS_CUE_CHARS = 2500  # wire datelines and reporting cues of rewritten copy sit in its first paragraphs
TRANSCRIPT_MIN_TURNS = 2  # two labelled turns by two voices are a dialogue (pages are often cut after two turns)
TRANSCRIPT_MIN_VOICES = 2  # a dialogue needs two voices ("Q" counts as one)
READOUT_LEAD_CHARS = 500  # the readout's opening sentence ("X spoke today with Y") sits in the first paragraph
READOUT_MIN_SUMMARY_VERBS = 2  # without "today" in the lead, two summary verbs ("discussed", "reaffirmed")
READOUT_MAX_QUOTES = 5  # readouts paraphrase; a few quoted phrases (program names) are fine
SINGULAR_MAX_READOUT_RATE = 0.01  # "I"/"my" per word: a readout is third person (statements run at 0.02+)
READOUT_MAX_REPORTING = 2  # readouts do not quote ("said") like news; news copy has many reporting verbs
READOUT_MAX_WORDS = 1500  # readouts are short (99% of the WH ones under 800 words); UN speeches run to 3,000+
NEWS_MIN_WEAK_CUES = 2  # a bare "on Monday", a quoted post, two "said" each occur in readouts; two of them mark news
NEWS_MIN_REPORTING = 2  # one "said" occurs in readouts (a quoted participant); two are a weak news cue
LIST_MIN_TURNS = 4  # this many labelled turns, no voice twice: a list of quoted statements, not a dialogue
SPEECH_OPENING_LINES = 3  # "Thank you, ..." may follow a place line and a time line
SPEECH_MIN_WORDS = 250  # a speech is a long monologue; shorter first-person texts are statements
SPEECH_LONG_WORDS = 1000  # a first-person text this long without reporting verbs is a speech, not a statement
SPEECH_MIN_FIRST_PERSON_RATE = 0.01  # UN General Debate speeches: 90% above 0.0126 (I/we/our per word)
FIRST_PERSON_MIN_RATE = 0.025  # a short statement is dense in I/we/our (news prose median ~0.007)
NEWS_REPORTING_RATE = 0.004  # reporting verbs ("said") per word above which a text is reported news
MONOLOGUE_MAX_REPORTING_RATE = 0.002  # speeches: 90% below 0.0016 reporting verbs per word; news: 90% above 0.0019
EVIDENCE_CHARS = 80  # matched text quoted in the evidence is cut to this length


class _Dateline(Protocol):
    """A dateline found by the metadata stage (:class:`communique.ingest.metadata.Dateline`)."""

    @property
    def place(self) -> str: ...

    @property
    def agency(self) -> str | None: ...


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def _voices(turns: list[Turn]) -> list[str]:
    """Distinct voices of the turns, in order: a speaker's label, or "question" / "host"."""
    out: list[str] = []
    for t in turns:
        voice = t.label if t.role == "speaker" else t.role
        if voice not in out:
            out.append(voice)
    return out


def _genre_first(title: str, at: int) -> bool:
    """Whether the genre noun opens the title ("Press Briefing by ...", "Joint Press Conference of ..."), as in a
    transcript's own title, not inside a news headline ("X and Y hold press conference")."""
    return all(w.lower() in K.GENRE_MODIFIERS for w in title[:at].split())


def _news_cues(body: str, dateline: _Dateline | None, reporting: int) -> tuple[list[str], list[str]]:
    """(strong, weak) news cues: datelines, reported releases, hedges, news weekdays, bylines; weak: a bare weekday,
    a quoted social-media post, two reporting verbs."""
    start = body[:NEWS_CUE_CHARS]
    strong: list[str] = []
    weak: list[str] = []
    if dateline is not None:  # "GENEVA (Reuters) —", "WASHINGTON —": a reporter's dateline
        strong.append(f"dateline: {dateline.place}" + (f" ({dateline.agency})" if dateline.agency else ""))
    if m := K.WIRE_DATELINE_RE.search(start):
        strong.append(f"wire dateline: {_quote(m.group())}")
    if m := K.REPORTED_RELEASE_RE.search(start):
        strong.append(f"reported by a third party: {_quote(m.group())}")
    if m := K.HEDGE_RE.search(start):
        strong.append(f"reporter's hedge: {_quote(m.group())}")
    if m := K.SOCIAL_POST_RE.search(start):  # official pages quote posts too: a weak cue
        weak.append(f"social-media post: {_quote(m.group())}")
    if m := K.NEWS_TIME_RE.search(start):
        strong.append(f"news weekday: {_quote(m.group())}")
    if m := K.BYLINE_RE.search("\n".join(_lines(body)[:HEAD_LINES])):
        strong.append(f"byline: {_quote(m.group())}")
    if m := K.WEEKDAY_RE.search(start):
        weak.append(f"weekday: {_quote(m.group())}")
    if reporting >= NEWS_MIN_REPORTING:
        weak.append(f"reporting verbs: {reporting}")
    return strong, weak


def classify_kind_evidence(
    text: str, title: str | None = None, *, dateline: _Dateline | None = None
) -> tuple[str, list[str]]:
    """(kind, evidence): the kind and short strings naming the rule that decided it and what it matched."""
    body = text.strip()
    # 1. nothing to classify
    if not body:
        return "other", ["empty text"]
    lines = _lines(body)
    turns = find_turns(body)
    voices = _voices(turns)
    is_list = len(turns) >= LIST_MIN_TURNS and len(voices) == len(turns)  # "Name, Affiliation: “...”" one each
    is_dialogue = len(turns) >= TRANSCRIPT_MIN_TURNS and len(voices) >= TRANSCRIPT_MIN_VOICES and not is_list
    turn_note = f"{len(turns)} turns by {len(voices)} voices ({', '.join(voices[:4])})"
    words = len(body.split())
    reporting = len(P.REPORTING_VERB_RE.findall(body))
    reporting_rate = reporting / max(words, 1)
    first_person = len(P.FIRST_PERSON_RE.findall(body)) / max(words, 1)
    monologue = first_person >= SPEECH_MIN_FIRST_PERSON_RATE and reporting_rate < NEWS_REPORTING_RATE
    # 2. the title names the genre
    if title:
        if P.READOUT_TITLE_RE.match(title):
            return "readout", [f"title: {_quote(title)}"]
        if (m := P.TRANSCRIPT_TITLE_RE.search(title)) and (turns or monologue or _genre_first(title, m.start())):
            return "transcript", [f"title: {_quote(title)}", turn_note if turns else "first-person body"]
        if P.STATEMENT_TITLE_RE.match(title):
            return "statement", [f"title: {_quote(title)}"]
        if P.SPEECH_TITLE_RE.match(title):
            return ("transcript", [f"title: {_quote(title)}", turn_note]) if is_dialogue else (
                "speech", [f"title: {_quote(title)}"])
        if P.PRESS_RELEASE_RE.match(title):
            return "press_release", [f"title: {_quote(title)}"]
    # 3. a dialogue
    if is_dialogue:
        return "transcript", [f"speaker turns: {turn_note}"]
    head_lines = lines[:HEAD_LINES]
    # 4. a heading names a transcript, and the body is one (a labelled turn, first-person speech, an address opening)
    for i, line in enumerate([title or "", *head_lines]):
        if len(line.split()) > HEADING_MAX_WORDS or line.endswith(":") or not (m := K.TRANSCRIPT_HEADING_RE.search(line)):
            continue
        after = head_lines[i : i + SPEECH_OPENING_LINES]  # (list index i + 1 = head_lines[i]; a line ending in ":" introduces an excerpt, it is no heading)
        opening = next((x for x in after if P.SPEECH_OPENING_RE.match(x)), None)
        if turns or monologue or opening:
            why = turn_note if turns else (f"address opening: {_quote(opening)}" if opening else
                                           f"first-person body ({first_person:.3f} per word)")
            return "transcript", [f"transcript heading: {_quote(m.group())} in {_quote(line)}", why]
    # 5. a first-party office marker
    if m := K.OFFICE_MARKER_RE.search("\n".join(lines[:OFFICE_MARKER_LINES])):
        return "readout", [f"office marker: {_quote(m.group())}"]
    head = "\n".join(head_lines)
    # 6. the opening lines name the genre
    if m := re.match(r"\s*(?:readout|read-out)\b", head, re.I):
        return "readout", ["opening line: readout"]
    if m := P.STATEMENT_LEAD_RE.search(head):
        return "statement", [f"statement lead: {_quote(m.group())}"]
    flat = re.sub(r"\s+", " ", body)  # patterns span wrapped lines
    singular = len(P.FIRST_PERSON_SINGULAR_RE.findall(body)) / max(words, 1)
    quotes = len(re.findall(r"[“”\"]", body)) // 2
    lead = flat[:READOUT_LEAD_CHARS]
    lead_m, time_m = P.READOUT_LEAD_RE.search(lead), P.READOUT_TIME_RE.search(lead)
    summaries = len(P.READOUT_BODY_RE.findall(flat))
    strong_news, weak_news = _news_cues(body, dateline, reporting)
    is_news = bool(strong_news) or len(weak_news) >= NEWS_MIN_WEAK_CUES
    # 7. readout: an office holder spoke/met with someone (today), then what they "discussed"; third person, unquoted
    if (
        not is_news
        and words <= READOUT_MAX_WORDS
        and reporting <= READOUT_MAX_REPORTING
        and quotes <= READOUT_MAX_QUOTES
        and singular < SINGULAR_MAX_READOUT_RATE
        and not P.ANNOUNCEMENT_RE.search(lead)
        and not P.WIRE_TAG_RE.search(lead)  # "Aug 27 (Reuters) -": wire copy
        and (actor := P.READOUT_ACTOR_RE.search(lead))
        and (
            lead_m and (time_m or summaries >= 1)
            or (lead_m or time_m) and summaries >= READOUT_MIN_SUMMARY_VERBS
        )
    ):
        found = lead_m or time_m
        return "readout", [
            f"readout lead: {_quote(found.group()) if found else ''} by {actor.group()}",
            f"summary verbs: {summaries}",
            "no news cue",
        ]
    # 8. a press-release header or media contact
    if m := P.PRESS_RELEASE_RE.search(head) or K.PRESS_CONTACT_RE.search(body):
        return "press_release", [f"press-release line: {_quote(m.group())}"]
    # 9. an announcement of a coming meeting ("will host ...") without news reporting -> statement
    if dateline is None and reporting <= READOUT_MAX_REPORTING and (m := P.ANNOUNCEMENT_RE.search(lead)):
        return "statement", [f"announcement: {_quote(m.group())}"]
    # the opening: one of the first lines (after a place or time line), without "83." numbering or a speaker label
    openings = [re.sub(r"^\s*\d{1,3}\.\s+", "", line) for line in lines[:SPEECH_OPENING_LINES]]
    if len(voices) == 1 and voices[0] not in ("question", "host"):
        openings = [P.SPEAKER_TURN_RE.sub("", line, count=1).strip() or line for line in openings]
    # 10. an address to an audience, at length
    opening = next((line for line in openings if P.SPEECH_OPENING_RE.match(line)), None)
    if opening and words >= SPEECH_MIN_WORDS and first_person >= SPEECH_MIN_FIRST_PERSON_RATE and (
        reporting_rate < NEWS_REPORTING_RATE
    ):
        return "speech", [f"address opening: {_quote(opening)}", f"first person {first_person:.3f} per word"]
    # 11. first-person texts without news reporting: long -> speech, short -> statement
    if dateline is None and reporting_rate < MONOLOGUE_MAX_REPORTING_RATE:
        voice = [f"first person {first_person:.3f} per word", f"reporting verbs: {reporting}", f"words: {words}"]
        if words >= SPEECH_LONG_WORDS and first_person >= SPEECH_MIN_FIRST_PERSON_RATE:
            return "speech", voice
        if first_person >= FIRST_PERSON_MIN_RATE:
            return ("speech" if len(voices) == 1 and words >= SPEECH_MIN_WORDS else "statement"), voice
    # 12. a closing "###" without other cues marks a press release (readouts and statements end with it too)
    if P.PRESS_RELEASE_END_RE.search("\n".join(lines[-TAIL_LINES:])):
        return "press_release", ["closing ###"]
    # 13. default
    return "news", strong_news + weak_news or ["default: no other cue"]


def classify_kind(text: str, title: str | None = None, *, dateline: _Dateline | None = None) -> str:
    """The kind alone (see :func:`classify_kind_evidence`)."""
    return classify_kind_evidence(text, title, dateline=dateline)[0]
