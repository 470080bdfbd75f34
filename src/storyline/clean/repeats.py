"""Repeated blocks: lines that say again, exactly or nearly, what an earlier line said.

Near repeats are found through an inverted index of a bottom-k sketch of each line's word
3-shingles, so the cost grows with the number of lines, not with its square.
"""

from __future__ import annotations

import re
from collections import defaultdict

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_WORDS = 8  # shorter lines (menu items, headings, code) repeat by nature; structure handles them
SIMILARITY = 0.9  # shared shingles over the larger line's shingles
ONE_WORD = 3  # shingles one changed word touches: a short line with one word changed is still a repeat


Shingle = tuple[str, ...]


def _shingles(words: list[str]) -> set[Shingle]:
    """Word 3-shingles of a line's words (the whole line when it is very short)."""
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


MAX_CANDIDATES = 64  # earlier lines compared in full; bounds the work on pages of near-identical lines
SKETCH = 8  # shingles indexed per line: the first in sorted order, a bottom-k sketch that needs no hash seed


def repeat_groups(lines: list[str], tokens: list[list[str]] | None = None) -> dict[int, int]:
    """Map each repeated line's index to the first line it repeats (``tokens``: the lines' lower-cased words)."""
    first_of: dict[int, int] = {}
    exact: dict[str, int] = {}
    index: defaultdict[Shingle, list[int]] = defaultdict(list)
    shingle_sets: dict[int, set[Shingle]] = {}
    for i, line in enumerate(lines):
        if len(line) < 2 * MIN_WORDS - 1:  # too short to hold that many words
            continue
        words = tokens[i] if tokens is not None else _WORD.findall(line.lower())
        if len(words) < MIN_WORDS:
            continue
        key = " ".join(words)
        if key in exact:
            first_of[i] = first_of.get(exact[key], exact[key])
            continue
        exact[key] = i
        shingles = _shingles(words)
        sketch = sorted(shingles)[:SKETCH]
        match = _near_match(shingles, sketch, index, shingle_sets)
        if match is not None:
            first_of[i] = first_of.get(match, match)
            continue  # the first line stands for its repeats, so the index stays small
        for s in sketch:
            index[s].append(i)
        shingle_sets[i] = shingles
    return first_of


def _near_match(
    shingles: set[Shingle],
    sketch: list[Shingle],
    index: dict[Shingle, list[int]],
    shingle_sets: dict[int, set[Shingle]],
) -> int | None:
    """The earliest earlier line that shares a sketch shingle and enough shingles with this one, if any."""
    found = [index[s] for s in sketch if s in index]
    if not found:
        return None
    candidates = sorted(set().union(*found)) if len(found) > 1 else found[0]
    for j in candidates[:MAX_CANDIDATES]:
        other = shingle_sets[j]
        shared, larger = len(shingles & other), max(len(shingles), len(other))
        if shared >= SIMILARITY * larger or shared >= larger - ONE_WORD:
            return j
    return None
