"""Extraction stages (issue 3). One spaCy parse per document is shared by every extractor.

Cascade of ``communique.nlp.v1`` (each step reads what the previous ones set):
1. entities  -> ``doc.mentions`` and ``doc.roles``           (communique.nlp.entities)
2. time      -> ``doc.timexes``                             (communique.nlp.timex)
3. quotes    -> ``doc.quotes`` (speakers from mentions/roles) (communique.nlp.quotes)
4. claims    -> ``doc.claims`` (speakers from quotes)         (communique.nlp.claims)
5. events    -> ``doc.events`` (PLOVER; uses all of the above) (communique.events.extract)

Each extractor module exposes ``annotate(doc: Document, sdoc: spacy.tokens.Doc) -> Document``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Document
from ..registry import stage
from .model_loader import forget_ahead, parse, parse_ahead

MAX_ERROR_CHARS = 300  # an extractor error is kept on the document in one short line

# (registered stage name, module) in cascade order.
EXTRACTORS: tuple[tuple[str, str], ...] = (
    ("communique.entities.v1", "communique.nlp.entities"),
    ("communique.time.v1", "communique.nlp.timex"),
    ("communique.quotes.v1", "communique.nlp.quotes"),
    ("communique.claims.v1", "communique.nlp.claims"),
    ("communique.events.v1", "communique.events.extract"),
)


def _annotator(module: str) -> Callable[[Document, Any], Document] | None:
    try:
        return importlib.import_module(module).annotate  # type: ignore[no-any-return]
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


@dataclass(frozen=True)
class ExtractAll:
    """``communique.nlp.v1``: every extractor over one shared parse of the document.

    Batch-aware: :class:`communique.pipeline.Pipeline` calls :meth:`prepare` with the batch's documents before
    the stage runs on each of them (one ``nlp.pipe`` call parses them all) and :meth:`release` after; each document
    gets the same parse, and so the same facts, as when the stage is called on it alone.
    """

    def __call__(self, doc: Document) -> Document:
        sdoc = parse(doc.text)
        for name, module in EXTRACTORS:
            annotate = _annotator(module)
            if annotate is None:
                continue
            try:
                doc = annotate(doc, sdoc)
            except Exception as exc:  # one extractor's bug must not lose the document or the other extractors' facts
                message = f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
                doc = doc.replace(meta={**doc.meta, "errors": [*doc.meta.get("errors", []), message[:MAX_ERROR_CHARS]]})
        return doc

    def prepare(self, docs: Sequence[Document]) -> None:
        """Parse the texts of ``docs`` ahead, in batches."""
        parse_ahead([doc.text for doc in docs])

    def release(self) -> None:
        """Drop the parses made ahead and not used."""
        forget_ahead()


extract_all = stage("communique.nlp.v1")(ExtractAll())


@dataclass(frozen=True)
class SingleExtractor:
    """One extractor as a stage of its own (parses the text itself). Picklable: it holds only the module name."""

    module: str

    def __call__(self, doc: Document) -> Document:
        annotate = _annotator(self.module)
        if annotate is None:
            return doc
        return annotate(doc, parse(doc.text))


for _name, _module in EXTRACTORS:
    stage(_name)(SingleExtractor(_module))
