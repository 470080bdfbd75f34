"""Score the ACLED fields of ACLED-notes-style texts through the extractor, as issue 3 measures them.

Each notes-style record of a self-written check set (``tests/fixtures/acled_style_dev.jsonl``, the default and the
gate's; ``acled_style_more.jsonl``, ``acled_style_more2.jsonl``, ``acled_style_more3.jsonl``,
``acled_style_more4.jsonl``, ``acled_style_more5.jsonl``, ``acled_style_more6.jsonl``, ``acled_style_more7.jsonl``,
``acled_style_more8.jsonl``, ``acled_style_more9.jsonl`` and ``acled_style_more10.jsonl``, written in sessions 6 to 15
before any run on them) is
run through the extractor as ``storyline extract`` runs it (the text alone, no publication date); its ACLED view
(``acled.acled_event``: the most salient event, or the first with an ACLED type when that one has none, with ACLED's
actor1) is compared with the record's expected ACLED fields, and so, under ``first_event``, is the Event JSON's first
event as it stands (what a scorer reading only the first event of ``storyline extract`` sees). Six figures and their
mean:

- ``event_type_macro_f1`` / ``sub_type_macro_f1``: macro-F1 over the records (no-event texts count as "NONE").
- ``fatalities``: exact, ACLED-style (a missing figure is 0, as ACLED writes it), on the records with an event.
- ``place``: the event's location names the expected place (its text or gazetteer name, compared without case,
  accents, punctuation or words such as "camp" and "city") in the expected country; a record that names no place
  is right when no place is resolved.
- ``actor1``: the first actor has the expected country and sector (the fixture's note defines them: ACLED's
  initiator, reduced to what storyline's Actor carries).
- ``date``: the event date, exact.

Figures per split (``tune``, ``heldout``, ``all``), and for the Israel-Palestine records (``gaza``: the expected place
is in Palestine or Israel) and the rest (``other``).
``storyline eval acled [--set dev|more|more2|more3|more4|more5|more6|more7|more8|more9|more10|all]`` prints them;
``--misses`` lists the records with a wrong field, of the ACLED view and of the first event.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from storyline.eval.data import CHECK_SETS
from storyline.eval.metrics import macro_f1
from storyline.eval.typing import ACLED_STYLE, NONE, acled_labels, read_check_set
from storyline.extract import extract_many
from storyline.extract.acled import acled_event
from storyline.models import Actor, Event, Location

FIELDS = ("event_type_macro_f1", "sub_type_macro_f1", "fatalities", "place", "actor1", "date")
SPLITS = ("tune", "heldout", "all")
GAZA = frozenset({"PSE", "ISR"})
ACLED_MORE = CHECK_SETS / "acled_style_more.jsonl"
ACLED_MORE2 = CHECK_SETS / "acled_style_more2.jsonl"
ACLED_MORE3 = CHECK_SETS / "acled_style_more3.jsonl"
ACLED_MORE4 = CHECK_SETS / "acled_style_more4.jsonl"
ACLED_MORE5 = CHECK_SETS / "acled_style_more5.jsonl"
ACLED_MORE6 = CHECK_SETS / "acled_style_more6.jsonl"
ACLED_MORE7 = CHECK_SETS / "acled_style_more7.jsonl"
ACLED_MORE8 = CHECK_SETS / "acled_style_more8.jsonl"
ACLED_MORE9 = CHECK_SETS / "acled_style_more9.jsonl"
ACLED_MORE10 = CHECK_SETS / "acled_style_more10.jsonl"
# The check sets ``storyline eval acled --set`` scores, one by one: the first (looked at by every session) and the
# fresh ones (sessions 6 to 15); ``all`` is every one of them, in that order.
_EACH_SET: dict[str, Path] = {
    "dev": ACLED_STYLE,
    "more": ACLED_MORE,
    "more2": ACLED_MORE2,
    "more3": ACLED_MORE3,
    "more4": ACLED_MORE4,
    "more5": ACLED_MORE5,
    "more6": ACLED_MORE6,
    "more7": ACLED_MORE7,
    "more8": ACLED_MORE8,
    "more9": ACLED_MORE9,
    "more10": ACLED_MORE10,
}
NOTES_SETS: dict[str, tuple[Path, ...]] = {name: (path,) for name, path in _EACH_SET.items()} | {
    "all": tuple(_EACH_SET.values())
}
# Words a place name may carry or drop without naming another place ("Jabalia refugee camp" = "Jabalia Camp").
_GENERIC = frozenset(
    ["al", "el", "camp", "refugee", "city", "town", "village", "district", "region", "state", "province", "governorate"]
)


def notes_records(path: Path | Sequence[Path] = ACLED_STYLE) -> list[dict[str, Any]]:
    """The notes-style records of a check set (or of several, in order)."""
    paths = [path] if isinstance(path, Path) else path
    return [r for p in paths for r in read_check_set(p) if r["style"] == "notes"]


def extracted(records: Sequence[dict[str, Any]]) -> list[list[Event]]:
    """Each record's events as ``storyline extract`` gives them (the text alone, no publication date)."""
    return list(extract_many((r["text"], None) for r in records))


def place_key(name: str | None) -> str:
    """A place name without case, accents, punctuation or generic words, for comparison."""
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return " ".join(w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in _GENERIC)


def place_right(want: dict[str, Any] | None, got: Location | None) -> bool:
    """Whether the event's location is the expected place (in the expected country)."""
    if want is None:
        return got is None or got.precision == "unresolved"
    if got is None or got.country != want["country"]:
        return False
    return place_key(want["name"]) in {place_key(got.text), place_key(got.name)}


def actor_right(want: dict[str, Any], got: Actor | None) -> bool:
    """Whether the first actor has the expected country and sector."""
    return got is not None and (got.country, got.sector) == (want["country"], want["sector"])


def field_hits(record: dict[str, Any], event: Event | None) -> dict[str, bool]:
    """Which of fatalities, place, actor1 and date the event gets right."""
    return {
        "fatalities": ((event.fatalities if event else None) or 0) == record["fatalities"],
        "place": event is not None and place_right(record["location"], event.location),
        "actor1": event is not None and actor_right(record["actor1"], event.actor1),
        "date": event is not None and event.date == record["event_date"],
    }


def scores(records: Sequence[dict[str, Any]], events: Sequence[Event | None]) -> dict[str, Any]:
    """The six figures and their mean on some records and their first events."""
    labels = [acled_labels([e] if e else []) for e in events]
    want = [(r["event_type"] or NONE, r["sub_event_type"] or NONE) for r in records]
    out: dict[str, Any] = {
        "records": len(records),
        "event_type_macro_f1": macro_f1([w[0] for w in want], [g[0] for g in labels]),
        "sub_type_macro_f1": macro_f1([w[1] for w in want], [g[1] for g in labels]),
    }
    hits = [field_hits(r, e) for r, e in zip(records, events, strict=True) if r["event_type"]]
    for name in ("fatalities", "place", "actor1", "date"):
        out[name] = sum(h[name] for h in hits) / max(len(hits), 1)
    out["mean"] = mean(out[name] for name in FIELDS)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def is_gaza(record: dict[str, Any]) -> bool:
    """Whether the record's expected place is in Palestine or Israel."""
    return bool(record.get("location")) and record["location"]["country"] in GAZA


def misses(records: Sequence[dict[str, Any]], events: Sequence[Event | None]) -> list[dict[str, Any]]:
    """One line per record with a wrong field: what was wanted and what came out."""
    out = []
    for record, event in zip(records, events, strict=True):
        if not record["event_type"]:
            continue
        wrong = [name for name, ok in field_hits(record, event).items() if not ok]
        if acled_labels([event] if event else [])[1] != record["sub_event_type"]:
            wrong.insert(0, "sub_type")
        if wrong:
            out.append({"id": record["id"], "split": record["split"], "wrong": wrong, "got": _shown(event)})
    return out


def _shown(event: Event | None) -> dict[str, Any] | None:
    """The scored fields of an event, compactly."""
    if event is None:
        return None
    actor, place = event.actor1, event.location
    return {
        "sub_type": event.acled_sub_event_type,
        "fatalities": event.fatalities,
        "place": place and (place.text, place.name, place.country),
        "actor1": actor and (actor.text, actor.country, actor.sector),
        "date": event.date,
    }


def _by_group(records: Sequence[dict[str, Any]], events: Sequence[Event | None]) -> dict[str, Any]:
    """The figures per split, for all records, the Israel-Palestine ones and the rest."""
    out: dict[str, Any] = {}
    for group, keep in (("", lambda r: True), ("gaza", is_gaza), ("other", lambda r: not is_gaza(r))):
        for split in SPLITS:
            idx = [i for i, r in enumerate(records) if keep(r) and split in ("all", r["split"])]
            figures = scores([records[i] for i in idx], [events[i] for i in idx])
            if group:
                out.setdefault(group, {})[split] = figures
            else:
                out[split] = figures
    return out


def score_acled(path: Path | Sequence[Path] = ACLED_STYLE, *, with_misses: bool = False) -> dict[str, Any]:
    """The six figures and their mean per split, for the Israel-Palestine records and the rest."""
    records = notes_records(path)
    found = extracted(records)
    events = [acled_event(each) for each in found]
    out = _by_group(records, events)
    # what a scorer reading the Event JSON's first event sees, without the ACLED view's choice of event and actor1
    firsts = [each[0] if each else None for each in found]
    out["first_event"] = _by_group(records, firsts)
    if with_misses:
        out["misses"] = misses(records, events)
        out["first_event"]["misses"] = misses(records, firsts)
    return out
