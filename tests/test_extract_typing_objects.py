"""A trigger verb and the trigger noun it takes as object make one event; codebook verbs of ACCUSE, SANCTION, ..."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.trigger_hits import word_ok
from storyline.nlp import load_nlp


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The authorities lifted the blockade of the port on Friday.", ["CONCEDE"]),
        ("The government lifted the state of emergency in the northern province.", ["CONCEDE"]),
        ("The donors suspended aid to the ministry after the audit.", ["SANCTION"]),
        ("The European Union imposed sanctions on three banks.", ["SANCTION"]),
        ("The navy imposed a blockade on the rebel-held port.", ["COERCE"]),
        ("The two sides ended their talks without a result.", ["SANCTION"]),
        ("The minister accepted the demands of the nurses' union.", ["CONCEDE"]),
        ("The family is suing the police over the death of their son.", ["ACCUSE"]),
        ("Hundreds of families sought asylum in the neighbouring country.", ["REQUEST"]),
        ("The governor relaxed the curfew in the capital.", ["CONCEDE"]),
        ("The foreign ministry lodged a formal protest with the ambassador.", ["ACCUSE"]),
        ("The bishops called on the government to lower the price of bread.", ["REQUEST"]),
        ("Japan gave Kenya a loan of 40 million dollars for the new railway.", ["AID"]),
        ("The army allowed the delivery of medicine to the flooded town.", ["RETREAT"]),
    ],
)
def test_type_of_verb_and_object(text: str, want: list[str]) -> None:
    assert [event.type for event in extract_events(text)] == want


@pytest.mark.parametrize(
    "text",
    [
        "The concert ended at midnight.",
        "She accepted the award with a short speech.",
        "He gave a long speech.",
        "The agency said in a press release that it had moved offices.",
        "The scheduler executes each task within five seconds of its deadline.",
        "Code execution stops when the test fails.",
        "The researcher released attack code for the flaw in the game server.",
        "Dry leaves rustled in the wind as the villagers slept.",
    ],
)
def test_codebook_verbs_in_other_senses_are_no_event(text: str) -> None:
    assert extract_events(text) == []


@pytest.mark.parametrize(
    "text", ["Bandits rustled 200 cattle near Gusau.", "Hundreds of cattle were rustled from a village near Gusau."]
)
def test_rustling_cattle_is_looting(text: str) -> None:
    assert [e.acled_sub_event_type for e in extract_events(text)] == ["Looting/property destruction"]


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [  # a phrase trigger's own object row: "lay down" needs weapons, "take away" no things, "cut off" ties or aid
        ("Please lay down the rules before the meeting starts.", "RETREAT"),
        ("Police took away his phone and passport.", "ASSAULT"),
        ("Floods cut off the road to the village.", "SANCTION"),
        ("The OPCW said Syria had declared its chemical weapons stockpile in 2013.", "ASSAULT"),
    ],
)
def test_phrase_triggers_read_their_own_object_rules(text: str, unwanted: str) -> None:
    assert unwanted not in [event.type for event in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Hundreds of fighters laid down their weapons under an amnesty programme.", "RETREAT"),
        ("A journalist was taken away by men in plain clothes in Harare.", "ASSAULT"),
        ("The United States cut off aid to the junta.", "SANCTION"),
        ("Government forces used chemical weapons against the town, killing dozens.", "ASSAULT"),
    ],
)
def test_phrase_triggers_with_an_allowed_object_still_count(text: str, want: str) -> None:
    assert want in [event.type for event in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("A cousin of mine went off to fight in the east and was killed there.", "Remote explosive/landmine/IED"),
        ("Fuel prices rocketed after rebels attacked the refinery.", "Shelling/artillery/missile attack"),
    ],
)
def test_weapon_words_in_another_sense_set_no_mode(text: str, unwanted: str) -> None:
    subtypes = [e.acled_sub_event_type for e in extract_events(text)]
    assert subtypes, "the sentence still reports an event"
    assert unwanted not in subtypes, "word_checks.tsv"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Rebels rocketed the airport overnight, killing two guards.", "Shelling/artillery/missile attack"),
        ("A mine exploded under a bus near the border, killing four.", "Remote explosive/landmine/IED"),
        ("Two children were killed when mines left by the retreating army went off.", "Remote explosive/landmine/IED"),
    ],
)
def test_weapon_words_in_their_weapon_sense_still_count(text: str, want: str) -> None:
    assert [e.acled_sub_event_type for e in extract_events(text)][:1] == [want]


def test_word_checks_read_part_of_speech_and_dependents() -> None:
    doc = load_nlp()("A friend of mine stepped on a mine; prices rocketed and rebels rocketed the town.")
    mines = [word_ok(t) for t in doc if t.lower_ == "mine"]
    rockets = [word_ok(t) for t in doc if t.lower_ == "rocketed"]
    assert mines == [False, True] and rockets == [False, True]
    assert all(word_ok(t) for t in doc if t.lower_ not in ("mine", "rocketed"))
