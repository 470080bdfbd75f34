"""Bylines with a parenthetical note (co-authors, additional reporting, the agency in brackets) or split in two."""

from __future__ import annotations

import pytest

from storyline.clean.text import clean_text
from storyline.clean.wire import parse_byline


@pytest.mark.parametrize(
    ("line", "names", "agency"),
    [
        ("By Jane Doe (with John Roe)", "Jane Doe", None),
        ("Par Marie Dupont (avec Paul Martin et Luc Petit)", "Marie Dupont", None),
        ("By Jane Doe (Reuters)", "Jane Doe", "Reuters"),
        ("By Jane Doe, Reuters (additional reporting by Bob Smith)", "Jane Doe", "Reuters"),
        ("By Jane Doe, The Guardian (Reuters)", "Jane Doe", "Reuters"),  # the paper is no agency: the note's is
        ("By Jane Doe, AP (Reuters)", "Jane Doe", "AP"),  # the agency beside the names comes first
    ],
)
def test_byline_with_a_note_in_brackets(line: str, names: str, agency: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.names, byline.agency) == (names, agency)


def test_sentence_with_brackets_is_no_byline() -> None:
    assert parse_byline("By Friday (local time) the rebels had taken the city") is None


def test_unclosed_or_empty_brackets_are_no_byline() -> None:
    assert parse_byline("By Jane Doe (Reuters") is None
    assert parse_byline("By Jane Doe ()") is None


@pytest.mark.parametrize(("opening", "names"), [("By", "Jane Doe and John Roe"), ("Por:", "Juan Pérez")])
def test_byline_split_after_its_opening_word(opening: str, names: str) -> None:
    text = "\n".join(
        [
            "Menu",
            "Ceasefire talks resume in Cairo",
            opening,
            names,
            "CAIRO, Oct 12 (AP) — Negotiators from both sides returned to Cairo on Thursday for a new round of talks.",
            "Egyptian officials said they were hopeful that a deal on a pause in the fighting could be reached soon.",
        ]
    )
    article = clean_text(text, id="x")
    assert article.byline == names
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons[opening] == reasons[names] == "byline"
    assert article.body.startswith("Negotiators from both sides")


@pytest.mark.parametrize(
    "caption",
    [
        "The minister leaves the hall after the vote on Monday evening. | Photo: Reuters",
        "Rescue workers search the rubble of the market for survivors (Photo: Jane Doe/AP)",
        "Le ministre quitte la salle après le vote de lundi soir. | Foto: ČTK",
    ],
)
def test_a_caption_ending_in_its_photo_credit_is_a_caption(caption: str) -> None:
    paragraphs = [
        "The regional council said on Tuesday that the bridge over the river would close for repairs next month.",
        "Engineers found cracks in two of its supports during an inspection that was carried out in the spring.",
        "Traffic will be diverted through the town centre, where the council expects long delays at peak hours.",
        "Local businesses asked for the work to be done at night so that shoppers could still reach them.",
    ]
    article = clean_text("\n".join(["Bridge to close", *paragraphs[:2], caption, *paragraphs[2:]]), id="c")
    assert caption not in article.body and caption in article.captions
    assert all(p in article.body for p in paragraphs)


def test_a_paragraph_ending_in_a_photo_credit_stays_in_the_text() -> None:
    paragraphs = [
        "The regional council said on Tuesday that the bridge over the river would close for repairs next month.",
        "Engineers found cracks in two of its supports during an inspection that was carried out in the spring.",
        "Traffic will be diverted through the town centre, where the council expects long delays at peak hours.",
    ]
    credited = (
        "The bridge has carried most of the traffic between the two halves of the town since it opened in 1962, "
        "and it was last repaired a decade ago. (Photo: Jane Doe/AP)"
    )
    article = clean_text("\n".join(["Bridge to close", *paragraphs[:2], credited, *paragraphs[2:]]), id="c")
    assert credited in article.body and credited not in article.captions


@pytest.mark.parametrize(
    ("line", "names"),
    [
        (
            "By Maria Lopez, a correspondent who has covered the region for the paper since the war began in 2014.",
            "Maria Lopez",
        ),
        (
            "Por Juan Pérez Gómez, corresponsal en Bogotá desde hace diez años y autor de dos libros.",
            "Juan Pérez Gómez",
        ),
    ],
)
def test_a_byline_that_goes_on_to_describe_its_writer_names_the_writer(line: str, names: str) -> None:
    paragraphs = [
        "The regional council said on Tuesday that the bridge over the river would close for repairs next month.",
        "Engineers found cracks in two of its supports during an inspection that was carried out in the spring.",
        "Traffic will be diverted through the town centre, where the council expects long delays at peak hours.",
    ]
    article = clean_text("\n".join(["Bridge to close for repairs", line, *paragraphs]), id="b")
    assert article.byline == names
    assert line not in article.body and all(p in article.body for p in paragraphs)


@pytest.mark.parametrize(
    "credited",
    [
        "Police said two officers were hurt when the crowd threw stones at the station. (Photo: Jane Doe/AP)",
        "The mayor told reporters the water supply would be back within a day. | Foto: John Roe",
    ],
)
def test_a_short_paragraph_that_reports_speech_and_ends_in_a_credit_stays_in_the_text(credited: str) -> None:
    paragraphs = [
        "The regional council said on Tuesday that the bridge over the river would close for repairs next month.",
        "Engineers found cracks in two of its supports during an inspection that was carried out in the spring.",
        "Traffic will be diverted through the town centre, where the council expects long delays at peak hours.",
    ]
    article = clean_text("\n".join(["Bridge to close", *paragraphs[:2], credited, *paragraphs[2:]]), id="c")
    assert credited in article.body and credited not in article.captions
