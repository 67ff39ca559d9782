"""Speaker attribution cascade on small hand-written readouts and wire copy (uses the spaCy parse)."""

from __future__ import annotations

import pytest

from communique.model import Mention, Role
from communique.nlp.model_loader import parse
from communique.nlp.quotes import annotate

pytestmark = pytest.mark.model


def _person(text: str, name: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, "person", label="PERSON")


def _run(doc):
    return annotate(doc, parse(doc.text)).quotes


def _direct(quotes, fragment: str):
    found = [q for q in quotes if q.direct and fragment in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


READOUT = (
    "President Claudia Sheinbaum met with Secretary of State Marco Rubio in Mexico City on Thursday.\n\n"
    "“We agreed to work together on security, with respect for our sovereignty,” Sheinbaum said after the meeting.\n\n"
    "The two delegations also discussed migration and trade."
)


def test_readout_curly_quote_said(doc_factory) -> None:
    doc = doc_factory(READOUT, kind="readout")
    doc = doc.replace(mentions=[_person(READOUT, "Claudia Sheinbaum"), _person(READOUT, "Marco Rubio"), _person(READOUT, "Sheinbaum", 1)])
    q = _direct(_run(doc), "We agreed")
    assert q.text == "We agreed to work together on security, with respect for our sovereignty,"
    assert READOUT[q.start : q.end] == q.text
    assert q.speaker_name == "Claudia Sheinbaum"  # "Sheinbaum" expanded from the earlier mention
    assert READOUT[q.speaker_start : q.speaker_end] == "Sheinbaum"
    assert q.cue == "said"


ROLE_TEXT = (
    "WASHINGTON — Secretary of State Marco Rubio spoke with Foreign Minister Juan Ramón de la Fuente on Monday.\n\n"
    "“The United States will not tolerate the flow of fentanyl across our border,” the Secretary of State stressed."
)


@pytest.mark.parametrize("with_roles", [True, False])
def test_role_noun_resolves_to_person(doc_factory, with_roles: bool) -> None:
    t = ROLE_TEXT
    roles = []
    if with_roles:
        s = t.index("Secretary of State Marco Rubio")
        p = t.index("Marco Rubio")
        roles = [Role("Marco Rubio", p, p + 11, "Secretary of State", "Department of State", "US", s, p + 11)]
    doc = doc_factory(t, kind="news").replace(
        mentions=[_person(t, "Marco Rubio"), _person(t, "Juan Ramón de la Fuente")], roles=roles
    )
    q = _direct(_run(doc), "fentanyl")
    assert q.speaker_name == "Marco Rubio"
    assert t[q.speaker_start : q.speaker_end].lower() == "the secretary of state"
    assert q.cue == "stressed"


@pytest.mark.parametrize(
    ("intro", "pronoun", "expected"),
    [
        ("Mr. Ebrard met Ms. Raimondo in Washington.", "She", "Gina Raimondo"),
        ("Mr. Ebrard met Ms. Raimondo in Washington.", "He", "Marcelo Ebrard"),
    ],
)
def test_pronoun_attribution(doc_factory, intro: str, pronoun: str, expected: str) -> None:
    t = (
        "Economy Minister Marcelo Ebrard and Commerce Secretary Gina Raimondo held talks on steel tariffs.\n\n"
        f"{intro}\n\n“We want a fair deal for both countries,” {pronoun.lower()} said."
    )
    mentions = [_person(t, "Marcelo Ebrard"), _person(t, "Gina Raimondo"), _person(t, "Ebrard", 1), _person(t, "Raimondo", 1)]
    doc = doc_factory(t, kind="news").replace(mentions=mentions)
    q = _direct(_run(doc), "fair deal")
    assert q.speaker_name == expected
    assert t[q.speaker_start : q.speaker_end] == pronoun.lower()  # the mention in this attribution


def test_continuation_and_multi_paragraph(doc_factory) -> None:
    t = (
        "Canadian Prime Minister Mark Carney spoke to reporters in Ottawa.\n\n"
        "“Our trade relationship is the largest in the world,” Carney said. “It must be protected.\n\n"
        "“We will respond to tariffs with measures of our own.”\n\n"
        "Officials in Washington did not comment."
    )
    doc = doc_factory(t, kind="news").replace(mentions=[_person(t, "Mark Carney"), _person(t, "Carney", 1)])
    quotes = [q for q in _run(doc) if q.direct]
    assert len(quotes) == 2
    second = _direct(quotes, "must be protected")
    assert second.text.endswith("measures of our own.")  # one quote over two paragraphs
    assert second.speaker_name == "Mark Carney"  # (5) continuation of the previous speaker


def test_missing_close_still_attributed(doc_factory) -> None:
    t = "Foreign Minister Annalena Baerbock said: “Europe stands with Ukraine.\n\nThe meeting ended early."
    doc = doc_factory(t, kind="news").replace(mentions=[_person(t, "Annalena Baerbock")])
    q = _direct(_run(doc), "Europe")
    assert q.text == "Europe stands with Ukraine."
    assert q.speaker_name == "Annalena Baerbock"


def test_broken_wire_copy(doc_factory) -> None:
    t = (
        "MEXICO CITY (Wire) — “We are not going to accept tariffs,“ Sheinbaum told journalists on Tuesday.\n\n"
        'Ebrard added: "The negotiation continues.\n\n'
        "Markets rose."
    )
    mentions = [_person(t, "Sheinbaum"), _person(t, "Ebrard")]
    quotes = _run(doc_factory(t, kind="news").replace(mentions=mentions))
    first = _direct(quotes, "tariffs")
    assert first.text == "We are not going to accept tariffs,"
    assert first.speaker_name == "Sheinbaum" and first.cue == "told"
    second = _direct(quotes, "negotiation")
    assert second.text == "The negotiation continues."
    assert second.speaker_name == "Ebrard"


def test_scare_quotes_skipped_unless_cued(doc_factory) -> None:
    t = (
        "The White House called the agreement a “historic” step.\n\n"
        "“Not yet,” Rubio said when asked about a deal."
    )
    quotes = _run(doc_factory(t, kind="news").replace(mentions=[_person(t, "Rubio")]))
    direct = [q for q in quotes if q.direct]
    assert [q.text for q in direct] == ["Not yet,"]
    assert direct[0].speaker_name == "Rubio"


@pytest.mark.parametrize(
    ("sentence", "content", "speaker"),
    [
        ("Rubio said that the talks had been productive.", "the talks had been productive", "Marco Rubio"),
        ("Rubio told reporters the talks were productive.", "the talks were productive", "Marco Rubio"),
    ],
)
def test_indirect_speech(doc_factory, sentence: str, content: str, speaker: str) -> None:
    t = f"Secretary of State Marco Rubio arrived in Panama on Sunday.\n\n{sentence}"
    doc = doc_factory(t, kind="news").replace(mentions=[_person(t, "Marco Rubio"), _person(t, "Rubio", 1)])
    indirect = [q for q in _run(doc) if not q.direct]
    assert len(indirect) == 1
    assert indirect[0].text == content and t[indirect[0].start : indirect[0].end] == content
    assert indirect[0].speaker_name == speaker


def test_spacy_persons_used_without_mentions(doc_factory) -> None:
    t = "“The summit will take place in Brazil next year,” said Luiz Inácio Lula da Silva."
    q = _direct(_run(doc_factory(t, kind="news")), "summit")
    assert q.speaker_name is not None and "Lula" in q.speaker_name


@pytest.mark.parametrize(
    ("text", "indirect_text"),
    [
        (
            "Spokeswoman Jessica Ditto said that “the administration will defend its tariffs in court.”",
            "“the administration will defend its tariffs in court.”",
        ),
        (
            "The minister said the proposal was “dead on arrival.”",
            "the proposal was “dead on arrival.”",
        ),
    ],
)
def test_quoted_words_inside_reported_speech(doc_factory, text: str, indirect_text: str) -> None:
    quotes = _run(doc_factory(text, kind="news"))
    assert not [q for q in quotes if q.direct]  # a fragment of a reported clause is not a quote of its own
    indirect = [q for q in quotes if not q.direct]
    assert [q.text for q in indirect] == [indirect_text]


def test_titles_are_not_quotes_and_dash_credits_name_the_speaker(doc_factory) -> None:
    t = (
        "The senator appeared on “Face the Nation” on Sunday.\n\n"
        "“Trade with Mexico supports millions of American jobs and we should protect it.” ― Maria Lopez, a farmer"
    )
    quotes = [q for q in _run(doc_factory(t, kind="news")) if q.direct]
    assert len(quotes) == 1
    assert quotes[0].speaker_name == "Maria Lopez"
    assert t[quotes[0].speaker_start : quotes[0].speaker_end] == "Maria Lopez"


def test_transcript_quoted_in_an_article(doc_factory) -> None:
    t = (
        "The interview went as follows:\n\n"
        '"HOST: Will the minister attend the summit?\n\n'
        '"EBRARD: Of course, we will be there on Monday.\n\n'
        "The summit opens next week."
    )
    direct = [q for q in _run(doc_factory(t, kind="news")) if q.direct]
    assert [(q.speaker_name, q.text) for q in direct] == [
        ("Host", "Will the minister attend the summit?"),
        ("Ebrard", "Of course, we will be there on Monday."),
    ]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "According to Foreign Minister Juan Ramón de la Fuente, the two countries will sign the accord in June.",
            "the two countries will sign the accord in June",
            "Juan Ramón de la Fuente",
        ),
        (
            "The two countries will sign the accord in June, according to a senior official.",
            "The two countries will sign the accord in June",
            "a senior official",
        ),
    ],
)
def test_according_to_is_indirect_speech(doc_factory, text: str, content: str, speaker: str) -> None:
    quotes = _run(doc_factory(text, kind="news"))
    assert [(q.direct, q.text, q.speaker_name, q.cue) for q in quotes] == [(False, content, speaker, "according to")]


def test_pronoun_skips_person_of_other_gender_by_title(doc_factory) -> None:
    t = (
        "Vice President Kamala Harris met UAE President Sheikh Mohammed bin Zayed in Abu Dhabi.\n\n"
        "“Our partnership with the Emirates is enduring,” she said."
    )
    mentions = [_person(t, "Kamala Harris"), _person(t, "Mohammed bin Zayed")]
    q = _direct(_run(doc_factory(t, kind="readout").replace(mentions=mentions)), "partnership")
    assert q.speaker_name == "Kamala Harris"
