"""Ranking and dedupe: the main clause's act comes first; two events of one sentence stay two, a reprint is one."""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: PLOVER GSR (openeventdata/PLOVER, CC BY-SA 4.0).

from __future__ import annotations

import pytest

from storyline.extract import extract_events
from storyline.extract.acled import INTERVENED
from storyline.extract.rank import Prominence, dedupe, rank
from storyline.models import Event, Evidence

SENTENCE = "Police arrested 5 men in Kano and soldiers arrested 3 women in Kaduna."


def _event(type_: str, sentence: str, start: int, trigger: str, nth: int = 0) -> Event:
    """An event of the sentence printed at ``start``, on the ``nth`` occurrence of the trigger word."""
    at = sentence.index(trigger)
    for _ in range(nth):
        at = sentence.index(trigger, at + 1)
    return Event(
        type_,
        Evidence(sentence, start, start + len(sentence)),
        trigger=Evidence(trigger, start + at, start + at + len(trigger)),
    )


def test_two_events_of_one_sentence_stay_two() -> None:
    first, second = _event("COERCE", SENTENCE, 0, "arrested"), _event("COERCE", SENTENCE, 0, "arrested", nth=1)
    assert dedupe([first, second]) == [first, second]


def test_a_reprinted_sentence_is_one_fact() -> None:
    first, second = _event("COERCE", SENTENCE, 0, "arrested"), _event("COERCE", SENTENCE, 0, "arrested", nth=1)
    start = len(SENTENCE) + 2
    again = [_event("COERCE", SENTENCE, start, "arrested"), _event("COERCE", SENTENCE, start, "arrested", nth=1)]
    assert dedupe([first, second, *again]) == [first, second]


def test_a_violent_noun_in_a_phrase_ranks_below_the_main_speech_act() -> None:
    text = "Palestinians blamed Israel for the bombing of a house in Tulkarm."
    bombing, blamed = _event("ASSAULT", text, 0, "bombing"), _event("ACCUSE", text, 0, "blamed")
    where = {id(bombing): Prominence(clause=0, verb=False, oblique=True), id(blamed): Prominence()}
    assert [e.type for e in rank([bombing, blamed], where)] == ["ACCUSE", "ASSAULT"]


def test_a_violent_verb_of_the_main_clause_still_comes_first() -> None:
    text = "Gunmen attacked a village after a request for talks."
    request, attacked = _event("REQUEST", text, 0, "request"), _event("ASSAULT", text, 0, "attacked")
    where = {id(request): Prominence(clause=0, verb=False, oblique=True), id(attacked): Prominence()}
    assert [e.type for e in rank([request, attacked], where)] == ["ASSAULT", "REQUEST"]


def test_accusation_about_a_bombing_is_the_first_event() -> None:
    events = extract_events("Palestinians blamed Israel for the bombing of a house in Tulkarm.")
    assert events and events[0].type == "ACCUSE"


def test_ground_taken_in_an_attack_is_the_first_event() -> None:
    events = extract_events("Rebels attacked army positions near Hpakant and seized two outposts.")
    assert [e.acled_sub_event_type for e in events][:1] == ["Non-state actor overtakes territory"]


def test_an_attack_that_killed_stays_before_its_abductions() -> None:
    events = extract_events("Gunmen attacked a village near Gusau, killing 12 people and abducting 30.")
    assert [(e.acled_sub_event_type, e.fatalities) for e in events][:1] == [("Attack", 12)]


def test_a_riot_comes_before_the_force_that_answered_it() -> None:
    text = "Youths hurled rocks at soldiers at a checkpoint near Hebron. Soldiers opened fire, killing a teenager."
    assert [e.acled_sub_event_type for e in extract_events(text)] == ["Violent demonstration", "Attack"]


def test_a_riot_does_not_outrank_an_attack_on_someone_else() -> None:
    text = "Youths hurled rocks at soldiers near Hebron. Soldiers shelled a Hamas post in Gaza, killing three fighters."
    assert [e.acled_sub_event_type for e in extract_events(text)][:1] != ["Violent demonstration"]


def test_a_protest_a_force_broke_up_comes_before_the_force() -> None:
    text = "Riot police fired tear gas at farmers demonstrating against land seizures in Kisumu, injuring six."
    first = extract_events(text)[0]
    assert (first.type, first.acled_sub_event_type) == ("PROTEST", "Protest with intervention")
    assert first.actor1 is not None and first.actor1.sector == "PRO"


def test_a_protest_does_not_outrank_a_force_acting_in_another_sentence() -> None:
    text = "Farmers marched in Kisumu on Monday. Police fired tear gas at students in Nairobi, injuring six."
    events = extract_events(text)
    assert events[0].type != "PROTEST" or events[0].acled_sub_event_type not in INTERVENED


@pytest.mark.parametrize(
    "sentence",
    [
        "The arrest of the opposition leader by police sparked mass protests in the capital.",
        "The detention of a union leader by soldiers sparks protests across the country.",
        "The killing of a student by police is fuelling protests in the north.",
        "The eviction of traders by soldiers has spurred protests in the market.",
    ],
)
def test_a_protest_an_act_set_off_is_not_lifted_above_the_act(sentence: str) -> None:
    """A protest an act set off ("the arrest of X sparked protests", in any tense) is what followed, not the
    incident."""
    act, protest = _event("COERCE", sentence, 0, sentence.split()[1]), _event("PROTEST", sentence, 0, "protests")
    for event in (act, protest):
        event.acled_sub_event_type = sorted(INTERVENED)[0]
    assert rank([act, protest])[0] is act


def test_the_act_an_accusation_tells_ranks_above_the_accusation() -> None:
    """ACLED codes the act an accusation of no ACLED type tells ("accused soldiers of burning homes"), so it comes
    first; an act the sentence does not tell as accused stays where salience puts it."""
    text = "Residents accused soldiers of burning their homes in the village."
    accused, burning = _event("ACCUSE", text, 0, "accused"), _event("ASSAULT", text, 0, "burning")
    burning.acled_event_type = "Strategic developments"
    below = Prominence(clause=2, verb=False, oblique=True)
    assert rank([accused, burning], {id(burning): below})[0] is accused
    told = {id(burning): Prominence(clause=2, verb=False, oblique=True, accused=True)}
    assert rank([accused, burning], told)[0] is burning
