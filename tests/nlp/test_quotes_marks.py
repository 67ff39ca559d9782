"""Quotation marks -> quote spans, without a model: curly, straight, guillemets, paragraphs, missing and broken marks."""

from __future__ import annotations

import pytest

from communique.nlp.quotes import annotate, find_quote_spans


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We had a productive call,” Rubio said.", ["We had a productive call,"]),
        ('"We had a productive call," Rubio said.', ["We had a productive call,"]),
        ("« Nous sommes prêts », a dit le ministre.", ["Nous sommes prêts"]),
        ("He said: “They called it ‘historic’ today.” Then he left.", ["They called it ‘historic’ today."]),
        ("“One,” he said. “Two.”", ["One,", "Two."]),
        ("``Yes,'' she said.", ["Yes,"]),
        # a double quote typed as two single marks
        ("''Spoke with my colleague today. Talked trade,'' the minister wrote.", ["Spoke with my colleague today. Talked trade,"]),
        ("He said ''we are ready to talk'' and left.", ["we are ready to talk"]),
        # single marks as quotation marks of a paragraph without double ones; apostrophes are no marks
        ("‘We will not back down from our commitments,’ the minister said.", ["We will not back down from our commitments,"]),
        ("'We don't accept the terms,' he said of the countries' ties.", ["We don't accept the terms,"]),
        ("Rock 'n' roll is the minister's favourite.", []),
    ],
)
def test_marks_kinds(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quote_spanning_paragraphs_is_one_quote() -> None:
    text = (
        "The minister said: “Our countries share a border of 3,000 kilometres.\n\n"
        "“We will protect it together,” she added.\n\nTalks resume in June."
    )
    spans = find_quote_spans(text)
    assert len(spans) == 1
    got = text[spans[0].start : spans[0].end]
    assert got.startswith("Our countries share") and got.endswith("together,")
    assert spans[0].closed


def test_missing_closing_mark_closes_at_paragraph_end() -> None:
    text = "The envoy said: “We will not negotiate under pressure.\n\nThe talks were suspended on Friday."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["We will not negotiate under pressure."]
    assert not spans[0].closed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opening curly mark used as the closing one (broken wire copy)
        ("“We are ready to talk,“ the minister said.", ["We are ready to talk,"]),
        # a closing curly mark used as the opening one
        ("The minister said ”we are ready” on Monday.", ["we are ready"]),
        # straight opening, curly closing
        ('"The border stays open,” the governor said.', ["The border stays open,"]),
        # an odd count of straight marks: the last quote closes at the paragraph end
        ('He said "yes" and "no', ["yes", "no"]),
        # a stray closing mark alone is ignored
        ("Trade rose 4%.” Officials were pleased.", []),
    ],
)
def test_broken_marks(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize("text", ["", "“", "”", '"', "“”", "\n\n“\n\n", "a “b\n\n“c\n\n“"])
def test_never_crashes_on_odd_marks(text: str, doc_factory) -> None:
    for span in find_quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)
    annotate(doc_factory(text), None)
