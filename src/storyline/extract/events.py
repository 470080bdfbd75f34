"""Event detection in a parsed sentence: trigger words → PLOVER type and mode, grouped into events.

The triggers of a sentence come from ``trigger_hits`` (the lexicon's words in their sense, objects and dates
checked). Triggers of one kind in one sentence make one event; an abduction or a sexual assault beside a killing
is its own event. The sentence classifiers (``classifier``) may say there is nothing here, or retype a lone kind. In
a text where no trigger word fires at all, the fallback model may find the event of a sentence (its main verb the
trigger; ``ontology/fallback_kinds.tsv`` gives its PLOVER type, mode and hint).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.extract import classifier, lexicon
from storyline.extract.actors import many_people
from storyline.extract.status import event_status
from storyline.extract.tree import children
from storyline.extract.trigger_hits import (
    OBJECT_DEPS,
    RELATIVES,
    Hit,
    described_noun,
    find_hits,
    has_hostile_word,
    plain_lemma,
    sentence_hits,
    word_ok,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "Detected",
    "Hit",
    "classifier_features",
    "detect",
    "find_hits",
    "refine_mode",
    "sentence_hits",
]

# Modes that make an ASSAULT its own event beside another ASSAULT in the same sentence.
_SEPARATE_MODES = ("abduct", "sexual")
# Mode specificity: a trigger's mode from this list beats a later one ("airstrike" over "kill").
_MODE_RANK = {m: i for i, m in enumerate((
    "unconventional", "suicide-attack", "aerial", "drone", "explosives", "heavy-weapons", "firearms", "crowd-control",
    "primitive", "massacre", "execute", "assassinate", "beat", "torture", "abduct", "sexual", "destroy",
    "curfew", "martial-law",  # COERCE: "imposed a curfew" is a curfew, not any restriction
))}  # fmt: skip


@dataclass(slots=True)
class Detected:
    """An event found in a sentence before assembly: type, mode, ACLED cues and its triggers."""

    type: str
    mode: str | None
    hints: set[str] = field(default_factory=set)
    hits: list[Hit] = field(default_factory=list)
    continues: bool = False  # only the toll of the incident in the sentence before ("7 soldiers were killed.")

    @property
    def main(self) -> Hit:
        """The trigger that anchors the event: its first in the sentence."""
        return self.hits[0]


# ACLED cues that make an ASSAULT trigger its own event beside an attack in the same sentence: territory taken or
# regained, weapons use disrupted, a mass grave or bodies found ("killed 30 and buried them in a mass grave": two).
_OWN_EVENT_HINTS = ("territory", "regain", "disrupt", "grave", "body")


def _group_key(hit: Hit, has_main_assault: bool) -> str:
    """Which event of the sentence a trigger belongs to."""
    entry = hit.entry
    if entry.type != "ASSAULT":
        return entry.type
    if entry.mode in _SEPARATE_MODES:
        return f"ASSAULT/{entry.mode}"
    if entry.hint in _OWN_EVENT_HINTS:
        return f"ASSAULT/{entry.hint}"
    if entry.mode == "destroy" and not has_main_assault:
        return "ASSAULT/destroy"
    return "ASSAULT"


def _is_main_assault(hit: Hit) -> bool:
    """An ASSAULT trigger that is not abduction, sexual violence, destruction or a territorial change."""
    e = hit.entry
    return e.type == "ASSAULT" and e.mode not in (*_SEPARATE_MODES, "destroy") and e.hint not in _OWN_EVENT_HINTS


def detect(sent: Span) -> list[Detected]:
    """The events a sentence reports, one per kind of trigger, in order of their first trigger.

    A sentence that only tells the toll of the incident before it ("7 soldiers were killed.") is that
    incident's kind: its event has the previous sentence's type, mode and ACLED cues.
    """
    detected = _detect(sent)
    incident = next(((d.type, d.mode, frozenset(d.hints)) for d in detected if d.type in _INCIDENTS), None)
    sent.doc.user_data[f"{_INCIDENT_KEY}{sent.end}"] = incident
    if detected and sent.start > 0 and all(_is_outcome(d) for d in detected):
        before = _incident_before(sent)
        if before is not None:
            hits = sorted((h for d in detected for h in d.hits), key=lambda h: h.start)
            return [Detected(before[0], before[1], set(before[2]), hits, continues=True)]
    return detected


# Kinds of incident a toll-only sentence continues, and where detect keeps a sentence's incident on its Doc
# (keyed by the sentence's end) so that the next sentence reads it instead of detecting this one again.
_INCIDENTS = ("ASSAULT", "PROTEST")
_INCIDENT_KEY = "storyline.events.incident@"


def _incident_before(sent: Span) -> tuple[str, str | None, frozenset[str]] | None:
    """(type, mode, hints) of the first ASSAULT or PROTEST of the sentence before ``sent``."""
    key = f"{_INCIDENT_KEY}{sent.start}"
    if key in sent.doc.user_data:
        return sent.doc.user_data[key]  # type: ignore[no-any-return]
    before = next((d for d in _detect(sent.doc[sent.start - 1].sent) if d.type in _INCIDENTS), None)
    return None if before is None else (before.type, before.mode, frozenset(before.hints))


def _is_outcome(event: Detected) -> bool:
    """Whether an event is only a toll: outcome triggers ("killed", "died") with no agent of their own."""
    return event.type == "ASSAULT" and all(_agentless_outcome(h) for h in event.hits)


def _agentless_outcome(hit: Hit) -> bool:
    """An outcome trigger with no agent: passive without "by", or no subject acting on an object."""
    if hit.entry.lemmas[0] not in lexicon.outcomes():
        return False
    deps = {c.dep_ for c in hit.token.children}
    return "agent" not in deps and not ({"nsubj", "dobj"} <= deps and hit.entry.hint != "victim")


def classifier_features(sent: Span, hits: list[Hit]) -> list[str]:
    """The classifier's features of a sentence with its ``sentence_hits`` (training and extraction alike)."""
    return classifier.sentence_features(sent, trigger_types(hits))


def _detect(sent: Span) -> list[Detected]:
    """The events of one sentence on its own."""
    hits = _hits(sent)
    if hits:
        sent.doc.user_data[_TRIGGERED_KEY] = True
    else:
        return _fallback(sent)
    feats = classifier_features(sent, hits) if classifier.current_method() != "rules" else []
    if feats and classifier.nothing_here(feats):
        return []
    hits = _told_deeds(hits)
    has_main = any(_is_main_assault(h) for h in hits)
    groups: dict[str, Detected] = {}
    for hit in hits:
        key = _group_key(hit, has_main)
        event = groups.setdefault(key, Detected(hit.entry.type, None))
        event.hits.append(hit)
        if hit.entry.hint and hit.entry.hint not in ("weak", "victim"):
            event.hints.add(hit.entry.hint)
        event.mode = _better_mode(event.mode, hit.entry.mode)
    for event in groups.values():
        if event.mode == "destroy" and any(_is_main_assault(h) and h.token.pos_ == "VERB" for h in event.hits):
            event.mode = None  # "set fire to a house, killing five": the killing is the event, not the damage
        if event.type == "ASSAULT":
            refine_mode(event, sent)
            _doer_hints(event)
    detected = _at_protests(_merged([_as_intention(d) for d in _checked(list(groups.values()), feats)]))
    if len(detected) == 1 and detected[0].type == "MOBILIZE":
        detected[0].hints.add("movement")  # ACLED codes a troop movement on its own (Strategic developments/Other)
    return detected


# Doc.user_data keys: whether a trigger word fires anywhere in the text, and each sentence's ``sentence_hits`` by its
# start (found once, whether detection or the fallback's look over the whole text reaches the sentence first).
_TRIGGERED_KEY = "storyline.events.triggered"
_HITS_KEY = "storyline.events.hits"


def _hits(sent: Span) -> list[Hit]:
    """The sentence's ``sentence_hits``, found once per Doc (the list is shared: not to be changed)."""
    found: dict[int, list[Hit]] = sent.doc.user_data.setdefault(_HITS_KEY, {})
    if sent.start not in found:
        found[sent.start] = sentence_hits(sent)
    return found[sent.start]


def _fallback(sent: Span) -> list[Detected]:
    """The event the fallback model finds in a sentence with no trigger word, when no trigger word fires anywhere in
    its text (a text the rules read as eventful keeps their events alone): its main verb is the trigger. A sentence
    holding a hostile act's trigger word the rules read in another sense ("killed in a car accident") is theirs."""
    if classifier.current_method() == "rules" or _triggered(sent) or has_hostile_word(sent):
        return []
    kind = classifier.fallback_kind(sent)
    entry = lexicon.fallback_kinds().get(kind or "")
    if entry is None:
        return []
    verb = classifier.main_verb(sent)
    entry = lexicon.Trigger((plain_lemma(verb),), entry.pos, entry.type, entry.mode, entry.hint)
    event = Detected(
        entry.type, entry.mode, {entry.hint} if entry.hint else set(), [Hit(verb, verb.i, verb.i + 1, entry)]
    )
    return [_as_intention(event)]


def _triggered(sent: Span) -> bool:
    """Whether a trigger word fires in any sentence of the sentence's text (kept on its Doc; ``_detect`` sets it on
    the first sentence with a trigger)."""
    doc = sent.doc
    if _TRIGGERED_KEY not in doc.user_data:
        doc.user_data[_TRIGGERED_KEY] = any(_hits(s) for s in doc.sents)
    return bool(doc.user_data[_TRIGGERED_KEY])


def _told_deeds(hits: list[Hit]) -> list[Hit]:
    """The triggers of acts the sentence reports, not those of a charge or a grievance that describes a person ("blew
    up the home of a man accused of a shooting attack", "youths angered by a police shooting set fire to cars": the
    demolition, the arson), unless nothing else is told."""
    told = [h for h in hits if not _charged_deed(h.token)]
    return told or hits


def _charged_deed(trigger: Token) -> bool:
    """Whether a trigger is in the phrase of a charge or grievance verb (``charges.tsv``: "accused of", "wanted for",
    "angered by") in a clause that describes a noun ("a Palestinian accused of a shooting attack")."""
    charges = lexicon.charges()
    charge = _up_to(trigger, lambda t: t.lemma_.lower() in charges and t.pos_ == "VERB", 4)
    if charge is None or charge.i == trigger.i or charge.dep_ not in _NOUN_CLAUSES:
        return False
    words = charges[charge.lemma_.lower()]
    phrases = [p for p in children(charge, "prep", "agent") if p.lower_ in words]
    return any(p.left_edge.i <= trigger.i <= p.right_edge.i for p in phrases)


def _doer_hints(event: Detected) -> None:
    """ACLED cues from who acted on whom: hint "clash" for sides acting on each other ("border guards opened fire on
    each other", "rival gangs attacked one another"), hint "lone" for a violent act by one person told by a common
    noun or pronoun, not a crowd ("a man beat his neighbour": an attack, where "villagers beat a thief" is mob
    violence)."""
    if any(_reciprocal(h.token) for h in event.hits):
        event.hints.add("clash")
    doers = [d for h in event.hits for d in _doers(h.token)]
    if doers and all(d.pos_ in ("NOUN", "PRON") for d in doers) and not any(_many(d) for d in doers):
        event.hints.add("lone")


# Reciprocal pronouns: two sides acting on each other.
_RECIPROCALS = (("each", "other"), ("one", "another"))


def _reciprocal(trigger: Token) -> bool:
    """Whether a trigger acts on a reciprocal pronoun: its object, or the object of its preposition ("shot at each
    other")."""
    doc = trigger.doc
    for token in trigger.subtree:
        if token.i + 1 >= len(doc) or (token.lower_, doc[token.i + 1].lower_) not in _RECIPROCALS:
            continue
        pair = (token, doc[token.i + 1])
        if any(_up_to(t, lambda h: h.i == trigger.i, 3) is not None for t in pair):
            return True
    return False


def _doers(trigger: Token) -> list[Token]:
    """Who did a trigger verb's act: its subject (a conjoined or relative-clause verb's: the first verb's, the noun it
    describes) or its passive "by" agent."""
    if trigger.pos_ != "VERB":
        return []
    doers = [o for a in children(trigger, "agent") for o in children(a, "pobj")] + children(trigger, "nsubj")
    if not doers and trigger.dep_ == "relcl":
        doers = [trigger.head]
    elif not doers and trigger.dep_ in ("conj", "xcomp"):
        doers = [o for a in children(trigger.head, "agent") for o in children(a, "pobj")]
        doers += children(trigger.head, "nsubj")
    return [(described_noun(d) or d) if d.tag_ in RELATIVES else d for d in doers]  # "a man who stabbed": the man


_MANY_PRONOUNS = frozenset({"they", "we", "them"})


def _many(doer: Token) -> bool:
    """Whether a doer is more than one person (``actors.many_people``: "villagers", "a mob", "two men"; or conjoined
    nouns) or a plural pronoun."""
    if doer.pos_ == "PRON":
        return doer.lower_ in _MANY_PRONOUNS
    return bool(children(doer, "conj")) or many_people(doer)


def _at_protests(detected: list[Detected]) -> list[Detected]:
    """Arrests in a sentence that reports a protest, and violence told with the protest, are done at it (ACLED:
    protest with intervention, excessive force against protesters): hint "protest" ("Police arrested 15 activists
    who blocked a road", "troops shot dead four people as crowds marched"; not "demonstrated in X, where 24 people
    were killed last March"; not a protest only planned, prepared or plotted: "detained ahead of a planned rally").
    With no protest trigger, an arrest told with crowd-control force is done at a crowd ("baton-charged the marchers
    and detained dozens")."""
    protests = [h.token for d in detected if d.type == "PROTEST" for h in d.hits if _happened(h.token)]
    protests = [p for p in protests if not _dates_act(p)]
    if not protests and any(d.type == "ASSAULT" and d.mode == "crowd-control" for d in detected):
        for event in (d for d in detected if d.type == "COERCE" and d.mode == "arrest"):
            event.hints.add("protest")
    for event in detected if protests else ():
        if all(_set_off(p, event) for p in protests):
            continue
        arrest = event.type == "COERCE" and event.mode == "arrest"
        if arrest or (event.type == "ASSAULT" and any(_told_with(h.token, p) for h in event.hits for p in protests)):
            event.hints.add("protest")
    return detected


def _dates_act(protest: Token) -> bool:
    """Whether a protest is named only to date another act by it ("was arrested after addressing a rally", "detained
    following a march"): the object of a time preposition, or of a verb in its phrase; the act was not done at it."""
    prep = _up_to(protest, lambda t: t.dep_ == "prep" and t.lower_ in _TIME_PREPS, 3)
    return prep is not None and prep.lower_ != "since"


# Verbs of attempting: a protest people tried to hold was under way when it was stopped.
_ATTEMPTS = frozenset({"try", "attempt", "seek"})


def _happened(protest: Token) -> bool:
    """Whether a protest trigger tells a protest that took place, is going on or was attempted ("arrested dozens as
    they tried to march"), not one planned, feared or denied."""
    if protest.dep_ == "xcomp" and protest.head.lemma_.lower() in _ATTEMPTS:
        return True
    return event_status(protest, protest.sent) in ("occurred", "ongoing", "historical")


# Verbs whose object is what their subject set off ("the detention of the mayor sparked protests").
SET_OFF = frozenset({"spark", "trigger", "prompt", "provoke", "ignite", "fuel", "spur", "cause"})


def _set_off(protest: Token, event: Detected) -> bool:
    """Whether a protest is what the event set off: the object of "sparked" whose subject holds the event's trigger."""
    verb = protest.head
    if protest.dep_ != "dobj" or verb.lemma_.lower() not in SET_OFF:
        return False
    subjects = children(verb, "nsubj")
    return any(s.left_edge.i <= h.token.i <= s.right_edge.i for s in subjects for h in event.hits)


def _told_with(act: Token, protest: Token) -> bool:
    """Whether a protest trigger is part of an act's clause ("shot ... as crowds marched", "beat students who were
    rallying") or the act hangs on the protest's verb ("marched and were beaten", "protested, clashing with")."""
    if _up_to(protest, lambda t: t.i == act.i) is not None:
        return True
    return act.dep_ in ("advcl", "conj", "xcomp") and act.head.i == protest.i


def _checked(detected: list[Detected], feats: list[str]) -> list[Detected]:
    """The rule events, checked by the classifier (on the sentence's ``feats``): a lone trigger type it finds
    unlikely is retyped."""
    method = classifier.current_method()
    if method == "rules" or (method == "combined" and len(detected) > 1):
        return detected  # "combined" keeps several rule events as they are: no need to score the sentence
    scores = classifier.type_scores(feats)
    best = max(scores, key=scores.__getitem__)
    main = min(detected, key=lambda d: _depth(d.main.token))
    confident = scores.get(main.type, 0.0) >= classifier.VETO or best == main.type
    if method == "combined" and confident:
        return detected
    if main.type == best:
        return [main]
    return [Detected(best, None, set(), main.hits)]


def _as_intention(event: Detected) -> Detected:
    """A promised, threatened, demanded or refused act is PLOVER's speech act ("will withdraw" → AGREE)."""
    stance = lexicon.plover_stance().get(event.type)
    cue = _intent_cue(event.main.token) if stance else None
    new = cue.get(stance or "") if cue else None
    if new is None or new == event.type or (new == "AGREE" and "change" in event.hints):
        return event  # "would form a new armed group": a group's change announced, no promise to anyone
    return Detected(new, None, set(), event.hits, event.continues)


_REFUSAL = {"cooperative": "REJECT", "hostile": None, "verbal": "REJECT"}  # "will not accept": a refusal


def _intent_cue(trigger: Token) -> dict[str, str | None] | None:
    """The retyping by stance that the intention cue over a trigger's clause asks for, if any."""
    cues = lexicon.intent_cues()
    verb = trigger.head if trigger.pos_ != "VERB" and trigger.dep_ in OBJECT_DEPS else trigger
    modal = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in cues.get("aux", {})), None)
    if modal is not None:
        return _REFUSAL if any(c.dep_ == "neg" for c in verb.children) else cues["aux"][modal]
    if verb.dep_ not in ("xcomp", "acl"):  # "willing to withdraw", "a promise to withdraw"
        return None
    governors = cues.get("governor", {})
    return governors.get(verb.head.lemma_.lower()) or governors.get(verb.head.lower_)


def _merged(detected: list[Detected]) -> list[Detected]:
    """Events retyped to one kind are one event ("offered to hand over": the offer), ASSAULT kinds aside."""
    merged: dict[str, Detected] = {}
    out: list[Detected] = []
    for event in detected:
        first = merged.get(event.type)
        if first is None or event.type == "ASSAULT":
            merged.setdefault(event.type, event)
            out.append(event)
            continue
        first.hits = sorted([*first.hits, *event.hits], key=lambda h: h.start)
    return out


def trigger_types(hits: list[Hit]) -> list[str]:
    """The types of a sentence's triggers, the one nearest the root first (the classifier's features)."""
    return [h.entry.type for h in sorted(hits, key=lambda h: _depth(h.token))]


def _depth(token: Token) -> int:
    """How many heads lie between a token and its sentence's root."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _better_mode(current: str | None, new: str | None) -> str | None:
    """The more specific of two modes."""
    if current is None:
        return new
    if new is None:
        return current
    return new if _MODE_RANK.get(new, 99) < _MODE_RANK.get(current, 99) else current


_REMOTE = frozenset({"unconventional", "suicide-attack", "aerial", "drone", "explosives", "heavy-weapons"})


def refine_mode(event: Detected, sent: Span) -> None:
    """Set an ASSAULT's mode from the first weapon word in its sentence that belongs to its triggers ("warplanes" →
    aerial). A weapon that is a trigger's subject or agent ("warplanes pounded", "hit by a drone") says how it was done
    even when the trigger word has a mode of its own ("pound": shelling)."""
    found = _mode_cue(sent, event.hits)
    if found is None:
        return
    mode, hint, cue = found
    if hint:
        event.hints.add(hint)
    if hint != _DISPERSAL and _mode_cue(sent, event.hits, _DISPERSAL) is not None:
        event.hints.add(_DISPERSAL)  # "fired tear gas at the crowd and shot dead a man": shots at a crowd broken up
    generic = event.mode in (None, "massacre", "execute") or (event.mode == "destroy" and mode in _REMOTE)
    overriding = mode in ("unconventional", "suicide-attack") and event.mode not in _SEPARATE_MODES
    acting = mode in _REMOTE and event.mode not in _SEPARATE_MODES and _acts(cue, event.hits)
    if generic or overriding or acting:
        event.mode = mode


# The hint of means used only to break up a crowd (modes.tsv: tear gas, water cannon, rubber bullets), whichever
# weapon gives the mode.
_DISPERSAL = "dispersal"


def _mode_cue(sent: Span, hits: list[Hit], hint: str | None = None) -> tuple[str, str | None, Token] | None:
    """The highest-priority weapon cue of a sentence that belongs to one of its ``hits`` (only cues with ``hint``
    when given): (mode, hint, cue's first token)."""
    usable = [word_ok(t) for t in sent]
    lemmas = [plain_lemma(t) if ok else "" for t, ok in zip(sent, usable, strict=True)]
    texts = [t.lower_ if ok else "" for t, ok in zip(sent, usable, strict=True)]
    present = set(lemmas) | set(texts)  # a cue whose first word is absent is not scanned for (a long line, 200 cues)
    for cue, mode, cue_hint in lexicon.mode_cues():
        if (hint is not None and cue_hint != hint) or (cue and not present.intersection(cue[0].split("|"))):
            continue
        joint = "&" in cue or any("|" in w for w in cue)
        starts = _joint_positions(lemmas, texts, cue) if joint else (*_positions(lemmas, cue), *_positions(texts, cue))
        size = len(" ".join(cue).split(" & ")[-1].split())  # a joint cue's last part is its word
        for i in starts:
            word = sent[i : i + size].root  # "Air Force bombardment": the cue's head word modifies the trigger
            if _belongs(word, hits):
                return mode, cue_hint, word
    return None


def _joint_positions(lemmas: list[str], texts: list[str], cue: tuple[str, ...]) -> list[int]:
    """Where the last part of a joint cue starts when each of its parts is in the sentence ("explosive|bomb & under
    his|her clothes": the explosive and the hiding place both told); a word "a|b" is either (lemma or word form)."""
    found: list[int] = []
    for part in " ".join(cue).split(" & "):
        words = [frozenset(w.split("|")) for w in part.split()]
        n = len(words)
        found = [
            i
            for i in range(len(lemmas) - n + 1)
            if all(lemmas[i + k] in w or texts[i + k] in w for k, w in enumerate(words))
        ]
        if not found:
            return []
    return found


def _positions(words: list[str], cue: tuple[str, ...]) -> list[int]:
    """Where the word sequence ``cue`` starts in ``words``."""
    n = len(cue)
    return [i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == cue]


# Clauses that describe a noun ("passengers who had just got off a plane", "a convoy carrying rockets"): a weapon
# named in one is no part of an event told outside it, unless the noun is the trigger, its doer ("villagers armed
# with machetes attacked") or, for a participle, what it fired or used ("fired shells filled with mustard agent").
_NOUN_CLAUSES = frozenset({"relcl", "acl"})
_DOERS = frozenset({"nsubj", "agent"})


def _belongs(cue: Token, hits: list[Hit]) -> bool:
    """Whether a weapon word is told with a trigger: not inside a clause describing another noun, nor inside a
    phrase dating the event by another one ("days after Iran's missile attack")."""
    if _dated_by(cue, hits):
        return False
    clause = _up_to(cue, lambda t: t.dep_ in _NOUN_CLAUSES and t.pos_ in ("VERB", "AUX"))
    if clause is None:
        return True
    return not _backing(cue, clause, hits) and any(_describes(clause, h.token) for h in hits)


# Prepositions that date an event by another one ("two days after the air strikes", "since the drone attack").
_TIME_PREPS = frozenset({"after", "before", "since", "following"})


def _dated_by(cue: Token, hits: list[Hit]) -> bool:
    """Whether the weapon word is in the object of a time preposition measured off ("days after", "a week before")
    or of 'since': that phrase names another event, which the weapon belongs to, when a trigger stands outside it."""
    prep = _up_to(cue, lambda t: t.dep_ == "prep" and t.lower_ in _TIME_PREPS)
    if prep is None or not any(c.dep_ == "pobj" for c in prep.children):
        return False
    if prep.lower_ != "since" and not any(c.dep_ == "npadvmod" for c in prep.children):
        return False
    inside = {t.i for t in prep.subtree}
    return any(h.token.i not in inside for h in hits)


def _backing(cue: Token, clause: Token, hits: list[Hit]) -> bool:
    """Whether a weapon is the agent of a clause describing a noun that is no trigger: another party backing or
    escorting the doer ("troops backed by drones stormed the camp"), not the doer's own means."""
    agent = cue.head if cue.dep_ == "pobj" else None
    return (
        agent is not None
        and agent.dep_ == "agent"
        and agent.head.i == clause.i
        and all(h.token.i != clause.head.i for h in hits)
    )


def _describes(clause: Token, trigger: Token) -> bool:
    """Whether a noun-describing clause holds or tells about a trigger, its doer or (a participle) its object or the
    means it was done with."""
    noun = clause.head
    if noun.i == trigger.i or _up_to(trigger, lambda t: t.i == clause.i) is not None:
        return True
    by = noun.head if noun.dep_ == "pobj" and noun.head.dep_ in ("agent", "prep") else noun
    verbs = (trigger.i, trigger.head.i) if trigger.dep_ in ("conj", "xcomp") else (trigger.i,)  # "chased and beat"
    if by.head.i not in verbs:
        return False
    means = by.dep_ == "prep" and by.lower_ in _MEANS  # "hit with grenades containing CS gas"
    return by.dep_ in _DOERS or (clause.dep_ == "acl" and (noun.dep_ == "dobj" or means))


# Prepositions of the means a trigger was done with ("struck with shells filled with chlorine").
_MEANS = frozenset({"with", "using"})


def _up_to(token: Token, wanted: Callable[[Token], bool], steps: int = 50) -> Token | None:
    """The nearest of a token and its heads (up to ``steps`` of them) that is ``wanted`` (None at the root)."""
    for _ in range(steps):
        if wanted(token):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "pobj", "compound", "amod"})


def _acts(cue: Token, hits: list[Hit]) -> bool:
    """Whether a weapon word is what a trigger was done with or by: its subject, its agent ("by drones"), a modifier
    ("drone attack", "aerial bombardment"), an object of its preposition ("attack with rockets") or a modifier of the
    object that is part of the trigger's phrase ("opened mortar fire")."""
    head = cue.head
    if cue.dep_ in ("compound", "amod") and head.dep_ in _ACTING_DEPS and all(h.token.i != head.i for h in hits):
        return _acts(head, hits)  # "helicopter gunships pounded", "a barrage of aerial bombs": the weapon is the head
    if cue.dep_ == "pobj" and head.dep_ in ("agent", "prep"):
        head = head.head
    own_object = cue.dep_ == "compound" and head.dep_ == "dobj"
    if cue.dep_ not in _ACTING_DEPS:
        return False
    return any(h.token.i == head.i or (own_object and _phrase_object(h, head)) for h in hits)


def _phrase_object(hit: Hit, obj: Token) -> bool:
    """Whether a trigger verb's direct object is a word of its own phrase ("fire" of "open fire")."""
    return obj.head.i == hit.token.i and obj.lemma_.lower() in hit.entry.lemmas[1:]
