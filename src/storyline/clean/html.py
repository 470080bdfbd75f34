"""HTML page → Article: trafilatura finds the article, then we repair what it gets wrong.

trafilatura gives a first body; the metadata comes from the page's markup (``html_meta``), with
trafilatura's (and htmldate's) guesses only for the fields the markup leaves empty. We then walk
the page's own text blocks: a block trafilatura kept stays; a block it dropped that sits inside the article container
(the element holding most of trafilatura's text) is recovered unless it is page furniture (share,
newsletter, related, hidden, link lists) — but the link items of a list whose other items are prose
stay with it. Kept text outside the container still meets the furniture check, and kept text far
below the story (after many dropped words or a "Related stories" heading) is a detached widget.
A figure caption in the article is listed in ``captions``, not in the body (DESIGN.md: captions are
metadata, not body), even though reader views such as Readability keep a picture's caption in place.
Every block that does not reach the body is kept in ``removed`` with its reason.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import trafilatura
import trafilatura.settings
from htmldate import find_date
from trafilatura import metadata as tmeta

from storyline.clean import wire
from storyline.clean.dates import MONTH
from storyline.clean.html_blocks import (
    Block,
    container_of,
    densest_container,
    furniture_reason,
    normalise,
    parse_html,
    regex_lines,
    strip_invisible,
)
from storyline.clean.html_blocks import blocks as page_blocks
from storyline.clean.html_meta import PageMeta, page_meta, plausible_names
from storyline.errors import EmptyInput
from storyline.eval.metrics import tokens
from storyline.models import Article, RemovedText

log = logging.getLogger(__name__)

MAX_LINK_DENSITY = 0.5  # a recovered block with more link text than this is a link list
MIN_LOOSE_WORDS = 8  # a recovered block outside a paragraph-like element needs this many words
MIN_WORDS = 3  # a recovered paragraph (not a heading) needs this many words: "$915", "billion" are chart labels
TITLE_TAGS = frozenset(["h1", "h2"])  # a heading that repeats the title anywhere in the body is the title
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
SUBHEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
CELL_TAGS = frozenset(["td", "th", "dd", "dt"])  # table and definition cells are short by nature
DETACHED_WORDS = 50  # dropped words between the story and kept text below it that make that text a widget
LIST_TAGS = frozenset(["ul", "ol"])
LIST_RESCUE = frozenset(["link-list", "fragment"])  # what a list item of a prose list is not
TEXT_TAGS = frozenset(["p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption"])
MIN_RUN, MIN_RUN_WORDS = 3, 40  # a repeated run this long is a second copy of the story, not a refrain
PROSE_WORDS = 12  # ... when its paragraphs average this many words (a repeated table or menu is not prose)
_DATE_ONLY = re.compile(  # a paragraph that is only a date or time: page metadata, not text
    rf"(?i)(?:(?:updated|published|posted)\s*:?\s*)?(?:\w+day,?\s+)?(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|"
    rf"\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}},?\s+\d{{4}})(?:,?\s*(?:at\s+)?\d{{1,2}}[:.h]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?"
)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_UNITS = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
_RELATED = re.compile(r"related|more|recommend|trending|popular|read|next|previous", re.I)


@cache
def furniture_lines() -> re.Pattern[str]:
    """Whole lines that are page furniture ("Share this", "Sign up for our newsletter", ...)."""
    return regex_lines("html/furniture.txt")


@dataclass(slots=True)
class _Trafilatura:
    """What trafilatura says about a page's body: its text, and its lines for short blocks."""

    text: str = ""
    lines: set[str] = field(default_factory=set)


def _run_trafilatura(root: Any, url: str | None) -> _Trafilatura:
    """trafilatura's body text (it works on a copy of the tree; metadata is asked for only when needed)."""
    try:
        doc = trafilatura.bare_extraction(root, url=url, favor_recall=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many types on odd pages; we fall back to our own blocks
        log.debug("trafilatura failed on %s: %s", url, exc)
        return _Trafilatura()
    if not isinstance(doc, trafilatura.settings.Document):
        return _Trafilatura()
    text = doc.text or ""
    return _Trafilatura(text, {normalise(line).lower() for line in text.splitlines() if line.strip()})


# trafilatura.metadata internals _trafilatura_meta calls (not public API: checked once, see there)
_TRAFILATURA_STEPS = all(
    hasattr(tmeta, name)
    for name in ("examine_meta", "extract_meta_json", "extract_title", "extract_author", "extract_url",
                 "extract_sitename", "META_URL")
)  # fmt: skip


def _trafilatura_meta(root: Any, url: str | None, need: frozenset[str]) -> trafilatura.settings.Document:
    """trafilatura's metadata guesses for the ``need``-ed fields (title, author, date, sitename) only.

    The same steps as ``trafilatura.metadata.extract_metadata``, skipping what we do not use (its
    author search, date search, categories, tags and licence cost more than the body extraction). Those
    steps are trafilatura's internals: a release without them gets the public, slower function instead.
    """
    if not _TRAFILATURA_STEPS:
        return trafilatura.extract_metadata(root, default_url=url) or trafilatura.settings.Document()
    meta = tmeta.examine_meta(root)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = tmeta.extract_meta_json(root, meta)
    except Exception as exc:  # trafilatura's own guard: bugs in its JSON-LD reader
        log.debug("trafilatura JSON-LD failed on %s: %s", url, exc)
    if "title" in need and not meta.title:
        meta.title = tmeta.extract_title(root)
    if "author" in need and not meta.author:
        meta.author = tmeta.extract_author(root)
    meta.url = meta.url or tmeta.extract_url(root, url)
    if "date" in need:
        # htmldate: markup, URL and <time> only; its free-text search (dateparser) is slow and guesses "updated" dates
        meta.date = find_date(root, url=meta.url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if "sitename" in need:
        meta.sitename = _sitename(root, meta)
    meta.clean_and_trim()
    return meta


def _sitename(root: Any, meta: trafilatura.settings.Document) -> str | None:
    """trafilatura's site name: the markup's, or a dotted part of the <title>, or the URL's host."""
    name = meta.sitename or tmeta.extract_sitename(root)
    if name:
        name = name.lstrip("@")
        return name.title() if name and "." not in name and not name[0].isupper() else name
    match = tmeta.META_URL.match(meta.url) if meta.url else None
    return match[1] if match else None


def _shingles(text: str) -> list[tuple[str, ...]]:
    """Trigrams of words (of characters in Chinese, Japanese and Korean, written without spaces)."""
    units = _UNITS.findall(text.lower())
    return list(zip(units, units[1:], units[2:], strict=False))


def _kept_by_trafilatura(block: Block, traf: _Trafilatura, seen: set[tuple[str, ...]]) -> bool:
    """True when most of the block's word trigrams (or the whole short line) are in trafilatura's text."""
    grams = _shingles(block.text)
    if not grams:
        return block.text.lower() in traf.lines
    return sum(map(seen.__contains__, grams)) >= 0.5 * len(grams)


def _inside(el: Any, container: Any) -> bool:
    """True when ``el`` is ``container`` or one of its descendants."""
    return el is container or any(a is container for a in el.iterancestors())


def _inside_all(all_blocks: list[Block], container: Any) -> list[bool]:
    """``_inside`` for every block, each element's ancestors walked once for the whole page."""
    if container is None:
        return [False] * len(all_blocks)
    memo: dict[Any, bool] = {container: True}
    flags = []
    for block in all_blocks:
        chain, node = [], block.element
        while node is not None and node not in memo:
            chain.append(node)
            node = node.getparent()
        flag = node is not None and memo[node]
        memo.update(dict.fromkeys(chain, flag))
        flags.append(flag)
    return flags


def _branch_top(el: Any, container: Any) -> Any:
    """The highest ancestor of ``el`` that does not also hold the container (a layout wrapper is not furniture)."""
    holders = {container, *container.iterancestors()}
    node = el
    while (parent := node.getparent()) is not None and parent not in holders:
        node = parent
    return node


def _is_caption(el: Any) -> bool:
    """True when the element is, or sits in, a figure caption."""
    return any(e.tag == "figcaption" for e in [el, *el.iterancestors()] if isinstance(e.tag, str))


def _verdict(
    block: Block,
    kept: bool,
    container: Any,
    memos: tuple[dict[Any, Any], dict[Any, Any]],
    inside: bool | None = None,
) -> str | None:
    """None to keep the block in the body, else the reason it is dropped (``memos``: outside and inside caches)."""
    branch_memo, memo = memos
    if block.element.tag == "title":
        return "title"  # a <title> in the body: the page was saved from a browser's DOM
    if inside is None:
        inside = container is not None and _inside(block.element, container)
    if not inside:
        if not kept or block.link_density > MAX_LINK_DENSITY:
            return "outside-article"
        top = _branch_top(block.element, container) if container is not None else None
        reason = furniture_reason(block.element, top, branch_memo)
        if reason:
            return reason
        return "boilerplate" if furniture_lines().fullmatch(block.text) else None
    reason = furniture_reason(block.element, container, memo)
    if reason:
        return reason
    if furniture_lines().fullmatch(block.text):
        return "boilerplate"
    if kept:
        return None
    if block.link_density > MAX_LINK_DENSITY:
        return "link-list"
    words = len(tokens(block.text))
    if block.element.tag in SUBHEADINGS or block.element.tag in CELL_TAGS:
        return None
    if words < MIN_WORDS or (block.element.tag not in TEXT_TAGS and words < MIN_LOOSE_WORDS):
        return "fragment"
    return None


def _is_title(title: str | None, text: str) -> bool:
    """True when the text is the title, or the title without the site name the page appended to it."""
    if title is None:
        return False
    title, text = normalise(title).lower(), normalise(text).lower()
    return title == text or (title.startswith(text) and len(text) >= 0.5 * len(title))


def _select(all_blocks: list[Block], traf: _Trafilatura, title: str | None) -> tuple[list[str], Article]:
    """Split blocks into body paragraphs and removed/caption/related metadata."""
    article = Article(id="", body="")
    reasons = _structure_reasons(all_blocks, traf)
    body: list[str] = []
    levels: list[int] = []  # heading level of each body paragraph, 9 for text
    previous: str | None = None  # reason the block before this one was dropped, if it was
    for block, reason in zip(all_blocks, reasons, strict=True):
        if reason is None and _is_caption(block.element):
            article.captions.append(block.text)
            previous = None
            continue
        reason = reason or _text_reason(block, title, first=not body)
        if reason is None:
            body.append(block.text)
            levels.append(int(block.element.tag[1]) if block.element.tag in HEADINGS else 9)
            previous = None
            continue
        if reason == previous:  # one entry per run of blocks dropped for the same reason (a menu, a footer)
            article.removed[-1].text += "\n" + block.text
        else:
            article.removed.append(RemovedText(block.text, reason))
        previous = reason
        if reason != "outside-article" and _RELATED.search(reason) and block.link_density > MAX_LINK_DENSITY:
            article.related.append(block.text)
    orphans = orphan_headings(levels)
    article.removed += [RemovedText(body[i], "orphan-heading") for i in sorted(orphans)]
    return [text for i, text in enumerate(body) if i not in orphans], article


def _structure_reasons(all_blocks: list[Block], traf: _Trafilatura) -> list[str | None]:
    """Per block, why its place in the page keeps it out of the body (None: it may stay)."""
    seen = set(_shingles(traf.text))
    kept_flags = [_kept_by_trafilatura(b, traf, seen) for b in all_blocks]
    chosen = [b for b, k in zip(all_blocks, kept_flags, strict=True) if k]
    page_memo: dict[Any, str | None] = {}
    clean = [b for b in chosen if furniture_reason(b.element, None, page_memo) is None]
    container = container_of(clean or chosen) if chosen else densest_container(all_blocks)
    branch_memo: dict[Any, str | None] = {}
    memo: dict[Any, str | None] = {}
    inside = _inside_all(all_blocks, container)
    memos = (branch_memo, memo)
    reasons = [_verdict(b, k, container, memos, i) for b, k, i in zip(all_blocks, kept_flags, inside, strict=True)]
    _rescue_list_items(all_blocks, reasons, container)
    _drop_detached_tail(all_blocks, reasons, container, inside)
    return reasons


def _text_reason(block: Block, title: str | None, *, first: bool) -> str | None:
    """Why a block that passed the structure checks is still not body text: a title, a bare date, no words."""
    tag = block.element.tag
    if (first or tag in TITLE_TAGS) and _is_title(title, block.text):
        return "title"
    if not _UNITS.search(block.text):
        return "no-words"
    if tag not in CELL_TAGS and _DATE_ONLY.fullmatch(block.text):
        return "date"
    return None


def _drop_detached_tail(
    all_blocks: list[Block], reasons: list[str | None], container: Any, inside: list[bool] | None = None
) -> None:
    """Drop kept text below the article container after a "Related stories" heading or a long gap.

    trafilatura sometimes keeps a teaser widget below the story ("Other Opinion Columns", "Today on
    ..."); text that continues the story follows it closely, or sits beside the container in the same
    parent. Text in another part of the page after ``DETACHED_WORDS`` of dropped text is a widget.
    """
    flags = inside if inside is not None else _inside_all(all_blocks, container)
    last = max((i for i, flag in enumerate(flags) if flag), default=None)
    if last is None:
        return
    parent = container.getparent()
    gap, heading = 0, False
    for i in range(last + 1, len(all_blocks)):
        block = all_blocks[i]
        if block.element.tag in HEADINGS and furniture_lines().fullmatch(block.text):
            reasons[i], heading = reasons[i] or "boilerplate", True  # "Related stories", "Other columns"
        elif reasons[i] is not None:
            gap += len(tokens(block.text))
        elif heading or (gap >= DETACHED_WORDS and (parent is None or not _inside(block.element, parent))):
            reasons[i] = "detached"


def _lists_of(el: Any, container: Any) -> list[Any]:
    """The <ul>/<ol> elements that hold ``el``, up to the container."""
    found = []
    for node in el.iterancestors():
        if node is container:
            break
        if node.tag in LIST_TAGS:
            found.append(node)
    return found


def _rescue_list_items(all_blocks: list[Block], reasons: list[str | None], container: Any) -> None:
    """Keep the short or linked items of a list whose other items are kept prose.

    A list is one thing: a list of bug links under "In progress:" in the middle of a post is as much
    the article as its prose items, while a related-links list has no prose item at all.
    """
    if container is None:
        return
    prose_lists: set[Any] = set()
    for block, reason in zip(all_blocks, reasons, strict=True):
        if reason is None and block.link_density <= MAX_LINK_DENSITY and len(tokens(block.text)) >= MIN_LOOSE_WORDS:
            prose_lists.update(_lists_of(block.element, container))
    if not prose_lists:
        return
    for i, (block, reason) in enumerate(zip(all_blocks, reasons, strict=True)):
        if reason in LIST_RESCUE and any(lst in prose_lists for lst in _lists_of(block.element, container)):
            reasons[i] = None


def orphan_headings(levels: list[int]) -> set[int]:
    """Indexes of the headings that end the body with no text after them.

    These title the sections we dropped after the story ("Related Videos", "Comments").
    """
    orphans: set[int] = set()
    end = len(levels)
    while end > 1 and levels[end - 1] < 9 and 9 in levels[: end - 1]:
        end -= 1
        orphans.add(end)
    return orphans


def repeated_runs(paragraphs: list[str]) -> set[int]:
    """Indexes of paragraphs in a second copy of a run of several different paragraphs.

    A page that carries its story twice repeats a whole sequence; a single paragraph repeated
    (a pull quote, a refrain) is left alone. Linear in the page: runs of one repeated paragraph are
    stepped over as blocks, and words are counted once per paragraph.
    """
    ids = _paragraph_ids(paragraphs)
    block = _same_ahead(ids)
    words_before = [0]
    for text in paragraphs:
        words_before.append(words_before[-1] + len(tokens(text)))
    first: dict[int, int] = {}
    drop: set[int] = set()
    i, n = 0, len(ids)
    while i < n:
        j = first.get(ids[i])
        length = 0
        while j is not None and i + length < n and j + length < i and ids[i + length] == ids[j + length]:
            length += max(1, min(block[i + length], block[j + length], i - j - length, n - i - length))
        words = words_before[i + length] - words_before[i]
        distinct = length > block[i]
        if length >= MIN_RUN and distinct and words >= max(MIN_RUN_WORDS, PROSE_WORDS * length):
            drop.update(range(i, i + length))
            i += length
            continue
        first.setdefault(ids[i], i)
        i += 1
    return drop


def _paragraph_ids(paragraphs: list[str]) -> list[int]:
    """Each paragraph as a small integer, equal texts equal ids."""
    seen: dict[str, int] = {}
    return [seen.setdefault(text, len(seen)) for text in paragraphs]


def _same_ahead(ids: list[int]) -> list[int]:
    """For each position, how many paragraphs from it on are the same paragraph."""
    ahead = [1] * len(ids)
    for k in range(len(ids) - 2, -1, -1):
        if ids[k] == ids[k + 1]:
            ahead[k] = ahead[k + 1] + 1
    return ahead


def _byline(author: str | None) -> str | None:
    """trafilatura's author field, tidied (it joins several authors with '; ')."""
    if not author or wire.canonical_agency(author):
        return None  # an agency alone ("AFP") is the source, not a byline
    names = normalise(author.replace(";", ","))
    return names if plausible_names(names) else None  # trafilatura sometimes takes "Last Updated January 7"


def clean_html(html: str, *, id: str, url: str | None = None, published: str | None = None) -> Article:
    """Clean one HTML page into an Article; EmptyInput/MalformedInput when nothing usable is in it."""
    where = url or id
    root = parse_html(html, where=where)
    meta = page_meta(root)  # before scripts go: JSON-LD lives in <script>
    hidden = strip_invisible(root)
    traf = _run_trafilatura(root, url)
    need = _missing(meta, published)
    fallback = _trafilatura_meta(root, url, need) if need else trafilatura.settings.Document()
    title = meta.title or fallback.title
    body, article = _select(page_blocks(root), traf, title)
    repeated = repeated_runs(body)
    article.removed += [RemovedText(body[i], "repeated") for i in sorted(repeated)]
    body = [text for i, text in enumerate(body) if i not in repeated]
    if not body:
        raise EmptyInput("no article text found in the HTML page", where=where)
    article.id, article.body, article.url = id, "\n\n".join(body), url
    article.removed = [RemovedText(text, "hidden") for text in hidden] + article.removed
    article.title = title
    article.byline = meta.byline or _byline(fallback.author)
    article.site = meta.site or fallback.sitename
    article.published = published or meta.published or fallback.date
    article.language = root.get("lang")
    _add_wire(article, body)
    return article


def _missing(meta: PageMeta, published: str | None) -> frozenset[str]:
    """The metadata fields trafilatura should guess: those the page's markup (or the caller) left empty."""
    given = {"title": meta.title, "author": meta.byline, "date": published or meta.published, "sitename": meta.site}
    return frozenset(name for name, value in given.items() if not value)


def _add_wire(article: Article, body: list[str]) -> None:
    """Dateline and wire source from the first paragraph, the source falling back to the site name."""
    dateline = wire.split_dateline(body[0]) if body else None
    if dateline is not None:
        article.dateline = dateline.text
    agencies = wire.agencies_in(" ".join(body[:3]))
    article.source = (dateline.agency if dateline else None) or (agencies[0] if agencies else None) or article.site
