"""ACLED event type and sub-event type from a PLOVER type, mode, actors and cue words; ACLED's actor1.

The mapping is data (``resources/ontology/acled_rules.tsv``); the first matching row wins. Event kinds
ACLED does not record (consultations, accusations, requests...) map to no ACLED type. The ACLED export and the
ACLED view name actor1 as ACLED codes it (below). The Event JSON keeps the actors the text names (an unnamed
attacker stays null there: "700 were killed" does not say who killed them), except where the words themselves
say who acted (applied in assemble; actor1 keeps the span of the words that name it): a planted bomb, landmine or IED,
a thrown grenade, or an attack on people named by a noun of a harm only an attacker does ("a stabbing", "a
car-ramming", "gunshot wounds") with no named agent is by an Unidentified Armed Group of the place's country, and an
arrest with no named agent by the place's police, unless the sentence tells a raid or operation or the place is a
territory whose own authorities are not the force acting there (``resources/actors/implied_agents.tsv``);
so is a civilian named only as a person who commits political violence ("a man stabbed a guard": that file's ``*``
row, as ACLED never codes civilians as the actor of violence); the crowd of a violent demonstration are rioters
(``assemble._acled_roles``); an attack with no named attacker that a named group claims, or that is blamed on a named
group or a state force, has that actor as actor1 (ACLED codes the claimant; ``assemble._claim``; a negated claim or
one of another incident names no one). A protest a force breaks up is led by the crowd the text names, else by the
place's protesters (:func:`crowd_first`, applied in assemble to the protest event; the force's own act keeps the
force as actor1, as PLOVER codes it; where the sentence tells no act of the crowd's own and the force only broke the
crowd up, the protest ACLED codes is added as an event of its own beside the force's act). Putting ACLED's actor1
into every ACLED-typed event was measured (session 7) and not done: held-out gains on the ACLED notes sets came only
from protests (the rest, unnamed attackers and placed groups, moved tune records only), at a cost to PLOVER GSR source
actors.
The ACLED view of a text (:func:`acled_event`) is its most salient event, or the first event with an ACLED type
when that one has none (an accusation takes the ACLED types of the act it governs in assemble: "X accused Y of
shelling" ranks ACCUSE first, typed as the shelling, which is what ACLED codes).
The ACLED view's actor1 (:func:`acled_actor`) is the actor ACLED codes as the initiator, which is not always the
Event JSON's (PLOVER's source, scored on PLOVER GSR): the protesters of a protest the police break up or fire on
("Protest with intervention", "Excessive force against protesters": the police are actor2 there), the crowd of a
protest or riot named "Protesters/Rioters (Country)" of the place, an Unidentified Armed Group (Country) for an
attack with no named attacker, and an armed or state actor of no country ("Islamic State militants", "regime
forces") placed in the event's country, as ACLED gives every actor1 a country.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from storyline.extract import lexicon
from storyline.extract.actors import ARMED, LOCAL_SECTORS, actor_name, as_sector, names_attack, singulars, with_country
from storyline.models import Actor, Event

# ACLED event type → the sector of its actor1 (protests are led by protesters, riots by rioters).
_CROWD = {"Protests": "PRO", "Riots": "RIO"}
# ACLED event types whose unknown perpetrator ACLED codes as "Unidentified Armed Group (Country)".
_UNNAMED_ATTACKER = frozenset({"Explosions/Remote violence", "Violence against civilians"})
# ACLED event types of organised violence, whose agentless report in a notes text is by the attacker named before it.
_VIOLENT = frozenset({"Battles", *_UNNAMED_ATTACKER})
# Protest sub-types whose actor1 ACLED codes as the protesters even when the police (actor2) are the ones acting.
INTERVENED = frozenset({"Protest with intervention", "Excessive force against protesters"})


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


def acled_actor(event: Event) -> Actor | None:
    """The actor ACLED would code as an event's actor1 (see the module docstring)."""
    place = event.location.country if event.location else None
    types = (event.acled_event_type, event.acled_sub_event_type)
    return _acled_actor(types, event.actor1, event.actor2, place)


def _acled_actor(
    types: tuple[str | None, str | None], actor: Actor | None, other: Actor | None, place: str | None
) -> Actor | None:
    """ACLED's actor1 from an event's (ACLED type, sub-type), actors and place country."""
    crowd = _CROWD.get(types[0] or "")
    if crowd is not None and types[1] in INTERVENED:
        crowd_actor = other if other is not None and other.sector not in (*ARMED, "GOV") else None
        rioters = crowd_actor is not None and crowd_actor.sector == "RIO"  # looters broken up are no protesters
        return _crowd("RIO" if rioters else crowd, crowd_actor or actor, place)
    if crowd is not None and (actor is None or actor.sector not in (*ARMED, "GOV")):
        return _crowd(crowd, actor, place)  # a crowd the text does not name ("thousands marched") is still one
    if actor is None:
        if types[0] not in _UNNAMED_ATTACKER:
            return None
        name = actor_name(place, "UAF", "")
        return Actor(name, name, place, "UAF")
    return _placed(actor, place)


def crowd_first(events: list[Event]) -> None:
    """A protest that a force breaks up or fires on is led by its crowd, not by the force: a sentence's protest event
    with no actor1 or the force as actor1 ("Israeli police dispersed a protest ... and detained 3 protesters") takes
    as actor1 the crowd the force acted on in that sentence, as protesters (the place's protesters when the force
    acted on none the text names: "police broke up a rally in Belgrade"), the force as actor2, and the toll of the
    force's act (ACLED counts the protesters killed in the protest's event). The force's own event (the dispersal,
    the shooting, the arrests) keeps the force as its actor1. A sentence that tells no act of the crowd's own but
    a force breaking up a crowd by crowd control or arrests, with no one killed or hurt by arms ("police fired tear gas
    at relatives gathered outside the mine": a "Protest with intervention") tells the protest ACLED codes: a PROTEST
    event is added for it (:func:`_broken_protest`; ``rank`` puts it above the force's act), and the act keeps the
    force as actor1; a sentence where a force fires weapons or uses lethal or excessive force tells no added
    protest (the attack is the incident, as PLOVER codes it), nor one whose crowd is rioters or looters
    (:func:`_rioters`), who hold no protest."""
    protests = [e for e in events if e.type == "PROTEST" and e.acled_sub_event_type in INTERVENED]
    for protest in protests:
        acts = [e for e in events if e is not protest and e.acled_sub_event_type in INTERVENED and _is_force(e.actor1)]
        protest.fatalities = protest.fatalities or max((e.fatalities or 0 for e in acts), default=0) or None
        led = [e.actor1 for e in acts if protest.actor1 in (None, e.actor1)]
        crowd = next((c for e in acts if (c := _named_crowd(e.actor2, e)) is not None), None)
        if led:
            protest.actor1, protest.actor2 = _protesters(crowd, protest), led[0]
    if protests or any(e.actor1 is not None and not _is_force(e.actor1) for e in events):
        return  # the crowd's own act is told: that event is theirs, the force's act is its answer
    if any(e.acled_sub_event_type in INTERVENED - {_BROKEN_UP} for e in events):
        return  # a force that fired on the crowd, killing or hurting: that act is the incident, as PLOVER codes it
    for act in list(events):
        if act.acled_sub_event_type == _BROKEN_UP and _is_force(act.actor1) and _breaks_up(act) and not _rioters(act):
            events.append(_broken_protest(act))


def _rioters(act: Event) -> bool:
    """Whether the crowd a force's act broke up is rioters or looters (sectors.tsv RIO), who hold no protest: named
    as the act's actor2, or, when the act names none, by a noun of its sentence ("used tear gas to disperse looters":
    the parser hangs the looters on the purpose clause)."""
    if act.actor2 is not None:
        return act.actor2.sector == "RIO"
    sectors = lexicon.sectors()
    words = _WORDS.findall(act.evidence.text.lower())
    return any("RIO" in (sectors.get(w), *(sectors.get(s) for s in singulars(w))) for w in words)


def _broken_protest(act: Event) -> Event:
    """The protest a force's act broke up, told by that act's words: a PROTEST (mode demo) led by the crowd the
    act names (else the place's protesters), the force as actor2, at the act's place, date and trigger, with the
    act's ACLED types; the act's counts stay the act's (the people arrested, not the crowd's size)."""
    crowd = _protesters(_named_crowd(act.actor2, act), act)
    return replace(act, type="PROTEST", mode="demo", actor1=crowd, actor2=act.actor1, counts=[])


_BROKEN_UP = "Protest with intervention"
_HURT = frozenset({"killed", "injured"})  # count kinds of people a force's act hurt
_WORDS = re.compile(r"[a-z]+")


def _breaks_up(act: Event) -> bool:
    """Whether a force's act only breaks a crowd up: crowd control (tear gas, water cannon, batons, rubber bullets) or
    an arrest or dispersal, not a weapon fired at it ("ordered to fire on the protesters"), hurting no one it counts
    ("fired tear gas at students, injuring six": the force's act is the incident)."""
    hurt = act.fatalities or any(c.kind in _HURT for c in act.counts)
    return not hurt and (act.type == "COERCE" or act.mode == "crowd-control")


def _protesters(crowd: Actor | None, event: Event) -> Actor:
    """The crowd as the protesters of an event, of the event's country when the text gives it none; when the text
    names no crowd, the protesters of the event's country (no span: no words name them)."""
    place = event.location.country if event.location is not None else None
    if crowd is not None:
        return as_sector(crowd if crowd.country or not place else replace(crowd, country=place), "PRO")
    return _crowd("PRO", None, place)


def _is_force(actor: Actor | None) -> bool:
    """Whether the actor is an armed or state actor (one that breaks up protests)."""
    return actor is not None and actor.sector in (*ARMED, "GOV")


def _named_crowd(actor: Actor | None, event: Event) -> Actor | None:
    """The actor when it can be a crowd: not an armed or state actor, nor the press (reporters a force acted on
    cover the protest: "fired tear gas at reporters covering a march"), nor the words of the event's place ("fired
    rubber bullets at fans outside the stadium in Buenos Aires": the place stands for no crowd)."""
    if actor is None or _is_force(actor) or actor.sector == "MED":
        return None
    where = event.location
    if where is None or where.start is None or actor.start is None or actor.end is None:
        return actor
    return None if actor.start <= where.start < actor.end else actor


def _crowd(sector: str, actor: Actor | None, place: str | None) -> Actor:
    """The protesters or rioters of a protest or riot, of the place's country (the crowd's when none)."""
    text = actor.text if actor is not None and actor.sector not in (*ARMED, "GOV") else "protesters"
    country = place or (actor.country if actor is not None else None)
    return Actor(text, actor_name(country, sector, text), country, sector)


def _placed(actor: Actor, place: str | None) -> Actor:
    """An actor of a local sector (``LOCAL_SECTORS``: armed and state actors, civilians, crowds, trades) of no country
    in the event's country (a named group keeps its name); an attack told as its own agent ("an air strike") in
    none."""
    if actor.country or not place or actor.sector not in LOCAL_SECTORS or names_attack(actor):
        return actor
    placed = with_country(actor, place)
    return placed if placed.country else replace(actor, country=place)


def acled_actor1(event: Mapping[str, Any]) -> str | None:
    """The name ACLED would give an event's actor1 (see the module docstring), from its Event JSON."""
    place = (event.get("location") or {}).get("country")
    types = (event.get("acled_event_type"), event.get("acled_sub_event_type"))
    actor = _acled_actor(types, _actor_of(event.get("actor1")), _actor_of(event.get("actor2")), place)
    return (actor.name or actor.text) if actor is not None else None


def _actor_of(actor: Mapping[str, Any] | None) -> Actor | None:
    """An Actor from its Event JSON."""
    if not actor:
        return None
    return Actor(actor.get("text") or "", actor.get("name"), actor.get("country"), actor.get("sector"))


def acled_event(events: Sequence[Event]) -> Event | None:
    """The event an ACLED view of a text codes: the first, or the first with an ACLED type when the first has none,
    with ACLED's actor1 (:func:`acled_actor`; an agentless violent event, or one whose agent only the words imply,
    takes the attacker told before it)."""
    event = next((event for event in events if event.acled_event_type is not None), events[0] if events else None)
    if event is None:
        return None
    actor = event.actor1
    if actor is None or _unidentified(actor):
        actor = _earlier_attacker(event, events) or actor
    return replace(event, actor1=acled_actor(replace(event, actor1=actor)))


def _unidentified(actor: Actor) -> bool:
    """Whether an actor is an Unidentified Armed Group no words name (implied by a planted device or an attack's
    weapon: "a stabbing wounded one man" is by someone), which a notes text's attacker told before it names; armed
    men the words name ("gunmen") are the attackers they are."""
    if actor.sector != "UAF" or actor.name != actor_name(actor.country, "UAF", ""):
        return False
    sectors = lexicon.sectors()
    return not any(sectors.get(s) for w in _WORDS.findall(actor.text.lower()) for s in (w, *singulars(w)))


def _earlier_attacker(event: Event, events: Sequence[Event]) -> Actor | None:
    """The armed actor1 of the nearest event told before an agentless violent one ("Settlers set fire to houses.
    Residents who confronted them were attacked": a notes text reports one incident, its attacker named first)."""
    if event.acled_event_type not in _VIOLENT:
        return None
    before = sorted((e for e in events if _told_at(e) < _told_at(event)), key=_told_at, reverse=True)
    armed = [e.actor1 for e in before if e.actor1 is not None and e.actor1.sector in ARMED]
    return next((a for a in armed if event.actor2 is None or a.name != event.actor2.name), None)


def _told_at(event: Event) -> int:
    """Where an event is told: its trigger's offset, else its sentence's."""
    return (event.trigger or event.evidence).start
