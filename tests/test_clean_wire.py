"""Wire credits: datelines, bylines and lone agency lines."""

from __future__ import annotations

import random

import pytest

from storyline.clean import wire
from storyline.clean.wire import (
    agencies_in,
    agency_name,
    byline_bio,
    byline_opening,
    canonical_agency,
    parse_byline,
    split_dateline,
)


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest"),
    [
        ("GAZA (Reuters) - Qatari mediators have held calls.", "GAZA", "Reuters", "Qatari mediators have held calls."),
        ("WASHINGTON, Oct 9 (AP) — The US said so.", "WASHINGTON", "AP", "The US said so."),
        ("Gaza City, Oct. 9 (AFP) - Israeli jets struck.", "Gaza City", "AFP", "Israeli jets struck."),
        ("PARIS — The French government said.", "PARIS", None, "The French government said."),
        ("(CNN) — A man was arrested.", None, "CNN", "A man was arrested."),
    ],
)
def test_split_dateline(paragraph: str, place: str | None, agency: str | None, rest: str) -> None:
    dateline = split_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.rest) == (place, agency, rest)
    assert paragraph.startswith(dateline.text)


@pytest.mark.parametrize(
    "paragraph",
    ["Hello - world is here.", "The talks - which began on Saturday - continue.", "No dash at all in this line."],
)
def test_no_dateline_in_ordinary_sentences(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "names", "agency"),
    [
        ("By Jane Doe", "Jane Doe", None),
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe", "Reuters"),
        ("BY JANE DOE | AP", "JANE DOE", "AP"),
        ("By Reuters", None, "Reuters"),
        ("By Jane Doe Associated Press", "Jane Doe", "AP"),
        ("Written by Jane Doe", "Jane Doe", None),
        ("Por Álvaro Pérez y Ana Gómez", "Álvaro Pérez y Ana Gómez", None),
        ("Von Łukasz Nowak", "Łukasz Nowak", None),
        ("// By Jane Doe • Nov 11, 2020", "Jane Doe", None),
        ("By Jane Doe | 9 October 2023", "Jane Doe", None),
        ("By Jane Doe - 2023-10-09", "Jane Doe", None),
        ("By Jane Doe@janedoe", "Jane Doe", None),
        ("By Jane Doe - Reuters", "Jane Doe", "Reuters"),
        ("By Jane Doe, March 3, 2024", "Jane Doe", None),
        ("By Jane Doe and John Roe, 09/10/2023", "Jane Doe and John Roe", None),
        ("By Jane Doe · 5 min read", "Jane Doe", None),
        ("By Jane Doe | 3 hours ago", "Jane Doe", None),
        ("Von Hans Meier | vor 3 Stunden", "Hans Meier", None),
    ],
)
def test_parse_byline(line: str, names: str | None, agency: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.names, byline.agency) == (names, agency)


def test_prose_is_not_a_byline() -> None:
    assert parse_byline("by the way, the talks went on until the morning") is None


@pytest.mark.parametrize(
    ("line", "bio"),
    [
        ("By Jane Doe, a staff writer who covers the courts", True),
        ("BY JANE DOE, the paper's Paris correspondent", True),
        ("Por Juan Pérez, corresponsal en Lima desde 2010", True),
        ("Par Jean Dupont, envoyé spécial à Kiev", True),
        ("By Jane Doe, Reuters", False),  # an organisation, not a description
        ("By the end of the day, the rules had changed", False),
        ("By Monday, the committee had agreed", False),
        ("By Christmas Eve, the rebels had reached the outskirts of the capital", False),  # a time phrase, no writer
        ("By Boxing Day, most families had left the valley", False),
        ("By Anna Berg, who has reported from the region for a decade", True),
    ],
)
def test_byline_with_a_description_of_the_writer(line: str, bio: bool) -> None:
    assert byline_bio(line) is bio


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("Reuters", "Reuters"),
        ("(AP)", "AP"),
        ("— AFP", "AFP"),
        ("Source: Reuters", "Reuters"),
        ("Associated Press", "AP"),
        ("a source told Reuters", None),
        ("Latest", None),
    ],
)
def test_agency_name_of_lone_credit_lines(line: str, agency: str | None) -> None:
    assert agency_name(line) == agency


def test_short_acronyms_match_only_exactly() -> None:
    assert canonical_agency("ap") is None
    assert canonical_agency("associated press") == "AP"


def test_agencies_in_running_text_skips_reported_speech() -> None:
    assert agencies_in("GAZA (Reuters) - Talks went on.") == ["Reuters"]
    assert agencies_in("The minister told (Reuters) nothing new.") == []


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("GAZA/JERUSALEM, Oct 9 (Reuters) - Israel said.", "GAZA/JERUSALEM"),
        ("WASHINGTON (Reuters) -Israel said.", "WASHINGTON"),
    ],
)
def test_dateline_variants(paragraph: str, place: str) -> None:
    dateline = split_dateline(paragraph)
    assert dateline is not None and dateline.place == place and dateline.rest == "Israel said."


def test_colon_or_hyphenated_word_is_not_a_dateline() -> None:
    assert split_dateline("UPDATE: the talks resumed on Monday.") is None
    assert split_dateline("ANTI-Semitism is rising, the report said.") is None


@pytest.mark.parametrize(("line", "opening"), [("By", True), ("Por:", True), ("— by", True), ("By Jane Doe", False)])
def test_byline_opening_on_a_line_of_its_own(line: str, opening: bool) -> None:
    assert byline_opening(line) is opening


def test_byline_trim_runs_only_on_lines_with_a_mark() -> None:
    """parse_byline skips the trim on a line without one of ``_TRIM_MARK``'s marks: every branch of it needs one."""
    rng = random.Random(7)
    pieces = [*"/|•·—–-@", "By ", "Jane ", "Doe", " ", "Nov ", "11", "9 ", "2020", ".", ",", "x", "É", "\t"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(30000)]
    unmarked = [text for text in texts if wire._TRIM_MARK.search(text) is None]
    assert [text for text in unmarked if wire._BYLINE_TRIM.sub("", text) != text] == []
    changed = [text for text in texts if wire._BYLINE_TRIM.sub("", text) != text]
    lone_marks = [set(text) & set("/|•·—–-@") for text in changed]
    trimmed = {mark for marks in lone_marks if len(marks) == 1 for mark in marks}
    assert len(unmarked) > 1000 and trimmed == set("/|•·—–-@")  # both cases exercised, each mark alone trims
    assert wire._BYLINE_TRIM.sub("", "By Jane Doe, Nov 11") == "By Jane Doe"  # and a comma before a date


def test_an_unknown_kind_of_byline_word_is_a_clear_error() -> None:
    assert wire.byline_phrases("and")[0] == "and"
    with pytest.raises(KeyError, match="has no 'to' row"):
        wire.byline_phrases("to")


@pytest.mark.parametrize(
    ("line", "names", "agency"),
    [
        ("By Helen Ward in London", "Helen Ward", None),
        ("By Helen Ward in New York City", "Helen Ward", None),
        ("By Jane Doe, in Nairobi", "Jane Doe", None),
        ("By Jane Doe in Kyiv | Reuters", "Jane Doe", "Reuters"),
        ("Por Juan Pérez desde Buenos Aires", "Juan Pérez", None),
    ],
)
def test_byline_with_the_place_the_writer_files_from(line: str, names: str, agency: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None and (byline.names, byline.agency) == (names, agency)


@pytest.mark.parametrize(
    "line",
    [
        "By Thursday in Mosul",
        "By Saturday from Odesa",
        "By Midnight in Khartoum",
        "By Early October in Goma",
        "By Mid-January in Aleppo",
        "By September",
        "By Sunday Evening",
        "By Monday, March 3",
        "By Friday | 3 hours ago",
    ],
)
def test_a_time_phrase_after_by_names_no_writer(line: str) -> None:
    """A weekday, a month or a time of day, alone or with a word narrowing it, is when, not who."""
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [("By April Lund in Juba", "April Lund"), ("By August Meyer", "August Meyer"), ("By Jan Olsen", "Jan Olsen")],
)
def test_a_writer_whose_first_name_is_a_month_is_still_a_writer(line: str, names: str) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.names == names


def test_an_article_before_the_agency_is_no_writer() -> None:
    byline = parse_byline("By The Associated Press")
    assert byline is not None and (byline.names, byline.agency) == (None, "AP")


@pytest.mark.parametrize("line", ["By Sea from Mykolaiv", "By Helicopter in Tigray", "By Air"])
def test_a_means_of_travel_after_by_names_no_writer(line: str) -> None:
    assert parse_byline(line) is None
