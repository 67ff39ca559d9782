"""Country/demonym/agency lookups and title finding (data modules, no model)."""

from __future__ import annotations

import pytest

from communique.nlp import countries
from communique.nlp.entities import find_titles


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Mexico", "MX"), ("México", "MX"), ("the United States", "US"), ("United States", "US"), ("U.S.", "US"),
        ("Mexican", "MX"), ("American", "US"), ("SRE", "MX"), ("State Department", "US"), ("the Pentagon", "US"),
        ("Mexico City", "MX"), ("Washington, D.C.", "US"), ("Mexico's", "MX"), ("Mexican Navy", "MX"),
        ("U.S. Embassy in Mexico City", "US"), ("Canadian", "CA"), ("Reuters", None), ("Sheinbaum", None),
    ],
)  # fmt: skip
def test_affiliation(name, code):
    assert countries.affiliation(name) == code


@pytest.mark.parametrize(
    ("name", "country", "demonym"),
    [("Mexico", "MX", None), ("Mexican", None, "MX"), ("U.S.", "US", "US"), ("Ukraine", "UA", None)],
)
def test_country_vs_demonym(name, country, demonym):
    assert countries.country_of_name(name) == country
    assert countries.country_of_demonym(name) == demonym


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("Secretary of State Marco Rubio", ["Secretary of State"]),
        ("Mexican Foreign Secretary Juan", ["Foreign Secretary"]),
        ("Roberto Velasco, Undersecretary for North America, SRE", ["Undersecretary for North America"]),
        ("Omar, Secretary of Security and Citizen Protection.", ["Secretary of Security and Citizen Protection"]),
        ("Attorney General Pam Bondi", ["Attorney General"]),
        ("Deputy Secretary of Homeland Security Troy", ["Deputy Secretary of Homeland Security"]),
        ("Dr. Jill Biden and Gen. Mark Milley and Adm. Holsey", ["Dr.", "General", "Admiral"]),
        ("Minister of Foreign Affairs of Mexico Alicia", ["Minister of Foreign Affairs"]),
        ("Chairman of the Joint Chiefs of Staff Gen. Dan", ["Chairman of the Joint Chiefs of Staff", "General"]),
        ("Prime Minister Mark Carney", ["Prime Minister"]),
    ],
)  # fmt: skip
def test_find_titles(text, titles):
    # person names start at the capitalised word after the title in these fixtures
    starts = [text.index(n) for n in ("Marco", "Juan", "Pam", "Troy", "Alicia", "Dan", "Mark Carney") if n in text]
    assert [t.title for t in find_titles(text, sorted(starts))] == titles


def test_title_of_country_sets_country():
    (span,) = find_titles("Minister of Foreign Affairs of Mexico Alicia", [38])
    assert (span.title, span.country) == ("Minister of Foreign Affairs", "MX")
