"""Unnamed doers the words imply (resources/actors/implied_agents.tsv): an arrest with no named agent is by the police
of the place; an attack on people named by a noun of a harm only an attacker does ("a stabbing", "a car-ramming",
"gunshot wounds"), with no named doer, is by an Unidentified Armed Group of the place's country in the Event JSON, as
ACLED codes it; a death or a harm verb invents no one; in the ACLED view, a notes text's attacker told before such an
attack is its doer."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.acled import acled_event


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("On 4 May 2025, a stabbing outside a school in Kano wounded two pupils.", "NGA"),
        ("On 4 May 2025, a car-ramming at a tram stop in Haifa wounded five people.", "ISR"),
        ("On 2 June 2025, three bodies with gunshot wounds were found on a road outside Tijuana.", "MEX"),
    ],
)
def test_an_attack_told_by_its_weapon_is_by_an_unidentified_armed_group_of_the_place(text: str, country: str) -> None:
    first = extract_events(text)[0]
    assert first.acled_sub_event_type == "Attack"
    assert first.actor1 is not None and (first.actor1.country, first.actor1.sector) == (country, "UAF")
    assert first.actor1.name is not None and first.actor1.name.startswith("Unidentified Armed Group")


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2025, two people were killed in Beni.",
        "A teenager was stabbed to death by a classmate at a school in Nairobi.",
        "Herders attacked farmers in Benue state, killing seven.",
        "Two villagers were attacked by a crocodile on the banks of the river in Kasese.",
        "A 15-year-old boy was shot dead during a police raid in Rio de Janeiro.",
        "A bus rammed into a truck on the Nairobi-Mombasa highway, killing 12 passengers.",
    ],
)
def test_a_death_or_a_harm_verb_invents_no_attacker(text: str) -> None:
    """A death alone says no one attacked; a harm verb's subject or "by" phrase may name a doer the lexicon does not
    know, or its clause a force's operation: no unidentified group is made up over them."""
    first = extract_events(text)[0]
    assert first.actor1 is None or first.actor1.sector != "UAF", first.actor1


def test_a_named_doer_stays_the_doer() -> None:
    first = extract_events("On 3 May 2025, police shot dead a robbery suspect in Nairobi.")[0]
    assert first.actor1 is not None and first.actor1.sector == "COP"


def test_the_acled_view_takes_the_attacker_told_before_an_attack_whose_doer_is_only_implied() -> None:
    text = (
        "On 9 March 2025, Israeli settlers torched olive trees near Nablus. "
        "Farmers who tried to stop them were attacked with clubs; three were hurt."
    )
    event = acled_event(extract_events(text))
    assert event is not None and event.actor1 is not None
    assert (event.actor1.name, event.actor1.country) == ("Settlers (Israel)", "ISR")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A journalist was arrested in Lima on 3 May 2025.", "PER"),
        ("Two opposition activists were detained in Harare on 3 May 2025.", "ZWE"),
    ],
)
def test_an_arrest_with_no_named_agent_is_by_the_police_of_the_place(text: str, country: str) -> None:
    first = extract_events(text)[0]
    assert first.acled_sub_event_type == "Arrests"
    assert first.actor1 is not None and (first.actor1.country, first.actor1.sector) == (country, "COP")


def test_an_arrest_by_a_named_force_keeps_it() -> None:
    first = extract_events("Soldiers detained two farmers near Gao on 3 May 2025.")[0]
    assert first.actor1 is not None and (first.actor1.country, first.actor1.sector) == ("MLI", "MIL")


@pytest.mark.parametrize(
    "text",
    [
        "On 7 May 2025, four Palestinians were detained in Tubas.",
        "Two teenagers were arrested near Ramallah on 7 May 2025.",
        "On 7 May 2025, a shopkeeper was detained during a night raid in Mombasa.",
        "Three students were arrested in a security operation in Lahore on 7 May 2025.",
    ],
)
def test_no_arrester_is_implied_in_a_territory_without_its_own_forces_or_during_a_raid(text: str) -> None:
    """Where the place's own authorities are not the force that acts there (forceless_places.tsv), or the arrest
    is part of a raid or operation whose doer the text does not name, the place's police are not the arrester."""
    first = extract_events(text)[0]
    assert first.acled_sub_event_type == "Arrests"
    assert first.actor1 is None or first.actor1.sector != "COP", first.actor1
