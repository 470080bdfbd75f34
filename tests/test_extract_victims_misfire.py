"""People hurt where a misfired shell landed are of that place, not the foe of whoever fired it: the participle that
counts them hangs on the verb that tells where it landed."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A mortar shell fired by militants landed short in Khan Younis, wounding a boy.", "PSE"),
        ("A rocket fired by militants in Gaza fell short in Beit Hanoun, wounding two children.", "PSE"),
        ("A missile fired by Houthi rebels fell short in Saada, killing two children.", "YEM"),
        # the place is the foe's own: still theirs
        ("A rocket fired from Lebanon fell short in Kiryat Shmona, injuring two women.", "ISR"),
    ],
)
def test_people_hurt_where_a_misfire_landed_are_of_that_place(text: str, country: str) -> None:
    victims = [e.actor2 for e in extract_events(text) if e.type == "ASSAULT" and e.actor2 is not None]
    assert victims
    assert {v.country for v in victims} == {country}
