"""Plain text, Markdown and the seed's dated-text format (`` date 2023-10-09 First sentence…``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from storyline.errors import EmptyInput
from storyline.ingest.base import Item, make_document
from storyline.ingest.dates import date_in_name, published_or_note

DATED_TEXT = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\r?\n)")
# A Markdown report's first line that is only a date: "09 Oct 2023", "9 October 2023", "October 9, 2023".
_DATE_LINE = re.compile(
    r"^\s*(\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})\s*$"
)
_H1 = re.compile(r"^# +(.+?)\s*#*\s*$", re.MULTILINE)


def is_dated_text(text: str) -> bool:
    """True when the first line starts with ``date YYYY-MM-DD `` (the seed format)."""
    return DATED_TEXT.match(text) is not None


def read_text(raw: bytes, text: str, encoding: str, source: str, fmt: str) -> Iterator[Item]:
    """One Document from decoded text: dated-text, markdown or plain text."""
    if not text.strip():
        raise EmptyInput("the file holds only whitespace", where=source)
    metadata: dict[str, Any] = {}
    name_date = date_in_name(source)
    if name_date:
        metadata["name_date"] = name_date
    if fmt == "dated-text" or is_dated_text(text):
        yield _dated(raw, text, encoding, source, metadata)
    elif fmt == "markdown":
        yield _markdown(raw, text, encoding, source, metadata)
    else:
        yield make_document(raw, text, "text", source, encoding=encoding, metadata=metadata)


def _dated(raw: bytes, text: str, encoding: str, source: str, metadata: dict[str, Any]) -> Item:
    """The seed format: the date prefix is the publication date; the text is everything after it."""
    match = DATED_TEXT.match(text)
    assert match is not None
    published = published_or_note(match.group(1), metadata)
    body = text[match.end() :]
    if not body.strip():
        raise EmptyInput("a date line with no article after it", where=source)
    return make_document(raw, body, "dated-text", source, published=published, encoding=encoding, metadata=metadata)


def _markdown(raw: bytes, text: str, encoding: str, source: str, metadata: dict[str, Any]) -> Item:
    """Markdown: a leading date-only line is the publication date (kept out of the text); ``# H1`` the title."""
    first, _, rest = text.lstrip("\n").partition("\n")
    published = None
    if _DATE_LINE.match(first):
        published = published_or_note(first.strip(), metadata)
        if published:
            metadata["date_line"] = first.strip()
            text = rest.lstrip("\n")
    heading = _H1.search(text)
    title = heading.group(1).strip("* ") if heading else None
    return make_document(
        raw,
        text,
        "markdown",
        source,
        content_type="text/markdown",
        title=title,
        published=published,
        encoding=encoding,
        metadata=metadata,
    )
