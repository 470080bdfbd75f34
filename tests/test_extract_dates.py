"""Event dates: expressions resolved against the publication date, the one nearest the trigger chosen.

Sentence shapes from the seed article, ACLED-style notes and UN OCHA Flash Updates (UN OCHA content, attribution).
"""

# Credit: some test sentences here are short excerpts of the dev gold in ../shared/data, quoted as small
# fixtures with attribution: casualty_mentions_nyt (hollyjackson/casualty_mentions_nyt, MIT).

from __future__ import annotations

import datetime
from typing import Any

import pytest

from storyline.extract.dates import date_expressions, event_date, parse_published, resolve_date_expression
from storyline.nlp import load_nlp

MONDAY = datetime.date(2023, 10, 9)  # the seed article's publication date, a Monday


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The shared spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("on 9 October 2023", ("2023-10-09", "day")),
        ("October 9, 2023", ("2023-10-09", "day")),
        ("October 9", ("2023-10-09", "day")),
        ("on 7 October", ("2023-10-07", "day")),
        ("Oct. 7", ("2023-10-07", "day")),
        ("the early hours of 20 October", ("2023-10-20", "day")),
        ("2023-10-07", ("2023-10-07", "day")),
        ("25/12/2023", ("2023-12-25", "day")),
        ("on Saturday", ("2023-10-07", "day")),
        ("since Saturday night", ("2023-10-07", "day")),
        ("on Monday", ("2023-10-09", "day")),  # the publication's own weekday is the publication day
        ("last Monday", ("2023-10-02", "day")),
        ("next Friday", ("2023-10-13", "day")),
        ("yesterday", ("2023-10-08", "day")),
        ("last night", ("2023-10-08", "day")),
        ("overnight", ("2023-10-08", "day")),
        ("this morning", ("2023-10-09", "day")),
        ("two days ago", ("2023-10-07", "day")),
        ("earlier this week", ("2023-10-09", "week")),
        ("last week", ("2023-10-02", "week")),
        ("last month", ("2023-09-01", "month")),
        ("in March", ("2023-03-01", "month")),
        ("mid-October", ("2023-10-01", "month")),
        ("March 2023", ("2023-03-01", "month")),
        ("in 2022", ("2022-01-01", "year")),
        ("last year", ("2022-01-01", "year")),
        ("on 24, 25 and 26 November", ("2023-11-24", "day")),  # a list of days: the first
        ("over the weekend", ("2023-10-02", "week")),  # Monday paper: the weekend just gone, week of Sat 7 Oct
        ("the previous day", ("2023-10-08", "day")),  # a lead "the" is stripped before the lookup
    ],
)
def test_resolve_date_expression(expr: str, expected: tuple[str, str]) -> None:
    assert resolve_date_expression(expr, MONDAY) == expected


def test_day_month_without_year_takes_the_nearest_year() -> None:
    assert resolve_date_expression("on 28 December", datetime.date(2024, 1, 3)) == ("2023-12-28", "day")
    assert resolve_date_expression("in December", datetime.date(2024, 1, 3)) == ("2023-12-01", "month")


@pytest.mark.parametrize(
    "expr", ["9/10/2023", "31 February 2023", "three days", "32-year-old", "", "???", "Friday the"]
)
def test_ambiguous_or_non_dates_resolve_to_nothing(expr: str) -> None:
    assert resolve_date_expression(expr, MONDAY) is None


def test_relative_needs_a_publication_date() -> None:
    assert resolve_date_expression("yesterday", None) is None
    assert resolve_date_expression("on 9 October 2023", None) == ("2023-10-09", "day")


def test_parse_published_accepts_strings_and_datetimes() -> None:
    assert parse_published("2023-10-09T12:00:00Z") == MONDAY
    assert parse_published(datetime.datetime(2023, 10, 9, 8, 30)) == MONDAY
    assert parse_published("not a date") is None


def test_seed_since_saturday_night(nlp: Any) -> None:
    sent = nlp(
        "The negotiations, which Qatar has been conducting in co-ordination with the US since Saturday night, "
        "are moving positively said the source."
    )[:]
    result = event_date(sent, MONDAY)
    assert (result.date, result.precision, result.source) == ("2023-10-07", "day", "text")
    assert (
        result.evidence is not None and sent.doc.text[result.evidence.start : result.evidence.end] == "Saturday night"
    )


def test_acled_note_date(nlp: Any) -> None:
    sent = nlp("On 9 October 2023, Israeli warplanes struck a house in Khan Yunis, killing 4 civilians.")[:]
    assert event_date(sent, None).date == "2023-10-09"


def test_no_date_falls_back_to_publication(nlp: Any) -> None:
    sent = nlp("A 32-year-old man was killed during a three-day raid in Jenin.")[:]
    result = event_date(sent, "2023-10-09")
    assert (result.date, result.precision, result.source, result.evidence) == ("2023-10-09", "day", "publication", None)
    assert event_date(sent, None) == event_date(sent, "garbage")
    assert event_date(sent, None).precision == "unknown"


def test_period_start_gives_way_to_the_event_date(nlp: Any) -> None:
    sent = nlp("Since 7 October, 7,028 Palestinians have been killed, and on 20 October a strike hit a church.")[:]
    assert event_date(sent, MONDAY).date == "2023-10-20"


def test_period_end_is_never_the_event_date(nlp: Any) -> None:
    sent = nlp("The curfew in Hebron will last until Friday.")[:]
    assert event_date(sent, MONDAY).source == "publication"


def test_trigger_picks_its_own_date(nlp: Any) -> None:
    doc = nlp("Israel, which was attacked on Saturday, struck Gaza on Monday morning.")
    struck = next(t for t in doc if t.text == "struck")
    attacked = next(t for t in doc if t.text == "attacked")
    assert event_date(doc[:], MONDAY, struck).date == "2023-10-09"
    assert event_date(doc[:], MONDAY, attacked).date == "2023-10-07"


def test_lower_case_month_words_are_not_dates(nlp: Any) -> None:
    sent = nlp("Israel may strike again, officials said, and the wed couple sat in the sun.")[:]
    assert date_expressions(sent, MONDAY) == []


def test_expressions_carry_doc_offsets(nlp: Any) -> None:
    doc = nlp("Rockets were fired. On 15 October, about 100 bodies were buried in Rafah; the strike came yesterday.")
    sent = list(doc.sents)[-1]
    found = date_expressions(sent, MONDAY)
    assert [(e.text, iso) for e, iso, _ in found] == [("15 October", "2023-10-15"), ("yesterday", "2023-10-08")]
    assert all(doc.text[e.start : e.end] == e.text for e, _, _ in found)


@pytest.mark.parametrize("text", ["", " ", "\x00", "🙂 on 99 October 99999", "since since since", "Monday " * 200])
def test_odd_input_never_crashes(nlp: Any, text: str) -> None:
    result = event_date(nlp(text)[:], MONDAY)
    assert result.source in ("text", "publication")


def test_weekday_with_calendar_date_is_one_date(nlp: Any) -> None:
    doc = nlp("The funeral of Gil Avital, who died in an attack by Hamas, in Even Yehuda, on Sunday, Oct. 15, 2023.")
    (evidence, iso, precision), *rest = date_expressions(doc[:], datetime.date(2023, 10, 14))
    assert (evidence.text, iso, precision, rest) == ("Sunday, Oct. 15, 2023", "2023-10-15", "day", [])
    assert doc.text[evidence.start : evidence.end] == evidence.text


def test_night_spanning_two_days_is_its_first_day(nlp: Any) -> None:
    assert resolve_date_expression("on the night of 8-9 October", MONDAY) == ("2023-10-08", "day")
    sent = nlp("Israeli strikes on the night of 8-9 October killed 12 people.")[:]
    assert event_date(sent, MONDAY).date == "2023-10-08"


def test_bracketed_calendar_date_joins_its_day_word(nlp: Any) -> None:
    doc = nlp("Today (20 October), the Secretary-General visited the Rafah crossing.")
    ((evidence, iso, _),) = date_expressions(doc[:], datetime.date(2023, 10, 20))
    assert (evidence.text, iso) == ("Today (20 October)", "2023-10-20")


def test_future_tense_turns_weekdays_forward(nlp: Any) -> None:
    assert resolve_date_expression("on Thursday", MONDAY, future=True) == ("2023-10-12", "day")
    assert resolve_date_expression("on Monday", MONDAY, future=True) == ("2023-10-09", "day")
    assert resolve_date_expression("on 3 January", datetime.date(2023, 12, 20), future=True) == ("2024-01-03", "day")
    sent = nlp("The talks will resume on Thursday in Cairo.")[:]
    assert event_date(sent, MONDAY).date == "2023-10-12"
    assert event_date(nlp("The talks resumed on Thursday in Cairo.")[:], MONDAY).date == "2023-10-05"


def test_a_whole_doc_works_as_a_sentence(nlp: Any) -> None:
    doc = nlp("On 9 October 2023, Israeli warplanes struck Khan Yunis.")
    assert event_date(doc, None).date == "2023-10-09"
    assert [iso for _, iso, _ in date_expressions(doc)] == ["2023-10-09"]


def test_range_start_takes_the_year_of_its_end(nlp: Any) -> None:
    sent = nlp("The weekly average stands at 39, compared with 21 incidents between 1 January and 6 October 2023.")[:]
    found = [iso for _, iso, _ in date_expressions(sent, datetime.date(2023, 12, 3))]
    assert found == ["2023-01-01", "2023-10-06"]
    sent = nlp("Between 28 December and 3 January 2024, 50 people were killed.")[:]
    assert [iso for _, iso, _ in date_expressions(sent, datetime.date(2024, 1, 5))] == ["2023-12-28", "2024-01-03"]


def test_two_days_of_one_month_start_on_the_first(nlp: Any) -> None:
    assert resolve_date_expression("between 26 and 28 January", datetime.date(2024, 1, 29)) == ("2024-01-26", "day")
    sent = nlp("Between the afternoons of 26 and 28 January, 339 Palestinians were reportedly killed.")[:]
    assert event_date(sent, datetime.date(2024, 1, 29)).date == "2024-01-26"


def test_weekend_in_a_saturday_paper_is_this_week() -> None:
    assert resolve_date_expression("over the weekend", datetime.date(2023, 10, 14)) == ("2023-10-09", "week")


def test_date_of_saying_is_not_the_event_date(nlp: Any) -> None:
    sent = nlp("The death toll from Saturday's attack rose to 900, Israeli officials said on Monday.")[:]
    assert event_date(sent, "2023-10-10").date == "2023-10-07"
    only_said = nlp("Police said on Monday that two men were arrested in Hebron.")[:]
    assert event_date(only_said, "2023-10-10").date == "2023-10-09"  # no other date: the report date is kept


def test_without_publication_a_dateless_sentence_takes_the_date_before(nlp: Any) -> None:
    doc = nlp("On 21 January 2023, militants ambushed an army convoy near Bulo Burte. 5 soldiers were killed.")
    second = list(doc.sents)[1]
    found = event_date(second, None)
    assert (found.date, found.source) == ("2023-01-21", "text") and found.evidence is not None
    assert event_date(second, "2023-01-25").date == "2023-01-25"  # with one, the publication date as before
    apart = nlp("On 21 January 2023, militants ambushed a convoy.\n\nThe talks went on.")
    assert event_date(list(apart.sents)[-1], None).date is None  # not across a paragraph break
