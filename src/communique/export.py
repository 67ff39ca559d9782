"""Export the knowledge base in the interchange format ``communique-export/1`` (../shared/contract/export-v1.md)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .model import Document
from .store.base import Store

__all__ = ["FORMAT", "RECORD_TYPES", "atomic_output", "build_export", "document_record", "iter_records", "write_json", "write_jsonl"]

FORMAT = "communique-export/1"
RECORD_TYPES = ("documents", "entities", "events", "quotes", "claims", "stories")


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "title": doc.title, "publisher": doc.publisher, "url": doc.url,
        "published": doc.published, "published_basis": doc.meta.get("published_basis"),
        "published_evidence": doc.meta.get("published_evidence"), "dateline": doc.dateline, "kind": doc.kind,
        "kind_evidence": list(doc.meta.get("kind_evidence") or []), "language": doc.language,
        "text": doc.text, "removed": list(doc.removed), "duplicate_of": doc.duplicate_of, "story": doc.story,
    }


def iter_records(store: Store, record_type: str) -> Iterator[dict[str, Any]]:
    """Records of one type as last built (a read: nothing is rebuilt; ``kb.kb_status`` says when it lags)."""
    if record_type == "documents":
        return (document_record(doc) for doc in store.iter_documents())
    return store.iter_records(record_type)


def build_export(store: Store) -> dict[str, Any]:
    """The whole knowledge base as one JSON-ready object."""
    return {"format": FORMAT, **{t: list(iter_records(store, t)) for t in RECORD_TYPES}}


def write_json(store: Store, fh: IO[str]) -> None:
    """Stream the export object to ``fh`` (one record in memory at a time)."""
    fh.write('{"format": ' + json.dumps(FORMAT))
    for record_type in RECORD_TYPES:
        fh.write(f',\n "{record_type}": [')
        for i, record in enumerate(iter_records(store, record_type)):
            fh.write(("," if i else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        fh.write("\n ]")
    fh.write("\n}\n")


def write_jsonl(store: Store, record_type: str, fh: IO[str]) -> int:
    """One record per line for ``record_type`` (one of RECORD_TYPES); returns the count."""
    count = 0
    for record in iter_records(store, record_type):
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """A text file written next to ``path`` and renamed onto it only when the block completes: a reader (or a
    killed or interrupted export) sees the old file or the whole new one, never a truncated one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # the permissions a plain open() would give, not mkstemp's private 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
