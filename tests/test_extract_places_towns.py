"""The populated place of an event and the country its name is read in: a named site or a part of a town takes the
town the text puts it in as its name and point ("a square in Diyarbakir" → Diyarbakir, as ACLED codes the populated
place) and keeps its own words; where a projectile or traveller came from hints at no country for the other names;
a state organ's nationality word ("Pakistani police", not "American tourists") picks a namesake of a size with
the one the name alone gives; a district far from the town its region shares a name with stays itself; an unknown
name written a direction from a town takes its point. Sentences written for these tests in the shape of wire copy."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Span

from places_helpers import event_place
from storyline.extract.places import find_places
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "town", "country"),
    [
        pytest.param(
            "A bomb exploded at Ferhat Square in Diyarbakir on Tuesday, wounding six people.",
            "exploded",
            "Diyarbakır",
            "TUR",
            id="a_named_square_in_a_city",
        ),
        pytest.param(
            "Police fired tear gas at stone-throwing youths in the Mirpur neighbourhood of Dhaka on Sunday.",
            "fired",
            "Dhaka",
            "BGD",
            id="a_neighbourhood_of_a_city",
        ),
        pytest.param(
            "Artillery shells hit Kharkiv's Kyivskyi district overnight, killing two residents.",
            "hit",
            "Kharkiv",
            "UKR",
            id="a_city_district_as_the_city_possession",
        ),
    ],
)
def test_a_site_or_part_is_placed_in_its_town(nlp: Any, text: str, trigger: str, town: str, country: str) -> None:
    """The location keeps the site's words and offsets and takes the town's name, country, point and precision."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.start is not None
    assert (place.name, place.country, place.precision) == (town, country, "place")
    assert text[place.start : place.end] == place.text and town not in place.text


def test_a_site_with_no_town_named_stays_the_site(nlp: Any) -> None:
    """A site whose town the text does not name is still the place."""
    text = "Protesters gathered outside Ferhat Square on Tuesday."
    place = event_place(nlp, text, "gathered")
    assert place is not None and place.text == "Ferhat Square"


def test_where_a_missile_came_from_hints_at_no_country(nlp: Any) -> None:
    """A missile fired from one country toward a town of another: the town is resolved where it is, not left
    unresolved for lying far from the launching country."""
    place = event_place(nlp, "A ballistic missile fired from Yemen toward Dimona was intercepted on Friday.", "fired")
    assert place is not None and (place.text, place.country) == ("Dimona", "ISR")


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        pytest.param(
            "Pakistani police raided a house in Hyderabad on Monday and arrested three suspects.",
            "raided",
            "PAK",
            id="a_namesake_of_a_size_in_the_nations_country",
        ),
        pytest.param(
            "An American tourist was stabbed in Paris on Monday.", "stabbed", "FRA", id="a_far_smaller_namesake_loses"
        ),
    ],
)
def test_a_nationality_word_picks_a_namesake_of_a_size(nlp: Any, text: str, trigger: str, country: str) -> None:
    """With no other place to say the country, the namesake in the country of a state organ's nationality word
    ("Pakistani police") wins when it is at most ten times smaller than the one the name alone gives; a visitor's
    nationality ("An American tourist") moves nothing."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        pytest.param(
            "Three American students were wounded when a grenade exploded in Athens on Saturday.",
            "wounded",
            "GRC",
            id="visitors_say_no_country",
        ),
        pytest.param(
            "American-built drones hit Odesa before dawn, wounding two people.", "hit", "UKR", id="a_maker_says_none"
        ),
    ],
)
def test_only_a_state_organ_at_home_vouches_for_a_namesake(nlp: Any, text: str, trigger: str, country: str) -> None:
    """A nationality word on people abroad or on a product's maker moves no world city to its namesake in that
    country: only a state organ's nationality ("Pakistani police") says where the act is."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        pytest.param(
            "Russian troops shelled the town of Pokrovsk overnight, killing two civilians.",
            "shelled",
            "UKR",
            id="troops_fight_abroad",
        ),
        pytest.param(
            "Russian forces shelled the town of Pokrovsk on Tuesday.", "shelled", "UKR", id="forces_fight_abroad"
        ),
        pytest.param(
            "Pakistani security forces raided a house in Hyderabad on Monday and arrested three suspects.",
            "raided",
            "PAK",
            id="security_forces_act_at_home",
        ),
    ],
)
def test_an_army_abroad_vouches_for_no_namesake(nlp: Any, text: str, trigger: str, country: str) -> None:
    """Armies, troops and forces fight abroad, so their nationality word moves no town to a namesake in their own
    country; a state's security forces, like its police, act at home."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Gunmen abducted twelve worshippers in Katsina's Faskari district on Friday.", "abducted", "Faskari"),
        ("Bandits abducted twelve worshippers in Bauchi's Alkaleri district on Friday.", "abducted", "Alkaleri"),
    ],
)
def test_a_district_the_gazetteer_places_far_from_the_owner_town_stays_itself(
    nlp: Any, text: str, trigger: str, name: str
) -> None:
    """ "<State>'s <X> district" where the state shares its capital's name: a district the gazetteer places beyond
    a town's reach of that capital is the place, not the capital."""
    place = event_place(nlp, text, trigger)
    assert place is not None and (place.text, place.name) == (name, name)


def test_a_possessive_inside_a_mislabelled_name_splits_owner_and_part(nlp: Any) -> None:
    """ "Odesa's Primorskyi" tagged as one organisation: the owner city and its district are two names, and the
    district is placed in the city."""
    text = "Odesa's Primorskyi district came under drone attack overnight; two people were hurt."
    place = event_place(nlp, text, "hurt")
    assert place is not None and (place.text, place.name, place.country) == ("Primorskyi", "Odesa", "UKR")


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        pytest.param(
            "Soldiers shot a man at the entrance of Um al-Khair village, south of Hebron, on Friday.",
            "shot",
            "Um al-Khair",
            "PSE",
            id="a_direction_after_the_type_word",
        ),
    ],
)
def test_an_unknown_name_takes_the_point_of_the_place_it_lies_a_direction_from(
    nlp: Any, text: str, trigger: str, name: str, country: str
) -> None:
    """A name the gazetteer lacks written ", <direction> of <town>": its own words, the town's country."""
    place = event_place(nlp, text, trigger)
    assert place is not None and (place.text, place.country) == (name, country)


def test_a_tagged_first_word_takes_the_proper_noun_it_is_a_compound_of(nlp: Any) -> None:
    """The tagger marks only "Dera" of "Dera Bugti": the name runs on to the proper noun "Dera" is a compound of."""
    doc = nlp("Mortar rounds hit Dera Bugti on Monday.")
    doc.ents = [Span(doc, 3, 4, label="GPE")]
    assert [(p.text, p.country) for p in find_places(doc[:])] == [("Dera Bugti", "PAK")]


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Jowhar fell to al-Shabaab on Tuesday.", "fell", "Jowhar"),
        ("Lashkar Gah fell to the Taliban in August.", "fell", "Lashkar Gah"),
        ("Palmyra fell into the hands of Daesh.", "fell", "Palmyra"),
    ],
)
def test_the_place_that_fell_to_a_taker_is_the_setting(nlp: Any, text: str, trigger: str, name: str) -> None:
    """The subject of "fell to X" / "fell into the hands of X" is the place taken, whatever the tagger calls it."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == name


def test_what_fell_on_a_place_is_no_place(nlp: Any) -> None:
    """Shells that fell on a town: the town is the place, the shells are not."""
    place = event_place(nlp, "Shells fell on Kharkiv on Monday, killing two.", "fell")
    assert place is not None and place.text == "Kharkiv"


def test_a_name_its_verb_calls_her_or_him_is_no_place(nlp: Any) -> None:
    """The object of a verb a phrase of the same verb goes on to call her or him is a person, not a town of that
    name (reviewer RV-P2): the place is the one the sentence names as such, or none."""
    assert event_place(nlp, "Gunmen seized Florence on her way home from school.", "seized") is None
    place = event_place(nlp, "Gunmen abducted Victoria on her way to work in Lagos.", "abducted")
    assert place is not None and place.text == "Lagos"
