"""Site templates learned across a batch: the header and footer lines that pages of one site share.

Pages from one site start with the same menu lines and end with the same footer, around different
articles; copies of one article sit in different sites' templates. So pages are grouped by their
first line (and by their last), and the lines all pages of a group share at the start (the end) are
that site's header (footer). Stripping them leaves the article, even when the template holds
sentence-like text (cookie notices, teasers, comment sections) that a line filter would keep.
A group needs two pages; a page is not stripped below ``min_words`` words.

Pages are raw text. A page that carries its site's whole header (footer) as written, line for line,
is matched with one ``startswith`` (``endswith``) and only the lines between are split; a page is
split whole only when a group is new or its shared run must shrink.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.dedup.text import page_lines, sentence_like


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


@dataclass(slots=True, eq=False)  # compared by identity: a page remembers the runs it carries
class Shared:
    """Lines that all pages of a group share at one end (from that end inward), how many pages, and
    their line at the other end; ``text`` is the run as it reads on a page (lines in page order), once
    two pages share it."""

    lines: list[str]
    pages: int
    other_end: str | None  # the other end's line when every page of the group has the same one, else None
    text: str = ""
    menu: bool | None = None  # menu_like(lines), once asked
    first_page: str | None = None  # the group's one page, split into lines once a second page joins

    def shrink(self, run: list[str], head: bool) -> None:
        """Keep only ``run`` of the lines (a prefix of them); the text is written once a second page
        joins (most groups never get one: their first page keeps only its lines)."""
        if len(run) != len(self.lines) or not self.text:
            self.lines, self.text, self.menu = run, "\n".join(run if head else run[::-1]), None


class _Page:
    """A page of two or more lines: its text without surrounding whitespace, its first and last
    line, and its stripped non-empty lines, split only when asked."""

    __slots__ = ("_lines", "carried", "first", "last", "text")

    def __init__(self, text: str, first: str, last: str) -> None:
        self.text, self.first, self.last = text, first, last
        self._lines: list[str] | None = None
        self.carried: list[Shared] = []  # runs found carried: they only shrink, so they stay carried

    @staticmethod
    def of(text: str) -> _Page | None:
        """The page, or None when it has fewer than two non-empty lines."""
        text = text.strip()  # the same object when there is nothing to strip
        first_end = text.find("\n")
        if first_end < 0:
            return None
        return _Page(text, text[:first_end].strip(), text[text.rfind("\n") + 1 :].strip())

    def lines(self, head: bool) -> list[str]:
        """The page's lines from its start (head) or from its end."""
        if self._lines is None:
            self._lines = page_lines(self.text)
        return self._lines if head else self._lines[::-1]

    def carries(self, run: Shared, head: bool) -> bool:
        """Whether the page starts (ends) with the run's lines exactly as written: then they are its
        first (last) lines. False may still carry them (other spacing): the caller compares lines."""
        if run in self.carried:
            return True
        text, size = self.text, len(run.text)
        if head:
            found = text.startswith(run.text) and text[size : size + 1] in ("\n", "")
        else:
            found = text.endswith(run.text) and (size == len(text) or text[-size - 1] == "\n")
        if found:
            self.carried.append(run)
        return found


@dataclass(slots=True)
class Templates:
    """Headers keyed by a page's first line, footers by its last line, with how many pages share each.

    A shared run is trusted as a site template when the group's pages also agree at the other end
    (one site: same menu and same footer), or when the run is mostly short, non-sentence lines
    (menus, links). Copies of one story in frames without a footer share their last paragraphs
    but not their first line; those paragraphs are story, not template, and are kept.

    A site often has several templates that end (start) with the same line ("Subscriptions"), so
    the run kept per last line shrinks to what all of them share. Runs are also kept per pair of
    first and last line (one template of one site, so trusted), and a page loses the longer run.
    """

    heads: dict[str, Shared] = field(default_factory=dict)
    tails: dict[str, Shared] = field(default_factory=dict)
    site_heads: dict[tuple[str, str], Shared] = field(default_factory=dict)
    site_tails: dict[tuple[str, str], Shared] = field(default_factory=dict)

    def learn(self, text: str) -> None:
        """Fold one raw page into the header and footer it shares with earlier pages."""
        self._learn(_Page.of(text))

    def strip(self, text: str) -> str:
        """The raw page without its site's shared header and footer (as written, or its lines rejoined)."""
        return self._strip(_Page.of(text), text)

    def bodies(self, texts: Sequence[str]) -> list[str]:
        """Learn from every page of a batch, then strip each (a page is read once for both)."""
        pages = [_Page.of(text) for text in texts]
        for page in pages:
            self._learn(page)
        return [self._strip(page, text) for page, text in zip(pages, texts, strict=True)]

    def _learn(self, page: _Page | None) -> None:
        """Fold a page (None: fewer than two lines) into the runs of its first and last line."""
        if page is not None:
            _merge(self.heads, page.first, page, True)
            _merge(self.tails, page.last, page, False)
            site = (page.first, page.last)
            _merge(self.site_heads, site, page, True)
            _merge(self.site_tails, site, page, False)

    def _strip(self, page: _Page | None, text: str) -> str:
        """The page's text without its trusted header and footer."""
        if page is None:
            return text
        site = (page.first, page.last)
        head_run = _run(self.site_heads.get(site), self.heads, page.first)
        tail_run = _run(self.site_tails.get(site), self.tails, page.last)
        if head_run is not None and tail_run is not None and _written(head_run, page) and _written(tail_run, page):
            start = len(head_run.text) + 1  # the usual page: both runs found as written when it was learned
            return page.text[start : max(start, len(page.text) - len(tail_run.text) - 1)]
        head, head_chars = _shared(head_run, page, True)
        tail, tail_chars = _shared(tail_run, page, False)
        if head_chars is not None and tail_chars is not None:  # both runs found as written: cut the text
            return page.text[head_chars : max(head_chars, len(page.text) - tail_chars)]
        lines = page.lines(True)
        return "\n".join(lines[head : max(head, len(lines) - tail)])


def _merge(table: dict[Any, Shared], key: Any, page: _Page, head: bool) -> None:
    """Shrink the stored run under ``key`` (the page's first or last line, or both) to what this page
    shares at its start (end)."""
    other = page.last if head else page.first
    known = table.get(key)
    if known is None:
        if len(table) >= MAX_KEYS:  # bound memory on endless streams: forget runs seen only once
            for stale in [k for k, v in table.items() if v.pages == 1]:
                del table[stale]
        table[key] = Shared([], 1, other, first_page=page.text)  # most groups never get a second page
        return
    if known.first_page is not None:
        lines = page_lines(known.first_page)
        known.lines, known.first_page = (lines if head else lines[::-1])[:MAX_LINES], None
    if known.pages == 1 or not page.carries(known, head):
        known.shrink(_common_prefix(known.lines, page.lines(head)), head)
    known.pages += 1
    if known.other_end != other:
        known.other_end = None


def _run(site: Shared | None, by_line: dict[str, Shared], line: str) -> Shared | None:
    """The run a page is stripped by: its site's (first and last line) once two pages share it, which
    is never shorter than the run of all pages sharing that one line (their common lines); else that one."""
    return site if site is not None and site.pages > 1 else by_line.get(line)


def _written(known: Shared, page: _Page) -> bool:
    """Whether the page was found carrying this trusted run as written (``_shared`` would cut its text)."""
    if known not in page.carried or known.pages < 2:
        return False
    if known.menu is None:
        known.menu = menu_like(known.lines)
    return known.other_end is not None or known.menu


def _shared(known: Shared | None, page: _Page, head: bool) -> tuple[int, int | None]:
    """How many lines at the page's start (end) are the trusted template of the run's group (0 when
    untrusted or alone), and how many characters they take with their newline (None when only the lines tell)."""
    if known is None or known.pages < 2:
        return 0, 0
    if page.carries(known, head):
        run, chars = known.lines, len(known.text) + 1
        if known.menu is None:
            known.menu = menu_like(run)
        menu = known.menu
    else:
        run, chars = _common_prefix(known.lines, page.lines(head)), None
        menu = known.other_end is not None or menu_like(run)
    if known.other_end is None and not menu:
        return 0, 0
    return len(run), chars


def menu_like(lines: list[str]) -> bool:
    """Whether most words of these lines sit in short, non-sentence lines (menus, links, labels)."""
    total = prose = 0
    for line in lines:
        words = line.count(" ") + 1
        total += words
        if sentence_like(line):
            prose += words
    return prose * 2 < total
