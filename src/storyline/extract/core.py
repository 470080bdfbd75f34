"""From text to Events: one spaCy pass over the lines that may report events, then assembly per sentence.

text ─► segments (lines; only those with a trigger word) ─► nlp.pipe ─► sentences
     ─► detect (type, mode) ─► actors + roles ─► place, date, counts (places/dates/counts modules)
     ─► status, attribution, ACLED type ─► dedupe ─► most salient first
"""

from __future__ import annotations

import datetime
import importlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from types import ModuleType
from typing import TYPE_CHECKING, Any

from storyline import nlp as nlp_module
from storyline import settings
from storyline.errors import InputError, MalformedInput, StorylineError, TooLarge, UnexpectedError
from storyline.extract.actors import DocActors, find_mentions
from storyline.extract.assemble import SentenceContext, build_events
from storyline.extract.rank import dedupe, rank
from storyline.extract.segments import may_report_event, segments
from storyline.ingest.dates import normalise_date
from storyline.models import Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


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
    where: str = "text"
    error: InputError | None = None  # set when a bug stops this text; its events are then not given


def check_text(text: Any, where: str = "text") -> str:
    """The text if extraction can use it, else an InputError naming the problem."""
    if not isinstance(text, str):
        raise MalformedInput(f"text must be a string, got {type(text).__name__}", where=where)
    limit = settings.get("max_document_bytes")
    if len(text) > limit:
        raise TooLarge(f"text of {len(text)} characters is past max_document_bytes={limit}", where=where)
    return text


def _job(text: str, published: str | datetime.date | None, where: str) -> _Job:
    """Prepare a text: pieces that may report events, named-actor matches, per-text context."""
    pieces = [p for p in segments(text) if may_report_event(p[1])]
    date = parse_published(published)
    modules = {name: _optional(name) for name in ("places", "dates", "counts")}
    return _Job(text, date, pieces, DocActors.scan(text), SentenceContext(date, modules), where=where)


def _read(job: _Job, offset: int, doc: Doc) -> None:
    """Find the events of one parsed piece of a text."""
    job.actors.base = offset
    for sent in doc.sents:
        mentions = find_mentions(sent, job.actors)
        job.events.extend(build_events(sent, mentions, job.actors, job.context, offset))


def _unexpected(exc: Exception, where: str) -> UnexpectedError:
    """A bug met on one text, as that text's error (the traceback goes to the debug log)."""
    log.warning("extraction failed unexpectedly on %s: %s: %s", where, type(exc).__name__, exc)
    log.debug("traceback", exc_info=exc)
    return UnexpectedError(f"internal error ({type(exc).__name__}: {exc}); please report it", where=where)


def _prepared(text: Any, published: str | datetime.date | None, where: str) -> _Job | InputError:
    """A job for one item, or the error that stops it."""
    try:
        return _job(check_text(text, where), published, where)
    except InputError as exc:
        return exc
    except StorylineError:
        raise  # a missing model or a bad setting stops the run: it is not about this item
    except Exception as exc:  # a bug on one odd text must not stop the others
        return _unexpected(exc, where)


def extract_results(
    items: Iterable[tuple[Any, str | datetime.date | None]],
    *,
    nlp: Language | None = None,
    batch_size: int | None = None,
) -> Iterator[list[Event] | InputError]:
    """Events of each (text, published) item in order, or the InputError that stopped that item.

    A bug met on one item (an exception that is not a StorylineError) is that item's UnexpectedError;
    the other items of its batch still get their events."""
    size = batch_size or settings.get("nlp_batch_size")
    iterator = iter(items)
    number = 0
    while batch := list(islice(iterator, size)):
        jobs = [_prepared(text, published, f"item {number + i}") for i, (text, published) in enumerate(batch)]
        number += len(batch)
        flat = [(job, offset, piece) for job in jobs if isinstance(job, _Job) for offset, piece in job.pieces]
        for job, offset, doc in _parsed(flat, nlp, size):
            if job.error is None:
                job.error = _guarded(lambda: _read(job, offset, doc), job.where)  # noqa: B023 (called at once)
        for item in jobs:
            yield item if isinstance(item, InputError) else _ranked(item)


def _guarded(action: Callable[[], object], where: str) -> UnexpectedError | None:
    """Run ``action``; an unexpected exception comes back as an UnexpectedError for ``where``."""
    try:
        action()
    except StorylineError:
        raise
    except Exception as exc:
        return _unexpected(exc, where)
    return None


def _ranked(job: _Job) -> list[Event] | InputError:
    """The job's events, each fact once, most salient first (or the error met on the way)."""
    if job.error is not None:
        return job.error
    ranked: list[Event] = []
    job.error = _guarded(lambda: ranked.extend(rank(dedupe(job.events), job.context.prominence)), job.where)
    return job.error or ranked


def _parsed(flat: list[tuple[_Job, int, str]], nlp: Language | None, size: int) -> Iterator[tuple[_Job, int, Doc]]:
    """Each piece with its parse, from one nlp.pipe; if the pipe breaks, the rest one by one, so that
    only the text whose piece breaks it fails."""
    docs = _parse([piece for _, _, piece in flat], nlp, size)
    for k, (job, offset, _) in enumerate(flat):
        try:
            doc = next(docs)
        except StorylineError:
            raise
        except Exception:
            yield from _one_by_one(flat[k:], nlp)
            return
        yield job, offset, doc


def _one_by_one(flat: list[tuple[_Job, int, str]], nlp: Language | None) -> Iterator[tuple[_Job, int, Doc]]:
    """Parse pieces singly; a piece the parser fails on fails its text."""
    for job, offset, piece in flat:
        try:
            doc = next(_parse([piece], nlp, 1))
        except StorylineError:
            raise
        except Exception as exc:
            job.error = job.error or _unexpected(exc, job.where)
            continue
        yield job, offset, doc


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
