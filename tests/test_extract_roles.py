"""Roles: who did what to whom when the subject had it done, a source is inserted, or another event is told."""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: PLOVER GSR (openeventdata/PLOVER, CC BY-SA 4.0).

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.roles import clause_verb
from storyline.models import Event
from storyline.nlp import load_nlp


def _with_trigger(events: list[Event], word: str) -> Event:
    """The event whose trigger is the word."""
    return next(e for e in events if e.trigger is not None and e.trigger.text == word)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The gunmen fled across the border, with Somali soldiers killed and wounded.", "Somali soldiers"),
        (
            "Two Taliban commanders believed to have been killed in the raid were buried on Friday.",
            "Two Taliban commanders",
        ),
        ("Army jets bombed a compound in Idlib, with rebel leaders thought to have been killed.", "rebel leaders"),
        (
            "It was a raid by Boko Haram fighters, with shops looted, and with Nigerian soldiers killed.",
            "Nigerian soldiers",
        ),
    ],
)
def test_subject_of_a_participle_that_happened_to_it_is_no_agent(text: str, subject: str) -> None:
    events = extract_events(text)
    assert all(e.actor1 is None or e.actor1.text != subject for e in events)
    assert any(e.actor2 is not None and e.actor2.text == subject for e in events)


def test_an_inserted_source_is_no_target() -> None:
    events = extract_events(
        "Al-Shabaab fired a mortar that, the Somali army claimed, killed four people at the market."
    )
    assert events and all(e.actor2 is None or "army" not in e.actor2.text for e in events)


def test_a_toll_in_an_earlier_event_clause_is_that_events() -> None:
    events = extract_events(
        "Government troops shelled the village after the rebels killed 25 soldiers at a checkpoint."
    )
    shelling = _with_trigger(events, "shelled")
    killing = _with_trigger(events, "killed")
    assert not shelling.counts and shelling.fatalities is None
    assert killing.fatalities == 25 and killing.actor1 is not None and killing.actor1.text == "the rebels"


def test_a_toll_told_after_its_incident_stays_with_it() -> None:
    events = extract_events("Three soldiers were killed after militants attacked a checkpoint near Kandahar.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1 and events[0].fatalities == 3


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("The Hamas-run Interior Ministry condemned the raid.", "PSE", "GOV"),
        ("Hamas-led fighters attacked the outpost.", "PSE", "REB"),  # its armed men stay the group
    ],
)
def test_a_body_a_group_runs_is_not_the_group(text: str, country: str, sector: str) -> None:
    actor = next(e for e in extract_events(text) if e.type != "ASSAULT" or "attack" in text).actor1
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The Israeli military said that after Hezbollah launched drones, the air force struck back.", "ISR"),
        ("A spokesman for the Turkish army said its forces killed two PKK fighters.", "TUR"),
    ],
)
def test_the_tellers_own_forces_are_the_teller(text: str, country: str) -> None:
    attack = next(e for e in extract_events(text) if e.trigger is not None and e.trigger.text in ("struck", "killed"))
    assert attack.actor1 is not None and attack.actor1.country == country


def test_hostages_taken_in_the_assault_with_victims_share_their_country() -> None:
    text = (
        "Russia has been shelling Kharkiv since Monday, when Ukrainian troops staged a raid killing 40 Russians "
        "and taking 12 civilians hostage."
    )
    abduction = next(e for e in extract_events(text) if e.mode == "abduct")
    assert abduction.actor2 is not None and abduction.actor2.country == "RUS"


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab attacked a base. Officials said that group fired mortars at the airport.",  # "that" read as mark
        "Al-Shabaab attacked a base. Later that group's fighters stormed a village.",
        "Al-Shabaab attacked a base. The group's fighters then stormed a village.",
    ],
)
def test_a_definite_group_or_its_people_refer_back_to_the_group(text: str) -> None:
    events = extract_events(text)
    first = next(e for e in events if e.evidence.start == 0)
    second = next(e for e in events if e.evidence.start > 0)
    assert first.actor1 is not None and second.actor1 is not None and second.actor1.name == first.actor1.name


def test_a_with_clause_conjoined_to_the_main_verb_keeps_its_subject_the_patient() -> None:
    """ "..., and with Israelis killed and captured" parsed as a conjunct of the main verb carrying its own "with"."""
    import spacy
    from spacy.tokens import Doc

    from storyline.extract.actors import Mention
    from storyline.extract.roles import MentionIndex, verb_roles
    from storyline.models import Actor

    words = ["It", "grew", ",", "and", "with", "Israelis", "killed", "and", "captured"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 1, 1, 6, 6, 1, 6, 6],
        deps=["nsubj", "ROOT", "punct", "cc", "mark", "nsubj", "conj", "cc", "conj"],
        pos=["PRON", "VERB", "PUNCT", "CCONJ", "SCONJ", "PROPN", "VERB", "CCONJ", "VERB"],
        tags=["PRP", "VBD", ",", "CC", "IN", "NNPS", "VBD", "CC", "VBN"],
        lemmas=["it", "grow", ",", "and", "with", "Israelis", "kill", "and", "capture"],
    )
    israelis = Mention(Actor("Israelis", "Civilians (Israel)", "ISR", "CVL"), 5, 6)
    index = MentionIndex([israelis])
    for verb in (doc[6], doc[8]):
        roles = verb_roles(verb, index)
        assert roles.actor1 is None and roles.actor2 is israelis


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Troops are believed to have killed 5 rebels.", "Troops"),
        ("Police were ordered to fire on the protesters.", "Police"),
    ],
)
def test_the_subject_of_a_passive_verb_of_belief_or_order_does_the_infinitive(text: str, agent: str) -> None:
    event = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert event.actor1 is not None and event.actor1.text == agent


def test_the_demonstrators_of_a_violent_demonstration_are_rioters() -> None:
    event = extract_events("On 3 May 2024, protesters torched a police post and looted shops in Kano.")[0]
    assert event.acled_sub_event_type == "Violent demonstration"
    assert event.actor1 is not None and event.actor1.sector == "RIO"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Hundreds of lawyers rallied outside the high court in Lahore to demand the release of a colleague.", "PAK"),
        ("Journalists protested outside parliament in Nairobi on Monday against a new media law.", "KEN"),
        ("Judges in Tunis held a sit-in outside the justice ministry on Tuesday.", "TUN"),
    ],
)
def test_lawyers_judges_or_journalists_who_protest_are_protesters(text: str, country: str) -> None:
    event = next(e for e in extract_events(text) if e.type == "PROTEST")
    assert event.actor1 is not None and (event.actor1.country, event.actor1.sector) == (country, "PRO")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Thousands rallied in Porto Alegre on Saturday against cuts to pensions.", "BRA"),
        ("On 3 March 2025, tens of thousands demonstrated in Belgrade against the government.", "SRB"),
        ("Some 200 protested outside the governor's office in Kano on Monday.", "NGA"),
    ],
)
def test_a_crowd_told_only_by_its_size_is_the_protesters(text: str, country: str) -> None:
    event = next(e for e in extract_events(text) if e.type == "PROTEST")
    assert event.actor1 is not None and (event.actor1.country, event.actor1.sector) == (country, "PRO")


def test_clause_verb_is_the_verb_above_a_word() -> None:
    doc = load_nlp()("Five villagers were killed in a raid that wounded two. Heavy rain.")
    words = {t.text: t for t in doc}
    assert clause_verb(words["raid"]).text == "killed"  # a noun: the verb of its clause
    assert clause_verb(words["were"]).text == "killed"  # an auxiliary: the verb it helps
    assert clause_verb(words["two"]).text == "wounded"  # a relative clause has its own verb
    rain = words["rain"]
    assert clause_verb(rain) == rain.sent.root  # no verb above: the sentence's root


def test_who_tells_of_an_attack_with_a_subject_of_its_own_is_not_its_agent() -> None:
    (event,) = [e for e in extract_events("A car bomb killed three soldiers in Mogadishu, the army said.") if e.counts]
    assert event.actor1 is None or event.actor1.text != "the army"


def test_a_pronoun_subject_under_a_speech_verb_still_takes_the_speaker() -> None:
    events = extract_events("Hamas said on Sunday that it would release two hostages.")
    assert any(e.actor1 is not None and e.actor1.name == "Hamas" for e in events)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A car bomb killed three soldiers in Mogadishu, the army said.", "SOM"),
        ("A roadside bomb exploded near a police vehicle in Kandahar, killing two officers.", "AFG"),
    ],
)
def test_a_planted_device_implies_an_unidentified_armed_group(text: str, country: str) -> None:
    (event,) = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert event.actor1 is not None and (event.actor1.sector, event.actor1.country) == ("UAF", country)
    assert text[event.actor1.start : event.actor1.end] == event.actor1.text


def test_a_shooting_by_unnamed_people_invents_no_agent() -> None:
    (event,) = [e for e in extract_events("Two farmers were shot dead in Kaduna.") if e.type == "ASSAULT"]
    assert event.actor1 is None


def _roles_of(text: str, type_: str) -> tuple[str | None, str | None]:
    """Names of actor1 and actor2 of the text's first event of a type."""
    event = next(e for e in extract_events(text) if e.type == type_)
    return (event.actor1.name if event.actor1 else None, event.actor2.name if event.actor2 else None)


@pytest.mark.parametrize(
    ("text", "type_", "roles"),
    [
        # a demand noun's "that" clause names whom it is made of
        (
            "The EU repeated its demand that Serbia recognise Kosovo.",
            "REQUEST",
            ("European Union", "Government of Serbia"),
        ),
        # a mediator is the agent of talks between two others; the noun a trigger modifies carries its actors
        (
            "Turkey brokered a deal between Russia and Ukraine.",
            "AGREE",
            ("Government of Turkey", "Government of Russia"),
        ),
        (
            "Qatar's emir launched a mediation effort between Egypt and Saudi Arabia.",
            "CONSULT",
            ("Government of Qatar", "Government of Egypt"),
        ),
        ("Talks between Israel and Hamas resumed in Cairo.", "CONSULT", ("Government of Israel", "Hamas")),
        # a country's formal name the tagger took for an organisation
        (
            "The United States demanded that the Democratic People's Republic of Korea halt its missile tests.",
            "REQUEST",
            (None, "Government of North Korea"),
        ),
    ],
)
def test_agents_and_targets_beyond_subject_and_object(text: str, type_: str, roles: tuple[str | None, ...]) -> None:
    got = _roles_of(text, type_)
    assert all(want is None or want == have for want, have in zip(roles, got, strict=True)), got


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Teachers marched in Nairobi to demand that the Kenyan government pay them.", "Government of Kenya"),
        ("Hundreds of farmers protested in Warsaw against the agriculture minister.", "Government of Poland"),
    ],
)
def test_a_protest_targets_the_authority_it_makes_demands_of(text: str, target: str) -> None:
    assert _roles_of(text, "PROTEST")[1] == target


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Palestinians blamed Israel for the bombing of a house in Tulkarm.", "ISR"),
        ("Kyiv accused Russian forces of shelling a hospital in Kherson.", "RUS"),
    ],
)
def test_who_is_blamed_for_an_attack_did_it(text: str, country: str) -> None:
    event = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert event.actor1 is not None and event.actor1.country == country


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        # a place acted on stands for its people; named as a clause's subject it acts for its government
        ("The president promised to rebuild Kandahar.", "AGREE", "Civilians (Afghanistan)"),
        ("Rebels agreed to leave Kandahar by Friday.", "AGREE", "Civilians (Afghanistan)"),
        ("Officials demanded that Jerusalem halt the offensive.", "REQUEST", "Government of Israel"),
    ],
)
def test_a_place_acted_on_is_its_people(text: str, type_: str, target: str) -> None:
    event = next(e for e in extract_events(text) if e.type == type_)
    assert event.actor2 is not None and event.actor2.name == target


def test_a_place_told_by_a_common_noun_is_no_agent() -> None:
    events = extract_events("Their troops completed the withdrawal from the besieged Bosnian town on Friday.")
    assert events and all(e.actor1 is None or "town" not in e.actor1.text for e in events)


def test_a_country_the_tagger_takes_for_a_person_is_still_a_country() -> None:
    events = extract_events("Sri Lanka has established diplomatic ties with Cuba.")
    assert events and events[0].actor1 is not None and events[0].actor1.country == "LKA"


def test_protesters_the_parser_hung_a_protest_verb_on_are_its_agents() -> None:
    # the parser takes "activists" for the root and "protested" for a participle on it (activists who were protested)
    event = next(e for e in extract_events("Sahrawi activists protested in Laayoune on Friday.") if e.type == "PROTEST")
    assert event.actor1 is not None and event.actor1.text == "Sahrawi activists" and event.actor2 is None


def test_the_agents_own_forces_it_moves_are_no_target() -> None:
    event = _with_trigger(
        extract_events("Syria said it would withdraw its troops from neighbouring Lebanon."), "withdraw"
    )
    assert event.actor2 is not None and event.actor2.country == "LBN"


def test_sides_of_fighting_that_broke_out_between_two_forces() -> None:
    events = extract_events("Fierce fighting broke out between the army and the rebels near Beni on Friday.")
    assert events and events[0].actor1 is not None and events[0].actor2 is not None
    assert (events[0].actor1.sector, events[0].actor2.sector) == ("MIL", "REB")


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        ("Malian troops and jihadist fighters exchanged gunfire near Gao, leaving several dead.", "MIL", "REB"),
        ("Police and gunmen fought in Kaduna on Monday, leaving five dead.", "COP", "UAF"),
    ],
)
def test_the_other_side_of_a_mutual_verb_is_its_second_subject_not_the_dead(
    text: str, actor1: str, actor2: str
) -> None:
    event = extract_events(text)[0]
    assert event.acled_event_type == "Battles", event
    assert event.actor1 is not None and event.actor1.sector == actor1, event.actor1
    assert event.actor2 is not None and event.actor2.sector == actor2, event.actor2


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        ("The European Union said Iran must release the detained sailors.", "European Union", "IRN"),
        ("Kenya's foreign minister insisted that Somalia must withdraw its troops from the border.", "KEN", "SOM"),
        ("Pakistan announced that India must stop the shelling of villages in Kashmir.", "PAK", "IND"),
    ],
)
def test_a_reported_must_is_the_speakers_demand_of_the_clause_subject(text: str, speaker: str, addressee: str) -> None:
    event = extract_events(text)[0]
    assert event.actor1 is not None and speaker in (event.actor1.country, event.actor1.name)
    assert event.actor2 is not None and event.actor2.country == addressee


def test_a_guessed_must_have_is_no_demand() -> None:
    events = extract_events("Villagers said Sudanese soldiers must have fired the shells that hit the market.")
    assert any(e.actor1 is not None and e.actor1.country == "SDN" for e in events)
    assert all(e.actor1 is None or e.actor1.text != "Villagers" for e in events)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rebels blew up two bridges leading into Kinshasa.", "Kinshasa"),
        ("Soldiers fired shells at targets in Kandahar.", "Kandahar"),
        ("Prisoners rioted at a jail in Dili on Monday.", None),
        ("Gunmen killed two men at a market near Kandahar.", None),
        ("Militants fired rockets at targets in Kandahar, killing four.", None),  # the four counted are the target
        ("Gunmen fired shots at a bus in Kinshasa, and two passengers were wounded.", None),
        ("Somali pirates fired a rocket at a commercial ship in the Red Sea.", None),  # a sea: no people
        ("The rival factions signed a peace deal in Addis Ababa.", None),  # held there, done to no one
    ],
)
def test_the_place_a_thing_acted_on_is_in_is_the_target_of_last_resort(text: str, place: str | None) -> None:
    from storyline.extract.actors import DocActors, find_mentions
    from storyline.extract.roles import MentionIndex, placed_target

    doc = load_nlp()(text)
    sent = next(iter(doc.sents))
    verb = next(t for t in doc if t.pos_ == "VERB")
    found = placed_target(verb, MentionIndex(find_mentions(sent, DocActors.scan(text))))
    assert (found.actor.text if found else None) == place, found


def test_a_participle_on_a_thing_made_tells_what_its_maker_did() -> None:
    events = extract_events("The opposition party issued a statement demanding that the government resign.")
    demand = _with_trigger(events, "demanding")
    assert demand.actor1 is not None and demand.actor1.text == "The opposition party", demand.actor1


@pytest.mark.parametrize(
    ("text", "taker"),
    [
        ("Masisi fell to M23 rebels in March.", "M23"),
        ("Kherson fell to Russian forces in March.", "Military Forces of Russia"),
    ],
)
def test_who_a_place_fell_to_took_it(text: str, taker: str) -> None:
    event = extract_events(text)[0]
    assert event.actor1 is not None and event.actor1.name == taker, event.actor1
    assert event.actor2 is None or event.actor2.name != taker, event.actor2


def test_a_subject_the_parser_folded_into_the_verb_is_its_agent() -> None:
    """ "an Israeli sniper shot dead": the small model makes "sniper" a compound of the verb "shot"."""
    event = extract_events("On 3 March 2024, an Israeli sniper shot dead a teenager near the Jenin camp.")[0]
    assert event.actor1 is not None and event.actor1.country == "ISR", event.actor1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Ethiopia threatened to close the border unless Sudan handed over the rebel leaders.", "SDN"),
        ("The Turkish government threatened to halt gas deliveries if Armenia refused the talks.", "ARM"),
    ],
)
def test_a_threat_is_made_to_the_subject_of_its_condition(text: str, country: str) -> None:
    threat = _with_trigger(extract_events(text), "threatened")
    assert threat.type == "THREATEN" and threat.actor2 is not None and threat.actor2.country == country


def test_the_object_after_a_result_word_is_the_target() -> None:
    """ "shot dead a shopkeeper": the small model hangs the object on "dead"; it is still whom the shooting hit."""
    event = extract_events("A youth shot dead a shopkeeper in Multan on Friday.")[0]
    assert event.actor1 is not None and event.actor1.text == "A youth", event.actor1
    assert event.actor2 is not None and event.actor2.text == "a shopkeeper", event.actor2


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Colombia's government agreed to a truce with the ELN on Friday.", "ELN"),
        ("The Yemeni government agreed to a prisoner swap with the Houthis in Muscat.", "Houthis"),
    ],
)
def test_the_party_a_prepositional_object_names_is_the_target(text: str, party: str) -> None:
    """ "agreed to a truce with X": the "with" phrase of what the verb is about names whom the act concerns."""
    first = extract_events(text)[0]
    assert first.type == "AGREE" and first.actor2 is not None and first.actor2.name == party, first.actor2


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Bangladeshi police beat garment workers with batons on Monday.", "BGD"),
        ("French police detained two British tourists in Nice.", "GBR"),  # their own country told
    ],
)
def test_the_people_a_countrys_police_act_on_are_of_that_country_unless_told(text: str, country: str) -> None:
    first = extract_events(text)[0]
    assert first.actor2 is not None and first.actor2.country == country, first.actor2


def test_a_strike_is_no_target_of_the_workers_who_went_on_it() -> None:
    (event,) = [e for e in extract_events("Nurses went on strike in Accra on 3 May 2025 over unpaid wages.")]
    assert event.type == "PROTEST" and event.actor2 is None
    assert event.actor1 is not None and event.actor1.country == "GHA"
