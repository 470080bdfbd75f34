"""Repeated blocks: lines that say again, exactly or nearly, what an earlier line said.

Exact repeats are found by their words; near repeats through an index of a few shingles taken at the
start and the end of each line (a near repeat with a word changed keeps one end or the other), and
confirmed by comparing all their word 3-shingles. The cost grows with the number of lines, not its
square, and the result does not depend on the hash seed.
"""

from __future__ import annotations

from typing import Any

from storyline.clean import speedups
from storyline.clean.lines import line_words

MIN_WORDS = 8  # shorter lines (menu items, headings, code) repeat by nature; structure handles them
SIMILARITY = 0.9  # shared shingles over the larger line's shingles
ONE_WORD = 3  # shingles one changed word touches: a short line with one word changed is still a repeat
MAX_CANDIDATES = 64  # earlier lines compared in full; bounds the work on pages of near-identical lines
ENDS = 3  # shingles indexed at each end of a line

Shingle = tuple[str, ...]


def _shingles(words: list[str]) -> set[Shingle]:
    """Word 3-shingles of a line's words (the whole line when it is very short)."""
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


def _sketch(words: list[str]) -> set[Shingle]:
    """The shingles at the start and at the end of a line: what a near repeat keeps of it."""
    if ENDS == 3 and len(words) >= ENDS + 2:  # every end shingle is whole: spelled out (same set, fewer steps)
        a, b, c, d, e = words[:5]
        v, w, x, y, z = words[-5:]
        return {(a, b, c), (b, c, d), (c, d, e), (v, w, x), (w, x, y), (x, y, z)}
    last = len(words) - 3
    return {tuple(words[i : i + 3]) for i in (*range(ENDS), *range(max(0, last - ENDS + 1), last + 1))}


def repeat_groups(lines: list[str], tokens: list[list[str]] | None = None, scan: Any = None) -> dict[int, int]:
    """Map each repeated line's index to the first line it repeats (``tokens``: each line's ``line_words``;
    ``scan``: the kernels' scan that found them, whose word ids the kernel reads; without ``tokens``, the Python code
    finds the words itself)."""
    if speedups.KERNELS is not None and (tokens is not None or scan is not None):
        groups: dict[int, int] | None = speedups.KERNELS.repeat_groups(lines, tokens, scan)
        if groups is not None:  # None: too many distinct words to pack the shingles
            return groups
    first_of: dict[int, int] = {}
    exact: dict[tuple[str, ...], int] = {}  # a line's words (no word holds a space: as good as joining them)
    index: dict[Shingle, list[int]] = {}
    words_of: dict[int, list[str]] = {}
    shingle_sets: dict[int, set[Shingle]] = {}
    for i, line in enumerate(lines):
        if len(line) < 2 * MIN_WORDS - 1:  # too short to hold that many words
            continue
        words = tokens[i] if tokens is not None else line_words(line)
        if len(words) < MIN_WORDS:
            continue
        key = tuple(words)
        if key in exact:
            first_of[i] = first_of.get(exact[key], exact[key])
            continue
        exact[key] = i
        sketch = _sketch(words)
        found = [bucket for bucket in map(index.get, sketch) if bucket]
        match = _near_match(words, found, words_of, shingle_sets) if found else None
        if match is not None:
            first_of[i] = first_of.get(match, match)
            continue  # the first line stands for its repeats, so the index stays small
        for s in sketch:
            bucket = index.get(s)
            if bucket is None:
                index[s] = [i]
            else:
                bucket.append(i)
        words_of[i] = words
    return first_of


def _near_match(
    words: list[str], found: list[list[int]], words_of: dict[int, list[str]], shingle_sets: dict[int, set[Shingle]]
) -> int | None:
    """The earliest earlier line among the candidates that shares enough shingles with this one, if any."""
    candidates = sorted(set().union(*found)) if len(found) > 1 else found[0]
    shingles = _shingles(words)
    for j in candidates[:MAX_CANDIDATES]:
        other = shingle_sets.get(j)
        if other is None:
            other = shingle_sets[j] = _shingles(words_of[j])
        shared, larger = len(shingles & other), max(len(shingles), len(other))
        if shared >= SIMILARITY * larger or shared >= larger - ONE_WORD:
            return j
    return None
