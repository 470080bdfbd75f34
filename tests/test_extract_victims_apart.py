"""Victims' countries: two in one harm (conjoined people, conjoined places, a second figure with its own place);
attackers killed in a raid on a country, of its foe; no country from the event's own doer; a breakaway
entity's place gives its state."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


def _victim_countries(text: str) -> set[str | None]:
    """The countries of the victims of a text's violent events."""
    return {e.actor2.country for e in extract_events(text) if e.type == "ASSAULT" and e.actor2 is not None}


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # conjoined people of two nationalities, with and without "both"
        ("Israelis and Palestinians have died in the violence.", {"ISR", "PSE"}),
        ("Both Israelis and Palestinians have died in the violence.", {"ISR", "PSE"}),
        ("Israeli soldiers and Palestinian gunmen were killed in the clashes.", {"ISR", "PSE"}),
        # a second figure whose place the parser hung on the verb
        ("The war has killed more than 1,400 people in Israel and at least 2,700 in Gaza.", {"ISR", "PSE"}),
        # people in conjoined places of two countries
        ("The violence has killed civilians in both Israel and Gaza.", {"ISR", "PSE"}),
    ],
)
def test_victims_of_two_countries_in_one_harm(text: str, countries: set[str]) -> None:
    assert _victim_countries(text) == countries


def test_soldiers_of_no_named_country_do_not_take_their_conjuncts_nationality() -> None:
    assert "PSE" not in {c for c in _victim_countries("Soldiers and Palestinian gunmen were killed in the clashes.")}


def test_people_the_blame_falls_on_are_no_victims_conjoined() -> None:
    text = "Readers blamed both the army and the rebels for the children who have been killed this month."
    assert len(_victim_countries(text)) <= 1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Several attackers were killed during the assault on Armenia.", "AZE"),
        ("Dozens of the attackers died in the incursion into Ukraine.", "RUS"),
    ],
)
def test_attackers_killed_in_a_raid_on_a_country_are_of_its_foe(text: str, country: str) -> None:
    assert _victim_countries(text) == {country}


@pytest.mark.parametrize(
    ("text", "not_country"),
    [
        ("Two attackers were killed in Makhachkala, Russia, after storming a police post, officials said.", "UKR"),
        ("Five attackers were killed when they stormed a mosque in Moscow.", "UKR"),
        ("Four assailants were killed in the attack on a checkpoint in Nablus.", "ISR"),
        ("Two of the attackers were killed in Lagos.", "NGA"),
    ],
)
def test_where_attackers_die_does_not_give_them_the_foes_side(text: str, not_country: str) -> None:
    assert not_country not in _victim_countries(text)


def test_the_events_own_doer_gives_its_victims_no_country() -> None:
    assert _victim_countries("Russian officials do not deny killing civilians.") == {None}


def test_a_teller_of_a_passive_harm_still_tells_whose_dead() -> None:
    assert _victim_countries("The Sudanese health ministry said 40 people had been killed since Friday.") == {"SDN"}


@pytest.mark.parametrize(
    "text",
    ["Shelling killed four civilians in Donetsk on Tuesday.", "Three people were killed in Luhansk when a shell hit."],
)
def test_people_killed_in_a_breakaway_entity_are_of_its_state(text: str) -> None:
    assert _victim_countries(text) == {"UKR"}


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        (
            "Aid workers blame the Israeli bombardment and the Hamas rocket fire, which together have killed hundreds"
            " of civilians.",
            {"ISR", "PSE"},
        ),
        (
            "Residents fear the Russian offensive and the Ukrainian counterattack, which together have killed thousands"
            " of civilians.",
            {"RUS", "UKR"},
        ),
    ],
)
def test_a_relative_clause_of_conjoined_doers_of_two_sides_hurt_each_sides_people(
    text: str, countries: set[str]
) -> None:
    assert _victim_countries(text) == countries


def test_a_singular_relative_clause_is_its_antecedents_alone() -> None:
    text = (
        "Aid workers blame the Israeli bombardment and the Hamas rocket fire, which has killed hundreds of civilians."
    )
    assert len(_victim_countries(text)) == 1
