"""Names of places the tagger misses that the words around them type: a settlement noun in apposition ("Tarin, a
small town in ..."), a held-place noun ("the stronghold of X"), a site noun they qualify ("at Kolo police
station"), and narrow places written inside a wider one ("the Nasr district in the city of Homs"). Sentences written
for these tests in the shape of wire copy."""

from __future__ import annotations

from typing import Any

import pytest

from places_helpers import event_place
from storyline.extract.places import event_location
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        pytest.param(
            "Rebels shelled the Waer district in the city of Homs on Tuesday.",
            "shelled",
            "Waer",
            id="a_district_written_inside_the_city_of_x",
        ),
        pytest.param(
            "Two guards were killed when a bomb went off in the crowded neighborhood of Karrada in central  Baghdad.",
            "killed",
            "Karrada",
            id="the_neighborhood_of_y_in_x_past_a_double_space",
        ),
        pytest.param(
            "Gunmen killed four officers at Gamba police station late on Friday.",
            "killed",
            "Gamba",
            id="a_name_qualifying_a_site_noun",
        ),
        pytest.param(
            "Militants attacked Mir Ali, a small town close to the Afghan border, on Sunday.",
            "attacked",
            "Mir Ali",
            id="a_name_a_settlement_noun_stands_beside",
        ),
        pytest.param(
            "Two soldiers were killed in a mortar attack near the insurgent stronghold of Buhriz on Tuesday.",
            "killed",
            "Buhriz",
            id="the_stronghold_of_x",
        ),
        pytest.param(
            "Security forces patrolled the Taliban stronghold of Marjah after the assault.",
            "patrolled",
            "Marjah",
            id="a_groups_stronghold_of_x",
        ),
        pytest.param(
            "Gunmen raided Tungan Bako and Kwanar Dutse villages of Rafi Local Government Area on Sunday.",
            "raided",
            "Kwanar Dutse",
            id="villages_of_an_area_neither_in_the_gazetteer_whatever_the_parse",
        ),
        pytest.param(
            "Government troops recaptured Jabal al-Maghara after two days of fighting.",
            "recaptured",
            "Jabal al-Maghara",
            id="a_name_opened_by_a_place_word_jabal",
        ),
        pytest.param(
            "A journalist was shot on Avenida Bolivar late on Friday.",
            "shot",
            "Avenida Bolivar",
            id="a_name_opened_by_a_place_word_avenida",
        ),
    ],
)
def test_typed_names_are_the_setting(nlp: Any, text: str, trigger: str, expected: str) -> None:
    """The narrow name the words around it type is the event's place; a held-place noun before a name types it too
    ("the stronghold (bastion, enclave) of X"), and so does a place word opening the name ("Wadi X", "Jabal X")."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


def test_a_person_beside_a_job_is_no_place(nlp: Any) -> None:
    """An apposition that is not a settlement or region noun types nothing: "Omar Hadi, a local farmer"."""
    place = event_place(nlp, "Police shot Omar Hadi, a local farmer, at a checkpoint on Sunday.", "shot")
    assert place is None or "Hadi" not in place.text


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        pytest.param(
            "Police and soldiers were patrolling Korangi on Saturday afternoon.",
            "patrolling",
            "Korangi",
            id="a_patrolled_name_is_a_place_whatever_the_tagger_says",
        ),
        pytest.param(
            "Soldiers captured Abu Khalid on Monday.",
            "captured",
            None,
            id="a_captured_person_is_no_place",
        ),
    ],
)
def test_place_object_verbs(nlp: Any, text: str, trigger: str, expected: str | None) -> None:
    """The object of a verb that takes places only is a place; of one that also takes people, a person stays one."""
    place = event_place(nlp, text, trigger)
    assert (place.text if place is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        pytest.param(
            "Chicago police shot a man who fired at officers.", "shot", "Chicago", id="a_town_s_police_act_there"
        ),
        pytest.param(
            "The package was detonated by Houston police on Friday.", "detonated", "Houston", id="by_a_town_s_police"
        ),
        pytest.param("Pakistan police shot two men on Sunday.", "shot", None, id="a_country_s_police_may_act_anywhere"),
        pytest.param(
            "Chicago police said a man shot two people.", "shot", None, id="police_who_only_speak_place_nothing"
        ),
    ],
)
def test_local_force(nlp: Any, text: str, trigger: str, expected: str | None) -> None:
    """With no other setting, the town whose police do the act is its place."""
    place = event_place(nlp, text, trigger)
    assert (place.text if place is not None else None) == expected


def test_the_name_before_a_held_place_noun_is_whose(nlp: Any) -> None:
    """In "the Tiger bastion of the Vanni region" the name before "bastion" says who holds it, not where."""
    place = event_place(nlp, "Army units captured the former Tiger bastion of the Vanni region last month.", "captured")
    assert place is not None and place.text == "Vanni"


def test_a_town_tagged_a_common_noun_after_in_is_looked_up(nlp: Any) -> None:
    """A capitalised word after "in" that the tagger took for a common noun is still looked up ("a teenager in
    Durres", Durres tagged NOUN): a real town there is the place."""
    doc = nlp("On Friday morning, a teenager in Durres fatally shot a neighbour.")
    town = next(t for t in doc if t.text == "Durres")
    town.pos_ = "NOUN"
    doc.ents = [e for e in doc.ents if town not in e]
    trigger = next(t for t in doc if t.text == "shot")
    place = event_location(trigger.sent, trigger)
    assert place is not None and place.text == "Durres" and place.country == "ALB"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        pytest.param(
            "The overnight assault on Tal Sheer killed four fighters and wounded nine.",
            "killed",
            "Tal Sheer",
            id="the_subjects_attack_on_x",
        ),
        pytest.param(
            "The group seized the town during the 1994 invasion of Kuwait.",
            "seized",
            "Kuwait",
            id="during_the_invasion_of_x",
        ),
    ],
)
def test_the_place_an_event_noun_is_done_to(nlp: Any, text: str, trigger: str, expected: str) -> None:
    """The place an event noun on the trigger's path is done to ("the assault on X killed", "during the invasion of
    X") is the setting, as "in X" is."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


def _tagged(nlp: Any, text: str, name: str, label: str) -> Any:
    """``text`` parsed, with ``name`` tagged as one entity of ``label`` (as the tagger sometimes runs a name on)."""
    doc = nlp(text)
    start = text.index(name)
    doc.set_ents([doc.char_span(start, start + len(name), label=label)], default="unmodified")
    return doc


@pytest.mark.parametrize(
    ("text", "entity", "label", "trigger", "expected"),
    [
        pytest.param(
            "Pirates seized a cargo ship at Sousse in Tunisia on Monday.",
            "Sousse in Tunisia",
            "ORG",
            "seized",
            "Sousse",
            id="one_name_set_in_another",
        ),
        pytest.param(
            "Government jets kept up their raids on Homs for the third straight week, hitting the old city.",
            "Homs for the third straight week",
            "WORK_OF_ART",
            "raids",
            "Homs",
            id="a_name_running_on_into_common_words",
        ),
    ],
)
def test_a_mislabelled_entity_is_split_at_a_preposition(
    nlp: Any, text: str, entity: str, label: str, trigger: str, expected: str
) -> None:
    """A mislabelled entity that runs past a locative preposition or into common words holds a name of its own."""
    doc = _tagged(nlp, text, entity, label)
    token = next(t for t in doc if t.text == trigger)
    place = event_location(token.sent, token)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        pytest.param(
            "Rebels stormed the village of ‘Umariyah on Sunday.", "stormed", "Umariyah", id="village_of_ayn_x"
        ),
        pytest.param(
            "Militants launched an attack at the small town of ‘Adwan before dawn.",
            "attack",
            "Adwan",
            id="town_of_ayn_x",
        ),
    ],
)
def test_a_name_written_with_an_ayn_is_typed_by_the_word_before(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    """The ayn mark glued to a transliterated name does not hide "the village of" before it, whatever the tagger
    made of the name."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Gunmen attacked a Fulani settlement in Benue on Sunday.", "attacked", "Benue"),
        ("Militiamen burned a Dogon village near Bankass.", "burned", "Bankass"),
        ("Armed men raided a Tuareg camp outside Menaka.", "raided", "Menaka"),
        ("Rebels torched a Hema village in Djugu territory.", "torched", "Djugu"),
    ],
)
def test_a_community_word_before_a_settlement_noun_is_no_place(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    """ "a Fulani settlement", "a Dogon village": the people who live there (place_words.tsv not-place), not the
    place's name; the town named beside it is where."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Police patrolled the Butitian village in the area.", "patrolled", "Butitian"),
        ("Troops shelled Dabran and Kotlian area in Rajouri district.", "shelled", "Kotlian"),
    ],
)
def test_an_unknown_name_the_tagger_took_for_an_adjective_is_a_place_a_type_word_names(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    """ "the Butitian village": a name the tagger read as a people's adjective, that no nationality or community
    word list holds and the gazetteer does not know, is the village's name."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Gunmen attacked an Assyrian village in Nineveh.", "attacked", "Nineveh"),
        ("Gunmen attacked the Assyrian town of Alqosh.", "attacked", "Alqosh"),
        ("A tanker was seized in the Gulf of Oman, east of the Arabian peninsula.", "seized", "Gulf of Oman"),
    ],
)
def test_a_peoples_adjective_before_a_type_word_stays_no_name(nlp: Any, text: str, trigger: str, expected: str) -> None:
    """ "an Assyrian village", "the Assyrian town of X", "the Arabian peninsula" (Arabi a known place): whose, not
    the name."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected
