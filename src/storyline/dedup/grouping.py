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
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from storyline.dedup.minhash import Params, Rows, Signatures, band_keys, compact, duplicates, similarity

Ints = npt.NDArray[np.int64]
_ROUNDS = 4  # comparison rounds per bucket; later rounds only see members that failed before
_ENTRIES_AT_ONCE = 1_000_000  # band keys sorted at once (documents x bands): bounds peak memory
_MIN_BANDS_AT_ONCE = 16  # ... but at least this many bands a step (see candidate_pairs)
_PAIRS_AT_ONCE = 100_000  # pairs of compact rows gathered at once (fewer of full rows)
UNEVEN = 2.0  # pairs are settled by full values when one side has this many times the other's shingles
QUORUM = 0.5  # share of a group's members a newcomer must duplicate to join it
_CLIQUE_MAX = 24  # components up to this size are first checked as cliques, all of one size at once
_VOTERS = 256  # past this many earlier members of a component, only group centres are compared


class Compared(NamedTuple):
    """Signatures as compared: ``compact`` rows for the quick test, ``full`` ones to settle the uneven pairs
    (their value order estimates containment: see minhash._order_share)."""

    compact: Rows
    full: Rows


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


def candidate_pairs(
    sigs: Signatures, sizes: Ints, priority: Ints, params: Params, rows: Compared | None = None
) -> tuple[Ints, Ints]:
    """Verified near-duplicate pairs (i, j) from LSH buckets; ``priority`` orders a bucket (lower first);
    keys come from ``sigs``, comparisons use ``rows`` (see Compared and verified; default ``sigs`` for both).

    Each entry is one 64-bit number: the band key's high bits and the document's priority rank in the
    low bits, so a plain sort (band by band) puts buckets together with their members in priority order."""
    rows = Compared(sigs, sigs) if rows is None else rows
    docs = np.flatnonzero(sizes > 0)
    docs = docs[np.argsort(priority[docs], kind="stable")]  # rank r is docs[r]
    bits = max(1, (len(docs) - 1).bit_length())
    low = np.uint64((1 << bits) - 1)
    ranks = np.arange(len(docs), dtype=np.uint64)
    lefts: list[Ints] = [np.zeros(0, dtype=np.int64)]
    rights: list[Ints] = [np.zeros(0, dtype=np.int64)]
    # all bands at once when they fit; never fewer than _MIN_BANDS_AT_ONCE, or a pair shared by many bands comes
    # back from every step (at 1M documents, one band a step multiplied the pairs and doubled peak memory)
    step = min(params.bands, max(_MIN_BANDS_AT_ONCE, _ENTRIES_AT_ONCE // max(len(docs), 1)))
    for first in range(0, params.bands, step):  # a pair shared by several bands of a step is verified once
        last = min(first + step, params.bands)
        packed = band_keys(sigs, params, first, last)[docs]  # the band is folded into each key
        packed &= ~low
        packed |= ranks[:, None]
        packed = np.sort(packed.T, axis=1).ravel()  # band by band (keys of two bands never meet): shorter sorts
        left, right = _bucket_rounds(packed & ~low, docs[(packed & low).astype(np.int64)], rows, sizes, params)
        lefts.append(left)
        rights.append(right)
    return _distinct(np.concatenate(lefts), np.concatenate(rights), len(sigs))


def _distinct(left: Ints, right: Ints, n: int) -> tuple[Ints, Ints]:
    """Each unordered pair once (pairs found in several steps of bands come back once per step)."""
    codes = np.unique(np.minimum(left, right) * n + np.maximum(left, right))
    return codes // n, codes % n


def _bucket_rounds(
    key: npt.NDArray[np.uint64], doc: Ints, sigs: Compared, sizes: Ints, params: Params
) -> tuple[Ints, Ints]:
    """Compare bucket members with the bucket head, round after round among those that failed.

    Entries arrive sorted by key, each bucket in priority order (best member first); the members
    kept for the next round stay in that order, so nothing is sorted again.
    """
    n = len(sigs.full)
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
        codes, pair = _unique_inverse(pair_code)
        left, right = codes // n, codes % n
        ok = verified(sigs, sizes, left, right, params)
        lefts.append(left[ok])
        rights.append(right[ok])
        failed = member[~ok[pair]]
        key, doc = key[failed], doc[failed]
    if not lefts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(lefts), np.concatenate(rights)


def _unique_inverse(values: Ints) -> tuple[Ints, Ints]:
    """``np.unique(values, return_inverse=True)`` for non-negative values: one plain sort of each value with its
    position in the low bits (a plain sort is cheaper than the argsort np.unique makes), when both fit in 64 bits."""
    bits = max(1, (len(values) - 1).bit_length())
    if not len(values) or int(values.max()).bit_length() + bits > 64:
        codes, inverse = np.unique(values, return_inverse=True)
        return codes, inverse.ravel()
    packed = (values.astype(np.uint64) << np.uint64(bits)) | np.arange(len(values), dtype=np.uint64)
    packed.sort()
    ordered = (packed >> np.uint64(bits)).astype(np.int64)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[(packed & np.uint64((1 << bits) - 1)).astype(np.int64)] = np.cumsum(first) - 1
    return ordered[first], inverse


def pairwise(
    measure: Callable[[Rows, Rows, Ints, Ints, Params], npt.NDArray[Any]],
    sigs: Rows,
    sizes: Ints,
    left: Ints,
    right: Ints,
    params: Params,
) -> npt.NDArray[Any]:
    """``measure`` of the pairs (left[i], right[i]), a slice at a time so that no copy of all rows is made."""
    step = _PAIRS_AT_ONCE * 2 // sigs.itemsize  # the same bytes a slice for compact (2-byte) and full rows
    slices = [(left[i : i + step], right[i : i + step]) for i in range(0, len(left), step)] or [(left, right)]
    return np.concatenate([measure(sigs[a], sigs[b], sizes[a], sizes[b], params) for a, b in slices])


def verified(sigs: Compared, sizes: Ints, left: Ints, right: Ints, params: Params) -> npt.NDArray[np.bool_]:
    """Which pairs are near-duplicates: the compact rows, or the full ones for uneven pairs (whose containment
    both estimates settle: see minhash._estimates); within UNEVEN sizes a containment of ``params.containment``
    already gives a Jaccard near ``threshold``."""
    ok: npt.NDArray[np.bool_] = pairwise(duplicates, sigs.compact, sizes, left, right, params)
    small, large = np.minimum(sizes[left], sizes[right]), np.maximum(sizes[left], sizes[right])
    again = np.flatnonzero(large >= UNEVEN * small)
    if len(again) and sigs.full is not sigs.compact:
        ok[again] = pairwise(duplicates, sigs.full, sizes, left[again], right[again], params)
    return ok


def exact_pairs(body_hashes: npt.NDArray[np.uint64], sizes: Ints) -> tuple[Ints, Ints]:
    """Pairs (doc, first doc with the same normalised body hash), empty bodies left out."""
    docs = np.flatnonzero(sizes > 0)
    _, first, inverse = np.unique(body_hashes[docs], return_index=True, return_inverse=True)
    same = docs[first][inverse.ravel()]
    differ = same != docs
    return docs[differ], same[differ]


def assign(
    sigs: Signatures,
    sizes: Ints,
    lengths: Ints,
    published: list[str | None],
    body_hashes: npt.NDArray[np.uint64],
    params: Params,
) -> Assignment:
    """Group the documents and choose each group's canonical member."""
    n = len(sigs)
    priority = _priority(lengths, published)
    rows = Compared(compact(sigs), sigs)
    near_left, near_right = candidate_pairs(sigs, sizes, priority, params, rows)
    same_left, same_right = exact_pairs(body_hashes, sizes)
    left, right = np.concatenate((near_left, same_left)), np.concatenate((near_right, same_right))
    labels = components(n, left, right)
    del near_left, near_right, same_left, same_right
    canonical = np.arange(n, dtype=np.int64)
    order = np.lexsort((priority, labels))  # each component together, best candidate first
    starts = np.concatenate(([0], np.flatnonzero(np.diff(labels[order])) + 1))
    counts = np.diff(np.append(starts, n))
    rest = _settle_cliques(canonical, order, starts, counts, rows, sizes, params)
    graph = _Neighbours(n, left, right) if any(count > _VOTERS for _, count in rest) else None
    for first, count in rest:
        members = order[first : first + count]
        canonical[members] = _centres(members, rows, sizes, params, graph)
    sims = (sizes > 0).astype(np.float64)  # a document alone is itself (an empty one matches nothing)
    joined = np.flatnonzero(canonical != np.arange(n))
    sims[joined] = pairwise(similarity, sigs, sizes, joined, canonical[joined], params)
    same_body = (body_hashes == body_hashes[canonical]) & (sizes > 0)
    return Assignment(canonical, np.where(same_body, 1.0, sims))


def _settle_cliques(
    canonical: Ints, order: Ints, starts: Ints, counts: Ints, sigs: Compared, sizes: Ints, params: Params
) -> list[tuple[int, int]]:
    """Point the members of small cliques at their best member; return the other components.

    A small component whose members all duplicate each other is one group around its best member
    (what ``_centres`` would find); all such components of one size are checked at once. Components
    are given as (first position in ``order``, member count)."""
    rest: list[tuple[int, int]] = []
    for m in np.unique(counts[counts > 1]).tolist():
        firsts = starts[counts == m]
        if m > _CLIQUE_MAX:
            rest += [(f, m) for f in firsts.tolist()]
            continue
        i, j = np.triu_indices(m, 1)
        left, right = order[firsts[:, None] + i].ravel(), order[firsts[:, None] + j].ravel()
        clique = verified(sigs, sizes, left, right, params).reshape(len(firsts), -1).all(axis=1)
        rest += [(f, m) for f in firsts[~clique].tolist()]
        settled = firsts[clique]
        canonical[order[settled[:, None] + np.arange(m)]] = order[settled][:, None]
    return rest


class _Neighbours:
    """Each document's linked documents (verified pairs and equal bodies), as CSR arrays."""

    def __init__(self, n: int, left: Ints, right: Ints) -> None:
        ends = np.concatenate((left, right))
        self.others = np.concatenate((right, left))[np.argsort(ends, kind="stable")]
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(ends, minlength=n), out=self.indptr[1:])

    def of(self, doc: int) -> Ints:
        """The documents linked to ``doc``."""
        return self.others[self.indptr[doc] : self.indptr[doc + 1]]


def _centres(members: Ints, sigs: Compared, sizes: Ints, params: Params, graph: _Neighbours | None) -> Ints:
    """Split a linked component into groups: each member, best first, joins the group in which it
    duplicates the largest share of members, if that share reaches QUORUM; else it starts a group.
    A chain A~B~C joins C to A's group only when C duplicates enough of the group, not one link.
    The first _VOTERS members are compared pairwise at once; a later member is compared only with
    the canonical members of its linked documents' groups, which keeps the cost linear."""
    head = members[:_VOTERS]
    i, j = np.triu_indices(len(head), 1)
    dup = np.zeros((len(head), len(head)), dtype=bool)
    dup[j, i] = verified(sigs, sizes, head[i], head[j], params)
    out = [int(members[0])]
    for k, row in enumerate(dup.tolist()[1:], start=1):
        out.append(_vote(int(members[k]), row[:k], out))
    if len(members) > len(head) and graph is not None:
        group = dict(zip(head.tolist(), out, strict=True))
        late = members[len(head) :].tolist()
        for wave in _waves(late, graph):
            _join_centres(wave, group, graph, sigs, sizes, params)
        out += [group[doc] for doc in late]
    return np.array(out, dtype=np.int64)


def _waves(late: list[int], graph: _Neighbours) -> list[list[int]]:
    """The later members in waves: a member comes in the wave after the last earlier member it is linked
    to, so the groups of all earlier members it is linked to are settled when its wave is compared."""
    level: dict[int, int] = {}
    for doc in late:
        level[doc] = 1 + max((level[d] for d in graph.of(doc).tolist() if d in level), default=-1)
    waves: list[list[int]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for doc in late:
        waves[level[doc]].append(doc)
    return waves


def _join_centres(
    wave: list[int], group: dict[int, int], graph: _Neighbours, sigs: Compared, sizes: Ints, params: Params
) -> None:
    """Each member of a wave joins the first (lowest) centre it duplicates among the groups of its
    settled linked documents, else starts its own group; all pairs of the wave compared at once."""
    centres = [sorted({group[d] for d in graph.of(doc).tolist() if d in group}) for doc in wave]
    left = np.repeat(np.array(wave, dtype=np.int64), [len(c) for c in centres])
    right = np.array([c for cs in centres for c in cs], dtype=np.int64)
    ok = verified(sigs, sizes, left, right, params).tolist()
    at = 0
    for doc, cs in zip(wave, centres, strict=True):
        hit = next((c for c, same in zip(cs, ok[at : at + len(cs)], strict=True) if same), doc)
        group[doc], at = hit, at + len(cs)


def _vote(doc: int, dup: list[bool], labels: list[int]) -> int:
    """The group (canonical doc) whose voters ``doc`` duplicates in the largest share, if past QUORUM."""
    tally: dict[int, list[int]] = {}
    for same, label in zip(dup, labels, strict=True):
        votes = tally.setdefault(label, [0, 0])
        votes[0] += same
        votes[1] += 1
    best, share = doc, -1.0
    for label in sorted(tally):
        hits, total = tally[label]
        if hits / total > share:
            best, share = label, hits / total
    return best if share >= QUORUM else doc


def _priority(lengths: Ints, published: list[str | None]) -> Ints:
    """Rank of each document as a canonical candidate: longest, then earliest published, then first seen."""
    n = len(lengths)
    if any(published):
        date_rank = np.unique(np.array([p or "\uffff" for p in published], dtype=object), return_inverse=True)[1]
    else:  # no dates (the filter's usual input): nothing to sort
        date_rank = np.zeros(n, dtype=np.int64)
    order = np.lexsort((np.arange(n), date_rank, -lengths))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return rank
