"""Date lexicons from ``resources/dates/*.tsv`` and the regular expressions built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.lexicon_files import read_rows


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """Month and weekday names, relative phrases, roles, and the patterns built from them."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int, str]]  # "last week" → ("week", -1, "week")
    units: dict[str, tuple[str, str]]  # "week" → ("week", "week")
    numbers: dict[str, int]  # "two" → 2 in "two days ago"
    roles: dict[str, str]  # "since" → "start"
    future: frozenset[str]  # "will": the event lies ahead
    speech: frozenset[str]  # "say", "announce": a date of one of these verbs is when it was said, not the event
    parts: frozenset[str]  # "night" in "Saturday night": narrows the day without moving it
    find: re.Pattern[str]  # every date expression in a text
    role_before: re.Pattern[str]  # a role word right before an expression


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest first so "sept" wins over "sep"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _full_names(names: dict[str, int]) -> list[str]:
    """The longest name for each number: "september", not "sept"; bare abbreviations are too ambiguous."""
    best: dict[int, str] = {}
    for name, number in names.items():
        if len(name) > len(best.get(number, "")):
            best[number] = name
    return list(best.values())


@lru_cache(maxsize=1)
def date_lexicon() -> DateLexicon:
    """The date lexicons and patterns, built once."""
    months = {w: int(n) for w, n in read_rows("dates", "months.tsv")}
    weekdays = {w: int(n) for w, n in read_rows("dates", "weekdays.tsv")}
    relative = {p: (u, int(o), pr) for p, u, o, pr in read_rows("dates", "relative.tsv")}
    units = {w: (u, p) for w, u, p in read_rows("dates", "units.tsv")}
    numbers = {w: int(n) for w, n in read_rows("dates", "numbers.tsv")}
    roles = {w: r for w, r in read_rows("dates", "roles.tsv")}
    parts = [row[0] for row in read_rows("dates", "parts.tsv")]
    full_month = rf"(?:{_alternation(_full_names(months))})"
    month = rf"(?:{full_month}|(?:{_alternation(list(set(months) - set(_full_names(months))))})\.?)"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]\d\d|20\d\d)"
    part = rf"(?:\s+(?:{_alternation(parts)}))?"
    weekday = rf"(?:(?:last|this|next|early|late)\s+)?(?:{_alternation(_full_names(weekdays))}){part}"
    ago = rf"(?:\d{{1,3}}|{_alternation(list(numbers))})\s+(?:{_alternation(list(units))})s?\s+ago"
    alternatives = [
        r"\d{4}-\d{2}-\d{2}",
        rf"{day}(?:\s*,\s*{day})*\s*(?:[-–]|,?\s(?:and|to)\s)\s*{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?",
        rf"{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?",
        rf"{month}\s+{day}(?:,?\s+{year})?(?![\d:])",
        rf"(?:(?:early|mid|late)[\s-]+)?{month}\s+{year}",
        rf"(?:(?:early|mid|late)[\s-]+)?{full_month}",
        r"\d{1,2}/\d{1,2}/\d{4}",
        weekday,
        ago,
        _alternation(list(relative)),
        rf"(?<=\bin\s){year}",
    ]
    find = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    role_before = re.compile(rf"\b({_alternation(list(roles))})\s+(?:the\s+)?$", re.IGNORECASE)
    future = frozenset(row[0] for row in read_rows("dates", "future.tsv"))
    speech = frozenset(row[0] for row in read_rows("dates", "speech.tsv"))
    return DateLexicon(
        months, weekdays, relative, units, numbers, roles, future, speech, frozenset(parts), find, role_before
    )
