"""Build the offline actor gazetteer from public data: the UN General Debate speakers list (CC0).

    .venv/bin/pip install openpyxl==3.1.5   # only for this script
    .venv/bin/python scripts/build_gazetteer.py ../shared/datasets/ungdc_usa_mex/Speakers_by_session.xlsx

Writes src/communique/resolve/data/actors.tsv: one row per (person, title, country) with the first and last year
the source records them in that post. Users add their own rows in the same format (see resolve/gazetteer.py).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import openpyxl
from babel.core import get_global

OUT = Path(__file__).resolve().parents[1] / "src" / "communique" / "resolve" / "data" / "actors.tsv"
HONORIFICS = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|H\.?\s?E|Sir|Sheikh|Prince|Princess|King|Queen)\.?\s+)+", re.I)


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", str(name)).strip().strip(",")
    name = re.sub(r",?\s+Jr\.?$", "", name)
    return HONORIFICS.sub("", name).strip()


def main(path: str) -> None:
    aliases = get_global("territory_aliases")
    rows = list(openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True))[1:]
    spans: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for year, _session, iso3, _country, person, post, *_ in rows:
        if not (year and iso3 and person and post):
            continue
        iso2 = (aliases.get(str(iso3).strip()) or [None])[0]
        if not iso2 or len(iso2) != 2:
            continue
        spans[(clean_name(person), re.sub(r"\s+", " ", str(post)).strip(), iso2)].append(int(year))
    lines = ["# name\ttitle\tcountry\tfrom\tto\tsource"]
    for (name, title, country), years in sorted(spans.items()):
        lines.append(f"{name}\t{title}\t{country}\t{min(years)}\t{max(years)}\tUN General Debate speakers (CC0)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 1} rows")


if __name__ == "__main__":
    main(sys.argv[1])
