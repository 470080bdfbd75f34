"""People hurt "on both sides" of a fight are of each party the sentence names, and of no one place."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


def _victim_countries(text: str) -> set[str | None]:
    """The countries of the victims of a text's violent events."""
    return {e.actor2.country for e in extract_events(text) if e.type == "ASSAULT" and e.actor2 is not None}


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a "between" phrase on the killing's subject
        (
            "Clashes between Armenian and Azerbaijani troops overnight killed at least 15 soldiers on both sides.",
            {"ARM", "AZE"},
        ),
        # conjoined subjects of the verb the participle hangs on, a count of the people
        (
            "Over the past month, India and Pakistan have traded artillery fire across the frontier, killing dozens of "
            "people on both sides.",
            {"IND", "PAK"},
        ),
        # the same with uncounted people and "of the border"
        (
            "Russia and Ukraine exchanged drone strikes on Sunday, killing civilians on both sides of the border.",
            {"RUS", "UKR"},
        ),
    ],
)
def test_people_on_both_sides_are_of_each_named_party(text: str, countries: set[str]) -> None:
    assert _victim_countries(text) == countries


@pytest.mark.parametrize(
    "text",
    [
        "People from both sides are dying, the priest said in Kyiv.",  # not the place's people
        "The war has killed thousands of civilians on each side, a monitor in Khartoum said.",
    ],
)
def test_people_on_both_sides_of_unnamed_parties_take_no_one_country(text: str) -> None:
    assert _victim_countries(text) <= {None}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Clashes between rival militias in Beledweyne killed 14 people on both sides, elders said.", "SOM"),
        ("Fighting between the army and rebels in Ituri has killed hundreds on both sides.", "COD"),
    ],
)
def test_parties_of_one_country_leave_the_place_to_say(text: str, country: str) -> None:
    assert _victim_countries(text) == {country}


def test_a_place_of_one_side_still_places_its_victims() -> None:
    assert _victim_countries("Drone strikes killed four people in Kharkiv on both days.") == {"UKR"}


def test_the_other_side_counts_people_of_the_same_kind() -> None:
    text = "Border clashes between Kyrgyz and Tajik guards killed nine soldiers on both sides on Friday."
    victims = {(e.actor2.country, e.actor2.sector) for e in extract_events(text) if e.type == "ASSAULT" and e.actor2}
    assert victims == {("KGZ", "MIL"), ("TJK", "MIL")}


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # two doers, foes of each other, conjoined or given both as subjects: each hit the other's people
        (
            "The Hamas raid and the Israeli air campaign that followed have killed more than 5,000 people.",
            {"ISR", "PSE"},
        ),
        ("Hezbollah rocket fire and Israeli air raids have killed at least 40 people this month.", {"ISR", "LBN"}),
        # in either order: the first doer's foe is no third side
        ("Israeli air raids and Hezbollah rocket fire have killed at least 40 people this month.", {"ISR", "LBN"}),
    ],
)
def test_conjoined_doers_of_two_sides_hit_each_others_people(text: str, countries: set[str]) -> None:
    assert _victim_countries(text) == countries


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "Israeli air raids and Hezbollah rocket fire have killed at least 40 people.",
            {("Hezbollah", "ISR"), ("Military Forces of Israel", "LBN")},
        ),
        (
            "Hezbollah rocket fire and Israeli air raids have killed at least 40 people.",
            {("Hezbollah", "ISR"), ("Military Forces of Israel", "LBN")},
        ),
        (
            "Russian glide bombs and Ukrainian drone strikes killed 14 people over the weekend, officials said.",
            {("Military Forces of Ukraine", "RUS"), ("Military Forces of Russia", "UKR")},
        ),
    ],
)
def test_each_sides_victims_have_the_other_doer_as_attacker(text: str, pairs: set[tuple[str, str]]) -> None:
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    got = {(e.actor1.name if e.actor1 else None, e.actor2.country if e.actor2 else None) for e in events}
    assert got == pairs
    for event in events:  # the attacker's words are the sentence's own
        assert event.actor1 is not None and text[event.actor1.start or 0 : event.actor1.end or 0] == event.actor1.text


def test_conjoined_doers_of_one_side_hit_their_foe_only() -> None:
    assert _victim_countries("Russian and Belarusian troops killed 30 people near the border.") == {"UKR"}
