"""iter_inputs on hostile input: link loops, FIFOs, decompression bombs, truncated archives, broken encodings,
empty files. Every problem is one bounded line naming the file; nothing is silently dropped or mis-decoded."""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

import pytest

from communique.errors import MAX_MESSAGE_CHARS, InputError
from communique.ingest.readers import decode_report, iter_inputs
from communique.model import Document

PAGE = b"<html><body><p>The two delegations met on Tuesday and agreed to meet again.</p></body></html>"


def _warc_record(uri: str, body: bytes, declared: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{len(uri)}-{len(body)}>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {declared if declared is not None else len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _one_line(item: InputError, path: Path) -> None:
    assert "\n" not in str(item) and len(str(item)) <= MAX_MESSAGE_CHARS
    assert path.name in str(item)


def test_symlink_loop_and_fifo_are_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A statement on the talks.\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    items = list(iter_inputs([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = {Path(e.source).name: e for e in items if isinstance(e, InputError)}
    assert [Path(d.source).name for d in docs] == ["a.txt"]
    assert set(errors) == {"loop", "pipe", "up"}
    for name, err in errors.items():
        _one_line(err, tmp_path / name)


def test_same_folder_named_two_ways_gives_one_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A statement on the talks.\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    sources = {d.source for d in iter_inputs(["../corpus", str(corpus), "../work/../corpus/"])
               if isinstance(d, Document)}
    assert sources == {str(corpus.resolve() / "a.txt")}


def _bomb(path: Path, inflated: int, prefix: bytes) -> None:
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as fh:
        fh.write(z.compress(prefix))
        for _ in range(inflated >> 20):
            fh.write(z.compress(b"\0" * (1 << 20)))
        fh.write(z.flush())


@pytest.mark.parametrize("with_header", [True, False])
def test_gzip_warc_bomb_is_stopped_early_in_one_line(tmp_path: Path, with_header: bool) -> None:
    path = tmp_path / "crawl.warc.gz"
    size = 64 << 20  # inflates 64 MiB; the ratio limit stops it after a few
    prefix = _warc_record("http://example.org/x", b"", declared=size)[:-4] if with_header else b"WARC/1.0\r\n"
    _bomb(path, size, prefix)
    assert path.stat().st_size < 200_000
    (err,) = list(iter_inputs([str(path)]))
    assert isinstance(err, InputError)
    _one_line(err, path)
    assert "inflates" in err.problem


def test_lineless_warc_error_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "dump.warc.gz"
    path.write_bytes(gzip.compress(b"A" * 5_000_000))
    (err,) = list(iter_inputs([str(path)]))
    assert isinstance(err, InputError)
    _one_line(err, path)


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_warc_record_is_reported_and_earlier_records_kept(tmp_path: Path, compressed: bool) -> None:
    good = _warc_record("http://example.org/good", PAGE)
    cut = _warc_record("http://example.org/cut", b"<p>" + b"The talks went on late into the night. " * 40)
    if compressed:
        path = tmp_path / "crawl.warc.gz"
        second = gzip.compress(cut)
        path.write_bytes(gzip.compress(good) + second[: len(second) // 2])
    else:
        path = tmp_path / "crawl.warc"
        path.write_bytes(good + cut[: len(cut) - 500])
    items = list(iter_inputs([str(path)]))
    assert isinstance(items[0], Document) and items[0].source.endswith("#http://example.org/good")
    assert len(items) == 2 and isinstance(items[1], InputError) and "truncated" in items[1].problem
    _one_line(items[1], path)


@pytest.mark.parametrize(
    ("data", "expected", "note"),
    [
        ("Déjà vu à la carte, Inés said.".encode("latin-1"), "Déjà vu à la carte, Inés said.", "cp1252"),
        ("“Quotes” and déjà vu — twice.".encode("cp1252"), "“Quotes” and déjà vu — twice.", "cp1252"),
        ("Señor Núñez met Inés in a café".encode() + b"\xff and then left.",
         "Señor Núñez met Inés in a café\ufffd and then left.", "replaced"),
        (b"Plain ASCII text only.", "Plain ASCII text only.", None),
    ],
)
def test_encoding_fallbacks_are_right_and_reported(data: bytes, expected: str, note: str | None) -> None:
    text, got = decode_report(data, "x.txt")
    assert text == expected
    assert (got is None) if note is None else (note in (got or ""))


def test_encoding_note_travels_with_the_document(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("La reunión terminó tarde.".encode("latin-1"))
    (doc,) = list(iter_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.raw == "La reunión terminó tarde."
    assert any("cp1252" in n for n in doc.meta["input_notes"])


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_files_are_reported_not_read(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    (err,) = list(iter_inputs([str(path)]))
    assert isinstance(err, InputError) and "empty" in err.problem


def test_long_problem_text_is_cut_to_one_line() -> None:
    err = InputError("/data/x.warc.gz", "invalid header " + repr("A" * 100_000) + "\nsecond line")
    assert "\n" not in str(err) and len(str(err)) <= MAX_MESSAGE_CHARS and str(err).startswith("/data/x.warc.gz: ")
