"""Fire answered with fire, and stones thrown at forces that answered with the means of breaking up a crowd: an
attack the armed side shot back at is an armed clash (ACLED: both sides fought), and people who threw stones or
firebombs while the forces used tear gas or rubber bullets on them rioted (a violent demonstration), whatever they
threw them at."""

from __future__ import annotations

import pytest

from typing_helpers import acled_sub_type


@pytest.mark.parametrize(
    "text",
    [
        "Young men threw rocks at a police station in Bamako on Friday; officers responded with tear gas.",
        "Students pelted a checkpoint near Nablus with stones, and soldiers fired rubber-coated bullets at them.",
        "Dozens of youths hurled petrol bombs at passing army trucks in Derry as police used water cannon.",
        "Stone-throwers clashed with riot police in the centre of Santiago on Sunday.",
    ],
)
def test_stones_thrown_where_crowd_control_means_were_used_are_a_violent_demonstration(text: str) -> None:
    assert acled_sub_type(text) == "Violent demonstration"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire on a police patrol in Zamfara on Monday, and the officers fired back.",
        "Militiamen attacked an army post in Ituri overnight and the soldiers shot back, killing two of them.",
        "Suspected bandits shot at soldiers at a checkpoint near Gusau; the troops returned fire.",
    ],
)
def test_fire_answered_by_an_armed_side_is_an_armed_clash(text: str) -> None:
    assert acled_sub_type(text) == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab fighters ambushed Somali troops with mortars and machine guns near Jowhar on Tuesday.",
        "Rebels engaged government soldiers with mortars and rifles outside Butembo on Saturday.",
    ],
)
def test_an_ambush_or_engagement_between_armed_sides_is_an_armed_clash_whatever_the_weapon(text: str) -> None:
    assert acled_sub_type(text) == "Armed clash"


@pytest.mark.parametrize(
    "text",
    [
        "A group of settlers hurled rocks at a shepherd's tent outside Susya on Friday, injuring a child.",
        "Police fired tear gas and live rounds at stone-throwing protesters in Kisumu, killing one.",
        "A gunman shot dead a shopkeeper in Kano and fled before police arrived.",
    ],
)
def test_no_dispersal_or_no_answering_fire_keeps_the_sub_type(text: str) -> None:
    assert acled_sub_type(text) not in ("Violent demonstration", "Armed clash")


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers clashed with armed villagers in Zamfara on Monday.",
        "Rival armed factions fought with machine guns in Juba on Friday.",
    ],
)
def test_armed_sides_told_fighting_are_an_armed_clash(text: str) -> None:
    assert acled_sub_type(text) == "Armed clash"


def test_an_armed_group_clashing_with_unarmed_residents_stays_an_attack() -> None:
    assert acled_sub_type("Gunmen clashed with residents of a village near Jos on Sunday.") == "Attack"


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents shot dead seven farmers fleeing the fighting around Palma.",
        "Jihadists killed 20 herders in Tillaberi during the group's long battle for the region.",
        "Bandits shot dead nine villagers in Katsina after fighting broke out over grazing land.",
    ],
)
def test_a_fight_word_in_the_background_leaves_an_attack_on_civilians_an_attack(text: str) -> None:
    assert acled_sub_type(text) == "Attack"


@pytest.mark.parametrize(
    "text",
    [
        "The finance minister fired back at critics of the budget on Tuesday, calling their claims baseless.",
        "The opposition leader shot back at the president during a rally, accusing him of lying.",
    ],
)
def test_firing_back_at_critics_is_no_armed_clash(text: str) -> None:
    assert acled_sub_type(text) != "Armed clash"
