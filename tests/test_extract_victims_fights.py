"""A fight whose words name its two parties killed people of both, and tolls each told by a teller of one side are
that side's."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.victims import reports_harm
from storyline.models import Event


def _assaults(text: str) -> list[Event]:
    """The violent events of a text."""
    return [e for e in extract_events(text) if e.type == "ASSAULT"]


def _victim_countries(text: str) -> set[str | None]:
    """The countries of the victims of a text's violent events."""
    return {e.actor2.country for e in _assaults(text) if e.actor2 is not None}


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a hyphened pair of names, of adjectives, an owner with a "with" phrase
        ("The Armenia-Azerbaijan war killed more than 6,000 people.", {"ARM", "AZE"}),
        ("The Ethiopian-Eritrean conflict killed tens of thousands of people.", {"ETH", "ERI"}),
        ("India's war with Pakistan in 1971 killed thousands of people.", {"IND", "PAK"}),
        # the sides of a named fight
        ("Thousands of soldiers have died on both sides of the war between Ethiopia and Eritrea.", {"ETH", "ERI"}),
        ("Hundreds of people were killed on both sides of the Armenia-Azerbaijan conflict.", {"ARM", "AZE"}),
    ],
)
def test_people_killed_by_a_fight_of_two_named_parties_are_of_both(text: str, countries: set[str]) -> None:
    assert _victim_countries(text) == countries


@pytest.mark.parametrize(
    "text",
    [
        "The Armenia-Azerbaijan war killed more than 6,000 people.",
        # one side's people: the event is not split, and the war is still no doer
        "The Ethiopia-Eritrea war has killed more than 70,000 Eritreans, according to the health ministry.",
        "The Ethiopian army's war with the Tigray People's Liberation Front has killed at least 7,500 people.",
    ],
)
def test_the_fight_is_no_one_sides_attacker(text: str) -> None:
    events = _assaults(text)
    assert events
    assert all(e.actor1 is None for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The war between Russia and Ukraine has killed 10,000 Ukrainian civilians.",
        "The Russia-Ukraine war has killed 10,000 Ukrainian civilians.",
    ],
)
def test_people_named_by_their_nation_are_theirs_alone(text: str) -> None:
    assert _victim_countries(text) == {"UKR"}


def test_a_war_in_a_place_is_no_fight_of_two_named_parties() -> None:
    assert _victim_countries("Russia's war in Ukraine has killed thousands of civilians.") == {"UKR"}


@pytest.mark.parametrize(
    "text",
    [
        "Armenia said 150 of its soldiers had been killed, and Azerbaijan said 80 of its soldiers had died.",
        "In the war between Armenia and Azerbaijan, Armenia said 150 people had been killed, and Azerbaijan said 80"
        " people had died.",
    ],
)
def test_tolls_told_by_tellers_of_two_sides_are_each_its_tellers(text: str) -> None:
    found = {(e.actor2.country, c.value) for e in _assaults(text) if e.actor2 is not None for c in e.counts}
    assert found == {("ARM", 150), ("AZE", 80)}


@pytest.mark.parametrize(
    ("text", "tellers"),
    [
        (
            "The United States said 30 civilians were killed in the air strike on the market in Idlib, while Russia"
            " said 12 people died.",
            {"USA", "RUS"},
        ),
        (
            "France said 25 villagers were killed in the raid in northern Mali, while Germany said 18 people died.",
            {"FRA", "DEU"},
        ),
        (
            "Japan said 40 people were killed in the bombing, while Canada said 35 people had died.",
            {"JPN", "CAN"},
        ),
        (
            "Kenyan state media said 12 people were killed in the strike, while the Britain-based monitor said 20"
            " people died.",
            {"KEN", "GBR"},
        ),
    ],
)
def test_tellers_no_party_of_the_fight_give_the_victims_no_side(text: str, tellers: set[str]) -> None:
    assert not _victim_countries(text) & tellers


def test_lives_a_fight_claimed_are_harm_on_both_sides() -> None:
    events = _assaults("The Armenia-Azerbaijan war claimed more than 6,000 lives.")
    assert {e.actor2.country for e in events if e.actor2 is not None} == {"ARM", "AZE"}
    assert all(reports_harm(e) for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The Ethiopia-Eritrea war killed more than 70,000 people.",
        "The India-Pakistan war killed thousands of people.",
    ],
)
def test_the_other_sides_people_of_one_toll_are_named_by_its_words(text: str) -> None:
    events = _assaults(text)
    assert len({e.actor2.country for e in events if e.actor2 is not None}) == 2
    assert all(e.actor2 is not None and e.actor2.text.lower() in text.lower() for e in events)
