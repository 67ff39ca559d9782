"""Evidence highlighting: a text cut into segments at every annotation boundary, each with the marks over it.

Templates render a segment with marks as one ``<mark>`` (classes = the kinds over it) and escape its text, so
overlapping annotations (a mention inside a quote) need no nesting and untrusted text never becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Annotation", "segments"]


@dataclass(frozen=True, slots=True)
class Annotation:
    start: int
    end: int
    kind: str  # mention / quote / claim
    label: str  # shown as the mark's tooltip
    href: str | None = None  # a page about it (an entity)


def segments(text: str, notes: list[Annotation]) -> list[dict[str, Any]]:
    """``text`` as consecutive segments ``{start, end, text, kinds, labels, href}`` covering it exactly.

    Annotations outside the text or empty are ignored; ``kinds`` is sorted and empty for unmarked text.
    """
    valid = [n for n in notes if 0 <= n.start < n.end <= len(text)]
    cuts = sorted({0, len(text), *(n.start for n in valid), *(n.end for n in valid)})
    out: list[dict[str, Any]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        over = [n for n in valid if n.start <= a and n.end >= b]
        kinds = sorted({n.kind for n in over})
        href = next((n.href for n in over if n.href), None)
        labels = list(dict.fromkeys(n.label for n in over))
        if out and not kinds and not out[-1]["kinds"]:
            out[-1]["end"] = b
            out[-1]["text"] += text[a:b]
            continue
        out.append({"start": a, "end": b, "text": text[a:b], "kinds": kinds, "labels": labels, "href": href})
    return out
