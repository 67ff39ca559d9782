"""iter_inputs: encodings, binaries, size limits, missing paths, directory walking."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from communique.errors import InputError
from communique.ingest.readers import iter_inputs
from communique.model import Document

TEXT = "La canciller se reunió con el secretario de Estado en la Ciudad de México. Acordaron más cooperación.\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("latin-1", b""),
        ("cp1252", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),  # no BOM: NULs in every other byte
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "nota.txt"
    path.write_bytes(prefix + TEXT.encode(encoding))
    (doc,) = list(iter_inputs([str(path)]))
    assert isinstance(doc, Document), doc
    assert doc.raw == TEXT


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("blob.bin", bytes(range(256)) * 8),
        ("nul.txt", b"text with a \x00 NUL byte in the middle of it and nothing else to see here at all"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08abc" * 50),
    ],
)
def test_binary_files_are_rejected(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (err,) = list(iter_inputs([str(path)]))
    assert isinstance(err, InputError)
    assert err.source == str(path)
    assert "binary" in err.problem or "encoding" in err.problem
    assert "\n" not in str(err)


def test_oversize_file_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    (err,) = list(iter_inputs([str(path)], max_bytes=100))
    assert isinstance(err, InputError) and "limit of 100" in err.problem
    (err,) = list(iter_inputs(["-"], max_bytes=10, stdin=io.BytesIO(b"x" * 11)))
    assert isinstance(err, InputError) and err.source == "-"
    (doc,) = list(iter_inputs([str(path)], max_bytes=500))
    assert isinstance(doc, Document)


def test_oversize_jsonl_line_only_skips_that_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "' + "x" * 200 + '"}\n{"text": "short"}\n', encoding="utf-8")
    items = list(iter_inputs([str(path)], max_bytes=100))
    assert isinstance(items[0], InputError) and items[0].source == f"{path}#L1"
    assert isinstance(items[1], Document) and items[1].raw == "short"


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    (err,) = list(iter_inputs([missing]))
    assert isinstance(err, InputError)
    assert err.source == missing and "no such file" in err.problem


def test_directory_tree_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden folder", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden file", encoding="utf-8")
    (tmp_path / "b" / "deep" / "z.txt").write_text("deep z", encoding="utf-8")
    (tmp_path / "b" / "a.md").write_text("b a", encoding="utf-8")
    (tmp_path / "a.txt").write_text("top a", encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(bytes(range(256)))
    items = list(iter_inputs([str(tmp_path)]))
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in items] == ["a.txt", "b/a.md", "b/deep/z.txt", "c.bin"]
    assert [type(i) for i in items] == [Document, Document, Document, InputError]
    # the same tree read twice gives the same ids in the same order
    assert [i.id for i in _docs(iter_inputs([str(tmp_path)]))] == [i.id for i in _docs(items)]


def test_reading_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"document {i}", encoding="utf-8")
    stream = iter_inputs([str(tmp_path)])
    first = next(stream)
    assert isinstance(first, Document) and first.raw == "document 0"
    (tmp_path / "2.txt").write_text("changed after the walk started", encoding="utf-8")
    assert [d.raw for d in _docs(stream)] == ["document 1", "changed after the walk started"]


def _docs(items) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]
