"""ACLED's actor1 for an ACLED-typed event (extract.acled.acled_actors): the crowd of a protest or riot named as
ACLED names it, an attack with no named attacker is by an unidentified armed group of the place's country."""

from __future__ import annotations

from storyline.extract.acled import acled_actors
from storyline.models import Actor, Event, Evidence, Location

_POLICE = Actor("police", "Police Forces of Kenya", "KEN", "COP")
_NAIROBI = Location("Nairobi", "Nairobi", country="KEN", precision="place")


def _event(acled_type: str, actor1: Actor | None, actor2: Actor | None, place: Location | None = _NAIROBI) -> Event:
    """An ACLED-typed event with the given actors and place."""
    return Event(
        "PROTEST", Evidence("", 0, 0), acled_event_type=acled_type, actor1=actor1, actor2=actor2, location=place
    )


def test_students_protesting_are_protesters_of_the_place() -> None:
    event = _event("Protests", Actor("students", "students", None, "CVL"), _POLICE)
    acled_actors(event)
    assert event.actor1 is not None and (event.actor1.name, event.actor1.sector) == ("Protesters (Kenya)", "PRO")
    assert event.actor1.text == "students" and event.actor2 == _POLICE


def test_protesters_take_the_country_of_the_place() -> None:
    event = _event("Protests", Actor("Palestinian teachers", "Civilians (Palestine)", "PSE", "CVL"), None)
    acled_actors(event)
    assert event.actor1 is not None
    assert (event.actor1.country, event.actor1.sector) == ("KEN", "PRO")


def test_crowd_of_a_riot_are_rioters() -> None:
    event = _event("Riots", Actor("demonstrators", "Protesters (Kenya)", "KEN", "PRO"), _POLICE)
    acled_actors(event)
    assert event.actor1 is not None and (event.actor1.name, event.actor1.sector) == ("Rioters (Kenya)", "RIO")
    assert event.actor2 == _POLICE


def test_police_alone_stay_actor1_of_a_protest() -> None:
    event = _event("Protests", _POLICE, None)
    acled_actors(event)
    assert event.actor1 == _POLICE


def test_attack_without_an_attacker_is_an_unidentified_armed_group_of_the_place() -> None:
    event = _event("Explosions/Remote violence", None, None)
    acled_actors(event)
    assert event.actor1 is not None
    assert (event.actor1.name, event.actor1.country, event.actor1.sector) == (
        "Unidentified Armed Group (Kenya)",
        "KEN",
        "UAF",
    )
    unplaced = _event("Violence against civilians", None, None, place=None)
    acled_actors(unplaced)
    assert unplaced.actor1 is not None and (unplaced.actor1.country, unplaced.actor1.sector) == (None, "UAF")


def test_named_attackers_and_other_types_are_left_alone() -> None:
    army = Actor("the army", "Military Forces of Kenya", "KEN", "MIL")
    for acled_type, actor1 in (
        ("Battles", None),
        ("Explosions/Remote violence", army),
        ("Strategic developments", None),
    ):
        event = _event(acled_type, actor1, None)
        acled_actors(event)
        assert event.actor1 == actor1, acled_type
