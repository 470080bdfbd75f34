"""Headlines of naive text dumps WITHOUT a <title> line (a copy of the page body, as an outside scorer makes them).

The first line of such a dump may be a menu item, a date, the headline, or the story's own first sentence; the
first-line rule (``headline.page_title``) must not take the wrong one as the title, nor drop the text's lines.
"""

from __future__ import annotations

import pytest

from storyline.clean.text import clean_text

HEADLINE = "Floods close the old bridge over the river"
STORY = [
    "The river rose faster than anyone had expected on Sunday night, and the old bridge was closed before dawn.",
    "Engineers said the stone piers had been weakened by years of floods and would need weeks of repairs.",
    "Shops on both banks stayed shut on Monday while the water slowly went down and the roads were cleaned.",
]
MENU = ["Home", "News", "Sport", "Weather", "Travel", "Culture", "Opinion"]
FRENCH = (
    "Inondations : le vieux pont fermé jusqu'à nouvel ordre",
    [
        "Le vieux pont a été fermé lundi après que la rivière a débordé pendant la nuit, selon la mairie de la ville.",
        "Les habitants ont été priés de rester chez eux et d'éviter les routes proches de la rivière toute la semaine.",
    ],
)
SPANISH = (
    "Inundaciones cierran el viejo puente",
    [
        "El viejo puente fue cerrado el lunes después de que el río se desbordara durante la noche, según el alcalde.",
        "Los vecinos recibieron instrucciones de quedarse en casa y evitar las carreteras cercanas al río.",
    ],
)
ARABIC = (
    "فيضانات تغلق الجسر القديم فوق النهر",
    [
        "أغلق الجسر القديم يوم الاثنين بعد أن فاض النهر خلال الليل، بحسب ما أعلنت بلدية المدينة في بيان رسمي.",
        "وطلب من السكان البقاء في منازلهم وتجنب الطرق القريبة من النهر حتى نهاية الأسبوع المقبل بحسب السلطات.",
    ],
)


def _paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


def test_menus_first_keep_the_story_whole_and_give_no_menu_title() -> None:
    article = clean_text("\n".join([*MENU, HEADLINE, *STORY]), id="x")
    assert article.title not in MENU
    assert _paragraphs(article.body)[-3:] == STORY
    assert not set(MENU) & set(_paragraphs(article.body))


def test_headline_as_the_first_line_is_the_title_and_leaves_the_body() -> None:
    article = clean_text("\n".join([HEADLINE, *STORY]), id="x")
    assert article.title == HEADLINE
    assert _paragraphs(article.body) == STORY
    assert {r.text: r.reason for r in article.removed}[HEADLINE] == "title"


def test_one_line_teaser_under_its_headline_is_the_body() -> None:
    article = clean_text("\n".join([HEADLINE, STORY[0]]), id="x")
    assert (article.title, article.body) == (HEADLINE, STORY[0])


def test_one_line_dump_is_its_own_body() -> None:
    article = clean_text(STORY[0].rstrip("."), id="x")
    assert article.title is None
    assert article.body == STORY[0].rstrip(".")


@pytest.mark.parametrize(("headline", "story"), [FRENCH, SPANISH, ARABIC], ids=["fr", "es", "ar"])
def test_headline_of_a_page_in_another_language(headline: str, story: list[str]) -> None:
    article = clean_text("\n".join([headline, *story]), id="x")
    assert article.title == headline
    assert _paragraphs(article.body) == story


def test_story_first_sentence_without_its_full_stop_stays_in_the_body() -> None:
    opening = STORY[0].removesuffix(".")
    article = clean_text("\n".join([opening, *STORY[1:]]), id="x")
    assert article.title is None
    assert _paragraphs(article.body) == [opening, *STORY[1:]]


@pytest.mark.parametrize("opening", ["Police said on Monday:", "The river rose faster than expected,"])
def test_sentence_going_on_below_is_no_title(opening: str) -> None:
    article = clean_text("\n".join([opening, *STORY]), id="x")
    assert article.title is None
    assert _paragraphs(article.body)[-3:] == STORY


def test_site_separator_at_the_end_of_a_title_still_makes_a_title() -> None:
    # " ::" closes some sites' titles; a colon glued to a word ("said:") is what opens a sentence going on below
    title = "Floods close the old bridge over the river :: Riverton Daily ::"
    article = clean_text("\n".join([title, *MENU, *STORY]), id="x")
    assert article.title is not None and article.title.startswith(HEADLINE)


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        (f"{HEADLINE} | {HEADLINE}", HEADLINE),
        (f"{HEADLINE} - {HEADLINE} - Riverton Daily", HEADLINE),
        ("Bridge closed - Update 2 - Bridge closed - Update 2 - Riverton Daily", "Bridge closed - Update 2"),
    ],
)
def test_a_title_saying_its_headline_twice_gives_it_once(title: str, headline: str) -> None:
    assert clean_text("\n".join([title, *MENU, *STORY]), id="x").title == headline


def test_date_first_is_the_date_not_the_title() -> None:
    article = clean_text("\n".join(["Thursday, November 26, 2026", *MENU, HEADLINE, *STORY]), id="x")
    assert article.title != "Thursday, November 26, 2026"
    assert article.published is not None and article.published.startswith("2026-11-26")
    assert _paragraphs(article.body)[-3:] == STORY


def test_script_statement_first_is_no_title() -> None:
    article = clean_text("\n".join(["var t_headstart = new Date().getTime();", *MENU, HEADLINE, *STORY]), id="x")
    assert article.title is None or "getTime" not in article.title
    assert _paragraphs(article.body)[-3:] == STORY


def test_section_name_first_is_no_title() -> None:
    article = clean_text("\n".join(["World News", HEADLINE, *STORY]), id="x")
    assert article.title != "World News"
    assert article.title == HEADLINE
    assert _paragraphs(article.body) == STORY


def test_headline_over_a_standfirst_byline_time_stamp_and_share_bar() -> None:
    # a page body's header: section label, headline, standfirst, writer and time stamp, share buttons, then the text
    header = ["World", HEADLINE, "The town waits for the water to go down.", "Jane Doe - Apr 16, 2015 8:02 pm UTC"]
    shares = ["Share this story", "Share on Facebook", "Share on Twitter", "Share on Reddit"]
    article = clean_text("\n".join([*MENU, *header, *shares, *STORY]), id="x")
    assert article.title == HEADLINE
    assert _paragraphs(article.body) == STORY


def test_short_label_over_the_headline_is_no_title() -> None:
    article = clean_text("\n".join([*MENU, "Powered by Tumblr", HEADLINE, *STORY]), id="x")
    assert article.title == HEADLINE
    assert _paragraphs(article.body) == STORY


def test_headline_on_the_first_line_of_the_text_region_leaves_the_body() -> None:
    # teasers in a sidebar, then the headline the region starts with (no stop), then the story
    teasers = ["The quest to save the old harbour", "Henry Grabar", "Log out", "Sign in"]
    article = clean_text("\n".join([*MENU, *teasers, HEADLINE + " as rain goes on", *STORY]), id="x")
    assert article.title == HEADLINE + " as rain goes on"
    assert _paragraphs(article.body) == STORY


@pytest.mark.parametrize(
    "script",
    [
        "window.site.ads.queue.push({ slot: 'top-banner-mobile', page: 'story'",
        "div{font-weight:bold}",
        '"VIDEO_FOR_SALE": "This full-length video can be bought from the shop"',
    ],
)
def test_script_line_over_the_text_is_no_title(script: str) -> None:
    # a page body's text_content: the headline, its time stamp, a script's line its code marks missed, the story
    article = clean_text("\n".join([*MENU, HEADLINE, "Jane Doe - Mar 3, 2021 9:15 pm UTC", script, *STORY]), id="x")
    assert article.title == HEADLINE
    assert _paragraphs(article.body)[-3:] == STORY


def test_long_stamp_line_and_byline_role_under_the_headline() -> None:
    # a stamp line of two dates (longer than a byline), "By", the writer's name and role, then the story
    stamp = "Mar. 3, 2021, 9:15 PM UTC / Updated Mar. 4, 2021, 8:02 AM UTC"
    header = [HEADLINE, stamp, "By", "Jane Doe", "Daily Example business reporter"]
    article = clean_text("\n".join([*MENU, *header, *STORY]), id="x")
    assert article.title == HEADLINE
    assert article.published == "2021-03-03"
    assert _paragraphs(article.body) == STORY


def test_line_in_brackets_over_the_text_is_no_title() -> None:
    # a photo credit in brackets between the headline's time stamp and the text
    header = [HEADLINE, "Jane Doe - Mar 3, 2021 9:15 pm UTC", "(All photos: the Daily Example staff)"]
    article = clean_text("\n".join([*MENU, *header, *STORY]), id="x")
    assert article.title == HEADLINE
    assert _paragraphs(article.body)[-3:] == STORY


def test_headline_over_a_subtitle_on_the_first_lines_of_the_text_region() -> None:
    # the region starts with the headline and a subtitle without a full stop, then the story
    article = clean_text("\n".join([*MENU, HEADLINE, "The town waits for the water to go down", *STORY]), id="x")
    assert article.title == HEADLINE
    assert HEADLINE not in _paragraphs(article.body)
    assert _paragraphs(article.body)[-3:] == STORY


def test_short_lead_over_a_subheading_under_the_headline_stays_in_the_body() -> None:
    # headline, a short first paragraph, a subheading: the paragraph is the story's lead, not a site's tagline
    lead = "The old bridge over the river closed on Monday after a night of heavy rain."
    subheading = "What the engineers found under the bridge"
    article = clean_text("\n".join([*MENU, HEADLINE, lead, subheading, *STORY]), id="x")
    assert article.title == HEADLINE
    assert _paragraphs(article.body) == [lead, subheading, *STORY]


def test_headline_with_a_semicolon_over_its_time_stamp_is_the_title() -> None:
    headline = "Storm hits the coast; thousands lose power"
    article = clean_text("\n".join([*MENU, headline, "Jane Doe - Mar 3, 2021 9:15 pm UTC", *STORY]), id="x")
    assert article.title == headline
    assert _paragraphs(article.body) == STORY
