"""Locating and loading the dev data in ``../shared/data`` (read at run time, never copied)."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html

from storyline.errors import UsageError

# The self-written check sets and hand-checked gold ship with the source repository, beside the tests.
CHECK_SETS = Path(__file__).resolve().parents[3] / "tests" / "fixtures"


def check_set_records(path: Path) -> list[dict[str, Any]]:
    """The JSON records of a check-set file (blank lines skipped); a UsageError naming it when it is absent."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UsageError(
            f"check set not found: {path} (the check sets ship with the source repository: run from a clone)"
        ) from None
    return [json.loads(line) for line in lines if line.strip()]


def every_kth(items: Sequence[Any], limit: int | None) -> list[Any]:
    """At most ``limit`` items spread evenly over the sequence (all when no limit): a deterministic subsample."""
    if limit is None or limit >= len(items):
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def shared_data_dir(explicit: str | Path | None = None) -> Path:
    """The dev data folder: explicit path, STORYLINE_DATA, or ``../shared/data`` beside the repo or cwd."""
    candidates = [Path(p) for p in (explicit, os.environ.get("STORYLINE_DATA")) if p]
    here = Path(__file__).resolve()
    candidates += [parent.parent / "shared" / "data" for parent in here.parents]
    candidates.append(Path.cwd().parent / "shared" / "data")
    for path in candidates:
        if path.is_dir():
            return path
    raise UsageError("dev data not found; pass --data or set STORYLINE_DATA to the shared/data folder")


@dataclass(slots=True)
class HtmlPage:
    """One page of html-pages-dev: source HTML, the reference body as text, and reference metadata."""

    name: str
    html: str
    expected_text: str
    metadata: dict[str, Any]


_BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "figure", "figcaption",
    "dd", "dt", "dl", "form", "main", "title", "option", "button", "label",
}  # fmt: skip


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one line per block element, like a naive "copy all" dump."""
    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for broken input; a dump of nothing is the honest answer
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in _BLOCKS
        if block:
            parts.append("\n")
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    return _dump_lines("".join(parts))


def _dump_lines(text: str) -> str:
    """The text's non-empty lines, each with its white space collapsed."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def text_content_dump(html: str) -> str:
    """The page body's ``text_content()``: scripts and styles included, lines broken where the source breaks them.

    A noisier naive dump than ``html_to_text``, like a scraper that takes an element's text wholesale
    (about 0.62 shingle F1 against the reference bodies, as the outside scorer reports for its dumps).
    """
    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types for broken input; a dump of nothing is the honest answer
        return ""
    body = root if root.tag == "body" else root.find("body")
    return _dump_lines((body if body is not None else root).text_content())


def html_pages(data_dir: Path) -> Iterator[HtmlPage]:
    """The html-pages-dev pages, in name order."""
    root = data_dir / "html-pages-dev"
    for page_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        source = gzip.decompress((page_dir / "source.html.gz").read_bytes()).decode("utf-8", errors="replace")
        expected = gzip.decompress((page_dir / "expected.html.gz").read_bytes()).decode("utf-8", errors="replace")
        meta_path = page_dir / "expected-metadata.json"
        metadata = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        yield HtmlPage(page_dir.name, source, html_to_text(expected), metadata)
