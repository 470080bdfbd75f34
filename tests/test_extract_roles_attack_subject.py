"""An attack told as the subject of its clause with no actor of its own: its "by" phrase, the armed men or machine it
came from, or the one a participle ascribes it to did it; never the teller who reports it."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


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
