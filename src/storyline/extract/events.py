"""Event detection in a parsed sentence: trigger words → PLOVER type and mode, grouped into events.

Triggers are data (``resources/triggers/triggers.tsv``): verb lemmas ("kill", "shell"), nominal triggers
("airstrike", "clashes", "protest") and multi-word phrases ("open fire", "take control"). Triggers of one
kind in one sentence make one event; an abduction or a sexual assault beside a killing is its own event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.extract import classifier, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_POS = {"VERB": ("VERB",), "NOUN": ("NOUN", "PROPN"), "ANY": ("VERB", "NOUN", "PROPN", "ADJ")}
# Modes that make an ASSAULT its own event beside another ASSAULT in the same sentence.
_SEPARATE_MODES = ("abduct", "sexual")
# Mode specificity: a trigger's mode from this list beats a later one ("airstrike" over "kill").
_MODE_RANK = {m: i for i, m in enumerate((
    "unconventional", "suicide-attack", "aerial", "drone", "explosives", "heavy-weapons", "firearms", "crowd-control",
    "primitive", "massacre", "execute", "assassinate", "beat", "torture", "abduct", "sexual", "destroy",
    "curfew", "martial-law",  # COERCE: "imposed a curfew" is a curfew, not any restriction
))}  # fmt: skip


@dataclass(slots=True)
class Hit:
    """A trigger found in a sentence: its tokens [start, end) in the Doc and its lexicon entry."""

    token: Token
    start: int
    end: int
    entry: lexicon.Trigger


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


def _matched_head(sent: Span, i: int, entry: lexicon.Trigger) -> Token | None:
    """The head of the entry's lemma sequence starting at token i, if it is there with an allowed part of speech."""
    doc = sent.doc
    if i + len(entry.lemmas) > sent.end:
        return None
    forms = lexicon.irregular()
    for offset, lemma in enumerate(entry.lemmas):
        tok = doc[i + offset]
        if lemma not in (tok.lemma_.lower(), tok.lower_, forms.get(tok.lower_)):
            return None
    head = _head(sent, i, entry)
    return head if head.pos_ in _POS[entry.pos] or (len(entry.lemmas) > 1 and entry.pos == "ANY") else None


def _head(sent: Span, i: int, entry: lexicon.Trigger) -> Token:
    """The token standing for a trigger starting at i: a noun phrase's head ("sexual violence"), else its first."""
    return sent.doc[i : i + len(entry.lemmas)].root if entry.pos == "NOUN" else sent.doc[i]


def find_hits(sent: Span) -> list[Hit]:
    """Every trigger in a sentence, longest match first, no token in two triggers."""
    table = lexicon.triggers()
    hits: list[Hit] = []
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        irregular = lexicon.irregular().get(tok.lower_, "")
        entries = table.get(tok.lemma_.lower()) or table.get(tok.lower_) or table.get(irregular) or []
        hit = _hit_at(sent, i, entries)
        if hit is None:
            i += 1
            continue
        hits.append(Hit(hit.token, i, hit.end, _in_sense(sent, hit.token, hit.entry)))
        i = hit.end
    strong_types = {h.entry.type for h in hits if not _weak(h)}
    return [h for h in hits if not _weak(h) or not strong_types or h.entry.type in strong_types]


def _hit_at(sent: Span, i: int, entries: list[lexicon.Trigger]) -> Hit | None:
    """The first entry matching at token i that reports an event, as a hit on its head token."""
    for entry in entries:
        head = _matched_head(sent, i, entry)
        if head is not None and _usable(hit := Hit(head, i, i + len(entry.lemmas), entry)):
            return hit
    return None


def _weak(hit: Hit) -> bool:
    """A trigger that counts only when no other kind is in its sentence: marked weak, or a participle that
    describes a noun ("subjected detained women to sexual violence": the women, not an arrest)."""
    return hit.entry.hint == "weak" or (hit.token.dep_ == "amod" and hit.token.pos_ == "VERB")


def _in_sense(sent: Span, token: Token, entry: lexicon.Trigger) -> lexicon.Trigger:
    """The entry of the sense a trigger word has in its sentence ("teachers went on a four-day strike": a protest)."""
    senses = [s for s in lexicon.senses().get(entry.lemmas[0], []) if s.trigger.lemmas == entry.lemmas]
    if not senses:
        return entry
    lemmas = {t.lemma_.lower() for t in sent}
    dependents = _dependents(token)
    for sense in senses:
        if token.pos_ in _POS[sense.trigger.pos] and sense.cues & lemmas and not sense.void & dependents:
            return sense.trigger
    return entry


_DATES = frozenset({"DATE", "TIME"})


def _dependents(token: Token) -> set[str]:
    """What a sense's void words are checked against: modifier lemmas, the preposition of a non-date object, "dobj"."""
    words = {"dobj" for c in token.children if c.dep_ == "dobj"}
    for child in token.children:
        dated = any(g.ent_type_ in _DATES for g in child.children)
        if child.dep_ in ("compound", "amod", "nmod", "nummod") or (child.dep_ == "prep" and not dated):
            words.add(child.lemma_.lower())
    return words


# A trigger word inside a date or number is not an event ("3 March"). Names are not skipped: the small
# model tags title-case headlines as names ("Israeli Strike Kills 12" → PERSON).
_NOT_EVENT_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})


def _usable(hit: Hit) -> bool:
    """Whether a matched trigger reports an event: not in a date, not a noun modifier, and its object allows it."""
    token = hit.token
    if token.ent_type_ in _NOT_EVENT_ENTITIES:
        return False
    if token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.modifier_heads():
        return False  # "riot police", "arrest warrant", "attack helicopter"
    return _object_ok(hit)


def _raids_as_arrests(hits: list[Hit]) -> list[Hit]:
    """A raid whose only outcome in the sentence is an arrest is part of the arrest ("raided ... and arrested 6")."""
    arrest = next((h for h in hits if h.entry.type == "COERCE" and h.entry.mode == "arrest"), None)
    violent = [h for h in hits if h.entry.type == "ASSAULT"]
    if arrest is None or not violent or any(h.entry.hint != "raid" for h in violent):
        return hits
    return [h if h.entry.type != "ASSAULT" else Hit(h.token, h.start, h.end, arrest.entry) for h in hits]


def _one_per_object(hits: list[Hit]) -> list[Hit]:
    """A trigger verb and the trigger noun it takes as object are one event (the noun's after a light verb)."""
    rules = lexicon.object_events()
    dropped: set[int] = set()
    for verb in hits:
        objects = [h for h in hits if h.token.head.i == verb.token.i and h.token.dep_ in _OBJECT_DEPS]
        for obj in (o for o in objects if o.entry.type != verb.entry.type):
            rule = next((r for r, types in rules.get(" ".join(verb.entry.lemmas), []) if _of(obj, types)), None)
            if rule is not None:
                dropped.add(id(obj) if rule == "absorb" else id(verb))
    return [h for h in hits if id(h) not in dropped]


def _of(hit: Hit, types: frozenset[str] | None) -> bool:
    """Whether a trigger's type is one of ``types`` (None: any)."""
    return types is None or hit.entry.type in types


def _object_ok(hit: Hit) -> bool:
    """Whether a trigger's object allows it: "sign" needs an agreement, "release" a statement voids it."""
    table = lexicon.object_rules()
    entry = hit.entry
    rules = table.get(f"{entry.lemmas[0]}/{entry.type}/{entry.mode or '-'}") or table.get(entry.lemmas[0])
    if not rules:
        return True
    require, void = rules
    words = _related_words(hit.token) | set(entry.lemmas[1:])  # a phrase's own words count ("seize control")
    if require and not words & require:
        return False
    return not words & void


# Words around a trigger that its object rules read: objects and subjects ("the film was shot"), noun
# modifiers ("heart attack"), prepositional objects ("killed in a car accident"), the verb a participle hangs on.
_RELATED_DEPS = ("dobj", "prt", "pobj", "attr", "nsubj", "nsubjpass", "compound")


def _related_words(token: Token) -> set[str]:
    """Lemmas of the words a trigger's object rules look at."""
    words = {c.lemma_.lower() for c in token.children if c.dep_ in _RELATED_DEPS}
    for obj in (c for c in token.children if c.dep_ == "dobj"):  # "lifted a state of emergency"
        words.update(g.lemma_.lower() for p in obj.children if p.lower_ == "of" for g in p.children)
    for prep in (c for c in token.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            words.add(obj.lemma_.lower())
            words.update(m.lemma_.lower() for m in obj.children if m.dep_ == "compound")
    if token.pos_ != "VERB" or token.dep_ == "advcl":
        words.add(token.head.lemma_.lower())
    if token.dep_ == "conj":  # "rains killed 12 and destroyed homes": the subject is shared
        words.update(c.lemma_.lower() for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return words


# ACLED cues that make an ASSAULT trigger its own event beside an attack in the same sentence: territory taken or
# regained, weapons use disrupted, a mass grave found ("killed 30 and buried them in a mass grave": two events).
_OWN_EVENT_HINTS = ("territory", "regain", "disrupt", "grave")


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


def sentence_hits(sent: Span) -> list[Hit]:
    """A sentence's triggers as detection types them: raids that only arrest are arrests, a verb and its object one."""
    return _one_per_object(_raids_as_arrests(find_hits(sent)))


def classifier_features(sent: Span, hits: list[Hit]) -> list[str]:
    """The classifier's features of a sentence with its ``sentence_hits`` (training and extraction alike)."""
    return classifier.sentence_features(sent, trigger_types(hits))


def _detect(sent: Span) -> list[Detected]:
    """The events of one sentence on its own."""
    hits = sentence_hits(sent)
    if not hits:
        return []
    feats = classifier_features(sent, hits) if classifier.current_method() != "rules" else []
    if feats and classifier.nothing_here(feats):
        return []
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
    return _merged([_as_intention(d) for d in _checked(list(groups.values()), feats)])


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
    if new is None or new == event.type:
        return event
    return Detected(new, None, set(), event.hits, event.continues)


# A noun trigger's clause is that of the verb it is the object of ("will provide aid", "failed to reach a deal").
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
_REFUSAL = {"cooperative": "REJECT", "hostile": None, "verbal": "REJECT"}  # "will not accept": a refusal


def _intent_cue(trigger: Token) -> dict[str, str | None] | None:
    """The retyping by stance that the intention cue over a trigger's clause asks for, if any."""
    cues = lexicon.intent_cues()
    verb = trigger.head if trigger.pos_ != "VERB" and trigger.dep_ in _OBJECT_DEPS else trigger
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
    """Set an ASSAULT's mode from the first weapon word in its sentence ("warplanes" → aerial)."""
    found = _mode_cue(sent)
    if found is None:
        return
    mode, hint = found
    if hint:
        event.hints.add(hint)
    generic = event.mode in (None, "massacre", "execute") or (event.mode == "destroy" and mode in _REMOTE)
    overriding = mode in ("unconventional", "suicide-attack") and event.mode not in _SEPARATE_MODES
    if generic or overriding:
        event.mode = mode


def _mode_cue(sent: Span) -> tuple[str, str | None] | None:
    """The highest-priority weapon cue in a sentence: (mode, hint)."""
    lemmas = [t.lemma_.lower() for t in sent]
    texts = [t.lower_ for t in sent]
    for cue, mode, hint in lexicon.mode_cues():
        if _contains(lemmas, cue) or _contains(texts, cue):
            return mode, hint
    return None


def _contains(words: list[str], cue: tuple[str, ...]) -> bool:
    """Whether the word sequence ``cue`` occurs in ``words``."""
    n = len(cue)
    return any(tuple(words[i : i + n]) == cue for i in range(len(words) - n + 1))
