"""Seeded fuzz: mutated pages and hostile files mixed with good ones, ingested with the model-free stages.

Asserts, for every seed: no exception escapes, every message is one line of at most ``MAX_MESSAGE_CHARS`` that
names its file, every good document is stored, and the database passes its integrity check. Bounded: a few
dozen small inputs per seed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from communique.errors import MAX_MESSAGE_CHARS
from communique.ingest.run import finish, ingest
from communique.pipeline import DEFAULT_PIPELINE
from communique.store.sqlite import SQLiteStore

GOOD_PAGES = 6  # good documents per seed, all of which must be stored
MUTANTS = 30  # mutated inputs per seed
PAGE = (
    "<html><head><title>Ministers meet on trade</title></head><body><nav>Home | World</nav>"
    "<article><h1>Ministers meet on trade</h1><p>The trade ministers of two neighbouring countries met on Monday "
    "to discuss customs rules.</p><p>“We made progress,” one minister said after the talks.</p>"
    "<p>Officials will meet again next month.</p></article><footer>Subscribe</footer></body></html>"
)


def _mutate(rng: random.Random, data: bytes) -> bytes:
    """One random mutation of the kinds real broken pages show, applied one to three times."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(8)
        at = rng.randrange(len(data) + 1)
        if kind == 0:  # truncate
            data = data[:at]
        elif kind == 1:  # random bytes
            data = data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
        elif kind == 2:  # deep nesting
            n = rng.choice([10, 300, 5000])
            data = data[:at] + b"<div>" * n + data[at:]
        elif kind == 3:  # many attributes
            data = data[:at] + b"<p " + b" ".join(b"k%d=1" % i for i in range(rng.choice([5, 2000]))) + b">" + data[at:]
        elif kind == 4:  # one long line
            data = data[:at] + b"word " * rng.choice([10, 5000]) + data[at:]
        elif kind == 5:  # a legacy encoding
            data = data.decode("utf-8", "replace").encode("cp1252", "replace")
        elif kind == 6:  # control characters
            data = data[:at] + bytes(rng.choice(range(1, 32)) for _ in range(rng.randint(1, 50))) + data[at:]
        else:  # nothing left
            data = b""
    return data


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fuzzed_batch_never_aborts_and_keeps_the_good_documents(tmp_path: Path, seed: int, monkeypatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_NO_SEMANTIC", "1")
    rng = random.Random(seed)
    corpus = tmp_path / "in"
    corpus.mkdir()
    good = []
    for i in range(GOOD_PAGES):
        name = f"good-{i}.html"
        (corpus / name).write_text(PAGE.replace("Monday", f"Monday, day {seed}-{i},"), "utf-8")
        good.append(name)
    for i in range(MUTANTS):
        suffix = rng.choice([".html", ".txt", ".md", ".jsonl", ".warc", ".bin"])
        (corpus / f"mutant-{i}{suffix}").write_bytes(_mutate(rng, PAGE.encode()))
    messages: list[str] = []
    with SQLiteStore(tmp_path / "kb.db") as store:
        report = ingest([str(corpus)], store, stages=DEFAULT_PIPELINE, on_error=messages.append,
                        on_warning=messages.append)
        finish(store, report)
        sources = {row[0] for row in store.conn.execute("SELECT source FROM sources")}
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for message in messages:
        assert "\n" not in message and len(message) <= MAX_MESSAGE_CHARS, message
        assert str(corpus) in message or "…" in message, message
    for name in good:
        assert str((corpus / name).resolve()) in sources, name
