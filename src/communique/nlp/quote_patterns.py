"""Word lists for quote and transcript extraction (data only; the logic is in quotes.py / transcript.py)."""

from __future__ import annotations

import re

__all__ = [
    "CUE_LEMMAS",
    "INDIRECT_CUE_LEMMAS",
    "CUE_PHRASES",
    "ROLE_NOUNS",
    "DESCRIPTION_TITLES",
    "MALE_PRONOUNS",
    "FEMALE_PRONOUNS",
    "PLURAL_PRONOUNS",
    "FIRST_PERSON",
    "MALE_TITLES",
    "FEMALE_TITLES",
    "MALE_FIRST_NAMES",
    "FEMALE_FIRST_NAMES",
    "OPEN_DOUBLE",
    "CLOSE_DOUBLE",
    "AMBIGUOUS_DOUBLE",
    "SINGLE_PAIRS",
    "INTERPRETER_RE",
    "STAGE_DIRECTION_RE",
    "QUESTIONER_LABELS",
    "LABEL_TITLES",
]

# Verbs (lemmas) that introduce quoted or reported speech.
CUE_LEMMAS: frozenset[str] = frozenset(
    """
    say tell add stress note explain ask reply write declare insist argue warn continue recall acknowledge
    announce emphasize emphasise underscore underline reiterate admit claim suggest tweet post comment remark
    respond answer observe concede predict vow promise urge complain joke quip caution affirm maintain contend
    state shout yell testify assert allege charge counter agree confirm deny report disclose reveal inform
    lament boast describe estimate mention proclaim pledge repeat retort scoff sigh recount demand chant
    exclaim wonder plead reason muse snap read sing quote cite shoot interject conclude
    """.split()
)

# Cue lemmas that take a reported clause often enough to emit indirect speech ("X said that ...").
INDIRECT_CUE_LEMMAS: frozenset[str] = frozenset(
    """
    say tell add stress note explain insist argue warn acknowledge announce emphasize emphasise underscore
    reiterate admit claim suggest declare predict vow promise caution affirm maintain contend state assert
    allege confirm deny report disclose reveal inform write tweet
    """.split()
)

# Multi-word cues matched on the surface text (lower case).
CUE_PHRASES: tuple[str, ...] = ("according to", "pointed out", "went on", "told reporters", "told journalists")

# Role nouns that can stand for a person ("the minister said"); multi-word titles first (longest match wins).
ROLE_NOUNS: tuple[str, ...] = (
    "secretary of state",
    "secretary of defense",
    "secretary-general",
    "secretary general",
    "national security adviser",
    "national security advisor",
    "press secretary",
    "foreign minister",
    "prime minister",
    "vice president",
    "attorney general",
    "white house spokesperson",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "president",
    "secretary",
    "minister",
    "ambassador",
    "chancellor",
    "premier",
    "senator",
    "governor",
    "envoy",
    "official",
    "adviser",
    "advisor",
    "lawmaker",
    "congressman",
    "congresswoman",
    "representative",
    "mayor",
    "general",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "leader",
    "candidate",
    "nominee",
    "king",
    "queen",
    "pope",
    "diplomat",
)

# Descriptive role nouns ("the top diplomat", "the premier") -> titles that a person holding that role is written
# with in the same document ("Foreign Minister X", "Prime Minister Y").
DESCRIPTION_TITLES: dict[str, tuple[str, ...]] = {
    "diplomat": ("foreign minister", "secretary of state", "foreign secretary", "minister of foreign affairs",
                 "external affairs minister", "foreign affairs minister", "minister for foreign affairs"),
    "premier": ("prime minister", "premier"),
    "leader": ("president", "prime minister", "premier", "chancellor", "king", "emir"),
    "minister": ("minister", "secretary of state", "foreign secretary"),
    "spokesperson": ("spokesperson", "spokesman", "spokeswoman"),
    "spokesman": ("spokesperson", "spokesman"),
    "spokeswoman": ("spokesperson", "spokeswoman"),
}

MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "we", "me", "us"})

MALE_TITLES: frozenset[str] = frozenset(
    {"mr", "mr.", "sir", "king", "lord", "congressman", "spokesman", "chairman", "sheikh", "prince", "emir", "sultan"}
)
FEMALE_TITLES: frozenset[str] = frozenset(
    {"ms", "ms.", "mrs", "mrs.", "miss", "madam", "dame", "queen", "lady", "congresswoman", "spokeswoman", "chairwoman",
     "princess", "duchess"}
)

# A small list of common first names of political figures (gender for pronoun resolution only).
MALE_FIRST_NAMES: frozenset[str] = frozenset(
    """
    donald joe joseph barack bill george marco antony tony jake john james michael mike robert bob david
    richard thomas william charles chris christopher paul mark peter andrew steven steve kevin brian ted
    bernie mitch chuck lindsey rand jeb ben tim kim vladimir xi emmanuel olaf justin keir boris rishi
    narendra recep benjamin volodymyr sergei sergey marcelo andres andrés manuel juan carlos luis jose josé
    alejandro enrique felipe pedro lula javier gustavo jair mohammed mohammad ali ahmed abdullah jd j.d. pete lloyd merrick alejandro xavier jared eric hunter mike reince sean newt rudy corey
    jason stephen gary rex jerome ron gavin greg matt
    """.split()
)
FEMALE_FIRST_NAMES: frozenset[str] = frozenset(
    """
    hillary kamala nancy karine jen kristi janet elizabeth liz amy susan condoleezza condi madeleine
    angela theresa ursula giorgia claudia alicia marcela sarah sara mary anne ann jill michelle melania
    ivanka kellyanne huma donna debbie tulsi nikki karoline pam tammy kirsten maxine ilhan alexandria
    christine mette jacinda sanna kaja annalena catherine margaret linda patricia barbara jennifer maria
    maría laura ana gina samantha dana kay katie kate rachel rebecca julia
    """.split()
)

OPEN_DOUBLE: frozenset[str] = frozenset({"\u201c", "\u00ab", "\u201e"})  # “ « „
CLOSE_DOUBLE: frozenset[str] = frozenset({"\u201d", "\u00bb"})  # ” »
AMBIGUOUS_DOUBLE: frozenset[str] = frozenset({'"'})
# Single marks used as quotation marks (only in a paragraph without double ones): opening mark -> closing marks.
SINGLE_PAIRS: dict[str, str] = {"\u2018": "\u2019", "'": "'\u2019"}

# "(Via interpreter)", "(As interpreted.)", "(through an interpreter)", "(In Spanish, via interpreter.)"
INTERPRETER_RE = re.compile(
    r"\(\s*(?:[A-Za-z ,]*?\b)?(?:via|through|by|as|with)\s+(?:an?\s+|the\s+)?interpret(?:er|ed|ation)[^)]*\)\s*",
    re.IGNORECASE,
)
# "(Laughter.)", "(Applause.)", "(Crosstalk.)", "(Inaudible.)", "(Pause.)", "(Speaks in Spanish.)" (untranscribed)
STAGE_DIRECTION_RE = re.compile(
    r"\(\s*(?:laughter|applause|laughs|crosstalk|cross-talk|inaudible|audio\s+cut|pause|music|cheers|booing|"
    r"boos|recess|break|video\s+plays|technical\s+difficulties|off[- ]mic|unintelligible|silence|"
    r"speaks\s+in|speaking\s+in|no\s+audio)\b[^)]*\)",
    re.IGNORECASE,
)

# Labels that stand for a (usually unnamed) questioner.
QUESTIONER_LABELS: frozenset[str] = frozenset({"Q", "QUESTION", "REPORTER", "AUDIENCE MEMBER", "PARTICIPANT"})

# Words kept as titles when normalising a label ("SECRETARY RUBIO" -> "Secretary Rubio").
LABEL_TITLES: dict[str, str] = {
    "MR.": "Mr.",
    "MS.": "Ms.",
    "MRS.": "Mrs.",
    "DR.": "Dr.",
    "MR": "Mr.",
    "MS": "Ms.",
    "MRS": "Mrs.",
    "DR": "Dr.",
    "Q": "Q",
}
