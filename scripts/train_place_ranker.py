"""Train the place ranker shipped as ``src/storyline/resources/models/place_ranker.npz``.

Training data: the TUNING half of event-location dev (``../shared/data/event-location-dev``, the first half of
the file by line position, ahalterman/event_location, MIT); the held-out half is never read here. Each sentence
with a gold place, parsed, with its gold event verb as trigger, gives the candidates ``places.place_choice`` finds
and their features (``places.choice_features``: the rules' tier, rank and choice, gazetteer level and population,
dependency, governing preposition, path to the trigger, clause, entity label, place words; no word of a name);
a candidate overlapping a gold span is right. Sentences whose candidates hold no right one teach nothing and are
left out; sentences without a gold place too, as the ranker only chooses when the rules find a place, and
only among the rules' possible settings that are no origins nor in a clause describing a noun
(``places.ranker_options``).

The model is a conditional logit (a softmax over each sentence's candidates, the chance of a right one
maximised) with an L2 penalty ``L2``; at run time a candidate replaces the rules' choice only when it outscores
it by more than ``MARGIN``. Both chosen by 5-fold cross-validation on the tuning half (``--cv`` prints the
table: accuracy on the gold verb of the held-out fold's sentences with a gold place; the rules alone 0.8788).
Deterministic: ``python scripts/train_place_ranker.py [--data ../shared/data] [--cv]``.
``python -m storyline.eval.places halves`` scores it on both halves.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from storyline.eval.data import shared_data_dir
from storyline.eval.places import _overlaps, examples, half
from storyline.extract.lexicon import resource_path
from storyline.extract.places import choice_features, place_choice, ranker_options
from storyline.extract.places_ranker import MODEL
from storyline.nlp import load_nlp

L2 = 1.0  # penalty on the squared weights (chosen by cross-validation on the tuning half)
MARGIN = 0.2  # score by which a candidate must beat the rules' choice (cross-validation: flat from 0 to 0.3)
FOLDS = 5

Group = tuple[list[dict[str, float]], list[int], int]  # the features and rightness of the candidates the ranker
# may pick (``places.ranker_options``), and the index of the rules' choice among them


def tuning_groups(data: Path) -> tuple[list[Group], int, int]:
    """Each tuning sentence's features of the candidates the ranker may pick, which of them overlap a gold place
    and which one the rules chose (sentences where the ranker has a choice); also how many sentences have a gold
    place and how many of them the rules get right."""
    size, offset = half(data, 0)
    items = [i for i in examples(data, size, offset) if i.places]
    groups: list[Group] = []
    rules_right = 0
    for item, doc in zip(items, load_nlp().pipe([i.text for i in items], batch_size=64), strict=True):
        verb = doc.char_span(*item.verb, alignment_mode="expand")
        trigger = verb.root if verb is not None else None
        sentence = trigger.sent if trigger is not None else doc[:]
        choice = place_choice(sentence, trigger)
        best = choice.best
        rules_right += best is not None and _overlaps(best.start, best.end, item.places)
        options = ranker_options(sentence, choice, trigger)
        if options is None or len(options[1]) < 2:
            continue
        rules, allowed = options
        rows = choice_features(sentence, choice, trigger)
        labels = [int(_overlaps(r[0].start, r[0].end, item.places)) for r in choice.candidates]
        groups.append(([rows[i] for i in allowed], [labels[i] for i in allowed], allowed.index(rules)))
    return groups, len(items), rules_right


def fit(groups: list[Group], features: list[str], l2: float = L2) -> np.ndarray:
    """Weights maximising the log chance of a right candidate in each group, less ``l2`` times their squares."""
    groups = [g for g in groups if any(g[1])]  # no right candidate: nothing to learn
    x = _matrix([row for candidates, _, _ in groups for row in candidates], features)
    y = np.array([label for _, labels, _ in groups for label in labels], dtype=float)
    starts = np.cumsum([0] + [len(labels) for _, labels, _ in groups])[:-1]
    group_of = np.repeat(np.arange(len(groups)), [len(labels) for _, labels, _ in groups])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[group_of])
        p = e / np.add.reduceat(e, starts)[group_of]
        right = np.add.reduceat(p * y, starts)
        grad = x.T @ (p - p * y / right[group_of]) + 2 * l2 * w
        return float(-np.log(right).sum() + l2 * w @ w), grad

    result = minimize(loss, np.zeros(len(features)), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    return np.asarray(result.x)


def _matrix(rows: list[dict[str, float]], features: list[str]) -> np.ndarray:
    """The rows' feature values, one column per feature (features not listed dropped)."""
    index = {name: i for i, name in enumerate(features)}
    x = np.zeros((len(rows), len(features)))
    for i, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[i, index[name]] = value
    return x


def right_by_margin(groups: list[Group], features: list[str], weights: np.ndarray, margins: list[float]) -> list[int]:
    """For each margin, how many groups the ranker gets right when a candidate must beat the rules' choice by it."""
    right = [0] * len(margins)
    for candidates, labels, rules in groups:
        scores = _matrix(candidates, features) @ weights
        best = int(np.argmax(scores))
        for k, margin in enumerate(margins):
            right[k] += labels[best if scores[best] > scores[rules] + margin else rules]
    return right


def cross_validate(groups: list[Group], features: list[str], sentences: int, rules_right: int) -> None:
    """Print the gold-verb accuracy of FOLDS-fold cross-validation for each penalty and margin."""
    margins = [0.0, 0.1, 0.2, 0.3, 0.5, 1.0]
    rules_in_groups = sum(labels[rules] for _, labels, rules in groups)
    for l2 in (0.1, 1.0, 3.0, 10.0):
        right = [0] * len(margins)
        for fold in range(FOLDS):
            train = [g for i, g in enumerate(groups) if i % FOLDS != fold]
            test = [g for i, g in enumerate(groups) if i % FOLDS == fold]
            counts = right_by_margin(test, features, fit(train, features, l2), margins)
            right = [a + b for a, b in zip(right, counts, strict=True)]
        accuracy = [round((rules_right - rules_in_groups + r) / sentences, 4) for r in right]
        print(f"L2 {l2}: " + ", ".join(f"margin {m} {a}" for m, a in zip(margins, accuracy, strict=True)))


def main() -> None:
    """Collect the tuning half's candidates, fit, and save the weights (``--cv``: print the cross-validation)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--cv", action="store_true", help="print the cross-validation table, save nothing")
    args = parser.parse_args()
    groups, sentences, rules_right = tuning_groups(shared_data_dir(args.data))
    features = sorted({name for candidates, _, _ in groups for row in candidates for name in row})
    print(f"{sentences} tuning sentences with a place, the rules right on {rules_right / sentences:.4f}")
    if args.cv:
        cross_validate(groups, features, sentences, rules_right)
        return
    weights = fit(groups, features)
    out = resource_path("models", MODEL)
    np.savez_compressed(out, features=np.array(features), weights=weights.astype(np.float32), margin=MARGIN)
    print(f"{len(groups)} sentences ranked, {len(features)} features -> {out}")


if __name__ == "__main__":
    main()
