"""Fetching one http(s) URL with a timeout and a size limit (urllib; no other network access anywhere)."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import IO

from storyline import __version__
from storyline.errors import FetchError, TooLarge

_HEADERS = {
    "User-Agent": f"storyline/{__version__} (+https://github.com/storyline)",
    "Accept": "text/html, application/rss+xml, application/atom+xml, application/json, text/*;q=0.8, */*;q=0.5",
    "Accept-Encoding": "gzip",  # gzip bodies are recognised by their magic bytes and unpacked like .gz files
}


_TOTAL_FACTOR = 3  # a whole body may take this many timeouts (a server trickling bytes must not hold a run)
_CHUNK = 1 << 16


@dataclass(slots=True)
class Fetched:
    """A fetched resource: the bytes, the final URL after redirects, and the Content-Type header."""

    data: bytes
    url: str
    content_type: str | None


def is_url(value: str) -> bool:
    """True for an http:// or https:// URL."""
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float, max_bytes: int) -> Fetched:
    """GET a URL; raises FetchError (status, refused, timeout) or TooLarge (checked before reading it all)."""
    request = urllib.request.Request(url, headers=_HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) checked above)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise TooLarge(f"Content-Length {length} is over max_bytes={max_bytes}", where=url)
            data = _read_within(response, max_bytes + 1, time.monotonic() + timeout * _TOTAL_FACTOR, url)
            final_url, content_type = response.geturl(), response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}", where=url) from exc
    except TimeoutError as exc:
        raise FetchError(f"no answer within {timeout:g} s; raise --fetch-timeout to wait longer", where=url) from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise FetchError(
                f"no answer within {timeout:g} s; raise --fetch-timeout to wait longer", where=url
            ) from exc
        raise FetchError(f"cannot fetch: {reason}", where=url) from exc
    if len(data) > max_bytes:
        raise TooLarge(f"response is over max_bytes={max_bytes}", where=url)
    return Fetched(data, final_url, content_type)


def _read_within(response: IO[bytes], limit: int, deadline: float, url: str) -> bytes:
    """Up to ``limit`` bytes of the body, in chunks; FetchError once the deadline has passed."""
    parts: list[bytes] = []
    size = 0
    while size < limit:
        chunk = response.read(min(_CHUNK, limit - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise FetchError(f"the body did not arrive in time ({size} bytes so far); raise --fetch-timeout", where=url)
    return b"".join(parts)
