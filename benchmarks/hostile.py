"""Hostile input mixed with good documents: nothing aborts the run, no good document is lost, cost stays bounded.

The hostile corpus is generated at run time into a temporary folder (nothing from it is kept): a symbolic-link
loop, a link to a parent folder, a FIFO, gzip WARC decompression bombs (one with a record header, one a line-less
stream), a truncated WARC record, HTML with a million attributes on one element, HTML nested 100,000 deep, HTML
with 400,000 elements, HTML with one 3 MB paragraph, a 19 MB single-line text, latin-1 text, UTF-8 with bad bytes, empty, blank and
boilerplate-only files, binaries, and the bytes of a good document twice. Beside it: the first ``GOOD_DOCS``
White House pages of ../shared/datasets/wh_briefings_readouts (Markdown, the shortest, so the run stays quick).

One ingest of the whole folder (full pipeline, one process, batches of one, so each input's wall time is the time
from the previous outcome to its own). Metrics:

* ``aborted_runs``: 1 when the ingest raised instead of reporting (0 is the goal);
* ``good_lost``: good documents not stored;
* ``hostile_silent``: hostile inputs neither stored nor named in any message (silently dropped);
* ``messages_over_limit``: report lines over ``errors.MAX_MESSAGE_CHARS`` or with a line break;
* ``max_wall_s_hostile`` / ``max_wall_s_good``: the slowest input of each group (the stage budget bounds it);
* ``peak_rss_mb``: peak resident memory of this process.

    python -m benchmarks.hostile
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import sys
import tempfile
import time
import zlib
from pathlib import Path

from benchmarks.gate import shared_dir

GOOD_DOCS = 50  # good documents mixed with the hostile ones
SLOW_INPUT_S = 5.0  # inputs slower than this are printed as they finish
BOMB_INFLATED = 1 << 30  # 1 GiB of zeros in ~1 MB of gzip
LONG_LINE_CHARS = 19 * 1024 * 1024  # one 19 MB line of prose-like text (under the 20 MiB read limit)
BIG_PARAGRAPH_CHARS = 3 * 1024 * 1024  # one 3 MB paragraph of HTML: cleaned, then over the extraction size budget
WORDS = ("the delegation said talks would resume after a short pause and both sides welcomed progress on trade "
         "customs fisheries energy and border questions").split()


def _warc_record(uri: str, body: bytes, declared: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2030-01-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{len(uri)}-{len(body)}>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {declared if declared is not None else len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _gzip_stream(path: Path, prefix: bytes, fill: bytes, total: int) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as fh:
        fh.write(z.compress(prefix))
        for _ in range(total // len(fill)):
            fh.write(z.compress(fill))
        fh.write(z.flush())


def make_hostile(folder: Path, good_page: bytes) -> list[str]:
    """Write the hostile corpus into ``folder``; returns the names of the hostile inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "parent-link").symlink_to(folder)
    os.mkfifo(folder / "pipe.txt")
    _gzip_stream(folder / "bomb.warc.gz", _warc_record("http://bomb.invalid/", b"", BOMB_INFLATED)[:-4],
                 b"\0" * (1 << 20), BOMB_INFLATED)
    _gzip_stream(folder / "lineless.warc.gz", b"", b"A" * (1 << 20), 64 << 20)
    page = b"<html><body><p>Talks resumed on Monday after a pause of two weeks.</p></body></html>"
    cut = _warc_record("http://cut.invalid/", b"<p>" + b"The meeting ran late into the evening. " * 60)
    (folder / "truncated.warc").write_bytes(_warc_record("http://ok.invalid/", page) + cut[:-700])
    cut_gz = gzip.compress(cut)
    (folder / "truncated-gz.warc.gz").write_bytes(gzip.compress(_warc_record("http://ok2.invalid/", page))
                                                  + cut_gz[: len(cut_gz) // 2])
    attrs = " ".join(f"a{i}=\"v\"" for i in range(1_000_000))
    (folder / "attributes.html").write_text(f"<html><body><div {attrs}>x</div></body></html>", "utf-8")
    paragraph = " ".join(WORDS[i % len(WORDS)] for i in range(BIG_PARAGRAPH_CHARS // 6))
    (folder / "big-paragraph.html").write_text(f"<html><body><p>{paragraph}</p></body></html>", "utf-8")
    (folder / "deep.html").write_text("<div>" * 100_000 + "deep text" + "</div>" * 100_000, "utf-8")
    (folder / "wide.html").write_text("<html><body>" + "<span>x</span>" * 400_000 + "</body></html>", "utf-8")
    words = (WORDS[i % len(WORDS)] for i in range(LONG_LINE_CHARS // 6))
    (folder / "one-line.txt").write_text(" ".join(words)[:LONG_LINE_CHARS], "utf-8")
    (folder / "latin1.txt").write_bytes("La délégation a annoncé la reprise des négociations à Genève.".encode("latin-1"))
    (folder / "broken-utf8.txt").write_bytes("Die Gespräche über Zölle wurden fortgesetzt.".encode() + b"\xff\xfe\x80.")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b"  \n\n\t\n")
    (folder / "boilerplate.html").write_text("<html><body><nav>Home | About</nav><script>x()</script></body></html>",
                                             "utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "feed.jsonl").write_text('{"text": "ok line"}\nnot json\n[1, 2]\n{"title": "no text"}\n', "utf-8")
    (folder / "copy-of-good.md").write_bytes(good_page)
    return sorted(p.name for p in folder.iterdir())


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from communique.errors import MAX_MESSAGE_CHARS
    from communique.ingest.run import finish, ingest
    from communique.store.sqlite import SQLiteStore

    files = [p for p in (shared / "datasets" / "wh_briefings_readouts").rglob("*.md") if p.name != "README.md"]
    goods = sorted(files, key=lambda p: (p.stat().st_size, p.name))[: limit or GOOD_DOCS]  # the shortest: quick
    with tempfile.TemporaryDirectory(prefix="communique-hostile-") as tmp:
        corpus = Path(tmp) / "corpus"
        (corpus / "good").mkdir(parents=True)
        for i, src in enumerate(goods):
            (corpus / "good" / f"{i:03d}-{src.name}").write_bytes(src.read_bytes())
        hostile = make_hostile(corpus / "hostile", goods[0].read_bytes())
        walls: dict[str, float] = {}
        messages: list[str] = []
        last = time.monotonic()

        def outcome(source: str) -> None:
            nonlocal last
            now = time.monotonic()
            walls[source] = walls.get(source, 0.0) + now - last
            if now - last > SLOW_INPUT_S:
                print(f"  {now - last:.1f} s  {source[-80:]}", file=sys.stderr, flush=True)
            last = now

        def on_message(message: str) -> None:
            messages.append(message)
            outcome(message.split(": ", 1)[0])

        aborted = 0
        with SQLiteStore(Path(tmp) / "kb.db") as store:
            try:
                report = ingest([str(corpus)], store, batch_size=1, on_error=on_message, on_warning=on_message,
                                on_document=lambda d: outcome(d.source))
                finish(store, report)
            except Exception as exc:  # the run must never abort; count it and describe it
                aborted = 1
                messages.append(f"ABORTED: {type(exc).__name__}: {exc}"[:500])
            stored_sources = {row[0] for row in store.conn.execute("SELECT source FROM sources")}
            integrity = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
    good_lost = sum(1 for i, src in enumerate(goods)
                    if not any(s.endswith(f"/good/{i:03d}-{src.name}") for s in stored_sources))
    named = " ".join(messages) + " " + " ".join(stored_sources)
    silent = [h for h in hostile if h not in named]
    hostile_walls = [w for s, w in walls.items() if "/hostile/" in s]
    good_walls = [w for s, w in walls.items() if "/good/" in s]
    rss_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    for message in messages:
        print("  " + message[:200], file=sys.stderr)
    if silent:
        print(f"  silent: {', '.join(silent)}", file=sys.stderr)
    return {
        "aborted_runs": float(aborted),
        "good_documents": float(len(goods)),
        "good_lost": float(good_lost),
        "hostile_inputs": float(len(hostile)),
        "hostile_silent": float(len(silent)),
        "messages_over_limit": float(sum(1 for m in messages if len(m) > MAX_MESSAGE_CHARS or "\n" in m)),
        "integrity_ok": float(integrity == "ok"),
        "max_wall_s_hostile": round(max(hostile_walls, default=0.0), 2),
        "max_wall_s_good": round(max(good_walls, default=0.0), 2),
        "peak_rss_mb": round(rss_kb / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(run(shared_dir()), indent=1))
