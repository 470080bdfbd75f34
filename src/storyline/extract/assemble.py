"""Assembling Events from one parsed sentence: roles, actors, place, date, counts, status, attribution, ACLED."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from storyline.extract import lexicon, trigger_hits
from storyline.extract.acled import acled_types, crowd_first
from storyline.extract.actors import (
    ARMED,
    DocActors,
    Mention,
    actor_name,
    as_sector,
    attacking_sector,
    country_of,
    forceless,
    many_people,
    with_country,
)
from storyline.extract.attribution import find_attribution
from storyline.extract.counts_lexicon import counts_lexicon
from storyline.extract.counts_numbers import word_value
from storyline.extract.events import Detected, Hit, detect
from storyline.extract.rank import Prominence
from storyline.extract.roles import (
    MentionIndex,
    Roles,
    clause_verb,
    demanded_of,
    placed_target,
    trigger_roles,
    under_fire_doer,
)
from storyline.extract.status import event_status
from storyline.extract.tree import child, children
from storyline.extract.victims import (
    UNARMED,
    counted_victims,
    last_victims,
    local_victims,
    localise,
    reports_harm,
    share_victims,
    split_by_victims,
)
from storyline.extract.victims_sides import are_doers, attack_origin, harm_lemmas, span_in
from storyline.models import Actor, Attribution, Count, Event, Evidence, Location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_Spanned = TypeVar("_Spanned", Actor, Location, Attribution, Count)
# Which events a count belongs to when a sentence reports several.
_COUNT_HOMES = {
    "killed": ("ASSAULT", "PROTEST"),
    "injured": ("ASSAULT", "PROTEST"),
    "missing": ("ASSAULT",),
    "hostages": ("ASSAULT/abduct", "RETREAT", "ASSAULT"),
    "detained": ("COERCE", "ASSAULT/abduct", "RETREAT"),
    "released": ("RETREAT", "AGREE", "CONSULT"),
    "displaced": ("ASSAULT", "COERCE"),
}
# Dependencies that open a clause below the one they hang on.
_SUBORDINATE = frozenset(
    {"advcl", "ccomp", "xcomp", "relcl", "acl", "pcomp", "csubj", "csubjpass", "parataxis", "amod"}
)
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_FRONTED = frozenset({"ccomp", "parataxis"})
_NOT_ACLED_STATUS = frozenset({"proposed", "negotiating", "threatened", "denied", "hypothetical"})
_ANNOUNCED = frozenset({"proposed", "hypothetical"})  # "announced it would lay down its weapons"
_PROTESTED_PREPS = frozenset({"against", "over"})  # "protested against/over X": X is what is protested
_PROTESTERS = frozenset({"PRO", "RIO"})  # sectors that only ever do a protest, never have it done to them


@dataclass(slots=True)
class SentenceContext:
    """What assembly keeps across the sentences of one text."""

    published: datetime.date | None
    modules: dict[str, ModuleType | None]
    places: Any = None  # the places module's PlaceContext: the article's places so far (made on first use)
    # (Doc, its offset, sentence start, place) of the first place an event was at that the gazetteer lacks
    unresolved: tuple[object, int, int, Location] | None = None
    attributions: list[Attribution] = field(default_factory=list)
    prominence: dict[int, Prominence] = field(default_factory=dict)  # id(event) → where its trigger sits
    last: tuple[object, int, list[Event]] | None = None  # (Doc, end token, events) of the last sentence with events
    victims: tuple[object, str] | None = None  # (Doc, country) of the last victims with a country in a paragraph


def build_events(
    sent: Span, mentions: list[Mention], actors: DocActors, ctx: SentenceContext, offset: int
) -> list[Event]:
    """The events a sentence reports, with offsets into the whole text (``offset`` = where its Doc starts)."""
    detected = detect(sent)
    claim = _claim(sent, mentions)
    if not detected:
        _claimed_before(claim, sent, ctx, offset)
        return []
    index = MentionIndex(mentions)
    detected = [part for det in detected for part in _separated(det, index)]
    counts = _counts(sent, ctx)
    attribution = _attribution(sent, actors, detected[0].main.token, ctx)
    lemmas = _cue_lemmas(sent, detected)
    events: list[Event] = []
    tokens: list[Token] = []  # each event's trigger token
    bodies: list[bool] = []  # whether each event is bodies found
    main_assault = next((d for d in detected if d.type == "ASSAULT" and _key(d) == "ASSAULT"), None)
    before = ctx.victims[1] if ctx.victims is not None and ctx.victims[0] is sent.doc else None
    for det in detected:  # each one's hits already in _anchoring order (_separated)
        # an abduction or rape during an assault happened where the assault did, unless that assault is only part of
        # how a participant is described ("X, a planner of the attacks in Paris, was captured in Liege")
        place_trigger = main_assault.main.token if main_assault is not None and det.type == "ASSAULT" else None
        if place_trigger is not None and _describes_participant(place_trigger, det.main.token):
            place_trigger = None
        event = _event(det, sent, index, ctx, offset, place_trigger)
        event.counts = _counts_for(det, detected, counts, sent)
        prominence = _prominence(det.main.token)
        others = _other_victims(det, index, event.actor2)
        conjoined = _conjoined_victims(event, det.type, sent, index)
        parts = split_by_victims(event, sent, [actor for actor, _ in others] + conjoined, index)
        told = {(actor.text, actor.start): words for actor, words in others}
        for part in parts[1:]:  # "clashes with the army, with villagers killed": the villagers' word tells their harm
            victims = part.actor2
            part.trigger = told.get((victims.text, victims.start), part.trigger) if victims else part.trigger
        doers = [_doer_clauses(part, sent) for part in parts]
        where = {id(part): prominence for part in parts}
        for part, clauses in zip(parts[1:], doers[1:], strict=True):  # "... as rockets killed two Israelis in Sderot"
            verb = next((v for v in clauses if v.i not in {d.i for d in doers[0]}), None)
            doer = _own_doer(verb, event, index) if verb is not None else None
            if verb is not None and (doers[0] or doer is not None):  # a harm of its own, told by its own doer
                part.trigger = Evidence(verb.text, verb.idx, verb.idx + len(verb))
                part.location = _location(sent, verb, ctx, offset)
                part.actor1 = _doer_actor(doer, event, det.type) if doer is not None else part.actor1
                where[id(part)] = _prominence(verb)
                if doer is not None and _same_head(doer.actor, event.actor2):  # the target's reply: told below it
                    where[id(part)] = replace(
                        where[id(part)], clause=max(where[id(part)].clause, prominence.clause) + 1
                    )
        for part in parts:
            part.attribution = attribution
            part.actor2 = part.actor2 or counted_victims(part)
            part.actor1 = part.actor1 or _told_before(det, part, sent, ctx, offset)
            localise(part, sent, index, before)
            part.actor2 = part.actor2 or local_victims(part, _lemmas(det), sent, index, before)
            part.acled_event_type, part.acled_sub_event_type = _acled(part, det, lemmas)
            _acled_roles(part, sent)
            part.actor1 = part.actor1 or _origin_agent(part, sent) or _implied_agent(part, sent)
            part.actor2 = part.actor2 or _protest_target(part, det, index) or _place_people(part)
            _sole_country(part, sent)
            events.append(shift(part, offset))
            tokens.append(det.main.token)
            bodies.append("body" in det.hints)
            ctx.prominence[id(part)] = where[id(part)]
        _incident_tolls(parts, ctx, doers)  # once typed: ACLED's events of the incident
    _accused_acts(events, tokens, ctx.prominence)
    events = _bodies_to_incident(events, bodies, sent, ctx, offset)
    share_victims(events)
    crowd_first(events)
    if claim is not None and not _claimed(events, claim, offset + claim[0].idx, offset):
        _claimed_before(claim, sent, ctx, offset)
    ctx.victims = (sent.doc, country) if (country := last_victims(events)) else ctx.victims
    if len(detected) == 1 and detected[0].continues:
        events = _fold_tolls(events, sent, ctx, offset)
    _riot_tolls(events, ctx.last[2] if ctx.last is not None and ctx.last[0] is sent.doc else [])
    ctx.last = (sent.doc, sent.end, events or (ctx.last[2] if ctx.last else []))
    return events


@cache
def _sequence_words() -> frozenset[str]:
    """ "after", "before", "since" ...: words that tell another event in time (resources/actors/sequence_words.tsv)."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "sequence_words.tsv"))


def _sequenced(token: Token, above: set[int]) -> bool:
    """Whether a token sits under an "after/before/since" clause or phrase that the main trigger is not in
    (``above``: the main trigger and its heads). Heads are walked only up to the first of those."""
    for node in chain((token,), token.ancestors):
        if node.i in above:
            return False
        if node.dep_ == "pobj" and node.head.lower_ in _sequence_words():
            return True
        if any(c.lower_ in _sequence_words() for c in children(node, "mark")):
            return True
    return False


def _separated(det: Detected, index: MentionIndex) -> list[Detected]:
    """The event, and apart from it the triggers of an earlier or later event told with it when that one has an
    agent of its own ("Israel bombed Gaza after a Hamas attack killed 1,400": the bombing has no toll)."""
    det.hits.sort(key=_anchoring)
    main = det.main.token
    above = {main.i, *(t.i for t in main.ancestors)}
    other = [h for h in det.hits[1:] if _sequenced(h.token, above)]
    if not other:
        return [det]
    agent = trigger_roles(main, index, det.main.end).actor1
    others = [trigger_roles(h.token, index, h.end).actor1 for h in other]
    if agent is None or not any(a is not None and a is not agent for a in others):
        return [det]  # "soldiers were killed after militants attacked": one incident, told from its toll
    rest = [h for h in det.hits if h not in other]
    modes = [h.entry.mode for h in other if h.entry.mode]
    mode = det.mode if det.mode in modes else next(iter(modes), None)  # the sentence's weapon was the main event's
    return [replace(det, hits=rest), replace(det, hits=other, mode=mode, hints=set(det.hints), continues=False)]


def _cue_lemmas(sent: Span, detected: list[Detected]) -> set[str]:
    """The sentence's lemmas that can cue an ACLED sub-type: not those of what a protest is about ("protested the
    arrest of their leader", "rallied against police brutality" tell no intervention)."""
    protested = {
        t.i
        for det in detected
        if det.type == "PROTEST"
        for hit in det.hits
        for obj in _protested(hit.token)
        for t in obj.subtree
    }
    return {t.lemma_.lower() for t in sent if t.i not in protested}


def _protested(trigger: Token) -> list[Token]:
    """What a protest trigger is about: its direct object, and the object of its "against" or "over"."""
    objects = children(trigger, "dobj")
    for prep in children(trigger, "prep"):
        if prep.lower_ in _PROTESTED_PREPS:
            objects += children(prep, "pobj")
    return objects


def _lemmas(det: Detected) -> set[str]:
    """The lemmas of an event's triggers."""
    return {hit.token.lemma_.lower() for hit in det.hits}


def _fold_tolls(parts: list[Event], sent: Span, ctx: SentenceContext, offset: int) -> list[Event]:
    """Add a toll-only sentence's counts to the incident of the sentence before ("... clashed. 7 were killed."):
    all its parts when it is split by victims ("Four militants and one soldier were killed") and one of them fits."""
    target = next((t for p in parts if (t := _toll_target(p, sent, ctx)) is not None), None)
    if target is None:
        return parts
    for part in parts:
        _fold(target, part, sent, ctx, offset)
    _share_toll(target, ctx.last[2] if ctx.last is not None else [target], ctx)
    return []


def _toll_target(toll: Event, sent: Span, ctx: SentenceContext) -> Event | None:
    """The event of the sentence just before that a toll-only sentence's part adds to: the same type and status
    (the same mode first) and victims that can be the same."""
    last = ctx.last
    if last is None or last[0] is not sent.doc or last[1] != sent.start:
        return None
    same = [e for e in last[2] if e.type == toll.type and e.status == toll.status]
    target = next((e for e in same if e.mode == toll.mode), same[0] if same else None)
    if target is None:
        return None
    return target if _same_victims(target.actor2, toll.actor2) or _fighters_of_battle(target, toll.actor2) else None


def _fighters_of_battle(battle: Event, victims: Actor | None) -> bool:
    """Whether a toll's victims are fighters, and the incident a battle: its dead can be of either side ("Tuareg
    rebels ambushed a convoy of Malian soldiers and Wagner mercenaries. Dozens of Wagner fighters were killed.")."""
    return battle.acled_event_type == "Battles" and victims is not None and victims.sector in ARMED


def _fold(target: Event, toll: Event, sent: Span, ctx: SentenceContext, offset: int) -> None:
    """Add a toll's counts, victims and attribution to the incident, its evidence running to the toll's end."""
    target.counts = target.counts + toll.counts
    target.fatalities = _fatalities(target.counts, ctx)
    target.actor2 = target.actor2 or toll.actor2
    target.attribution = target.attribution or toll.attribution
    start = target.evidence.start - offset  # both sentences are in this Doc: the evidence spans them
    text = sent.doc.text[start : sent.start_char + len(sent.text.rstrip())]
    target.evidence = Evidence(text, target.evidence.start, target.evidence.start + len(text))


def _share_toll(target: Event, events: list[Event], ctx: SentenceContext) -> None:
    """After a toll is folded into one part of an incident split by its victims' sides, the parts (its trigger, among
    ``events``) carry the incident's tolls again."""
    _incident_tolls([e for e in events if e is target or (e.type == target.type and e.trigger == target.trigger)], ctx)


# Forces that answer a riot, and the crowds they answer (the riot's rioters, or no one named).
_RESPONDERS = frozenset({"COP", "MIL"})
_CROWDS = frozenset({"PRO", "RIO", "CVL", "OPP"})
_EXCESSIVE = "Excessive force against protesters"


def _riot_tolls(events: list[Event], before: list[Event]) -> None:
    """The dead of the forces' answer to a riot, in its sentence or the one before ("youths threw stones at Israeli
    forces ... Israeli forces fired live ammunition, killing one"), count in the riot's event, as ACLED counts them;
    so do the dead of excessive force in the protest of its sentence ("police fired on the march, killing three")."""
    riots = [e for e in (*before, *events) if e.acled_sub_event_type == "Violent demonstration" and e.actor2]
    for answer in events:
        by, on = (answer.actor1.sector if answer.actor1 else None), (answer.actor2.sector if answer.actor2 else None)
        if answer.type != "ASSAULT" or not answer.fatalities:
            continue
        for protest in events:  # "police fired on a protest, killing three": ACLED's one event is the protest's
            if protest.type == "PROTEST" and protest.acled_sub_event_type == _EXCESSIVE == answer.acled_sub_event_type:
                protest.fatalities = max(protest.fatalities or 0, answer.fatalities)
        if by not in _RESPONDERS or on not in (None, *_CROWDS):
            continue
        for riot in riots:
            if riot is not answer and riot.actor2 is not None and riot.actor2.sector == by:
                riot.fatalities = max(riot.fatalities or 0, answer.fatalities)


def _told_before(det: Detected, event: Event, sent: Span, ctx: SentenceContext, offset: int) -> Actor | None:
    """ "... clashed with Hamas in Khan Younis. 21 soldiers were killed during the fighting.": an event that names
    the incident of the sentence just before with a definite noun ("the fighting", "the attack") has its agent; not
    when its victims are named by the harm they do ("Gunmen stormed a hotel. Two of the assailants were killed during
    the assault.": the attackers did not kill themselves)."""
    last = ctx.last
    if last is None or last[0] is not sent.doc or last[1] != sent.start:
        return None
    if event.actor2 is not None and are_doers(event.actor2.text):
        return None
    if not any(h.token.pos_ == "NOUN" and any(c.lower_ == "the" for c in children(h.token)) for h in det.hits):
        return None
    agent = next((e.actor1 for e in last[2] if e.type == event.type and e.actor1 is not None), None)
    return _moved(agent, -offset)  # the earlier event's offsets are into the whole text already


def _bodies_to_incident(
    events: list[Event], bodies: list[bool], sent: Span, ctx: SentenceContext, offset: int
) -> list[Event]:
    """ "... clashed near Frontera Comalapa; at least 11 bodies were later found": bodies found with no one named who
    killed them, told after an incident of political violence (in the sentence, or the one just before), are that
    incident's dead, as ACLED counts them, not an event of their own."""
    kept = []
    for event, body in zip(events, bodies, strict=True):
        before = [e for e in events if e.acled_event_type in _VIOLENT_TYPES and _told_from(e) < _told_from(event)]
        last = ctx.last
        if not before and last is not None and last[0] is sent.doc and last[1] == sent.start:
            before = [e for e in last[2] if e.acled_event_type in _VIOLENT_TYPES]
        targets = [e for e in before if e.acled_sub_event_type != "Other" and _same_place(e, event)]
        if body and event.actor1 is None and event.counts and targets and not _told_apart(targets[-1], event, sent):
            _fold(targets[-1], event, sent, ctx, offset)
            _share_toll(targets[-1], before, ctx)
        else:
            kept.append(event)
    return kept


def _told_apart(incident: Event, event: Event, sent: Span) -> bool:
    """Whether words between an incident and an event told after it set the event apart ("Separately, the bodies of
    three fishermen were found", "in another incident"): ``resources/counts/separate_incident.tsv``."""
    start, end = _told_from(incident), _told_from(event)
    words = tuple(t.lower_ for t in sent if start < t.idx + (event.evidence.start - sent.start_char) < end)
    return any(words[i : i + len(cue)] == cue for cue in _separate_cues() for i in range(len(words) - len(cue) + 1))


@cache
def _separate_cues() -> frozenset[tuple[str, ...]]:
    """Phrases that tell a figure apart from the incident before it (``resources/counts/separate_incident.tsv``)."""
    return frozenset(tuple(row[0].lower().split()) for row in lexicon.read_tsv("counts", "separate_incident.tsv"))


def _same_place(one: Event, other: Event) -> bool:
    """Whether two events can be at one place: the same place, or either names none."""
    if one.location is None or other.location is None:
        return True
    return (one.location.name or one.location.text) == (other.location.name or other.location.text)


def _accused_acts(events: list[Event], tokens: list[Token], prominence: dict[int, Prominence]) -> None:
    """The violence an accusation of no ACLED type tells as what was done ("Militiamen were accused of torturing
    three farmers") is marked as accused, which rank puts first: ACLED codes the act, done by the accused (the
    accusation's target) when the act names no doer or the accuser and is the accused's own deed (``_deed_of_accused``).
    The accusation, like a condemnation ("the UN condemned the attack"), stays an event of no ACLED type (PLOVER's
    ACCUSE)."""
    for event, token in zip(events, tokens, strict=True):
        if event.type != "ACCUSE" or event.acled_event_type is not None:
            continue
        for act, act_token in zip(events, tokens, strict=True):
            if act.type != "ASSAULT" or not act.acled_event_type:
                continue
            if _told_as_accused(token, act_token):
                prominence[id(act)] = replace(prominence.get(id(act), Prominence()), accused=True)
                if (act.actor1 is None or _same_span(act.actor1, event.actor1)) and _deed_of_accused(token, act_token):
                    act.actor1 = event.actor2  # the accused did it, not the accuser
            elif _blamed_act(token, act_token):
                prominence[id(act)] = replace(prominence.get(id(act), Prominence()), accused=True)


def _blamed_act(accusation: Token, act: Token) -> bool:
    """Whether an act is the incident an accusation is told of as done: the noun a relative clause of the accusation
    hangs on ("a chlorine attack on the town, which rescuers blamed on army helicopters"), or an act in the
    accusation's time clause ("police blamed the rebels after a bomb exploded at the station")."""
    if accusation.dep_ == "relcl" and accusation.head.i == act.i:
        return True
    clauses = [c for c in children(accusation, "advcl") if any(m.lower_ in _AFTER_WORDS for m in children(c, "mark"))]
    return any(c.i == act.i or c.is_ancestor(act) for c in clauses)


# Conjunctions of a time clause that tells the incident an accusation follows.
_AFTER_WORDS = frozenset({"after", "when", "as", "following"})


# Dependencies that join a clause of its own to a verb ("of ignoring the town after gunmen stormed it").
_OWN_CLAUSE = frozenset({"advcl", "ccomp", "relcl", "parataxis"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})


def _deed_of_accused(accusation: Token, act: Token) -> bool:
    """Whether an act told as accused is the accused's own deed: the verb of the accusation's prepositional phrase
    ("accused rebels of attacking a convoy") or a word of that verb's clause ("of using live rounds in a raid"), with
    no subject of its own on the way. An act in a clause joined to that verb, with its own doer ("accused the mayor of
    ignoring the market after gangs burned it"), is not."""
    below = [act, *(t for t in act.ancestors if accusation.is_ancestor(t))][:-1]  # up to the accusation's phrase
    return not any(t.dep_ in _OWN_CLAUSE or any(c.dep_ in _SUBJECTS for c in t.children) for t in below)


def _same_span(one: Actor, other: Actor | None) -> bool:
    """Whether two actors are the same words of the text."""
    return other is not None and one.start is not None and (one.start, one.end) == (other.start, other.end)


def _told_as_accused(accusation: Token, act: Token) -> bool:
    """Whether an act is told as what the accusation says was done: a verb in a prepositional phrase it governs
    ("accused soldiers of burning homes", "were accused of looting shops"), or the incident that verb's clause
    was done in ("accused the police of using live rounds in a raid"). An act the accusation names by a noun ("condemned
    the attack", "blamed Israel for the bombing") or the object of the clause's verb ("accused China of provoking
    the clash") is one the text reports as known: the news is the accusation."""
    if not _governs(accusation, act):
        return False
    path = [act, *(t for t in act.ancestors if accusation.is_ancestor(t))]
    if not any(t.dep_ == "prep" for t in path):
        return False
    if act.pos_ == "VERB":
        return True
    below = next((path[:i] for i, t in enumerate(path) if t.dep_ == "pcomp"), None)
    return below is not None and all(t.dep_ != "dobj" for t in below)


def _governs(head: Token, token: Token) -> bool:
    """Whether a word is in a head's own clause, not in a clause joined to it ("residents accused soldiers of beating
    a man, and gunmen shot two farmers": the shooting is no part of the accusation)."""
    return any(c == token or c.is_ancestor(token) for c in children(head) if c.dep_ != "conj")


# Verbs naming who did an attack after the fact: a claim names its claimant ("Hezbollah claimed the attack", "the
# attack was claimed by JNIM"), a blame the side it blames ("the army blamed M23", "blamed on the RSF").
_CLAIMS = frozenset({"claim", "blame"})
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _claim(sent: Span, mentions: list[Mention]) -> tuple[Token, Actor] | None:
    """The claim or blame verb of a sentence and the armed actor it names as the attacker: a named group ("Islamic
    State claimed the attack", "the army blamed M23") or a blamed state force ("the KIA blamed the military"); an
    unnamed group stays unidentified, as ACLED codes it ("police blamed insurgents")."""
    verbs = [t for t in sent if t.lemma_.lower() in _CLAIMS and t.pos_ == "VERB" and not _negated(t)]
    if not verbs:
        return None
    index = MentionIndex(mentions)
    for verb in verbs:
        blame = verb.lemma_.lower() == "blame"
        for who in _claimed_by(verb, blame):
            found = index.of(who)
            if found is not None and found.actor.sector in ARMED and (found.named or blame and _state_force(found)):
                return verb, found.actor
    return None


def _negated(verb: Token) -> bool:
    """Whether a verb is negated ("the TTP did not claim the attack", "has never claimed it")."""
    return any(c.dep_ == "neg" for c in children(verb))


def _state_force(found: Mention) -> bool:
    """Whether a mention is a state's armed force (the military, the police)."""
    return found.actor.sector in ("MIL", "COP")


def _claimed_by(verb: Token, blame: bool) -> list[Token]:
    """The words that can name the attacker of a claim ("X claimed it", "claimed by X") or a blame ("blamed X",
    "blamed on X"; the agent of a blame is who blames: "blamed by police on Boko Haram", where the parser may hang the
    "on" phrase on the agent's noun)."""
    kids = list(children(verb))
    objects = [c for c in kids if c.dep_ == "dobj"]
    agents = [c for c in kids if c.dep_ == "agent"]
    preps = [c for c in kids if blame and c.dep_ == "prep" and c.lower_ == "on"]
    if blame:  # "blamed by police on Boko Haram"
        preps += [p for a in agents for o in children(a, "pobj") for p in children(o, "prep") if p.lower_ == "on"]
    else:
        preps += agents
    by = [g for c in preps for g in children(c)]
    subjects = [c for c in kids if c.dep_ == "nsubj"] if objects and not blame else []
    return [*subjects, *(objects if blame else []), *(g for g in by if g.dep_ == "pobj")]


def _claimed_before(claim: tuple[Token, Actor] | None, sent: Span, ctx: SentenceContext, offset: int) -> None:
    """A claim with no violent event told before it in its sentence ("The BLA claimed the attack.") names the
    attacker of the last sentence with events."""
    if claim is not None and ctx.last is not None and ctx.last[0] is sent.doc:
        _claimed(ctx.last[2], claim, -1, offset)


def _claimed(events: list[Event], claim: tuple[Token, Actor], before: int, offset: int) -> bool:
    """The attacker a claim names is actor1 of the violent events told before it (in its sentence, or all those of
    the sentence before when ``before`` is -1) whose text names no attacker: none, an unnamed one, or a weapon.
    Whether its incident is in its sentence: a violent event told before it, or a new one it claims ("the BLA
    claimed an attack on a convoy in Turbat", unlike "the attack", names no attacker of the sentence before)."""
    tokens = _claimed_things(claim[0])
    claimed = {offset + t.idx for t in tokens}  # "claimed the attack": not another incident
    new = {offset + t.idx for t in tokens if any(c.dep_ == "det" and c.lower_ in _NEW for c in children(t))}
    violent = [e for e in events if e.acled_event_type in _VIOLENT_TYPES]
    things = [e for e in violent if e.trigger is not None and e.trigger.start in claimed]
    told = [e for e in violent if (before < 0 or _told_from(e) < before) and e not in things]
    for event in (*told, *things):
        if event.actor1 is None or event.actor1.sector in _UNNAMED or _is_weapon(event.actor1):
            event.actor1 = _moved(claim[1], offset)
    return bool(told) or any(e.trigger is not None and e.trigger.start in new for e in things)


_UNNAMED = frozenset({"UAF", "CVL"})
# Determiners of an incident not told before ("claimed an attack", "another bombing").
_NEW = frozenset({"a", "an", "another"})


def _claimed_things(verb: Token) -> list[Token]:
    """What a claim is of: "claimed the attack", "the attack was claimed", "claimed responsibility for the attack"."""
    things = [c for c in children(verb) if c.dep_ in ("dobj", "nsubjpass")]
    return [*things, *(g for t in things for c in children(t) if c.dep_ == "prep" for g in children(c))]


def _told_from(event: Event) -> int:
    """Where an event is told in the whole text: its trigger, else its sentence."""
    return (event.trigger or event.evidence).start


@cache
def _weapon_words() -> frozenset[str]:
    """Single-word weapon cues of the mode table ("missiles", "rocket"): an actor named by one is a weapon."""
    return frozenset(cue[0] for cue, _, _ in lexicon.mode_cues() if len(cue) == 1)


def _is_weapon(actor: Actor) -> bool:
    """Whether an actor's text is a weapon of no one's ("Several anti-tank missiles"), not someone who used it: a
    weapon of a side ("Syrian jets", "Hamas gunmen") names its attacker."""
    words = actor.text.lower().split()
    weapon = bool(words) and (words[-1] in _weapon_words() or words[-1].rstrip("s") in _weapon_words())
    return weapon and not actor.country


def _same_victims(known: Actor | None, toll: Actor | None) -> bool:
    """Whether a toll's victims can be the incident's: no country on either side, or the same one."""
    return known is None or toll is None or not known.country or not toll.country or known.country == toll.country


def _anchoring(hit: Hit) -> tuple[int, bool, int]:
    """Sort key putting first the trigger that anchors an event: in the main clause, a verb, the first
    ("launched an offensive in Aleppo, targeting ..." → offensive; "in separate attacks, gunmen shot" → shot)."""
    token = hit.token
    return (clause_depth(token), token.pos_ not in ("VERB", "AUX"), hit.start)


def _prominence(trigger: Token) -> Prominence:
    """Where a trigger sits: its clause, part of speech and whether it carries an "in/at <place>" phrase."""
    verb = trigger.pos_ in ("VERB", "AUX")
    oblique = not verb and (trigger.dep_ == "pobj" or (trigger.dep_ == "compound" and trigger.head.dep_ == "pobj"))
    return Prominence(clause_depth(trigger), verb, _locative(trigger), oblique)


def _locative(trigger: Token) -> bool:
    """Whether "in/at <place>" hangs on the trigger ("were killed in Rafah", "a strike at Jabalia")."""
    for prep in (c for c in children(trigger, "prep") if c.lower_ in ("in", "at")):
        if any(g.ent_type_ in _PLACE_ENTITIES for g in children(prep, "pobj")):
            return True
    return False


def clause_depth(token: Token) -> int:
    """How many subordinate clauses lie between a token and its sentence's main clause. A clause told before
    the verb it hangs on is not below it: "gunmen killed 5, police said"; "forces fired ...; 3 were killed"."""
    depth, steps = 0, 0
    while token.head.i != token.i and steps < 50:
        fronted = token.dep_ in _FRONTED and token.i < token.head.i
        depth += token.dep_ in _SUBORDINATE and not fronted
        token, steps = token.head, steps + 1
    return depth


def _event(
    det: Detected,
    sent: Span,
    index: MentionIndex,
    ctx: SentenceContext,
    offset: int,
    place_trigger: Token | None = None,
) -> Event:
    """An Event for one detected kind of trigger: roles, place (of ``place_trigger`` if given), date, status."""
    trigger = det.main.token
    roles = _roles(det, index)
    text = sent.text.rstrip()
    event = Event(
        type=det.type,
        mode=det.mode,
        evidence=Evidence(text, sent.start_char, sent.start_char + len(text)),
        actor1=_typed_actor(roles.actor1, det.type, agent=True),
        actor2=_typed_actor(roles.actor2, det.type, agent=False),
        status=event_status(trigger, sent, ctx.published, through_modifiers=det.type != "ASSAULT"),
        trigger=_hit_evidence(det.main),
    )
    event.location = _location(sent, place_trigger or trigger, ctx, offset)
    _date(event, sent, trigger, ctx)
    return event


def _roles(det: Detected, index: MentionIndex) -> Roles:
    """actor1/actor2 from the main trigger, filled in from the event's other triggers."""
    merged = Roles()
    for hit in sorted(det.hits, key=lambda h: h is not det.main):
        roles = trigger_roles(hit.token, index, hit.end)
        if hit.entry.hint == "victim":  # "29 Americans died (in clashes with ...)": the subject is who it happened to
            # the doer is the one who did what the subject "came under" ("came under Israeli artillery fire"), if told
            roles = Roles(under_fire_doer(hit.token, index), roles.actor1 or roles.actor2)
        elif hit is not det.main and _fought_by_victims(hit, det.main):
            roles = Roles(roles.actor2, None)  # "died fighting Hamas": whom the dead fought is the other side
        elif (patient := _raised_patient(hit.token, index)) is not None:  # "five villagers were reported killed"
            doer = roles.actor1 if roles.actor1 is not None and roles.actor1.start != patient.start else None
            roles = Roles(doer, patient)
        merged.actor1 = merged.actor1 or roles.actor1
        if roles.actor2 is not None and roles.actor2 is not merged.actor1 and _better_target(roles.actor2, merged):
            merged.actor2 = roles.actor2
    if merged.actor2 is merged.actor1:
        merged.actor2 = None
    if merged.actor2 is None and det.main.token.pos_ == "VERB":
        merged.actor2 = placed_target(det.main.token, index)  # "fired shells at targets in Jericho": its people
    if det.type == "PROTEST" and merged.actor1 is None and merged.actor2 and merged.actor2.actor.sector in _PROTESTERS:
        return Roles(merged.actor2, None)  # "Sahrawi activists protested", parsed as activists who were protested
    return merged


def _raised_patient(token: Token, index: MentionIndex) -> Mention | None:
    """The people a harm participle tells of through the passive verb it completes ("five villagers were reported
    killed", "twelve soldiers were confirmed killed", "four Britons are feared killed"): that verb's subject was hurt,
    it did not hurt anyone."""
    if token.tag_ != "VBN" or token.dep_ not in ("xcomp", "oprd") or token.lemma_.lower() not in harm_lemmas():
        return None
    if any(aux.lemma_.lower() == "have" for aux in children(token, "aux")):
        return None  # "troops are believed to have killed 5 rebels": an active perfect, the subject did it
    return index.of(next(iter(children(token.head, "nsubjpass")), None))


def _fought_by_victims(hit: Hit, main: Hit) -> bool:
    """Whether a fighting word is what the people a killing word tells of were doing when hurt: its participle hangs
    on a dying or a passive killing ("died fighting Hamas", "were killed while battling the militants"), so its
    object is the side they fought, not people hurt with them."""
    token, harm = hit.token, main.token
    participle = token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp") and token.head.i == harm.i
    if hit.entry.hint != "clash" or not participle:
        return False
    return main.entry.hint == "victim" or bool(children(harm, "nsubjpass", "auxpass"))


def _better_target(found: Mention, merged: Roles) -> bool:
    """Whether another trigger's target beats the one so far: none yet, or the same kind of actor with the
    country the first lacks ("an attack on Israeli forces killed two soldiers": the soldiers are Israeli forces)."""
    known = merged.actor2
    if known is None:
        return True
    return not known.actor.country and bool(found.actor.country) and found.actor.sector == known.actor.sector


def _other_victims(det: Detected, index: MentionIndex, victims: Actor | None) -> list[tuple[Actor, Evidence]]:
    """Unarmed people the event's other killing words hit ("every Israeli murdered, every Palestinian killed"): a
    participle's own subject when the parser gives it one; each with the word that tells their harm."""
    others = []
    for hit in det.hits:
        if hit is det.main or hit.token.lemma_.lower() not in harm_lemmas():
            continue
        if hit.token.pos_ == "NOUN" and _describes_participant(hit.token, det.main.token):
            continue  # "killed a commander responsible for the massacre at X": his past deed, not these victims
        roles = trigger_roles(hit.token, index, hit.end)
        hit_ones = roles.actor1 if hit.entry.hint == "victim" else roles.actor2
        if hit.token.tag_ == "VBN":  # "every Palestinian killed in Gaza", parsed with its own subject
            # but the subject of an active perfect ("settlers had murdered a farmer") did it: its object was hit
            active = any(aux.lemma_.lower() == "have" for aux in children(hit.token, "aux"))
            subjects = children(hit.token, "nsubjpass") if active else children(hit.token, "nsubj", "nsubjpass")
            hit_ones = next((m for s in subjects if (m := index.of(s))), hit_ones)
        actor = _typed_actor(hit_ones, det.type, agent=False)
        if actor is not None and actor.country and actor.sector in UNARMED and actor != victims:
            others.append((actor, _hit_evidence(hit)))
    return others


def _conjoined_victims(event: Event, type_: str, sent: Span, index: MentionIndex) -> list[Actor]:
    """The people conjoined with the victims of a harm whose countries differ from theirs ("Israelis and
    Palestinians have died", "Israeli soldiers and Palestinian gunmen were killed"): each conjunct's own actor,
    when the victims are what a harm verb hurt. None when the victims have no country of their own ("soldiers and
    Palestinian gunmen": whose soldiers is not said) or the event tells no one hurt."""
    victims = event.actor2
    if victims is None or not victims.country or victims.start is None or victims.end is None:
        return []
    if not reports_harm(event):
        return []
    span = sent.doc.char_span(victims.start, victims.end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    verb = root.head
    if verb.lemma_.lower() not in harm_lemmas() or not _harmed_argument(root, verb):
        return []  # "blame for the children killed at the feet of both the army and Hamas": no one hurt is conjoined
    own = index.of(root)
    found: list[Actor] = []
    for token in root.conjuncts:
        mention = index.of(token)
        if mention is None or mention is own or mention.place or token.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        actor = _typed_actor(mention, type_, agent=False)
        if actor is not None and actor.country and actor.country != victims.country:
            found.append(actor)
    return found


def _harmed_argument(noun: Token, verb: Token) -> bool:
    """Whether a noun is the one a harm verb says was hurt: its object or passive subject, or the subject of the
    verb used with no object ("died", "were killed", "killing civilians")."""
    if noun.dep_ in ("dobj", "nsubjpass"):
        return True
    return noun.dep_ == "nsubj" and not children(verb, "dobj")


def _describes_participant(token: Token, trigger: Token) -> bool:
    """Whether a word is part of how a trigger's subject or object is described: it hangs, through prepositions and
    adjectives only, on a noun of their phrase ("a commander responsible for the massacre", "X, a planner of the
    attacks in Paris, was captured"): background to the trigger's own incident."""
    if token.i == trigger.i:
        return False
    owner = token.head
    while owner.pos_ in ("ADP", "ADJ") and owner.head.i != owner.i:  # "responsible for", "planner of"
        owner = owner.head
    if owner.pos_ not in ("NOUN", "PROPN") or owner.i == token.i:
        return False  # "fired a rocket that caused carnage": a clause of its own tells the incident
    return any(arg.i == owner.i or arg.is_ancestor(owner) for arg in children(trigger, "nsubj", "nsubjpass", "dobj"))


def _hit_evidence(hit: Hit) -> Evidence:
    """A trigger hit's words with their offsets in the sentence's Doc."""
    doc = hit.token.doc
    return Evidence(doc[hit.start : hit.end].text, doc[hit.start].idx, doc[hit.end - 1].idx + len(doc[hit.end - 1]))


def _typed_actor(mention: Mention | None, type_: str, *, agent: bool) -> Actor | None:
    """The mention's actor, with a sector the event implies when the text gave only a country."""
    if mention is None:
        return None
    actor = replace(mention.actor)
    sector = actor.sector
    if sector is None and actor.country:
        if mention.place and not agent:
            sector = "CVL"  # "blockade Paris", "shelled targets in Jericho": a place acted on stands for its people
        elif type_ in ("ASSAULT", "MOBILIZE", "COERCE") and agent:
            sector = "MIL"
        elif type_ == "PROTEST" and agent:
            sector = "PRO"
        elif type_ == "ASSAULT":
            sector = "CVL"
        else:
            sector = "GOV"
    if type_ == "PROTEST" and agent and sector == "CVL":
        sector = "PRO"
    attacking = attacking_sector(actor) if type_ == "ASSAULT" and agent else None
    sector = attacking or sector  # settlers attack as a militia, and keep their name
    if sector is not None and sector != actor.sector:
        actor = replace(actor, sector=sector) if sector == attacking else as_sector(actor, sector)
    return actor


def _location(sent: Span, trigger: Token, ctx: SentenceContext, offset: int) -> Location | None:
    """Where the event happened, from the places module; remembered as context for later sentences (an unresolved
    place too: "ambushed a convoy near Tinzaouaten. Dozens were killed." where the gazetteer lacks the town)."""
    places = ctx.modules.get("places")
    if places is None:
        return None
    if ctx.places is None:
        ctx.places = places.PlaceContext()
    location: Location | None = places.event_location(sent, trigger, context=ctx.places)
    if location is None:  # the article has no resolved place: an earlier sentence's unresolved one
        told = ctx.unresolved
        if told is None or (told[0] is sent.doc and told[2] == sent.start):  # not another event of this sentence's
            return None
        return _moved(told[3], told[1] - offset)  # from its Doc's offsets to this one's
    if location.precision != "unresolved":
        ctx.places.add(location)
    elif ctx.unresolved is None:
        ctx.unresolved = (sent.doc, offset, sent.start, location)
    return location


def _date(event: Event, sent: Span, trigger: Token, ctx: SentenceContext) -> None:
    """The event date from the dates module, else the publication date."""
    dates = ctx.modules.get("dates")
    if dates is not None:
        result: Any = dates.event_date(sent, ctx.published, trigger)
        event.date, event.date_precision, event.date_source = result.date, result.precision, result.source
    elif ctx.published is not None:
        event.date, event.date_precision, event.date_source = ctx.published.isoformat(), "day", "publication"


def _counts(sent: Span, ctx: SentenceContext) -> list[Count]:
    """Typed counts of people in the sentence (empty without the counts module)."""
    counts = ctx.modules.get("counts")
    return list(counts.find_counts(sent)) if counts is not None else []


def _key(det: Detected) -> str:
    """An event's family for count placement: "ASSAULT/abduct" or its type."""
    return f"ASSAULT/{det.mode}" if det.type == "ASSAULT" and det.mode in ("abduct", "sexual") else det.type


def _counts_for(det: Detected, detected: list[Detected], counts: list[Count], sent: Span) -> list[Count]:
    """The counts of a sentence that belong to this event (all of them when it is the only one): of the events
    a count's kind belongs to, the one whose trigger's clause holds it, else the first."""
    if len(detected) == 1:
        return list(counts)
    keys = [_key(d) for d in detected]
    mine = []
    for count in counts:
        homes = [h for h in _COUNT_HOMES.get(count.kind, ()) if h in keys]
        key = homes[0] if homes else keys[0]
        same = [d for d in detected if _key(d) == key]
        home = next((d for d in same if _holds(d, count, sent)), same[0])
        if home is det:
            mine.append(count)
    return mine


def _holds(det: Detected, count: Count, sent: Span) -> bool:
    """Whether the count sits in the clause of one of the event's triggers."""
    token = sent.doc.char_span(count.start or 0, count.end or 0, alignment_mode="expand")
    if token is None:
        return False
    clause = clause_verb(token.root).i
    return any(clause_verb(hit.token).i == clause for hit in det.hits)


def _incident_tolls(parts: list[Event], ctx: SentenceContext, doers: list[list[Token]] | None = None) -> None:
    """The fatalities of an incident split by its victims' sides ("three Palestinians and an Israeli soldier were
    killed"): the parts of one ACLED event (the same sub-type) carry its toll, all their sides summed; a part ACLED
    codes as an event of its own ("raided Jenin, killing three Palestinians and an Israeli soldier": an Attack and
    an Armed clash, as ACLED disaggregates by type) keeps its own sides' toll, so that no death counts twice. So does
    a part whose dead another doer killed (``doers``: each part's verbs that tell who killed its counted people, see
    _doer_clauses): "strikes killed 12 Palestinians as rockets killed two Israelis" is 12 and 2, not 14 twice."""
    clauses = [{verb.i for verb in told} for told in doers] if doers is not None else [set() for _ in parts]
    for part, own in zip(parts, clauses, strict=True):
        same = [
            p
            for p, other in zip(parts, clauses, strict=True)
            if p.acled_sub_event_type == part.acled_sub_event_type and not (own and other and not own & other)
        ]
        part.fatalities = _fatalities([c for p in same for c in p.counts], ctx)


def _doer_clauses(event: Event, sent: Span) -> list[Token]:
    """The verbs that tell who harmed the event's counted people: each count's clause verb, or the verb a participle
    clause hangs on ("strikes hit Kharkiv, killing four"), when that verb has a subject other than the counted people
    ("rockets killed two Israelis"; a conjoined verb's is the one it shares: "... and killed two"); none for a toll
    told of the dead alone ("three soldiers died", "five were killed")."""
    verbs: list[Token] = []
    for count in event.counts:
        span = sent.doc.char_span(count.start or 0, count.end or 0, alignment_mode="expand")
        if span is None or count.part_of is not None:
            continue
        verb = clause_verb(span.root)
        while not children(verb, "nsubj") and verb.dep_ in ("advcl", "xcomp") and verb.head.i != verb.i:
            verb = clause_verb(verb.head)
        subject, head = child(verb, "nsubj"), verb
        while subject is None and head.dep_ == "conj" and head.head.i != head.i:  # "... and killed two": its own
            head = head.head
            subject = child(head, "nsubj")
        if subject is None or subject.i in range(span.start, span.end) or subject.is_ancestor(span.root):
            continue
        if all(v.i != verb.i for v in verbs):
            verbs.append(verb)
    return verbs


def _own_doer(verb: Token, event: Event, index: MentionIndex) -> Mention | None:
    """The subject of a verb that tells who harmed a split-off part's counted people, when it is an actor other
    than the event's own actor1 ("youths threw stones at soldiers; soldiers responded with live fire, wounding
    one": the soldiers wounded him)."""
    doer = index.of(child(verb, "nsubj"))
    first = event.actor1
    if doer is None or first is None or doer.actor.start == first.start:
        return None
    return doer if doer.actor.text.lower() != first.text.lower() else None


def _doer_actor(doer: Mention, event: Event, type_: str) -> Actor | None:
    """A part's own doer as its actor1; a bare noun the event's target was named with before ("soldiers" after
    "Israeli soldiers") is that target's actor."""
    actor = _typed_actor(doer, type_, agent=True)
    target = event.actor2
    if actor is None or actor.country or target is None or not target.country or not _same_head(actor, target):
        return actor
    return replace(target, text=actor.text, start=actor.start, end=actor.end)


def _same_head(actor: Actor, other: Actor | None) -> bool:
    """Whether two actors are named with the same head noun ("soldiers", "Israeli soldiers", "the soldiers")."""
    return other is not None and _head_word(actor.text) is not None and _head_word(actor.text) == _head_word(other.text)


def _head_word(name: str) -> str | None:
    """The last word of a name, lower-cased: its head noun in English ("the Israeli soldiers" -> "soldiers")."""
    words = name.lower().split()
    return words[-1] if words else None


def _fatalities(counts: list[Count], ctx: SentenceContext) -> int | None:
    """ACLED-style fatalities of the event's counts."""
    module = ctx.modules.get("counts")
    if module is None or not counts:
        return None
    value: int | None = module.fatalities(counts)
    return value


def _acled(event: Event, det: Detected, lemmas: set[str]) -> tuple[str | None, str | None]:
    """ACLED types of an event that took place (not of proposed, threatened or denied ones, except an announced
    change to a group, which is what ACLED codes)."""
    if event.status in _NOT_ACLED_STATUS and not _announced_change(event, det):
        return None, None
    a1 = event.actor1.sector if event.actor1 else None
    a2 = event.actor2.sector if event.actor2 else None
    return _regained_at_home(event, acled_types(event.type, event.mode, det.hints, a1, a2, lemmas))


def _announced_change(event: Event, det: Detected) -> bool:
    """ "FARC dissidents announced they would lay down their weapons": a group's announced change (disarm, disband,
    merge, rename: the trigger hint "change") is itself ACLED's Change to group/activity."""
    return event.status in _ANNOUNCED and "change" in det.hints


def _regained_at_home(event: Event, types: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """A government regains territory in its own country; a state force taking ground abroad ("Israeli tanks ...
    took control of the Rafah border crossing after clashes with Hamas fighters") fights for it: an armed clash."""
    actor, place = event.actor1, event.location
    if types[1] != "Government regains territory" or actor is None or place is None:
        return types
    if actor.country and place.country and actor.country != place.country:
        return "Battles", "Armed clash"
    return types


# Actors that are no crowd: a violent demonstration's demonstrators of any other sector (opposition supporters,
# workers, students) are rioters.
_NOT_RIOTERS = frozenset({*ARMED, "GOV", "IGO", "NGO", "RIO"})


def _acled_roles(event: Event, sent: Span) -> None:
    """ACLED's actor for a riot: the demonstrators of a violent demonstration ("protesters set fire to ...") and a
    crowd's mob violence ("villagers beat a suspected thief to death"; not one man who beats another) are rioters; for
    political violence, a civilian named only as a person who attacks is an armed actor ("a Palestinian man rammed his
    car into soldiers": an Unidentified Armed Group), as ACLED never codes civilians as the actor of violence."""
    first = event.actor1
    if first is None:
        return
    riot = event.acled_sub_event_type == "Violent demonstration" or (
        event.acled_sub_event_type == "Mob violence" and _many(first, sent)
    )
    if riot and first.sector not in _NOT_RIOTERS:
        event.actor1 = as_sector(first, "RIO")
    elif event.acled_event_type in _VIOLENT_TYPES and first.sector == "CVL" and _plain_person(first, event.evidence):
        place = event.location.country if event.location is not None else None
        sector = _implied_agents()["*"][1]
        event.actor1 = as_sector(first if first.country else replace(first, country=place), sector)


def _many(actor: Actor, sent: Span) -> bool:
    """Whether an actor's words tell several people (``actors.many_people``: "a crowd", "villagers", "two men")."""
    span = span_in(sent, actor)
    return span is not None and many_people(span.root)


def _plain_person(actor: Actor, evidence: Evidence) -> bool:
    """Whether an actor is named only as a person ("a Palestinian man", "men in plain clothes", "two people on a
    motorbike"): implied_agents.tsv. People told as a crowd ("hundreds of people", "some 200 people": the words of
    the actor and the three before it in its phrase, after any comma: "On 15 March, two people" are two) are none."""
    words = actor.text.lower().split()
    head = next((w for w in words if w in ("men", "women", "people")), words[-1] if words else "")
    before = evidence.text[: actor.start - evidence.start] if actor.start is not None else ""
    if head == "people" and _crowd(before.rsplit(",", 1)[-1].lower().split()[-3:] + words):
        return False
    lemma = {"men": "man", "women": "woman", "people": "person"}.get(head, head.rstrip("s"))
    return lemma in _implied_agents()["*"][0]


def _crowd(words: list[str]) -> bool:
    """Whether words tell more people than a band: a number or vague quantity above ten ("hundreds", "dozens",
    "200"; not "two", "several")."""
    lex = counts_lexicon()
    return any((value := word_value(word, lex)) is not None and value > 10 for word in words)


# Acts done to a place rather than to someone named (restrictions, deployments, threats, aid): their target is the
# people there. Not violence: whom an attack hit is the victims module's call (a place's people as victims lowered
# casualty side F1 0.780 -> 0.768 on 1,000 sentences; RETREAT lowered GSR target F1 on both halves).
_ON_PLACES = frozenset({"COERCE", "SANCTION", "MOBILIZE", "THREATEN", "AID"})


def _place_people(event: Event) -> Actor | None:
    """ "imposed a curfew in the town of Cizre", "troops arrived in Bosnia": an act on a place with no one named
    targets the civilians of the place's country (as the gazetteer resolved it). Not an arrest: it is of people,
    whom the place does not name ("stormed Yatta and detained two brothers")."""
    place = event.location
    if (
        event.type not in _ON_PLACES
        or event.mode == "arrest"
        or place is None
        or place.precision == "unresolved"
        or not place.country
    ):
        return None
    return Actor(place.text, actor_name(place.country, "CVL", place.text), place.country, "CVL", place.start, place.end)


def _protest_target(event: Event, det: Detected, index: MentionIndex) -> Actor | None:
    """The authority a protest makes its demands of, as its target (after ACLED typing, which it does not change)."""
    if event.type != "PROTEST":
        return None
    found = demanded_of(det.main.token, index)
    if found is None or (event.actor1 is not None and found.actor.start == event.actor1.start):
        return None
    return _typed_actor(found, event.type, agent=False)


@cache
def _implied_agents() -> dict[str, tuple[frozenset[str], str, frozenset[str]]]:
    """ACLED sub-type → (the words that imply an agent, its sector, the words that bar it) when the text names none
    (implied_agents.tsv)."""
    return {
        row[0]: (frozenset(row[1].split("|")), row[2], frozenset(row[3].split("|")) - {"-"})
        for row in lexicon.read_tsv("actors", "implied_agents.tsv")
    }


# A state's own forces: not implied in a territory whose own authorities are not the force acting there.
_STATE_FORCES = frozenset({"COP", "MIL"})


def _implied_agent(event: Event, sent: Span) -> Actor | None:
    """The unnamed agent the sub-type's words in implied_agents.tsv imply (a planted device, a thrown grenade, an
    attacker's harm, an arrest), of the place's country, spanning the implying word; none when the sentence has one of
    the row's barring words ("detained during a raid": the raid's unnamed doer arrested), nor a state's force in a
    territory that keeps none of its own (forceless_places.tsv: an arrest in the West Bank is not by its police)."""
    words, sector, unless = _implied_agents().get(event.acled_sub_event_type or "", (frozenset(), "", frozenset()))
    device = next((t for t in sent if t.lemma_.lower() in words and trigger_hits.word_ok(t)), None)
    country = event.location.country if event.location is not None else None
    if device is None or any(t.lemma_.lower() in unless for t in sent):
        return None
    if sector in _STATE_FORCES and country in forceless():
        return None
    name = actor_name(country, sector, device.text)
    return Actor(device.text, name, country, sector, device.idx, device.idx + len(device))


def _origin_agent(event: Event, sent: Span) -> Actor | None:
    """ "Rockets fired from Gaza killed two people": an attack told only by where its arms came from is by that
    place's country: its army when ``opponents.tsv`` has one at war ("missiles fired from Russia": Military Forces of
    Russia), else an unnamed armed group of it (ACLED's Unidentified Armed Group); the actor spans the arms' words."""
    trigger = event.trigger
    span = sent.doc.char_span(trigger.start, trigger.end, alignment_mode="expand") if trigger is not None else None
    found = attack_origin(sent, event, span.root) if span is not None and event.type == "ASSAULT" else None
    country = country_of(found[1]) if found is not None else None
    if found is None or not country:
        return None
    arms = found[0]
    start, end = arms.left_edge.idx, arms.idx + len(arms)
    text = sent.doc.text[start:end]
    army = actor_name(country, "MIL", text)
    sector = "MIL" if army in lexicon.opponents() else "UAF"
    return Actor(text, actor_name(country, sector, text), country, sector, start, end)


# Violence has its own rules for whose people were hit (victims.localise); "Israeli forces killed militants"
# does not make the militants Israeli.
_OWN_COUNTRY_RULES = frozenset({"ASSAULT"})
_COUNTRY_ENTITIES = frozenset({"GPE", "NORP", "LOC"})
# Actors a sentence's one country does not make that country's: international bodies, and the press that reports
# on a country from outside it ("the Washington Post said Wednesday" in a sentence about Macedonia).
_NO_SOLE_COUNTRY = frozenset({None, "IGO", "NGO", "MED"})


def _sole_country(event: Event, sent: Span) -> None:
    """Actors of a kind but of no country take the one country the sentence names, if it names one ("opposition
    leader X ... the Pakistani interior secretary said"): outside violence, a sentence about one country's
    politics is about its people."""
    stateless = [a for a in (event.actor1, event.actor2) if a is not None and not a.country]
    if event.type in _OWN_COUNTRY_RULES or not stateless:
        return
    countries = {c for t in sent if t.ent_type_ in _COUNTRY_ENTITIES and (c := country_of(t))}
    if len(countries) != 1:
        return
    (country,) = countries
    for role in ("actor1", "actor2"):
        actor = getattr(event, role)
        if actor is not None and actor.sector not in _NO_SOLE_COUNTRY:
            setattr(event, role, with_country(actor, country))


def _attribution(sent: Span, actors: DocActors, trigger: Token, ctx: SentenceContext) -> Attribution | None:
    """The sentence's attribution; "the source" inherits the outlet of an earlier "a source told Reuters"."""
    found = find_attribution(sent, actors, trigger)
    if found is None:
        return None
    if found.via is None and found.source:
        head = _head_word(found.source)
        earlier = next(
            (a for a in reversed(ctx.attributions) if a.via and a.source and _head_word(a.source) == head), None
        )
        if earlier is not None:
            found.via = earlier.via
    ctx.attributions.append(found)
    return found


def shift(event: Event, offset: int) -> Event:
    """The event with every offset moved from its Doc to the whole text."""
    if offset == 0:
        return event
    event.evidence = Evidence(event.evidence.text, event.evidence.start + offset, event.evidence.end + offset)
    if event.trigger is not None:
        event.trigger = Evidence(event.trigger.text, event.trigger.start + offset, event.trigger.end + offset)
    # copies: events of one sentence share their place and attribution, which must move once each
    event.actor1, event.actor2 = _moved(event.actor1, offset), _moved(event.actor2, offset)
    event.location, event.attribution = _moved(event.location, offset), _moved(event.attribution, offset)
    event.counts = [moved for c in event.counts if (moved := _moved(c, offset)) is not None]
    return event


def _moved(item: _Spanned | None, offset: int) -> _Spanned | None:
    """A copy of an item with character offsets, moved by ``offset`` (None and unplaced items as they are)."""
    if item is None or item.start is None or item.end is None:
        return item
    return replace(item, start=item.start + offset, end=item.end + offset)
