"""Measurements for typed counts (no counts gold exists in the dev data).

``python -m storyline.eval.counts sample`` prints a seeded random sample of OCHA Flash Update sentences that
hold numbers, with the counts found, for hand-checking precision. ``python -m storyline.eval.counts of``
reports how often a killed count with a non-empty ``of`` is found on casualty-mentions sentences (what the
victim-side decision needs), per gold side.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from storyline.eval.data import shared_data_dir
from storyline.extract.counts import find_counts
from storyline.nlp import pipe

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"^[#*\->\s]+|[*_\\]+")


def ocha_paragraphs(data_dir: Path) -> Iterator[tuple[str, str]]:
    """(report file name, paragraph text) for every prose line of the OCHA Flash Updates, markup removed."""
    for path in sorted((data_dir / "ocha-flash-updates" / "reports").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = _MARKUP.sub("", _LINK.sub(r"\1", _IMAGE.sub("", line))).strip()
            if len(text) > 40:
                yield path.name, text


def casualty_sentences(data_dir: Path) -> Iterator[tuple[str, str]]:
    """(gold side, sentence with whitespace normalised) for the casualty-mentions dev set."""
    for path in sorted((data_dir / "casualty-mentions-dev").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield row["category"], " ".join(row["sentence"].split())


def sample_ocha(data_dir: Path, size: int = 100, seed: int = 0) -> list[tuple[str, list[str]]]:
    """A seeded sample of OCHA sentences containing a number, each with its counts rendered as text."""
    paragraphs = [text for _, text in ocha_paragraphs(data_dir)]
    rng = random.Random(seed)
    rng.shuffle(paragraphs)
    out: list[tuple[str, list[str]]] = []
    for doc in pipe(paragraphs[: size * 4]):
        sentences = [s for s in doc.sents if any(t.like_num and t.ent_type_ != "DATE" for t in s)]
        if sentences:
            sentence = rng.choice(sentences)
            out.append((sentence.text, [_render(c) for c in find_counts(sentence)]))
        if len(out) == size:
            break
    return out


def _render(count: object) -> str:
    """One count as a compact line for hand-checking."""
    d = count.to_dict()  # type: ignore[attr-defined]
    return f"{d['kind']} {d['value']} q={d['qualifier']} of={d['of']!r} {d['scope']} | {d['text']!r}"


def of_rate(data_dir: Path, limit: int | None = None) -> dict[str, dict[str, float]]:
    """Per gold side: sentences, share with a killed count, share of those whose killed count has an ``of``."""
    rows = list(casualty_sentences(data_dir))[:limit]
    tally: dict[str, Counter[str]] = {}
    for (side, _), doc in zip(rows, pipe(text for _, text in rows), strict=True):
        killed = [c for c in find_counts(doc[:]) if c.kind == "killed"]
        counter = tally.setdefault(side, Counter())
        counter["sentences"] += 1
        counter["killed"] += bool(killed)
        counter["killed_with_of"] += any(c.of for c in killed)
    return {
        side: {
            "sentences": c["sentences"],
            "with_killed": round(c["killed"] / max(c["sentences"], 1), 4),
            "killed_with_of": round(c["killed_with_of"] / max(c["killed"], 1), 4),
        }
        for side, c in sorted(tally.items())
    }


def main(argv: list[str]) -> None:
    """Command line: ``sample [size] [seed]`` or ``of [limit]``."""
    data_dir = shared_data_dir()
    if argv and argv[0] == "of":
        limit = int(argv[1]) if len(argv) > 1 else None
        for side, stats in of_rate(data_dir, limit).items():
            print(side, stats)
        return
    size = int(argv[1]) if len(argv) > 1 else 100
    seed = int(argv[2]) if len(argv) > 2 else 0
    for n, (sentence, counts) in enumerate(sample_ocha(data_dir, size, seed), start=1):
        print(f"[{n}] {sentence}")
        for line in counts:
            print(f"      {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
