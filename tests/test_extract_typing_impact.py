"""Session-10 typing mechanisms: a weapon as the doer of a verb of hitting or damaging, "come under" fire, weapons
disrupted as the object (not the doer) of their verb, verbs of violence in synonym families, gatherings to demand,
crowd-control arrests, a new leader named by an armed group (self-written sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type as _sub_type


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a weapon as the subject or "by" agent of a verb of hitting, crashing or damaging
        ("A grenade thrown by two men damaged the gate of a court building in Srinagar.", "Grenade"),
        ("Shops in the old market were damaged by artillery fire.", "Shelling/artillery/missile attack"),
        ("A rocket crashed into a kindergarten in Ashkelon, wounding a guard.", "Shelling/artillery/missile attack"),
        ("An exploding drone smashed into an apartment block in Odesa before dawn.", "Air/drone strike"),
        ("A military convoy came under mortar fire on the road to Gao.", "Shelling/artillery/missile attack"),
        ("A quadcopter dropped a grenade on a checkpoint outside Bakhmut.", "Air/drone strike"),
        # what is brought down, made safe or recovered is the weapon; a bomb that destroys is the doer
        ("Air defence units brought down a dozen attack drones over Kharkiv.", "Disrupted weapons use"),
        ("An unexploded rocket lodged in a roof was made safe by a police bomb squad.", "Disrupted weapons use"),
        ("Soldiers recovered a cache of rifles and grenades from a cave in Kunar.", "Disrupted weapons use"),
        ("Coalition jets destroyed a missile aimed at Riyadh.", "Disrupted weapons use"),
        ("A bomb destroyed the car of a district judge in Quetta.", "Remote explosive/landmine/IED"),
        ("Drones neutralised a column of jihadists on the road to Menaka, the army said.", "Air/drone strike"),
        # verbs of violence in synonym families
        ("Militiamen carried off the village chief and his two sons at dawn.", "Abduction/forced disappearance"),
        ("Gunmen made off with the payroll of a mining company near Bunia.", "Looting/property destruction"),
        ("Municipal excavators flattened an informal market on the edge of the city.", "Looting/property destruction"),
        ("Troops took back the town of Kupiansk from Russian forces.", "Government regains territory"),
        ("Jihadist fighters chased the army out of the town of Boulkessi.", "Non-state actor overtakes territory"),
        ("Students from two rival colleges pelted one another with bricks outside the campus.", "Mob violence"),
        ("Traders set upon a suspected pickpocket and beat him unconscious.", "Mob violence"),
        ("The armed group announced that it was dissolving itself after fifty years.", "Change to group/activity"),
        ("A state of siege was declared in two northern departments.", "Other"),
        ("Two soldiers died when their truck drove over a homemade mine near Fada.", "Remote explosive/landmine/IED"),
        ("A woman set off explosives hidden in her clothing at a bus station, killing four.", "Suicide bomb"),
        (
            "Bomb disposal officers carried out a controlled detonation of a shell found on a beach.",
            "Disrupted weapons use",
        ),
        ("Gunmen fired an RPG at a police vehicle on the ring road.", "Grenade"),
        ("Al-Shabaab named a new emir on Sunday, the group's radio said.", "Change to group/activity"),
        ("Special forces seized a fugitive wanted for two murders at a roadblock.", "Arrests"),
        ("Unknown assailants beat a bus driver with clubs outside the depot.", "Attack"),
        (
            "The reporter was bundled into a car by armed men and has not been seen since.",
            "Abduction/forced disappearance",
        ),
        # gatherings to demand something; arrests where police used crowd-control force
        (
            "Dozens of pensioners have camped in front of parliament since Monday to demand their arrears.",
            "Peaceful protest",
        ),
        ("Hundreds of farmers assembled in the square to demand lower fuel prices.", "Peaceful protest"),
        (
            "Police arrested two students holding placards against the war in the city centre.",
            "Protest with intervention",
        ),
        (
            "Riot police baton-charged supporters of the jailed leader and arrested 14 of them.",
            "Protest with intervention",
        ),
        ("Gendarmes with batons dispersed villagers on the highway.", "Protest with intervention"),
        ("Youths threw fireworks at police officers in the suburb overnight.", "Violent demonstration"),
    ],
)
def test_session10_mechanisms(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "A storm damaged hundreds of houses along the coast.",
        "The crowd dispersed peacefully after the speeches.",
        "Parliament dissolved itself ahead of early elections.",
        "The opposition levelled fresh accusations at the minister.",
        "The team came under pressure in the second half.",
        "Volunteers recovered from the flu within a week.",
        "Worshippers held a night vigil at the cathedral for Easter.",
        "The club was beaten 3-0 at home on Saturday.",
        "Rescuers recovered the bodies of six people after the floods.",
        "Children walked to school in the rain calling to each other.",
        "The city council named a new police chief on Monday.",
        "Burglars carried off a television and jewellery from a flat.",
        "Fans held banners at the stadium before the final.",
        "A test rocket crashed into the sea after a failed launch.",
        "The cyclone flattened houses along the coast.",
        "A reminder was sent by police to the organisers of the concert.",
        "The invitation was dispatched by the army to reporters in the capital.",
        "The company named a new chief executive.",
        "The fighter jet crashed into a field during a training flight, the air force said.",
    ],
)
def test_session10_non_events(text: str) -> None:
    assert _sub_type(text) is None, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a place the verb's own phrase does not call her or him; a clause under the verb does not count
        ("Militants seized Kismayo after the army withdrew on his orders.", "Non-state actor overtakes territory"),
        # fire exchanged, told in the passive, is a clash (prisoners exchanged stay a swap)
        ("Gunfire was exchanged between soldiers and militants near the border post.", "Armed clash"),
        ("The two sides exchanged prisoners after the fire.", "Agreement"),
        # a range of numbers after a clause or a time is no match score
        ("Gunmen attacked a bus on the highway, killing 5-6.", "Attack"),
        # a range of numbers before a noun is a count, not a match score
        ("Gunmen killed 3-4 people at a roadside market.", "Attack"),
    ],
)
def test_review_cases(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ghana hammered Togo 2-0 in Accra on Wednesday.",
        "The visitors blitzed the hosts 5-1 on Sunday.",
        "The council converted an old army base into a housing estate.",
        "The software firm made its headquarters in Redmond in 1986.",
    ],
)
def test_review_non_events(text: str) -> None:
    assert _sub_type(text) is None, [e.to_dict() for e in extract_events(text)]


def test_a_denied_report_of_an_attack_is_denied() -> None:
    events = extract_events("The ministry denied reports of an air strike on the camp.")
    assert events and events[0].status == "denied", [e.to_dict() for e in events]


@pytest.mark.parametrize(
    "text",
    [
        # a noun spelled like a set-off verb ("fuel") and a protest that is only where deaths happened set nothing off
        "Riot police fired tear gas at fuel protests in Accra on Friday.",
        "Army gunfire caused two deaths at a protest in Conakry.",
    ],
)
def test_a_protest_broken_up_is_first_unless_set_off(text: str) -> None:
    events = extract_events(text)
    assert events and events[0].type == "PROTEST", [e.to_dict() for e in events]


def test_a_protest_a_modal_set_off_verb_tells_is_set_off() -> None:
    events = extract_events("The arrest of the mayor could spark protests, and police fired tear gas at a crowd.")
    assert events and events[0].type == "ASSAULT", [e.to_dict() for e in events]
