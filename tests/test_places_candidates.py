"""Which names become candidate places and how they resolve: a town's own name against another town's alternate
name, names the tagger takes for a date or tags in two pieces, Nigeria's local government areas (names and sentences
written for these tests)."""

from __future__ import annotations

import pytest

from storyline.extract.places import event_location
from storyline.extract.places_gazetteer import gazetteer
from storyline.extract.places_spans import find_places
from storyline.nlp import load_nlp


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


def _place(text: str, trigger: str) -> tuple[str, str | None] | None:
    doc = load_nlp()(text)
    token = next(t for t in doc if t.text == trigger)
    place = event_location(token.sent, token)
    return (place.text, place.country) if place is not None else None


def test_a_village_named_after_of_is_a_place_though_tagged_a_date() -> None:
    text = (
        "Militants launched a surprise counter-attack to recapture the strategic village of Tamanah from the army on "
        "Tuesday."
    )
    doc = load_nlp()(text)
    assert any(e.text == "Tamanah" and e.label_ == "DATE" for e in doc.ents)  # the tagger's reading this test is about
    assert _place(text, "launched") == ("Tamanah", "SYR")  # At Tamani`ah, Idlib: a smoothed spelling (smooth_key)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed five people in Barkin Ladi local government area of Plateau state on Monday.",
        "Gunmen killed five people in Anka local government area of Zamfara state on Monday.",
    ],
)
def test_a_name_before_local_government_area_is_a_place(text: str) -> None:
    name = text.split(" in ")[1].split(" local ")[0]
    assert _place(text, "killed") == (name, "NGA")


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        ("Gunmen shot dead a tribal elder in Dera Ghazi Khan on Sunday.", "shot", "Dera Ghazi Khan", "PAK"),
        ("Settlers torched two cars in Kafr ad Dik on Tuesday.", "torched", "Kafr ad Dik", "PSE"),
    ],
)
def test_a_name_tagged_in_two_pieces_is_one_place(text: str, trigger: str, name: str, country: str) -> None:
    assert _place(text, trigger) == (name, country)


@pytest.mark.parametrize(
    ("written", "name", "country"),
    [
        ("Northwest", "North-West Province", "CMR"),  # Cameroon's regions as English news writes them
        ("Southwest", "South-West Province", "CMR"),
        ("Sagaing", "Sagain", "MMR"),  # Myanmar's region, GeoNames spelling "Sagain"
    ],
)
def test_english_names_of_admin_regions(written: str, name: str, country: str) -> None:
    found = gazetteer().best(written, want="admin")
    assert found is not None and (found[0].name, gazetteer().iso3[found[0].cc]) == (name, country)


def test_a_bracketed_region_outweighs_a_smaller_namesake_town_abroad() -> None:
    # the township is no GeoNames place of Myanmar; a village of that name in Bosnia is far smaller than the region
    assert _place("Junta troops torched houses in Pale township (Sagaing) on Monday.", "torched") == ("Pale", "MMR")


def _places(text: str) -> list[tuple[str, str | None]]:
    doc = load_nlp()(text)
    return [(loc.text, loc.country) for sent in doc.sents for loc in find_places(sent)]


@pytest.mark.parametrize(
    "text",
    [
        "Hannah was shot dead by gunmen outside her home on Tuesday, police said.",  # ~ Khanna, India
        "A local Mullah was killed when a bomb exploded near the mosque.",  # ~ Mugla, Turkey
    ],
)
def test_a_person_tagged_name_gets_no_spelling_guess(text: str) -> None:
    assert _places(text) == []


def test_a_person_tagged_name_still_resolves_as_written() -> None:
    assert _places("Gunmen stormed Bama on Tuesday.") == [("Bama", "NGA")]  # tagged PERSON, an exact name


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("Gunmen shot dead Hassan outside a market in Zaria on Tuesday.", "shot", ("Zaria", "NGA")),  # ~ Hassan, India
        ("Soldiers killed Ali in a raid on Jenin on Thursday.", "killed", ("Jenin", "PSE")),
        ("Gunmen stormed Bama on Sunday and burned the market.", "stormed", ("Bama", "NGA")),  # a place verb's object
    ],
)
def test_a_person_tagged_name_a_harming_verb_takes_is_no_place(text: str, trigger: str, place: tuple[str, str]) -> None:
    assert _place(text, trigger) == place


def test_smoothed_and_skeleton_matches_can_be_turned_off() -> None:
    gaz = gazetteer()
    assert gaz.resolve("Mullah") is not None  # smoothed "mula", an alternate name of Mugla
    assert gaz.resolve("Mullah", smooth=False, loose=False) is None
    assert gaz.resolve("Jenin", smooth=False, loose=False) is not None


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Netiv HaAsara", "Netiv Ha‘Asara"),  # a moshav by the Gaza border, under 1,000 people
        ("Kfar Giladi", "Kfar Gil‘adi"),  # a kibbutz by the Lebanese border
    ],
)
def test_small_israeli_communities_are_gazetteer_places(written: str, name: str) -> None:
    found = gazetteer().lookup(written)
    assert (found.name, found.country) == (name, "ISR")


@pytest.mark.parametrize(
    "text",
    [
        "Israeli troops raided Bethlehem overnight and arrested four men.",
        "Israeli soldiers shot a teenager in Bethlehem on Friday.",
    ],
)
def test_armed_forces_put_a_namesake_at_home_or_across_a_border(text: str) -> None:
    # Bethlehem, South Africa, is the biggest namesake; Israel has none, its neighbour Palestine has
    assert _places(text) == [("Bethlehem", "PSE")]
