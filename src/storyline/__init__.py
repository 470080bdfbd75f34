"""storyline: raw news articles in; a deduplicated, sourced record of events out."""

from __future__ import annotations

__version__ = "0.1.0"

from storyline.errors import InputError, StorylineError, UsageError
from storyline.models import (
    Actor,
    Article,
    Attribution,
    Count,
    Document,
    DuplicateMatch,
    Event,
    Evidence,
    Location,
    RemovedText,
)

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "Count",
    "Document",
    "DuplicateMatch",
    "Event",
    "Evidence",
    "InputError",
    "Location",
    "RemovedText",
    "StorylineError",
    "UsageError",
    "__version__",
]
