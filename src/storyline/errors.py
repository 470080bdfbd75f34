"""The errors storyline raises: one small named tree.

StorylineError                 base of everything raised on purpose; message says what, where, what to do
├── UsageError                 a bad option, setting or argument (the CLI exits 2)
├── InputError                 one input item cannot be used; the run skips it and goes on
│   ├── UnsupportedFormat      not a format storyline reads (binary, unknown extension)
│   ├── DecodeError            bytes that no encoding decodes to sensible text
│   ├── EmptyInput             nothing in it (empty file, whitespace, no body after cleaning)
│   ├── TooLarge               past the configured size limit
│   ├── MalformedInput         broken JSON line, truncated gzip/WARC, unparsable feed
│   ├── FetchError             a URL that failed or timed out
│   ├── NotFound               a path or pattern that names no file
│   └── UnexpectedError        a bug met on one input; recorded as its failure so the run goes on
├── StoreError                 the database cannot be opened, migrated or written
└── MissingDependency          an optional part is not installed; says which extra to install
"""

from __future__ import annotations

import json
from typing import Any


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    @property
    def reason(self) -> str:
        """Short machine-readable reason, e.g. "decode_error", for counting failures."""
        name = type(self).__name__
        return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


class UsageError(StorylineError):
    """A bad option, setting or argument."""


class InputError(StorylineError):
    """One input item cannot be used; the run records it as failed and goes on."""


class UnsupportedFormat(InputError):
    """Not a format storyline reads."""


class DecodeError(InputError):
    """Bytes that do not decode to sensible text in any encoding."""


class EmptyInput(InputError):
    """Nothing usable in the input."""


class TooLarge(InputError):
    """The input is past the configured size limit."""


class MalformedInput(InputError):
    """Structurally broken input: bad JSON, truncated archive, unparsable feed."""


class FetchError(InputError):
    """A URL could not be fetched (error status, refused, timed out)."""


class NotFound(InputError):
    """A path that does not exist, or a pattern that matches no file."""

    HINT = "give a file, a folder, a glob such as 'news/*.html', a URL, or - for stdin"

    def __init__(self, message: str = "no such file or directory", *, where: str | None = None) -> None:
        super().__init__(f"{message.removesuffix(f'; {self.HINT}')}; {self.HINT}", where=where)


class UnexpectedError(InputError):
    """A bug met on one input (in a reader or a stage): recorded as that input's failure so the run goes on."""


class StoreError(StorylineError):
    """The database cannot be opened, migrated or written."""


class MissingDependency(StorylineError):
    """An optional dependency is missing."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed; run: pip install 'storyline[{extra}]'")
        self.package = package
        self.extra = extra


def require(module: str, extra: str) -> object:
    """Import an optional module or raise MissingDependency naming the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(module, extra) from exc


def json_error(exc: json.JSONDecodeError) -> str:
    """How a JSON text failed to parse, e.g. "Expecting value at column 1" (json's own "... at" not doubled)."""
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def json_record(line: str, *, where: str) -> dict[str, Any]:
    """The JSON object on one input line of a filter; MalformedInput naming the line when it is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"not a JSON line ({json_error(exc)})", where=where) from exc
    except (RecursionError, ValueError) as exc:
        raise MalformedInput(f"not a usable JSON line ({type(exc).__name__})", where=where) from exc
    if not isinstance(record, dict):
        raise MalformedInput("a line must be a JSON object", where=where)
    return record


def record_id(line: str) -> str | int | None:
    """The id of a filter input line that failed, exactly as given (7 stays 7), when one can still be read."""
    try:
        record = json.loads(line)
    except (RecursionError, ValueError):
        return None
    doc_id = record.get("id") if isinstance(record, dict) else None
    return doc_id if isinstance(doc_id, str | int) and not isinstance(doc_id, bool) else None
