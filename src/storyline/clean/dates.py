"""Publication dates written on a line of their own: "26 Oct 2023", "October 9, 2023", "2023-10-09"."""

from __future__ import annotations

import re
from datetime import date

from storyline.lexicon_files import read_rows

# month by the first three letters of its names in resources/dates/months.tsv (the table extract.dates reads)
_MONTHS = {name[:3]: int(number) for name, number in read_rows("dates", "months.tsv")}
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
