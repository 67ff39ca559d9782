"""The model's rule lemmatizer called once per distinct (word, part of speech, morphology) of a document.

spaCy's ``lemmatizer`` walks every token in Python and sets ``token.lemma_`` one by one, although its result is a
function of the token's text, part of speech and morphology alone (its own cache is keyed by the three). Here the
same lemmatizer object (the model's, with its tables and cache) is asked once per distinct key of the document, in
document order, and the lemmas are written in one ``Doc.from_array``:

1. read ``ORTH``, ``POS``, ``MORPH`` and ``LEMMA`` as arrays; only tokens without a lemma are lemmatized (the
   attribute rules set some, and the model's lemmatizer does not overwrite them either);
2. the first token of each distinct key is lemmatized by the model's lemmatizer (``lemmatize(token)[0]``, as its
   ``__call__`` does): the same call, in the same order, so its cache fills as it would;
3. every token of the key gets that lemma.

:func:`wrap_lemmatizer` returns ``None`` for a lemmatizer set to overwrite lemmas (its ``__call__`` then differs);
that model keeps spaCy's component. ``tests/nlp/test_attribute_table.py`` compares both token by token.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LemmaTable", "wrap_lemmatizer", "LEMMA_COMPONENT", "LEMMATIZER_NAME"]

LEMMA_COMPONENT = "communique_lemmas"
LEMMATIZER_NAME = "lemmatizer"  # the name spaCy's trained pipelines give their lemmatizer


class LemmaTable:
    """A pipeline component (``table(doc) -> doc``) around the model's lemmatizer ``lemmatizer``."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Any) -> Any:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS
        from spacy.errors import Errors

        n = len(doc)
        if n == 0:
            return doc
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)  # as its __call__ checks
        keys = doc.to_array([ORTH, POS, MORPH]).reshape(n, 3)
        lemmas = doc.to_array([LEMMA]).reshape(n)
        todo = np.flatnonzero(lemmas == 0)
        if len(todo) == 0:
            return doc
        distinct, first, where = np.unique(keys[todo], axis=0, return_index=True, return_inverse=True)
        add = doc.vocab.strings.add
        found = np.empty(len(distinct), dtype=np.uint64)
        for k in np.argsort(first, kind="stable"):  # 2: in document order, as the token walk would ask
            found[k] = add(lemmatizer.lemmatize(doc[int(todo[first[k]])])[0])
        lemmas[todo] = found[where.reshape(-1)]
        doc.from_array([LEMMA], lemmas.reshape(n, 1))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


def wrap_lemmatizer(lemmatizer: Any) -> LemmaTable | None:
    """The model's lemmatizer called per distinct key, or ``None`` when its ``__call__`` would differ."""
    if getattr(lemmatizer, "overwrite", True) or not callable(getattr(lemmatizer, "lemmatize", None)):
        return None
    return LemmaTable(lemmatizer)
