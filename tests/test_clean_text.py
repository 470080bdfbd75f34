"""Cleaning plain-text dumps: the seed's acceptance criteria, Markdown, web-page dumps, bad input."""

from __future__ import annotations

import pytest

from storyline.clean.headline import without_site_name
from storyline.clean.text import clean_text
from storyline.errors import MalformedInput
from storyline.models import Article

SEED_PARAGRAPHS = [
    "Qatari mediators have held urgent calls with Hamas officials",
    "The negotiations, which Qatar has been conducting in co-ordination with the US",
    "But there are no signs of breakthroughs as both sides dig in.",
    "Qatar has been in touch with Hamas officials in Doha and Gaza",
]
RELATED = [
    "DNA and prayers: Israelis desperate for word on missing kin from Hamas attack",
    "MIDDLE EAST UPDATES | ANC calls for peace in the Gaza Strip",
    "WATCH | Trance music festival attacked by Hamas, leaving 260 dead",
    "INSIGHT | How Israel was duped as Hamas planned devastating assault",
]


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Article:
    return clean_text(seed_text, id="seed")


def test_seed_metadata(seed: Article) -> None:
    assert seed.title == "Qatar leading talks to swap Hamas-held hostages for Palestinians in Israeli jails"
    assert seed.published == "2023-10-09"
    assert seed.source == "Reuters"
    assert seed.language == "en"


def test_seed_body_has_each_paragraph_once(seed: Article) -> None:
    paragraphs = seed.body.split("\n\n")
    assert len(paragraphs) == 4
    for start in SEED_PARAGRAPHS:
        assert sum(p.startswith(start) for p in paragraphs) == 1
    assert not seed.body.startswith(" date")


def test_seed_body_has_no_furniture(seed: Article) -> None:
    for text in ["SEE MORE", *RELATED, "comment", "Sign up", "Latest", "Image:", "Reuters\n"]:
        assert text not in seed.body


def test_seed_related_and_captions_are_metadata(seed: Article) -> None:
    assert seed.related == RELATED
    assert seed.captions == ["Image: Video obtained by Reuters"]


def test_seed_every_dropped_line_has_a_reason(seed: Article, seed_text: str) -> None:
    removed = {r.text for r in seed.removed}
    assert all(r.reason for r in seed.removed)
    lines = [line for line in seed_text.splitlines()[1:] if line.strip()]
    for line in lines:
        assert line in removed or line in seed.body
    reasons = {r.text: r.reason for r in seed.removed}
    assert reasons["SEE MORE:"] == "related-links"
    assert reasons["Latest Videos"] == "navigation"
    assert reasons["Would you like to comment on this article?"] == "comment-prompt"
    assert reasons["Image: Video obtained by Reuters"] == "caption"


def test_date_prefix_is_read_when_no_date_is_given(seed_text: str) -> None:
    assert clean_text(seed_text, id="x", published="2023-10-10").published == "2023-10-10"
    assert clean_text(seed_text.replace(" date 2023-10-09 ", "", 1), id="x").published is None


def test_near_repeat_is_kept_once() -> None:
    first = "Israeli jets struck targets across the Gaza Strip overnight, the military said on Tuesday morning."
    second = "Israeli jets struck targets across the Gaza Strip overnight, the military said on Tuesday."
    other = "Residents said the strikes hit several homes near the main market and a school was damaged."
    article = clean_text("\n".join([first, other, "Share", second]), id="x")
    assert article.body.count("Israeli jets struck") == 1
    assert "repeated" in {r.reason for r in article.removed}


def test_dateline_and_byline_give_source() -> None:
    text = "\n".join(
        [
            "Menu",
            "Home",
            "World",
            "Ceasefire talks resume in Cairo",
            "By Jane Doe and John Roe",
            "CAIRO, Oct 12 (AP) — Negotiators from both sides returned to Cairo on Thursday for a new round of talks.",
            "Egyptian officials said they were hopeful that a deal on a pause in the fighting could be reached soon.",
            "Copyright 2023 The Associated Press. All rights reserved.",
        ]
    )
    article = clean_text(text, id="x")
    assert article.source == "AP"
    assert article.dateline == "CAIRO, Oct 12 (AP) —"
    assert article.byline == "Jane Doe and John Roe"
    assert article.title == "Ceasefire talks resume in Cairo"
    assert article.body.startswith("Negotiators from both sides")
    assert "Copyright" not in article.body
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Menu"] == "navigation"
    assert reasons["Copyright 2023 The Associated Press. All rights reserved."] == "copyright"


def test_source_told_reuters_is_not_a_wire_credit() -> None:
    text = (
        "Officials met in Doha on Monday to discuss the proposal, a source told Reuters.\n"
        "The source said the talks would continue for several more days before any decision."
    )
    assert clean_text(text, id="x").source is None


def test_markdown_keeps_bullets_and_link_text_drops_images() -> None:
    text = "\n".join(
        [
            "# Hostilities in the Gaza Strip and Israel - Flash Update #20",
            "## **KEY POINTS**",
            "* A total of 481 fatalities were reported over the past 24 hours by the [Ministry of Health](https://moh.ps).",
            "![](/sites/default/files/image_0.jpg?itok=D296JmSG)",
            "* The entry of fuel remains banned by the Israeli authorities, according to the statement.",
            '![Displaced children queueing for water. Photo by UNRWA](/img.jpg "Displaced children queueing for water. '
            'Photo by UNRWA")',
            "Displaced children queueing for water. Photo by UNRWA",
            "Intense Israeli bombardment and airstrikes continued during the past 24 hours across the Strip.",
        ]
    )
    article = clean_text(text, id="x")
    assert article.title == "Hostilities in the Gaza Strip and Israel - Flash Update #20"
    assert "A total of 481 fatalities were reported over the past 24 hours by the Ministry of Health." in article.body
    assert "The entry of fuel remains banned" in article.body
    assert "](" not in article.body and "![" not in article.body and "**" not in article.body
    assert article.captions == ["Displaced children queueing for water. Photo by UNRWA"]


def test_comment_section_after_the_story_is_dropped() -> None:
    story = [
        "The flood reached the old town on Sunday night, and the river rose faster than anyone had expected.",
        "Residents said the water came into their houses within an hour, and many of them fled to the hills.",
        "The mayor said that the emergency services had rescued more than two hundred people by the morning.",
        "Engineers will inspect the bridge this week, because its pillars were damaged when the debris hit them.",
    ]
    comments = []
    for name, words in [("ann", "This is so sad for the town and I hope they get help"), ("bob", "Why was there no")]:
        comments += [name, "Reply", f"{words} warning before the water came, the council should answer for it."]
    comments += ["cy", "Reply", "I lived there for years and the river has never been this high in my whole life."]
    text = "\n".join([*story, "12 Comments", *comments])
    article = clean_text(text, id="x")
    assert article.body.split("\n\n") == story
    assert "council" not in article.body
    assert {r.text: r.reason for r in article.removed}["12 Comments"] == "comment-prompt"


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\x00\x01\x02", "Menu\nHome\nShare"])
def test_bad_input_does_not_crash(text: str) -> None:
    article = clean_text(text, id="x")
    assert isinstance(article.body, str)


def test_removed_lines_and_body_cover_the_input(seed_text: str) -> None:
    article = clean_text("Menu\nHome\n" + seed_text.replace(" date 2023-10-09 ", ""), id="x")
    assert {"Menu", "Home"} <= {r.text for r in article.removed}


def test_hard_wrapped_paragraphs_are_joined() -> None:
    paragraphs = [
        "The council met on Monday to discuss the flood response. Members agreed\n"
        "that the emergency fund would be released to the worst hit districts\n"
        "before the end of the week.",
        "Residents said they had waited for help for three days. Many of them\n"
        "had moved to the school on the hill, where volunteers served hot meals\n"
        "and handed out blankets.",
        "The mayor said the bridge would stay closed until engineers had\n"
        "inspected it. A decision on the repairs is expected next month.",
    ]
    article = clean_text("\n\n".join(paragraphs), id="x")
    assert article.body.split("\n\n") == [" ".join(p.split("\n")) for p in paragraphs]


def test_date_line_gives_published_when_none_is_known() -> None:
    text = "26 Oct 2023\n" + "\n".join(SEED_PARAGRAPHS_FULL)
    article = clean_text(text, id="x")
    assert article.published == "2023-10-26"
    assert {r.text: r.reason for r in article.removed}["26 Oct 2023"] == "date"
    assert clean_text(text, id="x", published="2023-10-27").published == "2023-10-27"


def test_page_title_loses_its_site_name() -> None:
    title = "Floods close the old bridge in Riverton | Riverton Daily"
    text = "\n".join([title, "Home", "News", *SEED_PARAGRAPHS_FULL])
    assert clean_text(text, id="x").title == "Floods close the old bridge in Riverton"


SEED_PARAGRAPHS_FULL = [
    "The river rose faster than anyone had expected on Sunday night, and the water reached the old town.",
    "Residents said the water came into their houses within an hour, and many of them fled to the hills.",
    "The mayor said that the emergency services had rescued more than two hundred people by the morning.",
]


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Floods close the old bridge – Riverton Daily", "Floods close the old bridge"),  # en dash
        ("Riverton Daily | Floods close the old bridge", "Floods close the old bridge"),  # site name first
        ("Floods close the bridge - Local - Riverton Daily", "Floods close the bridge - Local"),
        ("Flood warning - Riverton Daily", "Flood warning - Riverton Daily"),  # too short to lose its site name
        ("Riverton > Flood warning at dawn", "Flood warning at dawn"),  # the last level of a path
        ("Riverton - Flood warning at dawn", "Riverton - Flood warning at dawn"),
        ("Floods close the old bridge", "Floods close the old bridge"),
    ],
)
def test_site_name_goes_from_the_page_title(title: str, headline: str) -> None:
    assert without_site_name(title) == headline


def test_title_line_over_the_text_is_the_headline_not_a_paragraph() -> None:
    title = "Floods close the old bridge over the river – Riverton Daily"
    article = clean_text("\n".join([title, *SEED_PARAGRAPHS_FULL]), id="x")
    assert article.title == "Floods close the old bridge over the river"
    assert article.body.split("\n\n") == SEED_PARAGRAPHS_FULL
    assert {r.text: r.reason for r in article.removed}[title] == "title"


def test_headline_printed_twice_over_the_text_is_the_title_not_a_script_on_the_first_line() -> None:
    # a dump of the page body only: no <title> line, a script first, the headline twice (a share box, then the story)
    script = 'window.dataLayer = window.dataLayer || []; dataLayer.push({"page": "article"});'
    headline = "Floods close the old bridge over the river"
    dump = "\n".join([script, "Home", "News", headline, "Share this story", headline, *SEED_PARAGRAPHS_FULL])
    article = clean_text(dump, id="x")
    assert article.title == headline
    assert article.body.split("\n\n") == SEED_PARAGRAPHS_FULL


def test_quoted_sentence_on_the_first_line_is_no_page_title() -> None:
    quote = "“The bridge will stay closed until the water has gone down.”"
    menu = ["Home", "News", "Sport", "Weather", "Travel", "Culture", "Opinion"]
    article = clean_text("\n".join([quote, *menu, *SEED_PARAGRAPHS_FULL]), id="x")
    assert article.title != quote
    assert article.title is None  # the dump has no headline at all
    assert article.body.split("\n\n") == SEED_PARAGRAPHS_FULL


def test_first_line_of_a_note_without_sentences_stays_in_it() -> None:
    article = clean_text("Shopping list\nEggs and milk\nTwo loaves of bread", id="x")
    assert article.body.startswith("Shopping list")
    assert article.title is None
    assert article.body.split("\n\n") == ["Shopping list", "Eggs and milk", "Two loaves of bread"]


def test_inline_read_more_link_goes_to_related() -> None:
    text = "\n".join(
        [
            SEED_PARAGRAPHS_FULL[0],
            "READ MORE: Rescue teams reach villages cut off by the flood",
            *SEED_PARAGRAPHS_FULL[1:],
        ]
    )
    article = clean_text(text, id="x")
    assert "READ MORE" not in article.body
    assert article.related == ["READ MORE: Rescue teams reach villages cut off by the flood"]
    assert article.body.count("\n\n") == 2


def test_bytes_are_a_named_input_error() -> None:
    with pytest.raises(MalformedInput, match="doc-7"):
        clean_text(b"Reuters", id="doc-7")  # type: ignore[arg-type]


def test_list_of_other_headlines_after_the_story_is_dropped() -> None:
    teasers = [
        "Police Arrest Three Students After Protest At The University",
        "×",
        "Student Newspaper Calls For Action After River Deaths",
        "×",
        "Museum Closes Exhibition Of Students' Stories Amid Row",
        "×",
        "Rescued Student Says She Is Lucky To Be Alive After Fall",
    ]
    article = clean_text("\n".join([*SEED_PARAGRAPHS_FULL, *teasers]), id="x")
    assert article.body.split("\n\n") == SEED_PARAGRAPHS_FULL


def test_short_repeat_with_one_word_changed_is_kept_once() -> None:
    first = "Israeli strikes killed more than 700 people in Gaza overnight, officials said."
    second = "Israeli strikes killed more than 900 people in Gaza overnight, officials said."
    article = clean_text("\n".join([first, *SEED_PARAGRAPHS_FULL, second]), id="x")
    assert article.body.count("Israeli strikes killed") == 1


def test_different_paragraphs_on_one_topic_are_both_kept() -> None:
    first = "Israeli strikes killed more than 700 people in Gaza overnight, health officials said on Monday."
    second = "Israeli strikes hit a school in Gaza overnight, and officials said dozens of people had sheltered there."
    article = clean_text("\n".join([first, *SEED_PARAGRAPHS_FULL, second]), id="x")
    assert first in article.body and second in article.body


def test_german_sentences_with_common_function_words_are_prose() -> None:
    # written for this test: the last sentence leans on function words the first German list lacked (seine, ohne...)
    from storyline.clean.layout import analyse

    dump = "\n".join(
        [
            "Die Firma hat am Montag eine neue Version ihres Programms vorgestellt, die auch auf dem Mac läuft.",
            "Das Update ist für alle Kunden kostenlos und wird in den nächsten Tagen automatisch verteilt.",
            "Laut Hersteller läuft seine neue Fassung ab sofort auf allen Rechnern ohne weitere Kosten.",
        ]
    )
    layout = analyse(dump)
    assert layout.language == "de"
    assert all(line.prose for line in layout.lines)
