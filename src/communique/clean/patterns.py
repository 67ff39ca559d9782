"""Data for the line-level boilerplate classifier (:mod:`communique.clean.lines`): patterns and word lists only.

Every pattern is matched against ONE line after markdown decoration was removed and whitespace was collapsed.
``*_LINE`` patterns must match the whole line (``fullmatch``); ``*_START`` patterns only its beginning.
Matching is case-insensitive unless a pattern says otherwise.
"""

from __future__ import annotations

import re

from ..lexicon import MONTH_WORD_RE
from ..turn_patterns import SPEAKER_TURN_LINE_RE, SPEAKER_TURN_UPPER_LINE_RE

__all__ = [
    "IMAGE_FILE_LINE",
    "IMAGE_RESIDUE_LINE",
    "PHOTO_CREDIT_LINE",
    "WIDGET_PHRASES",
    "WIDGET_LINE",
    "STRONG_PHRASES",
    "COPYRIGHT_START",
    "SIGNATURE_LINE",
    "SECTION_LABELS",
    "TAIL_SECTION_LABELS",
    "SPAM_WORD",
    "SPAM_MAX_CHARS",
    "SPEAKER_TURN",
    "SPEAKER_TURN_UPPER",
    "STAGE_DIRECTION",
    "DATE_LINE",
    "URL_LINE",
    "MENU_SEPARATORS",
    "TERMINAL_PUNCTUATION",
    "MINOR_WORDS",
    "STOPWORDS",
]

_I = re.IGNORECASE

# 1. Image / photo residue ------------------------------------------------------------------------------------

# A line that is (mostly) an image file name: "IMG_2034.jpg", "reuters-photo-1234.JPEG (2.1 MB)".
IMAGE_FILE_LINE = re.compile(
    r"[\w\-. ()%]{0,80}\.(?:jpe?g|png|gif|webp|tiff?|bmp|svg|heic|avif)(?:\s*\([^)]*\))?", _I
)

# Image placeholders and gallery widgets.
IMAGE_RESIDUE_LINE = re.compile(
    r"(?:image|photo|picture|video|media|graphic)s?\s+(?:not|no longer|un)\s*available\.?"
    r"|(?:open|view|see|launch|enlarge|expand)\s+(?:the\s+)?(?:image|photo|gallery|slideshow|video)s?(?:\s+gallery)?\.?"
    r"|(?:\d+\s+(?:of|/)\s+\d+\s*)?(?:photos?|images?|slides?)\s*(?:\d+\s*(?:of|/)\s*\d+)?"
    r"|(?:click|tap)\s+(?:to|here to)\s+(?:enlarge|expand|zoom|play)\.?"
    r"|(?:play|watch|replay)\s+video(?:\s*[-:|].{0,60})?"
    r"|loading(?:\s+(?:video|image|player|comments))?\s*\.{0,3}"
    r"|caption\s*(?:[:|].{0,80})?"
    r"|(?:\d{1,2}:\d{2})",  # a lone video duration "2:31"
    _I,
)

_NAME = r"[A-Z][\w.'\-]+(?:\s+(?:[A-Z][\w.'\-]+|de|da|van|von|del|al|bin|la))*"
_AGENCY = r"[\w.&'\- ]{2,60}"
# Photo credits: "Photo: Name / Agency", "(Photo by Name/Getty Images)", "Name, Title | agency.gov",
# "Credit: AP", "Getty Images", "REUTERS/Name", "Name/AFP via Getty Images".
PHOTO_CREDIT_LINE = re.compile(
    r"\(?\s*(?i:photo(?:graph)?s?|image|picture|pictured|credit|courtesy|source|illustration|file photo|video)"
    r"(?i:\s+(?:by|credit|courtesy(?:\s+of)?|via))?\s*[:\-–—]?\s*" + _NAME + r"(?:\s*[/|,]\s*" + _AGENCY + r")?\s*\)?\.?"
    r"|\(?\s*(?i:photo|image|picture)\s+(?i:by|courtesy of|via)\s+.{2,80}\)?\.?"
    r"|" + _NAME + r"\s*,\s*[\w .'\-]{2,60}\|\s*[\w.\-]+\.(?:gov|mil|org|com|int|net)(?:\.\w\w)?"
    r"|(?:" + _NAME + r"\s*/\s*)?(?i:getty images|afp(?: via getty images)?|reuters|ap photo|associated press|epa(?:-efe)?"
    r"|shutterstock|alamy|bloomberg(?: via getty images)?|xinhua|anadolu(?: agency)?|sipa|abaca|zuma(?: press)?"
    r"|pool|white house photo|official white house photo|dod photo|state department photo)"
    r"(?:\s*[/|,]\s*" + _NAME + r")?(?i:\s*(?:via|/)\s*getty images)?\s*\.?"
    r"|(?i:reuters|afp|ap|epa|getty)\s*/\s*" + _NAME,
)

# 2. Share / comment / subscription widgets ------------------------------------------------------------------

# Phrases that make a SHORT line a widget (a real sentence that contains them is kept).
WIDGET_PHRASES: tuple[str, ...] = (
    "post a comment", "leave a comment", "add a comment", "view comments", "show comments", "load comments",
    "comments are closed", "join the conversation", "join the discussion", "be the first to comment",
    "sign up for our newsletter", "sign up for the newsletter", "subscribe to our newsletter", "newsletter sign-up",
    "newsletter signup", "sign up for free", "sign up now", "subscribe now", "subscribe today", "subscribe for",
    "already a subscriber", "already have an account", "log in", "sign in", "create an account", "register now",
    "scroll to top", "back to top", "skip to content", "skip to main content", "skip navigation", "jump to",
    "share this", "share on", "share via", "share article", "share story", "share the article", "tweet this",
    "email this", "print this", "copy link", "link copied",
    "more stories", "more from", "more news", "read more", "read next", "read full", "continue reading",
    "keep reading", "see more", "see all", "show more", "view more", "view all", "load more",
    "follow us on", "follow us", "like us on", "connect with us", "find us on",
    "advertisement", "sponsored content", "sponsored", "promoted stories", "paid content", "partner content",
    "we use cookies", "this site uses cookies", "this website uses cookies", "cookie policy", "cookie settings",
    "accept cookies", "accept all", "manage preferences", "privacy policy", "terms of use", "terms of service",
    "terms and conditions", "all rights reserved", "contact us", "about us", "site map", "sitemap",
    "you may also like", "recommended for you", "related articles", "related stories", "related content",
    "related coverage", "related news", "related posts", "most popular", "most read", "trending now", "top stories",
    "editor's picks", "don't miss", "watch live", "listen to this article", "listen to article", "audio version",
    "min read", "minute read", "reading time", "report an error", "report a correction", "submit a correction",
    "get the app", "download the app", "download our app", "enable javascript", "javascript is disabled",
    "your browser", "please enable", "ad blocker", "turn off your ad", "whitelist",
    "next article", "previous article", "next story", "previous story", "back to",
    "click here", "tap here", "learn more", "find out more", "support our journalism", "donate",
    "this article was", "this story was", "this article has been", "updated on", "last updated",
    "sign up for", "subscribe to", "newsletter", "newsletters", "delivered to your inbox", "in your inbox",
    "more in", "more on", "watch:", "listen:", "photos:", "gallery:", "full coverage",
)

# Phrases that condemn a line even when it is written as a sentence (consent banners, affiliate notices):
# they never occur in diplomatic or political reporting.
STRONG_PHRASES: tuple[str, ...] = (
    "use of cookies", "uses cookies", "use cookies", "cookie policy", "tracking technologies",
    "by continuing to use", "by using this site", "by using our site", "by using this website",
    "affiliate links", "affiliate link", "affiliate partnerships", "affiliate commission", "earn a commission",
    "earn a portion of sales", "referral links", "comment data is processed", "privacy policy and terms",
    "your valued opinion", "to read the full story", "subscribers only", "for subscribers",
    "ad-free", "without ads", "turn off your ad blocker", "disable your ad blocker",
)

# Whole-line widgets that are too short or too generic for the phrase list ("Menu", "Search", "Home", "Share").
WIDGET_LINE = re.compile(
    r"(?:menu|search|home|share|shares|tweet|email|e-mail|print|comments?|\d+\s+comments?|reply|like|save|saved"
    r"|close|open|subscribe|login|log ?out|sign ?up|register|next|previous|prev|more|top|ok|okay|got it|dismiss"
    r"|facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|instagram|youtube|tiktok|telegram|flipboard|threads"
    r"|rss|feed|podcasts?|newsletters?|video|videos|watch|listen|live|breaking|trending|opinion|sections?|topics?"
    r"|toggle (?:navigation|menu)|open menu|close menu|main menu|navigation|expand|collapse|loading\.*"
    r"|play|pause|mute|unmute|full ?screen|ad|ads|advert|advertisement|sponsored|promoted|paid post"
    r"|[^\w\s]{1,6}|[\W_]*(?:\d+[kKmM]?)[\W_]*)\s*[:.!]?",
    _I,
)

# 3. Signatures and copyright -----------------------------------------------------------------------------------

# The start of a copyright / rights line.
COPYRIGHT_START = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|the\b)|all rights reserved"
    r"|this (?:material|article|content) may not be (?:published|reproduced|copied)"
    r"|no part of this (?:publication|article)|reporting by\s|editing by\s|additional reporting by\s"
    r"|compiled by\s|writing by\s)",
    _I,
)

# A short site signature: "Reuters", "The Associated Press contributed to this report.", "— CNN's Name contributed".
SIGNATURE_LINE = re.compile(
    r"(?:[\w.&' ]{2,60}\s+contributed (?:to )?(?:this|the) (?:report|story|article)\.?)"
    r"|(?:(?:the )?associated press contributed\b.*)"
    r"|(?:follow [\w .'\-]{2,40} on (?:twitter|x|bluesky|instagram|threads)\b.*)"
    r"|(?:(?:contact|email|e-mail|reach) (?:the )?(?:reporter|author|writer)s?\b.*)"
    r"|(?:[\w.\-]+@[\w\-]+\.[\w.\-]+)"  # a lone e-mail address
    r"|(?:@\w{2,30})",  # a lone social handle
    _I,
)

# 4. Template section labels (aggregators, CMS) -------------------------------------------------------------

# Section labels that start a block of links / tags / names rather than article text.
TAIL_SECTION_LABELS: tuple[str, ...] = (
    "people mentioned", "people in this story", "related topics", "related", "topics", "tags", "tagged",
    "filed under", "categories", "category", "keywords", "more stories", "more news", "more from", "more on this",
    "related articles", "related stories", "related content", "related coverage", "related news", "related links",
    "related posts", "read more", "read next", "recommended", "recommended stories", "recommended for you",
    "you may also like", "you might also like", "also read", "see also", "most popular", "most read",
    "most viewed", "trending", "trending now", "top stories", "latest news", "latest stories", "latest",
    "editor's picks", "don't miss", "around the web", "from our partners", "sponsored stories",
    "promoted stories", "comments", "share", "share this article", "share this story", "follow us",
    "about the author", "about the authors", "author", "authors", "sources", "organizations mentioned",
    "places mentioned", "locations mentioned", "companies mentioned", "mentioned in this article",
    "in this article", "explore more", "more to explore", "next up", "up next", "what to read next",
)
# Labels that are boilerplate on their own wherever they occur (a subset of the tail labels + a few more).
SECTION_LABELS: frozenset[str] = frozenset(TAIL_SECTION_LABELS) | frozenset(
    {"advertisement", "sponsored", "ad", "story continues below", "story continues below advertisement",
     "article continues below", "continue reading below", "skip advertisement", "end of advertisement",
     "supported by", "site index", "site information navigation", "navigation", "breadcrumb", "you are here"}
)

# 5. Spam unrelated to the article ------------------------------------------------------------------------------

# Words / phrases that mark spam unless the article itself is about them (checked against the other lines).
SPAM_WORD = re.compile(
    r"\b(?:viagra|cialis|online casino|porn|xxx|crypto ?giveaway|free spins|payday loans?|weight loss pills?"
    r"|work from home and earn|earn \$?\d+[\w,]* (?:a|per) (?:day|week|hour)|hot singles|onlyfans|bitcoin doubler"
    r"|click the link in (?:my|our) bio|dm me|whatsapp me|casino bonus|no deposit bonus|free slots|online slots"
    r"|casino online|crypto casino|sports betting|betting tips|bet online|best betting sites|escort services?)\b",
    _I,
)
SPAM_MAX_CHARS = 200  # a spam line is short; a long line with the word is prose about it

# 6. Lines that are NEVER boilerplate -----------------------------------------------------------------------------

# Transcript turns ("THE PRESIDENT:", "MS. PSAKI:", "Q", "Foreign Minister Berg:") and their upper-case form only
# (the turns the trained model may never remove): defined once in communique.turn_patterns.
SPEAKER_TURN = SPEAKER_TURN_LINE_RE
SPEAKER_TURN_UPPER = SPEAKER_TURN_UPPER_LINE_RE
# Stage directions of transcripts: "(Laughter.)", "(Via interpreter)", "(Applause.)", "(Inaudible.)", "END 12:44 P.M. EST".
STAGE_DIRECTION = re.compile(
    r"\((?:via interpreter|as interpreted|in \w+|laughter|applause|inaudible|crosstalk|cross-talk|pause|"
    r"speaks \w+|off-mic|off mic|translated|audio \w+|technical difficulties|end)[^)]{0,40}\)\.?"
    r"|END\s+\d{1,2}:\d{2}\s*[AP]\.?M\.?.*|\d{1,2}:\d{2}\s*[AP]\.?M\.?\s*(?:[A-Z]{2,4})?\.?",
    _I,
)
_MONTH = MONTH_WORD_RE
# Date / dateline lines (kept: the metadata stage reads them): "March 3, 2025", "Updated 3 Mar 2025 10:04 GMT".
DATE_LINE = re.compile(
    r"(?:(?:published|posted|updated|modified|first published)(?: on)?:?\s*)?(?:\w+day,?\s+)?"
    r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+" + _MONTH + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*\w{0,5})?\.?",
    _I,
)
# A line that is only a URL.
URL_LINE = re.compile(r"(?:<\s*)?(?:https?://|www\.)\S+(?:\s*>)?", _I)

# Separators of one-line menus: "Home | World | Politics", "News · Sport · Weather".
MENU_SEPARATORS = re.compile(r"\s[|·•»›]\s")
# A line that ends like a sentence (closing quotes / brackets allowed after the mark).
TERMINAL_PUNCTUATION = re.compile(r"[.!?…:;][\"'”’)\]]*$")
# Words that stay lower case in Title Case ("Office of the Press Secretary").
MINOR_WORDS: frozenset[str] = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per the to up via vs with".split()
)
# English function words (features of the trained model: prose has many, headlines and menus few).
STOPWORDS: frozenset[str] = MINOR_WORDS | frozenset(
    "about above after again against all also am are aren't because been before being below between both can could"
    " did do does doing down during each few further had has have having he her here hers herself him himself his"
    " how i if is isn't it it's its itself just me more most my myself no not now once only other our ours"
    " ourselves out own same she should so some such than that that's their theirs them themselves then there"
    " these they this those through too under until very was wasn't we were what when where which while who whom"
    " why will would you your yours yourself said says".split()
)
