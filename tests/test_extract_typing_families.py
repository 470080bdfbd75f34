"""Session-12 typing mechanisms: ground told as held ("back in control of", "under rebel control"), gerunds of trigger
verbs, word families shared by sense and object rows (signs of a disappearance, arresting doers, people held, a
crowd's grievance), match scores written as one word, dates ahead (self-written sentences, none from the check
sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.lexicon import families, word_list


def _first(text: str) -> str | None:
    """The ACLED sub-type of a text's first event (what a scorer reading the Event JSON sees)."""
    events = extract_events(text)
    return events[0].acled_sub_event_type if events else None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Government troops were back in full control of Kismayo on Tuesday, a military spokesman said.",
            "Government regains territory",
        ),
        (
            "Goma back under army control as soldiers push rebels out of the lakeside city",
            "Government regains territory",
        ),
        (
            "Insurgents stormed the district office and declared the town under their control.",
            "Non-state actor overtakes territory",
        ),
        ("Kidal under rebel control after fighters overrun army base", "Non-state actor overtakes territory"),
        (
            "The army said it was back in control of Mopti after the rebels withdrew from the city overnight.",
            "Government regains territory",
        ),
        ("Jihadist fighters now control the town of Diapaga, residents said.", "Non-state actor overtakes territory"),
        ("The recapturing of Kherson was announced by the general staff on Friday.", "Government regains territory"),
    ],
)
def test_ground_held(text: str, want: str) -> None:
    assert _first(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Firefighters brought the blaze under control late on Sunday.",
        "The interior minister said the situation in the capital was under control.",
        "Benghazi, under the control of the eastern administration since 2014, held municipal elections.",
        "Arsenal beat Chelsea 2-1 at the Emirates on Saturday.",
        "The airline held its annual general meeting in Doha on Monday.",
    ],
)
def test_no_event_of_violence(text: str) -> None:
    assert _first(text) not in {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Attack",
        "Arrests",
    }, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Family members say a lawyer was taken from his office in Lahore by armed men and has not been seen since.",
            "Abduction/forced disappearance",
        ),
        (
            "Two brothers vanished after men in an unmarked car took them from a market in Kirkuk.",
            "Abduction/forced disappearance",
        ),
        ("Anti-corruption officials picked up a former governor at his home in Kano.", "Arrests"),
        ("Tanzania: opposition activist held by police in Arusha", "Arrests"),
        ("Veterans led hundreds through the streets of Nairobi, demanding unpaid pensions.", "Peaceful protest"),
        ("Farmers gathered outside the regional assembly in Poznan to oppose a new land tax.", "Peaceful protest"),
    ],
)
def test_families(text: str, want: str) -> None:
    assert _first(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the means a trigger was done with, described by a participle, gives its weapon
        (
            "Soldiers near Vuhledar were hit with grenades containing chloropicrin dropped from drones.",
            "Chemical weapon",
        ),
        # an abduction sense of a phrase is not held to the doers its arrest sense asks for
        (
            "His wife says he was picked up by men in a white car outside a mosque in Turbat, not seen since",
            "Abduction/forced disappearance",
        ),
        (
            "Opposition supporters hurled dynamite at riot police guarding the congress in La Paz.",
            "Violent demonstration",
        ),
        (
            "Masked youths torched cars and smashed shop fronts on the sidelines of a union march in Lyon.",
            "Violent demonstration",
        ),
        ("The jihadists imposed a blockade on the town of Djibo, cutting food supplies.", "Change to group/activity"),
        (
            "Boko Haram announced a new commander for its fighters in the Sambisa forest.",
            "Change to group/activity",
        ),
        (
            "The rebels inaugurated a command headquarters in the border town of Birao.",
            "Headquarters or base established",
        ),
        ("Envoys of the two militias put their signatures to a truce in Misrata.", "Agreement"),
    ],
)
def test_synonyms_and_means(text: str, want: str) -> None:
    assert _first(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Apple unveiled a new phone at its developer conference.",
        "Voters elected a new mayor in Rosario on Sunday.",
        "The brewery was founded in 1842 in Pilsen.",
    ],
)
def test_synonyms_need_their_objects(text: str) -> None:
    assert not [e for e in extract_events(text) if e.acled_event_type], [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Al-Shabaab named a new commander for its fighters in the Gedo region.",
        "Al-Shabaab announced a new emir for the Bay and Bakool regions.",
    ],
)
def test_hyphenated_group_names_a_leader(text: str) -> None:
    assert _first(text) == "Change to group/activity", [e.to_dict() for e in extract_events(text)]


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
    ],
)
def test_flag_over_ground(text: str, want: str | None) -> None:
    assert _first(text) == want, [e.to_dict() for e in extract_events(text)]


def test_arrest_dated_by_a_rally_is_no_intervention() -> None:
    text = (
        "Opposition leader John Banda was arrested after addressing a rally in Mzuzu and later charged with sedition."
    )
    assert _first(text) == "Arrests", [e.to_dict() for e in extract_events(text)]


def test_planned_march_is_proposed() -> None:
    events = extract_events("Teachers announced a march through Lusaka next Tuesday over unpaid salaries.")
    assert events and events[0].status == "proposed" and events[0].acled_sub_event_type is None


def test_the_next_day_is_no_date_ahead() -> None:
    events = extract_events("Soldiers shelled Kalma camp on Monday and the next day they stormed it, killing 12.")
    assert events and all(e.status == "occurred" for e in events if e.type == "ASSAULT")


def test_a_word_under_its_form_and_its_lemma() -> None:
    # "controlled detonation" is listed under the form, "control" under the lemma: both are read
    assert _first("Army experts carried out a controlled detonation of a mortar round found near Kismayo.") == (
        "Disrupted weapons use"
    )


def test_family_names_read_as_their_words() -> None:
    assert "vanish" in families()["$disappeared"]
    assert word_list("$disappeared|ransom") == families()["$disappeared"] | {"ransom"}
