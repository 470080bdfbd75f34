"""ACLED event type and sub-event type from a PLOVER type, mode, actors and cue words.

The mapping is data (``resources/ontology/acled_rules.tsv``); the first matching row wins. Event kinds
ACLED does not record (consultations, accusations, requests...) map to no ACLED type.
"""

from __future__ import annotations

from collections.abc import Collection

from storyline.extract import lexicon


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
