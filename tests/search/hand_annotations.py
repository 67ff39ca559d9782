"""Annotations written by hand for test Documents: a DATE timex or a place mention over the first occurrence of a
part of the text (the model is not the point of these tests)."""

from __future__ import annotations

from communique.model import Mention, Role, Timex


def timex_at(text: str, part: str, value: str | None, basis: str = "explicit") -> Timex:
    """A DATE timex over the first ``part`` of ``text``, normalised to ``value``."""
    start = text.index(part)
    return Timex(start, start + len(part), part, "DATE", value, basis)


def place_at(text: str, part: str) -> Mention:
    """A place mention over the first ``part`` of ``text``."""
    start = text.index(part)
    return Mention(start, start + len(part), part, "place")


def span_at(text: str, part: str) -> tuple[int, int]:
    """(start, end) of the first ``part`` of ``text``."""
    start = text.index(part)
    return start, start + len(part)


def role_at(text: str, person: str, title: str) -> Role:
    """A role record: ``person`` holds ``title``, both at their first occurrence in ``text``, no organisation."""
    p, t = span_at(text, person), span_at(text, title)
    return Role(person, *p, title, None, None, t[0], p[1])
