"""Publication dates written on a line of their own: "26 Oct 2023", "October 9, 2023", "2023-10-09", "14 de abril de
2026"."""

from __future__ import annotations

import re
from datetime import date

from storyline.lexicon_files import read_rows

# month by the first three letters of its names in resources/dates/months.tsv (the table extract.dates reads)
_MONTHS = {name[:3]: int(number) for name, number in read_rows("dates", "months.tsv")}
MONTH_ABBREVIATIONS = "|".join(_MONTHS)  # English month prefixes, as a regex alternation
MONTH = rf"(?:{MONTH_ABBREVIATIONS})[a-z]*\.?"  # a month name, full or abbreviated, for other modules' patterns
_MONTH = rf"(?P<month>{MONTH_ABBREVIATIONS})[a-z]*\.?"
# a word's start, or a capital glued to the end of a word, as a dump joins two elements ("Associated PressDecember 2")
_GLUED = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"


def _fold(name: str) -> str:
    """A month name in one casing: lower case with the Turkish dotted and dotless i as plain "i" ("EKİM", "KASIM")."""
    return name.lower().replace("\u0307", "").replace("ı", "i")


# month by its name in other languages (resources/clean/months.tsv: "abril", "märz", "agustus"), keyed by _fold
_FOREIGN_NAMES = {name: int(number) for name, number, _language in read_rows("clean", "months.tsv")}
_FOREIGN_MONTHS = {_fold(name): number for name, number in _FOREIGN_NAMES.items()}
_FOREIGN = "|".join(map(re.escape, sorted(_FOREIGN_NAMES, key=len, reverse=True)))
_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"{_GLUED}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    # year, month and day marked by their signs (Chinese, Japanese, Korean: "2026年9月12日", "2026년 9월 12일"), or year
    # first in figures ("2026/09/12", "2026.9.12")
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<mnum>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"),
    re.compile(r"(?<![\d./])(?P<year>(?:19|20)\d\d)(?P<sep>[/.])(?P<mnum>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d./])"),
    # day first, with the particles some languages put between ("14 de abril de 2026", "1er mars 2026", "3. März 2026")
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:er|º|ª)?\.?\s+(?:de\s+)?(?P<foreign>{_FOREIGN})\.?,?\s+(?:de\s+|del\s+)?"
        r"(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
)
ENGLISH = "en"  # the one page language whose slash dates are read month first (US sites); other languages: day first
MAX_WORDS = 20  # longer lines are sentences that mention a date, not a date line
DATE_WORDS = 12  # a longer line is a date line only when little but dates and times is on it (two dates, "Updated")
RESIDUE_WORDS = 2  # words a long date line may hold besides its dates, times and stamp words
SENTENCE_WORDS = 4  # a line ending in a full stop with this many words besides its dates is a sentence, not a date line

# a date in figures alone on its line, a time after it: "9/11/13 10:00AM", "10.15.15", "04.05.2015"
_NUMERIC = re.compile(
    r"^\s*(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    r"(?:,?\s+(?P<hour>[012]?\d)(?P<clock>[:h.])[0-5]\d\s*(?:[ap]\.?m\.?)?)?\s*$",
    re.IGNORECASE,
)
_TWO_FIGURES = re.compile(r"\d\d")  # what every date pattern here holds: a year, in two figures at least

# what a stamp line holds besides its dates: times, "at", "Updated", "Published", zones
_STAMP = re.compile(
    r"[012]?\d[:.][0-5]\d\s*(?:[ap]\.?m\.?)?|\b(?:at|on|am|pm|a\.m|p\.m|updated|published|posted|last|modified|"
    r"utc|gmt|[ecmp][sd]t)\b",
    re.IGNORECASE,
)


def date_of_line(line: str, language: str | None = None) -> str | None:
    """The ISO date a short date line gives ("Published 26 Oct 2023 10:00", "9/11/13 10:00AM"), or None.

    A line of more than DATE_WORDS words is a date line only when it holds little besides its dates and times
    ("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm"): a sentence mentioning a date is not, nor a
    shorter line ending in a full stop with ``SENTENCE_WORDS`` words or more besides its dates ("On 3 March 2026 a
    landslide buried four houses.").
    ``language``, the page's (ISO 639-1), decides an ambiguous slash date: month first only on English pages.
    """
    words = len(line.split())
    if words > MAX_WORDS or _TWO_FIGURES.search(line) is None:  # every pattern holds a year: most lines end here
        return None
    numeric = _NUMERIC.match(line)
    if numeric:
        return _numeric_date(numeric, language)
    for pattern in _PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        groups = match.groupdict()
        month = _month(groups)
        try:
            found = date(int(groups["year"]), month, int(groups["day"])).isoformat()
        except ValueError:
            continue
        residue = _residue(line)
        if words <= DATE_WORDS and not (residue >= SENTENCE_WORDS and _SENTENCE_END.search(line)):
            return found
        return found if residue <= RESIDUE_WORDS else None
    return None


def _month(groups: dict[str, str | None]) -> int:
    """The month a date pattern's match gives: in figures, by an English name's prefix or another language's name."""
    if groups.get("mnum"):
        return int(str(groups["mnum"]))
    if groups.get("foreign"):
        return _FOREIGN_MONTHS[_fold(str(groups["foreign"]))]
    return _MONTHS[str(groups["month"])[:3].lower()]


_SENTENCE_END = re.compile(r"""[.!]["'”’»)]*\s*$""")  # how a sentence ends


def _residue(line: str) -> int:
    """The words on the line besides its dates, times and stamp words."""
    rest = line
    for pattern in _PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _STAMP.sub(" ", rest)
    return len(re.findall(r"\w+", rest))


def _numeric_date(match: re.Match[str], language: str | None = None) -> str | None:
    """A date in figures: day first when the first figure cannot be a month, or dots separate it (04.05.2015);
    month first when the second cannot be one, or slashes separate it (9/11/13, as US sites write) unless a 24-hour
    clock follows ("05/04/2023 14:30", "05/04/2023 10h30": a European page) or the page is in a language other than
    English (``language``; None: unknown, read as English). Dots before a two-figure year need two figures each
    ("04.05.15", "10.15.15"): "2.7.18", "3.10.12" are versions."""
    if match["sep"] == "." and len(match["year"]) == 2 and (len(match["a"]) < 2 or len(match["b"]) < 2):
        return None
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    foreign = language is not None and language != ENGLISH
    day_first = match["sep"] == "." or match["clock"] == "h" or int(match["hour"] or 0) > 12 or foreign
    if a > 12 or (b <= 12 and day_first):
        day, month = a, b
    else:
        month, day = a, b
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
