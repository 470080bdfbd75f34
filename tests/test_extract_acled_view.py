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


def test_a_crowd_a_force_breaks_up_leads_the_event_when_the_text_tells_no_protest_of_its_own() -> None:
    """ "Protest with intervention" is a protest event in ACLED's coding: its crowd is actor1, the force actor2."""
    text = "Police fired rubber bullets at relatives of missing miners gathered outside the mine office in Rustenburg."
    first = extract_events(text)[0]
    assert first.acled_sub_event_type == "Protest with intervention"
    assert first.actor1 is not None and (first.actor1.text, first.actor1.name) == (
        "relatives",
        "Protesters (South Africa)",
    )
    assert first.actor2 is not None and first.actor2.sector == "COP"


def test_a_protest_whose_crowd_is_unnamed_is_led_by_the_protesters_of_the_place_not_the_place_name() -> None:
    text = "Riot police dispersed a student march in Dhaka with batons on Monday."
    (protest,) = [e for e in extract_events(text) if e.type == "PROTEST"]
    assert protest.actor1 is not None and (protest.actor1.text, protest.actor1.name) == (
        "protesters",
        "Protesters (Bangladesh)",
    )
    assert protest.actor2 is not None and protest.actor2.sector == "COP"


def test_a_force_that_shoots_into_a_crowd_keeps_the_shooting() -> None:
    text = "Security forces fired live rounds at demonstrators in Khartoum on 3 January 2025, killing two."
    (shooting,) = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert shooting.acled_sub_event_type == "Excessive force against protesters"
    assert shooting.actor1 is not None and shooting.actor1.sector in ("MIL", "COP")


def test_a_force_that_arrests_a_crowd_keeps_its_arrest_beside_the_protest_it_broke_up() -> None:
    """The Event JSON never says the crowd did the force's act: the protest is the crowd's event (first, as ACLED
    codes it), the arrest the force's."""
    events = extract_events("On Friday, riot police detained 40 demonstrators outside parliament in Nairobi.")
    protest, arrest = events[0], next(e for e in events if e.type == "COERCE")
    assert (protest.type, protest.acled_sub_event_type) == ("PROTEST", "Protest with intervention")
    assert protest.actor1 is not None and protest.actor1.name == "Protesters (Kenya)"
    assert protest.actor2 is not None and protest.actor2.sector == "COP"
    assert arrest.actor1 is not None and arrest.actor1.sector == "COP"
    assert arrest.actor2 is not None and arrest.actor2.sector == "PRO"
    assert not [e for e in events if e.type != "PROTEST" and e.actor1 is not None and e.actor1.sector == "PRO"]


def test_a_force_that_breaks_up_looters_makes_up_no_protesters() -> None:
    """Looters and rioters hold no protest: no protest event is added for a force's crowd control against them."""
    for text in (
        "Security forces fired tear gas at looters in Bulawayo on Sunday.",
        "Police used tear gas to disperse looters in Pietermaritzburg.",
    ):
        events = extract_events(text)
        assert events and not [e for e in events if e.type == "PROTEST"], text
        assert not [e for e in events for a in (e.actor1, e.actor2) if a is not None and a.sector == "PRO"], text
    view = acled_event(extract_events("Security forces fired tear gas at looters in Bulawayo on Sunday."))
    assert view is not None and view.actor1 is not None and view.actor1.name == "Rioters (Zimbabwe)"


def test_reporters_a_force_acted_on_at_a_protest_are_not_its_crowd() -> None:
    text = "Police fired tear gas at reporters covering a march in Nairobi."
    (protest,) = [e for e in extract_events(text) if e.type == "PROTEST"]
    assert protest.actor1 is not None and protest.actor1.name == "Protesters (Kenya)"
    assert protest.actor1.text != "reporters"
