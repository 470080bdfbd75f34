"""Trigger words in a parsed sentence: the lexicon's entries matched with their sense, date, modifier and object checks.

Triggers are data (``resources/triggers/triggers.tsv``): verb lemmas ("kill", "shell"), nominal triggers
("airstrike", "clashes", "protest") and multi-word phrases ("open fire", "take control"); ``senses.tsv`` gives a
word another reading by its sentence, ``objects.tsv`` what its object must or must not be. ``events`` groups the
hits into events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.extract.places_gazetteer import gazetteer
from storyline.extract.tree import called_her_or_him, child, children

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_POS = {"VERB": ("VERB",), "NOUN": ("NOUN", "PROPN"), "ANY": ("VERB", "NOUN", "PROPN", "ADJ")}
# A noun trigger's clause is that of the verb it is the object of ("will provide aid", "failed to reach a deal").
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})


@dataclass(slots=True)
class Hit:
    """A trigger found in a sentence: its tokens [start, end) in the Doc and its lexicon entry."""

    token: Token
    start: int
    end: int
    entry: lexicon.Trigger


def _matched_head(sent: Span, i: int, entry: lexicon.Trigger) -> Token | None:
    """The head of the entry's lemma sequence starting at token i, if it is there with an allowed part of speech."""
    if not _lemmas_at(sent, i, entry.lemmas):
        return None
    head = _head(sent, i, entry)
    return head if head.pos_ in _POS[entry.pos] or (len(entry.lemmas) > 1 and entry.pos == "ANY") else None


def _lemmas_at(sent: Span, i: int, lemmas: tuple[str, ...]) -> bool:
    """Whether the lemma sequence is at token i (a word matches by lemma, by form or as an irregular form)."""
    if i + len(lemmas) > sent.end:
        return False
    forms = lexicon.irregular()
    for offset, lemma in enumerate(lemmas):
        tok = sent.doc[i + offset]
        if lemma not in (tok.lemma_.lower(), tok.lower_, forms.get(tok.lower_)) and lemma not in _stems(tok):
            return False
    return True


_COMPLEMENTS = frozenset({"ccomp", "xcomp", "oprd", "acomp"})


def _split_verb(sent: Span, i: int, entry: lexicon.Trigger) -> Token | None:
    """A phrase verb with its object inside ("set the church on fire", "took the minister into custody",
    "handed the town over"): the verb at token i, the rest of the phrase right after its direct object; or a
    verb-and-object phrase whose object has words of its own ("opened mortar fire", "took full control")."""
    verb = sent.doc[i]
    if len(entry.lemmas) < 2 or entry.pos == "NOUN" or verb.pos_ != "VERB" or not _lemmas_at(sent, i, entry.lemmas[:1]):
        return None
    if len(entry.lemmas) == 3 and _modified_prep_object(verb, entry.lemmas[1], entry.lemmas[2]):
        return verb
    obj = next((c for c in children(verb, "dobj") if c.i > i), None)
    if obj is None:  # "set the building ablaze" parsed as a clause: the phrase's last word is the verb's complement
        last = entry.lemmas[-1]
        done = any(c.i > i and c.dep_ in _COMPLEMENTS and c.lemma_.lower() == last for c in children(verb))
        return verb if len(entry.lemmas) == 2 and done else None
    if len(entry.lemmas) == 2 and obj.lemma_.lower() == entry.lemmas[1]:
        return verb
    if len(entry.lemmas) == 2 and _phrase_word(obj, entry.lemmas[1]) is not None:
        return verb
    return verb if _lemmas_at(sent, obj.right_edge.i + 1, entry.lemmas[1:]) else None


def _modified_prep_object(verb: Token, prep: str, noun: str) -> bool:
    """Whether a verb-preposition-noun phrase has its noun modified inside it ("came under heavy fire", "came under
    Israeli fire"): the preposition right after the verb, the noun its object, every word between them the noun's
    own modifiers."""
    doc = verb.doc
    after = verb.i + 1
    if after >= verb.sent.end or doc[after].lower_ != prep or doc[after].head != verb or doc[after].dep_ != "prep":
        return False
    obj = next((c for c in children(doc[after], "pobj") if c.lemma_.lower() == noun), None)
    if obj is None or obj.i == after + 1:
        return False
    return obj.left_edge.i == after + 1  # the words between are the noun's: its subtree starts after the preposition


def _phrase_word(obj: Token, word: str) -> Token | None:
    """A split phrase's last word after its verb's object: right after the object, or a preposition the parser hung
    on the object or inside a participle describing it ("used glide bombs against positions", "drove a vehicle packed
    with explosives into the gate", "used munitions loaded with an irritant agent against its troops")."""
    doc = obj.doc
    after = obj.right_edge.i + 1
    if after < obj.sent.end and doc[after].lower_ == word:
        return doc[after]
    own = [p for p in children(obj, "prep") if p.lower_ == word]  # "used glide bombs against positions"
    inside = (t for c in children(obj, "acl") if c.tag_ == "VBN" for t in c.subtree if t.i > c.i)
    return next(iter(own), None) or next((t for t in inside if t.lower_ == word and t.dep_ == "prep"), None)


def _head(sent: Span, i: int, entry: lexicon.Trigger) -> Token:
    """The token standing for a trigger starting at i: a noun phrase's head ("sexual violence"), else its first."""
    return sent.doc[i : i + len(entry.lemmas)].root if entry.pos == "NOUN" else sent.doc[i]


def find_hits(sent: Span) -> list[Hit]:
    """Every trigger in a sentence, longest match first, no token in two triggers."""
    table = lexicon.triggers()
    hits: list[Hit] = []
    lemmas: set[str] = set()  # the sentence's lemmas: read by the first hit with another sense, kept for the rest
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        irregular = lexicon.irregular().get(tok.lower_, "")
        entries = _entries(table, tok.lemma_.lower(), tok.lower_) or table.get(irregular) or _gerund(tok)
        hit = _hit_at(sent, i, entries, lemmas)
        if hit is None:
            i += 1
            continue
        hits.append(Hit(hit.token, i, hit.end, _in_sense(sent, hit.token, hit.entry, lemmas)))
        i = hit.end
    stances = lexicon.plover_stance()
    strong_types = {h.entry.type for h in hits if not _weak(h) and stances.get(h.entry.type) != "verbal"}
    return [h for h in hits if not _weak(h) or not strong_types or h.entry.type in strong_types]


def has_hostile_word(sent: Span) -> bool:
    """Whether a word of the sentence is a one-word trigger of a hostile act (``plover_stance.tsv``), whatever sense
    the rules read it in ("killed in a car accident", "rains killed 12 people": a trigger word the rules set aside)."""
    table, stances = lexicon.triggers(), lexicon.plover_stance()
    for tok in sent:
        irregular = lexicon.irregular().get(tok.lower_, "")
        entries = _entries(table, tok.lemma_.lower(), tok.lower_) or table.get(irregular, [])
        if any(len(entry.lemmas) == 1 and stances.get(entry.type) == "hostile" for entry in entries):
            return True
    return False


def _entries(table: dict[str, list[lexicon.Trigger]], lemma: str, form: str) -> list[lexicon.Trigger]:
    """The entries under a word's lemma and under its own form, longest first ("controlled detonation" under the form
    beside "control" under the lemma)."""
    found = table.get(lemma, [])
    if form == lemma or form not in table:
        return found
    return sorted([*found, *table[form]], key=lambda t: -len(t.lemmas))


def _stems(token: Token) -> tuple[str, ...]:
    """The verbs a noun in -ing may be the gerund of ("retaking" → retak, retake) when its "of" object names a place, a
    piece of ground or people ("the retaking of Lyman", "the storming of the compound"; not "the capturing of the
    moment"): none for other words."""
    word = token.lower_
    if token.pos_ != "NOUN" or not word.endswith("ing"):
        return ()
    objects = [o for p in children(token, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
    families = lexicon.families()
    if not any(_names_place(o) or plain_lemma(o) in families["$ground"] | families["$people"] for o in objects):
        return ()
    stem = word[:-3]
    return (stem, f"{stem}e", stem[:-1]) if len(stem) > 2 and stem[-1] == stem[-2] else (stem, f"{stem}e")


_INCIDENT_TYPES = frozenset({"ASSAULT", "PROTEST"})  # acts a gerund names as an incident ("the storming of")


def _gerund(token: Token) -> list[lexicon.Trigger]:
    """A violent or protest trigger verb's one-word entries with no object rules read as nouns for its gerund with an
    "of" object ("the retaking of the town", "the storming of the compound"): the act named as a thing."""
    table = lexicon.triggers()
    for lemma in _stems(token):
        verbs = [
            e
            for e in table.get(lemma, [])
            if e.pos == "VERB" and len(e.lemmas) == 1 and e.type in _INCIDENT_TYPES and not _object_bound(e)
        ]
        if verbs:
            return [replace(e, pos="NOUN") for e in verbs]
    return []


def _object_bound(entry: lexicon.Trigger) -> bool:
    """Whether a verb entry has object rules (``objects.tsv``): its gerund is not read as a noun, whose "of" object
    they do not check ("the capturing of the moment")."""
    table = lexicon.object_rules()
    kind = f"{entry.lemmas[0]}/{entry.type}/{entry.mode or '-'}"
    return kind in table or entry.lemmas[0] in table


def _hit_at(sent: Span, i: int, entries: list[lexicon.Trigger], lemmas: set[str]) -> Hit | None:
    """The first entry (longest first) matching at token i that reports an event, as a hit on its head token; a
    phrase split by its verb's object counts as the phrase ("opened mortar fire" before "open"); an entry whose
    object rules refuse it may still report an event in another sense ("picked up by agents ... missing")."""
    for entry in entries:
        head = _matched_head(sent, i, entry)
        if head is not None and _usable(hit := Hit(head, i, i + len(entry.lemmas), entry)):
            return hit
        verb = _split_verb(sent, i, entry)  # the verb alone stands for a split phrase: its object is not in it
        if verb is not None and _usable(hit := Hit(verb, i, i + 1, entry)):
            return hit
        token, end = (head, i + len(entry.lemmas)) if head is not None else (verb, i + 1)
        if token is None:
            continue
        sense = _in_sense(sent, token, entry, lemmas)
        if sense is not entry and _usable(hit := Hit(token, i, end, sense)):
            return hit
    return _sense_only(sent, i, entries, lemmas)


def _sense_only(sent: Span, i: int, entries: list[lexicon.Trigger], lemmas: set[str]) -> Hit | None:
    """A word that reports an event only in another sense: a ``senses.tsv`` row with no plain trigger entry ("take"
    a man from his home, missing since), when a cue of it is in the sentence."""
    tok = sent.doc[i]
    table = lexicon.senses()
    senses = table.get(tok.lemma_.lower()) or table.get(tok.lower_)
    if not senses:  # most words: read on every token of every sentence
        return None
    plain = {entry.lemmas for entry in entries}
    for sense in (s for s in senses if s.trigger.lemmas not in plain):
        head = _matched_head(sent, i, sense.trigger)
        if head is None:
            continue
        if not lemmas:
            lemmas.update(_words_of(sent))
        hit = Hit(head, i, i + len(sense.trigger.lemmas), sense.trigger)
        if _cued(sent, head, sense.cues, lemmas) and not sense.void & _dependents(head) and _usable(hit):
            return hit
    return None


def _weak(hit: Hit) -> bool:
    """A trigger that counts only when no other kind of act is in its sentence (speech acts aside: "accused of
    gang-raping women"): marked weak, or a participle that describes a noun ("subjected detained women to sexual
    violence": the women, not an arrest)."""
    return hit.entry.hint == "weak" or (hit.token.dep_ == "amod" and hit.token.pos_ == "VERB")


def _in_sense(sent: Span, token: Token, entry: lexicon.Trigger, lemmas: set[str]) -> lexicon.Trigger:
    """The entry of the sense a trigger word has in its sentence ("teachers went on a four-day strike": a protest).
    ``lemmas``: the sentence's lemmas, filled here when first needed and passed again for its other hits."""
    senses = [s for s in lexicon.senses().get(entry.lemmas[0], []) if s.trigger.lemmas == entry.lemmas]
    if not senses:
        return entry
    if not lemmas:
        lemmas.update(_words_of(sent))
    dependents = _dependents(token)
    for sense in senses:
        if (
            token.pos_ in _POS[sense.trigger.pos]
            and _cued(sent, token, sense.cues, lemmas)
            and not sense.void & dependents
        ):
            return sense.trigger
    return entry


def _cued(sent: Span, token: Token, cues: frozenset[str], lemmas: set[str]) -> bool:
    """Whether a sense's cue is in the trigger's own part of its sentence: not in a clause about another noun or
    with a subject of its own ("picked up the suspect after the girl went missing": no cue of a disappearance)."""
    if not cues & lemmas:  # most sentences: no cue anywhere
        return False
    foreign = [t for t in sent if _foreign_clause(t, token)]
    return any(
        (t.lemma_.lower() in cues or t.lower_ in cues)
        and not any(c.left_edge.i <= t.i <= c.right_edge.i for c in foreign)
        for t in sent
    )


def _foreign_clause(clause: Token, trigger: Token) -> bool:
    """Whether a clause head outside the trigger's reach tells of something else: a clause describing another noun
    ("the boat that had gone missing") or an adverbial clause with a subject that is no pronoun ("after his brother
    disappeared"; "and he has been missing since" stays the trigger's)."""
    if clause.left_edge.i <= trigger.i <= clause.right_edge.i:
        return False
    if clause.dep_ in ("relcl", "acl"):
        return clause.head.i != trigger.i
    subjects = children(clause, "nsubj", "nsubjpass") if clause.dep_ == "advcl" else []
    return any(s.pos_ != "PRON" for s in subjects)


def _words_of(sent: Span) -> set[str]:
    """The lemmas and lower-case forms of a sentence's words, as sense cues read them ("missing": lemma "miss")."""
    return {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}


_DATES = frozenset({"DATE", "TIME"})


def _dependents(token: Token) -> set[str]:
    """What a sense's void words are checked against: modifier lemmas, the preposition of a non-date object, "dobj"."""
    words = {"dobj"} if child(token, "dobj") is not None else set()
    for kid in children(token):
        dated = any(g.ent_type_ in _DATES for g in children(kid))
        if kid.dep_ in ("compound", "amod", "nmod", "nummod") or (kid.dep_ == "prep" and not dated):
            words.add(kid.lemma_.lower())
    return words


# A trigger word inside a date or number is not an event ("3 March"). Names are not skipped: the small
# model tags title-case headlines as names ("Israeli Strike Kills 12" → PERSON).
_NOT_EVENT_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})


def _usable(hit: Hit) -> bool:
    """Whether a matched trigger reports an event: not in a date, not a noun modifier, and its object allows it."""
    token = hit.token
    if token.ent_type_ in _NOT_EVENT_ENTITIES or (len(hit.entry.lemmas) == 1 and not word_ok(token)):
        return False
    if token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.modifier_heads():
        return False  # "riot police", "arrest warrant", "attack helicopter"
    if hit.entry.type == "ASSAULT" and token.pos_ == "VERB" and _tells_score(token):
        return False  # "Nigeria hammered Ghana 3-0", "blitzed Chelsea 4-0": a match won
    return _object_ok(hit)


_DASHES = frozenset({"-", "–", "—"})


_SCORE = re.compile(r"\d{1,2}[-–—]\d{1,2}")
_SCORE_REACH = 4  # words after the verb's object (or the verb) where a match score may stand


def _tells_score(verb: Token) -> bool:
    """Whether a verb's direct object (or the verb, when the parser took a name for something else) is followed
    shortly by a match score: two small numbers joined by a dash, written apart or as one word, that count no noun
    after them and follow no preposition ("beat Chelsea 4-0 at home", "Flamengo beat Palmeiras 1-0"; not "killing
    5-6", "at 2-3 in the morning", "killed 3-4 people")."""
    doc, end = verb.doc, verb.sent.end
    starts = [obj.i + 1 for obj in children(verb, "dobj")] + [verb.i + 1]
    for i in (k for start in starts for k in range(start, min(start + _SCORE_REACH, end))):
        if doc[i - 1].pos_ == "ADP" or doc[i].like_num is False and not _SCORE.fullmatch(doc[i].text):
            continue
        if _SCORE.fullmatch(doc[i].text):
            size = 1
        elif i + 2 < end and doc[i + 1].text in _DASHES and _small(doc[i]) and _small(doc[i + 2]):
            size = 3
        else:
            continue
        if not (i + size < end and doc[i + size].pos_ in _COUNTED):
            return True
    return False


def _small(token: Token) -> bool:
    """A number of one or two digits."""
    return token.is_digit and len(token.text) <= 2


_COUNTED = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


# Dependents that make a noun determined ("a mine", "two mines", "their mines", "anti-personnel mine").
_DETERMINERS = frozenset({"det", "nummod", "poss", "amod", "compound", "nmod"})


def word_ok(token: Token) -> bool:
    """Whether an ambiguous trigger or cue word is used in its event sense (``word_checks.tsv``: its part of speech
    and a dependency check; "a cousin of mine" is not a landmine, "prices rocketed" not a rocket attack)."""
    found = lexicon.word_checks().get(token.lemma_.lower())
    if found is None:
        return True
    pos, check = found
    if pos is not None and token.pos_ not in pos:
        return False
    if check == "determined" and token.pos_ != "VERB" and token.tag_ in ("NN", "NNP"):
        return token.dep_ in ("nsubj", "nsubjpass", "compound") or child(token, *_DETERMINERS) is not None
    if check == "transitive" and token.pos_ == "VERB":
        return child(token, "dobj", "nsubjpass", "auxpass") is not None
    if check == "plural" and token.pos_ != "VERB":
        return token.tag_ in _PLURAL or any(_model_name(c) for c in children(token, *_DETERMINERS))
    return True


_PLURAL = frozenset({"NNS", "NNPS"})


def _model_name(token: Token) -> bool:
    """Whether a modifier is a model name: a word with a digit ("Tu-22M3", "B-52")."""
    return any(ch.isdigit() for ch in token.text)


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
    objects: dict[int, list[Hit]] = {}  # head token → the trigger hits that are its objects, so no pair is compared
    for hit in hits:
        if hit.token.dep_ in OBJECT_DEPS:
            objects.setdefault(hit.token.head.i, []).append(hit)
    dropped: set[int] = set()
    for verb in hits:
        for obj in (o for o in objects.get(verb.token.i, ()) if o.entry.type != verb.entry.type):
            rule = next((r for r, types in rules.get(" ".join(verb.entry.lemmas), []) if _of(obj, types)), None)
            if rule is not None:
                dropped.add(id(obj) if rule == "absorb" else id(verb))
    return [h for h in hits if id(h) not in dropped]


def _of(hit: Hit, types: frozenset[str] | None) -> bool:
    """Whether a trigger's type is one of ``types`` (None: any)."""
    return types is None or hit.entry.type in types


_FROM = frozenset({"from"})


def _object_ok(hit: Hit) -> bool:
    """Whether a trigger's words allow it (``objects.tsv``): required words around it ("sign" an agreement), void
    words ("release" a statement), void direct objects ("entered the army"), required subjects (a place falls, an
    armed group names a leader; ``@armed``, ``@name``) and required objects (a drone brought down). A phrase's own row
    ("lay down") comes first, else that of its first word ("take over" as "take")."""
    table = lexicon.object_rules()
    entry = hit.entry
    kind = f"{entry.type}/{entry.mode or '-'}"
    phrase = " ".join(entry.lemmas)
    keys = (f"{phrase}/{kind}", phrase, f"{entry.lemmas[0]}/{kind}", entry.lemmas[0])
    rules = next((table[key] for key in keys if key in table), None)
    if not rules:
        return True
    require, void, void_object, subject = rules.require, rules.void, rules.void_object, rules.subject
    # a base set up is where it is set up, not where its makers come from ("from a base in Kodiak, it makes trips")
    skip = _FROM if entry.hint == "base" else frozenset()
    words = _related_words(hit.token, skip) | set(entry.lemmas[1:])  # a phrase's own words count ("seize control")
    nouns = _own_noun_of(hit) + _split_object(hit)  # "fell into the hands of the rebels": the rebels
    words |= {plain_lemma(n) for n in nouns}
    if ARMED in require and any(_names_armed_group(n) for n in _prep_objects(hit.token) + nouns):
        words.add(ARMED)
    if OVER in require and _over_ground(hit.token):
        words.add(OVER)
    if require and not words & require:
        return False
    if subject and not _subject_words(hit.token) & subject:
        return False  # "the documents fell into the hands of": no place falls
    if (
        rules.doer
        and not words & rules.any_doer
        and not _doer_words(hit.token) & rules.doer
        and not (UNSAID in rules.doer and _unsaid_doer(hit.token))
    ):
        return False  # "a grenade damaged the wall", "damaged by artillery fire": a weapon did it
    if rules.object and not _object_words(hit.token) & rules.object:
        return False  # "a bomb destroyed the house": the bomb did the destroying, nothing disrupted it
    if void_object and any(c.lemma_.lower() in void_object for c in children(hit.token, "dobj", "nsubjpass")):
        return False  # "entered the army": joining it, not troops moving in
    if rules.frame and not _held_place(hit.token, rules.frame):
        return False  # "brought the fire under control", "Gaza, under Hamas control since 2007"
    described = hit.token.head.lemma_.lower() if hit.token.dep_ == "acl" else ""  # "toxic gas released in a strike"
    if hit.token.dep_ == "advcl" and _head_attacks(hit.token):
        words.discard(hit.token.head.lemma_.lower())  # "shells rained down on the market, killing 14": no weather
    elif hit.token.dep_ == "advcl":  # "heavy rain lashed the coast, killing four": the rain killed them
        words |= {plain_lemma(s) for s in children(hit.token.head, "nsubj")}
    return not (words | {described} | _cause_words(hit.token)) & void


_CAUSE_MARKS = frozenset({"when", "after", "as"})


def _cause_words(token: Token) -> set[str]:
    """Lemmas of a clause telling how a trigger's harm came about ("died when their bus overturned", "were killed
    after a tunnel collapsed"): its verb and subject, for the void words of natural causes and accidents; none when
    the clause holds a hostile act's word ("died when their vehicle hit a landmine")."""
    words: set[str] = set()
    for clause in children(token, "advcl"):
        if not any(m.lower_ in _CAUSE_MARKS for m in children(clause, "mark", "advmod")):
            continue
        if has_hostile_word(token.doc[clause.left_edge.i : clause.right_edge.i + 1]):
            continue
        words.add(plain_lemma(clause))  # a clause the parser took for a noun ("when a bus overturned") keeps its verb
        words.update(plain_lemma(s) for s in children(clause, "nsubj", "nsubjpass", "acl"))
    return words


# Verbs that tell a place passing into someone's hands ("came under rebel control", "declared the town under its
# control") and adverbs that tell it has changed hands again or just now ("back in control of", "now under"):
# families.tsv $passing and $changed.


def _held_place(noun: Token, preps: frozenset[str]) -> bool:
    """Whether a noun of holding ground ("control") tells a place changing hands (a verb: ``_holds_anew``): the object
    of one of ``preps`` ("in", "under") whose phrase is about a place (its own "of" object, the subject or object of the
    verb the phrase hangs on, or the name it hangs on in a headline: "Port town back under army control"), with a
    change told by a verb of passing ("came under", "declared ... under its control"), an adverb ("back in full control
    of", "now under") or a headline's bare frame; not a state told since a date ("under Hamas control since 2007") or
    of no place ("the fire was brought under control")."""
    if noun.pos_ == "VERB":
        return _holds_anew(noun)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in preps or prep.dep_ != "prep":
        return False
    anchor = prep.head
    around = [anchor, *children(prep), *children(anchor), *children(noun)]
    if anchor.pos_ == "ADV" and anchor.dep_ == "advmod":  # "were back in control of": the verb "back" hangs on
        anchor = anchor.head
        around += children(anchor)
    if any(c.lower_ == "since" for c in around):
        return False
    places = [o for p in children(noun, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
    headline = anchor.pos_ == "PROPN" and anchor.dep_ == "ROOT"  # "Port town back under army control"
    places += [anchor] if anchor.pos_ in ("NOUN", "PROPN") else children(anchor, "nsubj", "nsubjpass", "dobj")
    ground = lexicon.families()["$ground"]
    if not headline and not any(_names_place(p) or plain_lemma(p) in ground for p in places):
        return False
    families = lexicon.families()
    changed = any(c.lower_ in families["$changed"] for c in around)
    return headline or anchor.lemma_.lower() in families["$passing"] or changed


def _holds_anew(verb: Token) -> bool:
    """Whether a verb of holding ground ("control") tells a place now held: a place or piece of ground as its object
    and an adverb of change on it ("the rebels now control the town"); not a hold told since a date or denied."""
    kids = children(verb)
    changed = lexicon.families()["$changed"]
    if any(c.dep_ == "neg" or c.lower_ == "since" for c in kids) or not any(c.lower_ in changed for c in kids):
        return False
    ground = lexicon.families()["$ground"]
    return any(_names_place(o) or plain_lemma(o) in ground for o in children(verb, "dobj"))


def _head_attacks(token: Token) -> bool:
    """Whether the verb a trigger's clause hangs on is itself an attack trigger in its sentence ("artillery fire rained
    down on the market, killing 14")."""
    head = token.head
    entries = lexicon.triggers().get(head.lemma_.lower(), [])
    hit = _hit_at(head.sent, head.i, [e for e in entries if e.type == "ASSAULT"], set()) if entries else None
    return hit is not None and hit.token.i == head.i and hit.entry.type == "ASSAULT"


def _own_noun_of(hit: Hit) -> list[Token]:
    """The nouns that the "of" phrase of a phrase trigger's own noun names, and their modifiers ("the hands of the
    rebels", "rebel hands"): the phrase's object stands there, while the noun itself is one of the phrase's words."""
    own = set(hit.entry.lemmas[1:])
    if not own:
        return []
    nouns = [o for o in _prep_objects(hit.token) if o.lemma_.lower() in own]
    takers = [m for noun in nouns for m in children(noun, "amod", "compound")]
    of = [p for noun in nouns for p in children(noun, "prep") if p.lower_ == "of"]
    return takers + [g for p in of for g in children(p, "pobj")]


def _split_object(hit: Hit) -> list[Token]:
    """The object of a split phrase's own preposition, wherever the parser hangs it ("drove a vehicle packed with
    explosives into the gate": the gate), with its noun modifiers."""
    if len(hit.entry.lemmas) != 2 or hit.end != hit.start + 1:
        return []
    obj = next((c for c in children(hit.token, "dobj") if c.i > hit.token.i), None)
    word = _phrase_word(obj, hit.entry.lemmas[1]) if obj is not None else None
    nouns = children(word, "pobj") if word is not None else []
    return nouns + [c for n in nouns for c in children(n, "compound")]


def _prep_objects(token: Token) -> list[Token]:
    """The objects of a token's prepositions ("fell to the rebels": rebels)."""
    return [o for p in children(token, "prep") for o in children(p, "pobj")]


# The object-rule word for a prepositional object that is a named armed group of the curated dictionary ("fell to
# the MNDAA"): its name carries no kind word.
ARMED = "@armed"
_ARMED_SECTORS = frozenset({"REB", "MIL", "UAF"})


def _names_armed_group(noun: Token) -> bool:
    """Whether a noun names an armed group of the curated dictionary ("the MNDAA", "the Rapid Support Forces",
    "Al-Shabaab" as written, its hyphen a token of its own)."""
    names = [t for t in noun.doc[noun.left_edge.i : noun.i + 1] if t.pos_ == "PROPN"]
    if not names:
        return False
    spaced = " ".join(t.text for t in names)
    written = noun.doc[names[0].i : noun.i + 1].text
    groups = lexicon.groups()
    group = groups.get(spaced) or groups.get(written)
    return group is not None and group.sector in _ARMED_SECTORS


def _doer_words(token: Token) -> set[str]:
    """Lemmas of who or what did a verb's act: its subjects (``_subject_words``) or its passive "by" agent, with their
    noun and adjective modifiers ("Mortar bombs crashed into", "damaged by artillery fire", "armed men stole")."""
    doers = [o for a in children(token, "agent") for o in children(a, "pobj")]
    doers += children(token, "nsubj")
    words = _subject_words(token) | {plain_lemma(d) for d in doers}
    words.update(plain_lemma(c) for d in doers for c in children(d, "compound", "amod"))
    return words


def _object_words(token: Token) -> set[str]:
    """Lemmas of what a verb acts on: its direct objects and the nouns of their "of" phrases ("downed most of a wave
    of drones"), its passive subjects, the noun a participle describes ("a drone shot down over the city")."""
    objects = children(token, "dobj", "nsubjpass")
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
        objects = [*objects, token.head]
    elif not objects and token.dep_ == "conj":  # "were intercepted and destroyed"
        objects = children(token.head, "nsubjpass")
    words = {plain_lemma(o) for o in objects}
    for obj in objects:
        words |= _of_chain(obj)
    if any(o.lower_ in _PLURAL_OBJECTS for o in objects) or _PLURAL_OBJECTS & words:
        words |= _antecedents(token)  # "launched 48 drones ... and shot down 40 of them": the drones
    return words


_PLURAL_OBJECTS = frozenset({"them", "they"})


def _antecedents(token: Token) -> set[str]:
    """Lemmas of the plural nouns a pronoun before ``token`` may stand for: the plural arguments (subjects and objects)
    of the verbs before it in its sentence."""
    sent = token.sent
    return {
        plain_lemma(t)
        for t in sent.doc[sent.start : token.i]
        if t.tag_ in _PLURAL and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj")
    }


def _subject_words(token: Token) -> set[str]:
    """Lemmas of a verb's subjects (a relative clause's: the noun it modifies; a conjunct's: the first verb's), with
    "@name" when one is a proper name ("Bentiu fell to the rebels": the tagger calls many towns people)."""
    subjects = children(token, "nsubj", "nsubjpass")
    if token.dep_ == "relcl":
        subjects = [token.head]
    elif not subjects and token.dep_ == "conj":
        subjects = children(token.head, "nsubj", "nsubjpass")
    words = {plain_lemma(s) for s in subjects}
    if any(s.pos_ == "PROPN" for s in subjects):
        words.add(NAME)
    if any(_names_armed_group(s) for s in subjects):
        words.add(ARMED)  # "the ADF named a new commander"
    return words


# Words around a trigger that its object rules read: objects and subjects ("the film was shot"), noun
# modifiers ("heart attack"), prepositional objects ("killed in a car accident"), the verb a participle hangs on.
_RELATED_DEPS = ("dobj", "prt", "pobj", "attr", "nsubj", "nsubjpass", "compound")


def plain_lemma(token: Token) -> str:
    """A word's lower-case lemma; a capitalised plural the tagger took for a name is made singular ("Rockets slammed
    into ...", headlines: the lemmatiser leaves proper nouns as they are)."""
    lemma = token.lemma_.lower()
    if token.pos_ != "PROPN" or lemma != token.lower_ or not lemma.endswith("s") or lemma.endswith("ss"):
        return lemma
    return lemma[:-3] + "y" if lemma.endswith("ies") else lemma[:-1]


def _related_words(token: Token, skip: frozenset[str] = frozenset()) -> set[str]:
    """Lemmas of the words a trigger's object rules look at (not the objects of the prepositions in ``skip``)."""
    words = {plain_lemma(c) for c in children(token, *_RELATED_DEPS)}
    if any(_names_place(c) for c in children(token, "dobj")):  # "seized Goma"
        words.add(PLACE)
    for relative in children(token, "dobj", "nsubjpass"):
        noun = described_noun(relative) if relative.tag_ in RELATIVES else None
        if noun is not None:  # "the town, which the army said it had retaken": the town
            words.add(plain_lemma(noun))
            words.update(plain_lemma(c) for c in children(noun, "compound"))
            if _names_place(noun):
                words.add(PLACE)
    for obj in children(token, "dobj"):  # "lifted a state of emergency", "downed most of a wave of drones"
        words.update(_of_chain(obj))
        words.update(plain_lemma(a) for a in children(obj, "appos"))  # "made the residence its headquarters"
    for prep in children(token, "prep"):
        if prep.lower_ in skip:
            continue
        objects = children(prep, "pobj")
        if prep.lower_ in ("out", "away"):  # "chased the police out of the town": the town
            objects = [*objects, *(o for p in children(prep, "prep") for o in children(p, "pobj"))]
        for obj in objects:
            words.add(obj.lemma_.lower())
            words.update(m.lemma_.lower() for m in children(obj, "compound"))
    if token.pos_ != "VERB" or token.dep_ == "advcl":
        words.add(token.head.lemma_.lower())
    if token.dep_ in ("conj", "xcomp"):  # "rains killed 12 and destroyed homes", "troops managed to enter X"
        words.update(c.lemma_.lower() for c in children(token.head, "nsubj", "nsubjpass"))
    elif token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "troops shelled the city before entering it"
        words.update(c.lemma_.lower() for c in children(token.head.head, "nsubj", "nsubjpass"))
    return words


RELATIVES = frozenset({"WDT", "WP"})  # relative pronouns ("which", "who")


def described_noun(relative: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of the relative clause it is in ("the town, which the
    military said it had wrested back": the town)."""
    token = relative
    for _ in range(6):
        if token.dep_ == "relcl":
            return token.head
        if token.head.i == token.i:
            return None
        token = token.head
    return None


# The object-rule word for a doer left unsaid by a passive with no "by" agent ("six activists held in Harare").
UNSAID = "@unsaid"


def _unsaid_doer(verb: Token) -> bool:
    """Whether a verb is a passive (or a participle describing a noun) with no "by" agent and no subject of its own."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    return passive and not children(verb, "agent", "nsubj")


# The object-rule word for a place a verb's act stands over ("raised the flag over Bakhmut": objects.tsv "@over").
OVER = "@over"
_OVER_PREPS = frozenset({"over", "above", "atop", "on", "in"})


def _over_ground(verb: Token) -> bool:
    """Whether a preposition of position on a verb or its object names a place or a piece of ground ("hoisted the
    national flag over the town", "planted their flag atop the hill"); a name there that is no person's is taken
    for a place (the tagger calls many villages nationalities or firms: "over Robotyne")."""
    holders = [verb, *children(verb, "dobj")]
    preps = [p for h in holders for p in children(h, "prep") if p.lower_ in _OVER_PREPS]
    ground = lexicon.families()["$ground"]
    objects = [o for p in preps for o in children(p, "pobj")]
    named = [o for o in objects if o.pos_ == "PROPN" and o.ent_type_ != "PERSON"]
    return bool(named) or any(_names_place(o) or plain_lemma(o) in ground for o in objects)


# The object-rule word for a subject that is a proper name (objects.tsv: "fall to subject @name|town|...").
NAME = "@name"
# The object-rule word for a direct object that names a place (objects.tsv: "seize/ASSAULT/- require @place").
PLACE = "@place"
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_TOWN_SIZE = 10_000  # a main name of a gazetteer place this big (the tagger calls many towns people)


def _names_place(obj: Token) -> bool:
    """Whether an object is a place name: tagged as one, or a proper name the gazetteer knows as a town's own name;
    not one a phrase of its verb goes on to call her or him ("seized Florence on her way home")."""
    if obj.ent_type_ not in _PLACE_ENTITIES:
        if obj.pos_ != "PROPN":
            return False
        name = " ".join(t.text for t in obj.doc[obj.left_edge.i : obj.i + 1] if t.pos_ == "PROPN")
        matches, _ = gazetteer().candidates(name, loose=False)
        if not any(m.main and m.entry.population >= _TOWN_SIZE for m in matches):
            return False
    return not called_her_or_him(obj, obj.head)


def _of_chain(obj: Token, depth: int = 3) -> set[str]:
    """Lemmas of the nouns an object's "of" phrases name, through up to ``depth`` links ("most of a wave of drones")."""
    words: set[str] = set()
    for noun in (g for p in children(obj) if p.lower_ == "of" for g in children(p)):
        words.add(noun.lemma_.lower())
        if depth > 1:
            words |= _of_chain(noun, depth - 1)
    return words


def sentence_hits(sent: Span) -> list[Hit]:
    """A sentence's triggers as detection types them: a verb and its object one, then raids that only arrest are
    arrests (an arrest the protest verb takes as its object, "protesting the arrest of", is no outcome of the raid)."""
    return _raids_as_arrests(_one_per_object(find_hits(sent)))
