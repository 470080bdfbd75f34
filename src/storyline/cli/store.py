"""Commands of the store area: ``ingest``, ``process``, ``run``, ``articles``, ``failures``.

They only translate: options → :mod:`storyline.pipeline` / :class:`~storyline.store.Store` calls →
text on stdout, progress and summaries on stderr. Every command takes ``--db`` (else ``STORYLINE_DB``,
else ``./storyline.db``).
"""

from __future__ import annotations

import json
import shlex
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from storyline import pipeline
from storyline.cli import cli
from storyline.ingest import ReadOptions
from storyline.models import Article
from storyline.store import IngestReport, Store

F = TypeVar("F", bound=Callable[..., Any])
VERBOSE_FAILURES = 20
FIELD_ROLES = ("text", "date", "title", "url", "id", "source")  # the ``*_field`` settings of ReadOptions


def db_option(func: F) -> F:
    """The ``--db`` option every store command takes."""
    return click.option(
        "--db", metavar="PATH|URL", default=None, help="SQLite path or postgresql:// URL [env STORYLINE_DB]."
    )(func)


def steps_option(func: F) -> F:
    """The ``--steps`` option of the commands that process."""
    names = ",".join(step.name for step in pipeline.STEPS)
    return click.option("--steps", metavar="NAMES", help=f"Only these steps, comma-separated (default: {names}).")(func)


def read_options(func: F) -> F:
    """Options naming the fields of tabular input (JSON Lines, JSON, CSV), and the URL fetch timeout."""
    for name in reversed(FIELD_ROLES):  # options are listed in the order of FIELD_ROLES
        func = click.option(f"--{name}-field", metavar="NAME", help=f"Field holding each item's {name}.")(func)
    return click.option(
        "--fetch-timeout", type=click.FloatRange(min=0.1), metavar="SECONDS", help="Give up on a URL after this."
    )(func)


# Set by Ctrl-C. A KeyboardInterrupt raised while Python runs a finaliser (``__del__``, a weakref callback) is
# printed and dropped, not raised: the flag makes the next finished batch (BarProgress.advance) stop the run.
INTERRUPTED = threading.Event()


def _interrupt(signum: int, frame: Any) -> None:
    """SIGINT: remember it, then interrupt as Python does by default."""
    INTERRUPTED.set()
    raise KeyboardInterrupt


def _quiet_dropped_interrupt(previous: Any) -> Any:
    """An unraisable hook that passes over the KeyboardInterrupt a finaliser dropped (``INTERRUPTED`` holds it: the run
    stops at the next batch) instead of printing its traceback, and hands anything else to ``previous``."""

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt) and INTERRUPTED.is_set():
            return
        previous(unraisable)

    return hook


@contextmanager
def opened(db: str | None) -> Iterator[Store]:
    """The store named by ``--db``, closed afterwards; Ctrl-C keeps every finished batch and exits 130."""
    store = Store.open(db)
    previous = signal.getsignal(signal.SIGINT)
    # not from a thread, and not when Ctrl-C is ignored (a job started in the background keeps ignoring it)
    handle = threading.current_thread() is threading.main_thread() and previous is not signal.SIG_IGN
    previous_hook = sys.unraisablehook
    if handle:
        signal.signal(signal.SIGINT, _interrupt)
        sys.unraisablehook = _quiet_dropped_interrupt(previous_hook)
    try:
        yield store
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt  # it was dropped inside a finaliser and no batch came after
    except KeyboardInterrupt:
        click.echo("\ninterrupted: every finished batch is kept; `storyline process` goes on from there", err=True)
        raise SystemExit(130) from None
    finally:
        if handle:
            signal.signal(signal.SIGINT, previous)
            sys.unraisablehook = previous_hook
        INTERRUPTED.clear()
        store.close()


class BarProgress:
    """Progress bars on stderr: a bar when the total is known, a running count otherwise."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._label = ""
        self._count = 0
        self._shown = 0.0
        self._tty = sys.stderr.isatty()

    def start(self, step: str, total: int | None) -> None:
        """Begin a bar (or a counter) for ``step``."""
        self._label, self._count = step, 0
        if total and self._tty:
            self._bar = click.progressbar(length=total, label=f"{step:<8}", file=sys.stderr, show_pos=True)
            self._bar.__enter__()

    def advance(self, n: int) -> None:
        """Move the bar on by ``n`` (a batch is finished: stop here if Ctrl-C was pressed)."""
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt
        self._count += n
        if self._bar is not None:
            self._bar.update(n)
        elif self._tty and time.monotonic() - self._shown > 0.2:
            self._shown = time.monotonic()
            click.echo(f"\r{self._label:<8} {self._count} items", nl=False, err=True)

    def finish(self) -> None:
        """Close the bar."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
        elif self._tty and self._count:
            click.echo(f"\r{self._label:<8} {self._count} items", err=True)


class Notices:
    """One line on stderr per input that failed (or lost its date), the first ``limit``; then a count."""

    def __init__(self, limit: int = VERBOSE_FAILURES) -> None:
        self.limit = limit
        self.given = 0

    def __call__(self, line: str) -> None:
        """Print a notice (or only count it, past the limit)."""
        self.given += 1
        if self.given <= self.limit or verbosity():
            click.echo(("\r" if sys.stderr.isatty() else "") + line, err=True)

    def finish(self) -> None:
        """Say how many notices were not printed."""
        hidden = self.given - self.limit
        if hidden > 0 and not verbosity():
            click.echo(f"... and {hidden} more (-v shows all; `storyline failures` lists the failed)", err=True)


def _reasons(counter: Counter[str]) -> str:
    """'2 (decode_error 1, empty_input 1)' or '0'."""
    total = sum(counter.values())
    if not total:
        return "0"
    return f"{total} (" + ", ".join(f"{reason} {n}" for reason, n in counter.most_common()) + ")"


def echo_ingest(report: IngestReport) -> None:
    """One line on what ingest read."""
    click.echo(
        f"read {report.read} inputs: {report.new} new, {report.existing} already stored, "
        f"{_reasons(report.failed)} failed",
        err=True,
    )


def echo_process(report: pipeline.ProcessReport) -> None:
    """One line per step on what processing did."""
    for step in report.steps:
        if not step.seen:
            click.echo(f"{step.name}: nothing pending", err=True)
            continue
        took = report.seconds.get(step.name, 0.0)
        click.echo(
            f"{step.name}: {step.done} of {step.seen} done, {_reasons(step.dropped)} failed ({took:.1f} s)", err=True
        )


def check_read(report: IngestReport, inputs: tuple[str, ...]) -> None:
    """Fail (exit 1) when the inputs held nothing readable: a typo in a path should not look like success."""
    if not report.read:
        raise click.ClickException(f"no inputs found in {' '.join(inputs)}")
    if not report.new + report.existing:
        raise click.ClickException("none of the inputs could be read; `storyline failures` says why")


def verbosity() -> int:
    """How many ``-v`` the user gave to ``storyline``."""
    ctx = click.get_current_context(silent=True)
    return int(ctx.find_root().params.get("verbose") or 0) if ctx else 0


def echo_summary(store: Store, db: str | None) -> None:
    """What is in the store now, where it is, and what to try next."""
    counts = store.counts()
    parts = [f"{counts.documents} documents", f"{counts.articles} articles", f"{counts.failures} failures"]
    if counts.groups:
        parts.append(f"{counts.groups} duplicate groups")
    if counts.events:
        parts.append(f"{counts.events} events")
    click.echo(f"store {store.location}: " + ", ".join(parts), err=True)
    db = f" --db {shlex.quote(db)}" if db else ""  # STORYLINE_DB or the default reach the next command by themselves
    hints = [(f"storyline articles{db}", "list the articles"), (f"storyline articles{db} --show ID", "one, cleaned")]
    if counts.failures:
        hints.append((f"storyline failures{db}", "inputs that failed, and why"))
    if counts.groups:
        hints.append((f"storyline articles{db} --groups", "wire copies grouped"))
    if counts.events:
        hints.append((f"storyline events{db}", "the events found"))
    if verbosity() and counts.failures:
        shown = store.failures(limit=VERBOSE_FAILURES)
        click.echo(f"failures (latest {len(shown)} of {counts.failures}):", err=True)
        for f in shown:
            click.echo(f"  {f.stage:<8} {f.reason:<20} {f.source}: {f.message}", err=True)
    click.echo("next:", err=True)
    width = max(len(cmd) for cmd, _ in hints)
    for cmd, what in hints:
        click.echo(f"  {cmd:<{width}}  {what}", err=True)


def _options(fields: dict[str, Any]) -> ReadOptions:
    """ReadOptions from the ``--*-field`` and ``--fetch-timeout`` options."""
    options = ReadOptions()
    for role in FIELD_ROLES:
        setattr(options, f"{role}_field", fields[f"{role}_field"])
    if fields.get("fetch_timeout") is not None:
        options.fetch_timeout = float(fields["fetch_timeout"])
    return options


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@db_option
@read_options
def ingest_command(inputs: tuple[str, ...], db: str | None, **fields: Any) -> None:
    """Read files, folders, globs, URLs or - (stdin) into the store, verbatim; already-stored ones are skipped."""
    notices = Notices()
    with opened(db) as store:
        report = pipeline.ingest(store, inputs, _options(fields), BarProgress(), notices)
        notices.finish()
        echo_ingest(report)
        check_read(report, inputs)


@cli.command("process")
@db_option
@steps_option
@click.option("--retry-failed", is_flag=True, help="Try documents that failed cleaning again.")
def process_command(db: str | None, steps: str | None, retry_failed: bool) -> None:
    """Run the pipeline steps over what is pending in the store (resumes after a crash)."""
    with opened(db) as store:
        if retry_failed:
            click.echo(f"retrying {store.retry_failed('clean')} documents that failed cleaning", err=True)
        echo_process(pipeline.process(store, steps=pipeline.steps_named(steps), progress=BarProgress()))
        echo_summary(store, db)


@cli.command("run")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@db_option
@steps_option
@read_options
def run_command(inputs: tuple[str, ...], db: str | None, steps: str | None, **fields: Any) -> None:
    """The main job: read the inputs into the store, process them, and say where to look."""
    chosen = pipeline.steps_named(steps)
    notices = Notices()
    with opened(db) as store:
        report = pipeline.run(store, inputs, _options(fields), BarProgress(), chosen, notices)
        notices.finish()
        echo_ingest(report.ingest)
        echo_process(report.process)
        echo_summary(store, db)
        check_read(report.ingest, inputs)


@cli.command("articles")
@db_option
@click.option(
    "--show", "show_id", metavar="ID", help="Print one article (id or a unique prefix) with its removed lines."
)
@click.option("--groups", is_flag=True, help="List duplicate groups (wire copies), canonical copy first.")
@click.option("--source", help="Only articles from this source (e.g. Reuters).")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one article per line.")
def articles_command(
    db: str | None, show_id: str | None, groups: bool, source: str | None, limit: int | None, as_json: bool
) -> None:
    """List the cleaned articles: id, published, source, title."""
    with opened(db) as store:
        if show_id:
            show_article(store, show_id, as_json)
        elif groups:
            show_groups(store, limit, as_json)
        else:
            list_articles(store.articles(limit=limit, source=source), as_json)


def list_articles(articles: list[Article], as_json: bool) -> None:
    """Print articles as a table or as JSON Lines."""
    for article in articles:
        if as_json:
            click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
        else:
            title = article.title or article.body[:70].replace("\n", " ")
            click.echo(f"{article.id[:12]}  {article.published or '-':<10}  {article.source or '-':<12}  {title}")


def show_article(store: Store, article_id: str, as_json: bool) -> None:
    """Print one article: metadata, body, then what cleaning removed and why."""
    article = store.article(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id!r} in {store.location}")
    if as_json:
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
        return
    click.echo(article.title or "(no title)")
    for label, value in (
        ("id", article.id),
        ("published", article.published),
        ("source", article.source),
        ("byline", article.byline),
        ("dateline", article.dateline),
        ("url", article.url),
    ):
        if value:
            click.echo(f"{label}: {value}")
    click.echo("\n" + article.body + "\n")
    for heading, lines in (("captions", article.captions), ("related", article.related)):
        if lines:
            click.echo(f"{heading}:\n" + "\n".join(f"  {line}" for line in lines))
    if article.removed:
        click.echo("removed:")
        for removed in article.removed:
            click.echo(f"  [{removed.reason}] {removed.text}")


def show_groups(store: Store, limit: int | None, as_json: bool) -> None:
    """Print duplicate groups, canonical copy first, with each copy's similarity to it."""
    for group in store.groups(limit=limit):
        if as_json:
            members = [{"id": m.article_id, "canonical": m.canonical, "similarity": m.similarity} for m in group]
            click.echo(json.dumps({"group": group[0].group_id, "members": members}))
            continue
        click.echo(f"group {group[0].group_id[:12]} ({len(group)} copies)")
        for m in group:
            mark = "*" if m.canonical else " "
            click.echo(f"  {mark} {m.article_id[:12]}  {m.similarity:.2f}  {m.source or '-':<12}  {m.title or ''}")


@cli.command("failures")
@db_option
@click.option("--stage", type=click.Choice(["ingest", "clean", "dedup", "extract"]), help="Only this stage.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one failure per line.")
def failures_command(db: str | None, stage: str | None, as_json: bool) -> None:
    """List inputs that failed, with the stage and the reason."""
    with opened(db) as store:
        for f in store.failures(stage=stage):
            if as_json:
                record = {
                    "stage": f.stage,
                    "source": f.source,
                    "reason": f.reason,
                    "message": f.message,
                    "document_id": f.document_id,
                }
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                click.echo(f"{f.stage:<8} {f.reason:<20} {f.source}: {f.message}")
