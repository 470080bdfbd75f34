"""From text to Events: one spaCy pass over the lines that may report events, then assembly per sentence.

text ─► segments (lines; only those with a trigger word) ─► nlp.pipe ─► sentences
     ─► detect (type, mode) ─► actors + roles ─► place, date, counts (places/dates/counts modules)
     ─► status, attribution, ACLED type ─► dedupe ─► most salient first
"""

from __future__ import annotations

import datetime
import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from types import ModuleType
from typing import TYPE_CHECKING, Any

from storyline import nlp as nlp_module
from storyline import settings
from storyline.errors import InputError, MalformedInput, TooLarge
from storyline.extract.actors import DocActors, find_mentions
from storyline.extract.assemble import SentenceContext, build_events
from storyline.extract.rank import dedupe, rank
from storyline.extract.segments import may_report_event, segments
from storyline.ingest.dates import normalise_date
from storyline.models import Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _optional(name: str) -> ModuleType | None:
    """A sibling extraction module (places, dates, counts) if it is installed in this tree."""
    try:
        return importlib.import_module(f"storyline.extract.{name}")
    except ImportError:
        return None


def parse_published(value: str | datetime.date | None) -> datetime.date | None:
    """The publication date as a date; None when absent or unreadable."""
    if isinstance(value, datetime.date):
        return value
    if not value or not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    try:
        if match:
            return datetime.date(*map(int, match.groups()))
        return datetime.date.fromisoformat(normalise_date(value)[:10])  # "9 October 2023", RFC 2822, epoch
    except (ValueError, OverflowError):
        return None


@dataclass(slots=True)
class _Job:
    """One text being extracted: its pieces to parse and the events found so far."""

    text: str
    published: datetime.date | None
    pieces: list[tuple[int, str]]
    actors: DocActors
    context: SentenceContext
    events: list[Event] = field(default_factory=list)


def check_text(text: Any, where: str = "text") -> str:
    """The text if extraction can use it, else an InputError naming the problem."""
    if not isinstance(text, str):
        raise MalformedInput(f"text must be a string, got {type(text).__name__}", where=where)
    limit = settings.get("max_document_bytes")
    if len(text) > limit:
        raise TooLarge(f"text of {len(text)} characters is past max_document_bytes={limit}", where=where)
    return text


def _job(text: str, published: str | datetime.date | None) -> _Job:
    """Prepare a text: pieces that may report events, named-actor matches, per-text context."""
    pieces = [p for p in segments(text) if may_report_event(p[1])]
    date = parse_published(published)
    modules = {name: _optional(name) for name in ("places", "dates", "counts")}
    return _Job(text, date, pieces, DocActors.scan(text), SentenceContext(date, modules))


def _read(job: _Job, offset: int, doc: Doc) -> None:
    """Find the events of one parsed piece of a text."""
    job.actors.base = offset
    for sent in doc.sents:
        mentions = find_mentions(sent, job.actors)
        job.events.extend(build_events(sent, mentions, job.actors, job.context, offset))


def extract_results(
    items: Iterable[tuple[Any, str | datetime.date | None]],
    *,
    nlp: Language | None = None,
    batch_size: int | None = None,
) -> Iterator[list[Event] | InputError]:
    """Events of each (text, published) item in order, or the InputError that stopped that item."""
    size = batch_size or settings.get("nlp_batch_size")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        jobs: list[_Job | InputError] = []
        for i, (text, published) in enumerate(batch):
            try:
                jobs.append(_job(check_text(text, f"item {i}"), published))
            except InputError as exc:
                jobs.append(exc)
        flat = [(job, offset, piece) for job in jobs if isinstance(job, _Job) for offset, piece in job.pieces]
        docs = _parse([piece for _, _, piece in flat], nlp, size)
        for (parsed, offset, _), doc in zip(flat, docs, strict=True):
            _read(parsed, offset, doc)
        for item in jobs:
            yield item if isinstance(item, InputError) else rank(dedupe(item.events), item.context.prominence)


def _parse(texts: list[str], nlp: Language | None, batch_size: int) -> Iterator[Doc]:
    """Parse texts with the given pipeline or the shared one, in batches."""
    if nlp is not None:
        return iter(nlp.pipe(texts, batch_size=batch_size))
    return nlp_module.pipe(texts, batch_size=batch_size)


def extract_many(
    items: Iterable[tuple[str, str | None]], *, nlp: Language | None = None, batch_size: int | None = None
) -> Iterator[list[Event]]:
    """Events of each (text, published) pair, parsed in batches with one nlp.pipe; raises on a bad item."""
    for result in extract_results(items, nlp=nlp, batch_size=batch_size):
        if isinstance(result, InputError):
            raise result
        yield result


def extract_events(text: str, *, published: str | None = None, nlp: Language | None = None) -> list[Event]:
    """Events reported in one text, most salient first, each fact once."""
    return next(extract_many([(text, published)], nlp=nlp))
