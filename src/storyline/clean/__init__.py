"""Cleaning: Document → Article. Finds the article among site furniture and keeps what it drops.

``clean_text`` handles plain-text dumps (the seed's format, txt, Markdown); ``clean_html`` handles
HTML through trafilatura plus our own repairs. ``clean_document`` picks one by content type.
"""

from __future__ import annotations

from storyline.clean.html import clean_html
from storyline.clean.text import clean_text
from storyline.errors import EmptyInput
from storyline.models import Article, Document
from storyline.stage import Stage


def clean_document(doc: Document) -> Article:
    """Clean one document by its content type; raises EmptyInput when no body is left."""
    if doc.content_type == "text/html":
        article = clean_html(doc.text, id=doc.id, url=doc.url, published=doc.published)
    else:
        article = clean_text(doc.text, id=doc.id, published=doc.published)
    article.url = article.url or doc.url
    article.title = article.title or doc.title
    article.site = article.site or doc.site
    if not article.body.strip():
        raise EmptyInput("no article body left after cleaning", where=doc.source)
    return article


class Cleaner(Stage[Document, Article]):
    """The cleaning stage."""

    name = "clean"

    def process(self, item: Document) -> Article:
        """Clean one document."""
        return clean_document(item)


__all__ = ["Cleaner", "clean_document", "clean_html", "clean_text"]
