"""Ingest streams: memory does not grow with the corpus (a JSONL export is read line by line)."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.models import Document

LINES = 20_000


def _write_export(path: Path, lines: int = LINES, repeat: int = 4) -> int:
    """A generated JSONL news export; returns its size in bytes."""
    story = "Shelling was reported near the crossing overnight, the ministry said in a statement. " * repeat
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            record = {"id": n, "title": f"Report {n}", "text": f"{n}: {story}", "date": "2023-10-12"}
            out.write(json.dumps(record) + "\n")
    return path.stat().st_size


def _peak_while_reading(path: Path) -> tuple[int, int]:
    """(documents read, peak traced bytes) for one pass over ``path``, keeping only a count."""
    tracemalloc.start()
    try:
        count = sum(1 for item in read_inputs([str(path)]) if isinstance(item, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


def test_jsonl_memory_stays_flat(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    size = _write_export(path)
    count, peak = _peak_while_reading(path)
    assert count == LINES
    assert size > 5_000_000
    assert peak < size / 20, f"peak {peak} bytes while reading a {size}-byte file"


def test_gzipped_jsonl_memory_stays_flat(tmp_path: Path) -> None:
    plain = tmp_path / "export.jsonl"
    size = _write_export(plain, lines=LINES // 5, repeat=20)
    packed = tmp_path / "export.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=1))
    plain.unlink()
    count, peak = _peak_while_reading(packed)
    assert count == LINES // 5
    assert peak < size / 10, f"peak {peak} bytes while reading {size} bytes of gzipped JSONL"


def test_warc_memory_stays_flat(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    page = b"<html><head><title>Page</title></head><body>" + b"<p>Shelling was reported.</p>" * 300 + b"</body></html>"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(800):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = io.BytesIO(page.replace(b"Page", f"Page {n}".encode()))
            writer.write_record(
                writer.create_warc_record(f"https://x.example/{n}", "response", payload=body, http_headers=http)
            )
    count, peak = _peak_while_reading(path)
    assert count == 800
    assert peak < 800 * len(page) / 10, f"peak {peak} bytes for {800 * len(page)} bytes of pages"
