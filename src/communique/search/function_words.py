"""Function words: words a search-box query does not need to contain to be met (data, one list).

Articles, prepositions, conjunctions, auxiliaries, modals, pronouns, wh-words and demonstratives. A plain query
(no operator) drops them when it has another word (:func:`communique.search.hits.parse_query`): "meeting with the
minister" asks for items about a meeting and a minister, whether or not they say "with" and "the"; such words are
in most items, so they narrow little, weigh little in BM25, and are the longest posting lists to walk. Narrower
than ``question_patterns.STOP_WORDS`` (which also drops question verbs such as "met" or "said" for ``ask``): a
search word that carries meaning stays, and so do modals that are also names or months ("May", "Will").
"""

from __future__ import annotations

__all__ = ["FUNCTION_WORDS"]

FUNCTION_WORDS: frozenset[str] = frozenset("""
a an the and or nor but of to in on at for with by from about as into onto over under after before between during
through against among upon within without
is are was were be been being am do does did have has had would shall should could might
what when where who whom whose which why how that this these those there here
it its they them their theirs he him his she her hers we our ours you your yours i me my mine
than then so if whether while
""".split())
