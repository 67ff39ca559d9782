"""Data for document metadata: publisher signatures, dateline and date patterns, kind cues.

Everything here is data (names, word lists, compiled patterns); the logic that uses it is in
:mod:`communique.ingest.metadata`. Patterns are written for English-language wire copy, official readouts,
press-conference transcripts and scraped pages.
"""

from __future__ import annotations

import re

from ..lexicon import MONTHS, WEEKDAY_NAME_RE, WEEKDAY_WORD_RE
from ..turn_patterns import SPEAKER_TURN_RE

__all__ = [
    "MONTHS",
    "MONTH_NAME_RE",
    "AGENCIES",
    "DOMAIN_PUBLISHERS",
    "AGENCY_ALT",
    "SOURCE_LINE_RE",
    "COPYRIGHT_RE",
    "WIRE_TAG_RE",
    "TRAILING_AGENCY_RE",
    "DATELINE_RE",
    "DATELINE_STOPWORDS",
    "ISO_DATE_RE",
    "MONTH_DAY_YEAR_RE",
    "DAY_MONTH_YEAR_RE",
    "MONTH_YEAR_RE",
    "DATE_LINE_PREFIX_RE",
    "BYLINE_RE",
    "TIME_LINE_RE",
    "SPEAKER_TURN_RE",
    "READOUT_TITLE_RE",
    "READOUT_LEAD_RE",
    "READOUT_BODY_RE",
    "READOUT_TIME_RE",
    "READOUT_ACTOR_RE",
    "STATEMENT_TITLE_RE",
    "STATEMENT_LEAD_RE",
    "TRANSCRIPT_TITLE_RE",
    "PRESS_RELEASE_RE",
    "PRESS_RELEASE_END_RE",
    "SPEECH_TITLE_RE",
    "SPEECH_OPENING_RE",
    "FIRST_PERSON_RE",
    "FIRST_PERSON_SINGULAR_RE",
    "ANNOUNCEMENT_RE",
    "REPORTING_VERB_RE",
    "SMALL_WORDS",
]


MONTH_NAME_RE = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"  # case-insensitive group

# News agencies and outlets: every alias (lower case) -> the normalised publisher name.
AGENCIES: dict[str, str] = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse",
    "efe": "EFE",
    "agencia efe": "EFE",
    "xinhua": "Xinhua",
    "xinhua news agency": "Xinhua",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "ansa": "ANSA",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "notimex": "Notimex",
    "bloomberg": "Bloomberg",
    "upi": "United Press International",
    "united press international": "United Press International",
    "pti": "Press Trust of India",
    "press trust of india": "Press Trust of India",
    "ians": "IANS",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "aa": "Anadolu Agency",
    "europa press": "Europa Press",
    "prensa latina": "Prensa Latina",
    "bernama": "Bernama",
    "antara": "Antara",
    "wafa": "WAFA",
    "kuna": "KUNA",
    "spa": "Saudi Press Agency",
    "wam": "WAM",
    "mena": "MENA",
    "irna": "IRNA",
    "cna": "CNA",
    "pa": "PA Media",
    "pa media": "PA Media",
    "cnn": "CNN",
    "bbc": "BBC",
    "npr": "NPR",
    "nyt": "The New York Times",
    "the new york times": "The New York Times",
    "new york times": "The New York Times",
    "the washington post": "The Washington Post",
    "washington post": "The Washington Post",
    "el universal": "El Universal",
    "la jornada": "La Jornada",
    "prnewswire": "PR Newswire",
    "pr newswire": "PR Newswire",
    "business wire": "Business Wire",
    "businesswire": "Business Wire",
    "globe newswire": "GlobeNewswire",
    "globenewswire": "GlobeNewswire",
    "the white house": "The White House",
    "white house": "The White House",
}

# Web hosts whose publisher is known (the host without "www.").
DOMAIN_PUBLISHERS: dict[str, str] = {
    "whitehouse.gov": "The White House",
    "bidenwhitehouse.archives.gov": "The White House",
    "state.gov": "U.S. Department of State",
    "apnews.com": "Associated Press",
    "reuters.com": "Reuters",
    "afp.com": "Agence France-Presse",
    "efe.com": "EFE",
    "xinhuanet.com": "Xinhua",
    "english.news.cn": "Xinhua",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "cnn.com": "CNN",
    "npr.org": "NPR",
    "gob.mx": "Government of Mexico",
    "un.org": "United Nations",
}

# Alternation of every alias, longest first (so "Associated Press" wins over "AP").
AGENCY_ALT = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))

# "(Source: EFE)", "Source: Reuters", "Fuente: EFE" — a source credit, usually the last line or in removed boilerplate.
SOURCE_LINE_RE = re.compile(r"\(?\b(?:Source|Sources|Fuente|Credit)\s*:\s*(?P<name>[^()\n]{2,60}?)\s*\)?\s*\.?\s*$", re.I | re.M)
# "Copyright 2025 The Associated Press. All rights reserved.", "© 2025 Reuters", "(c) Copyright Thomson Reuters 2025"
COPYRIGHT_RE = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:copyright\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4}\s*)?)?"
    r"(?P<name>[A-Z][\w&.'’ -]{1,60}?)\s*(?:\d{4}\s*)?(?:[.,]|all rights|$)",
    re.I | re.M,
)
# "(Reuters) -", "(AP) —", "(Xinhua) --", "/PRNewswire/ --" inside the first lines.
WIRE_TAG_RE = re.compile(r"(?:\((?P<paren>" + AGENCY_ALT + r")\)|/(?P<slash>" + AGENCY_ALT + r")/)\s*(?:[-—–]{1,2}|:)", re.I)
# "— Xinhua", "-- Reuters", "(EFE)" alone as the last line.
TRAILING_AGENCY_RE = re.compile(r"^\s*(?:[-—–]{1,2}\s*(?P<dash>" + AGENCY_ALT + r")|\((?P<paren>" + AGENCY_ALT + r")\))\s*\.?\s*$", re.I)

# A dateline at the start of a line: PLACE[, REGION][, DATE] [(AGENCY) | /WIRE/] DASH.
# The place is ALL CAPS ("MEXICO CITY") or Title Case ("Washington, D.C."); the caller decides how much it trusts
# a Title Case place with nothing but a dash after it.
_PLACE = r"(?P<place>[A-Z][A-Za-z.'’\-]*(?:\s+(?:[A-Z][A-Za-z.'’\-]*|of|de|del|la|el|al|es)){0,4})"
_REGION = r"(?:,\s*(?!" + MONTH_NAME_RE + r"\s+\d)(?P<region>[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,2}))"
_DL_DATE = r"(?:,?\s*(?P<date>" + MONTH_NAME_RE + r"\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+" + MONTH_NAME_RE + r"(?:\s+\d{4})?))"
_DL_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&-]{0,40})\)|\s*/(?P<wire>[A-Za-z][A-Za-z .&-]{0,40})/)"
DATELINE_RE = re.compile(r"^\s*" + _PLACE + _REGION + r"?" + _DL_DATE + r"?" + _DL_AGENCY + r"?\s*(?P<dash>--|[—–]|(?<=\s)-|:)\s*(?=\S)")
# Capitalised words that start sentences, never a dateline place.
DATELINE_STOPWORDS: frozenset[str] = frozenset(
    "the a an this that these those he she it they we i you his her their our mr mrs ms dr president "
    "secretary minister q note update editor read watch photo video".split()
)

ISO_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)")
MONTH_DAY_YEAR_RE = re.compile(
    r"\b(?P<month>" + MONTH_NAME_RE + r")\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b", re.I
)
DAY_MONTH_YEAR_RE = re.compile(
    r"\b(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>" + MONTH_NAME_RE + r")\s*,?\s+(?P<y>(?:19|20)\d{2})\b",
    re.I,
)
MONTH_YEAR_RE = re.compile(r"\b(?P<month>" + MONTH_NAME_RE + r")\s+(?P<y>(?:19|20)\d{2})\b", re.I)
# A header line that announces the document date: "For Immediate Release: March 3, 2025", "Published 2025-03-03".
DATE_LINE_PREFIX_RE = re.compile(
    r"^\s*(?:for immediate release|immediate release|published(?: on)?|posted(?: on)?|released(?: on)?|issued(?: on)?|"
    r"updated(?: on)?|date|dated|fecha)\b",
    re.I,
)
# A byline: "By Jane Doe", "By JANE DOE and JOHN ROE, Associated Press".
BYLINE_RE = re.compile(r"^\s*(?:by|por|written by|reporting by)\s+[A-Z]", re.I)
# A time stamp line in a transcript: "12:07 P.M. EST", "10:31 a.m. ET".
TIME_LINE_RE = re.compile(r"^\s*\d{1,2}:\d{2}\s*(?:[AaPp]\.?\s*[Mm]\.?)?\s*(?:[A-Z]{2,4}T?)?\s*$")

# A speaker turn in a transcript ("MS. PSAKI:", "PRESIDENT LÓPEZ OBRADOR:  (As interpreted.)", "Q"): defined once
# in communique.turn_patterns.

# --- kind cues --------------------------------------------------------------------------------------------------
READOUT_TITLE_RE = re.compile(r"^\s*(?:readout\b|read-out\b|.*\breadout of\b)", re.I)
# The lead of a readout: "President Biden spoke today with ...", "... met with ...", "Today, X convened ...".
READOUT_LEAD_RE = re.compile(
    r"\b(?:spoke|speaks|talked|met|meets|held|hosted|hosts|co-hosted|convened|participated|joined|received|welcomed|"
    r"called|visited|traveled|travelled|led|chaired|co-chaired|attended|briefed|engaged|engage)\b"
    r"|\b(?:call|calls|meeting|meetings|conversation|roundtable|listening session|convening|dinner|discussion)\s+with\b"
    r"|\breadout of\b|\bfollowing is attributable to\b",
    re.I,
)
# Who acts in a readout's lead: an office holder or an institution (news leads name people, places, parties).
READOUT_ACTOR_RE = re.compile(
    r"\b(?:President|Vice President|Prime Minister|Premier|Secretary|Minister|Ambassador|Advis[oe]r|Chancellor|King|"
    r"Queen|Crown Prince|Emir|Amir|Sultan|Director|Administrator|Spokesperson|Envoy|Representative|First Lady|"
    r"Second Gentleman|White House|Administration|Council|Department|Ministry|Government|Chair|Chairman|Governor|"
    r"Commissioner|Deputy|Foreign Minister|Secretary-General|Senior (?:Advis[oe]r|Official)s?|officials|delegation|"
    r"leaders)\b"
)
# What a readout reports: the participants' positions, in summary verbs ("The leaders discussed ...").
READOUT_BODY_RE = re.compile(
    r"\b(?:discussed|reaffirmed|underscored|emphasized|emphasised|reiterated|expressed|highlighted|congratulated|"
    r"thanked|affirmed|agreed|stressed|conveyed|lauded|praised|condemned|pledged|exchanged views|consulted|reviewed|"
    r"welcomed|committed to|offered (?:his|her|their) condolences|noted)\b",
    re.I,
)
# "today", "yesterday", "this afternoon": a readout is dated relative to its release (news says "on Monday").
READOUT_TIME_RE = re.compile(
    r"\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening|week)|last week|earlier this (?:week|month)|"
    r"on " + WEEKDAY_NAME_RE + r")\b",
    re.I,
)
STATEMENT_TITLE_RE = re.compile(r"^\s*(?:joint\s+)?statements?\b|^\s*(?:joint\s+)?(?:communiqu[eé]|declaration)\b", re.I)
STATEMENT_LEAD_RE = re.compile(
    r"^\s*(?:(?:joint\s+)?statement\s+(?:from|by|of|on)\b|the following (?:is a )?statement\b|"
    r"(?:begin|start) statement\b)",
    re.I | re.M,
)
TRANSCRIPT_TITLE_RE = re.compile(
    r"\b(?:press briefing|press gaggle|gaggle|press conference|news conference|press call|background call|"
    r"transcript|interview with|q\s*&\s*a|question and answer|on-the-record|on background)\b",
    re.I,
)
# A press-release header or footer line (whole lines only: wrapped prose may start a line with "press release").
PRESS_RELEASE_RE = re.compile(
    r"^[ \t]*(?:for immediate release\b.*|(?:press|news|media) release[ \t]*(?:[:|\-—–].*)?|comunicado de prensa\b.*|"
    r"(?:media |press )?contacts?[ \t]*:.*|(?-i:About [A-Z][\w&' -]{1,60}))$",
    re.I | re.M,
)
PRESS_RELEASE_END_RE = re.compile(r"^\s*\\?(?:###|-\s*###\s*-|- ?30 ?-|-end-)\s*$", re.I | re.M)
SPEECH_TITLE_RE = re.compile(
    r"^\s*(?:remarks\b|address\b|speech\b|keynote\b|statement (?:at|to|before) the\b|.*\bas (?:prepared for delivery|"
    r"delivered)\b|.*\bremarks (?:by|of|at)\b)",
    re.I,
)
# Openings of a delivered speech.
SPEECH_OPENING_RE = re.compile(
    r"^\s*(?:thank you(?: (?:very|so) much)?|thanks|good (?:morning|afternoon|evening)|hello|hi,? everybody|"
    r"ladies and gentlemen|mr\.? (?:president|secretary-general|speaker|chairman|prime minister)|madam (?:president|speaker)|"
    r"your (?:excellency|excellencies|majesty|highness)|excellenc(?:y|ies)|distinguished (?:guests|delegates)|"
    r"dear (?:friends|colleagues)|my fellow|fellow citizens|well,? thank you|please,? be seated)\b",
    re.I,
)
FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'll|I’ll|me|my|we|we're|we’re|we've|we’ve|our|us)\b")
REPORTING_VERB_RE = re.compile(r"\b(?:said|says|told|according to|added|stated)\b")
# The singular voice of a statement or speech ("I", "my"); readouts say "our two countries" but never "I".
FIRST_PERSON_SINGULAR_RE = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'll|I’ll|I'd|I’d|me|my|myself)\b")
# An announcement of a coming meeting ("will host", "will travel"): published as a statement.
ANNOUNCEMENT_RE = re.compile(
    r"\b(?:will|plans to|is scheduled to)\s+(?:host|welcome|meet|travel|visit|speak|participate|attend|lead|convene)\b",
    re.I,
)

# Words kept in lower case when an ALL-CAPS place name is title-cased.
SMALL_WORDS: frozenset[str] = frozenset("of de del la el al es the and y da do dos das le les".split())

# --- publication-date evidence (issue 10) ---------------------------------------------------------------------------
# A capture line the crawler put before the page text: " date 2025-03-03 https://..." (the page's date as captured).
CAPTURE_DATE_RE = re.compile(r"^\s*date\s+(?P<date>(?:19|20)\d{2}-\d{2}-\d{2})\b", re.I)
WEEKDAY_NAMES = WEEKDAY_WORD_RE
WEEKDAY_RE = WEEKDAY_NAMES + r"\.?"
# US numeric dates in release headers: "03/04/2025 | News release", "03/03/2025 09:40 AM EST".
NUMERIC_US_DATE_RE = re.compile(r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d{2})(?![\d/])")
# A line that opens with a date (a weekday may come first): "Monday, March 3, 2025, 10:05 a.m., Foreign Office".
LEADING_DATE_RE = re.compile(
    r"^\s*(?:" + WEEKDAY_RE + r",?\s+)?(?:" + MONTH_NAME_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_NAME_RE + r",?\s+(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|"
    r"\d{1,2}/\d{1,2}/(?:19|20)\d{2})\b",
    re.I,
)
# A site's header clock shows the day the page was captured, not the day it was written: an abbreviated weekday
# with an ordinal day ("Sat. Mar 1st, 2025") or a date under a weather reading ("71.6 F" / "22 °C").
SITE_CLOCK_DATE_RE = re.compile(r"^\s*" + WEEKDAY_NAMES + r"\.\s+" + MONTH_NAME_RE + r"\s+\d{1,2}(?:st|nd|rd|th),?\s+\d{4}\s*$", re.I)
WEATHER_LINE_RE = re.compile(r"^\s*-?\d{1,3}(?:[.,]\d)?\s*°?\s*[FC]\s*$")
