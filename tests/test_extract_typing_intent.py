"""PLOVER intentions: a promised, threatened, demanded or refused act is coded as the speech act."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


def _types(text: str) -> list[str]:
    """PLOVER types of the events of a text, most salient first."""
    return [event.type for event in extract_events(text)]


# A stated intention is coded as the speech act; the same act reported as done keeps its own type.
_INTENTIONS = [
    ("The government said it will withdraw its troops from the border region next month.", "AGREE"),
    ("Norway will provide emergency food aid to families displaced by the floods.", "AGREE"),
    ("The rebels are willing to release the two engineers.", "AGREE"),
    ("The union said it would boycott the talks with the employers.", "THREATEN"),
    ("The minister said the army must withdraw from the occupied villages.", "REQUEST"),
    ("The council declined to withdraw the contested decree.", "REJECT"),
    ("The president said he will not withdraw the contested decree.", "REJECT"),
    ("The union repeated its threat to blockade the port.", "THREATEN"),  # the act a noun threatens
]
_ACTS_THAT_HAPPENED = [
    ("The government withdrew its troops from the border region on Monday.", "RETREAT"),
    ("Norway provided emergency food aid to families displaced by the floods.", "AID"),
    ("Police arrested the opposition leader at his home on Monday.", "COERCE"),
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *(pytest.param(t, w, id=f"intention-{i}") for i, (t, w) in enumerate(_INTENTIONS)),
        *(pytest.param(t, w, id=f"happened-{i}") for i, (t, w) in enumerate(_ACTS_THAT_HAPPENED)),
    ],
)
def test_first_event_type_of_intention_or_act(text: str, want: str) -> None:
    assert _types(text)[:1] == [want]


def test_offered_act_is_one_agree_event() -> None:
    assert _types("The rebels offered to hand over the two hostages to the Red Cross.") == ["AGREE"]
