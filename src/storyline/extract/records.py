"""Reading extraction input lines and writing events out: the JSONL filter records and the ACLED CSV rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from storyline.errors import MalformedInput, json_record
from storyline.extract.acled import acled_actor1
from storyline.ingest.dates import published_or_note

ACLED_COLUMNS = (
    "event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "storyline_type", "storyline_mode", "status", "confidence",
)  # fmt: skip
_GEO_PRECISION = {"place": 1, "admin2": 2, "admin1": 2, "country": 3}


@dataclass(slots=True)
class InputRecord:
    """One line of `storyline extract` input: ``{"id", "text", "date"?}``."""

    id: str | int | None
    text: str
    date: str | None
    date_error: str | None = None  # why a given "date" could not be read (the text is still extracted)


def parse_line(line: str, where: str) -> InputRecord:
    """An input record from one JSON line; MalformedInput naming the line when it is unusable."""
    record = json_record(line, where=where)
    doc_id = record.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise MalformedInput('no "id" field (a string)', where=where)
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedInput('no "text" field (a string)', where=where)
    note: dict[str, object] = {}
    date = published_or_note(record.get("date"), note)
    # lone surrogates ("\\ud800") cannot be written back out; one "?" each keeps every offset
    text = text.encode("utf-8", "replace").decode("utf-8")
    error = f"{where}: {note['date_error']}" if "date_error" in note else None
    return InputRecord(doc_id, text, date, error)


def acled_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """An ACLED-style CSV row for one stored Event JSON (actor1 named as ACLED codes it)."""
    place = event.get("location") or {}
    actor2 = event.get("actor2") or {}
    attribution = event.get("attribution") or {}
    evidence = event.get("evidence") or {}
    return {
        "event_id": event.get("id"),
        "event_date": event.get("date"),
        "event_type": event.get("acled_event_type"),
        "sub_event_type": event.get("acled_sub_event_type"),
        "actor1": acled_actor1(event),
        "actor2": actor2.get("name") or actor2.get("text"),
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "location": place.get("name") or place.get("text"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": _GEO_PRECISION.get(place.get("precision") or ""),
        "source": attribution.get("via") or attribution.get("source"),
        "notes": evidence.get("text"),
        "fatalities": event.get("fatalities") or 0,
        "storyline_type": event.get("type"),
        "storyline_mode": event.get("mode"),
        "status": event.get("status"),
        "confidence": event.get("confidence"),
    }


def acled_rows(events: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """ACLED-style CSV rows, one per ACLED event: the parts of an incident split by its victims' sides that are one
    ACLED event (the same article, sentence, trigger and ACLED sub-type; each carries the event's toll) make one row;
    a part of another sub-type is an event of its own, with its own sides' toll (``assemble._incident_tolls``)."""
    seen: set[tuple[Any, ...]] = set()
    for event in events:
        key = _incident_key(event)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        yield acled_row(event)


def _incident_key(event: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """What the parts of one ACLED event share: article, evidence, trigger, type and ACLED sub-type (None: no
    trigger)."""
    trigger, evidence = event.get("trigger") or {}, event.get("evidence") or {}
    if not trigger:
        return None
    keys = ("article_id", "type", "acled_sub_event_type")
    return evidence.get("start"), trigger.get("start"), *(event.get(k) for k in keys)


@dataclass(slots=True)
class EventFilter:
    """What `storyline events` keeps: by type, actor, place, date range and source (case-insensitive)."""

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    source: str | None = None

    def keeps(self, event: Mapping[str, Any]) -> bool:
        """Whether an Event JSON passes every given condition."""
        checks = (
            self.type is None
            or self.type.upper()
            in (
                event.get("type"),
                str(event.get("acled_event_type")).upper(),
                str(event.get("acled_sub_event_type")).upper(),
            ),
            self.actor is None or self._in(self.actor, event.get("actor1"), event.get("actor2")),
            self.place is None or self._in(self.place, event.get("location")),
            self.source is None or self._in(self.source, event.get("attribution")),
            self._dated(event.get("date")),
        )
        return all(checks)

    @staticmethod
    def _in(needle: str, *parts: Any) -> bool:
        """Whether the text occurs in any string field of the given objects."""
        low = needle.lower()
        return any(isinstance(v, str) and low in v.lower() for p in parts if p for v in p.values())

    def _dated(self, value: Any) -> bool:
        """Whether an event date (ISO, possibly partial) falls in [since, until]."""
        if self.since is None and self.until is None:
            return True
        if not isinstance(value, str) or len(value) < 4:
            return False
        text = value[:10] if len(value) >= 10 else (value + "-01-01")[:10]
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            return False
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


def filter_events(events: Iterable[Mapping[str, Any]], keep: EventFilter) -> Iterator[Mapping[str, Any]]:
    """The events that pass the filter, in order."""
    return (e for e in events if keep.keeps(e))
