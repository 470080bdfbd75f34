"""Which names in a sentence are places, each with its gazetteer entry.

``find_places`` starts from what spaCy calls a place (GPE, LOC, FAC), adds names it mislabels (PERSON/ORG/NORP
spans and untagged proper nouns that are gazetteer names of a real town, or that a place word types: "Damboa
town", "the village of X", "Kissufim crossing", "the regional capital, Grozny"), and resolves each against the
offline gazetteer; names of groups, communities, ages ("Millan, 41,") and small namesakes abroad are kept out.
Ambiguous names are resolved in the country of the sentence's other places and of the article's. With a
trigger, names the gazetteer lacks count where the trigger puts them ("positions in Bayyanoun") and stay
unresolved. Which of these places is where the event happened is ``places.event_location``'s choice.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from storyline.extract import lexicon
from storyline.extract.places_gazetteer import (
    Entry,
    Gazetteer,
    Level,
    gazetteer,
    locality_in,
    loose_abroad,
    place_words,
)
from storyline.extract.places_names import name_key
from storyline.extract.tree import called_her_or_him
from storyline.extract.victims_sides import is_act_noun
from storyline.lexicon_files import read_rows
from storyline.models import Location

__all__ = ["find_places", "resolved_places"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


MISLABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE"})


MIN_POPULATION = 5000  # a mislabelled/untagged name after "in"/"at" is a place if it names a town this big


MIN_POPULATION_OBJECT = 20000  # ... and as a verb's object ("hit Kiryat Shmona") only a town this big


MIN_POPULATION_ANYWHERE = 100000  # ... and elsewhere ("Khan Yunis residents") only a city this big


MIN_POPULATION_METROPOLIS = 1000000  # ... or, for a one-word name ("a central Kiev courthouse"), this big


def find_places(sentence: Span) -> list[Location]:
    """Every place named in the sentence, resolved, with doc-level character offsets, in text order."""
    return [loc for loc, _ in resolved_places(sentence)]


def resolved_places(
    sentence: Span, countries: Iterable[str] = (), trigger: Token | None = None
) -> list[tuple[Location, Entry | None]]:
    """Places of the sentence with their gazetteer entries; ambiguous names re-resolved in the country of the
    sentence's other places and of the article's ``countries`` (ISO2 codes)."""
    gaz = gazetteer()
    spans = list(_place_spans(sentence, gaz, trigger))
    settings = {span.start: setting for span in spans if (setting := bracket_setting(span, gaz))}
    inside = {t.i for span in spans if span.start in settings for part in bracket_names(span) for t in part}
    first = [(span, _resolve(gaz, span)) for span in spans if span.start not in inside]
    seen = set(countries)
    out: list[tuple[Location, Entry | None]] = []
    for i, (span, _) in enumerate(first):
        if span.start in settings:
            out.append(_bracketed(gaz, span, settings[span.start]))
            continue
        said = _country_said(span, first)
        again = _said_in(gaz, span, said) if said else _in_context(gaz, first, i, seen, sentence)
        if again is None and _common_word(span, gaz):
            continue  # an unknown common word that spaCy tagged ("Peacekeepers" opening a sentence)
        if again is None and len(span) == 1 and role(span[0]) in NAMING_ROLES:
            continue  # a type word alone ("the Dara'a Governorate": "Governorate" split off), not a name
        loc = _at_town(gaz, again[0], span.text) if again else Location(text=span.text)
        loc.start, loc.end = span.start_char, span.end_char
        out.append((loc, again[0] if again else None))
    return sorted(out, key=lambda pair: pair[0].start or 0)


def _at_town(gaz: Gazetteer, entry: Entry, text: str) -> Location:
    """The Location of an entry as written in ``text``; a curated quarter or site of a town (``town_quarters.tsv``:
    "Shujaiyya", "Nasser hospital") keeps its own point and precision and takes its town's name and regions, as
    ACLED codes the populated place."""
    loc = gaz.to_location(entry, text)
    town_name = _town_quarters().get(entry.name) if entry.curated else None
    town = gaz.best(town_name, entry.cc, want="place", loose=False) if town_name else None
    if town is None or town[0].cc != entry.cc:
        return loc
    loc.name, loc.admin1, loc.admin2 = town[0].name, town[0].admin1 or None, town[0].admin2 or None
    return loc


@lru_cache(maxsize=1)
def _town_quarters() -> dict[str, str]:
    """Curated quarter or site → the GeoNames town it lies in (``town_quarters.tsv``)."""
    return {quarter: town for quarter, town in read_rows("places", "town_quarters.tsv")}


def _common_word(span: Span, gaz: Gazetteer) -> bool:
    """True for a span of no proper noun that no place word names as a place ("the village of X", "the Butitian
    village" with the name read as an adjective)."""
    if any(t.pos_ == "PROPN" for t in span) or _named_before(span):
        return False
    return not (_typed_name(span) and _unknown_typed_word(span, gaz))


def _in_context(
    gaz: Gazetteer, first: list[tuple[Span, tuple[Entry, Level] | None]], i: int, seen: set[str], sentence: Span
) -> tuple[Entry, Level] | None:
    """The i-th name re-resolved in the country of the sentence's other places and of the article's; a guess (a
    small namesake or a skeleton match far from them) is dropped."""
    span, found = first[i]
    others = [other[0] for j, (_, other) in enumerate(first) if other and j != i]
    near = _countries(e for e, o in zip(others, _settings(first, i), strict=True) if o) | seen
    again = _resolve_typed(gaz, span, near) if found and near else found
    if found and again and _metropolis_over_namesake(found[0], again[0]):
        again = found  # "Moscow" beside "Washington" is still Moscow, not Moscow, Idaho
    if again and near and _guessed_abroad(gaz, span, again, near, others, [o for o, _ in first if o is not span]):
        again = None  # "Boni" → Bonn beside Malian towns, "Shaba province" → a Chinese village: a guess
    if again and loose_abroad(again, near):
        again = None
    if again is None and found and found[1] == "loose" and not near:
        # "Qalqilya" beside "Israeli forces": Qalqilyah, Palestine (the nationality words only looked at here)
        again = _in_nations(gaz, span, _nation_codes(sentence, gaz))
    elif again is not None and not near:
        again = _home_namesake(gaz, span, again, sentence)
    return again


NATION_SHARE = 10  # a namesake in a state organ's country wins when at most this many times smaller


def _home_namesake(gaz: Gazetteer, span: Span, found: tuple[Entry, Level], sentence: Span) -> tuple[Entry, Level]:
    """The name's namesake in the country of a state organ the sentence qualifies by a nationality word, else in
    a country bordering it, when no place says the country and that namesake is of a size with the one the name
    alone gives ("Pakistani police raided a house in Hyderabad": Hyderabad, Pakistan, not the bigger Hyderabad of
    India; "American tourists were hurt in Athens" stays in Greece). A state's armed forces (armed_bodies.tsv:
    "Israeli troops raided Bethlehem") act at home or across a border: their country's namesake or its
    neighbours' (Bethlehem, Palestine, not the bigger Bethlehem of South Africa)."""
    nations, armed = _home_nation_codes(sentence, gaz), _home_nation_codes(sentence, gaz, armed_bodies())
    around = {n for cc in nations | armed for n in gaz.neighbours(cc)} - nations - armed
    if found[0].cc in nations | armed or found[0].precision != "place":
        return found
    home = _namesake_in(gaz, span, found, nations)
    if home is not None or found[0].cc in around:
        return home or found
    return _namesake_in(gaz, span, found, around) or found


def _namesake_in(
    gaz: Gazetteer, span: Span, found: tuple[Entry, Level], nations: set[str]
) -> tuple[Entry, Level] | None:
    """The name's town in one of ``nations`` when it is at most NATION_SHARE times smaller than ``found``."""
    home = _in_nations(gaz, span, nations)
    if home is None or home[1] == "loose" or home[0].precision != "place":
        return None
    return home if home[0].population * NATION_SHARE >= found[0].population else None


def _guessed_abroad(
    gaz: Gazetteer, span: Span, found: tuple[Entry, Level], near: set[str], others: list[Entry], names: list[Span]
) -> bool:
    """True for a likely namesake outside the sentence's countries (a skeleton match or a small town far from its
    other places), unless the exact name is filed in that one country only and written apart from the others."""
    if found[0].cc in near or not _namesake(found) or _close(found[0], others):
        return False
    return not (_one_country_name(gaz, span, found) and _apart(span, names))


def _one_country_name(gaz: Gazetteer, span: Span, found: tuple[Entry, Level]) -> bool:
    """True for an exact name the gazetteer files in one country only: no namesake to mistake it for ("marched
    through Ramallah ... killed in Tehran" is Ramallah, Palestine, though the other place is in Iran)."""
    matches, level = gaz.candidates(_typed_text(span), loose=False)
    return level == found[1] == "exact" and {m.entry.cc for m in matches} == {found[0].cc}


def _apart(span: Span, others: list[Span]) -> bool:
    """True when no other place name is written within an address's reach of the span ("El Plateado, Cauca",
    "the Qala-e-Bakhtiar area of Kabul" are read together; "Ramallah ... killed in Tehran days earlier" apart)."""
    return all(o.start - span.end > MAX_ADDRESS_GAP or span.start - o.end > MAX_ADDRESS_GAP for o in others)


MAX_ADDRESS_GAP = 8  # tokens between two names of one address ("Pazigyi village, Kanbalu township, Sagaing")


def _said_in(gaz: Gazetteer, span: Span, country: str) -> tuple[Entry, Level] | None:
    """The name's entry in the country the words around it say; None (unresolved) when it has none there."""
    guess = not _person(span)
    found = gaz.resolve(_typed_text(span), country, loose=guess, smooth=guess)
    return found if found and found[0].cc == country else None


def _country_said(span: Span, first: list[tuple[Span, tuple[Entry, Level] | None]]) -> str | None:
    """The ISO2 code of the country the words around a name put it in: an apposition with a nationality word
    ("Tripoli, the north Lebanese port"), or the resolved town or region a part of it is named in ("Baghdad's
    northern neighborhood of Qahira", "the Baghdad neighbourhood of X"); None when they say nothing."""
    terms, root = lexicon.countries().by_term, span.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]  # not "the Indian Ocean"
    apposed = [t for c in nouns for t in c.children if t.dep_ in ("amod", "compound") and t.text in terms]
    if apposed:
        return gazetteer().country_code(terms[apposed[0].text])
    noun = type_word_before(span)  # not "the Tijuana district of X": which of the two holds the other is unsaid
    if noun is None or role(noun) not in ("settlement", "admin"):
        return None
    holders = [c for c in noun.children if c.dep_ == "poss"]  # not "the Giro district of Ghazni": a compound is
    holders += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children]  # either
    cells = {t.i: found[0].cc for other, found in first if found and other is not span for t in other}
    return next((cells[h.i] for h in holders if h.i in cells and h.i not in range(span.start, span.end)), None)


def _nation_codes(sentence: Span, gaz: Gazetteer) -> set[str]:
    """ISO2 codes of the countries the sentence names by a nationality word ("Israeli forces"); only where no
    place of the sentence or article says the country (a militia's nationality is no setting)."""
    terms, names = lexicon.countries().by_term, set(lexicon.countries().names.values())
    return {cc for t in sentence if t.text in terms and t.text not in names and (cc := gaz.country_code(terms[t.text]))}


def _home_nation_codes(sentence: Span, gaz: Gazetteer, bodies: frozenset[str] | None = None) -> set[str]:
    """ISO2 codes of the countries whose nationality word qualifies a state organ that acts at home
    (home_bodies.tsv: "Pakistani police", "Mexican authorities"; or one of ``bodies``); not one on visitors,
    victims or a product ("American tourists", "American-made missiles")."""
    terms, names = lexicon.countries().by_term, set(lexicon.countries().names.values())
    words = [t for t in sentence if t.text in terms and t.text not in names and t.dep_ in ("amod", "compound", "nmod")]
    bodies = home_bodies() if bodies is None else bodies
    organs = [t for t in words if _organ(t.head) & bodies and t.head.i > t.i and not _hyphened(t)]
    return {cc for t in organs if (cc := gaz.country_code(terms[t.text]))}


def _organ(head: Token) -> set[str]:
    """The names a nationality word's head gives a state organ: the noun, and the noun with its compounds before
    it ("forces" and "security forces")."""
    compounds = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i < head.i]
    return {head.lower_, " ".join([*compounds, head.lower_])}


def _hyphened(token: Token) -> bool:
    """True for a word a hyphen joins to the next one ("American-made", "Israeli-owned")."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.text == "-"


def _in_nations(gaz: Gazetteer, span: Span, nations: set[str]) -> tuple[Entry, Level] | None:
    """A name matched on its spelling skeleton alone, resolved in a country the sentence names; None elsewhere."""
    found = _resolve_typed(gaz, span, nations) if nations else None
    return found if found and found[0].cc in nations else None


def _bracketed(gaz: Gazetteer, span: Span, setting: Entry) -> tuple[Location, Entry | None]:
    """A place its bracketed admin areas locate ("Kafr Nabl (Ma'arrat An Nu'man, Idleb)"): its own entry in their
    country or across a border within BRACKET_KM of them ("Al Eizariya (Jerusalem)": the Palestinian town), else (a
    village the gazetteer lacks) its own name with their point, country and regions at their precision
    (:func:`locality_in`), as ACLED codes a village it cannot locate by its district; a named site ("Makerere
    University (Kampala)", :func:`_site_words`) is coded at the area itself, as ACLED codes the populated place."""
    found = gaz.resolve(_typed_text(span), setting.cc)
    beside = found is not None and found[1] != "loose" and km(found[0], setting) <= BRACKET_KM
    entry = found[0] if found and (found[0].cc == setting.cc or beside) else None
    area = gaz.to_location(entry or setting, span.text)
    loc = area if entry or _site_words(span) else locality_in(area, clean_name(span.text))
    loc.start, loc.end = span.start_char, span.end_char
    return loc, entry


def _site_words(span: Span) -> bool:
    """True when a site or body word ends the name or follows it ("Al-Awda Hospital", "X university", "Y
    ministry") or a part of a town's type word does ("Z district"): a site in a place, not a locality."""
    after = word_after(span)
    words = [span[-1], *([after] if after is not None else [])]
    return any(role(w) in ("facility", "organisation") or w.lower_ in town_parts() for w in words)


BRACKET_KM = 30.0  # a place this close to its bracket's area is that place, whichever side of a border it lies


MAX_BRACKET = 12  # tokens of an ACLED-style bracket of admin areas after a place name


def bracket_names(span: Span) -> list[Span]:
    """The names in brackets right after a place (past its own type word), as ACLED writes the admin areas a place
    lies in, narrow to wide: "Kafr Nabl (Ma'arrat An Nu'man, Idleb)", "Kanan village (Khampat, Sagaing)"."""
    doc, i = span.doc, span.end
    while i < len(doc) and role(doc[i]) in NAMING_ROLES:
        i += 1
    if i >= len(doc) or doc[i].text != "(":
        return []
    close = next((j for j in range(i + 1, min(len(doc), i + MAX_BRACKET)) if doc[j].text == ")"), None)
    if close is None or close + 1 < len(doc) and doc[close + 1].text[:1].isupper():
        return []  # "the T4 (Tiyas) Military Airport": another name of the place, inside its own
    parts, start = [], i + 1
    for j in range(i + 1, close + 1):
        if doc[j].text in (",", ")"):
            parts += [doc[start:j]] if j > start else []
            start = j + 1
    return parts if parts and all(_name_words(p) for p in parts) else []


def _name_words(part: Span) -> bool:
    """True for a place name as ACLED writes one: capitalised words, short glue ("Deir ez Zor", "Mocimboa da
    Praia"); not "(Syrian Al-Qaeda group)", "(Jabhat Al-Nusra affiliate)"."""
    glue = all(t.text[:1].isupper() or t.is_punct or (t.is_lower and len(t) <= 3) for t in part)
    return glue and part[0].text[:1].isupper() and part[-1].text[:1].isupper()


def bracket_setting(span: Span, gaz: Gazetteer) -> Entry | None:
    """The narrowest of the bracketed admin areas after a place that lies in the country the bracket's names agree
    on (:func:`_agreed_country`), else the widest one the gazetteer knows; None without such a bracket, or when the
    place is a main name only in other countries, of a town bigger than that widest area or near it ("Pale township
    (Sagaing)" is in Myanmar's Sagaing region, though GeoNames knows only a Bosnian Pale; a town stays home when the
    bracket's name is a smaller namesake abroad, or a neighbour's place across a border)."""
    names = [clean_name(p.text) for p in bracket_names(span)]
    widest = next((f for f in (gaz.best(n, want="admin", loose=False) for n in reversed(names)) if f), None)
    if widest is None:
        return None
    own, level = gaz.candidates(clean_name(span.text), loose=False)
    cc = _agreed_country(gaz, names, {m.entry.cc for m in own}, widest[0].cc)
    abroad = [m.entry for m in own if m.main] if level == "exact" and all(m.entry.cc != cc for m in own) else []
    if any(e.population > widest[0].population or _close(e, [widest[0]]) for e in abroad):
        return None  # a town known by its own name abroad outweighs a smaller or nearby namesake of a bracket's name
    for name in names:
        found = gaz.best(name, cc, want="admin")
        if found and found[0].cc == cc:
            return found[0]
    return widest[0]


def _agreed_country(gaz: Gazetteer, names: list[str], towns: set[str], widest: str) -> str:
    """The country most of a bracket's names lie in, then the one the place itself lies in, then the widest name's:
    "Beit Fajjar (Bethlehem)" is in Palestine, not in Brazil (Belem, once Bethlehem, is the biggest namesake)."""
    held: Counter[str] = Counter()
    for name in names:
        matches, _ = gaz.candidates(name, loose=False)
        held.update({m.entry.cc for m in matches})  # a governorate is often known only by its seat ("Bethlehem")
    if not held:
        return widest
    return max(held, key=lambda cc: (held[cc], cc in towns, cc == widest))


def _settings(first: list[tuple[Span, tuple[Entry, Level] | None]], i: int) -> list[bool]:
    """For each resolved place but the i-th: whether it hints at the country the sentence is set in; not when it
    names the other side of a border ("near the Egypt border") or an origin ("fired from Iraq"), or matched on its
    spelling skeleton alone (two guesses abroad must not vouch for each other: "Zamalka in the East Ghouta")."""
    return [
        not across_border(span)
        and not _came_from(span)
        and not (found[0].precision == "country" and _doers_country(span))
        and (found[1] != "loose" or found[0].curated)
        for j, (span, found) in enumerate(first)
        if found and j != i
    ]


def _doers_country(span: Span) -> bool:
    """True for a name that modifies an attack or arms noun ("a US airstrike in X"; ``victim_acts.tsv``): for a
    country, the doer's, not the one the attack's place lies in (``_settings``; a town there is where: "a Kabul
    bombing")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i > root.i and is_act_noun(root.head)


def _came_from(span: Span) -> bool:
    """True for a name that says where something or someone came from ("a missile fired from Iraq toward Dimona",
    "drones launched from Syria"): the origin of a projectile or a traveller lies elsewhere than where it lands,
    so it hints at no country for the sentence's other names."""
    root = span.root
    return root.dep_ == "pobj" and role(root.head) == "origin"


def across_border(span: Span) -> bool:
    """True for a name that qualifies a border noun: "the Egypt border (crossing)", "the border with Egypt"."""
    root = span.root
    if root.dep_ in ("compound", "amod"):
        return any(role(t) == "boundary" for t in root.head.subtree if t.i < root.head.i or t.i == root.head.i)
    return root.dep_ == "pobj" and root.head.lower_ == "with" and role(root.head.head) == "boundary"


NEAR_KM = 100.0  # a namesake abroad this close to another place of the sentence is no guess ("Sderot", "Gaza")


def _close(entry: Entry, others: list[Entry]) -> bool:
    """True when ``entry`` lies within NEAR_KM of one of the sentence's other resolved places."""
    return any(km(entry, other) <= NEAR_KM for other in others)


def km(a: Entry | Location, b: Entry | Location) -> float:
    """Great-circle distance between two places (gazetteer entries or resolved locations) in km (infinite when one has
    no point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2, dl = math.radians(a.lat), math.radians(b.lat), math.radians(b.lon - a.lon)
    cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


def _metropolis_over_namesake(alone: Entry, near: Entry) -> bool:
    """True when a name read alone is a metropolis and the article's countries offer only a far smaller namesake."""
    big = alone.precision == "place" and alone.population >= MIN_POPULATION_METROPOLIS
    return big and near.precision == "place" and near.population * 100 < alone.population


def _namesake(found: tuple[Entry, Level]) -> bool:
    """True for a match that is likely a namesake when found abroad: a spelling-skeleton match, or a small town."""
    entry, level = found
    small = entry.precision == "place" and not entry.curated and entry.population < MIN_POPULATION_ANYWHERE
    return level == "loose" or small


def _resolve(gaz: Gazetteer, span: Span) -> tuple[Entry, Level] | None:
    """The gazetteer entry of a place span; wider-than-country regions ("the Middle East") stay unresolved."""
    words, name = place_words(), clean_name(span.text)
    key = name_key(name)
    if words.get(key) == "macro" or words.get(key.partition(" ")[2]) == "macro" and words.get(key.split()[0]):
        return None  # "the Middle East", "west Africa"
    return _resolve_typed(gaz, span)


def _resolve_typed(gaz: Gazetteer, span: Span, near: Collection[str] = ()) -> tuple[Entry, Level] | None:
    """The entry of the typed name ("the province of Sirnak", "Donetsk region": the region), unless the name alone
    is a place in another country and the type word is written before it: a type word does not move "the territory
    of Gaza" to Gaza province, Mozambique."""
    typed, name, guess = _typed_text(span), clean_name(span.text), not _person(span)
    found = gaz.resolve(typed, near=near, loose=guess, smooth=guess)
    if typed == name or found is None or typed.startswith(f"{name} "):
        return found  # "Donetsk region" is the region whatever country a namesake town lies in
    plain = gaz.resolve(name, near=near, loose=guess, smooth=guess)
    return plain if plain is not None and plain[0].cc != found[0].cc else found


def _person(span: Span) -> bool:
    """True for one word spaCy tags as a person's name: it resolves only as written (strict or article-less key),
    never by a smoothed spelling or a spelling skeleton, which make towns abroad of given names and titles
    ("Hannah" ~ Khanna, India; "Mullah" ~ Mugla, Turkey). Longer names keep the guesses: the tagger takes many
    Arabic village names for persons ("Turmus Ayya")."""
    return len(span) == 1 and span[0].ent_type_ == "PERSON"


def _harmed_person(span: Span) -> bool:
    """True for one word spaCy tags as a person's name that is the object (or passive subject) of a verb done to
    people ("shot dead Hassan", "Fatima was kidnapped"; place_words' person-object verbs): the person, not a place
    ("stormed Bama", "captured Birao" keep their place verbs)."""
    root = span.root
    return _person(span) and root.dep_ in ("dobj", "nsubjpass") and role(root.head) == "person-object"


def _typed_text(span: Span) -> str:
    """The name with the region or settlement word written before it, which says what kind of place it is
    ("the province of Sirnak" is the province, not its capital town); the clean name without one."""
    before, name = type_word_before(span), clean_name(span.text)
    typed = before is not None and role(before) in ("admin", "settlement")
    if typed and before is not None:
        return f"{before.lower_} of {name}"
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in _REGION_AFTER:
        return f"{name} {after.lower_}"  # "Pokrovsk, Donetsk region": the region, not a Russian namesake town
    return name


_REGION_AFTER = frozenset({"region", "oblast", "province", "governorate", "state", "prefecture"})


def clean_name(text: str) -> str:
    """A name as the gazetteer wants it: no leading "the", no possessive."""
    text = text.strip().removesuffix("'s").removesuffix("’s")
    return text[4:] if text.lower().startswith("the ") else text


def _countries(entries: Iterable[Entry]) -> set[str]:
    """The most common countries among resolved entries (the sentence's setting; all of them on a tie: "Yuri"
    read as a town in Niger beside "in Israel" does not decide alone)."""
    counts = Counter(e.cc for e in entries)
    top = max(counts.values(), default=0)
    return {cc for cc, n in counts.items() if n == top}


def _place_spans(sentence: Span, gaz: Gazetteer, trigger: Token | None = None) -> Iterator[Span]:
    """Spans that name places: spaCy place entities, mislabelled entities, untagged proper-noun runs (with a
    ``trigger``, also names the gazetteer lacks where the event's locative puts them: "attacked in Jezzine")."""
    words = place_words()
    accepted: list[Span] = []
    maybe: list[Span] = []
    covered: set[int] = set()
    for ent in sentence.ents:
        if ent.label_ in TIME_LABELS and _located_name(ent):
            maybe.append(ent)  # "raided a house in Manchester" (tagged DATE): a place if the gazetteer knows it
            continue
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELS and ent.label_ != "NORP":
            continue  # dates, numbers, quantities
        if covered.intersection(t.i for t in ent):
            continue  # the rest of a name an earlier one ran on into ("Dera" + "Ismail Khan")
        span = _extend(_joined(_widen(_trim(ent)), gaz), gaz)
        if span is not None:
            covered.update(t.i for t in span)
        if span is None or words.get(name_key(clean_name(span.text))) == "not-place" or _is_group(span):
            continue
        if _aged(span) or (ent.label_ in DEMONYM_LABELS and _derived_demonym(span, gaz)):
            continue  # "Millan, 41, was shot": a person; "a Gazan fisherman": a people's word
        if not any(t.text[:1].isupper() for t in span):
            continue  # "van", "west bank of the Tigris": not a name
        if ent.label_ == "NORP":  # "Syrian", "Shia": not places; "Aleppo" tagged NORP is one
            proper = all(t.pos_ == "PROPN" for t in span)
            own = proper or _own_name(span, gaz) or _unknown_typed_word(span, gaz)
            if (proper and _own_name(span, gaz)) or (_typed_name(span) and own):
                accepted.append(span)  # "Kidal town" (tagged an adjective): a town's own name a place word types
            elif all(t.pos_ == "PROPN" for t in span) and _placed_or_typed(span) and not _demonym(span):
                maybe.append(span)  # "a road in Jezzine", "the village of Sharifah" (tagged NORP)
        elif ent.label_ in PLACE_LABELS:
            accepted.append(span)
        elif ent.label_ in MISLABELS:
            maybe.extend(_split_list(span))
    taken = {t.i for span in accepted + maybe for t in span}
    maybe += [run for run in _proper_runs(sentence) if not taken.intersection(t.i for t in run)]
    rejected = []
    for span in maybe:
        if _harmed_person(span):
            continue  # "Gunmen shot dead Hassan": the person shot, whatever town bears the name
        if _is_place_name(span, gaz, accepted) or (trigger is not None and _unknown_setting(span, trigger)):
            accepted.append(span)
        else:
            rejected.append(span)
    accepted += [span for span in rejected if _before_region(span, accepted) or _before_bracket(span, gaz)]
    return (span for span in accepted if role(span[-1]) not in ORGANISATION_ROLES)  # not "the Syrian Arab Army"


_SETTING_PREPS = frozenset({"in", "at", "near", "inside", "outside", "into", "around", "through"})


TIME_LABELS = frozenset({"DATE", "TIME"})


def _located_name(span: Span) -> bool:
    """True for a proper name after "in", "at", "near" ... or typed by a place word, that no calendar word is part
    of: a place spaCy took for a time ("in Manchester", "the Findik region", "the village of Tamanah"), not "in May"
    or "on Saturday"."""
    root = span.root
    placed = root.dep_ == "pobj" and root.head.lower_ in _SETTING_PREPS
    if not (placed or _typed_name(span) or _named_before(span)):
        return False  # neither "in X" nor "the X region" nor "the village of X"
    return all(t.pos_ == "PROPN" and _word_of_name(t) and t.lower_ not in _calendar_words() for t in span)


def _word_of_name(token: Token) -> bool:
    """True for a word of letters, an apostrophe written for an ayn or hamza allowed ("Ma’ardes")."""
    return token.text.translate(_NO_MARKS).isalpha()


_NO_MARKS = str.maketrans("", "", "‘’'`ʿ")


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    """Month and weekday names (and their abbreviations) from the dates resources."""
    rows = [*read_rows("dates", "months.tsv"), *read_rows("dates", "weekdays.tsv")]
    return frozenset(row[0].lower() for row in rows)


def _demonym(span: Span) -> bool:
    """True for a nationality or community word ("Israelis", "Kurds"): people, not a place."""
    return clean_name(span.text) in lexicon.countries().by_term


DEMONYM_LABELS = frozenset({"NORP", "GPE"})  # what spaCy calls "Gazan", "Yemeni"


def _derived_demonym(span: Span, gaz: Gazetteer) -> bool:
    """True for one word made of a place's name and a demonym ending that only another place's alternate names
    hold ("Gazan" is an old spelling of Jizan in GeoNames): a people's word, not that place."""
    word = clean_name(span.text)
    stems = [word[: -len(s)] for s in _demonym_suffixes() if word.lower().endswith(s)] if len(span) == 1 else []
    if not stems or _is_own_name(word, gaz) or not gaz.candidates(word, loose=False)[0]:
        return False  # a name no entry has stays a name, unresolved ("the Minyan suburbs")
    return any(_well_known(stem, gaz) for stem in stems)


@lru_cache(maxsize=1)
def _demonym_suffixes() -> tuple[str, ...]:
    """The demonym endings of place_words.tsv, without their hyphen ("n", "an", "ese")."""
    return tuple(w[1:] for w, r in place_words().items() if r == "demonym-suffix")


def _well_known(name: str, gaz: Gazetteer) -> bool:
    """True when ``name`` is the own name of a country, region, curated place or city of 100,000+ ("Gaza")."""
    matches, level = gaz.candidates(name, loose=False)
    return level == "exact" and any(m.main and _big_enough(m.entry, MIN_POPULATION_ANYWHERE) for m in matches)


def _is_own_name(name: str, gaz: Gazetteer) -> bool:
    """True when ``name`` is, as written, the main name of a gazetteer entry (or a curated place's name)."""
    matches, level = gaz.candidates(name, loose=False)
    return level == "exact" and any(m.main or m.entry.curated for m in matches)


def _placed_or_typed(span: Span) -> bool:
    """True when the span is the object of "in", "at", "near" ... ("in Jezzine") or a place word types it ("the
    village of Sharifah")."""
    root, before = span.root, type_word_before(span)
    if root.dep_ == "pobj" and root.head.lower_ in _SETTING_PREPS or _typed_by_apposition(root):
        return True
    return before is not None and role(before) in TYPING_BEFORE_ROLES


def _unknown_setting(span: Span, trigger: Token) -> bool:
    """True for a proper name the gazetteer lacks that the trigger (or a clause hanging from it) puts its event in
    ("shelled positions in Bayyanoun", "clashed at Kafr Sousah", "were killed when a bomber blew himself up inside
    X") or takes as the place it acts on ("captured Birao"); acronyms and one-letter names are left out."""
    root = span.root
    if span.text.isupper() or len(span.text) < 3 or _is_group(span):
        return False
    if any(t.pos_ not in ("PROPN", "PUNCT") for t in span):
        return False
    if taken_place(root) and root.head.i == trigger.i:
        return True  # "Jowhar fell to the insurgents"
    if root.dep_ == "dobj" and root.head.i == trigger.i and role(trigger) in _PLACE_OBJECT_ROLES:
        return role(trigger) == "place-object" or root.ent_type_ != "PERSON"  # "stormed Zabdeen", "captured Birao"
    if root.dep_ != "pobj" or root.head.lower_ not in _SETTING_PREPS | MOTION_GOALS and not event_object(root):
        return False
    verbs = [v for v in (trigger, governing_verb(trigger)) if v is not None]
    verbs += [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]  # "killed or wounded"
    verbs += [c for v in verbs for c in v.children if _same_moment(c)]  # "killed when a bomber blew up in X"
    verbs += [c for v in verbs for c in told_on(v)]  # "began the assault by storming positions near X"
    return any(locative_path(root, v) for v in verbs) or any(anchored(root, a) for a in anchor_verbs_of(trigger))


_PLACE_OBJECT_ROLES = frozenset({"place-object", "place-or-person-object"})


def called_person(root: Token) -> bool:
    """True for a name not tagged a place that is its verb's object and that a phrase of the same verb goes on to
    call her or him ("Gunmen seized Florence on her way home"; not "after the army left on his orders")."""
    if root.dep_ not in ("dobj", "nsubjpass") or root.ent_type_ in PLACE_LABELS:
        return False
    return called_her_or_him(root, root.head)


def taken_place(root: Token) -> bool:
    """True for the subject of a verb whose subject is the place taken, with its taker named ("Jowhar fell to the
    insurgents", "X fell into the hands of the rebels"; not "Shells fell on the town")."""
    verb = root.head
    if root.dep_ != "nsubj" or role(verb) != "place-subject":
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"]
    hands = [p for p in preps if p.lower_ == "into" and any(g.lemma_.lower() == "hand" for g in p.children)]
    return any(p.lower_ == "to" for p in preps) or bool(hands)


def event_object(root: Token) -> bool:
    """True for the place an event noun is done to: "the attack on Ghouta", "the battle of Rityan", "the invasion
    of Panama" (the event noun's setting, as "in X" is)."""
    if root.dep_ != "pobj" or root.head.lower_ not in _EVENT_OBJECT_PREPS:
        return False
    return root.head.dep_ == "prep" and role(root.head.head) == "event"


_EVENT_OBJECT_PREPS = frozenset({"on", "of"})


def _same_moment(clause: Token) -> bool:
    """True for a clause that tells the moment of the verb it hangs on: "when ...", "as ...", "..., killing"."""
    marks = [c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod") and c.i < clause.i]
    return clause.dep_ == "advcl" and not any(m in _OTHER_MOMENT for m in marks)


_OTHER_MOMENT = frozenset({"while", "after", "before", "because", "since", "until", "if", "although", "though", "once"})


def _aged(span: Span) -> bool:
    """True when an age follows the name between commas ("Millan, 41,"): a person, whatever the tagger says."""
    doc, end = span.doc, span.end
    return end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text == ","


def _is_group(span: Span) -> bool:
    """True when the span names an armed group or organisation of the actor dictionary ("al-Qaida compound")."""
    return clean_name(span.text).lower() in _group_names()


@lru_cache(maxsize=1)
def _group_names() -> frozenset[str]:
    """Lower-case names and aliases of the actor dictionary's groups."""
    return frozenset(name.lower() for name in lexicon.groups())


def _split_list(span: Span) -> Iterator[Span]:
    """The items of a span that lists names ("Kyiv and Kharkiv" tagged as one WORK_OF_ART) or runs on past a
    preposition ("Sousse in Tunisia" tagged as one ORG, "Homs for the third straight day") or past a possessive
    ("Odesa's Primorskyi")."""
    start = span.start
    for token in span:
        if (
            token.dep_ == "cc"
            or token.text in (",", ";", "(", ")")
            or _joining_preposition(token)
            or _owner_mark(token, span)
        ):
            if token.i > start:
                yield span.doc[start : token.i]
            start = token.i + 1
    if start < span.end:
        yield span.doc[start : span.end]


def _owner_mark(token: Token, span: Span) -> bool:
    """True for the possessive ending inside a mislabelled entity that a region or settlement word follows
    ("Odesa's Primorskyi" district, tagged as one ORG): the owner and the part it holds are two names; not a
    site's own name ("Lagos's National Arts Theatre")."""
    if token.tag_ != "POS" or token.i == 0 or token.doc[token.i - 1].pos_ != "PROPN":
        return False
    after = word_after(span)
    return after is not None and role(after) in ("admin", "settlement")


def _joining_preposition(token: Token) -> bool:
    """True for a lower-case preposition inside a mislabelled entity that sets one name in another ("Sousse in
    Tunisia", "Idah in Kogi") or that ordinary words follow ("Homs for the third straight day"); not a
    preposition of an organisation's own name ("Council on Trade for Peace", "Bank of Asia")."""
    doc = token.doc
    if token.pos_ != "ADP" or token.dep_ != "prep" or not token.is_lower or token.lower_ == "of":
        return False
    runs_on = token.i + 1 < len(doc) and doc[token.i + 1].is_lower and doc[token.i + 1].is_alpha
    return runs_on or token.lower_ in _SETTING_PREPS


def _trim(span: Span) -> Span | None:
    """The span without a leading determiner or trailing possessive/punctuation; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
        start += 1
    if not any(t.text == ")" for t in doc[start:end]):  # "Sake (Masisi" tagged as one name, not "T4 (Tiyas) Base"
        end = next((t.i for t in doc[start:end] if t.text == "("), end)
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _widen(span: Span | None) -> Span | None:
    """The span with the untagged proper nouns right before it ("Santo" of "Santo Domingo" when only
    "Domingo" is tagged), the untagged proper noun its last word is a compound of when together they are a name the
    gazetteer knows ("Bugti" of "Dera Bugti", not "Command" of "Basra Command") and the hyphenated rest of its name
    ("Mazar" of "Mazar-e-Sharif", not "Gaza-based")."""
    if span is None:
        return None
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
        start -= 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and _ARTICLED.match(doc[end].text):
        end += 1  # "Tal Al-‘Eiss" when only "Tal" is tagged
    while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and _compound_of(doc[end - 1], end):
        if role(doc[end]) or gazetteer().best(doc[start : end + 1].text, loose=False) is None:
            break
        end += 1  # "Dera Bugti" when only "Dera" is tagged: a known name whose first word is a compound of the next
    while end < len(doc) and not doc[end - 1].whitespace_ and _hyphen_glued(doc[end - 1], doc[end]):
        end += 1
    while end > start + 1 and doc[end - 1].text == "-":
        end -= 1
    return doc[start:end]


MAX_JOINED = 4  # words a name may run on by into the next name or proper nouns ("Dera" + "Ismail Khan")


def _joined(span: Span | None, gaz: Gazetteer) -> Span | None:
    """The span run on into the proper nouns written right after it (another entity's or none's, past an Arabic
    article) when together they are a name the gazetteer files as written, and the span alone is not that place:
    "Dera" tagged a place and "Ismail Khan" a person are Dera Ismail Khan; "Juhor" + "ad Dik" is Juhr ad Dik."""
    if span is None:
        return None
    doc, end, best = span.doc, span.end, span.end
    limit = min(len(doc), span.end + MAX_JOINED)
    while end < limit and (doc[end].pos_ == "PROPN" or doc[end].lower_ in _ARTICLES) and doc[end].text[:1].isalpha():
        end += 1
        if doc[end - 1].pos_ == "PROPN" and _known_as_written(doc[span.start : end].text, gaz):
            best = end
    if best == span.end:
        return span
    alone = gaz.best(span.text, loose=False)
    whole = gaz.best(doc[span.start : best].text, loose=False)
    return doc[span.start : best] if whole and (alone is None or alone[0] != whole[0]) else span


_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ud", "ul", "ed", "es", "ez"})


def _known_as_written(name: str, gaz: Gazetteer) -> bool:
    """True for a name the gazetteer files under its strict or article-less key (no spelling-skeleton guess)."""
    return gaz.candidates(name, loose=False)[1] is not None


def _compound_of(token: Token, i: int) -> bool:
    """True when ``token`` is a compound word of the token at index ``i``: one name written in two words."""
    return token.dep_ == "compound" and token.head.i == i


_ARTICLED = re.compile(r"(?i)(al|el|ad|an|ar|as|ash|at|az)[-‘’']+\w")  # a name part with an Arabic article


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
            role(t) in ("settlement", "facility") or t.lower_ == "refugee" for t in doc[span.end : end]
        ):
            found = gaz.best(doc[span.start : end].text, loose=False)
            if found and found[0].curated:
                return doc[span.start : end]
    return span


ORGANISATION_ROLES = frozenset({"organisation", "local-force"})  # bodies a place name only qualifies


NAMING_ROLES = frozenset({"admin", "settlement", "facility", "feature"})  # "Damboa town", "Kissufim crossing"
TYPING_BEFORE_ROLES = NAMING_ROLES | {"holding"}  # ... and "the stronghold of Dhuluiya" (not "the Tiger bastion")


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
            first = i - 1 if i > sentence.start and _stray_name_part(doc[i - 1], doc[i:j]) else i
            if any(t.text[:1].isupper() for t in doc[i:j]):  # "highland", "van": common words tagged PROPN
                yield doc[first:j]
            i = j
        else:
            if _typed_capital(doc[i], sentence) or _placed_capital(doc[i], sentence) or _named_capital(doc[i]):
                yield doc[i : i + 1]
            i += 1


def _placed_capital(token: Token, sentence: Span) -> bool:
    """True for a capitalised word inside the sentence that is the object of "in", "at", "near" ..., whatever the
    tagger made of it ("a boy in Durres", Durres tagged a common noun): a place if the gazetteer says so."""
    if token.i == sentence.start or token.ent_type_ or not token.is_alpha or token.is_upper:
        return False
    return token.text[:1].isupper() and token.dep_ == "pobj" and token.head.lower_ in _SETTING_PREPS


def _named_capital(token: Token) -> bool:
    """True for a capitalised word that a settlement or region word names before it, whatever the tagger made of
    it: "the town of ‘Amwas" (tagged a common noun)."""
    if token.ent_type_ or not token.is_alpha or token.is_upper or not token.text[:1].isupper():
        return False
    return _named_before(token.doc[token.i : token.i + 1])


def _named_before(span: Span) -> bool:
    """True when a settlement or region word names the span before it ("the town of X", "a village called X"); a
    word before a type noun ("the Coastal city of", "a Protestant district") may be an adjective, not a name."""
    before = type_word_before(span)
    return before is not None and role(before) in ("admin", "settlement")


def _stray_name_part(token: Token, run: Span) -> bool:
    """True for the first word of a name the tagger cut off as a people's word ("Kafr" of "Kafr Qaddum" tagged NORP
    alone): a capitalised proper noun, compound of the run, tagged one word long, that no country list knows."""
    ent = token.ent_type_
    if token.pos_ != "PROPN" or token.dep_ != "compound" or token.head not in run or not token.text[:1].isupper():
        return False
    alone = (
        ent == "NORP"
        and token.ent_iob_ == "B"
        and (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
    )
    return alone and token.text not in lexicon.countries().by_term and role(token) != "not-place"


def _typed_capital(token: Token, sentence: Span) -> bool:
    """True for a capitalised word inside the sentence that a region or settlement word follows, whatever the
    tagger made of it: "Sagaing region" (tagged VERB), "Kanbalu township"."""
    doc, i = token.doc, token.i
    if i == sentence.start or i + 1 >= sentence.end or token.ent_type_ or not token.is_alpha:
        return False
    return token.text[:1].isupper() and not token.is_upper and role(doc[i + 1]) in ("admin", "settlement")


def typed_by_word(span: Span) -> bool:
    """True when a place word right after the name, a typing word before it or the name's own first word says it is
    a place: "Damboa town", "the city of Ibb", "the stronghold of Dhuluiya", "Wadi Barada"."""
    after, before = word_after(span), type_word_before(span)
    if len(span) > 1 and role(span[0]) == "name-head":
        return True  # "Wadi Barada", "Jabal al-Sayyid": the name's own first word says it is a place
    return (
        after is not None and role(after) in NAMING_ROLES or before is not None and role(before) in TYPING_BEFORE_ROLES
    )


def _is_place_name(span: Span, gaz: Gazetteer, places: list[Span]) -> bool:
    """A mislabelled or untagged span is a place when a place word names it as one ("Damboa town", "city of
    Ibb"), or when it sits where places sit (after "in"/"at", or listed with a place) and names a real town."""
    words = place_words()
    if typed_by_word(span):
        return True
    if len(span) > 1 and words.get(span[-1].lower_) in NAMING_ROLES:
        return True
    root = span.root
    if root.dep_ == "conj" and root.head.ent_type_ == "ORG":
        return False  # "the Islamic State of Iraq and Al-Sham": the rest of an organisation's name
    if root.dep_ == "poss" and role(root.head) in NAMING_ROLES and not _named_by_of(root.head):
        return True  # "Colombo's business district", not "Kasi's hometown of Quetta"
    if _typed_by_apposition(root) or _type_word_just_before(span):
        return True  # "the regional capital, Grozny", "Mir Ali, a major town in", "village Lassipora"
    if root.dep_ == "compound" and role(root.head) in NAMING_ROLES:
        return True  # "at Gamba police station"
    locative = root.dep_ == "pobj" and role(root.head) == "locative"
    listed = root.dep_ in ("conj", "appos") and any(root.head in p for p in places)
    patient = root.dep_ in ("dobj", "nsubjpass") or taken_place(root)
    if span.text.isupper() and len(span.text) <= 5:
        return False
    found = gaz.best(clean_name(span.text), loose=False, smooth=not _person(span))
    if found is None:
        return False
    entry = found[0]
    if not (locative or listed or patient):  # anywhere else a well-known name of two words or more, or a metropolis
        if len(span) == 1 and not _is_own_name(clean_name(span.text), gaz):
            return False  # "Kasi" (a person) is only an alternate name of Varanasi
        bar_anywhere = MIN_POPULATION_ANYWHERE if len(span) > 1 else MIN_POPULATION_METROPOLIS
        return found[1] == "exact" and (entry.curated or entry.population >= bar_anywhere)
    return _big_enough(entry, MIN_POPULATION if locative or listed else MIN_POPULATION_OBJECT)


def _typed_by_apposition(root: Token) -> bool:
    """True for a name a settlement or region noun stands beside, between commas: "Mir Ali, a major town in ...",
    "In another Harare township, Mabvuku, ..."."""
    if root.dep_ == "appos" and role(root.head) in _APPOSED_ROLES:
        return True
    return any(c.dep_ == "appos" and role(c) in _APPOSED_ROLES for c in root.children)


_APPOSED_ROLES = frozenset({"admin", "settlement", "holding"})


def _named_by_of(noun: Token) -> bool:
    """True when a proper name follows the place noun after "of" ("hometown of Quetta"): the noun's own name."""
    return any(c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children) for c in noun.children)


def _before_region(span: Span, places: list[Span]) -> bool:
    """True for a name after "in"/"at" ... that a comma and a place found follow, as an address writes them,
    narrow to wide ("in Saraf Omra, North Darfur")."""
    doc, end, root = span.doc, span.end, span.root
    if root.dep_ != "pobj" or root.head.lower_ not in _SETTING_PREPS or not span.text[:1].isupper():
        return False
    return end + 1 < len(doc) and doc[end].text == "," and any(p.start == end + 1 for p in places)


def _before_bracket(span: Span, gaz: Gazetteer) -> bool:
    """True for a name where places sit (not a clause's subject: "Senator X (South Carolina) said") that admin areas
    in brackets follow, as ACLED writes a village: "shelled Mweso (Masisi, North Kivu)"."""
    return span.root.dep_ not in _SUBJECT_DEPS and bracket_setting(span, gaz) is not None


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


def _big_enough(entry: Entry, population: int) -> bool:
    """True for a curated place, a region or country, or a town of at least ``population`` people."""
    return entry.curated or entry.precision != "place" or entry.population >= population


def word_after(span: Span) -> Token | None:
    """The first word after the span, past whitespace tokens, "refugee" ("Nusseirat refugee camp") and "local
    government" ("Anka local government area")."""
    doc, i = span.doc, span.end
    while i < len(doc) and (doc[i].is_space or doc[i].lower_ == "refugee" or _local_government(doc, i)):
        i += 2 if _local_government(doc, i) else 1
    return doc[i] if i < len(doc) else None


def _local_government(doc: Doc, i: int) -> bool:
    """True for "local government" before a type word ("Anka local government area", Nigeria's LGAs)."""
    if doc[i].lower_ != "local" or i + 2 >= len(doc):
        return False
    return doc[i + 1].lower_ == "government" and role(doc[i + 2]) in NAMING_ROLES


def type_word_before(span: Span) -> Token | None:
    """The type word of "the district of X", "a village called X", "two areas known as X" before the span, past
    whitespace tokens; None without one."""
    doc, i = span.doc, _index_before(span)
    if i >= 2 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "known":
        i -= 1  # "known as"
    return doc[i - 1] if i >= 1 and doc[i].lower_ in _NAMING_LINKS else None


_NAMING_LINKS = frozenset({"of", "called", "named", "known"})


def _index_before(span: Span) -> int:
    """Index of the last word before the span, past whitespace tokens and a mark glued to the name (the ayn of
    "the village of ‘Urif"); -1 at the start of the doc."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].text in _NAME_MARKS and not doc[i].whitespace_:
        i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


_NAME_MARKS = frozenset({"‘", "'", "`", "ʿ", "’"})  # an ayn or hamza written before a transliterated name


def _typed_name(span: Span) -> bool:
    """True for a name a place word types ("Nusseirat refugee camp") that is no nationality word ("Kurdish
    town" is not a name)."""
    after = word_after(span)
    if after is None or role(after) not in NAMING_ROLES:
        return False
    if any(place_words().get(t.lower_) == "not-place" for t in span):
        return False  # "Sunni neighbourhood", "Hindu village": a community, not a name
    return clean_name(span.text) not in lexicon.countries().by_term


def _unknown_typed_word(span: Span, gaz: Gazetteer) -> bool:
    """True for one capitalised word the tagger took for an adjective that a place word types as one place: no
    indefinite article before it, no "of" after the place word, no people's adjective of a well-known place, and no
    gazetteer entry ("the Butitian village", "Srisakorn district"; not "an Assyrian village", "the Assyrian town of
    Alqosh", "the Arabian peninsula")."""
    doc = span.doc
    if len(span) != 1 or not span.text[:1].isupper() or span.start == span.sent.start:
        return False
    before = doc[span.start - 1]
    after_type = span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "of"
    if before.lower_ in ("a", "an", "another", "one") or after_type:
        return False
    word = clean_name(span.text)
    stems = [word[: -len(s)] for s in _demonym_suffixes() if word.lower().endswith(s)]
    if any(_well_known(stem, gaz) for stem in stems):
        return False  # "the Kashmiri village", "the Arabian peninsula": a people's or region's adjective
    return gaz.best(word, loose=False) is None


def _type_word_just_before(span: Span) -> bool:
    """True when a settlement or region word comes right before the name ("the capital Grozny")."""
    doc, i = span.doc, _index_before(span)
    return i >= 0 and doc[i].is_lower and role(doc[i]) in ("admin", "settlement")


def _own_name(span: Span, gaz: Gazetteer) -> bool:
    """True for a nationality-tagged word that is a known place under its own name ("Aleppo"), not only under an
    alternate one ("Gazan", an old spelling of Jizan, is a demonym)."""
    return _is_own_name(clean_name(span.text), gaz) and _is_known_place(span, gaz)


def _is_known_place(span: Span, gaz: Gazetteer) -> bool:
    """True when the span is, as written, the name of a town of 20,000+ people, a region, a country or a
    curated place."""
    found = gaz.best(clean_name(span.text), loose=False)
    if found is None or found[1] != "exact":
        return False
    return _big_enough(found[0], MIN_POPULATION_OBJECT)


def role(token: Token) -> str | None:
    """The place-word role of a token, by its lower-case form or lemma."""
    words = place_words()
    return words.get(token.lower_) or words.get(token.lemma_.lower())


def governing_verb(trigger: Token | None) -> Token | None:
    """The verb a noun trigger is an argument of ("launched an offensive", "the attack occurred"): places
    hanging from that verb are the event's too."""
    if trigger is None or trigger.pos_ != "NOUN" or trigger.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr"):
        return None
    return trigger.head if trigger.head.pos_ == "VERB" else None


def locative_path(token: Token, trigger: Token | None) -> bool:
    """True when the place hangs from the trigger (or, with no trigger, from its clause's verb) through a
    locative preposition ("in", "at", "near") or is (part of) its direct object ("shelled Kharkiv"); "the town
    of X" passes through to the town. A path through another verb belongs to that verb's event."""
    seen_locative = False
    node = token
    for _ in range(12):
        seen_locative = seen_locative or is_locative(node)
        node = node.head if _next_to(node) else node  # "in neighboring Kenya": the participle stands for the name
        head = node.head
        if trigger is not None and head.i == trigger.i:
            return seen_locative or node.dep_ == "dobj"
        if head.i == node.i or head.pos_ in ("VERB", "AUX"):
            return trigger is None and (seen_locative or node.dep_ == "dobj")
        node = head
    return False


def is_locative(node: Token) -> bool:
    """A prepositional object that places something: "in X", "near X" (not "of X", nor "in support of X"), also
    when the tagger read a participle before it as a verb taking it ("in neighboring Kenya")."""
    if _next_to(node):
        return node.head.head.lower_ != "of" and role(node.head.head) == "locative"
    return (
        node.dep_ == "pobj" and node.head.lower_ != "of" and role(node.head) == "locative" and role(node) != "abstract"
    )


def _next_to(node: Token) -> bool:
    """True for the object of a nearness participle the parser made the object of a preposition ("in neighboring
    Kenya" read as "in [neighboring Kenya]" with "neighboring" a verb)."""
    return node.dep_ == "dobj" and node.head.dep_ == "pcomp" and role(node.head) == "nearness"


@lru_cache(maxsize=1)
def anchor_verbs() -> dict[str, str]:
    """Lemma → kind ("motion", "operation") of the verbs that anchor an event's setting (anchor_verbs.tsv)."""
    return {row[0]: row[1] for row in read_rows("places", "anchor_verbs.tsv")}


@lru_cache(maxsize=1)
def home_bodies() -> frozenset[str]:
    """Nouns of a state's organs that act at home ("police", "authorities"), from resources/places/home_bodies.tsv."""
    return frozenset(row[0].lower() for row in read_rows("places", "home_bodies.tsv"))


@lru_cache(maxsize=1)
def armed_bodies() -> frozenset[str]:
    """Nouns of a state's armed forces, which act at home or across a border ("troops", "army"), from
    resources/places/armed_bodies.tsv."""
    return frozenset(row[0].lower() for row in read_rows("places", "armed_bodies.tsv"))


@lru_cache(maxsize=1)
def town_parts() -> frozenset[str]:
    """Type words of a part of a town ("neighbourhood", "district"), from resources/places/town_parts.tsv."""
    return frozenset(row[0].lower() for row in read_rows("places", "town_parts.tsv"))


_ANCHORING_DEPS = frozenset({"advcl", "xcomp", "conj"})


MAX_ANCHOR_HOPS = 3  # clause edges climbed from the event's clause to an anchor verb


def anchor_verbs_of(trigger: Token | None) -> list[Token]:
    """Anchor verbs the event's clause hangs from as a participle, purpose or conjoined clause with no
    subordinating word ("entered Syria to fight", "stormed in, killing 12"; not "after they entered"), nearest
    first."""
    node = governing_verb(trigger) or trigger
    found: list[Token] = []
    for _ in range(MAX_ANCHOR_HOPS):
        if node is None or node.dep_ not in _ANCHORING_DEPS or any(c.dep_ == "mark" for c in node.children):
            break
        node = node.head
        if node.pos_ != "VERB":
            break
        if node.lemma_.lower() in anchor_verbs():
            found.append(node)
    return found


MOTION_GOALS = frozenset({"to"})  # a motion verb's goal is where the movers then act ("deployed to Kidal")


def anchored(root: Token, anchor: Token) -> bool:
    """True when the place is where the anchor verb puts its movers or operation: on its locative path or
    object, or (motion) its goal."""
    if locative_path(root, anchor):
        return True
    goal = root.dep_ == "pobj" and root.head.lower_ in MOTION_GOALS and root.head.head.i == anchor.i
    return goal and anchor_verbs().get(anchor.lemma_.lower()) == "motion"


def told_on(anchor: Token) -> list[Token]:
    """Clauses that go on telling the anchor's event: its participle clauses ("stormed the town, killing 12")
    and the means it was done by ("began the attack by storming X")."""
    told = [v for v in anchor.children if participle_of(v, anchor)]
    means = [c for p in anchor.children if p.dep_ == "prep" and p.lower_ == "by" for c in p.children]
    return told + [c for c in means if c.dep_ == "pcomp" and c.tag_ == "VBG"]


def participle_of(verb: Token, trigger: Token) -> bool:
    """True when ``verb`` is a participle clause that goes on telling the trigger's event ("stormed the town,
    killing 12"): an -ing clause hanging from the trigger with no conjunction of its own."""
    return (
        verb.head.i == trigger.i
        and verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(child.dep_ == "mark" for child in verb.children)
    )
