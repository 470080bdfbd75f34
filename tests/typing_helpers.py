"""Helpers shared by the typing tests."""

from __future__ import annotations

from storyline.extract import extract_events
from storyline.extract.acled import acled_event


def acled_sub_type(text: str) -> str | None:
    """The ACLED sub-type of a text's ACLED view."""
    event = acled_event(extract_events(text))
    return None if event is None else event.acled_sub_event_type
