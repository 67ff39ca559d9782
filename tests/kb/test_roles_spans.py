"""A person's stated roles merge into date spans: one row per title and country, first and last date, documents."""

from __future__ import annotations

import pytest

from communique.kb.roles import latest_role, role_spans


def _role(title: str, as_of: str | None, doc: str, country: str | None = None, org: str | None = None) -> dict:  # type: ignore[type-arg]
    return {"title": title, "organization": org, "country": country, "doc": doc, "start": 0, "end": 5, "as_of": as_of}


def _spans(roles: list[dict]) -> list[tuple]:  # type: ignore[type-arg]
    return [(s["title"], s["country"], s["organization"], s["from"], s["to"], s["docs"], s["current"])
            for s in role_spans(roles)]


@pytest.mark.parametrize(("roles", "expected"), [
    # ninety mentions of one title in three documents: one span
    ([_role("President", "2024-03-01", "d3") for _ in range(88)]
     + [_role("President", "2024-01-01", "d1", "US"), _role("President", "2024-02-01", "d2")],
     [("President", "US", None, "2024-01-01", "2024-03-01", 3, True)]),
    # a later "Former ..." ends the role; an earlier one does not
    ([_role("Foreign Minister", "2023-05-01", "d1"), _role("Former Foreign Minister", "2024-05-01", "d2")],
     [("Foreign Minister", None, None, "2023-05-01", "2023-05-01", 2, False)]),
    ([_role("Former Governor", "2020-01-01", "d1"), _role("Governor", "2021-01-01", "d2")],
     [("Governor", None, None, "2021-01-01", "2021-01-01", 2, True)]),
    # only past mentions: a past role without dates held
    ([_role("Former Ambassador", "2024-01-01", "d1")], [("Ambassador", None, None, None, None, 1, False)]),
    # two titles, organisation named most often, undated evidence kept but not deciding
    ([_role("Secretary", "2022-01-01", "d1", "US", "Treasury"), _role("Secretary", "2022-06-01", "d2", "US", "Treasury"),
      _role("Secretary", None, "d3", "US", "Commerce"), _role("Senator", "2019-01-01", "d4", "US")],
     [("Senator", "US", None, "2019-01-01", "2019-01-01", 1, True),
      ("Secretary", "US", "Treasury", "2022-01-01", "2022-06-01", 3, True)]),
    # a title held for two countries: the role without a country cannot be placed and stays apart
    ([_role("Ambassador", "2020-01-01", "d1", "FR"), _role("Ambassador", "2022-01-01", "d2", "DE"),
      _role("Ambassador", "2021-01-01", "d3")],
     [("Ambassador", "FR", None, "2020-01-01", "2020-01-01", 1, True),
      ("Ambassador", None, None, "2021-01-01", "2021-01-01", 1, True),
      ("Ambassador", "DE", None, "2022-01-01", "2022-01-01", 1, True)]),
    ([], []),
])
def test_roles_merge_into_spans(roles: list[dict], expected: list[tuple]) -> None:  # type: ignore[type-arg]
    assert _spans(roles) == expected


def test_a_span_links_its_first_evidence() -> None:
    spans = role_spans([_role("Mayor", "2021-05-01", "late"), _role("Mayor", "2020-05-01", "early")])
    assert spans[0]["evidence"] == {"doc": "early", "start": 0}


@pytest.mark.parametrize(("roles", "latest"), [
    ([_role("Senator", "2019-01-01", "d1"), _role("Secretary", "2022-01-01", "d2")], "Secretary"),
    ([_role("Minister", "2023-01-01", "d1"), _role("Former Minister", "2024-01-01", "d2")], None),
    ([_role("Governor", "2018-01-01", "d1"), _role("Minister", "2023-01-01", "d2"),
      _role("Former Minister", "2024-01-01", "d3")], "Governor"),
    ([], None),
])
def test_the_latest_held_role(roles: list[dict], latest: str | None) -> None:  # type: ignore[type-arg]
    assert latest_role(roles) == latest
