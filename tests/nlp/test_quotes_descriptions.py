"""Speakers named by a description, a pronoun or a paragraph's subject; doubled single quotes; quoted words inside a
sentence whose verb is no speech cue (small invented news texts, the spaCy parse and the entity rules)."""

from __future__ import annotations

import pytest

from communique.nlp import entities
from communique.nlp.model_loader import parse
from communique.nlp.quotes import annotate

pytestmark = pytest.mark.model


def _quotes(doc_factory, text: str):
    sdoc = parse(text)
    doc = entities.annotate(doc_factory(text, kind="news"), sdoc)
    return annotate(doc, sdoc).quotes


def _speaker_of(quotes, fragment: str) -> str | None:
    found = [q for q in quotes if fragment in q.text]
    assert found, [q.text for q in quotes]
    return found[0].speaker_name


TWO_MINISTERS = (
    "Chilean Foreign Minister Ramiro Valdés Ortúzar met Canadian Foreign Minister Helen Marchetti in Ottawa on "
    "Monday.\n\n"
)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a description with a nationality: the one person of that country
        (TWO_MINISTERS + "“We have a strong partnership with Canada and we will build on it,” the top Chilean "
         "diplomat said.", "strong partnership", "Ramiro Valdés Ortúzar"),
        (TWO_MINISTERS + "“Our trade has never been larger than it is this year,” said the Canadian minister.",
         "Our trade", "Helen Marchetti"),
        # doubled single quotes stand for a double quote
        (TWO_MINISTERS + "''Spoke with my Canadian colleague today. Talked about trade and mining,'' Valdés Ortúzar "
         "tweeted.", "Talked about trade", "Ramiro Valdés Ortúzar"),
        # two subjects in a misparse: the one that is a person
        ("The ministry spokesperson, Joanna Kiriakou said in a statement, \"The talks covered energy, trade and "
         "the border.\"", "The talks covered", "Joanna Kiriakou"),
    ],
)  # fmt: skip
def test_speaker_named_by_description_or_marks(doc_factory, text, fragment, speaker):
    assert _speaker_of(_quotes(doc_factory, text), fragment) == speaker


def test_bare_quote_after_a_paragraph_about_another_person(doc_factory):
    text = (
        TWO_MINISTERS
        + "“We want more flights between our countries and more students,” said Valdés Ortúzar.\n\n"
        "Marchetti, for her part, welcomed the visit.\n\n"
        "“I am grateful for the warm words and for the long friendship between our peoples.”"
    )
    quotes = _quotes(doc_factory, text)
    assert _speaker_of(quotes, "more flights") == "Ramiro Valdés Ortúzar"
    assert _speaker_of(quotes, "I am grateful") == "Helen Marchetti"


def test_quoted_words_after_a_verb_that_is_no_speech_cue(doc_factory):
    text = TWO_MINISTERS + "Marchetti retorted that “Canada remains a reliable partner of the whole region.”"
    quotes = [q for q in _quotes(doc_factory, text) if "reliable partner" in q.text]
    assert quotes and quotes[0].speaker_name == "Helen Marchetti"
    assert not quotes[0].direct  # the words belong to reported speech, not a direct quote of their own


def test_pronoun_goes_to_the_person_the_last_sentence_opened_with(doc_factory):
    text = (
        "Ramiro Valdés Ortúzar met Tomasz Wilk in Lima.\n\n"
        "On the occasion, Valdés Ortúzar explained the reforms.\n\n"
        "He also briefed Wilk on the new port.\n\n"
        "Wilk in turn to repeated support for the reforms.\n\n"
        "“We should keep every channel open before the vote,” he tweeted."
    )
    assert _speaker_of(_quotes(doc_factory, text), "We should keep") == "Tomasz Wilk"


def test_role_noun_is_not_resolved_to_a_former_holder(doc_factory):
    text = (
        "Former President Luis Ortega Vidal attended the ceremony with Foreign Minister Marta Quiroga Salas.\n\n"
        "“We will open the new port to every trading partner next year,” the president said."
    )
    assert _speaker_of(_quotes(doc_factory, text), "new port") != "Luis Ortega Vidal"


def test_single_marks_are_a_quote_only_with_a_cue(doc_factory):
    text = (
        TWO_MINISTERS
        + "‘We will open two new consulates before the end of the year,’ Marchetti said.\n\n"
        "'A Region Built on Trust and Open Markets for Everyone'"
    )
    quotes = _quotes(doc_factory, text)
    assert _speaker_of(quotes, "two new consulates") == "Helen Marchetti"
    assert not [q for q in quotes if "Built on Trust" in q.text]
