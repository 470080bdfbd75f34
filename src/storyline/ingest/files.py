"""Inputs as a user names them — paths, directories, globs, URLs, ``-`` — opened lazily, one at a time."""

from __future__ import annotations

import glob
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.errors import InputError, NotFound, UnexpectedError, UnsupportedFormat
from storyline.ingest.base import Item, ReadOptions, failure
from storyline.ingest.dispatch import read_stream, read_whole
from storyline.ingest.fetch import fetch, is_url
from storyline.ingest.sniff import content_type_format, name_of, sniff
from storyline.models import Document

_GLOB_CHARS = frozenset("*?[")
logger = logging.getLogger(__name__)


def read_inputs(inputs: Iterable[str | os.PathLike[str]], options: ReadOptions) -> Iterator[Item]:
    """Documents and failures for each input in turn; nothing is read before it is needed."""
    for given in inputs:
        spec = os.fspath(given)
        if spec == "-":
            yield from safely(read_stream(sys.stdin.buffer, "<stdin>", options), "<stdin>")
        elif is_url(spec):
            yield from safely(read_url(spec, options), spec)
        else:
            for path in expand_path(spec):
                yield from safely(read_path(path, options), str(path)) if isinstance(path, Path) else [path]


def safely(items: Iterator[Item], source: str) -> Iterator[Item]:
    """Pass items through; an unforeseen error (a parser's or ours) ends this input as a failure, not the run."""
    try:
        yield from items
    except Exception as exc:  # the run must go on; the traceback is logged for a bug report
        logger.exception("unexpected error while reading %s", source)
        yield failure(source, UnexpectedError(f"unexpected error ({type(exc).__name__}: {exc}); please report it"))


def expand_path(spec: str) -> Iterator[Path | Item]:
    """Files named by a path, a directory (recursive, sorted, hidden names skipped) or a glob."""
    path = Path(spec).expanduser()
    if path.is_dir():
        yield from walk(path)
    elif path.exists():
        yield path
    elif _GLOB_CHARS & set(spec):
        matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
        if not matches:
            yield failure(spec, NotFound("the pattern matches no files"))
        for match in matches:
            yield from walk(Path(match)) if Path(match).is_dir() else [Path(match)]
    else:
        yield failure(spec, NotFound())


def walk(root: Path) -> Iterator[Path]:
    """Files under a directory, depth first in sorted order, skipping hidden files and folders."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(f for f in filenames if not f.startswith(".")):
            path = Path(dirpath) / filename
            if path.is_file():  # not sockets, FIFOs or devices: opening those could block forever
                yield path


def read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Documents from one file; its size is checked before the whole of it is read."""
    source = str(path)
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except OSError as exc:
        yield failure(source, InputError(f"cannot open: {exc.strerror or exc}"))
        return
    with handle:
        yield from read_stream(handle, source, options, size=size)


def read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    """Documents from one http(s) URL: a page, a feed, or any format read from files."""
    try:
        fetched = fetch(url, options.fetch_timeout, options.max_bytes)
    except InputError as exc:
        yield failure(url, exc)
        return
    fmt = sniff(name_of(fetched.url), fetched.data[:65_536], fetched.content_type)
    if fmt == "text" and content_type_format(fetched.content_type) is None and not _texty(fetched.content_type):
        yield failure(url, UnsupportedFormat(f"Content-Type {fetched.content_type!r} is not one storyline reads"))
        return
    for item in read_whole(fetched.data, url, options, fmt, fetched.content_type, url=fetched.url):
        if isinstance(item, Document) and item.source == url and item.url != fetched.url:
            # The page itself (however it was packed): its address is where it was fetched from.
            if item.url:
                item.metadata["canonical_url"] = item.url
            item.url = fetched.url
        yield item


def _texty(content_type: str | None) -> bool:
    """True when a Content-Type is absent or names text."""
    return not content_type or content_type.lower().startswith(("text/", "application/octet-stream"))
