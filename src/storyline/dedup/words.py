"""Shingles of raw documents, a batch at a time, with no Python loop per word.

The documents of a batch are joined into one UTF-8 text and their lines measured there, all at
once: stripped as str.strip strips, blank ones dropped, and (for the first choice of
dedup.comparable) only sentence-like ones kept, by their count of spaces and last character (a
paragraph wrapped over several lines measured as one: dedup.text.kept_lines). The
kept lines are sliced out (a line repeated in a document, such as a lead printed twice, once) and
joined again. Folding (dedup.text.fold) is mostly done without rewriting that text: ASCII letters
are lower-cased inside the word hashes, and curly quotes, dashes and odd spaces, which fold to
ASCII punctuation, are simply word separators; only a document holding a character that folds to
letters (É, ß, ligatures) is folded as a whole first. A word is a run of ASCII letters and digits
and non-ASCII characters; its hash reads its first and last 8 bytes and its length (exact up to
16 bytes). Lines holding a furniture phrase (whole words, from ``resources/dedup/furniture.txt``)
are dropped; shingles are polynomial hashes of ``size`` consecutive words of one document (prefix
sums over the word hashes), finished by splitmix64.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Sequence
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
_ZEROS = b"\0" * 8  # after the documents of compared
_PAD = b"\n" * 8  # around the text of _words
_FILTER_BITS = 16  # furniture candidates: a table of the low bits of phrase-starting word hashes
_WORD_BYTE = np.array([c < 128 and chr(c).isalnum() for c in range(256)])  # ASCII letters and digits
_LOWER_BYTE = np.array([ord("a") <= c <= ord("z") for c in range(256)])


@dataclass(slots=True)
class Shingled:
    """Shingles of documents, with each document's word count and body hash."""

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
    text: bytes  # the folded joined text the spans point into


def _to_fffd(error: UnicodeError) -> tuple[bytes, int]:
    """What UTF-8 cannot hold (a lone surrogate from a JSON escape) becomes U+FFFD: "replace" would write "?",
    which ends a sentence and so made such a line sentence-like in the batch but not by the per-line rule."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "\ufffd".encode() * (error.end - error.start), error.end  # bytes: UTF-8 takes only ASCII text here


codecs.register_error("storyline.fffd", _to_fffd)


def _joined(parts: list[bytes]) -> tuple[bytes, Ints]:
    """Encoded texts as one string (newline between), and each text's first byte."""
    bounds = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) + 1, out=bounds[1:])
    return b"\n".join(parts), bounds[:-1]


def _keys32(buf: npt.NDArray[np.uint8], at: Ints) -> npt.NDArray[np.uint32]:
    """The 4 bytes from each offset ``at`` of ``buf`` as a little-endian number (zeros past the end), read
    byte by byte so that the text is not copied."""
    key = np.zeros(len(at), dtype=np.uint32)
    for k in range(4):
        inside = np.flatnonzero(at + k < len(buf))
        key[inside] |= buf[at[inside] + k].astype(np.uint32) << np.uint32(8 * k)
    return key


@dataclass(frozen=True, slots=True)
class _CharSet:
    """Characters as sorted keys, with the bytes one of them can start and end with (most lines
    start and end with a byte that rules every member out: one table look-up, no key)."""

    keys: npt.NDArray[np.uint32]
    first: npt.NDArray[np.bool_]
    last: npt.NDArray[np.bool_]

    @staticmethod
    def of(chars: Iterable[str]) -> _CharSet:
        """The set of these characters."""
        encoded = {c.encode("utf-8") for c in chars}
        first, last = np.zeros(256, dtype=bool), np.zeros(256, dtype=bool)
        first[[e[0] for e in encoded]] = True
        last[[e[-1] for e in encoded]] = True
        keys = np.array(sorted(int.from_bytes(e, "little") for e in encoded), dtype=np.uint32)
        return _CharSet(keys, first, last)

    def starting(
        self, buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32], at: Ints
    ) -> tuple[npt.NDArray[np.bool_], Ints]:
        """Which offsets start a member, and its byte length there."""
        hit, size = np.zeros(len(at), dtype=bool), np.zeros(len(at), dtype=np.int64)
        maybe = np.flatnonzero(self.first[buf[at]])
        key, length = _char_at(buf, view, at[maybe])
        found = self._has(key)
        hit[maybe[found]], size[maybe[found]] = True, length[found]
        return hit, size

    def ending(
        self, buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32], end: Ints, floor: Ints
    ) -> tuple[npt.NDArray[np.bool_], Ints]:
        """Which offsets end a member (not starting before ``floor``), and where it starts."""
        hit, start = np.zeros(len(end), dtype=bool), end.copy()
        maybe = np.flatnonzero(self.last[buf[end - 1]])
        at, key = _char_before(buf, view, end[maybe], floor[maybe])
        found = self._has(key)
        hit[maybe[found]], start[maybe[found]] = True, at[found]
        return hit, start

    def _has(self, keys: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
        """Which keys are members (a binary search: cheaper than np.isin on small sets)."""
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        out: npt.NDArray[np.bool_] = self.keys[at] == keys
        return out


@cache
def _char_sets() -> dict[str, _CharSet]:
    """The characters lines are measured by: whitespace (what str.strip removes), and the closers
    and sentence ends of dedup.text."""
    spaces = [c for c in map(chr, range(0x10000)) if c.isspace() and c != "\n"]
    return {"space": _CharSet.of(spaces), "closer": _CharSet.of(CLOSERS), "end": _CharSet.of(ENDS)}


@dataclass(slots=True)
class _Lines:
    """The lines of a joined text: where each starts as written, and its span once stripped."""

    starts: Ints
    first: Ints  # first byte of the stripped line
    last: Ints  # end of the stripped line (first == last: a blank line)


def _lines(buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32]) -> _Lines:
    """Every line of the joined text, stripped as str.strip strips (vectorised over lines, one
    character per round: few lines have more than a few characters to strip)."""
    breaks = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], breaks + 1))
    first, last = starts.copy(), np.append(breaks, len(buf))
    space = _char_sets()["space"]
    todo = np.flatnonzero(first < last)
    while len(todo):
        stripped, size = space.starting(buf, view, first[todo])
        todo = todo[stripped]
        first[todo] += size[stripped]
        todo = todo[first[todo] < last[todo]]
    todo = np.flatnonzero(first < last)
    while len(todo):
        stripped, at = space.ending(buf, view, last[todo], first[todo])
        todo = todo[stripped]
        last[todo] = at[stripped]
        todo = todo[first[todo] < last[todo]]
    return _Lines(starts, first, last)


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
    wide = np.flatnonzero(buf[at] >= 0x80)  # ASCII: the byte is the character
    for _ in range(3):  # step back over continuation bytes
        back = (at[wide] > floor[wide]) & (buf[at[wide]] & 0xC0 == 0x80)
        at[wide[back]] -= 1
    return at, view[at] & _LOW[end - at].astype(np.uint32)


def _kept_lines(
    buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32], lines: _Lines, bounds: Ints
) -> npt.NDArray[np.bool_]:
    """Lines kept for comparison (meaningless for blank ones): dedup.text.kept_lines for a whole batch
    (``bounds``: each document's first byte).

    Lines of 6+ words ending in a sentence mark (closing quotes and brackets aside), or of 25+ words, counting
    words as spaces + 1 on the stripped line. A line of 6-24 words ending mid-sentence (in a comma or a word in
    lower case), right above another line of its document, is open: it belongs to the block of lines down to
    the next line that is not open, kept, every line of it, when that last line ends in a sentence mark and the
    block holds 6+ words, or the last line holds 25+ words. So a paragraph wrapped over lines is kept as its
    rejoined copy would be (one line in one copy, five in another)."""
    count = _spaces(buf, lines)
    wide = np.flatnonzero((count >= 5) & (count < 24))
    marked = _marked(buf, view, lines, wide)
    out = (count >= 24) | marked
    return _wrapped(buf, view, lines, bounds, count, out, wide[~marked[wide]])


def _wrapped(
    buf: npt.NDArray[np.uint8],
    view: npt.NDArray[np.uint32],
    lines: _Lines,
    bounds: Ints,
    count: npt.NDArray[np.int32],
    out: npt.NDArray[np.bool_],
    unmarked: Ints,
) -> npt.NDArray[np.bool_]:
    """``out`` with the blocks of open lines (see _kept_lines) kept where their last line says so
    (``unmarked``: the lines of 6-24 words that end no sentence, in order)."""
    at = unmarked[unmarked + 1 < len(count)]
    at = at[lines.first[at + 1] < lines.last[at + 1]]  # a filled line below ...
    doc = np.searchsorted(bounds, lines.starts[at], side="right")
    at = at[doc == np.searchsorted(bounds, lines.starts[at + 1], side="right")]  # ... of the same document
    at = at[_mid_sentence(buf, lines.first[at], lines.last[at])]
    if not len(at):
        return out
    begins = np.flatnonzero(np.diff(at, prepend=-2) != 1)  # runs of open lines
    ends = np.append(begins[1:], len(at))
    last = at[ends - 1] + 1  # the line closing each run's block
    short = last[count[last] < 5]
    marked = _marked(buf, view, lines, short)[last] | out[last]
    held = np.add.reduceat(count[at].astype(np.int64) + 1, begins) + count[last] + 1
    kept = (marked & (held >= 6)) | (count[last] >= 24)
    out[at] = np.repeat(kept, ends - begins)
    out[last] |= kept
    return out


def _mid_sentence(buf: npt.NDArray[np.uint8], first: Ints, last: Ints) -> npt.NDArray[np.bool_]:
    """Which lines (non-blank, stripped spans) end in a comma or a word written in lower case: ASCII letters
    and digits are stepped over back to the word's first byte, which must be a lower-case ASCII letter."""
    out: npt.NDArray[np.bool_] = buf[last - 1] == ord(",")
    at = last - 1
    todo = np.flatnonzero(~out & _WORD_BYTE[buf[at]])
    while len(todo):
        back = (at[todo] > first[todo]) & _WORD_BYTE[buf[np.maximum(at[todo] - 1, 0)]]
        done = todo[~back]
        out[done] = _LOWER_BYTE[buf[at[done]]]
        todo = todo[back]
        at[todo] -= 1
    return out


def _marked(
    buf: npt.NDArray[np.uint8], view: npt.NDArray[np.uint32], lines: _Lines, todo: Ints
) -> npt.NDArray[np.bool_]:
    """Which of the lines ``todo`` end in a sentence mark, closing quotes and brackets aside."""
    out = np.zeros(len(lines.first), dtype=bool)
    sets, end = _char_sets(), lines.last.copy()
    while len(todo):  # step back over closers; the character before them must end a sentence
        closer, at = sets["closer"].ending(buf, view, end[todo], lines.first[todo])
        rest = todo[~closer]
        out[rest[sets["end"].ending(buf, view, end[rest], lines.first[rest])[0]]] = True
        todo = todo[closer]
        end[todo] = at[closer]
        todo = todo[end[todo] > lines.first[todo]]
    return out


def _spaces(buf: npt.NDArray[np.uint8], lines: _Lines) -> npt.NDArray[np.int32]:
    """Spaces in each stripped line (meaningless for blank lines): one reduceat over the text, the
    stripped spans interleaved with the gaps between them (whose sums are dropped)."""
    if not len(buf):
        return np.zeros(len(lines.first), dtype=np.int32)
    bounds = np.empty(2 * len(lines.first), dtype=np.int64)
    bounds[0::2], bounds[1::2] = lines.first, lines.last
    # reduceat needs offsets inside the text: a line ending the text loses its last byte, which is
    # not a space (the span is stripped), so its count stands
    np.minimum(bounds, len(buf) - 1, out=bounds)
    counts: npt.NDArray[np.int32] = np.add.reduceat(buf == 32, bounds, dtype=np.int32)[0::2]
    return counts


def compared_lines(texts: Sequence[str], sentences: bool) -> list[bytes]:
    """Each document's lines to compare, as UTF-8 joined by newlines: stripped, blank ones out, a
    repeated line once, and with ``sentences`` only sentence-like ones (for tests and inspection)."""
    return _split(*compared(texts, sentences))


def _split(text: bytes, bounds: Ints) -> list[bytes]:
    """The documents of a joined text (``bounds``: each one's first byte; a newline between them)."""
    ends = np.append(bounds[1:] - 1, len(text))[: len(bounds)].tolist()
    return [text[a:b] for a, b in zip(bounds.tolist(), ends, strict=True)]


def compared(texts: Sequence[str], sentences: bool) -> tuple[bytes, Ints]:
    """``compared_lines`` of every document as one text (newline between documents), and each
    document's first byte. Lines are measured for the whole batch at once; only the kept ones are
    sliced out, and joined in one go."""
    encoded = [t.encode("utf-8", "storyline.fffd") for t in texts]
    text, bounds = _joined([*encoded, _ZEROS])  # padded: the 4 and 8 byte views read past the last document
    buf = np.frombuffer(text, dtype=np.uint8, count=max(int(bounds[-1]) - 1, 0))
    view = np.ndarray((len(buf) + 1,), dtype="<u4", buffer=text, strides=(1,))
    bounds = bounds[:-1]
    lines = _lines(buf, view)
    keep = lines.first < lines.last
    if sentences:
        keep &= _kept_lines(buf, view, lines, bounds)
    kept = np.flatnonzero(keep)
    doc = np.searchsorted(bounds, lines.starts[kept], side="right") - 1
    first, last = lines.first[kept], lines.last[kept]
    once = _first_copies(text, doc, first, last)
    doc, first, last = doc[once], first[once], last[once]
    empty = np.flatnonzero(np.bincount(doc, minlength=len(texts)) == 0)  # each still takes its (empty) place
    at = np.searchsorted(doc, empty)
    doc, first, last = np.insert(doc, at, empty), np.insert(first, at, 0), np.insert(last, at, 0)
    starts = np.zeros(len(first), dtype=np.int64)
    np.cumsum(last[:-1] - first[:-1] + 1, out=starts[1:])
    out = b"\n".join([text[a:b] for a, b in zip(first.tolist(), last.tolist(), strict=True)])
    return out, starts[np.searchsorted(doc, np.arange(len(texts)))]


def _first_copies(text: bytes, doc: Ints, first: Ints, last: Ints) -> npt.NDArray[np.bool_]:
    """Which lines (spans of ``text``, grouped by document) are not a repeat of an earlier line of their
    document: lines that agree in document, length and first and last 8 bytes are compared as bytes."""
    once = np.ones(len(doc), dtype=bool)
    if len(doc) < 2:
        return once
    view = np.ndarray((len(text) - 7,), dtype="<u8", buffer=text, strides=(1,))  # text is padded (compared)
    size, low = (last - first).astype(np.uint64), _LOW[np.minimum(last - first, 8)]
    with np.errstate(over="ignore"):
        key = _mix(doc.astype(np.uint64) * _TAIL ^ size) ^ _mix(view[first] & low)
        key ^= _mix((view[np.maximum(last - 8, first)] & low) + size)
    ordered = np.sort(key)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(repeated):
        return once
    seen: dict[tuple[int, bytes], int] = {}
    for i in np.flatnonzero(np.isin(key, repeated)).tolist():  # in text order
        line = (int(doc[i]), text[first[i] : last[i]])
        once[i] = seen.setdefault(line, i) == i
    return once


@cache
def _kind(key: int) -> int:
    """0: a character that folds to ASCII punctuation or space (a separator); 1: one that folds to
    itself; 2: one that folds to something else (its document is folded as a whole)."""
    char = key.to_bytes(4, "little").rstrip(b"\0").decode("utf-8", "replace")
    plain = fold(char)
    if plain == char:
        return 1
    return 0 if plain and all(c.isascii() and not c.isalnum() for c in plain) else 2


def _non_ascii(buf: npt.NDArray[np.uint8]) -> Ints:
    """Offsets of the bytes >= 0x80, found 8 bytes at a time (most text is ASCII)."""
    whole = len(buf) // 8
    packed = np.frombuffer(buf.data, dtype="<u8", count=whole) if whole else np.zeros(0, dtype=np.uint64)
    words = np.flatnonzero(packed & _HIGH_BITS)
    at = (words[:, None] * 8 + np.arange(8)).ravel()
    at = np.concatenate((at, np.arange(whole * 8, len(buf))))
    out: Ints = at[buf[at] >= 0x80]
    return out


def _chars(buf: npt.NDArray[np.uint8]) -> tuple[Ints, Ints, npt.NDArray[np.int8]]:
    """Offset, byte length and ``_kind`` of every non-ASCII character."""
    lead = _non_ascii(buf)
    lead = lead[buf[lead] >= 0xC0]
    size = np.where(buf[lead] >= 0xF0, 4, np.where(buf[lead] >= 0xE0, 3, 2)).astype(np.int64)
    size = np.minimum(size, len(buf) - lead)
    keys: npt.NDArray[np.uint32] = _keys32(buf, lead) & _LOW[size].astype(np.uint32)
    return lead, size, _kinds(keys, size)


_KINDS = np.full(0x110000, -1, dtype=np.int8)  # _kind by code point, filled as characters are met
_LEAD_BITS = np.array([0, 0, 0x1F, 0x0F, 0x07], dtype=np.uint32)  # payload bits of a lead byte, by length


def _kinds(keys: npt.NDArray[np.uint32], size: Ints) -> npt.NDArray[np.int8]:
    """The ``_kind`` of each character (UTF-8 bytes as a little-endian number, and their count)."""
    point = keys & _LEAD_BITS[size]
    for k in range(1, 4):  # continuation bytes: 6 bits each
        more = size > k
        point[more] = (point[more] << np.uint32(6)) | ((keys[more] >> np.uint32(8 * k)) & np.uint32(0x3F))
    point = np.minimum(point, len(_KINDS) - 1)
    new = np.flatnonzero(_KINDS[point] < 0)
    if len(new):
        first = new[np.unique(point[new], return_index=True)[1]]
        _KINDS[point[first]] = [_kind(k) for k in keys[first].tolist()]
    kinds: npt.NDArray[np.int8] = _KINDS[point]
    return kinds


def folded(text: bytes, bounds: Ints) -> tuple[bytes, Ints, Ints]:
    """The documents (one UTF-8 text, ``bounds``: each one's first byte) with those holding characters
    that fold to letters folded, each document's first byte, and the offsets of bytes that fold to separators."""
    lead, size, kinds = _chars(np.frombuffer(text, dtype=np.uint8))
    if (kinds == 2).any():
        text, bounds, lead, size, kinds = _fold_documents(text, bounds, lead, size, kinds)
    sep = kinds == 0
    lead, size = lead[sep], size[sep]
    offsets = np.concatenate([lead + k for k in range(4)])
    inside = np.concatenate([size > k for k in range(4)])
    return text, bounds, offsets[inside]


def _fold_documents(
    text: bytes, bounds: Ints, lead: Ints, size: Ints, kinds: npt.NDArray[np.int8]
) -> tuple[bytes, Ints, Ints, Ints, npt.NDArray[np.int8]]:
    """``folded`` for a text in which some documents hold characters that fold to letters: those documents
    are folded as a whole and only their characters measured again (the others' move with their document)."""
    owner = np.searchsorted(bounds, lead, side="right") - 1
    docs = np.unique(owner[kinds == 2])
    parts = _split(text, bounds)
    for d in docs.tolist():
        parts[d] = fold(parts[d].decode("utf-8", "replace")).encode("utf-8", "storyline.fffd")
    text, moved = _joined(parts)
    keep = ~np.isin(owner, docs)
    sub, sub_bounds = _joined([parts[d] for d in docs.tolist()])
    sub_lead, sub_size, sub_kinds = _chars(np.frombuffer(sub, dtype=np.uint8))
    sub_owner = np.searchsorted(sub_bounds, sub_lead, side="right") - 1
    lead = np.concatenate(
        (lead[keep] + (moved - bounds)[owner[keep]], sub_lead - sub_bounds[sub_owner] + moved[docs[sub_owner]])
    )
    return text, moved, lead, np.concatenate((size[keep], sub_size)), np.concatenate((kinds[keep], sub_kinds))


def _lower(x: U64) -> U64:
    """ASCII letters of 8 packed bytes in lower case: bit 5 is set on every byte below 0x80 (word
    bytes are letters, digits, which have it, or non-ASCII bytes, which are left alone)."""
    return x | ((~x & _HIGH_BITS) >> np.uint64(2))


def _words(text: bytes, bounds: Ints) -> tuple[_Words, bytes]:
    """Hash every word of the documents (one UTF-8 text, a newline between documents; ``bounds``: each
    document's first byte); also the folded text."""
    text, first_byte, separators = folded(text, bounds)
    # one padded copy serves both the word classes (a newline each side: not a word byte) and the 8-byte reads
    # (bytes past a word are masked off; a word of 9+ bytes is read back from its end, inside the word)
    padded = bytearray(_PAD)
    padded += text
    padded += _PAD
    cls = np.frombuffer(padded.translate(_WORD_TABLE), dtype=np.uint8)[7:-7]  # a bytearray: writable
    cls[separators + 1] = 0
    edges = np.flatnonzero(cls[1:] != cls[:-1])  # alternately a word's first byte and its end
    starts, ends = edges[0::2], edges[1::2]
    first = np.append(np.searchsorted(edges, first_byte) // 2, len(starts))  # a document starts outside a word
    head_view = np.ndarray((len(text) + 1,), dtype="<u8", buffer=padded, offset=8, strides=(1,))
    length = ends - starts
    head = _lower(head_view[starts]) & _LOW[np.minimum(length, 8)]
    long = np.flatnonzero(length > 8)
    tail = np.zeros(len(starts), dtype=np.uint64)
    tail[long] = _lower(head_view[ends[long] - 8])
    with np.errstate(over="ignore"):
        hashes = _mix(head ^ (tail * _TAIL) ^ length.astype(np.uint64))
    return _Words(hashes, starts, ends, first, text), text


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
    words, _ = _words(*_joined([p.encode("utf-8") for p in phrases]))
    grams: dict[int, list[int]] = {}
    first = np.zeros(1 << _FILTER_BITS, dtype=bool)
    for d in range(len(phrases)):
        lo, hi = int(words.first[d]), int(words.first[d + 1])
        if hi > lo:
            grams.setdefault(hi - lo, []).append(int(_gram(words.hashes, np.array([lo]), hi - lo)[0]))
            first[int(words.hashes[lo]) & ((1 << _FILTER_BITS) - 1)] = True
    return _Phrases({n: np.array(g, dtype=np.uint64) for n, g in grams.items()}, first)


def _furniture_words(words: _Words) -> npt.NDArray[np.bool_] | None:
    """Which words sit in a line holding a furniture phrase, its words consecutive in that line
    (None when no line does)."""
    phrases, n = _phrases(), len(words.hashes)
    at = np.flatnonzero(phrases.first[(words.hashes & np.uint64((1 << _FILTER_BITS) - 1)).astype(np.int64)])
    spans: set[tuple[int, int]] = set()  # (first byte, end) of each line holding a phrase
    text = words.text
    for size, grams in phrases.grams.items():
        here = at[at + size <= n]
        here = here[np.isin(_gram(words.hashes, here, size), grams)]
        for start, end in zip(words.starts[here].tolist(), words.ends[here + size - 1].tolist(), strict=True):
            line_end = text.find(b"\n", start)  # few hits: each line found by its own search
            line_end = len(text) if line_end < 0 else line_end
            if end <= line_end:  # the phrase does not run past its line
                spans.add((text.rfind(b"\n", 0, start) + 1, line_end))
    if not spans:
        return None
    lo, hi = np.array(sorted(spans), dtype=np.int64).T
    marks = np.zeros(n + 1, dtype=np.int64)
    np.add.at(marks, np.searchsorted(words.starts, lo), 1)
    np.add.at(marks, np.searchsorted(words.starts, hi), -1)
    return np.cumsum(marks[:-1]) > 0


def shingle_texts(texts: Sequence[str], size: int, sentences: bool = True) -> Shingled:
    """Shingles of raw documents (folded here) by their ``compared_lines``, furniture lines dropped."""
    words, _ = _words(*compared(texts, sentences))
    hashes, first = words.hashes, words.first
    drop = _furniture_words(words)
    if drop is not None:
        kept_before = np.concatenate(([0], np.cumsum(~drop)))
        hashes, first = hashes[~drop], kept_before[first]
    counts = np.diff(first)
    windows = np.where(counts >= size, counts - size + 1, np.minimum(counts, 1))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(windows, out=offsets[1:])
    prefix = _prefix(hashes)
    keep = np.ones(len(hashes), dtype=bool)  # windows starting at one of a document's last size - 1 words cross
    for k in range(1, size):  # into the next document: dropped
        at = first[1:] - k
        keep[at[at >= first[:-1]]] = False
    short = np.flatnonzero((counts > 0) & (counts < size))  # one shingle of all their words, in their first slot
    keep[first[short]] = True
    shingles = _windows(prefix, size)[keep]
    shingles[offsets[short]] = _span(prefix, first[short], first[short + 1])
    body = np.where(counts > 0, _mix(_span(prefix, first[:-1], first[1:]) ^ counts.astype(np.uint64)), np.uint64(0))
    return Shingled(ShingleBatch(_mix(shingles), offsets), counts, body)


def _windows(prefix: U64, size: int) -> U64:
    """``_span`` of the run of ``size`` values from each position (zero where fewer than ``size`` are left)."""
    out = np.empty(len(prefix) - 1, dtype=np.uint64)
    n = len(prefix) - size
    out[max(n, 0) :] = 0
    if n > 0:
        with np.errstate(over="ignore"):
            np.subtract(prefix[size:], prefix[:n], out=out[:n])
            out[:n] *= _powers(_BASE, len(prefix) - 1)[size - 1 :]
    return out


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
    words, text = _words(*compared(texts, sentences))
    drop = _furniture_words(words)
    out: list[list[str]] = []
    for d in range(len(texts)):
        at = range(int(words.first[d]), int(words.first[d + 1]))
        out.append([_plain(text[words.starts[k] : words.ends[k]]) for k in at if drop is None or not drop[k]])
    return out


def _plain(word: bytes) -> str:
    """A word as compared: ASCII letters lower-cased."""
    return word.decode("utf-8", "replace").translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
