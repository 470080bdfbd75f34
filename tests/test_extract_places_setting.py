"""Which named place is the event's setting: narrower places the text puts inside others, names the
gazetteer lacks, organisation names, noun triggers and nationality words.

Most sentences are written for these tests in the shapes of wire copy and conflict notes; about 18 phrases are short
excerpts of the event_location dev gold in ../shared/data (ahalterman/event_location, MIT), quoted with this credit.
"""

from __future__ import annotations

from typing import Any

import pytest

from places_helpers import event_place
from storyline.extract.places import event_location, find_places
from storyline.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Five people were killed in a blast that rocked the Beirut southern suburb of Haret Hreik.",
            "killed",
            "Haret Hreik",
        ),
        ("Gunmen killed a village administrator in Mogadishu's Yaqshid district on Sunday.", "killed", "Yaqshid"),
        ("An army officer was shot dead in the al-Tarikh area of Jiddah on Monday.", "shot", "al-Tarikh"),
        ("Troops detonated a tunnel bomb under the stronghold of Zamalka in the East Ghouta.", "detonated", "Zamalka"),
    ],
)
def test_the_narrower_place_named_inside_another_wins(nlp: Any, text: str, trigger: str, expected: str) -> None:
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        pytest.param(
            "Israeli jets struck Khan Younis and Rafah in the south of the Gaza Strip.",
            "struck",
            {"name": "Khan Yunis"},
            id="a_place_listed_beside_another_is_not_inside_it",
        ),
        pytest.param(
            "Government troops shelled rebel positions in Qarqurzeel on Tuesday.",
            "shelled",
            # unresolved: no made-up coordinates
            {"text": "Qarqurzeel", "precision": "unresolved", "lat": None, "lon": None},
            id="a_name_the_gazetteer_lacks_is_the_setting_where_the_trigger_puts_it",
        ),
        pytest.param(
            "The army launched an offensive in Deir Ezzor on Wednesday after talks in Geneva collapsed.",
            "offensive",
            {"text": "Deir Ezzor"},
            id="a_noun_trigger_takes_the_places_of_its_verb",
        ),
        pytest.param(
            "Qatar has been in touch with Hamas officials in Doha and Gaza, the source said, since the Islamist group "
            "launched an assault from Gaza, storming into Israeli towns, killing more than 700 Israelis.",
            "assault",
            {"country": "ISR", "precision": "country"},
            id="an_assault_told_on_by_a_participle_is_placed_by_its_nationality_word",
        ),
        pytest.param(
            "Silva was shot in the chest outside Highland Hospital on Monday.",
            "shot",
            {"text": "Highland Hospital", "precision": "unresolved", "lat": None},
            id="a_named_site_is_not_placed_in_the_town_it_is_named_after",
        ),
        pytest.param(
            "Gunmen killed nine people at the Trujillo prison on Monday.",
            "killed",
            {"name": "Trujillo", "precision": "place"},
            id="a_site_in_lower_case_is_placed_in_its_town",
        ),
        pytest.param(
            "He was shot three times and died at Vanderbilt University Medical Center in Nashville.",
            "shot",
            {
                "text": "Vanderbilt University Medical Center",
                "name": "Nashville",
                "country": "USA",
                "precision": "place",
            },
            id="an_unknown_site_takes_the_point_of_the_town_it_is_in",
        ),
        pytest.param(
            "The Taliban captured Mazar-e-Sharif in May after a long siege.",
            "captured",
            {"name": "Mazar-e Sharif", "country": "AFG"},
            id="a_hyphenated_name_mislabelled_in_part_is_whole",
        ),
        pytest.param(
            "Guerrillas captured strategic heights in Indian Kashmir's Kargil area last year.",
            "captured",
            {"text": "Kargil"},
            id="a_possessor_region_contains_the_named_area",
        ),
        pytest.param(
            "Northeastern rebels first captured Birao on Oct. 29 after a long battle.",
            "captured",
            {"text": "Birao"},
            id="a_name_a_capture_verb_takes_is_its_place",
        ),
        pytest.param(
            "One police officer was shot dead outside the regional capital, Grozny, on Monday.",
            "shot",
            {"name": "Grozny"},
            id="a_name_in_apposition_to_a_settlement_word_is_a_place",
        ),
        pytest.param(
            "Two soldiers were killed on Monday in fighting that has spread across Syria.",
            "killed",
            {"name": "Syria"},
            id="a_country_named_as_a_setting_off_the_path_is_kept",
        ),
        pytest.param(
            "The trader was found stabbed at his Dhantoli residence on Sunday.",
            "stabbed",
            {"text": "Dhantoli", "precision": "unresolved"},
            id="an_unknown_name_on_the_site_the_trigger_puts_the_event_at_is_kept",
        ),
        pytest.param(
            "A car bomb detonated in the town of Mussaiyab on Sunday, the source told Xinhua.",
            "detonated",
            {"text": "Mussaiyab"},
            id="the_outlet_a_source_spoke_to_is_no_setting",
        ),
        pytest.param(
            "DAMASCUS     Two senior commanders have been killed in Syria, according to Iranian media sources.",
            "killed",
            {"text": "Syria"},
            id="a_dateline_does_not_narrow_the_place_the_event_is_in",
        ),
        pytest.param(
            "Gunmen opened fire on a minibus in the north of Mali on Tuesday.",
            "opened",
            {"name": "Mali"},
            id="in_the_north_of_a_country_is_inside_it_not_a_reference_point",
        ),
        pytest.param(
            "Ahmed Saleh, 30, of the village of Beit Ummar near Hebron, opened fire on soldiers in Jerusalem.",
            "opened",
            {"name": "Jerusalem"},
            id="the_place_a_person_is_of_is_no_setting",
        ),
        pytest.param(
            "Gunmen ambushed a convoy near the village of Ouro Baba, Mopti, killing four soldiers.",
            "ambushed",
            {"text": "Ouro Baba", "country": "MLI", "admin1": "Mopti"},
            id="an_unknown_village_written_with_its_region_takes_the_region_point",
        ),
        pytest.param(
            "Soldiers demolished two houses in the village of Kafr Hamra, north of Aleppo, on Monday.",
            "demolished",
            {"text": "Kafr Hamra", "country": "SYR"},
            id="an_unknown_village_beside_a_town_takes_the_town_point",
        ),
        pytest.param(
            "A bomb exploded in the village of Kafr Hamra, 20 km north of Aleppo, killing three people.",
            "exploded",
            {"text": "Kafr Hamra", "precision": "unresolved", "lat": None},
            id="a_town_a_distance_is_measured_from_lends_no_point",
        ),
        pytest.param(
            "Police raided a house in Manchester and arrested two men.",
            "raided",
            {"name": "Manchester", "country": "GBR"},
            id="a_town_the_tagger_calls_a_date_is_a_place_where_a_locative_puts_it",
        ),
        pytest.param(
            "Hundreds of students marched in Tunis in support of Gaza on Friday.",
            "marched",
            {"name": "Tunis"},
            id="a_place_in_support_of_is_no_setting",
        ),
        pytest.param(
            "Rebels seized control of Menaka town after heavy fighting on Sunday.",
            "seized",
            {"country": "MLI"},
            id="a_town_name_tagged_as_an_adjective_and_typed_by_town_is_a_place",
        ),
        pytest.param(
            "Militiamen burned houses in Kwilu province on Monday.",
            "burned",
            {"country": "COD", "admin1": "Kwilu", "precision": "admin1"},
            id="a_congolese_province_of_2015_resolves",
        ),
        pytest.param(
            "A roadside bomb hit a police van in Bajaur district on Friday.",
            "hit",
            {"country": "PAK", "admin2": "Bajaur"},
            id="a_former_pakistani_tribal_agency_resolves_as_a_district",
        ),
    ],
)
def test_the_event_place_is(nlp: Any, text: str, trigger: str, expected: dict[str, object]) -> None:
    place = event_place(nlp, text, trigger)
    assert place is not None
    assert {field: getattr(place, field) for field in expected} == expected


def test_a_name_before_a_site_word_is_a_place(nlp: Any) -> None:
    texts = [loc.text for loc in find_places(nlp("Soldiers shot a man near the Kissufim crossing on Friday.")[:])]
    assert any("Kissufim" in t for t in texts)


def test_the_rest_of_an_organisation_name_is_no_place(nlp: Any) -> None:
    text = "The Islamic State of Iraq and Al-Sham launched an offensive in the countryside of Aleppo on Tuesday."
    place = event_place(nlp, text, "offensive")
    assert place is not None and place.name == "Aleppo"
    assert all("Sham" not in loc.text for loc in find_places(nlp(text)[:]))


def test_a_nationality_word_alone_is_no_place(nlp: Any) -> None:
    assert event_place(nlp, "Israeli soldiers shot two men on Monday.", "shot") is None


def test_a_hyphenated_affiliation_is_no_setting(nlp: Any) -> None:
    place = event_place(nlp, "A London-based group said gunmen killed four people in Mosul on Friday.", "killed")
    assert place is not None and place.name == "Mosul"
    assert event_place(nlp, "A London-based group said gunmen killed four people on Friday.", "killed") is None


def test_a_small_namesake_abroad_stays_unresolved(nlp: Any) -> None:
    text = "Rebel forces captured Lubumbashi, Zaire's second city and capital of Shaba province, last week."
    shaba = next(loc for loc in find_places(nlp(text)[:]) if loc.text.startswith("Shaba"))
    assert shaba.country != "CHN"


def test_a_month_after_in_is_no_place(nlp: Any) -> None:
    assert event_place(nlp, "Police raided a house in May and arrested two men.", "raided") is None


def test_a_lower_case_word_is_no_place_name(nlp: Any) -> None:
    text = "The bomber detonated the device inside a Volkswagen van near the Arab town of Taiba."
    assert all(loc.text != "van" for loc in find_places(nlp(text)[:]))


def test_a_typed_name_tagged_as_a_group_is_a_place_but_a_community_is_not(nlp: Any) -> None:
    texts = [loc.text for loc in find_places(nlp("Thousands demonstrated in the Nusseirat refugee camp on Friday.")[:])]
    assert any(t.startswith("Nusseirat") for t in texts)
    assert find_places(nlp("Gunmen attacked a Sunni neighbourhood on Friday.")[:]) == []


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Rebels captured the town on Monday, and Kenya wants the dispute taken to the United Nations.", "captured"),
        ("He was arrested by police in late 2001 and later flown to Guantanamo Bay.", "arrested"),
        ("The suspect was arrested on Friday, a day after Washington warned of new attacks.", "arrested"),
        ("Police arrested the suspect on Friday after he fled to Nairobi.", "arrested"),
    ],
)
def test_a_place_that_takes_part_in_another_clause_is_no_setting(nlp: Any, text: str, trigger: str) -> None:
    assert event_place(nlp, text, trigger) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Southern Lebanon is patrolled by UN peacekeepers.", "patrolled", "Lebanon"),
        ("Gunmen shot dead a lawyer outside Kenya's capital on Monday.", "shot", "Kenya"),
    ],
)
def test_a_country_as_passive_patient_or_owner_of_a_place_word_is_a_setting(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    place = event_place(nlp, text, trigger)
    assert place is not None and place.name == expected


def test_a_person_shot_is_no_place(nlp: Any) -> None:
    text = "In 1981, assailants shot Oudeh seven times as he stood outside the Victoria Hotel in Warsaw."
    place = event_place(nlp, text, "shot")
    assert place is None or place.text != "Oudeh"
    captured = event_place(nlp, "Rebels captured Birao on Sunday.", "captured")
    assert captured is not None and captured.text == "Birao"
    passive = event_place(nlp, "Moreno was killed by gunmen after he left a bar in this Tijuana suburb.", "killed")
    assert passive is not None and passive.text == "Tijuana"  # Moreno is also a town: the one killed, not where


def test_a_noun_event_takes_the_narrower_town_its_participle_clause_targets(nlp: Any) -> None:
    text = "The army continued its offensive in the northern Hama countryside, targeting the town of Souran."
    place = event_place(nlp, text, "offensive")
    assert place is not None and place.text == "Souran"
    verb = event_place(nlp, "The army attacked Hama on Monday, targeting the town of Souran.", "attacked")
    assert verb is not None and verb.text == "Hama"  # a verb trigger keeps its own place


def test_an_event_that_names_no_place_takes_the_setting_of_another_clause(nlp: Any) -> None:
    place = event_place(nlp, "Specifically, the convoy was struck while it was in the Al-Shoula area.", "struck")
    assert place is not None and place.text == "Al-Shoula"
    assert event_place(nlp, "Police captured the man after he tried to flee Afghanistan.", "captured") is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("A roadside bomb was detonated on a road in Jezzine, just north of the border zone.", "detonated", "Jezzine"),
        (
            "Civilians were killed or wounded when a suicide bomber detonated his explosives inside Kafr Sousah.",
            "killed",
            "Kafr Sousah",
        ),
    ],
)
def test_a_name_the_tagger_mislabels_is_found_where_the_event_or_its_moment_sets_it(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


def test_a_fragment_the_parser_split_off_keeps_its_sentence_place(nlp: Any) -> None:
    text = "At least 11 people were killed on Saturday [31 October] in firing during a clash in Ranipur Town, Sindh."
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == "killed")
    place = event_location(trigger.sent, trigger)
    assert place is not None and place.text.startswith("Ranipur")


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers were wounded on Sunday near Israel's border with the Gaza Strip.",
        "A farmer was shot near Israel's border with Gaza on Sunday.",
    ],
)
def test_the_other_side_of_a_border_is_no_setting(nlp: Any, text: str) -> None:
    """Near "X's border with Y" it happened on X's side: Y, a region or town, is the other side, as a country is."""
    place = event_place(nlp, text, "wounded" if "wounded" in text else "shot")
    assert place is not None and place.country == "ISR"


def test_a_person_read_as_a_town_does_not_decide_the_country_alone(nlp: Any) -> None:
    """A first name tagged a place ("Yuri", a town in Niger) ties with "in Israel": the town is still looked up in
    Israel, not dropped as a namesake abroad."""
    text = "The funeral of Yuri and Anna, who were murdered in their home in Ofakim during the attack, in Israel."
    place = event_place(nlp, text, "murdered")
    assert place is not None and place.text == "Ofakim" and place.country == "ISR"


def test_an_english_region_name_beats_a_small_namesake(nlp: Any) -> None:
    """The name "North Sinai" is Egypt's governorate (admin_aliases.tsv), not the village of Sinai in Ecuador."""
    place = event_place(nlp, "Gunmen killed three soldiers in North Sinai on Monday.", "killed")
    assert place is not None and place.country == "EGY" and place.precision == "admin1"


def test_the_agent_of_a_passive_trigger_is_no_setting(nlp: Any) -> None:
    """ "captured by the ... Alliance in Sudan": the agent (tagged a place) did it; the place it was done is Sudan."""
    place = event_place(
        nlp, "The reporter was captured by the Iran-backed Eastern Alliance in Sudan in March.", "captured"
    )
    assert place is not None and place.text == "Sudan"


def test_a_named_village_near_a_town_is_the_place_at_the_towns_point(nlp: Any) -> None:
    """ "in the X village near Y": X is where it happened, Y only the reference point; X (unknown to the gazetteer)
    takes Y's point and country, as ACLED codes a village by the town it is near."""
    text = "A car bomb exploded in the Qasr village near Baqubah on Monday, killing nine people."
    place = event_place(nlp, text, "exploded")
    assert place is not None and place.text == "Qasr"
    assert place.country == "IRQ" and place.lat is not None


@pytest.mark.parametrize(
    ("text", "trigger", "expected", "town"),
    [
        ("Meanwhile in Mogadishu, a car bomb went off near a checkpoint in Hodan district.", "went", "Hodan", "SOM"),
        ("In Aleppo, rebels attacked an army post in Bustan al-Qasr on Sunday.", "attacked", "Bustan al-Qasr", "SYR"),
        ("In Peshawar, a grenade exploded outside a school in Hayatabad.", "exploded", "Hayatabad", "PAK"),
    ],
)
def test_the_events_own_place_wins_over_a_fronted_frame(
    nlp: Any, text: str, trigger: str, expected: str, town: str
) -> None:
    """ "In X, ... in Y": the fronted phrase says where the story is, the trigger's own locative where the event
    was; Y, unknown to the gazetteer, takes the frame town's point and country."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected
    assert place.country == town and place.lat is not None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("In Baghdad, a roadside bomb exploded near a police patrol on Monday.", "exploded", "Baghdad"),
        ("In Paris, thousands marched against the reform, as unions across Europe called strikes.", "marched", "Paris"),
        ("In Kabul, gunmen shot dead a judge outside a court, north of the city centre.", "shot", "Kabul"),
    ],
)
def test_a_fronted_frame_stays_the_place_when_the_event_names_no_other(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    """No own place below a country (a wide region, a direction, nothing): the frame is the setting."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Two soldiers were killed in neighboring Kenya on Monday.", "killed", "Kenya"),
        ("Rebels were captured in bordering Rwanda.", "captured", "Rwanda"),
        ("Two aid workers were abducted in neighboring Chad on Saturday.", "abducted", "Chad"),
        ("Three traders were kidnapped in neighbouring Cameroon on Friday.", "kidnapped", "Cameroon"),
    ],
)
def test_a_place_after_a_nearness_participle_is_the_prepositions_object(
    nlp: Any, text: str, trigger: str, expected: str
) -> None:
    """ "in neighboring Kenya": the parser may read "neighboring" as a verb taking Kenya; Kenya is still where."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected", "admin1"),
    [
        ("Two civilians were killed in Pokrovsk, Donetsk region.", "killed", "Pokrovsk", "Donetsk"),
        ("A drone hit a house in Kupiansk, Kharkiv region, on Monday.", "hit", "Kupiansk", "Kharkiv"),
    ],
)
def test_a_region_word_after_a_name_asks_for_the_region(
    nlp: Any, text: str, trigger: str, expected: str, admin1: str
) -> None:
    """ "X, Donetsk region": the Ukrainian oblast, not a Russian town named Donetsk; the town is placed in it."""
    place = event_place(nlp, text, trigger)
    assert place is not None and place.text == expected
    assert place.country == "UKR" and place.admin1 == admin1
