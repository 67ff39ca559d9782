"""communique.ingest.kind: readouts reposted on other sites, rewritten wire copy, transcripts in every label form."""

from __future__ import annotations

import pytest

from communique.ingest.kind import classify_kind_evidence
from communique.ingest.metadata import metadata

REPOSTED_READOUT = """Submit Release

Secretary Alvarez's Meeting with Norland Foreign Minister Lindqvist

The following is attributable to Spokesperson Dana Reyes:

Secretary of State Maria Alvarez met with Norland Foreign Minister Tomas Lindqvist today in Geneva. The Secretary \
underscored support for Norland's sovereignty and the two discussed energy cooperation.
"""

RELEASE_HEADED_READOUT = """FOR IMMEDIATE RELEASE

Monday, June 2, 2025

Secretary of Trade Paula Quinn today received Trade Minister Erik Berg of Norland to review tariff disputes. \
Secretary Quinn stressed fair treatment of exporters. Secretary Quinn and Minister Berg agreed to set up a panel on \
customs rules and discussed port capacity.
"""

SUMMARY_READOUT = """Norland-Sudland Summit Meeting (Summary)

Prime Minister of Norland Erik Berg held talks with President of Sudland Ana Costa over lunch in the capital. The \
two leaders discussed fisheries and affirmed close cooperation.
"""

WIRE_REWRITE = """Norland News Agency, Geneva, June 3. On June 3, Minister of Commerce Erik Berg met with Secretary of Trade \
Paula Quinn in Geneva. The two sides discussed trade relations and agreed to keep in close contact.
"""

REPORTED_RELEASE = """Norland Foreign Minister Tomas Lindqvist met with Secretary of State Maria Alvarez in Geneva to \
discuss the bilateral partnership. Secretary Alvarez highlighted support for Norland's sovereignty, the State \
ministry said in a statement. The two sides agreed to continue consultations.
"""

NEWS_WEEKDAY = """The Foreign Minister of Norland, Tomas Lindqvist, and his Sudland peer Ana Costa sat down this \
Tuesday to review fishing quotas. The two agreed to set up a joint panel and discussed river transport.
"""

HEDGED_NEWS = """Norland Foreign Minister Tomas Lindqvist and his Sudland counterpart Ana Costa held talks in Geneva. \
The ministers reportedly compared notes on fishing quotas. Lindqvist claimed that the quotas were unfair, and the \
two discussed river transport.
"""

CUT_DIALOGUE = """Ministers Before Their Meeting

SECRETARY ALVAREZ: Welcome, Tomas. We have fishing quotas and river transport on the table.

FOREIGN MINISTER LINDQVIST: Thanks, Maria. Quotas first, then the river, if you agree, and we
"""

MIXED_CASE_TRANSCRIPT = """Transcript of Media Briefing by the Foreign Secretary
Shri Arvind Rao, Official Spokesperson: Namaskar. Our guest will speak about the port visit first.
Shri Kiran Desai, Foreign Secretary: Thanks. The port visit went well and two agreements were signed.
"""

RETRANSLATED = """Excerpts from the conversation in the port city.

Pavel Orlov (retranslated): Dear guest, the harbour is yours to see today.

Erik Berg: Many thanks. Our engineers will study it closely.
"""

HEADING_AND_ADDRESS = """Foreign Minister Erik Berg's opening statement and answers to questions from the press, Oslo

Good afternoon.

Our guests and I went through the fishing quotas line by line. The two sides also looked at river transport.
"""

NEWS_ABOUT_PRESSER = """Norland and Sudland ministers field reporters after press conference

Norland Foreign Minister Erik Berg and his Sudland counterpart Ana Costa faced reporters together in Oslo on \
Tuesday. Costa said the quotas would be revised, and Berg said that river traffic had doubled.
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
    assert out.meta["kind_evidence"][0].startswith("office marker: The following is attributable to")
