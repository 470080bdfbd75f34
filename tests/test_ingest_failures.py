"""Ingest: every kind of bad input becomes an IngestFailure naming the input, and the rest goes on."""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from pathlib import Path

import pytest

from storyline.errors import DecodeError, EmptyInput, InputError, MalformedInput, TooLarge, UnsupportedFormat
from storyline.ingest import IngestFailure, ReadOptions, read_bytes, read_inputs
from storyline.models import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def only_failure(items: list[Document | IngestFailure]) -> IngestFailure:
    """The single failure of a read."""
    [item] = items
    assert isinstance(item, IngestFailure), item
    return item


def test_binary_files_are_unsupported() -> None:
    fail = only_failure(list(read_inputs([str(FIXTURES / "pixel.png")])))
    assert isinstance(fail.error, UnsupportedFormat) and "PNG" in fail.error.message
    assert str(FIXTURES / "pixel.png") in str(fail.error)
    nul = only_failure(list(read_bytes(b"abc\x00\x01\x02def" * 10, "blob.txt")))
    assert isinstance(nul.error, UnsupportedFormat)
    pdf = only_failure(list(read_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "report.pdf")))
    assert "PDF" in pdf.error.message


def test_garbage_is_a_decode_error() -> None:
    fail = only_failure(list(read_inputs([str(FIXTURES / "garbage.txt")])))
    assert isinstance(fail.error, DecodeError)
    assert fail.raw == (FIXTURES / "garbage.txt").read_bytes()


def test_empty_and_whitespace_inputs(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    for path in (tmp_path / "empty.txt", FIXTURES / "blank.txt"):
        fail = only_failure(list(read_inputs([str(path)])))
        assert isinstance(fail.error, EmptyInput) and str(path) in str(fail.error)
    assert isinstance(only_failure(list(read_bytes(b" date 2023-10-09   \n", "d.txt"))).error, EmptyInput)
    assert isinstance(only_failure(list(read_bytes(b'{"text": "   "}', "x.json"))).error, EmptyInput)


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"<p>words</p>" * 20_000 + b"</body></html>")
    fail = only_failure(list(read_inputs([str(big)], ReadOptions(max_bytes=10_000))))
    assert isinstance(fail.error, TooLarge) and fail.raw is None
    packed = tmp_path / "big.txt.gz"
    packed.write_bytes(gzip.compress(b"a line of text\n" * 10_000))
    assert isinstance(only_failure(list(read_inputs([str(packed)], ReadOptions(max_bytes=10_000)))).error, TooLarge)


def test_jsonl_line_too_large_skips_only_that_line() -> None:
    data = b'{"text": "short"}\n{"text": "' + b"x" * 5000 + b'"}\n{"text": "after"}\n'
    items = list(read_bytes(data, "big.jsonl", ReadOptions(max_bytes=1000)))
    assert [type(i).__name__ for i in items] == ["Document", "IngestFailure", "Document"]
    assert isinstance(items[1], IngestFailure) and isinstance(items[1].error, TooLarge)
    assert items[1].source == "big.jsonl#L2"
    assert isinstance(items[2], Document) and items[2].text == "after"


def test_truncated_gzip_keeps_lines_before_the_break() -> None:
    items = list(read_inputs([str(FIXTURES / "truncated.jsonl.gz")]))
    *documents, last = items
    assert documents and all(isinstance(d, Document) for d in documents)
    assert [d.text for d in documents[:2] if isinstance(d, Document)] == [
        "Line 0 of a long feed export.",
        "Line 1 of a long feed export.",
    ]
    assert isinstance(last, IngestFailure) and isinstance(last.error, MalformedInput)
    assert "#L" in last.source


def test_truncated_gzip_of_a_page_is_malformed() -> None:
    packed = gzip.compress((FIXTURES / "page.html").read_bytes())
    fail = only_failure(list(read_bytes(packed[:-30], "page.html.gz")))
    assert isinstance(fail.error, MalformedInput)


def test_truncated_warc_keeps_records_before_the_break() -> None:
    items = list(read_inputs([str(FIXTURES / "truncated.warc.gz")]))
    assert isinstance(items[0], Document) and items[0].title == "Strike hits Khan Yunis | Example News"
    assert isinstance(items[-1], IngestFailure) and isinstance(items[-1].error, MalformedInput)
    assert items[-1].source.endswith("#record=3")
    plain = gzip.decompress((FIXTURES / "crawl.warc.gz").read_bytes())
    cut = list(read_bytes(plain[:-60], "crawl.warc"))
    assert isinstance(cut[0], Document)
    assert isinstance(cut[-1], IngestFailure) and isinstance(cut[-1].error, MalformedInput)


def test_csv_without_text_column_names_its_columns() -> None:
    fail = only_failure(list(read_inputs([str(FIXTURES / "no_text.csv")])))
    assert isinstance(fail.error, MalformedInput)
    assert "columns: id, title, when" in fail.error.message


def test_bad_json_document() -> None:
    fail = only_failure(list(read_bytes(b'[{"text": "a"}, {"text": ', "cut.json")))
    assert isinstance(fail.error, MalformedInput) and "cut.json" in str(fail.error)
    items = list(read_bytes(b'[{"text": "ok"}, 3, "str"]', "mixed.json"))
    assert [type(i).__name__ for i in items] == ["Document", "IngestFailure", "IngestFailure"]


def test_non_feed_xml_and_broken_feed() -> None:
    xml = only_failure(list(read_bytes(b'<?xml version="1.0"?><config><a>1</a></config>', "settings.xml")))
    assert isinstance(xml.error, UnsupportedFormat)
    feed = only_failure(list(read_bytes(b"<rss><channel><title>x</title></channel></rss>", "empty.rss")))
    assert isinstance(feed.error, EmptyInput | MalformedInput)


def test_missing_path_and_empty_glob(tmp_path: Path) -> None:
    missing = only_failure(list(read_inputs([str(tmp_path / "nope.txt")])))
    assert isinstance(missing.error, InputError) and "no such file" in missing.error.message
    nothing = only_failure(list(read_inputs([str(tmp_path / "*.jsonl")])))
    assert "matches no files" in nothing.error.message


def test_failures_do_not_stop_the_rest() -> None:
    names = ["pixel.png", "garbage.txt", "page.html", "blank.txt", "items.csv"]
    items = list(read_inputs([str(FIXTURES / n) for n in names]))
    assert [type(i).__name__ for i in items] == [
        "IngestFailure",
        "IngestFailure",
        "Document",
        "IngestFailure",
        "Document",
        "Document",
    ]
    for item in items:
        if isinstance(item, IngestFailure):
            assert item.source in str(item.error)


def test_unusable_json_lines_fail_alone() -> None:
    data = b'{"text": "a"}\n' + b"[" * 100_000 + b'\n{"text": "b", "n": ' + b"9" * 5000 + b'}\n{"text": "c"}\n'
    items = list(read_bytes(data, "odd.jsonl"))
    assert [type(i).__name__ for i in items] == ["Document", "IngestFailure", "IngestFailure", "Document"]
    assert all(isinstance(i.error, MalformedInput) for i in items if isinstance(i, IngestFailure))


def test_truncated_bz2_is_malformed() -> None:
    import bz2

    packed = bz2.compress(b"some text that goes on\n" * 2000)
    items = list(read_bytes(packed[: len(packed) // 2], "notes.txt.bz2"))
    assert isinstance(items[-1], IngestFailure) and isinstance(items[-1].error, MalformedInput)


def _zip_bytes() -> bytes:
    """A small ZIP archive holding one XML member (the shape of a DOCX)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


class _Pipe(io.BufferedReader):
    """A byte stream that cannot seek, like a shell pipe."""

    def seekable(self) -> bool:
        return False


def test_office_documents_are_unsupported() -> None:
    docx = only_failure(list(read_bytes(_zip_bytes(), "report.docx")))
    assert isinstance(docx.error, UnsupportedFormat) and "DOCX" in docx.error.message


def test_zip_from_a_pipe_and_broken_zip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(_Pipe(io.BytesIO(_zip_bytes()))))
    piped = only_failure(list(read_inputs(["-"])))
    assert isinstance(piped.error, UnsupportedFormat) and "pipe" in piped.error.message
    broken = only_failure(list(read_bytes(b"PK\x03\x04" + b"not really a zip" * 10, "bundle.zip")))
    assert isinstance(broken.error, MalformedInput)


def test_binary_is_refused_on_its_first_bytes(tmp_path: Path) -> None:
    database = tmp_path / "storyline.db"
    database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200_000)
    fail = only_failure(list(read_inputs([str(database)], ReadOptions(max_bytes=1000))))
    assert isinstance(fail.error, UnsupportedFormat) and "SQLite" in fail.error.message


def test_an_unforeseen_error_ends_only_that_input(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import storyline.ingest.dispatch as dispatch

    def broken_reader(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in a reader")

    monkeypatch.setattr(dispatch, "read_feed", broken_reader)
    (tmp_path / "a.rss").write_bytes((FIXTURES / "feed.rss").read_bytes())
    (tmp_path / "b.txt").write_text("still read")
    first, second = read_inputs([str(tmp_path)])
    assert isinstance(first, IngestFailure) and "a bug in a reader" in first.error.message
    assert isinstance(second, Document) and second.text == "still read"


def test_utf16_json_lines_are_refused_with_a_fix() -> None:
    data = '{"text": "one"}\n{"text": "two"}\n'.encode("utf-16")
    fail = only_failure(list(read_bytes(data, "export.jsonl")))
    assert isinstance(fail.error, UnsupportedFormat) and "iconv" in fail.error.message
