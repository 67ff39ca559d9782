"""Word lists for PLOVER event coding (data only; the logic is in :mod:`communique.events.extract`).

Types follow the PLOVER manual and its CAMEO -> PLOVER table (CAMEO2PLOVER-2021): CONSULT (meet, call, visit,
host, negotiate, mediate), AGREE (express intent: agree to, promise, pledge, will meet ...), SUPPORT (praise,
endorse, sign a formal agreement, apologise), COOPERATE, AID, CONCEDE, RETREAT, INVESTIGATE, DEMAND / REQUEST,
DISAPPROVE / ACCUSE, REJECT, THREATEN, PROTEST, MOBILIZE, SANCTION, COERCE, ASSAULT, FIGHT.

A trigger is a lemma (verb or noun) -> (type, mode). Modes are PLOVER modes where the manual has them.
"""

from __future__ import annotations

import re

__all__ = [
    "EVENT_TYPES",
    "VERB_TRIGGERS",
    "NOUN_TRIGGERS",
    "PHRASE_TRIGGERS",
    "HOST_IF_PERSON_OBJECT",
    "INTENT_HEADS",
    "DEMAND_AUX",
    "SPEECH_LEMMAS",
    "GROUP_NOUNS",
    "FUTURE_AUX",
    "COOPERATIVE_TYPES",
    "CONFLICTUAL_TYPES",
    "PHONE_WORDS_RE",
    "MULTILATERAL_RE",
    "TOPIC_KEYWORDS",
    "CAPTION_RE",
    "BYLINE_RE",
    "JOINT_EVENT_RE",
    "GROUP_PRONOUNS",
    "SINGLE_PRONOUNS",
    "SURNAME_PARTICLES",
    "LABEL_VERBS",
    "ARG_PREPS",
    "TOPIC_OBJECT_LEMMAS",
    "NAME_SUFFIXES",
    "GENERIC_NAME_WORDS",
    "PRINCIPAL_TITLES",
]

EVENT_TYPES: tuple[str, ...] = (
    "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND", "REQUEST",
    "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT",
)  # fmt: skip

Trigger = tuple[str, str | None]


def _many(type_: str, mode: str | None, words: str) -> dict[str, Trigger]:
    return {w: (type_, mode) for w in words.split()}


# Verb lemmas (spaCy lemma, lower case).
VERB_TRIGGERS: dict[str, Trigger] = {
    # CONSULT: meetings, calls, visits, negotiation, mediation
    **_many("CONSULT", None, "meet confer consult negotiate discuss huddle"),
    **_many("CONSULT", "visit", "visit travel tour fly"),
    **_many("CONSULT", "host", "host"),
    **_many("CONSULT", "phone", "telephone phone"),
    **_many("CONSULT", "third-party", "mediate"),
    # AGREE: agreement and expressed intent
    **_many("AGREE", None, "agree promise pledge vow commit offer undertake accept"),
    # SUPPORT: praise, endorse, defend, formal agreements, apology, recognition
    **_many(
        "SUPPORT",
        None,
        "praise commend welcome endorse applaud hail laud thank congratulate support back defend "
        "apologize apologise forgive sign ratify recognize recognise upgrade",
    ),
    # COOPERATE
    **_many("COOPERATE", None, "cooperate collaborate coordinate partner share extradite"),
    # AID
    **_many("AID", None, "donate deliver grant provide send supply evacuate fund finance hand give"),
    # CONCEDE
    **_many("CONCEDE", None, "concede yield cancel lift ease relax accede approve"),
    # RETREAT
    **_many("RETREAT", None, "withdraw retreat demobilize demobilise disarm release free surrender resign compensate pay"),
    # INVESTIGATE
    **_many("INVESTIGATE", None, "investigate probe inspect examine"),
    # DEMAND / REQUEST
    **_many("DEMAND", None, "demand insist order"),
    **_many("REQUEST", None, "urge request ask appeal press seek"),
    # DISAPPROVE / ACCUSE
    **_many("DISAPPROVE", None, "criticize criticise condemn denounce deplore decry complain protest_against rebuke"),
    **_many("ACCUSE", None, "accuse blame allege sue charge"),
    # REJECT
    **_many("REJECT", None, "reject refuse decline dismiss deny veto rebuff renege violate oppose spurn"),
    # THREATEN
    **_many("THREATEN", None, "threaten warn"),
    # PROTEST
    **_many("PROTEST", "demo", "protest demonstrate rally march"),
    **_many("PROTEST", "riot", "riot"),
    **_many("PROTEST", "obstruct", "block blockade"),
    **_many("PROTEST", "boycott", "boycott"),
    # MOBILIZE
    **_many("MOBILIZE", "troops", "mobilize mobilise deploy mass"),
    # SANCTION
    **_many("SANCTION", None, "sanction suspend expel sever halt"),
    # COERCE
    **_many("COERCE", None, "ban outlaw prevent"),
    **_many("COERCE", "arrest", "arrest detain jail imprison"),
    **_many("COERCE", "deport", "deport"),
    **_many("COERCE", "seize", "seize confiscate occupy"),
    # ASSAULT
    **_many("ASSAULT", None, "attack kill torture abduct kidnap assassinate bomb beat wound"),
    # FIGHT
    **_many("FIGHT", None, "fight shell invade clash bombard retake fire"),
}

# Nouns that report an event ("held talks", "a call with", "the summit", "a free-trade agreement").
NOUN_TRIGGERS: dict[str, Trigger] = {
    **_many("CONSULT", None, "meeting talk talks dialogue consultation negotiation conversation discussion"),
    **_many("CONSULT", "multilateral", "summit ministerial"),
    **_many("CONSULT", "third-party", "mediation"),
    **_many("CONSULT", "visit", "visit trip"),
    **_many("CONSULT", "phone", "call videoconference teleconference"),
    **_many("AGREE", None, "agreement accord deal pact commitment pledge"),
    **_many("COOPERATE", None, "cooperation partnership"),
    **_many("SUPPORT", None, "praise treaty"),
    **_many("DISAPPROVE", None, "criticism condemnation"),
    **_many("ACCUSE", None, "accusation"),
    **_many("PROTEST", "demo", "protest demonstration rally"),
    **_many("SANCTION", None, "sanction sanctions suspension embargo"),
    **_many("RETREAT", None, "withdrawal ceasefire truce"),
    **_many("FIGHT", None, "invasion offensive"),
    **_many("DEMAND", None, "demand ultimatum"),
    **_many("INVESTIGATE", None, "investigation inquiry probe"),
    **_many("ASSAULT", "explosives", "bombing"),
}

# Multi-word triggers matched on the lower-cased sentence text (pattern, type, mode, needles): every match holds one
# of the needles, so a document whose lower-cased text holds none is not scanned with the pattern.
PHRASE_TRIGGERS: tuple[tuple[re.Pattern[str], str, str | None, tuple[str, ...]], ...] = (
    (re.compile(r"\b(?:spoke|speaks|speak|talked|talks|talk)\b[^.]{0,40}\bby (?:tele)?phone\b"), "CONSULT", "phone", ("phone",)),
    (re.compile(r"\b(?:phone|telephone|video)\s+(?:call|conversation|conference)\b"), "CONSULT", "phone", ("phone", "video")),
    (re.compile(r"\b(?:work|working|worked|works) (?:together|closely|jointly)\b"), "COOPERATE", None, ("work",)),
    (re.compile(r"\bworking group\b"), "COOPERATE", None, ("working group",)),
    (re.compile(r"\bjoint (?:operation|task force|patrol|exercise|investigation|effort|action|plan)s?\b"), "COOPERATE", None, ("joint ",)),
    (re.compile(r"\bhunger strike\b"), "PROTEST", "hunger", ("hunger strike",)),
    (re.compile(r"\b(?:general|national|nationwide|labou?r|workers'?|teachers'?|doctors'?) strikes?\b|\bon strike\b"), "PROTEST", "boycott", ("strike",)),
    (re.compile(r"\b(?:strike|strikes|struck|striking) (?:a|an|the) (?:deal|agreement|bargain)\b"), "AGREE", None, ("strik", "struck")),
    (re.compile(r"\bexpress(?:ed|es|ing)? (?:their |his |her |its |our )?(?:deep |grave |serious |strong )?concerns?\b"), "DISAPPROVE", None, ("concern",)),
    (re.compile(r"\bopen(?:ed|s)? fire\b"), "FIGHT", "firearms", ("fire",)),
    (re.compile(r"\bfailed to (?:reach|agree)\b"), "REJECT", None, ("failed to",)),
    (re.compile(r"\b(?:summoned|summons)\b[^.]{0,60}\bambassador\b"), "DISAPPROVE", None, ("ambassador",)),
    (re.compile(r"\b(?:called|calls|call) for\b"), "DEMAND", None, ("call",)),
    (re.compile(r"\b(?:called|calls|call) on\b[^.]{0,60}\bto\b"), "DEMAND", None, ("call",)),
    (re.compile(r"\bimpos(?:ed|es|e|ing) (?:new |further |fresh )?(?:sanctions|tariffs|an embargo)\b"), "SANCTION", None, ("impos",)),
    (re.compile(r"\bstate of (?:siege|emergency)|martial law|curfew\b"), "COERCE", "martial-law", ("state of", "martial law", "curfew")),
)

# "received"/"welcomed" a person is hosting; anything else falls back (welcome -> SUPPORT, receive -> nothing).
HOST_IF_PERSON_OBJECT: dict[str, Trigger | None] = {"receive": None, "welcome": ("SUPPORT", None)}

# A trigger governed by one of these (xcomp: "offered to mediate", "plans to visit") expresses intent.
INTENT_HEADS: frozenset[str] = frozenset(
    {"plan", "intend", "pledge", "promise", "offer", "vow", "agree", "commit", "prepare", "expect", "hope",
     "want", "seek", "aim", "decide", "schedule", "set", "go", "willing", "ready", "prepared", "swear"}
)  # fmt: skip
FUTURE_AUX: frozenset[str] = frozenset({"will", "would", "shall", "'ll", "’ll"})
# "X said Y must ..." is a demand by X (CAMEO 10x).
DEMAND_AUX: frozenset[str] = frozenset({"must"})
SPEECH_LEMMAS: frozenset[str] = frozenset({"say", "announce", "conclude", "insist", "state", "declare", "tell", "add"})
# Group actors: a nationality or organisation word before one of these nouns is the group ("Israeli soldiers").
GROUP_NOUNS: frozenset[str] = frozenset(
    {"soldier", "troop", "force", "police", "army", "government", "official", "authority", "rebel", "guerrilla",
     "guerilla", "militant", "militiaman", "diplomat", "negotiator", "parliament", "leader", "delegation",
     "minister", "ministry", "navy", "military", "settler", "hacker", "youth", "demonstrator", "protester",
     "judge", "court", "side", "activist", "doctor", "worker", "refugee", "civilian", "student", "businessman",
     "newspaper", "helicopter", "tank", "plane", "jet", "insurgent", "gunman", "farmer", "villager", "resident",
     "opposition", "union", "party", "group", "faction", "movement", "commander", "extremist", "fighter",
     "separatist", "inspector", "monitor", "peacekeeper", "observer", "mediator", "envoy", "people", "crowd"}
)  # fmt: skip

# Intent to do something cooperative is AGREE, intent to do something hostile is THREATEN (CAMEO 03x / 13x).
COOPERATIVE_TYPES: frozenset[str] = frozenset({"CONSULT", "COOPERATE", "AID", "SUPPORT", "CONCEDE", "RETREAT"})
CONFLICTUAL_TYPES: frozenset[str] = frozenset(
    {"SANCTION", "COERCE", "ASSAULT", "FIGHT", "PROTEST", "MOBILIZE", "REJECT"}
)

PHONE_WORDS_RE = re.compile(r"\b(?:phone|telephone|call|calls|called|video ?conference|virtual(?:ly)?|videoconference)\b", re.I)
MULTILATERAL_RE = re.compile(
    r"\b(?:summit|ministerial|multilateral|G-?7|G-?20|NATO|APEC|OAS|United Nations General Assembly|plenary|"
    r"leaders'? meeting|trilateral)\b"
)

# Topic keywords (lower-case regex alternations), matched on the event's sentence and its neighbours.
TOPIC_KEYWORDS: dict[str, str] = {
    "migration": r"migra\w*|asylum|refugee\w*|irregular crossings?|deport\w*|smuggling of persons|remittances",
    "illegal_drugs": r"fentanyl|drug\w*|narcotic\w*|cartel\w*|opioid\w*|cocaine|heroin|methamphetamine|precursor chemicals?|counternarcotic\w*",
    "arms_trafficking": r"(?:firearms?|arms|weapons?|guns?) (?:trafficking|smuggling)|trafficking (?:of|in) (?:firearms|arms|weapons|guns)|illegal (?:firearms|guns|weapons)|gun running",
    "trade": r"trade|tariffs?|exports?|imports?|usmca|nafta|customs duties|supply chains?",
    "security": r"security|terroris\w*|counterterror\w*|military|defen[cs]e|violence|crime|criminal organi[sz]ations?",
    "environment": r"climate|environment\w*|emissions?|deforestation|clean energy transition|biodiversity",
    "human_rights": r"human rights|rights of|freedom of (?:expression|the press|assembly)|civil liberties|political prisoners?",
    "energy": r"energy|oil|gas|electricity|power grid|renewables?|nuclear power|petroleum",
    "health": r"health|pandemic|covid\W?19|vaccines?|disease|medical",
    "economy": r"econom\w*|investment\w*|investors?|growth|jobs|inflation|financ\w*|development bank",
    "water": r"water|rio grande|colorado river|drought|aquifer",
    "border": r"border\w*|ports? of entry|crossings?",
}

# Lines that are photo credits / captions / bylines: never an event, never participants.
CAPTION_RE = re.compile(
    r"^\s*(?:photo|photograph|image|picture|file photo|credit|caption|video|graphic)s?\b|"
    r"\b(?:photo|image|credit)s?\s*[:/]|/\s*(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Bloomberg|Pool)\b|"
    r"\((?:AP|AFP|Reuters|EPA) Photo",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(r"^\s*(?:by|written by|reporting by|editing by|additional reporting by)\s+[A-Z]", re.IGNORECASE)

# A transcript whose title or opening says so records ONE meeting: every turn belongs to it.
JOINT_EVENT_RE = re.compile(
    r"\b(?:joint (?:press|news) (?:conference|availability|statements?)|press availability|"
    r"before (?:a |their )?(?:bilateral )?meeting|after (?:a |their )?(?:bilateral )?meeting|bilateral meeting|"
    r"in (?:a )?meeting with|pool spray)\b",
    re.IGNORECASE,
)

GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "we", "both", "the two", "the leaders", "the two leaders", "the sides",
                                             "both sides", "the two sides", "both leaders", "the ministers"})  # fmt: skip
SINGLE_PRONOUNS: frozenset[str] = frozenset({"he", "she", "i"})
SURNAME_PARTICLES: frozenset[str] = frozenset({"de", "del", "la", "van", "von", "der", "al", "el", "bin", "da", "dos", "le"})

# Verbs for the short human label, by (type, mode or status).
LABEL_VERBS: dict[str, str] = {
    "CONSULT": "meets",
    "CONSULT/phone": "speaks with",
    "CONSULT/host": "hosts",
    "CONSULT/visit": "meets",
    "CONSULT/multilateral": "meets",
    "AGREE": "agrees with",
    "AGREE/planned": "plans to meet",
    "COOPERATE": "cooperates with",
    "SUPPORT": "supports",
    "DISAPPROVE": "criticizes",
    "ACCUSE": "accuses",
    "REJECT": "rejects",
    "THREATEN": "threatens",
    "DEMAND": "demands of",
    "REQUEST": "asks",
    "SANCTION": "sanctions",
}

# Verbs whose direct object is a subject matter, not a participant ("discussed migration").
TOPIC_OBJECT_LEMMAS: frozenset[str] = frozenset({"discuss", "review", "negotiate", "address", "consult"})
# Name suffixes that are not surnames (for short labels).
NAME_SUFFIXES: frozenset[str] = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})

# Words shared by many different names: never enough to say two names are the same party.
GENERIC_NAME_WORDS: frozenset[str] = frozenset(
    {"the", "united", "states", "state", "republic", "kingdom", "democratic", "people's", "union", "national",
     "ministry", "council", "foreign", "affairs", "government", "president", "minister", "secretary", "and", "of",
     "for", "new", "south", "north", "east", "west", "central", "federal", "party", "army", "forces"}
)  # fmt: skip

# Titles that stand for a principal when the document does not name them ("The President spoke with ...").
PRINCIPAL_TITLES: frozenset[str] = frozenset(
    {"president", "secretary", "minister", "chancellor", "ambassador", "king", "queen", "pope", "governor",
     "premier", "taoiseach", "emir", "sultan", "envoy"}
)  # fmt: skip

# Prepositions whose objects take part in the event ("met with X", "a call with Y", "talks between A and B").
ARG_PREPS: frozenset[str] = frozenset({"with", "between", "among", "by", "against", "from", "to"})

# Words naming a building or room rather than a city ("the Chancellor's Office", "the Foreign Ministry"): outlets
# name one venue differently, and a venue lies in some city, so two venues, or a venue and a city, never conflict.
VENUE_WORDS = frozenset(
    "office residence palace house hall ministry department building center centre hotel headquarters embassy "
    "chancellery secretariat compound guesthouse mansion villa room pavilion complex sidelines".split()
)

# Nouns naming a record of an event ("Transcript of ... visit", "Readout of ... call"): their "by X" is who
# spoke or wrote it, not a participant of the event the record is about.
DOCUMENT_NOUNS = frozenset(
    "transcript readout remarks statement briefing summary record text minutes communique communiqué report "
    "release note".split()
)
