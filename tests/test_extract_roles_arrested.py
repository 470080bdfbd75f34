"""A raided or stormed place is where an arrest happened, not whom it was of; a place, with its bracket (ACLED notes
write "Town (District)"), is never an actor."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("On 8 June 2025, Israeli forces stormed Yatta (Hebron) and detained two brothers.", "Yatta"),
        ("On 8 June 2025, Israeli soldiers stormed Beit Lahiya (North Gaza) and detained two brothers.", "Beit Lahiya"),
        ("On 8 June 2025, the army stormed Azzun (Qalqiliya) and detained a 17-year-old boy.", "Azzun"),
    ],
)
def test_the_raided_place_is_not_whom_an_arrest_was_of(text: str, place: str) -> None:
    first = extract_events(text)[0]
    assert first.acled_sub_event_type == "Arrests"
    target = first.actor2
    assert target is None or not (target.text.startswith(place) or "(" in target.text), target


def test_people_arrested_in_a_raided_place_are_its_target() -> None:
    first = extract_events("On 3 June 2025, Israeli troops raided Tammun (Tubas) and arrested four young men.")[0]
    assert first.actor2 is not None and first.actor2.text == "four young men", first.actor2


def test_a_place_acted_on_with_no_one_arrested_stays_its_peoples() -> None:
    first = extract_events("On 3 June 2025, troops shelled Kharkiv and attacked Izium.")[0]
    assert first.actor2 is not None and first.actor2.text == "Kharkiv", first.actor2
