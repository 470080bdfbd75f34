"""clean_html on page structure: lists that belong to the story, repeated widgets, teaser blocks."""

from __future__ import annotations

from storyline.clean.html import clean_html

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
