"""WARC / WARC.gz (warcio) → one Document per HTML page: 200 responses and resource captures; URL, date from headers.

Records are read lazily; a truncated archive keeps the records read before the break and adds one failure.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from storyline.errors import InputError, MalformedInput, TooLarge
from storyline.ingest.base import IngestFailure, Item, ReadOptions, failure
from storyline.ingest.dates import published_or_note
from storyline.ingest.decode import charset_param, declared_charset, decode
from storyline.ingest.html import read_html
from storyline.models import Document

# warcio raises these (some from inside its own parsing) on corrupt or truncated archives.
_BROKEN = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    EOFError,
    zlib.error,
    OSError,
    ValueError,
    AttributeError,
    TypeError,
    KeyError,
    IndexError,
)


class _CheckedArchive(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, noting a last gzip member that ends early (warcio drops it silently)."""

    cut_short = False

    def close(self) -> None:
        """Record whether the final gzip member was complete, then close."""
        decompressor = self.reader.decompressor if self.reader else None
        self.cut_short = decompressor is not None and not getattr(decompressor, "eof", True)
        super().close()


def read_warc(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Item]:
    """Documents for the HTML responses of a WARC; other records (requests, metadata, images) are skipped."""
    index, item = -1, None
    records = _CheckedArchive(stream)
    try:
        for index, record in enumerate(records):
            item = _record_item(record, f"{source}#record={index}", options) if _is_ok_html(record) else None
            if item is not None:
                yield item
    except _BROKEN as exc:
        yield _cut(source, index, str(exc))
        return
    if records.cut_short and not isinstance(item, IngestFailure):  # a cut-off last record is reported once
        yield _cut(source, index, "compressed data ends early")


def _cut(source: str, index: int, why: str) -> IngestFailure:
    """The failure for an archive that breaks off after record ``index``."""
    where = f"{source}#record={index + 1}"
    return failure(where, MalformedInput(f"archive breaks off after record {index} ({why}); earlier records kept"))


def _is_ok_html(record: Any) -> bool:
    """An HTML page: a 200 response with an HTML Content-Type, or a resource record (a browser capture) of HTML."""
    if record.rec_type == "resource":
        return "html" in (record.rec_headers.get_header("Content-Type") or "").lower()
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return False
    return "html" in (http.get_header("Content-Type") or "").lower()


def _record_item(record: Any, where: str, options: ReadOptions) -> Item:
    """The page in one response record (its decoded HTTP payload is the Document's raw bytes)."""
    payload = record.content_stream().read(options.max_bytes + 1)
    if len(payload) > options.max_bytes:
        return failure(where, TooLarge(f"record payload is over max_bytes={options.max_bytes}"))
    if getattr(record.raw_stream, "limit", 0) > 0:
        return failure(where, MalformedInput("record is shorter than its Content-Length (truncated archive)"), payload)
    headers = record.rec_headers
    http = record.http_headers.headers if record.http_headers is not None else []
    content_type = dict(http).get("Content-Type") or headers.get_header("Content-Type") or ""
    charset = charset_param(content_type) or declared_charset(payload)
    metadata = {
        "warc_headers": dict(headers.headers),
        "http_headers": dict(http),
        "warc_date": headers.get_header("WARC-Date"),
    }
    try:
        text, encoding = decode(payload, where, declared=charset or None)
        item = next(read_html(payload, text, encoding, where, headers.get_header("WARC-Target-URI"), metadata))
    except InputError as exc:
        return failure(where, exc, payload)
    if isinstance(item, Document) and item.published is None and metadata["warc_date"]:
        item.published = published_or_note(metadata["warc_date"], item.metadata)
        item.metadata["published_from"] = "WARC-Date"
    return item
