"""Data for transcript speaker labels in mixed case: title words, honorifics, questioner/host labels, notes.

Upper-case labels ("SECRETARY ALVAREZ:", "Q") are described by :mod:`communique.nlp.quote_patterns`; this module adds
the label forms of ministries and news sites that write names in mixed case ("Full Name, Title:", "Title of Country
Full Name:", "Ms. FAMILY Given, Title:", "Question:", "Name (retranslated):").
"""

from __future__ import annotations

import re

from ..lexicon import MONTH_NAMES, WEEKDAYS

__all__ = [
    "QUESTION_LABEL_RE",
    "HOST_LABEL_RE",
    "LABEL_NOTE_RE",
    "INTERPRETED_NOTE_RE",
    "HONORIFICS",
    "TITLE_WORDS",
    "NAME_PARTICLES",
    "HEADING_WORDS",
    "MONOLOGUE_HEADING_RE",
]

# A questioner: "Q", "Question", "QUESTION (Outlet)", "Reporter", "Journalist 2", "Audience member".
QUESTION_LABEL_RE = re.compile(
    r"(?:q|question(?:er)?|reporter|journalist|correspondent|audience(?: member)?|participant)(?: \d{1,2})?",
    re.IGNORECASE,
)
# The host of a briefing or interview: "MODERATOR", "Host", "Anchor", "Interviewer", "Presenter".
HOST_LABEL_RE = re.compile(r"(?:the\s+)?(?:moderator|host|anchor|interviewer|presenter|operator|emcee|mc)", re.IGNORECASE)
# A parenthetical note at the end of a label: "(retranslated)", "(via interpreter)", "(Reuters)".
LABEL_NOTE_RE = re.compile(r"\s*\((?P<note>[^()]{1,40})\)\s*$")
# Notes that say the turn is an interpretation or a translation.
INTERPRETED_NOTE_RE = re.compile(r"\b(?:re-?translat\w*|translat\w*|interpret\w*)\b", re.IGNORECASE)

# Honorifics before a name ("Ms. HARUNA Aiko", "Shri X", "H.E. X").
HONORIFICS: frozenset[str] = frozenset(
    "mr mr. ms ms. mrs mrs. dr dr. shri smt smt. sri prof prof. h.e. he sir dame madam mme mme. m. sheikh".split()
)

# Words of an office or rank: a label holding one is a speaker label ("Foreign Minister:", "President of Norland X").
TITLE_WORDS: frozenset[str] = frozenset(
    """
    president vice prime minister ministers secretary secretary-general undersecretary under-secretary spokesperson
    spokesman spokeswoman spokesperson's ambassador envoy chancellor premier king queen prince princess emir amir
    sultan sheikh chairman chairwoman chair chairperson governor mayor senator congressman congresswoman
    representative commissioner director deputy advisor adviser counselor counsellor official officials admiral
    general colonel commander chief head leader press state foreign affairs external defense defence
    councilor councillor minister-counsellor attaché attache consul consul-general delegate
    """.split()
)

# Particles inside names and titles, written in lower case ("Minister of Foreign Affairs", "bin", "de la").
NAME_PARTICLES: frozenset[str] = frozenset(
    "of the and for on to de del la las los le les el al bin binti bint ibn van von der den da dos das du y e".split()
)

# Words of headings and page residue that end with a colon but never name a speaker ("Related Articles:"), and
# weekday and month names (a wrapped line "Thursday: asking ...").
HEADING_WORDS: frozenset[str] = frozenset(
    """
    article articles news stories story related read more see also share follow tags tag topics topic photo photos
    image images video videos source sources note notes update updates editor disclaimer summary background
    highlights agenda excerpt excerpts remarks statement statements transcript contact contacts email phone tel fax
    address website web page menu search subscribe newsletter comments comment reply posted published updated date
    time location venue subject category categories keywords advertisement sponsored credit credits caption copyright
    translation language languages download print attachment attachments link links click watch listen previous next
    warning key points point fact facts sheet agreement agreements documents document annex appendix part section
    chapter item items list program programme schedule participants
    """.split()
) | frozenset(WEEKDAYS) | frozenset(MONTH_NAMES)

_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w.'’\-]*\s+){0,7}[A-ZÀ-ÖØ-Þ][\w.'’\-]*"
# The heading of an unlabelled transcript of one speaker: "Minister A B's opening statement and answers to questions ...",
# "Remarks by President A B at ...", "Opening remarks by A B", "Speech by A B".
MONOLOGUE_HEADING_RE = re.compile(
    r"^[ \t]*(?:(?P<poss>" + _NAME + r")[’']s\s+(?i:(?:opening\s+)?(?:remarks|speech|statement|address|answers))\b"
    r"|(?i:(?:opening\s+)?(?:remarks|speech|statement|address)\s+by)\s+(?P<by>" + _NAME + r")(?=\s+(?i:at|on|in|to|"
    r"before|during|following|after|for)\b|\s*[,:(]|\s*$))",
    re.MULTILINE,
)
