"""`run` and `ingest` over a folder of bad inputs: each bad one is a failure with its reason and a one-line notice
naming it; every good one is stored; unreadable dates are kept as notes, not failures."""

from __future__ import annotations

import gzip
import json
import random
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import pipeline
from storyline.cli import cli
from storyline.errors import InputError, NotFound, UnexpectedError
from storyline.ingest import read_bytes
from storyline.models import Document
from storyline.store import Store

PAGE = (
    b"<html><head><title>Strike</title></head><body><p>Israeli warplanes struck Khan Yunis on Monday, "
    b"killing 12 people, the Gaza health ministry said.</p></body></html>"
)


def _warc(pages: int) -> bytes:
    """A WARC.gz of ``pages`` HTML responses, one gzip member per record."""
    out = b""
    for i in range(pages):
        body = PAGE.replace(b"12", str(20 + i).encode())
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        head = (
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/%d\r\n"
            b"WARC-Date: 2023-10-09T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (i, i, len(http))
        )
        out += gzip.compress(head + http + b"\r\n\r\n")
    return out


# file name → bytes; the expected failure reason (None: stored as a document)
BAD: dict[str, tuple[bytes, str | None]] = {
    "binary.bin": (random.Random(1).randbytes(4000), "unsupported_format"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "unsupported_format"),
    "garbage.txt": (bytes(b | 0x80 for b in random.Random(2).randbytes(3000)), "decode_error"),
    "empty.txt": (b"", "empty_input"),
    "blank.html": (b"  \n\n ", "empty_input"),
    "huge.html": (b"<html><body>" + b"<p>Rockets hit Sderot.</p>" * 1000 + b"</body></html>", "too_large"),
    "cut.html.gz": (gzip.compress(PAGE)[:-30], "malformed_input"),  # the end of the stream is cut off
    "broken.html": (b"<html><body><p>Rebels attacked Goma <div><table><td>killing 4 soldiers</p></span>", None),
    "latin1.txt": ("Le conflit \u00e0 Gaza a tu\u00e9 12 personnes, selon le minist\u00e8re.".encode("latin-1"), None),
    "arabic.txt": ("\u0642\u062a\u0644 12 \u0634\u062e\u0635\u0627 \u0641\u064a \u063a\u0632\u0629.".encode(), None),
    "odd.txt": ("Strikes hit Gaza. \u202e\u200b\U0001f600 \u4f60\u597d \ufb01 ".encode() + b"\xed\xa0\x80", None),
    "baddate.txt": (b"date 2023-13-45 Police arrested 20 protesters in Nairobi on Tuesday.\n", None),
    "oneline.txt": (b"The garden by the river was green in the morning. " * 200, None),
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of bad and good inputs; the size limit lowered so "huge.html" is over it."""
    monkeypatch.setenv("STORYLINE_MAX_DOCUMENT_BYTES", "20000")
    root = tmp_path / "in"
    root.mkdir()
    for name, (data, _) in BAD.items():
        (root / name).write_bytes(data)
    warc = _warc(3)
    (root / "cut.warc.gz").write_bytes(warc[: len(warc) - 120])  # the last record breaks off
    lines = [
        json.dumps({"id": "1", "text": "Troops shelled Bakhmut.", "date": "yesterday-ish"}),
        "not json",
        "[1, 2]",
        json.dumps({"id": "2", "text": 7}),
        "\ufeff" + json.dumps({"text": "Police detained 5 reporters in Minsk."}),
    ]
    (root / "items.jsonl").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return root


def test_each_bad_input_fails_alone_with_its_reason_and_a_notice(folder: Path, tmp_path: Path) -> None:
    notices: list[str] = []
    store = Store.open(str(tmp_path / "r.db"))
    report = pipeline.run(store, [str(folder)], steps=pipeline.steps_named("clean,dedup"), notice=notices.append)
    failed = {f.source: f.reason for f in store.failures(stage="ingest")}
    for name, (_, reason) in BAD.items():
        assert failed.get(str(folder / name)) == reason, name
    assert [r for k, r in failed.items() if "cut.warc.gz#record=" in k] == ["malformed_input"]
    jsonl = {k.rsplit("#", 1)[1]: v for k, v in failed.items() if "items.jsonl" in k}
    assert jsonl == {"L2": "malformed_input", "L3": "malformed_input", "L4": "malformed_input"}
    stored = sum(1 for _, reason in BAD.values() if reason is None) + 2 + 2  # + 2 WARC records, 2 JSON lines
    assert report.ingest.new == stored and store.counts().documents == stored
    assert report.process.steps[0].seen == stored
    skipped = [n for n in notices if n.startswith("skipped ")]
    assert len(skipped) == len(failed) and all(str(folder) in n for n in skipped)
    dates = [n for n in notices if "kept without a publication date" in n]
    assert len(dates) == 2 and any("baddate.txt" in n for n in dates) and any("items.jsonl#L1" in n for n in dates)
    store.close()


def test_the_cli_prints_one_line_per_failed_input(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(cli, ["run", str(folder), "--db", db, "--steps", "clean"])
    assert result.exit_code == 0, result.output
    for name in ("binary.bin", "garbage.txt", "empty.txt", "huge.html", "cut.html.gz"):
        assert f"skipped {folder / name}: " in result.stderr
    assert "Traceback" not in result.output


def test_notices_past_the_limit_are_counted(tmp_path: Path) -> None:
    for i in range(25):
        (tmp_path / f"empty-{i:02d}.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("Police detained 5 reporters in Minsk.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0
    assert result.stderr.count("skipped ") == 20 and "... and 5 more" in result.stderr


def test_a_missing_path_is_not_found_with_a_hint(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "m.db"))
    report = pipeline.ingest(store, [str(tmp_path / "nowhere.txt"), str(tmp_path / "*.nomatch")])
    assert report.failed == {"not_found": 2}
    messages = [f.message or "" for f in store.failures()]
    assert all("a glob such as" in m and m.count("a glob such as") == 1 for m in messages)
    store.close()


def test_not_found_and_unexpected_error_are_input_errors() -> None:
    assert issubclass(NotFound, InputError) and issubclass(UnexpectedError, InputError)
    assert NotFound(where="x").reason == "not_found" and UnexpectedError("bug").reason == "unexpected_error"
    assert pipeline.UnexpectedError is UnexpectedError  # the old import path still works


def test_one_broken_character_does_not_reject_a_utf8_text() -> None:
    text = "Strikes hit Gaza City overnight, \u0645\u0631\u062d\u0628\u0627 said the ministry. " * 3
    for data in (text.encode() + b"\xed\xa0\x80" + text.encode(), b"\xed\xa0\x80" + text.encode()):
        (doc,) = read_bytes(data, "odd.txt")
        assert isinstance(doc, Document) and doc.encoding == "utf-8" and "\ufffd" in doc.text


def test_source_field_names_the_outlet(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"body": "Police detained 5 reporters.", "outlet": "Minsk Daily"}) + "\n", "utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", db, "--source-field", "outlet"])
    assert result.exit_code == 0, result.output
    store = Store.open(db)
    (doc,) = store.pending_documents(0, 10)
    assert doc.site == "Minsk Daily"
    store.close()


class _Trickle(BaseHTTPRequestHandler):
    """Sends a feed one byte at a time, each within the socket timeout but too slow to finish."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + b" " * 400
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for i in range(len(body)):
            try:
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.01)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


@pytest.fixture
def trickle() -> Iterator[str]:
    """A local server that trickles its body."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_that_trickles_is_given_up_after_the_timeout(trickle: str, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Police detained 5 reporters in Minsk.", encoding="utf-8")
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(
        cli, ["ingest", trickle, str(tmp_path / "good.txt"), "--db", db, "--fetch-timeout", "0.3"]
    )
    assert result.exit_code == 0, result.output
    assert f"skipped {trickle}: " in result.stderr and "--fetch-timeout" in result.stderr
    assert "1 new" in result.stderr
