"""Plain-text dumps (the seed's format, .txt, Markdown, naive copies of web pages) → Article.

    lines ─► features ─► repeats, related-link runs ─► article region ─► headline, credits ─► Article

Every line that does not reach the body is kept in ``Article.removed`` with the reason it went.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from itertools import compress
from operator import attrgetter, itemgetter, not_
from typing import Any

from storyline.clean import speedups
from storyline.clean.dates import MAX_WORDS, date_of_line
from storyline.clean.headline import find_headline, name_byline
from storyline.clean.layout import analyse
from storyline.clean.lines import Line
from storyline.clean.markup import Dump
from storyline.clean.wire import (
    BYLINE_MARKS,
    Byline,
    agencies_in,
    agency_ends,
    agency_name,
    agency_words,
    bio_byline,
    byline_opening,
    byline_phrases,
    byline_start,
    parse_byline,
    split_dateline,
)
from storyline.errors import MalformedInput
from storyline.models import Article, RemovedText

NEAR = 3  # lines around the article where credits and captions still belong to it
CREDIT_CHARS = 60  # the longest line wire.agency_name reads as a credit ("Reuters", "Source: AFP")
TOP_LINES = 5  # the page's first lines, where a dump without a header over its text may print its date and byline
BYLINE_REACH = 12  # lines above the article where its byline may sit (under the headline, over a photo)


@dataclass(slots=True)
class _Verdicts:
    """What happened to each line, filled in by the passes of ``clean_text``."""

    reasons: dict[int, str] = field(default_factory=dict)
    source: str | None = None
    byline: str | None = None
    published: str | None = None
    captions: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


def clean_text(text: str, *, id: str, published: str | None = None) -> Article:
    """Find the article in a plain-text dump; everything else is removed with a reason."""
    if not isinstance(text, str):
        raise MalformedInput(f"expected decoded text, got {type(text).__name__}; decode it first", where=id)
    if type(text) is not str:  # a str subclass (numpy.str_, markupsafe.Markup): the compiled kernels read plain str
        text = str.__str__(text)
    layout = analyse(text)
    lines, start, end = layout.lines, layout.start, layout.end
    title, title_lines = find_headline(lines, start, layout.dump.heading_levels, layout.echoes)
    verdicts = _Verdicts(reasons=dict.fromkeys(title_lines, "title"))
    _credits(lines, start, end, layout.dump, verdicts, layout.scan, layout.language)
    _related(lines, layout.related, verdicts)
    body = _body(lines, start, end, layout.repeats, verdicts)
    published = published or layout.dump.published or verdicts.published
    article = Article(id=id, body="", title=title, published=published)
    article.language = layout.language
    _finish(article, body, lines, verdicts)
    return article


def _credits(
    lines: list[Line],
    start: int,
    end: int,
    dump: Dump,
    verdicts: _Verdicts,
    scan: Any = None,
    language: str | None = None,
) -> None:
    """Lone agency lines, bylines (one split after its "By" too, a name over a date line), dates and captions near the
    article (``scan``: the kernels' scan of the lines; ``language``: the page's, which reads its slash dates)."""
    naming, crediting = _naming_agency(lines, scan)
    for i in _credit_candidates(lines, start, end, dump, naming):
        line = lines[i]
        if i in verdicts.reasons:
            continue
        near = start - NEAR <= line.index < end + NEAR
        agency = agency_name(line.text) if i in crediting else None
        if agency:
            verdicts.reasons[line.index] = "source"
            verdicts.source = verdicts.source or (agency if near else None)
            continue
        top = line.index < TOP_LINES or start - 2 * NEAR <= line.index < start + NEAR
        published = date_of_line(line.text, language) if top and line.words <= MAX_WORDS else None
        if published:
            verdicts.reasons[line.index] = "date"
            verdicts.published = verdicts.published or published
            continue
        above = line.index < TOP_LINES or start - BYLINE_REACH <= line.index < end + NEAR
        byline, byline_lines = _byline_at(lines, i, verdicts.reasons) if above else (None, 0)
        if byline:
            verdicts.reasons.update(dict.fromkeys(range(i, i + byline_lines), "byline"))
            verdicts.byline = verdicts.byline or byline.names
            verdicts.source = verdicts.source or byline.agency
        elif (line.furniture and line.furniture.reason == "caption") or line.text in dump.image_texts:
            verdicts.reasons[line.index] = "caption"
            if near and line.text not in verdicts.captions:
                verdicts.captions.append(line.text)


def _byline_at(lines: list[Line], i: int, claimed: dict[int, str]) -> tuple[Byline | None, int]:
    """The byline on line ``i``, or split after its opening word ("By" / "Jane Doe"), or a name over a date line
    (``headline.name_byline``), and how many lines it takes."""
    line = lines[i]
    if byline_opening(line.text) and i + 1 < len(lines) and i + 1 not in claimed:
        names = lines[i + 1]
        split = parse_byline(f"{line.text.rstrip(' :')} {names.text}") if names.words <= 14 else None
        return split, 2
    opens = byline_start().match(line.text) is not None
    found = parse_byline(line.text) if line.words <= 14 and opens else None
    if found is None and opens:
        found = bio_byline(line.text)  # "By Jane Doe, a reporter who covers ...": too long for parse_byline
    return (found or name_byline(lines, i)), 1


@cache
def byline_initials() -> frozenset[str]:
    """What a byline line starts with: an opening word's first letter in either case ("By", "Written by", "Por":
    ``wire.byline_phrases("by")``, which wire.parse_byline reads) or a mark it trims (``wire.BYLINE_MARKS``)."""
    words = byline_phrases("by")
    return frozenset(w[0].lower() for w in words) | frozenset(w[0].upper() for w in words) | frozenset(BYLINE_MARKS)


def _naming_agency(lines: list[Line], scan: Any = None) -> tuple[set[int], set[int]]:
    """The lines holding a word of an agency's name (``agency_words``), and those of them that may be a lone credit
    line (``CREDIT_CHARS`` long at most, holding a word of ``agency_ends`` too: ``agency_name`` finds an agency in no
    other line); ``scan``: the kernels' scan of the lines."""
    if speedups.KERNELS is not None:
        found: tuple[set[int], set[int]] = speedups.KERNELS.naming(
            lines, agency_words(), agency_ends(), CREDIT_CHARS, scan
        )
        return found
    tokens = list(map(_TOKENS, lines))
    naming = set(compress(range(len(lines)), map(not_, map(agency_words().isdisjoint, tokens))))
    short = {i for i in naming if len(lines[i].text) <= CREDIT_CHARS}
    return naming, {i for i in short if not agency_ends().isdisjoint(tokens[i])}


def _credit_candidates(lines: list[Line], start: int, end: int, dump: Dump, naming: set[int]) -> list[int]:
    """The lines ``_credits`` may claim, in order: naming an agency (``naming``), near the top, a byline's start,
    a caption."""
    if speedups.KERNELS is not None:  # the same lines, gathered in compiled code
        found_lines: list[int] = speedups.KERNELS.credit_candidates(
            lines, start, end, naming, dump.image_texts, byline_initials(), CREDIT_CHARS, NEAR, BYLINE_REACH
        )
        return found_lines
    indexes = range(len(lines))
    texts = list(map(_TEXT, lines))
    # a longer line naming an agency is no credit, and the other tests take it where it could be one of theirs (near
    # the top, a byline's start, a caption): most lines of prose name one ("the", "of", "news" are agency words)
    found = {i for i in naming if len(texts[i]) <= CREDIT_CHARS}
    found.update(range(min(5, len(lines))), range(max(0, start - 2 * NEAR), min(len(lines), start + NEAR)))
    reach = range(max(0, start - BYLINE_REACH), min(len(lines), end + NEAR))
    firsts = map(_FIRST_CHAR, map(str.lstrip, texts[reach.start : reach.stop]))
    found.update(compress(reach, map(byline_initials().__contains__, firsts)))
    for line in compress(lines, map(_FURNITURE, lines)):
        if line.furniture is not None and line.furniture.reason == "caption":
            found.add(line.index)
    if dump.image_texts:
        found.update(compress(indexes, map(dump.image_texts.__contains__, texts)))
    return sorted(found)


_TEXT, _TOKENS, _FURNITURE = attrgetter("text"), attrgetter("tokens"), attrgetter("furniture")
_FIRST_CHAR = itemgetter(slice(0, 1))


def _related(lines: list[Line], related: dict[int, str], verdicts: _Verdicts) -> None:
    """Related-link headers and the link headlines after them."""
    for i, reason in related.items():
        if i in verdicts.reasons:
            continue
        verdicts.reasons[i] = reason
        line = lines[i]
        if line.furniture is None or line.furniture.reason != "related-header":
            _add_related(verdicts.related, line.text)
    for line in compress(lines, map(_FURNITURE, lines)):
        inline = line.furniture is not None and line.furniture.reason == "related-link"
        if inline and line.index not in verdicts.reasons:
            verdicts.reasons[line.index] = "related-links"
            _add_related(verdicts.related, line.text)


_CUT_MARKS = ("\u2026", "...")  # how a cut-off copy of a headline ends


def _add_related(related: list[str], text: str) -> None:
    """List a related headline once: a link card prints it two or three times, some copies cut off ("Gaza…").
    A headline that merely starts like another one ("Gaza" beside "Gaza talks resume") is a headline of its own."""
    for k, listed in enumerate(related):
        if listed == text or (text.endswith(_CUT_MARKS) and listed.startswith(_stem(text))):
            return  # a copy, or a cut-off copy, of one listed already
        if listed.endswith(_CUT_MARKS) and text.startswith(_stem(listed)):
            related[k] = text  # the fuller copy replaces a cut-off one
            return
    related.append(text)


def _stem(text: str) -> str:
    """A cut-off headline without its ellipsis and the space or stop before it."""
    return text.rstrip(" .\u2026")


def _body(lines: list[Line], start: int, end: int, repeats: dict[int, int], verdicts: _Verdicts) -> list[str]:
    """The kept paragraphs, in order, each once; the rest get their reasons."""
    if speedups.KERNELS is not None:  # the same passes, compiled (None: a region that is not one of these lines)
        kept: list[str] | None = speedups.KERNELS.body(lines, start, end, repeats, verdicts.reasons)
        if kept is not None:
            return kept
    body: list[str] = []
    kept_groups: set[int] = set()
    for line in lines[start:end]:
        if line.index in verdicts.reasons:
            continue
        group = repeats.get(line.index, line.index)
        if group in kept_groups and (line.prose or lines[group].prose or not start <= group < end):
            verdicts.reasons[line.index] = "repeated"
        elif line.furniture is not None:
            verdicts.reasons[line.index] = line.furniture.reason
        elif line.code:
            verdicts.reasons[line.index] = "code"
        else:
            kept_groups.add(group)
            body.append(line.text)
    for line in lines[:start] + lines[end:]:
        if line.index not in verdicts.reasons:
            group = repeats.get(line.index, line.index)
            verdicts.reasons[line.index] = "repeated" if group in kept_groups else _outside_reason(lines, line)
    return body


def _outside_reason(lines: list[Line], line: Line) -> str:
    """Why a line outside the article was dropped."""
    if line.furniture is not None:
        return "related-links" if line.furniture.reason == "related-header" else line.furniture.reason
    if line.code:
        return "code"
    if line.words <= 5:
        i = line.index
        short_neighbour = (i > 0 and lines[i - 1].words <= 5) or (i + 1 < len(lines) and lines[i + 1].words <= 5)
        return "navigation" if short_neighbour else "short-fragment"
    return "boilerplate"


def _finish(article: Article, body: list[str], lines: list[Line], verdicts: _Verdicts) -> None:
    """Dateline, source and the removed list; fill the article."""
    if body:
        dateline = split_dateline(body[0])
        if dateline:
            article.dateline = dateline.text
            verdicts.source = dateline.agency or verdicts.source
            article.removed.append(RemovedText(dateline.text, "dateline"))
            body[0] = dateline.rest
        elif not verdicts.source:
            found = agencies_in(body[0])
            verdicts.source = found[0] if found else None
    article.body = "\n\n".join(body)
    article.source = verdicts.source
    article.byline = verdicts.byline
    article.captions = verdicts.captions
    article.related = verdicts.related
    reasons = verdicts.reasons
    order = sorted(reasons)  # line indexes sorted as ints: no (index, reason) pairs made and compared
    article.removed.extend(map(RemovedText, [lines[i].text for i in order], map(reasons.__getitem__, order)))
