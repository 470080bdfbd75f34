"""The setting an anchor verb gives an event whose own words name no place (resources/places/anchor_verbs.tsv),
the means clause of an event ("by storming ..."), names spaCy takes for dates that a place word types, and
addresses written narrow to wide. Every sentence is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from places_helpers import event_place
from storyline.extract import extract_events, places_spans
from storyline.extract.places import find_places
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The soldiers returned to Beni and shot two fishermen.", "shot", "Beni"),
        ("The soldiers returned to Beni on Friday and launched an attack on the camp.", "attack", "Beni"),
    ],
)
def test_a_motion_verbs_goal_is_the_setting_of_the_event_told_after_it(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


def test_without_the_anchor_data_the_goal_is_no_setting(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places_spans, "anchor_verbs", dict)
    assert event_place(nlp, "The soldiers returned to Beni and shot two fishermen.", "shot") is None


def test_anchor_verbs_are_motion_or_operation_verbs() -> None:
    verbs = places_spans.anchor_verbs()
    assert verbs["enter"] == "motion" and verbs["launch"] == "operation"
    assert set(verbs.values()) == {"motion", "operation"}


def test_the_events_own_place_beats_the_anchors(nlp: Any) -> None:
    text = "Hundreds of fighters entered Kidal on Sunday to attack an army base in Tessalit."
    place = event_place(nlp, text, "attack")
    assert place is not None and place.text == "Tessalit"


def test_the_means_clause_of_an_event_names_its_setting(nlp: Any) -> None:
    text = "Militants began the assault by storming army checkpoints near Qasr Bahir on Sunday, local officials said."
    place = event_place(nlp, text, "assault")
    assert place is not None and place.text == "Qasr Bahir"


def test_an_address_narrow_to_wide_makes_the_first_name_a_place(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # a name no word of its own types ("Bir X" is a place by its first word alone)
    text = "At least nine people were killed in fighting between two clans led by elders in Gos Hasana, South Darfur."
    assert [p.text for p in find_places(nlp(text)[:])] == ["Gos Hasana", "South Darfur"]
    monkeypatch.setattr(places_spans, "_before_region", lambda span, places: False)
    assert [p.text for p in find_places(nlp(text)[:])] == ["South Darfur"]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("In Ali's hometown of Tikrit, police patrolled the streets on Sunday.", "patrolled", "Tikrit"),
        ("Two soldiers were wounded in the Mazraat Farms in south Lebanon on Tuesday.", "wounded", "Mazraat Farms"),
        (
            "Militants began the attack by storming the Syrian Arab Army's checkpoints near the Mazraat Farms.",
            "attack",
            "Mazraat Farms",
        ),
        ("Rebels attacked the village of Bambari after the troops left to celebrate Easter.", "attacked", "Bambari"),
    ],
)
def test_persons_armies_and_holidays_are_no_places_and_farms_are(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


def test_a_part_of_a_named_place_is_that_place(nlp: Any) -> None:
    text = "Rebels are storming the western perimeter of Tell Qarmid, which the army holds."
    place = event_place(nlp, text, "storming")
    assert place is not None and place.text == "Tell Qarmid"


def test_a_typed_name_written_in_a_town_is_inside_it_whatever_the_parse(nlp: Any) -> None:
    text = "Three men who were driving through Zayouna neighborhood in eastern Baghdad on Sunday were shot by gunmen."
    place = event_place(nlp, text, "shot")
    assert place is not None and place.text == "Zayouna" and place.country == "IRQ"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Clashes broke out between soldiers and smugglers at Ain Dara on the border with Turkey, residents said.",
            "Clashes",
            "Ain Dara",
        ),
        ("Heavy fighting erupted at Kilo Seven on the border with Zambia on Monday.", "fighting", "Kilo Seven"),
    ],
)
def test_the_country_across_a_border_is_not_the_setting(nlp: Any, text: str, trigger: str, expected: str) -> None:
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


def test_a_name_an_area_is_known_as_is_a_place(nlp: Any) -> None:
    text = (
        "Their fighters captured two areas known as Tal Hamra and Umm Zarzour, which lie about 40 kilometers from the"
        " provincial capital of Hasakah."
    )
    place = event_place(nlp, text, "captured")
    assert place is not None and place.text == "Tal Hamra"


def test_a_type_word_does_not_move_a_place_to_another_country() -> None:
    """ "the territory of Gaza" is Gaza, Palestine; Gaza province (Mozambique) only shares the name."""
    (event,) = extract_events("Israeli airstrikes killed 40 people in the blockaded territory of Gaza on Monday.")
    assert event.location is not None and event.location.country == "PSE"
    assert event.actor2 is not None and event.actor2.country == "PSE"
