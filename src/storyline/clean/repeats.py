"""Repeated blocks: lines that say again, exactly or nearly, what an earlier line said.

Near repeats are found through an inverted index of word 3-shingles, so the cost grows with the
number of shingles, not with the square of the number of lines.
"""

from __future__ import annotations

import re
from collections import defaultdict

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_WORDS = 4  # shorter lines (menu items, "Share") repeat by nature; structure handles them
SIMILARITY = 0.7  # shared shingles over the larger line's shingles


def _shingles(text: str) -> set[int]:
    """Hashed word 3-shingles of a line (single words for very short lines)."""
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return {hash(tuple(words))} if words else set()
    return {hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)}


def repeat_groups(lines: list[str]) -> dict[int, int]:
    """Map each repeated line's index to the index of the first line it repeats."""
    first_of: dict[int, int] = {}
    exact: dict[str, int] = {}
    index: defaultdict[int, list[int]] = defaultdict(list)
    sizes: dict[int, int] = {}
    for i, line in enumerate(lines):
        key = " ".join(_WORD.findall(line.lower()))
        if len(key.split(" ")) < MIN_WORDS:
            continue
        if key in exact:
            first_of[i] = first_of.get(exact[key], exact[key])
            continue
        exact[key] = i
        shingles = _shingles(line)
        match = _near_match(shingles, index, sizes)
        if match is not None:
            first_of[i] = first_of.get(match, match)
        for s in shingles:
            index[s].append(i)
        sizes[i] = len(shingles)
    return first_of


def _near_match(shingles: set[int], index: dict[int, list[int]], sizes: dict[int, int]) -> int | None:
    """The earliest indexed line sharing enough shingles with this one, if any."""
    shared: defaultdict[int, int] = defaultdict(int)
    for s in shingles:
        for j in index.get(s, ()):
            shared[j] += 1
    best = None
    for j, n in shared.items():
        if n / max(len(shingles), sizes[j]) >= SIMILARITY and (best is None or j < best):
            best = j
    return best
