"""The article region's bounds: where its text starts under the header and where its footer begins.

The best run of line scores (``region.article_span``) often takes in the page's header of the story
(headline, standfirst, byline, date) and, at the far end, a footer (a second share bar, link boxes).
``header_end`` looks only at the region's first lines; ``footer_start`` at the related-links headers and
share bars inside the region (and the share bars above it) and at long runs of short lines, cutting only where
little of the prose follows, and at a comment thread under the text (``comment_thread``) however long.
``short_sentence_edges`` widens the region over one-line sentences too short to count as prose at its edges, and
``entry_stamps`` and ``_entry_bar`` tell a live blog's entries (their time stamps, their own share bars) from a header
and a footer.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from storyline.clean.headline import clock_stamp, credit_line, headline_like, stamp_line, written_stamp
from storyline.clean.lines import Line, line_words
from storyline.clean.region import (
    LONG_PARAGRAPH,
    MID_WORDS,
    TITLE_REACH,
    headline_shaped,
    link_like,
    story_starts,
    summary_above,
)
from storyline.lexicon_files import read_rows

FOOTER_SHARE = 0.25  # a footer of link boxes holds less prose than this share of the article above it
SHARE_BAR_SHARE = 0.5  # and what follows a second copy of the page's share bar less than this share
HEADER_REACH = 8  # lines at the top of the region where the headline, standfirst, byline and date may sit
HEADER_PROSE = 1  # paragraphs a header may hold above its byline or date: the standfirst
TAGLINE_WORDS = 25  # a line of prose over a headline shorter than this is a site's tagline or a teaser, not the text


def footer_start(lines: list[Line], start: int, end: int) -> int:
    """Where the article's footer starts in the region, when what follows holds little of its prose.

    A footer starts at a share bar the page also printed above the article (not an entry's own bar, ``_entry_bar``)
    or at a paywall's prompt ("Subscribe to continue reading": what follows is its offer, unless the text goes on),
    or at the first of two related-links headers with no story between them (after a box inside the article the text
    resumes).
    """
    marked = [(line.index, line.furniture.reason) for line in lines[start:end] if line.furniture is not None]
    headers = [i for i, reason in marked if reason == "related-header"]
    bars = [i for i, reason in marked if reason == "share"]
    shares = {line.text for line in lines[:start] if _furniture_reason(line) == "share"} if bars else set()
    ends = [(i, SHARE_BAR_SHARE) for i in bars if lines[i].text in shares and not _entry_bar(lines, i)]
    ends += [(i, SHARE_BAR_SHARE) for i, reason in marked if reason == "paywall"]
    for h1, h2 in zip(headers, headers[1:], strict=False):
        if not any(story_starts(lines, j) for j in range(h1 + 1, h2)):
            ends.append((h1, FOOTER_SHARE))
    for cut, share in sorted(ends):
        if _prose_words(lines[cut:end]) < share * _prose_words(lines[start:cut]):
            return cut
    thread = comment_thread(lines, start, end)
    if thread is not None:
        return thread  # however long the comments, they are no part of the text
    feed = news_feed(lines, start, end)
    if feed is not None:
        return feed
    for cut in short_runs(lines, start, end):
        if sum(line.words for line in lines[cut:end]) < RUN_SHARE * _prose_words(lines[start:cut]):
            return cut  # an author box, a list of links, a promo: the lone paragraph after them is no text
    return end


COMMENT_ENTRIES = 3  # people whose entries (a name over a time stamp) make a comment thread
NAME_LINE_WORDS = 3  # the most words of a commenter's name ("seabird77", "J. Mackay", "Old Skipper")
COMMENT_STAMP_WORDS = 8  # the most words of a comment's stamp ("2 hours ago", "March 3, 2021 at 9:14 am")
THREAD_GAP = 8  # the most lines of one comment (its text, "Reply", votes) between its name and the next


def comment_thread(lines: list[Line], start: int, end: int) -> int | None:
    """The first line of a comment thread below the text in the region: entries by ``COMMENT_ENTRIES`` people or more,
    each the commenter's name (``_name_over``) over a stamp of the time it was written (``headline.written_stamp``:
    "2 hours ago", "14 March 2025 at 09:12") and what they said under it, each entry within ``THREAD_GAP``
    lines of the next and the last of the region's end (or past it: a comment's "Reply" may have ended the region
    under the first), with a paragraph of the text above the first.

    Not a live blog's entries: their stamps are a time of day alone, over a heading in sentence case, an entry's text
    or its share bar; nor a timeline's: its entries are dated, not timed.
    """
    thread = _entries_up_to(lines, start, end)
    people = {lines[i].text for i in thread}
    if len(people) < COMMENT_ENTRIES or thread[0] >= end or not any(line.prose for line in lines[start : thread[0]]):
        return None
    return thread[0]


def _entries_up_to(lines: list[Line], start: int, end: int) -> list[int]:
    """The names of the comment entries that run up to the region's end, read upwards from a little past it and
    stopping ``THREAD_GAP`` lines of words above the last entry found (most regions: the end)."""
    names: list[int] = []
    since = 0  # lines of words read inside the region since the last entry
    for i in range(min(len(lines), end + (COMMENT_ENTRIES - 1) * THREAD_GAP) - 1, start + 1, -1):
        line = lines[i]
        if not line.words:
            continue
        if i < end:
            since += 1
            if since > THREAD_GAP:
                break
        if line.words > COMMENT_STAMP_WORDS or not _DIGIT.search(line.text) or not written_stamp(line.text):
            continue
        above = i - 1
        while above > start and not lines[above].words:
            above -= 1
        if _name_over(lines, above) and _said_under(lines, i):
            names.insert(0, above)
            since = 0
    return names


FEED_ENTRIES = 3  # stamped headlines that make a news feed ("Latest news": "11:42" / "Strike on the railways ...")
FEED_SHARE = 2 / 3  # the share of its entries that a feed's headlines are at least (some carry a summary)
FEED_STAMP_WORDS = 5  # the most words of a feed's stamp ("11:42", "il y a 2 heures")
LABEL_WORDS = 2  # a section's label between a stamp and its headline ("Football", "Santé")


def news_feed(lines: list[Line], start: int, end: int) -> int | None:
    """The first stamp of a news feed under the text: entries running to the region's end, each a stamp of a time of
    day or time passed (``_comment_stamp``, ``FEED_STAMP_WORDS`` at most) over a headline (a section's label may sit
    between), ``FEED_ENTRIES`` or more of them and ``FEED_SHARE`` of all a headline alone, not a sentence; with a
    paragraph of the text above the first. Not a live blog: its entries are paragraphs under their stamps. Read
    upwards from the region's end, stopping at the first entry of more than one line (the last may hold a link too)."""
    run: list[int] = []  # the feed's stamps, the last first
    headlines = 0
    said: list[Line] = []  # the lines of words under the stamp looked for, labels aside
    for line in reversed(lines[start + 1 : end]):
        if not line.words:
            continue
        if line.words <= FEED_STAMP_WORDS and _comment_stamp(line.text):
            run.append(line.index)
            headlines += len(said) == 1 and _feed_headline(said[0])
            said = []
        elif line.words > LABEL_WORDS or line.prose:
            said.append(line)
            if len(said) > (1 if run else LAST_ENTRY_LINES):
                break  # a paragraph over the first entry: the text (or a live blog's entry)
    if headlines < max(FEED_ENTRIES, FEED_SHARE * len(run)):
        return None
    return run[-1] if any(line.prose for line in lines[start : run[-1]]) else None


LAST_ENTRY_LINES = 2  # the lines under a feed's last stamp: its headline, and a link to the whole feed


def _feed_headline(line: Line) -> bool:
    """A feed's headline: a link's length, no sentence."""
    return 4 <= line.words <= 30 and not line.sentence and line.furniture is None


def _comment_stamp(text: str) -> bool:
    """A stamp of a time of day or of time passed ("09:12", "2 hours ago", "3 March at 14:05"; not a bare date, as a
    timeline's)."""
    return _DIGIT.search(text) is not None and clock_stamp(text)


def _said_under(lines: list[Line], stamp: int) -> bool:
    """What the commenter said is the first line under the stamp: a sentence or prose."""
    under = next((line for line in lines[stamp + 1 :] if line.words), None)
    return under is not None and (under.prose or under.sentence)


_NOT_A_NAME = tuple("-–—([")  # how a credit under a text starts ("– Reuters", "(AFP)")


def _name_over(lines: list[Line], i: int) -> bool:
    """Line ``i`` (over a stamp) may be a commenter's name or handle: short, no lower-case word after its first, no
    sentence, prose, furniture, stamp, code or credit."""
    line = lines[i]
    if not 1 <= line.words <= NAME_LINE_WORDS or line.prose or line.sentence or line.furniture is not None:
        return False
    if any(word[:1].islower() for word in line.text.split()[1:]):
        return False  # a heading in sentence case ("Death toll rises"), not a name or a handle
    return not line.code and not line.text.lstrip().startswith(_NOT_A_NAME) and not stamp_line(line.text)


RUN_LINES = 8  # short or link-like lines in a row that no story's text holds between its paragraphs
RUN_SHARE = 0.1  # and all that follows them, in words, is less than this share of the prose above them


def short_runs(lines: list[Line], start: int, end: int) -> list[int]:
    """The first lines of the runs of ``RUN_LINES`` lines or more in the region that are short (``MID_WORDS`` at most)
    or shaped like links, none prose (blank lines and the scripts a dump copied do not break a run).

    Not a list the text introduces: a run under a line ending in a colon ("The dead were named as:") is its list.
    """
    out: list[int] = []
    run: list[int] = []
    opened = False  # the line above the run ends in a colon
    for line in lines[start:end]:
        if line.words == 0 or line.code:
            continue
        if line.prose or not (line.words <= MID_WORDS or link_like(line)):
            run, opened = [], line.text.rstrip().endswith(":")
            continue
        run.append(line.index)
        if len(run) == RUN_LINES and not opened:
            out.append(run[0])
    return out


ENTRY_BARS = 3  # copies of a share bar below the page's first one that make it the bar of each entry


def _entry_bar(lines: list[Line], i: int) -> bool:
    """The share bar on line ``i`` is an entry's own bar: each entry of a live blog or a photo gallery has one, so the
    page prints it ``ENTRY_BARS`` times or more below its first copy, and again after a sentence of prose below line
    ``i``. Not a bar printed under the article and once more at the page's bottom (after comments, a teaser)."""
    text, sentence = lines[i].text, False
    copies = [line.index for line in lines if line.text == text and _furniture_reason(line) == "share"]
    if len(copies) - 1 < ENTRY_BARS:
        return False
    for line in lines[i + 1 :]:
        if line.text == text and _furniture_reason(line) == "share":
            return sentence
        sentence = sentence or (line.prose and line.sentence)
    return False


def _furniture_reason(line: Line) -> str | None:
    """The furniture reason of a line, if any."""
    return line.furniture.reason if line.furniture is not None else None


def _prose_words(lines: list[Line]) -> int:
    """The words of a block's prose lines."""
    return sum(line.words for line in lines if line.prose)


def header_end(lines: list[Line], start: int, end: int, echoes: list[int], table: Collection[int] = ()) -> int:
    """Where the text starts under its header: past the headline (and a short line of prose over it, a tagline or a
    teaser, unless the line under it goes on with the text: ``_goes_on``), and past a byline or date under a
    standfirst (not an entry's time stamp: ``entry_stamps``), at its first paragraph or at the header of the story's
    key points over it (``region.summary_above``). A row of a table (``table``) is no headline."""
    top = min(end, start + HEADER_REACH)
    new = start
    prose = above = 0
    headed = False  # a headline has been passed: a headline-like line under it is a subheading of the text
    titled = any(start - HEADER_REACH <= i < start for i in echoes)  # the page title's echo just above the region
    entries: set[int] | None = None  # measured when a credit line is met: most regions have none in their header
    for line in lines[start:top]:
        if line.index in echoes:
            new, prose, headed = line.index + 1, 0, True  # what stood above the headline was not the text
        elif credit_line(line):
            entries = entry_stamps(lines, start, end) if entries is None else entries
            new = new if line.index in entries else line.index + 1
        elif line.index in table:
            continue
        elif headline_shaped(line) or headline_like(line) and not line.prose:
            if prose and above < TAGLINE_WORDS and not headed:
                entries = entry_stamps(lines, start, end) if entries is None else entries
                if not _goes_on(lines, line, titled, entries):
                    new = line.index + 1  # a headline under a short line of prose (a tagline, a teaser): text below
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
        summary = summary_above(lines, first)  # or with the story's key points under their header over it
        return summary if summary is not None and summary >= new else first  # under a header (byline, share bar, ...)
    return new


def _goes_on(lines: list[Line], line: Line, titled: bool, entries: Collection[int]) -> bool:
    """A headline-like line under a short paragraph that goes on with the text, so the paragraph is no tagline: an
    entry's heading under or over its time stamp (``entries``: the paragraph is a live blog's summary or entry), a key
    point under the paragraph that is the point before it (both under a summary header: ``region.summary_above``) or,
    under the page's headline (``titled``: its echo just above the region), a question (an interview's) or the first
    item of a list the paragraph introduces with a colon."""
    if line.index - 1 in entries or line.index + 1 in entries or summary_above(lines, line.index) is not None:
        return True
    if not titled:
        return False
    return line.text.rstrip().endswith("?") or line.index > 0 and lines[line.index - 1].text.rstrip().endswith(":")


SHORT_SENTENCE_WORDS = 6  # the most words of a one-line paragraph too short to be measured as prose
_FULL_STOP = re.compile(r"""[.!]["'”’»)]*$""")  # how such a paragraph ends (a question may be a headline)
# a line addressing the reader: a page action as its first word ("Listen to ...", "Donate today!"), "you" anywhere
# ("Thank you for reading."), or this page itself ("this article"); resources/clean/reader_address.tsv
_READER_ADDRESS = read_rows("clean", "reader_address.tsv")
_ACTION_FIRST = frozenset(word for word, where in _READER_ADDRESS if where == "first")
_ADDRESS_ANY = frozenset(word for word, where in _READER_ADDRESS if where == "any")
_THIS_PAGE = re.compile(r"\bth(?:is|e) (?:article|story|page|video|podcast)\b", re.IGNORECASE)


def addresses_reader(text: str) -> bool:
    """The line speaks to the reader (a call to action) rather than reporting: "Listen to this article.", "Donate
    today!", "Thank you for reading.", "Send us your photos." (``reader_address.tsv``, ``_THIS_PAGE``)."""
    words = line_words(text)
    return bool(words) and (
        words[0] in _ACTION_FIRST or not _ADDRESS_ANY.isdisjoint(words) or _THIS_PAGE.search(text) is not None
    )


def short_sentence_edges(
    lines: list[Line], start: int, end: int, taken: tuple[Collection[int], ...]
) -> tuple[int, int]:
    """The region widened over one-line paragraphs too short to count as prose ("Three people died.", "An inquiry has
    been ordered.") directly above its first line and below its last: capitalised lines of 2 to
    ``SHORT_SENTENCE_WORDS`` words ending in a full stop or "!", no furniture or code, not a call to action
    (``addresses_reader``). ``taken``: the lines other passes claimed (title echoes, related links, repeats ...)."""

    def short_sentence(i: int) -> bool:
        line = lines[i]
        text = line.text
        return (
            2 <= line.words <= SHORT_SENTENCE_WORDS
            and line.furniture is None
            and not line.code
            and text[:1].isupper()
            and _FULL_STOP.search(text) is not None
            and not any(i in claimed for claimed in taken)
            and not addresses_reader(text)
        )

    if start == end:
        return start, end
    while end < len(lines) and short_sentence(end):
        end += 1
    while start > 0 and short_sentence(start - 1):
        start -= 1
    return start, end


_DIGIT = re.compile(r"\d")
ENTRY_STAMPS = 3  # time stamps on lines of their own in the region that mark the entries of a live blog
STAMP_LINE_WORDS = 4  # the most words of such a line ("14:32", "2:15pm GMT", "3 hours ago")


def entry_stamps(lines: list[Line], start: int, end: int) -> set[int]:
    """The time stamps that open the entries of a live blog: ``ENTRY_STAMPS`` or more short stamp lines in the region
    and the header above it, or two times of day each over an entry (``_two_entries``); none when fewer. The first
    entry's text under its stamp is text, not a standfirst over a dateline."""
    top = max(0, start - HEADER_REACH)
    found = {
        line.index
        for line in lines[top:end]
        if line.words <= STAMP_LINE_WORDS and _DIGIT.search(line.text) and stamp_line(line.text)  # every stamp has one
    }
    if len(found) >= ENTRY_STAMPS or len(found) == 2 and _two_entries(lines, sorted(found), end):
        return found
    return set()


ENTRY_REACH = 3  # lines under a live blog's last stamp where its entry's text starts (its heading between)


def _two_entries(lines: list[Line], stamps: list[int], end: int) -> bool:
    """Two stamps that open a live blog's two entries: times of day (or "2 hours ago"), not dates and not a page's
    "Published" and "Updated" lines, with a paragraph between them and one under the second: a header's date and
    time over the text have nothing between them."""
    first, second = stamps
    if not all(clock_stamp(lines[i].text) and _furniture_reason(lines[i]) != "date" for i in stamps):
        return False  # "Published 10:32 GMT" / "Updated 11:05 GMT": the furniture's date row labels a page's stamps
    between = any(line.prose for line in lines[first + 1 : second])
    return between and any(line.prose for line in lines[second + 1 : min(end, second + 1 + ENTRY_REACH)])
