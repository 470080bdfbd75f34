"""Quality gate for place resolution: the self-written check set (tests/fixtures/place_resolution_dev.jsonl) may
not fall below its floors: is the event's place in the right country (and admin1)?

Floors are in tests/eval_baseline_places.json with the other gates' (the figures when they were set, less about
one record per split). A change that lowers one must lower the floor in the same commit and say why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import UsageError
from storyline.eval.places import score_resolution

FLOORS: dict[str, float] = json.loads(Path(__file__).with_name("eval_baseline_places.json").read_text())["floors"]


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, Any]]:
    """Resolution accuracy per split, computed once."""
    return score_resolution()


@pytest.mark.parametrize(("split", "floor"), sorted(FLOORS.items()))
def test_resolution_accuracy_at_or_above_floor(figures: dict[str, dict[str, Any]], split: str, floor: float) -> None:
    assert figures[split]["accuracy"] >= floor, figures[split]["wrong"]


def test_both_splits_are_scored(figures: dict[str, dict[str, Any]]) -> None:
    assert figures["held_out"]["records"] >= 20 and figures["tune"]["records"] >= 40


def test_a_record_whose_trigger_is_not_in_its_text_is_named_in_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "check.jsonl"
    record = {
        "id": "x1",
        "split": "tune",
        "text": "Gunmen killed two men in Mosul.",
        "trigger": "shot",
        "country": "IRQ",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="x1.*'shot'"):
        score_resolution(path)
