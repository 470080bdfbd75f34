"""Roles: event nouns' "of" phrases, "came under attack", misparsed subjects, who fired a weapon (self-written)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.extract import extract_events
from storyline.extract.actors import Mention
from storyline.extract.roles import MentionIndex, verb_roles
from storyline.models import Actor, Event
from storyline.nlp import load_nlp


def _with_trigger(events: list[Event], word: str) -> Event:
    """The event whose trigger is the word."""
    return next(e for e in events if e.trigger is not None and e.trigger.text == word)


@pytest.mark.parametrize(
    ("text", "trigger", "target", "country"),
    [
        ("Ethiopian troops began the invasion of South Sudan on Monday.", "invasion", "South Sudan", "SSD"),
        ("Turkish forces stepped up their shelling of North Syria.", "shelling", "North Syria", "SYR"),
        ("Israel today mounted its invasion of South Lebanon.", "invasion", "South Lebanon", "LBN"),
    ],
)
def test_the_of_phrase_of_an_event_noun_is_whom_it_was_done_to(
    text: str, trigger: str, target: str, country: str
) -> None:
    event = _with_trigger(extract_events(text), trigger)
    assert event.actor2 is not None and event.actor2.text == target
    assert event.actor2.country == country


def test_the_of_phrase_of_a_noun_told_of_its_doer_is_the_agent() -> None:
    event = _with_trigger(extract_events("The withdrawal of French troops from Mali ended on Monday."), "withdrawal")
    assert event.actor1 is not None and event.actor1.text == "French troops"
    assert event.actor2 is None


def test_a_verb_above_a_doer_noun_keeps_its_subject_and_from_is_no_agent() -> None:
    events = extract_events("The minister announced the withdrawal of French troops from Mali.")
    event = _with_trigger(events, "withdrawal")
    assert event.actor1 is not None and event.actor1.text == "The minister"


@pytest.mark.parametrize(
    ("text", "trigger", "target", "agent"),
    [
        ("A Malian army convoy came under attack near Gao on Monday.", "attack", "A Malian army convoy", None),
        ("A Canadian citizen has been put under investigation in Italy.", "investigation", "A Canadian citizen", None),
        (
            "The town of Bakhmut has been under siege by Russian forces for months.",
            "siege",
            "Bakhmut",
            "Russian forces",
        ),
    ],
)
def test_the_subject_of_a_verb_above_under_had_it_done(text: str, trigger: str, target: str, agent: str | None) -> None:
    event = _with_trigger(extract_events(text), trigger)
    assert event.actor2 is not None and event.actor2.text == target
    assert (event.actor1.text if event.actor1 else None) == agent


def test_the_actor_right_before_a_main_verb_the_parse_left_without_subject_is_its_agent() -> None:
    text = (
        "With the signing of a Declaration of Principles on Humanitarian Access, the Ethiopian government and the "
        "TPLF have agreed to open all roads to Tigray."
    )
    event = _with_trigger(extract_events(text), "agreed")
    assert event.actor1 is not None and event.actor1.text == "the Ethiopian government"


def test_an_imperative_has_no_stranded_subject() -> None:
    events = extract_events("Stop the killing of civilians in Gaza now.")
    assert all(e.actor1 is None for e in events)


def _parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A Doc with a given parse (the parser's own mistakes are not reproducible from text alone)."""
    pos = {"NNS": "NOUN", "NNPS": "PROPN", "NNP": "PROPN", "JJ": "ADJ", "VBN": "VERB", "VBD": "VERB", "VBG": "VERB"}
    pos |= {"CD": "NUM", "IN": "ADP", "DT": "DET", ",": "PUNCT"}
    return Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=[pos[t] for t in tags])


def test_a_main_verb_parsed_as_a_participle_with_an_object_has_its_noun_as_agent() -> None:
    # "Israeli forces arrested 25 Palestinians", parsed as the noun phrase "forces (who were) arrested ..."
    doc = _parsed(
        ["Israeli", "forces", "arrested", "25", "Palestinians"],
        [1, 1, 1, 4, 2],
        ["amod", "ROOT", "acl", "nummod", "dobj"],
        ["JJ", "NNS", "VBN", "CD", "NNPS"],
    )
    forces = Mention(Actor("Israeli forces", "Military Forces of Israel", "ISR", "MIL", 0, 14), 0, 2)
    victims = Mention(Actor("25 Palestinians", "Civilians (Palestine)", "PSE", "CVL", 24, 39), 3, 5)
    roles = verb_roles(doc[2], MentionIndex([forces, victims]))
    assert roles.actor1 is forces and roles.actor2 is victims
    # "women seized by the group": a participle with no object is a passive, its noun the target
    doc = _parsed(["women", "seized"], [0, 0], ["ROOT", "acl"], ["NNS", "VBN"])
    women = Mention(Actor("women", "Civilians", None, "CVL", 0, 5), 0, 1)
    roles = verb_roles(doc[1], MentionIndex([women]))
    assert roles.actor1 is None and roles.actor2 is women


def test_who_fired_the_weapon_that_is_the_subject_did_it() -> None:
    events = extract_events("Rockets launched by Hezbollah struck a kibbutz in the Galilee.")
    assert events[0].actor1 is not None and events[0].actor1.name == "Hezbollah"
    events = extract_events("A roadside bomb planted by the Taliban destroyed an army truck in Helmand.")
    assert events[0].actor1 is not None and events[0].actor1.name == "Taliban"


def test_a_name_no_dictionary_knows_is_the_actor_its_appositive_names() -> None:
    text = "A convoy was ambushed by the Katibat Macina, an affiliate of JNIM, near Mopti on Sunday."
    event = _with_trigger(extract_events(text), "ambushed")
    assert event.actor1 is not None and event.actor1.sector == "REB"


def test_the_from_phrase_of_taking_back_is_who_lost_it() -> None:
    event = _with_trigger(extract_events("The village was retaken from the insurgents on Tuesday."), "retaken")
    assert event.actor1 is None
    assert event.actor2 is not None and event.actor2.text == "the insurgents"


def test_where_fire_came_from_is_no_target() -> None:
    events = extract_events("A mortar shell fired from Syria hit a farm in the Golan Heights.")
    assert _with_trigger(events, "hit").type == "ASSAULT"  # the strike is read, so the check below is not empty
    assert all(e.actor2 is None or e.actor2.country != "SYR" for e in events)


def test_who_describes_the_person_acted_on_is_no_target() -> None:
    text = "A drone strike killed Ahmed Saleh, described by Kenya as an al-Shabaab commander, near Kismayo."
    event = _with_trigger(extract_events(text), "killed")
    assert event.actor2 is None or event.actor2.country != "KEN"


def test_a_participle_hung_on_a_later_clause_tells_what_the_clause_before_it_did() -> None:
    # "after Hamas overran bases, killing people, Israel was tense", "killing" parsed as a modifier of "was"
    doc = _parsed(
        ["after", "Hamas", "overran", "bases", ",", "killing", "people", ",", "Israel", "was", "tense"],
        [2, 2, 9, 2, 9, 9, 5, 9, 9, 9, 9],
        ["mark", "nsubj", "advcl", "dobj", "punct", "advcl", "dobj", "punct", "nsubj", "ROOT", "acomp"],
        ["IN", "NNP", "VBD", "NNS", ",", "VBG", "NNS", ",", "NNP", "VBD", "JJ"],
    )
    hamas = Mention(Actor("Hamas", "Hamas", "PSE", "REB", 6, 11), 1, 2, named=True)
    people = Mention(Actor("people", "Civilians", None, "CVL", 37, 43), 6, 7)
    israel = Mention(Actor("Israel", "Israel", "ISR", None, 46, 52), 8, 9)
    roles = verb_roles(doc[5], MentionIndex([hamas, people, israel]))
    assert roles.actor1 is hamas and roles.actor2 is people


def test_its_attacks_are_the_tellers_when_no_verb_above_has_a_subject() -> None:
    events = extract_events(
        "Al-Shabaab fighters burned a bus in Lamu. The army said its raids on the group's camps would go on."
    )
    raids = _with_trigger(events, "raids")
    assert raids.actor1 is not None and (raids.actor1.country, raids.actor1.sector) == ("KEN", "MIL"), raids.actor1


def test_its_attacks_are_the_clause_subjects_before_the_tellers() -> None:
    events = extract_events("The group has stepped up its raids on army posts in Lamu, a police source said.")
    raids = _with_trigger(events, "raids")
    assert raids.actor1 is not None and raids.actor1.sector != "COP", raids.actor1


def test_against_names_the_target_and_the_object_the_means() -> None:
    events = extract_events("The army used drones against rebel positions in the hills of Kachin.")
    target = events[0].actor2
    assert target is not None and "rebel" in target.text, target


@pytest.mark.parametrize(
    "text",
    [
        "The UN said their attacks on aid convoys must stop.",
        "Amnesty International said their raids on homes in Tigray amounted to war crimes.",
    ],
)
def test_a_monitors_their_attacks_are_someone_elses(text: str) -> None:
    events = extract_events(text)
    assert all(e.actor1 is None or e.actor1.sector not in ("IGO", "NGO") for e in events), [e.actor1 for e in events]


@pytest.mark.parametrize(
    ("text", "trigger", "target", "sector"),
    [
        ("The president sent an ultimatum to the rebels in the north.", "ultimatum", "the rebels", "REB"),
        (
            "The minister made an appeal to the armed groups to lay down their weapons.",
            "appeal",
            "the armed groups",
            "UAF",
        ),
        (
            "The European Union approved humanitarian aid to Sudanese refugees in Chad.",
            "aid",
            "Sudanese refugees",
            "REF",
        ),
    ],
)
def test_whom_an_event_noun_is_given_or_sent_to_is_its_target(
    text: str, trigger: str, target: str, sector: str
) -> None:
    event = _with_trigger(extract_events(text), trigger)
    assert event.actor2 is not None and event.actor2.text == target
    assert event.actor2.sector == sector


@pytest.mark.parametrize(
    ("text", "trigger", "addressee"),
    [
        ("Witnesses reported the shooting to the army, officials said.", "shooting", "the army"),
        ("The family reported the abduction to the police.", "abduction", "the police"),
        ("The journalist described the massacre to the United Nations investigators.", "massacre", "United Nations"),
        ("The minister reported the agreement to parliament on Monday.", "agreement", "parliament"),
    ],
)
def test_whom_an_event_is_told_to_is_no_target(text: str, trigger: str, addressee: str) -> None:
    event = _with_trigger(extract_events(text), trigger)
    assert event.actor2 is None or addressee not in event.actor2.text


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Villagers heard gunfire near the camp on Sunday.", "gunfire"),
        ("Residents said they heard loud explosions throughout the night.", "explosions"),
        ("A local crew filmed the shelling from a rooftop in Kharkiv.", "shelling"),
    ],
)
def test_who_heard_saw_or_filmed_an_event_did_not_do_it(text: str, trigger: str) -> None:
    event = _with_trigger(extract_events(text), trigger)
    assert event.actor1 is None or event.actor1.sector not in ("CVL", "RIO", "PRO", "MED")


def test_a_place_an_event_noun_is_sent_to_is_no_target() -> None:
    event = _with_trigger(extract_events("The charity sent food aid to Kassala on Monday."), "aid")
    assert event.actor2 is None or event.actor2.text != "Kassala"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Two villages came under Ethiopian shelling on Monday.", "ETH"),
        ("The town came under Russian shelling overnight.", "RUS"),
        ("Several border posts came under Turkish shelling late on Sunday.", "TUR"),
    ],
)
def test_a_country_word_the_parse_splits_from_the_attack_it_came_under_did_it(text: str, country: str) -> None:
    event = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert event.actor1 is not None and event.actor1.country == country and event.actor1.sector == "MIL"
