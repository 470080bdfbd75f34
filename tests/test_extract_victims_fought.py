"""Doers are no victims: whom the dead fought is the other side (actor1), and a subject who killed was not hit."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


def _assaults(text: str) -> list[tuple[str | None, str | None]]:
    """(actor1 name, actor2 country) of each violent event of a text."""
    return [
        (e.actor1.name if e.actor1 else None, e.actor2.country if e.actor2 else None)
        for e in extract_events(text)
        if e.type == "ASSAULT"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause of dying with the fighting participle: the dead are the foe's foe
        ("Relatives buried a militiaman who died fighting the army near Gao.", [("Military Forces of Mali", "MLI")]),
        # a passive killing with the fighting participle: the foe is the doer, not more victims
        ("He was killed fighting Russian troops near Bakhmut.", [("Military Forces of Russia", "UKR")]),
        (
            "Two Kenyan police officers were killed while fighting al-Shabaab militants in Lamu.",
            [("Al Shabaab", "KEN")],
        ),
    ],
)
def test_whom_the_dead_fought_is_the_other_side(text: str, expected: list[tuple[str, str]]) -> None:
    assert _assaults(text) == expected


def test_an_active_killing_keeps_its_own_target() -> None:
    assert _assaults("Soldiers killed three gunmen while fighting rebels near Gao.") == [
        ("Military Forces of Mali", "MLI")
    ]


def test_the_subject_of_an_active_perfect_killing_is_no_victim() -> None:
    text = (
        "Israeli troops killed three Palestinians in Jenin, where Israeli settlers had murdered a Palestinian farmer."
    )
    assert {country for _, country in _assaults(text)} == {"PSE"}


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("The village of Khiam came under Israeli artillery fire on 7 May 2025.", "Military Forces of Israel"),
        ("A police post near Mopti came under fire from jihadists on Sunday.", "Unidentified Armed Group (Mali)"),
    ],
)
def test_whom_a_subject_came_under_attack_from_is_the_doer(text: str, doer: str) -> None:
    assert _assaults(text)[0][0] == doer
