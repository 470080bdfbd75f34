"""The article region's bounds: where its text starts under the header and where its footer begins.

The best run of line scores (``region.article_span``) often takes in the page's header of the story
(headline, standfirst, byline, date) and, at the far end, a footer (a second share bar, link boxes).
``header_end`` looks only at the region's first lines; ``footer_start`` at the related-links headers and
share bars inside the region (and the share bars above it), cutting only where little of the prose follows.
"""

from __future__ import annotations

from storyline.clean.headline import credit_line, headline_like
from storyline.clean.lines import Line
from storyline.clean.region import LONG_PARAGRAPH, TITLE_REACH, headline_shaped, story_starts

FOOTER_SHARE = 0.25  # a footer of link boxes holds less prose than this share of the article above it
SHARE_BAR_SHARE = 0.5  # and what follows a second copy of the page's share bar less than this share
HEADER_REACH = 8  # lines at the top of the region where the headline, standfirst, byline and date may sit
HEADER_PROSE = 1  # paragraphs a header may hold above its byline or date: the standfirst
TAGLINE_WORDS = 25  # a line of prose over a headline shorter than this is a site's tagline or a teaser, not the text


def footer_start(lines: list[Line], start: int, end: int) -> int:
    """Where the article's footer starts in the region, when what follows holds little of its prose.

    A footer starts at a share bar the page also printed above the article, or at the first of two
    related-links headers with no story between them (after a box inside the article the text resumes).
    """
    marked = [(line.index, line.furniture.reason) for line in lines[start:end] if line.furniture is not None]
    headers = [i for i, reason in marked if reason == "related-header"]
    bars = [i for i, reason in marked if reason == "share"]
    shares = {line.text for line in lines[:start] if _furniture_reason(line) == "share"} if bars else set()
    ends = [(i, SHARE_BAR_SHARE) for i in bars if lines[i].text in shares]
    for h1, h2 in zip(headers, headers[1:], strict=False):
        if not any(story_starts(lines, j) for j in range(h1 + 1, h2)):
            ends.append((h1, FOOTER_SHARE))
    for cut, share in sorted(ends):
        if _prose_words(lines[cut:end]) < share * _prose_words(lines[start:cut]):
            return cut
    return end


def _furniture_reason(line: Line) -> str | None:
    """The furniture reason of a line, if any."""
    return line.furniture.reason if line.furniture is not None else None


def _prose_words(lines: list[Line]) -> int:
    """The words of a block's prose lines."""
    return sum(line.words for line in lines if line.prose)


def header_end(lines: list[Line], start: int, end: int, echoes: list[int]) -> int:
    """Where the text starts under its header: past the headline (and a short line of prose over it), and past a
    byline or date under a standfirst."""
    top = min(end, start + HEADER_REACH)
    new = start
    prose = above = 0
    headed = False  # a headline has been passed: a headline-like line under it is a subheading of the text
    for line in lines[start:top]:
        if line.index in echoes:
            new, prose, headed = line.index + 1, 0, True  # what stood above the headline was not the text
        elif credit_line(line):
            new = line.index + 1
        elif headline_shaped(line) or headline_like(line) and not line.prose:
            if prose and above < TAGLINE_WORDS and not headed:
                new = line.index + 1  # a headline under a short line of prose (a tagline, a teaser): the text is below
            prose, headed = 0, True  # a headline (any case) with no title line to echo: what stood above was not text
        elif line.prose and (line.words >= LONG_PARAGRAPH or prose >= HEADER_PROSE):
            break  # a paragraph longer than a standfirst, or a second one: the text has begun
        elif line.prose:
            prose += 1
            above = line.words
    first = next((line.index for line in lines[new:end] if line.prose), None)
    if first is None:
        return start
    if new > start and first - new <= TITLE_REACH:
        return first  # under a header (byline, role, share bar, photo), the text starts with its first paragraph
    return new
