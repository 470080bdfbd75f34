"""Helpers shared by the places tests."""

from __future__ import annotations

from typing import Any

from storyline.extract.places import event_location
from storyline.models import Location


def event_place(nlp: Any, text: str, trigger: str) -> Location | None:
    """The event place of ``text`` with the first token reading ``trigger`` as the trigger, in its sentence."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return event_location(token.sent, token)
