"""One input's bytes (a stream or in hand) → the right reader; every InputError becomes an IngestFailure value."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, cast

from storyline.errors import EmptyInput, InputError, MalformedInput, TooLarge, UnsupportedFormat
from storyline.ingest.base import Item, ReadOptions, failure
from storyline.ingest.decode import (
    binary_kind,
    bom_encoding,
    charset_param,
    declared_charset,
    decode,
    guess_encoding,
)
from storyline.ingest.feeds import read_feed
from storyline.ingest.html import read_html
from storyline.ingest.sniff import GZIP_MAGIC, csv_delimiter, name_of, sniff
from storyline.ingest.tabular import read_csv, read_json, read_jsonl
from storyline.ingest.text import read_text
from storyline.ingest.warc import read_warc

HEAD_BYTES = 65_536
STREAMED = ("jsonl", "csv", "warc")
_WHOLE = ("rss", "json", "xml", "html", "text", "markdown", "dated-text")
_CONTAINERS = ("zip", "document", "gzip", "bz2", "xz")
# Errors third-party parsers and decompressors raise on broken bytes; they become MalformedInput.
_BROKEN = (
    EOFError,
    zlib.error,
    lzma.LZMAError,
    zipfile.BadZipFile,
    OSError,
    ValueError,
    LookupError,
    csv.Error,
    RecursionError,
)
_UNPACKERS: dict[str, Callable[[IO[bytes]], object]] = {"bz2": bz2.BZ2File, "xz": lzma.LZMAFile}


def read_stream(
    stream: IO[bytes],
    source: str,
    options: ReadOptions,
    size: int | None = None,
    content_type: str | None = None,
    name: str | None = None,
) -> Iterator[Item]:
    """Sniff a byte stream and read it: lazily for JSONL/CSV/WARC, whole (within max_bytes) otherwise."""
    head, broken = _read_head(stream)
    if broken is not None and not head:
        yield failure(source, MalformedInput(f"unreadable: {broken}"))
        return
    if not head.strip():
        yield failure(source, EmptyInput("the input is empty or only whitespace"), head or None)
        return
    name = name or name_of(source)
    fmt = sniff(name, head, content_type)
    kind = binary_kind(head)
    if fmt in _CONTAINERS:
        yield from _read_container(fmt, stream, head, broken, source, options, name)
    elif fmt in STREAMED:
        joined = _joined(head, stream, broken)
        yield from guarded(lambda: _streamed(fmt, joined, head, source, options, name), source, None)
    elif kind:
        # Refused on its first bytes: a database or image is not read whole only to be turned away.
        yield failure(source, UnsupportedFormat(f"{kind} is not a text format storyline reads"))
    elif size is not None and size > options.max_bytes:
        yield failure(source, TooLarge(f"{size} bytes is over max_bytes={options.max_bytes}"))
    else:
        yield from _read_all(_joined(head, stream, broken), source, options, fmt, content_type)


def _read_container(
    fmt: str, stream: IO[bytes], head: bytes, broken: Exception | None, source: str, options: ReadOptions, name: str
) -> Iterator[Item]:
    """Archives and compressed inputs: look inside (office documents are named and refused)."""
    if fmt == "zip":
        return _read_zip(stream, source, options)
    if fmt == "document":
        kind = name.rsplit(".", 1)[-1].upper()
        return iter([failure(source, UnsupportedFormat(f"{kind} documents are not read; convert to text or HTML"))])
    joined = _joined(head, stream, broken)
    if fmt == "gzip":
        return _read_gzip(joined, head, source, options, name)
    unpacked = cast(IO[bytes], _UNPACKERS[fmt](joined))
    return read_stream(unpacked, source, options, name=name.removesuffix(f".{fmt}"))


def _read_all(
    stream: IO[bytes], source: str, options: ReadOptions, fmt: str, content_type: str | None
) -> Iterator[Item]:
    """Read the rest of a stream within max_bytes and parse it whole."""
    try:
        data = stream.read(options.max_bytes + 1)
    except _BROKEN as exc:
        yield failure(source, MalformedInput(f"input breaks off ({exc})"))
        return
    if len(data) > options.max_bytes:
        yield failure(source, TooLarge(f"over max_bytes={options.max_bytes}; raise STORYLINE_MAX_DOCUMENT_BYTES"))
        return
    yield from read_whole(data, source, options, fmt, content_type)


def read_whole(
    data: bytes, source: str, options: ReadOptions, fmt: str, content_type: str | None = None, url: str | None = None
) -> Iterator[Item]:
    """Parse bytes held in memory, of a sniffed format."""
    if fmt not in _WHOLE:
        return read_stream(io.BytesIO(data), source, options, size=len(data), content_type=content_type)
    return guarded(lambda: _parse_whole(data, source, options, fmt, url, content_type), source, data)


def _parse_whole(
    data: bytes, source: str, options: ReadOptions, fmt: str, url: str | None, content_type: str | None
) -> Iterator[Item]:
    """The reader for a whole-file format."""
    if fmt == "rss":
        return read_feed(data, source)
    if fmt == "json":
        return read_json(data, source, options)
    if fmt == "xml":
        raise UnsupportedFormat("XML that is not an RSS/Atom feed is not a format storyline reads")
    declared = charset_param(content_type) or (declared_charset(data) if fmt == "html" else None)
    text, encoding = decode(data, source, declared=declared)
    if fmt == "html":
        return read_html(data, text, encoding, source, url=url)
    return read_text(data, text, encoding, source, fmt)


def guarded(make: Callable[[], Iterator[Item]], source: str, raw: bytes | None) -> Iterator[Item]:
    """Run a reader; an InputError or a parser's error on broken bytes ends it with one failure value."""
    try:
        yield from make()
    except InputError as exc:
        yield failure(source, exc, raw)
    except _BROKEN as exc:
        yield failure(source, MalformedInput(f"cannot be read ({type(exc).__name__}: {exc})"), raw)


def _streamed(fmt: str, stream: IO[bytes], head: bytes, source: str, options: ReadOptions, name: str) -> Iterator[Item]:
    """The lazy readers: JSON Lines, CSV/TSV, WARC."""
    if fmt == "warc":
        return read_warc(stream, source, options)
    kind = binary_kind(head)
    if kind:
        raise UnsupportedFormat(f"{kind} is not a text format storyline reads")
    if (bom_encoding(head) or "").startswith("utf-32") or bom_encoding(head) == "utf-16":
        # Lines are split on bytes; in UTF-16/32 a newline is more than one byte.
        raise UnsupportedFormat(f"{fmt.upper()} in UTF-16/32 is not streamed; convert it: iconv -t UTF-8")
    if fmt == "jsonl":
        return read_jsonl(stream, source, options)
    if name.endswith((".tsv", ".tab")):
        delimiter = "\t"
    else:
        delimiter = csv_delimiter(head.partition(b"\n")[0].decode("utf-8", errors="replace"))
    return read_csv(stream, source, options, _stream_encoding(head), delimiter)


def _stream_encoding(head: bytes) -> str:
    """Encoding of a streamed text file, judged from its first bytes."""
    bom = bom_encoding(head)
    if bom:
        return bom
    try:
        head[:-4].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return guess_encoding(head) or "utf-8"


def _read_gzip(stream: IO[bytes], head: bytes, source: str, options: ReadOptions, name: str) -> Iterator[Item]:
    """Look inside gzip: WARC.gz goes to warcio whole (it reads per-record members); anything else is unpacked."""
    inner_name = name[: -len(".gz")] if name.endswith(".gz") else name
    try:
        inner_head = zlib.decompressobj(wbits=31).decompress(head, 16)
    except zlib.error as exc:
        yield failure(source, MalformedInput(f"broken gzip data ({exc})"))
        return
    if inner_head.startswith(b"WARC/") or inner_name.endswith((".warc", ".arc")):
        yield from guarded(lambda: read_warc(stream, source, options), source, None)
    elif inner_head.startswith(GZIP_MAGIC):
        yield failure(source, UnsupportedFormat("gzip inside gzip; unpack the outer layer first"))
    else:
        unpacked = cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
        yield from read_stream(unpacked, source, options, name=inner_name)


def _read_zip(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Item]:
    """Each file in a ZIP archive, read like a file of its own (``archive.zip#member=path``), lazily."""
    if not stream.seekable():
        yield failure(source, UnsupportedFormat("a ZIP archive cannot be read from a pipe; save it to a file"))
        return
    try:
        stream.seek(0)
        archive = zipfile.ZipFile(stream)
        members = [m for m in archive.infolist() if _wanted_member(m)]
    except (NotImplementedError, *_BROKEN) as exc:  # corrupt directory, or a ZIP version Python cannot read
        yield failure(source, MalformedInput(f"broken ZIP archive ({exc})"))
        return
    for member in sorted(members, key=lambda m: m.filename):
        where = f"{source}#member={member.filename}"
        try:
            handle = archive.open(member)
        except (RuntimeError, NotImplementedError, *_BROKEN) as exc:  # encrypted, unknown compression method
            yield failure(where, UnsupportedFormat(f"cannot open this ZIP member ({exc})"))
            continue
        with handle:
            name = member.filename.rsplit("/", 1)[-1].lower()
            yield from read_stream(handle, where, options, size=member.file_size, name=name)


def _wanted_member(member: zipfile.ZipInfo) -> bool:
    """Files of an archive worth reading: not folders, not hidden, not macOS resource forks."""
    parts = member.filename.split("/")
    return not member.is_dir() and not any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _read_head(stream: IO[bytes]) -> tuple[bytes, Exception | None]:
    """Up to HEAD_BYTES from the stream, in small reads so a break (truncated gzip) keeps what came before."""
    parts: list[bytes] = []
    size = 0
    read = getattr(stream, "read1", stream.read)  # one underlying read at a time: a break loses nothing before it
    while size < HEAD_BYTES:
        try:
            chunk = read(min(8192, HEAD_BYTES - size))
        except _BROKEN as exc:
            return b"".join(parts), exc
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts), None


class _Joined(io.RawIOBase):
    """A raw stream that gives back the sniffed head, then the rest (or the error that cut the head short)."""

    def __init__(self, head: bytes, rest: IO[bytes], broken: Exception | None) -> None:
        """Wrap ``rest``, whose first bytes were already read into ``head``."""
        self.head = memoryview(head)
        self.rest = rest
        self.broken = broken
        self.offset = 0

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` from the head first, then from the rest (one underlying read at a time)."""
        if self.offset < len(self.head):
            n = min(len(buffer), len(self.head) - self.offset)
            buffer[:n] = self.head[self.offset : self.offset + n]
            self.offset += n
            return n
        if self.broken is not None:
            raise self.broken
        data = getattr(self.rest, "read1", self.rest.read)(len(buffer))
        buffer[: len(data)] = data
        self.offset += len(data)
        return len(data)


def _joined(head: bytes, rest: IO[bytes], broken: Exception | None) -> IO[bytes]:
    """A buffered stream over the head then the rest (so readers see the input from its first byte)."""
    return io.BufferedReader(_Joined(head, rest, broken), buffer_size=HEAD_BYTES)
