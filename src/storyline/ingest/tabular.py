"""JSON Lines, JSON (an array, an object holding a list, or one object) and CSV/TSV → one Document per record.

JSONL and CSV are read lazily, record by record, from a byte stream; each record's ``raw`` is its own bytes.
"""

from __future__ import annotations

import csv
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

from storyline.errors import EmptyInput, InputError, MalformedInput, TooLarge, json_error
from storyline.ingest.base import Item, ReadOptions, failure, resource
from storyline.ingest.decode import decode
from storyline.ingest.items import record_document

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def read_jsonl(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Item]:
    """One Document per JSON object line; a bad line is a failure located ``#L<n>``, the rest go on."""
    number = 0
    while True:
        try:
            line = stream.readline(options.max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield failure(f"{source}#L{number + 1}", MalformedInput(f"input breaks off after line {number}: {exc}"))
            return
        if not line:
            return
        number += 1
        where = f"{source}#L{number}"
        if len(line) > options.max_bytes and not line.endswith(b"\n"):
            _skip_line(stream)
            yield failure(where, TooLarge(f"line is longer than max_bytes={options.max_bytes}"))
            continue
        raw = line.rstrip(b"\r\n")
        if raw.strip():
            yield _jsonl_record(raw, where, options)


def _skip_line(stream: IO[bytes]) -> None:
    """Read past the rest of an over-long line without holding it."""
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_record(raw: bytes, where: str, options: ReadOptions) -> Item:
    """Decode and parse one JSONL line into a Document, or a failure naming the line."""
    try:
        text, encoding = _decode_line(raw, where)
        record = json.loads(text)
    except InputError as exc:
        return failure(where, exc, raw)
    except json.JSONDecodeError as exc:
        return failure(where, MalformedInput(f"not valid JSON ({json_error(exc)})"), raw)
    except (ValueError, RecursionError) as exc:  # over-deep nesting, numbers past Python's digit limit
        return failure(where, MalformedInput(f"not usable JSON ({type(exc).__name__}: {exc})"), raw)
    return _record_item(record, raw, "jsonl", where, options, encoding)


def _decode_line(raw: bytes, where: str) -> tuple[str, str]:
    """A line as text: UTF-8 straight away (the common case), else the full decoding with its checks."""
    try:
        return raw.decode("utf-8").lstrip("\ufeff"), "utf-8"
    except UnicodeDecodeError:
        return decode(raw, where)


def _record_item(record: Any, raw: bytes, fmt: str, where: str, options: ReadOptions, encoding: str) -> Item:
    """A Document for a JSON object record, or a failure saying what is wrong with it."""
    if not isinstance(record, dict):
        return failure(where, MalformedInput(f"expected a JSON object, got {type(record).__name__}"), raw)
    try:
        return record_document(record, raw, fmt, where, options, encoding)
    except InputError as exc:
        return failure(where, exc, raw)


def read_json(raw: bytes, source: str, options: ReadOptions) -> Iterator[Item]:
    """Records of a JSON document: an array, an object holding a list of records, or one record."""
    text, encoding = decode(raw, source)
    start = _skip_ws(text, 0)
    if start == len(text):
        raise EmptyInput("the JSON file is empty")
    spans = _top_level_records(text, start, source, options)
    whole_file = len(spans) == 1 and spans[0][0] == start  # one record: the file itself, no locator
    for index, (begin, end, record) in enumerate(spans):
        item_raw = raw if whole_file else text[begin:end].encode(encoding)
        where = source if whole_file else f"{source}#item={index}"
        yield _record_item(record, item_raw, "json", where, options, encoding)


def _top_level_records(text: str, start: int, source: str, options: ReadOptions) -> list[tuple[int, int, Any]]:
    """(start, end, value) of each record: array elements, a known list inside an object, or the object itself."""
    try:
        if text[start] == "[":
            return list(_array(text, start))
        whole, end = _DECODER.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})", where=source
        ) from exc
    if _skip_ws(text, end) != len(text):
        raise MalformedInput("extra data after the JSON value (JSON Lines? name the file .jsonl)", where=source)
    if isinstance(whole, dict):
        key = _list_key(whole, options)
        if key is not None:
            return list(_array(text, _value_start(text, start, key)))
    return [(start, end, whole)]


def _list_key(obj: dict[str, Any], options: ReadOptions) -> str | None:
    """The key holding the list of records, or None when the object is a record itself (has its own text)."""
    text_names = [options.text_field] if options.text_field else resource("fields.json")["text"]
    if any(isinstance(obj.get(name), str) for name in text_names):
        return None
    lists = [k for k, v in obj.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    known = [k for k in resource("fields.json")["list_keys"] if k in lists]
    if known:
        return str(known[0])
    return lists[0] if len(lists) == 1 else None


def _value_start(text: str, start: int, wanted: str) -> int:
    """Offset of the value of top-level key ``wanted`` in the object starting at ``start``."""
    pos = _skip_ws(text, start + 1)
    while text[pos] != "}":
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past the colon
        if key == wanted:
            return pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip_ws(text, pos)
        pos = _skip_ws(text, pos + 1) if text[pos] == "," else pos
    raise MalformedInput(f"key {wanted!r} not found")


def _array(text: str, start: int) -> Iterator[tuple[int, int, Any]]:
    """(start, end, value) of each element of the JSON array starting at ``start``."""
    pos = _skip_ws(text, start + 1)
    while pos < len(text) and text[pos] != "]":
        value, end = _DECODER.raw_decode(text, pos)
        yield pos, end, value
        pos = _skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        elif pos < len(text) and text[pos] != "]":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    if pos >= len(text):
        raise json.JSONDecodeError("unterminated array", text, pos)


def _skip_ws(text: str, pos: int) -> int:
    """First offset at or after ``pos`` that is not JSON whitespace."""
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def read_csv(stream: IO[bytes], source: str, options: ReadOptions, encoding: str, delimiter: str) -> Iterator[Item]:
    """One Document per CSV row, read lazily; each row's raw is its own line(s) of the file."""
    lines = _LineTap(stream, encoding, source)
    # Articles (HTML especially) exceed csv's default 128 KB field limit; max_bytes is the real limit.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    reader = csv.DictReader(lines, delimiter=delimiter)
    try:
        columns = reader.fieldnames
    except (csv.Error, UnicodeDecodeError) as exc:
        raise MalformedInput(f"unreadable CSV header: {exc}", where=source) from exc
    if not columns:
        raise EmptyInput("the CSV file has no header row", where=source)
    if not _has_text_column(columns, options):
        wanted = options.text_field or "|".join(resource("fields.json")["text"])
        raise MalformedInput(f"no text column ({wanted}); columns: {', '.join(columns)}; name one with --text-field")
    yield from _csv_rows(reader, lines, source, options)


def _csv_rows(reader: csv.DictReader[str], lines: _LineTap, source: str, options: ReadOptions) -> Iterator[Item]:
    """Documents (or failures) for the rows of a CSV reader whose header is read."""
    while True:
        lines.taken.clear()
        first_line = lines.number + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except InputError as exc:
            yield failure(f"{source}#L{lines.number}", exc, b"".join(lines.taken))
            return
        except (csv.Error, OSError, EOFError) as exc:
            yield failure(f"{source}#L{lines.number}", MalformedInput(f"unreadable CSV row: {exc}"))
            return
        raw = b"".join(lines.taken).rstrip(b"\r\n")
        record = {k: v for k, v in row.items() if k is not None}
        yield _record_item(record, raw, "csv", f"{source}#L{first_line}", options, lines.encoding)


def _has_text_column(columns: list[str] | Any, options: ReadOptions) -> bool:
    """True when the header holds the named text field or one of the common text names."""
    wanted = [options.text_field] if options.text_field else resource("fields.json")["text"]
    return any(name in columns for name in wanted)


class _LineTap:
    """Lines of a byte stream decoded for ``csv``, keeping the bytes of the lines taken since the last clear.

    A line the current encoding cannot decode is decoded on its own (UTF-8, then a guess) and that encoding
    is kept: a file's first 64 KB may be plain ASCII and say nothing about the rest.
    """

    def __init__(self, stream: IO[bytes], encoding: str, source: str) -> None:
        """Read lines of ``stream``, decoding with ``encoding`` first."""
        self.stream = stream
        self.encoding = encoding
        self.source = source
        self.taken: list[bytes] = []
        self.number = 0

    def __iter__(self) -> _LineTap:
        """Itself: an iterator of lines."""
        return self

    def __next__(self) -> str:
        """The next line as text (its bytes kept in ``taken``)."""
        line = self.stream.readline()
        if not line:
            raise StopIteration
        self.number += 1
        self.taken.append(line)
        try:
            text = line.decode(self.encoding)
        except UnicodeDecodeError:
            text, self.encoding = decode(line, f"{self.source}#L{self.number}")
        if self.encoding == "utf-8-sig":
            self.encoding = "utf-8"  # the BOM only starts the file
        return text
