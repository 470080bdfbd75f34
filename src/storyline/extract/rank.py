"""One event per fact, most salient first, with a confidence."""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from storyline.extract.acled import INTERVENED
from storyline.extract.events import SET_OFF
from storyline.models import Actor, Event

_TYPE_WEIGHT = {"ASSAULT": 3.0, "PROTEST": 2.0, "COERCE": 2.0, "MOBILIZE": 1.5, "RETREAT": 1.5, "AGREE": 1.5}
_WORD = re.compile(r"\w+")
# Salience weights of where a trigger sits (tuned on the first halves of event-location dev and PLOVER GSR).
_MAIN_CLAUSE = 3.0  # divided by 1 + the subordinate clauses above the trigger
_VERB = 0.5
_LOCATIVE = 0.75
_OBLIQUE = 1.5  # subtracted for a noun inside a prepositional phrase
_CUMULATIVE_ONLY = 1.5  # subtracted for an event whose only counts are cumulative tolls


def _normal(text: str) -> str:
    """Lower-case words only: the same sentence printed twice compares equal."""
    return " ".join(_WORD.findall(text.lower()))


def _around_trigger(event: Event) -> str:
    """The normalised words around the trigger: equal for two copies of a sentence, whatever precedes them."""
    text = event.evidence.text
    if event.trigger is None:
        return _normal(text)
    at = event.trigger.start - event.evidence.start
    before = _normal(text[:at]).split()[-4:]
    return " ".join(before + _normal(text[at:]).split()[:16])


def _fact_keys(event: Event) -> list[tuple[object, ...]]:
    """Keys under which two events are one fact: same kind, victims' country and words around the trigger; or
    actors and counts; or actors, place, day and toll."""
    actors = tuple(a.name if a else None for a in (event.actor1, event.actor2))
    # one sentence may report attacks on two sides ("killed 900 Israelis ... 700 Palestinians"): one event each
    kind = (event.type, event.mode, event.actor2.country if event.actor2 else None)
    keys: list[tuple[object, ...]] = [(*kind, _around_trigger(event))]
    if event.counts:
        counts = tuple(sorted((c.kind, c.value, c.scope) for c in event.counts))
        keys.append((*kind, actors, counts, event.status))
    if event.fatalities:  # the same deadly incident retold in other words: same actors, place, day and toll
        place = event.location.name if event.location else None
        keys.append((*kind, actors, place, event.date, "fatalities", event.fatalities))
    return keys


def _sentence_key(event: Event) -> tuple[object, ...]:
    """The event's kind and sentence words: a sentence printed again (elsewhere in the text) is the same fact."""
    return (event.type, event.mode, event.actor2.country if event.actor2 else None, _normal(event.evidence.text))


def dedupe(events: list[Event]) -> list[Event]:
    """Each fact once: later repeats of an event (same trigger words, same actors and counts, or the same sentence
    printed again) are dropped; two events of one sentence stay two ("bombed X after Y attacked Z")."""
    seen: set[tuple[object, ...]] = set()
    sentences: dict[tuple[object, ...], int] = {}  # sentence key → where that sentence was first read
    kept = []
    for event in events:
        keys, sentence = _fact_keys(event), _sentence_key(event)
        first = sentences.setdefault(sentence, event.evidence.start)
        if any(k in seen for k in keys) or first != event.evidence.start:
            continue
        seen.update(keys)
        kept.append(event)
    return kept


def confidence(event: Event) -> float:
    """How sure the extraction is, 0–1: a verb trigger with actors, counts and a full sentence scores high."""
    score = 0.35
    score += 0.15 if event.actor1 else 0.0
    score += 0.1 if event.actor2 else 0.0
    score += 0.1 if event.counts else 0.0
    score += 0.1 if event.acled_sub_event_type else 0.0
    score += 0.1 if event.evidence.text.rstrip().endswith((".", "!", "?", '"', "”")) else -0.1
    score += 0.05 if event.location and event.location.precision != "unresolved" else 0.0
    return max(0.05, min(0.95, score))


@dataclass(frozen=True, slots=True)
class Prominence:
    """Where an event's trigger sits in its sentence, as salience reads it."""

    clause: int = 0  # subordinate clauses between the trigger and the main clause ("..., killing 12" → 1)
    verb: bool = True  # a verb trigger; a noun event is often background ("after the raid")
    locative: bool = False  # the trigger carries the sentence's "in/at <place>" phrase
    oblique: bool = False  # a noun inside a prepositional phrase: background ("in the wake of the bombings")
    accused: bool = False  # violence an accusation of its sentence tells as done ("accused soldiers of burning homes")


def _type_weight(type_: str, where: Prominence) -> float:
    """How much the event's type counts: in full for a verb of the main clause; a violent noun or subordinate
    clause ("blamed Israel for the bombing", "demanded an admission that forces murdered ...") is background to
    the main clause's act, so its type's extra weight shrinks with its depth and is gone for an oblique noun."""
    extra = _TYPE_WEIGHT.get(type_, 1.0) - 1.0
    if where.oblique:
        return 1.0
    return 1.0 + extra / (1 + where.clause)


def salience(event: Event, position: int, total: int, where: Prominence | None = None) -> float:
    """Violent events with an incident's toll and named actors, in the main clause, early in the text, come first;
    a cumulative toll ("since 7 October, 253 killed") is background to the incidents beside it."""
    where = where or Prominence()
    score = _type_weight(event.type, where)
    score += 2.0 if event.fatalities else 0.0
    incident = any(c.scope != "cumulative" for c in event.counts)
    score += 1.0 if incident else -_CUMULATIVE_ONLY if event.counts else 0.0
    score += 1.0 if event.status in ("occurred", "ongoing") else -1.0
    score += _MAIN_CLAUSE / (1 + where.clause) + (_VERB if where.verb else 0.0) + (_LOCATIVE if where.locative else 0.0)
    score -= _OBLIQUE if where.oblique else 0.0
    score += 0.5 if event.location is not None and event.location.precision != "unresolved" else 0.0
    score += 1.0 - position / max(total, 1)
    return score + event.confidence


# What an attack achieved that ACLED codes as the incident itself: ground taken or retaken, people abducted.
_OUTCOMES = frozenset(
    {"Non-state actor overtakes territory", "Government regains territory", "Abduction/forced disappearance"}
)


def _teller(event: Event) -> tuple[int, str] | None:
    """The sentence and actor1 of an event: two events with the same are one actor's acts told together."""
    actor = event.actor1
    return (event.evidence.start, actor.name or actor.text) if actor is not None else None


def _lift(
    events: list[Event],
    scores: list[float],
    led: Callable[[Event], Hashable | None],
    leads: Callable[[Event], Hashable | None],
    match: Callable[[Any, Any], bool] = operator.eq,
) -> list[float]:
    """Scores with every event that ``leads`` keys ranked just above the best-scored event whose ``led`` key matches
    its key (``match(led key, leads key)``: the same key unless told)."""
    keys = [led(event) for event in events]
    out = list(scores)
    for i, event in enumerate(events):
        key = leads(event)
        if key is None:
            continue
        below = [score for score, other in zip(scores, keys, strict=True) if other is not None and match(other, key)]
        if below:
            out[i] = max(out[i], max(below) + 0.01)
    return out


def _outcomes_first(events: list[Event], scores: list[float]) -> list[float]:
    """An attack told with its outcome by the same actor in one sentence ("attacked junta positions and seized
    outposts", "stormed a studio and took staff hostage") is the outcome's incident: the outcome ranks just above
    the plain attack (an ASSAULT of no mode) that killed no one ("attacked a festival, killing 364 and abducting
    dozens" is the killing); ground taken or regained with no taker named, above the plain attacks of its sentence.
    Ground taken or regained ranks above the troop movements and withdrawals of its sentence made by another actor
    (``_GROUND``)."""

    def plain_attack(event: Event) -> tuple[int, str] | None:
        plain = event.type == "ASSAULT" and event.mode is None and not event.fatalities
        return _teller(event) if plain else None

    def outcome(event: Event) -> tuple[int, str] | None:
        return _teller(event) if event.acled_sub_event_type in _OUTCOMES else None

    def attack_told(event: Event) -> int | None:
        return event.evidence.start if plain_attack(event) is not None else None

    def outcome_of_no_one(event: Event) -> int | None:  # "stormed the office and declared the town under their control"
        return event.evidence.start if outcome(event) is None and event.acled_sub_event_type in _GROUND else None

    def movement(event: Event) -> tuple[int, str | None] | None:
        moved = (event.type, event.mode) in _MOVES
        return (event.evidence.start, _name(event.actor1)) if moved else None

    def ground(event: Event) -> tuple[int, str | None] | None:
        return (event.evidence.start, _name(event.actor1)) if event.acled_sub_event_type in _GROUND else None

    def another_actor(moved: tuple[int, str | None], taken: tuple[int, str | None]) -> bool:
        """Of the same sentence, unless both name the same actor (who pulled out of a town did not take it)."""
        return moved[0] == taken[0] and (taken[1] is None or moved[1] != taken[1])

    scores = _lift(events, _lift(events, scores, plain_attack, outcome), attack_told, outcome_of_no_one)
    return _lift(events, scores, movement, ground, another_actor)


def _name(actor: Actor | None) -> str | None:
    """An actor's name as the text gives it, None for no actor."""
    return None if actor is None else actor.name or actor.text


# Ground changing hands, and the moves of troops it is told with ("back in control of Lere after the rebels pulled
# out", "entered the town and declared it under its control"): the change of hands is the incident ACLED codes.
_GROUND = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
_MOVES = frozenset({("MOBILIZE", "troops"), ("RETREAT", "withdraw")})


# Forces that answer a riot; the crowds they answer (the riot's actor1 or the response's target).
_RESPONDERS = frozenset({"COP", "MIL"})
_CROWDS = frozenset({"PRO", "RIO", "CVL", "OPP"})


def _riot_first(events: list[Event], scores: list[float]) -> list[float]:
    """A violent demonstration told before the force that answered it ("youths threw stones at forces ... forces
    fired, killing one") is the incident ACLED codes (a riot stays a riot when the police use force): the riot
    ranks just above a later act of the forces it targeted against a crowd or no one named."""
    out = list(scores)
    for responder in _RESPONDERS:
        answers = sorted((e.evidence.start, i) for i, e in enumerate(events) if _answers(e, responder))
        best, after = -math.inf, []  # after[k]: the best score of answers[k:]
        for _, i in reversed(answers):
            best = max(best, scores[i])
            after.append(best)
        after.reverse()
        for i, riot in enumerate(events):
            if riot.acled_sub_event_type != "Violent demonstration" or not riot.actor2:
                continue
            k = bisect.bisect_left(answers, (riot.evidence.start, -1))
            if riot.actor2.sector == responder and k < len(answers):
                out[i] = max(out[i], after[k] + 0.01)
    return out


def _protest_first(events: list[Event], scores: list[float]) -> list[float]:
    """A protest a force broke up ("police dispersed students protesting fees with tear gas") is the incident ACLED
    codes, with the protesters as actor1 (the force is actor2): the protest ranks just above the force's act of the
    same kind in its sentence, unless the act set the protest off ("the arrest of X sparks protests": the act is
    the incident)."""

    def force_act(event: Event) -> int | None:
        return event.evidence.start if event.type != "PROTEST" and event.acled_sub_event_type in INTERVENED else None

    def broken_protest(event: Event) -> int | None:
        broken = event.type == "PROTEST" and event.acled_sub_event_type in INTERVENED and not _set_off(event)
        return event.evidence.start if broken else None

    return _lift(events, scores, force_act, broken_protest)


_SET_OFF_WORDS = 6  # words between such a verb and the protest noun ("sparked the country's largest street protests")


# Words after which a bare verb form is a verb ("could spark protests"; "fuel protests" is a noun phrase).
_VERB_BEFORE = frozenset({"to", "will", "would", "could", "can", "may", "might", "must", "should", "did", "does", "do"})
# Prepositions that put the protest noun in a phrase of its own ("caused three deaths at a protest"): where the
# act happened, not what it set off.
_PLACE_PREPOSITIONS = frozenset({"at", "in", "during", "near", "outside", "after", "before", "on", "inside"})


def _set_off(event: Event) -> bool:
    """True for a protest told as what another act set off: its trigger follows a form of a verb of
    ``events.SET_OFF`` ("sparked", "sparks", "triggering", "spurred", "could spark" ...) within a few words, with no
    preposition of place between them ("... sparked the country's largest street protests"; not "caused three
    deaths at a protest", not "fuel protests")."""
    if event.trigger is None:
        return False
    before = _normal(event.evidence.text[: event.trigger.start - event.evidence.start]).split()[-_SET_OFF_WORDS:]
    for k, word in enumerate(before):
        bare = word in SET_OFF
        if bare and (k == 0 or before[k - 1] not in _VERB_BEFORE):
            continue
        told = bare or any(_inflects(word, lemma) for lemma in SET_OFF)
        if told and not _PLACE_PREPOSITIONS & set(before[k + 1 :]):
            return True
    return False


def _inflects(word: str, lemma: str) -> bool:
    """Whether a word is a regular form of a verb: the lemma with -s, -es, -ed, -d or -ing, a final e dropped
    ("provoking") or the last consonant doubled ("spurred", "fuelled")."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return word.startswith(stem) and word[len(stem) :].lstrip(stem[-1]) in ("", "e", "s", "es", "ed", "d", "ing")


def _accused_first(events: list[Event], scores: list[float], prominence: dict[int, Prominence]) -> list[float]:
    """Violence an accusation tells as what was done ("residents accused soldiers of burning their homes",
    ``Prominence.accused``) is the incident ACLED codes, the accusation none: the act ranks just above the
    accusations of its sentence that have no ACLED type. A condemned act ("the UN condemned the attack") is not
    marked: the news is the condemnation, which keeps its rank."""

    def accusation(event: Event) -> int | None:
        return event.evidence.start if event.type == "ACCUSE" and event.acled_event_type is None else None

    def accused(event: Event) -> int | None:
        where = prominence.get(id(event))
        return event.evidence.start if where is not None and where.accused else None

    return _lift(events, scores, accusation, accused)


def _answers(event: Event, responder: str | None) -> bool:
    """Whether an event is an ASSAULT by ``responder`` forces on a crowd or on no one named."""
    by = event.actor1.sector if event.actor1 else None
    on = event.actor2.sector if event.actor2 else None
    return event.type == "ASSAULT" and by == responder and (on is None or on in _CROWDS)


def rank(events: list[Event], prominence: dict[int, Prominence] | None = None) -> list[Event]:
    """Events with confidences set, most salient first (``prominence``: id(event) → where its trigger sits)."""
    prominence = prominence or {}
    for event in events:
        event.confidence = confidence(event)
    total = len(events)
    scores = [salience(e, i, total, prominence.get(id(e))) for i, e in enumerate(events)]
    scores = _protest_first(events, _riot_first(events, _outcomes_first(events, scores)))
    scores = _accused_first(events, scores, prominence)
    order = sorted(range(total), key=lambda i: -scores[i])
    return [events[i] for i in order]
