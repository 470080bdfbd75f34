"""Whose people the victims of an attack are, from the evidence in their sentence, for any conflict.

The counted people's own words ("900 Israelis", "12 Hamas fighters"), a place on them, their verb or their
clause ("killed in Gaza"; not "near the Gaza border"), the foe of whoever hurt them ("an attack by Hamas,
which killed 1,300"; captives: the side that does not hold them), people of another side hurt with them
("along with the gunmen holding them", "in Israel and Gaza", "a war between Israel and Hamas"), and last,
the one country the sentence's other actors point at (an armed one named as a doer, also on its attack: "the Hamas
incursion"), else the one place it names that people may have been hit in ("Sderot", "the kibbutz").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.extract.actors import ARMED, actor_name, country_of, of_object
from storyline.extract.counts_lexicon import counts_lexicon, head_sector
from storyline.extract.roles import MentionIndex, noun_roles, trigger_roles
from storyline.extract.tree import children
from storyline.models import Actor, Count, Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from storyline.extract.actors import Mention

_PLACE_PREPS = frozenset({"in", "from", "across", "throughout", "on", "against"})
# Sectors a count's own noun may give its victims ("12 combatants"); any other noun counts civilians.
_COUNTED_SECTORS = ARMED | {"MED", "HLH", "REF", "PRO", "GOV"}
_WIDE = frozenset({"country", "admin1"})
_STATE_FORCES = frozenset({"MIL", "COP"})
_PHRASE_ENDS = frozenset({",", ";", ".", "—", "--", ":"})


@cache
def _term_regex() -> re.Pattern[str]:
    """Every country name and nationality word as a whole word, longest first (case-sensitive)."""
    terms = sorted(lexicon.countries().by_term, key=len, reverse=True)
    # "ethnic Albanians" names an ethnicity, "anti-Syria" an enemy: neither is the people's nationality
    return re.compile(r"(?<![\w-])(?<![Ee]thnic )(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")


def nationalities(text: str | None) -> list[str]:
    """ISO3 of the countries a phrase names, in order, each once ("Israelis and Palestinians" → ISR, PSE)."""
    if not text:
        return []
    table = lexicon.countries().by_term
    found = [table[m.group(0)] for m in _term_regex().finditer(text)]
    return [c for c in dict.fromkeys(found) if c not in _not_nations()]


@cache
def _not_nations() -> frozenset[str]:
    """Codes of organisations of states ("U.N. workers"), no nationality of victims (``victim_not_nations.tsv``)."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "victim_not_nations.tsv"))


def _place_country(token: Token) -> str | None:
    """The country of a place phrase hanging on a token: "people in Gaza", "killed in Israel"."""
    found = _place_countries(token)
    return found[0] if found else None


def _place_countries(token: Token) -> list[str]:
    """The countries of the first place phrase hanging on a token and its conjuncts ("in Israel and Gaza")."""
    for child in token.children:
        found = _prep_countries(child) if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS else []
        if found:
            return found
    return []


def places_apart(token: Token) -> list[str]:
    """The countries of conjoined places people are told to be in, when they are two or more ("civilians in both
    Israel and Gaza"): the people are of each."""
    found = _place_countries(token)
    return found if len(found) > 1 else []


def _prep_countries(prep: Token) -> list[str]:
    """The countries of a preposition's place object and its conjuncts."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    places = [obj, *obj.conjuncts] if obj is not None else []
    found = [iso for t in places if t.ent_type_ in ("GPE", "LOC", "NORP", "FAC") and (iso := country_of(t))]
    return list(dict.fromkeys(_state_of(code) for code in found))


def _state_of(code: str) -> str:
    """The state a place's people are of: a breakaway entity's code in ``countries.csv`` (CAMEO's "UKRPRE" of the
    Donetsk People's Republic) is its state's ISO3 ("UKR"), as ACLED codes civilians killed in Donetsk."""
    return code.removesuffix("PRE") if len(code) == 6 and code.endswith("PRE") else code


def _place_after(span: Span) -> list[str]:
    """The countries of a place phrase right after a count that the parser hung elsewhere ("killed 1,400 people in
    Israel and at least 2,700 in Gaza": the second figure is parsed as a conjunct of the verb, its place on it)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.dep_ != "prep" or after.lower_ not in _PLACE_PREPS or after.head.i >= span.start:
        return []
    return _prep_countries(after)


def _also_hurt(head: Token, verb: Token | None, index: MentionIndex | None, fight: bool = True) -> list[str]:
    """Countries of other people hurt with the counted ones: a second place ("killed in Israel and Gaza"),
    companions ("four Israelis were killed, along with the gunmen holding them"), or, unless ``fight`` is false
    (people whose words name their nation), both sides of the war that killed them ("a war between Israel and Hamas
    that has killed thousands", "the Israel-Hamas war has killed thousands")."""
    tokens = [head] if verb is None else [head, verb]
    found = [c for t in tokens for c in _place_countries(t)[1:]]
    if index is None:
        return found
    found += [c for t in tokens if (c := _companion(t, index))]
    if not fight:
        return found
    noun = _clause_noun(verb) if verb is not None else None
    subject = _subject(verb) if verb is not None else None
    parties = _between(noun) + _between(subject)  # "the war between Israel and Hamas has killed thousands"
    sides = [c for t in parties if (c := _party_country(t, index))]
    return found + (sides if len(set(sides)) > 1 else [])


def _companion(token: Token, index: MentionIndex) -> str | None:
    """The country of people hurt "along with" / "together with" the ones a token names or tells of."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            together = any(c.lower_ in ("along", "together") for c in child.children)
        elif child.dep_ in ("prep", "advmod") and child.lower_ in ("along", "together"):
            child = next((c for c in child.children if c.lower_ == "with"), child)
            together = child.lower_ == "with"
        else:
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None) or _clause_subject(child)
        mention = index.of(obj) if together and obj is not None else None
        if mention is not None and mention.actor.country:
            return mention.actor.country
    return None


def _clause_subject(prep: Token) -> Token | None:
    """The subject of the clause a preposition takes, which the parser gives it for a noun with a participle
    ("along with the gunmen holding them")."""
    clause = next((c for c in prep.children if c.dep_ == "pcomp"), None)
    return next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None


def _between(noun: Token | None) -> list[Token]:
    """The parties of a noun's "between A and B" phrase ("the war between Israel and Hamas"), and of a mutual fight
    noun (``victim_both_sides.tsv``) its words name two ones of: a hyphened pair before it ("the Israel-Hamas war",
    "the Israeli-Palestinian conflict") or an owner and a "with" phrase ("Israel's war with Hamas")."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"), None) if noun else None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is not None:
        return [obj, *obj.conjuncts]
    if noun is None or noun.lemma_.lower() not in _both_sides_words()["fight_noun"]:
        return []
    for first in children(noun, "compound", "amod"):  # "Israel - Hamas war": the second word holds the first
        pair = [t for t in children(first, "compound", "amod") if _hyphened(t, first)]
        if pair:
            return [pair[0], first]
    owner = children(noun, "poss")
    other = [o for p in children(noun, "prep") if p.lower_ == "with" for o in children(p, "pobj")]
    return [owner[0], other[0]] if owner and other else []


def names_fight(actor: Actor, sent: Span) -> bool:
    """Whether an actor's words are a fight its words name two parties of ("the Armenia-Azerbaijan war"): no one
    side's doer."""
    span = span_in(sent, actor)
    return span is not None and len(_between(span.root)) > 1


def _hyphened(first: Token, second: Token) -> bool:
    """Whether two words are written joined by a hyphen ("Israel-Hamas")."""
    between = first.doc[first.i + 1 : second.i]
    return len(between) == 1 and between[0].text == "-" and first.i + 2 == second.i


def _party_country(token: Token, index: MentionIndex) -> str | None:
    """The country of a party a fight's words name: its own word's nationality, named group or place ("Israel",
    "Hamas", "Gaza"), else its mention's (whose words may span the whole fight, "the Israel-Hamas war")."""
    group = lexicon.groups().get(token.text)
    found = nationalities(token.text) or ([group.country] if group is not None and group.country else [])
    found = found or ([_state_of(c)] if token.ent_type_ in ("GPE", "LOC") and (c := country_of(token)) else [])
    if found:
        return found[0]
    mention = index.of(token)
    return mention.actor.country if mention is not None else None


def count_sides(
    count: Count, sent: Span, index: MentionIndex | None = None, event: Event | None = None
) -> tuple[list[str], dict[str, Actor | None]]:
    """Countries of the people a count counts, and who hit each country's people when doers of two sides did
    (``doers_by_victims``; else empty). The countries: their words, the named group they belong to or the owner of the
    running toll they are ("its death toll"), else a place attached to them, their verb or the ``event``'s place
    inside their clause, else the foe of whoever hurt them ("an attack by Hamas, which killed 1,300") — for
    soldiers the foe, then the attacked forces' country, comes before the place; with them, the countries of two
    doers that are foes of each other ("the Hamas raid and the Israeli air campaign have killed ..."). People on
    both sides of a fight are of its parties' countries, of none when the sentence names no parties. None for a part
    of another count ("including three British nationals" are counted already)."""
    if count.part_of is not None:
        return [], {}
    named = nationalities(count.of)
    span = span_in(sent, count)
    if span is None:
        return named, {}
    head = span.root
    verb = _count_verb(head)
    parties = side_parties(head, index) if len(named) < 2 and on_both_sides(head) else []
    if parties is None or len(parties) > 1:  # "killing dozens on both sides": each party's, or none when no party
        return parties or [], {}  # is named; parties of one country ("clashes between rival clans") fall to the place
    fight = not named  # "the war between Israel and Hamas has killed 3,000 Palestinians": theirs alone
    named = named or _members_of(head, index) or _toll_owner(head, index) or _parts_named(span)
    if named:
        return list(dict.fromkeys(named + _also_hurt(head, verb, index, fight))), {}
    captives = are_captives(count.of)
    foe = victims_foe(_own_attacker(verb, index), captives) if verb is not None and index is not None else None
    if captives or are_doers(count.of):  # where hostages are held, or attackers struck, is not their country
        foe = foe or (None if captives else raiders_side(sent))
        return (list(dict.fromkeys([foe, *_also_hurt(head, verb, index)])) if foe else []), {}
    doers = _doers_sides(verb, index) if verb is not None and index is not None else []
    sides = [a.country for a in doers]
    foe = None if doers else foe  # two doers of two sides: each hit the other's people, not one doer's foe
    armed = counted_sector(count) in ARMED
    placed = _place_countries(head) or _place_after(span)
    found = (armed and foe) or (armed and _armed_target(event, count)) or next(iter(placed), None)
    found = found or (_verb_place(verb, head) if verb is not None else None)
    found = found or (_clause_place(event, verb, sent) if event is not None and verb is not None else None)
    found = found or foe
    also = placed[1:] if found == next(iter(placed), None) else []  # "killed 30 people in Kharkiv and Belgorod"
    countries = list(dict.fromkeys(c for c in [found, *also, *_also_hurt(head, verb, index), *sides] if c))
    return countries, doers_by_victims(doers)


def _doers_sides(verb: Token, index: MentionIndex) -> list[Actor]:
    """The conjoined doers of a killing, one a country, when they are foes of each other: each side's attacks hit
    the other's people ("the Hamas attack and the Israeli bombardment have killed thousands", "Hezbollah rocket fire
    and Israeli air raids have killed 40"); none for one doer or doers of one side ("Russian and Belarusian forces")."""
    subjects = children(verb, "nsubj") or [n for n in (_clause_noun(verb),) if n is not None]
    nouns = [t for s in subjects for t in _subject_nouns(s, verb)]  # the parser may give both as subjects, or not
    doers = [actor for t in dict.fromkeys(nouns) if (actor := _conjunct_doer(t, index)) is not None]
    sides: dict[str, Actor] = {}
    for actor in doers:
        sides.setdefault(actor.country or "", actor)
    sides.pop("", None)
    foes = any(foe in sides and foe != a.country for a in doers if (foe := _doer_foe(a)))
    return list(sides.values()) if len(sides) > 1 and foes else []


def _subject_nouns(subject: Token, verb: Token) -> list[Token]:
    """A verb's subject and its conjuncts; for a relative pronoun, its antecedent, with the antecedent's conjuncts
    when the verb says it is of them all ("the Israeli bombardment and the Hamas rocket fire, which together have
    killed hundreds": a plural verb or "together"; "..., which has killed hundreds" is the rocket fire's alone)."""
    if subject.tag_ not in ("WDT", "WP") or verb.dep_ != "relcl":
        return [subject, *subject.conjuncts]
    antecedent = verb.head
    plural = any(w.tag_ == "VBP" for w in (verb, *children(verb, "aux")))
    together = any(c.lower_ == "together" for c in children(verb, "advmod"))
    return [antecedent, *antecedent.conjuncts] if plural or together else [antecedent]


def _doer_foe(actor: Actor) -> str | None:
    """Whose people a doer's attacks hit: its own foe, else its country's armed actors' one foe."""
    return foe_of(actor) or _country_foes().get(actor.country or "")


def doers_by_victims(doers: list[Actor]) -> dict[str, Actor | None]:
    """Each doer's country → the doer of another side who hit its people: the one whose foe it is, else, of two
    sides, the other ("Israeli air raids and Hezbollah rocket fire have killed 40": Hezbollah hit the Israelis,
    Israel's forces the Lebanese); None when no one doer is theirs."""
    found: dict[str, Actor | None] = {}
    for side in (a.country for a in doers if a.country):
        others = [a for a in doers if a.country != side]
        hitters = [a for a in others if _doer_foe(a) == side] or (others if len(others) == 1 else [])
        hitter = hitters[0] if len(hitters) == 1 else None
        if hitter is not None and hitter.name is None:  # a doer named by its nationality ("Israeli air raids")
            hitter = replace(hitter, name=actor_name(hitter.country, hitter.sector, hitter.text))
        found[side] = hitter
    return found


def _conjunct_doer(token: Token, index: MentionIndex) -> Actor | None:
    """The doer one conjunct of a killing's subject names: its own modifier ("the Hamas attack", "Israeli air
    raids"; the mention may span the whole coordination), else the conjunct as a named armed actor."""
    for kid in children(token, "amod", "compound", "poss", "nmod"):
        mention = index.of(kid)
        if mention is not None and mention.named and mention.actor.country:
            return mention.actor
        named = nationalities(kid.text)
        if named:  # the conjunct's words up to its noun ("Israeli air raids"), not the ones conjoined after it
            start, end = min(kid.idx, token.left_edge.idx), token.idx + len(token.text)
            return Actor(token.doc.text[start:end], None, named[0], "MIL", start, end)
    mention = index.of(token)
    spans_all = mention is not None and any(mention.start <= c.i < mention.end for c in token.conjuncts)
    return mention.actor if mention is not None and not spans_all and mention.actor.sector in ARMED else None


def on_both_sides(head: Token) -> bool:
    """Whether people are told to be of both sides of a fight ("dozens of people on both sides", "soldiers from each
    side", "killing civilians on either side of the border"): on their noun, its "of" object or their verb."""
    return bool(_side_nouns(head))


def _side_nouns(head: Token) -> list[Token]:
    """The side nouns of the "on both sides" phrases on people's noun, its "of" object or their verb."""
    words = _both_sides_words()
    found = []
    for token in (head, of_object(head), _count_verb(head)):
        preps = [p for p in children(token, "prep") if p.lower_ in words["side_prep"]] if token is not None else []
        objects = [o for p in preps for o in children(p, "pobj")]
        sides = [o for o in objects if o.lemma_.lower() in words["side_noun"]]
        found += [o for o in sides if any(d.lower_ in words["all_word"] for d in children(o, "det", "predet", "amod"))]
    return found


def side_parties(head: Token, index: MentionIndex | None) -> list[str] | None:
    """The countries of the parties people on both sides belong to: the fight the sides are of ("on both sides of the
    conflict between Israel and Hamas", "of the Israel-Hamas war"), else a "between" phrase on their verb's subject
    ("clashes between Armenian and Azerbaijani troops killed ..."), else that subject and its conjuncts, also of the
    verb their participle's clause hangs on ("India and Pakistan traded fire, killing dozens on both sides"); None
    when the sentence names no parties ("the war has killed thousands on both sides"), fewer than two countries when
    the parties it names are of one or none ("clashes between rival clans")."""
    fights = [_between(of_object(side)) for side in _side_nouns(head)]
    named = next((parties for parties in fights if len(parties) > 1), [])
    if named and index is not None:
        return list(dict.fromkeys(c for t in named if (c := _party_country(t, index))))
    verb = _count_verb(head)
    if verb is None:
        return None
    verbs = [verb, verb.head] if verb.dep_ in ("advcl", "xcomp", "conj") else [verb]
    nouns = [n for v in verbs for n in (_subject(v), _clause_noun(v)) if n is not None]
    parties = [t for n in nouns for t in (_between(n) or ([n, *n.conjuncts] if n.conjuncts else []))]
    if not parties:
        return None
    mentions = [m for t in parties if index is not None and (m := index.of(t)) is not None]
    found = [c for m in mentions for c in (nationalities(m.actor.text) or [m.actor.country or ""]) if c]
    return list(dict.fromkeys(found))


@cache
def _both_sides_words() -> dict[str, frozenset[str]]:
    """Role → the words of a "on both sides" phrase (``victim_both_sides.tsv``)."""
    return lexicon.word_sets("actors", "victim_both_sides.tsv", key=1, word=0)


def _armed_target(event: Event | None, count: Count) -> str | None:
    """The country of the forces an attack is on: counted soldiers of no nation are theirs ("an attack on Israeli
    forces near Tulkarm killed two soldiers" counts Israeli soldiers, whatever country Tulkarm is in)."""
    target = event.actor2 if event is not None else None
    named = target is not None and target.start is not None and target.start != count.start
    return target.country if target is not None and named and target.sector in ARMED else None


def _members_of(head: Token, index: MentionIndex | None) -> list[str]:
    """The country of the named group counted people belong to ("12 Hamas fighters", "fighters from Hamas",
    "a chief of intelligence for Hamas")."""
    if index is None:
        return []
    mention = index.of(head)
    if mention is None or not mention.named:  # "a number of fighters from Hamas"
        nouns = [head, of_object(head) or head]
        groups = [c for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "for")]
        objects = [o for g in groups for o in g.children if o.dep_ == "pobj"]
        mention = next((m for o in objects if (m := index.of(o)) is not None and m.named), None)
    return [mention.actor.country] if mention is not None and mention.named and mention.actor.country else []


def _parts_named(span: Span) -> list[str]:
    """The countries the phrase that tells parts of counted people names, right after their clause ("twelve people
    were killed, all of them Palestinians", "five died, four of whom were Israeli", "30 killed, among them ...")."""
    sent = span.sent
    comma = next((t for t in sent.doc[span.end : sent.end] if t.text == "," or t.like_num), None)
    if comma is None or comma.like_num:
        return []
    words = list(itertools.takewhile(lambda t: t.text not in _PHRASE_ENDS, sent.doc[comma.i + 1 : sent.end]))
    back = counts_lexicon().back_references
    refers = any(t.lower_ in back and t.dep_ == "pobj" and t.head.lower_ in ("of", "among") for t in words)
    return nationalities(" ".join(t.text for t in words)) if refers else []


def _toll_owner(head: Token, index: MentionIndex | None) -> list[str]:
    """The country of the running toll a count gives: its owner, modifier or place ("Israel said its death toll
    had risen to 1,200", "the Palestinian death toll reached 4,000", "the number of dead in Gaza passed 2,400")."""
    toll = _toll_noun(head)
    if toll is None:
        return []
    owners = [c for c in toll.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    found = [c for t in owners if (c := _owner_country(t, index))]
    obj = of_object(toll)
    found += _place_countries(toll) + (_place_countries(obj) if obj is not None else [])
    return list(dict.fromkeys(found))[:1]


def _toll_noun(head: Token) -> Token | None:
    """The total noun whose figure a count is: "the toll rose to N", "put the toll at N", "a toll of N"."""
    totals = counts_lexicon().total_nouns
    up = head.head.head if head.dep_ == "pobj" else head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in totals:
        return head.head.head
    if up.pos_ not in ("VERB", "AUX"):
        return None
    args = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != head.i]
    return next((c for c in args if c.lemma_.lower() in totals), None)


def _owner_country(token: Token, index: MentionIndex | None) -> str | None:
    """The country a toll's owner names: a place or people ("Gaza's", "Palestinian"), or "its" for the teller."""
    if token.lower_ in ("its", "their") and index is not None:
        teller = _teller(token.head, index)
        return teller.actor.country if teller is not None else None
    found = nationalities(token.text) or ([c] if (c := country_of(token)) else [])
    return found[0] if found else None


def _count_verb(head: Token) -> Token | None:
    """The verb that says what happened to counted people: theirs as subject/object, or their participle."""
    if head.dep_ in ("nsubjpass", "dobj", "nsubj") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    for child in head.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            return child  # "1,900 people killed"
        if child.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "WP" for c in child.children):
            return child  # "30 people who died"
    return None


def _verb_place(verb: Token, head: Token) -> str | None:
    """A place on the counted people's verb, on the verb its participle hangs on ("a shell landed in Khan Younis,
    wounding a boy"), on the noun its clause hangs on, or on its subject."""
    found = _place_country(verb)
    if found is None and _subjectless_participle(verb):
        found = _place_country(verb.head)
    noun = _clause_noun(verb)
    if found is None and noun is not None:  # "the attack on Israel, which killed 1,400"
        found = _place_country(noun)
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != head.i), None)
    if found is None and subject is not None and not _armed_noun(subject):  # "a bombing campaign in Gaza killed
        found = _place_country(subject)  # 1,100 people"; but "gunmen from Gaza" came from there
    return found


def launched_from(word: Token, event: Event | None) -> bool:
    """Whether a "from" phrase on a word tells where an attack came from: on a noun of an attack or its arms
    ("rocket fire from Gaza"), or on a verb that hurts no one itself and tells of one ("a rocket fired from Gaza",
    "launched the attack from Lebanon"; not "people who fled from Gaza City", not where people were taken from)."""
    if event is not None and event.mode == "abduct":
        return False
    if is_act_noun(word):
        return True
    if word.pos_ != "VERB" or word.lemma_.lower() in harm_lemmas():
        return False
    told = [word.head] if word.dep_ in ("acl", "relcl") else []
    return any(is_act_noun(t) for t in told + children(word, "dobj", "nsubjpass", "nsubj"))


@cache
def harm_lemmas() -> frozenset[str]:
    """Trigger lemmas that say people were hurt ("killed", "shot"), from ``victim_triggers.tsv``."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "victim_triggers.tsv"))


def _armed_noun(token: Token) -> bool:
    """Whether a noun names armed people ("gunmen", "militants"): a place on it is where they are from."""
    return lexicon.sectors().get(token.lemma_.lower()) in ARMED


def _subjectless_participle(verb: Token) -> bool:
    """Whether a verb is an -ing clause with no subject of its own, going on from the verb it hangs on ("a shell landed
    in Khan Younis, wounding a boy"): its people are where that verb happened."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not children(verb, "nsubj")


def _clause_place(event: Event, verb: Token, sent: Span) -> str | None:
    """The country of the event's place when it stands in the counted people's clause ("have killed 20 and
    wounded 50 in Gaza") or in a place phrase of the verb their participle hangs on ("a shell landed in Khan Younis,
    wounding a boy"), not in another clause of the sentence."""
    place = event.location
    if place is None or place.start is None:
        return None
    phrases = [verb]
    if _subjectless_participle(verb):
        phrases += [c for c in children(verb.head, "prep") if c.lower_ in _PLACE_PREPS]
    if not any(_within(list(p.subtree), place.start) for p in phrases):
        return None
    country = victims_place(event, sent)  # the attacker's own country ("Israel's airstrikes") is not theirs
    return None if event.actor1 is not None and country == event.actor1.country and foe_of(event.actor1) else country


def _within(words: list[Token], start: int) -> bool:
    """Whether a character offset falls within a run of words."""
    return words[0].idx <= start < words[-1].idx + len(words[-1])


def _own_attacker(verb: Token, index: MentionIndex) -> Actor | None:
    """Who did the counted people's verb: its subject or agent, else the doer of the attack its clause
    describes ("the attack by Hamas, which killed ...") or of the attack that is its subject."""
    noun = _clause_noun(verb)
    if noun is not None and noun is not verb.head:  # the parser's antecedent is not the clause's
        return _clause_owner(noun, index)
    found = trigger_roles(verb, index).actor1
    if found is not None and _speaker(found, verb):
        found = None  # "the Hamas-run ministry said the explosion killed hundreds": it tells, it did not kill
    elif found is not None and not found.actor.country and verb.doc[found.start].lower_ in ("its", "their"):
        found = _teller(verb, index) or found  # "Hamas said its fighters killed 20 soldiers"
    subject = _subject(verb)
    if found is None and subject is not None and subject.pos_ == "NOUN":
        found = noun_roles(subject, index).actor1
    actor = _act_forces(found.actor, verb.doc[found.start : found.end].root) if found is not None else None
    if (actor is None or not foe_of(actor)) and noun is not None:
        return _clause_owner(noun, index) or actor
    return actor


def _subject(verb: Token) -> Token | None:
    """A verb's subject; of two the parser gives it ("the photos we saw — the ministry said"), the
    nearer one."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _speaker(mention: Mention, verb: Token) -> bool:
    """Whether a mention is the subject of a clause that reports the verb's, which has a subject of its own
    ("X said the explosion killed ..."; but in "X said it killed ..." the teller is the doer)."""
    root = verb.doc[mention.start : mention.end].root
    own = _subject(verb)
    if root.dep_ != "nsubj" or root.head.i == verb.i or own is None or own.pos_ == "PRON":
        return False
    return any(c.dep_ == "ccomp" and (c.i == verb.i or c.is_ancestor(verb)) for c in root.head.children)


def _teller(verb: Token, index: MentionIndex) -> Mention | None:
    """The subject of the clause that reports the verb's ("the Israeli military said its strikes killed 30")."""
    token = verb
    for _ in range(4):
        if token.dep_ == "ccomp":
            return index.of(_subject(token.head))
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def count_tellers(counts: list[Count], sent: Span, index: MentionIndex | None) -> dict[str, str]:
    """Count's text → the country of the one who tells it, when counts of one sentence are told by unarmed tellers of
    two countries the sentence makes the fight's own parties, each telling its own side's toll: the parties its fight
    noun names ("in the war between Armenia and Azerbaijan, Armenia said 120 people were killed, and Azerbaijan said
    90 died"), or a count the teller owns ("Armenia said 120 of its soldiers were killed"). Empty when one teller or
    none tells them ("U.S. officials said 30 people were killed" may be anyone's dead), and a teller no party of the
    fight gives none ("the United States said 30 civilians were killed in the strike in Idlib, while Russia said
    12 died": both report the same people)."""
    if index is None:
        return {}
    parties = {
        country
        for token in sent
        if len(pair := _between(token)) > 1
        for party in pair
        if (country := _party_country(party, index))
    }
    found: dict[str, str] = {}
    for count in counts:
        span = span_in(sent, count)
        if span is None:
            continue
        verb = _count_verb(span.root)
        teller = _teller(verb, index) if verb is not None else None
        actor = teller.actor if teller is not None else None
        if actor is None or not actor.country or actor.sector in ARMED:
            continue
        if actor.country in parties or _owned(span):
            found[count.text] = actor.country
    return found if len(set(found.values())) > 1 else {}


def _owned(span: Span) -> bool:
    """Whether a count's words tie its people to their teller ("120 of its soldiers", "90 of its own")."""
    return any(t.lower_ in ("its", "own") for t in span.root.subtree)


def span_in(sent: Span, thing: Actor | Count) -> Span | None:
    """The words of the sentence's document an actor or count spans (widened to whole tokens), None when it spans
    none."""
    if thing.start is None or thing.end is None:
        return None
    return sent.doc.char_span(thing.start, thing.end, alignment_mode="expand")


def _clause_owner(noun: Token, index: MentionIndex) -> Actor | None:
    """The armed doer of the noun a relative clause is about, climbing over the nouns the parser may have hung it on
    ("attacks in Israel, the deadliest in the country's history, which killed ...": the attacks' doer)."""
    token = noun
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "relcl":
            return None  # another clause: its doer did something else
        found = index.of(token)
        if (found is None or not foe_of(found.actor)) and token.pos_ == "NOUN":
            found = noun_roles(token, index).actor1
        actor = _act_forces(found.actor, token) if found is not None else None
        if actor is not None and foe_of(actor):
            return actor
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _act_forces(actor: Actor, token: Token) -> Actor:
    """An attack named by a country's word alone as that country's forces ("Russian missile attacks", "Israeli
    shelling"), who hold no captives of their own side; any other actor as it is."""
    if actor.sector is None and actor.country and is_act_noun(token):
        return replace(actor, sector="MIL")
    return actor


def _clause_noun(verb: Token) -> Token | None:
    """The noun a participle or relative clause tells of, None for a verb in neither: the one the parser hangs it on,
    or, when that is no attack noun, the nearest attack noun before the relative pronoun with no verb between ("Hamas
    attacks on Saturday that killed 1,200", "launched an attack on the town over the weekend that killed 40": the
    parser may hang the clause on the time, on a noun further back, or on the main verb)."""
    head = verb.head if verb.dep_ in ("relcl", "acl") else None
    pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ == "WDT" and c.i < verb.i), None)
    if pronoun is None or (head is not None and is_act_noun(head)):
        return head
    for token in reversed(verb.doc[verb.sent.start : pronoun.i]):
        if token.pos_ in ("VERB", "AUX", "SCONJ") or token.tag_ in ("WDT", "WP"):
            return head
        if is_act_noun(token):
            return token
    return head


def is_act_noun(token: Token) -> bool:
    """Whether a token is a noun that names an attack or the arms it used (``victim_acts.tsv``)."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in _act_nouns()


def foe_of(actor: Actor | None) -> str | None:
    """The country whose people an armed actor's attacks hit, from ``opponents.tsv``: its own entry, else, for armed
    people named by their country alone ("Palestinian rockets"), the foe all of that country's entries share."""
    if actor is None:
        return None
    found = lexicon.opponents().get(actor.name or "")
    if found is None and actor.sector in ARMED and actor.country and _named_by_country(actor.text):
        return _country_foes().get(actor.country)
    return found


def _named_by_country(text: str) -> bool:
    """Whether a phrase names people or arms by a nationality word ("Palestinian rockets"), not a place ("Gaza")."""
    words = text.split()
    return len(words) > 1 and bool(nationalities(" ".join(words[:-1]))) and not nationalities(words[-1])


@cache
def _country_foes() -> dict[str, str]:
    """Country → the one foe its armed actors in ``opponents.tsv`` share (none when they disagree)."""
    foes: dict[str, set[str]] = {}
    for name, foe in lexicon.opponents().items():
        group = lexicon.groups().get(name)
        home = group.country if group is not None else next(iter(nationalities(name)), None)
        if home:
            foes.setdefault(home, set()).add(foe)
    return {home: next(iter(found)) for home, found in foes.items() if len(found) == 1}


def raiders_side(sent: Span) -> str | None:
    """Whose people attackers killed in a raid across a front are: the foe (``opponents.tsv``) of the country the
    sentence names as what an attack struck ("killed in the attack on Armenia", "died in the incursion into
    Ukraine"); None when no country is so named: where attackers die ("in Makhachkala", "at a checkpoint near
    Nablus") says nothing of their side, for they may be local."""
    struck: set[str] = set()
    for token in sent:
        if token.dep_ != "pobj" or token.head.lower_ not in ("on", "into", "against") or token.ent_type_ != "GPE":
            continue
        if not is_act_noun(token.head.head):
            continue
        struck |= {c for c in nationalities(token.text) if not c.endswith("PRE")}  # a state, not a breakaway region
    foes = {foe for country in struck if (foe := _country_foes().get(country))}
    return foes.pop() if len(foes) == 1 else None


def victims_foe(attacker: Actor | None, captives: bool) -> str | None:
    """Whose people an attacker hit: its foe's, except captives a state's forces hit — those are held by that
    foe, so they are the state's own ("hostages killed in Israeli airstrikes", not "hostages Hamas killed")."""
    if captives and attacker is not None and attacker.sector in _STATE_FORCES and attacker.country:
        return attacker.country
    return foe_of(attacker)


def are_captives(words: str | None) -> bool:
    """Whether people are named as captives ("several hostages", "the captives")."""
    nouns = _place_words()["captive_noun"]
    return any(word.removesuffix("s") in nouns for word in (words or "").lower().split())


def names_beside(words: str | None) -> bool:
    """Whether a phrase names the edge of a place, no people ("the Gaza border", "the fence")."""
    last = (words or "").lower().split()[-1:]
    return bool(last) and last[0].removesuffix("s") in _place_words()["beside_noun"]


def are_doers(words: str | None) -> bool:
    """Whether people are named by the harm they do ("the assailants", "two of the attackers"): where they were
    killed is where they struck, not their home."""
    nouns = _doer_nouns()
    return any(word.removesuffix("s") in nouns for word in (words or "").lower().split())


def sentence_foe(sent: Span, index: MentionIndex | None, event: Event) -> str | None:
    """Last resort for victims no word places: the foe of an armed teller who says "it" did the harm, else the one
    country the sentence's other actors point at — the foe of the armed ones named as doers ("hiding from Hamas
    attackers, before she was shot", "the Hamas murderers"), the country of the unarmed ones other than the press
    and the event's own doer ("Israeli emergency workers removed the bodies of 100 people killed"); None when they
    disagree."""
    if index is None:
        return None
    teller = _pronoun_teller(sent, index, event)
    if teller is not None:
        return teller
    said = event.attribution
    found = set()
    for mention in {id(m): m for m in index.by_token.values()}.values():
        root = sent.doc[mention.start : mention.end].root
        actor = mention.actor
        doing = _does_harm(event, actor, sent)
        if actor.sector in ARMED or (actor.sector is None and _names_act(root, mention)):
            inside = said is not None and said.start is not None and said.start <= root.idx < (said.end or said.start)
            doer = _doer(root) or root.lemma_.lower() in _doer_nouns() or _names_act(root, mention)
            found |= {foe} if doer and not inside and (foe := _attacker_foe(actor)) else set()
        elif actor.sector is None and (origin := _origin_foe(mention, root, event)):
            found.add(origin)  # "killed by a rocket fired from Gaza": the foe of the armed side of where it came from
        elif actor.country and actor.sector not in (None, "MED") and not _placed_captives(actor) and not doing:
            found.add(actor.country)  # people, not a place ("into Gaza") nor the outlet that reports ("(Photo
            # credit/The New York Times)"), nor captives placed only by where they are held, nor the event's own
            # doer ("Russian officials admit shelling the villages": whose villagers is not said)
    words = event.actor2.text if event.actor2 is not None else " ".join(c.of or "" for c in event.counts)
    if not found and not are_doers(words):  # where attackers were killed is where they struck
        found = {c for m in {id(m): m for m in index.by_token.values()}.values() if (c := _open_place(m, sent))}
        found |= {c for t in sent if (c := _place_nouns().get(t.lower_)) and _open_root(t)}
    return found.pop() if len(found) == 1 else None


def _does_harm(event: Event, actor: Actor, sent: Span) -> bool:
    """Whether an actor is the event's own doer: its actor1, of a sector that acts (no civilians), of an active harm
    verb ("officials admit shelling the villages"; but a teller of a passive one, "the ministry said 40 people
    had been killed", is no doer)."""
    doer, trigger = event.actor1, event.trigger
    if doer is None or actor.start is None or doer.start != actor.start or actor.sector in ("CVL", "PRO", "REF"):
        return False
    span = sent.doc.char_span(trigger.start, trigger.end, alignment_mode="expand") if trigger is not None else None
    return span is not None and span.root.pos_ == "VERB" and not children(span.root, "nsubjpass", "auxpass")


def _origin_foe(mention: Mention, root: Token, event: Event) -> str | None:
    """The foe of a country's armed side (``opponents.tsv``) when the place a mention names is where an attack came
    from ("a rocket fired from Lebanon"; ``launched_from``)."""
    country = mention.actor.country
    return _country_foes().get(country) if country and _origin_arms(root, event) is not None else None


def _origin_arms(place: Token, event: Event | None) -> Token | None:
    """The attack or arms word a place is where it came from ("rockets" of "rockets fired from Gaza", "fire" of
    "rocket fire from Gaza", "attack" of "launched the attack from Lebanon"), None when the place is no origin."""
    if place.dep_ != "pobj" or place.head.lower_ != "from" or place.ent_type_ not in ("GPE", "LOC"):
        return None
    word = place.head.head
    if not launched_from(word, event):
        return None
    if is_act_noun(word):
        return word
    told = [word.head] if word.dep_ in ("acl", "relcl") else []
    return next((t for t in told + children(word, "dobj", "nsubjpass", "nsubj") if is_act_noun(t)), None)


def attack_origin(sent: Span, event: Event, trigger: Token) -> tuple[Token, Token] | None:
    """The arms or attack word of an event and the place it came from, when the sentence tells one ("Rockets fired
    from Gaza killed two people": rockets, Gaza): the word is the trigger, in its phrase, or beside it."""
    for place in sent:
        arms = _origin_arms(place, event)
        if arms is None:
            continue
        if arms.i == trigger.i or arms in trigger.subtree or trigger in arms.subtree or arms.head.i == trigger.head.i:
            return arms, place
    return None


def _placed_captives(actor: Actor) -> bool:
    """Whether an actor is captives whose country no word of theirs names ("held hostage in Gaza": where they are
    held, not whose people they are)."""
    return are_captives(actor.text) and not nationalities(actor.text)


def _open_place(mention: Mention, sent: Span) -> str | None:
    """The country of a place named in a sentence that people may have been hit in (``_open_root``)."""
    actor = mention.actor
    root = sent.doc[mention.start : mention.end].root
    if actor.sector is not None or not actor.country or root.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None  # "Israeli life" names no place
    return actor.country if _open_root(root) else None


def _open_root(root: Token) -> bool:
    """Whether people may have been hit in the place a token names: not near it ("the Gaza border", "towns outside
    Gaza", "just north of Gaza"), nor where those who came from it live ("gunmen from Gaza")."""
    words = _place_words()
    if root.dep_ in ("compound", "poss", "nmod", "amod"):
        return root.head.lemma_.lower() not in words["beside_noun"]
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None:
        return True
    near = prep.head.lemma_.lower()
    if prep.lower_ in words["beside_prep"] or prep.lower_ in ("from", "to") or near in words["beside_prep"]:
        return False
    return near not in words["beside_noun"] | words["direction"] | words["captive_noun"] and not _holds(prep.head)


def _holds(verb: Token) -> bool:
    """Whether a word is a verb of holding captives told of them ("hostages held in Gaza", "captives were kept in
    tunnels"): a place on it is where they are held."""
    words = _place_words()
    if verb.lemma_.lower() not in words["captive_verb"]:
        return False
    told = [verb.head] if verb.dep_ in ("acl", "relcl") else []
    told += children(verb, "nsubj", "nsubjpass", "dobj", "oprd")
    return any(t.lemma_.lower() in words["captive_noun"] for t in told)


@cache
def _place_nouns() -> dict[str, str]:
    """Common nouns for places found in one country only ("kibbutz" → ISR), from ``victim_place_nouns.tsv``."""
    return {row[0]: row[1] for row in lexicon.read_tsv("actors", "victim_place_nouns.tsv")}


def _pronoun_teller(sent: Span, index: MentionIndex, event: Event) -> str | None:
    """The foe of an armed teller who says it did the harm ("the Israeli military said it had killed him")."""
    trigger = event.trigger
    span = sent.doc.char_span(trigger.start, trigger.end, alignment_mode="expand") if trigger is not None else None
    verb = span.root if span is not None else None
    subject = _subject(verb) if verb is not None else None
    if verb is None or subject is None or subject.lower_ not in ("it", "they", "we"):
        return None
    teller = _teller(verb, index) or _statement_teller(verb, index)
    return foe_of(teller.actor) if teller is not None and teller.actor.sector in ARMED else None


def _statement_teller(verb: Token, index: MentionIndex) -> Mention | None:
    """The subject of the verb whose statement a clause is ("X confirmed in a statement that it had killed ...")."""
    token = verb
    for _ in range(4):
        if token.dep_ not in ("acl", "ccomp", "pobj", "prep") or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return index.of(_subject(token))
    return None


def _doer(token: Token) -> bool:
    """Whether a mention stands where a doer does: subject, owner or modifier of a noun, object of "by" or of
    a verb's "from" ("hiding from Hamas attackers", not "fighters from Hezbollah": those are its members)."""
    if token.dep_ == "pobj":
        prep = token.head
        return prep.lower_ == "by" or (prep.lower_ == "from" and prep.head.pos_ in ("VERB", "AUX"))
    return token.dep_ in ("nsubj", "poss", "compound", "amod", "nmod")


def counted_sector(count: Count) -> str:
    """The sector of the people a count counts ("12 combatants" → UAF, "7 soldiers" → MIL), else civilians."""
    words = (count.of or "").lower().split()
    if not words or "and" in words or "or" in words:  # "civilians and soldiers": people of several kinds
        return "CVL"
    found = head_sector(count.of)
    return found if found in _COUNTED_SECTORS else "CVL"


def _attacker_foe(actor: Actor) -> str | None:
    """The foe of an armed actor, or of the country whose attack a nationality word names ("Israeli bombardment")."""
    return foe_of(actor) if actor.sector is not None else _country_foes().get(actor.country or "")


def _names_act(root: Token, mention: Mention) -> bool:
    """Whether a mention is an attack its armed actor is named on ("the Hamas incursion", "Israeli airstrikes")."""
    return root.lemma_.lower() in _act_nouns() and mention.start < root.i


@cache
def _act_nouns() -> frozenset[str]:
    """Nouns that name an attack or its arms ("incursion", "airstrike"), from ``victim_acts.tsv``."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "victim_acts.tsv"))


@cache
def _doer_nouns() -> frozenset[str]:
    """Nouns that name people by the harm they do ("murderers", "kidnappers"), from ``victim_doers.tsv``."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "victim_doers.tsv"))


@cache
def _place_words() -> dict[str, frozenset[str]]:
    """Role → words around a place that keep victims out of it (``victim_places.tsv``)."""
    return lexicon.word_sets("actors", "victim_places.tsv", key=1, word=0)


def victims_place(event: Event, sent: Span) -> str | None:
    """The country where victims were hit: not near it ("near the Gaza border", "just north of Gaza"), nor
    where captives are held ("hostages in Gaza") or were taken ("abducted to Gaza")."""
    place = event.location
    if place is None or place.start is None or place.end is None:
        return place.country if place is not None else None
    span = sent.doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return place.country
    words = _place_words()
    root = span.root
    if root.dep_ in ("compound", "poss", "nmod") and root.head.lemma_.lower() in words["beside_noun"]:
        return None  # "the Gaza border", "Gaza's border"
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None:
        return place.country
    near = prep.head.lemma_.lower()
    outer = prep.head.head.lower_ if prep.lower_ == "of" and prep.head.dep_ == "pobj" else ""
    beside = prep.lower_ in words["beside_prep"] or (prep.lower_ == "of" and near in words["beside_prep"])
    beside = beside or outer in words["beside_prep"]  # "near the southern end of Gaza"
    if near in words["beside_noun"] or (beside and place.precision in _WIDE):
        return None  # "a festival near the border with Gaza", "towns outside (of) the Gaza Strip" are not in Gaza
    if near in words["direction"] and prep.lower_ == "of" and prep.head.dep_ != "pobj":
        return None  # "just north of Gaza" (but "in the north of Gaza" is in it)
    if near in words["captive_noun"] or (event.mode == "abduct" and prep.lower_ in ("to", "into")):
        return None
    if prep.lower_ == "from" and (_armed_noun(prep.head) or launched_from(prep.head, event)):
        return None  # "when militants from Gaza surged across the border": the attackers' home; "killed by a
        # rocket fired from Gaza": where the attack came from
    return None if event.mode == "abduct" and near in words["captive_verb"] else place.country
