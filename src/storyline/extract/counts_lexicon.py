"""The counts lexicons, read once from ``resources/counts/*.tsv`` (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from storyline.extract.lexicon import sectors
from storyline.lexicon_files import read_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Phrase = tuple[str, ...]


def phrase(text: str) -> Phrase:
    """A lower-cased phrase as a tuple of words, the shape token windows are compared in."""
    return tuple(text.lower().split())


@dataclass(frozen=True, slots=True)
class CountsLexicon:
    """Everything find_counts looks words up in."""

    kinds: dict[str, str]  # word or lemma → count kind
    qualifiers: dict[Phrase, str | None]  # phrase before a number → normalised qualifier
    vague: dict[
        Phrase, tuple[int, str | None, frozenset[str] | None]
    ]  # value, qualifier, kinds allowed; "dozens" → (12, "at least")
    numbers: dict[str, int]  # "seven" → 7, "million" → 1_000_000
    cumulative: frozenset[Phrase]  # cues of a running total
    period_cues: frozenset[Phrase]  # "since", "so far": open a period for the whole sentence
    period_starts: frozenset[str]  # "since the start", "since then": what "since" must name
    incident: frozenset[Phrase]  # cues of a new per-incident figure: "in the past 24 hours"
    added: frozenset[Phrase]  # "another", "an additional": new people, unless a period frames the count
    added_after: frozenset[str]  # "more" after a number ("two more died"): new people beside an earlier figure
    differences: frozenset[Phrase]  # "more than" after a number ("three more than first reported"): no count
    incident_nouns: frozenset[str]  # "attack", "strike": a toll "from" one of these is that incident's
    not_counted: frozenset[str]  # nouns/units that are never people
    labels: frozenset[Phrase]  # "Resolution" 2334, "as young as" 12: the number is an identifier or age
    subset: frozenset[Phrase]  # "including" 4 children: part of a count already given
    back_references: frozenset[str]  # two "of them": part of a count already given
    sides: dict[str, str]  # sector of a counted group's noun → its side ("MIL" → "state"): sides' deaths add up
    generic_groups: frozenset[str]  # "people", "men": a counted group of no side
    event_nouns: frozenset[str]  # "fatalities": names the harm, not the people counted
    fillers: frozenset[str]  # words between a group and its verb: "ten were reportedly killed"
    total_verbs: frozenset[str]  # "rose" to 1,200: the subject or object names the kind
    total_nouns: frozenset[str]  # "toll", "number": a subject or object that holds a running figure
    zero: frozenset[str]  # "no", "nobody": a stated count of zero
    zero_nouns: dict[str, str]  # "no casualties" → killed 0
    group_of_nouns: frozenset[str]  # "citizens" of Ukraine: the "of" phrase belongs to the counted group
    people_only: frozenset[str]  # "captured" types a count only of people, not of wickets or towns
    person_nouns: frozenset[str]  # "a civilian" killed counts as one
    pronouns: frozenset[str]  # "killing him" counts as one
    months: frozenset[str]  # month names: a number next to one is a day of the month, not a count
    vague_starts: frozenset[str] = frozenset()  # first words of vague phrases: a fast gate
    starters: frozenset[str] = frozenset()  # words that may open a one-person or zero count

    def __post_init__(self) -> None:
        """Derive the fast gates from the lexicons."""
        object.__setattr__(self, "vague_starts", frozenset(p[0] for p in self.vague))
        object.__setattr__(self, "starters", frozenset({"a", "an", "the"} | self.pronouns | self.zero))


def _kinds(cell: str) -> frozenset[str] | None:
    """The kinds a vague word may count: None for any."""
    return None if cell == "any" else frozenset(cell.split(","))


def _words(name: str) -> frozenset[str]:
    """The first column of a counts resource, lower-cased."""
    return frozenset(row[0].lower() for row in read_rows("counts", name))


@lru_cache(maxsize=1)
def counts_lexicon() -> CountsLexicon:
    """The counts lexicons, loaded once."""
    return _load()


def _load() -> CountsLexicon:
    """Read every counts resource."""
    qualifiers: dict[Phrase, str | None] = {}
    for words, norm in read_rows("counts", "qualifiers.tsv"):
        qualifiers[phrase(words)] = None if norm == "none" else norm
    return CountsLexicon(
        kinds={word.lower(): kind for word, kind in read_rows("counts", "kinds.tsv")},
        qualifiers=qualifiers,
        vague={
            phrase(words): (int(value), None if qual == "none" else qual, _kinds(kinds))
            for words, value, qual, kinds in read_rows("counts", "vague.tsv")
        },
        numbers={word.lower(): int(value) for word, value in read_rows("counts", "numbers.tsv")},
        cumulative=frozenset(phrase(row[0]) for row in read_rows("counts", "cumulative.tsv")),
        period_cues=frozenset(phrase(row[0]) for row in read_rows("counts", "period_cues.tsv")),
        period_starts=_words("period_starts.tsv"),
        incident=frozenset(phrase(row[0]) for row in read_rows("counts", "incident.tsv")),
        added=frozenset(phrase(row[0]) for row in read_rows("counts", "added.tsv")),
        added_after=_words("added_after.tsv"),
        differences=frozenset(phrase(row[0]) for row in read_rows("counts", "differences.tsv")),
        incident_nouns=_words("incident_nouns.tsv"),
        not_counted=_words("not_counted.tsv"),
        labels=frozenset(phrase(row[0]) for row in read_rows("counts", "labels.tsv")),
        subset=frozenset(phrase(row[0]) for row in read_rows("counts", "subset.tsv")),
        back_references=_words("back_references.tsv"),
        sides=dict(read_rows("counts", "sides.tsv")),
        generic_groups=_words("generic_groups.tsv"),
        event_nouns=_words("event_nouns.tsv"),
        fillers=_words("fillers.tsv"),
        total_verbs=_words("total_verbs.tsv"),
        total_nouns=_words("total_nouns.tsv"),
        zero=_words("zero.tsv"),
        zero_nouns={word.lower(): kind for word, kind in read_rows("counts", "zero_nouns.tsv")},
        group_of_nouns=_words("group_of_nouns.tsv"),
        people_only=_words("people_only.tsv"),
        person_nouns=_words("person_nouns.tsv"),
        pronouns=_words("pronouns.tsv"),
        months=frozenset(row[0].lower() for row in read_rows("dates", "months.tsv")),
    )


def kind_of(token: Token, lex: CountsLexicon) -> str | None:
    """The count kind a word signals, by its text or lemma."""
    return lex.kinds.get(token.lower_) or lex.kinds.get(token.lemma_.lower())


def as_span(text: Span | Doc) -> Span:
    """A sentence Span as given, or the whole of a Doc as one Span."""
    return cast("Span", text if hasattr(text, "start_char") else text[:])


def head_sector(words: str | None) -> str | None:
    """The sector the head noun of a phrase naming people gives ("Palestinian militants" → REB, "police officers" →
    COP, "the Israeli military" → MIL): its last two words, then its last, each as written or in the singular; None
    when neither names a sector."""
    tail = (words or "").lower().split()[-2:]
    table = sectors()
    for size in (2, 1):
        if len(tail) < size:
            continue
        phrase = " ".join(tail[-size:])
        singulars = (phrase.removesuffix("s"), phrase.removesuffix("es"), phrase.removesuffix("ies") + "y")
        found = next((table[form] for form in (phrase, *singulars) if form in table), None)
        if found is not None:
            return found
    return None
