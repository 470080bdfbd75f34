"""Actors: who acted and who was acted on, as an ACLED-style name, ISO3 country and PLOVER sector.

Mentions come from the curated dictionary of named groups (``resources/actors/groups.tsv``), nationality
words with a head noun that names a kind of actor ("Israeli forces" → ISR MIL), demonyms alone
("700 Israelis" → ISR civilians), and definite descriptions ("the Islamist group") resolved to the most
recent named actor of a matching sector.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.extract.tree import child, children
from storyline.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from storyline.extract.places_gazetteer import Gazetteer

_NAME_PATTERNS = {
    "MIL": "Military Forces of {c}",
    "COP": "Police Forces of {c}",
    "GOV": "Government of {c}",
    "CVL": "Civilians ({c})",
    "PRO": "Protesters ({c})",
    "RIO": "Rioters ({c})",
    "REB": "Unidentified Armed Group ({c})",
    "UAF": "Unidentified Armed Group ({c})",
    "MED": "Journalists ({c})",
    "HLH": "Health Workers ({c})",
    "REF": "Refugees/IDPs ({c})",
}
_BARE_NAMES = {"CVL": "Civilians", "PRO": "Protesters", "RIO": "Rioters", "UAF": "Unidentified Armed Group"}
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
ARMED = frozenset({"MIL", "REB", "UAF", "COP", "SPY"})
_NON_STATE = frozenset({"REB", "UAF"})  # armed groups that no state commands
# Sectors that take the country of the event's place when the text gives none (as ACLED codes them: "soldiers
# looted shops in Beni" are the Military Forces of the DR Congo, "the government declared" that country's, "traders
# beat a thief to death in Onitsha" Nigeria's rioters; a named company keeps its own, groups.tsv).
LOCAL_SECTORS = frozenset(
    {"CVL", "PRO", "RIO", "COP", "HLH", "MED", "REF", "UAF", "REB", "OPP", "MIL", "GOV", "LAB", "EDU", "AGR", "BUS"}
)


@dataclass(slots=True)
class Mention:
    """An actor mention in a sentence: token range [start, end) in the Doc and the actor."""

    actor: Actor
    start: int
    end: int
    named: bool = False
    place: str | None = None  # "noun" ("the besieged town": never an agent) or "name" ("Jericho"): its people


def actor_name(country: str | None, sector: str | None, fallback: str) -> str:
    """ACLED-style name: "Military Forces of Israel", "Civilians (Palestine)", "Farmers (France)" (a trade's name,
    ``as_agent``, given a country), or the text."""
    display = lexicon.countries().display(country)
    if sector and display and sector in _NAME_PATTERNS:
        return _NAME_PATTERNS[sector].format(c=display)
    if display and (sector, fallback) in _trade_names():
        return f"{fallback} ({display})"
    if sector in _BARE_NAMES and not display:
        return _BARE_NAMES[sector or ""]
    if display and sector is None:
        return display
    return fallback


def as_sector(actor: Actor, sector: str) -> Actor:
    """The actor recoded to a sector, with the ACLED name that goes with it: the one home of recodings such as a
    protest's crowd as its protesters ("teachers marched": "Protesters (Kenya)") or a violent crowd as rioters."""
    return replace(actor, sector=sector, name=actor_name(actor.country, sector, actor.text))


def with_country(actor: Actor, country: str | None) -> Actor:
    """The actor given a country (and an ACLED name using it) when it had none; a named armed group of no one
    country ("Islamic State militants beheaded two men near Mocimboa") takes it and keeps its own name, as ACLED codes
    the group by where it fights, where other named actors keep their lack of country ("NATO troops" are no
    Afghan force); a local alias not yet settled (``DocActors.settle``) is its group where that is the group's
    country ("Maoist rebels" in Gadchiroli, India); an attack told as its own agent ("an air strike on Kharkiv
    killed ...") keeps none: the place it hit says nothing of who struck; nor do unnamed soldiers take the country of
    a territory that keeps no army (forceless_places.tsv): they, and an attack told as its own agent there, are of the
    state whose forces the table says operate there, if any (:func:`operating_force`)."""
    if actor.country or not country:
        return actor
    if actor.sector == "MIL" and country in forceless():
        return _of_operating_force(actor, country)
    if names_attack(actor):
        return actor
    local = _local_aliases().get(actor.name or "")
    if local is not None and local.country == country:  # "Maoist rebels" the event places in India: CPI (Maoist)
        return replace(actor, name=local.name, country=country, sector=local.sector)
    if actor.name in _group_names():
        return replace(actor, country=country) if actor.sector in _NON_STATE else actor
    return replace(actor, country=country, name=actor_name(country, actor.sector, actor.name or actor.text))


@cache
def forceless() -> frozenset[str]:
    """Territories whose own authorities keep no army: forceless_places.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "forceless_places.tsv"))


@cache
def operating_force() -> dict[str, str]:
    """Territory that keeps no army → the state whose armed forces operate there (forceless_places.tsv)."""
    return {row[0]: row[1] for row in lexicon.read_tsv("actors", "forceless_places.tsv") if row[1] != "-"}


@cache
def _army_nouns() -> frozenset[str]:
    """Head nouns that name a state's army, its men or its arms: army_nouns.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "army_nouns.tsv"))


_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})


def _of_operating_force(actor: Actor, territory: str) -> Actor:
    """Unnamed soldiers, warplanes or tanks (or an air strike told as its own agent) acting in a territory that keeps
    no army, of the state whose forces operate there (:func:`operating_force`: "troops raided Tubas camp" in the
    West Bank are Israel's). Not an actor whose head any armed service shares ("security forces arrested five men in
    Nablus": army_nouns.tsv lists no such word), nor one told as someone's ("its fighters", "the group's troops"),
    nor a named force of no country ("NATO troops"); none where the table names no state."""
    state = operating_force().get(territory)
    words = actor.text.lower().split()
    if state is None or actor.name in _group_names() or not words:
        return actor
    if words[0] in _POSSESSIVES or any(w.endswith(("'s", "’s")) for w in words):
        return actor
    if not {words[-1], *singulars(words[-1])} & _army_nouns():
        return actor
    return replace(actor, country=state, name=actor_name(state, "MIL", actor.text))


def with_forces_cue(actor: Actor, doc: Doc) -> Actor:
    """Unnamed soldiers of no country as the doer of an act in a territory that keeps no army (forceless_places.tsv),
    of the one state the piece ties to force beside it (:func:`_forces_cue`)."""
    if actor.country or actor.sector != "MIL" or actor.name in _group_names():
        return actor
    country = _forces_cue(doc)
    return replace(actor, country=country, name=actor_name(country, "MIL", actor.text)) if country else actor


def _forces_cue(doc: Doc) -> str | None:
    """The country of unnamed soldiers in a territory that keeps no army (forceless_places.tsv), when the piece
    places itself there and ties one state beside it to force (:func:`_force_states`: "As Ruritania pressed its
    offensive, tanks shelled a camp in Jenin"); none when it ties none (a state that only comments or hosts talks),
    or several."""
    named = _named_countries(doc) | {c for name in _proper_names(doc) if (c := _place_country(name, doc))}
    if not named & forceless():
        return None
    others = _force_states(doc) - forceless()
    return next(iter(others)) if len(others) == 1 else None


def _force_states(doc: Doc) -> set[str]:
    """Countries a piece ties to force: a nationality or country word on armed men or an attack ("Israeli troops",
    "Israel's offensive", "Russian strikes"), or the subject of a verb whose object is one ("Israel widened its
    offensive"); not one that only speaks ("Jordan's foreign ministry said") or is where something is ("talks in
    Qatar")."""
    states = set()
    for token in doc:
        country = country_of(token)
        if country is None or _not_nationality(token):
            continue
        on_force = token.dep_ in ("amod", "compound", "poss", "nmod") and _force_noun(token.head)
        if on_force or (token.dep_ == "nsubj" and any(_force_noun(o) for o in children(token.head, "dobj"))):
            states.add(country)
    return states


def _aimed_elsewhere(noun: Token) -> bool:
    """Whether an attack noun names a state it hit that is no territory without an army ("Iran's missile attack on
    Israel": Iran's force is aimed at Israel, so it is no cue for soldiers in Gaza)."""
    for prep in children(noun, "prep"):
        if prep.lower_ in ("on", "against"):
            target = child(prep, "pobj")
            country = country_of(target) if target is not None else None
            if country is not None and country not in forceless():
                return True
    return False


@cache
def _force_nouns() -> frozenset[str]:
    """Nouns of a state's armed campaign: force_nouns.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "force_nouns.tsv"))


def _force_noun(noun: Token) -> bool:
    """Whether a noun names armed men, an armed campaign (force_nouns.tsv) or an attack (a noun the trigger lexicon
    reads as an ASSAULT)."""
    if noun.pos_ not in ("NOUN", "PROPN") or _aimed_elsewhere(noun):
        return False
    if sector_of(noun) in ARMED or noun.lemma_.lower() in _force_nouns():
        return True
    entries = lexicon.triggers().get(noun.lemma_.lower(), ())
    return any(e.type == "ASSAULT" and e.pos in ("NOUN", "ANY") for e in entries)


_GIVEN_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def names_attack(actor: Actor) -> bool:
    """Whether an armed actor's head word is an attack noun of the trigger lexicon, told as a new one ("an air
    strike", "drone strikes"), or a munition fired at a place (a thing ``launch`` takes in triggers/objects.tsv that
    names no kind of actor by itself: "tank shells", not "a drone"): the act or the arms standing for whoever did it.
    A definite one ("the airstrikes", "their strikes") is an attack told before, whose doer the text has given."""
    if actor.sector not in ARMED or not actor.text:
        return False
    words = actor.text.lower().split()
    if words[0] in _GIVEN_DETERMINERS:
        return False
    last = words[-1]
    if _munition(last):
        return True
    entries = lexicon.triggers()
    return any(
        e.type == "ASSAULT" and e.pos == "NOUN" and len(e.lemmas) == 1
        for word in (last, last.removesuffix("s"))
        for e in entries.get(word, ())
    )


def _munition(word: str) -> bool:
    """Whether a head word names a munition (:func:`_munitions`)."""
    return bool({word, *singulars(word)} & _munitions())


@cache
def _munitions() -> frozenset[str]:
    """Things fired (``launch``'s objects in triggers/objects.tsv) that are no kind of actor by themselves in the
    sectors table ("shell", "missile"; a drone or a jet is the force's machine) nor an act the trigger lexicon reads
    as an attack noun ("a raid" is launched, not fired)."""
    rules = lexicon.object_rules().get("launch")
    fired = rules.require if rules is not None else frozenset()
    triggers = lexicon.triggers()
    acts = {w for w in fired if any(e.type == "ASSAULT" and e.pos in ("NOUN", "ANY") for e in triggers.get(w, ()))}
    return frozenset(fired - set(lexicon.sectors()) - acts)


@cache
def _armed_attackers() -> dict[str, str]:
    """Actor name → the sector it takes as the agent of an attack (settlers act as a militia)."""
    return {name: sector for name, sector in lexicon.read_tsv("actors", "armed_attackers.tsv")}


def attacking_sector(actor: Actor) -> str | None:
    """The sector an actor takes when it attacks, if it differs from its own (``armed_attackers.tsv``)."""
    return _armed_attackers().get(actor.name or "")


@cache
def _group_names() -> frozenset[str]:
    """Names of the curated named actors."""
    return frozenset(g.name for g in lexicon.groups().values())


@cache
def _alias_regex() -> re.Pattern[str]:
    """One regex matching every group alias (and every local alias) as a whole word, longest first; a hyphen or a
    space between its words either way ("Al-Quds Brigades", "Al Quds Brigades")."""
    aliases = sorted([*lexicon.groups(), *_local_aliases()], key=len, reverse=True)
    spelled = ("[- ]".join(re.escape(word) for word in _JOINS.split(alias)) for alias in aliases)
    return re.compile(r"(?<![\w-])(?:" + "|".join(spelled) + r")(?![\w])")


_JOINS = re.compile(r"[- ]")


@cache
def _local_aliases() -> dict[str, lexicon.Group]:
    """Words that name a group only where the text places them in the group's country ("Maoist rebels": India's
    CPI (Maoist) in Chhattisgarh, other Maoists in Nepal or the Philippines): local_aliases.tsv."""
    by_name = {g.name: g for g in lexicon.groups().values()}
    return {alias: by_name[name] for alias, name in lexicon.read_tsv("actors", "local_aliases.tsv")}


@cache
def _groups_by_key() -> dict[str, tuple[lexicon.Group, bool]]:
    """Named actors by alias with hyphens read as spaces (the key a match of ``_alias_regex`` is looked up by), each
    with whether the alias is a local one (``_local_aliases``)."""
    table: dict[str, tuple[lexicon.Group, bool]] = {}
    for alias, group in lexicon.groups().items():
        table.setdefault(_JOINS.sub(" ", alias), (group, False))
    for alias, group in _local_aliases().items():
        table.setdefault(_JOINS.sub(" ", alias), (group, True))
    return table


@dataclass(slots=True)
class DocActors:
    """Named-group matches over a whole text, for mentions and cross-sentence coreference. A local alias's match
    stands for an armed group of its kind and no country ("Maoist rebels") until :meth:`settle` finds the text
    placing it in its group's country."""

    starts: list[int]
    ends: list[int]
    groups: list[lexicon.Group]
    base: int = 0  # offset of the Doc being read within the whole text; methods take Doc offsets
    local: dict[int, lexicon.Group] = field(default_factory=dict)  # match index → the group a local alias names
    seen: set[str] = field(default_factory=set)  # countries the pieces read so far name or place
    settled_at: int = -1  # ``base`` of the last piece settled
    # match index → offset of the capitalised word opening the sentence just before it, which may begin a longer name
    openers: dict[int, int] = field(default_factory=dict)
    dropped: set[int] = field(default_factory=set)  # matches that are the end of a longer proper name

    @classmethod
    def scan(cls, text: str) -> DocActors:
        """Find every alias of a named group in the text."""
        starts: list[int] = []
        ends: list[int] = []
        found: list[lexicon.Group] = []
        local: dict[int, lexicon.Group] = {}
        openers: dict[int, int] = {}
        table = _groups_by_key()
        for match in _alias_regex().finditer(text):
            run_in = _name_before(text, match.start(), match.group(0))
            if run_in is not None and run_in[1]:
                continue  # "West Papua National Liberation Army" is not Colombia's National Liberation Army
            if run_in is not None:
                openers[len(found)] = run_in[0]  # "Karen National Liberation Army fighters ...": the tagger decides
            group, is_local = table[_JOINS.sub(" ", match.group(0))]
            if is_local:
                local[len(found)] = group
                group = lexicon.Group(match.group(0), None, group.sector)
            starts.append(match.start())
            ends.append(match.end())
            found.append(group)
        return cls(starts, ends, found, local=local, openers=openers)

    def settle(self, doc: Doc) -> None:
        """Read the local aliases' matches in a parsed piece (``base`` set to it): the group itself where this piece
        or one read before names its country or a place the gazetteer puts there ("Maoist rebels ... in Bijapur,
        Chhattisgarh"); and drop a match that a sentence's first word, tagged a proper noun, runs into ("Karen
        National Liberation Army fighters": not "Suspected National Liberation Army fighters")."""
        if (not self.local and not self.openers) or self.settled_at == self.base:
            return
        self.settled_at = start = self.base
        for i in [i for i, at in self.openers.items() if start <= at < start + len(doc.text)]:
            word = doc.char_span(self.openers.pop(i) - start, self.starts[i] - start, alignment_mode="expand")
            if word is not None and len(word) and word[0].pos_ == "PROPN":
                self.dropped.add(i)
        pending = [i for i in self.local if start <= self.starts[i] < start + len(doc.text)]
        self.seen |= _named_countries(doc)
        self.seen |= {c for name in _proper_names(doc) if (c := _place_country(name, doc))}
        for i in pending:
            if self.local[i].country in self.seen:
                self.groups[i] = self.local.pop(i)

    def within(self, start: int, end: int) -> list[tuple[int, int, lexicon.Group]]:
        """Matches inside [start, end) of the text."""
        start, end = start + self.base, end + self.base
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.starts) and self.starts[i] < end:
            if self.ends[i] <= end and i not in self.dropped:
                out.append((self.starts[i] - self.base, self.ends[i] - self.base, self.groups[i]))
            i += 1
        return out

    def antecedent(self, before: int, sectors: set[str]) -> tuple[str, lexicon.Group] | None:
        """The most recent named group before a character offset whose sector is one of ``sectors``."""
        i = bisect.bisect_left(self.starts, before + self.base) - 1
        while i >= 0:
            if self.groups[i].sector in sectors and i not in self.dropped:
                return str(i), self.groups[i]
            i -= 1
        return None


_WORD_BEFORE = re.compile(r"(?:^|(?<=[.!?;:]\s)|(\S))\s*([A-Z][\w'-]*)\s$")
_WORD_AFTER = re.compile(r"\s+[A-Z][a-z]")
_CALENDAR = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March"]
    + ["April", "May", "June", "July", "August", "September", "October", "November", "December"]
)


def _name_before(text: str, start: int, alias: str) -> tuple[int, bool] | None:
    """Where a capitalised word that may make a group's alias of several words the end of a longer proper name
    begins, and whether it surely does (it is not the sentence's first word; that one does when the tagger reads it
    as a proper noun, :meth:`DocActors.settle`): a word that is no nationality, country, possessive, article or day
    or month, not in a title-cased headline (a capitalised word after the alias): "the West Papua National Liberation
    Army", "Karen National Liberation Army fighters", not "Colombia's National Liberation Army", "the Colombian
    National Liberation Army", "On Sunday Islamic State ...", "Attack By National Liberation Army Kills Five"."""
    if " " not in alias or _WORD_AFTER.match(text, start + len(alias)):
        return None  # a title-cased headline capitalises every word ("Suspected Islamic State Militants Kill 12")
    window = max(0, start - 40)
    found = _WORD_BEFORE.search(text[window:start])
    if found is None:
        return None  # nothing before it in the sentence
    word = found.group(2)
    if word.endswith(("'s", "\u2019s")) or word in ("The", "A", "An") or word in _CALENDAR:
        return None  # "Osama bin Laden's al-Qaeda", "{The Security Council"
    if word in lexicon.countries().by_term:
        return None
    return window + found.start(2), found.group(1) is not None


def _proper_names(doc: Doc) -> set[str]:
    """The names a piece may hold a place by: its place entities, its runs of proper nouns and each proper noun
    ("Bijapur (Chhattisgarh)" is parsed as one organisation); not a date's month ("on 2 May": May is no town)."""
    names = {e.text.removeprefix("the ") for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    run: list[str] = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.ent_type_ not in _NOT_ACTOR_ENTS:
            run.append(token.text)
            names.add(token.text)
            continue
        if len(run) > 1:
            names.add(" ".join(run))
        run = []
    return names


def _group_actor(text: str, group: lexicon.Group, start: int, end: int) -> Actor:
    """Actor for a named group mention."""
    return Actor(text=text, name=group.name, country=group.country, sector=group.sector, start=start, end=end)


def country_of(token: Token) -> str | None:
    """ISO3 of a nationality word, demonym or country name token (or its entity), if it is one."""
    table = lexicon.countries().by_term
    # any label: "the Democratic People's Republic of Korea" is an ORG, "Sri Lanka" may be taken for a PERSON
    if token.ent_iob_ != "O" and token.ent_type_ not in _NOT_ACTOR_ENTS:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            iso = table.get(ent.text) or table.get(ent.text.removeprefix("the ").strip())
            if iso:
                return iso
            if ent.label_ in ("GPE", "LOC"):
                return table.get(token.text) or _place_country(ent.text, token.doc)
    return table.get(token.text)


_NAMED = "storyline.named_countries"  # Doc.user_data key of the countries a text names


def _named_countries(doc: Doc) -> frozenset[str]:
    """ISO3 codes of the countries a text names outright, by name or nationality word ("Niger", "Palestinian");
    read once per Doc."""
    found: frozenset[str] | None = doc.user_data.get(_NAMED)
    if found is None:
        table = lexicon.countries().by_term
        names = [table.get(e.text) or table.get(e.text.removeprefix("the ")) for e in doc.ents]
        words = (table.get(t.text) for t in doc if t.pos_ in ("PROPN", "ADJ"))
        found = doc.user_data[_NAMED] = frozenset(filter(None, [*names, *words]))
    return found


@cache
def _place_lookup_near(name: str, named: frozenset[str]) -> str | None:
    """The country of a place name as read among the countries a text names ("militias in Tripoli" in a text about
    a Lebanese port: Lebanon's Tripoli), when the gazetteer finds it in one of them."""
    from storyline.extract.places import gazetteer

    gaz = gazetteer()
    found = gaz.lookup(name, near=[c for c in map(gaz.country_code, sorted(named)) if c])
    return found.country if found.precision != "unresolved" and found.country in named else None


@cache
def _place_lookup(name: str) -> tuple[str | None, str, bool] | None:
    """(country, precision, whether the name is a place in its own right) of a named place from the places
    gazetteer; None if unresolved or not installed."""
    try:
        from storyline.extract.places import gazetteer
    except ImportError:
        return None
    gaz = gazetteer()
    found = gaz.lookup(name)
    if found.precision == "unresolved":
        return None
    return found.country, str(found.precision), _own_place_name(gaz, name)


def _own_place_name(gaz: Gazetteer, name: str) -> bool:
    """True when ``name`` names a place in its own right: a country or region, a curated place, a city of
    MIN_POPULATION_ANYWHERE, or the main name of its entry; not a small town's alternate name ("Yuri": Youri
    Kourtere, Niger) that a person's name happens to match."""
    from storyline.extract.places_spans import MIN_POPULATION_ANYWHERE

    found = gaz.resolve(name, loose=False)
    if found is None:
        return False
    entry = found[0]
    if entry.curated or entry.precision != "place" or entry.population >= MIN_POPULATION_ANYWHERE:
        return True
    matches, level = gaz.candidates(name, loose=False)
    return level == "exact" and any(m.main and m.entry is entry for m in matches)


def _place_country(name: str, doc: Doc | None = None) -> str | None:
    """The country of a named place ("Kabul" → AFG), when the places gazetteer resolves it to a place in its own
    right or to a place in one of the countries the text (``doc``) names, a namesake there first ("Tripoli" in a
    text about Lebanon). A region's English name ("South Lebanon", "North Sinai") is one of its own names in the
    gazetteer (admin_aliases.tsv), so it wins over a small town abroad that bears the same name."""
    found = _place_lookup(name)
    if found is None:
        return None
    named = _named_countries(doc) if doc is not None else frozenset()
    if found[0] in named:
        return found[0]
    among = _place_lookup_near(name, named) if named and found[1] != "country" else None
    return among or (found[0] if found[2] else None)


def names_place(token: Token) -> bool:
    """Whether a token is part of a place name below the country level ("Gaza City", "Rafah")."""
    if token.ent_type_ not in ("GPE", "LOC", "FAC") or token.ent_iob_ == "O":
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent is not None and _place_precision(ent.text.removeprefix("the ")) not in (None, "country")


def _place_precision(name: str) -> str | None:
    """How precisely the places gazetteer resolves a name ("country", "admin1", "place"), when installed."""
    found = _place_lookup(name)
    return found[1] if found else None


def sector_of(token: Token) -> str | None:
    """Sector named by a head noun ("forces" → MIL), looking at a word before it too (a compound, or an adjective
    storyline's sectors.tsv pairs with it: "military police" → MIL, as CAMEO codes it): a noun of no kind
    ("members", UNK) is of the kind its compound names ("gang members" → UAF, "party members" → PTY)."""
    table = lexicon.sectors()
    left = token.doc[token.i - 1] if token.i > 0 else None
    found: str | None = None
    if left is not None and left.dep_ == "compound":  # "gang members"
        found = table.get(f"{left.lemma_.lower()} {token.lemma_.lower()}")
    elif left is not None and left.dep_ == "amod":  # "military police": storyline's own two-word kinds only
        found = _own_sectors().get(f"{left.lemma_.lower()} {token.lemma_.lower()}")
    found = found or table.get(token.lemma_.lower()) or table.get(token.text.lower())
    if found is None and token.pos_ == "PROPN" and not token.ent_type_:  # "Rebels in Darfur attacked": no name
        found = next((hit for word in singulars(token.text.lower()) if (hit := table.get(word))), None)
    if found == "UNK" and left is not None and left.dep_ in ("compound", "amod"):  # "gang members", "rebel chief"
        found = table.get(left.lemma_.lower()) or found
    return None if found == "-" else found


def singulars(word: str) -> list[str]:
    """The singulars a regular English plural may have ("rebels" → rebel, "witnesses" → witness, "militias",
    "gunmen" → gunman, "casualties" → casualty)."""
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("men"):
        return [word[:-3] + "man"]
    if not word.endswith("s") or word.endswith("ss"):
        return []
    return [word[:-1], word[:-2]] if word.endswith("es") else [word[:-1]]


@cache
def _own_sectors() -> dict[str, str]:
    """storyline's own head nouns and two-word kinds (sectors.tsv), without the agents dictionary."""
    return {lemma: sector for lemma, sector in lexicon.read_tsv("actors", "sectors.tsv")}


def _place_noun(token: Token) -> bool:
    """Whether a noun names a kind of place or building, no actor ("town", "camp": sectors.tsv "-")."""
    return lexicon.sectors().get(token.lemma_.lower()) == "-"


def _chunk_mention(chunk: Span, doc_actors: DocActors) -> Mention | None:
    """The actor a noun chunk names, if any; a chunk cut inside a bracket ("Yatta (Hebron") names it before the
    bracket ("Yatta")."""
    bracket = next((t.i for t in chunk if t.text == "("), None)
    if bracket is not None and not any(t.text == ")" for t in chunk[bracket - chunk.start :]):
        return _chunk_mention(chunk.doc[chunk.start : bracket], doc_actors) if bracket > chunk.start else None
    head = chunk.root
    if head.pos_ == "PRON" or head.ent_type_ in _NOT_ACTOR_ENTS:
        return None
    start, end = chunk.start_char, chunk.end_char
    found = doc_actors.within(start, end)
    if found and _run_by_group(chunk, found):
        return _controlled_body(chunk, found[-1][2])
    if found:
        actor = _group_actor(chunk.text, found[-1][2], start, end)
        return Mention(_forces_of(actor, chunk, found[-1][1]), chunk.start, chunk.end, named=True)
    anaphor = _anaphor(chunk, doc_actors) or _member_of_group(chunk, doc_actors) or _tellers_own(chunk, doc_actors)
    if anaphor is not None:
        return anaphor
    country_token = next((tok for tok in chunk if country_of(tok) and not _not_nationality(tok)), None)
    leader = _leader(chunk, country_of(country_token) if country_token is not None else None)
    if leader is not None:
        return leader
    own_country = country_token
    country_token = (
        country_token
        or _collective_country_token(head)
        or _of_country_token(head)
        or _home_token(head)
        or _described_country_token(head)
    )
    country = country_of(country_token) if country_token is not None else None
    sector = _modified_sector(
        chunk,
        _named_band(
            chunk,
            _unnamed_band(
                head,
                _collective_sector(head)
                or _follower_sector(head)
                or sector_of(head)
                or _title_sector(chunk)
                or _armed_modifier(head),
                own_country,
            ),
        ),
    )
    if sector is None and country_token is None and any(_not_nationality(t) and country_of(t) for t in chunk):
        sector = _country_only_sector(head, "ethnic")  # "ethnic Albanians" are people, of no stated country
    if sector is None and (country_token is None or _event_in_place(head, country_token)):
        return None
    if _states_relation(head):
        return None
    if sector is None:
        sector = _country_only_sector(head, country)
    if sector == "MIL" and own_country is None and _one_attacker(head):
        sector = "UAF"
    name = actor_name(country, sector, chunk.text)
    place = "noun" if _place_noun(head) else "name" if sector is None and names_place(head) else None
    return Mention(Actor(chunk.text, name, country, sector, start, end), chunk.start, chunk.end, place=place)


@cache
def _trades() -> dict[str, tuple[str, str]]:
    """Person nouns naming people by their trade → (the sector they act as, its ACLED-style name): trades.tsv."""
    return {lemma: (sector, name) for lemma, sector, name in lexicon.read_tsv("actors", "trades.tsv")}


@cache
def _trade_names() -> frozenset[tuple[str, str]]:
    """(sector, name) of the trades (trades.tsv)."""
    return frozenset(_trades().values())


def as_agent(mention: Mention, doc: Doc) -> Mention:
    """The mention as an event's agent: people named by their trade act as that trade ("French farmers said they
    would blockade Paris" → AGR, "workers went on strike" → LAB, "students marched" → EDU, as CAMEO codes them;
    "Labor Group (France)"), where the people an event hits stay civilians; "a group of students" by its members.
    One person named by a trade ("a student stabbed a teacher") stays a person."""
    head = doc[mention.start : mention.end].root
    member = _collective_member(head) if head.lemma_.lower() in _collectives() else None
    if member is None and head.tag_ not in ("NNS", "NNPS"):
        return mention  # "a farmer killed his neighbour": one person, not the trade's group
    found = _trades().get((member if member is not None else head).lemma_.lower())
    if found is None or mention.actor.sector not in ("CVL", found[0]):
        return mention
    sector, name = found
    actor = replace(mention.actor, sector=sector, name=actor_name(mention.actor.country, sector, name))
    return replace(mention, actor=actor)


def _forces_of(actor: Actor, chunk: Span, name_end: int) -> Actor:
    """ "NATO peacekeeping troops", "Palestinian Authority security forces": the armed men of an international
    organisation or a government body, named after it, are its armed force (CAMEO: IGO MIL), under its name."""
    head = chunk.root
    return _armed_men(actor, head) if head.idx >= name_end else actor


_COMMANDING = frozenset({"IGO", "GOV"})  # bodies whose armed men are a force of their own kind, not the body


def _armed_men(actor: Actor, head: Token) -> Actor:
    """The actor of an organisation or a government body as the armed men a head noun names ("troops", "police"),
    as the kind of force the body keeps when body_forces.tsv names one (a government with police and no army). The
    police of any body are police ("Taliban police", "Hamas police"): a force of the country they keep order in."""
    sector = sector_of(head)
    if sector == "COP" and actor.sector not in _COMMANDING:
        return as_sector(actor, sector)
    if actor.sector not in _COMMANDING or sector not in ARMED:
        return actor
    return replace(actor, sector=_body_forces().get(actor.name or "", sector))


@cache
def _body_forces() -> dict[str, str]:
    """Government bodies → the sector of their security forces, where it is not the one their head noun names."""
    return {name: sector for name, sector in lexicon.read_tsv("actors", "body_forces.tsv")}


@cache
def _relations() -> frozenset[str]:
    """Person nouns that name people by a relation ("neighbour"), which can be said of states too."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "relations.tsv"))


def _states_relation(head: Token) -> bool:
    """True for a relation noun said of a thing or a country ("its neighbor", "Israel's neighbours") or definite
    with no other side named ("the two neighbors"): states the text names, not civilians."""
    if head.lemma_.lower() not in _relations():
        return False
    owner = child(head, "poss")
    if owner is not None:
        return owner.lower_ == "its" or (owner.ent_type_ in ("GPE", "NORP") and country_of(owner) is not None)
    return any(c.lower_ == "the" for c in children(head, "det")) and of_object(head) is None


@cache
def _leaders() -> dict[str, tuple[str | None, str]]:
    """Name of a national leader → (country, sector), from ``leaders.tsv``."""
    table: dict[str, tuple[str | None, str]] = {}
    for names, country, sector in lexicon.read_tsv("actors", "leaders.tsv"):
        for name in names.split("|"):
            table[name] = (None if country == "-" else country, sector)
    return table


def _leader(chunk: Span, named: str | None = None) -> Mention | None:
    """ "Netanyahu", "President Vladimir Putin": a chunk naming a national leader is that leader's country and sector
    (a title's modifier still changes it: "former president Carlos Menem" is an elite); not when the chunk names
    another country itself ("Pakistani minister Fawad Chaudhry" is no Fijian leader, whatever the surname)."""
    head = chunk.root
    if head.ent_type_ != "PERSON":
        return None
    words = [t.text for t in chunk if t.ent_type_ == "PERSON" and t.i <= head.i and t.tag_ != "POS"]
    found = next((hit for i in range(len(words)) if (hit := _leaders().get(" ".join(words[i:])))), None)
    if found is None or (named is not None and found[0] is not None and found[0] != named):
        return None
    country, sector = found
    sector = _modified_sector(chunk, sector) or sector
    name = actor_name(country, sector, chunk.text)
    return Mention(Actor(chunk.text, name, country, sector, chunk.start_char, chunk.end_char), chunk.start, chunk.end)


@cache
def _control_words() -> frozenset[str]:
    """Participles that make a group the one behind a body ("Hamas-run", "Iran-backed"): control_words.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "control_words.tsv"))


def _run_by_group(chunk: Span, found: list[tuple[int, int, lexicon.Group]]) -> bool:
    """Whether the chunk names a body its groups only run or back ("the Hamas-run Health Ministry"); their armed men
    ("Hamas-led fighters") and their acts ("the Hamas-led attack") stay the group."""
    if sector_of(chunk.root) in (None, "REB", "UAF"):
        return False
    return all(_controls(chunk.doc.text, match_end) for _, match_end, _ in found)


def _controls(text: str, end: int) -> bool:
    """Whether a group name ending at ``end`` modifies the noun after it as its controller ("Hamas-run ...")."""
    match = re.match(r"-(\w+)", text[end : end + 20])
    return match is not None and match.group(1).lower() in _control_words()


def _controlled_body(chunk: Span, group: lexicon.Group) -> Mention:
    """ "the Hamas-run Health Ministry": a body of the group's country with the sector of its own head noun."""
    sector = sector_of(chunk.root)
    country = group.country
    name = actor_name(country, sector, chunk.text)
    return Mention(Actor(chunk.text, name, country, sector, chunk.start_char, chunk.end_char), chunk.start, chunk.end)


def _member_of_group(chunk: Span, doc_actors: DocActors) -> Mention | None:
    """ "fighters of the Arakan Army", "members of Hamas", "a mob of Israeli settlers", "gunmen from the Lions' Den",
    "armed men of the ADF", "opposition fighters led by the SDF": armed men, members or a collective (collectives.tsv)
    of, from or led by a named group are the group."""
    head = chunk.root
    lemma = head.lemma_.lower()
    sector = sector_of(head)
    armed = sector in ARMED or _modified_sector(chunk, sector) in ARMED  # "fighters", "armed men", "masked men"
    if not armed and lemma != "member" and lemma not in _collectives() and lemma not in _posts():
        return None
    member = of_object(head) or _prep_pobj(head, "from") or _leader_of(head)
    if member is None:
        return None
    found = doc_actors.within(member.left_edge.idx, member.idx + len(member))
    if not found:
        return None
    actor = _armed_men(_group_actor(chunk.text, found[-1][2], chunk.start_char, chunk.end_char), head)
    return Mention(actor, chunk.start, chunk.end, named=True)


_LEADING = frozenset({"lead", "command", "head"})  # "fighters led / commanded / headed by X"


def _leader_of(head: Token) -> Token | None:
    """The agent of a "led by" participle on a noun ("fighters led by the SDF" → SDF)."""
    led = next((c for c in children(head, "acl") if c.tag_ == "VBN" and c.lemma_.lower() in _LEADING), None)
    return child(child(led, "agent"), "pobj") if led is not None else None


def _not_nationality(token: Token) -> bool:
    """A country word that names no one's nationality: "ethnic Albanians", "anti-Syria", "pro-Iran"."""
    doc, i = token.doc, token.i
    if i > 0 and doc[i - 1].lower_ == "ethnic":
        return True
    return _prefixed(token, ("anti", "pro"))


def _event_in_place(head: Token, country_token: Token) -> bool:
    """ "a Gaza City explosion": an event noun whose country comes from a place name is no actor."""
    if country_token.i == head.i or head.lemma_.lower() not in lexicon.triggers():
        return False
    return names_place(country_token)


@cache
def _sector_modifiers() -> dict[str, tuple[str, frozenset[str] | None]]:
    """Modifier word → (the sector it gives a person noun, the head sectors it changes or None for any)."""
    table: dict[str, tuple[str, frozenset[str] | None]] = {}
    for word, sector, *only in lexicon.read_tsv("actors", "sector_modifiers.tsv"):
        table[word] = (sector, frozenset(only[0].split("|")) if only and only[0] else None)
    return table


@cache
def _collectives() -> frozenset[str]:
    """Collective head nouns that take the sector of their "of" phrase ("a group of refugees")."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "collectives.tsv"))


@cache
def _posts() -> frozenset[str]:
    """Nouns naming a post held in a body ("the leader of Hamas", "the spokesman of the rebels"): posts.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "posts.tsv"))


# Sectors of the bodies whose posts make their holders of that sector ("the chief of police" is police).
_POST_SECTORS = ARMED | {"OPP", "PTY"}


_ONE = frozenset({"one", "1", "a", "an", "single", "lone"})


def many_people(head: Token) -> bool:
    """Whether a noun phrase's head tells several people, not one: a plural ("youths", "two men"), a collective noun
    (collectives.tsv: "a crowd", "a group of men") or a number above one; "a man", "one youth", "a lone gunman" are
    one. For a doer: a crowd that beats a man is mob violence, one man who does is not."""
    if head.lemma_.lower() in _collectives():
        return True
    counted = [c for c in children(head, "nummod", "det", "amod") if c.lower_ in _ONE or c.like_num]
    if any(c.lower_ in _ONE for c in counted):
        return False
    return head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" for c in counted)


def _collective_member(head: Token) -> Token | None:
    """The head of a collective noun's "of" phrase ("a group of Chechen refugees" → refugees), if it is one; so too
    of a post's, when it names an armed or opposition body ("the spokesman of the rebels" → rebels)."""
    lemma = head.lemma_.lower()
    if lemma in _collectives():
        return of_object(head)
    member = of_object(head) if lemma in _posts() else None
    return member if member is not None and sector_of(member) in _POST_SECTORS else None


def of_object(head: Token) -> Token | None:
    """The head of a noun's "of" phrase ("members of Hamas" → Hamas), if it has one."""
    return _prep_pobj(head, "of")


def _prep_pobj(head: Token, word: str) -> Token | None:
    """The object of the first phrase of one preposition hanging on a token ("members of Hamas", "a camp for ...")."""
    return child(next((c for c in children(head, "prep") if c.lower_ == word), None), "pobj")


def housed_object(head: Token) -> Token | None:
    """The people a place noun is for ("a camp for Congolese refugees" → refugees), if it is a place noun with a "for"
    phrase: a place acted on stands for the people in it."""
    return _prep_pobj(head, "for") if _place_noun(head) else None


def _of_country_token(head: Token) -> Token | None:
    """ "the president of Armenia", "the people of Gaza": a kind of actor whose "of" phrase names a country."""
    member = of_object(head)
    if member is None or sector_of(head) is None or member.ent_type_ not in ("GPE", "NORP"):
        return None
    return member if country_of(member) and not names_place(member) else None


def _home_token(head: Token) -> Token | None:
    """ "a missionary from Calgary", "two men from Hebron": people said to come from a place are of its country; so
    are people of a local kind said to be in it or of it ("militias in Tripoli", "protesters in Dhaka", "residents
    of Derna": _LOCAL_IN), not troops, diplomats or refugees, who are often abroad."""
    sector = sector_of(head)
    if sector is None or head.ent_type_:
        return None
    preps = {"from", "in", "throughout", "of"} if sector in _LOCAL_IN else {"from"}
    home = next((child(p, "pobj") for p in children(head, "prep") if p.lower_ in preps), None)
    return home if home is not None and home.ent_type_ in ("GPE", "NORP", "LOC") and country_of(home) else None


def _described_country_token(head: Token) -> Token | None:
    """ "the assailant, a Palestinian from Hebron", "the gunman, a Tunisian national": the nationality an appositive
    gives a kind of actor."""
    told = child(head, "appos")
    if told is None or sector_of(head) is None or head.ent_type_:
        return None
    words = [told, *(t for t in children(told, "amod", "compound") if t.i < told.i)]
    return next((t for t in words if country_of(t) and not names_place(t) and not _not_nationality(t)), None)


_LOCAL_IN = frozenset({"CVL", "PRO", "RIO", "REB", "UAF", "COP", "LAB", "EDU", "AGR"})


def _collective_sector(head: Token) -> str | None:
    """ "a group of Chechen refugees" → REF: the sector of the people a collective noun gathers."""
    member = _collective_member(head)
    return sector_of(member) if member is not None else None


@cache
def followers() -> frozenset[str]:
    """Nouns naming people by whom they follow ("supporters", "loyalists")."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "followers.tsv"))


def _follower_sector(head: Token) -> str | None:
    """ "supporters of Ousmane Sonko", "loyalists of the president" → PRO: a politician's or party's supporters are
    protesters, as ACLED codes party supporters (rioters when violent); a club's fans are not."""
    if head.lemma_.lower() not in followers():
        return None
    led = of_object(head)
    if led is None:
        return None
    person = led.ent_type_ == "PERSON" or (led.pos_ == "PROPN" and not led.ent_type_ and not country_of(led))
    political = person or sector_of(led) in _POLITICAL or _names_party(led)
    return "PRO" if political else None


_POLITICAL = frozenset({"GOV", "OPP", "PTY", "ELI"})


def _names_party(token: Token) -> bool:
    """True when a token's phrase names a political party in the groups dictionary."""
    text = token.doc[token.left_edge.i : token.i + 1].text
    return any(group.sector in _POLITICAL for _, _, group in DocActors.scan(text).within(0, len(text)))


def _collective_country_token(head: Token) -> Token | None:
    """ "a group of Moroccan diplomats" → Moroccan: the nationality of the people a collective noun gathers."""
    member = _collective_member(head)
    if member is None:
        return None
    words = [t for t in children(member, "amod", "compound", "nmod", "poss") if t.i < member.i]
    return next((t for t in words if country_of(t) and not _not_nationality(t)), None)


def _modified_sector(chunk: Span, sector: str | None) -> str | None:
    """A person's sector as its modifiers change it: "opposition leader" → OPP, "former president" → ELI."""
    if sector in (None, "IGO", "NGO", "MED"):
        return sector
    words = {t.lower_ for t in chunk if t.i != chunk.root.i and t.dep_ in ("amod", "compound", "nmod")}
    named = chunk.root.pos_ == "PROPN"  # "suspected militant Haroun X" is a known man, not unidentified
    for word, (changed, only) in _sector_modifiers().items():
        if changed == "UAF" and named:
            continue
        if word in words and (only is None or sector in only) and (sector != "PTY" or changed == "OPP"):
            return changed  # a party is only ever made the opposition ("the opposition Umma party")
    return sector


@cache
def _criminal_bands() -> frozenset[str]:
    """Nouns of a criminal band ("gang", "cartel"): criminal_bands.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "criminal_bands.tsv"))


@cache
def _unnamed_bands() -> frozenset[str]:
    """Head nouns of armed men who, told as no one's, are unidentified: unnamed_bands.tsv."""
    return frozenset(row[0] for row in lexicon.read_tsv("actors", "unnamed_bands.tsv"))


# Prepositions after armed men that say where they are or what they fight over, not whose ("militants in Kashmir",
# "gunmen fighting over a gold mine").
_NOT_WHOSE_PREPS = frozenset({"in", "near", "at", "around", "across", "on", "over"})


def _one_attacker(head: Token) -> bool:
    """ "A bomber attacked a checkpoint", "the bomber was arrested": a noun that names a plane in the plural or with a
    model name ("bombers struck", "a Tu-22M3 bomber") and a person alone (word_checks.tsv's "plural" check, as the
    trigger lexicon reads it) is one attacker."""
    if head.tag_ != "NN" or lexicon.word_checks().get(head.lemma_.lower(), (None, None))[1] != "plural":
        return False
    return not any(ch.isdigit() for c in head.children for ch in c.text)


def _unnamed_band(head: Token, sector: str | None, own_country: Token | None) -> str | None:
    """ "Militants opened fire", "jihadists attacked a post": armed men of a rebel kind told
    with no nationality of their own and nothing after them that says whose they are (a name compound is left to
    :func:`_named_band`) are an unidentified armed group (UAF)."""
    if sector != "REB" or own_country is not None:
        return sector
    lemmas = {head.lemma_.lower(), *singulars(head.lower_)}  # "Militants" opening a sentence may be tagged a name
    lemmas |= {f"{m.lower_} {lemma}" for m in children(head, "amod") for lemma in tuple(lemmas)}  # "armed groups"
    if not lemmas & _unnamed_bands():
        return sector
    told = [c for c in head.rights if not (c.dep_ == "prep" and c.lower_ in _NOT_WHOSE_PREPS) and c.dep_ != "punct"]
    return sector if told else "UAF"


def _named_band(chunk: Span, sector: str | None) -> str | None:
    """ "Ansaru gunmen": armed men of no stated side under a proper name (no country, no place) are a named armed
    group (REB), as ACLED names them, not an unidentified one; a criminal band so named ("Gran Grif gang members",
    criminal_bands.tsv) keeps the unidentified armed group's sector, as CAMEO codes criminals."""
    if sector != "UAF" or any(t.lemma_.lower() in _criminal_bands() for t in chunk):
        return sector
    head = chunk.root
    named = (t for t in chunk if t.i < head.i and t.pos_ == "PROPN" and t.dep_ == "compound")
    return "REB" if any(not country_of(t) and not names_place(t) for t in named) else sector


def _armed_modifier(head: Token) -> str | None:
    """ "an army convoy", "a police vehicle": a thing named by the armed force it belongs to is that force's."""
    if head.lemma_.lower() in lexicon.triggers() or head.lemma_.lower() in _force_nouns():
        return None  # "a military operation", "military action": an act, not the force's thing
    if head.ent_type_ in ("PERSON", "GPE", "LOC", "FAC"):
        return None
    modifiers = [c for c in children(head, "compound", "amod") if c.i < head.i and c.pos_ != "VERB"]  # "striking"
    return next((sec for c in reversed(modifiers) if (sec := sector_of(c)) in ARMED and not _against(c)), None)


def _against(token: Token) -> bool:
    """A word after "anti-" or "counter-": what a thing is against ("anti-tank missiles", "anti-aircraft fire")."""
    return _prefixed(token, ("anti", "counter"))


def _prefixed(token: Token, prefixes: tuple[str, ...]) -> bool:
    """Whether a word follows one of the prefixes and a hyphen ("anti-Syria", "pro-Iran", "anti-tank")."""
    doc, i = token.doc, token.i
    return i > 1 and doc[i - 1].text == "-" and doc[i - 2].lower_ in prefixes


def _title_sector(chunk: Span) -> str | None:
    """The sector of a title before a name, from its last word that has one: "Prime Minister Mahendra Chaudhry" → GOV,
    "French National Assembly president Laurent Fabius" → GOV (a title's head is its last noun)."""
    person = chunk.root.ent_type_ == "PERSON"
    if not person and (chunk.root.pos_ != "PROPN" or chunk.root.ent_type_ in ("GPE", "NORP", "LOC")):
        return None
    # a name the tagger did not take for a person ("Vice-President Moody Awori") needs its title as a compound
    titles = (t for t in reversed(chunk) if t.i < chunk.root.i and (person or t.dep_ == "compound"))
    return next((sec for tok in titles if (sec := sector_of(tok))), None)


def _country_only_sector(head: Token, country: str | None) -> str | None:
    """Demonyms in the plural are people ("700 Israelis" → civilians); a country name stays a state, a plural one
    too ("accused the Philippines")."""
    plural = head.tag_ in ("NNPS", "NNS")  # "Israelis", also a demonym the tagger took for a name ("Bosnian Serbs")
    table = lexicon.countries()
    demonym = head.ent_type_ == "NORP" or (head.text in table.by_term and head.text not in table.names.values())
    if country and plural and demonym:
        return "CVL"
    if country and head.ent_type_ == "NORP" and any(c.like_num for c in children(head)):
        return "CVL"
    return None


def _anaphor(chunk: Span, doc_actors: DocActors) -> Mention | None:
    """ "the group", "the Islamist group", "the militants" → the most recent matching named actor."""
    noun = _owner(chunk.root)
    sectors = lexicon.anaphors().get(noun.lemma_.lower())
    if not sectors or not _definite(noun, chunk):
        return None
    if any(country_of(tok) for tok in chunk):
        return None  # "the Israeli military" names its own actor
    told = _teller_mention(chunk, sectors, doc_actors)
    if told is not None:
        return told  # "the Israeli military said the air force struck ...": its own air force
    found = doc_actors.antecedent(chunk.start_char, sectors)
    if found is None:
        return None
    actor = _group_actor(chunk.text, found[1], chunk.start_char, chunk.end_char)
    return Mention(actor, chunk.start, chunk.end, named=True)


def _owner(head: Token) -> Token:
    """The group whose people a person noun names ("the group's fighters", "that movement's leaders" → group),
    else the noun itself."""
    if sector_of(head) is None and head.lemma_.lower() != "member":
        return head
    return next((c for c in children(head, "poss") if c.pos_ == "NOUN"), head)


def _definite(noun: Token, chunk: Span) -> bool:
    """Whether a noun is definite: "the/this/that group", also when the parser took "that" for a complementizer
    ("said that group's commanders were killed": a singular noun needs a determiner, so it is one)."""
    first = chunk[0] if noun.i == chunk.root.i else noun.left_edge
    if first.lower_ in ("the", "this", "that"):
        return True
    before = noun.doc[first.i - 1] if first.i > 0 else None
    return before is not None and before.lower_ in ("this", "that") and first.i == noun.i and noun.tag_ == "NN"


def _tellers_own(chunk: Span, doc_actors: DocActors) -> Mention | None:
    """ "Hamas said its fighters killed ...", "the IDF said its forces struck ...": the teller's own armed men."""
    if chunk[0].lower_ not in ("its", "their") or sector_of(chunk.root) not in ARMED:
        return None
    return _teller_mention(chunk, ARMED, doc_actors)


def teller(token: Token) -> Token | None:
    """The subject of the verb of saying whose reported clause holds the token ("X said ... <token> ...")."""
    below = token
    for node in token.ancestors:
        if below.dep_ in ("ccomp", "parataxis") and node.lemma_.lower() in lexicon.speech_verbs():
            return child(node, "nsubj")
        below = node
    return None


def _teller_mention(chunk: Span, sectors: set[str] | frozenset[str], doc_actors: DocActors) -> Mention | None:
    """The chunk as the teller's own force: a named group of the sectors in the teller's subject ("the IDF"),
    else the country of a noun of those sectors there ("the Israeli military", "a spokesman for the Israeli army")."""
    subject = teller(chunk.root)
    if subject is None:
        return None
    words = list(subject.subtree)
    groups = [g for _, _, g in doc_actors.within(words[0].idx, words[-1].idx + len(words[-1])) if g.sector in sectors]
    if groups:
        actor = _group_actor(chunk.text, groups[-1], chunk.start_char, chunk.end_char)
        return Mention(actor, chunk.start, chunk.end, named=True)
    for noun in (w for w in words if sector_of(w) in sectors):
        country = next((c for t in noun.subtree if (c := country_of(t)) and not _not_nationality(t)), None)
        if country is not None:
            sector = sector_of(chunk.root) or sector_of(noun)
            actor = Actor(
                chunk.text, actor_name(country, sector, chunk.text), country, sector, chunk.start_char, chunk.end_char
            )
            return Mention(actor, chunk.start, chunk.end)
    return None


def find_mentions(sent: Span, doc_actors: DocActors) -> list[Mention]:
    """Every actor mention in a sentence: noun chunks that name one, plus bare named groups."""
    mentions: list[Mention] = []
    covered: set[int] = set()
    doc_actors.settle(sent.doc)
    for chunk in _chunks(sent):
        mention = _chunk_mention(chunk, doc_actors)
        if mention is not None:
            mentions.append(mention)
            covered.update(range(mention.start, mention.end))
    for start, end, group in doc_actors.within(sent.start_char, sent.end_char):
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.start not in covered:
            mentions.append(Mention(_group_actor(span.text, group, start, end), span.start, span.end, named=True))
            covered.update(range(span.start, span.end))
    for token in sent:  # nationality adjectives outside chunks of their own: "Israeli" in "Israeli strikes"
        loose = token.i not in covered and token.dep_ in ("amod", "compound", "poss", "nmod")
        if loose and country_of(token) and not _not_nationality(token):  # "pro-Palestinian" names a cause
            iso = country_of(token)
            mentions.append(
                Mention(
                    Actor(token.text, actor_name(iso, None, token.text), iso, None, token.idx, token.idx + len(token)),
                    token.i,
                    token.i + 1,
                )
            )
    mentions.sort(key=lambda m: m.start)
    return mentions


def _chunks(sent: Span) -> list[Span]:
    """Noun chunks of the sentence (empty when the pipeline has no parser)."""
    doc: Doc = sent.doc
    if not doc.has_annotation("DEP"):
        return []
    return [c for c in sent.noun_chunks]
