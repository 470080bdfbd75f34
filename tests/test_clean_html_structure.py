"""clean_html on page structure: lists that belong to the story, repeated widgets, teaser blocks."""

from __future__ import annotations

from storyline.clean.html import _drop_detached_tail, _inside, _inside_all, _verdict, clean_html
from storyline.clean.html_blocks import blocks, densest_container, parse_html
from storyline.clean.html_meta import page_meta

PROSE = [
    "The release ships a rewritten picture-in-picture player that keeps its place when the tab changes.",
    "Students from the university will work on the player again next term, mentored by two engineers.",
    "The password manager no longer hangs at startup, thanks to a dashboard that showed where time went.",
]


def _page(article: str) -> str:
    """A page whose <article> holds this markup."""
    return f"<html><head><title>Weekly notes</title></head><body><article>{article}</article></body></html>"


def test_link_items_of_a_prose_list_stay_but_a_related_list_goes() -> None:
    bugs = "".join(f"<li><a href='/b{i}'>Bug {i} - Fix the player window</a></li>" for i in range(3))
    html = _page(
        f"<p>{PROSE[0]}</p><ul><li>{PROSE[1]}</li><li>In progress:<ul>{bugs}</ul></li></ul><p>{PROSE[2]}</p>"
        "<ul><li><a href='/r1'>Firefox ships a new logo for its tenth birthday</a></li>"
        "<li><a href='/r2'>Ten add-ons that make your browser faster today</a></li></ul>"
    )
    article = clean_html(html, id="lists")
    assert "Bug 2 - Fix the player window" in article.body
    assert "In progress:" in article.body
    assert "new logo" not in article.body


def test_text_outside_the_container_that_trafilatura_kept_still_meets_the_furniture_check() -> None:
    root = parse_html(
        "<html><body><div class='story'><p>x</p></div>"
        "<div class='slideshow widget'><h4>A photo contest winner slideshow</h4></div>"
        f"<div class='intro'><p>{PROSE[0]}</p></div></body></html>",
        where="t",
    )
    container = root.find(".//div[@class='story']")
    found = {b.text: _verdict(b, True, container, ({}, {})) for b in blocks(root)}
    assert found["A photo contest winner slideshow"] == "furniture:slideshow"
    assert found[PROSE[0]] is None


def test_jsonld_name_that_is_the_site_name_loses_to_the_headline() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "name": "Aktualne.cz",'
        ' "headline": "West Ham threaten the giants"}</script><title></title>'
        "<meta property='og:title' content='West Ham threaten the giants | Aktualne.cz'>"
    )
    root = parse_html(f"<html><head>{head}</head><body><p>x</p></body></html>", where="t")
    assert page_meta(root).title == "West Ham threaten the giants"


def test_a_title_element_saved_inside_the_body_is_not_body_text() -> None:
    html = "<html><body><article><title>Weekly notes - Example Blog</title>"
    html += "".join(f"<p>{p}</p>" for p in PROSE) + "</article></body></html>"
    article = clean_html(html, id="dom-save")
    assert article.body.startswith(PROSE[0])
    assert ("Weekly notes - Example Blog", "title") in [(r.text, r.reason) for r in article.removed]


def test_a_heading_that_is_the_title_without_the_site_suffix_is_the_title() -> None:
    html = "<html><head><meta property='og:title' content='Player keeps its place - Example Blog'></head>"
    html += "<body><article><h1>Player keeps its place</h1>" + "".join(f"<p>{p}</p>" for p in PROSE)
    html += "</article></body></html>"
    article = clean_html(html, id="suffix")
    assert article.body.startswith(PROSE[0])
    assert ("Player keeps its place", "title") in [(r.text, r.reason) for r in article.removed]


def test_an_embedded_interactive_graphic_inside_the_article_is_furniture() -> None:
    graphic = "<section class='interactive-embedded graphic-container'><header><p>"
    graphic += "Debt as a share of the economy tends to rise in recessions and fall in recoveries, as this chart shows."
    graphic += "</p></header></section>"
    html = _page(f"<p>{PROSE[0]}</p><p>{PROSE[1]}</p>{graphic}<p>{PROSE[2]}</p>")
    article = clean_html(html, id="chart")
    assert "this chart shows" not in article.body
    assert article.body.endswith(PROSE[2])


def test_player_and_reading_time_labels_are_boilerplate() -> None:
    labels = ["Media playback is unsupported on your device", "5 min read", "Image caption Smoke over the city"]
    html = _page("".join(f"<p>{p}</p><p>{x}</p>" for p, x in zip(PROSE, labels, strict=True)) + f"<p>{PROSE[0]}</p>")
    article = clean_html(html, id="labels")
    assert all(x not in article.body for x in labels)
    assert {r.reason for r in article.removed if r.text in labels} == {"boilerplate"}


def test_fallback_container_takes_every_section_of_a_split_story_but_not_the_menu() -> None:
    wrap = "<div>" * 5, "</div>" * 5  # deep markup: the story's wrapper is beyond the density score's reach
    sections = "".join(f"<div class='section'>{wrap[0]}<p>{p}</p><p>{p.upper()}</p>{wrap[1]}</div>" for p in PROSE)
    menu = (
        "<div class='links'>"
        + "".join(f"<p><a href='/{i}'>Another story number {i}</a></p>" for i in range(9))
        + "</div>"
    )
    root = parse_html(
        f"<html><body><div id='page'>{menu}<div id='story'>{sections}</div></div></body></html>", where="t"
    )
    found = densest_container(blocks(root))
    assert found is not None and found.get("id") == "story"


def test_kept_text_far_below_the_story_is_a_detached_widget() -> None:
    story = "".join(f"<p>{p}</p>" for p in PROSE)
    links = "".join(f"<li><a href='/{i}'>Another story about the browser release number {i}</a></li>" for i in range(8))
    teaser = "Which browser is the fastest this year? We tested six of them on the same laptop for a week."
    below = "<div id='main'><article>{0}</article></div>{1}<div><p>{2}</p></div>"  # another part of the page
    beside = "<div id='main'><article>{0}</article>{1}<div><p>{2}</p></div></div>"  # same parent: may continue it
    for layout, detached in ((below, True), (beside, False)):
        root = parse_html(f"<html><body>{layout.format(story, f'<ul>{links}</ul>', teaser)}</body></html>", where="t")
        reasons: list[str | None] = [None] * 3 + ["outside-article"] * 8 + [None]
        _drop_detached_tail(blocks(root), reasons, root.find(".//article"))
        assert reasons[:3] == [None] * 3
        assert reasons[-1] == ("detached" if detached else None)
    reasons = [None] * 3 + ["outside-article"] * 2 + [None] * 7
    _drop_detached_tail(blocks(root), reasons, root.find(".//article"))
    assert reasons[-1] is None  # a short gap (a share bar) does not detach what follows


def test_kept_text_under_a_related_heading_below_the_story_is_detached() -> None:
    teaser = "Which browser is the fastest this year? We tested six of them on the same laptop for a week."
    story = "".join(f"<p>{p}</p>" for p in PROSE)
    html = f"<html><body><article>{story}</article><h3>Other Opinion Columns</h3><p>{teaser}</p></body></html>"
    root = parse_html(html, where="t")
    reasons: list[str | None] = [None] * 5
    _drop_detached_tail(blocks(root), reasons, root.find(".//article"))
    assert reasons == [None, None, None, "boilerplate", "detached"]


def test_a_layout_wrapper_around_the_container_does_not_make_outside_text_furniture() -> None:
    root = parse_html(
        f"<html><body><div class='layout with-sidebar'><div class='lead'><p>{PROSE[0]}</p></div>"
        f"<div class='story'><p>{PROSE[1]}</p></div></div></body></html>",
        where="t",
    )
    container = root.find(".//div[@class='story']")
    found = {b.text: _verdict(b, True, container, ({}, {})) for b in blocks(root)}
    assert found[PROSE[0]] is None


def test_figure_captions_short_or_of_a_video_are_listed_as_captions_not_body() -> None:
    photo = "Rescuers at the school (Jane Doe)"  # short, as picture captions are: no fragment
    video = "Watch: the moment the strike hit the school from across the street"
    html = f"<html><body><article><p>{PROSE[0]}</p><figure><img src='a.jpg'><figcaption>{photo}</figcaption></figure>"
    html += f"<p>{PROSE[1]}</p><figure><div class='player'><iframe src='v'></iframe></div>"
    html += f"<figcaption>{video}</figcaption></figure><p>{PROSE[2]}</p></article></body></html>"
    article = clean_html(html, id="captions")
    assert article.captions == [photo, video]
    assert photo not in article.body and video not in article.body
    assert all(p in article.body for p in PROSE[:3])


def test_inside_flags_of_the_whole_page_equal_the_per_block_ancestor_walk() -> None:
    story = f"<div class='story'><p>{PROSE[0]}</p><ul><li>{PROSE[1]}</li></ul></div><p>{PROSE[2]}</p>"
    page = f"<html><body><nav><a href='/'>Home</a></nav><article>{story}</article><footer>End</footer></body></html>"
    root = parse_html(page, where="t")
    found = blocks(root)
    for container in [root.find(".//div"), root.find(".//article"), root.find(".//li"), None]:
        expected = [container is not None and _inside(b.element, container) for b in found]
        assert _inside_all(found, container) == expected
