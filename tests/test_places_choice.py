"""The choice among a sentence's places (``places.event_location``): where a weapon was sent from is no setting
of the harm it did. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from places_helpers import event_place
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Two civilians were killed by a rocket fired from Gaza.", "killed"),
        ("A teenager was killed by a missile launched from Gaza, police said.", "killed"),
        ("Four soldiers were wounded by shells fired from Kherson overnight.", "wounded"),
    ],
)
def test_where_a_weapon_was_sent_from_is_no_setting(nlp: Any, text: str, trigger: str) -> None:
    assert event_place(nlp, text, trigger) is None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("A rocket fired from Gaza hit a house in Sderot on Monday.", "hit", "Sderot"),
        ("Two men from Jenin were arrested on Tuesday.", "arrested", "Jenin"),
    ],
)
def test_other_places_told_with_from_stay(nlp: Any, text: str, trigger: str, place: str) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and found.text == place


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("Gunmen attacked a bus coming from Maiduguri, killing 12 passengers.", "attacked", "Maiduguri"),
        ("Rebels ambushed a convoy travelling from Kisangani on Sunday.", "ambushed", "Kisangani"),
        ("Bandits abducted 15 travellers on a road leading from Kaduna to Abuja.", "abducted", "Kaduna"),
    ],
)
def test_where_a_vehicle_or_road_comes_from_stays_a_setting(nlp: Any, text: str, trigger: str, place: str) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and found.text == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A senior commander was killed in a US airstrike in Jilib.", "killed"),
        ("Three fighters died in a US drone strike near Jilib on Sunday.", "died"),
    ],
)
def test_the_country_of_an_attacks_doer_does_not_place_the_town_it_hit(nlp: Any, text: str, trigger: str) -> None:
    """A country word on an attack noun ("a US airstrike") says who struck, not where: the town named stays in
    its own country."""
    found = event_place(nlp, text, trigger)
    assert found is not None and (found.text, found.country) == ("Jilib", "SOM")
