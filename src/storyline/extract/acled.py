"""ACLED event type and sub-event type from a PLOVER type, mode, actors and cue words; ACLED's actor1.

The mapping is data (``resources/ontology/acled_rules.tsv``); the first matching row wins. Event kinds
ACLED does not record (consultations, accusations, requests...) map to no ACLED type. The ACLED export names
actor1 as ACLED codes it (:func:`acled_actor1`): the crowd that protests or riots is "Protesters (Country)" or
"Rioters (Country)" of the place, and an attack with no named attacker is by an "Unidentified Armed Group
(Country)". The Event JSON keeps the actors the text names (an unnamed attacker stays null there: "700 were
killed" does not say who killed them), with one exception the words themselves imply: a planted bomb, landmine or
IED with no named agent is by an Unidentified Armed Group of the place's country (``resources/actors/
implied_agents.tsv``, applied in assemble).
The ACLED view of a text (:func:`acled_event`) is its most salient event, or the first event with an ACLED type
when that one has none ("X accused Y of shelling": ACCUSE ranks first, the shelling is what ACLED codes).
The police who break up a protest stay its actor1 (PLOVER's source; ACLED would make the protesters actor1 and
the police actor2: on the ACLED-notes check set that swap gains actor1 +0.05, on PLOVER GSR it costs source
sector F1 -0.016).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from storyline.extract import lexicon
from storyline.extract.actors import ARMED, actor_name
from storyline.models import Event

# ACLED event type → the sector of its actor1 (protests are led by protesters, riots by rioters).
_CROWD = {"Protests": "PRO", "Riots": "RIO"}
# ACLED event types whose unknown perpetrator ACLED codes as "Unidentified Armed Group (Country)".
_UNNAMED_ATTACKER = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def acled_types(
    type_: str,
    mode: str | None,
    hints: Collection[str],
    actor1_sector: str | None,
    actor2_sector: str | None,
    lemmas: Collection[str],
) -> tuple[str | None, str | None]:
    """(ACLED event type, sub-event type) for an event, or (None, None)."""
    for rule in lexicon.acled_rules():
        if rule.type != type_:
            continue
        if rule.modes is not None and (mode or "-") not in rule.modes:
            continue
        if rule.hints is not None and not rule.hints & set(hints):
            continue
        if not _sector_ok(rule.actor1, actor1_sector) or not _sector_ok(rule.actor2, actor2_sector):
            continue
        if rule.cues is not None and not all(clause & set(lemmas) for clause in rule.cues):
            continue
        return rule.event_type, rule.sub_event_type
    return None, None


def _sector_ok(allowed: frozenset[str] | None, sector: str | None) -> bool:
    """Whether an actor's sector satisfies a rule column ("-" means no actor)."""
    if allowed is None:
        return True
    if "-" in allowed and sector is None:
        return True
    return sector in allowed


def acled_actor1(event: Mapping[str, Any]) -> str | None:
    """The name ACLED would give an event's actor1 (see the module docstring), from its Event JSON."""
    actor: Mapping[str, Any] = event.get("actor1") or {}
    place = (event.get("location") or {}).get("country")
    crowd = _CROWD.get(event.get("acled_event_type") or "")
    if crowd is not None and actor and actor.get("sector") not in (*ARMED, "GOV"):
        return actor_name(place or actor.get("country"), crowd, actor.get("text") or "")
    if not actor and event.get("acled_event_type") in _UNNAMED_ATTACKER:
        return actor_name(place, "UAF", "")
    return actor.get("name") or actor.get("text")


def acled_event(events: Sequence[Event]) -> Event | None:
    """The event an ACLED view of a text codes: the first, or the first with an ACLED type when the first has none."""
    return next((event for event in events if event.acled_event_type is not None), events[0] if events else None)
