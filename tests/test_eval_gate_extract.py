"""Quality gate for extraction: dev figures may not drop below the floors in eval_baseline_extract.json.

The figures are computed on a deterministic subsample (``limit`` items of each gold set, every k-th) to
stay well under a minute; the floors are the figures measured on that subsample when they were last
raised, minus a small margin. A change that lowers one must lower the floor in the same commit and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import figure_at
from storyline.eval.extract import evaluate

BASELINE = Path(__file__).with_name("eval_baseline_extract.json")


def _baseline() -> dict[str, Any]:
    """The baseline file."""
    data: dict[str, Any] = json.loads(BASELINE.read_text())
    return data


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, Any]:
    """The extract eval on the gate's subsample, computed once."""
    return evaluate(shared_data, limit=int(_baseline()["limit"]))


@pytest.mark.parametrize(("path", "floor"), sorted(_baseline()["floors"].items()))
def test_figure_at_or_above_floor(figures: dict[str, Any], path: str, floor: float) -> None:
    value: Any = figure_at(figures, path)
    assert value >= floor, f"{path} = {value} fell below its floor {floor}"


def test_seed_acceptance_checks_all_hold(figures: dict[str, Any]) -> None:
    failed = [name for name, ok in figures["seed"].items() if not ok]
    assert not failed, f"seed checks failed: {failed}"
