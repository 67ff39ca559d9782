"""Data for search and ``ask``: question patterns, stop words, abbreviations, name suffixes, speech verbs.

Each question pattern is ``(intent, regex)``; the first that matches the whole question wins. Named groups:
``a``/``b`` (people or organisations), ``words`` (quoted words), ``who``, ``topic``, ``subject``, ``event``.
"""

from __future__ import annotations

import re

import communique.lexicon as lexicon

__all__ = [
    "QUESTION_PATTERNS",
    "STOP_WORDS",
    "ABBREVIATIONS",
    "FINAL_ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "SPEAKER_AFTER_QUOTE",
    "NAME_SUFFIXES",
    "NAME_PREFIXES",
    "SPEECH_VERBS",
    "TITLE_HEADS",
    "SPEAKER_BEFORE_QUOTE",
    "NUMBER",
    "PEOPLE_NOUNS",
    "GENERIC_PEOPLE",
    "PEOPLE_KINDS",
    "DURATION",
    "ADJECTIVE_SUFFIXES",
    "MONTHS",
    "MEETING_STEMS",
    "CALL_STEMS",
    "MEETING_REPORT",
    "MONTH_DAY_WRITTEN",
    "AMOUNT",
    "CALL_WORDS",
    "DEICTIC",
    "PLACE_WRITTEN",
    "PLACE_FROM",
    "COUNTRY_ABBR",
    "ASKED_CALL",
    "ASKED_IN_PERSON",
    "MANNER_PHRASE",
    "MANNER_IN_PERSON",
    "MANNER_CALL",
    "FUTURE_MEETING",
    "PAST_QUESTION",
    "PLANNED_MEETING",
    "EARLIER_ROLE_QUESTION",
    "EARLIER_ROLE_REPORT",
    "FUTURE_QUESTION",
    "DATED_MONTH",
    "REMOTE_REPORT",
    "CALL_REPORT",
    "IN_PERSON_REPORT",
    "SPEECH_QUESTION",
    "REPORTING_VERBS",
    "JOINT_SUBJECT",
]

_Q = r"[?.!\s]*$"
_QUOTED = r"[\"“‘']\s*(?P<words>.+?)\s*[\"”’']"
_AFTER = r"(?:\s+(?:in|at|on|of|with|when|while|during|as|after|before|under)\b[^?]*)?"  # a trailing constraint

QUESTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (intent, re.compile(rx, re.IGNORECASE))
    for intent, rx in (
        # "When did X and Y meet / speak / talk / hold talks?"
        ("when_met", r"^\s*when\s+did\s+(?P<a>.+?)\s+(?:and|&|meet\s+with|speak\s+with|talk\s+with)\s+(?P<b>.+?)\s+"
                     r"(?:meet|speak|talk|hold\s+talks|have\s+a\s+call|call|confer|sit\s+down)\b.*" + _Q),
        ("when_met", r"^\s*when\s+did\s+(?P<a>.+?)\s+(?:meet|speak|talk)\s+(?:(?:with|to)\s+)?(?P<b>[^?]+?)" + _Q),
        # "When did <event> meet / take place?"
        ("when_event", r"^\s*when\s+(?:did|was|were)\s+(?P<event>.+?)\s*(?:meet|take\s+place|held|happen)?" + _Q),
        # "Who said "<words>"?"
        ("who_said", r"^\s*who\s+(?:said|stated|declared|remarked|told\s+\w+)\s*,?\s*" + _QUOTED + _Q),
        ("who_said", r"^\s*who\s+(?:said|stated|declared)\s+(?:that\s+)?(?P<words>.+?)" + _Q),
        # "What did X say about <topic>?"
        ("what_said", r"^\s*what\s+did\s+(?P<who>.+?)\s+(?:say|said|tell\s+\w+|state|announce|stress)\s+"
                      r"(?:about|on|regarding|concerning)\s+(?P<topic>.+?)" + _Q),
        # "What figures were given for <subject>?"
        ("figures", r"^\s*what\s+(?:figures?|numbers?|amounts?|statistics?|sums?)\s+(?:were|was|are|is)\s+"
                    r"(?:given|cited|reported|announced|mentioned|provided)\s+(?:for|about|on)\s+(?P<subject>.+?)" + _Q),
        ("figures", r"^\s*how\s+(?:much|many)\s+(?P<subject>.+?)" + _Q),
        # "Who attended / took part in <event>?"
        ("attendees", r"^\s*who\s+(?:attended|took\s+part\s+in|participated\s+in|joined|was\s+at|were\s+at|"
                      r"was\s+present\s+at|led)\s+(?P<event>.+?)" + _Q),
        # "What is X's role / title / position?"
        # ... with a constraint after it: "in <Place>", "when <event>", "during <event>" (checked as constraints)
        ("role", r"^\s*what\s+(?:is|was)\s+(?P<who>.+?)['’]s?\s+(?:role|title|job|position|post|office)" + _AFTER + _Q),
        # ... "What (British cabinet) post(s) did X hold / had X just taken up"
        ("role", r"^\s*what\s+(?:[\w\-]+\s+){0,2}?(?:role|title|job|position|post|office|rank)s?\s+(?:does|did|had)\s+"
                 r"(?P<who>.+?)\s+(?:have|hold|(?:just\s+)?(?:take|taken|took)\s+up|assumed?)"
                 + _AFTER + _Q),
        ("role", r"^\s*who\s+is\s+(?P<who>[A-Z][^?]+?)" + _Q),
    )
)

# Function words dropped from keyword queries (question words, auxiliaries, pronouns, prepositions).
STOP_WORDS: frozenset[str] = frozenset("""
a an the and or of to in on at for with by from about as into over under after before between during
is are was were be been being do does did done have has had will would shall should can could may might must
what when where who whom whose which why how that this these those there here it its they them their he she his
her we our you your i me my mr mrs ms dr said say says tell told give given gave any some all also than then so
not no yes very more most other such per via up out off again further once both each few only own same too just
meet met speak spoke talk talked take took part attend attended participate participated figures figure numbers
""".split())

# Abbreviations that end with a period but do not end a sentence (lower case, with the period).
ABBREVIATIONS: frozenset[str] = frozenset("""
mr. mrs. ms. dr. prof. gen. lt. col. maj. capt. sgt. adm. rep. sen. gov. amb. st. jr. sr. rev. hon. pres.
u.s. u.k. u.n. e.u. d.c. u.s.a. p.m. a.m. no. vs. etc. inc. corp. co. ltd. dept. jan. feb. mar. apr. jun. jul.
aug. sep. sept. oct. nov. dec. rdml. radm.
""".split())

# Abbreviations that often end a sentence too ("... in Washington, D.C. They discussed ...").
FINAL_ABBREVIATIONS: frozenset[str] = frozenset("u.s. u.k. u.n. d.c. u.s.a. a.m. p.m. etc. inc. jr.".split())
# Words that open a sentence after such an abbreviation (lower case).
SENTENCE_STARTERS: frozenset[str] = frozenset("""
the they he she it we this these those in on at during both today after
""".split())

# Tokens at the end of a name that are not the surname ("Lloyd J. Austin III", "Joseph R. Biden, Jr.").
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Titles or honorifics a question may put before a name ("President Biden").
NAME_PREFIXES: frozenset[str] = frozenset("""
president vice prime minister secretary general chancellor king queen prince sheikh mr mrs ms dr governor
senator ambassador taoiseach premier chairman chair director deputy advisor adviser speaker leader mr. dr.
""".split())

# Lower-case head nouns that may end a title written after a name ("<Name>, <Party> leader").
TITLE_HEADS: tuple[str, ...] = ("vice president", "leader", "president", "spokesperson", "spokesman", "chair",
                                "chairman", "chairwoman", "member", "secretary", "director", "adviser", "advisor",
                                "minister", "ambassador", "envoy", "founder", "chief executive")

# Verbs that report speech (reported-speech sentences answer "What did X say about ...?").
SPEECH_VERBS: frozenset[str] = frozenset("""
said says stated stressed emphasized emphasised underscored noted reiterated reaffirmed affirmed expressed
highlighted welcomed condemned urged called announced conveyed told added explained praised commended
thanked discussed outlined updated warned pledged committed raised
""".split())

# "<Speaker> said “" immediately before a quote: the speaker named in front of the opening quote mark.
SPEAKER_BEFORE_QUOTE = re.compile(
    r"(?P<name>[A-Z][\w.\-’']+(?:\s+[A-Z][\w.\-’']+){0,3})\s*,?\s+(?:said|stated|added|explained|noted|"
    r"remarked|declared|told\s+\w+)\s*[,:]?\s*[\"“]?\s*$"
)
# "“...,” said <Speaker>" right after a closing quote.
SPEAKER_AFTER_QUOTE = re.compile(
    r"^\s*[\"”]?\s*,?\s*(?:said|stated|added|explained|noted|remarked|declared)\s+(?P<name>(?:[A-Z][\w.\-’']+\s*){1,4})"
)

# A number as written in running text: "$12 million", "3,500", "40 percent", "nine".
# A number word may carry a scale ("five million", "twenty thousand").
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                 "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\\s+hundred")
NUMBER = re.compile(
    r"(?:[$€£]\s?)?\b\d[\d,.]*\b(?:\s*(?:million|billion|trillion|thousand|percent|%))?"
    rf"|\b(?:{_NUMBER_WORDS})(?:\s+(?:hundred|thousand|million|billion|trillion))?\b"
    r"|\b(?:dozens|hundreds|thousands|half\s+a\s+(?:million|billion))\b",
    re.IGNORECASE,
)
# Nouns for people: "How many <people noun>" is answered by a number of any of them ("100,000 individuals" for
# "how many people", "five million people" for "how many <nationality>s"); the counted noun of the question, when
# written, still comes first.
PEOPLE_NOUNS: frozenset[str] = frozenset("""
people persons individuals citizens nationals residents civilians inhabitants population migrants refugees asylum
seekers evacuees displaced voters workers employees children adults women men students patients families households
soldiers troops personnel servicemembers hostages captives detainees prisoners victims casualties dead wounded injured
survivors passengers travellers travelers pilgrims visitors tourists members delegates participants
""".split())

# People nouns that count anyone ("100,000 individuals", "five million people"): they answer "how many <people
# noun>" whatever the noun; another people noun answers only for its own kind (:data:`PEOPLE_KINDS`)
GENERIC_PEOPLE: frozenset[str] = frozenset("people persons individuals population".split())
# People nouns that name the same kind of person: "how many troops" ~ "5,000 soldiers", but "how many citizens" is
# no count of "100 hostages"
PEOPLE_KINDS: tuple[frozenset[str], ...] = tuple(frozenset(group.split()) for group in (
    "soldiers troops personnel servicemembers",
    "hostages captives detainees prisoners",
    "dead killed victims casualties",
    "wounded injured casualties",
    "migrants refugees asylum seekers evacuees displaced",
    "citizens nationals residents civilians inhabitants",
    "passengers travellers travelers pilgrims visitors tourists",
    "workers employees",
    "members delegates participants",
))

# A length of time: "three hours", "two-day", "two-and-a-half hours", "45 minutes".
DURATION = re.compile(
    r"\b(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|half\s+an?)"
    r"(?:[\s-]+and[\s-]+(?:a[\s-]+)?half)?[\s-]+(?:minute|hour|day|week|month|year)s?\b",
    re.IGNORECASE,
)
# Endings of a nationality adjective whose root starts the country's name ("Maltese", "Mongolian", "Norlandan", "Norlandi",
# "Westernian" of "Western" with an "n" joined).
ADJECTIVE_SUFFIXES: tuple[str, ...] = ("ese", "nian", "ian", "an", "i")

# Stems of question verbs that any meeting report satisfies ("host", "visit", "welcome", "hold talks")
MEETING_STEMS = frozenset({"host", "visit", "welco", "hold", "held", "sit", "recei", "confe", "trip", "trave"})
# Stems of question words for a call ("by phone", "virtually"), met by a sentence that reports a call
CALL_STEMS = frozenset({"phone", "call", "telep", "virtu", "video"})
# A sentence that reports a meeting, a visit or a call (the date of a meeting comes from one).
MEETING_REPORT = re.compile(r"\b(?:met|meets?|meeting|spoke|speaks?|calls?|called|talks?|talked|hosts?|hosted|visit(?:s|ed)?|"
                             r"joined|convened|discussed|welcom(?:e|es|ed)|receiv(?:e|es|ed)|h[eo]ld|summit|phone|"
                             r"telephone|virtual(?:ly)?|sat down|conferred)\b", re.IGNORECASE)
# Month names, lower case, with their numbers.
MONTHS: dict[str, int] = {m: lexicon.MONTHS[m] for m in lexicon.MONTH_NAMES}
_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)  # month names as written
MONTH_DAY_WRITTEN = re.compile(rf"\b(?:({_MONTH_NAMES})\s+(\d{{1,2}})(?!\d|,?\s*\d{{4}})|(\d{{1,2}})\s+({_MONTH_NAMES}))\b")
AMOUNT = re.compile(r"[$€£%]|percent|million|billion|trillion|thousand", re.IGNORECASE)
CALL_WORDS = re.compile(r"\b(?:call|called|phone|telephone|spoke|speak|virtual(?:ly)?|video)\b", re.IGNORECASE)
DEICTIC = re.compile(r"(?:today|tonight|this (?:morning|afternoon|evening|week))")
# "in <Place>" / "at the <Place>" written in an answer sentence
PLACE_WRITTEN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+)*)")
# "calling from <Place>": the answer to "From where ..."
PLACE_FROM = re.compile(r"\bfrom\s+(?:the\s+)?([A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+)*)")
# any place a sentence locates something at (answer-type spans: "in / at / near / through / from <Place>")
PLACE_AFTER = re.compile(r"\b(?:in|at|near|through|from)\s+(?:the\s+)?([A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+)*)")
# Country abbreviations that name a side, not the place of a meeting
COUNTRY_ABBR = ("U.S.", "US", "U.K.", "UK", "EU", "E.U.", "UN", "U.N.")

# The question asks about a call ("by phone", "call", "virtually") or a meeting in person ("meet", "visit", "host");
# "speak" / "talk" ask about either; "called for" / "called on" ask for no call.
ASKED_CALL = re.compile(r"\b(?:call(?:s|ed)?(?!\s+(?:for|on|upon|out)\b)|phone(?:d)?|telephone(?:d)?|virtual(?:ly)?|video)\b", re.IGNORECASE)
ASKED_IN_PERSON = re.compile(r"\b(?:meet|met|meeting|meetings|visit(?:s|ed)?|host(?:s|ed)?|welcom(?:e|ed)|sit\s+down|"
                             r"sat\s+down|in[\s-]+person|face[\s-]+to[\s-]+face|receiv(?:e|ed))\b", re.IGNORECASE)
# Words that only say how a meeting was held: in person ("in person", "face to face"), or as a call or online ("by
# phone", "a phone call", "by video", "virtually"). No topic of the question; the asked kind is checked against the
# kind the evidence reports (``ASKED_CALL`` / ``ASKED_IN_PERSON``; ``yes_no.kind_asked``: the kind asked of a contact)
_MANNER_IN_PERSON = r"in[\s-]+person|face[\s-]+to[\s-]+face"
_MANNER_CALL = (r"(?:by|over\s+the|on\s+the)\s+(?:tele)?phone|(?:tele)?phone\s+call|by\s+video|video\s+(?:call|conference)|"
                r"virtual(?:ly)?")
MANNER_IN_PERSON = re.compile(rf"\b(?:{_MANNER_IN_PERSON})\b", re.IGNORECASE)
MANNER_CALL = re.compile(rf"\b(?:{_MANNER_CALL})\b", re.IGNORECASE)
MANNER_PHRASE = re.compile(rf"\b(?:{_MANNER_IN_PERSON}|{_MANNER_CALL})\b", re.IGNORECASE)
# An evidence sentence that reports a call, and one that reports a meeting in person.
CALL_REPORT = re.compile(r"\b(?:call(?:s|ed)?(?!\s+(?:for|on|upon|out)\b)|phone|telephone|virtual(?:ly)?|video)\b", re.IGNORECASE)
IN_PERSON_REPORT = re.compile(r"\b(?:met|meets?|meeting|visit(?:s|ed)?|host(?:s|ed)?|welcom(?:e|es|ed)|receiv(?:e|es|ed)|"
                              r"in[\s-]+person|face[\s-]+to[\s-]+face|sat\s+down|summit|arriv(?:e|es|ed))\b", re.IGNORECASE)
# A sentence about a meeting still to come ("agreed to meet again soon", "will travel", "plans to hold talks", "looks
# forward to hosting"): it reports no meeting held, and says nothing of how the meeting the page reports was held
FUTURE_MEETING = re.compile(r"\b(?:will|shall|would|agreed\s+to|plan(?:s|ned)?\s+to|to\s+(?:meet|travel|visit|hold|speak)|"
                            r"look(?:s|ed)?\s+forward|soon|next|upcoming|invit\w*)\b", re.IGNORECASE)
# A question about what happened ("What did ...", "Was it held ...") and one about what was to come ("will", "would
# host", "planned"): a page published before the asked time reports the first only as a plan
PAST_QUESTION = re.compile(r"\b(?:did|was|were|had)\b", re.IGNORECASE)
FUTURE_QUESTION = re.compile(r"\b(?:will|would|shall|going\s+to|plan(?:s|ned)?|expected|scheduled|due|upcoming|next|"
                             r"to\s+(?:host|meet|hold|visit|travel|attend|convene|welcome))\b",  # "was to host"
                             re.IGNORECASE)
# The asked month written with its year ("on October 12, 2024", "in May 2023"): the time of the act asked about; a
# day alone names an event ("the October 7 attack") whose year the question may not give
DATED_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}\b"
                         r"|\b\d{1,2}\s+(?:" + "|".join(MONTHS) + r"),?\s+\d{4}\b", re.IGNORECASE)
# "What office did X hold before <event>?": a role held at an earlier time, not the one a page gives X now; evidence
# for it says the role was an earlier one ("former", "previously", "served as")
EARLIER_ROLE_QUESTION = re.compile(r"^\s*what\s+(?:[\w\-]+\s+){0,2}?(?:role|title|job|position|post|office|rank)s?\b"
                                   r"[^?]*\b(?:before|prior\s+to|until)\b", re.IGNORECASE)
EARLIER_ROLE_REPORT = re.compile(r"\b(?:former(?:ly)?|previously|then[\s\-]|ex-|until|prior\s+to|served\s+as|had\s+been|"
                                 r"before\s+(?:becoming|being|taking|joining|assuming))", re.IGNORECASE)
# A sentence about a meeting still to come, the plan and the meeting word close together ("will host the summit in
# <Place>", "looked forward to ... the Summit in <Place>"): it gives the date or place of no meeting held. Narrower than
# FUTURE_MEETING: "would" of reported speech ("said the U.S. would help") plans no meeting
PLANNED_MEETING = re.compile(r"\b(?:will|shall|look(?:s|ed)?\s+forward\s+to|plan(?:s|ned)?\s+to|agreed\s+to|"
                             r"(?:is|are)\s+(?:set|scheduled|expected)\s+to)\b[^.;]{0,80}?\b(?:meet|meeting|host|hosting|"
                             r"visit|visiting|travel|hold|holding|summit|convene|talks)\b", re.IGNORECASE)
# A meeting held online, whatever verb reports it ("met virtually", "a video conference"): a meeting, but not one in
# person (``typed_answers.kind_of``: "remote")
REMOTE_REPORT = re.compile(r"\b(?:virtual(?:ly)?|videoconferenc\w*|(?:by|via|over)\s+video|video[\s-](?:call|conference|link))\b",
                           re.IGNORECASE)

# "What did <X> say / tell / answer ...", "How did <X> describe ...": the answer is <X>'s own words.
SPEECH_QUESTION = re.compile(r"^\s*(?i:what|how)\s+(?i:did)\s+(?P<who>[A-Z][^?]*?)\s+(?:say|tell|answer|reply|respond|describe|"
                             r"state|stress|announce|note|call|reaffirm|reiterate|express|urge|warn|promise)\b")
# Verbs that report one side's words in a readout ("<X> stressed ...", "<X> briefed <Y> on ..."); "discussed" is no
# one side's words.
REPORTING_VERBS = (SPEECH_VERBS - {"discussed"}) | frozenset("""
briefed answered replied responded described promised assured reaffirms stresses says notes urges told tells
offered voiced encouraged
""".split())
# A subject of two sides ("<X> and <Y> discussed", "The two leaders", "They", "Both"): the words of neither alone.
JOINT_SUBJECT = re.compile(r"\b(?:and|both|two|they|leaders|sides|together|with)\b", re.IGNORECASE)
