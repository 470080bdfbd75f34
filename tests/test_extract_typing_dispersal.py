"""Tear gas breaks up crowds, but forces also fire it in raids and into buildings: deaths where it was fired are
excessive force against protesters only when the sentence tells a crowd and the people hit are not armed men."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


def _sub_types(text: str) -> list[str | None]:
    return [e.acled_sub_event_type for e in extract_events(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers fired tear gas and live rounds during an operation in Tulkarm camp, killing three militants.",
        "Police fired tear gas into a shop in Kisumu and then shot dead a robbery suspect.",
    ],
)
def test_tear_gas_with_no_crowd_or_at_armed_men_is_no_excessive_force_against_protesters(text: str) -> None:
    assert "Excessive force against protesters" not in _sub_types(text), [e.to_dict() for e in extract_events(text)]


def test_deaths_where_mourners_were_tear_gassed_are_excessive_force() -> None:
    text = "Troops fired tear gas at mourners at a funeral in Kassala, killing one."
    assert _sub_types(text)[0] == "Excessive force against protesters"
