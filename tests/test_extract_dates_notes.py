"""Event dates of ACLED-notes-style texts (the date first, as ACLED writes it), through the extractor with no
publication date, as `storyline extract` scores them."""

from __future__ import annotations

import pytest

from storyline.extract import extract_many
from storyline.extract.acled import acled_event


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Around 14 February 2024 (between 10 and 14 February), unidentified gunmen killed a farmer near Kaya.",
            "2024-02-14",
        ),
        ("On or about 5 May 2023, gunmen killed two traders near Gao.", "2023-05-05"),
        ("As reported on 7 July 2023, unidentified gunmen kidnapped a priest in Enugu.", "2023-07-07"),
        ("On 1 January 2024 (as reported), police arrested 20 protesters in Conakry.", "2024-01-01"),
        ("Overnight on 3 March 2024, Israeli warplanes bombed a house in Rafah, killing 6 people.", "2024-03-03"),
        (
            "In the early hours of 4 March 2024, Israeli warplanes bombed a house in Rafah, killing 6 people.",
            "2024-03-04",
        ),
        ("On the night of 3-4 March 2024, Israeli forces raided Beit Ummar and arrested five men.", "2024-03-03"),
        ("On Tuesday (3 March 2024), gunmen killed a farmer near Kaya.", "2024-03-03"),
        ("On 3 Sept 2024, gunmen killed a farmer near Kaya.", "2024-09-03"),
        (
            "On 4 March 2024, Israeli warplanes struck a house in Rafah, killing 3 people. "
            "On 5 March, another strike hit a car in the same area, killing 2.",
            "2024-03-04",
        ),
        (
            "On 3 March 2024, gunmen killed a farmer near Kaya. "
            "The previous day, gunmen had killed two traders in the same area.",
            "2024-03-03",
        ),
        ("On 5 May 2024, a man died of wounds sustained in an Israeli air strike on Rafah on 28 April.", "2024-05-05"),
        # a range is coded on its first day, a year-less start taking its end's year
        ("Between 30 April and 2 May 2024, gunmen killed three farmers near Gao.", "2024-04-30"),
        ("Gunmen killed three farmers near Gao between 28 December and 3 January 2024.", "2023-12-28"),
        ("From 30 April to 2 May 2024, gunmen killed three farmers near Gao.", "2024-04-30"),
        ("Israeli forces raided Jenin from 28 August to 6 September 2024, killing 21 people.", "2024-08-28"),
        ("Clashes between 30 April and 2 May 2024 killed 12 fighters near Gao, officials said on 5 May.", "2024-04-30"),
    ],
)
def test_the_notes_date_is_the_events(text: str, date: str) -> None:
    event = acled_event(next(iter(extract_many([(text, None)]))))
    assert event is not None and (event.date, event.date_source) == (date, "text")


def test_a_day_without_a_year_and_no_publication_date_stays_unknown() -> None:
    event = acled_event(next(iter(extract_many([("On 14 April, gunmen killed a trader near Gao.", None)]))))
    assert event is not None and event.date is None
