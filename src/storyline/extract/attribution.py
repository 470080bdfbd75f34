"""Attribution: who says so ("according to the Ministry of Health in Gaza", "a source told Reuters").

Verbs of saying are data (``resources/dates/speech.tsv``, shared with dates and the classifier). The source is
the subject of a speech verb or the object of "according to", normalised to a named actor when it is one;
``via`` is the outlet the source spoke to ("told Reuters").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.extract import lexicon
from storyline.extract.actors import DocActors
from storyline.extract.tree import child, children
from storyline.models import Attribution

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SKIP_DEPS = frozenset({"relcl", "appos", "punct", "acl", "cc", "conj", "advcl", "parataxis"})


def find_attribution(sent: Span, doc_actors: DocActors, trigger: Token | None = None) -> Attribution | None:
    """The attribution of a sentence's claims, preferring the speech verb that governs the trigger."""
    speech = lexicon.speech_verbs()
    according = _according_to(sent, doc_actors)
    if according is not None:
        return according
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in speech]
    if trigger is not None:
        verbs.sort(key=lambda v: 0 if v in trigger.ancestors else 1)
    for verb in verbs:
        if trigger is not None and verb.i == trigger.i:
            continue
        found = _speech(verb, sent, doc_actors)
        if found is not None:
            return found
    return None


def _according_to(sent: Span, doc_actors: DocActors) -> Attribution | None:
    """ "according to X" → source X."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            objects = children(doc[tok.i + 1], "pobj")
            if not objects:
                continue
            start, end = _phrase(objects[0])
            source = doc[start:end]
            text = doc[tok.i : end]
            return Attribution(text.text, _source_name(source, doc_actors), None, text.start_char, text.end_char)
    return None


def _speech(verb: Token, sent: Span, doc_actors: DocActors) -> Attribution | None:
    """Attribution from a speech verb with a subject: "a source told Reuters", "said the source"."""
    doc = sent.doc
    subjects = children(verb, "nsubj") or _passive_teller(verb)
    if not subjects or subjects[0].pos_ == "PRON" and subjects[0].lower_ in ("it", "there"):
        return None
    s_start, s_end = _phrase(subjects[0])
    start, end = min(s_start, verb.i), max(s_end, verb.i + 1)
    via = None
    for obj in children(verb, "dobj", "dative", "iobj"):
        if obj.pos_ == "PROPN":
            v_start, v_end = _phrase(obj)
            via = _source_name(doc[v_start:v_end], doc_actors)
            end = max(end, v_end)
    span = doc[start:end]
    return Attribution(span.text, _source_name(doc[s_start:s_end], doc_actors), via, span.start_char, span.end_char)


def _passive_teller(verb: Token) -> list[Token]:
    """Who tells in a passive: "was reported by the ministry" → the ministry; "militants were reported to have
    abducted 30" names what is told about, not a teller (none)."""
    agent = child(verb, "agent")
    return children(agent, "pobj") if agent is not None else []


def _phrase(head: Token) -> tuple[int, int]:
    """Token range of a noun phrase: its left part and head, plus "of/for/in" phrases, not clauses."""
    start = head.left_edge.i
    end = head.i + 1
    for right in head.rights:
        if right.dep_ in _SKIP_DEPS:
            break
        end = right.right_edge.i + 1
    return start, end


def _source_name(span: Span, doc_actors: DocActors) -> str:
    """A named actor's name when the span names one, else the span's text."""
    found = doc_actors.within(span.start_char, span.end_char)
    if found and found[0][1] - found[0][0] >= len(span.text.removeprefix("the ").strip()) - 1:
        return found[0][2].name
    return span.text
