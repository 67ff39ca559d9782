"""A small knowledge base built by hand for the search tests: three documents with their annotations."""

from __future__ import annotations

import re
import zlib

import numpy as np

from communique.model import Claim, Event, Mention, Quote, Role, Timex

READOUT = (
    "Secretary of State Maria Ellison met today with Foreign Minister Tomas Varga of Hungary in Budapest. "
    "The two officials discussed energy security and continued support for Ukraine.\n\n"
    "Secretary Ellison announced $40 million in new energy assistance for Central Europe. "
    "Ms. Ellison said, “Energy independence is national security.”"
)
TRANSCRIPT = (
    "MINISTER OKAFOR:  Thank you for hosting us.  We will expand trade corridors across West Africa.\n\n"
    "SECRETARY ELLISON:  The partnership between our countries has never been stronger.  "
    "We are committing 200 scholarships this year."
)
WIRE = (
    "Prime Minister Lena Holm of Sweden spoke with Chancellor Dieter Kraus on Monday about Arctic shipping routes. "
    "Holm said the talks were constructive and that both governments would protect fisheries in the far north."
)


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def build_documents(doc_factory):
    t = READOUT
    e_s, e_e = _at(t, "Secretary of State Maria Ellison met today with Foreign Minister Tomas Varga of Hungary in Budapest.")
    el, va = _at(t, "Maria Ellison"), _at(t, "Tomas Varga")
    q = _at(t, "Energy independence is national security.")
    money = _at(t, "$40 million")
    readout = doc_factory(
        t, source="readouts/ellison-varga.md", title="Readout of Secretary Ellison's Meeting with Foreign Minister Varga",
        kind="readout", published="2024-05-14",
        mentions=[Mention(*el, "Maria Ellison", "person", "US"), Mention(*va, "Tomas Varga", "person", "HU"),
                  Mention(*_at(t, "Hungary"), "Hungary", "country", "HU"),
                  Mention(*_at(t, "Budapest"), "Budapest", "place", "HU")],
        roles=[Role("Maria Ellison", *el, "Secretary of State", None, "US", _at(t, "Secretary of State")[0], el[1]),
               Role("Tomas Varga", *va, "Foreign Minister", None, "HU", _at(t, "Foreign Minister")[0], va[1])],
        events=[Event("CONSULT", e_s, e_e, mode="visit", label="Ellison meets Varga",
                      participants=(("Maria Ellison", *el), ("Tomas Varga", *va)), date_value="2024-05-14",
                      date_text="today", place="Budapest", topics=("energy security",))],
        quotes=[Quote(*q, "Energy independence is national security.", "Ms. Ellison", *_at(t, "Ms. Ellison"),
                      cue="said")],
        claims=[Claim(*money, "$40 million", 40_000_000.0, "USD", about="energy assistance")],
    )
    transcript = doc_factory(TRANSCRIPT, source="transcripts/okafor-ellison.txt", title="Remarks Before Bilateral Meeting",
                             kind="transcript", published="2024-06-02")
    w = WIRE
    monday = _at(w, "on Monday")
    wire = doc_factory(
        w, source="wire/holm-kraus.txt", title="Nordic and German leaders discuss Arctic routes", kind="news",
        published="2023-11-22",
        mentions=[Mention(*_at(w, "Lena Holm"), "Lena Holm", "person", "SE"),
                  Mention(*_at(w, "Dieter Kraus"), "Dieter Kraus", "person", "DE")],
        timexes=[Timex(*monday, "on Monday", "DATE", "2023-11-20", "relative")],
    )
    return readout, transcript, wire


class WordHashEmbedder:
    """Bag of words hashed into a few dimensions, L2-normalised: texts that share words are near."""

    dim = 64

    def __init__(self, name: str = "test-word-hash") -> None:
        self.name = name
        self.calls: list[int] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[k, zlib.crc32(word.encode()) % self.dim] += 1.0
        return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-12, None)
