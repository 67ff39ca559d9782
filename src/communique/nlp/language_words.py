"""Function words for a line-level language check (data only; the check is in :mod:`communique.nlp.person_spans`).

A line of an English document whose foreign function words outnumber its English ones is in another language
(a quoted tweet, a cookie notice, a comment form); the English model's person guesses there are mostly common words
written with a capital (a verb opening a sentence, a common noun).
"""

from __future__ import annotations

__all__ = ["ENGLISH_FUNCTION_WORDS", "FOREIGN_FUNCTION_WORDS"]

ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    the a an and or of to in on at for with by from as is are was were be been has have had that this these those
    which who whom what it its he she they we his her their our not but also will would said says after before
    """.split()
)

# Spanish, Portuguese, French, Italian, German and Turkish function words that are not English words.
FOREIGN_FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    el los las del con para por una uno que se su sus es fue como pero más muy también entre sobre este esta
    ese esa está están hay ya le les lo al según ante desde hasta sin
    os das dos com uma não mais pelo pela seu sua foi são também
    les des est une avec pour dans sur pas qui sont été leur aux du ces
    della degli il gli che per sono con nel alla
    der die das und mit für von auf ist nicht ein eine den dem zu im sich auch
    ve bir bu da de ile için olarak gibi daha çok ama veya olan ise kadar sonra
    """.split()
) - ENGLISH_FUNCTION_WORDS
