"""Agent and target of an event from the dependency parse: actor1 did it, actor2 had it done to them.

Handles active clauses ("Israeli warplanes struck ..."), passives ("were killed by Israeli strikes"),
nominal triggers ("an Israeli airstrike on Rafah", "Hamas's assault"), light verbs ("launched an assault"),
participle clauses ("..., killing 12 Palestinians") and victims named only by a count. A place told by a common noun
("the besieged town") is never an agent; a named place is a target as its object ("promised to rebuild Kandahar": its
people), a government as a clause's subject ("demanded that Jerusalem halt ..."), and only where, not whom, deeper in an
object or after "to/from" ("kidnapped to Gaza", "a compound in Idlib").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.extract.actors import (
    ARMED,
    Mention,
    actor_name,
    as_agent,
    as_sector,
    followers,
    housed_object,
    names_attack,
    names_place,
    of_object,
    teller,
    with_country,
    with_forces_cue,
)
from storyline.extract.counts_lexicon import counts_lexicon
from storyline.extract.counts_numbers import word_value
from storyline.extract.tree import child, children
from storyline.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

_TARGET_PREPS = frozenset({"on", "against", "at", "with", "into"})
_SOFT_TARGET_PREPS = frozenset({"to", "from", "toward", "towards", "over"})
_AGAINST = frozenset({"against"})
_AGENT_CHILD_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# Nouns that name the people an event happened to: their modifiers are victims ("Israeli hostages").
_VICTIM_NOUNS = frozenset({"hostage", "captive", "casualty", "victim", "abductee", "detainee", "prisoner"})
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})
_WHEN_ENTITIES = frozenset({"DATE", "TIME"})


@dataclass(slots=True)
class Roles:
    """actor1 (agent) and actor2 (target) mentions of one trigger."""

    actor1: Mention | None = None
    actor2: Mention | None = None


@cache
def _reaction_verbs() -> frozenset[str]:
    """Verbs whose subject reacts to a nominal event rather than doing it ("condemned the killing")."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "reaction_verbs.tsv"))


@cache
def _clause_words() -> dict[str, frozenset[str]]:
    """Kind → words that place an agent or target beyond a trigger's own subject and object (clause_roles.tsv)."""
    return lexicon.word_sets("actors", "clause_roles.tsv")


def _words(kind: str) -> frozenset[str]:
    """The words of one kind in clause_roles.tsv."""
    return _clause_words().get(kind, frozenset())


@cache
def _victim_verbs() -> frozenset[str]:
    """Verbs whose subject is the victim ("died"), from the trigger lexicon."""
    return frozenset(e.lemmas[0] for es in lexicon.triggers().values() for e in es if e.hint == "victim")


class MentionIndex:
    """Mentions by the tokens they cover."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.by_token.setdefault(i, mention)

    def of(self, token: Token | None) -> Mention | None:
        """The mention covering a token, else that of the noun it is the "of" object of, or of its own "of" object
        (a place noun: of the people it is for), or for a name that names no actor, its appositive's."""
        if token is None:
            return None
        found = self.by_token.get(token.i)
        if found is None and token.dep_ == "pobj" and token.head.lower_ == "of":
            return self.by_token.get(token.head.head.i)  # "dozens of Palestinians"
        member = (of_object(token) or housed_object(token)) if found is None else None
        if member is not None:
            return self.by_token.get(member.i)  # "hundreds of protesters", "a camp for refugees"
        if found is None and token.pos_ == "PROPN":  # "the Al Quds Brigades, the armed wing of Islamic Jihad"
            return self._described(token)
        return found

    def _described(self, name: Token) -> Mention | None:
        """The actor an appositive names for a name that is none ("X, the armed wing of Islamic Jihad"), or that
        of its "of" phrase; a place's description is no actor ("Jericho, a city in the West Bank")."""
        told = child(name, "appos")
        if told is None:
            return None
        found = self.by_token.get(told.i)
        if found is None:
            member = of_object(told)
            found = self.by_token.get(member.i) if member is not None else None
        return found if found is not None and found.place is None and found.actor.sector is not None else None


def clause_verb(token: Token) -> Token:
    """The verb heading the clause a token is in: the token itself if it is a verb, auxiliaries skipped, the
    sentence's root when no verb is above it. Heads are walked only up to that verb."""
    for node in chain((token,), token.ancestors):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
    return token.sent.root


def _prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    """Object of a preposition attached to the token ("attack on Rafah" → Rafah); not a date ("on 3 May")."""
    for prep in children(token, "prep", "agent"):
        if prep.lower_ in preps:
            obj = child(prep, "pobj")
            if obj is not None and obj.ent_type_ not in _WHEN_ENTITIES:
                return obj
    return None


def verb_roles(verb: Token, index: MentionIndex) -> Roles:
    """Roles of a verb trigger: subject/agent → actor1, object/passive subject → actor2."""
    roles = Roles()
    subject = child(verb, "nsubj")
    passive_subject = child(verb, "nsubjpass")
    if _undergone(verb):  # "with Israelis killed", "officials believed to have been killed": the subject had it done
        passive_subject = passive_subject or subject or _climbed_subject(verb)
        subject = None
    agent = child(verb, "agent")
    by = child(agent, "pobj")
    roles.actor1 = index.of(subject) or (by is not None and _fired_by(by, index)) or index.of(by)
    if roles.actor1 is None and by is not None:  # "hit by a missile from a Russian drone": the drone's forces
        roles.actor1 = _attack_doer(by, index)
    if roles.actor1 is None and subject is None and passive_subject is None:
        roles.actor1 = _misparsed_subject(verb, index) or _folded_subject(verb, index)
    if subject is not None and (roles.actor1 is None or not roles.actor1.named):
        roles.actor1 = (
            _fired_by(subject, index)
            or _ascribed(subject, index)
            or roles.actor1
            or _sent_by(subject, index)
            or _attack_doer(subject, index)
        )
    roles.actor2 = _target(verb, index, passive_subject) or _other_side(verb, subject, index)
    if roles.actor1 is None and subject is None and verb.tag_ == "VBN":
        # "killed in an Israeli airstrike"; not a perfect with its own subject ("it had retaken villages from
        # the insurgents": the source, and "it" is who the clause above names)
        means = index.of(_prep_object(verb, _MEANS_PREPS - _from_loser(verb)))
        if means is not None and means.actor.sector in ARMED:
            roles.actor1 = means
    if _from_loser(verb):  # "the town was recaptured from the rebels": the rebels lost it
        roles.actor2 = roles.actor2 or _agent(index.of(_prep_object(verb, frozenset({"from"}))))
    if _misparsed_main_verb(verb):  # "Israeli forces arrested 25 ... in raids": parsed as a noun phrase
        roles.actor1 = roles.actor1 or _fired_by(verb.head, index) or index.of(verb.head)
    elif verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and child(verb, "nsubj") is None:
        if verb.head.lemma_.lower() not in _projectiles():  # "tank shells fired by troops": arms, no one hit
            roles.actor2 = roles.actor2 or index.of(verb.head)  # "women seized by the group"
    elif roles.actor1 is None and verb.dep_ in ("acl", "relcl"):
        roles.actor1 = index.of(verb.head) or _maker(verb, index)  # "militants who attacked"
    clausal = _gerund_subject(verb) if subject is None and passive_subject is None else None
    if roles.actor1 is None and clausal is not None:  # "Shelling by X on a market killed"
        roles.actor1 = _agent(index.of(_by_object(clausal)))
    # "a bombing killed ...", "shelling the market killed ...": no one above did it
    own_subject = (subject is not None and subject.pos_ != "PRON") or clausal is not None
    if roles.actor1 is None and not own_subject and passive_subject is None and verb.dep_ in _CLIMB_DEPS:
        roles.actor1 = _inherited_subject(verb, index)
    return roles


_ABSOLUTE_PREPS = frozenset({"with", "without"})
_MEANS_PREPS = frozenset({"in", "by", "from"})
_FROM = frozenset({"from"})


def _from_loser(verb: Token) -> frozenset[str]:
    """{"from"} for a verb whose "from" phrase names who lost what it took ("recaptured the town from the rebels":
    clause_roles.tsv from_loser_verb), else nothing."""
    return _FROM if verb.lemma_.lower() in _words("from_loser_verb") else frozenset()


def _gerund_subject(verb: Token) -> Token | None:
    """A gerund the parser took for a clause of its own that is the verb's subject ("Shelling by the army on the
    market killed 12": a clausal subject, or a clause hung before the verb with a "by" agent)."""
    found = child(verb, "csubj")
    if found is None:
        found = next((c for c in children(verb, "advcl") if c.i < verb.i and _by_object(c) is not None), None)
    return found if found is not None and found.tag_ == "VBG" else None


def _by_object(word: Token) -> Token | None:
    """The object of a word's "by" phrase, parsed as its agent or as a plain preposition."""
    return child(child(word, "agent"), "pobj") or _prep_object(word, frozenset({"by"}))


def _attack_doer(subject: Token, index: MentionIndex) -> Mention | None:
    """Who a clause's subject that is no actor says did the act: armed men in its "by" phrase ("Quadcopter fire by
    the army targeted people"); for a noun of an attack or a thing fired, any "by" actor, or the armed men or machine
    it came from ("a missile from an army drone hit a bus"; not a place: "a rocket from Gaza" says where from)."""
    if index.of(subject) is not None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    by = _agent(index.of(_prep_object(subject, frozenset({"by"}))))
    if by is not None and by.actor.sector in ARMED:
        return by
    if not _attack_or_fired(subject):
        return None
    source = index.of(_prep_object(subject, _FROM))
    armed = source is not None and source.place is None and source.actor.sector in ARMED
    return by or (source if armed else None)


_ASCRIBED_TO = frozenset({"to", "on"})


def _ascribed(subject: Token, index: MentionIndex) -> Mention | None:
    """Whom a participle on an attack noun or a thing fired, told as the clause's subject, ascribes it to ("a drone
    strike, attributed by witnesses to the army, killed 11", "a blast blamed on the rebels": clause_roles.tsv
    ascribe_verb); not a denial ("not attributed to anyone" names no one)."""
    if subject.pos_ not in ("NOUN", "PROPN") or not _attack_or_fired(subject):
        return None
    for acl in (t for t in subject.subtree if t.dep_ == "acl"):  # the parser may hang it on a place in the phrase
        if acl.tag_ != "VBN" or acl.lemma_.lower() not in _words("ascribe_verb") or child(acl, "neg") is not None:
            continue
        teller = _by_object(acl)  # "blamed by police on Boko Haram": the parser may hang "on" on the teller
        found = _agent(
            index.of(_prep_object(acl, _ASCRIBED_TO) or (_prep_object(teller, _ASCRIBED_TO) if teller else None))
        )
        if found is not None and found.place is None:
            return found
    return None


def _attack_or_fired(noun: Token) -> bool:
    """Whether a noun names an attack (the trigger lexicon reads it as an ASSAULT noun) or a thing that is fired."""
    lemma = noun.lemma_.lower()
    entries = lexicon.triggers().get(lemma, ())
    return lemma in _projectiles() or any(e.type == "ASSAULT" and e.pos in ("NOUN", "ANY") for e in entries)


def _sent_by(subject: Token, index: MentionIndex) -> Mention | None:
    """Who sent a thing that is a clause's subject ("rockets fired from Gaza by the Al Quds Brigades hit a house", "a
    bomb planted by the group exploded"): the agent of a participle on it; not of one that ascribes it ("a bomb,
    blamed by police on the rebels": the police tell it)."""
    sent = (acl for acl in children(subject, "acl") if acl.lemma_.lower() not in _words("ascribe_verb"))
    return next((found for acl in sent if (found := _by_agent(acl, index))), None)


def _fired_by(subject: Token, index: MentionIndex) -> Mention | None:
    """Who fired what a clause's subject names ("a rocket launched by the militia hit a school", "a mortar shell fired
    by the army landed in a market"): the "by" agent of a verb of firing (clause_roles.tsv from_origin_verb) on a
    thing that is fired (the objects ``launch`` requires in triggers/objects.tsv: rocket, drone, grenade ...), who did
    what the thing did; not on people ("workers fired by the company")."""
    if subject.lemma_.lower() not in _projectiles():
        return None
    fired = (acl for acl in children(subject, "acl") if acl.lemma_.lower() in _words("from_origin_verb"))
    return next((found for acl in fired if (found := _by_agent(acl, index))), None)


def _projectiles() -> frozenset[str]:
    """Things that are fired or launched: what objects.tsv's ``launch`` rows require of its object."""
    rules = lexicon.object_rules().get("launch")
    return rules.require if rules is not None else frozenset()


def _by_agent(participle: Token, index: MentionIndex) -> Mention | None:
    """The "by" agent of a past participle ("fired by X"), if it names an actor."""
    if participle.tag_ != "VBN":
        return None
    return _agent(index.of(child(child(participle, "agent"), "pobj")))


def _misparsed_main_verb(verb: Token) -> bool:
    """A sentence's main verb the parser took for a participle on its subject, the noun made the sentence's root
    ("Israeli forces arrested at least 25 Palestinians in overnight raids"): a past participle with a direct object
    is active, so the noun it hangs on did it."""
    return verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and child(verb, "dobj") is not None


def _other_side(verb: Token, subject: Token | None, index: MentionIndex) -> Mention | None:
    """The second of a coordinated subject of a mutual verb ("troops and jihadists clashed", "exchanged fire"); of
    its "of" phrase too ("fighters of Hezbollah and the Amal movement clashed")."""
    if subject is None or verb.lemma_.lower() not in _words("mutual_verb"):
        return None
    return index.of(child(subject, "conj") or child(of_object(subject), "conj"))


def _maker(participle: Token, index: MentionIndex) -> Mention | None:
    """ "the PKK issued a declaration demanding ...", "fired a missile targeting a ship": a participle on a thing a
    verb's subject made or sent tells what that subject did (not on a person: "shot a man throwing stones")."""
    thing = participle.head
    if participle.tag_ != "VBG" or thing.dep_ != "dobj" or index.of(thing) is not None:
        return None
    return index.of(child(thing.head, "nsubj"))


def _undergone(verb: Token) -> bool:
    """A participle whose subject is its patient: a passive without a subject of its own ("believed to have been
    killed") or an absolute clause after "with" ("with Israelis killed and captured", the parser's nsubj)."""
    for clause in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        if clause.dep_ == "pcomp" and clause.head.lower_ in _ABSOLUTE_PREPS:
            return True
        if any(c.lower_ in _ABSOLUTE_PREPS for c in children(clause, "mark")):
            return True
    return verb.dep_ == "xcomp" and child(verb, "auxpass") is not None


def _climbed_subject(verb: Token) -> Token | None:
    """The subject a subjectless participle shares with the verb it hangs on ("officials believed to have been
    killed" → officials; "with Israelis killed and captured": captured → Israelis)."""
    if verb.dep_ not in ("xcomp", "conj") or child(verb, "nsubj", "nsubjpass") is not None:
        return None
    return child(verb.head, "nsubj", "nsubjpass")


def _misparsed_subject(verb: Token, index: MentionIndex) -> Mention | None:
    """A named actor just before a subjectless verb that the parser hung on it as a modifier ("the RSF seized
    control" parsed RSF as an adverbial noun of "seized"): the subject the parse missed."""
    before = next((c for c in children(verb, "npadvmod") if c.i < verb.i), None)
    found = index.of(before)
    if found is not None and found.named and before is not None and before.i == verb.i - 1:
        return found
    return _stranded_subject(verb, index)


def _folded_subject(verb: Token, index: MentionIndex) -> Mention | None:
    """ "an Israeli sniper shot dead a man": a subject the parser folded into the verb as its modifiers (a noun
    compound, with its article and adjectives, left of it): the actor among them."""
    folded = [c for c in children(verb, "det", "amod", "compound") if c.i < verb.i]
    if not any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in folded):
        return None
    return next((m for c in reversed(folded) if (m := index.of(c)) is not None), None)


def _stranded_subject(verb: Token, index: MentionIndex) -> Mention | None:
    """The actor right before a main verb the parser gave no subject, when the parse hung it elsewhere ("With the
    signing of a Memorandum ..., the Sudanese government and SPLM/A have agreed": the government was parsed as a
    conjunct of "Memorandum"): the first of its conjuncts."""
    if verb.dep_ != "ROOT" or verb.tag_ in ("VB", "VBG"):
        return None  # an imperative or a headline's participle has no subject to find
    first = min((c.i for c in children(verb, "aux", "auxpass", "neg", "advmod") if c.i < verb.i), default=verb.i)
    found = index.by_token.get(first - 1) if first > verb.sent.start else None
    if found is None or found.end != first:
        return None
    token = verb.doc[found.start : found.end].root
    while token.dep_ == "conj" and token.head.i in index.by_token:  # "the government and SPLM/A": the first
        token = token.head
    return index.by_token.get(token.i, found)


def _target(verb: Token, index: MentionIndex, passive_subject: Token | None, depth: int = 0) -> Mention | None:
    """Who a verb acted on: its objects or target preposition ("against" before the object, which is then the means:
    "used drones against rebel positions"), else an actor inside the object, a softer preposition ("aid to Chad") or
    its complement clause ("demanded that the United States ...")."""
    obj = child(verb, "dobj") or _result_object(verb)
    own = _own_forces(index.of(obj))
    found = (
        index.of(child(verb, "dative"))
        or _actor_at(_prep_object(verb, _AGAINST), index)
        or (None if own else index.of(obj))
        or index.of(passive_subject)
        or index.of(_prep_object(verb, _TARGET_PREPS))
    )
    if found is not None and found.place == "name":
        found = _arrested_instead(verb, index, found)
    if found is None and obj is not None and not own:
        inside = (t for t in obj.subtree if t.i != obj.i and not _tells(t, obj))
        found = next((m for t in inside if (m := _actor_at(t, index))), None)
    if found is None:  # "fired from Lebanon": where from, not whom (clause_roles.tsv from_origin_verb)
        origin = _FROM if verb.lemma_.lower() in _words("from_origin_verb") else frozenset()
        found = _actor_at(_prep_object(verb, _SOFT_TARGET_PREPS - origin), index) or _party_inside(verb, index)
    clause = child(verb, "ccomp", "xcomp")
    if found is None and clause is not None:
        found = _acting(index.of(child(clause, "nsubj", "nsubjpass")))
        if found is None and depth == 0 and clause.pos_ in ("VERB", "AUX"):  # "threatened to cut ties with Congo"
            found = _target(clause, index, None, depth + 1)
    return found


def _arrested_instead(verb: Token, index: MentionIndex, place: Mention) -> Mention | None:
    """ "raided Yatta and detained two brothers": a place a verb acts on is where, when a verb conjoined with it
    arrests people there (the trigger lexicon's arrest mode); whom is the people arrested (their mention, if any)."""
    for other in verb.conjuncts:
        people = child(other, "dobj")
        if people is not None and any(e.mode == "arrest" for e in lexicon.triggers().get(other.lemma_.lower(), ())):
            found = index.of(people)
            return found if found is None or found.place is None else place
    return place


_PARTY_PREPS = frozenset({"with", "to"})


def _party_inside(verb: Token, index: MentionIndex) -> Mention | None:
    """The other party a verb's prepositional object names in its own "with"/"to" phrase ("agreed to a ceasefire with
    the rebels", "reneged on its pledge to the farmers", "insisted on talks with the union"): whom the act concerns;
    not a place ("agreed to a truce with Gaza" names no one)."""
    for prep in children(verb, "prep"):
        if prep.lower_ not in _TARGET_PREPS | _SOFT_TARGET_PREPS:
            continue
        thing = child(prep, "pobj")
        if thing is None or index.of(thing) is not None:
            continue
        found = _actor_at(_prep_object(thing, _PARTY_PREPS), index)
        if found is not None:
            return found
    return None


def _result_object(verb: Token) -> Token | None:
    """The object the parser hangs on a result word set before it ("shot dead a police officer": "officer" the
    object of "dead"; clause_roles.tsv result_word)."""
    for word in children(verb, "oprd", "acomp", "advmod", "prep"):
        if word.lower_ in _words("result_word"):
            return child(word, "pobj", "dobj")
    return None


def placed_target(verb: Token, index: MentionIndex) -> Mention | None:
    """The target of last resort for an act no trigger names one of: the place the thing acted on is in.

    "blew up power lines leading into Kabul", "fired shells at targets in Jericho": with no one named, the place stands
    for its people (the GSR codes its country). The thing is the verb's object, or, when the object is what was used,
    its target phrase's ("rioted at a jail in Dili" acts on no one). Only for a verb the trigger lexicon reads as an
    act done on the ground (_PLACE_ACTS; "signed an agreement in Doha" is where, not whom), when its clause counts no
    people hurt (those are the victims: "blew himself up at a checkpoint in Mogadishu, killing five"), and only for a
    populated place, not a sea or landform ("fired a missile at a ship in the Red Sea")."""
    if not _acts_on_places(verb) or _counts_harmed(verb):
        return None
    used = child(verb, "dobj")
    for head in (used, _prep_object(verb, _TARGET_PREPS) if used is not None else None):
        if head is None or index.of(head) is not None:
            continue
        inside = (index.of(t) for t in head.subtree if t.dep_ == "pobj" and t.head.lower_ in _INSIDE)
        found = next((m for m in inside if m is not None and _place_or_country(m) and _populated(m, verb)), None)
        if found is not None:
            return found
    return None


# Acts carried out on the ground, on a place's people: attacks, coercion, sanctions, deployments, protests, aid and
# rebuilding; not agreements, meetings, statements or concessions, which are only held somewhere.
_PLACE_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "SUPPORT", "AID"})


def _acts_on_places(verb: Token) -> bool:
    """Whether the trigger lexicon reads a verb as an act done on a place ("fired", "blew up", "banned",
    "rebuild"), not one only held there ("signed", "met")."""
    return any(e.type in _PLACE_ACTS for e in lexicon.triggers().get(verb.lemma_.lower(), ()))


def _counts_harmed(verb: Token) -> bool:
    """Whether the clause a verb heads, with the clauses it hangs on, counts people a harm verb hit: a number as the
    object or passive subject of "killed", "wounded" ("..., killing five", "wounding three passengers", "two guards
    were killed")."""
    from storyline.extract.victims_sides import harm_lemmas  # victims_sides reads roles: imported when called

    top = verb
    while top.dep_ in _CLIMB_DEPS and top.head.i != top.i:
        top = top.head
    for token in top.subtree:
        if token.pos_ != "VERB" or token.lemma_.lower() not in harm_lemmas():
            continue
        for arg in children(token, "dobj", "nsubjpass"):
            if arg.like_num or child(arg, "nummod") is not None:
                return True
    return False


def _populated(mention: Mention, verb: Token) -> bool:
    """Whether a place mention names where people live: not a sea, river or landform (a LOC entity: "the Red Sea",
    "the Nuba Mountains")."""
    return all(token.ent_type_ != "LOC" for token in verb.doc[mention.start : mention.end])


_INSIDE = frozenset({"in", "into", "inside"})  # "targets in Jericho", not "a festival near the Gaza border"


def _place_or_country(mention: Mention) -> bool:
    """Whether a mention names only a place or a country ("Jericho", "Syria"), no kind of actor."""
    return mention.place == "name" or (mention.actor.sector is None and mention.actor.country is not None)


def _own_forces(mention: Mention | None) -> bool:
    """Whether an object names the agent's own armed men ("withdraw its troops from Lebanon", "deployed their forces
    to the border"): what the agent moves, not whom it acts on."""
    if mention is None or mention.actor.sector not in ARMED:
        return False
    return mention.actor.text.split(" ", 1)[0].lower() in ("its", "their")


def _tells(token: Token, top: Token) -> bool:
    """Whether a token below ``top`` is in the subject of a verb of saying or the agent of a participle describing
    the object: a source inserted in the phrase ("a rocket that, the Israeli military claimed, killed dozens",
    "Billal Al Kedra, described by Israel as a Hamas commander"), not an actor of it."""
    below = token
    for node in token.ancestors:
        if below.dep_ == "nsubj" and node.lemma_.lower() in lexicon.speech_verbs():
            return True
        if below.dep_ == "agent":  # "killed Billal Al Kedra, described by Israel as a commander": who describes him
            return True
        if node.i == top.i:
            return False
        below = node
    return False


def _actor_at(token: Token | None, index: MentionIndex) -> Mention | None:
    """The mention at a token unless it only names a place ("kidnapped to Gaza", "a compound in Idlib": where)."""
    found = index.of(token)
    return None if found is None or found.place == "name" else found


def _inherited_subject(verb: Token, index: MentionIndex) -> Mention | None:
    """The subject of the clause a participle or infinitive hangs on ("..., killing 12" → who killed)."""
    if child(verb, "nsubjpass") is not None or _undergone(verb):
        return None  # "she was killed in the attack": a passive clause's agent is not the subject above it
    token = verb
    for _ in range(4):
        if token.head.i == token.i:
            return None
        if _hung_forward(token):  # "after Hamas overran ..., killing 1,300 ..., Israel was": Hamas killed
            return _preceding_subject(token, index)
        below, token = token, token.head
        if _raised(below, token):
            return index.of(child(token, "nsubjpass"))  # "troops are believed to have killed 5 rebels"
        if token.lemma_.lower() in _victim_verbs() or child(token, "nsubjpass") is not None or _undergone(token):
            return None  # "soldiers died when ...", "she was shot and killed": the victims did not do it
        subject = child(token, "nsubj")
        if subject is not None:
            found = index.of(subject)
            if found is not None:
                return found
            nominal = subject if subject.pos_ in ("NOUN", "PROPN") else None
            if nominal is not None:
                return noun_roles(nominal, index).actor1
        if token.dep_ not in _CLIMB_DEPS and token.dep_ not in ("acomp", "prep"):  # "was able to kill", "by bombing"
            return None
    return None


def _hung_forward(participle: Token) -> bool:
    """A "..., V-ing ..." participle the parser hung on a clause after it: such a participle tells what the clause
    before it did."""
    return participle.tag_ == "VBG" and participle.dep_ == "advcl" and participle.head.i > participle.i


def _preceding_subject(participle: Token, index: MentionIndex) -> Mention | None:
    """The actor that is the subject of the nearest verb before a participle, in its sentence."""
    for token in reversed(participle.doc[participle.sent.start : participle.i]):
        if token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass", "amod", "acl"):
            return index.of(child(token, "nsubj"))
    return None


def _raised(infinitive: Token, verb: Token) -> bool:
    """An active infinitive under a passive verb that is no event itself ("are believed to have killed", "were
    ordered to shoot"): the passive's subject does the infinitive."""
    if infinitive.dep_ != "xcomp" or child(verb, "nsubjpass") is None:
        return False
    return verb.lemma_.lower() not in lexicon.triggers()


def noun_roles(noun: Token, index: MentionIndex) -> Roles:
    """Roles of a nominal trigger: "Israeli strikes on Gaza", "an assault by Hamas", "Hamas launched an assault"."""
    roles = Roles()
    victims = noun.lemma_.lower() in _VICTIM_NOUNS
    for kid in children(noun, *_AGENT_CHILD_DEPS, "acl"):
        if kid.dep_ in _AGENT_CHILD_DEPS and victims:
            roles.actor2 = roles.actor2 or index.of(kid) or index.of(noun)
        elif kid.dep_ in _AGENT_CHILD_DEPS and roles.actor1 is None:
            found = index.of(kid)
            # "a drone strike" is no actor; "an Israeli airstrike" names one (its country); "a Gaza City blast" a place
            if found is not None and not found.named and names_place(kid):
                continue
            if found is not None and (found.named or found.actor.country or not found.start <= noun.i < found.end):
                roles.actor1 = found
        elif kid.dep_ == "acl" and kid.tag_ == "VBN":  # "hostages held by Hamas"
            roles.actor1 = roles.actor1 or index.of(child(child(kid, "agent"), "pobj"))
    doer = noun.lemma_.lower() in _words("of_agent_noun")  # "from" is where the doer leaves ("withdrawal from Mali")
    roles.actor1 = roles.actor1 or _agent(index.of(_prep_object(noun, frozenset({"by"} if doer else {"by", "from"}))))
    roles.actor2 = index.of(_prep_object(noun, frozenset({"on", "against", "targeting"})))
    of_actor = _of_actor(noun, index)
    if not doer and of_actor is not roles.actor1:
        roles.actor2 = roles.actor2 or of_actor
    for clause in (c for c in children(noun, "relcl") if roles.actor1 is None):
        roles.actor1 = index.of(child(clause, "nsubj"))  # "the negotiations, which Qatar has been conducting"
    between = _prep_object(noun, frozenset({"between"}))
    if between is not None:  # "talks between X and Y"; "Qatar launched a mediation between X and Y": Qatar, X
        head = _governing_verb(noun) if noun.dep_ in ("dobj", "attr", "pobj") else None
        mediator = index.of(child(head, "nsubj")) if head is not None and not _reacts_or_suffers(head) else None
        roles.actor1 = roles.actor1 or mediator or index.of(between)
        other = between if mediator is not None and roles.actor1 is mediator else child(between, "conj")
        roles.actor2 = roles.actor2 or index.of(other)
    if noun.dep_ == "pobj" and noun.head.lower_ == "under":
        return _undergoing(noun, index, roles)
    if roles.actor1 is None and noun.dep_ in ("dobj", "attr", "pobj"):
        head = _governing_verb(noun)
        if head is not None and not _reacts_or_suffers(head):
            roles.actor1 = index.of(child(head, "nsubj")) or (
                _inherited_subject(head, index) if head.dep_ in _CLIMB_DEPS else None
            )
    owner = next((k for k in children(noun, "poss") if k.lower_ in ("its", "their")), None)
    if roles.actor1 is None and owner is not None:  # "the army said its raids would go on": the teller's, when no
        roles.actor1 = _own_teller(owner, teller(noun), index)  # verb above the noun has a subject of its own
    content = next((c for c in children(noun, "acl", "ccomp") if child(c, "mark") is not None), None)
    if roles.actor2 is None and content is not None:  # "its demand that Israel ease restrictions"
        roles.actor2 = _acting(index.of(child(content, "nsubj", "nsubjpass")))
    if roles.actor2 is None and noun.dep_ == "nsubj":
        roles.actor2 = index.of(child(noun.head, "dobj")) or index.of(child(noun.head, "nsubjpass"))
    if doer:
        roles.actor1 = roles.actor1 or _agent(of_actor)
    return Roles(roles.actor1, roles.actor2 or _addressee(noun, index))


_UNGIVEN = frozenset({"ASSAULT", "COERCE", "PROTEST"})


def _addressee(noun: Token, index: MentionIndex) -> Mention | None:
    """Whom a nominal event is given, sent or told to, by its own "to" phrase ("an ultimatum to the rebels", "aid to
    the army") or that of the verb it is the object of ("sent an ultimatum to the rebels"), unless that verb tells of
    the event ("reported the agreement to parliament": clause_roles.tsv tell_verb); not a place ("aid to Gaza": where
    it goes), and not for an attack, an act of force or a protest, which no one is given."""
    if any(entry.type in _UNGIVEN for entry in lexicon.triggers().get(noun.lemma_.lower(), ())):
        return None
    given = noun.dep_ == "dobj" and noun.head.lemma_.lower() not in _words("tell_verb")
    heads = (noun, noun.head) if given else (noun,)
    to = (child(word, "pobj") for head in heads for word in children(head, "prep", "dative") if word.lower_ == "to")
    return next((found for obj in to if (found := _actor_at(obj, index)) is not None), None)


_STATE_OR_ARMED = ARMED | {"GOV"}


def _own_teller(owner: Token, told_by: Token | None, index: MentionIndex) -> Mention | None:
    """The teller an event noun's "its"/"their" stands for: one that can do the act (an armed or state actor: "the
    army said its raids ..."; a monitor's or the UN's "their attacks" are someone else's) and that agrees in number
    ("its" a singular teller, "their" a plural one or a named group)."""
    found = _acting(index.of(told_by))
    if found is None or told_by is None or found.actor.sector not in _STATE_OR_ARMED:
        return None
    plural = told_by.tag_ in ("NNS", "NNPS")
    return found if (owner.lower_ == "their") == plural or (found.named and owner.lower_ == "their") else None


def _of_actor(noun: Token, index: MentionIndex) -> Mention | None:
    """The actor a nominal trigger's "of" phrase names: whom it was done to ("the invasion of South Lebanon", "the
    arrest of two journalists"), or its doer for a noun told of who does it ("the deployment of NATO troops":
    clause_roles.tsv of_agent_noun, used when no verb above names the doer)."""
    member = of_object(noun)
    return index.by_token.get(member.i) if member is not None else None


def _undergoing(noun: Token, index: MentionIndex, roles: Roles) -> Roles:
    """ "a convoy came under attack", "was put under investigation", "has been under siege by ...": the subject of the
    verb above "under" had it done to them; its "by"/"from" phrase names who did it."""
    verb = noun.head.head
    subject = index.of(child(verb, "nsubj", "nsubjpass")) if verb.pos_ in ("VERB", "AUX") else None
    doer = roles.actor1 or _agent(index.of(_prep_object(verb, frozenset({"by", "from"}))))
    return Roles(doer if doer is not subject else None, subject or roles.actor2)


def _reacts_or_suffers(verb: Token) -> bool:
    """Whether a verb's subject only reacts to a nominal event ("condemned the killing") or had it done to them
    ("12 soldiers died in the fighting", "were wounded in the attack"): not the event's agent."""
    lemma = verb.lemma_.lower()
    return lemma in _reaction_verbs() or lemma in _victim_verbs() or child(verb, "nsubjpass") is not None


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun hangs on as object, through "of"/"with" phrases ("escaping with dozens of hostages")."""
    token = noun
    for _ in range(5):
        if token.head.i == token.i or token.dep_ not in ("dobj", "attr", "pobj", "prep"):
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def trigger_roles(trigger: Token, index: MentionIndex, end: int | None = None) -> Roles:
    """Roles for a trigger starting at a token (ending before ``end``); an agent never also stands as the target."""
    demand = _reported_demand(trigger, index) or _taken_by(trigger, index)
    if demand is not None:
        return _by_trade(demand, trigger)
    if trigger.pos_ in ("VERB", "AUX"):
        roles = verb_roles(trigger, index)
    elif trigger.pos_ in ("NOUN", "PROPN"):
        roles = noun_roles(trigger, index)
        if trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":  # "a mediation effort between ...": the
            whole = noun_roles(trigger.head, index)  # phrase's own noun carries its actors
            roles = Roles(roles.actor1 or whole.actor1, roles.actor2 or whole.actor2)
    elif trigger.head.pos_ in ("VERB", "AUX"):
        roles = verb_roles(trigger.head, index)  # "has been in touch with", "came under fire"
    else:
        roles = Roles()
    for token in trigger.doc[trigger.i : end or trigger.i + 1]:
        roles.actor2 = roles.actor2 or index.of(_prep_object(token, _TARGET_PREPS))
    blame, blamed = _blamed(trigger, index)
    roles.actor1 = _agent(blamed if blame else roles.actor1)
    if roles.actor1 is None:
        roles = _between_sides(trigger, index) or roles
    roles.actor2 = roles.actor2 or _threatened(trigger, index)
    if roles.actor1 is None and not blame:
        roles.actor1 = _told_doer(trigger, index, roles.actor2)
    if roles.actor1 is None and _split_from_under(trigger):
        roles.actor1 = under_fire_doer(trigger.head, index)
    if roles.actor1 is None and trigger.pos_ == "VERB" and _protest_word(trigger):
        roles.actor1 = _counted_crowd(child(trigger, "nsubj"))
    if roles.actor1 is not None and roles.actor1 is roles.actor2:
        roles.actor2 = None
    roles.actor2 = _outside(roles.actor2, trigger.i, end)
    return _policed_at_home(_by_trade(roles, trigger))


def _outside(mention: Mention | None, first: int, end: int | None) -> Mention | None:
    """The mention unless it is a word of the trigger's own phrase after its first (tokens ``first`` to ``end``):
    "went on strike" is the act, the strike no target, though sectors.tsv names an air strike's force so."""
    if mention is not None and end is not None and first < mention.start and mention.end <= end:
        return None
    return mention


# Kinds of people a country's police act on in their own country when the text gives them no country of their own.
_POLICED = frozenset({"CVL", "PRO", "RIO", "LAB", "EDU", "REL", "AGR", "HLH", "MED", "UAF", "REB"})


def _policed_at_home(roles: Roles) -> Roles:
    """The people a country's police act on, told with no country and no name of their own, are of the police's
    country ("Egyptian police dispersed demonstrators": Egyptian demonstrators): police keep order at home, where an
    army may fight abroad."""
    police, people = roles.actor1, roles.actor2
    if police is None or people is None or police.actor.sector != "COP" or not police.actor.country:
        return roles
    if people.named or people.place is not None or people.actor.country or people.actor.sector not in _POLICED:
        return roles
    roles.actor2 = replace(people, actor=with_country(people.actor, police.actor.country))
    return roles


def under_fire_doer(trigger: Token, index: MentionIndex) -> Mention | None:
    """Who did an attack a verb's subject "came under" ("Marinka came under Russian shelling", "the convoy came under
    Israeli artillery fire", "came under fire from the rebels"): the attack's own words name them, a country's word
    alone that country's forces. The subject had it done to them (the trigger lexicon's "victim" hint); a reason
    phrase makes it criticism ("came under fire from Israel for its report"), no attack. assemble._roles calls it for
    a "victim" trigger, whose own subject is its target."""
    if trigger.pos_ != "VERB" or not _force_used(trigger):
        return None
    if any(p.lower_ in ("for", "over") for p in children(trigger, "prep")):
        return None
    under = next((p for p in children(trigger, "prep") if p.lower_ == "under"), None)
    attack = child(under, "pobj") if under is not None else None
    if attack is None or not _tells_attack(attack):
        return None  # "came under pressure from the United States"
    doer = index.of(attack) if attack.pos_ == "PROPN" else None  # "under Russian shelling": "Russian" its object
    doer = _agent(doer or noun_roles(attack, index).actor1)
    if doer is None or doer is index.of(child(trigger, "nsubj")):
        return None
    if doer.actor.sector is None and doer.actor.country and doer.place is None:
        return replace(doer, actor=as_sector(doer.actor, "MIL"))
    return doer


def _split_from_under(trigger: Token) -> bool:
    """Whether the parser split an attack word from its "under" phrase ("came under Russian shelling" read as "Russian"
    the object of "under" and "shelling" a verb hung on "came"): the doer is the one "came under" names."""
    before = trigger.doc[trigger.i - 1] if trigger.i > 0 else None
    if before is None or trigger.pos_ != "VERB" or trigger.dep_ != "advcl" or before.dep_ != "pobj":
        return False
    return before.head.lower_ == "under" and before.head.head.i == trigger.head.i


def _tells_attack(noun: Token) -> bool:
    """Whether an "under" phrase's object, or the word the parser split from it ("under Russian shelling", read as
    "Russian" and a verb), is an attack word of the trigger lexicon ("fire", "shelling", "attack")."""
    words = [*noun.subtree, noun.doc[noun.i + 1]] if noun.i + 1 < len(noun.doc) else list(noun.subtree)
    return any(any(e.type == "ASSAULT" for e in lexicon.triggers().get(w.lemma_.lower(), ())) for w in words)


def _told_doer(trigger: Token, index: MentionIndex, target: Mention | None) -> Mention | None:
    """ "Two guards were wounded in a stabbing; the assailant, a man from Jenin, was arrested": an attack told with no
    doer is done by the one its sentence names as the doer of an attack (clause_roles.tsv doer_noun, definite: told
    as known), unless that one is whom the attack hit or whom the trigger's own act hit (``_harmed``: "the gunman
    was killed in an exchange of fire" names no doer of the killing)."""
    lemma = trigger.lemma_.lower()
    if lemma in _victim_verbs() or not any(e.type == "ASSAULT" for e in lexicon.triggers().get(lemma, ())):
        return None
    for mention in {id(m): m for m in index.by_token.values()}.values():
        head = trigger.doc[mention.start : mention.end].root
        if mention is target or mention.start <= trigger.i < mention.end or head.sent != trigger.sent:
            continue
        if head.lemma_.lower() in _words("doer_noun") and _definite_noun(head) and not _harmed(head, trigger):
            return mention
    return None


# Parts of speech of the word a partitive "of" phrase hangs on ("two of the gunmen", "some of them", "one of its
# fighters").
_PARTS = frozenset({"NUM", "PRON", "DET", "ADJ"})


def _harmed(noun: Token, trigger: Token) -> bool:
    """Whether a noun is told as the one the trigger's own act hit: the object or passive subject of the trigger, of
    a verb joined to it ("the attacker was shot and wounded") or of the verb the trigger is told in ("the gunman was
    killed in an exchange of fire", "the bomber was killed when his vest exploded"), or the subject of such a verb
    whose subject is the victim ("was shot and died"). One hurt in a clause of his own stays the doer ("two guards
    were wounded in a stabbing; the assailant was shot dead"). A part told of them is them ("two of the assailants
    were killed during the assault": the assailants were hurt)."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in _PARTS:
        noun = noun.head.head
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() not in _victim_verbs():
        return False
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    joined = {trigger.i, *(t.i for t in children(trigger, "conj"))}
    if trigger.dep_ == "conj":
        joined.add(trigger.head.i)
    told_in = trigger
    while told_in.dep_ in ("pobj", "prep", "advcl") and told_in.head.i != told_in.i:
        told_in = told_in.head
        if told_in.pos_ in ("VERB", "AUX"):
            joined.add(told_in.i)
    return noun.head.i in joined


def _definite_noun(head: Token) -> bool:
    """Whether a noun has a definite article or a demonstrative ("the assailant", "this gunman")."""
    return any(c.lower_ in ("the", "this", "that", "these", "those") for c in children(head, "det"))


def _by_trade(roles: Roles, trigger: Token) -> Roles:
    """The roles with an agent named by its trade acting as that trade (``actors.as_agent``), save the crowd of a
    protest (a trigger the lexicon gives a PROTEST reading: "workers marched", "farmers blocked roads"), which is
    its protesters, as ACLED codes it: people named by their faith, trade or membership who protest are protesters
    ("worshippers protesting the closure", "teachers demonstrated", "opposition supporters marched"); a political
    crowd that does an act only armed men do (armed_acts.tsv: "partisans of the ousted governor beheaded a chief") is
    an armed group with no name of its own; unnamed soldiers acting in a territory that keeps no army are of the state
    the text names beside it (``actors.with_forces_cue``)."""
    if roles.actor1 is not None and _force_used(trigger):  # "As Israel widened its offensive, troops stormed a school"
        roles.actor1 = replace(roles.actor1, actor=with_forces_cue(roles.actor1.actor, trigger.doc))
    if roles.actor1 is not None and _political_crowd(roles.actor1, trigger) and trigger.lemma_.lower() in _armed_acts():
        roles.actor1 = replace(roles.actor1, actor=as_sector(roles.actor1.actor, "UAF"))  # "loyalists ambushed"
    elif roles.actor1 is not None and not _protest_word(trigger):
        roles.actor1 = as_agent(roles.actor1, trigger.doc)
    elif roles.actor1 is not None and _crowd_kind(roles.actor1, trigger):
        roles.actor1 = replace(roles.actor1, actor=as_sector(roles.actor1.actor, "PRO"))
    return roles


def _political_crowd(mention: Mention, trigger: Token) -> bool:
    """Whether a mention names a political crowd: protesters or rioters, or people named by whom they follow
    ("supporters", "partisans": followers.tsv) whatever sector the lexicon gives them."""
    if mention.actor.sector in ("PRO", "RIO"):
        return True
    return trigger.doc[mention.start : mention.end].root.lemma_.lower() in followers()


_FORCE_ACTS = frozenset({"ASSAULT", "COERCE"})  # attacks, raids, arrests: acts of force on a place's people


def _force_used(trigger: Token) -> bool:
    """Whether the trigger lexicon reads a word as an act of force (an attack, a raid, an arrest)."""
    return any(e.type in _FORCE_ACTS for e in lexicon.triggers().get(trigger.lemma_.lower(), ()))


@cache
def _armed_acts() -> frozenset[str]:
    """Acts only armed men carry out ("ambush", "behead"): armed_acts.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "armed_acts.tsv"))


# Kinds of people whose crowd, protesting, is its protesters (ACLED's "Protesters (Country)").
_CROWD_KINDS = frozenset({"REL", "EDU", "HLH", "LAB", "AGR", "UNK", "BUS", "JUD", "MED"})


def _crowd_kind(mention: Mention, trigger: Token) -> bool:
    """Whether a protest's agent is a crowd of a kind of people (_CROWD_KINDS), or the opposition's followers
    ("opposition supporters marched"; an opposition party or its candidates stay the opposition)."""
    sector = mention.actor.sector
    if sector != "OPP":
        return sector in _CROWD_KINDS
    head = trigger.doc[mention.start : mention.end].root
    return not mention.named and head.lemma_.lower() in followers()


def _protest_word(trigger: Token) -> bool:
    """Whether the trigger lexicon gives a word a protest reading."""
    return any(entry.type == "PROTEST" for entry in lexicon.triggers().get(trigger.lemma_.lower(), ()))


def _counted_crowd(subject: Token | None) -> Mention | None:
    """A protest's subject told only by its size ("Thousands marched in Lyon", "tens of thousands demonstrated", "some
    200 rallied"): a crowd, its protesters (their country is the place's, as for any crowd)."""
    if subject is None or subject.pos_ not in ("NOUN", "NUM"):
        return None
    lex = counts_lexicon()
    words = [t for t in subject.subtree if t.pos_ not in ("DET", "ADP", "ADV", "CCONJ", "PUNCT")]
    if not words or any(word_value(t.lower_, lex) is None for t in words):
        return None  # "hundreds of students": the crowd's own noun names them
    span = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    name = actor_name(None, "PRO", span.text)
    return Mention(Actor(span.text, name, None, "PRO", span.start_char, span.end_char), span.start, span.end)


def _threatened(trigger: Token, index: MentionIndex) -> Mention | None:
    """ "Ruritania threatened to close the border unless Freedonia withdrew its troops": whom a threat verb's condition
    (clause_roles.tsv threat_condition, on the verb or the act it threatens) makes its subject, when the act names
    no place it would hit; a place named as that subject acts for its government."""
    if trigger.pos_ != "VERB" or not any(
        e.type == "THREATEN" for e in lexicon.triggers().get(trigger.lemma_.lower(), ())
    ):
        return None
    acts = (trigger, *children(trigger, "xcomp", "ccomp"))
    if any(placed_target(act, index) is not None for act in acts):
        return None  # "threatened to cut power to Sidon if the militia stayed": the place's people it would hit
    for act in acts:
        for clause in children(act, "advcl"):
            mark = child(clause, "mark")
            if mark is not None and mark.lower_ in _words("threat_condition"):
                return _acting(index.of(child(clause, "nsubj")))
    return None


def _taken_by(trigger: Token, index: MentionIndex) -> Roles | None:
    """ "Masisi fell to the M23", "fell into the hands of the rebels": who a place fell to took it (actor1)."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in _words("taken_verb"):
        return None
    taker = _prep_object(trigger, frozenset({"to"}))
    hands = _prep_object(trigger, frozenset({"into"})) if taker is None else None
    if hands is not None and hands.lemma_.lower() == "hand":
        taker = of_object(hands)
    found = _agent(index.of(taker))
    return Roles(found, None) if found is not None and found.place is None else None


@cache
def _demand_modals() -> frozenset[str]:
    """Modals that make any act a demand (intent.tsv: "must" → REQUEST whatever the act)."""
    aux = lexicon.intent_cues().get("aux", {})
    return frozenset(cue for cue, types in aux.items() if set(types.values()) == {"REQUEST"})


def _reported_demand(trigger: Token, index: MentionIndex) -> Roles | None:
    """ "Russia said Sudan must return the helicopter": the speaker demands it of the clause's subject (PLOVER
    REQUEST: "all requests, demands and orders"), so the speaker is actor1 and who must act actor2."""
    verb = clause_verb(trigger)
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lexicon.speech_verbs():
        return None
    auxiliaries = [c.lower_ for c in children(verb, "aux")]
    if not _demand_modals() & set(auxiliaries) or "have" in auxiliaries:  # "must have fired": a guess, no demand
        return None
    speaker = _agent(index.of(child(verb.head, "nsubj")))
    addressee = _acting(index.of(child(verb, "nsubj")))
    if speaker is None or addressee is None or speaker is addressee:
        return None
    return Roles(speaker, addressee)


def _between_sides(trigger: Token, index: MentionIndex) -> Roles | None:
    """ "fighting broke out between A and B", "fire was exchanged for hours between A and B": the sides of a "between"
    phrase on the trigger's verb (the trigger or the verb it is the subject of; with no active subject) are the
    actors."""
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        verb = trigger.head
    elif trigger.pos_ == "VERB" and child(trigger, "nsubj") is None:
        verb = trigger
    else:
        return None
    side = _prep_object(verb, _BETWEEN)
    how_long = _how_long(verb) if side is None else None
    side = _prep_object(how_long, _BETWEEN) if how_long is not None else side
    first = _agent(index.of(side))
    return Roles(first, index.of(child(side, "conj"))) if first is not None and side is not None else None


_BETWEEN = frozenset({"between"})


def _how_long(verb: Token) -> Token | None:
    """The object of a verb's "for" phrase of time, on which the parser may hang what follows it ("fire was exchanged
    for hours between A and B")."""
    spans = (child(prep, "pobj") for prep in children(verb, "prep") if prep.lower_ == "for")
    return next((found for found in spans if found is not None and found.ent_type_ in _WHEN_ENTITIES), None)


def _agent(mention: Mention | None) -> Mention | None:
    """The mention as an agent: none when it names a place ("their withdrawal from the besieged town")."""
    return None if mention is None or mention.place == "noun" else mention


def _acting(mention: Mention | None) -> Mention | None:
    """A mention as the subject of a clause: a place named there acts for its government ("demanded that Jerusalem
    halt the offensive"), not for its people as a place acted on does."""
    return replace(mention, place=None) if mention is not None and mention.place == "name" else mention


# Sectors of the state a protest makes its demands of.
_AUTHORITY = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def demanded_of(trigger: Token, index: MentionIndex) -> Mention | None:
    """ "students staged demonstrations to demand the resignation of President X": the authority a protest's clause
    names after its trigger (a state body, or a country standing for its government), not the protesters nor the
    town they marched in, nor an act's noun that sectors.tsv names as its force ("went on strike": no air strike)."""
    for token in clause_verb(trigger).subtree:
        found = index.of(token) if token.i > trigger.i else None
        if found is None or found.place or found.start <= trigger.i < found.end or names_attack(found.actor):
            continue  # a town is where, not whom; an act's noun ("went on strike") is no one
        if found.actor.sector in _AUTHORITY or (found.actor.sector is None and found.actor.country):
            return found
    return None


def _blamed(trigger: Token, index: MentionIndex) -> tuple[bool, Mention | None]:
    """ "Palestinians blamed Israel for the bombing", "accused Hamas of killing ...": whether the trigger is the act of
    a blame verb's "for"/"of" phrase, and who is blamed (who did it; None when the blamed is no actor, not the one
    who blames; the subject of a passive blame verb is the blamed). The parser may hang the phrase on the blamed
    ("accused rebels of attacking": "of" on "rebels")."""
    prep = trigger.head if trigger.dep_ in ("pobj", "pcomp") else None
    if prep is None or prep.lower_ not in ("for", "of"):
        return False, None
    verb = prep.head
    if verb.dep_ == "dobj" and verb.head.lemma_.lower() in _words("blame_verb"):
        return True, index.of(verb)  # "accused rebels of attacking": the phrase hangs on the blamed
    if verb.lemma_.lower() not in _words("blame_verb"):
        return False, None
    return True, index.of(child(verb, "dobj") or child(verb, "nsubjpass"))  # "soldiers were accused of looting"
