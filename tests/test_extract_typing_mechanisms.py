"""Session-7 typing mechanisms: phrases split by their object, weapon words on the doer's name, senses of refused
words, found bodies, clashes with armed men, crowds as attackers (self-written sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type as _sub_type


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a verb-and-object phrase whose object has words of its own; the weapon modifies that object
        ("Government troops opened artillery fire on rebel positions near Kidal.", "Shelling/artillery/missile attack"),
        # a weapon word that is the doer's name ("Air Force") modifies the trigger noun
        ("A Sudanese Air Force bombardment struck a market in Nyala, killing 20.", "Air/drone strike"),
        ("Kenyan troops engaged al-Shabaab fighters in the Boni forest on Monday.", "Armed clash"),
        ("Police and cartel gunmen were locked in a shootout that left three dead in Sinaloa.", "Armed clash"),
        ("Air defences downed two cruise missiles over Kyiv overnight.", "Disrupted weapons use"),
        ("Officials declared Sirte liberated from Islamic State fighters on Saturday.", "Government regains territory"),
    ],
)
def test_battles_and_remote_violence(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The bodies of four men with bullet wounds were found near Tumaco.", "Attack"),
        ("The bodies of 12 people were discovered in a field outside Izium.", "Other"),
        (
            "Relatives said he was picked up by police in Quetta and his whereabouts are unknown.",
            "Abduction/forced disappearance",
        ),
        ("Villagers attacked and killed two suspected cattle rustlers in Turkana.", "Mob violence"),
        ("Supporters of rival parties attacked each other with machetes in Blantyre.", "Mob violence"),
        ("Opposition supporters ransacked shops and barricaded roads in Conakry.", "Violent demonstration"),
        ("Survivors said fighters held dozens of Yazidi women in sexual slavery near Sinjar.", "Sexual violence"),
        ("Thirty people were poisoned by chlorine released during a shelling attack on the town.", "Chemical weapon"),
    ],
)
def test_violence_against_civilians_and_riots(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Rival militia factions signed a pledge of non-aggression in Bangui.", "Agreement"),
        (
            "The militia handed over its heavy weapons to the army under last year's peace deal.",
            "Change to group/activity",
        ),
        ("Authorities suspended internet access across Balochistan for three days.", "Other"),
    ],
)
def test_strategic_developments(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The factory released steam from its cooling towers overnight.",
        "Parents took their children from school early because of the snow.",
        "She found the body of the email was empty.",
        "The company engaged consultants to review its accounts.",
    ],
)
def test_no_event(text: str) -> None:
    assert _sub_type(text) is None, [e.to_dict() for e in extract_events(text)]


def test_taken_and_missing_since_is_a_disappearance() -> None:
    text = "A lawyer has been missing since security agents took him from his office in Lahore."
    assert _sub_type(text) == "Abduction/forced disappearance"
    assert _sub_type("He missed the bus and took a taxi to Lahore.") is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # non-lethal weapons that injure are an intervention; live fire or deaths are excessive force
        (
            "Police fired tear gas and rubber bullets at teachers protesting in Harare, injuring five.",
            "Protest with intervention",
        ),
        (
            "Police fired live rounds at teachers protesting in Harare, killing one.",
            "Excessive force against protesters",
        ),
        # forces firing on a crowd that throws stones answer a riot
        (
            "Troops fired on youths who were hurling stones at a patrol in Srinagar, wounding four.",
            "Violent demonstration",
        ),
        ("Dock workers clashed with police outside the port in Durban.", "Violent demonstration"),
        ("Fighting erupted between two rival militias in Tripoli, killing a passer-by.", "Armed clash"),
        ("Rebel fighters moved into the town unopposed after the garrison left.", "Non-violent transfer of territory"),
        ("Militia fighters entered Kidal hours after the army pulled out.", "Non-violent transfer of territory"),
        ("Russian jets and artillery pounded the outskirts of Idlib overnight.", "Air/drone strike"),
    ],
)
def test_protests_riots_and_movements(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("A militant drove a truck laden with explosives into the gate of a military base near Gao.", "Suicide bomb"),
        ("A man drove his car into a crowd of shoppers in Magdeburg, killing five.", "Attack"),
        (
            "A breakaway faction of the rebel alliance announced its split from the coalition.",
            "Change to group/activity",
        ),
        ("The armed group took a new name after merging with two smaller militias.", "Change to group/activity"),
    ],
)
def test_rammings_and_group_changes(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    ["She drove into town for groceries.", "The company took the name of its founder.", "The couple split the bill."],
)
def test_no_ramming_or_group_change(text: str) -> None:
    assert _sub_type(text) is None, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The dispute poisoned relations between the two neighbours.",
        "The scandal has poisoned the atmosphere in parliament.",
        "The car was driven into a wall by a drunk driver.",
        "A car drove into a building in the city centre.",
        "Fans found the bodies of two dolphins on the beach.",
    ],
)
def test_no_event_in_ordinary_senses(text: str) -> None:
    assert extract_events(text) == [], [e.to_dict() for e in extract_events(text)]


def test_a_released_chemical_is_no_release() -> None:
    events = extract_events("Thirty people were poisoned by chlorine released during a shelling attack on the town.")
    assert [e.type for e in events] == ["ASSAULT"], [e.to_dict() for e in events]


def test_pulling_without_out_is_no_withdrawal() -> None:
    text = "Troops moved into the town and pulled the bodies from the rubble."
    assert _sub_type(text) != "Non-violent transfer of territory", [e.to_dict() for e in extract_events(text)]
