"""The sentence classifiers that check the trigger rules (is there an event; its PLOVER type), and how they join them.

A linear model (``resources/models/event_types.npz``, rebuilt by ``scripts/train_event_types.py`` from the
NGEC silver stories and the PLOVER codebook) scores each PLOVER type from bag-of-words and clause features;
numpy only at run time. ``events._checked`` lets it retype a lone trigger type it finds unlikely. A second one
on the same features (``event_none.npz``, same script; non-events from html-pages-dev reference bodies) says
"nothing here" for a sentence whose trigger words do not report an event ("kill the process", "a deal on eggs").
A third (``event_fallback.npz``, same script, trained on the tuning records of the self-written check sets) gives the
ACLED sub-event type of a sentence in which no trigger word fires (``events`` asks it only for texts where no trigger
fires at all): the acts the lexicon does not list.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from storyline.extract import lexicon
from storyline.extract.tree import child

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# How the sentence classifier joins the trigger rules: "rules" (off), "classifier" (it alone types the
# sentence's main trigger), "combined" (it retypes a lone trigger type it finds unlikely; see _checked).
METHODS = ("rules", "classifier", "combined")
_method = ["combined"]
VETO = 0.01  # a lone trigger type the classifier gives less than this is retyped to the classifier's best
NOTHING = 0.85  # a sentence the "nothing here" model gives at least this is no event (methods other than "rules")
FALLBACK = 0.5  # a sub-type the fallback model gives at least this is the event of a sentence with no trigger word
# (see scripts/train_event_types.py on how it and the model's C were set; `--cv` prints the grid)


@contextmanager
def typing_method(name: str) -> Iterator[None]:
    """Run detection with another typing method inside the block (for evaluation)."""
    if name not in METHODS:
        raise ValueError(f"typing method must be one of {METHODS}, got {name!r}")
    previous, _method[0] = _method[0], name
    try:
        yield
    finally:
        _method[0] = previous


def current_method() -> str:
    """The typing method detection runs with now."""
    return _method[0]


# Sentence features for the event-type classifier (``resources/models/event_types.npz``, built by
# ``scripts/train_event_types.py``): words with named entities generalised, word pairs, the main clause's
# verb (under a verb of saying, the reported one), its modal, object and complement, the trigger types the
# lexicon found and the main trigger's type.
_GENERAL_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY"})


def _words(sent: Span, names: bool = True) -> list[str]:
    """Lower-case lemmas of a sentence, a named entity as its label once ("<GPE>"), punctuation dropped. With
    ``names`` false, a proper noun the tagger left outside the entities ("<PROPN>") and a word holding a figure
    ("<NUM>") are their kind too, a run of them once: the features then hold no name or figure to memorise."""
    words: list[str] = []
    for tok in sent:
        if tok.is_punct or tok.is_space:
            continue
        if tok.ent_type_ in _GENERAL_ENTITIES:
            word = f"<{tok.ent_type_}>"
            if tok.ent_iob_ != "B" and words and words[-1] == word:
                continue
        elif not names and (tok.pos_ == "PROPN" or any(c.isdigit() for c in tok.text)):
            word = "<PROPN>" if tok.pos_ == "PROPN" else "<NUM>"
            if words and words[-1] == word:
                continue
        else:
            word = tok.lemma_.lower()
        words.append(word)
    return words


def main_verb(sent: Span) -> Token:
    """The verb of the reported clause: the root, or what the root says ("X said Y attacked" → attacked)."""
    verb = sent.root
    if verb.lemma_.lower() in lexicon.speech_verbs():
        verb = child(verb, "ccomp") or verb
    return verb


def _clause_features(sent: Span) -> list[str]:
    """The main verb, its auxiliaries, negation, object and complement verb, as features."""
    verb = main_verb(sent)
    lemma = verb.lemma_.lower()
    feats = [f"v={lemma}"]
    for kid in verb.children:
        if kid.dep_ in ("aux", "auxpass") and kid.tag_ == "MD":
            feats.append(f"md={kid.lower_}")
        elif kid.dep_ == "neg":
            feats.append("neg")
        elif kid.dep_ in ("dobj", "xcomp", "ccomp", "prep"):
            feats.append(f"{kid.dep_}={lemma}_{kid.lemma_.lower()}")
    return feats


def sentence_features(sent: Span, trigger_types: list[str], names: bool = True) -> list[str]:
    """The classifier's features of a sentence whose lexicon triggers have ``trigger_types`` (``names``: see
    ``_words``)."""
    words = _words(sent, names)
    feats = [f"w={w}" for w in words]
    feats += [f"b={a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    feats += _clause_features(sent)
    feats += [f"t={t}" for t in trigger_types]
    feats += [f"tm={trigger_types[0]}"] if trigger_types else []  # the main clause's trigger comes first
    return feats


def fallback_features(sent: Span) -> list[str]:
    """The fallback model's features of a sentence (training and extraction alike): the classifier's, with no trigger
    types and no names or figures (it learns from a few hundred self-written texts: a name there would stand for
    its sub-type)."""
    return sentence_features(sent, [], names=False)


def fallback_kind(sent: Span) -> str | None:
    """The ACLED sub-event type the fallback model gives a sentence with no trigger word, if it gives one at least
    ``FALLBACK`` (None when its best is NONE or below that)."""
    scores = _probabilities(lexicon.fallback_model(), fallback_features(sent))
    best = max(scores, key=scores.__getitem__)
    return best if best != "NONE" and scores[best] >= FALLBACK else None


def type_scores(feats: list[str]) -> dict[str, float]:
    """Probability of each PLOVER type for a sentence's features (softmax of the shipped linear model)."""
    return _probabilities(lexicon.type_model(), feats)


def nothing_here(feats: list[str]) -> bool:
    """Whether the "nothing here" model finds that a sentence whose trigger words fired reports no event."""
    return _probabilities(lexicon.none_model(), feats)["NONE"] >= NOTHING


def _probabilities(model: lexicon.TypeModel, feats: list[str]) -> dict[str, float]:
    """Softmax of a linear model's class scores for a sentence's features."""
    rows = [model.vocab[f] for f in set(feats) if f in model.vocab]
    logits = model.bias + (model.weights[rows].sum(axis=0) if rows else 0.0)
    exp = np.exp(logits - logits.max())
    probs = exp / exp.sum()
    return dict(zip(model.classes, probs.tolist(), strict=True))
