"""Syndication groups from signatures: LSH candidates, verified pairs, union, canonical copy.

Candidates come from LSH buckets, all bands at once in numpy: in each bucket the members are
compared with the bucket's first member (the longest); members that fail are compared among
themselves in the next round, so a bucket shared by unrelated documents costs little. Verified
pairs and exact body-hash matches are joined with union-find; the canonical member of a group is
the longest body, the earliest publication breaking ties, then input order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.dedup.minhash import Params, Signatures, band_keys, duplicates, similarity

Ints = npt.NDArray[np.int64]
_ROUNDS = 4  # comparison rounds per bucket; later rounds only see members that failed before
_BANDS_AT_ONCE = 16
_PAIRS_AT_ONCE = 100_000
QUORUM = 0.5  # share of a group's members a newcomer must duplicate to join it
_VOTERS = 256  # past this many earlier members of a component, only group centres are compared


@dataclass(slots=True)
class Assignment:
    """Per document: index of its group's canonical member, and its similarity to that member."""

    canonical: Ints
    similarity: npt.NDArray[np.float64]


def _find(parent: list[int], i: int) -> int:
    """Root of ``i`` with path halving."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def components(n: int, left: Ints, right: Ints) -> Ints:
    """Connected-component label (smallest member index) of each of ``n`` nodes joined by the pairs."""
    parent = list(range(n))
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([_find(parent, i) for i in range(n)], dtype=np.int64)


def candidate_pairs(sigs: Signatures, sizes: Ints, priority: Ints, params: Params) -> tuple[Ints, Ints]:
    """Verified near-duplicate pairs (i, j) from LSH buckets; ``priority`` orders a bucket (lower first)."""
    docs = np.flatnonzero(sizes > 0)
    docs = docs[np.argsort(priority[docs], kind="stable")]  # entries in priority order; sorts below are stable
    lefts: list[Ints] = [np.zeros(0, dtype=np.int64)]
    rights: list[Ints] = [np.zeros(0, dtype=np.int64)]
    for first in range(0, params.bands, _BANDS_AT_ONCE):  # a few bands at a time bounds peak memory
        last = min(first + _BANDS_AT_ONCE, params.bands)
        part = band_keys(sigs, params, first, last)[docs]  # the band is folded into each key
        left, right = _bucket_rounds(part.ravel(), np.repeat(docs, part.shape[1]), sigs, sizes, params)
        lefts.append(left)
        rights.append(right)
    return np.concatenate(lefts), np.concatenate(rights)


def _bucket_rounds(
    key: npt.NDArray[np.uint64], doc: Ints, sigs: Signatures, sizes: Ints, params: Params
) -> tuple[Ints, Ints]:
    """Compare bucket members with the bucket head, round after round among those that failed.

    Entries arrive in priority order; one stable sort by key makes buckets with their best member
    first, and the members kept for the next round stay in that order, so nothing is sorted again.
    """
    n = len(sigs)
    order = np.argsort(key, kind="stable")
    key, doc = key[order], doc[order]
    lefts: list[Ints] = []
    rights: list[Ints] = []
    for _ in range(_ROUNDS):
        head = np.ones(len(key), dtype=bool)
        head[1:] = key[1:] != key[:-1]
        if head.all():
            break
        rep = doc[np.maximum.accumulate(np.where(head, np.arange(len(head)), 0))]
        member = np.flatnonzero(~head)
        pair_code = doc[member] * n + rep[member]
        codes = np.unique(pair_code)
        left, right = codes // n, codes % n
        ok = pairwise(duplicates, sigs, sizes, left, right, params)
        lefts.append(left[ok])
        rights.append(right[ok])
        failed = member[~ok[np.searchsorted(codes, pair_code)]]
        key, doc = key[failed], doc[failed]
    if not lefts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(lefts), np.concatenate(rights)


def pairwise(
    measure: Callable[[Signatures, Signatures, Ints, Ints, Params], npt.NDArray[Any]],
    sigs: Signatures,
    sizes: Ints,
    left: Ints,
    right: Ints,
    params: Params,
) -> npt.NDArray[Any]:
    """``measure`` of the pairs (left[i], right[i]), a slice at a time so that no copy of all rows is made."""
    step = _PAIRS_AT_ONCE
    slices = [(left[i : i + step], right[i : i + step]) for i in range(0, len(left), step)] or [(left, right)]
    return np.concatenate([measure(sigs[a], sigs[b], sizes[a], sizes[b], params) for a, b in slices])


def exact_pairs(body_hashes: list[str], sizes: Ints) -> tuple[Ints, Ints]:
    """Pairs (doc, first doc with the same normalised body hash), empty bodies left out."""
    first: dict[str, int] = {}
    left: list[int] = []
    right: list[int] = []
    for i, (digest, size) in enumerate(zip(body_hashes, sizes.tolist(), strict=True)):
        if size == 0:
            continue
        j = first.setdefault(digest, i)
        if j != i:
            left.append(i)
            right.append(j)
    return np.array(left, dtype=np.int64), np.array(right, dtype=np.int64)


def assign(
    sigs: Signatures, sizes: Ints, lengths: Ints, published: list[str | None], body_hashes: list[str], params: Params
) -> Assignment:
    """Group the documents and choose each group's canonical member."""
    n = len(sigs)
    priority = _priority(lengths, published)
    near_left, near_right = candidate_pairs(sigs, sizes, priority, params)
    same_left, same_right = exact_pairs(body_hashes, sizes)
    labels = components(n, np.concatenate((near_left, same_left)), np.concatenate((near_right, same_right)))
    canonical = np.arange(n, dtype=np.int64)
    order = np.lexsort((priority, labels))  # each component together, best candidate first
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    for members in np.split(order, bounds):
        if len(members) > 1:
            canonical[members] = _centres(members, sigs, sizes, params)
    sims = pairwise(similarity, sigs, sizes, np.arange(n), canonical, params)
    same_body = np.array([body_hashes[i] == body_hashes[c] for i, c in enumerate(canonical.tolist())], dtype=bool)
    return Assignment(canonical, np.where(same_body, 1.0, sims))


def _centres(members: Ints, sigs: Signatures, sizes: Ints, params: Params) -> Ints:
    """Split a linked component into groups: each member, best first, joins the group in which it
    duplicates the largest share of members, if that share reaches QUORUM; else it starts a group.
    A chain A~B~C joins C to A's group only when C duplicates enough of the group, not one link.
    In very large components only the groups' canonical members vote, which keeps the cost linear."""
    out = np.empty(len(members), dtype=np.int64)
    out[0] = members[0]
    for k in range(1, len(members)):
        doc = int(members[k])
        earlier, labels = (members[:k], out[:k]) if k <= _VOTERS else (np.unique(out[:k]),) * 2
        a, sa = np.broadcast_to(sigs[doc], (len(earlier), sigs.shape[1])), np.full(len(earlier), sizes[doc])
        ok = duplicates(a, sigs[earlier], sa, sizes[earlier], params)
        groups, inverse = np.unique(labels, return_inverse=True)
        share = np.bincount(inverse, weights=ok, minlength=len(groups)) / np.bincount(inverse, minlength=len(groups))
        best = int(np.argmax(share))
        out[k] = groups[best] if share[best] >= QUORUM else doc
    return out


def _priority(lengths: Ints, published: list[str | None]) -> Ints:
    """Rank of each document as a canonical candidate: longest, then earliest published, then first seen."""
    n = len(lengths)
    dates = np.array([p or "\uffff" for p in published], dtype=object)
    date_rank = np.unique(dates, return_inverse=True)[1] if n else np.zeros(0, dtype=np.int64)
    order = np.lexsort((np.arange(n), date_rank, -lengths))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return rank
