"""Ingest never raises on bad bytes: random and corrupted inputs give Documents or IngestFailures only."""

from __future__ import annotations

import bz2
import contextlib
import io
import lzma
import random
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest import IngestFailure, read_bytes
from storyline.models import Document, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
NAMES = ["a.html", "a.jsonl", "a.json", "a.csv", "a.rss", "a.warc", "a.warc.gz", "a.txt", "a.md", "a", "a.gz", "a.xml"]


def _check(data: bytes, name: str) -> None:
    """Every item is a Document with text and a content-hash id, or a failure whose message names the input."""
    with contextlib.redirect_stderr(io.StringIO()):  # warcio prints warnings for corrupt records
        items = list(read_bytes(data, name))
    for item in items:
        if isinstance(item, Document):
            assert isinstance(item.text, str) and item.id == content_hash(item.raw)
        else:
            assert isinstance(item, IngestFailure) and name in str(item.error)
            assert "please report it" not in item.error.message, item.error  # a named error, not a caught bug


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(NAMES))
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    _check(data, name)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(NAMES))
def test_random_text_never_raises(text: str, name: str) -> None:
    _check(text.encode("utf-8"), name)


def test_corrupted_fixtures_never_raise() -> None:
    rng = random.Random(20231009)
    files = sorted(p for p in FIXTURES.iterdir() if p.suffix != ".py")
    for _ in range(400):
        path = rng.choice(files)
        data = bytearray(path.read_bytes())
        if rng.random() < 0.4:
            del data[rng.randrange(len(data)) :]
        for _ in range(rng.randint(0, 8)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        _check(bytes(data), rng.choice([*NAMES, path.name]))


def _containers() -> list[tuple[str, bytes]]:
    """ZIP, bz2 and xz packings of the fixtures."""
    files = sorted(p for p in FIXTURES.iterdir() if p.suffix != ".py")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files[:6]:
            archive.writestr(path.name, path.read_bytes())
    packed = [("bundle.zip", buffer.getvalue())]
    packed += [(f"{p.name}.bz2", bz2.compress(p.read_bytes())) for p in files[:4]]
    return packed + [(f"{p.name}.xz", lzma.compress(p.read_bytes())) for p in files[:4]]


def test_corrupted_archives_never_raise() -> None:
    rng = random.Random(20231007)
    packed = _containers()
    for _ in range(200):
        name, original = rng.choice(packed)
        data = bytearray(original)
        if rng.random() < 0.4:
            del data[rng.randrange(1, len(data)) :]
        for _ in range(rng.randint(0, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        _check(bytes(data), rng.choice([name, "a", "a.zip"]))
