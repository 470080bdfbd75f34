"""Quality gate for dedup: dev pair P/R/F1 may not drop below the floors in eval_baseline_dedup.json.

A change that lowers a figure must lower its floor in the same commit and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import figure_at
from storyline.dedup import params_from_settings
from storyline.eval.dedup import evaluate, evaluate_store

BASELINE = Path(__file__).with_name("eval_baseline_dedup.json")


@pytest.fixture(scope="module")
def figures(shared_data: Path) -> dict[str, Any]:
    """The dedup eval on the dev syndication set (seed 0), computed once."""
    return evaluate(shared_data, params_from_settings(), seed=0)


def _floors() -> list[tuple[str, float]]:
    """(dotted path into the figures, floor) for every floor in the baseline file."""
    return sorted(json.loads(BASELINE.read_text())["floors"].items())


@pytest.mark.devdata
@pytest.mark.parametrize(("path", "floor"), _floors())
def test_figure_at_or_above_floor(figures: dict[str, Any], path: str, floor: float) -> None:
    value: Any = figure_at(figures, path)
    assert value >= floor, f"{path} = {value} fell below its floor {floor}"


@pytest.mark.devdata
def test_we_beat_plain_jaccard_on_raw_text(figures: dict[str, Any]) -> None:
    assert figures["storyline"]["all"]["f1"] > figures["raw_jaccard_0.5"]["all"]["f1"] + 0.1


STORE_F1_FLOOR = json.loads(BASELINE.read_text())["store_path"]["storyline_store.all.f1"]


@pytest.mark.devdata
def test_store_path_figure_at_or_above_floor(shared_data: Path) -> None:
    figures = evaluate_store(shared_data, params_from_settings(), seed=0)
    store = figures["storyline_store"]["all"]
    assert store["f1"] >= STORE_F1_FLOOR, f"store-path pair F1 = {store['f1']} fell below its floor {STORE_F1_FLOOR}"
    assert figures["documents"] > 400  # the whole dev set was indexed
