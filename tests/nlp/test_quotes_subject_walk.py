"""A cue verb without a subject borrows the subject of the verb it hangs on, climbing by token indexes and
stopping at the root (spaCy makes a new Token object on every access)."""

import pytest
import spacy
from spacy.tokens import Doc

from communique.model import Document, Mention
from communique.nlp import quotes

VOCAB = spacy.blank("en").vocab  # English lexical attributes, no model


@pytest.mark.parametrize(
    ("words", "heads", "deps", "speaker"),
    [
        # "<Name> arrived and said ...": the conjoined cue takes the first verb's subject
        (["Jane", "Doe", "arrived", "and", "said", "so"], [1, 2, 2, 2, 2, 4],
         ["compound", "nsubj", "ROOT", "cc", "conj", "advmod"], "Jane Doe"),
        # a cue that is itself the root and has no subject: nobody
        (["Jane", "Doe", ".", "Said", "so"], [1, 1, 1, 3, 3],
         ["compound", "ROOT", "punct", "ROOT", "advmod"], None),
    ],
)
def test_quotes_speaker_from_subject_climbs_to_the_root(
    words: list[str], heads: list[int], deps: list[str], speaker: str | None
) -> None:
    sdoc = Doc(VOCAB, words=words, heads=heads, deps=deps)
    name = "Jane Doe"
    doc = Document(id="d", source="s", text=sdoc.text, mentions=[Mention(0, len(name), name, "person")])
    cue = next(t for t in sdoc if t.lower_ == "said")
    found = quotes._speaker_from_subject(quotes._Context(doc, sdoc), cue, None)
    assert (found.name if found is not None else None) == speaker
