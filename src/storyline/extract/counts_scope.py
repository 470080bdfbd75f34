"""Whether a count is a running total ("since 7 October", "the death toll rose to") or one incident's figure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from storyline.extract.counts_lexicon import CountsLexicon, Phrase
from storyline.models import CountScope

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def count_scope(sentence: Span, start: int, number_start: int, anchor: Token, lex: CountsLexicon) -> CountScope:
    """ "cumulative" for a running total ("since 7 October", "the death toll rose to"), else "incident".

    A cue before the count frames the whole sentence ("Since 7 October, ..."). After the count, a cue counts in
    the count's own clause; a period cue ("since Saturday") also beyond it, unless a total named in another
    clause comes first: in "two soldiers were killed, bringing the total since 7 October to 75", the two are
    an incident figure.
    """
    doc = sentence.doc
    before = tuple(t.lower_ for t in doc[max(sentence.start, start - 3) : number_start])
    if any(_contains(before, cue) for cue in lex.incident) or _incident_clause(sentence, number_start, anchor, lex):
        return "incident"
    added = any(_contains(before, cue) for cue in lex.added)  # "another 68": new people, unless a period frames them
    clause = _clause(anchor)
    for i, is_period in sorted(_cue_positions(sentence, lex)):
        verb = doc[_clause(doc[i])]
        own = verb.i == clause or (verb.dep_ in ("relcl", "acl") and number_start <= verb.head.i <= anchor.i)
        if i < number_start or own or (i > anchor.i and is_period):
            return "cumulative" if is_period or not added else "incident"
        if i > anchor.i:
            return "incident"  # the first cue after the count belongs to another clause's total
    return "incident"


def _incident_clause(sentence: Span, number_start: int, anchor: Token, lex: CountsLexicon) -> bool:
    """True when an incident cue earlier in the count's own clause frames it: "In the past 24 hours, a total of 41"."""
    words = tuple(t.lower_ for t in sentence[: number_start - sentence.start])
    clause = _clause(anchor)
    phrases = (cue for cue in lex.incident if len(cue) > 1)
    return any(_clause(sentence[k]) == clause for cue in phrases for k in _starts(words, cue))


def _cue_positions(sentence: Span, lex: CountsLexicon) -> list[tuple[int, bool]]:
    """(doc index, opens a period?) for every running-total cue: "since 7 October", "so far", "toll", ranges."""
    words = tuple(t.lower_ for t in sentence)
    found = [(i, True) for i in _date_range_starts(sentence, lex)]
    for cue in lex.cumulative | lex.period_cues:
        for k in _starts(words, cue):
            if _is_cue(sentence[k], cue, lex):
                found.append((sentence[k].i, cue in lex.period_cues))
    return found


def _is_cue(token: Token, cue: Phrase, lex: CountsLexicon) -> bool:
    """Whether a cue word really marks a total: "since" must open a period; "reached" must have a total as
    subject ("the toll reached", not "partners reached 606,091 IDPs"); a toll must not be one attack's."""
    if cue == ("since",):
        return _opens_period(token, lex)
    if token.lemma_.lower() in lex.total_verbs and token.pos_ in ("VERB", "AUX"):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        return any(_names_total(c, lex) for c in subjects) or not subjects
    if token.lemma_.lower() in lex.total_nouns:
        return _names_total(token, lex)
    return True


def _names_total(noun: Token, lex: CountsLexicon) -> bool:
    """True for a running total ("the death toll", "the number of people killed"), not the toll of one attack
    ("the death toll from Saturday's attack")."""
    if noun.lemma_.lower() not in lex.total_nouns and noun.lemma_.lower() not in lex.event_nouns:
        return False
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "in")):
        if any(o.lemma_.lower() in lex.incident_nouns for o in prep.children if o.dep_ == "pobj"):
            return False
    return True


def _opens_period(since: Token, lex: CountsLexicon) -> bool:
    """True for "since" before a date or a start ("since Saturday", "since the start"), not "since the Holocaust"."""
    if since.dep_ != "prep":
        return False
    objects = [c for c in since.children if c.dep_ in ("pobj", "pcomp", "advmod")]
    named = [t for o in objects for t in (o, *_date_modifiers(o))]
    return any(
        o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in lex.period_starts or o.lower_ in lex.months
        for o in named
    )


def _date_modifiers(noun: Token) -> list[Token]:
    """The objects of "on"/"of" attached to a noun: "13 October" in "since the evacuation order on 13 October"."""
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("on", "of") for o in p.children]


def _clause(token: Token) -> int:
    """The index of the verb whose clause holds the token, coordinated verbs folded into the first."""
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            break
        if token.head.i == token.i:
            return token.i
        token = token.head
    while token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        token = token.head
    return token.i


def _date_range_starts(sentence: Span, lex: CountsLexicon) -> list[int]:
    """Where "Between 7 October 2023 and 2 January 2024" starts: figures over a period are totals."""
    doc, found = sentence.doc, []
    for token in sentence:
        if token.lower_ in ("between", "from"):
            window = doc[token.i + 1 : min(token.i + 5, sentence.end)]
            if any(t.lower_.rstrip(".") in lex.months for t in window) and not _within_a_week(window, lex):
                found.append(token.i)
    return found


def _within_a_week(window: Span, lex: CountsLexicon) -> bool:
    """True for a short range of days in one month ("between 10 and 12 January"): one incident's days, not a period."""
    words = [t.lower_ for t in window]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2]
    one_month = sum(w.rstrip(".") in lex.months for w in words) == 1
    return one_month and len(days) == 2 and 0 <= days[1] - days[0] <= 7 and words[-1].rstrip(".") in lex.months


def _contains(words: Phrase, cue: Phrase) -> bool:
    """True when the phrase ``cue`` occurs in ``words``."""
    return next(_starts(words, cue), None) is not None


def _starts(words: Phrase, cue: Phrase) -> Iterator[int]:
    """Every index where the phrase ``cue`` starts in ``words``."""
    n = len(cue)
    return (i for i in range(len(words) - n + 1) if words[i : i + n] == cue)
