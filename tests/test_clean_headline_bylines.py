"""Credit lines over the text: bylines without their "By" (a writer's name over a date or time stamp), stamp lines."""

from __future__ import annotations

import pytest

from storyline.clean.headline import credit_line, name_byline, page_title, stamp_line
from storyline.clean.lines import measure_lines, stopwords


def _byline(texts: list[str]) -> str | None:
    """The names ``name_byline`` reads on the first of ``texts``."""
    found = name_byline(measure_lines(texts, stopwords()["en"]), 0)
    return found.names if found else None


@pytest.mark.parametrize(
    ("texts", "names"),
    [
        (["Mike Conley", "December 18, 2020"], "Mike Conley"),
        (["Alex Perry", "1 day ago", "SHARE"], "Alex Perry"),
        (["John C. Welch", "Follow", "Oct 15, 2015 · 18 min read"], "John C. Welch"),  # a button between
        (["NATALIYA VASILYEVA", "3 hours ago"], "Nataliya Vasilyeva"),  # in capitals
        (["Łukasz Nowak", "12:45"], "Łukasz Nowak"),
        (["Joseph Cox", "14 min read"], "Joseph Cox"),
    ],
)
def test_a_name_over_a_stamp_is_a_byline(texts: list[str], names: str) -> None:
    assert _byline(texts) == names


@pytest.mark.parametrize(
    "texts",
    [
        ["Mike Conley", "The river rose faster than anyone had expected on Sunday night."],  # no stamp under it
        ["About Us", "December 18, 2020"],  # a function word: a menu item
        ["Reuters", "December 18, 2020"],  # an agency credit, one word
        ["Associated Press", "December 18, 2020"],  # an agency's name
        ["Latest news from the river", "December 18, 2020"],  # not capitalised words
        ["Mike Conley", "Follow", "Share this article now", "December 18, 2020"],  # too far from its stamp
        ["Mike", "December 18, 2020"],  # one word
        ["Latest News", "December 18, 2020"],  # furniture: a section label
        ["Open Menu", "3 hours ago"],  # furniture: a menu item
        ["World News", "December 18, 2020"],  # a section's name
        ["STAFF REPORTER", "3 hours ago"],  # a role
        ["Android Developers", "at", "12:06 PM"],  # a blog's name
        ["Download Firefox Nightly", "Previous article These Weeks in Firefox: Issue 84 December 8, 2020"],  # no stamp
    ],
)
def test_not_a_name_byline(texts: list[str]) -> None:
    assert _byline(texts) is None


def test_stamp_lines() -> None:
    assert stamp_line("3 hours ago") and stamp_line("14 min read") and stamp_line("Updated 12:45")
    assert not stamp_line("3 hours of talks") and not stamp_line("Follow")
    assert stamp_line("vor 3 Stunden") and stamp_line("il y a 2 heures") and stamp_line("před 2 hodinami")
    assert not stamp_line("vor dem Haus") and not stamp_line("3 Stunden lang")
    assert not stamp_line("Previous article These Weeks in Firefox: Issue 84 December 8, 2020")  # a sentence


@pytest.mark.parametrize(
    "text",
    ["04.05.2015 à 13h36 • Mis à jour le", "Publicado às 9h05", "Tokyo Post 3/9 18:45"],  # a French or Portuguese clock
)
def test_stamp_lines_with_a_clock_are_credits(text: str) -> None:
    assert credit_line(measure_lines([text], stopwords()["fr"])[0])


def test_continue_reading_the_main_story_is_furniture() -> None:
    line = measure_lines(["Continue reading the main story"], stopwords()["en"])[0]
    assert line.furniture is not None and line.furniture.reason == "advertisement"


@pytest.mark.parametrize(
    "first", ["// write mboxes for the player", "<!-- start of the page", "https://example.org/news"]
)
def test_a_script_comment_or_web_address_is_no_page_title(first: str) -> None:
    story = "The river rose faster than anyone had expected on Sunday night, and the old bridge was closed before dawn."
    lines = measure_lines([first, "Floods close the old bridge", story, story.upper()], stopwords()["en"])
    assert not page_title(lines, 2)


def test_clean_text_takes_a_name_over_a_date_as_its_byline() -> None:
    from storyline.clean.text import clean_text

    story = "The river rose faster than anyone had expected on Sunday night, and the old bridge was closed before dawn."
    article = clean_text("\n".join(["Bridge closes", "Jane Doe", "March 3, 2021", story, story.upper()]), id="b")
    assert article.byline == "Jane Doe" and article.published == "2021-03-03" and "Jane Doe" not in article.body


def test_a_name_over_an_agency_glued_to_its_date_is_a_byline() -> None:
    assert _byline(["MARTA KOWALSKA", "Associated PressMarch 4, 2021"]) == "Marta Kowalska"
