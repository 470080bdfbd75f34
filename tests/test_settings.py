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
