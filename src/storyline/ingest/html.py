"""HTML pages → Document with cheap metadata from the head: title, dates, canonical URL, site name."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml import etree

from storyline.ingest.base import Item, make_document, resource
from storyline.ingest.dates import published_or_note

_PREFIX_CHARS = 400_000
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BODY_META = re.compile(r"<meta\s|<time\s[^>]*(?:itemprop|pubdate)", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_JSONLD_DATE = re.compile(r'"(datePublished|dateCreated|uploadDate|dateModified)"\s*:\s*"([^"]{6,40})"')
_JSONLD_PUBLISHER = re.compile(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{1,120})"')


def read_html(
    raw: bytes, text: str, encoding: str, source: str, url: str | None = None, metadata: dict[str, Any] | None = None
) -> Iterator[Item]:
    """One Document for an HTML page; broken HTML is still a Document (cleaning decides what is in it)."""
    metadata = dict(metadata or {})
    head = html_head(text)
    published = published_or_note(head.pop("published", None), metadata)
    metadata.update({k: v for k, v in head.items() if k not in ("title", "site", "canonical")})
    if url and head.get("canonical") and head["canonical"] != url:
        metadata["canonical_url"] = head["canonical"]
    yield make_document(
        raw,
        text,
        "html",
        source,
        content_type="text/html",
        url=url or head.get("canonical"),
        title=head.get("title"),
        published=published,
        site=head.get("site"),
        encoding=encoding,
        metadata=metadata,
    )


def html_head(text: str) -> dict[str, str]:
    """Title, published, site, canonical and language from the page head (a longer prefix when it lacks some)."""
    end = _HEAD_END.search(text, 0, _PREFIX_CHARS)
    jsonld = _jsonld_fields(text)
    found = _from_markup(text[: end.start()] if end else text[:_PREFIX_CHARS], jsonld)
    if end and not ("title" in found and "published" in found) and _BODY_META.search(text, end.end(), _PREFIX_CHARS):
        # Some sites put their meta tags early in the body; look there only when the head lacks them.
        found = _from_markup(text[:_PREFIX_CHARS], jsonld) | found
    return found


def _from_markup(fragment: str, jsonld: dict[str, str]) -> dict[str, str]:
    """Metadata read from one parsed fragment of a page (empty when it does not parse)."""
    # lxml refuses str input that declares an encoding (XHTML's <?xml ... encoding=...?>); it is decoded already.
    fragment = _XML_DECLARATION.sub("", fragment, count=1)
    try:
        root = lxml.html.document_fromstring(fragment or "<html></html>")
    except (etree.LxmlError, ValueError):
        return {}
    metas = _metas(root) | {k: v for k, v in jsonld.items() if k.startswith("jsonld:")}
    keys = resource("html_meta.json")
    found: dict[str, str] = {}
    title = _first(metas, keys["title"]) or _text(root.find("head/title"))
    title = " ".join(title.split()) if title else None
    if title:
        found["title"] = title
    for source, names in (
        (jsonld, keys["jsonld_published"]),
        (metas, keys["published"]),
        (jsonld, keys["jsonld_modified"]),
        (metas, keys["modified"]),
    ):
        key = next((k for k in names if source.get(k)), None)
        if key:
            found["published"], found["published_key"] = source[key], key
            break
    site = _first(metas, keys["site"])
    if site:
        found["site"] = " ".join(site.split())
    canonical = root.xpath("string(//link[@rel='canonical']/@href)") or metas.get("og:url")
    if canonical:
        found["canonical"] = str(canonical).strip()
    lang = root.get("lang") or root.get("xml:lang")
    if lang:
        found["language"] = lang.strip()
    return found


def _metas(root: Any) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-cased name, property, itemprop or http-equiv (first one wins)."""
    out: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or meta.get("datetime") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            for key in (meta.get(attr) or "").lower().split():
                out.setdefault(key, content)
    for node in root.xpath("//time[@datetime][@itemprop or @pubdate]"):
        out.setdefault((node.get("itemprop") or "pubdate").lower(), node.get("datetime").strip())
    return out


def _first(metas: dict[str, str], keys: list[str]) -> str | None:
    """The first of ``keys`` present in ``metas``."""
    return next((metas[k] for k in keys if metas.get(k)), None)


def _text(node: Any) -> str | None:
    """Whitespace-normalised text of an element, or None when empty."""
    if node is None:
        return None
    text = " ".join(node.text_content().split())
    return text or None


def _jsonld_fields(text: str) -> dict[str, str]:
    """First value of each JSON-LD date key and the publisher's name (regexes: full JSON-LD is clean's job)."""
    found: dict[str, str] = {}
    for block in _ld_json_blocks(text):
        for key, value in _JSONLD_DATE.findall(block):
            found.setdefault(key, value)
        publisher = _JSONLD_PUBLISHER.search(block)
        if publisher:
            found.setdefault("jsonld:publisher", _json_string(publisher.group(1)))
    return found


def _json_string(value: str) -> str:
    """A JSON string body with its escapes (``\\u00e9``) resolved; as written when it does not parse."""
    try:
        return str(json.loads(f'"{value}"'))
    except ValueError:
        return value


def _ld_json_blocks(text: str) -> Iterator[str]:
    """Contents of ``<script type="application/ld+json">`` elements (plain string search: fast on big pages)."""
    pos = text.find("ld+json")
    while pos != -1:
        start = text.find(">", pos) + 1
        end = text.find("</script", start)
        if start == 0 or end == -1:
            return
        yield text[start:end]
        pos = text.find("ld+json", end)


def is_html_field(value: str) -> bool:
    """True when a text field holds HTML markup rather than plain text."""
    return _MARKUP.search(value[:5000]) is not None


_MARKUP = re.compile(r"<(p|div|br|html|body|span|a|article|section|h[1-6]|ul|li|table|img|figure)[\s>/]", re.I)
