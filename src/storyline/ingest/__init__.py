"""Ingest: every common news input → :class:`~storyline.models.Document` values (failures as values, too).

    read_inputs(["feeds/", "crawl.warc.gz", "https://example.org/rss", "-"])
        ├── files.py     paths, directories (recursive, sorted, no hidden), globs, URLs, stdin
        ├── sniff.py     format from name + Content-Type + first bytes
        ├── dispatch.py  → the reader; gzip/bz2/xz looked through, ZIP members (``#member=``) read one by one
        ├── text.py      dated-text (`` date 2023-10-09 …``), plain text, Markdown (leading date line)
        ├── tabular.py   JSON Lines (lazy, ``#L<n>``), JSON (``#item=<n>``), CSV/TSV (lazy, ``#L<n>``)
        ├── items.py     a record's fields → Document (ReadOptions names them, else common names)
        ├── html.py      HTML pages: title, dates, canonical URL, site name from the head
        ├── feeds.py     RSS/Atom items (``#item=<n>``)
        ├── warc.py      WARC(.gz) HTML responses (``#record=<n>``)
        ├── fetch.py     one http(s) GET with timeout and size limit
        └── decode.py, dates.py   bytes → text (BOM, UTF-8, charset-normalizer); dates → ISO 8601

Size limits: a whole-file format (text, HTML, JSON, feed) over ``max_bytes`` is refused before it is read;
JSONL, CSV and WARC are streamed, so the limit applies to each line, row or record instead.

A Document's id is the SHA-256 of its own raw bytes (an item's own bytes inside a container), so reading
the same content twice gives the same ids. Bad input never raises: it comes back as an IngestFailure.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from storyline.ingest import files
from storyline.ingest.base import IngestFailure, ReadOptions
from storyline.ingest.dispatch import read_stream
from storyline.models import Document

__all__ = ["IngestFailure", "ReadOptions", "read_bytes", "read_inputs"]


def read_inputs(inputs: Iterable[str], options: ReadOptions | None = None) -> Iterator[Document | IngestFailure]:
    """Stream Documents (and failures, as values — never raised) from paths, globs, directories, URLs or '-' (stdin)."""
    return files.read_inputs(inputs, options or ReadOptions())


def read_bytes(data: bytes, source: str, options: ReadOptions | None = None) -> Iterator[Document | IngestFailure]:
    """Same, for bytes already in hand (format sniffed from content and the source's name)."""
    return files.safely(read_stream(io.BytesIO(data), source, options or ReadOptions(), size=len(data)), source)
