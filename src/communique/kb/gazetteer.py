"""The offline actor gazetteer: known people with their posts, countries and date ranges.

Shipped data (``kb/data``): ``actors.tsv`` built from the UN General Debate speakers list (CC0) by
``scripts/build_gazetteer.py``, and ``actors_extra.tsv`` for office holders the UN list does not reach.
Users add their own files in the same tab-separated format (``name, title, country, from, to, source``; lines
starting with ``#`` are comments) and name them in ``$COMMUNIQUE_GAZETTEER`` (paths separated by ``:``).
Rows for the same person (same normalised name, or one name containing the other with the same given name)
merge into one actor with several roles.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

__all__ = ["Actor", "load_gazetteer", "DATA_FILES"]

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_FILES = (DATA_DIR / "actors.tsv", DATA_DIR / "actors_extra.tsv")


@dataclass
class Actor:
    name: str
    country: str | None
    roles: list[dict[str, object]] = field(default_factory=list)  # title, country, from, to, source


def _read(path: Path) -> list[list[str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the gazetteer file ({exc.strerror}); fix $COMMUNIQUE_GAZETTEER") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 3 or not cells[0]:
            raise ConfigError(f"{path}:{number}: expected tab-separated name, title, country[, from, to, source]")
        rows.append((cells + [""] * 6)[:6])
    return rows


@functools.lru_cache(maxsize=4)
def load_gazetteer(extra: str | None = None) -> tuple[Actor, ...]:
    """Actors from the shipped files plus ``extra`` (default: ``$COMMUNIQUE_GAZETTEER``)."""
    paths = list(DATA_FILES)
    extra = os.environ.get("COMMUNIQUE_GAZETTEER", "") if extra is None else extra
    paths += [Path(p) for p in extra.split(":") if p]
    actors: dict[str, Actor] = {}
    for path in paths:
        for name, title, country, start, end, source in _read(path):
            actor = actors.setdefault(name, Actor(name, country or None))
            actor.country = actor.country or country or None
            actor.roles.append({"title": title, "country": country or None, "from": start or None,
                                "to": end or None, "source": source or str(path.name)})
    return tuple(actors.values())
