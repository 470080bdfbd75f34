"""Weapon cues tied to their trigger, violence at a protest, and sub-types told without their keyword
(self-written sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.segments import may_report_event
from typing_helpers import acled_sub_type as _sub_type


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead three travellers who had just got off a plane in Juba.",
        "Travellers who had just stepped off a plane were shot dead by gunmen in Juba.",
        "Militants killed a shopkeeper who had photographed a plane near Kandahar.",
    ],
)
def test_weapon_in_a_clause_about_someone_else_is_no_mode(text: str) -> None:
    assert _sub_type(text) == "Attack"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Villagers armed with spears attacked a neighbouring clan in Hela province.", "Mob violence"),
        ("Insurgents fired rockets filled with chlorine at an army post near Kirkuk.", "Chemical weapon"),
        ("Three children were killed when a drone hit their house near Marib.", "Air/drone strike"),
        ("Fighter jets pounded militant hideouts in North Waziristan.", "Air/drone strike"),
        ("Artillery pounded militant hideouts in North Waziristan.", "Shelling/artillery/missile attack"),
    ],
)
def test_weapon_of_the_doer_or_the_trigger_gives_the_mode(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Soldiers shot dead two men as crowds marched against the junta in Bamako.",
            "Excessive force against protesters",
        ),
        ("Police used pepper spray on hundreds of students marching in Santiago.", "Protest with intervention"),
        ("Riot police beat students who were rallying outside the university in Dhaka.", "Protest with intervention"),
    ],
)
def test_violence_at_a_protest(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Separatists wrested control of the border town of Ambazonia Junction from the army.",
            "Non-state actor overtakes territory",
        ),
        ("A herder lost his leg after stepping on a mine near Kidal.", "Remote explosive/landmine/IED"),
        ("Police neutralised a truck loaded with explosives at a checkpoint in Quetta.", "Disrupted weapons use"),
        ("Plainclothes police picked up a student leader at his hostel in Harare.", "Arrests"),
        ("A crowd set upon a suspected thief and burned him to death in Lagos.", "Mob violence"),
        ("The insurgents announced the formation of a new brigade in the east.", "Change to group/activity"),
        (
            "An attacker detonated his explosives at a checkpoint in Mogadishu, killing himself and two soldiers.",
            "Suicide bomb",
        ),
        ("Soldiers dislodged the militants from their hideouts in the Sambisa forest.", "Government regains territory"),
        ("A jihadist rammed a truck laden with explosives into an army post near Gao.", "Suicide bomb"),
        (
            "A blast from a device hidden in a handcart tore through a vegetable market in Quetta.",
            "Remote explosive/landmine/IED",
        ),
        ("Two mortar rounds fell on a school compound in Mogadishu.", "Shelling/artillery/missile attack"),
        ("Gunmen snatched two nuns from their convent near Kaduna.", "Abduction/forced disappearance"),
        ("A police post came under fire from ADF rebels near Oicha and officers returned fire.", "Armed clash"),
        (
            "The gunman set off a bomb hidden in his backpack outside the station in Lahore.",
            "Remote explosive/landmine/IED",
        ),
        ("Armenian and Azerbaijani forces traded artillery fire near Jermuk.", "Shelling/artillery/missile attack"),
        ("A tense confrontation between two militias in Zawiya left three fighters dead.", "Armed clash"),
        (
            "A shepherd was maimed by a mine buried by withdrawing troops near Kupiansk.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Soldiers uncovered a stockpile of rifles and ammunition in a farmhouse near Tumaco.",
            "Disrupted weapons use",
        ),
        (
            "Control of the border post was handed to the rebels by the departing garrison.",
            "Non-violent transfer of territory",
        ),
        ("Teachers marched in Lilongwe to protest the killing of a colleague.", "Peaceful protest"),
        ("A man accused of stealing a motorbike was burned alive by residents in Kisumu.", "Mob violence"),
        (
            "Angry traders set fire to the municipal offices in Nakuru over a new market tax.",
            "Violent demonstration",
        ),
    ],
)
def test_sub_type_without_its_keyword(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Can you pick up some bread on the way home?",
        "The team neutralised the striker with a tight marking scheme.",
        "She stepped on the brake just in time.",
        "Prices fell sharply in the second quarter.",
        "The ferry rammed the pier in thick fog.",
        "A thief snatched her phone on the bus.",
        "The virus tore through the care home within a week.",
        "The budget came under fire from opposition lawmakers.",
        "Police came under fire for their handling of the inquiry.",
        "Fireworks set off a blaze in the warehouse.",
        "Researchers found that the drug lowers blood pressure.",
        "She handed the letter to the judge.",
        "The two parties united behind a single candidate.",
    ],
)
def test_new_words_in_their_everyday_sense_report_nothing(text: str) -> None:
    assert extract_events(text) == []


def test_would_form_an_armed_group_is_a_change_not_an_agreement() -> None:
    events = extract_events("Dissident commanders said they would form a new armed group in the south.")
    assert [e.type for e in events] == ["COOPERATE"], "a group's change announced, not a promise (AGREE)"


@pytest.mark.parametrize("form", ["stepped", "stepping", "steps"])
def test_prefilter_passes_short_phrase_words_inflected(form: str) -> None:
    assert may_report_event(f"He {form} on it"), "the short first word of 'step on' inflected"


def test_a_troop_movement_on_its_own_is_a_strategic_development() -> None:
    assert _sub_type("Turkish troops moved into the hills north of Dohuk on Sunday.") == "Other"
    assert _sub_type("Turkish troops moved into the hills north of Dohuk and shelled PKK positions.") == (
        "Shelling/artillery/missile attack"
    )


@pytest.mark.parametrize(
    "text",
    ["He entered the army in 1990.", "He flogged his old car to a dealer.", "She apprehended the danger too late."],
)
def test_joining_selling_and_sensing_are_no_events(text: str) -> None:
    assert extract_events(text) == []


def test_troops_entering_an_army_base_still_move() -> None:
    assert [e.type for e in extract_events("Troops entered the army barracks in Bamako.")] == ["MOBILIZE"]


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("They rammed the gate", True),
        ("A mob gathered", True),
        ("Police nabbed him", True),
        ("Ramallah was calm", False),
    ],
)
def test_prefilter_reads_three_letter_triggers_as_words(text: str, passes: bool) -> None:
    assert may_report_event(text) is passes, "'ram', 'mob', 'nab' whole words, not prefixes of every name"
