"""Which reader an input needs: from its name (extension), its Content-Type, and its first bytes."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from storyline.ingest.base import resource
from storyline.ingest.decode import bom_encoding
from storyline.ingest.feeds import is_feed
from storyline.ingest.text import is_dated_text

GZIP_MAGIC = b"\x1f\x8b"
XZ_MAGIC = b"\xfd7zXZ\x00"
ZIP_MAGIC = b"PK\x03\x04"
_BZ2_START = re.compile(rb"BZh[1-9]1AY&SY")
COMPRESSIONS = ("gz", "gzip", "bz2", "xz")
_HTML_START = re.compile(r"<(!doctype html|html|head|body|meta|title|div|p|article|section)[\s>/]", re.I)
_DOCUMENT_START = re.compile(r"<(!doctype\s+html|html)[\s>]", re.I)
# "[Reuters] Gaza…" is text; JSON opens with an object key, a value or a closing bracket.
_JSON_START = re.compile(r'\{\s*["}]|\[\s*([{\["\]\d-]|true|false|null)')
_COLUMN = re.compile(r"^[a-z_][\w.\-]{0,60}$")
_XML_START = re.compile(r"<\?xml", re.I)


def name_of(source: str) -> str:
    """The file name part of a path or URL (without query or fragment), lower-cased."""
    path = urlsplit(source).path if "://" in source else source
    return PurePosixPath(path.split("#", 1)[0]).name.lower()


def extension_format(name: str) -> str | None:
    """The format a file name's extension names (``.gz``, ``.bz2``, ``.xz`` are looked through), or None."""
    parts = name.lower().split(".")
    while len(parts) > 1 and parts[-1] in COMPRESSIONS:
        parts.pop()
    return resource("formats.json")["extensions"].get(parts[-1]) if len(parts) > 1 else None


def sniff(name: str, head: bytes, content_type: str | None = None) -> str:
    """Format of an input: "gzip", "warc", "rss", "html", "jsonl", "json", "csv", "xml", "markdown", "text"..."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if _BZ2_START.match(head):
        return "bz2"
    if head.startswith(XZ_MAGIC):
        return "xz"
    if head.startswith(ZIP_MAGIC):
        return "document" if extension_format(name) == "document" else "zip"
    if head.startswith(b"WARC/"):
        return "warc"
    by_name = extension_format(name) or content_type_format(content_type)
    if by_name == "document":
        return by_name
    start = _head_text(head).lstrip()
    if start.startswith("<"):
        return _markup_format(start, head, by_name)
    if _JSON_START.match(start):
        return _json_format(start, by_name)
    if by_name in ("markdown", "csv", "jsonl", "json") or (by_name == "html" and not is_dated_text(start)):
        return by_name
    if is_dated_text(_head_text(head)):
        return "dated-text"
    if by_name is None and _csv_header(start):
        return "csv"
    return by_name if by_name in ("rss", "warc") else "text"


def csv_delimiter(first_line: str) -> str:
    """Tab when the header line has more tabs than commas, else comma."""
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def _csv_header(start: str) -> bool:
    """True when the first line looks like a CSV/TSV header naming a common text column (for unnamed input)."""
    first = start.partition("\n")[0].strip()
    columns = [c.strip().strip('"').lower() for c in first.split(csv_delimiter(first))]
    named = all(_COLUMN.match(c) for c in columns)  # exports name columns like identifiers; prose has spaces
    return len(columns) >= 2 and named and bool(set(columns) & set(resource("fields.json")["text"]))


def content_type_format(content_type: str | None) -> str | None:
    """The format a Content-Type header names, e.g. application/rss+xml → rss."""
    lowered = (content_type or "").lower().split(";")[0]
    return next((fmt for key, fmt in resource("formats.json")["content_types"] if key in lowered), None)


def _head_text(head: bytes) -> str:
    """The leading bytes as text, loosely (enough to look at the first characters)."""
    encoding = bom_encoding(head) or "utf-8"
    return head.decode(encoding, errors="ignore").lstrip("\ufeff")


def _markup_format(start: str, head: bytes, by_name: str | None) -> str:
    """rss, html or xml for input that starts with a tag (a .md or .txt name keeps its format)."""
    if _DOCUMENT_START.match(start):
        return "html"
    if is_feed(head):
        return "rss"
    if by_name in ("markdown", "text", "html", "xml"):
        return by_name
    if _HTML_START.search(start[:4096]):
        return "html"
    return "xml" if _XML_START.match(start) else "html"


def _json_format(start: str, by_name: str | None) -> str:
    """jsonl when the first line is a whole JSON value and more lines follow; else json (or what the name says)."""
    if by_name in ("jsonl", "csv", "markdown"):
        return by_name
    first, newline, rest = start.partition("\n")
    if newline and rest.strip() and start[0] == "{":
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    return "json"
