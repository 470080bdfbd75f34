"""One record of a JSON/JSONL/CSV input (a dict of fields) → Document, using named or common field names."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from storyline.errors import EmptyInput, MalformedInput
from storyline.ingest.base import ReadOptions, make_document, resource
from storyline.ingest.dates import published_or_note
from storyline.ingest.html import html_head, is_html_field
from storyline.ingest.text import DATED_TEXT
from storyline.models import Document

_ROLES = ("text", "date", "title", "url", "id", "source")


def field_names(record: dict[str, Any], options: ReadOptions) -> dict[str, str | None]:
    """Which key of ``record`` plays each role: the option when given, else the first common name present."""
    named = tuple(getattr(options, f"{role}_field") for role in _ROLES)
    chosen: dict[str, str | None] = {}
    for role, given, present in zip(_ROLES, named, _candidates(frozenset(record), named), strict=True):
        if given is not None:
            chosen[role] = given
            continue
        chosen[role] = next((k for k in present if _present(record[k])), present[0] if present else None)
    return chosen


@lru_cache(maxsize=256)
def _candidates(keys: frozenset[str], named: tuple[str | None, ...]) -> tuple[tuple[str, ...], ...]:
    """Per role, the common names present among ``keys`` in preference order (cached: exports repeat shapes)."""
    defaults = resource("fields.json")
    return tuple(
        () if given else tuple(k for k in defaults[role] if k in keys)
        for role, given in zip(_ROLES, named, strict=True)
    )


def record_document(
    record: dict[str, Any], raw: bytes, fmt: str, source: str, options: ReadOptions, encoding: str | None = None
) -> Document:
    """A Document from one record; raises MalformedInput when no text field exists, EmptyInput when it is blank."""
    names = field_names(record, options)
    metadata = _extras(record, names)
    text = _record_text(record, names["text"], options)
    html = names["text"] in resource("fields.json")["html_fields"] or is_html_field(text)
    head = html_head(text) if html else {}
    date = _value(record, names["date"]) or head.get("published")
    dated = DATED_TEXT.match(text)
    if dated:  # the seed's scraper format inside a record: the prefix is the date, the rest the article
        text, date = text[dated.end() :], date or dated.group(1)
        metadata["date_prefix"] = dated.group(1)
        if not text.strip():
            raise EmptyInput(f"field {names['text']!r} holds a date and no article")
    return make_document(
        raw,
        text,
        fmt,
        source,
        content_type="text/html" if html else "text/plain",
        url=_text_value(record, names["url"]) or head.get("canonical"),
        title=_text_value(record, names["title"]) or head.get("title"),
        published=published_or_note(date, metadata),
        site=_text_value(record, names["source"]) or head.get("site"),
        encoding=encoding,
        metadata=metadata,
    )


def _record_text(record: dict[str, Any], key: str | None, options: ReadOptions) -> str:
    """The record's text field; MalformedInput naming the fields present when there is none, EmptyInput if blank."""
    if key is None or key not in record:
        wanted = options.text_field or "one of " + "|".join(resource("fields.json")["text"])
        have = ", ".join(map(str, record)) or "none"
        raise MalformedInput(f"no text field ({wanted}); fields present: {have}; name one with --text-field")
    text = record[key]
    if not isinstance(text, str):
        raise MalformedInput(f"field {key!r} holds {type(text).__name__}, not text")
    if not text.strip():
        raise EmptyInput(f"field {key!r} is empty")
    return text


def _present(value: Any) -> bool:
    """True for a value worth taking (not None, not an empty string)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _value(record: dict[str, Any], key: str | None) -> Any:
    """The record's value under ``key`` (None when there is no key)."""
    return record.get(key) if key is not None else None


def _text_value(record: dict[str, Any], key: str | None) -> str | None:
    """A field as stripped text; a nested source such as ``{"name": "Reuters"}`` gives its name."""
    value = _value(record, key)
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    if not _present(value) or isinstance(value, list | dict):
        return None
    return str(value).strip()


def _extras(record: dict[str, Any], names: dict[str, str | None]) -> dict[str, Any]:
    """Fields not mapped to a Document attribute (the input's own id as ``input_id``), JSON-safe."""
    used = {k for role, k in names.items() if k is not None and role != "id"}
    extras: dict[str, Any] = {}
    for key, value in record.items():
        if key in used:
            continue
        if key == names["id"]:
            extras["input_id"] = value if isinstance(value, str | int) else json.dumps(value)
        else:
            extras[str(key)] = value
    return extras
