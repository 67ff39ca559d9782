"""Step 4 (trained line model): tree evaluation, feature vectors, and the hard overrides that protect article text."""

from __future__ import annotations

import pytest

from communique.clean.features import FEATURE_NAMES, UnitFacts, unit_features
from communique.clean.lines import classify_lines, clean_text
from communique.clean.model import STACK_NAMES, LineModel, Trees, load_model, stack_features

# A stump on feature 0: value <= 1.5 -> leaf 1 (-2.0), else leaf 2 (+3.0).
STUMP = {
    "base": 0.5,
    "rate": 1.0,
    "trees": [{"feature": [0, -1, -1], "threshold": [1.5, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],
               "value": [0.0, -2.0, 3.0]}],
}


def _constant(probability_logit: float) -> LineModel:
    """A model that gives every line the same P(boilerplate) = sigmoid(probability_logit)."""
    return LineModel(Trees(probability_logit, 1.0, ()), None, 0.5)


ALWAYS_BOILERPLATE = _constant(30.0)
ALWAYS_ARTICLE = _constant(-30.0)

TRANSCRIPT = """THE PRESIDENT:  Thank you all for coming to the East Room this afternoon.
PRESIDENT MODELO:  (Via interpreter)  We agreed to meet again before the summit in June.
(Laughter.)
March 4, 2025
Q:  Did the two of you discuss the tariffs on steel and aluminium today?
END 12:05 P.M. EST"""


@pytest.mark.parametrize(("value", "expected_logit"), [(1.0, 0.5 - 2.0), (1.5, 0.5 - 2.0), (2.0, 0.5 + 3.0)])
def test_trees_follow_the_left_branch_at_or_below_the_threshold(value, expected_logit):
    import math

    trees = Trees.from_json(STUMP)
    assert trees.probability([value]) == pytest.approx(1 / (1 + math.exp(-expected_logit)))


def test_stack_features_treat_the_page_edge_as_boilerplate():
    stacks = stack_features([0.1, 0.2, 0.9])
    assert len(stacks[0]) == len(STACK_NAMES)
    assert stacks[0][:3] == [1.0, 1.0, 1.0]  # nothing before the first line
    assert stacks[0][3:6] == [0.2, 0.9, 1.0]
    assert stacks[1][STACK_NAMES.index("p_self")] == 0.2


def test_feature_vectors_have_one_value_per_name():
    facts = [
        UnitFacts(text, sentence, False, False, True, 0, "text", 0, False, False, False)
        for text, sentence in [("World", False), ("The ministers met in Lima on Monday to discuss trade.", True)]
    ]
    rows = unit_features(facts, "Ministers meet in Lima")
    assert [len(r) for r in rows] == [len(FEATURE_NAMES)] * 2
    sentence = FEATURE_NAMES.index("sentence")
    assert [r[sentence] for r in rows] == [0.0, 1.0]
    assert rows[1][FEATURE_NAMES.index("title_sim")] > 0


@pytest.mark.parametrize("wanted", [[], [0], [2, 5], list(range(8))])
def test_model_probabilities_of_some_rows_equal_those_of_all_rows(wanted):
    """Stage 2 on the wanted rows alone gives the figures stage 2 over every row gives there (same neighbours)."""
    model = load_model()
    assert model is not None and model.stage2 is not None
    facts = [
        UnitFacts(text, text.endswith("."), False, False, True, 0, "text", 0, False, False, False)
        for text in ["Home", "World", "Ministers meet in Lima", "The ministers met in Lima on Monday to discuss trade.",
                     "Share this article", "They agreed to meet again in June.", "Related stories", "Subscribe"]
    ]
    rows = unit_features(facts, None)
    every = model.probabilities(rows)
    assert model.probabilities_of(rows, wanted) == [every[i] for i in wanted]
    assert len(set(every)) > 1  # the rows differ: a check that could fail


def test_the_packaged_model_loads_with_matching_features():
    model = load_model()
    assert model is not None and 0 < model.threshold < 1
    assert model.stage2 is not None


@pytest.mark.parametrize("line", TRANSCRIPT.split("\n"))
def test_turns_stage_directions_and_dates_survive_a_model_that_removes_everything(line):
    verdicts = classify_lines(TRANSCRIPT.split("\n"), model=ALWAYS_BOILERPLATE)
    assert next(v for v in verdicts if v.line == line).keep


def test_a_model_that_removes_everything_keeps_the_headline_short_lines_and_real_sentences():
    text = (
        "Leaders agree to widen border talks\n\nBy Laura Mendez\n\n"
        "The two governments signed a memorandum on energy cooperation in Ottawa on Monday.\n\n"
        "Canada names new envoy to Washington after months of delay\n\n"
        "Talks resume in June.\n"
    )
    result = clean_text(text, model=ALWAYS_BOILERPLATE)
    assert result.text.split("\n\n") == [
        "Leaders agree to widen border talks",
        "By Laura Mendez",
        "The two governments signed a memorandum on energy cooperation in Ottawa on Monday.",
    ]
    assert result.removed == ["Canada names new envoy to Washington after months of delay", "Talks resume in June."]


def test_a_model_that_keeps_everything_cannot_undo_hard_patterns_or_tail_sections():
    text = (
        "The two governments signed a memorandum on energy cooperation in Ottawa on Monday.\n\n"
        "Sign up for our newsletter\n\nRELATED TOPICS\nEnergy ministers meet in Calgary\n\n"
        "Photo: Daniel Ortiz / Reuters\n"
    )
    result = clean_text(text, model=ALWAYS_ARTICLE)
    assert result.removed == [
        "Sign up for our newsletter", "RELATED TOPICS", "Energy ministers meet in Calgary",
        "Photo: Daniel Ortiz / Reuters",
    ]


def test_a_model_that_keeps_everything_rescues_a_teaser_run():
    teasers = [
        "Peso rallies as tariff threat fades", "Farmers in Iowa brace for new duties",
        "Canada names new envoy to Washington", "What the border deal means for trucking",
    ]
    text = "The ministers met in Ottawa on Monday and agreed on a new defence plan, officials said.\n\n" + "\n".join(
        teasers
    )
    assert clean_text(text, use_model=False).removed == teasers
    assert clean_text(text, model=ALWAYS_ARTICLE).removed == []


@pytest.mark.parametrize(("use_model", "removed"), [(None, []), (False, []), (True, ["Talks resume in Lima in June."])])
def test_already_extracted_text_skips_the_model_unless_asked(use_model, removed):
    text = "Talks resume in Lima in June.\n"
    result = clean_text(text, teasers=False, use_model=use_model, model=ALWAYS_BOILERPLATE)
    assert result.removed == removed


def test_only_the_first_date_line_is_protected_from_the_model():
    text = (
        "March 4, 2025\n\nThe two ministers met in Lima on Tuesday to review the trade agreement.\n\n"
        "Updated March 5, 2025 at 10:04 GMT\n"
    )
    result = clean_text(text, model=ALWAYS_BOILERPLATE)
    assert result.text.startswith("March 4, 2025\n\n")
    assert result.removed == ["Updated March 5, 2025 at 10:04 GMT"]
