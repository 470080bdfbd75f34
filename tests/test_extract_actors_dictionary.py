"""Actor country and sector from the words of a mention (session 7, self-written sentences)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.actors import _place_country


def test_a_title_takes_the_sector_of_its_last_word() -> None:
    events = extract_events("Italian National Council president Marco Rossi held talks with Greek officials.")
    actor = next(e.actor1 for e in events if e.actor1 is not None)
    assert actor.country == "ITA" and actor.sector == "GOV"


def test_a_national_of_a_country_is_a_civilian() -> None:
    events = extract_events("A Canadian national was arrested in Iran on Monday.")
    actor = next(e.actor2 for e in events if e.actor2 is not None)
    assert actor.country == "CAN" and actor.sector == "CVL"


def test_a_direction_and_a_country_name_a_part_of_that_country() -> None:
    assert _place_country("South Lebanon") == "LBN"  # not the town in Ohio
    assert _place_country("Northern Ireland") == "GBR"  # a region the gazetteer knows stays its own
    assert _place_country("West Bank") == "PSE"
    assert _place_country("North Sinai") == "EGY" and _place_country("Sinai") == "EGY"  # not a village in Ecuador


def test_a_place_noun_acted_on_stands_for_the_people_it_is_for() -> None:
    events = extract_events("A camp for Sudanese refugees was shelled by government forces in Chad.")
    event = next(e for e in events if e.type == "ASSAULT")
    assert event.actor2 is not None and event.actor2.text == "Sudanese refugees"
    assert event.actor2.country == "SDN" and event.actor2.sector == "REF"


def test_military_police_are_the_military() -> None:
    events = extract_events("Egyptian military police arrested two activists in Cairo.")
    actor = next(e.actor1 for e in events if e.actor1 is not None)
    assert actor.country == "EGY" and actor.sector == "MIL"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Agents of the security service raided the offices of an opposition newspaper in Baku.", "AZE"),
        ("The security services of Uzbekistan detained a poet in Tashkent.", "UZB"),
        ("In Almaty, the state security service arrested two bloggers on Friday.", "KAZ"),
    ],
)
def test_a_states_security_service_is_its_police(text: str, country: str) -> None:
    actor = next(e.actor1 for e in extract_events(text) if e.actor1 is not None)
    assert actor.country == country and actor.sector == "COP"


def test_a_private_security_agency_is_no_police() -> None:
    events = extract_events("Guards from a private security agency opened fire on protesters, killing two.")
    actor = next(e.actor1 for e in events if e.actor1 is not None)
    assert actor.sector not in ("COP", "MIL", "GOV")


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The rebel chief signed a ceasefire with the government in Bangui.", "REB"),
        ("A militia chief ordered his men to attack the camp near Bunia.", "REB"),
        ("The police chief in Kano banned all rallies on Friday.", "COP"),
    ],
)
def test_a_chief_is_of_the_kind_of_body_the_word_before_it_names(text: str, sector: str) -> None:
    actor = next(e.actor1 for e in extract_events(text) if e.actor1 is not None)
    assert actor.text.lower().endswith("chief") and actor.sector == sector


def test_displaced_people_are_refugees() -> None:
    events = extract_events("Militiamen attacked displaced Congolese families near Goma.")
    actor = next(e.actor2 for e in events if e.actor2 is not None)
    assert actor.country == "COD" and actor.sector == "REF"


def test_a_namesake_in_a_country_the_text_names_comes_first() -> None:
    events = extract_events("Rival militias in Tripoli clashed overnight, the Lebanese army said.")
    assert events[0].actor1 is not None and events[0].actor1.sector == "REB"
    assert events[0].actor1.country == "LBN"  # Lebanon's Tripoli, not Libya's capital


def test_a_sentence_initial_plural_taken_for_a_name_keeps_its_kind() -> None:
    events = extract_events("Militias seized the town on Friday.")
    assert events[0].actor1 is not None and events[0].actor1.sector == "REB"


def test_a_collective_of_a_named_group_is_the_group() -> None:
    events = extract_events("A crowd of Israeli settlers set fire to cars in Huwara.")
    actor = next(e.actor1 for e in events if e.actor1 is not None)
    assert actor.country == "ISR" and actor.name == "Settlers (Israel)"


def test_criminal_cartels_are_unidentified_armed_forces_not_rebels() -> None:
    events = extract_events("Gunmen of the Jalisco New Generation Cartel ambushed police in Michoacan.")
    assert events[0].actor1 is not None and events[0].actor1.sector == "UAF"


def test_a_participle_before_a_noun_is_no_armed_force() -> None:
    events = extract_events("Striking dockworkers blocked the port of Santos on Monday.")
    assert events[0].actor1 is None or events[0].actor1.sector != "MIL"  # "striking" is no airstrike


def test_curated_groups_maoists_and_colectivos() -> None:
    events = extract_events("Maoist rebels ambushed a police patrol in Dantewada, Chhattisgarh, killing four officers.")
    assert events[0].actor1 is not None and events[0].actor1.name == "Communist Party of India (Maoist)"
    events = extract_events("Armed colectivos attacked opposition marchers in Caracas.")
    assert events[0].actor1 is not None and events[0].actor1.country == "VEN"


@pytest.mark.parametrize(
    "text",
    [
        "Maoist insurgents attacked a police post in western Nepal on Sunday, the army said.",
        "Maoists torched three trucks on a highway overnight.",
    ],
)
def test_a_generic_maoist_name_is_india_s_group_only_where_the_text_places_it_there(text: str) -> None:
    actor = next(e.actor1 for e in extract_events(text) if e.actor1 is not None)
    assert actor.name != "Communist Party of India (Maoist)" and actor.country != "IND"


def test_the_troops_of_an_international_organisation_are_a_military_under_its_name() -> None:
    events = extract_events("African Union troops clashed with Shabaab fighters near Baidoa.")
    actor = events[0].actor1
    assert actor is not None and actor.name == "African Union" and actor.sector == "MIL" and actor.country is None
    events = extract_events("The African Union condemned the killing of two aid workers.")
    assert any(e.actor1 is not None and e.actor1.sector == "IGO" for e in events)


def test_ambazonian_names_the_separatists_only_as_fighters() -> None:
    events = extract_events("Ambazonian fighters kidnapped two lorry drivers near Kumba.")
    assert events[0].actor1 is not None and events[0].actor1.name == "Ambazonian separatists"
    events = extract_events("Soldiers killed two Ambazonian teachers in Buea.")  # civilians, not the armed group
    assert events[0].actor2 is not None and events[0].actor2.sector != "REB"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "On 3 May 2025, Naga National Liberation Army fighters ambushed an army patrol near Ukhrul (Manipur).",
            "Unidentified Armed Group (India)",
            "IND",
        ),
        ("On 4 May 2025, National Liberation Army rebels attacked a police post in Arauca.", "ELN", "COL"),
        ("On 4 May 2025, Colombia's National Liberation Army attacked a police post in Arauca.", "ELN", "COL"),
        ("Ambush By National Liberation Army Leaves Four Police Officers Dead In Cucuta", "ELN", "COL"),  # a headline
        # a proper noun opening the sentence runs into the name; an adjective or participle does not
        (
            "Kuki National Liberation Army gunmen torched houses near Churachandpur.",
            "Unidentified Armed Group (India)",
            "IND",
        ),
        ("Alleged National Liberation Army members bombed a pipeline in Saravena.", "ELN", "COL"),
        ("Suspected Islamic State fighters killed five villagers near Tillaberi.", "Islamic State", "NER"),
    ],
)
def test_a_groups_name_inside_a_longer_proper_name_is_not_that_group(text: str, name: str, country: str) -> None:
    """ "Naga National Liberation Army" is not Colombia's National Liberation Army (the ELN)."""
    agent = extract_events(text)[0].actor1
    assert agent is not None and (agent.name, agent.country) == (name, country), agent


def test_an_armed_campaign_named_by_its_force_is_no_actor() -> None:
    """ "military action", "a military operation" name an act, not the force's thing ("an army convoy" is one)."""
    threat = extract_events("Ankara threatened military action against Kurdish fighters in northern Iraq.")[0]
    assert threat.actor2 is not None and threat.actor2.text == "Kurdish fighters", threat.actor2
    ambush = extract_events("An army convoy was ambushed near Gao.")[0]
    assert ambush.actor2 is not None and ambush.actor2.sector == "MIL", ambush.actor2


def test_marchers_for_a_country_are_a_crowd_not_that_countrys_forces() -> None:
    """ "Pro-Russian marchers": marchers are protesters, and "pro-X" names a cause, not their nationality."""
    first = extract_events("Pro-Russian marchers threw bottles at riot police outside the parliament in Chisinau.")[0]
    assert first.actor1 is not None and first.actor1.sector in ("PRO", "RIO"), first.actor1
    assert first.actor1.country == "MDA", first.actor1


@pytest.mark.parametrize(
    "text", ["Nigerien troops repelled an assault on their base on Sunday.", "Gunmen ambushed a Nigerien army patrol."]
)
def test_niger_s_own_demonym_names_its_forces(text: str) -> None:
    actors = [a for e in extract_events(text) for a in (e.actor1, e.actor2) if a is not None and a.sector == "MIL"]
    assert actors and actors[0].country == "NER"


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Two Britons were killed in the attack on the hotel in Sousse.", "Two Britons"),
        ("Gunmen shot dead three Scots near the border with Mali.", "three Scots"),
    ],
)
def test_britons_and_scots_are_british(text: str, victims: str) -> None:
    actor = next(e.actor2 for e in extract_events(text) if e.actor2 is not None)
    assert actor.text == victims and actor.country == "GBR"


@pytest.mark.parametrize(
    "text",
    [
        "A guardsman was shot dead at a checkpoint in Caracas on Sunday.",
        "Two guardsmen were wounded in Kyiv by a blast.",
    ],
)
def test_a_guardsman_is_a_soldier(text: str) -> None:
    hit = extract_events(text)[0].actor2
    assert hit is not None and hit.sector == "MIL", hit
