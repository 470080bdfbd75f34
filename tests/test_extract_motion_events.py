"""Armed forces moving into a place are a troop movement (PLOVER MOBILIZE, mode troops) that takes the place they
enter, reach or advance on; movers that are not armed, and laws entering into force, are no event; an event noun
that "occurred" or "took place" somewhere is that event, in that place; gunfire told as "firing" and rockets that
"slammed into" a place are attacks there. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Government troops entered Kuri on Tuesday.", "Kuri"),
        ("At least 300 rebel fighters have entered the town of Bunia from the north.", "Bunia"),
        ("The army's 3rd Brigade advanced on Homs overnight.", "Homs"),
        ("A battalion of peacekeepers arrived in Bangui on Monday.", "Bangui"),
        ("Ethiopian tanks rolled into Mekele at dawn.", "Mekele"),
        ("Foreign troops marched into Dili in 1999.", "Dili"),
        ("The rebel army marched on Kigali.", "Kigali"),
        ("The squadron was redeployed to Kandahar in 2009.", "Kandahar"),
    ],
)
def test_armed_movers_entering_a_place_are_a_troop_movement_there(text: str, place: str) -> None:
    events = extract_events(text)
    assert [(e.type, e.mode) for e in events] == [("MOBILIZE", "troops")]
    location = events[0].location
    assert location is not None and text[location.start : location.end] == place


@pytest.mark.parametrize(
    "text",
    [
        "Shoppers entered the mall in Nairobi on Saturday.",
        "The delegation arrived in Moscow on Monday.",
        "The treaty entered into force in 2015.",
        "The new ban on imports enters into force next month.",
        "The company entered the Indian market last year.",
        "The storm advanced toward the coast of Florida.",
        "The convoy of refugees arrived in Goma.",
        "The team headed to Madrid for the final.",
        "General Musa headed the army until 2015.",
    ],
)
def test_movers_that_are_not_armed_are_no_event(text: str) -> None:
    assert extract_events(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        ("The attack occurred near Kandahar on Monday.", "ASSAULT", "Kandahar"),
        ("The explosion took place in Mosul.", "ASSAULT", "Mosul"),
        ("The killings happened in the village of Nyala.", "ASSAULT", "Nyala"),
        ("The rally took place in Lagos.", "PROTEST", "Lagos"),
    ],
)
def test_an_event_that_occurred_somewhere_is_that_event_there(text: str, kind: str, place: str) -> None:
    events = extract_events(text)
    assert [e.type for e in events] == [kind]
    location = events[0].location
    assert location is not None and text[location.start : location.end] == place


def test_an_attack_after_entering_stays_the_first_event() -> None:
    events = extract_events("Gunmen entered the mosque in Kano and opened fire on worshippers.")
    assert [e.type for e in events] == ["ASSAULT", "MOBILIZE"]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters marched into the main square of Santiago on Sunday.",
        "Thousands of protesters marched towards parliament in Accra on Monday.",
        "Students marched on Saturday in Dhaka.",
    ],
)
def test_protesters_marching_somewhere_still_protest(text: str) -> None:
    assert [(e.type, e.mode) for e in extract_events(text)] == [("PROTEST", "demo")]


def test_forces_that_proceed_to_shell_a_town_shell_it() -> None:
    assert [e.type for e in extract_events("The army proceeded to shell the town of Kadugli.")] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen on motorcycles resorted to indiscriminate firing at a market in Quetta.", "Quetta"),
        ("Two rockets slammed into the Karrada district of Baghdad.", "Karrada"),
    ],
)
def test_firing_and_rockets_slamming_into_a_place_are_attacks_there(text: str, place: str) -> None:
    events = extract_events(text)
    assert [e.type for e in events] == ["ASSAULT"]
    location = events[0].location
    assert location is not None and text[location.start : location.end] == place


@pytest.mark.parametrize(
    "text",
    ["The club announced the firing of its manager on Monday.", "The car slammed into a wall in Houston."],
)
def test_a_dismissal_or_a_car_crash_is_no_attack(text: str) -> None:
    assert extract_events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Government troops managed to enter Palmyra on Sunday.",
        "Rebel fighters shelled the outskirts before entering Idlib on Monday.",
    ],
)
def test_a_motion_verb_under_another_verb_shares_its_armed_subject(text: str) -> None:
    """ "managed to enter", "before entering": the armed subject of the governing verb is the mover's."""
    assert "MOBILIZE" in [e.type for e in extract_events(text)]
