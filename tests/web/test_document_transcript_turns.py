"""A transcript's page: a speaker index (turns per speaker, interpreted ones counted), each speaker's turns marked
with the speaker's colour, and speech quoted inside a turn marked apart as a quote."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from communique.kb import build
from communique.model import Document, Quote, document_id
from communique.server import create_app
from communique.store.sqlite import SQLiteStore

TEXT = ("MINISTER VARGA: We welcome the Secretary to Oran. As the mayor told me, \"the port is ready\".\n\n"
        "SECRETARY BRANDT: (As interpreted) Thank you. The talks were useful.\n\n"
        "MINISTER VARGA: Questions, please.")


def _turn(label: str, name: str, nth: int = 0, interpreted: bool = False) -> Quote:
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(label + ":", pos + 1)
    start = pos + len(label) + 2
    end = TEXT.find("\n\n", start)
    end = len(TEXT) if end < 0 else end
    return Quote(start, end, TEXT[start:end], name, pos, pos + len(label), True, interpreted, label + ":")


def _store(path: Path) -> str:
    inner = TEXT.index("the port is ready")
    quotes = [
        _turn("MINISTER VARGA", "Tomas Varga"),
        Quote(inner, inner + 17, "the port is ready", "the mayor", None, None, True, False, "told"),
        _turn("SECRETARY BRANDT", "Ilse Brandt", interpreted=True),
        _turn("MINISTER VARGA", "Tomas Varga", nth=1),
    ]
    doc = Document(id=document_id(TEXT.encode()), source="press.txt", raw=TEXT, text=TEXT, kind="transcript",
                   title="Press conference", quotes=quotes)
    with SQLiteStore(path) as store:
        store.put(doc, "test")
        build(store)
        from communique.search.index import index_for

        index_for(store).refresh(vectors=False)  # full text, as ingest leaves it
    return str(path)


def test_transcript_page_has_a_speaker_index_and_turns_apart_from_quotes(tmp_path: Path) -> None:
    client = TestClient(create_app(_store(tmp_path / "kb.db")))
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    data = client.get(f"/documents/{doc_id}.json").json()
    assert [(s["name"], s["turns"], s["interpreted"]) for s in data["speakers"]] == [
        ("Tomas Varga", 2, 0), ("Ilse Brandt", 1, 1)]
    assert [q["turn"] for q in data["quotes"]] == [True, False, True, True]
    html = client.get(f"/documents/{doc_id}").text
    assert html.count('class="speaker spk-') == 2
    assert 'class="quote turn spk-0"' in html  # the mayor's words inside Varga's turn: a quote and a turn
    assert html.count('class="turn spk-1"') == 1
