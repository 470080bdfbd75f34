"""Assembly: a toll-only sentence adds to the incident before it, parts of a count stay parts, main-clause anchors."""

from __future__ import annotations

import pytest

from storyline.errors import MalformedInput
from storyline.extract import extract_events
from storyline.extract.assemble import clause_depth
from storyline.extract.records import parse_line
from storyline.nlp import load_nlp


def test_toll_sentence_adds_to_the_incident_before_it() -> None:
    text = "On 3 May 2024, army troops clashed with rebels near Kidal. 7 soldiers were killed."
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 1
    (event,) = events
    assert event.actor1 is not None and event.actor1.sector == "MIL"
    assert event.fatalities == 7 and [c.value for c in event.counts] == [7]
    assert event.evidence.text == text[event.evidence.start : event.evidence.end]
    assert event.evidence.text.endswith("were killed.")


def test_toll_of_other_victims_is_its_own_event() -> None:
    text = "Israeli warplanes struck a house in Rafah, killing 4 Palestinians. 2 Israelis were killed."
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    countries = sorted(e.actor2.country for e in events if e.actor2 and e.actor2.country)
    assert countries == ["ISR", "PSE"]


def test_every_part_of_a_toll_split_by_victims_adds_to_the_same_incident() -> None:
    text = (
        "Israeli troops raided Nablus and clashed with Palestinian gunmen. "
        "Three Palestinian gunmen and two Israeli soldiers were killed."
    )
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].fatalities == 5 and sorted(c.value for c in events[0].counts) == [2, 3]


def test_a_date_after_on_is_no_target() -> None:
    (event,) = extract_events("On 3 May 2024, Sudanese Armed Forces clashed with Rapid Support Forces in Omdurman.")
    assert event.actor2 is not None and event.actor2.name == "Rapid Support Forces"


def test_part_of_a_count_gives_the_victims_no_country() -> None:
    text = "An Israeli strike in Deir al-Balah killed seven aid workers, including three British nationals."
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 1 and events[0].actor2 is not None and events[0].actor2.country != "GBR"
    assert events[0].fatalities == 7


def test_part_of_a_count_makes_no_event_of_its_own() -> None:
    text = "Hamas killed more than 1,200 people, including 30 Americans, in its attack on Israel."
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].actor2 is not None and events[0].actor2.country == "ISR"
    assert {c.value for c in events[0].counts} == {1200, 30}


def test_the_main_clause_verb_anchors_the_event() -> None:
    (event,) = extract_events("In separate attacks on Saturday, gunmen shot a policeman in Yala.")
    assert event.trigger is not None and event.trigger.text == "shot"
    assert event.actor1 is not None and event.actor1.text == "gunmen"


def test_a_clause_told_before_its_speech_verb_is_the_main_one() -> None:
    doc = load_nlp()("Gunmen killed five villagers near Kidal, police said, after a raid that wounded two.")
    killed = next(t for t in doc if t.lower_ == "killed")
    wounded = next(t for t in doc if t.lower_ == "wounded")
    assert clause_depth(killed) == 0 < clause_depth(wounded)


def test_json_error_names_the_column_once() -> None:
    with pytest.raises(MalformedInput) as caught:
        parse_line('{"id": 1, "text": "a\x01"}', "line 1")
    assert "control character at column" in str(caught.value) and "at at" not in str(caught.value)


def test_a_cumulative_toll_does_not_outrank_an_incident() -> None:
    text = "Since 7 October, 253 soldiers have been killed in Gaza. On Monday, Israeli troops raided a house in Jenin."
    first = extract_events(text)[0]
    assert first.trigger is not None and first.trigger.text == "raided"


def test_a_main_clause_verb_outranks_a_noun_event_in_a_phrase() -> None:
    text = "Plainclothes police are patrolling the London underground in the wake of the Madrid bombings."
    first = extract_events(text)[0]
    assert first.trigger is not None and first.trigger.text == "patrolling"


def test_settlers_attack_as_a_militia_and_are_civilians_when_hit() -> None:
    (attack,) = extract_events("Israeli settlers attacked Palestinian farmers near Nablus on Friday.")
    assert attack.actor1 is not None and (attack.actor1.name, attack.actor1.sector) == ("Settlers (Israel)", "UAF")
    assert attack.acled_sub_event_type == "Attack"
    (hit,) = extract_events("Palestinian gunmen killed two Israeli settlers near Hebron.")
    assert hit.actor2 is not None and (hit.actor2.country, hit.actor2.sector) == ("ISR", "CVL")


def test_combatants_counted_dead_are_no_civilians() -> None:
    text = "Government troops and Islamist fighters exchanged fire near Djibo, leaving at least 12 combatants dead."
    (event,) = extract_events(text)
    # the other side of the exchange is the opponent, an armed group: neither the count of the dead nor civilians
    assert event.actor2 is not None and event.actor2.text == "Islamist fighters"
    assert event.actor2.sector in ("REB", "UAF") and event.acled_event_type == "Battles"


def test_the_forces_attacked_stay_the_target_when_a_count_names_soldiers() -> None:
    (event,) = extract_events("An attack on Israeli forces near Tulkarm killed two soldiers.")
    assert event.actor2 is not None and (event.actor2.country, event.actor2.sector) == ("ISR", "MIL")


def test_actors_of_no_country_take_the_one_country_a_sentence_names() -> None:
    text = "The minister allowed opposition leader Ahmed Farouk to hold a rally, the Pakistani government said."
    event = next(e for e in extract_events(text) if e.type == "CONCEDE")
    assert event.actor1 is not None and event.actor1.country == "PAK"
    assert event.actor2 is not None and (event.actor2.country, event.actor2.sector) == ("PAK", "OPP")


def test_a_sentence_naming_two_countries_gives_no_actor_one_of_them() -> None:
    text = "The interior minister allowed opposition leader Ahmed Farouk to meet Indian and Pakistani envoys."
    event = next(e for e in extract_events(text) if e.type == "CONCEDE")
    assert event.actor2 is None or event.actor2.country is None


def test_violence_keeps_its_own_rules_for_the_victims_country() -> None:
    events = extract_events("Israeli forces killed two militants during a raid, the army said.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.actor2 is None or assault.actor2.country != "ISR"


@pytest.mark.parametrize(
    "toll",
    ["12 soldiers died in the fighting.", "Nine soldiers were killed when their truck overturned during the fighting."],
)
def test_the_fighting_of_the_sentence_before_has_its_agent(toll: str) -> None:
    text = f"Intro.\n\nSudanese army troops clashed with RSF fighters near El Fasher. {toll}"
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 2
    for event in events:
        assert event.actor1 is not None and event.actor1.text == "Sudanese army troops", event
        assert text[event.actor1.start : event.actor1.end] == event.actor1.text


def test_a_curfew_on_a_town_targets_its_people() -> None:
    event = next(e for e in extract_events("The army imposed a curfew on the town of Kidal.") if e.type == "COERCE")
    assert event.actor2 is not None and (event.actor2.country, event.actor2.sector) == ("MLI", "CVL")


def test_a_threat_on_a_place_targets_its_people() -> None:
    event = next(
        e for e in extract_events("Turkey threatened to launch an offensive in northern Syria.") if e.type == "THREATEN"
    )
    assert event.actor2 is not None and (event.actor2.country, event.actor2.sector) == ("SYR", "CVL")


def test_an_arrest_keeps_the_people_it_names() -> None:
    event = next(e for e in extract_events("Police arrested two journalists in Kidal.") if e.type == "COERCE")
    assert event.actor2 is not None and event.actor2.sector == "MED"


def test_a_planted_device_implies_an_unnamed_armed_group() -> None:
    (event,) = extract_events("A roadside bomb exploded in Kabul on Monday, killing two soldiers.")
    assert event.actor1 is not None and event.actor1.sector == "UAF" and event.actor1.text == "bomb"


def test_mine_as_a_possessive_implies_no_attacker() -> None:
    """ "a friend of mine" is no landmine (trigger_hits.word_ok), so it names no planted device's unnamed agent."""
    events = extract_events("Two friends of mine were killed in the blast in Kabul on Monday.")
    assert events and all(e.actor1 is None or e.actor1.text != "mine" for e in events)


def test_what_a_protest_is_about_cues_no_intervention() -> None:
    text = "On 3 May 2024, residents protested over the killing of a teenager by police in Lagos."
    protests = [e for e in extract_events(text) if e.type == "PROTEST"]
    assert [e.acled_sub_event_type for e in protests] == ["Peaceful protest"]


def test_police_named_outside_the_protested_object_still_intervene() -> None:
    text = "On 3 May 2024, residents protested over the killing of a teenager in Lagos before police dispersed them."
    protests = [e for e in extract_events(text) if e.type == "PROTEST"]
    assert [e.acled_sub_event_type for e in protests] == ["Protest with intervention"]


@pytest.mark.parametrize("gap", [" ", "\n\n"])
def test_a_place_the_gazetteer_lacks_is_kept_for_later_sentences(gap: str) -> None:
    text = f"On 2 June 2024, rebels ambushed a convoy of Chadian soldiers near Wadi Kourbalo.{gap}"
    text += "Twelve French mercenaries were killed."
    # one paragraph: the toll of fighters adds to the ambush (a battle); two: the toll is an event of its own
    toll = next(e for e in extract_events(text) if "Twelve" in e.evidence.text)
    assert toll.location is not None and toll.location.precision == "unresolved"
    assert toll.location.start is not None and toll.location.end is not None
    assert text[toll.location.start : toll.location.end] == "Wadi Kourbalo"


def test_the_dead_fighters_of_a_battle_add_to_it_whichever_side_they_were_on() -> None:
    text = "On 3 May 2024, Russian troops clashed with Ukrainian forces near Avdiivka. "
    text += "Nine Russian soldiers were killed."
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 1 and events[0].fatalities == 9
    assert events[0].actor1 is not None and events[0].actor1.country == "RUS"


@pytest.mark.parametrize(
    ("text", "crowd"),
    [
        ("On 4 March 2024, police detained 30 people during a protest in Minsk.", "30 people"),
        ("On 4 March 2024, police dispersed a march in Harare and detained 12 students.", "12 students"),
    ],
)
def test_a_protest_the_police_break_up_is_led_by_the_crowd_they_acted_on(text: str, crowd: str) -> None:
    events = extract_events(text)
    (protest,) = [e for e in events if e.type == "PROTEST"]
    assert protest.actor1 is not None and protest.actor2 is not None
    assert (protest.actor1.text, protest.actor1.sector, protest.actor2.sector) == (crowd, "PRO", "COP")
    assert protest.actor1.start is not None and text[protest.actor1.start : protest.actor1.end] == crowd
    assert all(e.actor1 is not None and e.actor1.sector == "COP" for e in events if e.type != "PROTEST")


def test_the_dead_of_the_forces_answer_to_a_riot_count_in_the_riot() -> None:
    text = (
        "On 2 March 2024, youths threw stones and petrol bombs at police in Kisumu. "
        "Police fired live rounds, killing two of them."
    )
    riots = [e for e in extract_events(text) if e.acled_sub_event_type == "Violent demonstration"]
    assert riots and riots[0].fatalities == 2


def test_the_dead_of_excessive_force_count_in_the_protest() -> None:
    events = extract_events("Police gunfire killed three people at a protest in Nairobi on Tuesday.")
    protests = [
        e for e in events if e.type == "PROTEST" and e.acled_sub_event_type == "Excessive force against protesters"
    ]
    assert protests and protests[0].fatalities == 3


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        (
            "On 4 June 2024, Turkish troops took control of the town of Amadiya in northern Iraq "
            "after clashes with PKK fighters.",
            "Armed clash",
        ),
        (
            "On 4 June 2024, Iraqi troops took control of the town of Amadiya after clashes with PKK fighters.",
            "Government regains territory",
        ),
    ],
)
def test_a_government_regains_territory_only_at_home(text: str, sub_type: str) -> None:
    assert extract_events(text)[0].acled_sub_event_type == sub_type


def test_an_announced_change_to_a_group_is_what_acled_codes() -> None:
    (event,) = extract_events("The Ansar al-Din faction announced it would disband and hand over its weapons.")
    assert event.status != "occurred" and event.acled_sub_event_type == "Change to group/activity"


def test_every_side_of_an_incident_split_by_its_victims_carries_the_incident_toll() -> None:
    text = "On 3 May 2024, Israeli troops clashed with gunmen in Jenin; three Palestinians and an Israeli soldier died."
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 2 and sorted(sum(c.value or 0 for c in e.counts) for e in events) == [1, 3]
    assert [e.fatalities for e in events] == [4, 4]


def test_bodies_found_after_an_incident_are_its_dead() -> None:
    text = (
        "On 3 May 2024, gunmen attacked the village of Tarkint near Gao. The bodies of 14 villagers were found later."
    )
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(events) == 1 and events[0].fatalities == 14 and events[0].evidence.text == text
    apart = "On 3 May 2024, Israeli jets struck Rafah. Separately, the bodies of 5 men were found in Khan Younis."
    assert len([e for e in extract_events(apart) if e.type == "ASSAULT"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2024, an Israeli air strike on Rafah killed three Palestinians and an Egyptian soldier. "
        "Two more Palestinians died of their wounds.",
        "On 3 May 2024, Israeli troops clashed with gunmen in Jenin; three Palestinians and an Israeli soldier died. "
        "The bodies of two more gunmen were found later.",
    ],
)
def test_a_toll_told_after_an_incident_split_by_its_victims_reaches_every_side(text: str) -> None:
    parts = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len(parts) == 2 and len({e.fatalities for e in parts}) == 1
    assert parts[0].fatalities == sum(c.value or 0 for e in parts for c in e.counts)


def test_a_side_that_acled_codes_as_an_event_of_its_own_keeps_its_own_toll() -> None:
    text = "On 3 May 2024, Israeli troops raided Jenin, killing three Palestinians and an Israeli soldier."
    parts = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert len({e.acled_sub_event_type for e in parts}) == 2
    assert sorted((e.fatalities, sum(c.value or 0 for c in e.counts)) for e in parts) == [(1, 1), (3, 3)]


@pytest.mark.parametrize(
    "text",
    [
        "Troops clashed with ISWAP fighters near Monguno on Monday. Separately, the bodies of three fishermen were "
        "found in the lake.",
        "Police exchanged fire with bandits in Zamfara on Monday; in another incident, the bodies of four herders were "
        "found.",
        "Soldiers fought jihadists outside Gao on Friday. In the meantime, the bodies of two traders were found.",
    ],
)
def test_bodies_told_apart_from_the_incident_before_are_not_its_dead(text: str) -> None:
    events = extract_events(text)
    assert len(events) == 2 and all(e.fatalities is None for e in events if e.acled_event_type == "Battles")


def test_an_attack_describing_a_participant_lends_no_place() -> None:
    # the killings are part of how the captive is described: the seizure happened where its own words put it
    text = "Gunmen seized a lawyer known for his reports on the killings in Kaduna as he left a court in Abuja."
    seized = next(e for e in extract_events(text) if e.trigger is not None and e.trigger.text == "seized")
    assert seized.location is not None and seized.location.text == "Abuja"


@pytest.mark.parametrize(
    ("text", "tolls", "places"),
    [
        (
            "Indian shelling killed five Pakistanis in Kotli as Pakistani mortar fire killed three Indians in Poonch.",
            [5, 3],
            ["Kotli", "Punch"],
        ),
        (
            "Russian shelling killed four Ukrainians in Kharkiv, while Ukrainian drones killed two people in Belgorod.",
            [4, 2],
            ["Kharkiv", "Belgorod"],
        ),
    ],
)
def test_each_side_killed_by_its_own_doer_keeps_its_own_toll_and_place(
    text: str, tolls: list[int], places: list[str]
) -> None:
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert [e.fatalities for e in events] == tolls
    assert [e.location.name if e.location else None for e in events] == places
    triggers = [e.trigger.start for e in events if e.trigger is not None]
    assert len(triggers) == 2 and triggers[1] > triggers[0]  # the second side's own verb


def test_one_killing_of_two_nations_gives_each_side_its_whole_toll() -> None:
    events = extract_events("Gunmen attacked a village in Borno, killing nine Nigerians and three Cameroonians.")
    assert [e.fatalities for e in events if e.type == "ASSAULT"] == [12, 12]


@pytest.mark.parametrize(
    "text",
    [
        "Youths hurled petrol bombs at Israeli troops in Hebron on Friday; the troops responded with rubber bullets, "
        "injuring three.",
        "Masked men threw rocks at Israeli soldiers in Jenin on Monday; the soldiers responded with live fire, "
        "wounding a Palestinian teenager.",
    ],
)
def test_victims_of_a_reply_told_by_its_own_subject_are_that_subjects_act(text: str) -> None:
    # the wounded hang on the verb whose own subject is the force replying, not on the throwers' act, which leads
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    first = events[0]
    assert first.trigger is not None and first.trigger.text in ("threw", "hurled")
    assert first.actor2 is not None and first.actor2.country == "ISR" and not first.counts
    reply = next(e for e in events if e.counts)
    assert reply.trigger is not None and reply.trigger.text == "responded"
    assert reply.actor1 is not None and reply.actor1.country == "ISR" and reply.actor1.sector == "MIL"


@pytest.mark.parametrize(
    ("text", "attacker", "victims"),
    [
        ("Two civilians were killed by a rocket fired from Gaza.", "Unidentified Armed Group (Palestine)", "ISR"),
        (
            "A rocket fired from Lebanon hit a house, killing an elderly man.",
            "Unidentified Armed Group (Lebanon)",
            "ISR",
        ),
        ("Rocket fire from Gaza wounded a woman in Ashkelon.", "Unidentified Armed Group (Palestine)", "ISR"),
        # a state at war fires from its own ground: its army
        ("Missiles fired from Russia hit Kharkiv overnight, killing three people.", "Military Forces of Russia", "UKR"),
        # a named doer stays the attacker
        ("Hamas fired rockets from Gaza, killing two people in Sderot.", "Hamas", "ISR"),
    ],
)
def test_arms_told_only_by_where_they_came_from_are_that_places_doer(text: str, attacker: str, victims: str) -> None:
    event = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert (event.actor1.name if event.actor1 else None, event.actor2.country if event.actor2 else None) == (
        attacker,
        victims,
    )


def test_the_doer_told_by_where_arms_came_from_spans_the_arms_words() -> None:
    events = extract_events("Two civilians were killed by a rocket fired from Gaza.")
    assert [e.actor1.text for e in events if e.actor1 is not None] == ["a rocket"]
