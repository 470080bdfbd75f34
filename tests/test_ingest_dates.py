"""Publication dates as inputs write them → ISO 8601; unreadable ones become a note, never a failure."""

from __future__ import annotations

import pytest

from storyline.ingest.dates import date_in_name, normalise_date, published_or_note


@pytest.mark.parametrize(
    "given,expected",
    [
        ("2023-10-09", "2023-10-09"),
        ("2023-10-09T12:00:00Z", "2023-10-09T12:00:00+00:00"),
        ("2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"),
        ("Mon, 09 Oct 2023 12:00:00 GMT", "2023-10-09T12:00:00+00:00"),
        ("Thu, 12 Oct 2023 09:00:00 +0300", "2023-10-12T09:00:00+03:00"),
        ("09 Oct 2023", "2023-10-09"),
        ("October 9, 2023", "2023-10-09"),
        ("2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"),
        ("Thursday, October 26, 2023 8:30 AM EDT", "2023-10-26T08:30:00"),
        (1696852800, "2023-10-09T12:00:00+00:00"),
        ("1696852800000", "2023-10-09T12:00:00+00:00"),
    ],
)
def test_normalise_date(given: object, expected: str) -> None:
    assert normalise_date(given) == expected


@pytest.mark.parametrize("given", ["2023", "Oct 2023", "not a date", "2023-13-45", "1066-10-14", "x" * 500, True])
def test_unreadable_dates_are_refused(given: object) -> None:
    with pytest.raises((ValueError, OverflowError)):
        normalise_date(given)


def test_published_or_note_keeps_the_reason() -> None:
    metadata: dict[str, object] = {}
    assert published_or_note("12/10/2023x", metadata) is None
    assert "12/10/2023x" in str(metadata["date_error"])
    assert published_or_note("", metadata := {}) is None and metadata == {}


def test_date_in_name() -> None:
    assert date_in_name("flash-2023-10-07T12:00:00Z.md") == "2023-10-07"
    assert date_in_name("reuters-2023-10-09-qatar-talks.txt") == "2023-10-09"
    assert date_in_name("build-2023-19-99.txt") is None and date_in_name("notes.txt") is None
