"""communique.ingest.kind: readouts reposted on other sites, rewritten wire copy, transcripts in every label form."""

from __future__ import annotations

import pytest

from communique.ingest.kind import classify_kind_evidence
from communique.ingest.metadata import metadata

REPOSTED_READOUT = """Submit Release

Secretary Alvarez's Meeting with Norland Foreign Minister Lindqvist

The below is attributable to Spokesperson Dana Reyes:

Secretary of State Maria Alvarez met with Norland Foreign Minister Tomas Lindqvist today in Geneva. The Secretary \
underscored support for Norland's sovereignty and the two discussed energy cooperation.
"""

RELEASE_HEADED_READOUT = """FOR IMMEDIATE RELEASE

Monday, June 2, 2025

Secretary of Trade Paula Quinn today met with Minister of Commerce of Norland Erik Berg to advance commercial ties. \
Secretary Quinn emphasized open lines of communication. Secretary Quinn and Minister Berg agreed to launch a working \
group on export controls and discussed supply chains.
"""

SUMMARY_READOUT = """Norland-Sudland Summit Meeting (Summary)

On May 7, commencing at 3:50 p.m. for approximately one hour, Prime Minister of Norland Erik Berg held a summit \
meeting with President of Sudland Ana Costa. The two leaders discussed security and affirmed close cooperation.
"""

WIRE_REWRITE = """Norland News Agency, Geneva, May 25. On May 25, Minister of Commerce Erik Berg met with Secretary of Trade \
Paula Quinn in Geneva. The two sides discussed trade relations and agreed to keep in close contact.
"""

REPORTED_RELEASE = """Norland Foreign Minister Tomas Lindqvist met with Secretary of State Maria Alvarez in Geneva to \
discuss the bilateral partnership. Secretary Alvarez highlighted support for Norland's sovereignty, the State \
Department said in a press release. The two sides agreed to continue consultations.
"""

NEWS_WEEKDAY = """The Foreign Minister of Norland, Tomas Lindqvist, and the Minister of Foreign Affairs of Sudland, \
Ana Costa, held a meeting this Wednesday in order to strengthen bilateral relations. Both officials agreed on the \
need to create a binational commission and discussed regional issues.
"""

HEDGED_NEWS = """Norland Foreign Minister Tomas Lindqvist and his Sudland counterpart Ana Costa held talks in Geneva. \
Both sides have reportedly exchanged views on energy cooperation. Lindqvist further claimed that the sanctions had \
failed, and the two ministers discussed the regional situation.
"""

CUT_DIALOGUE = """Ministers Before Their Meeting

SECRETARY ALVAREZ: Good morning, everyone. It is a pleasure to welcome my friend Tomas Lindqvist.

FOREIGN MINISTER LINDQVIST: Thank you very much, Secretary. I am very happy to see you again, and we
"""

MIXED_CASE_TRANSCRIPT = """Transcript of Special Briefing by the Foreign Secretary
Shri Arvind Rao, Official Spokesperson: Good evening. I welcome you to this briefing.
Shri Kiran Desai, Foreign Secretary: Thank you, Arvind. Let me give you a rundown of the day.
"""

RETRANSLATED = """The meeting was held as part of the Prime Minister's working visit.

Pavel Orlov (retranslated): Mr Prime Minister, I am very happy to meet with you again.

Erik Berg: Thank you, Mr President. I am glad that we are meeting again.
"""

HEADING_AND_ADDRESS = """Foreign Minister Erik Berg's remarks and answers to media questions at a news conference, Oslo

Good afternoon.

The talks with my colleague were very useful. The two sides reviewed trade and energy cooperation in detail.
"""

NEWS_ABOUT_PRESSER = """Norland, Sudland Foreign Ministers hold joint press conference

Norland Foreign Minister Erik Berg and his Sudland counterpart Ana Costa held a joint press conference in Oslo on \
Wednesday. Costa said the two countries share an approach to the energy market, and Berg said that trade grew.
"""

QUOTED_REACTIONS = """Experts react to the debate.

Jane Roe, Daily Courier: “It looked like a turning point.”

John Doe, Evening Post: “The moderator was the winner.”

Ann Poe, Morning Star: “Both sides claimed victory.”

Tom Fox, City Times: “Nothing changed tonight.”
"""


@pytest.mark.parametrize(
    ("text", "title", "kind", "rule"),
    [
        (REPOSTED_READOUT, None, "readout", "office marker"),
        (RELEASE_HEADED_READOUT, None, "readout", "readout lead"),
        (SUMMARY_READOUT, None, "readout", "office marker"),
        (WIRE_REWRITE, None, "news", "wire dateline"),
        (REPORTED_RELEASE, None, "news", "reported by a third party"),
        (NEWS_WEEKDAY, None, "news", "news weekday"),
        (HEDGED_NEWS, None, "news", "reporter's hedge"),
        (CUT_DIALOGUE, None, "transcript", "speaker turns"),
        (MIXED_CASE_TRANSCRIPT, None, "transcript", "speaker turns"),
        (RETRANSLATED, None, "transcript", "speaker turns"),
        (HEADING_AND_ADDRESS, None, "transcript", "transcript heading"),
        (NEWS_ABOUT_PRESSER, NEWS_ABOUT_PRESSER.splitlines()[0], "news", "weekday"),
        (QUOTED_REACTIONS, None, "news", "default"),
    ],
)
def test_kind_and_evidence(text: str, title: str | None, kind: str, rule: str) -> None:
    got, evidence = classify_kind_evidence(text, title)
    assert got == kind
    assert any(e.startswith(rule) for e in evidence)


def test_stage_records_evidence(doc_factory) -> None:
    out = metadata(doc_factory(REPOSTED_READOUT))
    assert out.kind == "readout"
    assert out.meta["kind_evidence"][0].startswith("office marker: The below is attributable to")
