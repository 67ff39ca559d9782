"""The actor network: who took part in events with whom, laid out server-side by a force simulation (no script).

Cascade of :func:`network_view`:
1. Events in the date range (``since`` / ``until``: a year, month or day; undated events only without a range).
2. Their participants of the chosen types (people only by default; ``types="all"`` keeps every entity).
3. Links: pairs of participants of one event, weighted by the number of shared events; links under
   ``min_meetings`` go; the :data:`MAX_NODES` best-connected actors that still have a link stay.
4. Layout (Fruchterman-Reingold, deterministic): start on a circle in degree order, then :data:`ITERATIONS` steps
   of repulsion between all nodes and attraction along links, with a cooling step size; then scaled into the
   drawing area.
5. Labels: right of the node, or left of it near the right edge; where two would overlap, the other side or a
   line lower or higher (:func:`_labels`); the viewBox is wide enough for every label (nothing clipped).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import combinations
from typing import Any

from ..errors import CommuniqueError
from ..store.base import Store

__all__ = ["network_view", "MAX_NODES", "ITERATIONS"]

MAX_NODES = 60  # more actors than this make an unreadable drawing; the best connected are kept
ITERATIONS = 150  # force steps: enough for 60 nodes to settle (positions change < 1 px at the end)
WIDTH, HEIGHT = 900.0, 640.0  # drawing area of the nodes (px); labels get extra room beside it
PAD = 24.0  # space around the drawing area
CHAR_PX = 6.6  # label width per character at the page's 11px label font
LABEL_GAP = 8.0  # between a node and its label
LINE_PX = 13.0  # label line height: two labels closer than this vertically and overlapping horizontally collide
MAX_LABEL_SHIFT = 4  # a label moves down at most this many lines to avoid another
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _in_range(value: str | None, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    if not value or not value[:4].isdigit():
        return False  # an undated event has no place in a date range
    if since and value < since:
        return False
    return not (until and value[: len(until)] > until)


def _layout(n: int, links: dict[tuple[int, int], int]) -> list[tuple[float, float]]:
    """Fruchterman-Reingold positions in [0, WIDTH] x [0, HEIGHT] (deterministic: no random start)."""
    if n == 0:
        return []
    k = math.sqrt(WIDTH * HEIGHT / n)  # ideal edge length
    pos = [[WIDTH / 2 + WIDTH / 3 * math.cos(2 * math.pi * i / n), HEIGHT / 2 + HEIGHT / 3 * math.sin(2 * math.pi * i / n)]
           for i in range(n)]
    step = WIDTH / 10
    for _ in range(ITERATIONS):
        disp = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = dx * dx + dy * dy or 0.01
                f = k * k / d2  # repulsion k^2/d, along the unit vector (dx/d): k^2 dx / d^2
                disp[i][0] += dx * f
                disp[i][1] += dy * f
                disp[j][0] -= dx * f
                disp[j][1] -= dy * f
        for (i, j), w in links.items():
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            d = math.sqrt(dx * dx + dy * dy) or 0.1
            f = d / k * (1 + math.log(w))  # attraction d^2/k, stronger for more shared events
            disp[i][0] -= dx * f
            disp[i][1] -= dy * f
            disp[j][0] += dx * f
            disp[j][1] += dy * f
        for i in range(n):
            dx, dy = disp[i]
            d = math.sqrt(dx * dx + dy * dy) or 1.0
            pos[i][0] += dx / d * min(d, step)
            pos[i][1] += dy / d * min(d, step)
        step = max(step * 0.95, 1.0)
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    sx = WIDTH / ((max(xs) - min(xs)) or 1.0)
    sy = HEIGHT / ((max(ys) - min(ys)) or 1.0)
    return [((x - min(xs)) * sx if n > 1 else WIDTH / 2, (y - min(ys)) * sy if n > 1 else HEIGHT / 2) for x, y in pos]


def _labels(nodes: list[dict[str, Any]]) -> tuple[float, float]:
    """Place each label (``lx``, ``ly``, ``anchor``); returns the leftmost and rightmost x any label reaches.

    Candidates in order: the preferred side (right of the node, left of it near the right edge) on the node's line,
    the other side, then each side one line lower and one higher, up to :data:`MAX_LABEL_SHIFT` lines; the first
    that overlaps no label placed before is taken, else the one overlapping the fewest.
    """
    placed: list[tuple[float, float, float]] = []  # (left, right, y) of labels already placed

    def collisions(left: float, right: float, y: float) -> int:
        return sum(1 for pl, pr, py in placed if abs(y - py) < LINE_PX and left < pr and pl < right)

    for node in sorted(nodes, key=lambda n: (n["y"], n["x"])):
        width = len(node["name"]) * CHAR_PX
        prefer_right = node["x"] + LABEL_GAP + width <= WIDTH + PAD
        sides = (prefer_right, not prefer_right)
        shifts = [0] + [s for k in range(1, MAX_LABEL_SHIFT + 1) for s in (k, -k)]
        best: tuple[int, float, float, bool] | None = None
        for shift in shifts:
            y = node["y"] + 4 + shift * LINE_PX
            if y - LINE_PX < 0:  # above the drawing
                continue
            for right_side in sides:
                left = node["x"] + LABEL_GAP if right_side else node["x"] - LABEL_GAP - width
                hits = collisions(left, left + width, y)
                if best is None or hits < best[0]:
                    best = (hits, left, y, right_side)
            if best is not None and best[0] == 0:
                break
        assert best is not None  # shift 0 is never above the drawing: nodes lie at PAD or lower
        _, left, y, right_side = best
        placed.append((left, left + width, y))
        node.update(lx=round(node["x"] + (LABEL_GAP if right_side else -LABEL_GAP), 1), ly=round(y, 1),
                    anchor="start" if right_side else "end")
    if not placed:
        return 0.0, WIDTH + 2 * PAD
    return min(p[0] for p in placed), max(p[1] for p in placed)


def network_view(store: Store, *, since: str | None = None, until: str | None = None, min_meetings: int = 1,
                 types: str = "person") -> dict[str, Any]:
    """Nodes (actors) and edges (shared events) with a force layout, for the page and its JSON twin."""
    for name, value in (("since", since), ("until", until)):
        if value and not _ISO.fullmatch(value):
            raise CommuniqueError(f"{name}={value!r}: use a date like 2024, 2024-03 or 2024-03-09")
    if min_meetings < 1:
        raise CommuniqueError(f"min_meetings={min_meetings}: use 1 or more")
    if types not in ("person", "all"):
        raise CommuniqueError(f"types={types!r}: use 'person' (people only) or 'all'")
    kinds: dict[str, dict[str, Any]] = {}

    def entity(eid: str) -> dict[str, Any]:
        if eid not in kinds:
            kinds[eid] = store.get_record("entities", eid) or {"id": eid, "name": eid, "type": "other"}
        return kinds[eid]

    weights: Counter[tuple[str, str]] = Counter()
    events_of: Counter[str] = Counter()
    for ev in store.iter_records("events"):
        if not _in_range((ev.get("date") or {}).get("value"), since, until):
            continue
        actors = sorted({p for p in ev["participants"] if types == "all" or entity(p).get("type") == "person"})
        events_of.update(actors)
        weights.update(combinations(actors, 2))
    links = {pair: w for pair, w in weights.items() if w >= min_meetings}
    degree: Counter[str] = Counter()
    for (a, b), w in links.items():
        degree[a] += w
        degree[b] += w
    chosen = sorted(degree, key=lambda e: (-degree[e], -events_of[e], e))[:MAX_NODES]
    index = {eid: i for i, eid in enumerate(chosen)}
    kept = {(index[a], index[b]): w for (a, b), w in links.items() if a in index and b in index}
    nodes: list[dict[str, Any]] = [{"id": eid, "name": entity(eid).get("name") or eid, "type": entity(eid).get("type"),
              "events": events_of[eid], "links": degree[eid], "x": round(x + PAD, 1), "y": round(y + PAD, 1)}
             for eid, (x, y) in zip(chosen, _layout(len(chosen), kept), strict=True)]
    leftmost, rightmost = _labels(nodes)
    shift = max(0.0, PAD - leftmost)  # room on the left for labels drawn left of the leftmost nodes
    for node in nodes:
        node["x"] = round(node["x"] + shift, 1)
        node["lx"] = round(node["lx"] + shift, 1)
    edges = [{"a": chosen[i], "b": chosen[j], "weight": w, "x1": nodes[i]["x"], "y1": nodes[i]["y"],
              "x2": nodes[j]["x"], "y2": nodes[j]["y"]} for (i, j), w in sorted(kept.items())]
    width = max(WIDTH + 2 * PAD, rightmost) + shift + PAD
    return {"width": round(width, 1), "height": round(HEIGHT + 2 * PAD + LINE_PX * MAX_LABEL_SHIFT, 1),
            "nodes": nodes, "edges": edges,
            "filters": {"since": since, "until": until, "min_meetings": min_meetings, "types": types}}
