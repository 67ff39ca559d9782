"""The trained line model: a small gradient-boosted tree ensemble, pure Python at run time.

Weights live in ``clean/data/line_model.json`` (written by ``scripts/train_line_model.py``, trained offline on
the dev half of the scrapinghub benchmark only). The file holds the feature names (checked against
:data:`.features.FEATURE_NAMES`), the trees (arrays ``feature``, ``threshold``, ``left``, ``right``, ``value``;
a leaf has ``feature == -1``), the base score, the learning rate and the decision threshold. Two stages:
stage 1 uses the features of :mod:`.features`; stage 2 adds the stage-1 probabilities of the neighbouring lines
(:data:`STACK_NAMES`), so a line inside a run of boilerplate is judged with its neighbours' verdicts.

The model is loaded once (:func:`load_model`) and returns P(boilerplate) per line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .features import FEATURE_NAMES

__all__ = ["Trees", "LineModel", "load_model", "stack_features", "STACK_NAMES", "STACK_OFFSETS"]

STACK_OFFSETS = (-3, -2, -1, 1, 2, 3)  # neighbour lines whose stage-1 probability feeds stage 2
STACK_WINDOW = 6  # lines each side for the mean stage-1 probability
STACK_NAMES: tuple[str, ...] = tuple(f"p{o:+d}" for o in STACK_OFFSETS) + ("p_self", "p_window")
EDGE_PROBABILITY = 1.0  # beyond the page edge: boilerplate (menus and footers sit at the edges)
MODEL_FILE = "line_model.json"


@dataclass(frozen=True, slots=True)
class Trees:
    """One boosted ensemble (binary log-loss): raw score = base + rate * sum(leaf values)."""

    base: float
    rate: float
    trees: tuple[tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]], ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Trees:
        trees = tuple(
            (tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]), tuple(t["value"]))
            for t in data["trees"]
        )
        return cls(float(data["base"]), float(data["rate"]), trees)

    def probability(self, row: list[float]) -> float:
        score = 0.0
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while feature[node] >= 0:
                node = left[node] if row[feature[node]] <= threshold[node] else right[node]
            score += value[node]
        raw = self.base + self.rate * score
        return 1.0 / (1.0 + math.exp(-raw)) if raw > -500 else 0.0


@dataclass(frozen=True, slots=True)
class LineModel:
    stage1: Trees
    stage2: Trees | None
    threshold: float  # P(boilerplate) at or above which a line is removed (chosen on dev, see the weights file)

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """P(boilerplate) for each row (rows are the units of ONE document, in order)."""
        return self.probabilities_of(rows, range(len(rows)))

    def probabilities_of(self, rows: list[list[float]], wanted: Sequence[int]) -> list[float]:
        """P(boilerplate) of the rows at ``wanted`` only (the same figures as :meth:`probabilities` there): stage 1
        runs on every row (stage 2 reads the neighbours'), stage 2 on the wanted rows alone."""
        first = [self.stage1.probability(r) for r in rows]
        if self.stage2 is None:
            return [first[i] for i in wanted]
        return [self.stage2.probability(rows[i] + stack_row(first, i)) for i in wanted]


def stack_features(probs: list[float]) -> list[list[float]]:
    """Stage-2 extra features: the stage-1 probabilities of the neighbours, the line itself and a window."""
    return [stack_row(probs, i) for i in range(len(probs))]


def stack_row(probs: list[float], i: int) -> list[float]:
    """The stage-2 extra features of row ``i`` (see :func:`stack_features`)."""
    n = len(probs)
    row = [probs[i + o] if 0 <= i + o < n else EDGE_PROBABILITY for o in STACK_OFFSETS]
    lo, hi = max(0, i - STACK_WINDOW), min(n, i + STACK_WINDOW + 1)
    return [*row, probs[i], sum(probs[lo:hi]) / (hi - lo)]


@lru_cache(maxsize=1)
def load_model() -> LineModel | None:
    """The packaged model, or None when no weights file is installed (the rule cascade then decides alone)."""
    path = resources.files("communique.clean").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURE_NAMES:
        raise ValueError(f"{MODEL_FILE}: feature names differ from communique.clean.features; retrain the model")
    stage2 = Trees.from_json(data["stage2"]) if data.get("stage2") else None
    if stage2 is not None and tuple(data["stage2_features"]) != STACK_NAMES:
        raise ValueError(f"{MODEL_FILE}: stage-2 feature names differ; retrain the model")
    return LineModel(Trees.from_json(data["stage1"]), stage2, float(data["threshold"]))
