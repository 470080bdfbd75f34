"""People a harm participle tells of through the passive verb it completes ("were reported killed") were hurt."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


@pytest.mark.parametrize(
    ("text", "doer", "victims"),
    [
        ("Five villagers were reported killed in the raid by the militants.", "the militants", "Five villagers"),
        ("Twelve soldiers were confirmed killed in the ambush by al-Shabaab.", "al-Shabaab", "Twelve soldiers"),
        ("Nine Canadians are feared killed in the attack by the rebels.", "the rebels", "Nine Canadians"),
    ],
)
def test_the_subject_of_a_reported_killing_is_its_victim(text: str, doer: str, victims: str) -> None:
    assault = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert assault.actor1 is not None and assault.actor1.text == doer
    assert assault.actor2 is not None and assault.actor2.text == victims


@pytest.mark.parametrize(
    "text", ["Soldiers tried to kill the gunmen.", "Soldiers are believed to have killed three gunmen near the camp."]
)
def test_a_doer_who_tried_to_kill_stays_the_doer(text: str) -> None:
    assault = next(e for e in extract_events(text) if e.type == "ASSAULT")
    assert assault.actor1 is not None and assault.actor1.text == "Soldiers"
