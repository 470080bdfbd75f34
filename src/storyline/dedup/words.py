"""Shingles of raw documents, a batch at a time, with no Python loop per line or word.

The documents of a batch are joined into one UTF-8 text. Lines are measured there as written,
all at once: stripped as str.strip strips, blank ones dropped, and (for the first choice of
dedup.comparable) only sentence-like ones kept, by their count of spaces and last character.
Folding (dedup.text.fold) is mostly done without rewriting the text: ASCII letters are lower-cased
inside the word hashes, and curly quotes, dashes and odd spaces, which fold to ASCII punctuation,
are simply word separators; only a kept line holding a character that folds to letters (É, ß,
ligatures) is folded first. A word is a run of ASCII letters and digits and non-ASCII characters;
its hash reads its first and last 8 bytes and its length (exact up to 16 bytes). A line that
repeats an earlier line of its document word for word (a lead printed twice) and lines holding a
furniture phrase (whole words, from ``resources/dedup/furniture.txt``) are dropped; shingles are
polynomial hashes of ``size`` consecutive words of one document (prefix sums over the word
hashes), finished by splitmix64.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from storyline.dedup.shingles import _BASE, _BASE_INV, ShingleBatch, _mix, _powers
from storyline.dedup.text import CLOSERS, ENDS, fold, furniture

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
    line: Ints  # line[k]: index of line k's first word; line[-1] = number of words
    keep: npt.NDArray[np.bool_]  # per line: compared (not blank; sentence-like when asked)
    text: bytes  # the joined text the spans point into


def _joined(parts: list[bytes]) -> tuple[bytes, Ints]:
    """Encoded texts as one string (newline between), and each text's first byte."""
    bounds = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) + 1, out=bounds[1:])
    return b"\n".join(parts), bounds[:-1]


def _view32(buf: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint32]:
    """The 4 bytes from each offset of ``buf`` as a little-endian number (zeros past the end)."""
    padded = np.concatenate((buf, np.zeros(4, dtype=np.uint8)))
    return np.ndarray((len(buf) + 1,), dtype="<u4", buffer=padded, strides=(1,))


def _chars(buf: npt.NDArray[np.uint8]) -> tuple[Ints, Ints, npt.NDArray[np.uint32]]:
    """Offset, byte length and key (its UTF-8 bytes as a number) of every non-ASCII character."""
    lead = np.flatnonzero(buf >= 0xC0)
    size = np.where(buf[lead] >= 0xF0, 4, np.where(buf[lead] >= 0xE0, 3, 2)).astype(np.int64)
    size = np.minimum(size, len(buf) - lead)
    keys: npt.NDArray[np.uint32] = (_view32(buf)[lead] & _LOW[size].astype(np.uint32)).astype(np.uint32)
    return lead, size, keys


def _key(char: str) -> int:
    """A character's key: its UTF-8 bytes as a little-endian number."""
    return int.from_bytes(char.encode("utf-8"), "little")


@cache
def _char_sets() -> dict[str, npt.NDArray[np.uint32]]:
    """Keys of the characters line measurement looks for: whitespace (what str.strip removes), the
    closers and sentence ends of dedup.text, and the whitespace that is a word character here."""
    spaces = [chr(c) for c in range(0x10000) if chr(c).isspace() and chr(c) != "\n"]
    return {
        name: np.array(sorted({_key(c) for c in chars}), dtype=np.uint32)
        for name, chars in (
            ("space", spaces),
            ("closer", CLOSERS),
            ("end", ENDS),
            ("odd_space", [c for c in spaces if c >= "\x80" and _kind(_key(c)) != 0]),
        )
    }


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


@dataclass(slots=True)
class _Lines:
    """The lines of a joined text: where each starts and ends as written, and stripped."""

    starts: Ints
    ends: Ints
    first: Ints  # first byte of the stripped line
    last: Ints  # end of the stripped line (first == last: a blank line)
    odd: npt.NDArray[np.bool_]  # stripping removed whitespace that words.py reads as a word character


def _lines(buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32]) -> _Lines:
    """Every line of the joined text, stripped as str.strip strips (vectorised over lines)."""
    breaks = np.flatnonzero(buf == 10)
    starts, ends = np.concatenate(([0], breaks + 1)), np.append(breaks, len(buf))
    sets, odd = _char_sets(), np.zeros(len(starts), dtype=bool)
    first, last = starts.copy(), ends.copy()
    todo = np.flatnonzero(first < last)
    while len(todo):  # leading whitespace, one character per round
        key, size = _char_at(buf, view, first[todo])
        space = np.isin(key, sets["space"])
        odd[todo[space]] |= np.isin(key[space], sets["odd_space"])
        todo = todo[space]
        first[todo] += size[space]
        todo = todo[first[todo] < last[todo]]
    todo = np.flatnonzero(first < last)
    while len(todo):  # trailing whitespace
        at, key = _char_before(buf, view, last[todo], first[todo])
        space = np.isin(key, sets["space"])
        odd[todo[space]] |= np.isin(key[space], sets["odd_space"])
        todo = todo[space]
        last[todo] = at[space]
        todo = todo[first[todo] < last[todo]]
    return _Lines(starts, ends, first, last, odd)


def _char_at(buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32], at: Ints) -> tuple[npt.NDArray[np.uint32], Ints]:
    """Key and byte length of the character starting at each offset."""
    lead = buf[at]
    size = np.where(lead < 0xC0, 1, np.where(lead < 0xE0, 2, np.where(lead < 0xF0, 3, 4)))
    return view[at] & _LOW[size].astype(np.uint32), size


def _char_before(
    buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32], end: Ints, floor: Ints
) -> tuple[Ints, npt.NDArray[np.uint32]]:
    """Offset and key of the character that ends at each ``end`` (not starting before ``floor``)."""
    at = end - 1
    for _ in range(3):  # step back over continuation bytes
        at = at - ((at > floor) & (buf[at] & 0xC0 == 0x80))
    return at, view[at] & _LOW[end - at].astype(np.uint32)


def _sentence_like(buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32], lines: _Lines) -> npt.NDArray[np.bool_]:
    """Lines of 6+ words ending in a sentence mark (closing quotes and brackets aside), or of 25+
    words, counting words as spaces + 1 on the stripped line (as dedup.text.menu_like does)."""
    spaces = np.flatnonzero(buf == 32)
    count = np.searchsorted(spaces, lines.last) - np.searchsorted(spaces, lines.first)
    out = count >= 24
    sets, end = _char_sets(), lines.last.copy()
    todo = np.flatnonzero((count >= 5) & ~out)
    ends = np.zeros(0, dtype=np.int64)
    while len(todo):  # step back over closers; the character before them must end a sentence
        at, key = _char_before(buf, view, end[todo], lines.first[todo])
        closer = np.isin(key, sets["closer"])
        ends = np.concatenate((ends, todo[~closer][np.isin(key[~closer], sets["end"])]))
        todo = todo[closer]
        end[todo] = at[closer]
        todo = todo[end[todo] > lines.first[todo]]
    out[ends] = True
    return out


@dataclass(slots=True)
class _Folded:
    """Documents as one UTF-8 text (newline between), read as folded: see ``folded``."""

    text: bytes
    first_byte: Ints  # of each document
    separators: Ints  # offsets of bytes that fold to a separator
    line_starts: Ints  # first byte of each line
    keep: npt.NDArray[np.bool_]  # lines to compare: not blank (and sentence-like, when asked)


def folded(texts: Sequence[str], sentences: bool) -> _Folded:
    """The documents as one text with the lines to compare, measured as written. Kept lines with
    characters that fold to letters (É, ß, ligatures), or with line-edge whitespace that would read
    as a word character, are then rewritten folded (and stripped) in place."""
    parts = [t.encode("utf-8", "replace") for t in texts]
    text, bounds = _joined(parts)
    buf = np.frombuffer(text, dtype=np.uint8)
    view = _view32(buf)
    lines = _lines(buf, view)
    keep = lines.first < lines.last
    if sentences:
        keep &= _sentence_like(buf, view, lines)
    starts = lines.starts
    lead, size, keys = _chars(buf)
    distinct, kinds = _kinds(keys)
    rewrite = lines.odd.copy()
    rewrite[np.searchsorted(starts, lead[np.isin(keys, distinct[kinds == 2])], side="right") - 1] = True
    rewrite &= keep
    if rewrite.any():
        _rewrite(texts, parts, bounds, lines, np.flatnonzero(rewrite))
        text, bounds = _joined(parts)
        buf = np.frombuffer(text, dtype=np.uint8)
        starts = np.concatenate(([0], np.flatnonzero(buf == 10) + 1))
        lead, size, keys = _chars(buf)
        distinct, kinds = _kinds(keys)
    sep = np.isin(keys, distinct[kinds == 0])
    lead, size = lead[sep], size[sep]
    offsets = np.concatenate([lead + k for k in range(4)])
    inside = np.concatenate([size > k for k in range(4)])
    return _Folded(text, bounds, offsets[inside], starts, keep)


def _rewrite(texts: Sequence[str], parts: list[bytes], bounds: Ints, lines: _Lines, todo: Ints) -> None:
    """Re-encode the documents holding lines ``todo``, those lines folded (stripped when odd); line
    breaks are kept, so line numbers still hold."""
    doc = np.searchsorted(bounds, lines.starts[todo], side="right") - 1
    first_line = np.searchsorted(lines.starts, bounds)
    rows: dict[int, list[str]] = {}
    for line, d in zip(todo.tolist(), doc.tolist(), strict=True):
        raw = rows.get(d)
        if raw is None:
            raw = rows[d] = texts[d].split("\n")
        k = line - int(first_line[d])
        raw[k] = fold(raw[k].strip() if lines.odd[line] else raw[k]).replace("\n", " ")
    for d, raw in rows.items():
        parts[d] = "\n".join(raw).encode("utf-8", "replace")


def _lower(x: U64) -> U64:
    """ASCII letters of 8 packed bytes in lower case: bit 5 is set on every byte below 0x80 (word
    bytes are letters, digits, which have it, or non-ASCII bytes, which are left alone)."""
    return x | ((~x & _HIGH_BITS) >> np.uint64(2))


def _words(texts: Sequence[str], sentences: bool = False) -> _Words:
    """Hash every word of the documents."""
    doc = folded(texts, sentences)
    text = doc.text
    word = bytearray(len(text) + 2)
    word[1:-1] = text.translate(_WORD_TABLE)
    cls = np.frombuffer(word, dtype=np.uint8)
    cls[doc.separators + 1] = 0
    edges = np.flatnonzero(cls[1:] != cls[:-1])  # alternately a word's first byte and its end
    starts, ends = edges[0::2], edges[1::2]
    padded = b"\0" * 8 + text + b"\0" * 8
    view = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))  # 8 bytes from each offset
    length = ends - starts
    head = _lower(view[starts + 8]) & _LOW[np.minimum(length, 8)]
    tail = np.where(length > 8, _lower(view[ends]), np.uint64(0))
    with np.errstate(over="ignore"):
        hashes = _mix(head ^ (tail * _TAIL) ^ length.astype(np.uint64))
    first = np.append(np.searchsorted(starts, doc.first_byte), len(starts))
    line = np.append(np.searchsorted(starts, doc.line_starts), len(starts))
    return _Words(hashes, starts, ends, first, line, doc.keep, text)


def _kept(words: _Words) -> npt.NDArray[np.bool_]:
    """Which words sit in a kept line that does not repeat an earlier line of its document (same words)."""
    counts = np.diff(words.line)
    lines = np.flatnonzero(words.keep & (counts > 0))
    doc = np.searchsorted(words.first, words.line[lines], side="right") - 1
    with np.errstate(over="ignore"):
        content = _span(_prefix(words.hashes), words.line[lines], words.line[lines + 1])
        key = _mix(content ^ counts[lines].astype(np.uint64)) ^ (doc.astype(np.uint64) * _TAIL)
    keep = np.zeros(len(counts), dtype=bool)
    keep[lines[np.unique(key, return_index=True)[1]]] = True
    return np.repeat(keep, counts)


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
    words = _words(phrases)
    grams: dict[int, list[int]] = {}
    first = np.zeros(1 << _FILTER_BITS, dtype=bool)
    for d in range(len(phrases)):
        lo, hi = int(words.first[d]), int(words.first[d + 1])
        if hi > lo:
            grams.setdefault(hi - lo, []).append(int(_gram(words.hashes, np.array([lo]), hi - lo)[0]))
            first[int(words.hashes[lo]) & ((1 << _FILTER_BITS) - 1)] = True
    return _Phrases({n: np.array(g, dtype=np.uint64) for n, g in grams.items()}, first)


def _furniture_lines(words: _Words, kept: npt.NDArray[np.bool_]) -> Ints:
    """The lines (indices) whose kept words hold a furniture phrase: its words consecutive in one line."""
    phrases, n = _phrases(), len(words.hashes)
    at = np.flatnonzero(phrases.first[(words.hashes & np.uint64((1 << _FILTER_BITS) - 1)).astype(np.int64)])
    at = at[kept[at]]  # a line is kept or dropped whole: only kept lines are looked at
    found = []
    for size, grams in phrases.grams.items():
        here = at[at + size <= n]
        here = here[np.isin(_gram(words.hashes, here, size), grams)]
        line = np.searchsorted(words.line, here, side="right") - 1
        found.append(line[here + size <= words.line[line + 1]])  # the phrase does not run past its line
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def compared(words: _Words) -> npt.NDArray[np.bool_]:
    """Which words a document is compared by: those of its kept lines, each line once, furniture lines out."""
    kept = _kept(words)
    furniture = _furniture_lines(words, kept)
    if len(furniture):
        drop = np.zeros(len(words.line) - 1, dtype=bool)
        drop[furniture] = True
        kept &= ~np.repeat(drop, np.diff(words.line))
    return kept


def shingle_texts(texts: Sequence[str], size: int, sentences: bool = True) -> Shingled:
    """Shingles of raw documents (folded here) by the words ``compared`` keeps; with ``sentences``
    only sentence-like lines are compared (see _sentence_like)."""
    words = _words(texts, sentences)
    kept = compared(words)
    hashes, first = words.hashes[kept], np.concatenate(([0], np.cumsum(kept)))[words.first]
    counts = np.diff(first)
    windows = np.where(counts >= size, counts - size + 1, np.minimum(counts, 1))
    doc = np.repeat(np.arange(len(texts)), windows)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
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


def comparable_words(texts: Sequence[str], sentences: bool = True) -> list[list[str]]:
    """The words each document is compared by, as text (for tests and inspection; not fast)."""
    words = _words(texts, sentences)
    kept, text = compared(words), words.text
    out: list[list[str]] = []
    for d in range(len(texts)):
        at = range(int(words.first[d]), int(words.first[d + 1]))
        out.append([_plain(text[words.starts[k] : words.ends[k]]) for k in at if kept[k]])
    return out


def _plain(word: bytes) -> str:
    """A word as compared: ASCII letters lower-cased."""
    return word.decode("utf-8", "replace").translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
