"""A small hand-annotated knowledge base for the API and web tests (fictional people, texts written for the tests).

``build_db(path)`` stores four documents and builds the knowledge base: a readout and a wire story of one
meeting (one story, two sources), a later meeting with another minister, and a document full of script
injection attempts (untrusted input must show as text, never run).
"""

from __future__ import annotations

from pathlib import Path

from communique.kb import build
from communique.model import Claim, Document, Event, Mention, Quote, Role, document_id
from communique.search.index import index_for
from communique.store.sqlite import SQLiteStore

INJECTION = '<script>window.__pwned = true; alert("pwned")</script>'
ONERROR = '<img src=x onerror="window.__pwned = true">'
INJECTION_TITLE = "<script>window.__pwned=1</script>Leaked memo on talks"

READOUT = """Secretary Marsh's Meeting with Mexican Foreign Minister Báez

Secretary of State Daniel Marsh met with Mexican Foreign Minister Lucía Báez in Washington on March 3, 2025. \
The Secretary and the Foreign Minister discussed migration and fentanyl trafficking.
"We will keep working together to stop the flow of fentanyl," Secretary Marsh said.
Bilateral trade reached $800 billion last year."""

WIRE = """WASHINGTON (Wire) - U.S. Secretary of State Daniel Marsh and Mexico's Foreign Minister Lucía Báez met in \
Washington on Monday to discuss migration.
"Mexico is a partner, not a problem," Báez told reporters after the meeting.
Trade between the two countries was about $798 billion, officials said."""

OTTAWA = """OTTAWA (Wire) - Secretary of State Daniel Marsh met Canadian Foreign Minister Claire Dubois in Ottawa on \
April 10, 2025 to discuss trade and Arctic security.
"Our partnership has never been stronger," Dubois said."""

HOSTILE = f"""Memo {INJECTION} on the talks

Secretary of State Daniel Marsh met Foreign Minister Claire Dubois in Ottawa on April 10, 2025. {ONERROR}
"Nothing <b onmouseover=alert(1)>was</b> agreed," Dubois said."""


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(text: str, needle: str, type_: str = "person", nth: int = 0, country: str | None = None) -> Mention:
    s, e = _at(text, needle, nth)
    return Mention(s, e, needle, type_, country=country, label="PERSON" if type_ == "person" else "GPE")


def _sentence(text: str, needle: str) -> tuple[int, int]:
    s, e = _at(text, needle)
    start = max(text.rfind("\n", 0, s), text.rfind(". ", 0, s) + 1) + 1
    end = min(i for i in (text.find("\n", e), text.find(". ", e) + 1, len(text)) if i > 0)
    return start, end


def _doc(text: str, **fields: object) -> Document:
    return Document(id=document_id(text.encode()), source=f"{fields.pop('name')}.txt", raw=text, text=text,
                    **fields)  # type: ignore[arg-type]


def documents() -> list[Document]:
    docs = []
    t = READOUT
    marsh, baez = _mention(t, "Daniel Marsh"), _mention(t, "Lucía Báez")
    quote = _at(t, "We will keep working together to stop the flow of fentanyl,")
    trade = _at(t, "$800 billion")
    ev = _sentence(t, "met with Mexican")
    docs.append(_doc(
        t, name="readout", title="Secretary Marsh's Meeting with Mexican Foreign Minister Báez",
        publisher="Office of the Spokesperson", published="2025-03-04", kind="readout", dateline="Washington",
        mentions=[marsh, baez, _mention(t, "Washington", "place"), _mention(t, "Marsh", nth=2)],
        roles=[Role("Daniel Marsh", marsh.start, marsh.end, "Secretary of State", "Department of State", "US",
                    _at(t, "Secretary of State")[0], marsh.end),
               Role("Lucía Báez", baez.start, baez.end, "Foreign Minister", None, "MX", _at(t, "Foreign Minister", 1)[0],
                    baez.end)],
        quotes=[Quote(quote[0], quote[1], t[quote[0]:quote[1]], "Marsh", *_at(t, "Marsh", 2), cue="said")],
        claims=[Claim(trade[0], trade[1], "$800 billion", 800e9, "USD", about="bilateral trade")],
        events=[Event("CONSULT", ev[0], ev[1], mode="visit", label="Marsh meets Báez",
                      participants=(("Daniel Marsh", marsh.start, marsh.end), ("Lucía Báez", baez.start, baez.end)),
                      date_value="2025-03-03", date_text="March 3, 2025", date_basis="explicit", place="Washington",
                      topics=("migration", "illegal_drugs"), quotes=(0,), claims=(0,))],
    ))
    t = WIRE
    marsh, baez = _mention(t, "Daniel Marsh"), _mention(t, "Lucía Báez")
    quote = _at(t, "Mexico is a partner, not a problem,")
    trade = _at(t, "about $798 billion")
    ev = _sentence(t, "met in")
    docs.append(_doc(
        t, name="wire", title="Marsh and Báez meet on migration", publisher="Wire", published="2025-03-04",
        kind="news", dateline="Washington", removed=["Subscribe to our newsletter", "Advertisement"],
        mentions=[marsh, baez, _mention(t, "Báez", nth=1)],
        quotes=[Quote(quote[0], quote[1], t[quote[0]:quote[1]], "Báez", *_at(t, "Báez", 1), cue="told")],
        claims=[Claim(trade[0], trade[1], t[trade[0]:trade[1]], 798e9, "USD", qualifier="about", about="trade")],
        events=[Event("CONSULT", ev[0], ev[1], label="Marsh meets Báez",
                      participants=(("Daniel Marsh", marsh.start, marsh.end), ("Lucía Báez", baez.start, baez.end)),
                      date_value="2025-03-03", date_text="Monday", date_basis="relative", place="Washington",
                      topics=("migration",), quotes=(0,))],
    ))
    for name, t, title in (("ottawa", OTTAWA, "Marsh in Ottawa"), ("hostile", HOSTILE, INJECTION_TITLE)):
        marsh, dubois = _mention(t, "Daniel Marsh"), _mention(t, "Claire Dubois")
        said = t.index('\n"') + 2
        quote = (said, t.index(',"', said) + 1)
        ev = _sentence(t, "met Canadian" if name == "ottawa" else "met Foreign")
        docs.append(_doc(
            t, name=name, title=title, publisher="Wire", published="2025-04-10", kind="news",
            removed=[f"Related: {INJECTION}"] if name == "hostile" else [],
            mentions=[marsh, dubois, _mention(t, "Ottawa", "place"), _mention(t, "Dubois", nth=1)],
            roles=[Role("Claire Dubois", dubois.start, dubois.end, "Foreign Minister", None, "CA",
                        _at(t, "Foreign Minister")[0], dubois.end)],
            quotes=[Quote(quote[0], quote[1], t[quote[0]:quote[1]], "Dubois", *_at(t, "Dubois", 1), cue="said")],
            events=[Event("CONSULT", ev[0], ev[1], mode="visit", label="Marsh meets Dubois",
                          participants=(("Daniel Marsh", marsh.start, marsh.end),
                                        ("Claire Dubois", dubois.start, dubois.end)),
                          date_value="2025-04-10", date_text="April 10, 2025", date_basis="explicit",
                          place="Ottawa", topics=("trade",) if name == "ottawa" else (), quotes=(0,))],
        ))
    return docs


def build_db(path: Path) -> Path:
    """The four documents stored in a new SQLite file at ``path``, knowledge base built; returns ``path``."""
    with SQLiteStore(path) as store:
        for doc in documents():
            store.put(doc, "test")
        build(store)
        index_for(store).refresh(vectors=False)  # full text, as ingest leaves it (no model in these tests)
    return path


PHONE = """Former Foreign Minister Claire Dubois spoke with Daniel Marsh by phone about the Polar Forum and security.
The two did not say when the call took place."""


def browse_documents() -> list[Document]:
    """The four documents and a fifth for the browsing pages: a later page calling Dubois a former minister (her
    role ends) and reporting a call nobody dated (the timeline's undated section)."""
    t = PHONE
    dubois, marsh = _mention(t, "Claire Dubois"), _mention(t, "Daniel Marsh")
    ev = _sentence(t, "spoke with")
    phone = _doc(
        t, name="phone", title="Dubois and Marsh speak by phone", publisher="Gazette", published="2025-06-01",
        kind="news", mentions=[dubois, marsh, _mention(t, "Polar Forum", "organization")],
        roles=[Role("Claire Dubois", dubois.start, dubois.end, "Former Foreign Minister", None, "CA",
                    _at(t, "Former Foreign Minister")[0], dubois.end)],
        events=[Event("CONSULT", ev[0], ev[1], mode="phone", label="Dubois speaks with Marsh",
                      participants=(("Claire Dubois", dubois.start, dubois.end),
                                    ("Daniel Marsh", marsh.start, marsh.end)),
                      date_value=None, date_basis="unresolved", topics=("security",))],
    )
    return [*documents(), phone]


def build_browse_db(path: Path) -> Path:
    with SQLiteStore(path) as store:
        for doc in browse_documents():
            store.put(doc, "test")
        build(store)
        index_for(store).refresh(vectors=False)  # full text, as ingest leaves it (no model in these tests)
    return path
