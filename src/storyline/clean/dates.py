"""Publication dates written on a line of their own: "26 Oct 2023", "October 9, 2023", "2023-10-09"."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = "|".join(_MONTHS)  # English month prefixes, as a regex alternation
MONTH = rf"(?:{MONTH_ABBREVIATIONS})[a-z]*\.?"  # a month name, full or abbreviated, for other modules' patterns
_MONTH = rf"(?P<month>{MONTH_ABBREVIATIONS})[a-z]*\.?"
_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
)
MAX_WORDS = 12  # longer lines are sentences that mention a date, not a date line


def date_of_line(line: str) -> str | None:
    """The ISO date a short date line gives ("Published 26 Oct 2023 10:00"), or None."""
    if len(line.split()) > MAX_WORDS:
        return None
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"][:3].lower()]
        try:
            return date(int(groups["year"]), month, int(groups["day"])).isoformat()
        except ValueError:
            continue
    return None
