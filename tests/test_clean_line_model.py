"""scripts/train_line_model.py: line labels, the logistic fit, and the scoring seam it swaps in ``layout``."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from storyline.clean import layout
from storyline.clean.lines import Line, measure_lines
from storyline.clean.text import clean_text

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "train_line_model.py"
REFERENCE = "The committee met on Monday and agreed that the new rules would apply from June. Critics said no."


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_line_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_labels_follow_the_reference(script: ModuleType) -> None:
    texts = [
        "The committee met on Monday and agreed that the new rules would apply",
        "Sign up for our newsletter to get the best stories every morning",
        "Critics said no",
        "said Critics",
        "",
    ]
    labels, sizes = script.line_labels(measure_lines(texts, None), REFERENCE)
    assert labels.tolist() == [1.0, 0.0, 1.0, 0.0, 0.0]
    assert sizes.tolist() == [13.0, 12.0, 3.0, 2.0, 0.0]


def test_fit_finds_the_informative_feature(script: ModuleType) -> None:
    rng = np.random.default_rng(0)
    signal, noise = rng.normal(size=400), rng.normal(size=400)
    x = np.column_stack([np.ones(400), signal, noise])
    y = (signal + 0.3 * rng.normal(size=400) > 0).astype(float)
    weights = script.fit(x, y, np.full(400, 10.0))
    assert weights[1] > 3 * abs(weights[2])
    assert ((x @ weights > 0) == (y > 0)).mean() > 0.9


def test_zero_weight_term_changes_nothing(seed_text: str, script: ModuleType) -> None:
    weights = np.zeros(len(script.FEATURES))
    before = clean_text(seed_text, id="seed")
    with script.scoring(script.make_scorer(weights, 0.0)):
        after = clean_text(seed_text, id="seed")
    assert after == before
    assert layout.hand_scores is script.HAND  # the seam is put back


def test_features_one_row_per_line(seed_text: str, script: ModuleType) -> None:
    seen: dict[str, Any] = {}

    def record(lines: list[Line], marks: layout.Marks) -> list[float]:
        hand: list[float] = script.HAND(lines, marks)
        seen["x"], seen["n"] = script.line_features(lines, marks, hand), len(lines)
        return hand

    with script.scoring(record):
        layout.analyse(seed_text)
    x = seen["x"]
    assert x.shape == (seen["n"], len(script.FEATURES))
    assert (x[:, 0] == 1).all() and 0 < x[:, script.FEATURES.index("prose")].sum() < seen["n"]
    window = x[:, script.FEATURES.index("window_prose")]
    assert ((window >= 0) & (window <= 1)).all()


def test_bad_settings_are_refused(script: ModuleType) -> None:
    assert script._alphas("0.5,1") == [0.5, 1.0] and script._folds("10") == 10
    for parse, text in ((script._alphas, "0.5,x"), (script._alphas, "-1"), (script._folds, "1"), (script._folds, "x")):
        with pytest.raises(argparse.ArgumentTypeError):
            parse(text)


def test_neighbour_and_window_columns(seed_text: str, script: ModuleType) -> None:
    rows, _, _ = script.dump_rows(seed_text, REFERENCE)
    column = script.COLUMN
    assert (rows[1:, column["prev_prose"]] == rows[:-1, column["prose"]]).all()
    assert (rows[:-1, column["next_hand"]] == rows[1:, column["hand"]]).all()
    middle = rows[3:-3, column["window_short"]]
    assert np.allclose(middle, np.convolve(rows[:, column["short"]], np.ones(7) / 7, mode="valid"))
