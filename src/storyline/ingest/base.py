"""What every reader shares: the options, the failure value, resource loading and Document building."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storyline import settings
from storyline.errors import InputError
from storyline.models import Document, content_hash


def _max_bytes() -> int:
    """The configured size limit, read when options are made (so the environment is honoured)."""
    return int(settings.get("max_document_bytes"))


def _fetch_timeout() -> float:
    """The configured fetch timeout in seconds."""
    return float(settings.get("fetch_timeout"))


@dataclass(slots=True)
class ReadOptions:
    """How to read inputs: which fields of JSON/JSONL/CSV items hold what, and the limits."""

    text_field: str | None = None
    date_field: str | None = None
    title_field: str | None = None
    url_field: str | None = None
    id_field: str | None = None
    source_field: str | None = None
    max_bytes: int = field(default_factory=_max_bytes)
    fetch_timeout: float = field(default_factory=_fetch_timeout)


@dataclass(slots=True)
class IngestFailure:
    """An input (or one item inside it) that could not be read, as a value: where, why, and the bytes read."""

    source: str
    error: InputError
    raw: bytes | None = None


Item = Document | IngestFailure
_RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "ingest"


@cache
def resource(name: str) -> dict[str, Any]:
    """A JSON data file from ``storyline/resources/ingest`` (keys starting with ``_`` are comments)."""
    text = (_RESOURCES / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def failure(source: str, error: InputError, raw: bytes | None = None) -> IngestFailure:
    """An IngestFailure whose error names the input it is about."""
    if error.where is None:
        error = type(error)(error.message, where=source)
    return IngestFailure(source=source, error=error, raw=raw)


def make_document(raw: bytes, text: str, fmt: str, source: str, **fields: Any) -> Document:
    """A Document whose id is the content hash of its own raw bytes (so ingest is idempotent)."""
    doc = Document(id=content_hash(raw), raw=raw, text=text, format=fmt, source=source, **fields)
    host = urlsplit(doc.url).hostname if doc.url and "://" in doc.url else None
    if host:
        doc.metadata.setdefault("domain", host.removeprefix("www."))
    return doc
