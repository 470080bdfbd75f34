"""Event status: occurred, ongoing, proposed, negotiating, threatened, denied, hypothetical or historical.

Cues are data (``resources/triggers/status.tsv``) read by where they stand relative to the trigger: a word
governing it ("talks on a swap", "threatened to strike", "denied attacking"), an auxiliary or marker of its
clause ("would", "will", "if"), a dependent ("not"), or anywhere in the sentence ("anniversary"). A word of plan
on the trigger ("a planned march") makes it proposed unless the sentence says it took place ("the scheduled rally
turned violent", "arrested 40 people at a planned march").
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.models import EventStatus

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MAX_CLIMB = 8
_STOP_CLIMB = frozenset({"say", "tell", "report", "add", "state"})  # verbs of reported speech do not change status


def event_status(
    trigger: Token, sent: Span, published: datetime.date | None = None, *, through_modifiers: bool = True
) -> EventStatus:
    """The status of the event anchored at ``trigger`` in ``sent``.

    ``through_modifiers=False`` stops the search at a participle or relative clause: "women seized by the
    group" in a sentence about negotiations is still a seizure that happened.
    """
    cues = lexicon.status_cues()
    governed = _from_governors(trigger, cues, through_modifiers)
    steps = (_from_children(trigger, cues), governed, _from_aux(trigger, cues), _from_plan(trigger, cues))
    for status in (*steps, _from_date(trigger, cues)):
        if status is not None:
            return status  # type: ignore[return-value]
    if _historical(sent, cues, published):
        return "historical"
    if trigger.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in trigger.children):
        return "ongoing"
    return "occurred"


def _from_children(trigger: Token, cues: dict[str, dict[str, str]]) -> str | None:
    """A negation or aspect word attached to the trigger ("did not attack", "no one was killed")."""
    table = cues.get("child", {})
    for child in trigger.children:
        if child.dep_ in ("neg", "advmod", "det", "amod") and child.lower_ in table:
            return table[child.lower_]
    return None


def _from_plan(trigger: Token, cues: dict[str, dict[str, str]]) -> str | None:
    """A word of plan on the trigger ("a planned march") unless the sentence reports the event took place.

    It took place when the trigger is the subject of a past verb of happening ("the scheduled rally turned
    violent"; also the noun written right before that verb, where the parser lost the subject: "as the planned
    protest got under way") or the object of a preposition of presence beside a past act ("arrested 40 people at a
    planned march", "fired tear gas during a scheduled demonstration").
    """
    plan = cues.get("plan", {})
    status = next((plan[c.lower_] for c in trigger.children if c.dep_ == "amod" and c.lower_ in plan), None)
    if status is None:
        return None
    held = cues.get("held", {})
    following = trigger.doc[trigger.i + 1] if trigger.i + 1 < len(trigger.doc) else None
    verbs = [trigger.head] if trigger.dep_ == "nsubj" else []
    if following is not None and following.pos_ in ("VERB", "AUX") and following not in trigger.subtree:
        verbs.append(following)
    if any(v.lemma_.lower() in held and v.tag_ in ("VBD", "VBN") for v in verbs):
        return None
    if trigger.dep_ == "pobj" and trigger.head.lower_ in held and _past_act(trigger.head):
        return None
    return status


_DATE_ENTITIES = frozenset({"DATE", "TIME"})


def _from_date(trigger: Token, cues: dict[str, dict[str, str]]) -> str | None:
    """A date ahead that the trigger is set for ("a march next Thursday", "announced a strike for tomorrow"): the
    phrase's own time, on the trigger or on the verb whose object it is, holding a word of the future (``date``
    cues); not a later event named to date it ("ahead of next month's election", "before tomorrow's vote")."""
    table = cues.get("date", {})
    holders = [trigger, trigger.head] if trigger.dep_ == "dobj" else [trigger]
    for holder in holders:
        for kid in holder.children:
            if kid.dep_ in ("npadvmod", "tmod") and kid.ent_type_ in _DATE_ENTITIES:
                times = [kid]
            elif kid.dep_ == "prep" and kid.lower_ not in _LATER:
                times = [o for o in kid.children if o.dep_ == "pobj" and o.ent_type_ in _DATE_ENTITIES]
            else:
                continue
            words = [t for o in times for t in o.subtree if t.ent_type_ in _DATE_ENTITIES and not _of_another(t, o)]
            found = next((table[t.lower_] for t in words if t.lower_ in table and not _told_from_then(t)), None)
            if found is not None:
                return found
    return None


def _of_another(word: Token, time: Token) -> bool:
    """Whether a date word below a time phrase belongs to another event's noun ("the eve of next week's vote"): a
    possessive or an "of" phrase on the way up to the phrase."""
    while word.i != time.i and word.head.i != word.i:
        if word.dep_ == "poss" or (word.dep_ == "pobj" and word.head.lower_ == "of"):
            return True
        word = word.head
    return False


# Prepositions whose object is a later event the act is dated by, not the act's own time.
_LATER = frozenset({"before", "ahead", "until", "till", "eve", "prior"})


def _told_from_then(word: Token) -> bool:
    """Whether a word of the future counts from a time the text tells, not from now: "the next day", "the next
    morning" ("in the coming days" still looks ahead)."""
    return word.lower_ == "next" and word.i > 0 and word.doc[word.i - 1].lower_ == "the"


def _past_act(prep: Token) -> bool:
    """The preposition hangs on a verb in the past ("arrested ... at", "were detained ... during")."""
    verb = prep.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBD", "VBN")


def _from_governors(trigger: Token, cues: dict[str, dict[str, str]], through_modifiers: bool) -> str | None:
    """A word above the trigger that makes it proposed, negotiated, threatened or denied."""
    table = cues.get("governor", {})
    token = trigger
    for _ in range(_MAX_CLIMB):
        if token.head.i == token.i or (not through_modifiers and token.dep_ in ("acl", "relcl")):
            return None
        token = token.head
        lemma = token.lemma_.lower()
        if lemma in _STOP_CLIMB and token.pos_ in ("VERB", "AUX"):
            return None  # "X said": reported speech; the noun "reports" is what a denial is of
        if lemma in table:
            return table[lemma]
    return None


def _from_aux(trigger: Token, cues: dict[str, dict[str, str]]) -> str | None:
    """A modal or conditional marker of the trigger's clause (or of the verb a nominal trigger hangs on)."""
    table = cues.get("aux", {})
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("aux", "mark", "auxpass") and child.lower_ in table:
            return table[child.lower_]
        if child.dep_ == "neg":
            return "denied"
    return None


def _historical(sent: Span, cues: dict[str, dict[str, str]], published: datetime.date | None) -> bool:
    """The sentence places the event in the past: "anniversary", "years ago", or a year well before publication."""
    words = cues.get("sentence", {})
    if any(t.lower_ in words and words[t.lower_] == "historical" for t in sent):
        return True
    if published is None:
        return False
    years = [int(y) for y in _YEAR.findall(sent.text)]
    return bool(years) and max(years) <= published.year - 2
