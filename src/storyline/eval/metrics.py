"""Text-overlap and classification metrics shared by the stage scorers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation and whitespace ignored."""
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        """Rounded for reports."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def prf(true_positive: float, predicted: float, expected: float) -> PRF:
    """PRF from counts; empty prediction and empty expectation score 1."""
    if predicted == 0 and expected == 0:
        return PRF(1.0, 1.0, 1.0)
    p = true_positive / predicted if predicted else 0.0
    r = true_positive / expected if expected else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f)


def shingle_prf(predicted: str, expected: str, size: int = 4) -> PRF:
    """Overlap of word ``size``-shingle multisets, as the article-extraction benchmarks score bodies."""

    def shingles(text: str) -> Counter[tuple[str, ...]]:
        toks = tokens(text)
        if len(toks) < size:
            return Counter([tuple(toks)]) if toks else Counter()
        return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))

    got, want = shingles(predicted), shingles(expected)
    overlap = sum((got & want).values())
    return prf(overlap, sum(got.values()), sum(want.values()))


def token_prf(predicted: str, expected: str) -> PRF:
    """Overlap of bag-of-words multisets."""
    got, want = Counter(tokens(predicted)), Counter(tokens(expected))
    return prf(sum((got & want).values()), sum(got.values()), sum(want.values()))


def macro_f1(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], labels: Iterable[Hashable] | None = None
) -> float:
    """Mean per-label F1 over the labels present in gold (or the given labels)."""
    label_set = set(labels) if labels is not None else set(gold)
    if not label_set:
        return 1.0
    scores = []
    for label in label_set:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        scores.append(prf(tp, sum(1 for p in predicted if p == label), sum(1 for g in gold if g == label)).f1)
    return sum(scores) / len(scores)
