"""Places located by the words written beside them: the admin areas ACLED writes in brackets ("Town (District,
Province)"), a village "near" a town, a skeleton spelling in the country a nationality word names, a type word after
a name. Sentences written for these tests in the shape of wire copy and ACLED notes."""

from __future__ import annotations

from typing import Any

import pytest

from places_helpers import event_place
from storyline.extract.places_gazetteer import gazetteer
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        pytest.param(
            "Government troops shelled Kafr Zita (Mhardeh, Hama) on Monday, killing a man.",
            "shelled",
            "Kafr Zita",
            "SYR",
            id="the_town_not_its_bracketed_district",
        ),
        pytest.param(
            "The army and the rebels clashed for hours around Rubaya (Masisi, North Kivu) on Sunday.",
            "clashed",
            "Rubaya",
            "COD",
            id="the_bracket_is_no_part_of_the_name",
        ),
        pytest.param(
            "Insurgents burned Nampwera village (Macomia, Cabo Delgado) overnight.",
            "burned",
            "Nampwera",
            "MOZ",
            id="a_village_the_gazetteer_lacks_takes_its_district",
        ),
        pytest.param(
            "Separatists attacked a checkpoint in Kumba (Meme, Southwest) on Friday.",
            "attacked",
            "Kumba",
            "CMR",
            id="a_town_known_by_its_own_name_outweighs_a_region_namesake_abroad",
        ),
        pytest.param(
            "Gunmen killed 12 people in Dogon Noma village, near Mangu, on Tuesday.",
            "killed",
            "Dogon Noma",
            "NGA",
            id="a_village_near_a_town",
        ),
        pytest.param(
            "Palestinian gunmen opened fire on a checkpoint near Qalqiliyeh on Monday.",
            "opened",
            "Qalqiliyeh",
            "PSE",
            id="a_skeleton_spelling_in_the_country_a_nationality_word_names",
        ),
        pytest.param(
            "Clashes erupted in Tripoli, the north Lebanese port, on Sunday, killing two men.",
            "Clashes",
            "Tripoli",
            "LBN",
            id="an_apposition_naming_the_country_decides_among_namesakes",
        ),
        pytest.param(
            "A bomb exploded in Mosul's eastern neighbourhood of Qahira on Monday.",
            "exploded",
            "Qahira",
            "IRQ",
            id="a_part_of_a_town_stays_in_its_country",
        ),
    ],
)
def test_places_located_by_the_words_beside_them(nlp: Any, text: str, trigger: str, name: str, country: str) -> None:
    """The event's place is the narrow name, in the country the words beside it say."""
    place = event_place(nlp, text, trigger)
    assert place is not None and (place.text, place.country) == (name, country)


def test_a_skeleton_match_needs_the_named_country(nlp: Any) -> None:
    """ "Israeli troops" names Israel only: a skeleton match in Palestine stays a guess, unresolved."""
    place = event_place(nlp, "Israeli troops shot a man dead in Tubbas on Monday.", "shot")
    assert place is not None and place.country is None


def test_a_type_word_after_the_name_beats_a_skeleton_match() -> None:
    """ "Sumy city" is Sumy (the name without its type word, exactly), not a city its skeleton spells."""
    found = gazetteer().resolve("Sumy city")
    assert found is not None and (found[0].name, found[0].cc, found[1]) == ("Sumy", "UA", "exact")


def test_a_w_closing_a_vowel_is_a_transliteration_variant() -> None:
    """ "Logar province" is GeoNames' Lowgar (the skeleton folds a "w" that closes a vowel), in Afghanistan."""
    found = gazetteer().resolve("Logar province", "AF")
    assert found is not None and (found[0].name, found[0].precision) == ("Lowgar", "admin1")


def test_a_person_with_a_bracketed_state_is_no_place(nlp: Any) -> None:
    """ "Senator Lindsey Graham (South Carolina)" as a clause's subject is a person, whatever the bracket says."""
    place = event_place(nlp, "Senator Lindsey Graham (South Carolina) criticised the attack on Monday.", "attack")
    assert place is None or "Graham" not in place.text


def test_a_brackets_names_agree_on_a_country_with_the_town(nlp: Any) -> None:
    """In "Beit Jala (Bethlehem)", Bethlehem names places in four countries and Belem, Brazil, is the biggest; the
    town before the bracket lies in one of them, Palestine, so the bracket locates it there."""
    place = event_place(nlp, "Israeli forces demolished two shops in Beit Jala (Bethlehem) on Monday.", "demolished")
    assert place is not None and place.country == "PSE"


def test_a_name_part_tagged_a_peoples_word_stays_in_the_name(nlp: Any) -> None:
    """The "Kafr" of "Kafr Qaddum", tagged NORP alone, is still the first word of the name."""
    place = event_place(nlp, "Soldiers wounded two men during a raid in Kafr Qaddum on Friday.", "wounded")
    assert place is not None and place.text == "Kafr Qaddum" and place.country == "PSE"
