"""Finding the headline of a text dump, strongest sign first: a top heading, a page <title> echoed by a heading, a
quoted headline near the text, the first line read as the page's <title>, a headline printed twice over the text,
the nearest headline-like line over the text past its byline, date and share bar (or the text's own first line).
"""

from __future__ import annotations

import re
from functools import cache

from storyline.clean import speedups
from storyline.clean.codeshape import code_shaped
from storyline.clean.dates import date_of_line
from storyline.clean.lines import Line, stopwords
from storyline.clean.region import LONG_PARAGRAPH, summary_above, summary_header
from storyline.clean.wire import (
    NAME_CAPITAL,
    Byline,
    agency_name,
    byline_bio,
    byline_opening,
    byline_phrases,
    byline_words,
    parse_byline,
)

_SEPARATORS = re.compile(r"\s+(?:[-|–—:»·•]|::)\s+")
_QUOTED = re.compile(r"""^\s*(?P<q>['"‘“«])(?P<title>[^'"‘’“”«»|]{10,250}[^'"‘’“”«».,!?…;:])['"’”»]\s*$""")
_DATE_LIKE = re.compile(r"\d{1,4}\D{1,12}\d{2,4}")
_KEY = re.compile(r"\W+", re.UNICODE)
TITLE_WORDS = 40  # the most words of a page <title>
# no headline holds a brace, an assignment, a call (a semicolon it may), a web address or starts a code comment
_CODE_MARK = re.compile(r"[{}=]|[A-Za-z]\(|://|^\s*(?://|/\*|<!--)")
_BRACKETED = re.compile(r"^\s*[(\[].*[)\]]\s*$")  # a line wholly in brackets is an aside: a photo credit, a note
_UNFINISHED = re.compile(r"(?:[.,;]|\w:)$")  # a full stop, or a sentence going on below ("Police said:"; not " ::")


def _key(text: str) -> str:
    """Comparison key: lower-case words only (compiled: ``title_key``)."""
    if speedups.KERNELS is not None:
        key: str = speedups.KERNELS.title_key(text)
        return key
    return _KEY.sub(" ", text.lower()).strip()


def headline_like(line: Line) -> bool:
    """Short enough for a headline, not a sentence (finished, or going on below), not a date, byline or credit.

    Any case and a question mark go (``region.headline_shaped``, the title-case headlines of link lists, takes
    neither); what is asked here is only whether a line near the text can be its title.
    """
    if not 3 <= line.words <= 30 or _UNFINISHED.search(line.text.rstrip()) or line.furniture is not None:
        return False
    if _DATE_LIKE.search(line.text) and line.words <= 6:
        return False
    return parse_byline(line.text) is None and agency_name(line.text) is None


def quoted_headline(line: Line) -> str | None:
    """A line that is only a quoted headline, like ``'Qatar leading talks ...'``, unquoted."""
    match = _QUOTED.match(line.text)
    if match and 3 <= len(match["title"].split()) <= 30:
        return match["title"].strip()
    return None


def title_echoes(lines: list[Line]) -> list[int]:
    """Later lines equal to the first line (a page <title>) or to its headline part: the page's headings."""
    if len(lines) < 2 or lines[0].words > TITLE_WORDS or lines[0].sentence:
        return []
    first = lines[0].text
    headline = _longest_part(first)  # the headline, not the site's name
    parts = {_key(first), _key(headline)}
    parts.discard("")
    shortest, longest = len(headline) * 3 // 4, len(first) + 4  # an echo differs only in spacing and punctuation
    if speedups.KERNELS is not None:
        found: list[int] = speedups.KERNELS.echo_lines(lines, parts, shortest, longest, ECHO_REACH)
        return found
    return [
        i.index
        for i in lines[1:ECHO_REACH]
        if shortest <= len(i.text) <= longest and i.words >= 2 and _key(i.text) in parts
    ]


QUOTED_REACH = 40  # lines around the text where a quoted headline may sit (not the whole page above it)
ECHO_REACH = 600  # lines the headline may sit under: a site's menus can run to hundreds of lines


def find_headline(
    lines: list[Line], body_start: int, headings: dict[int, int], echoes: list[int]
) -> tuple[str | None, list[int]]:
    """The headline text and the indexes of the lines that carry it (to drop from the body)."""
    if not lines:
        return None, []
    top = [i for i, level in sorted(headings.items()) if level == 1]
    if top:
        return lines[top[0]].text, [top[0]]
    if echoes:
        return lines[echoes[:2][-1]].text, [0, *echoes[:2]]
    for line in lines[max(0, body_start - QUOTED_REACH) : body_start + QUOTED_REACH]:
        title = quoted_headline(line)
        if title:
            return title, [line.index]
    first, titled = lines[0], page_title(lines, body_start)
    if titled and _TITLE_SEPARATORS.search(first.text):
        return without_site_name(first.text), [0]  # a <title> with the site's name: the strongest sign
    copies = printed_twice(lines, body_start)
    if copies:
        return lines[copies[-1]].text, copies
    if titled and (first.words >= TITLE_MIN or body_start == 0):
        return without_site_name(first.text), [0]
    over = header_headline(lines, body_start)
    if over is not None:
        return lines[over].text, [over]
    return (without_site_name(first.text), [0]) if titled else (None, [])


HEADER_LINES = 20  # lines above the text where its headline may sit (over a standfirst, byline, date, share bar)
HEADER_WORDS = 4  # a shorter line above the text is a section's name, a label or a writer's name
BYLINE_LINES = 2  # lines under a lone "By" that are the byline's: the writer's name, then the role
FIRST_HEADLINE_WORDS = 20  # the text's own first line is its headline only when this short (a lead may lack its stop)


def header_headline(lines: list[Line], body_start: int) -> int | None:
    """The headline over the text of a dump without a <title>: the nearest headline-like line above it, past
    bylines, dates and share bars. The text's first line is its headline when it reads like one, is short and a
    paragraph (or a subtitle and a paragraph) follows (not in a dump that starts with its text: there ``page_title``
    has judged that line)."""
    if 0 < body_start < len(lines) - 1 and _first_headline(lines, lines[body_start]):
        return body_start
    for line in reversed(lines[max(0, body_start - HEADER_LINES) : body_start]):
        if _over_text(lines, line):
            return line.index
    return None


def _first_headline(lines: list[Line], first: Line) -> bool:
    """The text's first line is its headline: short, headline-like, a paragraph under it (or a subtitle, then one)."""
    if first.words > FIRST_HEADLINE_WORDS or not _over_text(lines, first):
        return False
    under = lines[first.index + 1]
    return under.prose or (headline_like(under) and first.index + 2 < len(lines) and lines[first.index + 2].prose)


def _over_text(lines: list[Line], line: Line) -> bool:
    """A headline-like line of some words, no sentence (its closing quote aside), no credit, no code (a script's
    line the dump's code marks missed), and not the names or role under a lone "By"."""
    if line.words < HEADER_WORDS or line.code or line.sentence or not headline_like(line) or credit_line(line):
        return False
    if summary_above(lines, line.index) is not None:
        return False  # a point of the story's summary under its header ("Key points")
    if line.index > 0 and _entry_stamp(lines[line.index - 1]):
        return False  # a live blog entry's heading under its time stamp
    if _CODE_MARK.search(line.text) or code_shaped(line.text) or _BRACKETED.match(line.text):
        return False
    if _UNFINISHED.search(line.text.rstrip().rstrip(_CLOSING)):
        return False
    return not any(byline_opening(above.text) for above in lines[max(0, line.index - BYLINE_LINES) : line.index])


def _entry_stamp(line: Line) -> bool:
    """A time of day alone on its line ("14:05", "9.42am"): what opens a live blog's entry."""
    return line.words <= 2 and _CLOCK.search(line.text) is not None and not any(c.isalpha() for c in line.text[:1])


CREDIT_WORDS = 14  # a byline or date line is short
CREDIT_SENTENCE_WORDS = 10  # and one shaped like a sentence shorter still ("Posted on ... at 11:29 a.m.")
STAMP_WORDS = 10  # a line this short with a time of day on it is a time stamp ("Tokyo Post 3/9 18:45")

_CLOCK = re.compile(r"(?<!\d)[012]?\d[:h][0-5]\d(?!\d)")  # a time of day: "18:45", "8:02", "13h36" (French, Portuguese)


def credit_line(line: Line) -> bool:
    """A byline (or one with the writer's description), a date or a time stamp on a line of its own."""
    if line.words < LONG_PARAGRAPH and byline_bio(line.text) or line.words <= 2 and byline_opening(line.text):
        return True  # "By Jane Doe, a staff writer who covers ...", or "By" with the names on the next line
    if line.words > CREDIT_WORDS:  # a longer stamp line holds little but dates and times (``dates.date_of_line``)
        return date_of_line(line.text) is not None
    if line.prose and line.sentence and line.words > CREDIT_SENTENCE_WORDS:
        return False
    if line.words <= STAMP_WORDS and _CLOCK.search(line.text):
        return True
    return date_of_line(line.text) is not None or parse_byline(line.text) is not None


TWICE_REACH = 30  # lines above the text where a headline printed twice (a share box, a sticky header) may sit


def printed_twice(lines: list[Line], body_start: int) -> list[int]:
    """The two copies of a headline-like line printed twice just above the text (a dump without a <title>)."""
    seen: dict[str, int] = {}
    for line in lines[max(0, body_start - TWICE_REACH) : body_start + 1]:
        if line.code or not headline_like(line):
            continue
        key = _key(line.text)
        if key in seen:
            return [seen[key], line.index]
        seen[key] = line.index
    return []


_CLOSING = "\"'”’»)]"  # what may close a sentence after its full stop


def page_title(lines: list[Line], body_start: int) -> bool:
    """The first line is the page's <title> (a naive dump starts with it): short, with lines under it, not a
    sentence (finished, or going on below), not furniture, code, a byline or a date; not the text's first paragraph."""
    first = lines[0]
    if len(lines) < 2 or first.words > TITLE_WORDS or first.furniture is not None or first.code:
        return False
    if _CODE_MARK.search(first.text):
        return False  # a script's line the code marks missed, a web address
    if _UNFINISHED.search(first.text.rstrip(_CLOSING)):
        return False  # a finished sentence (its closing quote or bracket too), or one that goes on below
    if body_start == 0 and (first.prose or not any(line.prose for line in lines[1:])):
        return False  # the text starts on the first line (a dump without a title), or is a note with no sentences
    if figures_line(first.text) or summary_header(first):
        return False  # a market ticker's quote, a table's row, a summary's header over a page without a <title>
    return parse_byline(first.text) is None and date_of_line(first.text) is None


# a figure as a word or alone on a line: a number, a price, a change, a rate or a measure ("7,512.3", "+0.4%",
# "$82.14", "(2.1)", "-8 %", "3.5m", "£2bn", "12:30")
FIGURE = re.compile(r"^[\s(+\-−–~≈<>▲▼$€£¥]*\d[\d.,:/\s]*(?:%|[^\W\d_]{1,3}\.?)?\)?\s*$")
# a measured figure holds a decimal, a thousands' separator, a time, a percentage or three digits: not "3." of a list
MEASURED = re.compile(r"\d[.,:]\d|\d\s*%|\d{3}")


def figures_line(text: str) -> bool:
    """More than half of the line's words are figures (``FIGURE``), two of them measured (``MEASURED``: three digits
    count, so a year does and a row of years, "2021 2022 2023", is a table's row too): a quote of a market ticker
    ("FTSE 100 7,512.3 +0.4%") or a row of a table, not a headline ("Top 10 films of 2017", "Brexit: 51.9% to
    48.1%": figures are half of its words or fewer)."""
    words = text.split()
    figures = [word for word in words if FIGURE.match(word) or word in ("▲", "▼")]
    return 2 * len(figures) > len(words) and sum(1 for word in figures if MEASURED.search(word)) >= 2


_TITLE_SEPARATORS = re.compile(r" [-|–—\\/>»] ")  # between a headline and its site's name or section
_HIERARCHY = re.compile(r" [\\/>»] ")  # between the levels of a site ("Home > News > Headline")
TITLE_MIN = 3  # words: a shorter part is a site's or section's name, not the headline
SHORT_TITLE = 4  # words: a title cut to this few keeps its site's name, unless that stood at the end of a path


def without_site_name(title: str) -> str:
    """A page title without its site's name: the part before its last separator ("Headline - Site"), or after its
    first when that part is too short ("Site | Headline"), as Readability reads a <title>; a headline printed twice
    around a separator once (``_said_once``)."""
    title = " ".join(title.split())
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    headline = title[: separators[-1].start()]
    if len(headline.split()) < TITLE_MIN:
        headline = title[separators[0].end() :]
    words = len(headline.split())
    parts = len(_TITLE_SEPARATORS.sub(" ", title).split())
    if words <= SHORT_TITLE and (not _HIERARCHY.search(title) or words != parts - 1):
        return _said_once(title)
    return _said_once(headline)


def _said_once(title: str) -> str:
    """A title saying the same words on both sides of a separator ("Headline - Headline": a post titled as the blog
    or page around it) said once."""
    for separator in _TITLE_SEPARATORS.finditer(title):
        if title[: separator.start()] == title[separator.end() :]:
            return title[: separator.start()]
    return title


def _longest_part(title: str) -> str:
    """The longest part of a page title between separators: its headline, beside the site's name."""
    return max((p.strip() for p in _SEPARATORS.split(title) if p.strip()), key=len, default=title)


_NAME_WORD = rf"(?:{NAME_CAPITAL}[\w'’-]*\.?)"  # "Jane", "O'Neil", "C.", "Łukasz": as a byline's names start
_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$")  # two to four capitalised words
NAME_WORDS = (2, 4)  # the words of a name line
NAME_GAP = 1  # short lines ("Follow", a role) that may sit between the name and its stamp
GAP_WORDS = 2  # the most words of such a line


def name_byline(lines: list[Line], i: int) -> Byline | None:
    """A writer's name alone on line ``i`` with a date or time stamp under it ("Jane Doe" / "March 3, 2021", "JANE
    DOE" / "3 hours ago"): a byline without its "By". Not a name: furniture ("Latest News", "Open Menu"), a line with
    a function word, a section's or a role's word (``_not_a_name``) or an agency's name."""
    line = lines[i]
    if not NAME_WORDS[0] <= line.words <= NAME_WORDS[1] or line.prose or line.furniture is not None:
        return None  # most lines fail here, before any regex
    text = line.text.strip()
    names = text.title() if text.isupper() else text
    if _NAME.match(names) is None or _not_a_name(names) or not _stamp_below(lines, i):
        return None
    return None if agency_name(text) else Byline(text=text, names=names, agency=None)  # the costliest test last


def _stamp_below(lines: list[Line], i: int) -> bool:
    """A date or time stamp under line ``i``, at most ``NAME_GAP`` short lines between."""
    below = [line for line in lines[i + 1 : i + 2 + NAME_GAP] if line.words]
    for k, line in enumerate(below):
        if stamp_line(line.text):
            return True
        if k >= NAME_GAP or line.words > GAP_WORDS:
            break
    return False


def _not_a_name(text: str) -> bool:
    """A word of the line is a function word of some language ("This Blog", "About Us") or a section's, a role's or a
    publication's ("World News", "Staff Reporter", "Android Developers"): no name."""
    return not _not_name_words().isdisjoint(word.lower() for word in text.split())


@cache
def _not_name_words() -> frozenset[str]:
    """The stopwords of every language (``resources/clean/stopwords``) and the "not_name" row of ``bylines.tsv``."""
    return frozenset().union(*stopwords().values(), map(str.lower, byline_phrases("not_name")))


def stamp_line(text: str) -> bool:
    """A date, a time of day or a relative stamp ("3 hours ago", "14 min read") on a short line of its own (at most
    ``STAMP_WORDS`` words: not "Previous article ... Issue 84 December 8, 2020")."""
    if len(text.split()) > STAMP_WORDS:
        return False
    return date_of_line(text) is not None or clock_stamp(text)


def clock_stamp(text: str) -> bool:
    """A time of day or a relative stamp in a line ("09:12", "2 hours ago"): when a post was written, not the date of
    an event."""
    return _CLOCK.search(text) is not None or _relative().search(text) is not None


def written_stamp(text: str) -> bool:
    """A relative stamp ("2 hours ago") or a date with a time of day ("14 March 2025 at 09:12"): when a comment was
    written. Not a time alone (a live blog's entry: "11:05") nor a date alone (a timeline's entry)."""
    if _relative().search(text) is not None:
        return True
    return _CLOCK.search(text) is not None and date_of_line(text) is not None


@cache
def _relative() -> re.Pattern[str]:
    """A number of minutes, hours or days and the word after or before it in a relative stamp (``bylines.tsv``:
    "unit", "ago", "before")."""
    unit, ago, before = byline_words("unit"), byline_words("ago"), byline_words("before")
    return re.compile(rf"(?i:\b\d+\s*(?:{unit})\s+(?:{ago})\b|\b(?:{before})\s+\d+\s*(?:{unit})\b)")
