"""Publication dates as the inputs write them → ISO 8601 (a date, or a datetime when a time is given)."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_EPOCH = re.compile(r"^\d{9,13}(\.\d+)?$")
_YEARS = range(1900, 2101)
_MAX_DATE_CHARS = 80
_NAME_DATE = re.compile(r"(?<!\d)(19|20)\d{2}-[01]\d-[0-3]\d(?!\d)")


def normalise_date(value: object) -> str:
    """ISO form of a date given as text or epoch seconds/milliseconds; raises ValueError when unreadable."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = " ".join(str(value).split())
    if not text or len(text) > _MAX_DATE_CHARS:
        raise ValueError("empty date" if not text else "too long to be a date")
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    parsed = _parse(text)
    if parsed.year not in _YEARS:
        raise ValueError(f"implausible year in {text!r}")
    if isinstance(parsed, datetime) and _HAS_TIME.search(text):
        return parsed.isoformat()
    return parsed.date().isoformat() if isinstance(parsed, datetime) else parsed.isoformat()


def _from_epoch(seconds: float) -> str:
    """UTC datetime of an epoch timestamp (milliseconds when the number is too large for seconds)."""
    if seconds > 1e11:
        seconds /= 1000
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    if moment.year not in _YEARS:
        raise ValueError(f"implausible timestamp {seconds!r}")
    return moment.isoformat()


def _parse(text: str) -> date | datetime:
    """Try ISO, then RFC 2822 (feeds, HTTP), then dateutil's general parser without invented parts."""
    if _ISO_DATE.match(text):
        return date.fromisoformat(text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_general(text)


def _parse_general(text: str) -> datetime:
    """dateutil parse, refusing strings that lack a day, month or year (it would fill them from today)."""
    with warnings.catch_warnings():  # unknown zone names ("EDT") are dropped; the local time is still right
        warnings.simplefilter("ignore")
        first: datetime = dateutil_parser.parse(text, default=datetime(1901, 1, 1), fuzzy=False)
        second: datetime = dateutil_parser.parse(text, default=datetime(1902, 2, 2), fuzzy=False)
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise ValueError(f"incomplete date {text!r}")
    return first


def published_or_note(value: object, metadata: dict[str, object]) -> str | None:
    """Normalised date, or None with the reason kept in ``metadata["date_error"]`` (never a failure)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return normalise_date(value)
    except (ValueError, OverflowError) as exc:
        metadata["date_error"] = f"{str(value)[:80]!r} is not a readable date ({exc})"
        return None


def date_in_name(name: str) -> str | None:
    """A YYYY-MM-DD date written in a file name (e.g. ``flash-2023-10-07T12:00:00Z.md``), if valid."""
    match = _NAME_DATE.search(name)
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(0)).isoformat()
    except ValueError:
        return None
