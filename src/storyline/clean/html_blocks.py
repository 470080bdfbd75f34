"""An HTML page as a list of text blocks in reading order, and the container that holds the article.

A *block* is the run of text a reader sees as one paragraph: the text of a block element (``p``,
``li``, ``h2``, ``div`` ...) with its inline children, split where a nested block starts. Each block
keeps its element, so callers can ask where it sits (inside the article container? under a share
widget?) and how much of it is link text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from storyline.errors import EmptyInput, MalformedInput

BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "figure", "figcaption",
    "dd", "dt", "dl", "form", "main", "title", "option", "button", "label", "address", "hr",
})  # fmt: skip
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "select")
FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "button", "option", "label", "menu"})
PAGE_TAGS = frozenset({"html", "body", "main", "article"})  # their classes describe the page, not furniture
PROSE_BLOCK = 80  # a block this long with few links is prose when widening the densest container
WIDEN_GAIN = 0.1  # ... and its parent is taken when it adds this share more prose
WIDEN_NOISE = 0.5  # ... and adds at most this much other text (menus, link lists) per character of prose
PROSE_CHARS = 600  # a furniture-marked element with this much unlinked text is article text after all
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_PARSER = lxml_html.HTMLParser(encoding="utf-8")  # the text is already decoded: ignore <meta charset>
# Every element an HtmlElement, chosen in C: lxml.html's own lookup is a Python call for each element
# touched (a tenth of the cleaning time), only to give <form>/<input> their form-filling classes.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Block:
    """One visible paragraph of a page: its text, element, and how much of it is link text."""

    text: str
    element: Any
    link_chars: int

    @property
    def link_density(self) -> float:
        """Share of the block's characters that sit inside links."""
        return self.link_chars / max(len(self.text), 1)


def regex_lines(name: str) -> re.Pattern[str]:
    """One alternation regex from a data file of regex lines (comments and blanks skipped)."""
    text = resources.files("storyline.resources.clean").joinpath(name).read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return re.compile("|".join(f"(?:{line})" for line in lines), re.I)


@cache
def unlikely_pattern() -> re.Pattern[str]:
    """Class/id fragments of page furniture."""
    return regex_lines("html/unlikely.txt")


@cache
def hidden_class_pattern() -> re.Pattern[str]:
    """Class names that hide an element (screen-reader-only text, collapsed widgets)."""
    return regex_lines("html/hidden.txt")


@cache
def likely_pattern() -> re.Pattern[str]:
    """Class/id fragments of the article itself."""
    return regex_lines("html/likely.txt")


def parse_html(html: str, *, where: str) -> Any:
    """Parse HTML into an lxml tree; EmptyInput for blank pages, MalformedInput when lxml cannot parse."""
    html = _CONTROL.sub("", html or "")  # lxml refuses control characters when it later edits text
    if not html.strip():
        raise EmptyInput("empty HTML page", where=where)
    try:
        root = lxml_html.document_fromstring(html.encode("utf-8", errors="replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInput(f"HTML cannot be parsed: {exc}", where=where) from exc
    if root is None:
        raise MalformedInput("HTML has no document element", where=where)
    return root


def is_hidden(el: Any) -> bool:
    """True for elements a reader would not see: hidden attribute or class, display:none, aria-hidden."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if any(hidden_class_pattern().fullmatch(name) for name in (el.get("class") or "").split()):
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def strip_invisible(root: Any) -> list[str]:
    """Remove scripts, styles and hidden elements in place; return the hidden texts removed."""
    removed: list[str] = []
    for el in list(root.iter(*DROP_TAGS, etree.Comment, etree.ProcessingInstruction)):
        if el.getparent() is not None and el is not root:
            el.drop_tree()
    body = root.find("body")
    for el in list((body if body is not None else root).iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and is_hidden(el):
            text = normalise(el.text_content())
            if text:
                removed.append(text)
            el.drop_tree()
    return removed


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _SPACE.sub(" ", text).strip()


def blocks(root: Any) -> list[Block]:
    """The visible text blocks of the page body in reading order."""
    body = root.find("body")
    out: list[Block] = []
    state: dict[str, Any] = {"parts": [], "owner": body, "links": 0}

    def flush() -> None:
        text = normalise("".join(state["parts"]))
        if text:
            out.append(Block(text, state["owner"], min(state["links"], len(text))))
        state["parts"], state["links"] = [], 0

    def add(text: str | None, owner: Any, in_link: bool) -> None:
        if text:
            if not state["parts"]:
                state["owner"] = owner
            state["parts"].append(text)
            if in_link:
                state["links"] += len(normalise(text))

    def walk(el: Any, owner: Any, in_link: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in BLOCK_TAGS:
            flush()
            owner = el
        in_link = in_link or tag == "a"
        add(el.text, owner, in_link)
        for child in el:
            if isinstance(child.tag, str):
                walk(child, owner, in_link)
            add(child.tail, owner, in_link)
        if tag in BLOCK_TAGS:
            flush()

    walk(body if body is not None else root, body, False)
    flush()
    return out


def class_id(el: Any) -> str:
    """The element's class and id attributes as one string."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_prose(el: Any) -> bool:
    """True for an element holding much unlinked text: a section of the article, whatever its class says."""
    text = el.text_content()
    if len(text) < PROSE_CHARS:
        return False
    link_text = sum(len(a.text_content()) for a in el.iter("a"))
    return link_text < 0.2 * len(text)


def furniture_reason(el: Any, stop: Any, memo: dict[Any, str | None] | None = None) -> str | None:
    """Why ``el`` (or an ancestor up to ``stop``) is page furniture, or None; ``memo`` caches per element."""
    memo = {} if memo is None else memo
    chain = []
    node, end = el, stop.getparent() if stop is not None else None
    while node is not None and node is not end:
        if node in memo:
            break
        chain.append(node)
        node = node.getparent()
    reason = memo.get(node) if node is not None else None
    for node in reversed(chain):
        reason = reason or _own_furniture(node)
        memo[node] = reason
    return reason


def _own_furniture(node: Any) -> str | None:
    """Why this one element is page furniture, or None.

    A furniture class ("share-tools") decides alone; a furniture tag (<aside>, <form>) or id
    ("sharing-with-two-computers", a section anchor) is overruled when the element holds much prose.
    """
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in PAGE_TAGS:
        return None
    for attr in ("class", "id"):
        marks = node.get(attr) or ""
        found = unlikely_pattern().search(marks)
        if found and not likely_pattern().search(marks) and (attr == "class" or not _is_prose(node)):
            return "furniture:" + found.group(0).lower().strip("-_ ")
    if tag in FURNITURE_TAGS and not _is_prose(node):
        return f"furniture:{tag}"
    return None


def container_of(chosen: list[Block], share: float = 0.8) -> Any:
    """The deepest element that holds at least ``share`` of the chosen blocks' text."""
    weight: Counter[Any] = Counter()
    depth: dict[Any, int] = {}
    total = sum(len(b.text) for b in chosen)
    for block in chosen:
        chain = list(block.element.iterancestors())[::-1] + [block.element]
        for level, el in enumerate(chain):
            weight[el] += len(block.text)
            depth[el] = level
    fits = [el for el, w in weight.items() if w >= share * total]
    return max(fits, key=lambda el: depth[el]) if fits else None


def densest_container(all_blocks: list[Block]) -> Any:
    """A readability-style guess at the article container: where long, comma-rich, unlinked text sits."""
    score: dict[Any, float] = {}
    for block in all_blocks:
        if len(block.text) < 25 or block.link_density > 0.5:
            continue
        points = 1 + block.text.count(",") + min(len(block.text) / 100, 3)
        for level, el in enumerate(block.element.iterancestors()):
            if level > 4:
                break
            score[el] = score.get(el, 0.0) + points / (1 if level == 0 else 2 if level == 1 else level * 3)
        score[block.element] = score.get(block.element, 0.0) + points
    return widen(max(score, key=score.__getitem__), all_blocks) if score else None


def widen(top: Any, all_blocks: list[Block]) -> Any:
    """The highest ancestor of ``top`` (below <body>, not furniture) that adds prose and little else.

    The densest element is often one section of a story split over sibling <div>s; an ancestor
    holds the rest. It is taken when it adds ``WIDEN_GAIN`` more prose and at most ``WIDEN_NOISE``
    characters of other text (menus, link lists, player labels) per character of prose added.
    """
    prose: Counter[Any] = Counter()
    other: Counter[Any] = Counter()
    for block in all_blocks:
        tally = prose if len(block.text) >= PROSE_BLOCK and block.link_density < 0.3 else other
        for el in block.element.iterancestors():
            tally[el] += len(block.text)
        tally[block.element] += len(block.text)
    node = top
    for parent in top.iterancestors():
        if parent.tag in ("body", "html") or _own_furniture(parent):
            break
        gained, noise = prose[parent] - prose[top], other[parent] - other[top]
        if gained >= WIDEN_GAIN * prose[top] and noise <= WIDEN_NOISE * gained:
            node = parent
    return node
