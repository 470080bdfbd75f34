"""Session-12 typing mechanisms: ground told as held ("back in control of", "under rebel control"), gerunds of trigger
verbs, word families shared by sense and object rows (signs of a disappearance, arresting doers, people held, a
crowd's grievance), match scores written as one word, dates ahead (self-written sentences in frames of their own, none
from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.lexicon import families, word_list


def _first(text: str) -> str | None:
    """The ACLED sub-type of a text's first event (what a scorer reading the Event JSON sees)."""
    events = extract_events(text)
    return events[0].acled_sub_event_type if events else None


def _shown(text: str) -> list[dict[str, object]]:
    """The text's events, for an assertion's message."""
    return [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "A week after the jihadists were driven off, the army is back in control of Menaka, officials said.",
            "Government regains territory",
        ),
        ("Bunia back under army control after militia retreat", "Government regains territory"),
        (
            "Insurgents stormed the district office and declared the town under their control.",
            "Non-state actor overtakes territory",
        ),
        ("Kidal under rebel control after fighters overrun army base", "Non-state actor overtakes territory"),
        ("Jihadist fighters now control the town of Diapaga, residents said.", "Non-state actor overtakes territory"),
        ("The recapturing of Kherson was announced by the general staff on Friday.", "Government regains territory"),
    ],
)
def test_ground_held(text: str, want: str) -> None:
    assert _first(text) == want, _shown(text)


@pytest.mark.parametrize(
    "text",
    [
        "Firefighters brought the blaze under control late on Sunday.",
        "The interior minister said the situation in the capital was under control.",
        "Benghazi, under the control of the eastern administration since 2014, held municipal elections.",
        "The government is firmly in control of the capital, the minister said.",
        "Rebels fully control the road between Goma and Rutshuru.",
        "Arsenal beat Chelsea 2-1 at the Emirates on Saturday.",
        "The airline held its annual general meeting in Doha on Monday.",
        "Mothers held their children as the shelling continued in Kharkiv.",
        "The capturing of the moment by a photographer went viral in Lagos.",
    ],
)
def test_no_event_of_that_kind(text: str) -> None:
    assert _first(text) not in {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Attack",
        "Arrests",
    }, _shown(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "No one has heard from the unionist since gunmen took him from a bus in Arauca last month; he vanished.",
            "Abduction/forced disappearance",
        ),
        (
            "A blogger is unaccounted for after unidentified men took him from a cafe in Sana'a, his brother said.",
            "Abduction/forced disappearance",
        ),
        ("Anti-corruption officials picked up a former governor at his home in Kano.", "Arrests"),
        ("Tanzania: opposition activist held by police in Arusha", "Arrests"),
        ("Two lawyers held in Conakry overnight as opposition plans strike", "Arrests"),
        ("Veterans led hundreds through the streets of Nairobi, demanding unpaid pensions.", "Peaceful protest"),
        ("Farmers gathered outside the regional assembly in Poznan to oppose a new land tax.", "Peaceful protest"),
    ],
)
def test_families(text: str, want: str) -> None:
    assert _first(text) == want, _shown(text)


@pytest.mark.parametrize(
    "text",
    [
        "The general led thousands of troops into the capital, demanding the president resign.",
        "The imam led hundreds of worshippers in prayers for peace in Kano.",
        "Two aid workers held by al-Shabaab since 2022 were released in Mogadishu.",
    ],
)
def test_families_keep_their_limits(text: str) -> None:
    assert _first(text) not in {"Peaceful protest", "Arrests"}, _shown(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the means a trigger was done with, described by a participle, gives its weapon
        (
            "Troops attacked the rebel-held suburb with barrels containing sarin, a monitoring group said.",
            "Chemical weapon",
        ),
        # an abduction sense of a phrase is not held to the doers its arrest sense asks for
        (
            "Relatives report that two herders, picked up by masked men near Gao in March, are still missing.",
            "Abduction/forced disappearance",
        ),
        (
            "Opposition supporters hurled dynamite at riot police guarding the congress in La Paz.",
            "Violent demonstration",
        ),
        (
            "During the dockers' strike rally in Antwerp, a group of men burned a customs van and looted a kiosk.",
            "Violent demonstration",
        ),
        ("The jihadists imposed a blockade on the town of Djibo, cutting food supplies.", "Change to group/activity"),
        ("Boko Haram announced a new commander for its fighters in the Sambisa forest.", "Change to group/activity"),
        (
            "The rebels inaugurated a command headquarters in the border town of Birao.",
            "Headquarters or base established",
        ),
        (
            "The two interior ministers put their signatures to a document on joint border patrols in Niamey.",
            "Agreement",
        ),
    ],
)
def test_synonyms_and_means(text: str, want: str) -> None:
    assert _first(text) == want, _shown(text)


@pytest.mark.parametrize(
    "text",
    [
        "Apple unveiled a new phone at its developer conference.",
        "Voters elected a new mayor in Rosario on Sunday.",
        "The brewery was founded in 1842 in Pilsen.",
    ],
)
def test_synonyms_need_their_objects(text: str) -> None:
    assert not [e for e in extract_events(text) if e.acled_event_type], _shown(text)


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab named a new commander for its fighters in the Gedo region.",
        "Al-Shabaab announced a new emir for the Bay and Bakool regions.",
    ],
)
def test_hyphenated_group_names_a_leader(text: str) -> None:
    assert _first(text) == "Change to group/activity", _shown(text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Government troops hoisted the national flag over Kreminna after a week of fighting.",
            "Government regains territory",
        ),
        (
            "Soldiers raised the flag over the town hall in Hamdaniya, the defence ministry said.",
            "Government regains territory",
        ),
        ("Pupils raised the flag at an independence day ceremony in Kumasi.", None),
        ("The team raised the flag over the stadium in Kumasi after the final.", None),
        # an official's flag over the place's own ground is no ground taken
        ("The president raised the national flag over the parliament building in Dodoma on Monday.", None),
        ("The governor hoisted the provincial flag over the harbour in Mwanza as the new ferry docked.", None),
        (
            "Footage showed troops raising their flag over the hilltop village of Marinka.",
            "Government regains territory",
        ),
    ],
)
def test_flag_over_ground(text: str, want: str | None) -> None:
    assert _first(text) == want, _shown(text)


def test_arrest_dated_by_a_rally_is_no_intervention() -> None:
    text = "Police detained the mayor of Gulu on Tuesday following a rally he had addressed at the market."
    assert _first(text) == "Arrests", _shown(text)


def test_march_set_for_a_day_ahead_is_proposed() -> None:
    events = extract_events("Nurses in Ndola will hold a march on Friday; unions set a second march for next Monday.")
    assert events and all(e.status == "proposed" or e.type != "PROTEST" for e in events[1:]), _shown("")


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 20 opposition activists in Harare ahead of next month's election.",
        "Protesters clashed with police in Nairobi on the eve of next week's budget vote.",
        "Soldiers detained three journalists in Bamako on Monday before tomorrow's referendum.",
        "Soldiers shelled Kalma camp on Monday and the next day they stormed it, killing 12.",
    ],
)
def test_a_later_or_relative_date_leaves_the_act_done(text: str) -> None:
    events = extract_events(text)
    assert events and events[0].status == "occurred" and events[0].acled_sub_event_type, _shown(text)


def test_a_word_under_its_form_and_its_lemma() -> None:
    # "controlled detonation" is listed under the form, "control" under the lemma: both are read
    assert _first("Army experts carried out a controlled detonation of a mortar round found near Kismayo.") == (
        "Disrupted weapons use"
    )


def test_family_names_read_as_their_words() -> None:
    assert "vanish" in families()["$disappeared"]
    assert word_list("$disappeared|ransom") == families()["$disappeared"] | {"ransom"}
