"""Deaths in an accident told by a clause ("died when their bus overturned") are no attack; a clause naming a weapon
keeps the attack (self-written sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


@pytest.mark.parametrize(
    "text",
    [
        "Three passengers were killed when a bus overturned on the highway.",
        "Two miners died after a tunnel collapsed at a gold mine.",
        "Five people died when a building collapsed in the old town.",
        "Two men died when their truck crashed into a river.",
    ],
)
def test_deaths_in_an_accident_clause_are_no_event(text: str) -> None:
    assert extract_events(text) == [], [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers died when their vehicle hit a landmine.",
        "Four people were killed when gunmen opened fire on a bus.",
    ],
)
def test_deaths_in_a_clause_with_a_weapon_stay_an_attack(text: str) -> None:
    assert "ASSAULT" in [e.type for e in extract_events(text)]
