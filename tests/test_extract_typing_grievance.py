"""Crowds, thefts and signed frameworks: protesters killed where a crowd is told were killed by the force that broke
it up (not a mob); an angry crowd burning a police post is a violent demonstration, but anger told beside a killing
of police or soldiers, or one angry man's attack, is none; a theft of goods or herds by armed men is looting, but
not 'stole the show' nor a thief's or burglar's theft; a signed framework or roadmap is an agreement; irritant and
CS gas and chemical-laced or chemical-filled munitions are chemical weapons."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type


@pytest.mark.parametrize(
    "text",
    [
        "Three protesters died in Mombasa on Tuesday after officers fired live rounds into the crowd.",
        "Two demonstrators were killed when security forces fired live bullets at a march in Conakry.",
    ],
)
def test_protesters_killed_where_a_crowd_was_fired_on_are_excessive_force(text: str) -> None:
    assert acled_sub_type(text) == "Excessive force against protesters"


@pytest.mark.parametrize(
    "text",
    [
        "Angry residents set fire to a police post in Kisii after a boy was run over by a patrol car.",
    ],
)
def test_an_angry_crowd_burning_a_police_post_is_a_violent_demonstration(text: str) -> None:
    assert acled_sub_type(text) == "Violent demonstration"


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        (
            "Four policemen were gunned down in Kaduna on Sunday, a killing that outraged their colleagues.",
            "Armed clash",
        ),
        ("A sniper killed three soldiers at a checkpoint near Kirkuk, enraging their comrades.", "Armed clash"),
        ("A furious man attacked a gendarme with a knife outside a barracks in Lyon on Sunday.", "Attack"),
    ],
)
def test_anger_beside_a_killing_of_the_forces_or_one_angry_attacker_is_no_demonstration(
    text: str, sub_type: str
) -> None:
    assert acled_sub_type(text) == sub_type


@pytest.mark.parametrize(
    "text",
    [
        "Armed men stole about 300 goats from herders near Moroto on Sunday.",
        "Militiamen stole food aid from a warehouse in Bunia.",
    ],
)
def test_a_theft_of_goods_or_herds_is_looting(text: str) -> None:
    assert acled_sub_type(text) == "Looting/property destruction"


@pytest.mark.parametrize(
    "text",
    ["The young striker stole the show in the derby on Saturday.", "He says the ruling party stole the election."],
)
def test_stealing_a_show_or_an_election_is_no_event(text: str) -> None:
    assert not [e for e in extract_events(text) if e.acled_sub_event_type == "Looting/property destruction"]


@pytest.mark.parametrize(
    "text",
    [
        "A teenager stole a motorbike from outside a shop in Bristol and sped away.",
        "Burglars stole jewellery and cash from a house in a suburb of Durban on Tuesday.",
    ],
)
def test_a_thief_stealing_goods_is_no_event(text: str) -> None:
    assert extract_events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Cattle rustlers stole more than 200 cows from herders in Jonglei state on Friday.",
        "Unknown people stole sacks of food aid from a warehouse in Kutupalong camp overnight.",
    ],
)
def test_a_theft_of_herds_or_aid_by_any_doer_is_looting(text: str) -> None:
    assert acled_sub_type(text) == "Looting/property destruction"


@pytest.mark.parametrize(
    "text",
    [
        "The two factions signed a framework on sharing power at talks in Doha on Monday.",
        "Both parties signed a roadmap to end the fighting in Nairobi.",
    ],
)
def test_a_signed_framework_or_roadmap_is_an_agreement(text: str) -> None:
    assert acled_sub_type(text) == "Agreement"


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers near Avdiivka were hit with grenades filled with CS gas dropped from drones.",
        "Drones dropped chemical-laced grenades on trenches near Bakhmut, the defence ministry said.",
        "Helicopters dropped chemical-filled barrels on the rebel-held villages near Hama, witnesses said.",
        "Artillery fired chemical-filled shells at government positions outside Aleppo.",
    ],
)
def test_irritant_gas_and_chemical_laced_or_filled_munitions_are_chemical_weapons(text: str) -> None:
    assert acled_sub_type(text) == "Chemical weapon"


@pytest.mark.parametrize(
    "text",
    [
        "Troops entered Tekoa on Monday and clashes followed; young men threw rocks.",
        "After soldiers set up a checkpoint at the village entrance, teenagers hurled stones and petrol bombs.",
    ],
)
def test_stones_thrown_with_no_target_named_where_the_forces_are_told_are_a_violent_demonstration(text: str) -> None:
    assert acled_sub_type(text) == "Violent demonstration"


def test_stones_thrown_at_a_bus_with_no_forces_told_are_no_demonstration() -> None:
    assert (
        acled_sub_type("Villagers threw stones at a bus carrying football fans, police said.")
        != "Violent demonstration"
    )
