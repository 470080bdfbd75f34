"""Bytes → text: BOMs, UTF-8, then charset-normalizer; binary data and garbage are refused with a named error."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from functools import cache

import charset_normalizer

from storyline.errors import DecodeError, UnsupportedFormat
from storyline.ingest.base import resource

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_BAD_RUN = re.compile("\ufffd+")
_MAX_CONTROL_SHARE = 0.02
_UTF8_LENIENT = "utf-8/replace"


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_kind(head: bytes) -> str | None:
    """A name for binary data ("PNG image", "binary data") when the leading bytes say so, else None."""
    if bom_encoding(head):
        return None
    for signature, name in _signatures():
        if head.startswith(signature):
            return name
    if b"\x00" in head[:8192]:
        return "binary data (NUL bytes)"
    return None


@cache
def _signatures() -> tuple[tuple[bytes, str], ...]:
    """The binary signatures of ``magic.json`` as bytes."""
    return tuple((bytes.fromhex(k), str(v)) for k, v in resource("magic.json").items())


def charset_param(content_type: str | None) -> str | None:
    """The charset a Content-Type header names (``text/html; charset=ISO-8859-1`` → ``iso-8859-1``)."""
    value = (content_type or "").lower().partition("charset=")[2].split(";")[0].strip(" \"'")
    return value or None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first few KB, if Python knows it."""
    match = _HTML_CHARSET.search(data[:4096]) or re.search(rb"""<\?xml[^>]*encoding=["']([\w.:-]+)""", data[:200])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text and name the encoding used; raises UnsupportedFormat or DecodeError."""
    kind = binary_kind(data[:8192])
    if kind:
        raise UnsupportedFormat(f"{kind} is not a text format storyline reads", where=source)
    for encoding in _candidates(data, declared):
        try:
            name, _, errors = encoding.partition("/")
            text = data.decode(name, errors or "strict")
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text.lstrip("\ufeff"), name
        if encoding == "utf-8":
            break  # valid UTF-8 full of control codes is not text in another encoding either
    raise DecodeError("bytes do not decode to readable text in any encoding; convert the file to UTF-8", where=source)


def _candidates(data: bytes, declared: str | None) -> Iterator[str]:
    """Encodings to try, best first: BOM, UTF-8, a declared charset, then (lazily) charset-normalizer's guess."""
    bom = bom_encoding(data)
    if bom:
        yield bom
        return
    yield "utf-8"
    if declared:
        yield declared
    if _mostly_utf8(data):
        yield _UTF8_LENIENT
    guess = guess_encoding(data[:200_000])
    if guess:
        yield guess


def _mostly_utf8(data: bytes) -> bool:
    """True for UTF-8 text with a few stray bytes (scraped pages often have some): decode it, marking them."""
    text = data[:200_000].decode("utf-8", errors="replace")
    marks = text.count("\ufffd")
    bad = len(_BAD_RUN.findall(text))  # one broken character is often several bad bytes in a row
    multibyte = sum(1 for ch in text if ch > "\x7f") - marks
    return bad <= max(2, len(text) // 1000) and multibyte >= 5 * bad


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, named by a common news encoding when one gives the same or as good a text."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    settings = resource("encodings.json")
    best = matches[0]
    unlikely = best.encoding in settings["unlikely"]
    chaos_limit = best.chaos + (settings["chaos_margin"] if unlikely else 0.0)
    coherence_floor = best.coherence - (settings["coherence_margin"] if unlikely else 0.0)
    candidates = [m for m in matches if m.chaos <= chaos_limit and m.coherence >= coherence_floor]
    # charset-normalizer reports one of several encodings that give the same text; consider them all.
    names = {name for m in candidates for name in m.could_be_from_charset}
    preferred = next((name for name in settings["prefer"] if name in names), None)
    return str(preferred or best.encoding)


def _looks_like_text(text: str) -> bool:
    """True when few characters are control codes or replacement marks (garbage decodes to many)."""
    if not text:
        return True
    sample = text[:100_000]
    marks = len(_CONTROL.findall(_BAD_RUN.sub("\ufffd", sample)))
    return marks <= max(1, _MAX_CONTROL_SHARE * len(sample))  # one stray mark does not make a short text garbage
