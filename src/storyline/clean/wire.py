"""Wire credits: which agency a story comes from, its dateline and its byline.

Shared by the text and HTML cleaners. Agency names live in ``resources/clean/agencies.tsv``.

    split_dateline("GAZA (Reuters) - Qatari mediators ...")  → Dateline(text="GAZA (Reuters) -", agency="Reuters", ...)
    parse_byline("By Jane Doe and John Roe, Reuters")       → Byline(names="Jane Doe and John Roe", agency="Reuters")
    agency_name("Reuters") / agency_name("(AP)")            → "Reuters" / "AP"   (a lone credit line)
    agency_name("a source told Reuters")                    → None               (prose, not a credit)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.clean.dates import MONTH
from storyline.clean.lines import line_words, stopwords
from storyline.lexicon_files import read_rows


@dataclass(frozen=True, slots=True)
class Dateline:
    """The opening of a wire paragraph: place, optional date, optional agency, and the text after it."""

    text: str  # the dateline as written, e.g. "GAZA, Oct 9 (Reuters) -"
    place: str | None
    agency: str | None  # canonical agency name, or the name in parentheses when it is not a known agency
    rest: str  # the paragraph without its dateline


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline: the writers' names and the agency it credits, if any."""

    text: str
    names: str | None
    agency: str | None


@cache
def _aliases() -> dict[str, str]:
    """Alias → canonical agency name, from the data file."""
    table: dict[str, str] = {}
    for canonical, *aliases in read_rows("clean", "agencies.tsv"):
        for alias in [canonical, *aliases]:
            table[alias] = canonical
    return table


def canonical_agency(name: str) -> str | None:
    """The canonical name of a wire agency (``"Associated Press"`` → ``"AP"``), or None if not an agency."""
    name = name.strip().strip(".")
    table = _aliases()
    if name in table:
        return table[name]
    if len(name) > 4:  # long names match case-insensitively; short acronyms must match exactly
        return _long_aliases().get(name.lower())
    return None


@cache
def _long_aliases() -> dict[str, str]:
    """Lower-cased alias → canonical name, for aliases long enough to match without case."""
    return {alias.lower(): canon for alias, canon in _aliases().items() if len(alias) > 4}


@cache
def agency_words() -> frozenset[str]:
    """Lower-cased words of every agency name and alias: a line naming an agency holds one of them."""
    return frozenset(w for alias in _aliases() for w in re.findall(r"\w+", alias.lower()))


_CREDIT_WORDS = ("source", "sources", "via", "credit", "copyright")  # what may open a credit line before its name
_CREDIT = re.compile(
    rf"^\s*(?:[-–—•|/]\s*)?(?:\(\s*)?(?:(?:{'|'.join(_CREDIT_WORDS)}|©)\s*[:©]?\s*)?"
    r"(?P<name>[A-Z][\w .&'’-]{1,40}?)(?:\s*\))?\s*(?:/\s*(?P<other>[A-Z][\w .&'’-]{1,40}?))?[\s.]*$",
    re.IGNORECASE,
)


@cache
def agency_ends() -> frozenset[str]:
    """Lower-cased words one of which every line ``agency_name`` reads an agency from holds: the last word of each
    agency name and alias (the credit's name ends there, before a space, ")", "/", "." or the line's end), and a
    one-word name glued to a credit word before it ("SourceReuters")."""
    ends: set[str] = set()
    for alias in _aliases():
        words = line_words(alias)  # split as a line's words are, "d'Info" one word
        ends.add(words[-1])
        if len(words) == 1:
            ends.update(opening + words[0] for opening in _CREDIT_WORDS)
    return frozenset(ends)


def agency_name(line: str) -> str | None:
    """The agency named by a line that is only a credit ("Reuters", "(AP)", "— AFP", "Source: Reuters")."""
    if len(line) > 60:
        return None
    match = _CREDIT.match(line)
    if not match:
        return None
    return canonical_agency(match["name"]) or (canonical_agency(match["other"]) if match["other"] else None)


_DASH = r"(?:-{1,2}|–|—|―)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"^(?P<text>(?P<place>[A-Z][A-Za-z.'’ /-]{{1,40}}?(?:,\s*[A-Z][A-Za-z.'’ -]{{1,30}}?)*?)?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    rf"\s*(?:\((?P<agency>[A-Z][\w .&'’-]{{1,40}})\))?\s*{_DASH})(?P<space>\s+|(?=[A-Z“\"']))(?P<rest>\S.*)$",
    re.DOTALL,
)


def split_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph ("GAZA (Reuters) -", "PARIS, Oct 9 (AFP) —"), or None."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = (match["place"] or "").strip() or None
    agency_text = match["agency"]
    shouting = place is not None and place.upper() == place and sum(c.isalpha() for c in place) >= 3
    if agency_text is None and (not shouting or not match["space"]):
        return None  # "Mixed case words -" is usually an ordinary sentence with a dash
    if place is not None and not shouting and len(place.split()) > 4:
        return None
    agency = canonical_agency(agency_text) or agency_text.strip() if agency_text else None
    return Dateline(text=match["text"].strip(), place=place, agency=agency, rest=match["rest"])


@cache
def byline_phrases(kind: str) -> tuple[str, ...]:
    """The words of one kind in ``resources/clean/bylines.tsv``: "by" (a byline's openings), "and" (name joiners),
    "unit", "ago", "before" (relative stamps), "not_name" (no writer's words), "writer" (words describing a writer),
    "when" (words narrowing a time), "how" (means of travel)."""
    rows = {row[0]: tuple(row[1:]) for row in read_rows("clean", "bylines.tsv")}
    if kind not in rows:  # a StopIteration from next() would escape as the end of a caller's generator
        raise KeyError(f"resources/clean/bylines.tsv has no {kind!r} row (it has {', '.join(rows)})")
    return rows[kind]


@cache
def byline_words(kind: str) -> str:
    """``byline_phrases(kind)`` as a regex alternation, longest first."""
    phrases = sorted(byline_phrases(kind), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in phrases)


NAME_CAPITAL = "[A-ZÀ-ÖØ-ÞČĆĐŁŃŘŚŠŤŽŻŹ]"  # a name's first letter, accented capitals too ("Álvaro", "Šimon", "Łukasz")


_WHERE = "in|from|en|desde|à|aus|em|da"  # the word before the place a byline says its writer files from


@cache
def _byline() -> re.Pattern[str]:
    """A whole byline line: the opening word, the writers' names, an organisation or a note in brackets."""
    name = rf"{NAME_CAPITAL}[\w.'’-]*"
    return re.compile(
        rf"^(?i:{byline_words('by')})\s+(?P<names>{name}(?:[ ,]+(?:{byline_words('and')}|{name}))*?)"
        rf"(?:,?\s+(?:{_WHERE})\s+{name}(?:\s+{name}){{0,2}})?"  # where the writer files from: "in London"
        r"\s*(?:(?:,|\||/|–|—|-|\bfor\b|\bof\b)\s*(?P<org>[A-Z][\w .&'’-]{1,40}?))?"
        r"\s*(?:\((?P<note>[^()]{1,80})\))?\s*\.?$"  # "(Reuters)", "(with Jane Roe)", "(additional reporting by ...)"
    )


@cache
def _byline_bio() -> re.Pattern[str]:
    """The opening of a byline that goes on to describe its writer: "By Jane Doe, a staff writer who ..."."""
    name = r"[^\W\d_][\w.'’-]+"
    return re.compile(rf"^(?i:{byline_words('by')})\s+(?P<names>{name}(?:\s+{name}){{1,2}}),\s+(?P<next>\w+)")


@cache
def _writer_words() -> frozenset[str]:
    """Words that describe a writer (``bylines.tsv``'s writer row)."""
    return frozenset(byline_phrases("writer"))


def byline_bio(line: str) -> bool:
    """A byline with the writer's description after the names, in lower case ("By Jane Doe, a reporter ...",
    "Por Juan Pérez, corresponsal en ...")."""
    return bio_byline(line) is not None


_BIO_WORDS = 8  # a writer's description names the writer's trade within its first words ("a staff writer who ...")


def bio_byline(line: str) -> Byline | None:
    """The byline of a line that goes on to describe its writer ("By Jane Doe, a reporter who ..."): the names. The
    description holds one of ``bylines.tsv``'s writer words within its first words, so a story line opening with a
    capitalised time phrase ("By Christmas Eve, the rebels had ...") names no writer."""
    line = line.strip()
    match = _byline_bio().match(line)
    if match is None or not match["next"][0].islower():
        return None
    description = re.findall(r"[^\W\d_]+", line[match.start("next") :].lower())[:_BIO_WORDS]
    if not _writer_words().intersection(description):
        return None
    names = match["names"]
    if not all(w[0].isupper() for w in names.split()) or canonical_agency(names):
        return None
    return Byline(text=line, names=names, agency=None)


@cache
def _lone_opening() -> re.Pattern[str]:
    """A byline's opening word on a line of its own."""
    return re.compile(rf"^\W*(?i:{byline_words('by')})\s*:?\s*$")


def byline_opening(line: str) -> bool:
    """Only the opening of a byline ("By", "Por"), the writers' names on the next line: the page split it in two."""
    return len(line) <= 16 and _lone_opening().match(line) is not None


# what a page prints around a byline: a mark before it ("// By ..."), the date, a relative stamp or the writer's handle
# after it ("By Jane Doe • Nov 11, 2020", "By Jane Doe, 9 October 2023", "By Jane Doe · 5 min read", "By Jane Doe |
# 3 hours ago", "By Jane Doe@janedoe")
BYLINE_MARKS = "/|•·—–-"  # marks before a byline's opening word ("// By Jane Doe"), trimmed by parse_byline
_STAMP_AFTER = r"\s*[,•·|—–-]\s*"  # a mark between the names and a date or a relative stamp after them
_BYLINE_TRIM = re.compile(
    f"^[{BYLINE_MARKS}]+"
    + rf"\s*|{_STAMP_AFTER}(?:\d{{1,2}}\s+)?"
    + MONTH
    + rf"\s+\d.*$|{_STAMP_AFTER}\d{{1,4}}[./-]\d.*$"
    + rf"|{_STAMP_AFTER}(?:\d+\s*(?:{byline_words('unit')})\s+(?:{byline_words('ago')})"
    + rf"|(?:{byline_words('before')})\s+\d+\s*(?:{byline_words('unit')}))\b.*$"
    + r"|@\w+$",
    re.IGNORECASE,
)
_TRIM_MARK = re.compile(r"[/|•·—–@,-]")  # each branch of _BYLINE_TRIM needs one of these: most lines have none


@cache
def byline_start() -> re.Pattern[str]:
    """How every line ``parse_byline`` takes starts: the marks it trims (``BYLINE_MARKS``), an opening word
    (``byline_words("by")``) and a space; most lines fail this cheap test before parse_byline's regexes run."""
    return re.compile(rf"\s*[{re.escape(BYLINE_MARKS)}]*\s*(?i:{byline_words('by')})\s")


def parse_byline(line: str) -> Byline | None:
    """A byline line ("By Jane Doe", "By Jane Doe | Reuters", "BY JANE DOE, AP", "By Jane Doe (Reuters)"), or None.

    A note in brackets at the end ("(with John Roe)", "(additional reporting by ...)") is no part of the names;
    an agency named there is the byline's agency when no other is.
    """
    line = line.strip()
    if len(line) > 100 or len(line.split()) > 14 or byline_start().match(line) is None:
        return None
    match = _byline().match(_BYLINE_TRIM.sub("", line) if _TRIM_MARK.search(line) else line)
    if not match:
        return None
    names = match["names"].strip(" ,")
    org = match["org"]
    agency = canonical_agency(org) if org else None
    if agency is None and match["note"]:
        agency = canonical_agency(match["note"])
    if agency is None and org is None:
        # "By Jane Doe Reuters": an agency name glued to the end of the names
        words = names.split()
        for k in (3, 2, 1):
            if len(words) > k and canonical_agency(" ".join(words[-k:])):
                names, agency = " ".join(words[:-k]), canonical_agency(" ".join(words[-k:]))
                if _function_words().issuperset(names.lower().split()):
                    names = ""  # "By The Associated Press": an article before the agency's name, no writer
                break
    if agency is None and canonical_agency(names):
        return Byline(text=line, names=None, agency=canonical_agency(names))
    if _adverbial_words().issuperset(re.split(r"[\s-]+", names.lower())):
        return None  # "By Monday in Kyiv", "By Late March", "By Road from Mariupol": when or how, not who
    return Byline(text=line, names=names or None, agency=agency)


@cache
def _function_words() -> frozenset[str]:
    """The stopwords of every language (``resources/clean/stopwords``)."""
    return frozenset().union(*stopwords().values())


@cache
def _adverbial_words() -> frozenset[str]:
    """Words of a time phrase or a means of travel, never a whole writer's name: the full names of the weekdays and
    months (``resources/dates``; not the abbreviations, first names such as "Jan"), the parts of a day ("noon",
    "evening"), ``bylines.tsv``'s "when" row ("early", "late", "mid") and its "how" row ("road", "air", "sea")."""
    full: dict[str, str] = {}
    for table in ("weekdays.tsv", "months.tsv"):
        for name, number in read_rows("dates", table):
            key = f"{table}{number}"
            if len(name) > len(full.get(key, "")):
                full[key] = name
    parts = (row[0] for row in read_rows("dates", "parts.tsv"))
    return frozenset(full.values()).union(parts, byline_phrases("when"), byline_phrases("how"))


_TOLD = re.compile(r"\b(?:told|according to|said|reported|cited by|quoted by|to)\s+(?:the\s+)?$", re.IGNORECASE)


def agencies_in(text: str) -> list[str]:
    """Agencies credited in running text as the story's source: "(Reuters)" style, not "a source told Reuters"."""
    found: list[str] = []
    for match in re.finditer(r"\((?P<name>[A-Z][\w .&'’-]{1,40})\)", text):
        agency = canonical_agency(match["name"])
        if agency and not _TOLD.search(text[: match.start()]) and agency not in found:
            found.append(agency)
    return found
