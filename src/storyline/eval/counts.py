"""Measurements for typed counts (no counts gold exists in the dev data).

``python -m storyline.eval.counts sample`` prints a seeded random sample of OCHA Flash Update sentences that
hold numbers, with the counts found, for hand-checking precision. ``python -m storyline.eval.counts of``
reports how often a killed count with a non-empty ``of`` is found on casualty-mentions sentences (what the
victim-side decision needs), per gold side. ``python -m storyline.eval.counts weekdays`` checks the weekday
convention of ``extract.dates`` against captions that give both ("on Sunday, Oct. 15, 2023"): the weekday alone,
resolved against the article date, should land on the calendar date.
"""

from __future__ import annotations

import csv
import datetime
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from storyline.eval.data import shared_data_dir
from storyline.extract.counts import find_counts
from storyline.extract.dates import resolve_date_expression
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


_WEEKDAY_AND_DATE = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?,?\s*"
    r"\(?((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{4})?)"
)


def dated_texts(data_dir: Path) -> Iterator[tuple[datetime.date, str]]:
    """(publication date, text) for casualty-mentions sentences and OCHA reports."""
    for path in sorted((data_dir / "casualty-mentions-dev").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                raw = row["article_date"].strip()
                fmt = "%Y-%m-%d" if "-" in raw else "%m/%d/%Y"
                yield datetime.datetime.strptime(raw, fmt).date(), " ".join(row["sentence"].split())
    for path in sorted((data_dir / "ocha-flash-updates" / "reports").glob("*.md")):
        yield datetime.date.fromisoformat(path.name[6:16]), path.read_text(encoding="utf-8")


def weekday_agreement(data_dir: Path) -> tuple[int, int, list[str]]:
    """(agreeing, checked, misses): a weekday resolved alone vs the calendar date written beside it."""
    seen, ok, misses = set(), 0, []
    for published, text in dated_texts(data_dir):
        for m in _WEEKDAY_AND_DATE.finditer(text):
            gold, got = resolve_date_expression(m[2], published), resolve_date_expression(m[1], published)
            if (published, m[0]) in seen or gold is None or got is None:
                continue
            if datetime.date.fromisoformat(gold[0]).strftime("%A") != m[1]:
                continue  # the text contradicts itself
            seen.add((published, m[0]))
            ok += got[0] == gold[0]
            if got[0] != gold[0]:
                misses.append(f"published {published:%a %Y-%m-%d}: {m[0]!r} → {got[0]}, written {gold[0]}")
    return ok, len(seen), misses


def main(argv: list[str]) -> None:
    """Command line: ``sample [size] [seed]``, ``of [limit]`` or ``weekdays``."""
    data_dir = shared_data_dir()
    if argv and argv[0] == "weekdays":
        ok, checked, misses = weekday_agreement(data_dir)
        print(f"weekday alone = written date: {ok}/{checked}")
        print("\n".join(misses))
        return
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
