"""Attribution: who says so, and who is only talked about."""

from __future__ import annotations

from storyline.extract import extract_events


def test_the_subject_of_a_passive_verb_of_saying_is_no_source() -> None:
    event = extract_events("Gunmen were reported to have abducted 30 students near Kaduna.")[0]
    assert event.attribution is None or "Gunmen" not in (event.attribution.source or "")


def test_the_agent_of_a_passive_verb_of_saying_is_the_source() -> None:
    event = extract_events("Five deaths were reported by the health ministry after the strike.")[0]
    assert event.attribution is not None and event.attribution.source == "the health ministry"
