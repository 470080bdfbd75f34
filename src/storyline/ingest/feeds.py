"""RSS and Atom feeds (feedparser) → one Document per item: its content or summary, title, link, date.

Item links are not followed. Each item's ``raw`` is its own ``<item>``/``<entry>`` bytes from the feed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from storyline.errors import EmptyInput, MalformedInput
from storyline.ingest.base import Item, failure, make_document
from storyline.ingest.dates import published_or_note
from storyline.ingest.html import is_html_field

_ITEM = re.compile(rb"<((?:[\w-]+:)?(?:item|entry))[\s>].*?</\1\s*>", re.DOTALL)
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)[\s>]")


def is_feed(head: bytes) -> bool:
    """True when the first KB of an XML document opens an RSS, Atom or RDF feed."""
    return _FEED_ROOT.search(head[:2048]) is not None


def read_feed(raw: bytes, source: str) -> Iterator[Item]:
    """Documents for the items of a feed; an unparsable feed or one with no items raises an InputError."""
    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise MalformedInput(f"not a readable feed ({parsed.get('bozo_exception')})", where=source)
        raise EmptyInput("the feed has no items", where=source)
    spans = [m.group(0) for m in _ITEM.finditer(raw)]
    if len(spans) != len(parsed.entries):
        spans = []  # cannot pair items with their bytes; fall back to each item's canonical text below
    feed_meta = {
        "feed_title": parsed.feed.get("title"),
        "feed_link": parsed.feed.get("link"),
        "feed_version": parsed.version,
    }
    if parsed.get("bozo"):
        feed_meta["feed_warning"] = str(parsed.get("bozo_exception"))
    for index, entry in enumerate(parsed.entries):
        where = f"{source}#item={index}"
        item_raw = spans[index] if spans else json.dumps(entry, sort_keys=True, default=str).encode("utf-8")
        yield _entry_document(entry, item_raw, where, dict(feed_meta), parsed.feed.get("title"))


def _entry_document(entry: Any, raw: bytes, where: str, metadata: dict[str, Any], site: str | None) -> Item:
    """One feed item as a Document (a failure when it has no content, summary or title)."""
    body, content_type = _body(entry)
    if not body.strip() and (entry.get("title") or "").strip():
        body, content_type = entry["title"], "text/plain"
        metadata["text_from"] = "title"  # a headline-only item: the headline is all the news it carries
    if not body.strip():
        return failure(where, EmptyInput("feed item has no content, summary or title"), raw)
    if entry.get("id"):
        metadata["input_id"] = entry["id"]
    if entry.get("author"):
        metadata["author"] = entry["author"]
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if tags:
        metadata["tags"] = tags
    date = entry.get("published") or entry.get("updated") or entry.get("created")
    return make_document(
        raw,
        body,
        "rss",
        where,
        content_type=content_type,
        url=entry.get("link"),
        title=entry.get("title"),
        published=published_or_note(date, metadata),
        site=site,
        encoding="utf-8",
        metadata=metadata,
    )


def _body(entry: Any) -> tuple[str, str]:
    """The fullest text of an item (content, else summary) and its content type."""
    for part in [*entry.get("content", []), entry.get("summary_detail") or {}]:
        value = part.get("value") or ""
        if value.strip():
            # RSS marks every description text/html; look at the markup itself.
            return value, "text/html" if is_html_field(value) else "text/plain"
    return "", "text/plain"
