"""When an event happened: date expressions in a sentence, resolved against the publication date.

Conventions (documented in the README of ``resources/dates``):
- ISO ``YYYY-MM-DD``; for week, month and year precision the first day of that period (weeks start on
  Monday), with ``precision`` saying how much of the date to trust.
- A bare weekday ("on Saturday", "Saturday night") is the most recent such day on or before publication;
  the publication's own weekday means the publication day ("on Monday" in a Monday paper is today).
  "last Saturday" is strictly before publication; "next Saturday" strictly after.
- A day and month without a year take the year that puts it nearest the publication date, days after
  publication counting double ("on 28 December" in a January paper is the previous December).
- "yesterday", "last night" and "overnight" are the day before publication.
- Dates after "since"/"from" are period starts and after "as of" report dates: each is used only when the
  sentence has no plain event date. Dates after "until"/"by" are period ends, never the event date.
- A relative expression needs a publication date; without one it resolves to nothing, and a sentence that
  names no date takes the plain date of the sentence before it in the same paragraph (ACLED notes: "On 3 May
  2024, ... clashed ... . 7 soldiers were killed."), else none.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from storyline.extract.counts_lexicon import as_span
from storyline.extract.dates_patterns import DateLexicon, date_lexicon
from storyline.models import DatePrecision, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["DateResult", "date_expressions", "event_date", "parse_published", "resolve_date_expression"]

Resolved = tuple[str, DatePrecision]
_LEAD = re.compile(
    r"^(?:(?:on|in|at|over|since|from|between|during|until|till|through|by|as\s+of|starting|beginning|the|early\s+hours\s+of"
    r"|(?:morning|afternoon|evening|night)\s+of)\s+)+"
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_RANGE = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*\d{1,2}(?:st|nd|rd|th)?)*\s*(?:[-–]|,?\s(?:and|to)\s)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$"
)
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_MONTH = re.compile(r"^(?:(?:early|mid|late)[\s-]+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WEEKDAY = re.compile(r"^(?:(last|this|next|early|late)\s+)?([a-z]+)(?:\s+([a-z]+))?$")
_AGO = re.compile(r"^(\d{1,3}|[a-z]+(?:\s+few)?)\s+([a-z]+?)s?\s+ago$")
_ROLE_ORDER = {None: 0, "start": 1, "report": 2, "end": 3}


@dataclass(frozen=True, slots=True)
class DateResult:
    """The event date: ISO text, how precise, whether it came from the text or the publication date."""

    date: str | None
    precision: DatePrecision
    source: Literal["text", "publication"] | None
    evidence: Evidence | None


def parse_published(value: datetime.date | str | None) -> datetime.date | None:
    """A publication date from a date, datetime or ISO string; None when absent or unreadable."""
    if value is None or isinstance(value, datetime.date):
        return value.date() if isinstance(value, datetime.datetime) else value
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def resolve_date_expression(expr: str, published: datetime.date | None, *, future: bool = False) -> Resolved | None:
    """Resolve one date expression ("on 9 October 2023", "since Saturday night") to (ISO date, precision).

    ``future`` (the sentence speaks of what will happen) turns bare weekdays and year-less days forward.
    """
    text = _LEAD.sub("", " ".join(expr.lower().replace(",", ", ").split()).strip(" .,;:()"))
    text = text.replace(" ,", ",")
    lex = date_lexicon()
    for resolver in (_absolute, _relative):
        try:
            found = resolver(text, published, lex, future)
        except (ValueError, OverflowError):
            found = None
        if found is not None:
            return found
    return None


def _absolute(text: str, published: datetime.date | None, lex: DateLexicon, future: bool) -> Resolved | None:
    """Calendar dates: ISO, "9 October 2023", "8-9 October", "October 9", "March 2023", "in 2022", "25/12/2023"."""
    if m := _ISO.match(text):
        return datetime.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "day"
    if (m := _DAY_RANGE.match(text)) and m[2] in lex.months:
        return _day(int(m[1]), lex.months[m[2]], m[3], published, future)  # "8-9 October": the night began on the 8th
    if (m := _DAY_MONTH.match(text)) and m[2] in lex.months:
        return _day(int(m[1]), lex.months[m[2]], m[3], published, future)
    if (m := _MONTH_DAY.match(text)) and m[1] in lex.months:
        return _day(int(m[2]), lex.months[m[1]], m[3], published, future)
    if (m := _MONTH.match(text)) and m[1] in lex.months:
        return _month(lex.months[m[1]], m[2], published)
    if m := _YEAR.match(text):
        return f"{m[1]}-01-01", "year"
    if m := _NUMERIC.match(text):
        return _numeric(int(m[1]), int(m[2]), int(m[3]))
    return None


def _day(
    day: int, month: int, year: str | None, published: datetime.date | None, future: bool = False
) -> Resolved | None:
    """A day of a month; without a year, the publication year (or the one before if a week or more ahead)."""
    if year is not None:
        return datetime.date(int(year), month, day).isoformat(), "day"
    if published is None:
        return None
    options = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    found = min((d for d in options if d is not None), key=lambda d: _remoteness(d, published, future))
    return found.isoformat(), "day"


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist (29 February in most years)."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _remoteness(found: datetime.date, published: datetime.date, future: bool = False) -> int:
    """Days from publication, the unlikely side counting double: news mostly reports the past."""
    days = (found - published).days
    if future:
        days = -days
    return 2 * days if days > 0 else -days


def _month(month: int, year: str | None, published: datetime.date | None) -> Resolved | None:
    """A month; without a year, the most recent such month on or before publication."""
    if year is not None:
        return datetime.date(int(year), month, 1).isoformat(), "month"
    if published is None:
        return None
    found_year = published.year if month <= published.month else published.year - 1
    return datetime.date(found_year, month, 1).isoformat(), "month"


def _numeric(first: int, second: int, year: int) -> Resolved | None:
    """ "25/12/2023" or "12/25/2023" only when unambiguous (one part above 12, or both equal)."""
    if first == second or (first > 12) != (second > 12):
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return datetime.date(year, month, day).isoformat(), "day"
    return None


def _relative(text: str, published: datetime.date | None, lex: DateLexicon, future: bool) -> Resolved | None:
    """Dates relative to publication: "yesterday", "last week", "on Saturday", "two days ago"."""
    if published is None:
        return None
    phrase = text if text in lex.relative else f"the {text}"  # the lead "the" was stripped: "the previous day"
    if phrase in lex.relative:
        unit, offset, precision = lex.relative[phrase]
        return _shift(published, unit, offset), precision  # type: ignore[return-value]
    if (m := _WEEKDAY.match(text)) and m[2] in lex.weekdays and (m[3] is None or m[3] in lex.parts):
        modifier = m[1] or ("coming" if future else None)
        return _weekday(published, lex.weekdays[m[2]], modifier).isoformat(), "day"
    if (m := _AGO.match(text)) and m[2] in lex.units:
        amount = int(m[1]) if m[1].isdigit() else lex.numbers.get(m[1])
        if amount is None:
            return None
        unit, precision = lex.units[m[2]]
        return _shift(published, unit, -amount), precision  # type: ignore[return-value]
    return None


def _weekday(published: datetime.date, weekday: int, modifier: str | None) -> datetime.date:
    """The weekday on or before publication; strictly before for "last"; after for "next", on or after when
    the sentence speaks of the future ("coming")."""
    back, ahead = (published.weekday() - weekday) % 7, (weekday - published.weekday()) % 7
    if modifier in ("next", "coming"):
        return published + datetime.timedelta(days=ahead or (7 if modifier == "next" else 0))
    if modifier == "last" and back == 0:
        back = 7
    return published - datetime.timedelta(days=back)


def _shift(published: datetime.date, unit: str, offset: int) -> str:
    """The first day of the day/week/month/year ``offset`` units from publication, as ISO text."""
    if unit == "weekend":  # the week of the last Saturday on or before publication
        saturday = _weekday(published, 5, None) + datetime.timedelta(weeks=offset)
        return (saturday - datetime.timedelta(days=saturday.weekday())).isoformat()
    if unit == "week":
        monday = published - datetime.timedelta(days=published.weekday())
        return (monday + datetime.timedelta(weeks=offset)).isoformat()
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return datetime.date(index // 12, index % 12 + 1, 1).isoformat()
    if unit == "year":
        return datetime.date(published.year + offset, 1, 1).isoformat()
    return (published + datetime.timedelta(days=offset)).isoformat()


def date_expressions(
    sentence: Span | Doc, published: datetime.date | str | None = None
) -> list[tuple[Evidence, str, DatePrecision]]:
    """Every resolvable date expression in the sentence: (evidence with doc offsets, ISO date, precision)."""
    return [(evidence, iso, precision) for evidence, iso, precision, _ in _expressions(sentence, published)]


_Found = tuple[Evidence, str, DatePrecision, str | None]


def _expressions(sentence: Span | Doc, published: datetime.date | str | None, future: bool = False) -> list[_Found]:
    """Date expressions with their role: None (event time), "start", "end" or "report"."""
    sentence = as_span(sentence)
    lex, anchor, text = date_lexicon(), parse_published(published), sentence.text
    found: list[_Found] = []
    unresolved: re.Match[str] | None = None  # a year-less day with nothing to take its year from yet
    for m in lex.find.finditer(text):
        if not _capitalised(m.group(0), lex):
            continue
        resolved = resolve_date_expression(m.group(0), anchor, future=future)
        if resolved is None:
            unresolved = m
            continue
        if unresolved is not None and (opening := _open_start(unresolved, m, resolved, sentence, lex)) is not None:
            found.append(opening)  # "between 30 April and 2 May 2024" with no publication date
        unresolved = None
        role = _role(m, sentence, lex)
        start, end = sentence.start_char + m.start(), sentence.start_char + m.end()
        if found and _adjacent(text, found[-1][0].end - sentence.start_char, m.start()):
            previous = found.pop()  # "Sunday, Oct. 15, 2023": one date, the calendar part decides
            start, role = previous[0].start, previous[3]
            if "(" in text[previous[0].end - sentence.start_char : m.start()] and text[m.end() : m.end() + 1] == ")":
                end += 1  # "Today (20 October)"
        evidence = Evidence(text[start - sentence.start_char : end - sentence.start_char], start, end)
        if found and _RANGE_GAP.match(text[found[-1][0].end - sentence.start_char : m.start()]):
            found[-1] = _range_start(found[-1], resolved[0], lex)
            role = _range_end_role(found[-1], role)
        found.append((evidence, *resolved, role))
    return found


_RANGE_GAP = re.compile(r"^\s*(?:and|to|until|till|through|-|–|—)\s*$")


def _range_end_role(start: _Found, role: str | None) -> str | None:
    """ "from 30 April to 2 May 2024", "clashes between 30 April and 2 May 2024 killed 12": the end of a range that
    starts at the event's time is the end of a period, as ACLED codes a range on its first day."""
    return "end" if role is None and start[3] in (None, "start") else role


def _role(m: re.Match[str], sentence: Span, lex: DateLexicon) -> str | None:
    """A date expression's role from the words before it: None (event time), "start", "end" or "report"."""
    text = sentence.text
    role_match = lex.role_before.search(text, 0, m.start())
    role = lex.roles.get(" ".join(role_match[1].lower().split())) if role_match else None
    if re.match(r"['’]s\b", text[m.end() :]):
        role = None  # "from Saturday's attack": the day of an incident, not a period start
    if role is None and _said_on(sentence, sentence.start_char + m.start(), lex):
        role = "report"  # "officials said on Monday": when it was said, not when it happened
    return role


def _open_start(
    opening: re.Match[str], end: re.Match[str], resolved: Resolved, sentence: Span, lex: DateLexicon
) -> _Found | None:
    """ "between 30 April and 2 May 2024": a year-less range start that nothing else dates takes the year of its end
    (the latest not after it)."""
    if not _RANGE_GAP.match(sentence.text[opening.end() : end.start()]) or resolved[1] != "day":
        return None
    start = resolve_date_expression(opening.group(0), datetime.date.fromisoformat(resolved[0]))
    if start is None:
        return None
    evidence = Evidence(opening.group(0), sentence.start_char + opening.start(), sentence.start_char + opening.end())
    return evidence, *start, _role(opening, sentence, lex)


def _range_start(first: _Found, end_iso: str, lex: DateLexicon) -> _Found:
    """ "between 1 January and 6 October 2023": a year-less start takes the latest year not after the end."""
    evidence, iso, precision, role = first
    if re.search(r"\b\d{4}\b", evidence.text) or precision not in ("day", "month"):
        return first
    end = datetime.date.fromisoformat(end_iso)
    start = datetime.date.fromisoformat(iso)
    for year in (end.year, end.year - 1):
        moved = _safe_date(year, start.month, start.day)
        if moved is not None and moved <= end:
            return evidence, moved.isoformat(), precision, role
    return first


def _adjacent(text: str, end: int, start: int) -> bool:
    """True when only spaces, commas or an opening bracket separate two expressions: they name one date."""
    return 0 <= start - end <= 3 and not text[end:start].strip(" ,(")


def _said_on(sentence: Span, start: int, lex: DateLexicon) -> bool:
    """True when the expression at character ``start`` dates a speech verb: "said on Monday", "told AP on 5 May"."""
    token = next((t for t in sentence if t.idx >= start), None)
    for _ in range(4):
        if token is None or token.pos_ == "VERB" or token.head.i == token.i:
            break
        if token.dep_ not in ("pobj", "prep", "npadvmod", "nummod", "compound", "appos"):
            return False
        token = token.head
    return token is not None and token.pos_ == "VERB" and token.lemma_.lower() in lex.speech


def _capitalised(expr: str, lex: DateLexicon) -> bool:
    """Month and weekday names count only when capitalised ("May 5", not "may strike")."""
    for word in re.findall(r"[A-Za-z]+", expr):
        if word.lower() in lex.months or word.lower() in lex.weekdays:
            return bool(word[0].isupper())
    return True


def event_date(sentence: Span | Doc, published: datetime.date | str | None, trigger: Token | None = None) -> DateResult:
    """The date of the event in the sentence: the expression nearest the trigger, else the publication date."""
    sentence = as_span(sentence)
    verb = trigger if trigger is not None else (sentence.root if len(sentence) else None)
    future = verb is not None and _speaks_of_future(verb)
    candidates = [c for c in _expressions(sentence, published, future) if c[3] != "end"]
    if candidates:
        best_role = min(_ROLE_ORDER[c[3]] for c in candidates)
        pool = [c for c in candidates if _ROLE_ORDER[c[3]] == best_role]
        evidence, iso, precision, _ = min(pool, key=lambda c: _distance(sentence, c[0], trigger))
        return DateResult(iso, precision, "text", evidence)
    anchor = parse_published(published)
    if anchor is None:
        return _date_before(sentence) or DateResult(None, "unknown", None, None)
    return DateResult(anchor.isoformat(), "day", "publication", None)


def _date_before(sentence: Span) -> DateResult | None:
    """Without a publication date, the plain (absolute) event date of the sentence just before in the same
    paragraph: "On 3 May 2024, the army clashed with rebels in X. 7 soldiers were killed." (the time goes on)."""
    doc = sentence.doc
    if sentence.start == 0 or not doc.has_annotation("SENT_START"):
        return None
    previous = doc[sentence.start - 1].sent
    if "\n\n" in doc.text[previous.end_char : sentence.start_char] or "\n\n" in previous.text:
        return None
    found = [c for c in _expressions(previous, None) if c[3] is None]
    return DateResult(found[0][1], found[0][2], "text", found[0][0]) if found else None


def _speaks_of_future(verb: Token) -> bool:
    """True when the verb (or the verb it depends on) carries "will"/"shall": "talks will resume on Monday"."""
    words = date_lexicon().future
    return any(c.dep_ == "aux" and c.lower_ in words for t in (verb, verb.head) for c in t.children)


def _distance(sentence: Span, evidence: Evidence, trigger: Token | None) -> tuple[int, int]:
    """How far an expression is from the trigger: dependency-path length, then characters; order without one."""
    if trigger is None:
        return 0, evidence.start
    tokens = [t for t in sentence if evidence.start <= t.idx < evidence.end]
    if not tokens:
        return 99, abs(evidence.start - trigger.idx)
    return min(_tree_distance(t, trigger) for t in tokens), abs(evidence.start - trigger.idx)


def _tree_distance(a: Token, b: Token) -> int:
    """Edges on the dependency path between two tokens of one sentence."""
    depth = {a.i: 0}
    for n, ancestor in enumerate(a.ancestors, start=1):
        depth[ancestor.i] = n
    if b.i in depth:
        return depth[b.i]
    for n, ancestor in enumerate(b.ancestors, start=1):
        if ancestor.i in depth:
            return n + depth[ancestor.i]
    return 99
