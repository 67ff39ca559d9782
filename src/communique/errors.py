"""Errors that reach users: each message says what went wrong and how to fix it, in one line."""

from __future__ import annotations

import re

__all__ = ["CommuniqueError", "InputError", "StoreError", "ConfigError", "ModelError", "MAX_MESSAGE_CHARS", "one_line",
           "short_source"]

MAX_MESSAGE_CHARS = 300  # one terminal line and a half: enough for a path and a reason, never a dump of the input
MAX_SOURCE_CHARS = 160  # the end of a long source (a WARC target URI, a deep path) is the part that names it
_WHITESPACE_RUN = re.compile(r"\s+")


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` on one line (whitespace runs squashed) and at most ``limit`` characters (cut with an ellipsis)."""
    flat = _WHITESPACE_RUN.sub(" ", text[: limit * 4]).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def short_source(source: str) -> str:
    """A source name short enough for a message: its end, which carries the file name."""
    flat = _WHITESPACE_RUN.sub(" ", source[-MAX_SOURCE_CHARS * 4:])
    return flat if len(flat) <= MAX_SOURCE_CHARS else "…" + flat[-(MAX_SOURCE_CHARS - 1):]


class CommuniqueError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits non-zero."""


class InputError(CommuniqueError):
    """A file cannot be read as a document (binary, too large, undecodable, malformed)."""

    def __init__(self, source: str, problem: str) -> None:
        problem = one_line(problem, MAX_MESSAGE_CHARS - min(len(source), MAX_SOURCE_CHARS) - 2)
        super().__init__(f"{short_source(source)}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(CommuniqueError):
    """The database cannot be opened or written."""


class ConfigError(CommuniqueError):
    """A pipeline or option is misconfigured (unknown stage name, bad value)."""


class ModelError(CommuniqueError):
    """A model package is missing or cannot be loaded."""
