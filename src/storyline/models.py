"""The dataclasses that flow through every stage.

    Document ──clean──► Article ──extract──► Event (with Actor, Location, Count, Attribution, Evidence)
                           │
                           └──dedup──► DuplicateMatch (syndication group membership)

A stage takes and returns these; no stage invents its own dict shape. ``to_dict`` gives the exact
JSON shapes of the contracts in DESIGN.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "week", "month", "year", "unknown"]
PlacePrecision = Literal["place", "admin2", "admin1", "country", "unresolved"]
EventStatus = Literal[
    "occurred", "ongoing", "proposed", "negotiating", "threatened", "denied", "hypothetical", "historical"
]
CountKind = Literal["killed", "injured", "missing", "hostages", "detained", "released", "displaced"]
CountScope = Literal["incident", "cumulative"]


def content_hash(data: bytes) -> str:
    """SHA-256 hex digest of raw bytes: the identity of a document's content."""
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class Document:
    """One raw input item, kept verbatim: a file, a feed item, a WARC record, a JSONL line."""

    id: str  # sha256 of ``raw`` (the item's own bytes); an input's own id is kept in metadata["input_id"]
    raw: bytes  # exactly the bytes read; never altered
    text: str  # decoded text (HTML stays HTML here)
    format: str  # "dated-text" | "text" | "markdown" | "html" | "jsonl" | "json" | "csv" | "rss" | "warc" ...
    source: str  # path, URL or "<stdin>", with a locator such as "#L12" or "#record=3" for items
    content_type: str = "text/plain"  # "text/plain" | "text/html" | "text/markdown"
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, when the input says
    site: str | None = None
    encoding: str | None = None  # detected encoding of ``raw``
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Content hash of the raw bytes."""
        return content_hash(self.raw)


@dataclass(slots=True)
class RemovedText:
    """A line or block that cleaning dropped, and why (e.g. "repeated", "boilerplate", "related-links")."""

    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """A cleaned article: the body a reader wants, metadata, and everything removed with a reason."""

    id: str
    body: str
    title: str | None = None
    published: str | None = None
    source: str | None = None  # wire agency or site that the story comes from ("Reuters", "AP", ...)
    byline: str | None = None
    dateline: str | None = None
    captions: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    removed: list[RemovedText] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    site: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `storyline clean` output shape."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "published": self.published,
            "source": self.source,
            "byline": self.byline,
            "dateline": self.dateline,
            "captions": list(self.captions),
            "related": list(self.related),
            "removed": [{"text": r.text, "reason": r.reason} for r in self.removed],
        }


@dataclass(slots=True)
class Evidence:
    """The text span that supports a field: character offsets into the text given to extraction."""

    text: str
    start: int
    end: int


def _spanned(value: Actor | Location | Count | Attribution) -> dict[str, Any]:
    """A span-carrying part of an Event as JSON: its fields, with ``start``/``end`` only when the offsets are known."""
    out = asdict(value)
    if out["start"] is None:
        del out["start"], out["end"]
    return out


@dataclass(slots=True)
class Actor:
    """Who acted or was acted on: the span as written, a normalised name, ISO3 country, PLOVER sector."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Event JSON shape (offsets omitted when unknown)."""
        return _spanned(self)


@dataclass(slots=True)
class Location:
    """Where an event happened, resolved against the gazetteer; ``precision`` "unresolved" when not found."""

    text: str
    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = "unresolved"
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Event JSON shape (offsets omitted when unknown)."""
        return _spanned(self)


@dataclass(slots=True)
class Count:
    """A typed number of people: "more than 700 Israelis" killed → value 700, low 700, qualifier "more than"."""

    kind: CountKind
    value: int
    text: str
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None  # "more than" | "at least" | "about" | "up to" | None
    of: str | None = None  # who was counted: "Palestinian women and children"
    scope: CountScope = "incident"
    start: int | None = None
    end: int | None = None
    # the ``text`` of the count this one is a part of: "including 36 children" in "more than 200 killed, including
    # 36 children" → "more than 200"; None for a count of its own. Totals never add a part to its whole.
    part_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Event JSON shape: ``part_of`` always present (null for a count of its own); offsets omitted when unknown."""
        return _spanned(self)


@dataclass(slots=True)
class Attribution:
    """Who says so: "according to the Ministry of Health in Gaza", "a source told Reuters"."""

    text: str
    source: str | None = None
    via: str | None = None  # the outlet relaying the source: "Reuters" in "a source told Reuters"
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Event JSON shape (offsets omitted when unknown)."""
        return _spanned(self)


@dataclass(slots=True)
class Event:
    """One thing that happened (or was proposed, denied, ...), with the sentence behind it."""

    type: str  # PLOVER event type, e.g. "ASSAULT"
    evidence: Evidence
    mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    date_source: Literal["text", "publication"] | None = None
    fatalities: int | None = None
    counts: list[Count] = field(default_factory=list)
    status: EventStatus = "occurred"
    attribution: Attribution | None = None
    confidence: float = 0.5
    trigger: Evidence | None = None  # the word(s) that signal the event

    def to_dict(self) -> dict[str, Any]:
        """The Event JSON of DESIGN.md."""
        out: dict[str, Any] = {
            "type": self.type,
            "mode": self.mode,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "fatalities": self.fatalities,
            "counts": [c.to_dict() for c in self.counts],
            "status": self.status,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "evidence": {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end},
            "confidence": round(self.confidence, 3),
        }
        if self.trigger is not None:
            out["trigger"] = {"text": self.trigger.text, "start": self.trigger.start, "end": self.trigger.end}
        return out


@dataclass(slots=True)
class DuplicateMatch:
    """A document's place among near-duplicates: its syndication group and whether it is the canonical copy."""

    id: str
    group: str
    canonical: bool
    similarity: float  # to the group's canonical copy; 1.0 for the canonical itself

    def to_dict(self) -> dict[str, Any]:
        """The `storyline dedup` output shape."""
        return {
            "id": self.id,
            "group": self.group,
            "canonical": self.canonical,
            "similarity": round(self.similarity, 4),
        }
