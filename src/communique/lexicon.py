"""The shared lexicon (data only): months and weekdays, titles and honorifics, abbreviations, name particles and
suffixes. Every stage that needs one of these lists imports it from here (clean,
ingest metadata and kind, nlp, the knowledge base, ask) instead of keeping its own copy. The speaker-turn line
patterns built on these lists ("NAME:", "MS. X:", "Q") are in :mod:`communique.turn_patterns`.

Titles (the patterns are compiled in ``nlp.entities``):

A *title* is a head (``Secretary``, ``Foreign Secretary``, ``Admiral``, ``Dr.``) optionally preceded by rank
modifiers (``Deputy``, ``Acting``, ``Under`` ...) and optionally followed by a complement
(``of State``, ``for North America``, ``of Security and Citizen Protection``).
"""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "MONTH_NAMES",
    "MONTH_ABBREVIATIONS",
    "MONTH_WORD_RE",
    "WEEKDAYS",
    "WEEKDAY_ABBREVIATIONS",
    "WEEKDAY_NAME_RE",
    "WEEKDAY_WORD_RE",
    "NAME_SUFFIXES",
    "PATRONYMIC_WORDS",
    "TITLE_HEADS",
    "TITLE_MODIFIERS",
    "ABBREVIATIONS",
    "HONORIFICS",
    "COMPLEMENT_PREPOSITIONS",
    "COMPLEMENT_LOWER_WORDS",
    "COMPLEMENT_JOINERS",
    "ORG_HEAD_WORDS",
    "TITLE_COUNTRY",
    "SPEAKER_NON_PERSONS",
    "NON_SPEAKER_LABELS",
    "NOT_PERSON_WORDS",
    "NAME_PARTICLES",
    "HEADLINE_VERBS",
    "HEADLINE_FUNCTION_WORDS",
    "COUNTRY_GIVEN_NAMES",
]

# Month names and abbreviations (AP style "Jan.", "Sept.") -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES: tuple[str, ...] = tuple(m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july"))  # written out
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(m for m in MONTHS if m not in MONTH_NAMES)  # "jan" ... "sept", "sep" ...
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
# Regex text over these lists (the users compile it; IGNORECASE where capitals are allowed):
MONTH_WORD_RE = r"(?:" + "|".join(m[:3] for m in MONTH_NAMES) + r")[a-z]*\.?"  # "jan", "Sept.", "March"
WEEKDAY_NAME_RE = r"(?:" + "|".join(WEEKDAYS) + r")"  # "monday", "friday"
WEEKDAY_WORD_RE = r"(?:" + "|".join([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS]) + r")"  # "monday", "tues", "thu"

# Words after a name that are not part of it: "Daniel Pike Jr." is "Daniel Pike".
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv"})
# "son/daughter of": between the given name and the father's name ("Karim bin Nasser").
PATRONYMIC_WORDS: frozenset[str] = frozenset({"bin", "ibn", "bint"})

# Heads, title case as written before a name. Multi-word heads come first in the compiled pattern (longest first).
TITLE_HEADS: tuple[str, ...] = (
    # government
    "President", "Prime Minister", "Premier", "Chancellor", "Minister", "Foreign Minister", "Defense Minister",
    "Defence Minister", "Interior Minister", "Finance Minister", "Trade Minister", "Economy Minister",
    "Secretary", "Secretary-General", "Secretary General", "Foreign Secretary", "Home Secretary", "Defense Secretary",
    "Defence Secretary", "Treasury Secretary", "Homeland Security Secretary", "Commerce Secretary", "Press Secretary",
    "Undersecretary", "Under-Secretary", "Subsecretary", "Attorney General", "General Secretary",
    "General Attorney", "General Director", "General Coordinator", "General Counsel", "Commissioner General", "Solicitor General", "Prosecutor",
    "Ambassador", "Envoy", "Consul", "Consul General", "Chargé d'Affaires", "Charge d'Affaires", "Diplomat",
    "National Security Adviser", "National Security Advisor", "Homeland Security Advisor",
    "Homeland Security Adviser", "Taoiseach", "Tánaiste", "Chief Executive Officer", "CEO", "Security Adviser", "Security Advisor", "Adviser",
    "Advisor", "Counselor", "Spokesperson", "Spokesman", "Spokeswoman", "Director", "Director General",
    "Administrator", "Commissioner", "Coordinator", "Czar", "Governor", "Mayor", "Senator", "Representative",
    "Congressman", "Congresswoman", "Speaker", "Majority Leader", "Minority Leader", "Leader", "Chairman",
    "Chairwoman", "Chair", "Chief of Staff", "Chief Executive", "Head", "King", "Queen", "Prince", "Princess",
    "Emperor", "Pope", "Sheikh", "Emir", "Sultan", "Justice", "Chief Justice", "Judge", "Crown Prince",
    "Councilor", "Councillor", "State Councilor", "State Councillor",
    # military and police
    "Admiral", "Vice Admiral", "Rear Admiral", "General", "Lieutenant General", "Major General",
    "Brigadier General", "Colonel", "Lieutenant Colonel", "Major", "Captain", "Lieutenant", "Sergeant",
    "Commander", "Commander-in-Chief", "Marshal", "Field Marshal", "Chief",
    # abbreviations (expanded in ABBREVIATIONS)
    "Dr.", "Gen.", "Lt. Gen.", "Maj. Gen.", "Brig. Gen.", "Adm.", "Vice Adm.", "Rear Adm.", "Col.", "Lt. Col.",
    "Capt.", "Lt.", "Sgt.", "Cmdr.", "Sen.", "Rep.", "Gov.", "Amb.", "Sec.", "Pres.", "Prof.", "Supt.",
    "Secy.", "Secy", "PM", "FM", "EAM",
)  # fmt: skip

# Rank words that may precede a head ("Deputy Secretary", "Acting Attorney General", "Vice President").
TITLE_MODIFIERS: tuple[str, ...] = (
    "Deputy", "Assistant", "Acting", "Vice", "Under", "Special", "Senior", "Principal", "Associate", "Executive",
    "Interim", "Former", "Chief", "First", "Second", "Top", "Permanent", "Presidential",
)  # fmt: skip

# Written abbreviation -> canonical title recorded in Role.title.
ABBREVIATIONS: dict[str, str] = {
    "Gen.": "General", "Lt. Gen.": "Lieutenant General", "Maj. Gen.": "Major General",
    "Brig. Gen.": "Brigadier General", "Adm.": "Admiral", "Vice Adm.": "Vice Admiral", "Rear Adm.": "Rear Admiral",
    "Col.": "Colonel", "Lt. Col.": "Lieutenant Colonel", "Capt.": "Captain", "Lt.": "Lieutenant",
    "Sgt.": "Sergeant", "Cmdr.": "Commander", "Sen.": "Senator", "Rep.": "Representative", "Gov.": "Governor",
    "Amb.": "Ambassador", "Sec.": "Secretary", "Pres.": "President", "Prof.": "Professor",
    "Supt.": "Superintendent", "Secy.": "Secretary", "Secy": "Secretary", "PM": "Prime Minister",
    "FM": "Foreign Minister", "EAM": "External Affairs Minister",
}  # fmt: skip

# Courtesy prefixes: stripped from names, never a role.
HONORIFICS: tuple[str, ...] = (
    "Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "Sr.", "Sra.", "Lic.", "Ing.", "Madam", "Madame", "Shri", "Smt.",
    "H.E.",
)  # fmt: skip

# Words that start a title complement: "Secretary of State", "Undersecretary for North America".
COMPLEMENT_PREPOSITIONS: tuple[str, ...] = ("of", "for", "to", "on")

# Lower-case words allowed inside a complement (wire style: "the secretary of state", "minister of foreign affairs").
COMPLEMENT_LOWER_WORDS: tuple[str, ...] = (
    "state", "defense", "defence", "foreign", "affairs", "homeland", "security", "treasury", "commerce",
    "interior", "justice", "economy", "energy", "finance", "public", "citizen", "protection", "national",
    "navy", "agriculture", "labor", "labour", "health", "education", "trade", "migration", "immigration",
    "war", "transportation", "government", "internal", "external", "relations", "staff", "intelligence",
    "environment", "welfare", "development", "international", "economic", "political", "military",
)  # fmt: skip

# Small words that may join complement words ("Security and Citizen Protection", "Minister of the Interior").
COMPLEMENT_JOINERS: tuple[str, ...] = ("and", "of", "the", "for", "&")

# A complement that starts with one of these names an organisation ("Secretary of the Department of Homeland
# Security"): the model's ORG mention inside it is kept and becomes Role.organization.
ORG_HEAD_WORDS: tuple[str, ...] = (
    "Department", "Ministry", "Secretariat", "Agency", "Office", "Bureau", "Council", "Commission", "Committee",
    "Administration", "Service", "Embassy", "Government", "Navy", "Army", "Police", "Guard", "Bank", "Fund",
    "Organization", "Organisation", "Court", "Senate", "House", "Congress", "Parliament", "Institute", "Union",
    "Nations", "Forces", "Delegation", "Mission",
)  # fmt: skip

# Titles that by themselves name one country's office (used only when no country is written next to the title).
TITLE_COUNTRY: dict[str, str] = {
    "secretary of state": "US",
    "secretary of homeland security": "US",
    "homeland security secretary": "US",
    "secretary of defense": "US",
    "secretary of war": "US",
    "secretary of the treasury": "US",
    "treasury secretary": "US",
    "national security adviser": "US",
    "national security advisor": "US",
    "secretary of foreign affairs": "MX",
    "secretary of security and citizen protection": "MX",
    "undersecretary for north america": "MX",
    "secretary of national defense": "MX",
    "secretary of the navy of mexico": "MX",
}

# Speaker labels in transcripts that are not a person's name ("Q:", "MODERATOR:").
SPEAKER_NON_PERSONS: frozenset[str] = frozenset(
    {
        "Q", "QUESTION", "MODERATOR", "OPERATOR", "PARTICIPANT", "AUDIENCE", "AUDIENCE MEMBER", "REPORTER",
        "INTERPRETER", "STAFF", "AIDE", "ANNOUNCER", "NARRATOR", "BOTH", "ALL", "VOICE", "END", "NOTE", "PHOTO",
        "SOURCE", "UPDATE", "EDITOR", "CORRECTION", "BACKGROUND", "TRANSCRIPT", "TRANSLATION", "THE PRESIDENT",
        "THE VICE PRESIDENT", "THE SECRETARY", "THE FIRST LADY", "SENIOR ADMINISTRATION OFFICIAL", "OFFICIAL",
        "MR", "MS", "MRS", "WASHINGTON", "MEXICO CITY", "AS PREPARED FOR DELIVERY", "SUBJECT", "ATTENDEES",
    }
)  # fmt: skip

# Upper-case line starts that end in a colon but never name a speaker ("NOTE:", "EDITOR'S NOTE:", "WHEN:").
NON_SPEAKER_LABELS: frozenset[str] = frozenset(
    {
        "ABOUT", "ADVERTISEMENT", "ADVISORY", "AM", "AUDIO", "BACKGROUND", "CLARIFICATION", "CONTACT", "CONTACTS",
        "CORRECTION", "DATE", "EDITOR'S NOTE", "EDITORS NOTE", "EDITOR’S NOTE", "EDT", "EMBARGOED", "END", "EST", "ET",
        "FACT SHEET", "FILE", "FOLLOW", "FOR IMMEDIATE RELEASE", "FYI", "GMT", "HOW", "LOCATION", "MEDIA CONTACT",
        "MEDIA CONTACTS", "NB", "NOTE", "P.S", "PHOTO", "PHOTOS", "PLACE", "PM", "PRESS CONTACT", "PS", "PT",
        "READ MORE", "RELATED", "RSVP", "SHARE", "SOURCE", "SOURCES", "SUBJECT", "SUBSCRIBE", "SUMMARY", "TAGS", "TIME",
        "TOPICS", "TRANSCRIPT", "UPDATE", "UPDATED", "UTC", "VIDEO", "WARNING", "WATCH", "WHAT", "WHEN", "WHERE", "WHO",
        "WHY",
    }
)  # fmt: skip

# Words the model sometimes takes for a person (or any entity) in this domain: never a mention.
NOT_PERSON_WORDS: frozenset[str] = frozenset(
    {
        "fentanyl", "methamphetamine", "meth", "cocaine", "heroin", "xylazine", "carfentanil", "opioid", "opioids",
        "precursor", "precursors", "nitazene", "nitazenes", "marijuana", "cannabis", "tariff", "tariffs",
    }
)  # fmt: skip

# Lower-case particles inside Spanish/Portuguese/Dutch/German/Arabic compound names ("Juan Ramón de la Fuente").
NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "di", "du", "van", "von", "der", "den", "ter",
     "bin", "ibn", "al", "el", "le", "st."}
)  # fmt: skip

# Title-case verbs a headline writes right after a name ("<Name> Vows ...", "<Name> Holds Talks"): never part of it.
HEADLINE_VERBS: frozenset[str] = frozenset(
    """
    holds vows meets says calls urges visits hails talks slams warns welcomes discusses receives arrives signs
    pledges agrees seeks backs rejects invites congratulates thanks praises condemns sees wants tells asks
    stresses reiterates announces speaks leaves lands heads greets chats dials phones rings
    """.split()
)

# Capitalised function words of a title-case headline that the model takes along after a name ("<Name> Before Their
# Meeting", "<Name> In Talks"): never the last word of a name.
HEADLINE_FUNCTION_WORDS: frozenset[str] = frozenset(
    "before after during amid at on with for to and of the over about from as by into ahead".split()
)

# Country names that are also given names ("Chad", "Jordan", "Georgia"): never cut off the front of a name.
COUNTRY_GIVEN_NAMES: frozenset[str] = frozenset({"chad", "jordan", "georgia", "india", "israel", "america", "kenya"})
