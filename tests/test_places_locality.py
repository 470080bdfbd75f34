"""A locality the gazetteer lacks, written with the admin areas it lies in ("Town (District, Province)"): its own
name, with the areas' country, regions and point at their precision; Arabic place names spelt another way than
GeoNames spells them; refugee camps of UNRWA's list. Sentences and names written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from places_helpers import event_place
from storyline.extract.places_gazetteer import gazetteer
from storyline.extract.places_names import smooth_key
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country", "admin1", "admin2", "precision"),
    [
        pytest.param(
            "Settlers set fire to two tents in Wadi al-Seeq (Ramallah) on Monday.",
            "set",
            "Wadi al-Seeq",
            "PSE",
            "West Bank",
            "Ramallah",
            "admin2",
            id="a_village_in_a_governorate_known_by_its_seat",
        ),
        pytest.param(
            "Militants attacked Tondikiwindi (Ouallam, Tillaberi) on Monday.",
            "attacked",
            "Tondikiwindi",
            "NER",
            "Tillaberi",
            "Ouallam",
            "admin2",
            id="district_and_region",
        ),
        pytest.param(
            "Police fired tear gas at protesters in Kisauni (Mombasa) on Tuesday.",
            "fired",
            "Kisauni",
            "KEN",
            "Mombasa",
            None,
            "admin1",
            id="a_county_alone",
        ),
    ],
)
def test_a_locality_keeps_its_name_and_takes_its_areas(
    nlp: Any, text: str, trigger: str, name: str, country: str, admin1: str, admin2: str | None, precision: str
) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None
    assert (found.text, found.name, found.country, found.admin1, found.admin2) == (name, name, country, admin1, admin2)
    assert found.precision == precision
    area = gazetteer().best(admin2 or admin1, country, want="admin" if precision == "admin1" else None)
    assert area is not None and (found.lat, found.lon) == (area[0].lat, area[0].lon)  # no point made up for it


@pytest.mark.parametrize(
    ("text", "trigger", "area", "country"),
    [
        ("Police dispersed students at Kyambogo University (Kampala) on Monday.", "dispersed", "Kampala", "UGA"),
        ("An air strike hit Al-Karama Hospital (Beit Hanoun), killing two medics.", "hit", "Beit Hanoun", "PSE"),
    ],
)
def test_a_named_site_in_brackets_is_coded_at_its_area(
    nlp: Any, text: str, trigger: str, area: str, country: str
) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and found.country == country
    assert found.name is not None and found.name.startswith(area)  # the area's name, not the site's


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Israeli forces arrested two men in Al Eizariya (Jerusalem) on Sunday.", "arrested", "Al Eizariya"),
    ],
)
def test_a_town_beside_its_bracket_across_a_border_is_that_town(nlp: Any, text: str, trigger: str, name: str) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and (found.name, found.country, found.precision) == (name, "PSE", "place")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Huwwarah", "Huwara"),  # a doubled letter (shadda) written single
        ("Qabatiyah", "Qabatiya"),  # ta marbuta: -ah, -a, -eh
        ("Dhannabah", "Dhannabeh"),
        ("Turmus`ayya", "Turmus Ayya"),  # an ayn mark written as a space
        ("Ma`arrat al Nu`man", "Maarat al-Numan"),
    ],
)
def test_arabic_spellings_share_a_smooth_key(one: str, other: str) -> None:
    assert smooth_key(one) == smooth_key(other)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Jannata", "Jannatah"),
        ("Beit Awa", "Beit Awwa"),
        ("Tafuh", "Taffuh"),
        ("Dhannabeh", "Dhannabah"),
    ],
)
def test_a_spelling_of_a_west_bank_town_finds_it_without_a_country_hint(written: str, name: str) -> None:
    found = gazetteer().lookup(written)
    assert (found.name, found.country) == (name, "PSE")


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Israeli troops raided Dheisheh camp near Bethlehem at dawn.", "raided", "Dheisheh camp"),
        ("Clashes broke out in Jalazone refugee camp on Friday.", "Clashes", "Jalazone camp"),
        ("Soldiers shot a teenager at the entrance of Fawwar camp south of Hebron.", "shot", "Fawwar camp"),
    ],
)
def test_refugee_camps_of_the_unrwa_list(nlp: Any, text: str, trigger: str, name: str) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and (found.name, found.country, found.precision) == (name, "PSE", "place")


def test_a_doubled_letter_is_no_licence_to_take_a_town_abroad() -> None:
    assert gazetteer().lookup("Kuriga").precision == "unresolved"  # not Khouribga ("Kouriga"), Morocco


@pytest.mark.parametrize(
    ("text", "trigger", "written"),
    [
        ("An airstrike destroyed a house in Zeitoun on Tuesday, killing six people.", "destroyed", "Zeitoun"),
        ("Tanks pushed into Sheikh Ajlin overnight and shelled homes.", "shelled", "Sheikh Ajlin"),
        ("A strike hit the courtyard of Nasser hospital, wounding nine.", "hit", "Nasser hospital"),
    ],
)
def test_a_quarter_or_site_of_a_town_is_coded_at_its_town(nlp: Any, text: str, trigger: str, written: str) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and found.text == written and found.country == "PSE" and found.precision == "place"
    town = gazetteer().lookup("Khan Yunis" if "Nasser" in written else "Gaza City")
    assert found.name == town.name and found.admin1 == town.admin1
    assert (found.lat, found.lon) != (town.lat, town.lon)  # its own point, inside the town


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Janin", "Jenin"),  # GeoNames' spelling still finds the town, under the name news writes
        ("Jenin", "Jenin"),
        ("Bayt Lahya", "Beit Lahiya"),
        ("Beit Lahia", "Beit Lahiya"),
        ("Dayr al Balah", "Deir al Balah"),
        ("Qalqilyah", "Qalqiliya"),
        ("Shu'fat", "Shu'fat"),
    ],
)
def test_a_town_is_named_as_english_news_writes_it(written: str, name: str) -> None:
    found = gazetteer().lookup(written, "PSE")
    assert (found.name, found.country, found.precision) == (name, "PSE", "place")


def test_a_hospital_in_a_town_takes_the_towns_english_name(nlp: Any) -> None:
    found = event_place(nlp, "Tanks shelled the Indonesian Hospital on Monday.", "shelled")
    assert found is not None and (found.text, found.name) == ("Indonesian Hospital", "Beit Lahiya")


@pytest.mark.parametrize(
    ("text", "trigger", "country", "admin1"),
    [
        pytest.param(
            "Police arrested three men in Bethlehem governorate on Tuesday.",
            "arrested",
            "PSE",
            "West Bank",
            id="governorate_is_not_the_south_african_town",
        ),
        pytest.param(
            "Unknown assailants torched two cars in Salt governorate late on Monday.",
            "torched",
            "JOR",
            "Balqa",
            id="governorate_is_not_the_spanish_town",
        ),
        pytest.param(
            "Settlers uprooted olive trees near Husan village in Bethlehem muhafazah.",
            "uprooted",
            "PSE",
            "West Bank",
            id="a_village_in_a_muhafazah_takes_its_area",
        ),
    ],
)
def test_a_region_type_word_keeps_the_name_in_the_countries_that_use_it(
    nlp: Any, text: str, trigger: str, country: str, admin1: str
) -> None:
    found = event_place(nlp, text, trigger)
    assert found is not None and (found.country, found.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("written", "country"),
    [("Bethlehem governorate", "PS"), ("Salt governorate", "JO"), ("Hama governorate", "SY"), ("Lviv oblast", "UA")],
)
def test_a_region_type_word_restricts_the_lookup_to_its_countries(written: str, country: str) -> None:
    found = gazetteer().resolve(written)
    assert found is not None and found[0].cc == country
