"""ACLED CSV rows: one per incident, its victims-side parts merged."""

from __future__ import annotations

from storyline.extract import extract_events
from storyline.extract.records import acled_rows


def test_the_sides_of_one_incident_make_one_row_with_its_toll() -> None:
    text = (
        "On 3 May 2024, Israeli troops clashed with gunmen in Jenin; three Palestinians and an Israeli soldier died. "
        "On 4 May 2024, Israeli jets struck a house in Rafah, killing two people."
    )
    events = [{"article_id": "a1", **e.to_dict()} for e in extract_events(text)]
    rows = list(acled_rows(events))
    assert len([e for e in events if e["type"] == "ASSAULT"]) == 3
    assert sorted(r["fatalities"] for r in rows if r["storyline_type"] == "ASSAULT") == [2, 4]
    other = [{**e, "article_id": "a2"} for e in events]
    assert len(list(acled_rows(events + other))) == 2 * len(rows)


def test_the_sides_of_one_incident_of_two_acled_sub_types_are_two_rows_whose_dead_count_once() -> None:
    text = "On 3 May 2024, Israeli troops raided Jenin, killing three Palestinians and an Israeli soldier."
    events = [{"article_id": "a1", **e.to_dict()} for e in extract_events(text) if e.type == "ASSAULT"]
    rows = list(acled_rows(events))
    assert len(rows) == 2 and len({r["sub_event_type"] for r in rows}) == 2
    assert sorted(r["fatalities"] for r in rows) == [1, 3]
