"""Whose armed men an actor names: a body's police, a stateless named group where it fights, unnamed militants, and
the sides of a clash told after a time phrase."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.actors import DocActors, find_mentions, with_country
from storyline.models import Actor
from storyline.nlp import load_nlp


def _agent(text: str) -> Actor | None:
    """actor1 of the text's most salient event."""
    events = extract_events(text)
    assert events, text
    return events[0].actor1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Houthi police arrested two aid workers in Sanaa on Tuesday.", "YEM"),
        ("Hamas police detained a journalist in Khan Younis.", "PSE"),
    ],
)
def test_the_police_of_any_body_are_police(text: str, country: str) -> None:
    agent = _agent(text)
    assert agent is not None and (agent.country, agent.sector) == (country, "COP"), agent
    assert agent.name is not None and agent.name.startswith("Police Forces of"), agent


def test_a_named_armed_group_of_no_country_takes_the_country_where_it_fights() -> None:
    agent = _agent("Islamic State fighters killed seven shepherds near Raqqa on Sunday.")
    assert agent is not None and (agent.name, agent.country, agent.sector) == ("Islamic State", "SYR", "REB"), agent


def test_an_international_body_stays_of_no_country() -> None:
    agent = _agent("NATO troops attacked a Taliban position in Helmand.")
    assert agent is not None and agent.name == "NATO" and agent.country is None, agent


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Militants ambushed a police van near Quetta, killing three officers.", "PAK", "UAF"),
        ("Jihadists raided a village in Tillaberi and killed nine men.", "NER", "UAF"),
        ("Afghan militants ambushed a police van in Kandahar, killing three officers.", "AFG", "REB"),
        ("Militants loyal to a local warlord ambushed a police van in Kandahar.", "AFG", "REB"),
    ],
)
def test_militants_told_as_no_ones_are_an_unidentified_armed_group(text: str, country: str, sector: str) -> None:
    agent = _agent(text)
    assert agent is not None and (agent.country, agent.sector) == (country, sector), agent


def test_the_sides_of_a_clash_told_after_a_time_phrase() -> None:
    text = "Gunfire was exchanged for hours between police and gang members in Port-au-Prince; two officers died."
    agent = _agent(text)
    assert agent is not None and agent.sector == "COP", agent


def test_a_local_alias_is_its_group_where_the_event_is_placed_in_the_groups_country() -> None:
    agent = _agent("Maoist rebels torched two trucks in Gadchiroli on Friday.")
    assert agent is not None and (agent.name, agent.country) == ("Communist Party of India (Maoist)", "IND"), agent
    elsewhere = _agent("Maoist rebels attacked a police post in Rolpa, Nepal.")
    assert elsewhere is not None and elsewhere.name != "Communist Party of India (Maoist)", elsewhere


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of worshippers protested outside the ministry in Amman on Friday.",
        "Nurses demonstrated outside parliament in Nairobi over unpaid wages.",
    ],
)
def test_people_named_by_faith_or_trade_who_protest_are_protesters(text: str) -> None:
    agent = _agent(text)
    assert agent is not None and agent.sector == "PRO", agent


def test_fighters_led_by_a_named_group_are_the_group() -> None:
    agent = _agent("Rebel fighters led by the M23 entered Goma without resistance.")
    assert agent is not None and agent.name == "M23", agent


def test_unnamed_opposition_supporters_who_march_are_protesters() -> None:
    agent = _agent("Opposition supporters marched through Harare on Saturday.")
    assert agent is not None and agent.sector == "PRO", agent


def test_residents_of_a_town_are_of_its_country() -> None:
    text = "Residents of Kabul said the water had been cut for a week."
    sent = next(load_nlp()(text).sents)
    found = [m.actor for m in find_mentions(sent, DocActors.scan(text)) if m.actor.text == "Residents"]
    assert found and found[0].country == "AFG", found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Masked men from the Arakan Army set fire to houses in a village near Buthidaung on Tuesday.", "Arakan Army"),
        ("Armed men led by Fano ambushed a bus on the road to Gondar, killing three passengers.", "Fano"),
        ("Masked men of the Allied Democratic Forces raided a farm near Beni at night.", "Allied Democratic Forces"),
    ],
)
def test_armed_men_of_a_named_group_are_the_group(text: str, name: str) -> None:
    agent = _agent(text)
    assert agent is not None and agent.name == name, agent


def test_unnamed_armed_groups_fighting_over_a_place_are_unidentified() -> None:
    agent = _agent("Two rival armed groups battled over a gold mine in Zamfara on Friday, killing four miners.")
    assert agent is not None and agent.sector == "UAF", agent


def test_a_political_crowd_that_beheads_is_an_armed_group() -> None:
    events = extract_events("Partisans of the ousted governor beheaded a village chief near Bangui on Sunday.")
    agent = events[0].actor1
    assert agent is not None and agent.sector == "UAF", agent
    assert events[0].acled_sub_event_type != "Violent demonstration", events[0]


def test_unnamed_troops_in_a_territory_with_no_army_take_the_state_the_text_names() -> None:
    agent = _agent("Israeli tanks pushed into Rafah on 4 May 2024; troops stormed a school in Khan Younis.")
    assert agent is not None and (agent.country, agent.sector) == ("ISR", "MIL"), agent


def test_unnamed_soldiers_in_a_territory_with_no_army_take_no_country_from_the_place() -> None:
    agent = _agent("Soldiers raided a clinic in Nablus on Tuesday and detained three nurses.")
    assert agent is not None and agent.sector == "MIL" and agent.country != "PSE", agent


def test_unnamed_soldiers_elsewhere_take_the_place_country() -> None:
    agent = _agent("Soldiers raided a clinic in Kandahar on Tuesday and detained three nurses.")
    assert agent is not None and (agent.country, agent.sector) == ("AFG", "MIL"), agent


def test_supporters_of_any_sector_who_ambush_are_an_armed_group() -> None:
    events = extract_events("Supporters of a senator ambushed a police patrol near Jos, killing two officers.")
    agent = events[0].actor1
    assert agent is not None and agent.sector == "UAF", agent


@pytest.mark.parametrize(
    ("text", "bystander"),
    [
        (
            "Soldiers raided a clinic in Nablus on Tuesday and detained three nurses, Jordan's foreign ministry said.",
            "JOR",
        ),
        ("Troops stormed a hospital in Gaza City as talks in Qatar stalled.", "QAT"),
        ("Troops stormed a school in Khan Younis, days after Iran's missile attack on Israel.", "IRN"),
    ],
)
def test_a_state_that_only_speaks_or_hosts_gives_unnamed_soldiers_not_its_country(text: str, bystander: str) -> None:
    agent = _agent(text)
    assert agent is not None and agent.sector == "MIL" and agent.country not in (bystander, "PSE"), agent


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("A bomber attacked a checkpoint in Mogadishu, killing four soldiers.", "UAF"),  # one person
        ("Russian bombers struck Kharkiv overnight.", "MIL"),  # planes
        ("A Russian bomber struck Kharkiv overnight.", "MIL"),  # a state's plane
    ],
)
def test_a_lone_bomber_is_a_person_and_bombers_are_planes(text: str, sector: str) -> None:
    agent = _agent(text)
    assert agent is not None and agent.sector == sector, agent


@pytest.mark.parametrize(
    "text",
    [
        "Troops opened fire on a car near Nablus on Monday, killing two men.",
        "Tanks shelled houses in eastern Rafah on Tuesday, killing a woman.",
        "Soldiers arrested four men in a night raid on Tubas camp.",
        "An air strike on a tent in Deir al-Balah killed six people on Sunday.",
    ],
)
def test_unnamed_forces_in_a_territory_without_an_army_are_of_the_state_operating_there(text: str) -> None:
    agent = _agent(text)
    assert agent is not None and (agent.name, agent.country, agent.sector) == (
        "Military Forces of Israel",
        "ISR",
        "MIL",
    ), agent


def test_police_and_armed_groups_in_that_territory_keep_its_country() -> None:
    police = _agent("Police arrested a man in Hebron on Tuesday.")
    assert police is not None and (police.country, police.sector) == ("PSE", "COP"), police
    gunmen = _agent("Gunmen opened fire on a bus near Ramallah on Friday.")
    assert gunmen is not None and (gunmen.country, gunmen.sector) == ("PSE", "UAF"), gunmen


def test_the_operating_force_is_given_to_an_army_noun_of_no_owner_and_no_name() -> None:
    assert with_country(Actor("troops", "troops", None, "MIL"), "PSE").country == "ISR"
    assert with_country(Actor("police", "police", None, "COP"), "PSE").country == "PSE"
    assert with_country(Actor("NATO troops", "NATO", None, "MIL"), "PSE").country is None
    assert with_country(Actor("their troops", "their troops", None, "MIL"), "PSE").country is None
    assert with_country(Actor("the group's fighters", "the group's fighters", None, "MIL"), "PSE").country is None


@pytest.mark.parametrize(
    "text",
    [
        "Security forces arrested five Hamas members in Nablus on Tuesday.",
        "Security forces fired tear gas at students marching in Ramallah over the arrest of a lecturer.",
    ],
)
def test_forces_any_armed_service_may_be_take_no_operating_force(text: str) -> None:
    forces = [e.actor1 for e in extract_events(text) if e.actor1 is not None and "forces" in e.actor1.text]
    assert forces and all(a.country is None for a in forces), forces


@pytest.mark.parametrize(
    "text",
    [
        "Artillery shells slammed into apartment blocks in Kharkiv overnight, killing four people.",
        "Tank shells hit a market in Kherson on Monday, wounding 12 people.",
    ],
)
def test_arms_that_hit_a_place_take_no_country_from_it(text: str) -> None:
    event = extract_events(text)[0]
    assert event.actor1 is not None and event.actor1.country is None, event.actor1
    assert event.actor2 is not None and event.actor2.country == "UKR", event.actor2


@pytest.mark.parametrize(
    "text",
    [
        "Tank shells landed on a school in Shujaiya on Wednesday, wounding three people.",
        "Two gunboats shelled a fishing boat off Deir al-Balah at dawn.",
    ],
)
def test_an_armys_arms_told_as_the_ones_that_struck_are_its_forces(text: str) -> None:
    agent = _agent(text)
    assert agent is not None and (agent.country, agent.sector) == ("ISR", "MIL"), agent
