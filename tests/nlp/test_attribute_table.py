"""The attribute rules as arrays, and the lemmatizer once per distinct word form, give the annotations of spaCy's own
attribute ruler and lemmatizer, token by token."""

from __future__ import annotations

import pytest

from communique.nlp.attribute_table import ATTRIBUTE_COMPONENT, RULER_NAME, compile_ruler


def _blank_ruler(patterns):  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def _fields(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in doc]


@pytest.mark.parametrize(
    "patterns",
    [
        [{"patterns": [[{"ORTH": "Oran"}]], "attrs": {"POS": "PROPN", "LEMMA": "oran"}}],
        # a later rule wins on the attribute both set; the earlier one keeps the other attribute
        [{"patterns": [[{"LOWER": "talks"}]], "attrs": {"POS": "NOUN", "LEMMA": "talk"}},
         {"patterns": [[{"LOWER": {"IN": ["talks", "met"]}}]], "attrs": {"POS": "VERB"}}],
        # a two-token pattern sets its second token; a regex and a negated set
        [{"patterns": [[{"LOWER": "gon"}, {"LOWER": {"REGEX": "^na$"}}]], "attrs": {"LEMMA": "to"}, "index": 1},
         {"patterns": [[{"LOWER": {"NOT_IN": ["the", "in"]}, "IS_SPACE": False}]], "attrs": {"MORPH": "Foo=Bar"}}],
        # a negative index counts from the pattern's end
        [{"patterns": [[{"LOWER": "in"}, {"ORTH": "Oran"}]], "attrs": {"POS": "ADP"}, "index": -2}],
    ],
)
def test_attribute_table_matches_spacy_ruler_on_hand_rules(patterns):
    nlp, ruler = _blank_ruler(patterns)
    table = compile_ruler(ruler)
    assert table is not None
    text = "They met in Oran for talks  and were gon na meet again in Oran."
    assert _fields(table(nlp.make_doc(text))) == _fields(ruler(nlp.make_doc(text)))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "talks", "OP": "+"}],  # an operator: spaCy's ruler stays
        [{"LENGTH": 5}],  # an attribute the table does not read
        [{"LOWER": {"FUZZY": "talks"}}],  # a predicate the table does not implement
    ],
)
def test_attribute_table_declines_what_it_does_not_implement(pattern):
    _, ruler = _blank_ruler([{"patterns": [pattern], "attrs": {"POS": "NOUN"}}])
    assert compile_ruler(ruler) is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The ministers met in Oran on Tuesday and agreed to reopen the border crossing.",
        "\"We ain't gonna stop,\" she said. Let's see: I gotta go, y'all.\n\nThey'd've gone.",
        "  Q   Mr. Varga, what's next?\n\nMR. VARGA:  Well -- we'll see. (Laughter.)  Thank you.  ",
        "$4.5 billion in aid, 1,200 troops; 3rd of May 2024 -- U.S.-led talks.",
        "",
        "Leaders met. Leaders meeting leaders: the meeting's leaders were meeting again; she leads, they led.",
    ],
)
def test_attribute_table_gives_the_model_ruler_annotations(text):
    from communique.nlp.lemma_table import LEMMA_COMPONENT, LEMMATIZER_NAME
    from communique.nlp.model_loader import load_model

    fast, own = load_model(), load_model(as_shipped=True)
    assert {ATTRIBUTE_COMPONENT, LEMMA_COMPONENT} <= set(fast.pipe_names)
    assert not {RULER_NAME, LEMMATIZER_NAME} & set(fast.pipe_names)
    assert {RULER_NAME, LEMMATIZER_NAME} <= set(own.pipe_names)
    assert _fields(fast(text)) == _fields(own(text))
