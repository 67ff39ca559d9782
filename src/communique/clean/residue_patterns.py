"""Data for page-residue removal (:mod:`communique.clean.residue`): named pattern groups, one per family.

Scraped pages from many outlets carry the same kinds of residue whatever the site: photo credits glued to
captions, agency time stamps, byline stamps, comment forms, republishing notes, data-protection footers, site
banners. Each group below is one family; ``*_LINE`` patterns must match the whole line (``fullmatch``) after
markdown decoration was removed and whitespace was collapsed, ``*_TAIL`` patterns match the end of a line
(``search``), ``*_PHRASES`` are lower-case phrases looked up on word boundaries. Vocabulary is generic (family
words: "photo", "comment", "subscribe"; month and weekday names; words outlets put in their names).
"""

from __future__ import annotations

import re

from ..lexicon import MONTH_WORD_RE, WEEKDAY_ABBREVIATIONS, WEEKDAYS

__all__ = [
    "CAPTURE_HEADER",
    "CAPTURE_URL_LINE",
    "STAMP_DATE",
    "BYLINE_STAMP",
    "CREDIT_TAGS_TAIL",
    "CREDIT_COPYRIGHT_TAIL",
    "CREDIT_PIPE_TAIL",
    "CREDIT_LINE",
    "BROKEN_IMAGE_LINE",
    "LONE_URL_LINE",
    "BYLINE_LINE",
    "NAME_OUTLET_LINE",
    "TIMESTAMP_LINE",
    "SITE_CLOCK_LINE",
    "WEATHER_LINE",
    "CRUMB_LINE",
    "GLUED_CRUMB_LINE",
    "CONTROL_LINE",
    "COUNTER_LINE",
    "COMMENT_LINE",
    "RELATED_LINK_LINE",
    "SIGNOFF_LINE",
    "SITE_NAME_LINE",
    "LABEL_ACRONYM_LINE",
    "INLINE_SIGNOFF_TAIL",
    "INLINE_TWEET_LINK",
    "INLINE_PLUG_TAIL",
    "RESIDUE_PHRASES",
    "DATA_PROTECTION_PHRASES",
    "SITE_NOTICE_CUES",
    "SHORT_RESIDUE_PHRASES",
    "OUTLET_WORDS",
    "MEDIA_WORDS",
    "ENGLISH_MARKERS",
    "QUOTE_OPENERS",
]

_I = re.IGNORECASE

_MON = MONTH_WORD_RE
_DAY = r"(?:" + "|".join(WEEKDAY_ABBREVIATIONS) + r")[a-z]*\.?,?"  # "Tue", "Tues.,", "Thursday,"
# A calendar date in the usual written forms: "March 4, 2024", "4 March 2024", "2024-03-04", "3/4/2024".
_DATE = (
    r"(?:" + _DAY + r"\s+)?(?:" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MON
    + r",?\s+\d{4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?|\d{1,2}/\d{1,2}/\d{2,4}|" + _MON + r"\s+\d{1,2}\s+\d{4})"
)
# A clock time: "17:05", "08:25 AM", "10:40 PM EST", "PM 09:30".
_TIME = r"(?:(?:[AP]\.?M\.?\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AP]\.?M\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?)"
# A person's name: capitalised words, initials and the usual particles ("Pat J. O'Hara", "Ruiz de la Vega").
_NAME = r"(?-i:[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|de|da|del|dos|van|von|der|la|le|al|bin|el))*)"
_CAP_WORDS = r"[A-Z][\w.&'’\-]*(?:\s+[\w.&'’\-]+){0,5}"

# 0. Capture header ---------------------------------------------------------------------------------------------

# The first line a capture tool writes for a page: " date 2024-01-02 https://host/path" (the url is optional and
# the page's own first line may follow on the same line). Groups: date, url; the rest of the line is page text.
CAPTURE_HEADER = re.compile(
    r"\s*(?:date|captured|retrieved|fetched|crawled)\s*[:=]?\s*(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?(?:\s+(?:url\s*[:=]\s*)?(?P<url><?https?://\S+?>?)(?=\s|$))?\s*",
    _I,
)
# A header line that holds only the captured url ("url: https://...") right after the date header.
CAPTURE_URL_LINE = re.compile(r"\s*(?:url|source|link|source_url)\s*[:=]\s*(?P<url>https?://\S+)\s*", _I)

# 1. Photo credits and captions ---------------------------------------------------------------------------------

# One bracketed credit tag: a photo word inside ("(Wirex Photo/File)", "[Agency Photo]", "(Pool photo)") or an
# "Agency/Photographer" pair ("(Wirex/Jana Novak)", "(Pat J. O'Hara/Defence Ministry)").
_PHOTO_WORD = r"(?:photos?|pics?|images?|file|foto|fotos|credits?|courtesy|photographer|illustration|handout)"
_TAG = (
    r"(?:[(\[]\s*[^()\[\]]{0,40}\b" + _PHOTO_WORD + r"\b[^()\[\]]{0,40}[)\]]"
    r"|(?-i:[(\[]\s*[A-Z][\w.'’\-]*(?:\s+[\w.'’\-]+){0,4}\s*/\s*[A-Z][\w.'’\-]*(?:\s+[\w.'’\-]+){0,4}\s*[)\]]))"
)
# One or more credit tags (and a trailing bare agency tag "(Wirex)") at the end of a line: a caption's credit.
CREDIT_TAGS_TAIL = re.compile(r"(?:^|\s*)(?:" + _TAG + r"\s*)+(?:\([A-Z][\w.\- ]{1,30}\))?\.?\s*$", _I)
# A "© Name, Agency" credit closing a caption: "An aerial view of the harbour. © Name Name, Navy".
CREDIT_COPYRIGHT_TAIL = re.compile(r"(?:^|\s)©\s*(?!\d{4}\b)[^©]{2,80}$")
# A "| Source/Name" credit closing a caption: "... Foreign Minister Name. | Twitter/Name Name".
CREDIT_PIPE_TAIL = re.compile(r"(?:^|\s)\|\s*[A-Z][\w.&'’\-]*(?:\s+[\w.&'’\-]+){0,3}\s*/\s*" + _NAME + r"\s*$")
# A lone credit line: "Photo: X @Agency", "Outlet Media/Name Name", "Picture credit: Name".
CREDIT_LINE = re.compile(
    r"(?:photo|photos|photograph|image|picture|pic|photo credit|image credit|file photo|credit|foto)s?"
    r"(?:\s+(?:by|credit|courtesy(?:\s+of)?))?\s*[:|\-–—]\s*\S.{0,60}"
    r"|[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*){0,3}/(?-i:[A-Z][a-z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)+)",
    _I,
)

# Broken-image messages and bare image markers: "Image not found", "The image cannot be displayed", "[image]".
BROKEN_IMAGE_LINE = re.compile(
    r"(?:the\s+)?(?:image|photo|picture|video|media|file)s?\s+(?:could not|cannot|can't|can not|failed to|did not)"
    r"\s+(?:be\s+)?(?:loaded|load|displayed|display|found|shown|rendered)\.?"
    r"|(?:image|photo|picture)s?\s+not\s+(?:found|loaded|displayed)\.?|broken (?:image|link)\.?"
    r"|[\[(]\s*(?:image|img|photo|picture|video|embedded content|embed)\s*[\])]",
    _I,
)
# A lone address: "https://host/path", "<www.host.org>", "pic.twitter.com/AbC", "host.org".
LONE_URL_LINE = re.compile(
    r"(?:<\s*)?(?:https?://|www\.|pic\.twitter\.com/|t\.co/)\S+(?:\s*>)?\.?"
    r"|[\w\-]+(?:\.[\w\-]+)*\.(?:com|org|net|gov|int|info|news|tv)(?:\.[a-z]{2})?/?",
    _I,
)

# 2. Bylines and time stamps --------------------------------------------------------------------------------------

# Bylines and editor credits: "By Name Posted : <date>, <time> Updated : <date>, <time>", "Edited by Name",
# "(Web editor: Name, Name)", "( With inputs from Agency )", "Name (@handle) Published <date> | <time>".
BYLINE_LINE = re.compile(
    r"(?:by\s+" + _NAME + r"\s*[,|]?\s*)?(?:(?:posted|updated|published|last updated|modified|created)"
    r"\s*(?:on|at)?\s*:?\s*" + _DATE + r"(?:\s*[,|]?\s*(?:at\s+)?" + _TIME + r")?\s*[|,]?\s*)+"
    r"|(?:edited|compiled|translated|produced)\s+by\s+" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*\.?"
    r"|\(?\s*(?:web |chief |copy |managing |responsible )?editors?\s*:\s*[^()]{2,60}\)?"
    r"|\(\s*with inputs? from\s+[^()]{1,40}\)"
    r"|[—–\-]?\s*" + _NAME + r"\s*\(@\w{2,30}\)(?:\s.{0,80})?",
    _I,
)
# Outlet words: words outlets put in their names ("Times", "Herald", "Press"), for bylines and lone site names.
OUTLET_WORDS: tuple[str, ...] = (
    "news", "times", "post", "press", "agency", "herald", "daily", "tribune", "journal", "media", "network", "tv",
    "radio", "english", "today", "online", "gazette", "observer", "express", "standard", "telegraph", "chronicle",
    "wire", "newswire", "review", "monitor", "report", "reporter", "insider", "dispatch", "weekly", "digital",
    "broadcasting", "channel", "magazine", "correspondent", "bulletin", "newsroom", "portal", "mail", "sun",
    "star", "globe", "courier", "independent", "guardian", "mirror", "leader", "voice",
)
_OUTLET = r"(?:" + "|".join(OUTLET_WORDS) + r")"
# Words only news media put in their names (a byline's outlet; "Agency", "Network", "Leader" also name the
# organisations of participant lists: "Name, Example Protection Agency").
MEDIA_WORDS: tuple[str, ...] = (
    "news", "times", "press", "herald", "daily", "tribune", "journal", "media", "tv", "radio", "english",
    "gazette", "observer", "express", "telegraph", "chronicle", "newswire", "reporter", "correspondent",
    "magazine", "broadcasting", "bulletin", "newsroom", "online", "digital",
)
# "Name Name, Outlet English": a byline naming the reporter and the outlet (no verb, no colon).
NAME_OUTLET_LINE = re.compile(
    r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3}\s*,\s*(?:the\s+)?(?:[A-Z][\w.&'’\-]*\s+){0,3}(?i:"
    + "|".join(MEDIA_WORDS) + r")"
)
# Time stamps of the page, not of the event: "(Agency) 13:42, March 4, 2024", "Agency) 08:15, <date>",
# "4 Mar. 16:30 (UTC+3 ...)", "Last Updated : Mar 4 2024 | 10:15 AM IST", a date with a clock time alone
# ("2024-03-04 21:12:05", "3/4/2024, 10:02:11 PM", "2024.03.04. PM 09:30").
TIMESTAMP_LINE = re.compile(
    r"\(?(?-i:[A-Z])[\w .&'’\-]{1,30}\)\s*" + _TIME + r",?\s*" + _DATE
    + r"|" + _DATE + r"[,|]?\s*" + _TIME + r"|" + _TIME + r",?\s*" + _DATE
    + r"|.{0,30}\d{1,2}[:.]\d{2}\s*\((?:UTC|GMT)\s*[+\-−]?\s*\d{0,2}[^)]{0,20}\)"
    + r"|(?:last\s+)?updated\s*:?\s*" + _DATE + r"\s*[|,]?\s*" + _TIME,
    _I,
)
# A calendar date inside a page's time stamp (handed to the metadata stage as the page's date).
STAMP_DATE = re.compile(_DATE, _I)
# A byline followed by its stamps: the name stays (a person of the page), the stamps go.
BYLINE_STAMP = re.compile(
    r"(?P<byline>by\s+" + _NAME + r")\s*[,|]?\s*(?P<stamp>(?:posted|updated|published|last updated|modified)\s*(?:on|at)?"
    r"\s*:?\s*" + _DATE + r".*)",
    _I,
)
# A site clock: an abbreviated weekday with a dot and an ordinal day, the theme's "current date" ("Tue. Mar 3rd,
# 2024"); article dates are written in full.
SITE_CLOCK_LINE = re.compile(
    r"(?:" + "|".join(w[:3] for w in WEEKDAYS) + r")\.\s+" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th),?\s+\d{4}", _I
)
# A weather widget: a temperature alone ("68.2 F", "22°C", "Sunny 18 °C").
WEATHER_LINE = re.compile(
    r"(?:[A-Za-z]+\s+){0,2}[+\-−]?\d{1,3}(?:[.,]\d)?\s*(?:°\s*[CF]?|º\s*[CF]?|[CF])(?:\s+[A-Za-z]+){0,3}"
)

# 3. Navigation -----------------------------------------------------------------------------------------------------

# Crumbs: "Home > World News", "News / Politics /", "Home » World » Asia".
CRUMB_LINE = re.compile(
    r"[^<>»›/]{1,40}(?:\s[>»›]\s[^<>»›]{1,60})+"
    r"|(?:[A-Z][\w'’\-]*(?:\s+[\w'’\-]+){0,3}\s+/\s*){1,4}(?:[A-Z][\w'’\-]*(?:\s+[\w'’\-]+){0,3})?"
)
# Crumbs glued together by a scraper: "HomeWorldEuropeMinisters Agree on ...".
GLUED_CRUMB_LINE = re.compile(r"(?:Home|Start|Inicio|Accueil|Main)(?=[A-Z]).*(?:[a-z][A-Z].*){2,}")

# 4. Widgets, counters, comment forms -----------------------------------------------------------------------------

# Page controls: menus, search, font size, colours, print, "Submit Release", "hide", "up".
CONTROL_LINE = re.compile(
    r"(?:(?:open|close|left|right|main|mobile|toggle|site|top|side)\s+menu|news search|search news|search"
    r"|font size(?:\s+settings)?|text size|site colou?rs?|view settings|display settings|accessibility"
    r"|version for the visually impaired|high contrast|submit (?:a |your )?(?:press )?release|hide|show|up|print"
    r"|a\s*[+\-]|a\s+a\s+a|rate this(?:\s+(?:post|article|story|news|page))?|your rating|vote|votes"
    r"|copy link|link copied|send|printer[- ]friendly(?: version)?|published|updated|posted)\s*[:.!]?",
    _I,
)
# Counters and code numbers: "This story has been read 512 times", "Views: 1,024", "news code: 123456".
COUNTER_LINE = re.compile(
    r"(?:this (?:news|article|story|post|page|item|material) )?(?:has been |was )?(?:read|viewed|seen|visited)"
    r"\s+[\d,.]+\s+times?(?:\s+in total)?\.?"
    r"|(?:views?|reads?|hits?|visits?)\s*:?\s*[\d,.]+[km]?"
    r"|(?:news|article|story|post)\s*(?:code|id|number|no\.?)\s*:?\s*\d+(?:\s+\w+)?"
    r"|was (?:this|the) (?:news|article|story|post|page|information|content|material)?\s*(?:useful|helpful)\??"
    r"|there (?:were|are) [\d,.]+ (?:press |news )?(?:releases|articles|stories) posted\b.*",
    _I,
)
# Comment forms: "No comments:", "0 replies", "Leave a Reply", "Write a comment", "captcha code".
COMMENT_LINE = re.compile(
    r"(?:no comments?(?: yet)?|\d+\s+(?:replies|reply|responses?|comments?)|leave a (?:reply|comment)"
    r"|make a comment|write a comment|add (?:a |your )?comment|post (?:a |your )?comment|comments?|commentaries"
    r"|all fields (?:are )?required|required fields are marked\s*\*?|not to be published|will not be published"
    r"|captcha(?: challenge| code)?|feel free to contribute|cancel reply|your (?:name|e-?mail|comment|website)"
    r"|name\s*\*|e-?mail\s*\*|website|submit comment|post comment|send comment)\s*[:.!?*]?",
    _I,
)

# 5. Related links, sign-offs, site names -------------------------------------------------------------------------

# A link to another story: "See the full list of ...", "Read also: ...", "Watch the full video".
RELATED_LINK_LINE = re.compile(
    r"(?:see|read|watch|check|look|also read|read also|see also)\s+(?:the\s+|also\s*:?\s*|out\s+|here\s*:?\s*)?"
    r"(?:list|full|video|photos?|gallery|infographic|timeline|more|also|latest|here|story|report|details|interview)"
    r"\b[^.!?]{0,120}[:]?",
    _I,
)
# An agency sign-off alone on a line: "==Wirex", "-- Agency".
SIGNOFF_LINE = re.compile(r"(?:={1,3}|-{2,3}|/{2,3})\s*[A-Z][\w.\- ]{1,30}")
# A lone site name: a short title-case line ending with an outlet word ("The Example Herald", "Sample Report"),
# or a short upper-case acronym ("WRX", "MFAX").
SITE_NAME_LINE = re.compile(
    r"(?:the\s+|The\s+)?(?:[A-Z][\w.&'’\-]*\s+){1,3}(?i:" + _OUTLET + r")\.?|[A-Z]{2,6}"
)
# A label with an acronym in brackets, alone on a line: "Example Coast News (eXa)", "Weapons Of Things (WOT)".
LABEL_ACRONYM_LINE = re.compile(r"(?:[A-Z][\w'’\-]*\s+(?:(?:of|and|the|for|in)\s+)*){0,5}[A-Z][\w'’\-]*\s*\([A-Za-z]{2,6}\)")

# Inline residue at the end of a kept line (removed from the line, the rest is kept):
# an outlet sign-off after slashes or equal signs ("... the talks ended. ///abc, 4 March 2024", "... ==Agency").
INLINE_SIGNOFF_TAIL = re.compile(r"\s+(?:/{2,}|={2,})\s*[\w.\-]{1,20}(?:\s*,\s*[\w ,.]{4,25})?\s*$")
# a channel / newsletter plug glued after the last sentence ("... the minister said.”Follow our Channel For More News.").
INLINE_PLUG_TAIL = re.compile(
    r"(?<=[.!?”\"’])\s*(?:follow|join|subscribe to|sign up for)\s+(?:the|our|us)\b[^.!?]{0,80}"
    r"\b(?:channel|page|account|newsletter|feed)\b[^.!?]{0,60}[.!]?\s*$",
    _I,
)
# an embedded tweet's picture link ("... in the capital. pic.twitter.com/AbC123").
INLINE_TWEET_LINK = re.compile(r"\s*(?:pic\.twitter\.com|t\.co)/\w+\s*$", _I)

# 6. Phrases ---------------------------------------------------------------------------------------------------------

# Phrases that condemn a line even when it is written as a sentence: republishing notes and their disclaimers,
# subscription notices, data-protection footers. They never occur in diplomatic or political reporting.
RESIDUE_PHRASES: tuple[str, ...] = (
    # republishing / distribution notes
    "originally published at", "originally published on", "originally published by", "originally appeared on",
    "originally appeared at", "distributed via", "unedited and unaltered",
    "reproduced in full", "is reproduced below",
    "are reproduced below", "reproduced in its entirety", "provisional translation", "for reference purpose only",
    "for reference purposes only", "unofficial translation", "views expressed herein", "expressed herein are",
    "solely those of the author", "views and opinions expressed in this", "do not necessarily reflect the views",
    # subscription / e-mail alerts
    "you are subscribed to", "you have subscribed to", "to unsubscribe", "manage your subscription",
    "subscribe to alerts",
    # comment forms
    "your email address will not be published", "your e-mail address will not be published",
    "required fields are marked", "comments are moderated", "comments will be moderated",
)
# Data-protection and consent footers: their phrases are also topics of political reporting ("the protection of
# personal data is a human right"), so they condemn a line only together with a site-notice cue word.
DATA_PROTECTION_PHRASES: tuple[str, ...] = (
    "protection of personal data", "personal data protection", "processing of personal data", "data protection law",
    "privacy notice", "gdpr", "personal data",
)
SITE_NOTICE_CUES = re.compile(
    r"\b(?:click|our|website|site|cookies?|consent|informative text|read more|learn more|here|you agree|we use"
    r"|we process|your (?:personal )?data)\b",
    _I,
)
# Phrases that condemn only a short, non-sentence line: banners, channel plugs, release headers, alert notices.
SHORT_RESIDUE_PHRASES: tuple[str, ...] = (
    "e-mail alerts", "email alerts", "e-mail updates", "email updates",
    "official website of", "official web site of", "official site of", "official portal of",
    "official web portal", "an official website", "for immediate release", "distributed by",
    "telegram channel", "whatsapp channel", "youtube channel", "follow the official", "join now",
    "people in this story", "organizations in this story", "organisations in this story",
)

# 7. Language -------------------------------------------------------------------------------------------------------

# Very common English words: a line of several words with none of them is in another language.
ENGLISH_MARKERS: frozenset[str] = frozenset(
    "the a an of and to in on for with at by from is are was were be been has have had it its this that these"
    " those he she they we you i his her their our not but or as will would said says who which what".split()
)
# Characters that open quoted speech (a quoted line in another language is kept).
QUOTE_OPENERS = "\"'“‘«„‹"
