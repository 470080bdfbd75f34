"""Quality gate for cleaning: the dev figures may not drop below the floors in eval_baseline_clean.json.

The floors are the figures measured when they were last raised (see bench/results/clean-eval.json)
minus a small margin. A change that lowers one must lower the floor in the same commit and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import figure_at
from storyline.eval.clean import evaluate_clean

BASELINE = Path(__file__).with_name("eval_baseline_clean.json")


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, Any]:
    """The clean eval on all of html-pages-dev, computed once."""
    return evaluate_clean(shared_data)


def _floors() -> list[tuple[str, float]]:
    """(dotted path into the figures, floor) for every floor in the baseline file."""
    data = json.loads(BASELINE.read_text())
    return sorted(data["floors"].items())


@pytest.mark.parametrize(("path", "floor"), _floors())
def test_figure_at_or_above_floor(figures: dict[str, Any], path: str, floor: float) -> None:
    value: Any = figure_at(figures, path)
    assert value >= floor, f"{path} = {value} fell below its floor {floor}"


def test_we_beat_trafilatura_alone(figures: dict[str, Any]) -> None:
    ours = figures["body"]["html"]["shingle"]["f1"]
    assert ours > figures["body"]["trafilatura"]["shingle"]["f1"]


def test_every_page_scored(figures: dict[str, Any]) -> None:
    assert figures["pages"] >= 100
    assert all(result["n"] > 0 for result in figures["metadata"].values())
