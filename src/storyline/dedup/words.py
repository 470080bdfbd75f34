"""Shingles of documents given as lines, a batch at a time, with no Python loop per line or word.

The lines of a batch are joined into one UTF-8 text. Folding (dedup.text.fold) is mostly done
without rewriting the text: ASCII letters are lower-cased inside the word hashes, and curly quotes,
dashes and odd spaces, which fold to ASCII punctuation, are simply word separators; only a document
holding a character that folds to letters (É, ß, ligatures) is folded as a whole first. A word is
a run of ASCII letters and digits and non-ASCII characters; its hash reads its first and last
8 bytes and its length (exact up to 16 bytes). Lines holding a furniture phrase (whole words, from
``resources/dedup/furniture.txt``) are dropped; shingles are polynomial hashes of ``size``
consecutive words of one document (prefix sums over the word hashes), finished by splitmix64.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from storyline.dedup.shingles import _BASE, _BASE_INV, ShingleBatch, _mix, _powers
from storyline.dedup.text import fold, furniture

U64 = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.int64]
_WORD_TABLE = bytes(1 if c >= 128 or chr(c).isalnum() else 0 for c in range(256))
_LOW = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2**64 - 1], dtype=np.uint64)  # the low k bytes
_HIGH_BITS = np.uint64(0x8080808080808080)
_TAIL = np.uint64(0x9E3779B97F4A7C15)
_FILTER_BITS = 16  # furniture candidates: a table of the low bits of phrase-starting word hashes


@dataclass(slots=True)
class Shingled:
    """Shingles of documents given as lines, with each document's word count and body hash."""

    batch: ShingleBatch
    words: Ints
    body: U64  # hash of the document's comparable words, 0 for a document without words


@dataclass(slots=True)
class _Words:
    """Every word of a batch: hash, byte span in the joined text; where each document's words start."""

    hashes: U64
    starts: Ints
    ends: Ints
    first: Ints  # first[d]: index of document d's first word; first[-1] = number of words
    text: bytes  # the joined text the spans point into


def _joined(parts: list[bytes]) -> tuple[bytes, Ints]:
    """Encoded texts as one string (newline between), and each text's first byte."""
    bounds = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) + 1, out=bounds[1:])
    return b"\n".join(parts), bounds[:-1]


def _chars(buf: npt.NDArray[np.uint8]) -> tuple[Ints, Ints, npt.NDArray[np.uint32]]:
    """Offset, byte length and key (its UTF-8 bytes as a number) of every non-ASCII character."""
    lead = np.flatnonzero(buf >= 0xC0)
    size = np.where(buf[lead] >= 0xF0, 4, np.where(buf[lead] >= 0xE0, 3, 2)).astype(np.int64)
    size = np.minimum(size, len(buf) - lead)
    padded = np.concatenate((buf, np.zeros(4, dtype=np.uint8)))
    view = np.ndarray((len(buf) + 1,), dtype="<u4", buffer=padded, strides=(1,))
    keys: npt.NDArray[np.uint32] = (view[lead] & _LOW[size].astype(np.uint32)).astype(np.uint32)
    return lead, size, keys


@cache
def _kind(key: int) -> int:
    """0: a character that folds to ASCII punctuation or space (a separator); 1: one that folds to
    itself; 2: one that folds to something else (its document is folded as a whole)."""
    char = key.to_bytes(4, "little").rstrip(b"\0").decode("utf-8", "replace")
    plain = fold(char)
    if plain == char:
        return 1
    return 0 if plain and all(c.isascii() and not c.isalnum() for c in plain) else 2


def _kinds(keys: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.uint32], Ints]:
    """The distinct character keys and their kinds."""
    distinct = np.unique(keys)
    return distinct, np.array([_kind(k) for k in distinct.tolist()], dtype=np.int64)


def folded(docs: Sequence[Sequence[str]]) -> tuple[bytes, Ints, Ints]:
    """The documents' distinct lines as one UTF-8 text, each document's first byte, and the offsets
    of bytes that fold to separators; documents with characters that fold to letters are folded."""
    parts = ["\n".join(dict.fromkeys(lines)).encode("utf-8", "replace") for lines in docs]  # a repeated lead: once
    text, bounds = _joined(parts)
    lead, size, keys = _chars(np.frombuffer(text, dtype=np.uint8))
    distinct, kinds = _kinds(keys)
    if (kinds == 2).any():
        odd = np.isin(keys, distinct[kinds == 2])
        for d in np.unique(np.searchsorted(bounds, lead[odd], side="right") - 1).tolist():
            parts[d] = fold("\n".join(dict.fromkeys(docs[d]))).encode("utf-8", "replace")
        text, bounds = _joined(parts)
        lead, size, keys = _chars(np.frombuffer(text, dtype=np.uint8))
        distinct, kinds = _kinds(keys)
    sep = np.isin(keys, distinct[kinds == 0])
    lead, size = lead[sep], size[sep]
    offsets = np.concatenate([lead + k for k in range(4)])
    inside = np.concatenate([size > k for k in range(4)])
    return text, bounds, offsets[inside]


def _lower(x: U64) -> U64:
    """ASCII letters of 8 packed bytes in lower case: bit 5 is set on every byte below 0x80 (word
    bytes are letters, digits, which have it, or non-ASCII bytes, which are left alone)."""
    return x | ((~x & _HIGH_BITS) >> np.uint64(2))


def _words(docs: Sequence[Sequence[str]]) -> _Words:
    """Hash every word of the documents' lines."""
    text, first_byte, separators = folded(docs)
    word = bytearray(len(text) + 2)
    word[1:-1] = text.translate(_WORD_TABLE)
    cls = np.frombuffer(word, dtype=np.uint8)
    cls[separators + 1] = 0
    edges = np.flatnonzero(cls[1:] != cls[:-1])  # alternately a word's first byte and its end
    starts, ends = edges[0::2], edges[1::2]
    padded = b"\0" * 8 + text + b"\0" * 8
    view = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))  # 8 bytes from each offset
    length = ends - starts
    head = _lower(view[starts + 8]) & _LOW[np.minimum(length, 8)]
    tail = np.where(length > 8, _lower(view[ends]), np.uint64(0))
    with np.errstate(over="ignore"):
        hashes = _mix(head ^ (tail * _TAIL) ^ length.astype(np.uint64))
    first = np.append(np.searchsorted(starts, first_byte), len(starts))
    return _Words(hashes, starts, ends, first, text)


def _gram(hashes: U64, at: Ints, n: int) -> U64:
    """Hash of the ``n`` words from each position in ``at`` (Horner; the phrase hashes use the same)."""
    out = np.zeros(len(at), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            out = out * np.uint64(_BASE) + hashes[at + k]
    return out


@dataclass(frozen=True, slots=True)
class _Phrases:
    """Furniture phrases as word-hash grams by length, and a filter on their first word."""

    grams: dict[int, U64]
    first: npt.NDArray[np.bool_]


@cache
def _phrases() -> _Phrases:
    """The furniture phrases hashed like the text."""
    phrases = furniture()
    words = _words([[p] for p in phrases])
    grams: dict[int, list[int]] = {}
    first = np.zeros(1 << _FILTER_BITS, dtype=bool)
    for d in range(len(phrases)):
        lo, hi = int(words.first[d]), int(words.first[d + 1])
        if hi > lo:
            grams.setdefault(hi - lo, []).append(int(_gram(words.hashes, np.array([lo]), hi - lo)[0]))
            first[int(words.hashes[lo]) & ((1 << _FILTER_BITS) - 1)] = True
    return _Phrases({n: np.array(g, dtype=np.uint64) for n, g in grams.items()}, first)


def _furniture_words(words: _Words) -> npt.NDArray[np.bool_] | None:
    """Which words sit in a line holding a furniture phrase (None when no line does)."""
    phrases, n = _phrases(), len(words.hashes)
    at = np.flatnonzero(phrases.first[(words.hashes & np.uint64((1 << _FILTER_BITS) - 1)).astype(np.int64)])
    lines: set[tuple[int, int]] = set()
    for size, grams in phrases.grams.items():
        here = at[at + size <= n]
        for k in here[np.isin(_gram(words.hashes, here, size), grams)].tolist():
            line = _line(words.text, int(words.starts[k]))
            if line[1] >= words.ends[k + size - 1]:  # the phrase does not run past its line
                lines.add(line)
    if not lines:
        return None
    marks = np.zeros(n + 1, dtype=np.int64)
    for start, end in lines:
        marks[np.searchsorted(words.starts, start)] += 1
        marks[np.searchsorted(words.starts, end)] -= 1
    return np.cumsum(marks[:-1]) > 0


def _line(text: bytes, at: int) -> tuple[int, int]:
    """Byte span of the line around offset ``at``."""
    end = text.find(b"\n", at)
    return text.rfind(b"\n", 0, at) + 1, len(text) if end < 0 else end


def shingle_lines(docs: Sequence[Sequence[str]], size: int) -> Shingled:
    """Shingles of documents given as their lines (raw; folded here), furniture and repeated lines dropped."""
    words = _words(docs)
    hashes, first = words.hashes, words.first
    drop = _furniture_words(words)
    if drop is not None:
        kept_before = np.concatenate(([0], np.cumsum(~drop)))
        hashes, first = hashes[~drop], kept_before[first]
    counts = np.diff(first)
    windows = np.where(counts >= size, counts - size + 1, np.minimum(counts, 1))
    doc = np.repeat(np.arange(len(docs)), windows)
    offsets = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(windows, out=offsets[1:])
    starts = np.arange(offsets[-1]) - offsets[doc] + first[doc]
    ends = np.minimum(starts + size, first[doc + 1])
    prefix = _prefix(hashes)
    body = np.where(counts > 0, _mix(_span(prefix, first[:-1], first[1:]) ^ counts.astype(np.uint64)), np.uint64(0))
    return Shingled(ShingleBatch(_mix(_span(prefix, starts, ends)), offsets), counts, body)


def _prefix(values: U64) -> U64:
    """Prefix sums of values[i] * BASE**-i (mod 2**64), with a leading 0."""
    prefix = np.zeros(len(values) + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.cumsum(values * _powers(_BASE_INV, len(values)), dtype=np.uint64, out=prefix[1:])
    return prefix


def _span(prefix: U64, starts: Ints, ends: Ints) -> U64:
    """Polynomial hash of values[starts[i]:ends[i]] from their prefix sums (equal runs, equal hashes)."""
    powers = _powers(_BASE, max(len(prefix) - 1, 1))
    with np.errstate(over="ignore"):
        out: U64 = (prefix[ends] - prefix[starts]) * powers[np.maximum(ends, 1) - 1]
    return out


def comparable_words(docs: Sequence[Sequence[str]]) -> list[list[str]]:
    """The words each document is compared by, as text (for tests and inspection; not fast)."""
    words = _words(docs)
    drop, text = _furniture_words(words), words.text
    out: list[list[str]] = []
    for d in range(len(docs)):
        at = range(int(words.first[d]), int(words.first[d + 1]))
        out.append([_plain(text[words.starts[k] : words.ends[k]]) for k in at if drop is None or not drop[k]])
    return out


def _plain(word: bytes) -> str:
    """A word as compared: ASCII letters lower-cased."""
    return word.decode("utf-8", "replace").translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
