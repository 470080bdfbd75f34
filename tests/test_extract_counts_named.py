"""A person named by name whom a harm word befell counts as one (ACLED codes the killing of a named person as 1
fatality); a name under another verb is no count."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.counts import find_counts
from storyline.nlp import load_nlp


@pytest.mark.parametrize(
    "text",
    [
        "Prominent journalist Ahmed Ali was killed in an airstrike.",
        "Gunmen shot dead Ahmed Ali, a local councillor, in Kaduna on Monday.",
        "Abdullahi Hassan was killed when a bomb exploded in Mogadishu.",
    ],
)
def test_a_named_person_killed_is_one_fatality(text: str) -> None:
    events = [e for e in extract_events(text) if e.type == "ASSAULT"]
    assert events and events[0].fatalities == 1


def test_a_name_under_another_verb_is_no_count() -> None:
    doc = load_nlp()("Hundreds marched through the city to mourn Ahmed Ali, who had been killed days earlier.")
    assert not [c for c in find_counts(doc) if c.kind == "killed" and c.value == 1 and "Ali" in c.text]


def test_a_named_doer_is_no_count_of_the_harmed() -> None:
    counts = find_counts(load_nlp()("Ahmed Ali killed three soldiers in Kaduna."))
    assert [(c.kind, c.value) for c in counts] == [("killed", 3)]
