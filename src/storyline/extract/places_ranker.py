"""The place ranker: a conditional logistic model that picks the event's place among the candidates
``places.event_location`` weighs, from general features of each (``places.choice_features``: no word of a name).

Weights in ``resources/models/place_ranker.npz``, rebuilt by ``scripts/train_place_ranker.py``; numpy only at run
time. Without the file, or inside ``rules_only()``, the rules' choice stands.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import numpy as np

from storyline.extract.lexicon import resource_path

MODEL = "place_ranker.npz"
_enabled = [True]


class PlaceRanker:
    """Feature weights and the margin by which a candidate must outscore the rules' choice to replace it."""

    def __init__(self, features: list[str], weights: np.ndarray, margin: float) -> None:
        self.index = {name: i for i, name in enumerate(features)}
        self.weights = weights
        self.margin = margin

    def score(self, row: dict[str, float]) -> float:
        """The linear score of one candidate's features (features the model does not know weigh nothing)."""
        return float(sum(self.weights[self.index[k]] * v for k, v in row.items() if k in self.index))

    def choose(self, rows: list[dict[str, float]], rules: int, allowed: list[int]) -> int:
        """Index of the best-scored row among ``allowed`` (the first among equals) when it outscores row ``rules``
        (the rules' choice) by more than the margin; else ``rules``."""
        scores = {i: self.score(rows[i]) for i in allowed}
        best = max(allowed, key=lambda i: scores[i])
        return best if scores[best] > scores[rules] + self.margin else rules


@cache
def _load() -> PlaceRanker | None:
    """The model of ``resources/models``, or None when there is none."""
    path = resource_path("models", MODEL)
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        features = [str(f) for f in data["features"]]
        return PlaceRanker(features, data["weights"].astype(np.float64), float(data["margin"]))


def place_ranker() -> PlaceRanker | None:
    """The loaded ranker, or None when it is off or there is none."""
    return _load() if _enabled[0] else None


@contextmanager
def rules_only() -> Iterator[None]:
    """Choose places by the rules alone inside the block (to train the ranker, and to compare)."""
    previous, _enabled[0] = _enabled[0], False
    try:
        yield
    finally:
        _enabled[0] = previous
