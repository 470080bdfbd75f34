"""An attack told with no doer, whose sentence names its doer by a noun ("the assailant, a ..."): that one did it."""

from __future__ import annotations

from storyline.extract import extract_events


def test_the_assailant_the_sentence_names_did_the_attack_with_the_nationality_of_the_appositive() -> None:
    events = extract_events(
        "A guard was stabbed at a checkpoint near Hebron; the attacker, a Jordanian national, was arrested."
    )
    agent = events[0].actor1
    assert agent is not None and (agent.country, agent.sector) == ("JOR", "UAF"), agent


def test_the_doer_noun_hit_by_the_attack_is_not_its_doer() -> None:
    events = extract_events("The gunman was killed by police in a shootout in Sydney.")
    agent = events[0].actor1
    assert agent is not None and agent.sector == "COP", agent


def _texts(actor: object) -> str:
    return getattr(actor, "text", "") or ""


def test_the_doer_noun_the_trigger_itself_hurt_is_not_its_doer() -> None:
    events = extract_events("Officers said the gunman was shot and wounded outside a bank in Lille.")
    assert events and all("gunman" not in _texts(e.actor1) for e in events), [e.actor1 for e in events]


def test_the_doer_noun_killed_in_the_fight_is_on_one_side_only() -> None:
    events = extract_events("The gunman was killed in a firefight at a roadblock near Gao.")
    assert events and all("gunman" not in _texts(e.actor1) for e in events), [e.actor1 for e in events]


def test_the_doer_noun_killed_in_the_clause_the_trigger_hangs_on_is_not_its_doer() -> None:
    events = extract_events("The suicide bomber was killed when his explosives went off early near a market in Kano.")
    assert events and all("bomber" not in _texts(e.actor1) for e in events), [e.actor1 for e in events]


def test_the_doer_noun_hurt_in_a_clause_of_his_own_stays_the_doer() -> None:
    events = extract_events("Three nurses were wounded in a stabbing at a clinic in Graz; the attacker was shot dead.")
    assert "attacker" in _texts(events[0].actor1), events[0].actor1


def test_who_fired_the_weapon_that_hit_did_the_attack() -> None:
    events = extract_events("A drone launched by Hezbollah struck an army base near Nahariya on Tuesday.")
    agent = events[0].actor1
    assert agent is not None and (agent.name, agent.sector) == ("Hezbollah", "REB"), agent


def test_who_fired_the_weapon_a_passive_names_did_the_attack() -> None:
    events = extract_events("A fuel depot in Marib was hit by a drone launched by the Houthis on Sunday.")
    agent = events[0].actor1
    assert agent is not None and (agent.name, agent.sector) == ("Houthis", "REB"), agent


def test_people_fired_by_an_employer_are_not_fired_weapons() -> None:
    events = extract_events("Workers fired by the company protested outside the factory on Monday.")
    agent = events[0].actor1
    assert agent is not None and "company" not in agent.text, agent


def test_who_threw_the_grenade_did_the_attack() -> None:
    events = extract_events("A grenade thrown by a man on a motorbike wounded three shoppers in Bujumbura.")
    agent = events[0].actor1
    assert agent is not None and "man" in agent.text, agent


def test_the_doer_noun_a_part_of_which_was_killed_is_not_the_doer_of_its_killing() -> None:
    events = extract_events(
        "Militants attacked an army post near Bannu before dawn. Three of the attackers died in the gunfight."
    )
    later = [e for e in events if "attackers" in _texts(e.actor2)]
    assert later and all("attackers" not in _texts(e.actor1) for e in later), [(e.actor1, e.actor2) for e in events]


def test_arms_fired_by_someone_are_not_whom_the_firing_hit() -> None:
    events = extract_events("Artillery shells fired by the army hit a clinic in El Fasher on Sunday.")
    assert events and "shells" not in _texts(events[0].actor2), events[0].actor2
    assert events[0].actor1 is not None and "army" in _texts(events[0].actor1), events[0].actor1


def test_the_armed_source_of_arms_a_passive_names_did_the_attack() -> None:
    events = extract_events("A bus was hit by a missile from a Russian drone near Kherson, killing two passengers.")
    agent = events[0].actor1
    assert agent is not None and (agent.country, agent.sector) == ("RUS", "MIL"), agent
