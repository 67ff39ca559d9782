"""``ask`` answers with what held at the asked time and of the asked thing: a page published before the asked day
only announces what happened then; a role "before <event>" needs evidence that the role was an earlier one; a
namesake's role record is not the asked person's; a number of other people ("100 hostages, including <nationals>")
is no count of the asked people."""

from __future__ import annotations

import pytest
from tests.search.hand_annotations import role_at as _role
from tests.search.hand_annotations import span_at as _at
from tests.search.hand_annotations import timex_at as _timex

from communique.model import Mention
from communique.search import ask
from communique.search.answer_context import other_given_name
from communique.search.question_analysis import analyze
from communique.search.typed_answers import predates

# An invented summit, announced a month before and reported the day after.
PLAN = "On March 20, 2025, Premier Ilse Marrow will host the Harbour Forum summit in Porthaven."
REPORT = "At the Harbour Forum summit on March 20, 2025, Premier Ilse Marrow and the leaders agreed to open a ferry line."
# Two people of one surname, and one person's earlier post.
NAMESAKE = "Deputy Mayor Olga Brandt opened the harbour office."
FORMER = "Tobias Quell, formerly the Mayor of Highmoor, joined the talks."
CURRENT = "Governor Tobias Quell joined the talks."
# What the number counts: hostages, of whom some were Norlanders; soldiers asked as troops.
COUNTS = ("The talks freed more than 100 hostages, including Norlanders, from the island. "
          "The ministry sent 5,000 soldiers to the border.")


@pytest.fixture
def store(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([
        doc_factory(PLAN, id="plan", source="readouts/plan.md", kind="readout", published="2025-02-18",
                    timexes=[_timex(PLAN, "March 20, 2025", "2025-03-20")]),
        doc_factory(NAMESAKE, id="namesake", source="readouts/namesake.md", kind="readout", published="2025-01-07",
                    mentions=[Mention(*_at(NAMESAKE, "Olga Brandt"), "Olga Brandt", "person")],
                    roles=[_role(NAMESAKE, "Olga Brandt", "Deputy Mayor")]),
        doc_factory(CURRENT, id="current", source="readouts/current.md", kind="readout", published="2025-01-08",
                    mentions=[Mention(*_at(CURRENT, "Tobias Quell"), "Tobias Quell", "person")],
                    roles=[_role(CURRENT, "Tobias Quell", "Governor")]),
        doc_factory(COUNTS, id="counts", source="wire/counts.txt", kind="news", published="2025-01-09"),
    ])


@pytest.fixture
def reported(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([
        doc_factory(PLAN, id="plan", source="readouts/plan.md", kind="readout", published="2025-02-18",
                    timexes=[_timex(PLAN, "March 20, 2025", "2025-03-20")]),
        doc_factory(REPORT, id="report", source="readouts/report.md", kind="readout", published="2025-03-21",
                    timexes=[_timex(REPORT, "March 20, 2025", "2025-03-20")]),
        doc_factory(FORMER, id="former", source="readouts/former.md", kind="readout", published="2025-01-08",
                    mentions=[Mention(*_at(FORMER, "Tobias Quell"), "Tobias Quell", "person")],
                    roles=[_role(FORMER, "Tobias Quell", "Mayor of Highmoor")]),
    ])


@pytest.mark.parametrize(
    ("question", "published", "expected"),
    [
        ("What did the leaders agree at the summit Marrow hosted on March 20, 2025?", "2025-02-18", True),
        ("What did the leaders agree at the summit Marrow hosted on March 20, 2025?", "2025-03-21", False),
        ("What did the leaders agree at the summit Marrow hosted on March 20, 2025?", "2025-03-19", False),  # a day
        ("Where will Marrow host the summit on March 20, 2025?", "2025-02-18", False),  # a plan is asked
        ("What did the leaders agree at the summit Marrow hosted?", "2025-02-18", False),  # no asked time
        ("How many died in the March 20 flood, as Marrow said in her 2026 call?", "2025-02-18", False),  # an event
        ("Where was Marrow to host the summit in March 2025?", "2025-02-18", False),  # a plan, in the past tense
    ],
)
def test_typed_answers_predates(question, published, expected):
    assert predates(analyze(question), published) is expected


def test_ask_held_then_page_before_the_asked_day_reports_nothing(store, reported):
    question = "What did the leaders agree at the Harbour Forum summit Marrow hosted on March 20, 2025?"
    assert ask(store, question).not_in_sources  # only the announcement: "will host"
    answer = ask(reported, question)
    assert not answer.not_in_sources and "ferry line" in answer.text, answer.as_dict()
    assert {c["doc"] for s in answer.sentences for c in s.citations} == {"report"}


@pytest.mark.parametrize(
    ("candidate", "asked", "expected"),
    [("Olga Brandt", "Ella Brandt", True), ("Joseph Brandt", "Joe Brandt", False), ("Brandt", "Ella Brandt", False),
     ("Olga Brandt", "Brandt", False)],
)
def test_answer_context_other_given_name(candidate, asked, expected):
    assert other_given_name(candidate, asked) is expected


def test_ask_held_then_namesake_role_is_not_the_asked_persons(store):
    assert ask(store, "What is Ella Brandt's title?").not_in_sources
    assert "Deputy Mayor" in ask(store, "What is Olga Brandt's title?").text


@pytest.mark.parametrize("question", ["What office did Tobias Quell hold before his election?",
                                      "What position did Tobias Quell hold before the talks?"])
def test_ask_held_then_role_before_an_event(store, reported, question):
    assert ask(store, question).not_in_sources  # the page gives his post now, not the one before
    answer = ask(reported, question)
    assert not answer.not_in_sources and "Mayor of Highmoor" in answer.text, answer.as_dict()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many Norlander citizens did the talks free?", None),  # the number counts hostages
        ("How many hostages did the talks free?", "100"),
        ("How many troops did the ministry send to the border?", "5,000"),  # soldiers are troops
    ],
)
def test_ask_held_then_counted_people_of_another_kind(store, question, expected):
    answer = ask(store, question)
    if expected is None:
        assert answer.not_in_sources, answer.as_dict()
    else:
        assert not answer.not_in_sources and answer.text.startswith(expected), answer.as_dict()


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("What offices did Ilse Marrow hold when she met the envoy?", "Ilse Marrow"),
        ("What Norlandic cabinet post did Tobias Quell hold in 2024?", "Tobias Quell"),
        ("What post had Ilse Marrow just taken up when the envoy met her?", "Ilse Marrow"),
        ("What rank did Olga Brandt hold before the war?", "Olga Brandt"),
        ("What position did Ilse Marrow take on the tariffs?", None),  # a stance, not a post
    ],
)
def test_ask_held_then_role_question_forms(question, who):
    from communique.search.ask import classify

    intent, groups = classify(question)
    assert (intent, groups.get("who")) == (("role", who) if who else ("keywords", None))


FUEL = ("The new blend could save drivers 12 cents per litre, the ministry said. "
        "Norland will announce food security financing for 19 countries. "
        "The food security financing Norland will announce totals $40 million.")


@pytest.fixture
def fuel(indexed_store, doc_factory):  # type: ignore[no-untyped-def]
    return indexed_store([doc_factory(FUEL, id="fuel", source="wire/fuel.txt", kind="news", published="2025-01-10")])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much could the new blend save drivers per litre?", "12 cents"),  # the amount with its unit
        ("How much food security financing will Norland announce?", "$40 million"),  # an amount beats a bare number
    ],
)
def test_ask_held_then_how_much_is_an_amount(fuel, question, expected):
    answer = ask(fuel, question)
    assert not answer.not_in_sources and answer.text.startswith(expected), answer.as_dict()


# A meeting held in a country, and a summit still to come in a city.
HELD = "Premier Ilse Marrow met the Harbour Forum leaders in Estonia on May 5, 2025."
PLANNED = ("The Harbour Forum leaders looked forward to meeting Premier Ilse Marrow at the summit in Porthaven on "
           "May 30, 2025.")


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        (HELD, "Where did Marrow meet the Harbour Forum leaders in May 2025?", "Estonia"),
        (HELD, "In which city did Marrow meet the Harbour Forum leaders in May 2025?", None),  # a country is no city
        (PLANNED, "Where did Marrow meet the Harbour Forum leaders in May 2025?", None),  # still to come
        (PLANNED, "Where will Marrow meet the Harbour Forum leaders in May 2025?", "Porthaven"),  # a plan asked
    ],
)
def test_ask_held_then_meeting_held_not_planned(indexed_store, doc_factory, text, question, expected):
    day = "May 5, 2025" if text == HELD else "May 30, 2025"
    store = indexed_store([doc_factory(text, id="forum", source="readouts/forum.md", kind="readout",
                                       published="2025-05-05", timexes=[_timex(text, day, "2025-05-" + day[4:6])])])
    answer = ask(store, question)
    if expected is None:
        assert answer.not_in_sources, answer.as_dict()
    else:
        assert not answer.not_in_sources and answer.text.startswith(expected), answer.as_dict()


# One person's posts on two pages: a long title at a forum, a short one at the event asked about.
FORUM_TITLE = "Chief Economic and Trade Policy Adviser Ilse Marrow opened the investors forum."
PREVIEW = "Economic Adviser Ilse Marrow previewed the harbour plan for reporters."


def test_ask_held_then_role_from_the_page_of_the_asked_event(indexed_store, doc_factory):
    store = indexed_store([
        doc_factory(FORUM_TITLE, id="forum", source="readouts/forum.md", kind="readout", published="2025-03-01",
                    roles=[_role(FORUM_TITLE, "Ilse Marrow", "Chief Economic and Trade Policy Adviser")]),
        doc_factory(PREVIEW, id="preview", source="briefings/preview.md", kind="briefing", published="2025-04-01",
                    roles=[_role(PREVIEW, "Ilse Marrow", "Economic Adviser")]),
    ])
    answer = ask(store, "What position did Ilse Marrow hold when she previewed the harbour plan?")
    assert answer.text.startswith("Ilse Marrow: Economic Adviser"), answer.as_dict()
    assert {c["doc"] for s in answer.sentences for c in s.citations} == {"preview"}
    assert "Chief Economic" in ask(store, "What position does Ilse Marrow hold?").text  # no event: the longer title


# The owner of a post ("<Name>'s Special Envoy <Other>") is not one of the people the sentence reports acting.
TRIP = ("In talks today, Premier Ilse Marrow’s Special Envoy Olga Brandt and Admiral Tobias Quell met Mayor Lars Vik "
        "of Porthaven.")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who held talks in Porthaven with Olga Brandt and Lars Vik?", "Tobias Quell"),  # not the envoy's principal
    ],
)
def test_ask_held_then_owner_of_a_post_is_no_actor(indexed_store, doc_factory, question, expected):
    people = ("Ilse Marrow", "Olga Brandt", "Tobias Quell", "Lars Vik")
    store = indexed_store([doc_factory(TRIP, id="trip", source="readouts/trip.md", kind="readout",
                                       published="2025-06-02",
                                       mentions=[Mention(*_at(TRIP, p), p, "person") for p in people])])
    answer = ask(store, question)
    assert answer.text.startswith(expected), answer.as_dict()
