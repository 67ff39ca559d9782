"""iter_inputs: every input format, built in tmp_path."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from communique.errors import InputError
from communique.ingest.readers import iter_inputs, normalise_date, sniff_content_type
from communique.model import Document, document_id

READOUT = (
    "Readout of the Foreign Minister's Call with the Secretary of State\n\n"
    "The Foreign Minister spoke today with the Secretary of State about border security.\n"
)
HTML = "<!DOCTYPE html><html><head><title>Talks resume</title></head><body><p>Talks resumed in Geneva.</p></body></html>"


def _docs(items: list) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def _errors(items: list) -> list[InputError]:
    return [d for d in items if isinstance(d, InputError)]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("note.txt", READOUT, "text"),
        ("note.md", "# Talks resume\n\nThe ministers met in *Geneva*.\n", "markdown"),
        ("page.html", HTML, "html"),
        ("page.htm", HTML, "html"),
        ("page.xyz", HTML, "html"),  # unknown extension: sniffed as markup
        ("notes.log", READOUT, "text"),  # unknown extension: sniffed as text
        ("README", READOUT, "text"),
    ],
)
def test_plain_formats(tmp_path: Path, name: str, content: str, content_type: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    (doc,) = list(iter_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.content_type == content_type
    assert doc.raw == content
    assert doc.source == str(path)
    assert doc.id == document_id(content.encode("utf-8"))


def test_jsonl_records_and_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "The ministers met in Ottawa.", "url": "https://example.org/a", "title": "Ministers meet",
                    "date": "2025-03-03T09:30:00Z", "id": "a-1"}),
        "{not json",
        json.dumps({"title": "no text field"}),
        "",
        json.dumps({"text": "<p>Second story.</p>", "published": "March 4, 2025"}),
        json.dumps(["a", "list"]),
    ]  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_inputs([str(path)]))
    docs, errors = _docs(items), _errors(items)
    assert [d.source for d in docs] == [f"{path}#L1", f"{path}#L5"]
    first, second = docs
    assert (first.url, first.title, first.published) == ("https://example.org/a", "Ministers meet", "2025-03-03")
    assert first.meta["input_id"] == "a-1"
    assert first.id == document_id(lines[0].encode())
    assert first.content_type == "text" and second.content_type == "html"
    assert second.published == "2025-03-04"
    assert [e.source for e in errors] == [f"{path}#L2", f"{path}#L3", f"{path}#L6"]
    assert "invalid JSON" in errors[0].problem
    assert all("\n" not in str(e) for e in errors)


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for uri, mime, payload in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], protocol="HTTP/1.0")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)
            record.raw_stream.close()  # warcio buffers the record in a temporary file


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page = "<html><body><p>Cancillería: reunión bilateral.</p></body></html>".encode("latin-1")
    _warc(
        path,
        [
            ("https://example.org/news/1", "text/html; charset=iso-8859-1", page),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("https://example.org/plain", "text/plain", b"The talks ended without a deal."),
        ],
    )
    items = list(iter_inputs([str(path)]))
    docs = _docs(items)
    assert not _errors(items)
    assert [d.source for d in docs] == [f"{path}#https://example.org/news/1", f"{path}#https://example.org/plain"]
    assert [d.url for d in docs] == ["https://example.org/news/1", "https://example.org/plain"]
    assert "Cancillería: reunión" in docs[0].raw
    assert docs[0].content_type == "html" and docs[1].content_type == "text"
    assert docs[0].id == document_id(page)


def _pdf(path: Path, text: str) -> None:
    """A one-page PDF with a text layer, written by hand (pypdf reads it back)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "release.pdf"
    _pdf(path, "The ministers signed a border agreement.")
    (doc,) = list(iter_inputs([str(path)]))
    assert isinstance(doc, Document), doc
    assert "signed a border agreement" in doc.raw
    assert doc.content_type == "text"
    assert doc.id == document_id(path.read_bytes())


def test_broken_pdf_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    (err,) = list(iter_inputs([str(path)]))
    assert isinstance(err, InputError)
    assert err.source == str(path)


def test_stdin(tmp_path: Path) -> None:
    (doc,) = list(iter_inputs(["-"], stdin=io.BytesIO(HTML.encode())))
    assert isinstance(doc, Document)
    assert (doc.source, doc.content_type, doc.raw) == ("-", "html", HTML)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-03", "2025-03-03"),
        ("2025-03-03T10:00:00+02:00", "2025-03-03"),
        ("March 3, 2025", "2025-03-03"),
        ("Sept. 30, 2024", "2024-09-30"),
        ("3 March 2025", "2025-03-03"),
        ("Mon, 03 Mar 2025 10:00:00 GMT", "2025-03-03"),
        ("2025-03", "2025-03"),
        ("March 2025", "2025-03"),
        ("2025-02-30", None),
        ("soon", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<div class='a'>x</div>", "html"), ("Plain prose with a < sign and a > sign.", "text"), ("<p>x", "html")],
)
def test_sniff_content_type(text: str, expected: str) -> None:
    assert sniff_content_type(text) == expected
