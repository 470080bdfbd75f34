"""Trigger words and phrases of wire copy with no sub-type keyword, and the same words where they report nothing
(self-written sentences)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The army and the rebels were locked in combat near Bunia on Friday.", "Armed clash"),
        ("The town of Dori fell to jihadist fighters after a week of clashes.", "Non-state actor overtakes territory"),
        ("Bentiu fell into the hands of the rebels on Monday.", "Non-state actor overtakes territory"),
        ("The town of Boulkessi fell to JNIM on Sunday.", "Non-state actor overtakes territory"),
        ("Troops ousted the militants from the village of Kafr Nabl.", "Government regains territory"),
        ("The army restored control over the border town of Kurmuk.", "Government regains territory"),
        ("Mortar rounds rained down on the camp in Juba overnight.", "Shelling/artillery/missile attack"),
        ("Sorties by government jets over Kauda killed four people.", "Air/drone strike"),
        ("A blast ripped through a minibus in Mogadishu, killing six.", "Remote explosive/landmine/IED"),
        ("A remote-controlled bomb killed two soldiers in Quetta.", "Remote explosive/landmine/IED"),
        ("A man detonated explosives hidden under his clothing at a checkpoint in Bannu.", "Suicide bomb"),
        ("Police found explosives hidden under his clothes during a search in Lahore.", "Disrupted weapons use"),
        ("Nurses staged a dharna outside the health secretariat in Patna.", "Peaceful protest"),
        ("Hundreds gathered outside the ministry in Accra to demand unpaid wages.", "Peaceful protest"),
        (
            "Two men were bundled into a car in Peshawar and their whereabouts are unknown.",
            "Abduction/forced disappearance",
        ),
        ("Villagers thrashed a suspected thief in a market in Bihar.", "Mob violence"),
        ("Vigilantes beat two herders with sticks near Jos.", "Mob violence"),
        ("A crowd of traders beat a pickpocket at a bus park in Kano.", "Mob violence"),
        ("Militiamen carted off the grain of the food depot in Kadugli.", "Looting/property destruction"),
        ("The two factions announced their dissolution into a new alliance.", "Change to group/activity"),
        ("Police exhumed eight bodies from a mass burial site near Ciudad Juarez.", "Other"),
        ("Rockets slammed into an apartment block in Zaporizhzhia.", "Shelling/artillery/missile attack"),
        ("Gunmen mowed down nine traders at a market in Zamfara.", "Attack"),
        ("Government jets hammered rebel positions around Kauda.", "Air/drone strike"),
        ("Thousands poured onto the streets of Niamey to back the junta.", "Peaceful protest"),
        ("Drones downed most of a swarm of Shahed drones over Odesa.", "Disrupted weapons use"),
        (
            "The bodies of three farmers were found in a ravine a day after gunmen raided their village.",
            "Attack",
        ),
        ("The district governor surrendered to the Taliban without a fight.", "Non-violent transfer of territory"),
        ("Three hundred fighters surrendered to the army in Bama.", "Change to group/activity"),
        ("The militia handed over four hostages to the Red Cross in Khan Younis.", "Other"),
        ("Government troops recaptured Dolow from the militants without a fight.", "Non-violent transfer of territory"),
        ("Bombs fired at a market in Omdurman killed 12 people.", "Shelling/artillery/missile attack"),
        ("The rebels seized Goma on Monday.", "Non-state actor overtakes territory"),
        ("Gunmen seized Ahmed Ali and his driver in Mogadishu.", "Abduction/forced disappearance"),
        # a name the clause goes on to call her or him is a person, even when a city bears it
        ("Gunmen seized Florence on her way home in Kaduna.", "Abduction/forced disappearance"),
        ("Armed men seized Victoria from her home in Zaria.", "Abduction/forced disappearance"),
    ],
)
def test_wire_copy_wording_types_its_event(text: str, want: str) -> None:
    assert acled_sub_type(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Share prices fell to their lowest level in a decade.",
        "The task fell to the engineers of the city council.",
        # a place falls, and into armed hands
        "The documents fell into the hands of journalists in London.",
        "The company fell into the hands of Chinese investors last year.",
        "Responsibility for security in the city fell to the army.",
        "A la sortie de son film, le public a applaudi.",
        "Families gathered in the park for the festival.",
        "Negotiators hammered out the wording in Doha.",
        "Floods hammered the town of Derna on Monday.",
        "A storm ripped through the village overnight.",
        "The president announced the dissolution of parliament on Tuesday.",
        "Fans poured onto the streets of Buenos Aires to celebrate the World Cup win.",
        "Rain poured onto the streets of Dhaka.",
        "Workers carted away the rubble after the earthquake.",
        "A drunk driver mowed down five pedestrians in Nairobi on Saturday.",
        "Engineers restored control of the power grid in Kyiv after the outage.",
        "The home side thrashed the visitors by nine wickets.",
        "Real Madrid thrashed Barcelona 4-0 on Sunday.",
        "He served in combat in Iraq before joining the police.",
        "A mass burial was held for the flood victims in Derna.",
        "It rained on the valley all night, killing two people in a landslide.",
        "The company turned the old warehouse into flats.",
        "The club made the stadium its home ground.",
        "From its base in the port, the trawler makes long trips to the northern fishing grounds.",
    ],
)
def test_same_words_elsewhere_report_no_event(text: str) -> None:
    assert extract_events(text) == []


def test_leaders_gathering_to_demand_do_not_protest() -> None:
    events = extract_events("European leaders gathered in Brussels to demand a ceasefire in Gaza.")
    assert "PROTEST" not in [e.type for e in events]


def test_surrender_is_a_material_retreat() -> None:
    events = extract_events("Five hundred rebels surrendered to the army in Soroti last week.")
    assert [e.type for e in events[:1]] == ["RETREAT"], "PLOVER: a concession with immediate consequences"


@pytest.mark.parametrize(
    ("text", "abducted"),
    [
        ("Police picked up the suspect hours after the girl went missing.", False),
        ("Soldiers picked up survivors of the boat that had gone missing.", False),
        ("Agents took the blogger from his flat in Lahore and he has been missing since.", True),
        ("Armed men took a trader from his shop in Kano and his whereabouts remain unknown.", True),
    ],
)
def test_a_disappearance_cue_counts_only_in_the_takers_part_of_the_sentence(text: str, abducted: bool) -> None:
    assert (acled_sub_type(text) == "Abduction/forced disappearance") is abducted


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Soldiers backed by drones stormed the village of Kumba and fought separatist fighters.", "Armed clash"),
        ("Youths armed with machetes attacked a neighbouring settlement in Hela.", "Mob violence"),
        ("An attack carried out by drones hit a market in Bahir Dar.", "Air/drone strike"),
    ],
)
def test_a_weapon_backing_the_doer_is_not_its_means(text: str, want: str) -> None:
    assert acled_sub_type(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Police lathi-charged a crowd of farmers outside the collectorate in Karnal.",
        "Police lathicharged protesting teachers in Patna.",
        "Police baton-charged students outside the university in Dhaka.",
    ],
)
def test_a_lathi_or_baton_charge_is_crowd_control(text: str) -> None:
    assert acled_sub_type(text) == "Protest with intervention"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The arrest of the opposition leader by police in Dakar sparked protests across the country.", "Arrests"),
        ("Police detained 40 protesters outside the parliament in Tbilisi.", "Protest with intervention"),
        ("Hundreds of students rallied in Lahore, and police detained 20 of them.", "Protest with intervention"),
    ],
)
def test_an_arrest_that_sets_off_protests_is_no_intervention_in_them(text: str, want: str) -> None:
    assert acled_sub_type(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Helicopter gunships pounded militant hideouts near Mir Ali on Sunday.", "Air/drone strike"),
        ("Grad rockets rained on the centre of Kramatorsk, killing three people.", "Shelling/artillery/missile attack"),
        ("Fighter jets blitzed rebel camps east of Kidal.", "Air/drone strike"),
        ("A suicide bomber rammed an army convoy near Gao.", "Suicide bomb"),
        ("A shepherd was killed by unexploded ordnance near Kupiansk.", "Remote explosive/landmine/IED"),
        ("The rebels turned the district hospital into their headquarters.", "Headquarters or base established"),
        ("After taking Bunagana, the rebels made a school their headquarters.", "Headquarters or base established"),
        ("Hundreds of nurses chanted slogans outside the health ministry in Nairobi.", "Peaceful protest"),
        ("The jihadists took control of Dori without firing a shot.", "Non-violent transfer of territory"),
        ("The governor ordered a lockdown of Maiduguri.", "Other"),
    ],
)
def test_synonyms_of_the_lexicon_words_type_their_event(text: str, want: str) -> None:
    assert acled_sub_type(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Striking dock workers hurled stones at police and torched a patrol car in Durban.", "Violent demonstration"),
        ("University students threw rocks at riot police outside the campus in Nairobi.", "Violent demonstration"),
        ("Farmers armed with sticks beat a tax collector in a village near Lahore.", "Mob violence"),
    ],
)
def test_people_named_by_their_trade_riot_as_civilians_do(text: str, want: str) -> None:
    assert acled_sub_type(text) == want


def test_a_phrase_whose_last_word_the_parser_makes_a_clause_is_still_the_phrase() -> None:
    assert acled_sub_type("Demonstrators set a government building ablaze.") == "Violent demonstration"
