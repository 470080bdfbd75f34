"""The choice among a sentence's places (``places.event_location``): a town's name qualifying the noun that is
the trigger's locative setting says where that setting lies; a country's so written says whose the thing is.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from places_helpers import event_place
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("A trader was shot dead at a Mogadishu street corner near Bakara Market.", "shot", "Mogadishu"),
        ("Gunmen shot a police officer at a Karachi intersection near Lyari.", "shot", "Karachi"),
    ],
)
def test_a_town_qualifying_the_setting_noun_is_a_setting(nlp: Any, text: str, trigger: str, place: str) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and found.text == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Gunmen fired on a US convoy, the ministry said.", "fired"),
        ("A bomb exploded near a US convoy on Monday.", "exploded"),
    ],
)
def test_a_country_qualifying_the_setting_noun_is_its_owner(nlp: Any, text: str, trigger: str) -> None:
    assert event_place(nlp, text, trigger) is None
