"""The model's attribute rules (tag -> part of speech and morphology, word exceptions) applied as array operations.

spaCy's ``attribute_ruler`` runs a token ``Matcher`` over every document and then, for each match, builds a ``Span``
and sets the attributes token by token in Python. Every token matches at least its tag's rule, so a parse pays one
match object per token: ~15% of the English md pipeline's CPU, as much as its dependency parser.

:class:`AttributeTable` holds the same rules, read from the model's own ruler when the model loads (nothing is
written here by hand), and gives the same annotations with numpy:

1. read the attributes the rules test (``TAG``, ``LOWER``, ``DEP``, ...) and the ones they set, as arrays;
2. for each rule, in the ruler's order (a later rule wins, as in spaCy: matches are applied sorted by rule), find
   the token positions where every token of its pattern holds (exact value, ``IN``, ``NOT_IN``, ``REGEX``; a rule
   whose exact values the document does not hold is skipped at once) and write its values on the target token;
3. write the set attributes back in one ``Doc.from_array``, which stores each value with the same
   ``Token.set_struct_attr`` as the ruler's ``set_token_attrs``.

:func:`compile_ruler` returns ``None`` for a ruler using anything else (operators such as ``OP``, other predicates,
extension attributes): that model keeps spaCy's own component. ``tests/nlp/test_attribute_table.py`` compares both
token by token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["AttributeTable", "compile_ruler", "ATTRIBUTE_COMPONENT", "RULER_NAME"]

ATTRIBUTE_COMPONENT = "communique_attributes"
RULER_NAME = "attribute_ruler"  # the name spaCy's trained pipelines give their attribute ruler
# Token attributes a pattern may test here: each reads from Doc.to_array exactly what the Matcher compares.
TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "NORM", "POS", "LEMMA", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA")
BOOLEAN = frozenset({"IS_SPACE", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA"})
PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})  # the dict predicates supported; any other -> spaCy's ruler


@dataclass(frozen=True)
class _Test:
    """One token's condition on one attribute: equal to one hash, or in / not in a set, or matching a regex."""

    attr: str
    equal: int | None = None
    within: frozenset[int] | None = None
    outside: frozenset[int] | None = None
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Rule:
    tests: tuple[tuple[_Test, ...], ...]  # one tuple per token of the pattern
    target: int  # the pattern's token that receives the attributes (negative: from the end)
    values: tuple[tuple[int, int], ...]  # (attribute id, value) as the ruler normalised them


def _test(vocab: Any, attr: str, spec: Any) -> _Test | None:
    strings = vocab.strings
    if isinstance(spec, dict):
        if not spec or set(spec) - PREDICATES or len(spec) != 1:
            return None
        (kind, value), = spec.items()
        if kind == "REGEX":
            return _Test(attr, regex=re.compile(value)) if isinstance(value, str) and attr not in BOOLEAN else None
        if not isinstance(value, list) or attr in BOOLEAN:
            return None
        hashes = frozenset(strings.add(v) if isinstance(v, str) else int(v) for v in value)
        return _Test(attr, within=hashes) if kind == "IN" else _Test(attr, outside=hashes)
    if attr in BOOLEAN:
        return _Test(attr, equal=int(bool(spec))) if isinstance(spec, bool) else None
    if isinstance(spec, str):
        return _Test(attr, equal=strings.add(spec))
    return None


def compile_ruler(ruler: Any) -> AttributeTable | None:
    """The rules of spaCy's ``AttributeRuler`` ``ruler`` as an :class:`AttributeTable`, or ``None`` when a pattern
    uses what the table does not implement."""
    rules: list[_Rule] = []
    for number, values in enumerate(ruler.attrs):
        if not isinstance(values, dict) or any(not isinstance(k, int) or not isinstance(v, int)
                                               for k, v in values.items()):
            return None
        _, patterns = ruler.matcher.get(str(number))
        for pattern in patterns:
            tokens: list[tuple[_Test, ...]] = []
            for token in pattern:
                if not isinstance(token, dict) or not token:
                    return None
                tests = []
                for attr, spec in token.items():
                    test = _test(ruler.vocab, attr.upper(), spec) if attr.upper() in TESTED else None
                    if test is None:
                        return None
                    tests.append(test)
                tokens.append(tuple(tests))
            target = int(ruler.indices[number])
            if not tokens or not -len(tokens) <= target < len(tokens):
                return None
            rules.append(_Rule(tuple(tokens), target, tuple(sorted(values.items()))))
    return AttributeTable(ruler.vocab, rules)


class AttributeTable:
    """Apply compiled attribute rules to a Doc (a spaCy pipeline component: ``table(doc) -> doc``)."""

    def __init__(self, vocab: Any, rules: list[_Rule]) -> None:
        from spacy.attrs import IDS

        self.vocab = vocab
        self.rules = rules
        self.tested = sorted({t.attr for rule in rules for token in rule.tests for t in token})
        self._tested_ids = [IDS[a] for a in self.tested]
        self._column = {a: i for i, a in enumerate(self.tested)}
        self.set_ids = sorted({attr for rule in rules for attr, _ in rule.values})
        self._set_column = {a: i for i, a in enumerate(self.set_ids)}

    def __call__(self, doc: Any) -> Any:
        import numpy as np

        n = len(doc)
        if n == 0 or not self.rules:
            return doc
        seen = doc.to_array(self._tested_ids).reshape(n, len(self._tested_ids))
        held = [set(np.unique(seen[:, i]).tolist()) for i in range(len(self.tested))]  # values present, per attr
        out = doc.to_array(self.set_ids).reshape(n, len(self.set_ids))
        for rule in self.rules:
            width = len(rule.tests)
            if width > n or any(t.equal is not None and t.equal not in held[self._column[t.attr]]
                                for token in rule.tests for t in token):
                continue  # 2: an exact value the document does not hold
            mask = np.ones(n - width + 1, dtype=bool)
            for offset, token in enumerate(rule.tests):
                for test in token:
                    column = seen[offset:n - width + 1 + offset, self._column[test.attr]]
                    mask &= self._holds(test, column, held[self._column[test.attr]])
                    if not mask.any():
                        break
            starts = np.flatnonzero(mask)
            if len(starts) == 0:
                continue
            targets = starts + (rule.target if rule.target >= 0 else width + rule.target)
            for attr, value in rule.values:
                out[targets, self._set_column[attr]] = value
        doc.from_array(self.set_ids, out)
        return doc

    def _holds(self, test: _Test, column: Any, held: set[int]) -> Any:
        import numpy as np

        if test.equal is not None:
            return column == test.equal
        if test.within is not None:
            return np.isin(column, list(test.within & held))
        if test.outside is not None:
            return ~np.isin(column, list(test.outside & held))
        assert test.regex is not None
        strings = self.vocab.strings
        matching = [h for h in held if test.regex.search(strings[h])]
        return np.isin(column, matching)

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)
