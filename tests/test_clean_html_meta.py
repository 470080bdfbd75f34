"""html_meta: bylines that are names, not dates or labels."""

from __future__ import annotations

from typing import Any

import pytest
import trafilatura
from trafilatura import metadata as tmeta

from storyline.clean.html import _byline, clean_html
from storyline.clean.html_blocks import parse_html
from storyline.clean.html_meta import byline_element, page_meta, plausible_names, strip_by


def test_byline_element_is_cut_before_a_weekday_date() -> None:
    body = "<div class='article-author'><a href='/a'><span>Joe Wee</span></a> <span>Monday, February 29</span></div>"
    assert byline_element(parse_html(f"<html><body>{body}</body></html>", where="t")) == "Joe Wee"


def test_names_are_plausible_but_dates_and_labels_are_not() -> None:
    assert plausible_names("Ann Lee, Bo Chen")
    assert plausible_names("Sébastien Farcis")
    for text in ("Last Updated January 7", "Updated 3 hours ago", "", "2023-10-09", "x" * 120):
        assert not plausible_names(text), text
    assert _byline("Last Updated January 7") is None
    assert _byline("Ann Lee; Bo Chen") == "Ann Lee, Bo Chen"


def test_strip_by_drops_every_opening_word_wire_reads() -> None:
    for byline in ("By Jane Doe", "BY Jane Doe", "Written by Jane Doe", "Por Jane Doe", "Av Jane Doe", "Von  Jane Doe"):
        assert strip_by(byline) == "Jane Doe", byline
    assert strip_by("Ava Jane Doe") == "Ava Jane Doe"  # an opening word only when a space follows it
    assert strip_by("By") == "By" and strip_by("") is None


def test_open_graph_article_author_with_its_og_prefix_is_the_byline() -> None:
    head = '<meta property="og:article:author" content="BBC News"><meta property="article:author" content="https://x.example/a">'
    root = parse_html(f"<html><head>{head}</head><body><p>Text of the story.</p></body></html>", where="og")
    assert page_meta(root).byline == "BBC News"  # a profile URL under article:author is no name


STORY = (
    "<article><p>"
    + "Rescuers worked through the night to reach families trapped under the rubble. " * 4
    + "</p></article>"
)


def test_trafilatura_is_asked_only_for_the_metadata_the_markup_lacks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fail(*args: object) -> None:
        raise AssertionError("a trafilatura search ran for a field the page's markup gives")

    for search in ("extract_author", "extract_title", "extract_sitename"):
        monkeypatch.setattr(tmeta, search, fail)
    head = '<title>Rescue goes on</title><meta name="author" content="Jane Roe">'
    head += '<meta property="og:site_name" content="Example News">'
    page = f"<html><head>{head}</head><body>{STORY}</body></html>"
    article = clean_html(page, id="m", url="https://news.example/2023/10/09/rescue.html")
    assert (article.byline, article.site, article.published) == ("Jane Roe", "Example News", "2023-10-09")
    assert article.title == "Rescue goes on"


def test_a_trafilatura_without_the_metadata_steps_we_call_falls_back_to_its_public_function(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyline.clean.html as html

    monkeypatch.setattr(html, "_TRAFILATURA_STEPS", False)  # as in a release that moved them
    public, calls = trafilatura.extract_metadata, list[int]()

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return public(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "extract_metadata", counted)
    page = f"<html><head><title>Rescue goes on | Example News</title></head><body>{STORY}</body></html>"
    article = clean_html(page, id="m", url="https://news.example/2023/10/09/rescue.html")
    assert calls and (article.title or "").startswith("Rescue goes on") and article.published == "2023-10-09"
    assert article.body
