"""Attackers killed during the attack told in the sentence before are not killed by that attack's attackers."""

from __future__ import annotations

from storyline.extract import extract_events


def test_attackers_killed_during_the_attack_before_are_not_killed_by_its_attackers() -> None:
    text = "Gunmen stormed a hotel in Mogadishu on Friday. Two of the assailants were killed during the assault."
    killed = [e for e in extract_events(text) if any(c.value == 2 for c in e.counts)]
    assert killed
    assert all(e.actor1 is None for e in killed)


def test_victims_of_the_attack_before_still_take_its_attackers() -> None:
    text = "Gunmen stormed a hotel in Mogadishu on Friday. Two guests were killed during the assault."
    killed = [e for e in extract_events(text) if any(c.value == 2 for c in e.counts)]
    assert any(e.actor1 is not None and e.actor1.text == "Gunmen" for e in killed)
