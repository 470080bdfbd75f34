"""Roles of nominal triggers: the "of" phrase of an event noun, and "came under attack" (session 7, self-written)."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.models import Event


def _with_trigger(events: list[Event], word: str) -> Event:
    """The event whose trigger is the word."""
    return next(e for e in events if e.trigger is not None and e.trigger.text == word)


@pytest.mark.parametrize(
    ("text", "trigger", "target", "country"),
    [
        ("Ethiopian troops began the invasion of South Sudan on Monday.", "invasion", "South Sudan", "SSD"),
        ("Turkish forces stepped up their shelling of North Syria.", "shelling", "North Syria", "SYR"),
        ("Israel today mounted its invasion of South Lebanon.", "invasion", "South Lebanon", "LBN"),
    ],
)
def test_the_of_phrase_of_an_event_noun_is_whom_it_was_done_to(
    text: str, trigger: str, target: str, country: str
) -> None:
    event = _with_trigger(extract_events(text), trigger)
    assert event.actor2 is not None and event.actor2.text == target
    assert event.actor2.country == country


def test_the_of_phrase_of_a_noun_told_of_its_doer_is_the_agent() -> None:
    event = _with_trigger(extract_events("The withdrawal of French troops from Mali ended on Monday."), "withdrawal")
    assert event.actor1 is not None and event.actor1.text == "French troops"
    assert event.actor2 is None


def test_a_verb_above_a_doer_noun_keeps_its_subject_and_from_is_no_agent() -> None:
    events = extract_events("The minister announced the withdrawal of French troops from Mali.")
    event = _with_trigger(events, "withdrawal")
    assert event.actor1 is not None and event.actor1.text == "The minister"


@pytest.mark.parametrize(
    ("text", "trigger", "target", "agent"),
    [
        ("A Malian army convoy came under attack near Gao on Monday.", "attack", "A Malian army convoy", None),
        ("A Canadian citizen has been put under investigation in Italy.", "investigation", "A Canadian citizen", None),
        (
            "The town of Bakhmut has been under siege by Russian forces for months.",
            "siege",
            "Bakhmut",
            "Russian forces",
        ),
    ],
)
def test_the_subject_of_a_verb_above_under_had_it_done(text: str, trigger: str, target: str, agent: str | None) -> None:
    event = _with_trigger(extract_events(text), trigger)
    assert event.actor2 is not None and event.actor2.text == target
    assert (event.actor1.text if event.actor1 else None) == agent


def test_the_actor_right_before_a_main_verb_the_parse_left_without_subject_is_its_agent() -> None:
    text = (
        "With the signing of a Declaration of Principles on Humanitarian Access, the Ethiopian government and the "
        "TPLF have agreed to open all roads to Tigray."
    )
    event = _with_trigger(extract_events(text), "agreed")
    assert event.actor1 is not None and event.actor1.text == "the Ethiopian government"


def test_an_imperative_has_no_stranded_subject() -> None:
    events = extract_events("Stop the killing of civilians in Gaza now.")
    assert all(e.actor1 is None for e in events)
