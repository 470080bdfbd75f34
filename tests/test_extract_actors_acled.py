"""ACLED's actor1 in the ACLED export and view (extract.acled.acled_actor1, acled_actor): the crowd of a protest
or riot, and the protesters of one the police break up, named as ACLED names them; an attack with no named attacker
is by an unidentified armed group of the place's country; an armed actor of no country is of the event's country.
The Event JSON itself keeps the actors the text names."""

from __future__ import annotations

from dataclasses import replace

from storyline.extract.acled import acled_actor, acled_actor1, acled_event
from storyline.extract.records import acled_row
from storyline.models import Actor, Event, Evidence, Location

_POLICE = Actor("police", "Police Forces of Kenya", "KEN", "COP")
_NAIROBI = Location("Nairobi", "Nairobi", country="KEN", precision="place")


def _event(acled_type: str, actor1: Actor | None, place: Location | None = _NAIROBI) -> dict[str, object]:
    """The Event JSON of an ACLED-typed event with the given actor1 and place."""
    event = Event("PROTEST", Evidence("", 0, 0), acled_event_type=acled_type, actor1=actor1, location=place)
    return event.to_dict()


def test_students_protesting_are_protesters_of_the_place() -> None:
    assert acled_actor1(_event("Protests", Actor("students", "students", None, "CVL"))) == "Protesters (Kenya)"


def test_protesters_take_the_country_of_the_place() -> None:
    teachers = Actor("Palestinian teachers", "Civilians (Palestine)", "PSE", "CVL")
    assert acled_actor1(_event("Protests", teachers)) == "Protesters (Kenya)"
    assert acled_actor1(_event("Protests", teachers, place=None)) == "Protesters (Palestine)"


def test_crowd_of_a_riot_are_rioters() -> None:
    assert (
        acled_actor1(_event("Riots", Actor("demonstrators", "Protesters (Kenya)", "KEN", "PRO"))) == "Rioters (Kenya)"
    )


def test_police_alone_stay_actor1_of_a_protest() -> None:
    assert acled_actor1(_event("Protests", _POLICE)) == "Police Forces of Kenya"


def test_attack_without_an_attacker_is_an_unidentified_armed_group_of_the_place() -> None:
    assert acled_actor1(_event("Explosions/Remote violence", None)) == "Unidentified Armed Group (Kenya)"
    assert acled_actor1(_event("Violence against civilians", None, place=None)) == "Unidentified Armed Group"


def test_named_attackers_and_other_types_are_left_alone() -> None:
    army = Actor("the army", "Military Forces of Kenya", "KEN", "MIL")
    assert acled_actor1(_event("Battles", None)) is None
    assert acled_actor1(_event("Explosions/Remote violence", army)) == "Military Forces of Kenya"
    assert acled_actor1(_event("Strategic developments", None)) is None


def test_the_acled_export_names_actor1_the_event_json_does_not_invent_one() -> None:
    event = _event("Explosions/Remote violence", None)
    assert event["actor1"] is None
    assert acled_row(event)["actor1"] == "Unidentified Armed Group (Kenya)"


def _typed(sub_type: str, actor1: Actor | None, actor2: Actor | None = None) -> dict[str, object]:
    """The Event JSON of a protest of an ACLED sub-type with the given actors, in Nairobi."""
    event = Event(
        "PROTEST", Evidence("", 0, 0), acled_event_type="Protests", acled_sub_event_type=sub_type, location=_NAIROBI
    )
    event.actor1, event.actor2 = actor1, actor2
    return event.to_dict()


def test_police_breaking_up_a_protest_make_the_protesters_actor1() -> None:
    crowd = Actor("63 people", "Civilians (Kenya)", "KEN", "CVL")
    assert acled_actor1(_typed("Protest with intervention", _POLICE, crowd)) == "Protesters (Kenya)"
    assert acled_actor1(_typed("Excessive force against protesters", _POLICE)) == "Protesters (Kenya)"
    assert acled_actor1(_typed("Peaceful protest", _POLICE)) == "Police Forces of Kenya"


def test_armed_actor_of_no_country_takes_the_event_country() -> None:
    group = Actor("Islamic State militants", "Islamic State", None, "REB")
    assert acled_actor(Event("ASSAULT", Evidence("", 0, 0), actor1=group, location=_NAIROBI)) == Actor(
        "Islamic State militants", "Islamic State", "KEN", "REB"
    )
    regime = Actor("regime forces", "regime forces", None, "MIL")
    placed = acled_actor(Event("ASSAULT", Evidence("", 0, 0), actor1=regime, location=_NAIROBI))
    assert placed is not None and (placed.name, placed.country) == ("Military Forces of Kenya", "KEN")
    unknown = Actor("the Red Cross", "ICRC", None, "IGO")
    assert acled_actor(Event("HELP", Evidence("", 0, 0), actor1=unknown, location=_NAIROBI)) == unknown


def test_the_acled_view_carries_acled_actor1_the_event_keeps_its_own() -> None:
    event = Event("ASSAULT", Evidence("", 0, 0), acled_event_type="Violence against civilians", location=_NAIROBI)
    view = acled_event([event])
    assert view is not None and view.actor1 is not None and view.actor1.sector == "UAF"
    assert event.actor1 is None


def test_an_agentless_attack_takes_the_attacker_told_before_it() -> None:
    settlers = Actor("Israeli settlers", "Settlers (Israel)", "ISR", "UAF")
    arson = Event("ASSAULT", Evidence("", 0, 40), acled_event_type="Violence against civilians", actor1=settlers)
    attack = Event("ASSAULT", Evidence("", 41, 90), acled_event_type="Violence against civilians", location=_NAIROBI)
    view = acled_event([attack, arson])
    assert view is not None and view.actor1 == settlers
    assert attack.actor1 is None
    earlier = replace(arson, evidence=Evidence("", 100, 120))
    view = acled_event([attack, earlier])
    assert view is not None and view.actor1 is not None and view.actor1.sector == "UAF"
    assert view.actor1.name == "Unidentified Armed Group (Kenya)"


def test_an_agentless_clash_later_in_the_same_sentence_takes_the_earlier_agent() -> None:
    police = Actor("police", "Police Forces of Kenya", "KEN", "COP")
    sentence = Evidence("", 0, 90)
    arrest = Event("COERCE", sentence, acled_event_type="Strategic developments", actor1=police)
    arrest.trigger = Evidence("arrested", 7, 15)
    clash = Event("ASSAULT", sentence, acled_event_type="Battles", location=_NAIROBI)
    clash.trigger = Evidence("exchange", 70, 78)
    view = acled_event([clash, arrest])
    assert view is not None and view.actor1 == police
