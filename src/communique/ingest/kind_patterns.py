"""Data for document kind: the feature families that tell a readout, news copy and a transcript apart.

The older cues (readout leads and summary verbs, statement and speech openings, press-release lines) live in
:mod:`communique.ingest.meta_patterns`; this module holds the families added for pages from news, aggregator and
press-release sites: first-party office markers, wire datelines and credits, third-party reporting of an official
text, and headings that name a transcript.
"""

from __future__ import annotations

import re

from ..lexicon import MONTHS, WEEKDAY_NAME_RE
from .meta_patterns import AGENCY_ALT

__all__ = [
    "OFFICE_MARKER_RE",
    "WIRE_DATELINE_RE",
    "REPORTED_RELEASE_RE",
    "PRESS_CONTACT_RE",
    "SOCIAL_POST_RE",
    "HEDGE_RE",
    "NEWS_TIME_RE",
    "WEEKDAY_RE",
    "BYLINE_RE",
    "TRANSCRIPT_HEADING_RE",
    "GENRE_MODIFIERS",
]

_MONTH = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"  # "Jan.", "March"
_WEEKDAY = WEEKDAY_NAME_RE

# First-party voice of an official office: the spokesperson attribution line of a readout, the office header, a
# "(Summary)" / "(Outline)" heading of a meeting record.
OFFICE_MARKER_RE = re.compile(
    r"^[ \t]*(?:the (?:below|following) is attributable to\b.*|office of the (?:spokesperson|press secretary)\s*$|"
    r"read-?out\s*$|.*\((?:summary|outline|overview)\)\s*$)",
    re.I | re.M,
)
# Wire copy: "CITY, Oct. 2 (Agency) --", "CITY (Agency) -", "Name News Agency, City, June 3" opening the story.
WIRE_DATELINE_RE = re.compile(
    r"^[ \t]*[A-Z][\w .,'’-]{1,40}?\s*\((?:" + AGENCY_ALT + r")\)\s*(?:[-—–]{1,2}|:)"
    r"|\b[A-Z][\w .'’-]{0,30},\s+" + _MONTH + r"\s+\d{1,2}\s*\([A-Z][\w .&'’-]{1,30}\)\s*[-—–]{1,2}"
    r"|\b(?:[A-Z][\w'’-]*\s+){0,3}News Agency,\s+[A-Z][\w .'’-]{1,30},\s+" + _MONTH + r"\s+\d{1,2}\b",
    re.M,
)
# A third party reporting an official text or event: "said in a press release", "the release said",
# "told reporters", "said at a briefing", "according to a statement".
REPORTED_RELEASE_RE = re.compile(
    r"\b(?:said|says|stated|noted|announced|added|wrote)\s+(?:\w+\s+){0,2}?(?:in|during|at|on)\s+(?:a|an|the|its|his|her|"
    r"their)\s+(?:\w+\s+){0,2}?(?:statement|press release|release|readout|briefing|news conference|press conference|"
    r"post|tweet|social media|communiqu[eé])\b"
    r"|\bthe (?:release|statement|readout|communiqu[eé]) (?:said|says|read|reads|noted|added|stated)\b"
    r"|\baccording to (?:a|an|the) (?:\w+\s+){0,3}?(?:statement|press release|release|readout|communiqu[eé])\b"
    r"|\b(?:told|speaking to|talking to|briefed) (?:the )?(?:reporters|journalists|the media|the press)\b",
    re.I,
)
# A post on social media quoted or reported ("he tweeted", "wrote on X").
SOCIAL_POST_RE = re.compile(
    r"\b(?:tweeted|wrote on (?:twitter|x|facebook|telegram)|posted on (?:twitter|x|facebook|telegram|social media))\b",
    re.I,
)
# A reporter's hedge: an office does not write "reportedly" or "claimed that" about its own principal.
HEDGE_RE = re.compile(
    r"\b(?:reportedly|(?:is|are|was|were) said to|(?:further|also) claimed|claimed that)\b",
    re.I,
)
# A media-contact block: a press release, even when its lead reads like a readout.
PRESS_CONTACT_RE = re.compile(r"^[ \t]*(?:media|press) (?:contact|inquiries|enquiries)\b.*$", re.I | re.M)
# News copy dates an event by a weekday in a form readouts do not use: "this Wednesday", "on early Friday",
# "said on Thursday" (readouts say "today"; a bare "on Monday" occurs in both and is not a cue).
NEWS_TIME_RE = re.compile(
    r"\b(?:this|early|late|on early|on late|earlier on|later on)\s+" + _WEEKDAY + r"\b"
    r"|\b(?:said|says|told|announced|stated)\s+(?:on|late on|early on)\s+" + _WEEKDAY + r"\b",
    re.I,
)
WEEKDAY_RE = re.compile(r"\bon\s+" + _WEEKDAY + r"\b", re.I)
# A byline line: "By Jane Doe", "By Jane Doe and John Roe".
BYLINE_RE = re.compile(r"^[ \t]*(?i:by)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}(?:\s+and\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})?\s*$", re.M)
# A heading that names a transcript: "Transcript of ...", "Press Conference by ...", "answers to questions
# from the press", "Media Briefing by ...", "Interview with ...".
TRANSCRIPT_HEADING_RE = re.compile(
    r"\b(?:transcript|press conference|news conference|press briefing|special briefing|media briefing|briefing by|"
    r"answers to (?:\w+'?\s+){0,2}questions|questions and answers|q\s*&\s*a|interview (?:with|to|by)|"
    r"press gaggle|press availability|joint press (?:statements?|availability))\b",
    re.I,
)
# Words that may precede the genre noun at the start of a transcript's title ("Joint Press Conference of").
GENRE_MODIFIERS: frozenset[str] = frozenset(
    "joint extraordinary special regular daily weekly virtual telephone online full official".split()
)
