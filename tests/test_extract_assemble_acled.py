"""ACLED's actor roles in assembly: a civilian who attacks is an armed actor; a demonstrator who riots is a rioter."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("On 9 May 2024, a man threw a grenade into a crowded market in Lahore, wounding six people.", "Pakistan"),
        ("On 9 May 2024, men in plain clothes abducted a lawyer from his office in Lahore.", "Pakistan"),
    ],
)
def test_a_civilian_attacker_is_an_unidentified_armed_group(text: str, country: str) -> None:
    kinds = ("Explosions/Remote violence", "Violence against civilians")
    event = next(e for e in extract_events(text) if e.acled_event_type in kinds)
    assert event.actor1 is not None and (event.actor1.sector, event.actor1.country) == ("UAF", "PAK")
    assert event.actor1.name == f"Unidentified Armed Group ({country})"


def test_civilians_who_protest_stay_civilians() -> None:
    events = extract_events("On 3 March 2024, residents of Lahore marched peacefully to demand clean water.")
    assert all(e.actor1 is None or e.actor1.sector != "UAF" for e in events)


def test_a_crowd_of_people_who_attack_is_no_armed_group_but_unknown_people_are() -> None:
    crowd = extract_events("Hundreds of people attacked a police station in Dhaka on Monday.")[0]
    assert crowd.actor1 is not None and crowd.actor1.sector == "CVL"
    band = extract_events("Unknown people shot dead a teacher in Kandahar on Monday.")[0]
    assert band.actor1 is not None and band.actor1.sector == "UAF"
    dated = extract_events("On 14 April, two people on a motorbike shot a shopkeeper in Quetta.")[0]
    assert dated.actor1 is not None and dated.actor1.sector == "UAF"  # the day's number is no size of the band


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("The government accused insurgents of attacking a police post near Mopti on Friday.", "insurgents"),
        ("Farmers accused herdsmen of attacking their village in Plateau state.", None),
        ("Traders accused the governor of forgetting the market after herdsmen burned it in Taraba.", None),
    ],
)
def test_an_accused_act_is_done_by_the_accused_not_the_accuser(text: str, doer: str | None) -> None:
    act = extract_events(text)[0]
    assert act.type == "ASSAULT" and (act.actor1.text if act.actor1 is not None else None) == doer


def test_an_accused_act_is_the_first_event_and_the_accusation_has_no_acled_type() -> None:
    events = extract_events("The UN accused RSF fighters of killing 40 villagers in Al Jazirah on 3 June 2024.")
    assert (events[0].type, events[0].acled_sub_event_type) == ("ASSAULT", "Attack")
    assert all(e.acled_event_type is None for e in events if e.type == "ACCUSE")
    burned = extract_events("Residents accused soldiers of burning their homes in the village of Ntoko.")
    assert [e.acled_sub_event_type for e in burned if e.acled_event_type] == ["Looting/property destruction"]
    assert burned[0].type == "ASSAULT"
    planned = extract_events("Russia accused Ukraine of planning an attack on the nuclear plant.")
    assert all(e.acled_event_type is None for e in planned if e.type == "ACCUSE")


@pytest.mark.parametrize(
    "text",
    [
        "The UN condemned the attack on an aid convoy in Darfur that killed three drivers.",
        "The president denounced the killing of five farmers in Benue.",
        "Hundreds of Hindu activists gathered to condemn the attack.",
    ],
)
def test_a_condemnation_is_no_acled_event(text: str) -> None:
    events = extract_events(text)
    assert any(e.type == "ACCUSE" for e in events)
    assert all(e.acled_event_type is None for e in events if e.type == "ACCUSE")


def test_an_accusation_takes_no_acled_type_from_an_act_in_a_clause_joined_to_it() -> None:
    text = "Residents accused soldiers of beating a man, and separately, gunmen shot dead two farmers near Gao."
    events = extract_events(text)
    assert any(e.acled_sub_event_type == "Attack" for e in events if e.type == "ASSAULT")
    assert all(e.acled_event_type is None for e in events if e.type == "ACCUSE")


@pytest.mark.parametrize(
    "text",
    [
        "On 4 May 2024, striking miners blocked a highway near Potosi with burning tyres and threw stones at police.",
        "On 4 May 2024, opposition supporters set fire to a police station in Kisumu and threw stones at officers.",
    ],
)
def test_the_crowd_of_a_violent_demonstration_are_rioters(text: str) -> None:
    riots = [e for e in extract_events(text) if e.acled_sub_event_type == "Violent demonstration"]
    assert riots and all(e.actor1 is not None and e.actor1.sector == "RIO" for e in riots)


@pytest.mark.parametrize(
    "text",
    [
        "Market traders in Kumasi chased a suspected thief and beat him to death on Tuesday.",
        "A mob of youths beat two suspected kidnappers to death near Jos on Friday.",
    ],
)
def test_a_crowd_in_mob_violence_are_rioters(text: str) -> None:
    event = next(e for e in extract_events(text) if e.acled_sub_event_type == "Mob violence")
    assert event.actor1 is not None and event.actor1.sector == "RIO", event.actor1
    assert event.actor1.name is not None and event.actor1.name.startswith("Rioters")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Two people were hurt when a grenade went off at a taxi rank in Mombasa on Friday night.",
            "Unidentified Armed Group (Kenya)",
        ),
        (
            "Two blasts hit a market in Goma on 4 May 2025, killing six; police said hand grenades caused them.",
            "Unidentified Armed Group (Democratic Republic of the Congo)",
        ),
    ],
)
def test_a_grenade_with_no_named_thrower_implies_an_armed_group_of_the_place(text: str, name: str) -> None:
    first = extract_events(text)[0]
    assert first.acled_sub_event_type == "Grenade"
    assert first.actor1 is not None and (first.actor1.name, first.actor1.sector) == (name, "UAF"), first.actor1
