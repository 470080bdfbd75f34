"""Places in a sentence and the place where its event happened.

``find_places`` starts from what spaCy calls a place (GPE, LOC, FAC), adds names it mislabels (PERSON/ORG/NORP
spans and untagged proper nouns that are gazetteer names of a real town, or that a place word types: "Damboa
town", "the village of X", "Kissufim crossing", "the regional capital, Grozny"), and resolves each against the
offline gazetteer; names of groups, communities, ages ("Millan, 41,") and small namesakes abroad are kept out.
``event_location`` picks the place on the trigger's locative path ("in", "at", "near", the object of "captured";
for a noun trigger also its verb's), else a place of a clause that tells the event on ("storming into Israeli
towns"), else the nearest place, else the article's; then the narrowest place the text puts inside it ("the
Beirut suburb of Haret Hreik"). Names the gazetteer lacks count where the trigger puts them ("positions in
Bayyanoun") and stay unresolved, or take the point of the town named around them. Places that only qualify an
organisation ("Gaza health ministry", "London-based"), possessors ("Syria's army") and origins ("from
Lebanon") are not where the event happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from storyline.extract import lexicon
from storyline.extract.places_gazetteer import Entry, Gazetteer, Level, gazetteer, place_words
from storyline.extract.places_names import name_key
from storyline.models import Location

__all__ = ["Gazetteer", "event_location", "find_places", "gazetteer"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE"})
MIN_POPULATION = 5000  # a mislabelled/untagged name after "in"/"at" is a place if it names a town this big
MIN_POPULATION_OBJECT = 20000  # ... and as a verb's object ("hit Kiryat Shmona") only a town this big
MIN_POPULATION_ANYWHERE = 100000  # ... and elsewhere ("Khan Yunis residents") only a city this big
MIN_POPULATION_METROPOLIS = 1000000  # ... or, for a one-word name ("a central Kiev courthouse"), this big
_SPECIFICITY = {"place": 4.0, "admin2": 3.0, "admin1": 2.0, "country": 1.0, "unresolved": 4.0}


def find_places(sentence: Span) -> list[Location]:
    """Every place named in the sentence, resolved, with doc-level character offsets, in text order."""
    return [loc for loc, _ in _resolved_places(sentence)]


def _resolved_places(
    sentence: Span, article: Iterable[Location] = (), trigger: Token | None = None
) -> list[tuple[Location, Entry | None]]:
    """Places of the sentence with their gazetteer entries; ambiguous names re-resolved in the country of the
    sentence's other places and of the article's places."""
    gaz = gazetteer()
    first = [(span, _resolve(gaz, span)) for span in _place_spans(sentence, gaz, trigger)]
    seen = {cc for cc in map(gaz.country_code, {loc.country for loc in article}) if cc}  # once per country
    out: list[tuple[Location, Entry | None]] = []
    for i, (span, found) in enumerate(first):
        near = _countries(other[0] for j, (_, other) in enumerate(first) if other and j != i) | seen
        again = gaz.resolve(_clean(span.text), near=near) if found and near else found
        if again and near and again[0].cc not in near and _namesake(again):
            again = None  # "Boni" → Bonn beside Malian towns, "Shaba province" → a Chinese village: a guess
        if again is None and all(t.pos_ != "PROPN" for t in span):
            continue  # an unknown common word that spaCy tagged ("Peacekeepers" opening a sentence)
        if again is None and len(span) == 1 and _role(span[0]) in _NAMING_ROLES:
            continue  # a type word alone ("the Dara'a Governorate": "Governorate" split off), not a name
        loc = gaz.to_location(again[0], span.text) if again else Location(text=span.text)
        loc.start, loc.end = span.start_char, span.end_char
        out.append((loc, again[0] if again else None))
    return sorted(out, key=lambda pair: pair[0].start or 0)


def _namesake(found: tuple[Entry, Level]) -> bool:
    """True for a match that is likely a namesake when found abroad: a spelling-skeleton match, or a small town."""
    entry, level = found
    small = entry.precision == "place" and not entry.curated and entry.population < MIN_POPULATION_ANYWHERE
    return level == "loose" or small


def _resolve(gaz: Gazetteer, span: Span) -> tuple[Entry, Level] | None:
    """The gazetteer entry of a place span; wider-than-country regions ("the Middle East") stay unresolved."""
    words = place_words()
    key = name_key(_clean(span.text))
    if words.get(key) == "macro" or words.get(key.partition(" ")[2]) == "macro" and words.get(key.split()[0]):
        return None  # "the Middle East", "west Africa"
    return gaz.resolve(_clean(span.text))


def _clean(text: str) -> str:
    """A name as the gazetteer wants it: no leading "the", no possessive."""
    text = text.strip().removesuffix("'s").removesuffix("’s")
    return text[4:] if text.lower().startswith("the ") else text


def _countries(entries: Iterable[Entry]) -> set[str]:
    """The most common country among resolved entries (the sentence's setting)."""
    counts = Counter(e.cc for e in entries)
    return {counts.most_common(1)[0][0]} if counts else set()


def _place_spans(sentence: Span, gaz: Gazetteer, trigger: Token | None = None) -> Iterator[Span]:
    """Spans that name places: spaCy place entities, mislabelled entities, untagged proper-noun runs (with a
    ``trigger``, also names the gazetteer lacks where the event's locative puts them: "attacked in Jezzine")."""
    words = place_words()
    accepted: list[Span] = []
    maybe: list[Span] = []
    for ent in sentence.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELS and ent.label_ != "NORP":
            continue  # dates, numbers, quantities
        span = _extend(_widen(_trim(ent)), gaz)
        if span is None or words.get(name_key(_clean(span.text))) == "not-place" or _is_group(span):
            continue
        if _aged(span):
            continue  # "Millan, 41, was shot": a person
        if not any(t.text[:1].isupper() for t in span):
            continue  # "van", "west bank of the Tigris": not a name
        if ent.label_ == "NORP":  # "Syrian", "Shia": not places; "Aleppo" tagged NORP is one
            if all(t.pos_ == "PROPN" for t in span) and (_is_known_place(span, gaz) or _typed_name(span)):
                accepted.append(span)
        elif ent.label_ in PLACE_LABELS:
            accepted.append(span)
        elif ent.label_ in MISLABELS:
            maybe.extend(_split_list(span))
    taken = {t.i for span in accepted + maybe for t in span}
    maybe += [run for run in _proper_runs(sentence) if not taken.intersection(t.i for t in run)]
    for span in maybe:
        if _is_place_name(span, gaz, accepted) or (trigger is not None and _unknown_setting(span, trigger)):
            accepted.append(span)
    return iter(accepted)


_SETTING_PREPS = frozenset({"in", "at", "near", "inside", "outside", "into", "around", "through"})


def _unknown_setting(span: Span, trigger: Token) -> bool:
    """True for a proper name the gazetteer lacks that the trigger puts its event in ("shelled positions in
    Bayyanoun", "clashed at Kafr Sousah") or takes as the place it acts on ("captured Birao"); acronyms and
    one-letter names are left out."""
    root = span.root
    if span.text.isupper() or len(span.text) < 3 or _is_group(span):
        return False
    if any(t.pos_ not in ("PROPN", "PUNCT") for t in span):
        return False
    if root.dep_ == "dobj" and root.head.i == trigger.i and _role(trigger) == "place-object":
        return root.ent_type_ != "PERSON"  # "rebels captured Birao", "troops stormed Zabdeen"
    if root.dep_ != "pobj" or root.head.lower_ not in _SETTING_PREPS:
        return False
    return _locative_path(root, trigger) or any(_locative_path(root, v) for v in [_governing_verb(trigger)] if v)


def _aged(span: Span) -> bool:
    """True when an age follows the name between commas ("Millan, 41,"): a person, whatever the tagger says."""
    doc, end = span.doc, span.end
    return end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text == ","


def _is_group(span: Span) -> bool:
    """True when the span names an armed group or organisation of the actor dictionary ("al-Qaida compound")."""
    return _clean(span.text).lower() in _group_names()


@lru_cache(maxsize=1)
def _group_names() -> frozenset[str]:
    """Lower-case names and aliases of the actor dictionary's groups."""
    return frozenset(name.lower() for name in lexicon.groups())


def _split_list(span: Span) -> Iterator[Span]:
    """The items of a span that lists names ("Kyiv and Kharkiv" tagged as one WORK_OF_ART)."""
    start = span.start
    for token in span:
        if token.dep_ == "cc" or token.text in (",", ";", "(", ")"):
            if token.i > start:
                yield span.doc[start : token.i]
            start = token.i + 1
    if start < span.end:
        yield span.doc[start : span.end]


def _trim(span: Span) -> Span | None:
    """The span without a leading determiner or trailing possessive/punctuation; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _widen(span: Span | None) -> Span | None:
    """The span with the untagged proper nouns right before it ("Santo" of "Santo Domingo" when only
    "Domingo" is tagged) and the hyphenated rest of its name ("Mazar" of "Mazar-e-Sharif", not "Gaza-based")."""
    if span is None:
        return None
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and _hyphen_glued(doc[end - 1], doc[end]):
        end += 1
    while end > start + 1 and doc[end - 1].text == "-":
        end -= 1
    return doc[start:end]


def _hyphen_glued(left: Token, right: Token) -> bool:
    """True when two touching tokens are parts of one hyphenated name ("Mazar" "-" "e" "-" "Sharif")."""
    if right.text == "-":
        return True
    return left.text == "-" and right.is_alpha and (right.text[:1].isupper() or len(right.text) <= 2)


def _extend(span: Span | None, gaz: Gazetteer) -> Span | None:
    """The span with a following place word when together they name a curated place ("Jabalia" + "camp")."""
    if span is None:
        return None
    doc = span.doc
    for width in (2, 1):
        end = span.end + width
        if end <= len(doc) and all(
            _role(t) in ("settlement", "facility") or t.lower_ == "refugee" for t in doc[span.end : end]
        ):
            found = gaz.best(doc[span.start : end].text, loose=False)
            if found and found[0].curated:
                return doc[span.start : end]
    return span


_NAMING_ROLES = frozenset({"admin", "settlement", "facility", "feature"})  # "Damboa town", "Kissufim crossing"
_GLUE = frozenset({"-", "al", "el", "au", "de", "du", "la", "sur"})  # "Port-au-Prince"


def _proper_runs(sentence: Span) -> Iterator[Span]:
    """Maximal runs of proper nouns (with inner "al-"/"de" glue) not inside an entity."""
    doc, i = sentence.doc, sentence.start
    while i < sentence.end:
        if doc[i].pos_ == "PROPN" and not doc[i].ent_type_:
            j = i + 1
            while j < sentence.end and (doc[j].pos_ == "PROPN" or doc[j].text in _GLUE) and not doc[j].ent_type_:
                j += 1
            while j > i + 1 and doc[j - 1].text in _GLUE:
                j -= 1
            if any(t.text[:1].isupper() for t in doc[i:j]):  # "highland", "van": common words tagged PROPN
                yield doc[i:j]
            i = j
        else:
            i += 1


def _is_place_name(span: Span, gaz: Gazetteer, places: list[Span]) -> bool:
    """A mislabelled or untagged span is a place when a place word names it as one ("Damboa town", "city of
    Ibb"), or when it sits where places sit (after "in"/"at", or listed with a place) and names a real town."""
    words = place_words()
    after, before = _word_after(span), _type_word_before(span)
    if after is not None and _role(after) in _NAMING_ROLES or before is not None and _role(before) in _NAMING_ROLES:
        return True
    if len(span) > 1 and words.get(span[-1].lower_) in _NAMING_ROLES:
        return True
    root = span.root
    if root.dep_ == "conj" and root.head.ent_type_ == "ORG":
        return False  # "the Islamic State of Iraq and Al-Sham": the rest of an organisation's name
    if root.dep_ == "poss" and _role(root.head) in _NAMING_ROLES:
        return True  # "Colombo's business district"
    if root.dep_ == "appos" and _role(root.head) in ("admin", "settlement") or _type_word_just_before(span):
        return True  # "the regional capital, Grozny", "a Brooklyn neighborhood, Canarsie", "village Lassipora"
    locative = root.dep_ == "pobj" and _role(root.head) == "locative"
    listed = root.dep_ in ("conj", "appos") and any(root.head in p for p in places)
    patient = root.dep_ in ("dobj", "nsubjpass")
    if span.text.isupper() and len(span.text) <= 5:
        return False
    found = gaz.best(_clean(span.text), loose=False)
    if found is None:
        return False
    entry = found[0]
    if not (locative or listed or patient):  # anywhere else a well-known name of two words or more, or a metropolis
        bar_anywhere = MIN_POPULATION_ANYWHERE if len(span) > 1 else MIN_POPULATION_METROPOLIS
        return found[1] == "exact" and (entry.curated or entry.population >= bar_anywhere)
    bar = MIN_POPULATION if locative or listed else MIN_POPULATION_OBJECT
    return entry.curated or entry.precision != "place" or entry.population >= bar


def _word_after(span: Span) -> Token | None:
    """The first word after the span, past whitespace tokens and "refugee" ("Nusseirat refugee camp")."""
    doc, i = span.doc, span.end
    while i < len(doc) and (doc[i].is_space or doc[i].lower_ == "refugee"):
        i += 1
    return doc[i] if i < len(doc) else None


def _type_word_before(span: Span) -> Token | None:
    """The type word of "the district of X" before the span, past whitespace tokens; None without one."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i - 1] if i >= 1 and doc[i].lower_ == "of" else None


def _typed_name(span: Span) -> bool:
    """True for a name a place word types ("Nusseirat refugee camp") that is no nationality word ("Kurdish
    town" is not a name)."""
    after = _word_after(span)
    if after is None or _role(after) not in _NAMING_ROLES:
        return False
    if any(place_words().get(t.lower_) == "not-place" for t in span):
        return False  # "Sunni neighbourhood", "Hindu village": a community, not a name
    return _clean(span.text) not in lexicon.countries().by_term


def _type_word_just_before(span: Span) -> bool:
    """True when a settlement or region word comes right before the name ("the capital Grozny")."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i >= 0 and doc[i].is_lower and _role(doc[i]) in ("admin", "settlement")


def _is_known_place(span: Span, gaz: Gazetteer) -> bool:
    """True when the span is, as written, the name of a town of 20,000+ people, a region, a country or a
    curated place."""
    found = gaz.best(_clean(span.text), loose=False)
    if found is None or found[1] != "exact":
        return False
    entry = found[0]
    return entry.curated or entry.precision != "place" or entry.population >= MIN_POPULATION_OBJECT


def _role(token: Token) -> str | None:
    """The place-word role of a token, by its lower-case form or lemma."""
    words = place_words()
    return words.get(token.lower_) or words.get(token.lemma_.lower())


def event_location(
    sentence: Span, trigger: Token | None = None, *, context: list[Location] | None = None
) -> Location | None:
    """Where the sentence's event happened: the trigger's locative place, else the nearest, else the article's."""
    found = _resolved_places(sentence, context or (), trigger)
    ranked = [(loc, entry, _tier(sentence, loc, trigger)) for loc, entry in found]
    ranked += [r for r in _nationality_places(sentence, trigger) if r[2] >= TOLD_ON_TIER]
    # a country that only qualifies or acts ("a US Humvee", "Israel captured ...") is no setting
    ranked = [r for r in ranked if r[2] > 0 or (r[2] == 0 and r[0].precision != "country")]
    if not ranked:
        return _from_context(context)
    best = max(ranked, key=lambda r: _rank(sentence, r[0], r[1], r[2], trigger))[0]
    inside = [r for r in ranked if r[2] >= 0 and _within(r[0], best)]
    if inside:  # "in Baghdad, Iraq", "Hebron in the West Bank": the narrowest place named
        best = max(inside, key=lambda r: (_SPECIFICITY[r[0].precision], _rank(sentence, r[0], r[1], 1, trigger)))[0]
    others = [(r[0], r[1]) for r in ranked if r[2] >= 1]
    return _through_setting(sentence, _narrowest_named(sentence, best, others), [r[0] for r in ranked])


def _names_site(span: Span) -> bool:
    """True when a place is a named site ("Ershad Mosque", "the Sadriya market"), not a settlement."""
    after = _word_after(span)
    return _role(span[-1]) == "facility" or (after is not None and _role(after) == "facility")


def _through_setting(sentence: Span, place: Location, others: list[Location]) -> Location:
    """An unresolved named site resolved as the town or region the text puts it in ("Vanderbilt University
    Medical Center in Nashville" → Nashville's point and precision, the site's own words and offsets)."""
    if place.precision != "unresolved":
        return place
    if not _names_site(_span_of(sentence, place)):
        return place
    setting = next((o for o in others if o.precision != "unresolved" and _named_inside(sentence, place, o)), None)
    if setting is None:
        return place
    return replace(setting, text=place.text, start=place.start, end=place.end)


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


def _nested(inner: tuple[Location, Entry | None], outer: tuple[Location, Entry | None], sentence: Span) -> bool:
    """True when the text puts ``inner`` in ``outer``: one way only ("Kashmir's Kargil area", "Y in X"), or
    both ways ("the X suburb of Y") and ``inner`` is the smaller place."""
    place, region = inner[0], outer[0]
    if place is region or place.precision == "country" or not _named_inside(sentence, place, region):
        return False
    resolved = "unresolved" not in (place.precision, region.precision)
    if resolved or _named_inside(sentence, region, place):
        return _narrower(inner, outer)
    return True


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
    Israel), as candidates at country precision with their tier."""
    if trigger is None:
        return []
    gaz, terms = gazetteer(), lexicon.countries().by_term
    out: list[tuple[Location, Entry | None, float]] = []
    for token in sentence:
        iso3 = terms.get(token.text) if token.dep_ in ("amod", "compound") else None
        if iso3 is None or _role(token.head) not in ("settlement", "admin") or token.head.i < token.i:
            continue
        name = lexicon.countries().names.get(iso3)
        found = gaz.resolve(name, loose=False) if name else None
        if found is None or found[0].precision != "country":
            continue
        loc = gaz.to_location(found[0], sentence.doc[token.i : token.head.i + 1].text)
        loc.start, loc.end = token.idx, token.head.idx + len(token.head)
        out.append((loc, found[0], _tier(sentence, loc, trigger)))
    return out


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
    root = _span_of(sentence, place).root
    head = root.head
    if root.dep_ in ("poss", "compound", "amod", "nmod") and _role(head) == "organisation":
        return -1
    if _hyphen_affiliation(_span_of(sentence, place)):
        return -1  # "a London-based group", "US-led forces": whose, not where
    if root.dep_ == "pobj" and (
        _role(head) == "origin" or (head.lower_ == "of" and _role(head.head) in ("direction", "reference"))
    ):
        return 0
    if root.dep_ == "pobj" and _role(head) == "direction":
        return 0
    if root.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") and not _role(head):
        return 0  # "a US Humvee", "a Mogadishu cafe": a fallback only
    anchors = [t for t in (trigger, _governing_verb(trigger)) if t is not None]
    if any(_through_subject(root, anchor) for anchor in anchors):
        return 0
    if len(place.text) > 3 and place.text.isupper():
        return 0  # a dateline ("MEXICO CITY (AP) --") says where the reporter was
    if any(t.lower_ == "according" for t in root.ancestors):
        return 0  # "according to the MoH in Gaza": the source's seat
    if _locative_path(root, trigger) or any(_locative_path(root, a) for a in anchors[1:]):
        return 2
    told_on = [v for a in anchors for v in a.children if _participle_of(v, a)]
    if any(_locative_path(root, v) for v in told_on):
        return TOLD_ON_TIER
    return 1


TOLD_ON_TIER = 1.5  # "launched an assault, storming into X": X, when the trigger itself names no place


def _governing_verb(trigger: Token | None) -> Token | None:
    """The verb a noun trigger is an argument of ("launched an offensive", "the attack occurred"): places
    hanging from that verb are the event's too."""
    if trigger is None or trigger.pos_ != "NOUN" or trigger.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr"):
        return None
    return trigger.head if trigger.head.pos_ == "VERB" else None


def _hyphen_affiliation(span: Span) -> bool:
    """True when a hyphenated participle follows the name ("London-based", "US-led", "Iran-backed")."""
    doc, end = span.doc, span.end
    return end + 1 < len(doc) and doc[end].text == "-" and _role(doc[end + 1]) == "affiliation"


def _through_subject(token: Token, trigger: Token) -> bool:
    """True when the place is the trigger's (active) subject or qualifies it ("Israel captured", "US troops
    shelled"): an actor, not a setting. "Rebels in Syria attacked" and "a strike in X killed" are settings."""
    node = token
    for _ in range(10):
        if _is_locative(node):
            return False
        if node.head.i == trigger.i:
            return node.dep_ in ("nsubj", "csubj") and _role(node) != "event"
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
    if place_words().get(name_key(_clean(place.text))) == "macro":
        return 0.5
    span = _span_of(sentence, place)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    level = _SPECIFICITY[place.precision]
    beyond = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
    named_region = after is not None and _role(after) == "admin" and (beyond is None or beyond.lower_ != "of")
    if place.precision != "unresolved":
        return level
    if named_region:
        return 2.5
    return level if _named_as_place(span) else UNSURE_SPECIFICITY


UNSURE_SPECIFICITY = 0.75  # a name neither the gazetteer nor a place word vouches for ("shot Oudeh"): last resort


def _named_as_place(span: Span) -> bool:
    """True when a place word around the name says it is a place: "Damboa town", "the village of X", "X's
    Yaqshid district"."""
    after, before = _word_after(span), _type_word_before(span)
    if any(t is not None and _role(t) in _NAMING_ROLES for t in (after, before)):
        return True
    root = span.root
    return _role(span[-1]) in _NAMING_ROLES or (root.head.i != root.i and _role(root.head) in _NAMING_ROLES)


def _locative_path(token: Token, trigger: Token | None) -> bool:
    """True when the place hangs from the trigger (or, with no trigger, from its clause's verb) through a
    locative preposition ("in", "at", "near") or is (part of) its direct object ("shelled Kharkiv"); "the town
    of X" passes through to the town. A path through another verb belongs to that verb's event."""
    seen_locative = False
    node = token
    for _ in range(12):
        seen_locative = seen_locative or _is_locative(node)
        head = node.head
        if trigger is not None and head.i == trigger.i:
            return seen_locative or node.dep_ == "dobj"
        if head.i == node.i or head.pos_ in ("VERB", "AUX"):
            return trigger is None and (seen_locative or node.dep_ == "dobj")
        node = head
    return False


def _participle_of(verb: Token, trigger: Token) -> bool:
    """True when ``verb`` is a participle clause that goes on telling the trigger's event ("stormed the town,
    killing 12"): an -ing clause hanging from the trigger with no conjunction of its own."""
    return (
        verb.head.i == trigger.i
        and verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(child.dep_ == "mark" for child in verb.children)
    )


def _is_locative(node: Token) -> bool:
    """A prepositional object that places something: "in X", "near X" (not "of X")."""
    return node.dep_ == "pobj" and node.head.lower_ != "of" and _role(node.head) == "locative"


def _from_context(context: list[Location] | None) -> Location | None:
    """The article's most mentioned resolved place, when the sentence names none."""
    resolved = [c for c in context or [] if c.precision != "unresolved"]
    if not resolved:
        return None
    counts = Counter((c.name, c.country) for c in resolved)
    top = counts.most_common(1)[0][0]
    return next(c for c in resolved if (c.name, c.country) == top)
