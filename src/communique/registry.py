"""Named pipeline stages (``communique.clean.v1`` ...): the pipeline is config, not wiring.

A stage is a pure, picklable function ``Document -> Document``. Register one with::

    @registry.stage("communique.example.v1")
    def example(doc: Document) -> Document:
        return doc.replace(...)

Stages live in modules listed in :data:`STAGE_MODULES`; they are imported on first lookup, so importing
``communique`` stays cheap and worker processes find the same names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from .errors import ConfigError
from .model import Document

__all__ = ["Stage", "stage", "get_stage", "stage_names", "STAGE_MODULES"]

Stage = Callable[[Document], Document]

# Modules that register stages when imported.
STAGE_MODULES: tuple[str, ...] = (
    "communique.clean.stage",
    "communique.ingest.metadata",
    "communique.nlp.stages",
    "communique.search.embed_stage",
)

_STAGES: dict[str, Stage] = {}
_loaded = False


def stage(name: str) -> Callable[[Stage], Stage]:
    """Decorator: register ``fn`` under ``name``."""

    def register(fn: Stage) -> Stage:
        if name in _STAGES and _STAGES[name] is not fn:
            raise ConfigError(f"stage {name!r} is registered twice; give the new one another version suffix")
        _STAGES[name] = fn
        return fn

    return register


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    for module in STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a module not written yet, never a missing dependency
            if exc.name != module:
                raise
    _loaded = True


def get_stage(name: str) -> Stage:
    _load_all()
    try:
        return _STAGES[name]
    except KeyError:
        known = ", ".join(sorted(_STAGES)) or "none"
        raise ConfigError(f"unknown stage {name!r}; known stages: {known}") from None


def stage_names() -> list[str]:
    _load_all()
    return sorted(_STAGES)
