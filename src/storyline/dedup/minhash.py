"""MinHash signatures (rensa, Rust), LSH band keys, and similarity estimated from signatures.

Two documents are duplicates when their estimated Jaccard reaches ``threshold``, or their
containment (|A∩B| / the smaller set) reaches ``containment``: a copy cut to half its length keeps a
containment near 1 while its Jaccard falls to 0.5 or, inside other furniture, lower. Containment is estimated
from the Jaccard and the two sizes (only while the smaller copy still has ``min_shingles`` shingles), and, given
full 32-bit rows, also from the order of the values (``_order_share``: exactly 1 for a subset with at least
``order_evidence`` permutations behind it, i.e. sizes up to ~16x apart at 128 permutations; no ``min_shingles``
floor, so a short page wholly inside a longer one joins it). Where both estimates exist they are averaged, each
weighted by the inverse of its binomial variance (the estimate from sizes grows noisier as the sizes part, the
order one as fewer permutations stand behind it), so the decision sits at ``containment`` whatever the sizes:
the maximum of the two, used before, was biased up on uneven partial overlaps (simulated at 8x sizes, share
joined for a true containment of 0.5 / 0.6 / 0.7 / 0.8 / 0.9: maximum at 0.8 0.05 / 0.19 / 0.36 / 0.63 / 0.93,
this mean at 0.7 0.06 / 0.21 / 0.45 / 0.79 / 0.97). Defaults chosen on the dev set (eval/dedup.py).
"""

from __future__ import annotations

import array
import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import rensa

from storyline.dedup.shingles import ShingleBatch

Signatures = npt.NDArray[np.uint32]
Rows = npt.NDArray[np.unsignedinteger[Any]]  # signature rows to compare: full, or their low 16 bits (compact)
SEED = 1_907  # fixed: signatures are stored and must compare across runs
ROWS_PER_BAND = 2  # few rows per band: candidates down to Jaccard ~0.2, which containment then verifies


@dataclass(frozen=True, slots=True)
class Params:
    """How documents are compared: shingle size, signature length, bands, threshold."""

    shingle_size: int = 5
    permutations: int = 128
    bands: int = 64
    threshold: float = 0.3
    containment: float = 0.7
    min_shingles: int = 20
    order_evidence: int = 8

    @property
    def rows(self) -> int:
        """Signature rows per band."""
        return self.permutations // self.bands


def signatures(batch: ShingleBatch, permutations: int) -> Signatures:
    """One MinHash row per document of the batch (rows of empty documents are meaningless)."""
    n_docs = len(batch.offsets) - 1
    rows = [
        _digest(batch, first, min(first + _ROWS_PER_CALL, n_docs), permutations)
        for first in range(0, n_docs, _ROWS_PER_CALL)
    ]
    return np.concatenate(rows) if rows else np.zeros((0, permutations), dtype=np.uint32)


_ROWS_PER_CALL = 255  # rensa spreads a call of 256+ rows over its thread pool; one thread costs less CPU


def _digest(batch: ShingleBatch, first: int, last: int, permutations: int) -> Signatures:
    """MinHash rows of documents ``first``..``last`` of the batch."""
    offsets = batch.offsets[first : last + 1]
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        batch.hashes[offsets[0] : offsets[-1]], (offsets - offsets[0]).astype(np.uint64), permutations, SEED
    )
    flat = array.array("I", itertools.chain.from_iterable(matrix.to_rows()))  # no per-row numpy conversion
    return np.frombuffer(flat, dtype=np.uint32).reshape(last - first, permutations)


def compact(sigs: Signatures) -> npt.NDArray[np.uint16]:
    """The low 16 bits of each signature value: enough to compare (two different values agree by chance
    once in 65,536, which raises an estimated Jaccard by 0.00002) at half the memory traffic."""
    return sigs.astype(np.uint16)


def band_keys(sigs: Signatures, params: Params, first: int = 0, last: int | None = None) -> npt.NDArray[np.uint64]:
    """LSH keys of bands ``first``..``last`` (default all), shape (documents, bands): band folded in."""
    rows, last = params.rows, params.bands if last is None else last
    used = sigs[:, first * rows : last * rows].astype(np.uint64).reshape(len(sigs), last - first, rows)
    with np.errstate(over="ignore"):
        keys = np.zeros((len(sigs), last - first), dtype=np.uint64)
        for r in range(rows):
            keys = (keys ^ used[:, :, r]) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(r + 1)
        keys ^= np.arange(first, last, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
        keys ^= keys >> np.uint64(29)
    return keys


def _estimates(
    a: Rows, b: Rows, size_a: npt.NDArray[np.int64], size_b: npt.NDArray[np.int64], params: Params
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Estimated Jaccard and containment of row-aligned pairs: containment from Jaccard and sizes (none below
    ``min_shingles``), and with full rows also from the order of the values (none below ``order_evidence``);
    where both exist, their mean weighted by the inverse of each one's binomial variance."""
    same = (a == b).sum(axis=1, dtype=np.int32) if len(a) else np.zeros(0, dtype=np.int32)
    jaccard = same / a.shape[1] if len(a) else np.zeros(0)  # exact as .mean
    empty = (size_a == 0) | (size_b == 0)
    jaccard = np.where(empty, 0.0, jaccard)
    smaller = np.minimum(size_a, size_b).astype(np.float64)
    total = (size_a + size_b).astype(np.float64)
    shared = jaccard / (1.0 + jaccard) * total
    containment = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    containment = np.where(smaller >= params.min_shingles, np.minimum(containment, 1.0), 0.0)
    if a.dtype.itemsize < 4 or not len(a):  # compact rows: their order tells nothing
        return jaccard, containment
    # Var(Jaccard) = J(1 - J) / permutations; the containment from it moves (|A| + |B|) / (min (1 + J)^2) per unit
    # (sizes floored at 1: two empty sets would give a variance of 0 and a 0 / 0 weight, though they are set to 0)
    slope = np.maximum(total, 1.0) / np.maximum(smaller, 1.0) / (1.0 + jaccard) ** 2
    var_sizes = _binomial_variance(jaccard, a.shape[1]) * slope**2
    order, seen = _order_share(a, b, params, same)
    var_order = _binomial_variance(order, seen)
    weighted = (containment / var_sizes + order / var_order) / (1.0 / var_sizes + 1.0 / var_order)
    both = (smaller >= params.min_shingles) & (seen >= params.order_evidence)
    either = np.maximum(containment, order)  # where one estimate is missing it is 0: the other one
    return jaccard, np.where(empty, 0.0, np.where(both, weighted, either))


def _binomial_variance(share: npt.NDArray[np.float64], trials: npt.NDArray[np.int32] | int) -> npt.NDArray[np.float64]:
    """Variance of a share estimated from ``trials`` draws, p(1 - p) floored at one draw's worth (1 / trials), so
    a share of exactly 0 or 1 is not taken as certain."""
    n = np.maximum(trials, 1)
    out: npt.NDArray[np.float64] = np.maximum(share * (1.0 - share), 1.0 / n) / n
    return out


def _order_share(
    a: Rows, b: Rows, params: Params, same: npt.NDArray[np.int32] | None = None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int32]]:
    """Containment of either set in the other from the order of full MinHash values, and the permutations
    behind it.

    In each permutation the smallest value of A ∪ B is A's and B's alike (a shared shingle), or only one
    side's: a shingle that side has and the other lacks. So among the permutations where A's value is not
    above B's, the share of equal values estimates |A ∩ B| / |A| (0 with fewer than ``order_evidence`` such
    permutations). A copy cut short inside more furniture keeps this near 1 where the estimate from Jaccard
    and sizes (|B| much larger than |A|) is noisy: a set wholly inside the other gives exactly 1 (A's value is
    never below B's) as long as ``order_evidence`` values are equal (about permutations x |A| / |B| of them
    are). The result is the larger of the two sides' shares, with the count of permutations it rests on."""
    same = (a == b).sum(axis=1, dtype=np.int32) if same is None else same
    a_only = (a < b).sum(axis=1, dtype=np.int32)
    b_only = a.shape[1] - same - a_only
    shares = []
    for only in (a_only, b_only):
        seen = same + only
        shares.append((np.where(seen >= params.order_evidence, same / np.maximum(seen, 1), 0.0), seen))
    (share_a, seen_a), (share_b, seen_b) = shares
    first = share_a >= share_b
    return np.where(first, share_a, share_b), np.where(first, seen_a, seen_b).astype(np.int32)


def similarity(
    a: Rows, b: Rows, size_a: npt.NDArray[np.int64], size_b: npt.NDArray[np.int64], params: Params
) -> npt.NDArray[np.float64]:
    """Estimated max(Jaccard, containment) of row-aligned pairs of signatures (containment: see _estimates)."""
    jaccard, containment = _estimates(a, b, size_a, size_b, params)
    return np.maximum(jaccard, containment)


def duplicates(
    a: Rows, b: Rows, size_a: npt.NDArray[np.int64], size_b: npt.NDArray[np.int64], params: Params
) -> npt.NDArray[np.bool_]:
    """Which row-aligned pairs are near-duplicates (Jaccard or containment past its threshold)."""
    jaccard, containment = _estimates(a, b, size_a, size_b, params)
    return (jaccard >= params.threshold) | (containment >= params.containment)
