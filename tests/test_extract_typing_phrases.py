"""Typing by a phrase's parts where the parser scatters them, and by who takes people away (session 11): a vehicle
driven into a target with its cargo between, detentions by the police, grievances that describe a crowd (self-written
sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type as _sub_type


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a split phrase's preposition hung on a participle of the object: the vehicle driven into the target
        (
            "A jihadist drove a minibus packed with explosives into the entrance of a military base.",
            "Suicide bomb",
        ),
        # "use ... against" with the preposition hung inside a participle describing the weapon
        ("The militia used rockets fitted with chlorine canisters against the rebel-held suburb.", "Chemical weapon"),
        # people taken away by the police are detained; by gunmen, abducted
        ("Dozens of mourners gathered at the grave were taken away by riot police, a rights group said.", "Arrests"),
        ("Gunmen took away two aid workers from their compound on Tuesday.", "Abduction/forced disappearance"),
        # a grievance describing the crowd is no event of its own: the crowd's arson is
        (
            "Hundreds of farmers angered by the police beating of a herder burned the district office.",
            "Violent demonstration",
        ),
    ],
)
def test_phrases_and_takers(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


def test_a_car_driven_into_a_ditch_is_no_attack() -> None:
    assert _sub_type("A farmer drove his tractor into a ditch near the village.") is None


@pytest.mark.parametrize(
    "text",
    [
        "The convoy came under heavy fire near the border.",
        "A patrol came under intense fire as it left the base.",
        "Soldiers at the checkpoint came under Israeli fire on Monday.",
        "Our unit came under enemy fire outside the village.",
    ],
)
def test_come_under_fire_with_a_modifier_of_fire_is_an_attack(text: str) -> None:
    types = [e.type for e in extract_events(text)]
    assert "ASSAULT" in types or "FIGHT" in types, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The minister came under heavy fire over the budget.",
        "The referee came under fierce fire from fans after the match.",
    ],
)
def test_come_under_heavy_fire_for_people_criticised_is_no_attack(text: str) -> None:
    assert extract_events(text) == []
