"""Question analysis for ``ask``: question word, expected answer type, focus words and constraints.

Cascade of :func:`analyze`:
0. a context clause ("..., according to X's call with Y", "... when X met Y") is split off first: steps 2-7 read
   the question proper, the context's names need only be on the page (the month, year and meeting kind are read
   from the whole question);
1. the question word and the answer type it asks for (when -> date, where -> place, who / which <person noun> ->
   person, how many / much / long -> number with a unit, which session / anniversary -> an ordinal, anything else
   -> a sentence);
2. the time constraints written in the question ("in March 2023", "on December 21", "in 2024");
3. the place constraints ("in <Place>", "at the <Place>"), capitalised words after "in" / "at" that are no month;
4. the names (runs of capitalised words, titles dropped) that the evidence must mention;
5. the counted words of a number question ("how many hours" -> hours; "how long" -> any duration);
6. the head noun of "which / what <noun>" (the kind of thing asked for: "which treaty" -> treaty) and the title
   words that describe an asked person ("Which <Agency> Administrator ..." -> administrator), and the names that
   describe the person ("Which <Country> leader", "Who represented <Country>"): the answer stands next to them;
7. the focus: the remaining content words, compared with the evidence sentence (the head noun is not one of them:
   "In what city ..." is answered by a sentence naming the city, not the word "city");
8. the kind of meeting asked about: a call ("by phone", "call") or a meeting in person ("meet", "visit", "host");
   a call does not answer a question about a meeting, nor a meeting one about a call;
9. for a question answered by a whole sentence, the type of the part of it that answers (:func:`expected_type`,
   from the wh-phrase wherever it stands: "Roughly how many ...", "Leaders from how many states ...", "Which
   <Office> official convened ..."): the sentence must hold a span of that type (:mod:`answer_types`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import communique.lexicon as lexicon

from .possessor import asked_site
from .question_patterns import ASKED_CALL, ASKED_IN_PERSON, MANNER_PHRASE, MONTHS, NAME_PREFIXES, STOP_WORDS

__all__ = ["Analysis", "analyze", "MONTHS", "DURATION_UNITS", "PERSON_NOUNS", "PLACE_NOUNS"]

WEEKDAYS: frozenset[str] = frozenset(lexicon.WEEKDAYS)
SEASONS: frozenset[str] = frozenset("spring summer autumn fall winter".split())
# Units a "how long" question is answered with.
DURATION_UNITS: frozenset[str] = frozenset("minute minutes hour hours day days week weeks month months year years".split())
# Nouns after "which" / "what" that ask for a person ("Which general ...", "What official ...").
PERSON_NOUNS: frozenset[str] = frozenset("""
person people official officials leader leaders minister ministers president premier general ambassador envoy
secretary spokesperson spokesman administrator adviser advisor advisors chancellor senator governor diplomat
commander chief director delegate delegates counterpart predecessor successor representative king queen prince
""".split())
# Nouns after "which" / "what" that ask for an ordinal ("Which session of <Assembly>" -> "77th").
ORDINAL_HEADS: frozenset[str] = frozenset("session anniversary edition round term iteration installment".split())
# Nouns after "which" / "what" that ask for a place.
PLACE_NOUNS: frozenset[str] = frozenset("city cities country countries capital town venue place region island".split())
# Question words and auxiliaries that open a question and are not names even when capitalised.
_OPENERS: frozenset[str] = frozenset("""
when where who whom whose which what why how did does do is are was were has have had will can could on in at
according for from with by during after before besides beside apart aside except beyond along among
roughly approximately nearly
""".split())
# Auxiliaries after "who": the name that follows is the clause's subject ("Who did <Name> meet"), not a country
# describing the asked person ("Who represented <Country>").
_AUXILIARIES: frozenset[str] = frozenset("""
did does do is are was were has have had will would can could should shall may might must
""".split())

# "What did <X> call <Y>", "How did <X> describe <Y>": the naming verb is the question's form, not a word the
# answer's sentence shares (the page writes "<X> underscored <Y> was ...").
_NAMING_QUESTION = re.compile(r"^\s*(?i:what|how)\s+(?i:did|does|do|would|will)\s+(?:the\s+)?"
                              r"(?:[A-Z][\w.\-’']*\s+){1,5}(?P<verb>call|describe|term|dub|label|characteri[sz]e)\b")

_MEETING_QUESTION = re.compile(r"\b(?:meet|met|meeting|speak|spoke|talk|talks|call|host|hosted|visit|visited|welcome|"
                               r"welcomed|confer|sit\s+down)\b", re.IGNORECASE)
_MANY_PEOPLE = re.compile(r"^\s*(?:who\s+(?:else\s+)?(?:took\s+part|attended|participated|joined|was\s+present|were)|"
                          r"who\s+else|which\s+(?:officials|leaders|ministers|people|delegates))\b", re.IGNORECASE)
# Words of the question form that no evidence sentence needs to contain.
_QUESTION_FILLER: frozenset[str] = frozenset("much many long date day else way according figures figure numbers given "
                                             "amounts down besides last lasted early late mid".split())
# Words after "which" / "what" that are not the asked kind of thing (auxiliaries, numbers, determiners).
_NOT_HEAD: frozenset[str] = frozenset("""
did does do was were is are had has have will would can could the a an kind sort type one two three four five
""".split())
_HEAD = re.compile(r"^\s*(?:(?i:in|on|from|at|to|for|with|during|of|by)\s+)?(?i:which|what)\s+((?:[\w\-’']+\s+){0,3})")
# "On which day ...", "What was the date of ...", "For which date ...": a date is asked for.
_DATE_ASKED = re.compile(r"^\s*(?:(?:on|for|by|from|until|to)\s+)?(?:which|what)\s+(?:(?:was|is)\s+the\s+)?(?:date|day)\b",
                         re.IGNORECASE)
# A context clause after the question proper: where the answer was reported, not what it must say ("..., according to
# X's call with Y", "... as X noted when meeting Y", "... when X met Y"); its names must be on the page only.
_CONTEXT = re.compile(r",?\s+(?:according\s+to|(?:as\s+)?(?:mentioned|noted|reported)\s+in|as\s+(?:\w+\s+){1,4}?(?:noted|said|told|stressed|announced|put\s+it)|"
                      r"(?:when|while|before|after)\s+(?:\w+\s+){1,4}?(?:met|meeting|spoke|called|visited|welcomed|hosted|"
                      r"came))\b",
                      re.IGNORECASE)
# "What <kind> did ...": the lower-case words between "which" / "what" and the verb (the asked kind of thing)
_KIND_PHRASE = re.compile(r"^\s*(?:(?i:in|on|from|at|to|for|with|during|of|by)\s+)?(?i:which|what)\s+"
                          r"((?:[a-z][a-z\-]*\s+){1,3}?)(?=(?i:did|does|do|was|were|is|are|had|has|have|will|would)\b)")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w\-’'.]*")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_MONTH_RX = "|".join(MONTHS)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RX})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RX})\b", re.IGNORECASE)
_MONTH = re.compile(rf"\b({_MONTH_RX})\b", re.IGNORECASE)
# "in <Place>" / "at the <Place>": capitalised words right after the preposition.
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w\-’'.]*)(?:\s+[A-Z][\w\-’'.]*)*)")
_HOW_NUMBER = re.compile(r"^\s*how\s+(many|much|long|far|large|big|high|old)\b\s*([^?,]*)", re.IGNORECASE)
# Words that end the counted noun phrase of "how many <noun phrase> ..."
_COUNT_STOP = frozenset("did do does were was are is had has have will would a an of and in on at to for from".split())
# Title words dropped from a name phrase ("<Nationality> Prime Minister <Name>" -> "<Nationality>", "<Name>").
TITLE_WORDS: frozenset[str] = NAME_PREFIXES | frozenset("""
foreign defense defence state commerce national security administrator commander general chief minister
""".split())
_WHOSE_NOUN = re.compile(r"^\s*(?:(?i:in|on|from|at|to|for|with|during|of)\s+)?(?i:which|what)\s+(?:[\w\-]+\s+){0,2}?"
                         r"([a-z]+)['’]s?\s")
_WHICH_VERBS = ("did does do was were is are had has will would met joined led said held hosted visited greeted "
                "accompanied signed attended briefed took spoke told called").split()
_WHICH_NOUN = re.compile(r"^\s*(?:(?i:in|on|from|at|to|for|with|during|of)\s+)?(?i:which|what)\s+"
                         r"(?:[\w.\-’']+\s+){0,3}?((?i:[a-z]+))\b(?=\s+(?:" + "|".join(_WHICH_VERBS) + r")\b)")


# A time or condition clause before a yes/no question ("When X met Y, did they ...?", "During the call, was ...?")
_LEADING_CLAUSE = re.compile(r"^\s*(?:when|while|as|after|before|during|if|in|on|at)\b[^,?]{3,},\s*(?:did|does|do|is|are|was|"
                             r"were|has|have|had|will|can|could|would)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Analysis:
    """What a question asks for and what the evidence must satisfy."""

    question: str
    wh: str  # when / where / who / which / what / how / yes_no / other
    answer_type: str  # date / place / person / number / duration / ordinal / sentence
    names: tuple[str, ...] = ()  # name phrases the evidence must mention (titles dropped)
    places: tuple[str, ...] = ()  # place constraints ("in <Place>")
    year: int | None = None
    month: int | None = None
    day: int | None = None
    counted: tuple[str, ...] = ()  # the counted noun phrase of "how many <words>": one of them follows the number
    focus: tuple[str, ...] = field(default_factory=tuple)  # remaining content words, folded
    head: str = ""  # the asked kind of thing of "which / what <noun>" ("treaty"), folded; "" when none
    descriptors: tuple[str, ...] = ()  # the head noun and title words describing the asked person, folded
    meeting: bool = False  # the question asks about a meeting or call: the evidence must report one
    many: bool = False  # the question asks for everyone ("Who took part in ...", "Who else ...")
    countries: tuple[str, ...] = ()  # names that describe the asked person ("Which <Country> leader", "Who represented
    # <Country>"): the answer is the person written next to them
    context_names: tuple[str, ...] = ()  # names of a context clause ("according to X's call with Y"): on the page
    meeting_kind: str = ""  # "call" / "in_person": the asked meeting's kind ("meet" is no call); "" either
    manner: bool = False  # the question says how it was held ("in person", "face to face", "by phone"): the evidence
    # must say so too, and a meeting held online is no meeting in person
    kinds: tuple[str, ...] = ()  # "What <kind> did ...": words of the asked kind, counted as focus where written
    expects: str = ""  # a sentence answer: the type of its answering part (number / duration / date / place /
    # person / organisation / agent (either) / name, :func:`expected_type`); "" when the wh-phrase tells none

    @property
    def has_time(self) -> bool:
        return self.year is not None or self.month is not None


def _wh(question: str) -> str:
    if _LEADING_CLAUSE.match(question):
        return "yes_no"  # "When X spoke with Y in May, did they discuss Z?": the main clause asks yes or no
    words = question.strip().lower().split()
    if len(words) > 1 and words[0] in ("in", "on", "from", "at", "to", "for", "with", "during", "of", "by"):
        words = words[1:]  # "In which city ...", "From which country ..."
    first = (words or [""])[0]
    if first in ("when", "where", "who", "whom", "whose", "which", "what", "how", "why"):
        return {"whom": "who", "whose": "who"}.get(first, first)
    if first in ("did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "will", "can"):
        return "yes_no"
    return "other"


def _answer_type(question: str, wh: str) -> tuple[str, tuple[str, ...]]:
    """(answer type, unit) from the question word and the noun right after it (cascade step 1 and 5)."""
    if wh == "when":
        return "date", ()
    if wh == "where":
        return "place", ()
    if asked_site(question):  # "At whose headquarters ...": the organisation that owns the site, not a person
        return "organisation", ()
    if wh == "who":
        return "person", ()
    m = _HOW_NUMBER.match(question)
    if m:
        kind, noun = m.group(1).lower(), (m.group(2) or "").lower()
        if kind == "long":
            return "duration", ()
        counted: list[str] = []
        for word in noun.split():
            if word in _COUNT_STOP:
                break
            counted.append(word)
        return "number", (tuple(counted) if kind == "many" else ())
    if wh in ("which", "what", "other"):
        m = _WHOSE_NOUN.match(question)  # "Which two countries' ministers ...": the countries are asked for
        if m and m.group(1).lower() in PLACE_NOUNS | PERSON_NOUNS:
            return ("place" if m.group(1).lower() in PLACE_NOUNS else "person"), ()
        m = _WHICH_NOUN.match(question)
        noun = m.group(1).lower() if m else ""
        if noun in PERSON_NOUNS:
            return "person", ()
        if noun in PLACE_NOUNS:
            return "place", ()
    if re.match(r"^\s*(?:which|what)\s+(?:figures?|numbers?|amounts?|sums?|statistics?|totals?)\b", question,
                re.IGNORECASE):
        return "number", ()
    if _DATE_ASKED.match(question):
        return "date", ()
    m = _HEAD.match(question)
    if m and m.group(1).split() and re.sub(r"[’']s?$", "", m.group(1).split()[0].lower()) in ORDINAL_HEADS:
        return "ordinal", ()  # "Which session of ...", "What anniversary of ...": the 77th, the 25th
    return "sentence", ()


def _time(question: str) -> tuple[int | None, int | None, int | None]:
    year = next((int(y) for y in _YEAR.findall(question)), None)
    m = _MONTH_DAY.search(question)
    if m:
        return year, MONTHS[m.group(1).lower()], int(m.group(2))
    m = _DAY_MONTH.search(question)
    if m:
        return year, MONTHS[m.group(2).lower()], int(m.group(1))
    # "May" is also a verb; a month only when capitalised and a year or "in" goes with it ("may enter" is no month)
    m = next((m for m in _MONTH.finditer(question) if m.group(1).lower() != "may" or (
        m.group(1)[0].isupper() and (year or re.search(r"\bin\s+may\b", question, re.IGNORECASE)))), None)
    if m:
        return year, MONTHS[m.group(1).lower()], None
    return year, None, None


def _is_name_word(word: str) -> bool:
    low = word.lower().strip(".")
    return (word[0].isupper() and low not in MONTHS and low not in WEEKDAYS and low not in SEASONS
            and low not in _OPENERS and low not in STOP_WORDS)


def _names(question: str, skip: set[str]) -> list[str]:
    """Runs of capitalised words (the first word only when it is not a question word), titles dropped."""
    words = [(m.group(0).rstrip(".,’'"), m.start()) for m in _WORD.finditer(question)]
    runs: list[list[str]] = []
    current: list[str] = []
    for i, (w, _) in enumerate(words):
        w = re.sub(r"[’']s$", "", w)
        if w and _is_name_word(w) and not (i == 0 and w.lower() in _OPENERS):
            parts = re.split(r"-(?=[A-Z])", w)  # "<Name>-<Name> talks": two names
            current.append(parts[0])
            for piece in parts[1:]:
                runs.append(current)
                current = [piece]
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    out: list[str] = []
    for run in runs:
        if run and all(w.lower().strip(".") in NAME_PREFIXES for w in run) and " ".join(run).lower() not in skip:
            out.append(" ".join(run))  # "the Taoiseach" alone: the office stands for the person, the page names it
            continue
        part: list[str] = []
        for w in [*run, ""]:  # a title word ends a name: "<Nationality> Prime Minister <Name>" -> "<Nationality>", "<Name>"
            if w and w.lower().strip(".") not in TITLE_WORDS:
                part.append(w)
                continue
            phrase = " ".join(part)
            if phrase and phrase.lower() not in skip:
                out.append(phrase)
            part = []
    return out


def _head(question: str) -> str:
    """The noun right after "which" / "what" ("Which two treaties" -> "treaties"), lower case; "" when none."""
    m = _HEAD.match(question)
    for written in (m.group(1).split() if m else []):
        word = re.sub(r"[’']s?$", "", written.lower())
        if written[0].isupper():  # "Which <Nationality> president": the noun comes after the name
            continue
        if word in _NOT_HEAD or word in STOP_WORDS:
            if word in ("did", "does", "do", "was", "were", "is", "are", "had", "has", "have", "will", "would"):
                return ""  # "What did ...": no noun asked
            continue
        if word in _WHICH_VERBS or word.endswith("ed"):
            return ""  # "Which <Name> joined ...": a verb, no noun asked
        return word
    return ""


def _kind_phrase(question: str) -> list[str]:
    """The lower-case words between "which" / "what" and the verb ("What health emergency did ..." -> health,
    emergency); none when a verb or a name comes first."""
    m = _KIND_PHRASE.match(question)
    return m.group(1).lower().split() if m else []


def _split_context(question: str) -> tuple[str, str]:
    """(main clause, context clause): "How many X ..., according to Y's call with Z?" -> the part before "according"."""
    m = _CONTEXT.search(question)
    return (question[:m.start()], question[m.start():]) if m and m.start() > 0 else (question, "")


def analyze(question: str) -> Analysis:
    """The analysis of ``question`` (see the module docstring for the steps)."""
    original = question
    naming = _NAMING_QUESTION.match(question)
    if naming:  # "What did X call Y": the page writes X's words with any verb; "call" asks for no phone call either
        question = question[:naming.start("verb")] + "say" + question[naming.end("verb"):]
    main, context = _split_context(question)
    analysis = replace(_analyze(main + ("?" if context else ""), question), question=original)
    if not context:
        return analysis
    asked = {n.lower() for n in (*analysis.names, *analysis.places)}
    context_names = tuple(n for n in _names(context, asked) if n.lower() not in asked)
    return replace(analysis, question=original, context_names=context_names)


def _analyze(question: str, whole: str) -> Analysis:
    wh = _wh(question)
    answer_type, counted = _answer_type(question, wh)
    year, month, day = _time(question)
    places = [m.group(1).rstrip(".,’'") for m in _PLACE.finditer(question)
              if m.group(1).split()[0].lower() not in MONTHS and not re.search(r"[’']s\b", m.group(1))]
    places = [p for p in places if not _YEAR.fullmatch(p)]
    names = _names(question, {p.lower() for p in places})
    name_words = {w.lower() for n in names + places for w in n.split()}
    # "Did they meet in person?": how it was held is the asked kind, checked as such (:mod:`yes_no`), no topic word;
    # in other questions "in person" stays a word the answer sentence must hold (a readout of a call rarely does)
    worded = MANNER_PHRASE.sub(" ", question) if wh == "yes_no" else question
    words = [re.sub(r"[’']s$", "", w.lower()).strip("'’.-") for i, w in enumerate(_WORD.findall(worded))
             if i == 0 or not w[0].isupper()]  # capitalised words are names or titles, checked as names
    head = _head(question)
    typed_head = answer_type in ("person", "place") and head in PERSON_NOUNS | PLACE_NOUNS
    titles = [w.lower().strip(".") for w in _WORD.findall(question) if w[0].isupper()
              and w.lower().strip(".") in TITLE_WORDS and w.lower().strip(".") not in _OPENERS]
    # "Who was <Name>'s predecessor": a person noun of a who-question describes the asked person too
    related = [w for w in words[1:] if answer_type == "person" and wh == "who" and w in PERSON_NOUNS]
    descriptors = tuple(dict.fromkeys(([head] if typed_head else []) + titles + related))
    # a relation ("predecessor", "counterpart"), not an office, is the asked kind of person: the answer stands by it
    head = head or next((w for w in related if w not in TITLE_WORDS), "")
    # "What <kind> did ...": a sentence answer is an instance of the kind, which it need not name ("What health
    # emergency did X praise" is answered by the outbreak's name): the kind's words count only where written
    kind_words = {w for w in _kind_phrase(question) if w not in STOP_WORDS} if answer_type == "sentence" else set()
    expects = expected_type(question) if answer_type == "sentence" and wh != "yes_no" else ""
    if expects and head and _head_type(head):  # "Which <Office> office hosted ...": the page names the office
        kind_words.add(head)
    focus = tuple(dict.fromkeys(
        w for w in words if w not in STOP_WORDS and w not in name_words and w not in MONTHS and len(w) > 2
        and w not in _OPENERS and w not in _QUESTION_FILLER and not (typed_head and w == head)
        and w not in kind_words))
    meeting = _MEETING_QUESTION.search(question) is not None
    many = _MANY_PEOPLE.search(question) is not None
    year, month, day = _time(whole)  # a month or year of the context clause still dates the answer ...
    context = whole[len(question.rstrip("?")):] if whole.startswith(question.rstrip("?")) else ""
    if context and any(_time(context)):  # ... and when both clauses are dated, the context's date is the source's
        year, month, day = _time(context)  # ("the <Event> of <Month Year>, as mentioned in X's <Month Year> call")
    nouns = "|".join(sorted(PERSON_NOUNS | TITLE_WORDS))
    countries = tuple(n for n in names if answer_type == "person" and (
        re.search(rf"\b{re.escape(n)}\s+(?:{nouns})\b", question, re.IGNORECASE)
        or ((m := re.match(rf"^\s*who\s+(\w+)\s+(?:the\s+)?{re.escape(n)}\b", question, re.IGNORECASE))
            and m[1].lower() not in _AUXILIARIES)))
    kinds = tuple(w for w in dict.fromkeys(words) if w in kind_words and w not in name_words and len(w) > 2)
    return Analysis(question, wh, answer_type, tuple(names), tuple(places), year, month, day, counted, focus,
                    kinds=kinds, expects=expects,
                    meeting=meeting, many=many, head=head, descriptors=descriptors, meeting_kind=_meeting_kind(whole),
                    countries=countries, manner=MANNER_PHRASE.search(whole) is not None)


# Step 9: head nouns of "which / what <words> <noun>" and the answer type each asks a sentence to hold
_NUMBER_HEADS = frozenset("""
share percentage percent proportion level amount number width length rate price cost sum total size figure value
height depth distance
""".split())
_DATE_HEADS = frozenset("date dates day days".split())
_PLACE_HEADS = PLACE_NOUNS | frozenset("""
county counties state states province district port crossing room site location village border river sea bay
strait coast shoal reef
""".split())
# a title's head noun ("Defense Minister" -> minister, "Chief of Staff" -> chief), not its other words
_PERSON_HEADS = PERSON_NOUNS | frozenset((t.split(" of ")[0].split()[-1]).lower() for t in lexicon.TITLE_HEADS
                                         if t[0].isalpha() and not t.endswith(".")) | frozenset("""
executive executives host moderator co-chair reporter journalist
""".split())
_ORGANISATION_HEADS = frozenset("""
organization organisation office body group company companies firm foundation agency council committee team
department ministry bureau commission institute union
""".split())
_NAME_HEADS = frozenset("""
name initiative program programme plan act legislation law bill decision toolkit treaty agreement accord series report
strategy campaign partnership project fund network fellowship award prize dialogue declaration conference summit forum
""".split())
_HEAD_TYPES: tuple[tuple[frozenset[str], str], ...] = (
    (_NUMBER_HEADS, "number"), (_DATE_HEADS, "date"), (_PLACE_HEADS, "place"), (_PERSON_HEADS, "person"),
    (_ORGANISATION_HEADS, "organisation"),
    (_NAME_HEADS, "name"))
_WHICH_PHRASE = re.compile(r"\b(?i:which|what)\s+((?:[\w.\-’']+\s+){0,6})")
_HEAD_ENDS = frozenset(_AUXILIARIES | set(_WHICH_VERBS))
_OFFICE_WORDS = frozenset("office offices post posts position positions".split())  # held: a title answers
_HELD_OFFICE = re.compile(r"\b(?:did|does|do)\b.*\b(?:hold|have|occupy|serve\s+as)\b", re.IGNORECASE)
MAX_HEAD_WORDS = 6  # "Which Army Corps of Engineers commander met ...": the noun may follow a five-word name


def _head_type(word: str) -> str:
    """The answer type a head noun asks for (a plural, a singular, a hyphenated part: "ambassador-at-large"), or ""."""
    for form in (word, word.removesuffix("s"), word + "s", *word.split("-")):
        for nouns, kind in _HEAD_TYPES:
            if form in nouns:
                return kind
    return ""


def expected_type(question: str) -> str:
    """Step 9, a cascade:

    1. "how long" -> duration;
    2. "how many / much / large ..." -> number;
    3. "when" -> date;
    4. "where" -> place;
    5. "the name of" -> name; "what kind of" -> "" (a description answers);
    6. the head noun of "which / what <words> <noun>" before the verb, by its list (:data:`_HEAD_TYPES`): "Which
       <State> county ..." -> place, "Which <Office> official convened ..." -> person, "Which <Office> office
       hosted ..." -> organisation, "To what level ..." -> number, "Which <kind> initiative ..." -> name;
    7. "who / whom / whose" -> agent (a person or an organisation);

    else ""."""
    if re.search(r"\bhow\s+long\b", question, re.IGNORECASE):
        return "duration"
    if re.search(r"\bhow\s+(?:many|much|large|big|far|high|old)\b", question, re.IGNORECASE):
        return "number"
    if re.match(r"^\s*when\b", question, re.IGNORECASE):
        return "date"
    if re.match(r"^\s*where\b", question, re.IGNORECASE):
        return "place"
    if re.search(r"\bthe\s+name\s+of\b", question, re.IGNORECASE):
        return "name"
    if re.search(r"\b(?:which|what)\s+(?:kind|kinds|sort|sorts|type|types)\s+of\b", question, re.IGNORECASE):
        return ""  # "What kind of commission ...": a description answers, not a name
    m = _WHICH_PHRASE.search(question)
    if m:
        head: list[tuple[str, bool]] = []  # (word, written in lower case)
        for written in m.group(1).split()[:MAX_HEAD_WORDS]:
            word = re.sub(r"[’']s?$", "", written.lower())
            if word in _HEAD_ENDS or (written.islower() and word.endswith("ed")):
                break  # the verb: the noun phrase ends before it
            head.append((word, written.islower() and word not in STOP_WORDS))
        words = [w for w, _ in head]
        cut = words.index("of") if "of" in words else len(words)
        # the last lower-case noun before "of" ("Which room of the <Palace>", "What aspects of <X>"), else the last
        # one ("Which <Corps> of <Engineers> commander"); with none, a title of the name ("Which Deputy Secretary
        # of <Department>"), the one before "of" first
        lower = [w for w, low in head[:cut] if low] or [w for w, low in head if low]
        held = bool(lower) and lower[-1] in _OFFICE_WORDS and _HELD_OFFICE.search(question) is not None
        for word in ([] if held else lower[-1:]) or ([] if lower else [*reversed(words[:cut]), *reversed(words[cut:])]):
            kind = _head_type(word)
            if kind:
                return kind
        if lower:  # a noun of no listed type ("Which tanks ...", "Which reform of <Name> ..."), or "What office
            return ""  # did <Name> hold" (a title answers, not an organisation)
    if re.search(r"\bwho(?:m|se)?\b", question, re.IGNORECASE):
        return "agent"
    return ""


def _meeting_kind(question: str) -> str:
    """Step 8: "call" when the question asks about a call only, "in_person" for a meeting only, else ""."""
    call, in_person = ASKED_CALL.search(question) is not None, ASKED_IN_PERSON.search(question) is not None
    return "call" if call and not in_person else "in_person" if in_person and not call else ""
