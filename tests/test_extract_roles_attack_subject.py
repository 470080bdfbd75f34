"""An attack told as the subject of its clause with no actor of its own: its "by" phrase, the armed men or machine it
came from, or the one a participle ascribes it to did it; never the teller who reports it."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.actors import DocActors, find_mentions
from storyline.extract.roles import MentionIndex, under_fire_doer
from storyline.nlp import load_nlp


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "Shelling by Sudanese army artillery on a market in Nyala killed 12 people on 8 May 2025, activists said.",
            "SDN",
        ),
        (
            "Quadcopter fire by Russian forces targeted people queuing for bread in Kherson on 2 February 2025, "
            "killing two, officials said.",
            "RUS",
        ),
        (
            "Missile from a Russian drone hits a group of people waiting at a bus stop in Kherson on 3 April 2025.",
            "RUS",
        ),
        (
            "A drone strike on a market near Dabat, attributed by residents to the Ethiopian army, killed 7 people on "
            "2 May 2025.",
            "ETH",
        ),
    ],
)
def test_the_attack_subjects_own_words_name_its_doer(text: str, country: str) -> None:
    first = extract_events(text)[0]
    assert first.actor1 is not None and (first.actor1.country, first.actor1.sector) == (country, "MIL"), first.actor1


@pytest.mark.parametrize(
    "text",
    [
        "A rocket from Gaza hit a house in Sderot on 3 May 2025.",  # where from, not who
        "An explosion attributed to a gas leak killed two people in Kano on 4 May 2025.",  # no one
        "Shelling on a market in Kassala killed 12 people on 8 May 2025, activists said.",  # the tellers did not
    ],
)
def test_a_place_a_cause_or_a_teller_is_no_doer(text: str) -> None:
    first = extract_events(text)[0]
    assert first.actor1 is None or first.actor1.sector == "UAF", first.actor1


def test_a_pronoun_subject_still_stands_for_the_teller() -> None:
    first = extract_events("Hamas said it fired rockets at Ashkelon on 5 May 2025.")[0]
    assert first.actor1 is not None and first.actor1.name == "Hamas", first.actor1


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("The village of Khiam came under Israeli artillery fire on 7 May 2025.", "Military Forces of Israel"),
        ("A convoy came under fire from rebels near Goma on 2 May 2025.", "rebels"),
    ],
)
def test_who_fired_on_a_subject_that_came_under_attack(text: str, doer: str) -> None:
    """ "came under Israeli artillery fire": the attack's own words name who did it (the subject had it done)."""
    doc = load_nlp()(text)
    index = MentionIndex(find_mentions(next(iter(doc.sents)), DocActors.scan(text)))
    found = under_fire_doer(next(t for t in doc if t.lemma_ == "come"), index)
    assert found is not None and doer in (found.actor.name, found.actor.text), found


def test_a_subject_that_came_under_pressure_names_no_doer_of_an_attack() -> None:
    text = "The minister came under pressure from the United States."
    doc = load_nlp()(text)
    index = MentionIndex(find_mentions(next(iter(doc.sents)), DocActors.scan(text)))
    assert under_fire_doer(next(t for t in doc if t.lemma_ == "come"), index) is None
