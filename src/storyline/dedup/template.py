"""Site templates learned across a batch: the header and footer lines that pages of one site share.

Pages from one site start with the same menu lines and end with the same footer, around different
articles; copies of one article sit in different sites' templates. So pages are grouped by their
first line (and by their last), and the lines all pages of a group share at the start (the end) are
that site's header (footer). Stripping them leaves the article, even when the template holds
sentence-like text (cookie notices, teasers, comment sections) that a line filter would keep.
A group needs two pages; a page is not stripped below ``min_words`` words.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _common_prefix(a: list[str], b: list[str]) -> list[str]:
    """Longest common prefix of two line lists."""
    if a == b[: len(a)]:  # the usual case, compared in C: the page carries the whole known prefix
        return a
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


@dataclass(slots=True)
class Templates:
    """Headers keyed by a page's first line, footers by its last line, with how many pages share each."""

    heads: dict[str, tuple[list[str], int]] = field(default_factory=dict)
    tails: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def learn(self, lines: list[str]) -> None:
        """Fold one page's lines into the header and footer it shares with earlier pages."""
        if len(lines) < 2:
            return
        _merge(self.heads, lines)
        _merge(self.tails, lines[::-1])

    def strip(self, lines: list[str]) -> list[str]:
        """The page's lines without its site's shared header and footer."""
        if len(lines) < 2:
            return lines
        head = _shared(self.heads, lines)
        tail = _shared(self.tails, lines[::-1])
        return lines[head : max(head, len(lines) - tail)]


def _merge(table: dict[str, tuple[list[str], int]], lines: list[str]) -> None:
    """Shrink the stored prefix for the page's first line to what this page shares."""
    known = table.get(lines[0])
    table[lines[0]] = (lines, 1) if known is None else (_common_prefix(known[0], lines), known[1] + 1)


def _shared(table: dict[str, tuple[list[str], int]], lines: list[str]) -> int:
    """How many leading lines of the page are its group's shared prefix (0 when the group has one page)."""
    known = table.get(lines[0])
    if known is None or known[1] < 2:
        return 0
    return len(_common_prefix(known[0], lines))
