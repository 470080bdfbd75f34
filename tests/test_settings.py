"""Settings resolve override > environment > default, and reject bad values clearly."""

import pytest

from storyline import settings
from storyline.errors import UsageError


def test_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings.get("nlp_batch_size") == 64
    monkeypatch.setenv("STORYLINE_NLP_BATCH_SIZE", "8")
    assert settings.get("nlp_batch_size") == 8
    assert settings.get("nlp_batch_size", 3) == 3


def test_bad_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_NLP_BATCH_SIZE", "many")
    with pytest.raises(UsageError, match="STORYLINE_NLP_BATCH_SIZE"):
        settings.get("nlp_batch_size")
    with pytest.raises(UsageError, match="unknown setting"):
        settings.get("no_such_setting")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("nlp_batch_size", "0"),
        ("max_document_bytes", "-5"),
        ("fetch_timeout", "0"),
        ("dedup_threshold", "7"),
        ("dedup_permutations", "0"),
        ("workers", "0"),
    ],
)
def test_values_out_of_range_are_usage_errors(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(f"STORYLINE_{name.upper()}", value)
    with pytest.raises(UsageError, match=f"STORYLINE_{name.upper()}=.* is out of range: {name} must be"):
        settings.get(name)


def test_an_override_is_checked_too() -> None:
    with pytest.raises(UsageError, match="dedup_threshold"):
        settings.get("dedup_threshold", 1.5)
    assert settings.get("dedup_threshold", 1) == 1.0


def test_a_range_with_one_bound_names_it() -> None:
    capped = settings.Setting("x", 1, int, "A value with only an upper bound.", high=10)
    assert capped.check(5, "X") == 5
    with pytest.raises(UsageError, match="x must be at most 10"):
        capped.check(11, "X")
    floored = settings.Setting("y", 1, int, "A value with only a lower bound.", low=1)
    with pytest.raises(UsageError, match="y must be at least 1"):
        floored.check(0, "Y")
