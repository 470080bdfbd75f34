"""Related-link headlines are listed once, however often a page prints them."""

import pytest

from storyline.clean import clean_text
from storyline.clean.text import _add_related

BODY = (
    "The regional council said on Tuesday that the bridge over the river would close for repairs next month.\n"
    "Engineers found cracks in two of its supports during an inspection that was carried out in the spring.\n"
    "Traffic will be diverted through the town centre, where the council expects long delays at peak hours.\n"
    "Local businesses asked for the work to be done at night so that shoppers could still reach them.\n"
)


def test_a_headline_printed_twice_and_cut_off_is_listed_once() -> None:
    related: list[str] = []
    for text in ["Floods close the coast road", "Floods close the coast road", "Floods close the co…", "Other news"]:
        _add_related(related, text)
    assert related == ["Floods close the coast road", "Other news"]


def test_a_fuller_copy_replaces_a_cut_off_one() -> None:
    related: list[str] = []
    for text in ["Floods close the co...", "Floods close the coast road"]:
        _add_related(related, text)
    assert related == ["Floods close the coast road"]


def test_clean_text_lists_repeated_related_headlines_once() -> None:
    links = "Related stories\nFloods close the coast road\nFloods close the coast road\nSchool term starts early\n"
    article = clean_text("Bridge to close for repairs\n" + BODY + links, id="r")
    assert article.related.count("Floods close the coast road") == 1
    assert "School term starts early" in article.related


def test_a_headline_that_starts_like_another_is_its_own() -> None:
    related: list[str] = []
    for text in ["Gaza talks resume", "Gaza", "Gaza talks"]:
        _add_related(related, text)
    assert related == ["Gaza talks resume", "Gaza", "Gaza talks"]


def test_a_hatnote_pointing_to_another_article_is_a_related_link() -> None:
    lines = BODY.splitlines()
    text = "\n".join(
        [lines[0], "Main article: River Bridge", *lines[1:3], "Further information: Road closures", lines[3]]
    )
    article = clean_text("Bridge to close for repairs\n" + text, id="h")
    assert "Main article" not in article.body and "Further information" not in article.body
    assert {"Main article: River Bridge", "Further information: Road closures"} <= set(article.related)
    assert lines[3] in article.body


def test_a_more_stories_header_with_its_verb_opens_a_link_list() -> None:
    for header in ("Read More Stories About:", "See more articles from Transport", "Find more news"):
        links = f"{header}\nTransport, Road closures, Council budget, the bridges of the town, Local business\n"
        article = clean_text("Bridge to close for repairs\n" + BODY + links, id="m")
        assert header not in article.body and "Council budget" not in article.body, header
        assert "Council budget" in " ".join(article.related), header
        assert BODY.splitlines()[3] in article.body


def test_the_headline_under_a_related_header_inside_the_text_is_a_link_though_it_ends_in_a_stop() -> None:
    lines = BODY.splitlines()
    link = "Floods closed the coast road. It is open again."
    text = "\n".join([lines[0], lines[1], "Related", link, lines[2], lines[3]])
    article = clean_text("Bridge to close for repairs\n" + text, id="l")
    assert link not in article.body and link in article.related
    assert all(line in article.body for line in lines)


@pytest.mark.parametrize(
    "sentences",
    [
        pytest.param("Shopkeepers said the market reopened on Thursday morning.", id="one_sentence"),
        pytest.param(
            "The road was reopened. Drivers told the radio station that the queues had gone by noon.",
            id="two_sentences_reporting_speech",
        ),
    ],
)
def test_sentences_of_the_text_under_a_stray_related_header_stay_in_the_text(sentences: str) -> None:
    lines = BODY.splitlines()
    text = "\n".join([lines[0], lines[1], "Related", sentences, lines[2], lines[3]])
    article = clean_text("Bridge to close for repairs\n" + text, id="l")
    assert sentences in article.body and sentences not in article.related


def test_a_more_on_box_and_a_newsletter_pitch_inside_the_text_are_not_text() -> None:
    box = ["More on the floods", "Rivers burst their banks in the north", "Farmers count the cost of the rain"]
    pitch = "The day's top stories from the region, delivered to your inbox each morning."
    lines = BODY.splitlines()
    dump = "\n".join(["Bridge to close for repairs", *lines[:2], *box, "Sign up for our newsletter", pitch, *lines[2:]])
    article = clean_text(dump, id="r")
    assert article.body == "\n\n".join(lines)
    assert box[1] in article.related
    assert (pitch, "sign-up") in [(r.text, r.reason) for r in article.removed]


def test_tags_and_a_hatnote_are_not_text() -> None:
    sections = BODY.splitlines()
    hatnote = "For the bridge over the canal, see Canal Bridge."
    lines = [hatnote, sections[0], "Repairs", *sections[1:3], "Traffic", sections[3]]
    article = clean_text("\n".join(["Bridge to close for repairs", *lines, "Tags: bridges, roads, council"]), id="r")
    assert article.body == "\n\n".join(lines[1:])
    assert hatnote in article.related


def test_a_comment_thread_under_its_wordpress_header_is_not_text() -> None:
    comment = "I drive over that bridge every day and I am glad they are finally fixing it before it falls down."
    dump = "Bridge to close for repairs\n" + BODY + "\n".join(["2 thoughts on “Bridge to close for repairs”", comment])
    assert comment not in clean_text(dump, id="r").body
