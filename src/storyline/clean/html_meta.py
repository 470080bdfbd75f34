"""Article metadata from an HTML page's own markup: JSON-LD, <meta> tags, <title> and byline elements.

The order of preference follows Mozilla Readability (the reference of our dev pages and the most
widely used reader view): JSON-LD first, then Dublin Core / Open Graph / Twitter meta tags, then
the ``<title>`` element with the site name cut off, then elements marked as a byline. trafilatura's
guesses (``html.py``) fill whatever is still missing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from storyline.clean.dates import MONTH_ABBREVIATIONS
from storyline.clean.html_blocks import normalise
from storyline.clean.wire import byline_words, canonical_agency

TITLE_KEYS = ("dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title",
              "twitter:title", "parsely-title")  # fmt: skip
AUTHOR_KEYS = ("dc:creator", "dcterm:creator", "author", "parsely-author", "article:author", "og:article:author",
               "sailthru.author")  # fmt: skip
DATE_KEYS = ("article:published_time", "parsely-pub-date", "datepublished", "dc:date", "dcterms.date",
             "date", "pubdate", "publishdate", "sailthru.date")  # fmt: skip
SITE_KEYS = ("og:site_name", "application-name", "twitter:site_name", "dc:publisher")
_SEPARATOR = re.compile(r" [|\-–—\\/>»] ")
_FIRST_PART = re.compile(r"^[^|\-–—\\/>»]*[|\-–—\\/>»]")
_HIERARCHY = re.compile(r" [\\/>»] ")
_BYLINE_MARK = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
_MONTHS = rf"{MONTH_ABBREVIATIONS}|janv|févr|mars|avr|mai|juin|juil|août|sept|déc"
_BYLINE_TAIL = re.compile(
    rf"\s(?:[|•·]|[-–—]\s|(?:updated|published|posted|on|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\d{{1,2}}[./]\d|\d{{1,4}}\s+(?:{_MONTHS})|(?:{_MONTHS})[a-zé]*\.?\s+\d)",
    re.I,
)
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_COMMENTS = re.compile(r"comment|repl(?:y|ies)|respond", re.I)
_NOT_NAMES = re.compile(r"(?i)(?:last|updated|published|posted|by|share|follow|\w+day)")
_NOT_A_NAME_START = re.compile(r"(?i)(?:last|updated|published|posted|share|follow)\b")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class PageMeta:
    """What the page's markup says about the article."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site: str | None = None


def meta_values(root: Any) -> dict[str, str]:
    """``<meta>`` name/property → content, lower-cased keys, space-separated properties split, last wins."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = normalise(meta.get("content") or "")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            for key in (meta.get(attr) or "").lower().split():
                values[key.replace("dc.", "dc:").replace("dcterm.", "dcterm:")] = content
    return values


def _jsonld_objects(root: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members included; broken JSON is skipped."""
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text))
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
    return found


def _article_jsonld(root: Any) -> dict[str, Any]:
    """The JSON-LD object describing an article (``*Article`` or ``*Posting`` type), or {}."""
    for item in _jsonld_objects(root):
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and re.search(r"Article|Posting|Report|BlogPost", k) for k in kinds):
            return item
    return {}


def _names(value: Any) -> str | None:
    """Author names from a JSON-LD author value (string, object or list of them)."""
    items = value if isinstance(value, list) else [value]
    names = [i if isinstance(i, str) else i.get("name") for i in items if isinstance(i, str | dict)]
    clean = [normalise(n) for n in names if isinstance(n, str) and normalise(n)]
    return ", ".join(clean) or None


def _overlap(a: str, b: str) -> float:
    """Share of the words of ``a`` that also occur in ``b`` (case-insensitive)."""
    words_a, words_b = a.lower().split(), set(b.lower().split())
    return sum(1 for w in words_a if w in words_b) / max(len(words_a), 1)


def _jsonld_title(ld: dict[str, Any], root: Any, values: dict[str, str]) -> str | None:
    """JSON-LD ``headline`` or ``name``; when both differ, the one closer to the page's other titles.

    ``name`` is sometimes the site's name ("Aktuálně.cz"): a tie goes to ``headline``.
    """
    found = [normalise(v) for v in (ld.get("headline"), ld.get("name")) if isinstance(v, str) and normalise(v)]
    if len(found) == 2 and found[0] != found[1]:
        element = root.find(".//title")
        others = [element.text_content() if element is not None else ""]
        others += [values[k] for k in ("og:title", "twitter:title") if k in values]
        return max(found, key=lambda v: _overlap(v, " ".join(others)))
    return found[0] if found else None


def document_title(root: Any) -> str | None:
    """The ``<title>`` element cut to the headline, as Readability does."""
    element = root.find(".//title")
    original = normalise(element.text_content()) if element is not None else ""
    if not original:
        return None
    title, hierarchical = original, False
    separators = list(_SEPARATOR.finditer(original))
    if separators:
        hierarchical = bool(_HIERARCHY.search(original))
        title = original[: separators[-1].start()].strip()
        if len(title.split()) < 3:
            title = _FIRST_PART.sub("", original, count=1).strip()
    elif ": " in original:
        headings = {normalise(h.text_content()) for h in root.iter("h1", "h2")}
        if original not in headings:
            title = original[original.rfind(":") + 1 :].strip()
            if len(title.split()) < 3:
                title = original[original.find(":") + 1 :].strip()
            elif len(original[: original.find(":")].split()) > 5:
                title = original
    elif len(original) > 150 or len(original) < 15:
        h1s = list(root.iter("h1"))
        if len(h1s) == 1:
            title = normalise(h1s[0].text_content()) or original
    words = len(title.split())
    if words <= 4 and (not hierarchical or words != len(re.sub(r"[|\-–—\\/>»]+", "", original).split()) - 1):
        title = original
    return title


def _byline_mark(el: Any) -> int:
    """2 for an element marked author by rel/itemprop, 1 by class or id, 0 when not marked."""
    if not isinstance(el.tag, str):
        return 0
    if el.get("rel") == "author" or "author" in (el.get("itemprop") or ""):
        return 2
    return int(bool(_BYLINE_MARK.search(f"{el.get('class') or ''} {el.get('id') or ''}")))


def _outside_story(el: Any) -> bool:
    """True when the element sits in a menu, footer, sidebar or comment thread."""
    for node in el.iterancestors():
        if node.tag in ("nav", "footer", "aside", "form") or _COMMENTS.search(node.get("class") or ""):
            return True
    return False


def _byline_text(el: Any) -> str | None:
    """The names in a byline element: its itemprop=name part, or its own text cut before a date or a bar."""
    named = el.xpath(".//*[@itemprop='name']")
    text = normalise((named[0] if named else el).text_content())
    text = _BYLINE_TAIL.split(text)[0].strip(" ,-–—|•·")
    if not text or len(text) >= 100 or not any(c.isalpha() for c in text) or len(el.xpath(".//a")) > 2:
        return None
    if _NOT_NAMES.fullmatch(text):
        return None  # "Sunday, March 15", "Last updated: ..." cut before the date
    return text


def _first_heading(root: Any) -> str | None:
    """The text of the first <h1> of a page that has no <title>."""
    h1 = next(root.iter("h1"), None)
    return (normalise(h1.text_content()) or None) if h1 is not None else None


def byline_element(root: Any) -> str | None:
    """The names in the first short element marked as the byline: rel/itemprop marks before classes."""
    body = root.find("body")
    marked = [(el, mark) for el in (body if body is not None else root).iter() if (mark := _byline_mark(el))]
    for wanted in (2, 1):
        for el, mark in marked:
            if mark != wanted or _outside_story(el):
                continue
            inner = [d for d in el.iterdescendants() if _byline_mark(d) and _byline_text(d)]
            text = _byline_text(inner[0]) if inner else _byline_text(el)
            if text and not canonical_agency(strip_by(text) or ""):  # "AFP" alone is the source, not a byline
                return text
    return None


def plausible_names(text: str) -> bool:
    """True unless the text is plainly not a list of names: a date, "Last updated ...", a long sentence."""
    return (
        0 < len(text) < 100
        and any(c.isalpha() for c in text)
        and not any(c.isdigit() for c in text)
        and not _NOT_A_NAME_START.match(text)
    )


def strip_by(byline: str | None) -> str | None:
    """A byline without its leading "By" (any opening word ``wire.parse_byline`` reads: "Written by", "Por")."""
    return _leading_by().sub("", byline).strip() or None if byline else None


@cache
def _leading_by() -> re.Pattern[str]:
    """A byline's opening word and the space after it (the "by" row of resources/clean/bylines.tsv)."""
    return re.compile(rf"^(?:{byline_words('by')})\s+", re.IGNORECASE)


def _date(value: Any) -> str | None:
    """The date part (YYYY-MM-DD) of an ISO date or datetime string."""
    match = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    return match.group(0) if match else None


def page_meta(root: Any) -> PageMeta:
    """Title, byline, published date and site name from the page's markup (None where it says nothing)."""
    values, ld = meta_values(root), _article_jsonld(root)
    title = (
        _jsonld_title(ld, root, values)
        or next((values[k] for k in TITLE_KEYS if k in values), None)
        or document_title(root)
        or _first_heading(root)
    )
    author = _names(ld.get("author")) or next(
        (values[k] for k in AUTHOR_KEYS if k in values and not values[k].startswith("http")), None
    )
    published = _date(ld.get("datePublished")) or next((d for k in DATE_KEYS if (d := _date(values.get(k)))), None)
    site = next((values[k] for k in SITE_KEYS if k in values), None)
    return PageMeta(title, strip_by(author or byline_element(root)), published, site)
