"""Measurements for typed counts and event dates.

``python -m storyline.eval.counts gold [tune|heldout|all] [--misses] [--extract]`` scores counts, incident fatalities
and event dates on the hand-checked gold ``tests/fixtures/counts_dates_gold.jsonl`` (sampled OCHA sentences plus
self-written ACLED-notes-style ones; one third held out), per field precision/recall/F1; ``--extract`` adds the
fatalities and date of the first event of the whole extraction on the records that report an incident.
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
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.eval.data import CHECK_SETS, check_set_records, shared_data_dir
from storyline.eval.metrics import prf
from storyline.extract.counts import fatalities, find_counts
from storyline.extract.dates import event_date, resolve_date_expression
from storyline.models import Count
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


GOLD_PATH = CHECK_SETS / "counts_dates_gold.jsonl"
_COUNT_FIELDS = ("count", "qualifier", "range", "scope", "of", "part_of")
Item = tuple[object, ...]
_SHOWN = ("kind", "value", "qualifier", "scope", "of", "part_of")
SPLITS = ("tune", "heldout", "all")


def load_gold(path: Path = GOLD_PATH, split: str | None = None) -> list[dict[str, Any]]:
    """The gold records (the leading ``_about`` line skipped), only those of ``split`` when given."""
    if split not in (None, *SPLITS):
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return [r for r in check_set_records(path) if "id" in r and (split in (None, "all") or r["split"] == split)]


def _items(counts: list[dict[str, Any]], field: str) -> Counter[Item]:
    """The multiset of (kind, value, field value) items of counts in gold shape; ``count`` is (kind, value)."""
    return Counter((c["kind"], c["value"], *_field_value(c, field)) for c in counts)


def _field_value(count: dict[str, Any], field: str) -> Item:
    """What a field compares: () for the bare count, (low, high) for the range, the lower-cased group for ``of``."""
    if field == "count":
        return ()
    if field == "range":
        return count["low"], count["high"]
    if field == "of":
        return ((count["of"] or "").lower(),)
    return (count[field],)


def gold_shape(counts: list[Count]) -> list[dict[str, Any]]:
    """Found counts in the gold's shape: ``part_of`` as the value of the count it is a part of."""
    by_text = {c.text: c.value for c in counts}
    return [{**c.to_dict(), "part_of": by_text.get(c.part_of, -1) if c.part_of else None} for c in counts]


def predict(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts (gold shape), incident fatalities and event date found for each gold record."""
    out = []
    for record, doc in zip(records, pipe(r["text"] for r in records), strict=True):
        counts = find_counts(doc[:])
        date = event_date(doc[:], record["published"])
        out.append({"counts": gold_shape(counts), "fatalities": fatalities(counts), "date": date.date})
    return out


def gold_scores(records: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-field precision/recall/F1 of counts, fatalities (non-null values) and dates against the gold."""
    tallies = {field: [0, 0, 0] for field in (*_COUNT_FIELDS, "fatalities", "date")}
    exact = Counter[str]()
    for record, found in zip(records, predictions, strict=True):
        for field in _COUNT_FIELDS:
            got, want = _items(found["counts"], field), _items(record["counts"], field)
            _add(tallies[field], sum((got & want).values()), sum(got.values()), sum(want.values()))
        for field in ("fatalities", "date"):
            got, want = found[field], record[field]
            _add(tallies[field], int(got is not None and got == want), int(got is not None), int(want is not None))
            exact[field] += got == want
    fields: dict[str, Any] = {name: prf(*t).as_dict() for name, t in tallies.items()}
    n = max(len(records), 1)
    return {"sentences": len(records), "fields": fields, **{f"{k}_exact": round(v / n, 4) for k, v in exact.items()}}


def _add(tally: list[int], hit: int, predicted: int, expected: int) -> None:
    """Add one record's true positives, predictions and expectations to a tally."""
    tally[0], tally[1], tally[2] = tally[0] + hit, tally[1] + predicted, tally[2] + expected


def extract_scores(records: list[dict[str, Any]]) -> dict[str, float]:
    """Fatalities and date of the first (most salient) event of ``storyline extract``, exact against the gold, on
    the records that report an incident (gold fatalities or an incident count), as ACLED notes do."""
    from storyline.extract import extract_many

    incidents = [
        r for r in records if r["fatalities"] is not None or any(c["scope"] == "incident" for c in r["counts"])
    ]
    hits = Counter[str]()
    for record, events in zip(incidents, extract_many((r["text"], r["published"]) for r in incidents), strict=True):
        first = events[0] if events else None
        hits["fatalities"] += (first.fatalities if first else None) == record["fatalities"]
        hits["date"] += (first.date if first else None) == record["date"]
    n = max(len(incidents), 1)
    return {"extract_records": len(incidents), **{f"extract_{k}_exact": round(hits[k] / n, 4) for k in hits}}


def gold_misses(records: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> Iterator[str]:
    """One line per record whose counts, fatalities or date differ from the gold, for error analysis."""
    for record, found in zip(records, predictions, strict=True):
        want = sorted(_items(record["counts"], "count").elements())
        got = sorted(_items(found["counts"], "count").elements())
        wrong = [f for f in _COUNT_FIELDS if _items(found["counts"], f) != _items(record["counts"], f)]
        wrong += [f for f in ("fatalities", "date") if found[f] != record[f]]
        if wrong:
            yield (
                f"{record['id']} {wrong} | {record['text'][:160]}\n   want {want} fat={record['fatalities']} "
                f"date={record['date']}\n   got  {got} fat={found['fatalities']} date={found['date']}\n"
                f"   got counts {[tuple(c[k] for k in _SHOWN) for c in found['counts']]}"
            )


def split_scores(
    split: str, *, through_extract: bool = False
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """(gold records, predictions, figures) of one split of the counts/dates gold; extractor figures on request."""
    records = load_gold(split=split)
    predictions = predict(records)
    scores = gold_scores(records, predictions)
    if through_extract:
        scores.update(extract_scores(records))
    return records, predictions, scores


def main(argv: list[str]) -> None:
    """Command line: ``gold [split] [--misses] [--extract]``, ``sample [size] [seed]``, ``of [limit]``, ``weekdays``."""
    if argv and argv[0] == "gold":
        split = next((a for a in argv[1:] if not a.startswith("-")), "all")
        if split not in SPLITS:
            sys.exit(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
        for name in ("tune", "heldout") if split == "all" else (split,):
            records, predictions, scores = split_scores(name, through_extract="--extract" in argv)
            print(name, json.dumps(scores))
            if "--misses" in argv and name != "heldout":
                print("\n".join(gold_misses(records, predictions)))
        return
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
