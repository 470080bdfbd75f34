"""People named by a noun of the hurt whose "of" phrase is an attack ("victims of the strike") are its victims."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.victims import reports_harm


@pytest.mark.parametrize(
    ("text", "words", "country"),
    [
        ("Doctors are still identifying victims of the Russian missile strike.", "victims", "UKR"),
        ("Relatives mourned the dead of the Hezbollah rocket attack on Monday.", "the dead", "ISR"),
    ],
)
def test_the_hurt_named_by_their_noun_are_the_attacks_victims(text: str, words: str, country: str) -> None:
    assault = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert assault.actor2 is not None and (assault.actor2.text, assault.actor2.country) == (words, country)
    assert reports_harm(assault)


@pytest.mark.parametrize(
    "text", ["Survivors of the Israeli airstrike were taken to hospital.", "Russian shelling hit Kherson on Monday."]
)
def test_an_attack_with_no_one_named_hurt_has_no_victims(text: str) -> None:
    assault = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert assault.actor2 is None and not reports_harm(assault)


def test_the_hurt_nouns_words_are_as_written() -> None:
    text = "Ukraine's victims of the Russian missile strike were buried on Sunday."
    assault = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert assault.actor2 is not None and assault.actor2.start is not None
    assert assault.actor2.text == "Ukraine's victims" == text[assault.actor2.start : assault.actor2.end]


def test_a_body_of_no_people_reports_no_harm() -> None:
    event = next(
        e for e in extract_events("The electoral body condemned the attack on the town.") if e.type == "ASSAULT"
    )
    assert not reports_harm(event)
