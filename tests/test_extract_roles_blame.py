"""Who did an act a blame verb tells: the blamed, wherever the parser hangs the act's phrase, and never the one who
blames."""

from __future__ import annotations

from storyline.extract import extract_events


def _assault_agent(text: str) -> tuple[bool, str | None]:
    """Whether the text has an ASSAULT event, and the sector of its actor1."""
    assault = next((e for e in extract_events(text) if e.type == "ASSAULT"), None)
    return assault is not None, assault.actor1.sector if assault is not None and assault.actor1 else None


def test_the_blamed_did_it_when_the_phrase_hangs_on_them() -> None:
    found, sector = _assault_agent("The army accused rebels of ambushing a supply convoy near Beni on Friday.")
    assert found and sector == "REB"


def test_the_one_who_blames_is_never_the_doer() -> None:
    found, sector = _assault_agent("Traders accused herders of attacking their stalls near Jos.")
    assert found and sector != "BUS"


def test_the_subject_of_a_passive_blame_verb_did_it() -> None:
    found, sector = _assault_agent("Ethiopian soldiers were accused of killing five farmers in a village near Axum.")
    assert found and sector == "MIL"
