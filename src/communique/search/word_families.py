"""Derivationally related word forms: a question and its page name one act with different words.

A question asks with a verb ("was flying", "thanked") where the page writes the noun or adjective of the same act
("on her flight", "expressed her gratitude"). The prefix stem of :func:`typed_answers.stem` joins inflections
("meeting" ~ "meetings") but not derivations whose spelling changes. :data:`WORD_FAMILIES` is general English
data: each line one family of forms of the same act or state (none whose stem prefix an unrelated word shares;
a few near-synonym sets last); :func:`family` maps a stem to its family's key.
Meeting, call and speech words are left out: the meeting-kind checks compare those stems on their own.
"""

from __future__ import annotations

from functools import cache

from .typed_answers import stem

# One family a line: verb, its nouns and adjectives (irregular or spelling-changing derivations only); the last
# lines: near-synonyms of one state (an event "due" / "upcoming" / "scheduled").
WORD_FAMILIES: tuple[tuple[str, ...], ...] = tuple(tuple(line.split()) for line in """
fly flying flew flown flight flights
thank thanks thanked thanking grateful gratitude thankful appreciate appreciated appreciation
depart departed departing departure
arrive arrived arriving arrival
die died dying death dead
kill killed killing killings
decide decided deciding decision
choose chose chosen choice
propose proposed proposal
approve approved approval
refuse refused refusal
deny denied denial
withdraw withdrew withdrawn withdrawal
attend attended attending attendance attendee attendees
succeed succeeded success successful
fail failed failure
lose lost losing loss losses
win won winning victory
grow grew grown growth
sell sold selling sale sales
buy bought buying purchase purchased
pay paid paying payment payments
give gave given gift
write wrote written
marry married marriage
deliver delivered delivery deliveries
explain explained explanation
describe described description
invade invaded invasion
occupy occupied occupation
destroy destroyed destruction
protect protected protection
defend defended defence defense
offend offended offence offense
respond responded response
reply replied replies
apologise apologize apologised apologized apology
condemn condemned condemnation
congratulate congratulated congratulations
criticise criticize criticised criticized criticism
oppose opposed opposition
injure injured injury injuries
expand expanded expansion
due upcoming scheduled slated
extend extended extension
""".strip().splitlines())


@cache
def _keys() -> dict[str, str]:
    """stem -> the stem of its family's first form."""
    out: dict[str, str] = {}
    for forms in WORD_FAMILIES:
        key = stem(forms[0])
        for form in forms:
            out.setdefault(stem(form), key)
    return out


def family(word_stem: str) -> str:
    """The family key of a stem (:func:`typed_answers.stem`), or the stem itself when no family holds it."""
    return _keys().get(word_stem, word_stem)
