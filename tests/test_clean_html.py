"""clean_html: the article body without furniture, metadata, and everything dropped kept with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.html import clean_html, orphan_headings, repeated_runs
from storyline.clean.html_blocks import blocks, parse_html
from storyline.clean.html_meta import PageMeta, page_meta
from storyline.errors import EmptyInput, InputError, MalformedInput

PARAGRAPHS = [
    "GAZA, Oct 9 (Reuters) - Qatar is mediating talks with Hamas officials to secure the release of "
    "Israeli women and children held captive in Gaza in exchange for Palestinian prisoners, a source said.",
    "The negotiations, which began overnight, are being conducted in coordination with the United States, "
    "the source added, speaking on condition of anonymity because of the sensitivity of the talks.",
    "Hamas fighters stormed towns in southern Israel on Saturday, killing more than 700 people and taking "
    "dozens of hostages back into the Gaza Strip, according to Israeli officials.",
    "Israel responded with the heaviest air strikes in the history of the conflict, flattening buildings "
    "across the territory of 2.3 million people, Palestinian health officials said on Monday.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Qatar mediates hostage talks | Example News</title>
<meta property="og:title" content="Qatar mediates hostage talks">
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-10-09T12:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header class="site-header"><a href="/">Example News</a></header>
<main><article class="article-body">
<h1>Qatar mediates hostage talks</h1>
<p>{PARAGRAPHS[0]}</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>{PARAGRAPHS[1]}</p>
<figure><img src="a.jpg">
<figcaption>Smoke rises over Gaza City after an air strike, October 9, 2023.</figcaption></figure>
<h2>Assault on southern Israel</h2>
<p>{PARAGRAPHS[2]}</p>
<p style="display:none">This paragraph is hidden from readers and must not appear in the body.</p>
<p>{PARAGRAPHS[3]}</p>
<p>Sign up for our daily newsletter</p>
<div class="related-stories"><h3>Related</h3><ul>
<li><a href="/a">Israel declares war after surprise attack</a></li>
<li><a href="/b">Oil prices jump as conflict widens</a></li></ul></div>
</article></main>
<footer><p>Copyright 2023 Example News. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def article():  # type: ignore[no-untyped-def]
    """The synthetic page, cleaned once."""
    return clean_html(PAGE, id="page-1", url="https://news.example/world/qatar-talks")


def test_body_has_every_paragraph_once_in_order(article) -> None:  # type: ignore[no-untyped-def]
    positions = [article.body.find(p) for p in PARAGRAPHS]
    assert all(pos >= 0 for pos in positions), article.body
    assert positions == sorted(positions)
    assert all(article.body.count(p) == 1 for p in PARAGRAPHS)


def test_furniture_is_removed_with_a_reason(article) -> None:  # type: ignore[no-untyped-def]
    for junk in ("Share on Facebook", "Sign up for our daily newsletter", "Home", "All rights reserved", "hidden"):
        assert junk not in article.body
    reasons = {r.reason for r in article.removed}
    assert "hidden" in reasons
    removed_text = " ".join(r.text for r in article.removed)
    assert "Sign up for our daily newsletter" in removed_text
    assert "Share on Facebook" in removed_text


def test_subheading_kept_and_title_not_repeated(article) -> None:  # type: ignore[no-untyped-def]
    assert "Assault on southern Israel" in article.body
    assert not article.body.startswith("Qatar mediates hostage talks")


def test_metadata(article) -> None:  # type: ignore[no-untyped-def]
    assert article.title == "Qatar mediates hostage talks"
    assert article.byline == "Jane Roe"
    assert article.published == "2023-10-09"
    assert article.site == "Example News"
    assert article.url == "https://news.example/world/qatar-talks"
    assert article.dateline == "GAZA, Oct 9 (Reuters) -"
    assert article.source == "Reuters"


def test_captions_and_related_links_are_metadata(article) -> None:  # type: ignore[no-untyped-def]
    assert article.captions == ["Smoke rises over Gaza City after an air strike, October 9, 2023."]
    assert "Smoke rises" not in article.body
    assert "Israel declares war after surprise attack" in article.related
    assert "Oil prices jump" not in article.body


def test_given_published_date_wins() -> None:
    assert clean_html(PAGE, id="p", published="2023-10-10").published == "2023-10-10"


def test_to_dict_is_the_clean_contract(article) -> None:  # type: ignore[no-untyped-def]
    out = article.to_dict()
    assert list(out) == [
        "id", "title", "body", "published", "source", "byline", "dateline", "captions", "related", "removed",
    ]  # fmt: skip
    assert out["id"] == "page-1"
    assert all(set(r) == {"text", "reason"} for r in out["removed"])


def test_page_without_article_container_still_gives_text() -> None:
    text = "Aid convoys reached the north of the strip on Tuesday, the first in three weeks, officials said."
    article = clean_html(f"<html><body><div>{text}</div></body></html>", id="bare")
    assert article.body == text


@pytest.mark.parametrize(
    ("html", "error"),
    [("", EmptyInput), ("   \n ", EmptyInput), ("<!-- only a comment -->", MalformedInput),
     ("<html><head><title>x</title></head></html>", EmptyInput), ("\x00\x01\x02", EmptyInput),
     ("<frameset><frame src='a'></frameset>", EmptyInput)],
)  # fmt: skip
def test_unusable_pages_raise_named_errors(html: str, error: type[InputError]) -> None:
    with pytest.raises(error, match="bad-page"):
        clean_html(html, id="bad-page")


def test_odd_markup_does_not_crash() -> None:
    para = "Residents said the shelling continued through the night, and that power was cut at dawn."
    for html in (
        "<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>" + para + "</p></body></html>",
        "<p>" * 3000 + para,
        "<html><body><table><tr><td><p>" + para + "</td></tr></table>",
        "<div><p>" + para + "<div><span>unclosed",
    ):
        assert para in clean_html(html, id="odd").body


def test_blocks_split_at_nested_blocks_and_measure_links() -> None:
    html = "<body><div>Lead text <a href='#'>link</a><p>Inner paragraph.</p>tail text</div></body>"
    root = parse_html(html, where="t")
    found = [(b.text, round(b.link_density, 2)) for b in blocks(root)]
    assert found == [("Lead text link", 0.29), ("Inner paragraph.", 0.0), ("tail text", 0.0)]


def test_non_utf8_charset_declaration_does_not_garble_decoded_text() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>' + "Café déjà vu, naïve façade. " * 4 + "</p>"
    assert "Café déjà vu" in clean_html(html, id="enc").body


def _meta(head: str, body: str = "<p>x</p>") -> PageMeta:
    """page_meta of a page with this head and body."""
    return page_meta(parse_html(f"<html><head>{head}</head><body>{body}</body></html>", where="meta"))


def test_title_cuts_the_site_name_but_keeps_short_titles_whole() -> None:
    assert _meta("<title>Israel strikes Gaza again overnight | The Daily Example</title>").title == (
        "Israel strikes Gaza again overnight"
    )
    assert _meta("<title>Mozilla - Wikipedia</title>").title == "Mozilla - Wikipedia"
    assert _meta("<title>x</title><meta property='og:title' content='Open graph headline'>").title == (
        "Open graph headline"
    )


def test_jsonld_in_cdata_gives_date_author_and_title() -> None:
    ld = (
        '<script type="application/ld+json">//<![CDATA[\n{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Ceasefire talks resume", "datePublished": "2023-11-21T22:00:40-05:00",'
        ' "author": [{"@type": "Person", "name": "Ann Lee"}, {"name": "Bo Chen"}]}\n//]]></script>'
    )
    meta = _meta(ld + "<title>Ceasefire talks resume - Example</title>")
    assert (meta.title, meta.published, meta.byline) == ("Ceasefire talks resume", "2023-11-21", "Ann Lee, Bo Chen")


def test_byline_element_gives_names_without_by_or_date() -> None:
    body = "<div class='byline'>By <span class='author-name'>Jane Roe</span> - Oct 9, 2023 10:02 am</div><p>x</p>"
    assert _meta("", body).byline == "Jane Roe"
    assert _meta("", "<p class='byline'>By Jane Roe, Oct 9, 2023</p>").byline == "Jane Roe"
    assert _meta("<meta name='author' content='https://example.org/jane'>").byline is None


def test_story_carried_twice_keeps_one_copy_but_a_refrain_stays() -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = clean_html(f"<html><body><article>{story}{story}</article></body></html>", id="twice")
    assert all(article.body.count(p) == 1 for p in PARAGRAPHS)
    assert sum(r.reason == "repeated" for r in article.removed) == len(PARAGRAPHS)
    assert repeated_runs(["a b", "a b", "a b"]) == set()


def test_screen_reader_only_text_is_hidden() -> None:
    html = f"<html><body><article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
    html += "<ul><li><a href='#'>Share</a> <span class='sr-only'>Share this story on Whatsapp</span></li></ul>"
    html += f"<p>{PARAGRAPHS[2]}</p></article></body></html>"
    article = clean_html(html, id="sr")
    assert "Whatsapp" not in article.body
    assert ("Share this story on Whatsapp", "hidden") in [(r.text, r.reason) for r in article.removed]


TAGS = ["p", "div", "span", "a", "article", "nav", "table", "td", "li", "ul", "h2", "script", "figcaption", "br"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS] + ["<!--", "-->", "<![CDATA[", "&amp;"]
            ),
            st.text(min_size=0, max_size=40),
        ),
        max_size=40,
    )
)
def test_any_tag_soup_gives_an_article_or_a_named_error(parts: list[str]) -> None:
    try:
        article = clean_html("".join(parts), id="soup")
    except InputError:
        return
    assert article.body.strip()
    assert article.id == "soup"


def test_date_lines_and_trailing_section_titles_leave_the_body() -> None:
    html = "<html><head><title>Strikes continue - Example</title></head><body><article><p>24 July 2015</p>"
    html += "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    html += "<h2>Related Videos</h2><div class='video-list'><a href='/v'>Watch: strikes on Gaza</a></div>"
    html += "</article></body></html>"
    article = clean_html(html, id="tail")
    assert article.body.startswith(PARAGRAPHS[0])
    assert article.body.endswith(PARAGRAPHS[2])
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["24 July 2015"] == "date"
    assert reasons["Related Videos"] == "orphan-heading"
    assert orphan_headings([2, 9, 2, 9, 3, 2]) == {4, 5}
    assert orphan_headings([2, 3]) == set()  # a body of headings only keeps them


def test_title_falls_back_to_the_first_h1_not_a_later_heading() -> None:
    html = f"<html><body><h1>Strikes hit Rafah</h1><p>{PARAGRAPHS[2]}</p><h2>Related Videos</h2></body></html>"
    assert clean_html(html, id="h1").title == "Strikes hit Rafah"
    assert _meta("<meta name='parsely-title' content='Parsely headline'>").title == "Parsely headline"


def test_byline_prefers_author_markup_and_skips_comments_and_agencies() -> None:
    body = (
        "<div class='post-byline'>Posted Sunday</div><header><a rel='author' href='/u/ann'>Ann Lee</a></header>"
        "<div class='comments'><cite class='comment-author'>Troll Person</cite></div>"
    )
    assert _meta("", body).byline == "Ann Lee"
    assert _meta("", "<div class='comments'><cite class='comment-author'>Troll Person</cite></div>").byline is None
    assert _meta("", "<span itemprop='author'>AFP</span>").byline is None


def _repeated_runs_by_definition(paragraphs: list[str]) -> set[int]:
    """repeated_runs as first written: compare paragraph by paragraph (quadratic on a page of one repeated line)."""
    from storyline.clean.html import MIN_RUN, MIN_RUN_WORDS, PROSE_WORDS
    from storyline.eval.metrics import tokens

    first: dict[str, int] = {}
    drop: set[int] = set()
    i = 0
    while i < len(paragraphs):
        j = first.get(paragraphs[i])
        length = 0
        while j is not None and i + length < len(paragraphs) and j + length < i:
            if paragraphs[i + length] != paragraphs[j + length]:
                break
            length += 1
        run = paragraphs[i : i + length]
        words = sum(len(tokens(t)) for t in run)
        if length >= MIN_RUN and len(set(run)) >= 2 and words >= max(MIN_RUN_WORDS, PROSE_WORDS * length):
            drop.update(range(i, i + length))
            i += length
            continue
        first.setdefault(paragraphs[i], i)
        i += 1
    return drop


_RUN_TEXTS = [" ".join(["word"] * n) + f" {tag}" for n, tag in ((14, "a"), (20, "b"), (3, "c"), (30, "d"))]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_RUN_TEXTS), max_size=40))
def test_repeated_runs_match_their_definition(paragraphs: list[str]) -> None:
    assert repeated_runs(paragraphs) == _repeated_runs_by_definition(paragraphs)
