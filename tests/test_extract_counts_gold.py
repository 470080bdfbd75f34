"""Floors on the hand-checked counts/dates gold (tests/fixtures/counts_dates_gold.jsonl).

The gold holds 150 sentences sampled with a fixed seed from UN OCHA "Hostilities in the Gaza Strip and Israel"
Flash Updates (UN OCHA content, attribution) and 50 self-written ACLED-notes-style sentences; every third record is
held out. Floors sit a little under the figures of ``python -m storyline.eval.counts gold``; raise them, never lower.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.eval.counts import gold_scores, load_gold, predict


@pytest.fixture(scope="module")
def scored() -> dict[str, dict[str, Any]]:
    """Scores of the tuning and the held-out split."""
    out = {}
    for split in ("tune", "heldout"):
        records = load_gold(split=split)
        out[split] = gold_scores(records, predict(records))
    return out


def test_gold_is_well_formed() -> None:
    records = load_gold()
    assert len(records) == 200 and len({r["id"] for r in records}) == 200
    assert sum(r["split"] == "heldout" for r in records) == 66
    for record in records:
        values = {c["value"] for c in record["counts"]}
        assert all(c["part_of"] is None or c["part_of"] in values for c in record["counts"]), record["id"]


@pytest.mark.parametrize(
    ("split", "field", "floor"),
    [
        ("tune", "count", 0.97),
        ("tune", "scope", 0.9),
        ("tune", "part_of", 0.97),
        ("tune", "fatalities", 0.91),
        ("tune", "date", 0.96),
        ("heldout", "count", 0.88),
        ("heldout", "scope", 0.77),
        ("heldout", "part_of", 0.88),
        ("heldout", "fatalities", 0.88),
        ("heldout", "date", 0.95),
    ],
)
def test_gold_f1_floor(scored: dict[str, dict[str, Any]], split: str, field: str, floor: float) -> None:
    assert scored[split]["fields"][field]["f1"] >= floor


def test_fatalities_exact_floor(scored: dict[str, dict[str, Any]]) -> None:
    assert scored["tune"]["fatalities_exact"] >= 0.95 and scored["heldout"]["fatalities_exact"] >= 0.92


def test_unknown_split_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="split must be one of"):
        load_gold(split="tun")
