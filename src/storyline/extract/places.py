"""The place where a sentence's event happened.

``event_location`` takes the places ``places_spans`` finds and picks the one on the trigger's locative path
("in", "at", "near", the object of "captured"; for a noun trigger also its verb's), else a place of a clause
that tells the event on ("storming into Israeli towns"), else the nearest place, else the article's; then the
narrowest place the text puts inside it ("the Beirut suburb of Haret Hreik"). When the rules find a place, a
learned ranker (``places_ranker``, trained on event-location dev's tuning half) may pick another of the rules'
possible settings instead, from general features of each (``choice_features``). Unresolved named sites take the
point of the town named around them. Places that only qualify an organisation ("Gaza health ministry",
"London-based"), possessors ("Syria's army") and origins ("from Lebanon") are not where the event happened.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from storyline.extract import lexicon
from storyline.extract.places_gazetteer import Entry, Gazetteer, gazetteer, locality_in, place_words
from storyline.extract.places_names import name_key
from storyline.extract.places_ranker import place_ranker
from storyline.extract.places_spans import (
    MAX_ADDRESS_GAP,
    NAMING_ROLES,
    ORGANISATION_ROLES,
    TYPING_BEFORE_ROLES,
    across_border,
    anchor_verbs_of,
    anchored,
    called_person,
    clean_name,
    event_object,
    find_places,
    governing_verb,
    is_locative,
    km,
    locative_path,
    resolved_places,
    role,
    taken_place,
    told_on,
    town_parts,
    type_word_before,
    typed_by_word,
    word_after,
)
from storyline.extract.victims_sides import launched_from
from storyline.models import Location

__all__ = ["Gazetteer", "PlaceContext", "event_location", "find_places", "gazetteer"]


class PlaceContext:
    """The places an article has named so far, counted as they come (each ``add`` costs the same however long
    the article): the countries they lie in and the most mentioned resolved place."""

    def __init__(self, places: Iterable[Location] = ()) -> None:
        self._counts: Counter[tuple[str | None, str | None]] = Counter()
        self._first: dict[tuple[str | None, str | None], tuple[int, Location]] = {}
        self._top: tuple[str | None, str | None] | None = None
        self._names: set[str] = set()
        self.countries: set[str] = set()  # ISO2 codes
        for place in places:
            self.add(place)

    def add(self, location: Location) -> None:
        """Count one more place of the article."""
        if location.country and location.country not in self._names:
            self._names.add(location.country)
            code = gazetteer().country_code(location.country)
            if code:
                self.countries.add(code)
        if location.precision == "unresolved":
            return
        key = (location.name, location.country)
        self._counts[key] += 1
        self._first.setdefault(key, (len(self._first), location))
        if self._top is None or self._leads(key, self._top):
            self._top = key

    def _leads(self, key: tuple[str | None, str | None], top: tuple[str | None, str | None]) -> bool:
        """True when ``key`` is mentioned more than ``top``, or as often and first."""
        count, top_count = self._counts[key], self._counts[top]
        return count > top_count or (count == top_count and self._first[key][0] < self._first[top][0])

    def most_mentioned(self) -> Location | None:
        """The resolved place named most often (the first named among equals), as first written; None if none."""
        return self._first[self._top][1] if self._top is not None else None


Ranked = tuple[Location, Entry | None, float]  # a candidate place, its gazetteer entry and its tier
_SPECIFICITY = {"place": 4.0, "admin2": 3.0, "admin1": 2.0, "country": 1.0, "unresolved": 4.0}


def event_location(
    sentence: Span, trigger: Token | None = None, *, context: PlaceContext | list[Location] | None = None
) -> Location | None:
    """Where the sentence's event happened: the trigger's locative place, else the nearest, else the setting of
    another of the sentence's clauses, else the article's; when the rules find a place, the place ranker
    (``places_ranker``) may replace it by another of their possible settings it scores higher by its margin."""
    article = context if isinstance(context, PlaceContext) else PlaceContext(context or ())
    sentence = _whole_sentence(sentence)
    found = resolved_places(sentence, article.countries, trigger)
    choice = _choose(sentence, found, trigger)
    best = _ranked_choice(sentence, choice, trigger)
    if best is None:
        return article.most_mentioned()
    return _refined(sentence, best, choice, found)


def _ranked_choice(sentence: Span, choice: Choice, trigger: Token | None) -> Location | None:
    """The place the ranker scores best among the candidates ``ranker_options`` allows when the rules find a
    place that is not told on by another clause ("launched an offensive in X, targeting the town of Y" keeps Y);
    the rules' choice otherwise (also "no place")."""
    ranker = place_ranker()
    options = ranker_options(sentence, choice, trigger) if ranker is not None else None
    if ranker is None or options is None or len(options[1]) < 2:
        return choice.best
    picked, _, tier = choice.candidates[ranker.choose(choice_features(sentence, choice, trigger), *options)]
    best = choice.candidates[options[0]]
    if picked is best[0]:
        return choice.best
    if tier >= 2 and best[2] >= 2 and picked.precision == "unresolved" and best[0].precision != "unresolved":
        # "killed six villagers in X, in Tillaberi region": a name the gazetteer lacks, located by the place the
        # rules chose on the same locative path
        return _located_by(sentence, picked, best[0])
    return picked


def ranker_options(sentence: Span, choice: Choice, trigger: Token | None) -> tuple[int, list[int]] | None:
    """The index of the rules' choice among the candidates and of the candidates the ranker may pick instead: the
    rules' possible settings, not places something came from nor places of a clause describing a noun; None when
    the rules' choice stands."""
    best = choice.best
    rules = next((i for i, r in enumerate(choice.candidates) if best is not None and r[0].start == best.start), None)
    if rules is None or choice.candidates[rules][2] == TOLD_ON_TIER:
        return None
    ranked = {id(r[0]) for r in choice.ranked}
    allowed = [
        i
        for i, (loc, _, _) in enumerate(choice.candidates)
        if i == rules or (id(loc) in ranked and not _origin(sentence, loc) and not _describing(sentence, loc, trigger))
    ]
    return rules, allowed


def _describing(sentence: Span, place: Location, trigger: Token | None) -> bool:
    """True for a place inside a clause that describes a noun of another part of the sentence ("seized a lawyer
    known for his reports on the killings in Kaduna"): where that description is, not the event."""
    if trigger is None:
        return False
    path = _path_to_common(_span_of(sentence, place).root, trigger)
    return path is not None and any(t.dep_ in ("acl", "relcl") for t in path)


def _origin(sentence: Span, place: Location) -> bool:
    """True for a place something came from ("fired from Gaza", "a man from the village of X")."""
    root = _span_of(sentence, place).root
    return _from(sentence, place) or (root.dep_ == "pobj" and role(root.head) == "origin")


@dataclass(slots=True)
class Choice:
    """The candidate places of an event and the rules' choice among them (``best``; None for no place)."""

    candidates: list[Ranked]
    settings: list[Ranked]
    ranked: list[Ranked]
    frames: list[Location]
    top: Location | None
    best: Location | None


def place_choice(sentence: Span, trigger: Token | None = None, countries: Iterable[str] = ()) -> Choice:
    """The candidates and the rules' choice for ``event_location`` (for the ranker's training script)."""
    sentence = _whole_sentence(sentence)
    return _choose(sentence, resolved_places(sentence, countries, trigger), trigger)


def _choose(sentence: Span, found: list[tuple[Location, Entry | None]], trigger: Token | None) -> Choice:
    """The rules' choice of the event's place among the sentence's places: the trigger's locative place, else
    the nearest setting, then the narrowest place the text puts inside it."""
    candidates = [(loc, entry, _tier(sentence, loc, trigger)) for loc, entry in found]
    candidates += [r for r in _nationality_places(sentence, trigger) if r[2] >= TOLD_ON_TIER]
    settings = [r for r in candidates if _may_be_setting(sentence, r[0], r[2], trigger)]
    ranked = (
        settings
        or [r for r in candidates if r[2] >= 1 and _in_or_at(_span_of(sentence, r[0]).root)]
        or _local_force(sentence, candidates, trigger)
    )
    if not ranked:
        return Choice(candidates, settings, [], [], None, None)
    ranked, frames = _past_frames(sentence, ranked)
    top = max(ranked, key=lambda r: _rank(sentence, r[0], r[1], r[2], trigger))
    best = _targeted(sentence, top, ranked, trigger)
    inside = [
        r for r in ranked if r[2] >= 0 and not _dateline(r[0]) and not _from(sentence, r[0]) and _within(r[0], best)
    ]
    if inside:  # "in Baghdad, Iraq", "Hebron in the West Bank": the narrowest place named
        best = max(inside, key=lambda r: (_SPECIFICITY[r[0].precision], _rank(sentence, r[0], r[1], 1, trigger)))[0]
    others = [(r[0], r[1]) for r in ranked if r[2] >= 1]
    best = _narrowest_named(sentence, best, others)
    return Choice(candidates, settings, ranked, frames, top[0], best)


def _refined(sentence: Span, best: Location, choice: Choice, found: list[tuple[Location, Entry | None]]) -> Location:
    """The chosen place resolved through the places the text puts it in or near (its words and offsets kept)."""
    ranked, frames = choice.ranked or choice.candidates, choice.frames
    others = [(r[0], r[1]) for r in ranked if r[2] >= 1]
    region = next((o for o, _ in others if _named_inside(sentence, best, o)), None)
    best = _in_region(best, region) if region is not None else best
    containers = [r[0] for r in ranked if not _reference_point(_span_of(sentence, r[0]).root)]
    named = [loc for loc, _ in found if not _reference_point(_span_of(sentence, loc).root)]
    best = _through_setting(sentence, best, containers)
    best = _through_setting(sentence, best, frames, framed=True)  # "In Mogadishu, ... in Hodan district"
    best = _by_reference(sentence, best, [loc for loc, _ in found])
    return _town_of_part(sentence, best, named)


def _past_frames(sentence: Span, ranked: list[Ranked]) -> tuple[list[Ranked], list[Location]]:
    """The candidates in a fronted frame ("In Kandahar, six civilians were killed ... in Maiwand district") set down
    to a plain setting when the event's own words put it in another named place below a country: the frame says
    where the story is, the trigger's own locative where the event was. Also the frame's places so set down."""
    inside = _frame_tokens(sentence)
    if not inside:
        return ranked, []
    framed = [r for r in ranked if r[2] >= 2 and _span_of(sentence, r[0]).root.i in inside]
    own = [r for r in ranked if r[2] >= 2 and r not in framed and _own_setting(sentence, r[0])]
    if not framed or not own:
        return ranked, []
    return [(r[0], r[1], 1.0) if r in framed else r for r in ranked], [r[0] for r in framed]


def _own_setting(sentence: Span, place: Location) -> bool:
    """True for a named place below a country and narrower than a wide region ("Europe")."""
    return place.precision != "country" and _specificity(sentence, place) != MACRO_SPECIFICITY


def _frame_tokens(sentence: Span) -> set[int]:
    """Indices of the tokens of a locative phrase that opens a sentence and a comma closes ("In Kandahar, ...",
    "Separately in neighboring Kandahar province, ..."; only adverbs and conjunctions before the preposition)."""
    doc = sentence.doc
    for sent_start in sorted({t.sent.start for t in sentence}):
        i = sent_start
        while i < sentence.end and doc[i].pos_ in ("ADV", "CCONJ", "PUNCT", "SPACE"):
            i += 1
        prep = doc[i] if i < sentence.end else None
        if prep is None or prep.dep_ != "prep" or role(prep) != "locative" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        end = max(t.i for t in prep.subtree) + 1
        if end < len(doc) and doc[end].text == ",":
            return {t.i for t in prep.subtree}
    return set()


def _by_reference(sentence: Span, place: Location, others: list[Location]) -> Location:
    """An unresolved name located by the town it is written to lie just a direction from ("X camp, north of
    Hebron"): that town's point, country and regions with the name's own words, as for a village "near" a town
    (not past a distance, "X, 20 km north of Y": Y's point is that far off)."""
    if place.precision != "unresolved":
        return place
    inner = _span_of(sentence, place)
    ref = (o for o in others if o.precision == "place" and _written_from(inner, _span_of(sentence, o)))
    setting = next(ref, None)
    return place if setting is None else _located_by(sentence, place, setting)


def _written_from(inner: Span, outer: Span) -> bool:
    """True for "<name> (<type word>), <direction> of (the) <place>" written in one run."""
    doc, i = inner.doc, inner.end
    while i < outer.start and role(doc[i]) in NAMING_ROLES:
        i += 1
    between = doc[i : outer.start]
    if len(between) < 3 or between[0].text != ",":
        return False
    words = [t for t in between[1:] if t.lower_ != "the"]
    return len(words) == 2 and role(words[0]) == "direction" and words[1].lower_ == "of"


def _town_of_part(sentence: Span, place: Location, others: list[Location]) -> Location:
    """A named site or part of a town placed in the town the text puts it in ("Al-Noor hospital in Kano",
    "the Mirpur neighbourhood of Dhaka", "Odesa's Primorskyi district"): the site's own words and offsets
    (what the text says the place is), the populated place's name, regions, point and precision (as ACLED codes
    it); the place itself when it is no site or part, or no town holds it."""
    span = _span_of(sentence, place)
    if not _site_or_part(span):
        return place
    towns = [
        o
        for o in others
        if o.start != place.start and o.precision == "place" and not _names_site(_span_of(sentence, o))
    ]
    towns = [o for o in towns if _part_of(sentence, place, o) or _site_in(span, _span_of(sentence, o))]
    if towns and _beyond_reach(place, towns[0]):
        return place  # "Kaduna's Kauru district": a district of the state, not of its capital's town
    return replace(towns[0], text=place.text, start=place.start, end=place.end) if towns else place


TOWN_REACH_KM = 20.0  # a part of a town the gazetteer places farther than this from the town is no part of it


def _beyond_reach(part: Location, town: Location) -> bool:
    """True when the town shares its name with its region ("Kaduna", "Katsina") and the gazetteer places the part
    itself as a populated place of that region farther than TOWN_REACH_KM from the town: the owner word names the
    region (a namesake of the part in another region is no such place)."""
    if part.precision != "place" or (part.country, part.admin1) != (town.country, town.admin1):
        return False
    if not town.name or name_key(town.name) != name_key(town.admin1 or ""):
        return False
    if part.lat is None or part.lon is None or town.lat is None or town.lon is None:
        return False
    return km(part, town) > TOWN_REACH_KM


def _part_of(sentence: Span, place: Location, town: Location) -> bool:
    """True when the text puts ``place`` in ``town`` one way only, or both ways with ``place`` written first
    ("the Mirpur neighbourhood of Dhaka")."""
    if not _named_inside(sentence, place, town):
        return False
    return not _named_inside(sentence, town, place) or (place.start or 0) < (town.start or 0)


def _site_in(site: Span, town: Span) -> bool:
    """True for "<site> in (the) (city of) <town>" written right after the site's name ("Ferhat Square in
    Diyarbakir"), whatever the parse hung the second "in" on."""
    doc, i = site.doc, site.end
    if i >= town.start or doc[i].lower_ not in _INSIDE_PREPS or not _names_site(site):
        return False
    return all(_inside_link(t) for t in doc[i + 1 : town.start])


def _site_or_part(span: Span) -> bool:
    """True for a named site ("Ferhat Square") or a place typed as a part of a town ("the Mirpur neighbourhood")."""
    if _names_site(span):
        return True
    parts = town_parts()
    after, before = word_after(span), type_word_before(span)
    words = (after, before, span[-1])
    return any(w is not None and w.lower_ in parts for w in words) or clean_name(span.text).lower() in parts


def _local_force(sentence: Span, ranked: list[Ranked], trigger: Token | None) -> list[Ranked]:
    """The town whose police do the act, when nothing else names a setting: "Dallas police shot ...", "was
    detonated by Los Angeles police": a town's police work in their town (not a country's forces, often abroad)."""
    return [r for r in ranked if r[0].precision == "place" and _force_of_town(_span_of(sentence, r[0]).root, trigger)]


def _force_of_town(root: Token, trigger: Token | None) -> bool:
    """True when the name qualifies a local force noun ("Dallas police") that is the trigger's agent."""
    force = root.head
    if trigger is None or root.dep_ not in ("compound", "nmod", "poss") or role(force) != "local-force":
        return False
    if force.dep_ == "nsubj":
        return force.head.i == trigger.i
    return force.dep_ == "pobj" and force.head.dep_ == "agent" and force.head.head.i == trigger.i


def _targeted(sentence: Span, top: Ranked, ranked: list[Ranked], trigger: Token | None) -> Location:
    """For a noun event, the town a clause telling it on names when it is narrower than the place the noun's
    words give: "launched an offensive in the Hama countryside, targeting the town of Souran" → Souran."""
    if top[2] < 2 or trigger is None or trigger.pos_ in ("VERB", "AUX"):
        return top[0]
    told = [r for r in ranked if r[2] == TOLD_ON_TIER and _settlement(sentence, r[0]) and _narrower(r[:2], top[:2])]
    return min(told, key=lambda r: r[0].start or 0)[0] if told else top[0]


def _settlement(sentence: Span, place: Location) -> bool:
    """True for a town or village: resolved at place precision, or unresolved and named as one ("the town of X")."""
    if place.precision != "unresolved":
        return place.precision == "place"
    span = _span_of(sentence, place)
    return _named_as_place(span) and not _names_site(span)


_ENDS = (".", "!", "?", '"', "”", "'", "’")


def _whole_sentence(sentence: Span) -> Span:
    """The sentence with the fragments the parser split off it ("killed on Saturday [31 October] in Ranipur":
    a bracket or a stray quote can end a sentence early): neighbours up to the last and next full stop."""
    doc = sentence.doc
    start, end = sentence.start, sentence.end
    while start > 0 and not doc[start - 1].text.endswith(_ENDS) and sentence.start - start < MAX_FRAGMENT:
        start = doc[start - 1].sent.start
    while end < len(doc) and not doc[end - 1].text.endswith(_ENDS) and end - sentence.end < MAX_FRAGMENT:
        end = doc[end].sent.end
    return doc[start:end]


MAX_FRAGMENT = 60  # tokens a sentence may be widened by on each side


def _in_or_at(token: Token) -> bool:
    """True when a place is the setting of the clause it is in ("when a bomb went off in X"): the sentence's
    place, for an event whose own words name none."""
    node = token
    while node.dep_ != "pobj" and node.dep_ not in ("poss", "nsubj", "dobj") and node.head.i != node.i:
        node = node.head
    return is_locative(node)


def _may_be_setting(sentence: Span, place: Location, tier: float, trigger: Token | None) -> bool:
    """False for a place that only qualifies an organisation (tier -1), an unknown name that is only an origin or
    reference point, a country off the trigger's path that only qualifies, acts or is acted on ("a US Humvee",
    "Israel captured ...", "Russia's war"), and a place that takes part in another clause's event."""
    if place.precision == "unresolved" and tier < 1:  # an origin or reference point no place word vouches for
        span = _span_of(sentence, place)
        on_path = span.root.dep_ == "compound" and locative_path(span.root.head, trigger)  # "at her X residence"
        return tier >= 0 and (on_path or _named_as_place(span))
    if place.precision != "country":
        return tier >= TOLD_ON_TIER or (
            tier >= 0 and not _elsewhere(sentence, place, trigger) and not _sent_from(sentence, place, trigger)
        )
    return tier >= TOLD_ON_TIER or (tier >= 1 and _placed(sentence, place, trigger))


def _sent_from(sentence: Span, place: Location, trigger: Token | None) -> bool:
    """True for a place a verb describing an attack or arms noun sends it from ("killed by a rocket fired from
    Gaza", "wounded by a drone launched from Lebanon"; ``victims_sides.launched_from``): where the weapon set out,
    not where the event happened. A bus "coming from" a town or a road "leading from" it is no weapon."""
    root = _span_of(sentence, place).root
    verb = root.head.head
    return (
        trigger is not None
        and root.dep_ == "pobj"
        and role(root.head) == "origin"
        and verb.pos_ == "VERB"
        and verb.i != trigger.i
        and verb.dep_ in ("acl", "relcl")
        and launched_from(verb, None)
    )


_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj"})


def _elsewhere(sentence: Span, place: Location, trigger: Token | None) -> bool:
    """True for a place that takes part in another clause's event, not as its setting: its subject, possessor,
    object or goal ("just after Washington warned", "shipped to Guantanamo", "tailed him to London's subway"),
    the outlet a source spoke to ("the source told Xinhua")."""
    root = _span_of(sentence, place).root
    if trigger is None or _clause(root).i == _clause(trigger).i:
        return False
    if root.dep_ in ("dobj", "dative", "nsubj") and root.head.lemma_ in lexicon.speech_verbs():
        return True  # "the source told Xinhua", "Xinhua reported"
    if locative_path(root, None):
        return False
    return root.dep_ in _PARTICIPANT_DEPS or (root.dep_ == "pobj" and role(root.head) == "goal")


def _placed(sentence: Span, place: Location, trigger: Token | None) -> bool:
    """True when a place off the trigger's locative path is still named as a setting: "in Iraq", "across Syria",
    "a border region of north Kenya", "outside Jamaica's capital", or the patient of a passive trigger ("Kosovo
    is patrolled by"); not as an actor, possessor, goal or object ("Russia's war", "talks with Serbia")."""
    root = _span_of(sentence, place).root
    if is_locative(root):
        return True
    if root.dep_ == "nsubjpass" and trigger is not None and root.head.i == trigger.i:
        return True
    if root.dep_ == "poss":
        return role(root.head) in NAMING_ROLES
    if event_object(root):
        return True  # "the invasion of Panama"
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    part = root.head.head
    return role(part) in NAMING_ROLES or (role(part) == "direction" and not _reference_part(part))


def _names_site(span: Span) -> bool:
    """True when a place is a named site ("Ershad Mosque", "the Sadriya market"), not a settlement."""
    after = word_after(span)
    return role(span[-1]) == "facility" or (after is not None and role(after) == "facility")


def _through_setting(sentence: Span, place: Location, others: list[Location], *, framed: bool = False) -> Location:
    """An unresolved name located by the region or town the text puts it in or near (``_located_by``:
    "Tinzaouaten, Kidal" → Tinzaouaten at the Kidal region's point and admin1 precision; "Vanderbilt University
    Medical Center in Nashville" → Nashville); with ``framed``, by a place of the sentence's fronted frame ("In
    Mogadishu, a bomb exploded in Hodan district")."""
    if place.precision != "unresolved":
        return place
    setting = next(
        (
            o
            for o in others
            if o.precision != "unresolved"
            and (framed or _named_inside(sentence, place, o) or _near_reference(sentence, place, o))
        ),
        None,
    )
    return place if setting is None else _located_by(sentence, place, setting)


def _located_by(sentence: Span, place: Location, area: Location) -> Location:
    """An unresolved name located by the area the text puts it in or near, with the name's own words and offsets.
    A locality in an admin region ("Deir Nidham, Ramallah governorate", "Kafr Nuran, a village in Aleppo
    province") keeps its own name with the region's country, regions and point at the region's precision
    (``locality_in``), as ACLED codes a village it cannot locate; a place in or near a town ("the Tal area of X",
    "X's Y district", "Vanderbilt University Medical Center in Nashville", "the village of Y near X") and a named
    site or part of a town take the town's name, as ACLED codes the populated place."""
    span = _span_of(sentence, place)
    if _site_or_part(span) or not _admin_area(_span_of(sentence, area), area):
        return replace(area, text=place.text, start=place.start, end=place.end)
    name = span[:-1] if len(span) > 1 and role(span[-1]) == "settlement" else span  # "Bindin village": Bindin
    return replace(locality_in(area, clean_name(name.text)), text=place.text, start=place.start, end=place.end)


def _admin_area(span: Span, area: Location) -> bool:
    """True for an admin region: resolved as one, or written with a region word ("Ramallah governorate", "the
    province of Idlib"), whatever town shares its name."""
    if area.precision in ("admin1", "admin2"):
        return True
    before, after = type_word_before(span), word_after(span)
    return any(w is not None and role(w) == "admin" for w in (before, after, span[-1]))


def _narrowest_named(sentence: Span, best: Location, others: list[tuple[Location, Entry | None]]) -> Location:
    """The place the text puts inside ``best`` ("the Beirut suburb of Haret Hreik", "Zamalka in East Ghouta"),
    followed down to the narrowest; ``best`` when there is none."""
    entries = {id(loc): entry for loc, entry in others}
    for _ in range(3):
        outer = (best, entries.get(id(best)))
        inner = [o for o, e in others if _nested((o, e), outer, sentence)]
        if not inner:
            return best
        best = min(inner, key=lambda o: o.start or 0)
    return best


def _in_region(place: Location, region: Location) -> Location:
    """A resolved town the text puts in an admin1 region of its country takes that region as its admin1 ("near
    Bunia in Ituri province": GeoNames still files Bunia under the province Ituri was split from in 2015)."""
    if region.precision != "admin1" or place.precision != "place" or place.country != region.country:
        return place
    return replace(place, admin1=region.admin1) if place.admin1 != region.admin1 else place


def _nested(inner: tuple[Location, Entry | None], outer: tuple[Location, Entry | None], sentence: Span) -> bool:
    """True when the text puts ``inner`` in ``outer``: one way only ("Kashmir's Kargil area", "Y in X"), or
    both ways ("the X suburb of Y") and ``inner`` is the smaller place."""
    place, region = inner[0], outer[0]
    if place is region or place.precision == "country" or not _named_inside(sentence, place, region):
        return False
    resolved = "unresolved" not in (place.precision, region.precision)
    if resolved or _named_inside(sentence, region, place):
        return _narrower(inner, outer) or _written_in_unsized(sentence, place, region)
    return True


def _written_in_unsized(sentence: Span, place: Location, region: Location) -> bool:
    """True for two names the gazetteer lacks that the words write one inside the other, whatever the parse says
    ("Shaffa and Shindiffu villages of Hawul Local Government Area", "Sabir area, Tuban District"): no sizes to
    compare, the type words and their order tell."""
    if place.precision != "unresolved" or region.precision != "unresolved":
        return False
    inner, outer = _span_of(sentence, place), _span_of(sentence, region)
    return _written_inside(inner, outer) or _address_order(inner, outer)


_NARROWNESS = {"country": 0, "admin1": 1, "admin2": 2, "place": 3, "unresolved": 4}


def _narrowness(place: Location) -> int:
    """Rank of a place's size, small last; an unresolved name after a direction word is a region ("north Sinai")."""
    if place.precision == "unresolved" and _role_of_word((place.text.split() or [""])[0]) == "direction":
        return _NARROWNESS["admin1"]
    return _NARROWNESS[place.precision]


def _role_of_word(word: str) -> str | None:
    """The place-word role of a written word."""
    return place_words().get(word.lower())


def _narrower(inner: tuple[Location, Entry | None], outer: tuple[Location, Entry | None]) -> bool:
    """True when ``inner`` is a smaller place than ``outer``: a finer precision, a name too small for the
    gazetteer, or a less populous town."""
    (place, entry), (region, region_entry) = inner, outer
    rank, region_rank = _narrowness(place), _narrowness(region)
    if rank != region_rank:
        return rank > region_rank
    return entry is not None and region_entry is not None and entry.population < region_entry.population


MAX_NESTING_EDGES = 5  # "the Aziziyah district in the city of Aleppo": five edges between the two names


_CONTAINER_DEPS = frozenset({"poss", "compound", "appos", "npadvmod", "nmod"})


_INSIDE_PREPS = frozenset({"in", "of", "inside", "within"})


def _named_inside(sentence: Span, inner: Location, outer: Location) -> bool:
    """True when the text puts ``inner`` in ``outer``: "Y in X", "Y, X", "X's Y district", "the X suburb of Y";
    no verb between them."""
    if _address_order(_span_of(sentence, inner), _span_of(sentence, outer)):
        return True
    if _written_inside(_span_of(sentence, inner), _span_of(sentence, outer)):
        return True
    y, x = _span_of(sentence, inner).root, _span_of(sentence, outer).root
    y_path, x_path = _path_to_common(y, x), _path_to_common(x, y)
    if y_path is None or x_path is None or not x_path or len(x_path) + len(y_path) > MAX_NESTING_EDGES:
        return False
    common = x_path[-1].head
    if any(t.pos_ in ("VERB", "AUX") for t in [*x_path[1:], *y_path[1:], common]):
        return False
    x_marked = any(_contains_mark(t) for t in x_path)
    y_marked = any(t.dep_ == "pobj" and t.head.lower_ in ("in", "inside", "within") or t.dep_ == "poss" for t in y_path)
    return x_marked and not y_marked


def _address_order(inner: Span, outer: Span) -> bool:
    """True when the names are written as an address, narrow to wide, whatever the parse made of the commas:
    "Tinzaouaten, Kidal", "Pazigyi village, Kanbalu township, Sagaing region", "X village, near Y" (only commas,
    region or settlement words and names between them, "near" after the first comma)."""
    doc = inner.doc
    if any(t.dep_ == "conj" or t.lower_ in ("and", "or") for t in doc[inner.start : outer.end + 3]):
        return False  # "struck Kyiv, Kharkiv and Odesa": a list, not an address
    start = inner.end
    while start < outer.start and role(doc[start]) in NAMING_ROLES:
        start += 1  # "Pazigyi village": the name's own type word
    between = doc[start : outer.start]
    if not 0 < len(between) <= MAX_ADDRESS_GAP or between[0].text != ",":
        return False
    near = between[1].lower_ in _NEAR if len(between) > 1 else False  # "Tudun Biri village, near Kaduna"
    return all(t.text == "," or role(t) in NAMING_ROLES or t.text[:1].isupper() for t in between[1 + near :])


_NEAR = frozenset({"near", "outside"})  # a village located by the town beside it, as ACLED codes one


def _written_inside(inner: Span, outer: Span) -> bool:
    """True when the text reads "Y <type word> in (the) (western) (city of) X" or "the <type word> of Y in X",
    whatever the parse made of the prepositions: "Adil neighborhood in western Baghdad", "the Findik region of
    Sirnak", "the Aziziyah district in the city of Aleppo", "the neighborhood of Adhamiyah in north Baghdad"."""
    return _written_beside(inner, outer, _INSIDE_PREPS)


def _written_beside(inner: Span, outer: Span, preps: frozenset[str]) -> bool:
    """True when the text reads "Y <type word> <prep> (the) (western) (city of) X" or "the <type word> of Y <prep>
    X", the type word also inside the name's span ("Dantudu village"), with one of ``preps``."""
    doc, i = inner.doc, inner.end
    while i < outer.start and (role(doc[i]) in NAMING_ROLES or doc[i].is_space):
        i += 1
    before = type_word_before(inner)
    typed = i > inner.end or role(inner[-1]) in _TYPES or (before is not None and role(before) in _TYPES)
    if not typed or i >= outer.start or doc[i].lower_ not in preps:
        return False
    return all(_inside_link(t) for t in doc[i + 1 : outer.start])


_TYPES = frozenset({"admin", "settlement"})


def _inside_link(token: Token) -> bool:
    """A word that may stand between "in" and the wider place's name: "the", a direction, "city of"."""
    return token.is_space or token.lower_ in ("the", "of") or role(token) in ("direction", "admin", "settlement")


def _contains_mark(token: Token) -> bool:
    """An edge that makes what hangs below it the container: "in X", "of X", "X's", "X suburb", ", X"."""
    return token.dep_ in _CONTAINER_DEPS or (token.dep_ == "pobj" and token.head.lower_ in _INSIDE_PREPS)


def _path_to_common(token: Token, other: Token) -> list[Token] | None:
    """Tokens from ``token`` up to (not including) its lowest common ancestor with ``other``."""
    above = {t.i for t in [other, *other.ancestors]}
    path: list[Token] = []
    node = token
    while node.i not in above:
        path.append(node)
        if node.head.i == node.i:
            return None
        node = node.head
    return path


def _nationality_places(sentence: Span, trigger: Token | None) -> list[tuple[Location, Entry | None, float]]:
    """Countries named only by a nationality word on a settlement noun ("storming into Israeli towns" →
    Israel; "the Iraqi capital" → Baghdad), as candidates with their tier."""
    if trigger is None:
        return []
    gaz, terms = gazetteer(), lexicon.countries().by_term
    out: list[tuple[Location, Entry | None, float]] = []
    for token in sentence:
        iso3 = terms.get(token.text) if token.dep_ in ("amod", "compound") else None
        if iso3 is None or role(token.head) not in ("settlement", "admin") or token.head.i < token.i:
            continue
        if _named_after(token.head):
            continue  # "the Italian capital Rome": the name says it
        name = lexicon.countries().names.get(iso3)
        found = gaz.resolve(name, loose=False) if name else None
        if found is None or found[0].precision != "country":
            continue
        entry = _capital_or_country(found[0], token.head)
        loc = gaz.to_location(entry, sentence.doc[token.i : token.head.i + 1].text)
        loc.start, loc.end = token.idx, token.head.idx + len(token.head)
        out.append((loc, entry, _tier(sentence, loc, trigger)))
    return out


def _named_after(noun: Token) -> bool:
    """True when a proper name follows the settlement noun or stands beside it ("the Georgian capital Tbilisi")."""
    doc = noun.doc
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return (after is not None and after.pos_ == "PROPN") or any(c.dep_ == "appos" for c in noun.children)


def _capital_or_country(country: Entry, noun: Token) -> Entry:
    """The country's capital city for "the Iraqi capital", else the country ("Israeli towns")."""
    capital = gazetteer().capital(country.cc) if noun.lemma_.lower() == "capital" else None
    return capital or country


def _within(place: Location, region: Location) -> bool:
    """True when ``place`` is a resolved place inside the country or admin1 region ``region``."""
    if region.precision == "country":
        return place.country == region.country and place.precision in ("place", "admin2", "admin1")
    if region.precision == "admin1":
        return place.admin1 == region.admin1 and place.country == region.country and place.precision == "place"
    if region.precision == "admin2":
        same = place.admin2 == region.admin2 or (place.admin2 is None and place.admin1 == region.admin1)
        return same and place.country == region.country and place.precision == "place"
    return False


def _span_of(sentence: Span, place: Location) -> Span:
    """The tokens of a found place."""
    span = sentence.doc.char_span(place.start or 0, place.end or 0, alignment_mode="expand")
    assert span is not None
    return span


def _tier(sentence: Span, place: Location, trigger: Token | None) -> float:
    """How likely a place is the event's setting: 2 on a locative path from the trigger, 1 plain,
    0 an origin or reference point ("from Lebanon", "30 km north of Gaza"), -1 not a setting at all
    (it only qualifies an organisation: "Gaza health ministry", "Syria's army")."""
    span = _span_of(sentence, place)
    root, head = span.root, span.root.head
    if root.dep_ in ("poss", "compound", "amod", "nmod") and role(head) in ORGANISATION_ROLES:
        return -1
    if _hyphen_affiliation(span):
        return -1  # "a London-based group", "US-led forces": whose, not where
    if root.dep_ == "pobj" and (role(head) == "origin" or (head.lower_ == "of" and _reference_part(head.head))):
        return 0
    if root.dep_ == "pobj" and role(head) == "direction":
        return 0
    if root.dep_ == "pobj" and head.dep_ == "agent":
        return 0  # "seized by the Eastern Front", "was shelled by Israel": who did it, not where
    if _near_named_place(root) or _persons_origin(root):
        return 0
    if (
        root.dep_ in ("compound", "amod", "nmod")
        and head.pos_ in ("NOUN", "PROPN")
        and role(head) in _NOUN_BLIND
        and (place.precision == "country" or not _qualified_setting(head, trigger))
    ):
        return 0  # "a US Humvee", "a Mogadishu cafe", "a Malian army patrol": a fallback only
    anchors = [t for t in (trigger, governing_verb(trigger)) if t is not None]
    if any(_through_subject(root, anchor) for anchor in anchors):
        return 0
    if _dateline(place):
        return 0  # a dateline ("MEXICO CITY (AP) --") says where the reporter was
    if across_border(span) and (place.precision == "country" or root.dep_ == "pobj"):
        return 0  # "captured X on the border with Zambia", "near Israel's border with Gaza": the other side
    if any(t.lower_ == "according" for t in root.ancestors):
        return 0  # "according to the MoH in Gaza": the source's seat
    if _whom(span, anchors) and place.precision == "unresolved" or _shot_one(span):
        return 0  # "shot Oudeh", "Marino was shot": whom, not where
    if called_person(root):
        return -1  # "seized Florence on her way home": a person
    if locative_path(root, trigger) or any(locative_path(root, a) for a in anchors[1:]):
        return 2
    if trigger is not None and taken_place(root) and root.head.i == trigger.i:
        return 2  # "Jowhar fell to the insurgents": the place taken
    if any(anchored(root, a) for a in anchor_verbs_of(trigger)):
        return ANCHOR_TIER
    telling = [v for a in anchors for v in told_on(a)]
    if any(locative_path(root, v) for v in telling):
        return TOLD_ON_TIER
    return 1


def _qualified_setting(noun: Token, trigger: Token | None) -> bool:
    """True when the noun a town's name qualifies is itself the setting of the trigger through a locative
    preposition ("shot at a Sarajevo street corner near the bridge"): the name says where that setting lies, as
    much as the place on the trigger's path. A noun with a place word's role of its own (a verb's object such as
    "patrol") is no setting, and a country so written is whose the thing is ("near a US convoy")."""
    return trigger is not None and role(noun) is None and is_locative(noun) and locative_path(noun, trigger)


_NOUN_BLIND = frozenset({None, "place-object", "person-object", "place-or-person-object"})  # roles a noun has not
# ("patrol" the noun is no "patrolled X" verb)

ANCHOR_TIER = 1.75  # "entered Syria to fight": Syria, when the event's own words name no place


def _near_named_place(root: Token) -> bool:
    """True for Y in "the town of X near Y", "the X village near Y", "X, a town near Y": a reference point for
    another named place, not the setting."""
    if root.dep_ == "pobj" and root.head.lower_ == "of" and role(root.head.head) in ("settlement", "admin"):
        root = root.head.head  # "a town near the city of Tikrit"
    if root.dep_ != "pobj" or root.head.lower_ not in ("near", "outside"):
        return False
    noun = root.head.head
    if role(noun) not in ("settlement", "admin"):
        return False
    named = any(c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children) for c in noun.children)
    named = named or any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < noun.i for c in noun.children)
    return named or (noun.dep_ == "appos" and noun.head.pos_ == "PROPN")


def _near_reference(sentence: Span, place: Location, other: Location) -> bool:
    """True when ``other`` is the reference point of the named place ``place`` ("the Qasr village near Baqubah",
    "the village of X outside Y"): an unresolved place takes its point, as ACLED codes a village by the town it is
    near."""
    if _written_beside(_span_of(sentence, place), _span_of(sentence, other), _NEAR):
        return True  # "the village of X near Y" with "near" hung on the verb
    root = _span_of(sentence, other).root
    if not _near_named_place(root):
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of" and role(root.head.head) in ("settlement", "admin"):
        root = root.head.head  # "near the city of Tikrit"
    noun, inner = root.head.head, _span_of(sentence, place).root
    return inner.i in {t.i for t in noun.subtree} and inner.i not in {t.i for t in root.head.subtree}


def _persons_origin(root: Token) -> bool:
    """True for a place a person is "of" ("Moussa Ranimat, 28, of the village of Tsurif near Hebron",
    "President Assad of Syria"): where someone is from, not where the event happened."""
    node = root
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.ent_type_ == "PERSON":
            return True
        node = node.head
    return False


def _from(sentence: Span, place: Location) -> bool:
    """True for a place inside a phrase saying where someone or something came from ("a man from the village of
    Yata in the Hebron area"): it narrows nothing."""
    node = _span_of(sentence, place).root
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        if node.dep_ == "pobj" and role(node.head) == "origin":
            return True
        node = node.head
    return False


def _reference_point(root: Token) -> bool:
    """True for a place a distance is measured from ("310 km north of Colombo"): it contains nothing, and its
    point is far from what is near it ("south of Hebron" is near enough for Hebron's point)."""
    if root.dep_ != "pobj" or root.head.lower_ not in ("of", "from"):
        return False
    part = root.head.head
    return any(role(t) == "reference" for t in (part, part.head, *part.children))  # "310 kilometers ... north of"


def _reference_part(noun: Token) -> bool:
    """True for "north"/"km" in "30 km north of Gaza" (a reference point), not in "in the north of Iraq" (a part
    of the place, itself where something is)."""
    if role(noun) == "reference":
        return True
    part = noun.head if noun.dep_ == "conj" else noun  # "in the north and south of Iraq"
    return role(noun) == "direction" and not is_locative(part)


def _whom(span: Span, anchors: list[Token]) -> bool:
    """True for a name no place word vouches for that is the direct object of a trigger that takes people
    ("shot Oudeh"; not "hit Kiryat Shmona", "captured Birao")."""
    root = span.root
    is_object = root.dep_ == "dobj" and any(root.head.i == a.i for a in anchors)
    return is_object and role(root.head) == "person-object" and not _named_as_place(span)


def _shot_one(span: Span) -> bool:
    """True for a name no place word vouches for that is the passive subject of a verb that takes people ("Marino
    was shot", Marino also an Italian town): the person it was done to, whatever the gazetteer holds."""
    root = span.root
    return root.dep_ == "nsubjpass" and role(root.head) == "person-object" and not _named_as_place(span)


TOLD_ON_TIER = 1.5  # "launched an assault, storming into X": X, when the trigger itself names no place


def _dateline(place: Location) -> bool:
    """True for a name in capitals, as datelines write it ("DAMASCUS", "MEXICO CITY (AP) --")."""
    return len(place.text) > 3 and place.text.isupper()


def _hyphen_affiliation(span: Span) -> bool:
    """True when a hyphenated participle follows the name ("London-based", "US-led", "Iran-backed")."""
    doc, end = span.doc, span.end
    return end + 1 < len(doc) and doc[end].text == "-" and role(doc[end + 1]) == "affiliation"


def _through_subject(token: Token, trigger: Token) -> bool:
    """True when the place is the trigger's (active) subject or qualifies it ("Israel captured", "US troops
    shelled"): an actor, not a setting. "Rebels in Syria attacked" and "a strike in X killed" are settings."""
    node = token
    for _ in range(10):
        if is_locative(node):
            return False
        if node.head.i == trigger.i:
            return node.dep_ in ("nsubj", "csubj") and role(node) != "event"
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _rank(
    sentence: Span, place: Location, entry: Entry | None, tier: float, trigger: Token | None
) -> tuple[float, ...]:
    """Sort key: tier, then (on the trigger's path) the most specific place, then closeness to the trigger."""
    root = _span_of(sentence, place).root
    distance = abs(root.i - trigger.i) if trigger is not None else root.i - sentence.start
    if tier < 2:
        hops = _tree_distance(root, trigger) if trigger is not None else 0
        in_clause = trigger is not None and root in _clause(trigger).subtree
        return (tier, in_clause, -hops, -distance)
    population = entry.population if entry is not None else 0
    listed = root.dep_ == "conj"  # in "struck Kyiv and Kharkiv" the first named leads
    return (tier, _specificity(sentence, place), -listed, -population, -distance)


def _clause(trigger: Token) -> Token:
    """The verb heading the trigger's clause (the trigger itself when it is a verb)."""
    node = trigger
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _tree_distance(a: Token, b: Token) -> int:
    """Dependency-tree edges between two tokens of one sentence."""
    up = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up:
            return up[t.i] + n
    return len(up) + n + 1


def _specificity(sentence: Span, place: Location) -> float:
    """How narrow a place is: its gazetteer precision, lowered by a following region word ("Mt. Elgon region")."""
    if place_words().get(name_key(clean_name(place.text))) == "macro":
        return MACRO_SPECIFICITY
    level = _SPECIFICITY[place.precision]
    if place.precision != "unresolved":
        return level
    span = _span_of(sentence, place)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    beyond = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
    if after is not None and role(after) == "admin" and (beyond is None or beyond.lower_ != "of"):
        return 2.5
    return level if _named_as_place(span) else UNSURE_SPECIFICITY


MACRO_SPECIFICITY = 0.5  # a region wider than a country ("the Middle East")
UNSURE_SPECIFICITY = 0.75  # a name neither the gazetteer nor a place word vouches for ("shot Oudeh"): last resort


def _named_as_place(span: Span) -> bool:
    """True when a place word around the name says it is a place: "Damboa town", "the village of X", "X's
    Yaqshid district", "X, a township"."""
    if typed_by_word(span):
        return True
    root = span.root
    if any(c.dep_ == "appos" and role(c) in TYPING_BEFORE_ROLES for c in root.children):
        return True  # "Highfield, a Harare township"
    return role(span[-1]) in NAMING_ROLES or (root.head.i != root.i and role(root.head) in NAMING_ROLES)


_DEPS = ("pobj", "dobj", "nsubj", "nsubjpass", "compound", "poss", "appos", "conj", "amod", "npadvmod", "nmod")
_PREPS = ("in", "at", "near", "on", "of", "from", "to", "across", "into", "outside", "inside", "around", "by")
_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")


def choice_features(sentence: Span, choice: Choice, trigger: Token | None) -> list[dict[str, float]]:
    """General features of each candidate place relative to the event's trigger: the rules' tier, rank and
    choice, gazetteer level and population, how the name hangs in the parse (dependency, governing preposition,
    path length to the trigger, clause), its entity label and the place words around it; no word of the name."""
    spans = [_span_of(sentence, r[0]) for r in choice.candidates]
    specific = [_specificity(sentence, r[0]) for r in choice.candidates]
    order = sorted(choice.ranked, key=lambda r: _rank(sentence, r[0], r[1], r[2], trigger), reverse=True)
    places = [r[0] for r in choice.candidates]
    rows = []
    for n, ((loc, entry, tier), span) in enumerate(zip(choice.candidates, spans, strict=True)):
        root = span.root
        f: dict[str, float] = {f"tier={tier:g}": 1.0, f"prec={loc.precision}": 1.0}
        f["rule_best"] = float(choice.best is not None and loc.start == choice.best.start)
        f["rule_top"] = float(choice.top is not None and loc.start == choice.top.start)
        rank = next((k for k, r in enumerate(order) if r[0] is loc), None)
        f[f"rank={min(rank, 2) if rank is not None else 'none'}"] = 1.0
        f["setting"] = float(any(r[0] is loc for r in choice.settings))
        f["specificity"] = specific[n] / 4
        f["most_specific"] = float(specific[n] == max(specific))
        f["least_specific"] = float(specific[n] == min(specific) and len(set(specific)) > 1)
        f["population"] = math.log10(1 + (entry.population if entry is not None else 0)) / 7
        f[f"dep={root.dep_ if root.dep_ in _DEPS else 'other'}"] = 1.0
        if root.dep_ == "pobj":
            f[f"prep={root.head.lower_ if root.head.lower_ in _PREPS else 'other'}"] = 1.0
        f[f"head_role={role(root.head) or 'none'}"] = 1.0
        f[f"label={root.ent_type_ if root.ent_type_ in _LABELS else 'other'}"] = 1.0
        if trigger is not None:
            hops = _tree_distance(root, trigger)
            f[f"hops={min(hops, 6)}"] = 1.0
            f["distance"] = min(abs(root.i - trigger.i), 30) / 30
            f["before_trigger"] = float(root.i < trigger.i)
            f["same_clause"] = float(root in _clause(trigger).subtree)
            f["locative_path"] = float(locative_path(root, trigger))
            f["noun_trigger_tier2"] = float(trigger.pos_ not in ("VERB", "AUX") and tier >= 2)
        f["named_as_place"] = float(_named_as_place(span))
        f["site"] = float(_names_site(span))
        f["site_or_part"] = float(_site_or_part(span))
        f["inside_other"] = float(any(o is not loc and _named_inside(sentence, loc, o) for o in places))
        f["holds_other"] = float(any(o is not loc and _named_inside(sentence, o, loc) for o in places))
        f["first"] = float(n == 0)
        f["last"] = float(n == len(places) - 1)
        f["dateline"] = float(_dateline(loc))
        f["from"] = float(_from(sentence, loc))
        rows.append(f)
    return rows
