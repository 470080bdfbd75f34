"""The event place of a locality the gazetteer lacks, located by the district, region or town the text puts it in
or near (``places._located_by``): in an admin region its own name as written, with the region's country and regions,
as ACLED codes a village it cannot locate; in or near a town, and a named site or part of a town, the town's name.
Sentences written for these tests."""

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
    ("text", "trigger", "name", "country", "admin1"),
    [
        (
            "Soldiers demolished two homes in Khirbet Zanuta, Hebron governorate, on Monday.",
            "demolished",
            "Khirbet Zanuta",
            "PSE",
            "West Bank",
        ),
        (
            "Junta troops torched Kyauk Sin village in Sagaing region on Friday.",
            "torched",
            "Kyauk Sin",
            "MMR",
            "Sagain",
        ),
        ("Soldiers killed three herders in Ngouma village in Mopti region.", "killed", "Ngouma", "MLI", "Mopti"),
        (
            "The army shelled Kafr Batikh, a town in eastern Idlib province, on Sunday.",
            "shelled",
            "Kafr Batikh",
            "SYR",
            "Idlib",
        ),
        (
            "Fighters seized Bir Tarfawi, a village in North Darfur state.",
            "seized",
            "Bir Tarfawi",
            "SDN",
            "Northern Darfur",
        ),
        ("Bandits attacked Yarmalo village in Zamfara state on Sunday.", "attacked", "Yarmalo", "NGA", "Zamfara"),
    ],
)
def test_a_locality_in_a_region_keeps_its_own_name(
    nlp: Any, text: str, trigger: str, name: str, country: str, admin1: str
) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None
    assert (found.name, found.country, found.admin1) == (name, country, admin1)


@pytest.mark.parametrize(
    ("text", "trigger", "town", "country"),
    [
        ("Bandits abducted 20 people in the village of Kurmin Dogo near Kaduna.", "abducted", "Kaduna", "NGA"),
        ("Al-Shabaab fighters attacked the village of Buulo Xaaji near Kismayo.", "attacked", "Kismayo", "SOM"),
    ],
)
def test_a_village_written_near_a_town_is_located_at_the_town(
    nlp: Any, text: str, trigger: str, town: str, country: str
) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None
    assert (found.name, found.country) == (town, country)


@pytest.mark.parametrize(
    ("text", "trigger", "town"),
    [
        ("A guard was shot dead at the gate of Gidan Zango Hospital in Sokoto.", "shot", "Sokoto"),
        ("In Mogadishu, a car bomb exploded in Wadajir district on Monday.", "exploded", "Mogadishu"),
        ("Police fired tear gas at traders in the Mabatini area of Mwanza.", "fired", "Mwanza"),
    ],
)
def test_a_site_or_part_of_a_town_takes_the_towns_name(nlp: Any, text: str, trigger: str, town: str) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and found.name == town
