"""Runs the stages over a store, incrementally: ``ingest`` reads inputs in, ``process`` does the rest.

Each step works through the rows it has not yet done, in batches; each batch is written in one
transaction, so a crash (even ``kill -9``) leaves the store consistent and the next run resumes
where it stopped, with nothing lost and nothing twice.

Adding a step (dedup, extract) is one function and one list entry. In your package write::

    def dedup_step(store: Store, progress: Progress | None) -> StepReport:
        \"\"\"Group near-duplicate articles.\"\"\"
        report = StepReport("dedup")
        after = ""
        while batch := store.pending_articles("dedup", DEDUP_VERSION, after=after):
            after = batch[-1].id
            with store.atomic() as conn:           # one transaction per batch
                ...                                # write your rows; count report.done / report.dropped[reason]
                store.mark_done(conn, "dedup", [a.id for a in batch], DEDUP_VERSION)
            if progress:
                progress.advance(len(batch))
        return report

then import it at the top of this module and add ``Step("dedup", dedup_step, count)`` to ``STEPS``
below; steps run in list order. ``count(store) -> int`` (optional) says how many items are pending:
``progress.start(name, count(store))`` is called for you before the step runs, ``finish()`` after.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from storyline import settings, version
from storyline.dedup.persist import count_pending as count_pending_dedup
from storyline.dedup.persist import dedup_step
from storyline.errors import InputError, UnexpectedError, UsageError
from storyline.extract.step import count_pending as count_pending_extract
from storyline.extract.step import extract_step
from storyline.models import Article, Document
from storyline.stage import StageStats
from storyline.store import IngestReport, Store

if TYPE_CHECKING:
    from storyline.ingest import ReadOptions

log = logging.getLogger(__name__)
T = TypeVar("T")
BATCH_SIZE = 100
StepReport = StageStats  # what a step did: seen, done, dropped by reason


class Progress(Protocol):
    """Where a long step reports how far it has got (the CLI draws a progress bar)."""

    def start(self, step: str, total: int | None) -> None:
        """A step begins; ``total`` items when known."""

    def advance(self, n: int) -> None:
        """``n`` more items done."""

    def finish(self) -> None:
        """The step is over."""


@dataclass(frozen=True, slots=True)
class Step:
    """One processing step: a name, the function that runs it, and (optionally) how much it has to do."""

    name: str
    run: Callable[[Store, Progress | None], StepReport]
    count: Callable[[Store], int] | None = None


@dataclass(slots=True)
class ProcessReport:
    """What ``process`` did, step by step."""

    steps: list[StepReport] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time by step name

    def as_dict(self) -> dict[str, dict[str, int]]:
        """Counters by step name."""
        return {s.name: s.as_dict() for s in self.steps}


@dataclass(slots=True)
class RunReport:
    """What ``run`` did: the inputs read and the processing after."""

    ingest: IngestReport
    process: ProcessReport


# -- cleaning -------------------------------------------------------------------------------------


def clean_version() -> int:
    """The version of the cleaning code (``version.CLEAN_VERSION``); articles made by an older one are cleaned again."""
    return version.CLEAN_VERSION


def clean_one(doc: Document) -> Article | tuple[type[InputError], str, str | None]:
    """Clean one document; an error comes back as (class, message, where) so it crosses processes."""
    from storyline.clean import clean_document

    try:
        article = clean_document(doc)
    except InputError as exc:
        return type(exc), exc.message, exc.where
    except Exception as exc:  # a cleaner bug on one input must not stop the run
        log.warning("cleaning %s failed unexpectedly", doc.source, exc_info=True)
        return UnexpectedError, f"{type(exc).__name__}: {exc}", doc.source
    article.id = doc.id
    return article


@contextmanager
def _mapper(
    workers: int,
) -> Iterator[Callable[[Sequence[Document]], list[Article | tuple[type[InputError], str, str | None]]]]:
    """A function mapping ``clean_one`` over a batch: in this process, or over a process pool."""
    if workers <= 1:
        yield lambda batch: [clean_one(d) for d in batch]
        return
    import storyline.clean  # noqa: F401  (imported once here, so forked workers start with it loaded)

    pool: Executor = ProcessPoolExecutor(max_workers=workers)
    try:
        yield lambda batch: list(pool.map(clean_one, batch, chunksize=max(1, len(batch) // (workers * 4))))
    finally:
        pool.shutdown(cancel_futures=True)


def clean_step(store: Store, progress: Progress | None = None) -> StepReport:
    """Clean every pending document into an article (or a recorded failure), a batch per transaction."""
    version, report = clean_version(), StepReport("clean")
    after = ""
    with _mapper(int(settings.get("workers"))) as clean_batch:
        while batch := store.pending_documents(version, BATCH_SIZE, after=after):
            after = batch[-1].id
            results = clean_batch(batch)
            articles = [r for r in results if isinstance(r, Article)]
            with store.atomic() as conn:
                store.save_articles(conn, articles, version)
                for doc, result in zip(batch, results, strict=True):
                    if not isinstance(result, Article):
                        error_type, message, where = result
                        error = error_type(message, where=where)
                        store.fail_document(conn, doc, error, clean_version=version)
                        report.dropped[error.reason] += 1
            report.seen += len(batch)
            report.done += len(articles)
            if progress:
                progress.advance(len(batch))
    return report


STEPS: list[Step] = [
    Step("clean", clean_step, lambda store: store.count_pending_documents(clean_version())),
    Step("dedup", dedup_step, count_pending_dedup),
    Step("extract", extract_step, count_pending_extract),
]


def steps_named(names: str | Sequence[str] | None) -> list[Step]:
    """The steps of ``STEPS`` with these names (a list or "clean,dedup"), in pipeline order; all when None."""
    if names is None:
        return list(STEPS)
    wanted = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
    known = [step.name for step in STEPS]
    unknown = [n for n in wanted if n not in known]
    if unknown or not wanted:
        raise UsageError(f"unknown step {', '.join(unknown) or '(none)'}; steps are: {', '.join(known)}")
    return [step for step in STEPS if step.name in wanted]


# -- the jobs -------------------------------------------------------------------------------------


def process(store: Store, *, steps: Sequence[Step] | None = None, progress: Progress | None = None) -> ProcessReport:
    """Run each step (default: all of ``STEPS``) over what is pending in ``store``."""
    with store.exclusive():
        return _process(store, STEPS if steps is None else steps, progress)


def _process(store: Store, steps: Sequence[Step], progress: Progress | None) -> ProcessReport:
    """Run ``steps`` in order (the caller holds the processing lock)."""
    report = ProcessReport()
    for step in steps:
        if progress:
            progress.start(step.name, step.count(store) if step.count else None)
        started = time.perf_counter()
        try:
            report.steps.append(step.run(store, progress))
            report.seconds[step.name] = time.perf_counter() - started
        finally:
            if progress:
                progress.finish()
    return report


def ingest(
    store: Store,
    inputs: Iterable[str],
    options: ReadOptions | None = None,
    progress: Progress | None = None,
    notice: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read ``inputs`` (paths, folders, URLs, ``-``) into the store; already-stored documents are skipped.

    ``notice`` (optional) is told, in one line naming the input, of each input that failed and of each
    document kept without its unreadable publication date."""
    from storyline.ingest import ReadOptions, read_inputs

    items = _not_the_store(store, read_inputs(list(inputs), options or ReadOptions()))
    if notice:
        items = _noticed(items, notice)
    if progress:
        progress.start("ingest", None)
        items = _counted(items, progress)
    try:
        return store.add_documents(items)
    finally:
        if progress:
            progress.finish()


def _not_the_store(store: Store, items: Iterable[T]) -> Iterator[T]:
    """Skip the store's own files (``storyline run .`` with the database in that folder)."""
    if store.is_postgres or store.location == ":memory:":
        yield from items
        return
    own = {store.location + suffix for suffix in ("", "-wal", "-shm", "-journal", "-lock")}
    for item in items:
        source = str(getattr(item, "source", "")).split("#", 1)[0]
        if source and (source in own or str(Path(source).resolve()) in own):
            continue
        yield item


def _noticed(items: Iterable[T], notice: Callable[[str], None]) -> Iterator[T]:
    """Pass items through, telling ``notice`` of failed inputs and of dates that could not be read."""
    for item in items:
        error = getattr(item, "error", None)  # an IngestFailure
        if isinstance(error, InputError):
            notice(f"skipped {error}")
        elif isinstance(item, Document) and item.metadata.get("date_error"):
            notice(f"{item.source}: {item.metadata['date_error']}; kept without a publication date")
        yield item


def _counted(items: Iterable[T], progress: Progress) -> Iterator[T]:
    """Pass items through, advancing ``progress`` by one each."""
    for item in items:
        yield item
        progress.advance(1)


def run(
    store: Store,
    inputs: Iterable[str],
    options: ReadOptions | None = None,
    progress: Progress | None = None,
    steps: Sequence[Step] | None = None,
    notice: Callable[[str], None] | None = None,
) -> RunReport:
    """The main job: ingest ``inputs``, then process everything pending (with ``steps``, default all)."""
    read = ingest(store, inputs, options, progress, notice)
    return RunReport(read, process(store, steps=steps, progress=progress))


__all__ = [
    "STEPS",
    "ProcessReport",
    "Progress",
    "RunReport",
    "Step",
    "StepReport",
    "UnexpectedError",
    "clean_step",
    "ingest",
    "process",
    "run",
    "steps_named",
]
