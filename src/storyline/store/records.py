"""Rows ↔ the shared dataclasses: what a Document or Article looks like in the store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storyline.models import Article, Document, Event, RemovedText

MAX_KEY_BYTES = 1500  # a failure's source is part of a unique index; PostgreSQL caps index rows near 2.7 kB


def safe_text(value: str) -> str:
    """``value`` storable as text in any database: no NUL characters, no lone surrogates."""
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", errors="replace").decode("utf-8")
    return value


def safe(value: Any) -> Any:
    """``value`` with every string in it (inside lists and dicts, too) made storable."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return [safe(v) for v in value]
    if isinstance(value, dict):
        return {safe_text(str(k)): safe(v) for k, v in value.items()}
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row with every string value made storable."""
    return {key: safe(value) for key, value in row.items()}


def key_text(value: str) -> str:
    """``value`` cut to fit in a unique index (whole characters only)."""
    value = safe_text(value)
    data = value.encode("utf-8")
    return value if len(data) <= MAX_KEY_BYTES else data[:MAX_KEY_BYTES].decode("utf-8", errors="ignore")


def decoded(raw: bytes, encoding: str | None) -> str:
    """``raw`` decoded the way ingest named (UTF-8 when it did not), never raising."""
    try:
        return raw.decode(encoding or "utf-8", errors="replace")
    except LookupError:  # an encoding name Python does not know
        return raw.decode("utf-8", errors="replace")


def document_row(doc: Document, doc_id: str) -> dict[str, Any]:
    """The ``documents`` row for ``doc``; ``text`` is kept only when it is not just ``raw`` decoded."""
    text = None if doc.text == decoded(doc.raw, doc.encoding) else doc.text
    meta = dict(doc.metadata)
    if doc.id != doc_id:
        meta.setdefault("input_id", doc.id)
    return safe_row(
        {
            "id": doc_id,
            "source": doc.source,
            "url": doc.url,
            "format": doc.format,
            "content_type": doc.content_type,
            "encoding": doc.encoding,
            "title": doc.title,
            "published": doc.published,
            "site": doc.site,
            "metadata": meta,
            "raw": doc.raw,
            "text": text,
            "size": len(doc.raw),
            "status": "pending",
        }
    )


def document_from_row(row: Mapping[Any, Any]) -> Document:
    """A Document as ingest made it, from its row."""
    raw = bytes(row["raw"])
    return Document(
        id=row["id"],
        raw=raw,
        text=row["text"] if row["text"] is not None else decoded(raw, row["encoding"]),
        format=row["format"] or "text",
        source=row["source"],
        content_type=row["content_type"] or "text/plain",
        url=row["url"],
        title=row["title"],
        published=row["published"],
        site=row["site"],
        encoding=row["encoding"],
        metadata=dict(row["metadata"] or {}),
    )


def article_row(article: Article, version: int) -> dict[str, Any]:
    """The ``articles`` row for ``article`` made by clean version ``version``."""
    return safe_row(
        {
            "id": article.id,
            "body": article.body,
            "title": article.title,
            "published": article.published,
            "source": article.source,
            "byline": article.byline,
            "dateline": article.dateline,
            "language": article.language,
            "url": article.url,
            "site": article.site,
            "captions": list(article.captions),
            "related": list(article.related),
            "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
            "clean_version": version,
        }
    )


def article_from_row(row: Mapping[Any, Any]) -> Article:
    """An Article from its row."""
    return Article(
        id=row["id"],
        body=row["body"],
        title=row["title"],
        published=row["published"],
        source=row["source"],
        byline=row["byline"],
        dateline=row["dateline"],
        captions=list(row["captions"] or []),
        related=list(row["related"] or []),
        removed=[RemovedText(r["text"], r["reason"]) for r in row["removed"] or []],
        language=row["language"],
        url=row["url"],
        site=row["site"],
    )


def event_row(event: Event, article_id: str, ordinal: int, version: int) -> dict[str, Any]:
    """The ``events`` row for ``event``: the columns people filter on, plus the full Event JSON."""
    actor1, actor2, place = event.actor1, event.actor2, event.location
    return safe_row(
        {
            "article_id": article_id,
            "ordinal": ordinal,
            "type": event.type,
            "mode": event.mode,
            "acled_event_type": event.acled_event_type,
            "acled_sub_event_type": event.acled_sub_event_type,
            "actor1_name": (actor1.name or actor1.text) if actor1 else None,
            "actor1_country": actor1.country if actor1 else None,
            "actor2_name": (actor2.name or actor2.text) if actor2 else None,
            "actor2_country": actor2.country if actor2 else None,
            "location_name": (place.name or place.text) if place else None,
            "country": place.country if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "date": event.date,
            "fatalities": event.fatalities,
            "status": event.status,
            "attribution_source": event.attribution.source if event.attribution else None,
            "confidence": event.confidence,
            "data": event.to_dict(),
            "extract_version": version,
        }
    )
