"""Typing by who acted and what the sentence reports (session 11): one attacker or a crowd, sides firing on each
other, protesters killed or only planned protests, health lockdowns, a ceasefire declared alone, forces returning,
bases built, acts a person is only accused of (self-written sentences, none from the check sets)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from typing_helpers import acled_sub_type as _sub_type


def _first_sub_type(text: str) -> str | None:
    """The ACLED sub-type of a text's first event (what a scorer of the Event JSON's first event reads)."""
    events = extract_events(text)
    return events[0].acled_sub_event_type if events else None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # one person beating another is an attack; a crowd doing it is mob violence
        ("A shopkeeper beat a customer with an iron rod after a quarrel in the bazaar, police said.", "Attack"),
        ("A crowd beat two suspected kidnappers to death at a bus stop.", "Mob violence"),
        # sides acting on each other fight a battle
        ("Armenian and Azerbaijani troops fired at each other across the border overnight.", "Armed clash"),
        ("Police and smugglers shot at one another for an hour near the crossing.", "Armed clash"),
        # a crowd hit from the air is no mob
        ("Bombs dropped from an army helicopter fell on a crowd at a cattle market, killing 13.", "Air/drone strike"),
        # an ambush of an armed force is a battle whatever its weapons
        (
            "Insurgents ambushed a police convoy with rocket-propelled grenades and anti-tank missiles near the dam.",
            "Armed clash",
        ),
    ],
)
def test_doers_and_sides(text: str, want: str) -> None:
    assert _sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # deaths among protesters hit with tear gas: excessive force
        (
            "Three marchers died after riot police fired tear gas at a crowd outside parliament.",
            "Excessive force against protesters",
        ),
        # an activist shot at home is no protester at a protest
        ("Gunmen shot dead an indigenous rights activist at his farm on Sunday.", "Attack"),
        # arrests before a protest that has not happened are arrests
        ("Police detained five student leaders ahead of a planned march on the ministry.", "Arrests"),
        ("Security services arrested three men they accused of plotting to stir unrest in the capital.", "Arrests"),
        # a protest people tried to hold was under way when they were arrested
        (
            "Riot police detained about forty teachers who were trying to march to the education ministry.",
            "Protest with intervention",
        ),
        # a form of protest
        ("Thousands of residents formed a human chain along the beach to oppose the oil terminal.", "Peaceful protest"),
    ],
)
def test_protests(text: str, want: str) -> None:
    assert _first_sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The insurgents announced a unilateral truce for the harvest season.", "Change to group/activity"),
        (
            "Army troops marched back into the river port on Friday after months of militia control.",
            "Government regains territory",
        ),
        (
            "The district centre, which the army said it had wrested back from the militants, was quiet on Monday.",
            "Government regains territory",
        ),
        ("Peacekeepers built a fortified outpost on the ridge above the camp.", "Headquarters or base established"),
        (
            "Militiamen demolished the house of a man accused of a knife attack on a checkpoint.",
            "Looting/property destruction",
        ),
        (
            "A trader was forced into a pickup by armed men outside the market and driven away.",
            "Abduction/forced disappearance",
        ),
    ],
)
def test_strategic_and_other(text: str, want: str) -> None:
    assert _first_sub_type(text) == want, [e.to_dict() for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The government imposed a two-week lockdown on the capital to curb a cholera outbreak.",
        "The company built a new warehouse near the port.",
    ],
)
def test_no_acled_event(text: str) -> None:
    assert _sub_type(text) is None, [e.to_dict() for e in extract_events(text)]


def test_weapons_downed_told_by_a_pronoun() -> None:
    text = "Militants launched a dozen rockets at the airbase, and air defences shot down nine of them."
    events = extract_events(text)
    assert [e.acled_sub_event_type for e in events] == ["Shelling/artillery/missile attack", "Disrupted weapons use"]


def test_one_doer_of_a_relative_clause() -> None:
    events = extract_events("Police arrested a man who stabbed two people at a bus stop in the city centre.")
    assert "Attack" in [e.acled_sub_event_type for e in events]
    assert "Mob violence" not in [e.acled_sub_event_type for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Investors pulled back from emerging markets as the dollar rose.",
        "The team moved back into its old stadium this season.",
        "Stocks rolled back into positive territory by the close.",
        "Fans formed a human chain to welcome the team bus.",
        "The pandemic has claimed the lives of millions worldwide.",
    ],
)
def test_ordinary_news_is_no_event(text: str) -> None:
    assert _sub_type(text) is None, [e.to_dict() for e in extract_events(text)]


def _status_of(text: str, noun: str) -> tuple[str | None, str | None]:
    """The status and ACLED sub-type of the event whose trigger is ``noun`` (None, None when there is none)."""
    for event in extract_events(text):
        if event.trigger is not None and event.trigger.text == noun:
            return event.status, event.acled_sub_event_type
    return None, None


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        # a protest with a word of plan took place when the sentence says it did
        (
            "The scheduled demonstration turned chaotic after riot police charged the marchers with batons.",
            "demonstration",
        ),
        ("Officers beat several students as the scheduled rally got under way in the main square.", "rally"),
        ("Dozens of people were detained during a planned march against fuel prices in Accra.", "march"),
        ("A scheduled rally turned violent when police fired tear gas at the crowd in Harare.", "rally"),
        ("Police detained 20 marchers as the long-planned protest got under way in Minsk.", "protest"),
        ("Police arrested 40 people at a planned march in Minsk after it began.", "march"),
    ],
)
def test_planned_protest_that_took_place(text: str, noun: str) -> None:
    status, sub_type = _status_of(text, noun)
    assert status == "occurred" and sub_type is not None and "rotest" in sub_type, [
        e.to_dict() for e in extract_events(text)
    ]


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        # before it, banned, organised or in the future: still only planned
        ("Officers rounded up 15 activists before a scheduled rally in the capital.", "rally"),
        ("Authorities banned an upcoming march by opposition supporters.", "march"),
        ("Police arrested the organisers of a planned protest against the new tax.", "protest"),
        ("The scheduled protest will go ahead on Friday, organisers said.", "protest"),
    ],
)
def test_planned_protest_still_ahead(text: str, noun: str) -> None:
    assert _status_of(text, noun)[0] == "proposed", [e.to_dict() for e in extract_events(text)]
