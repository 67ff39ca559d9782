"""Errors that reach users: each message says what went wrong and how to fix it, in one line."""

from __future__ import annotations

__all__ = ["CommuniqueError", "InputError", "StoreError", "ConfigError", "ModelError"]


class CommuniqueError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits non-zero."""


class InputError(CommuniqueError):
    """A file cannot be read as a document (binary, too large, undecodable, malformed)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(CommuniqueError):
    """The database cannot be opened or written."""


class ConfigError(CommuniqueError):
    """A pipeline or option is misconfigured (unknown stage name, bad value)."""


class ModelError(CommuniqueError):
    """A model package is missing or cannot be loaded."""
