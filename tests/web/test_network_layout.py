"""The actor network: people only by default, date range and minimum shared events as filters, a force layout
whose nodes and labels all lie inside the drawing (nothing clipped), deterministic from run to run."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import CommuniqueError
from communique.read.network import CHAR_PX, LINE_PX, PAD, _labels, network_view
from communique.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def store(kbdata, tmp_path_factory):  # type: ignore[no-untyped-def]
    path = kbdata.build_browse_db(tmp_path_factory.mktemp("network") / "kb.db")
    with SQLiteStore(Path(path)) as s:
        yield s


def _names(data) -> set[str]:  # type: ignore[no-untyped-def]
    return {n["name"] for n in data["nodes"]}


def test_people_only_by_default_and_every_label_inside_the_drawing(store) -> None:  # type: ignore[no-untyped-def]
    data = network_view(store)
    assert _names(data) == {"Daniel Marsh", "Lucía Báez", "Claire Dubois"}
    assert all(n["type"] == "person" for n in data["nodes"])
    for n in data["nodes"]:
        assert 0 <= n["x"] <= data["width"] and 0 <= n["y"] <= data["height"]
        width = len(n["name"]) * CHAR_PX
        left = n["lx"] if n["anchor"] == "start" else n["lx"] - width
        assert 0 <= left and left + width <= data["width"], n
    assert network_view(store) == data  # deterministic layout


@pytest.mark.parametrize(("params", "names"), [
    ({"since": "2025-04"}, {"Daniel Marsh", "Claire Dubois"}),  # the Ottawa meeting; the undated call is out
    ({"until": "2025-03"}, {"Daniel Marsh", "Lucía Báez"}),
    ({"min_meetings": 2}, {"Daniel Marsh", "Claire Dubois"}),  # Ottawa and the call
    ({"min_meetings": 9}, set()),
])
def test_network_filters(store, params, names) -> None:  # type: ignore[no-untyped-def]
    assert _names(network_view(store, **params)) == names


@pytest.mark.parametrize("params", [{"since": "April"}, {"min_meetings": 0}, {"types": "robots"}])
def test_network_filter_errors(store, params) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommuniqueError):
        network_view(store, **params)


def _overlaps(nodes: list[dict]) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    boxes = []
    for n in nodes:
        width = len(n["name"]) * CHAR_PX
        left = n["lx"] if n["anchor"] == "start" else n["lx"] - width
        boxes.append((left, left + width, n["ly"], n["name"]))
    return [(a[3], b[3]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if abs(a[2] - b[2]) < LINE_PX and a[0] < b[1] and b[0] < a[1]]


@pytest.mark.parametrize(("crowd", "x"), [(6, 450.0), (10, 450.0), (10, 880.0), (12, 300.0)])
def test_crowded_labels_take_the_other_side_or_another_line(crowd: int, x: float) -> None:
    nodes = [{"name": f"Person Number {i:02d} Long-Surname", "x": x + i, "y": 300.0 + i} for i in range(crowd)]
    _labels(nodes)
    assert _overlaps(nodes) == []
    assert all(n["ly"] - LINE_PX >= 0 for n in nodes)  # none pushed above the drawing


def test_labels_of_nodes_at_the_top_stay_inside_the_drawing() -> None:
    nodes = [{"name": f"Top Person {i}", "x": 400.0, "y": PAD} for i in range(6)]
    _labels(nodes)
    assert _overlaps(nodes) == [] and min(n["ly"] for n in nodes) >= LINE_PX
