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

from storyline.dedup.text import CLOSERS, ENDS


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


MAX_KEYS = 20_000  # distinct first (last) lines remembered; singletons are dropped past this
MAX_LINES = 400  # lines of a shared run remembered


@dataclass(slots=True)
class Shared:
    """Lines that all pages of a group share at one end, how many pages, and their line at the other end."""

    lines: list[str]
    pages: int
    other_end: str | None  # the other end's line when every page of the group has the same one, else None


@dataclass(slots=True)
class Templates:
    """Headers keyed by a page's first line, footers by its last line, with how many pages share each.

    A shared run is trusted as a site template when the group's pages also agree at the other end
    (one site: same menu and same footer), or when the run is mostly short, non-sentence lines
    (menus, links). Copies of one story in frames without a footer share their last paragraphs
    but not their first line; those paragraphs are story, not template, and are kept.
    """

    heads: dict[str, Shared] = field(default_factory=dict)
    tails: dict[str, Shared] = field(default_factory=dict)

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


def _merge(table: dict[str, Shared], lines: list[str]) -> None:
    """Shrink the stored run for the page's first line to what this page shares."""
    known = table.get(lines[0])
    if known is None:
        if len(table) >= MAX_KEYS:  # bound memory on endless streams: forget runs seen only once
            for key in [k for k, v in table.items() if v.pages == 1]:
                del table[key]
        table[lines[0]] = Shared(lines[:MAX_LINES], 1, lines[-1])
        return
    known.lines = _common_prefix(known.lines, lines)
    known.pages += 1
    if known.other_end != lines[-1]:
        known.other_end = None


def _shared(table: dict[str, Shared], lines: list[str]) -> int:
    """How many leading lines of the page are its group's trusted template (0 when untrusted or alone)."""
    known = table.get(lines[0])
    if known is None or known.pages < 2:
        return 0
    run = _common_prefix(known.lines, lines)
    if known.other_end is None and not menu_like(run):
        return 0
    return len(run)


def menu_like(lines: list[str]) -> bool:
    """Whether most words of these lines sit in short, non-sentence lines (menus, links, labels)."""
    total = prose = 0
    for line in lines:
        words = line.count(" ") + 1
        total += words
        if words >= 25 or (words >= 6 and line.rstrip(CLOSERS)[-1:] in ENDS):
            prose += words
    return prose * 2 < total
