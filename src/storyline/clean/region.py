"""Where the article is: the run of lines that holds the most prose for the least furniture.

Each line gets a score (prose words count for, short fragments and furniture count against) and
the article is the contiguous run with the largest total (Kadane's maximum subarray), so a list or
a sub-heading between paragraphs stays in while a menu or a link list far from the prose stays out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Collection
from functools import cache

from storyline.clean import speedups
from storyline.clean.codeshape import code_shaped, glued
from storyline.clean.lines import LIST_SEPARATORS, Line
from storyline.lexicon_files import read_rows

SHORT = -3.0  # a line of one to three words: a menu item, a button, a label
MID = -1.5  # four to six words without a full stop: a heading, a link, a list item
MEDIUM = 1.0  # a 7+ word line that is not prose: a list item, a caption or a headline
KEYWORDS = -1.0  # a 7+ word line with few function words: tags, keywords, a string of names
SHORT_WORDS = 3  # the most words of a SHORT line
MID_WORDS = 6  # the most words of a MID line
MEDIUM_STOPS = 0.15  # the share of stopwords that makes a longer line MEDIUM, not KEYWORDS
CODE = -3.0  # a script or style sheet the dump copied
PROSE_CAP = 40  # one very long line should not drag the region across the page


GLUED = -40.0  # a comment thread run together into one long line: weighs against as a paragraph weighs for
BARRIER = -1e6  # a comment section header: the article never continues past it
PENALTIES = {"related-header": -20.0, "caption": -0.5}
FURNITURE = -6.0  # furniture without a penalty of its own
RELATED = -4.0  # a line of a related-links run
TEMPLATE = -6.0  # a line of the page template
TEMPLATE_WORDS = 6  # the longest line that may be part of the page template
TEMPLATE_REPEATS = 3  # a short line printed this often is part of the page template (Reply, Share, ·)


def line_score(
    line: Line, repeated: bool, template: bool = False, related: bool = False, formula: bool = False
) -> float:
    """How much a line argues for being inside the article."""
    if line.furniture is not None:
        return BARRIER if line.furniture.barrier else PENALTIES.get(line.furniture.reason, FURNITURE)
    if related:
        return RELATED
    if line.prose and glued(line):
        return GLUED
    if formula:
        return FORMULA_SIGN if _math_sign(line.text) else 0.0
    if repeated:
        return 0.0
    if template:
        return TEMPLATE
    if line.code:
        return CODE
    if line.prose:
        return float(min(line.words, PROSE_CAP))
    if line.separators >= LIST_SEPARATORS:
        return SHORT
    if line.words <= SHORT_WORDS:
        return SHORT
    if line.words <= MID_WORDS:
        return MID if not line.sentence else 0.0
    return MEDIUM if line.stop_ratio >= MEDIUM_STOPS else KEYWORDS


_BRACES = frozenset("{};")  # what closes a block of script, not a formula
_MATH = frozenset(("Sm", "Sk", "Ps", "Pe"))  # math symbols, modifier marks (x̄, ẋ), brackets
GLYPH_CHARS = 2  # a line this short is a symbol or a variable of a formula split over lines, not a menu item


def formula_lines(lines: list[Line]) -> set[int]:
    """Runs of lone symbols, letters and digits: a formula the dump broke into lines, neither text nor furniture.

    A lone number between headlines (a ranking, a page number) is not one: it takes two in a row, or one
    next to the formula's source (TeX, MathML annotations read as code).
    """
    glyphs = {line.index for line in lines if _glyph(line)}

    def near(i: int) -> bool:
        return 0 <= i < len(lines) and (i in glyphs or lines[i].code)

    return {i for i in glyphs if near(i - 1) or near(i + 1)}


FORMULA_SIGN = 1.0  # a sign of a formula (=, +, ≤, ∑) counts for the text around it, as a list item does


def _math_sign(text: str) -> bool:
    """A lone mathematical sign: what a formula has and a run of page numbers or ranks has not."""
    return len(text) == 1 and unicodedata.category(text) == "Sm"


def _glyph(line: Line) -> bool:
    """A lone symbol, letter or digit."""
    text = line.text
    return len(text) <= GLYPH_CHARS and not line.code and all(_formula_char(c) for c in text)


def _formula_char(char: str) -> bool:
    """A letter, digit, mathematical sign or bracket (not a bullet, arrow icon, brace or invisible mark)."""
    category = unicodedata.category(char)
    return char not in _BRACES and (category[0] in "LN" or category in _MATH)


def template_lines(lines: list[Line]) -> set[int]:
    """Short lines that recur across the page (comment "Reply" links, bullets, tags): template, not text."""
    counts = Counter(line.text for line in lines if line.words <= TEMPLATE_WORDS)
    return {line.index for line in lines if line.words <= TEMPLATE_WORDS and counts[line.text] >= TEMPLATE_REPEATS}


NEIGHBOUR_BONUS = 0.5  # prose next to prose is an article; prose between headlines is a teaser list


def reward_runs(scores: list[float], lines: list[Line]) -> list[float]:
    """Raise the score of prose lines that have a prose neighbour."""
    out = list(scores)
    for i, line in enumerate(lines):
        if scores[i] > 0 and line.prose:
            near = [lines[j].prose for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            if any(near):
                out[i] = scores[i] * (1 + NEIGHBOUR_BONUS)
    return out


TITLE_BONUS = 60.0  # the article starts under its headline
TITLE_REACH = 12  # lines between the headline and the first paragraph (byline, date, share bar, photo)


def after_headings(
    scores: list[float], lines: list[Line], headings: list[int], repeats: Collection[int] = ()
) -> list[float]:
    """Give the first prose line under each headline a bonus, so the story under it wins over teasers.

    Not when that line repeats an earlier one: the headline over a copy of the lead (a share box, a
    "you just shared" card) does not start the story.
    """
    out = list(scores)
    for h in headings:
        for line in lines[h + 1 : h + 1 + TITLE_REACH]:
            if line.prose:
                out[line.index] += 0.0 if line.index in repeats else TITLE_BONUS
                break
    return out


def best_run(scores: list[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the contiguous run with the largest total score."""
    if speedups.KERNELS is not None:
        span: tuple[int, int] = speedups.KERNELS.best_run(scores)  # the same float sums, compiled
        return span
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


SECOND_RATIO = 0.3  # a second block of prose joins the article when it scores this share of the first
SECOND_GAP = 30  # and lies at most this many lines away, with no barrier or related-links header between


JOINS = 3  # blocks a long figure, chart or video box may have split off on each side
PARAGRAPH_SCORE = PROSE_CAP  # a paragraph's worth: a block this big joins across a gap no reader sees


def article_span(scores: list[float], lines: list[Line]) -> tuple[int, int]:
    """The best run, widened by nearby blocks of prose that long figures or video boxes split from it."""
    start, end = best_run(scores)
    if start == end:
        return start, end
    start = _list_above(lines, start)
    best = sum(scores[start:end])
    for _ in range(JOINS):
        after = best_run(scores[end : end + SECOND_GAP * 3])
        a0, a1 = after[0] + end, after[1] + end
        if not (a1 > a0 and _joins(lines[end:a0], sum(scores[a0:a1]), best)):
            break
        end = a1
    for _ in range(JOINS):
        offset = max(0, start - SECOND_GAP * 3)
        before = best_run(scores[offset:start])
        b0, b1 = before[0] + offset, before[1] + offset
        if not (b1 > b0 and _joins(lines[b1:start], sum(scores[b0:b1]), best)):
            break
        start = b0
    return start, end


LIST_ITEMS = 5  # list items in a row above the text that make it part of the article
SUMMARY_ITEMS = 2  # or this many under a header naming a summary ("Key points": ``summary_headers``)
ITEM_WORDS = 3  # an item of a list in the text has this many words at least (a menu's have one or two)
SHORT_ITEM = 2  # but one of two words may sit between two longer ones
POINT_WORDS = 30  # a key point under a summary header is shorter than this (half a long paragraph), prose or not


def _list_above(lines: list[Line], start: int) -> int:
    """The start of a list of items directly above the text (release notes, a recipe's ingredients, a story's key
    points under their header: ``summary_above``), if any.

    Most of its items are in sentence case: a run of title-case lines is a list of headlines.
    """
    i = start
    while i > 0 and (_item(lines[i - 1]) or i > 1 and _item(lines[i - 1], SHORT_ITEM) and _item(lines[i - 2])):
        i -= 1  # an item of two words may sit among longer ones ("Added Banners")
    items = lines[i:start]
    if len(items) < LIST_ITEMS:
        summary = summary_above(lines, start)
        return start if summary is None else summary
    return i if _sentence_case(items) else start


def summary_above(lines: list[Line], start: int) -> int | None:
    """The header of a story's summary list right above line ``start`` or above the points ``start`` opens with ("Key
    points" / two or more points, most in sentence case), if there is one.

    Under such a header a point may read as a sentence: any line of a few words shorter than a paragraph
    (``POINT_WORDS``) that is no furniture, code or header.
    """

    def point(k: int) -> bool:
        line = lines[k]
        return (
            ITEM_WORDS <= line.words < POINT_WORDS
            and line.furniture is None
            and not line.code
            and not line.text.endswith(ELLIPSES)
            and not summary_header(line)
        )

    i, j = start, start
    while j < len(lines) and point(j):
        j += 1
    while i > 0 and point(i - 1):
        i -= 1
    if j - i < SUMMARY_ITEMS or i == 0 or not summary_header(lines[i - 1]):
        return None
    return i - 1 if _sentence_case(lines[i:j]) else None


def _sentence_case(items: list[Line]) -> bool:
    """Most of the lines are in sentence case."""
    return 2 * sum(1 for line in items if line.title_case < TITLE_CASE) > len(items)


@cache
def summary_headers() -> frozenset[str]:
    """Headers of a story's summary list ("Key points", "At a glance", "L'essentiel": ``summary_headers.tsv``)."""
    return frozenset(row[0] for row in read_rows("clean", "summary_headers.tsv"))


def summary_header(line: Line) -> bool:
    """A header naming a summary of the story, a colon after it or not."""
    return line.furniture is None and line.text.rstrip(" :").lower() in summary_headers()


def _item(line: Line, words: int = ITEM_WORDS) -> bool:
    """Shaped like an item of a list in the text: a few words, not a paragraph, not furniture, code or a teaser's
    headline cut off with an ellipsis."""
    return (
        line.words >= words
        and line.furniture is None
        and not line.code
        and not line.prose
        and not line.text.endswith(ELLIPSES)
    )


def _joins(gap: list[Line], block: float, best: float) -> bool:
    """A block of prose scoring ``block`` joins the article across ``gap``: big enough, near, nothing closing.

    A gap a reader does not see (a script or ad slot the dump copied) splits nothing: a paragraph's worth joins.
    """
    big = block >= SECOND_RATIO * best
    if not (big or block >= PARAGRAPH_SCORE) or not _open(gap):
        return False
    seen = _seen(gap)
    return seen == 0 or big and seen <= SECOND_GAP


def _seen(gap: list[Line]) -> int:
    """The gap lines a reader sees: not a script or style sheet the dump copied, not blank."""
    return sum(1 for line in gap if not (line.code or line.words == 0 or code_shaped(line.text)))


def _open(gap: list[Line]) -> bool:
    """No comment-section or related-links header in the gap."""
    closing = ("comment-prompt", "related-header")
    return not any(line.furniture is not None and line.furniture.reason in closing for line in gap)


def related_runs(lines: list[Line]) -> dict[int, str]:
    """Lines that are a related-links header or a link-list after one: index → "related-links"."""
    out: dict[int, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.furniture is not None and line.furniture.reason == "related-header":
            out[i] = "related-links"
            j = i + 1
            while j < len(lines) and link_like(lines[j]):
                out[j] = "related-links"
                j += 1
            i = j
        else:
            i += 1
    return out


ELLIPSES = ("…", "...")  # how a teaser's cut-off summary ends


def excerpt_cards(lines: list[Line]) -> dict[int, str]:
    """Link cards to other stories: a headline (and its copies above), then a summary cut off with an ellipsis.

    A sentence of the text may trail off too; a card's summary has no paragraph after it ("Read more" follows).
    """
    out: dict[int, str] = {}
    for line in lines[1:-1]:
        if not line.prose or not line.text.endswith(ELLIPSES) or lines[line.index + 1].prose:
            continue
        head = lines[line.index - 1]
        if head.prose or not link_like(head):
            continue
        out[line.index] = out[head.index] = "related-links"
        for copy in reversed(lines[: head.index]):
            if not copy.text or not (copy.text.startswith(head.text) or head.text.startswith(copy.text)):
                break
            out[copy.index] = "related-links"
    return out


ZONE_SCORE = -2.0  # most a line may score inside a teaser zone


LONG_PARAGRAPH = 60  # words: longer than any teaser's summary


def teaser_zones(lines: list[Line], related: dict[int, str]) -> set[int]:
    """Lines after a related-links run up to the story: two consecutive paragraphs or one too long for a teaser."""
    zone: set[int] = set()
    ends = [i for i in related if i + 1 not in related]
    for end in ends:
        j = end + 1
        while j < len(lines) and not story_starts(lines, j):
            furniture = lines[j].furniture
            if j in zone or (furniture is not None and furniture.barrier):
                break  # an earlier zone already runs on from here
            zone.add(j)
            j += 1
    return zone - set(related)


HEADLINE_RUN = 3  # this many headline-shaped lines in a row are a list of links to other stories


def headline_runs(lines: list[Line]) -> set[int]:
    """Runs of title-case headline lines (with the short bylines and buttons between): link lists, not text."""
    out: set[int] = set()
    run: list[int] = []
    for line in [*lines, None]:
        if line is not None and line.words <= SHORT_WORDS and not line.prose:
            if run:
                run.append(line.index)
            continue
        if line is not None and headline_shaped(line):
            run.append(line.index)
            continue
        if sum(1 for i in run if lines[i].words >= HEADLINE_WORDS) >= HEADLINE_RUN:
            out.update(run)
        run = []
    return out


TITLE_CASE = 0.6  # share of capitalised words from which a line is in title case
HEADLINE_WORDS = 4  # fewer words are a menu item or a label, not a headline


def headline_shaped(line: Line) -> bool:
    """A headline in title case: a link-like line ("Rules Agreed for All Member States"), not a menu item."""
    return line.words >= HEADLINE_WORDS and link_like(line) and line.title_case >= TITLE_CASE  # title_case is dear


CARDS = 3  # this many headline-and-label pairs in a row are a list of teasers


def card_runs(lines: list[Line]) -> set[int]:
    """Teaser cards: headline-shaped lines, each with a short label (author, time, section) between them.

    Unlike ``headline_runs`` the headlines may be in sentence case; what gives them away is that no two
    follow each other and none ends like a sentence (a bulleted list in the story has no labels between).
    """
    out: set[int] = set()
    run: list[int] = []
    cards, labelled = 0, True
    for line in lines:
        if line.words <= SHORT_WORDS and not line.prose and len(line.text) > GLYPH_CHARS:  # a label
            if run:
                run.append(line.index)
                labelled = True
            continue
        headline = line.words >= HEADLINE_WORDS and link_like(line) and not line.text[0].islower()
        if headline and labelled:
            run.append(line.index)
            cards, labelled = cards + 1, False
            continue
        if cards >= CARDS:
            out.update(run)
        run, cards, labelled = ([line.index], 1, False) if headline else ([], 0, True)
    if cards >= CARDS:
        out.update(run)
    return out


def story_starts(lines: list[Line], j: int) -> bool:
    """Line ``j`` starts a story: a paragraph followed by another, or a paragraph longer than a teaser."""
    if lines[j].prose and lines[j].words >= LONG_PARAGRAPH:
        return True
    return _paragraph(lines[j]) and j + 1 < len(lines) and _paragraph(lines[j + 1])


PARAGRAPH_WORDS = 12  # a finished sentence this long is a paragraph of a story


def _paragraph(line: Line) -> bool:
    """A finished sentence of some length: what a story's paragraphs look like."""
    return line.prose and line.sentence and line.words >= PARAGRAPH_WORDS


LINK_MIN, LINK_MAX = 2, 25  # the words of a link to another story


def link_like(line: Line) -> bool:
    """Shaped like a link to another story: a headline, not a sentence of this one."""
    if line.furniture is not None and line.furniture.reason not in ("related-header", "related-link"):
        return False
    return LINK_MIN <= line.words <= LINK_MAX and not line.text.rstrip().endswith((".", ":", ",", ";", "?"))
