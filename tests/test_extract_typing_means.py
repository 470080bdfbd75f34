"""Typing by the means of an attack and the doer's number (session 11): weapons raining down, tolls told as lives
claimed, a bomber who is a person, aerial bombs in a barrage, a weapon used against someone, weather that kills,
sides firing on each other, one attacker or a crowd (self-written sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type as _sub_type


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the head verb of "killing" is itself the attack: no weather voids the killing
        (
            "Mortar fire rained down on the crowded bus station, killing nine travellers.",
            "Shelling/artillery/missile attack",
        ),
        # a toll told as lives claimed or taken
        (
            "A landmine buried beside the track claimed the lives of two herders near Kismayo.",
            "Remote explosive/landmine/IED",
        ),
        # a singular bomber who sets off his own vehicle is a person, not a plane
        (
            "The insurgent bomber detonated his explosives-packed truck at the gate of the police compound.",
            "Suicide bomb",
        ),
        # a plane: plural, or with a model name
        ("A Tu-95 bomber launched cruise missiles at the port city overnight.", "Air/drone strike"),
        # an adjective of the weapon noun in the trigger's phrase says how it was done
        ("A barrage of aerial bombs struck the displacement camp on Friday.", "Air/drone strike"),
        ("An aerial bombardment of the market left eleven dead.", "Air/drone strike"),
        # a weapon used against someone
        ("Militia forces used sarin against villagers in the north, a rights group said.", "Chemical weapon"),
    ],
)
def test_means_of_attack(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Torrential rain battered the valley on Sunday, killing six villagers.",
        "A powerful storm swept through the delta overnight, killing eleven fishermen.",
    ],
)
def test_weather_that_kills_is_no_attack(text: str) -> None:
    assert _sub_type(text) is None, [e.to_dict() for e in extract_events(text)]
