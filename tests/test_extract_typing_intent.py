"""PLOVER intentions: a promised, threatened, demanded or refused act is coded as the speech act."""

from __future__ import annotations

import pytest

from storyline.extract import extract_events


def _types(text: str) -> list[str]:
    """PLOVER types of the events of a text, most salient first."""
    return [event.type for event in extract_events(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The government said it will withdraw its troops from the border region next month.", "AGREE"),
        ("Norway will provide emergency food aid to families displaced by the floods.", "AGREE"),
        ("The rebels are willing to release the two engineers.", "AGREE"),
        ("The union said it would boycott the talks with the employers.", "THREATEN"),
        ("The minister said the army must withdraw from the occupied villages.", "REQUEST"),
        ("The council declined to withdraw the contested decree.", "REJECT"),
        ("The president said he will not withdraw the contested decree.", "REJECT"),
    ],
)
def test_stated_intention_is_the_speech_act(text: str, want: str) -> None:
    assert _types(text)[:1] == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The government withdrew its troops from the border region on Monday.", "RETREAT"),
        ("Norway provided emergency food aid to families displaced by the floods.", "AID"),
        ("Police arrested the opposition leader at his home on Monday.", "COERCE"),
    ],
)
def test_acts_that_happened_keep_their_type(text: str, want: str) -> None:
    assert _types(text)[:1] == [want]


def test_offered_act_is_one_agree_event() -> None:
    assert _types("The rebels offered to hand over the two hostages to the Red Cross.") == ["AGREE"]


def test_act_a_noun_threatens_is_a_threat() -> None:
    assert _types("The union repeated its threat to blockade the port.")[:1] == ["THREATEN"]
