"""Ingest from http(s) URLs, against a local server on 127.0.0.1 (there is no other network)."""

from __future__ import annotations

import gzip
import io
import socket
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.errors import FetchError, TooLarge, UnsupportedFormat
from storyline.ingest import IngestFailure, ReadOptions, read_inputs
from storyline.models import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _zip_of(files: dict[str, str]) -> bytes:
    """A ZIP archive holding the given text files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


ROUTES = {
    "/feed": ("application/rss+xml", (FIXTURES / "feed.rss").read_bytes()),
    "/story": ("text/html; charset=utf-8", (FIXTURES / "page.html").read_bytes()),
    "/export": ("application/x-ndjson", b'{"text": "one"}\n{"text": "two"}\n'),
    "/logo": ("image/png", (FIXTURES / "pixel.png").read_bytes()),
    "/big": ("text/plain", b"x" * 50_000),
    "/latin": (
        "text/html; charset=ISO-8859-1",
        "<html><head><title>Genève talks</title></head></html>".encode("latin-1"),
    ),
    "/bundle": ("application/zip", _zip_of({"a.txt": "First story.", "b.txt": "Second story."})),
}


class _Handler(BaseHTTPRequestHandler):
    """Serves ROUTES; anything else is a 404."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        content_type, body = ROUTES[self.path]
        self.send_response(200)
        if self.path == "/story" and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Base URL of a local HTTP server running in a thread."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def silent_server() -> Iterator[str]:
    """A URL whose server accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow-feed"
    listener.close()


def test_feed_url(server: str) -> None:
    items = list(read_inputs([f"{server}/feed"]))
    assert [i.title for i in items if isinstance(i, Document)] == [
        "Talks on hostage exchange continue",
        "Aid convoy enters Gaza",
    ]
    assert items[0].source == f"{server}/feed#item=0"


def test_page_url(server: str) -> None:
    [page] = read_inputs([f"{server}/story"])
    assert isinstance(page, Document) and page.format == "html"
    assert page.url == f"{server}/story"
    assert page.metadata["canonical_url"] == "https://news.example.org/2023/10/26/strike"
    assert page.title == "Strike hits Khan Yunis | Example News"
    assert page.raw == (FIXTURES / "page.html").read_bytes()  # sent gzip-encoded, kept as the page itself


def test_jsonl_url(server: str) -> None:
    assert [d.text for d in read_inputs([f"{server}/export"]) if isinstance(d, Document)] == ["one", "two"]


def test_http_error_and_binary_and_size(server: str) -> None:
    [missing] = read_inputs([f"{server}/nothing"])
    assert (
        isinstance(missing, IngestFailure) and isinstance(missing.error, FetchError) and "404" in missing.error.message
    )
    [logo] = read_inputs([f"{server}/logo"])
    assert isinstance(logo, IngestFailure) and isinstance(logo.error, UnsupportedFormat)
    [big] = read_inputs([f"{server}/big"], ReadOptions(max_bytes=1000))
    assert isinstance(big, IngestFailure) and isinstance(big.error, TooLarge)


def test_timeout_is_a_fetch_error_and_the_rest_goes_on(silent_server: str, server: str) -> None:
    items = list(read_inputs([silent_server, f"{server}/story"], ReadOptions(fetch_timeout=0.3)))
    assert isinstance(items[0], IngestFailure) and isinstance(items[0].error, FetchError)
    assert silent_server in str(items[0].error) and "0.3" in items[0].error.message
    assert isinstance(items[1], Document)


def test_refused_connection() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    [fail] = read_inputs([f"http://127.0.0.1:{port}/"], ReadOptions(fetch_timeout=1))
    assert isinstance(fail, IngestFailure) and isinstance(fail.error, FetchError)


def test_charset_from_header_and_zip_url(server: str) -> None:
    [page] = read_inputs([f"{server}/latin"])
    assert isinstance(page, Document) and page.title == "Genève talks"
    items = list(read_inputs([f"{server}/bundle"]))
    assert [d.text for d in items if isinstance(d, Document)] == ["First story.", "Second story."]
    assert items[0].source == f"{server}/bundle#member=a.txt"
