"""Loading the extraction lexicons (data files under ``resources/``) once per process."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

from storyline.extract.dates_patterns import date_lexicon
from storyline.lexicon_files import read_rows

# Display names ACLED uses where countries.csv has a longer or different one.
_COUNTRY_DISPLAY = {"PSE": "Palestine", "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia"}


def resource_path(*parts: str) -> Path:
    """Path of a file under ``storyline/resources``."""
    return Path(str(resources.files("storyline").joinpath("resources", *parts)))


def read_tsv(*parts: str) -> Iterator[list[str]]:
    """Rows of a TSV resource whose first line is a header, without it, comments and blank lines."""
    yield from read_rows(*parts, header=True)


def word_sets(*parts: str, key: int = 0, word: int = 1) -> dict[str, frozenset[str]]:
    """A two-column TSV resource as key → the words listed under it (``key``/``word``: their columns)."""
    table: dict[str, set[str]] = {}
    for row in read_tsv(*parts):
        table.setdefault(row[key], set()).add(row[word])
    return {name: frozenset(words) for name, words in table.items()}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger entry: a lemma sequence that signals a PLOVER event type."""

    lemmas: tuple[str, ...]
    pos: str  # "VERB" | "NOUN" | "ANY"
    type: str
    mode: str | None
    hint: str | None


@dataclass(frozen=True, slots=True)
class Group:
    """A named actor from the curated dictionary."""

    name: str
    country: str | None
    sector: str


@dataclass(slots=True)
class Countries:
    """Country names and nationality words → ISO3, and ISO3 → display name."""

    by_term: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def display(self, iso3: str | None) -> str | None:
        """Name of a country for actor names ("Civilians (Palestine)")."""
        if iso3 is None:
            return None
        return _COUNTRY_DISPLAY.get(iso3) or self.names.get(iso3, iso3)


def _none(cell: str) -> str | None:
    """A TSV cell with "-" for nothing."""
    return None if cell in ("", "-", "*") else cell


@cache
def triggers() -> dict[str, list[Trigger]]:
    """Trigger entries keyed by their first lemma."""
    table: dict[str, list[Trigger]] = {}
    for trigger, pos, type_, mode, hint in read_tsv("triggers", "triggers.tsv"):
        lemmas = tuple(trigger.lower().split())
        entry = Trigger(lemmas, pos, type_, _none(mode), _none(hint))
        table.setdefault(lemmas[0], []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda t: -len(t.lemmas))  # longest match first
    return table


@dataclass(frozen=True, slots=True)
class Sense:
    """Another reading of a trigger word: its entry, when a cue is in the sentence and no void word hangs on it."""

    trigger: Trigger
    cues: frozenset[str]
    void: frozenset[str]


@cache
def families() -> dict[str, frozenset[str]]:
    """Word families (``triggers/families.tsv``): a name ("$security") → the words that share a role in a rule (the
    doers of an arrest, the signs of a disappearance), so every row that asks for the role asks for all of them."""
    return {f"${name}": frozenset(words.split("|")) for name, words in read_tsv("triggers", "families.tsv")}


def word_list(cell: str) -> frozenset[str]:
    """The words of a "|"-separated cell, each "$family" among them read as its words."""
    words: set[str] = set()
    for word in cell.split("|"):
        words |= families().get(word, {word})
    return frozenset(words)


@cache
def senses() -> dict[str, list[Sense]]:
    """Other senses of trigger words (``triggers/senses.tsv``), keyed by the trigger's first lemma."""
    table: dict[str, list[Sense]] = {}
    for trigger, pos, type_, mode, hint, cues, void in read_tsv("triggers", "senses.tsv"):
        entry = Trigger(tuple(trigger.lower().split()), pos, type_, _none(mode), _none(hint))
        sense = Sense(entry, word_list(cues), word_list(void))
        table.setdefault(entry.lemmas[0], []).append(sense)
    return table


@cache
def outcomes() -> frozenset[str]:
    """Trigger lemmas that can report just the toll of an incident ("were killed")."""
    return frozenset(row[0] for row in read_tsv("triggers", "outcomes.tsv"))


@cache
def charges() -> dict[str, frozenset[str]]:
    """Verbs whose phrase names what a person is charged with or what stirred a crowd → the prepositions of that
    phrase ("accused of", "wanted for", "angered by")."""
    return {lemma: frozenset(words.split("|")) for lemma, words in read_tsv("triggers", "charges.tsv")}


@cache
def modifier_heads() -> frozenset[str]:
    """Nouns that a trigger noun may modify without reporting an event ("riot police")."""
    return frozenset(row[0] for row in read_tsv("triggers", "modifier_heads.tsv"))


_OBJECT_RULES = ("require", "void", "void-object", "subject", "object", "doer", "frame", "any-doer")


class ObjectRules(NamedTuple):
    """The words a trigger's ``objects.tsv`` rows ask for or refuse, by rule kind."""

    require: frozenset[str]  # words around it, one of which must be there
    void: frozenset[str]  # words around it that void it
    void_object: frozenset[str]  # direct objects or passive subjects that void it
    subject: frozenset[str]  # subjects it requires
    object: frozenset[str]  # what it acts on, required
    doer: frozenset[str]  # its subject or passive "by" agent, required
    frame: frozenset[str]  # prepositions a noun must be the object of, saying a place is held ("under rebel control")
    any_doer: frozenset[str]  # words around it that waive the doer rule ("stole livestock": any doer)


@cache
def object_rules() -> dict[str, ObjectRules]:
    """Trigger lemma (or lemma/TYPE/mode) → the words its rows ask for or refuse."""
    table: dict[str, ObjectRules] = {}
    for trigger, rule, objects in read_tsv("triggers", "objects.tsv"):
        sets = list(table.get(trigger, (frozenset(),) * len(_OBJECT_RULES)))
        sets[_OBJECT_RULES.index(rule)] |= word_list(objects)
        table[trigger] = ObjectRules(*sets)
    return table


@cache
def word_checks() -> dict[str, tuple[frozenset[str] | None, str | None]]:
    """Ambiguous trigger and cue lemmas → (the parts of speech they may have, None: any; their dependency check)."""
    return {lemma: (_alternatives(pos), _none(check)) for lemma, pos, check in read_tsv("triggers", "word_checks.tsv")}


@cache
def irregular() -> dict[str, str]:
    """Surface forms → the lemma a trigger lists ("struck" → "strike", "raped" → "rape")."""
    return {form.lower(): lemma.split()[0] for form, lemma in read_tsv("triggers", "irregular.tsv")}


@cache
def mode_cues() -> list[tuple[tuple[str, ...], str, str | None]]:
    """ASSAULT mode cues in priority order: (lemmas, mode, hint)."""
    return [(tuple(cue.lower().split()), mode, _none(hint)) for cue, mode, hint in read_tsv("triggers", "modes.tsv")]


@cache
def status_cues() -> dict[str, dict[str, str]]:
    """Status cue lemmas by where they stand: {"governor": {lemma: status}, "aux": ..., ...}."""
    table: dict[str, dict[str, str]] = {}
    for cue, where, status in read_tsv("triggers", "status.tsv"):
        table.setdefault(where, {})[cue] = status
    return table


@cache
def intent_cues() -> dict[str, dict[str, dict[str, str | None]]]:
    """Intention cues by where they stand: {"aux": {"will": {stance: new type or None}}, "governor": ...}."""
    table: dict[str, dict[str, dict[str, str | None]]] = {}
    for cue, where, cooperative, hostile, verbal in read_tsv("triggers", "intent.tsv"):
        types = {"cooperative": _none(cooperative), "hostile": _none(hostile), "verbal": _none(verbal)}
        table.setdefault(where, {})[cue] = types
    return table


@cache
def plover_stance() -> dict[str, str]:
    """PLOVER types → "cooperative", "hostile" (material acts) or "verbal"."""
    return {type_: stance for type_, stance in read_tsv("ontology", "plover_stance.tsv")}


@cache
def object_events() -> dict[str, list[tuple[str, frozenset[str] | None]]]:
    """Trigger verbs → how they join a trigger noun they take as object ("absorb" or "light"), by its types."""
    table: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    for verb, rule, types in read_tsv("triggers", "object_events.tsv"):
        table.setdefault(verb, []).append((rule, None if types == "*" else frozenset(types.split("|"))))
    return table


def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs of saying (``resources/dates/speech.tsv``, read once by the dates lexicon and shared)."""
    return date_lexicon().speech


@cache
def groups() -> dict[str, Group]:
    """Named actors by alias (case-sensitive)."""
    table: dict[str, Group] = {}
    for name, aliases, country, sector in read_tsv("actors", "groups.tsv"):
        group = Group(name, _none(country), sector)
        for alias in aliases.split("|"):
            table[alias] = group
    return table


@cache
def sectors() -> dict[str, str]:
    """Head-noun lemma (lower case, spaces for multi-word) → sector: PLOVER agents, then storyline overrides."""
    table = _plover_agents()
    table.update({lemma: sector for lemma, sector in read_tsv("actors", "sectors.tsv")})
    return table


# PLOVER agents uses MED for medical and JRN for journalists; storyline's sectors say HLH and MED.
_SECTOR_RENAME = {"MED": "HLH", "JRN": "MED", "CRM": "UAF"}


def _plover_agents() -> dict[str, str]:
    """Single- and multi-word agent nouns from plover_agents.txt → three-letter sector: each entry's whole phrase
    (the words before its ``[~CODE]``, "CHIEF EXECUTIVE", "STATE_RUN TELEVISION") and its ``{PLURAL}`` forms."""
    subs: dict[str, list[str]] = {}
    table: dict[str, str] = {}
    for raw in resource_path("actors", "plover_agents.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("!") and "=" in line:
            key, values = line.split("=", 1)
            subs[key.strip()] = [v.strip().lower() for v in values.split(",")]
            continue
        if "[~" not in line:
            continue
        phrase, code = line.split("[~", 1)
        plurals = re.findall(r"\{([^}]*)\}", phrase)  # "LAWMAN {LAWMEN}": the plural form beside the entry
        for word in (re.sub(r"\{[^}]*\}", " ", phrase), *plurals):
            for form in _expand(" ".join(word.split()), subs):
                table.setdefault(form, _SECTOR_RENAME.get(code[:3], code[:3]))
    return table


def _expand(word: str, subs: dict[str, list[str]]) -> list[str]:
    """Forms of an agents-file word: substitution sets expanded, underscores to spaces, lower case."""
    forms = [word]
    for key, values in subs.items():
        if key in word:
            forms = [f.replace(key, " " + v if not f.startswith(key) else v) for f in forms for v in values]
    return [" ".join(f.replace("_", " ").lower().split()) for f in forms if f.strip("_")]


@cache
def opponents() -> dict[str, str]:
    """Armed actor name → the country whose people its attacks hit by default."""
    return {actor: iso3 for actor, iso3 in read_tsv("actors", "opponents.tsv")}


@cache
def anaphors() -> dict[str, set[str]]:
    """Anaphoric head lemmas → the sectors of actors they can refer to."""
    return {head: set(sectors.split("|")) for head, sectors in read_tsv("actors", "anaphors.tsv")}


@cache
def countries() -> Countries:
    """Country names, nationality adjectives and demonyms → ISO3."""
    result = Countries()
    with resource_path("actors", "countries.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["CCA3"].strip()
            result.names[iso3] = row["Name"].strip()
            result.by_term[row["Name"].strip()] = iso3
            for term in row["Nationality"].split(","):
                if term.strip() and not term.strip().startswith(("Republic", "Islamic Republic", "Kingdom")):
                    result.by_term[term.strip()] = iso3
    for term, iso3 in read_tsv("actors", "extra_nationalities.tsv"):
        result.by_term[term] = iso3
    return result


@dataclass(frozen=True, slots=True)
class AcledRule:
    """One row of the PLOVER → ACLED mapping."""

    type: str
    modes: frozenset[str] | None
    hints: frozenset[str] | None
    actor1: frozenset[str] | None
    actor2: frozenset[str] | None
    cues: tuple[frozenset[str], ...] | None  # all of these sets must meet the sentence's lemmas
    event_type: str
    sub_event_type: str


def _alternatives(cell: str) -> frozenset[str] | None:
    """ "a|b" → {"a", "b"}; "*" → None (anything)."""
    return None if cell == "*" else frozenset(cell.split("|"))


def _cues(cell: str) -> tuple[frozenset[str], ...] | None:
    """ "a|b&c" → ({"a", "b"}, {"c"}): every set must meet the sentence; "*" → None."""
    return None if cell == "*" else tuple(frozenset(part.split("|")) for part in cell.split("&"))


@cache
def acled_rules() -> list[AcledRule]:
    """The PLOVER → ACLED mapping rows, in order."""
    return [
        AcledRule(t, _alternatives(m), _alternatives(h), _alternatives(a1), _alternatives(a2), _cues(c), e, s)
        for t, m, h, a1, a2, c, e, s in read_tsv("ontology", "acled_rules.tsv")
    ]


@dataclass(frozen=True, slots=True)
class TypeModel:
    """A shipped linear sentence model: feature → row of ``weights``, per-class bias, class names."""

    vocab: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...]


def type_model() -> TypeModel:
    """The linear event-type model in ``resources/models/event_types.npz`` (numpy only at run time)."""
    return linear_model("event_types")


def none_model() -> TypeModel:
    """The "nothing here" model in ``resources/models/event_none.npz``: classes EVENT and NONE."""
    return linear_model("event_none")


@cache
def linear_model(name: str) -> TypeModel:
    """The linear model ``resources/models/<name>.npz``, loaded once."""
    with np.load(resource_path("models", f"{name}.npz"), allow_pickle=False) as data:
        vocab = {str(f): i for i, f in enumerate(data["features"])}
        return TypeModel(
            vocab,
            data["weights"].astype(np.float32),
            data["bias"].astype(np.float32),
            tuple(str(c) for c in data["classes"]),
        )


def fallback_model() -> TypeModel:
    """The fallback model in ``resources/models/event_fallback.npz``: ACLED sub-event type (or NONE) of a sentence
    in which no trigger word fires."""
    return linear_model("event_fallback")


@cache
def fallback_kinds() -> dict[str, Trigger]:
    """ACLED sub-event type → the trigger entry (PLOVER type, mode, hint) an event the fallback model finds takes
    (``ontology/fallback_kinds.tsv``; its lemmas are left empty: the sentence's main verb is the trigger)."""
    return {
        sub: Trigger((), "VERB", type_, None if mode == "-" else mode, None if hint == "-" else hint)
        for sub, type_, mode, hint in read_tsv("ontology", "fallback_kinds.tsv")
    }
