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
