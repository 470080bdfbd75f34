"""Victims of violent events (actor2): who was killed, hurt or taken, and their country, for any conflict.

Evidence, strongest first: the victims' own words ("900 Israelis", "Israeli soldiers", "people in Gaza"),
the place of the event ("killed in Gaza"), then the attacker's opponent (``opponents.tsv``). A sentence
that reports victims of two countries ("killed 900 Israelis ... killed 700 Palestinians", "Israelis and
Palestinians were killed") yields one event per country, each with its own counts. The evidence a sentence
gives on whose people the victims are is read in ``victims_sides``; this module builds the victims from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.extract.actors import ARMED, LOCAL_SECTORS, actor_name, with_country
from storyline.extract.counts_lexicon import counts_lexicon, head_sector
from storyline.extract.victims_sides import (
    are_captives,
    are_doers,
    count_sides,
    count_tellers,
    counted_sector,
    foe_of,
    harm_lemmas,
    names_beside,
    names_fight,
    nationalities,
    on_both_sides,
    places_apart,
    raiders_side,
    sentence_foe,
    side_parties,
    span_in,
    victims_foe,
    victims_place,
)
from storyline.models import Actor, Count, Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from storyline.extract.roles import MentionIndex


HURT_KINDS = frozenset({"killed", "injured", "missing", "hostages"})
UNARMED = frozenset({"CVL", "HLH", "MED", "REF", "PRO", "OPP"})
_NO_SECTOR = frozenset({None, "UNK"})


@cache
def _harm_words() -> frozenset[str]:
    """Surface forms of the harm lemmas ("killed", "shot", "dying"): their regular inflections and the irregular
    forms ``victim_triggers.tsv`` lists beside them."""
    words: set[str] = set()
    for row in lexicon.read_tsv("actors", "victim_triggers.tsv"):
        lemma = row[0]
        stem = lemma.removesuffix("e")
        stem += lemma[-1] if re.search(r"[^aeiou][aeiou][bdgmnpt]$", lemma) else ""  # "stabbed", "kidnapping"
        words |= {lemma, lemma + "s", stem + "ed", stem + "ing", *(row[1].split() if len(row) > 1 else ())}
    return frozenset(words)


def reports_harm(event: Event) -> bool:
    """Whether an event says people were killed, hurt or taken: a count of them, victims named by a noun of the hurt
    ("the victims", "the dead") or a harm trigger word."""
    if any(c.kind in HURT_KINDS for c in event.counts):
        return True
    victims = event.actor2
    named = victims.text.lower().split()[-1:] if victims is not None and victims.sector == "CVL" else []
    if named and named[0] in _hurt_nouns():
        return True
    trigger = event.trigger.text.lower().split() if event.trigger is not None else []
    return not _harm_words().isdisjoint(trigger)


def split_by_victims(
    event: Event, sent: Span, others: list[Actor] | None = None, index: MentionIndex | None = None
) -> list[Event]:
    """The event, or one per country when its victims (counts, conjuncts, ``others``) are of several; when
    conjoined doers of two sides hurt them, each country's event has the doer who hit its people as attacker."""
    if event.type != "ASSAULT":
        return [event]
    if event.actor1 is not None and names_fight(event.actor1, sent):
        event.actor1 = None  # "the Armenia-Azerbaijan war killed 6,000 people": the war is no one side's doer
    if event.actor2 is not None and names_beside(event.actor2.text):
        event.actor2 = None  # "killed by Hamas fighters at a festival near the Gaza border": a place, not the victims
    groups: dict[str | None, list[Count]] = {}
    named_victims = {a.country: a for a in others or [] if a.country}
    extra: list[str] = list(named_victims)
    home: dict[str, str | None] = {}  # a count's text → its group: a part stays with its whole
    hitters: dict[str, Actor | None] = {}  # victims' country → who hit them, when doers of two sides did
    spread: dict[str, Count] = {}  # another country → the one count that counts its people beside the first's
    tellers = count_tellers([c for c in event.counts if c.kind in HURT_KINDS and c.part_of is None], sent, index)
    for count in event.counts:
        if count.part_of is not None:  # "seven aid workers, including three British nationals": one group
            groups.setdefault(home.get(count.part_of), []).append(count)
            continue
        countries, hit_by = count_sides(count, sent, index, event) if count.kind in HURT_KINDS else ([], {})
        countries = countries or ([tellers[count.text]] if count.text in tellers else [])
        hitters.update(hit_by)
        home[count.text] = countries[0] if countries else None
        groups.setdefault(home[count.text], []).append(count)
        extra += countries[1:]
        spread.update({c: count for c in countries[1:] if c not in spread})
    victims = event.actor2
    hurt = [c for c in event.counts if c.kind in HURT_KINDS and c.part_of is None]
    if victims is not None and hurt and _not_people(victims, sent, all(home[c.text] for c in hurt)):
        victims = None  # "hit the Indonesian Hospital, killing 12 people": the people are the victims, not its name
    named = nationalities(victims.text) if victims is not None else []
    extra += named if len(named) > 1 else []  # "Israelis and Palestinians"
    root = _root(victims, sent) if victims is not None and not hurt else None
    parties = (side_parties(root, index) or []) if root is not None and on_both_sides(root) else []
    extra += parties if len(parties) > 1 else []  # "killing civilians on both sides"
    extra += places_apart(root) if root is not None and not named else []  # "civilians in both Israel and Gaza"
    counted = [c for c in groups if c]
    # the target keeps its country beside counted people of another ("destroy Hamas, which killed 1,400 people")
    own_words = [victims.country] if victims is not None and victims.country and (named_victims or counted) else []
    countries = list(dict.fromkeys(own_words + counted + extra))
    if len(countries) == 1 and (victims is None or not victims.country):
        only = countries[0]
        event.actor2 = _as_victims(victims, only) if victims else _victims_of(groups.get(only, []), only)
    if len(countries) < 2:
        return [event]
    own = victims.country if victims is not None and victims.country in countries else countries[0]
    main = replace(event, counts=[c for k, cs in groups.items() if k not in countries or k == own for c in cs])
    if main.actor2 is None or main.actor2.country != own:
        main.actor2 = _victims_of(groups.get(own, []), own)
    if own in hitters:
        main.actor1 = _hitter(event.actor1, hitters[own])
    sides = [c for c in countries if c != own]
    both = next((c for c in hurt if _on_both_sides(c.start, c.end, sent)), None)
    like = {c: _people_like(both or spread[c], c) for c in sides if both is not None or c in spread}
    found = [_side_event(event, c, groups.get(c, []), named_victims.get(c) or like.get(c)) for c in sides]
    for country, side in zip(sides, found, strict=True):
        if country in hitters:
            side.actor1 = _hitter(event.actor1, hitters[country])
    told = set(tellers.values()) - set(extra)
    for part in (main, *found):  # "X says 3,000 were killed, while Y says 1,400 died in the Hamas attack"
        victims_of = part.actor2.country if part.actor2 is not None else None
        if victims_of in told and foe_of(part.actor1) not in (None, victims_of):
            part.actor1 = None  # the attack of the other teller's clause hit the other side's people
    return [main, *found]


def _hitter(attacker: Actor | None, doer: Actor | None) -> Actor | None:
    """Who hit one side's people of two conjoined doers: the event's attacker when it is that doer's side (its
    words as the event read them), else the doer; None when no one doer is theirs."""
    same = attacker is not None and doer is not None and attacker.country == doer.country
    return attacker if same else doer


def _root(actor: Actor, sent: Span) -> Token | None:
    """The head word of an actor's words in the sentence, None when its offsets are not known."""
    if actor.start is None or actor.end is None:
        return None
    span = sent.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None else None


def _of_unnamed_sides(event: Event, sent: Span, index: MentionIndex | None) -> bool:
    """Whether an event's victims are told to be of both sides of a fight whose parties the sentence does not name
    ("the war has killed thousands on both sides"): no one country is theirs."""
    spans = [(c.start, c.end) for c in event.counts if c.kind in HURT_KINDS]
    spans += [(event.actor2.start, event.actor2.end)] if event.actor2 is not None else []
    found = [sent.doc.char_span(s, e, alignment_mode="expand") for s, e in spans if s is not None and e is not None]
    roots = [span.root for span in found if span is not None]
    return any(on_both_sides(root) and side_parties(root, index) is None for root in roots)


def _on_both_sides(start: int | None, end: int | None, sent: Span) -> bool:
    """Whether the people a span of the sentence names are told to be of both sides."""
    span = sent.doc.char_span(start, end, alignment_mode="expand") if start is not None and end is not None else None
    return span is not None and on_both_sides(span.root)


def _people_like(count: Count, country: str) -> Actor:
    """People of a country of the kind a count counts ("15 soldiers on both sides": the other side's soldiers)."""
    sector = counted_sector(count)
    words = count.of or "people"
    return Actor(words, actor_name(country, sector, words), country, sector)


def _not_people(actor: Actor, sent: Span, placed: bool) -> bool:
    """Whether an actor's words name a thing ("the Indonesian Hospital"), or a place when the counted people have
    countries of their own (``placed``: "scores of Israelis died ... an invasion of Gaza"; but in "the attack on
    Israel, which killed 1,400 people" the place is where the uncounted-for people were)."""
    words = actor.text.lower().split()
    if words and words[-1] in counts_lexicon().not_counted:
        return True
    span = span_in(sent, actor) if placed else None
    return span is not None and span.root.ent_type_ in ("GPE", "LOC", "FAC")


def _side_event(event: Event, country: str, counts: list[Count], victims: Actor | None = None) -> Event:
    """The event's share for victims of one country; an attacker of that same country is not theirs."""
    attacker = event.actor1 if event.actor1 is None or event.actor1.country != country else None
    victims = victims if victims is not None and not counts else _victims_of(counts, country)
    return replace(event, actor1=attacker, actor2=victims, counts=counts)


def _victims_of(counts: list[Count], country: str) -> Actor:
    """Civilians of a country, spanning the count that names them when there is one."""
    count = counts[0] if counts else None
    if count is None:
        return Actor("civilians", actor_name(country, "CVL", "civilians"), country, "CVL")
    text = count.text  # the count's own span, so that the actor's offsets point at its text
    sector = counted_sector(count)
    return Actor(text, actor_name(country, sector, text), country, sector, count.start, count.end)


def _as_victims(actor: Actor, country: str | None) -> Actor:
    """An attack's target as its victims: civilians unless the words name a sector, of the given country."""
    if actor.sector in _NO_SECTOR:
        actor = replace(actor, sector="CVL")
    return with_country(actor, country)


def counted_victims(event: Event) -> Actor | None:
    """Victims named only by a count ("killing 12 Palestinians") as civilians of their nationality."""
    if event.type != "ASSAULT":
        return None
    for count in event.counts:
        countries = nationalities(count.of) if count.kind in HURT_KINDS and count.part_of is None else []
        if countries and count.of:
            return _victims_of([count], countries[0])
    return None


def victim_country(
    event: Event,
    place: str | None,
    foe: Callable[[], str | None] = lambda: None,
    words: str | None = None,
    raided: str | None = None,
) -> str | None:
    """Unstated victims' country: the place's (the attacker's foe's if it is theirs or none), else the reporter's,
    else, for attackers, ``raided``: the side of raiders across a front (``raiders_side``), else the ``foe`` of the
    sentence's other armed actors when the event has no attacker of its own (read only then; ``words``: the
    victims' words, by default their actor's or counts')."""
    actor1 = event.actor1
    if words is None:
        words = event.actor2.text if event.actor2 is not None else " ".join(c.of or "" for c in event.counts)
    captives = are_captives(words)
    opponent = victims_foe(actor1, captives)
    raiders = raided if are_doers(words) and not captives else None
    place = None if captives or are_doers(words) else place  # where hostages are held, or attackers struck
    if opponent and actor1 is not None and (place is None or place == actor1.country):
        return opponent
    own_attacker = actor1 is not None and actor1.country and (actor1.sector in ARMED or opponent)
    return place or _reporter_country(event) or raiders or (None if own_attacker else foe())


def _reporter_country(event: Event) -> str | None:
    """The reporting source's country: its own people ("Hamas said its officials"), or that of a named unarmed
    source that tells its area's dead ("the Gaza Health Ministry"); officials named only by their nationality
    ("Israeli officials", "U.S. officials said") may tell of anyone's dead."""
    attribution = event.attribution
    source = attribution.source if attribution is not None else None
    if not source or attribution is None or (_attacker_named(event) and not _own_people(event)):
        return None
    group = lexicon.groups().get(source.removeprefix("the ").removeprefix("The "))
    sector = group.sector if group is not None else head_sector(source)
    if sector in ARMED and not _own_people(event):
        return None
    if group is not None:
        return group.country
    named = nationalities(source) if _own_people(event) else []
    return named[0] if named else None


def _own_people(event: Event) -> bool:
    """Whether the victims are named as the source's own: "its members", "their fighters"."""
    words = event.actor2.text.lower().split() if event.actor2 is not None else []
    return bool(words) and ("its" in words or "their" in words)


def _attacker_named(event: Event) -> bool:
    """Whether the event has an attacker with a country who is not merely the one reporting it."""
    actor1, attribution = event.actor1, event.attribution
    if actor1 is None or not actor1.country:
        return False
    if attribution is None or attribution.start is None or actor1.start is None:
        return True
    return not (attribution.start <= actor1.start < (attribution.end or attribution.start))


def local_victims(
    event: Event, lemmas: Iterable[str], sent: Span, index: MentionIndex | None = None, before: str | None = None
) -> Actor | None:
    """Unnamed people a count, one of the event's trigger ``lemmas`` or a noun of the hurt says were hurt ("hit by
    airstrikes, killing many"; "the victims of the strike", with those words): civilians of the likely country
    (``before``: the country of the victims the sentences before told of, when nothing in this one says); none for
    people on both sides of a fight whose parties the sentence does not name."""
    if event.type != "ASSAULT":
        return None
    hurt = [c for c in event.counts if c.kind in HURT_KINDS]
    named = _hurt_noun(event, sent) if not hurt else None
    if not (hurt or named is not None or not harm_lemmas().isdisjoint(lemmas)):
        return None  # an attack that names no one hurt has no victims to invent ("Israeli raids in Jenin")
    if _of_unnamed_sides(event, sent, index):
        return None  # "the war has killed thousands on both sides": no party named, no one country
    foe = lambda: sentence_foe(sent, index, event) or before  # noqa: E731
    words = named.text if named is not None else None
    country = victim_country(event, victims_place(event, sent), foe, words, raiders_side(sent))
    if not country:
        return None
    if named is None:
        return _victims_of(hurt, country)
    start, end = min(t.idx for t in named.subtree if t.i <= named.i), named.idx + len(named)
    text = sent.doc.text[start:end]  # "Ukraine's victims", as written
    return Actor(text, actor_name(country, "CVL", text), country, "CVL", start, end)


def _hurt_noun(event: Event, sent: Span) -> Token | None:
    """The noun of the hurt an attack noun tells the cause of ("victims of the Hamas assault", "casualties from the
    strike", ``victim_nouns.tsv``): those people are its victims."""
    trigger = event.trigger
    span = sent.doc.char_span(trigger.start, trigger.end, alignment_mode="expand") if trigger is not None else None
    root = span.root if span is not None else None
    if root is None or root.pos_ != "NOUN" or root.dep_ != "pobj" or root.head.lower_ not in ("of", "from"):
        return None
    noun = root.head.head
    return noun if noun.lower_ in _hurt_nouns() and noun.pos_ in ("NOUN", "ADJ") else None


@cache
def _hurt_nouns() -> frozenset[str]:
    """Nouns of the hurt as written ("victims", "the dead"), from ``victim_nouns.tsv``."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "victim_nouns.tsv"))


def localise(event: Event, sent: Span, index: MentionIndex | None = None, before: str | None = None) -> None:
    """Local sectors take the place's country (ACLED practice); anyone an attack hit, the victims' (``before``:
    as in ``local_victims``)."""
    place = event.location.country if event.location else None
    if event.actor1 is not None and event.actor1.sector in LOCAL_SECTORS:
        event.actor1 = with_country(event.actor1, place)
    victims = event.actor2
    if victims is None or victims.country:
        return
    if event.type == "ASSAULT":
        if _of_unnamed_sides(event, sent, index):
            return  # "people on both sides are dying": their place or the attacker's foe is one side only
        hit_at = victims_place(event, sent)
        foe = lambda: sentence_foe(sent, index, event) or before  # noqa: E731
        country = victim_country(event, hit_at, foe, _victims_words(victims, sent), raiders_side(sent))
        event.actor2 = _as_victims(victims, country)
    elif victims.sector in LOCAL_SECTORS or victims.sector is None:
        event.actor2 = with_country(victims, place)


def _victims_words(victims: Actor, sent: Span) -> str:
    """The victims' words with the people their "of" phrase names ("a number of the hostages")."""
    span = span_in(sent, victims)
    if span is None:
        return victims.text
    of = [c for p in span.root.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
    return " ".join([victims.text, *(t.text for c in of if c.dep_ == "pobj" for t in c.subtree)])


def share_victims(events: list[Event]) -> None:
    """Victims of an abduction or rape during an assault, with no nationality in their words, are the assault's."""
    assaults = [e.actor2 for e in events if e.type == "ASSAULT" and e.mode not in ("abduct", "sexual")]
    # the assault with victims: "Israel pounded Gaza since Hamas staged an attack killing 1,200 Israelis and taking
    # 150 hostage" tells the bombing first, with none
    victims = next((a for a in assaults if a is not None), None)
    if victims is None or victims.sector != "CVL" or not victims.country:
        return
    terms = lexicon.countries().by_term
    for event in events:
        other = event.actor2
        if event.mode not in ("abduct", "sexual") or event.type != "ASSAULT" or other is None or other.sector != "CVL":
            continue
        if not any(word in terms for word in other.text.split()):
            event.actor2 = replace(other, country=victims.country, name=victims.name)


def last_victims(events: list[Event]) -> str | None:
    """The country of the last victims with one that a sentence's attacks hit: the next sentences' context
    ("Hamas gunmen killed 260 Israelis at the festival. Many were shot as they fled.")."""
    countries = [e.actor2.country for e in events if e.type == "ASSAULT" and e.actor2 is not None]
    return next((c for c in reversed(countries) if c), None)
