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


def test_the_sides_of_one_incident_of_two_acled_sub_types_make_one_row_so_its_dead_count_once() -> None:
    text = "On 3 May 2024, Israeli troops raided Jenin, killing three Palestinians and an Israeli soldier."
    events = [{"article_id": "a1", **e.to_dict()} for e in extract_events(text) if e.type == "ASSAULT"]
    assert len({e["acled_sub_event_type"] for e in events}) == 2 and {e["fatalities"] for e in events} == {4}
    (row,) = acled_rows(events)
    assert row["fatalities"] == 4 and row["sub_event_type"] == events[0]["acled_sub_event_type"]
