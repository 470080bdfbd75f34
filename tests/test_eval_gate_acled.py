"""Quality gate for the ACLED fields of notes-style texts: figures may not drop below tests/eval_baseline_acled.json.

The figures are those of ``storyline eval acled`` (storyline.eval.acled) on the self-written check set in
tests/fixtures (``floors``), on the two fresh sets written before any run on them (``fresh_floors``, the sets
of ``--set more`` and ``--set more2`` together), on the third (``fresh3_floors``, ``--set more3``), the fourth
(``fresh4_floors``, ``--set more4``), the fifth (``fresh5_floors``, ``--set more5``), the sixth
(``fresh6_floors``, ``--set more6``), the seventh (``fresh7_floors``, ``--set more7``), the eighth
(``fresh8_floors``, ``--set more8``), the ninth (``fresh9_floors``, ``--set more9``) and the tenth
(``fresh10_floors``, ``--set more10``); they need no shared data.
A change that lowers one must say so in its commit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import figure_at
from storyline.cli import cli
from storyline.eval.acled import (
    ACLED_MORE,
    ACLED_MORE2,
    ACLED_MORE3,
    ACLED_MORE4,
    ACLED_MORE5,
    ACLED_MORE6,
    ACLED_MORE7,
    ACLED_MORE8,
    ACLED_MORE9,
    ACLED_MORE10,
    FIELDS,
    notes_records,
    place_key,
    score_acled,
)
from storyline.eval.typing import ACLED_STYLE

BASELINE = Path(__file__).with_name("eval_baseline_acled.json")


def _floors(key: str = "floors") -> dict[str, float]:
    """The floors of the baseline file under ``key``."""
    floors: dict[str, float] = json.loads(BASELINE.read_text())[key]
    return floors


# The check sets behind each group of floors in the baseline file.
FLOOR_SETS: dict[str, tuple[Path, ...]] = {
    "floors": (ACLED_STYLE,),
    "fresh_floors": (ACLED_MORE, ACLED_MORE2),
    "fresh3_floors": (ACLED_MORE3,),
    "fresh4_floors": (ACLED_MORE4,),
    "fresh5_floors": (ACLED_MORE5,),
    "fresh6_floors": (ACLED_MORE6,),
    "fresh7_floors": (ACLED_MORE7,),
    "fresh8_floors": (ACLED_MORE8,),
    "fresh9_floors": (ACLED_MORE9,),
    "fresh10_floors": (ACLED_MORE10,),
}
_FIGURES: dict[str, dict[str, Any]] = {}


def _figures(key: str) -> dict[str, Any]:
    """The figures of the check sets behind a group of floors, computed once per run."""
    if key not in _FIGURES:
        _FIGURES[key] = score_acled(FLOOR_SETS[key])
    return _FIGURES[key]


@pytest.mark.parametrize(
    ("key", "path", "floor"), [(key, path, floor) for key in FLOOR_SETS for path, floor in sorted(_floors(key).items())]
)
def test_figure_at_or_above_floor(key: str, path: str, floor: float) -> None:
    value: Any = figure_at(_figures(key), path)
    assert value >= floor, f"{key}: {path} = {value} fell below its floor {floor}"


def test_every_group_of_floors_names_its_sets() -> None:
    assert set(json.loads(BASELINE.read_text())) - {"about"} == set(FLOOR_SETS)


def test_every_notes_event_record_carries_the_acled_fields() -> None:
    records = [r for r in notes_records() if r["event_type"]]
    assert len(records) >= 100 and sum(r["split"] == "heldout" for r in records) >= 30
    for record in records:
        assert isinstance(record["fatalities"], int) and record["fatalities"] >= 0, record["id"]
        assert len(record["event_date"]) == 10 and record["actor1"]["sector"], record["id"]
        assert record["location"] is None or len(record["location"]["country"]) == 3, record["id"]


def test_mean_is_the_mean_of_the_six_fields() -> None:
    figures = _figures("floors")
    for split in ("tune", "heldout"):
        values = [figures[split][name] for name in FIELDS]
        assert figures[split]["mean"] == pytest.approx(sum(values) / 6, abs=1e-3)
    assert figures["gaza"]["all"]["records"] + figures["other"]["all"]["records"] == figures["all"]["records"]


def test_place_names_compare_without_case_accents_or_generic_words() -> None:
    assert place_key("Jabalia refugee camp") == place_key("Jabalia Camp") == "jabalia"
    assert place_key("Khān Yūnis") == place_key("khan yunis")
    assert place_key("Al-Mawasi") == place_key("Al Mawasi")
    assert place_key("Beit Lahia") != place_key("Beit Hanoun")


def test_cli_prints_the_figures_and_the_misses() -> None:
    result = CliRunner().invoke(cli, ["eval", "acled", "--misses"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert {"tune", "heldout", "all", "gaza", "other", "misses"} <= set(out)
    assert all(m["wrong"] for m in out["misses"])
