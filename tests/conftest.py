"""Shared fixtures: the dev data folder (tests skip when it is absent) and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "samples" / "gaza-2023" / "reuters-2023-10-09-qatar-talks.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The dev data (``STORYLINE_DATA`` or ``../shared/data``); the test is skipped when it is not there."""
    from storyline.errors import UsageError
    from storyline.eval.data import shared_data_dir

    try:
        return shared_data_dir()
    except UsageError:
        pytest.skip("dev data not found (set STORYLINE_DATA or put shared/data beside the repository)")


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article exactly as the scraper saved it."""
    return SEED.read_text(encoding="utf-8")


def _hypothesis_profiles() -> None:
    """CI runs Hypothesis derandomised so a landing never depends on luck; locally it explores freely."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    settings.register_profile("dev", deadline=None)
    settings.load_profile("ci" if os.environ.get("CI") else "dev")


_hypothesis_profiles()


def figure_at(figures: dict[str, object], dotted: str) -> object:
    """The value at a dotted path ("body.html.shingle.f1") in an eval's nested figures."""
    value: object = figures
    for key in dotted.split("."):
        value = value[key]  # type: ignore[index]
    return value
