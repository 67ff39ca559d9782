"""Read input files into :class:`Document` records, one at a time.

:func:`iter_inputs` takes file paths, directories and ``-`` (stdin) and yields a :class:`Document` per input
record, or an :class:`InputError` for one that cannot be read (the stream goes on). Formats:

* ``.txt`` (text), ``.md`` / ``.markdown`` (markdown), ``.html`` / ``.htm`` / ``.xhtml`` (html);
* ``.jsonl``: one document per line with ``text`` and optional ``url``, ``title``, ``date`` / ``published``, ``id``;
  source ``file.jsonl#L<n>``; a bad line is an error for that line only;
* ``.warc`` / ``.warc.gz``: every HTTP response with an HTML or text payload; source ``file.warc.gz#<target URI>``;
* ``.pdf``: the text layer (pypdf), content type ``text``;
* any other extension: sniffed (markup -> html, else text).

Directories are walked recursively in sorted order, skipping hidden files and folders; files are read one by one.
A link loop, a link to a folder (not followed), a FIFO, socket or device is reported, never opened. Sources are
stored resolved (``corpus/`` and ``../corpus/`` name one file once). ``.warc.gz`` is inflated with decompression
limits (``guards.BoundedInflate``); a truncated record is reported. Every fallback of the decoder (broken UTF-8
replaced, a legacy encoding) is noted in ``meta["input_notes"]``; an empty or blank file is an error.
``max_bytes`` limits one document: a whole plain file, or one record of a ``.jsonl`` / ``.warc`` container (those are
streamed, so a large archive is fine).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import Document, document_id
from .guards import BoundedInflate, InflateLimitError
from .meta_patterns import DAY_MONTH_YEAR_RE, ISO_DATE_RE, MONTH_DAY_YEAR_RE, MONTH_YEAR_RE, MONTHS

__all__ = ["DEFAULT_MAX_BYTES", "iter_inputs", "read_bytes", "decode_bytes", "decode_report", "sniff_content_type", "normalise_date"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: far above any article; stops a stray dump or video from being read
CONTROL_CHAR_MAX_RATIO = 0.05  # text has almost no control characters; binaries decoded as latin-1 have many
SNIFF_CHARS = 4096  # enough of the start of a file to tell markup from prose
UTF8_VALID_PER_BAD = 1  # broken UTF-8 has more well-formed multibyte characters than bad bytes; legacy text has ~none
WESTERN_HIGH_BYTE_MAX_SHARE = 0.3  # accents are a small share of Western letters; most letters in Cyrillic/Greek
UTF16_NUL_RATIO = 0.3  # share of NUL bytes in the odd (or even) positions that marks BOM-less UTF-16 text
JSONL_TEXT_FIELDS = ("text", "content", "body")  # the document text; "text" is the documented name

_EXTENSION_TYPES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MARKUP_RE = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|section|span|meta|title|h[1-6]|br|table|ul|li)\b[^>]*>",
    re.I,
)
_UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_MAGIC: tuple[bytes, ...] = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh")


# --- decoding ---------------------------------------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec when ``data`` looks like BOM-less UTF-16 (NULs in every other byte), else None."""
    sample = data[:SNIFF_CHARS]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) / len(odd) > UTF16_NUL_RATIO and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) / len(even) > UTF16_NUL_RATIO and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` (see :func:`decode_report`); the decision itself is dropped."""
    return decode_report(data, source)[0]


def _mostly_utf8(data: bytes) -> int | None:
    """How many bytes are undecodable when ``data`` is UTF-8 with a few bad bytes (more well-formed multibyte
    characters than bad bytes), else None (the file is in another encoding)."""
    valid = len(_UTF8_MULTIBYTE_RE.findall(data))
    bad = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    return bad if valid > bad * UTF8_VALID_PER_BAD else None


def _western_single_byte(data: bytes) -> str | None:
    """cp1252 (or latin-1 where cp1252 has holes) when high bytes are a small share of the letters, as accents are
    in Western European text; None when they are most letters (Cyrillic, Greek ... single-byte pages)."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS)) + high
    if not letters or high / letters > WESTERN_HIGH_BYTE_MAX_SHARE:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_report(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode ``data`` and say how when it was not clean UTF-8 (None for clean UTF-8 or a BOM).

    Cascade: 1. a BOM names the codec; 2. strict UTF-8; 3. BOM-less UTF-16; 4. UTF-8 with a few bad bytes: decoded
    with U+FFFD replacements (never re-read as another script); 5. Western single-byte text (cp1252 / latin-1);
    6. charset-normalizer's guess. Raises InputError for binaries. Every fallback (4-6) is named in the note.
    """
    # 1. a byte-order mark names the encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom) :].decode(codec), source), None
            except UnicodeDecodeError:
                raise InputError(source, f"starts with a {codec} byte-order mark but is not valid {codec}") from None
    if data.startswith(_BINARY_MAGIC):
        raise InputError(source, "binary file (image, archive or executable), not text")
    # 2. UTF-8, the usual case
    try:
        return _check_text(data.decode("utf-8"), source), None
    except UnicodeDecodeError:
        pass
    # 3. UTF-16 without a BOM (NULs in every other byte)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), source), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    # 4. UTF-8 with a few broken bytes
    bad = _mostly_utf8(data)
    if bad is not None:
        text = _check_text(data.decode("utf-8", errors="replace"), source)
        return text, f"not valid UTF-8: {bad} undecodable byte(s) replaced with U+FFFD"
    # 5. Western single-byte text
    western = _western_single_byte(data)
    if western is not None:
        return _check_text(western, source), "not UTF-8: decoded as cp1252 (Western single-byte)"
    # 6. statistical detection (Cyrillic, Greek, CJK legacy encodings ...)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "cannot detect the text encoding (binary file?)")
    return _check_text(str(best), source), f"not UTF-8: decoded as {best.encoding} (detected)"


def _check_text(text: str, source: str) -> str:
    if "\x00" in text:
        raise InputError(source, "binary file (contains NUL characters), not text")
    sample = text[: SNIFF_CHARS * 4]
    if sample and len(_CONTROL_RE.findall(sample)) / len(sample) > CONTROL_CHAR_MAX_RATIO:
        raise InputError(source, "binary file (too many control characters), not text")
    return text


def sniff_content_type(text: str) -> str:
    """``html`` when the start of ``text`` looks like markup, else ``text``."""
    return "html" if _MARKUP_RE.search(text[:SNIFF_CHARS]) else "text"


# --- dates ------------------------------------------------------------------------------------------------------


def normalise_date(value: Any) -> str | None:
    """A date as YYYY-MM-DD (or YYYY-MM when only the month is known); None when it cannot be read.

    Accepts ISO strings ("2025-03-03", "2025-03-03T10:00:00Z"), "March 3, 2025", "3 March 2025", RFC 2822
    ("Mon, 03 Mar 2025 10:00:00 GMT"), "March 2025", "2025-03", and Unix timestamps (int/float seconds).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC).strftime("%Y-%m-%d") if value > 0 else None
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    if m := ISO_DATE_RE.search(text):
        return _ymd(int(m["y"]), int(m["m"]), int(m["d"]))
    for pattern in (MONTH_DAY_YEAR_RE, DAY_MONTH_YEAR_RE):
        if m := pattern.search(text):
            return _ymd(int(m["y"]), MONTHS[m["month"].rstrip(".").lower()], int(m["d"]))
    try:
        return parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    if m := re.fullmatch(r"((?:19|20)\d{2})-(0[1-9]|1[0-2])", text):
        return f"{m[1]}-{m[2]}"
    if m := MONTH_YEAR_RE.search(text):
        return f"{int(m['y']):04d}-{MONTHS[m['month'].rstrip('.').lower()]:02d}"
    return None


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return None


# --- readers ----------------------------------------------------------------------------------------------------


def read_bytes(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` from ``stream``; InputError when there is more."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(source, f"larger than the limit of {max_bytes} bytes (raise --max-bytes to read it)")
    return data


def _notes(note: str | None, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    meta = dict(meta or {})
    if note:
        meta["input_notes"] = [*meta.get("input_notes", []), note]
    return meta


def _require_text(text: str, source: str) -> str:
    if not text.strip():
        raise InputError(source, "is empty (no text to store)")
    return text


def _document(raw_bytes: bytes, source: str, content_type: str | None, **fields: Any) -> Document:
    text, note = decode_report(raw_bytes, source)
    _require_text(text, source)
    return Document(
        id=document_id(raw_bytes),
        source=source,
        raw=text,
        content_type=content_type or sniff_content_type(text),
        meta=_notes(note, fields.pop("meta", None)),
        **fields,
    )


def _unreadable(source: str, exc: OSError, tail: str = "") -> InputError:
    """The error for a file the system would not open or read ("cannot be read (Permission denied)")."""
    return InputError(source, f"cannot be read ({exc.strerror or exc}){tail}")


def _read_one_file(
    path: Path, max_bytes: int, read: Callable[[Path, str], Document]
) -> Iterator[Document | InputError]:
    """One file read by ``read`` (path, source): a file over ``max_bytes`` or one that cannot be read is an error."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"is {size} bytes, over the limit of {max_bytes} (raise --max-bytes to read it)")
        yield read(path, source)
    except InputError as err:
        yield err
    except OSError as exc:
        yield _unreadable(source, exc)


def _read_plain(path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    def read(path: Path, source: str) -> Document:
        with path.open("rb") as fh:
            data = read_bytes(fh, source, max_bytes)
        return _document(data, source, _EXTENSION_TYPES.get(path.suffix.lower()))

    return _read_one_file(path, max_bytes, read)


def _pdf_document(path: Path, source: str) -> Document:
    data = path.read_bytes()
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(source, f"is not a readable PDF ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise InputError(source, "PDF has no text layer (scanned images?); run OCR first")
    title = None
    try:
        title = (reader.metadata.title or None) if reader.metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError):
        title = None
    return Document(id=document_id(data), source=source, raw=text, content_type="text", title=title)


def _read_pdf(path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    return _read_one_file(path, max_bytes, _pdf_document)


def _str_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return (value.strip() or None) if isinstance(value, str) else None


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield _unreadable(str(path), exc)
        return
    with fh:
        for n, line in enumerate(fh, start=1):
            source = f"{path}#L{n}"
            line = line.rstrip(b"\r\n")
            if not line.strip():
                continue
            if len(line) > max_bytes:
                yield InputError(source, f"line is {len(line)} bytes, over the limit of {max_bytes}")
                continue
            try:
                yield _jsonl_record(line, source)
            except InputError as err:
                yield err


def _jsonl_record(line: bytes, source: str) -> Document:
    decoded, note = decode_report(line, source)
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    text = next((record[f] for f in JSONL_TEXT_FIELDS if isinstance(record.get(f), str)), None)
    if text is None or not text.strip():
        raise InputError(source, 'no "text" field with the document text')
    published = normalise_date(record.get("published")) or normalise_date(record.get("date"))
    meta = {"input_id": str(record["id"])} if record.get("id") is not None else {}
    content_type = record.get("content_type") if record.get("content_type") in ("html", "markdown", "text") else None
    return Document(
        id=document_id(line),
        source=source,
        raw=text,
        content_type=content_type or sniff_content_type(text),
        url=_str_field(record, "url"),
        title=_str_field(record, "title"),
        published=published,
        meta=_notes(note, meta),
    )


WARC_MAGIC = b"WARC/"  # every WARC record starts with its version line
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def _read_warc(path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    """Responses of a WARC file; a ``.gz`` one is inflated through :class:`BoundedInflate` (bomb limits), and a
    record shorter than its declared length (a truncated download) is reported, not stored cut."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        fh = path.open("rb")
    except OSError as exc:
        yield _unreadable(str(path), exc)
        return
    with fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
        fh.seek(0)
        stream: Any = BoundedInflate(fh, str(path)) if gzipped else fh
        reported_cut = False
        try:
            if not stream.read(len(WARC_MAGIC)).startswith(WARC_MAGIC):  # else warcio reads a line-less file whole
                raise InputError(str(path), "is not a valid WARC file (it does not start with a WARC/ header)")
            fh.seek(0)
            stream = BoundedInflate(fh, str(path)) if gzipped else fh
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{path}#{uri}"
                mime = record.http_headers.get_header("Content-Type") or ""
                if "html" not in mime.lower() and "text/plain" not in mime.lower():
                    continue
                status = record.http_headers.get_statuscode()
                if status and not status.startswith("2"):
                    continue
                try:
                    payload = read_bytes(record.content_stream(), source, max_bytes)
                    missing = getattr(record.raw_stream, "limit", 0)
                    if missing:
                        reported_cut = True
                        raise InputError(source, f"WARC record is truncated ({missing} bytes of its declared length "
                                                 "missing)")
                    yield _warc_document(payload, source, uri, mime, record.rec_headers.get_header("WARC-Date"))
                except InflateLimitError:
                    raise
                except InputError as err:
                    yield err
            if getattr(stream, "truncated", False) and not reported_cut:
                yield InputError(str(path), "gzip stream is truncated (the archive ends inside a record)")
        except InputError as err:  # a decompression limit: the rest of the file is not read
            yield err
        except ArchiveLoadFailed as exc:
            yield InputError(str(path), f"is not a valid WARC file ({exc})")
        except (OSError, EOFError, ValueError) as exc:
            yield InputError(str(path), f"WARC file is truncated or corrupt ({type(exc).__name__}: {exc})")


def _warc_document(payload: bytes, source: str, uri: str, mime: str, crawled: str | None) -> Document:
    text = None
    if (m := _CHARSET_RE.search(mime)) and not payload.startswith(tuple(b for b, _ in _BOMS)):
        try:
            text = _check_text(payload.decode(m[1]), source)
        except (LookupError, UnicodeDecodeError):
            text = None
    note = None
    if text is None:
        text, note = decode_report(payload, source)
    _require_text(text, source)
    content_type = "html" if "html" in mime.lower() else sniff_content_type(text)
    meta = _notes(note, {"crawled": crawled} if crawled else {})
    return Document(
        id=document_id(payload), source=source, raw=text, content_type=content_type, url=uri or None, meta=meta
    )


def _read_file(path: Path, max_bytes: int) -> Iterator[Document | InputError]:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        yield from _read_warc(path, max_bytes)
    elif name.endswith(".jsonl") or name.endswith(".ndjson"):
        yield from _read_jsonl(path, max_bytes)
    elif name.endswith(".pdf"):
        yield from _read_pdf(path, max_bytes)
    else:
        yield from _read_plain(path, max_bytes)


def _walk(root: Path) -> Iterator[Path | InputError]:
    """Files under ``root`` in sorted order, hidden names skipped, without listing the whole tree first.

    Symbolic links to directories are not followed (no loops, no tree read twice); a link that loops or points
    nowhere, a FIFO, a socket or a device is reported (a FIFO is never opened: reading it would block).
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(root), f"folder cannot be listed ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
            elif entry.is_file():
                yield path
            elif entry.is_symlink():
                problem = "symbolic link to a folder, not followed" if entry.is_dir() else "broken symbolic link"
                yield InputError(str(path), f"{problem}; skipped")
            else:
                yield InputError(str(path), "not a regular file (FIFO, socket or device); skipped")
        except OSError as exc:
            yield _unreadable(str(path), exc, "; skipped")


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> Iterator[Document | InputError]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = read_bytes(stream, "-", max_bytes)
        yield _document(data, "-", None)
    except InputError as err:
        yield err


def iter_inputs(
    paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Document | InputError]:
    """Yield a Document for every input record under ``paths`` (``-`` is stdin), or an InputError for a bad one."""
    for given in paths:
        if given == "-":
            yield from _read_stdin(stdin, max_bytes)
            continue
        path = Path(os.path.realpath(given))  # one source name per file, however the folder was named
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, InputError):
                    yield file
                else:
                    yield from _read_file(file, max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes)
        elif path.exists():
            yield InputError(given, "is not a regular file or directory")
        else:
            yield InputError(given, "no such file or directory")
