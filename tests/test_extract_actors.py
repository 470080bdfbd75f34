"""Actors and roles: sectors from modifiers and collectives, targets beyond the direct object."""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: PLOVER GSR (openeventdata/PLOVER, CC BY-SA 4.0), event_location dev
# (ahalterman/event_location, MIT).

from __future__ import annotations

import pytest

from storyline.eval.extract import _AS_CAMEO_SECTOR, _CAMEO_SECTOR
from storyline.extract import extract_events, lexicon
from storyline.extract.actors import _modified_sector, country_of, many_people
from storyline.extract.tree import child, children
from storyline.models import Actor
from storyline.nlp import load_nlp


def _first(text: str) -> tuple[Actor | None, Actor | None]:
    """actor1 and actor2 of the text's most salient event."""
    events = extract_events(text)
    assert events, text
    return events[0].actor1, events[0].actor2


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Former Socialist prime minister Andreas Papandreou demanded immediate elections.", "ELI"),
        ("A group of Syrian refugees staged a protest outside the embassy on Monday.", "REF"),
    ],
)
def test_source_sector_from_modifier_or_collective(text: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.sector == sector


def test_opposition_modifier_makes_the_target_opposition() -> None:
    _, target = _first("The minister allowed opposition leader Maulana Fazl-ur-Rehman to hold a rally.")
    assert target is not None and target.sector == "OPP"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Berlin rejected recent calls by Belarus's rulers for immediate economic aid.", "BLR"),  # inside the object
        ("Palestinian officials demanded that the United States match the support.", "USA"),  # clause subject
        ("Pakistan threatened to break off diplomatic relations with Costa Rica.", "CRI"),  # clause's target
    ],
)
def test_targets_beyond_the_direct_object(text: str, country: str) -> None:
    _, target = _first(text)
    assert target is not None and target.country == country


def test_destination_town_is_no_target_of_an_abduction() -> None:
    events = extract_events("Gunmen kidnapped 20 villagers and took them to Zamfara.")
    abduction = next(e for e in events if e.mode == "abduct")
    assert abduction.actor2 is None or abduction.actor2.text != "Zamfara"
    assert abduction.actor2 is not None and abduction.actor2.text == "20 villagers"  # the object is who was taken


def test_eval_sector_vocabularies_map_both_ways() -> None:
    assert _CAMEO_SECTOR["JRN"] == "MED" and _AS_CAMEO_SECTOR["PRO"] == "CVL"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Serb forces killed three ethnic Albanians in a gunbattle in southern Serbia.", "SRB"),  # ethnicity
        ("A prominent anti-Syria journalist was killed in a car bomb explosion in Beirut.", "LBN"),  # enemy
    ],
)
def test_words_that_name_no_nationality(text: str, country: str) -> None:
    events = extract_events(text)
    victims = next(e.actor2 for e in events if e.type == "ASSAULT")
    assert victims is not None and victims.country == country


def test_who_condemns_a_killing_is_not_its_agent() -> None:
    events = extract_events(
        "The Palestinian Authority condemned the killing of four men in Jenin.", published="2023-10-20"
    )
    killing = next(e for e in events if e.type == "ASSAULT")
    assert killing.actor1 is None or "Authority" not in (killing.actor1.name or "")
    (assault,) = extract_events("Hamas launched an assault on Israel on Saturday.", published="2023-10-09")
    assert assault.actor1 is not None and assault.actor1.name == "Hamas"  # a light verb's subject still is


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Unidentified men set fire to a bus station in the north of the country overnight.", "UAF"),
        ("Armed men stormed a farm and abducted two workers.", "UAF"),
        ("A suicide bomber blew himself up at a checkpoint, killing three guards.", "UAF"),
        ("Unknown militants fired on a patrol near the border.", "UAF"),
        ("The Sudanese Armed Forces shelled the outskirts of the city.", "MIL"),  # "armed" changes no military
        ("Masked soldiers beat a man at the checkpoint.", "MIL"),  # nor does "masked"
    ],
)
def test_unidentified_attackers_are_an_unidentified_armed_group(text: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.sector == sector, source


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("On 30 August 2023, soldiers looted shops and homes in the market of Kisangani.", "COD"),
        ("On 3 May 2024, the government imposed a curfew in Kisumu after days of unrest.", "KEN"),
        ("On 3 May 2024, Ugandan soldiers looted shops in Kisangani.", "UGA"),  # a stated nationality wins
    ],
)
def test_soldiers_and_government_without_a_nationality_take_the_place_country(text: str, country: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.country == country, source


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Militants ambushed an army convoy near the border on Tuesday.", "MIL"),
        ("Gunmen opened fire on a police vehicle in the city centre.", "COP"),
    ],
)
def test_a_thing_named_by_its_armed_force_is_that_force(text: str, sector: str) -> None:
    events = extract_events(text)
    targets = [e.actor2 for e in events if e.actor2 is not None]
    assert targets and targets[0].sector == sector, targets


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighters of the Arakan Army captured a police post in Rakhine.", "Arakan Army"),
        ("Members of Hamas fired rockets at the town.", "Hamas"),
        ("MINUSMA handed over its camp to the army.", "United Nations peacekeepers"),
    ],
)
def test_members_of_a_named_group_are_the_group(text: str, name: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.name == name, source


def test_named_actor_the_parser_hung_on_a_subjectless_verb_is_its_subject() -> None:
    # the small model parses "the RSF" as an adverbial noun of "seized"
    source, _ = _first("On 15 April 2023, the RSF seized control of the presidential palace in Khartoum.")
    assert source is not None and source.name == "Rapid Support Forces", source


def test_service_members_are_military() -> None:
    events = extract_events("A suicide bombing at the airport killed 13 US service members and 2 Ukrainian servicemen.")
    victims = [e.actor2 for e in events if e.actor2 is not None]
    assert victims and {v.sector for v in victims} == {"MIL"}, victims


def test_a_collective_takes_the_nationality_of_its_members() -> None:
    source, _ = _first("A group of Moroccan diplomats held their first meeting with the president on Monday.")
    assert source is not None and (source.country, source.sector) == ("MAR", "GOV"), source


@pytest.mark.parametrize(
    ("text", "name", "target"),
    [
        ("The army said it had retaken three villages from the insurgents.", "army", "insurgents"),
        ("The army said on Monday that it had recaptured the town from the rebels.", "army", "rebels"),
    ],
)
def test_a_pronoun_subject_under_a_speech_verb_is_the_speaker(text: str, name: str, target: str) -> None:
    # a perfect's "from" phrase is where it was taken from, not the means ("killed in an Israeli airstrike")
    source, victim = _first(text)
    assert source is not None and name in source.text.lower(), source
    assert victim is not None and target in victim.text.lower(), victim


def test_an_armed_means_of_a_subjectless_participle_is_still_its_agent() -> None:
    source, _ = _first("Five people have been killed in an Israeli airstrike on Rafah.")
    assert source is not None and (source.country, source.sector) == ("ISR", "MIL"), source


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("A crowd attacked a police station in Kano.", "RIO"),  # a crowd's mob violence: rioters, as ACLED codes it
        ("A youth threw a petrol bomb at a police car in Nairobi.", "CVL"),
        ("Football supporters attacked journalists in Kampala.", "CVL"),
    ],
)
def test_a_crowd_youths_and_supporters_are_civilians(text: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.sector == sector, source


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Erdogan threatened to expel the Swedish ambassador.", "TUR", "GOV"),  # a surname alone
        ("Netanyahu ordered the army to expand the ground offensive.", "ISR", "GOV"),
        ("Kofi Annan urged both sides to halt the fighting.", None, "IGO"),  # a UN secretary-general
    ],
)
def test_a_national_leader_is_the_actor_of_the_country_led(text: str, country: str | None, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and (source.country, source.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Pakistani minister Fawad Chaudhry criticised the Indian government.", "PAK"),  # not Fiji's Chaudhry
        ("Jordan's King Abdullah met the Egyptian president in Amman.", "JOR"),  # two kings of that name
    ],
)
def test_a_country_the_chunk_names_outweighs_a_leaders_name(text: str, country: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.country == country, source


def test_a_leader_surname_as_a_first_name_names_no_leader() -> None:
    events = extract_events("Sharon Stone threatened to sue the studio.")
    assert not any(a is not None and a.country == "ISR" for e in events for a in (e.actor1, e.actor2))


@pytest.mark.parametrize(
    ("text", "role", "want"),
    [
        ("Erdogan offered to meet the president of Azerbaijan in Moscow.", 1, ("AZE", "GOV")),  # "X of <country>"
        ("Ethnic Croats in Mostar demanded a truce with Bosniak forces.", 0, (None, "CVL")),  # a people, not a state
        ("A Lebanese businessman is suing the government for damages.", 0, ("LBN", "BUS")),
        ("Jordanian intelligence officials shared evidence with Egypt.", 0, ("JOR", "SPY")),
    ],
)
def test_kinds_of_actor_and_their_country(text: str, role: int, want: tuple[str | None, str]) -> None:
    actor = _first(text)[role]
    assert actor is not None and (want[0] is None or actor.country == want[0]) and actor.sector == want[1], actor


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Vice-President Moody Awori has declined to resign despite growing pressure.", "GOV"),  # tagged ORG
        ("The opposition Umma party has said it will boycott the elections.", "OPP"),
        ("The Labour party has said it will boycott the talks.", "PTY"),
        ("Opposition candidates said they would boycott the vote.", "OPP"),  # a candidate stands for a party
    ],
)
def test_titles_and_parties(text: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.sector == sector, source


def test_a_wedding_party_is_people() -> None:
    _, target = _first("An airstrike hit a wedding party in Helmand.")
    assert target is not None and target.sector == "CVL"


@pytest.mark.parametrize(("file", "columns"), [("leaders.tsv", 3), ("groups.tsv", 4)])
def test_curated_actors_have_known_countries_and_sectors(file: str, columns: int) -> None:
    """Each row of a curated actor list has its columns, a country code the country table knows and a known sector
    ("Salva Kiir" once named SSD, a code countries.csv lacked: "Government of SSD")."""
    known = set(lexicon.countries().names) | {"-"}
    sectors = {row[1] for row in lexicon.read_tsv("actors", "sectors.tsv")}
    sectors |= {row[1] for row in lexicon.read_tsv("actors", "sector_modifiers.tsv")} | {"IGO", "NGO"}
    rows = list(lexicon.read_tsv("actors", file))
    assert rows and all(len(row) == columns for row in rows), [row for row in rows if len(row) != columns]
    assert not [row[0] for row in rows if row[-2] not in known], "country codes countries.csv does not know"
    assert not [row[0] for row in rows if row[-1] not in sectors], "unknown sectors"


@pytest.mark.parametrize(
    ("file", "columns"),
    [
        ("clause_roles.tsv", {2}),
        ("implied_agents.tsv", {4}),
        ("victim_doers.tsv", {1}),
        ("victim_triggers.tsv", {1, 2}),
    ],
)
def test_actor_word_lists_have_their_columns(file: str, columns: set[int]) -> None:
    """The loaders unpack these rows by position: a missing tab would fail far from the file."""
    rows = list(lexicon.read_tsv("actors", file))
    assert rows and all(len(row) in columns and all(row) for row in rows), [r for r in rows if len(r) not in columns]


def test_each_group_alias_names_one_group() -> None:
    """An alias in two rows of groups.tsv silently takes the later row's name (UNIFIL had two)."""
    rows = list(lexicon.read_tsv("actors", "groups.tsv"))
    aliases = [alias for row in rows for alias in row[1].split("|")]
    assert len(aliases) == len(set(aliases)), sorted({a for a in aliases if aliases.count(a) > 1})


def test_a_plural_country_name_is_a_state_not_its_people() -> None:
    _, target = _first("China accused the Philippines of provoking the clash.")
    assert target is not None and (target.country, target.sector) == ("PHL", "GOV"), target


def test_south_sudanese_are_not_sudanese() -> None:
    source, _ = _first("South Sudanese troops clashed with rebels near Juba.")
    assert source is not None and (source.country, source.name) == ("SSD", "Military Forces of South Sudan")


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        # Hemedti leads the RSF, which ACLED codes as its own armed group, not as Sudan's military
        ("Hemedti's fighters attacked the town of El Fasher on Sunday.", "Rapid Support Forces", "SDN", "REB"),
        # Western Sahara is its own code, as the Polisario Front's is
        ("Sahrawi refugees protested in Tindouf on Friday.", None, "ESH", "REF"),
        ("The Polisario Front attacked Moroccan positions near Mahbes.", "Polisario Front", "ESH", "REB"),
    ],
)
def test_group_leaders_and_territories_keep_one_code(text: str, name: str | None, country: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and (source.country, source.sector) == (country, sector), source
    assert name is None or source.name == name


def test_the_press_does_not_take_the_country_a_sentence_is_about() -> None:
    events = extract_events("The newspaper accused Kenyan officials of corruption.")
    assert events and events[0].actor1 is not None and events[0].actor1.sector == "MED"
    assert events[0].actor1.country is None


@pytest.mark.parametrize("spelling", ["Al-Qaeda", "Al-Qaida", "Al-Qa'ida"])
def test_al_qaeda_in_its_common_spellings(spelling: str) -> None:
    (event,) = extract_events(f"{spelling} militants attacked an army post in Mopti on Monday, killing three soldiers.")
    assert event.actor1 is not None and event.actor1.name == "Al Qaeda"


def test_children_index_gives_what_token_children_gives() -> None:
    """tree.children/child read a per-Doc index; for every token and label set they agree with spaCy's own scan."""
    doc = load_nlp()(
        "Israeli warplanes struck a house in Khan Yunis on Monday, killing 4 people, the health ministry said. "
        "Gunmen who were seen by witnesses took the two engineers to an undisclosed location and were not found."
    )
    labels = [(), ("nsubj",), ("prep", "agent"), ("dobj", "nsubjpass", "auxpass"), ("conj", "cc", "punct")]
    for token in doc:
        for deps in labels:
            want = [c for c in token.children if not deps or c.dep_ in deps]
            assert children(token, *deps) == want, (token.text, deps)
            assert child(token, *deps) == (want[0] if want and deps else None), (token.text, deps)
    assert child(None, "pobj") is None


def test_people_said_to_come_from_a_place_are_of_its_country() -> None:
    (event,) = extract_events("A teacher from Calgary was detained in Beirut.")
    assert event.actor2 is not None and event.actor2.country == "CAN"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Gang members set fire to a bus depot in Port-au-Prince on Tuesday.", "UAF"),
        ("Militia members attacked a convoy near Bunia on Sunday.", "REB"),
        ("Suspected militants ambushed a police patrol near Garissa, killing three officers.", "UAF"),
        ("Tiger Brigade gunmen raided a market in Zamfara, killing four traders.", "REB"),
        ("Grand Ravine gang members kidnapped three nurses in Port-au-Prince on Tuesday.", "UAF"),
        ("Relatives of the detained students rallied outside the court in Lagos.", "PRO"),
    ],
)
def test_sector_from_compound_hedge_and_name(text: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.sector == sector, source


def test_state_forces_acronym_is_that_military() -> None:
    source, _ = _first("The FARDC shelled rebel positions near Rutshuru on Monday.")
    assert source is not None and (source.country, source.sector) == ("COD", "MIL")


def test_a_named_suspect_is_no_unidentified_group() -> None:
    doc = load_nlp()("Suspected militants and suspected militant Abdi Farah Hussein fled.")
    groups, person = (c for c in doc.noun_chunks)
    assert _modified_sector(groups, "REB") == "UAF"
    assert _modified_sector(person, "REB") == "REB"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("In Yuri, soldiers fired on the crowd.", None),  # a first name; only an alternate name of a Niger town
        ("In Yuri, Niger soldiers fired on the crowd.", "NER"),  # ... which the text's own country makes a place
        ("In Jenin, Palestinian gunmen fired on soldiers.", "PSE"),
        ("In Kabul, soldiers fired on the crowd.", "AFG"),  # a city's own name
        ("In Borno, soldiers fired on the crowd.", "NGA"),  # a region
    ],
)
def test_a_place_gives_its_country_only_when_it_is_a_place_in_its_own_right(text: str, country: str | None) -> None:
    doc = load_nlp()(text)
    assert country_of(doc[1]) == country, [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize(
    ("text", "role", "text_of"),
    [
        ("Angry neighbours attacked the house of a suspected witch in Kano.", 0, "Angry neighbours"),
        ("Gunmen abducted three neighbours of the district chief in Zamfara.", 1, "three neighbours"),
        ("Ethiopia accused its neighbour of arming the rebels.", 1, None),  # a state's neighbour is a state
        ("Talks between the two neighbours broke down in Addis Ababa.", 0, None),
    ],
)
def test_neighbours_are_civilians_unless_they_are_states(text: str, role: int, text_of: str | None) -> None:
    actor = _first(text)[role]
    if text_of is None:
        assert actor is None or "neighbour" not in actor.text, actor
    else:
        # people, no state: civilians, or rioters when they are a crowd doing mob violence (as ACLED codes it)
        assert actor is not None and actor.text == text_of and actor.sector in ("CVL", "RIO"), actor


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Supporters of Ousmane Sonko clashed with police in Dakar.", "RIO"),  # a politician's, fighting: rioters
        ("Supporters of the president attacked journalists in Kampala.", "RIO"),
        ("Loyalists of the president marched through Kampala on Monday.", "PRO"),
    ],
)
def test_a_politicians_supporters_are_protesters_or_rioters(text: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.sector == sector, source


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("Gunmen killed the leader of Hamas in Gaza on Monday.", "Hamas", "PSE", "REB"),
        ("A drone strike killed a senior commander of al-Shabaab near Kismayo.", "Al Shabaab", "SOM", "REB"),
        ("Troops arrested the spokesman of the rebels in Bamako.", None, "MLI", "REB"),
        ("Soldiers detained the deputy chief of the Congolese police in Goma.", None, "COD", "COP"),
    ],
)
def test_the_holder_of_a_post_in_a_group_is_the_group(text: str, name: str | None, country: str, sector: str) -> None:
    _, target = _first(text)
    assert target is not None and target.country == country and target.sector == sector, target
    assert name is None or target.name == name, target


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        ("Gunmen from the Lions' Den opened fire on an army post near Nablus.", "Lions' Den", "REB"),
        ("The Qassam Brigades launched rockets at an army base near Sderot.", "Hamas", "REB"),
        ("Palestinian Authority security forces arrested three men in Tubas.", "Palestinian Authority", "COP"),
        ("Troops from the African Union mission attacked a militant base.", "African Union", "MIL"),
        ("Officials of the Palestinian Authority met Egyptian mediators in Cairo.", "Palestinian Authority", "GOV"),
    ],
)
def test_men_from_a_named_group_or_body_are_its_own_kind(text: str, name: str, sector: str) -> None:
    source, _ = _first(text)
    assert source is not None and source.name == name and source.sector == sector, source


def test_a_mutual_verb_finds_the_other_side_in_the_subjects_of_phrase() -> None:
    source, target = _first("Fighters of the Gulf Clan and the ELN clashed in Tame.")
    assert source is not None and source.name == "Gulf Clan", source
    assert target is not None and target.name == "ELN", target


@pytest.mark.parametrize(
    "text",
    [
        "Several anti-tank missiles fired from Syria struck a house near Katzrin.",
        "An anti-aircraft missile hit a building in the city.",
    ],
)
def test_what_a_weapon_is_against_makes_it_no_armed_force(text: str) -> None:
    source, _ = _first(text)
    assert source is None or source.sector != "MIL", source


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike on a convoy near Kidal killed four people.",
        "An air strike on a market in Idlib killed nine people on Tuesday.",
    ],
)
def test_an_attack_told_as_its_own_agent_takes_no_country_from_where_it_hit(text: str) -> None:
    event = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert event.actor1 is not None and event.actor1.country is None, event.actor1


def test_fundamentalists_are_a_religious_actor() -> None:
    source, _ = _first("Islamic fundamentalists staged a protest outside the embassy.")
    assert source is not None and source.sector in ("REL", "PRO"), source


@pytest.mark.parametrize(
    ("text", "sector", "name"),
    [
        ("Bolivian miners demanded higher wages from the government.", "LAB", "Labor Group (Bolivia)"),
        ("A group of Chadian students blamed the police for the beating of their leaders.", "EDU", "Students (Chad)"),
        ("French farmers threatened to blockade Paris on Monday.", "AGR", "Farmers (France)"),
    ],
)
def test_people_named_by_their_trade_act_as_it(text: str, sector: str, name: str) -> None:
    source, _ = _first(text)
    assert source is not None and (source.sector, source.name) == (sector, name)


def test_one_person_named_by_a_trade_is_no_trade_group() -> None:
    source, _ = _first("A miner killed his brother with an axe in Potosi on Sunday.")
    assert source is not None and source.sector == "CVL", source


def test_people_named_by_their_trade_are_civilians_when_hit_and_protesters_when_they_protest() -> None:
    source, _ = _first("Bolivian miners demanded higher wages from the government.")
    _, target = _first("Soldiers opened fire on Bolivian miners, killing four.")
    crowd, _ = _first("Angry Spanish farmers blocked the main roads into the city with tractors.")
    assert source is not None and source.sector == "LAB"
    assert target is not None and target.sector == "CVL"
    assert crowd is not None and (crowd.sector, crowd.name) == ("PRO", "Protesters (Spain)")


@pytest.mark.parametrize(
    ("text", "many"),
    [
        ("Youths beat a driver in Lagos.", True),
        ("A crowd beat a driver in Lagos.", True),
        ("Three men beat a driver in Lagos.", True),
        ("A man beat a driver in Lagos.", False),
        ("One youth beat a driver in Lagos.", False),
        ("The shopkeeper beat a driver in Lagos.", False),
        ("A lone attacker beat a driver in Lagos.", False),
    ],
)
def test_many_people_tells_a_crowd_from_one_person(text: str, many: bool) -> None:
    doc = load_nlp()(text)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert many_people(subject) is many, text


def test_gendarmes_are_the_police_of_the_place() -> None:
    source, _ = _first("Gendarmes arrested an opposition leader in Niamey on 3 May 2025.")
    assert source is not None and (source.country, source.sector) == ("NER", "COP")


def test_traders_who_lynch_a_man_are_rioters_of_the_place() -> None:
    source, _ = _first("On 5 May 2025, traders at a market in Onitsha beat a suspected pickpocket to death.")
    assert source is not None and (source.name, source.country, source.sector) == ("Rioters (Nigeria)", "NGA", "RIO")
