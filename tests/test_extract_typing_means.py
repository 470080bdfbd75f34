"""Typing by the means of an attack and the doer's number (session 11): weapons raining down, tolls told as lives
claimed, a bomber who is a person, aerial bombs in a barrage, a weapon used against someone, weather that kills,
sides firing on each other, one attacker or a crowd; session 14: a roadside device, deaths where a crowd was broken up
(self-written sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type as _sub_type


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the head verb of "killing" is itself the attack: no weather voids the killing
        ("Bullets rained on the convoy as it crossed the bridge, killing two drivers.", "Attack"),
        # a toll told as lives claimed or taken
        ("A landmine hidden in the grass claimed the life of a shepherd boy.", "Remote explosive/landmine/IED"),
        # a singular bomber who sets off his own device is a person, not a plane
        ("A bomber on a motorbike detonated his device beside a police patrol in the market.", "Suicide bomb"),
        # a plane: plural, or with a model name
        ("A Tu-95 bomber launched cruise missiles at the port city overnight.", "Air/drone strike"),
        # an adjective of the weapon noun in the trigger's phrase says how it was done
        ("Aerial bombs hit a school in the district, killing four pupils.", "Air/drone strike"),
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


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a home blown up is destroyed property, not a suicide bombing; disasters, suicides and storms are no attacks
        ("Troops blew up her house in the village, residents said.", "Looting/property destruction"),
        ("Floods have claimed the lives of 40 people in the state.", None),
        ("A soldier took his own life at the base on Monday.", None),
        ("A heavy downpour and strong winds lashed the city, killing two people.", None),
        # fighters flying in on paragliders attack on the ground; bombs dropped from one are an air strike
        ("Fighters crossed the border on paragliders and attacked a music festival.", "Attack"),
    ],
)
def test_guards(text: str, want: str | None) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        # a weapon in a phrase dating the act by another one ('days after the missile attack') is the other's
        "Police stormed a church in Goma, hours after a grenade attack on a bar.",
        "Troops stormed a school in Khan Younis, days after Iran's missile attack on Israel.",
    ],
)
def test_weapon_of_an_earlier_attack(text: str) -> None:
    events = extract_events(text)
    assert events and events[0].mode is None and events[0].acled_sub_event_type == "Attack", [
        e.to_dict() for e in events
    ]


_IED = "Remote explosive/landmine/IED"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a device or charge by the roadside is a planted explosive, whatever verb tells its blast
        ("A roadside device struck an army truck near the town, killing three soldiers.", _IED),
        ("A roadside charge hit a police pickup on the highway, wounding two officers.", _IED),
        # a state's strike with no weapon named stays an air strike
        ("The army struck rebel positions in the hills on Sunday.", "Air/drone strike"),
        ("An Israeli strike on the town killed four people.", "Air/drone strike"),
    ],
)
def test_a_roadside_device_is_a_planted_explosive(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # tear gas, water cannon or rubber bullets break up a crowd: killing or live fire there is excessive force
        (
            "Police fired tear gas and live bullets at opposition supporters in the capital, killing two.",
            "Excessive force against protesters",
        ),
        (
            "Security forces fired tear gas at students outside the university; one student was shot dead.",
            "Excessive force against protesters",
        ),
        # no one killed: an intervention; a baton is used on one person too; a crowd that threw stones riots
        ("Police used tear gas to disperse the crowd; nobody was hurt.", "Protest with intervention"),
        ("Police beat a suspect with batons at the station, killing him.", "Attack"),
        (
            "Youths threw stones at soldiers who entered the village; soldiers responded with live fire and tear gas, "
            "injuring three.",
            "Violent demonstration",
        ),
    ],
)
def test_deaths_where_a_crowd_was_broken_up(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]
