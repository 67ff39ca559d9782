""""At whose <site> ...": the organisation or country a site belongs to ("the headquarters of <Organisation>").

A question asking whose headquarters, embassy or offices a meeting was held at asks for the owner of that site,
not for a person. The page writes the owner after the site ("at the headquarters of the <Agency> (<ACRONYM>)") or
before it ("at <Organisation>'s headquarters", "at <ACRONYM> headquarters").

Cascade of :func:`possessor` (first that finds an owner wins):
1. "<site> of [the] <Capitalised Name>", with its "(<ACRONYM>)" when one follows;
2. "<Capitalised Name>['s] <site>".
"""

from __future__ import annotations

import re

# Nouns for a site that belongs to an organisation or a country: "whose <site>" asks for its owner.
ORGANISATION_SITES: frozenset[str] = frozenset("""
headquarters office offices embassy embassies consulate consulates mission residence secretariat campus premises
compound facility facilities base plant factory
""".split())

_WHOSE = re.compile(r"^\s*(?:(?:in|on|from|at|to|for|with|during|of|inside|near|outside)\s+)?whose\s+(\w+)\b",
                    re.IGNORECASE)
# A name: capitalised words, joined by the small words inside organisation names ("Food and Agriculture
# Organization of the United Nations").
_NAME = r"(?:[A-Z][\w\-’'.&]*)(?:\s+(?:(?:and|of|for|the|on|de|du)\s+)*[A-Z][\w\-’'.&]*)*"
_ACRONYM = r"(?:\s*\(([A-Z][A-Za-z&.\-]{1,12})\))?"


def asked_site(question: str) -> str | None:
    """The site noun of "At whose <site> ...", or None when the question asks no such thing."""
    m = _WHOSE.match(question)
    return m.group(1).lower() if m and m.group(1).lower() in ORGANISATION_SITES else None


def possessor(text: str, site: str) -> str | None:
    """The owner of ``site`` written in ``text`` (steps 1-2 of the module's cascade), or None."""
    m = re.search(rf"\b(?i:{re.escape(site)})\s+of\s+(?:the\s+)?({_NAME}){_ACRONYM}", text)  # 1.
    if m:
        return _clean(f"{m.group(1)} ({m.group(2)})" if m.group(2) else m.group(1))
    for m in re.finditer(rf"({_NAME})(?:['’]s)?\s+(?i:{re.escape(site)})\b", text):  # 2.
        name = re.sub(r"['’]s$", "", re.sub(r"^(?:The|At|In|On)\s+", "", m.group(1)))
        if name and name[0].isupper():
            return _clean(name)
    return None


def _clean(name: str) -> str:
    """One line, without the full stop that ends the sentence ("... of <Name>." but "U.S." kept)."""
    return re.sub(r"(?<=[a-z]{2})\.$", "", " ".join(name.split()))
