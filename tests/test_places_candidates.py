"""Which names become candidate places and how they resolve: a town's own name against another town's alternate
name (names and sentences written for these tests)."""

from __future__ import annotations

import pytest

from storyline.extract.places_gazetteer import gazetteer


@pytest.mark.parametrize(
    ("written", "country"),
    [
        ("Batna", "DZA"),  # the Algerian city, not Patna (an alternate spelling GeoNames lists for it)
        ("Dili", "TLS"),  # not Delhi
        ("Pokrovsk", "UKR"),  # not Engels, once Pokrovsk, in Russia
        ("Philadelphia", "USA"),  # not Amman, Philadelphia of antiquity
        ("Salisbury", "GBR"),  # not Harare's colonial name
    ],
)
def test_a_town_own_name_beats_another_towns_alternate(written: str, country: str) -> None:
    assert gazetteer().lookup(written).country == country


@pytest.mark.parametrize(
    ("written", "name", "country"),
    [
        ("Mecca", "Makkah", "SAU"),  # another spelling of a city far bigger than its namesakes
        ("Calcutta", "Kolkata", "IND"),
        ("Madras", "Chennai", "IND"),  # another name of a city a hundred times bigger than its namesakes
        ("Palmyra", "Tadmur", "SYR"),  # its namesakes are villages
        ("Odessa", "Odesa", "UKR"),  # the region of Odesa bears the name as its own
        ("Kiev", "Kyiv", "UKR"),
    ],
)
def test_english_names_of_big_cities_stand(written: str, name: str, country: str) -> None:
    found = gazetteer().lookup(written)
    assert (found.name, found.country) == (name, country)


def test_the_text_country_still_picks_the_alternate() -> None:
    assert gazetteer().lookup("Batna", "IN").name == "Patna"
    assert gazetteer().lookup("Batna", near={"IN"}).name == "Patna"
