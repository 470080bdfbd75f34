"""The ACLED roles of a protest: its crowd leads it, as ACLED codes protests, in the Event JSON and the ACLED view."""

from __future__ import annotations

from storyline.extract import extract_events
from storyline.extract.acled import acled_event


def test_a_crowd_the_text_does_not_name_is_protesters_of_the_place_in_the_acled_view() -> None:
    event = acled_event(extract_events("On 1 May 2024, thousands marched peacefully in Lisbon for May Day."))
    assert event is not None and event.acled_sub_event_type == "Peaceful protest"
    assert event.actor1 is not None and (event.actor1.name, event.actor1.sector) == ("Protesters (Portugal)", "PRO")


def test_the_protesters_killed_by_the_force_count_in_the_protest_event() -> None:
    text = "On 1 August 2024, police fired live rounds at people protesting fuel prices in Kaduna, killing 4 of them."
    events = extract_events(text)
    (protest,) = [e for e in events if e.type == "PROTEST"]
    assert protest.acled_sub_event_type == "Excessive force against protesters" and protest.fatalities == 4
    assert protest.actor1 is not None and protest.actor1.sector == "PRO"
    (shooting,) = [e for e in events if e.type == "ASSAULT"]
    assert shooting.actor1 is not None and shooting.actor1.sector == "COP" and shooting.fatalities == 4
