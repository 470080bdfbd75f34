"""Event detection in a parsed sentence: trigger words → PLOVER type and mode, grouped into events.

Triggers are data (``resources/triggers/triggers.tsv``): verb lemmas ("kill", "shell"), nominal triggers
("airstrike", "clashes", "protest") and multi-word phrases ("open fire", "take control"). Triggers of one
kind in one sentence make one event; an abduction or a sexual assault beside a killing is its own event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.extract import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_POS = {"VERB": ("VERB",), "NOUN": ("NOUN", "PROPN"), "ANY": ("VERB", "NOUN", "PROPN", "ADJ")}
# Modes that make an ASSAULT its own event beside another ASSAULT in the same sentence.
_SEPARATE_MODES = ("abduct", "sexual")
# Mode specificity: a trigger's mode from this list beats a later one ("airstrike" over "kill").
_MODE_RANK = {m: i for i, m in enumerate((
    "suicide-attack", "aerial", "drone", "explosives", "heavy-weapons", "firearms", "crowd-control", "primitive",
    "massacre", "execute", "assassinate", "beat", "torture", "abduct", "sexual", "destroy",
))}  # fmt: skip


@dataclass(slots=True)
class Hit:
    """A trigger found in a sentence: its tokens [start, end) in the Doc and its lexicon entry."""

    token: Token
    start: int
    end: int
    entry: lexicon.Trigger


@dataclass(slots=True)
class Detected:
    """An event found in a sentence before assembly: type, mode, ACLED cues and its triggers."""

    type: str
    mode: str | None
    hints: set[str] = field(default_factory=set)
    hits: list[Hit] = field(default_factory=list)

    @property
    def main(self) -> Hit:
        """The trigger that anchors the event: its first in the sentence."""
        return self.hits[0]


def _matches(sent: Span, i: int, entry: lexicon.Trigger) -> bool:
    """Whether the entry's lemma sequence starts at token i and its head has an allowed part of speech."""
    doc = sent.doc
    if i + len(entry.lemmas) > sent.end:
        return False
    forms = lexicon.irregular()
    for offset, lemma in enumerate(entry.lemmas):
        tok = doc[i + offset]
        if lemma not in (tok.lemma_.lower(), tok.lower_, forms.get(tok.lower_)):
            return False
    head = doc[i]
    return head.pos_ in _POS[entry.pos] or (len(entry.lemmas) > 1 and entry.pos == "ANY")


def find_hits(sent: Span) -> list[Hit]:
    """Every trigger in a sentence, longest match first, no token in two triggers."""
    table = lexicon.triggers()
    hits: list[Hit] = []
    i = sent.start
    while i < sent.end:
        tok = sent.doc[i]
        irregular = lexicon.irregular().get(tok.lower_, "")
        entries = table.get(tok.lemma_.lower()) or table.get(tok.lower_) or table.get(irregular) or []
        found = next((e for e in entries if _matches(sent, i, e) and _object_ok(Hit(tok, i, i, e))), None)
        if found is None:
            i += 1
            continue
        hits.append(Hit(tok, i, i + len(found.lemmas), found))
        i += len(found.lemmas)
    strong_types = {h.entry.type for h in hits if h.entry.hint != "weak"}
    return [h for h in hits if h.entry.hint != "weak" or not strong_types or h.entry.type in strong_types]


def _object_ok(hit: Hit) -> bool:
    """Whether a trigger's object allows it: "sign" needs an agreement, "release" a statement voids it."""
    table = lexicon.object_rules()
    entry = hit.entry
    rules = table.get(f"{entry.lemmas[0]}/{entry.type}/{entry.mode or '-'}") or table.get(entry.lemmas[0])
    if not rules:
        return True
    token = hit.token
    objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "prt", "pobj", "attr")}
    objects |= {g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    if token.pos_ != "VERB":
        objects.add(token.head.lemma_.lower())
    require, void = rules
    if require and not objects & require:
        return False
    return not objects & void


def _group_key(hit: Hit, has_main_assault: bool) -> str:
    """Which event of the sentence a trigger belongs to."""
    entry = hit.entry
    if entry.type != "ASSAULT":
        return entry.type
    if entry.mode in _SEPARATE_MODES:
        return f"ASSAULT/{entry.mode}"
    if entry.hint in ("territory", "regain", "disrupt"):
        return f"ASSAULT/{entry.hint}"
    if entry.mode == "destroy" and not has_main_assault:
        return "ASSAULT/destroy"
    return "ASSAULT"


def _is_main_assault(hit: Hit) -> bool:
    """An ASSAULT trigger that is not abduction, sexual violence, destruction or a territorial change."""
    e = hit.entry
    return (
        e.type == "ASSAULT"
        and e.mode not in (*_SEPARATE_MODES, "destroy")
        and e.hint not in ("territory", "regain", "disrupt")
    )


def detect(sent: Span) -> list[Detected]:
    """The events a sentence reports, one per kind of trigger, in order of their first trigger."""
    hits = find_hits(sent)
    has_main = any(_is_main_assault(h) for h in hits)
    groups: dict[str, Detected] = {}
    for hit in hits:
        key = _group_key(hit, has_main)
        event = groups.setdefault(key, Detected(hit.entry.type, None))
        event.hits.append(hit)
        if hit.entry.hint and hit.entry.hint not in ("weak", "victim"):
            event.hints.add(hit.entry.hint)
        event.mode = _better_mode(event.mode, hit.entry.mode)
    for event in groups.values():
        if event.type == "ASSAULT":
            refine_mode(event, sent)
    return list(groups.values())


def _better_mode(current: str | None, new: str | None) -> str | None:
    """The more specific of two modes."""
    if current is None:
        return new
    if new is None:
        return current
    return new if _MODE_RANK.get(new, 99) < _MODE_RANK.get(current, 99) else current


_REMOTE = frozenset({"suicide-attack", "aerial", "drone", "explosives", "heavy-weapons"})


def refine_mode(event: Detected, sent: Span) -> None:
    """Set an ASSAULT's mode from the first weapon word in its sentence ("warplanes" → aerial)."""
    found = _mode_cue(sent)
    if found is None:
        return
    mode, hint = found
    if hint:
        event.hints.add(hint)
    generic = event.mode in (None, "massacre", "execute") or (event.mode == "destroy" and mode in _REMOTE)
    if generic or (mode == "suicide-attack" and event.mode not in _SEPARATE_MODES):
        event.mode = mode


def _mode_cue(sent: Span) -> tuple[str, str | None] | None:
    """The highest-priority weapon cue in a sentence: (mode, hint)."""
    lemmas = [t.lemma_.lower() for t in sent]
    texts = [t.lower_ for t in sent]
    for cue, mode, hint in lexicon.mode_cues():
        if _contains(lemmas, cue) or _contains(texts, cue):
            return mode, hint
    return None


def _contains(words: list[str], cue: tuple[str, ...]) -> bool:
    """Whether the word sequence ``cue`` occurs in ``words``."""
    n = len(cue)
    return any(tuple(words[i : i + n]) == cue for i in range(len(words) - n + 1))
