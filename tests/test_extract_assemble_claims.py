"""A claim or a blame names the attacker of the violent events told before it that name none (assemble._claim)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.models import Event


def _violent(text: str) -> list[Event]:
    """The text's events that ACLED codes as political violence."""
    kinds = ("Battles", "Explosions/Remote violence", "Violence against civilians")
    return [e for e in extract_events(text) if e.acled_event_type in kinds]


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        (
            "Two gunmen opened fire on worshippers at a mosque in Peshawar, killing 6; the TTP claimed responsibility.",
            "ttp",
            "REB",
        ),
        (
            "A car bomb exploded outside a police station in Mogadishu on 6 May 2024, killing 4. "
            "Al Shabaab claimed responsibility for the attack.",
            "al shabaab",
            "REB",
        ),
        (
            "An explosion hit a bus in Quetta on 2 March 2024, killing 3. The attack was claimed by the BLA.",
            "bla",
            "REB",
        ),
        ("An artillery shell struck a camp near Laiza, killing 9 people. The KIA blamed the military.", None, "MIL"),
    ],
)
def test_the_claimant_or_the_blamed_force_is_actor1(text: str, name: str | None, sector: str) -> None:
    first = _violent(text)[0]
    assert first.actor1 is not None and first.actor1.sector == sector
    if name is not None:
        assert name in first.actor1.text.lower()
    assert first.actor1.start is not None and text[first.actor1.start : first.actor1.end] == first.actor1.text


def test_an_unnamed_blamed_group_stays_unidentified() -> None:
    first = _violent("A roadside bomb killed two soldiers near Pattani on 3 April 2024; police blamed insurgents.")[0]
    assert first.actor1 is not None and first.actor1.sector == "UAF"


def test_a_claim_names_no_attacker_of_what_it_reports_or_of_what_comes_after_it() -> None:
    reported = _violent("Hamas claimed that Israeli jets struck a school in Gaza City, killing 12.")[0]
    assert reported.actor1 is not None and reported.actor1.country == "ISR"
    text = "Hezbollah claimed a drone attack on Metula on 5 May 2024; Israeli jets later struck Aitaroun."
    later = [e for e in _violent(text) if e.trigger is not None and e.trigger.text == "struck"]
    assert later and later[0].actor1 is not None and later[0].actor1.country == "ISR"


@pytest.mark.parametrize(
    "claim",
    [
        "The TTP did not claim the attack.",
        "The Taliban has not claimed responsibility for the attack.",
        "The TTP denied responsibility.",
        "The TTP denied claiming the attack.",
        "No group has claimed responsibility.",
        "On 5 May 2024, the BLA claimed an attack on a convoy in Turbat.",
        "Last year, the BLA claimed a similar attack.",
    ],
)
def test_a_denied_negated_or_other_claim_names_no_attacker_of_the_incident_before(claim: str) -> None:
    first = _violent(f"A bomb killed four people in Quetta on 3 May 2024. {claim}")[0]
    assert first.trigger is not None and first.trigger.text == "killed"
    assert first.actor1 is not None and first.actor1.sector == "UAF"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "Syrian jets struck a market in Idlib on 5 May 2024, killing 9. The White Helmets blamed Russian forces.",
            "SYR",
        ),
        ("Hamas gunmen attacked an army post near Nahal Oz on 5 May 2024. The army blamed Islamic Jihad.", "PSE"),
    ],
)
def test_a_blame_does_not_replace_an_attacker_the_text_names_by_its_weapon(text: str, country: str) -> None:
    first = _violent(text)[0]
    assert first.actor1 is not None and first.actor1.country == country and first.actor1.start == 0
