"""An act an accusation is told of as done ranks first: ACLED codes the act, the blame is about it."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.assemble import _claimed_by
from storyline.nlp import load_nlp


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # a relative clause of blame on the act's noun
        (
            "Dozens choked after a chlorine attack on Saraqeb, which rescuers blamed on army helicopters.",
            "Chemical weapon",
        ),
        # the act in the accusation's time clause
        ("Police blamed the rebels after a bomb exploded at a bus station in Kaduna.", "Remote explosive/landmine/IED"),
    ],
)
def test_the_blamed_act_is_the_first_event(text: str, sub_type: str) -> None:
    assert extract_events(text)[0].acled_sub_event_type == sub_type


def test_an_act_the_blame_names_by_a_noun_stays_below_it() -> None:
    events = extract_events("The minister blamed Israel for the bombing of the school.")
    assert events[0].type == "ACCUSE"


def test_the_agent_of_a_blame_is_the_blamer_not_the_attacker() -> None:
    doc = load_nlp()("An explosion, blamed by police on a gas leak, killed three people in Lagos.")
    blamed = next(t for t in doc if t.lemma_ == "blame")
    assert [t.text for t in _claimed_by(blamed, blame=True)] == ["leak"]
