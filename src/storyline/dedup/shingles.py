"""Word-shingle hashes for many documents at once, without a Python loop per shingle.

The words of a batch are joined into one byte string; a polynomial hash over bytes (mod 2**64,
computed with prefix sums in numpy) gives the hash of any span in O(1), so the hash of each window
of ``size`` words is one vector operation. A splitmix64 finaliser then mixes the weak low bits.
A document with fewer words than ``size`` gets one shingle of all its words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
_BASE = 0x100000001B3  # odd, so invertible mod 2**64
_BASE_INV = pow(_BASE, -1, 2**64)
_SEP = b"\x01"  # not a word character: marks the boundary between documents


@dataclass(slots=True)
class ShingleBatch:
    """Shingle hashes of a batch: doc ``i`` owns ``hashes[offsets[i]:offsets[i + 1]]``.

    Shingles are not made distinct: repeated lines are dropped before shingling, so the count of
    windows is close to the count of distinct shingles, and MinHash ignores repeats anyway.
    """

    hashes: U64
    offsets: npt.NDArray[np.int64]

    def sizes(self) -> npt.NDArray[np.int64]:
        """Number of shingles per document."""
        return np.diff(self.offsets)


def _mix(x: U64) -> U64:
    """splitmix64 finaliser: every input bit affects every output bit."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


_POWERS: dict[int, U64] = {}
_BLOCK = 4096


def _powers(base: int, n: int) -> U64:
    """base**0 .. base**(n-1) mod 2**64, cached; built block-wise (one multiply per element, no long cumprod)."""
    have = _POWERS.get(base)
    if have is None or len(have) < n:
        blocks = -(-max(n, _BLOCK) // _BLOCK)
        blocks = 1 << (blocks - 1).bit_length()  # round up to a power of two: few rebuilds
        with np.errstate(over="ignore"):
            first = np.full(_BLOCK, base, dtype=np.uint64)
            first[0] = 1
            first = np.cumprod(first, dtype=np.uint64)
            step = np.uint64(pow(base, _BLOCK, 2**64))
            starts = np.full(blocks, step, dtype=np.uint64)
            starts[0] = 1
            starts = np.cumprod(starts, dtype=np.uint64)
            have = _POWERS[base] = (starts[:, None] * first[None, :]).ravel()
    return have[:n]


def _span_hashes(buf: npt.NDArray[np.uint8], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]) -> U64:
    """Polynomial hashes of the byte spans buf[starts[i]:ends[i]]."""
    n = len(buf)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum((buf.astype(np.uint64) + np.uint64(1)) * _powers(_BASE_INV, n), dtype=np.uint64, out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * _powers(_BASE, n)[ends - 1]


def shingle_batch(docs: Sequence[bytes], size: int) -> ShingleBatch:
    """Hashes of the ``size``-word shingles of each document (words joined by single spaces)."""
    joined = (b" " + _SEP + b" ").join(docs)
    buf = np.frombuffer(joined, dtype=np.uint8)
    spaces = np.flatnonzero(buf == 32)
    starts = np.concatenate(([0], spaces + 1)).astype(np.int64)
    ends = np.concatenate((spaces, [len(buf)])).astype(np.int64)
    padded = np.append(buf, np.uint8(0))  # an empty last document starts at len(buf)
    is_sep = (padded[starts] == _SEP[0]) & (ends - starts == 1)
    doc_of_word = np.cumsum(is_sep)
    empty = np.array([not words for words in docs], dtype=bool)
    # an empty document still occupies one (empty) word slot between separators
    keep = ~is_sep & ~empty[np.minimum(doc_of_word, max(len(docs) - 1, 0))] if len(docs) else is_sep
    starts, ends, doc_of_word = starts[keep], ends[keep], doc_of_word[keep]
    hashes, owners = _windows(buf, starts, ends, doc_of_word, len(docs), size)
    if len(owners) and np.any(owners[1:] < owners[:-1]):  # short documents' shingles were appended
        order = np.argsort(owners, kind="stable")
        hashes, owners = hashes[order], owners[order]
    offsets = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(np.bincount(owners, minlength=len(docs)), out=offsets[1:])
    return ShingleBatch(hashes, offsets)


def _windows(
    buf: npt.NDArray[np.uint8],
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    doc_of_word: npt.NDArray[np.int64],
    n_docs: int,
    size: int,
) -> tuple[U64, npt.NDArray[np.int64]]:
    """Hashes of every in-document window of ``size`` words, and whole-text shingles of short documents."""
    words_per_doc = np.bincount(doc_of_word, minlength=n_docs)
    span = min(size, max(len(starts), 1))
    first, last = np.arange(0, len(starts) - span + 1), np.arange(span - 1, len(starts))
    inside = doc_of_word[first] == doc_of_word[last]
    first, last = first[inside], last[inside]
    short = np.flatnonzero((words_per_doc > 0) & (words_per_doc < size))
    if len(short):  # whole text of documents shorter than one shingle
        doc_first = np.searchsorted(doc_of_word, short)
        first = np.concatenate((first[words_per_doc[doc_of_word[first]] >= size], doc_first))
        last = np.concatenate((last[words_per_doc[doc_of_word[last]] >= size], doc_first + words_per_doc[short] - 1))
    hashes = _mix(_span_hashes(buf, starts[first], ends[last])) if len(first) else np.zeros(0, np.uint64)
    return hashes, doc_of_word[first]
